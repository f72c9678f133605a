"""Reading files of published fact-checks: every format's good records, and bad ones refused with
where they are."""

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import library_formats as formats

FIXTURES = Path(__file__).parent / "fixtures" / "library"


def _parse(name: str, file_format: str | None = None) -> list[formats.Parsed]:
    path = FIXTURES / name
    return list(formats.parse(path.read_bytes(), file_format or formats.format_for(name)))


def _outcome(parsed):
    return [(item.where, item.record["claim"] if item.record else None) for item in parsed]


def test_csv_keeps_good_rows_and_names_the_line_of_each_bad_one():
    parsed = _parse("checks.csv")
    assert _outcome(parsed) == [
        ("line 2", "The harbour bridge toll rose by 40 percent in one year"),
        ("line 3", None),
        ("line 4", "Half of the region's bakeries closed during the winter"),
        ("line 6", None),
        ("line 7", None),
    ]
    first = parsed[0].record
    assert first == {
        "external_id": "lk-1",
        "claim": "The harbour bridge toll rose by 40 percent in one year",
        "title": "Did the bridge toll jump?",
        "rating": "False",
        "url": "https://checks.example/bridge-toll",
        "review_date": "2025-02-11",
        "publisher": "Lakeside Checks",
        "language": "en",
    }
    # An id with its claim cell empty updates the fact-check of that id (refused on import when
    # the library has none), as README says of any cell left empty.
    assert parsed[1].problem is None and parsed[1].record["claim"] is None
    assert "not-a-date" in parsed[3].problem and "YYYY-MM-DD" in parsed[3].problem
    assert "http" in parsed[4].problem


def test_tsv_reads_tabs_and_dates_with_times():
    parsed = _parse("checks.tsv")
    assert _outcome(parsed)[1] == ("line 3", None)
    assert parsed[0].record["claim"] == "The orchard festival drew 90,000 visitors"
    assert parsed[2].record["review_date"] == "2024-10-02"
    assert parsed[2].record["title"] is None


def test_json_lines_refuse_lines_that_are_not_objects_with_a_claim():
    parsed = _parse("checks.jsonl")
    assert [item.where for item in parsed] == ["line 1", "line 2", "line 3", "line 4", "line 5"]
    assert [item.record is not None for item in parsed] == [True, False, False, True, False]
    # A number where the claim belongs is a mistake in the file, not the claim "42".
    assert parsed[1].problem == "the claim must be text in quotes, not a number"
    assert "not JSON" in parsed[2].problem
    assert parsed[3].record["publisher"] == "Coastline Facts"


def test_claim_review_list_maps_schema_org_fields():
    parsed = _parse("claimreviews.json")
    assert [item.where for item in parsed] == ["item 1", "item 2", "item 3", "item 4"]
    pier = parsed[0].record
    assert pier == {
        "external_id": "https://checks.example/reviews/pier#review",
        "claim": "The old pier was closed to the public for six months",
        "title": "Was the pier really closed for six months?",
        "rating": "Mostly false",
        "url": "https://checks.example/reviews/pier",
        "review_date": "2025-06-01",
        "publisher": "Bayside Verify",
        "language": "en",
    }
    assert "claim is empty" in parsed[1].problem
    assert "Organization, not a ClaimReview" in parsed[2].problem
    parking = parsed[3].record
    assert parking["rating"] == "1/5" and parking["review_date"] == "2025-06-03"
    assert parking["publisher"] == "Bayside Verify"


def test_claim_review_graph_skips_other_nodes_and_reads_html_pages():
    graph = _parse("graph.jsonld")
    assert _outcome(graph) == [("item 2", "The central library cut its opening hours by half")]
    assert graph[0].record["external_id"] == "gr-1"
    assert graph[0].record["rating"] == "Misleading"
    page = _parse("page.html")
    assert page[0].record["claim"] == "It snowed in the valley every May this decade"


def test_single_claim_review_object():
    review = {"@type": "ClaimReview", "claimReviewed": "One claim", "url": "https://x.example/1"}
    parsed = list(formats.parse(json.dumps(review).encode(), "claimreview"))
    assert _outcome(parsed) == [("item 1", "One claim")]


@pytest.mark.parametrize(
    ("data", "file_format", "words"),
    [
        (b"title,rating\nx,y\n", "csv", "no claim column"),
        (b"", "csv", "empty"),
        (b"{not json", "claimreview", "not JSON"),
        (b'{"claim": "caf\xe9"}\n', "jsonl", "not UTF-8"),
        (b"\xff\xfe\x00\xd8", "jsonl", "not UTF-16"),
        (b"PK\x03\x04zipped", "csv", "ZIP"),
        (b"claim,Claim\nfirst,second\n", "csv", "names the claim column twice; keep one"),
        (b"id\tclaim\tdate\treview_date\nx\ty\tz\tw\n", "tsv", "names the date column twice"),
        # A file in another format given as JSON Lines
        (b"id,claim\nc-1,The ferry fare doubled\n", "jsonl", "no line of the file is JSON"),
        (
            b"id,claim\nc-1,The ferry fare doubled\n",
            "jsonl",
            r"CSV, TSV or ClaimReview JSON-LD \(csv, tsv, claimreview\)",
        ),
        (b"<html><p>a page</p></html>\n", "jsonl", "no line of the file is JSON"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(data, file_format, words):
    with pytest.raises(formats.FormatRefused, match=words):
        list(formats.parse(data, file_format))


def test_format_from_extension():
    assert formats.format_for("a/b/checks.CSV") == "csv"
    assert formats.format_for("x.tsv") == "tsv"
    assert formats.format_for("x.jsonl") == "jsonl"
    assert formats.format_for("x.json") == "claimreview"
    assert formats.format_for("x.txt") is None


# Cells with line breaks inside them (quoted by the writer), but no other control characters.
_cell = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=40)


@settings(deadline=None)
@given(st.lists(st.tuples(_cell, _cell), max_size=8))
def test_csv_rows_keep_their_order_and_the_line_they_start_on(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "claim"])
    expected, line, ids = [], 2, set()
    for row in rows:
        before = buffer.tell()
        writer.writerow(row)
        if any(cell.strip() for cell in row):
            own_id, claim = formats.clean_text(row[0]), formats.clean_text(row[1])
            # A row with an id is taken (without a claim it updates that fact-check) unless an
            # earlier row gave the id; one without an id needs its claim.
            taken = own_id not in ids if own_id else claim is not None
            if own_id and taken:
                ids.add(own_id)
            expected.append((f"line {line}", taken, claim))
        line += buffer.getvalue()[before:].count("\n")
    parsed = list(formats.parse(buffer.getvalue().encode("utf-8"), "csv"))
    assert [item.where for item in parsed] == [where for where, *_ in expected]
    for item, (_, taken, claim) in zip(parsed, expected, strict=True):
        assert (item.record is not None) == taken
        if taken:
            assert item.record["claim"] == claim


@settings(deadline=None)
@given(st.text(max_size=200))
def test_clean_text_is_one_line_and_idempotent(text):
    cleaned = formats.clean_text(text)
    if cleaned is None:
        assert not text.split() or not formats.clean_text(" ".join(text.split()))
        return
    assert "\n" not in cleaned and cleaned == cleaned.strip()
    assert formats.clean_text(cleaned) == cleaned


# Languages, checked against the same ISO 639-1 list as `factcheck import --language`


@pytest.mark.parametrize(
    ("given", "kept"),
    [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("es-419", "es"), ("", None)],
)
def test_a_language_code_is_kept_as_its_lower_case_iso_code(given, kept):
    assert formats.clean_language(given) == kept


@pytest.mark.parametrize("given", ["English", "xx", "e", "en-", "en-GB-x-private", "12"])
def test_a_language_that_is_not_a_code_is_refused(given):
    with pytest.raises(ValueError, match="not an ISO 639 language code; write it as two"):
        formats.clean_language(given)


def test_a_bad_language_refuses_its_row_in_every_format_and_the_rest_land():
    table = "id,claim,language\na,First claim,en\nb,Second claim,xx\nc,Third claim,fr\n"
    lines = [
        {"claim": "First claim", "language": "de"},
        {"claim": "Second claim", "language": "Deutsch"},
    ]
    reviews = [
        {"@type": "ClaimReview", "claimReviewed": "First claim", "inLanguage": "es"},
        {"@type": "ClaimReview", "claimReviewed": "Second claim", "inLanguage": {"name": "zz"}},
    ]
    files = {
        "csv": table.encode(),
        "tsv": table.replace(",", "\t").encode(),
        "jsonl": "\n".join(json.dumps(line) for line in lines).encode(),
        "claimreview": json.dumps(reviews).encode(),
    }
    for file_format, data in files.items():
        parsed = list(formats.parse(data, file_format))
        assert [item.record is not None for item in parsed][:2] == [True, False], file_format
        assert "is not an ISO 639 language code" in parsed[1].problem
        assert parsed[1].where in ("line 3", "line 2", "item 2")
    assert [
        item.record["language"] for item in formats.parse(files["csv"], "csv") if item.record
    ] == [
        "en",
        "fr",
    ]


# Values that are not text


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ({"claim": 5}, "the claim must be text in quotes, not a number"),
        ({"claim": 2.5}, "the claim must be text in quotes, not a number"),
        ({"claim": True}, "the claim must be text in quotes, not true or false"),
        ({"claim": ["a claim"]}, "the claim must be text in quotes, not a list"),
        (
            {"claim": "ok", "title": {"text": "x"}},
            "the title must be text in quotes, not an object",
        ),
        ({"claim": "ok", "id": 17}, "the id must be text in quotes, not a number"),
        ({"claim": "ok", "language": 1}, "the language must be text in quotes, not a number"),
    ],
)
def test_a_json_line_with_a_value_that_is_not_text_is_refused_with_its_line(line, words):
    data = (json.dumps({"claim": "A good claim"}) + "\n" + json.dumps(line) + "\n").encode()
    parsed = list(formats.parse(data, "jsonl"))
    assert parsed[0].record["claim"] == "A good claim"
    assert (parsed[1].where, parsed[1].record, parsed[1].problem) == ("line 2", None, words)


def test_claim_review_numbers_that_schema_org_allows_are_read_as_text():
    review = {
        "@type": "ClaimReview",
        "identifier": 1234,
        "claimReviewed": "One claim",
        "reviewRating": {"ratingValue": 2.5, "bestRating": 5},
    }
    (parsed,) = formats.parse(json.dumps(review).encode(), "claimreview")
    assert (parsed.record["external_id"], parsed.record["rating"]) == ("1234", "2.5/5")


# Files as newsrooms export them


def test_a_row_with_a_stray_quote_is_refused_and_the_rows_after_it_still_land():
    data = (
        b"id,claim,rating\n"
        b'q1,The mayor said "no" to the ferry,False\n'
        b'q2,"The quoted cell "breaks" here",False\n'
        b"q3,The tram runs all night,True\n"
        b'q4,"A quote that is never closed,False\n'
        b"q5,swallowed by the open quote,True\n"
    )
    parsed = list(formats.parse(data, "csv"))
    assert _outcome(parsed) == [
        ("line 2", 'The mayor said "no" to the ferry'),
        ("line 3", None),
        ("line 4", "The tram runs all night"),
        ("line 5", None),
    ]
    assert "double quotes" in parsed[1].problem
    assert "never closed" in parsed[3].problem


def test_utf16_as_excel_saves_unicode_text_is_read():
    table = "id\tclaim\trating\r\nu-1\tLe café a fermé à Genève\tFaux\r\n"
    for data in (table.encode("utf-16"), b"\xfe\xff" + table.encode("utf-16-be")):
        [parsed] = formats.parse(data, "tsv")
        assert parsed.record["claim"] == "Le café a fermé à Genève"


def test_a_file_that_is_not_utf8_names_the_line_to_fix():
    data = "id,claim\nl-1,The ferry fare doubled\nl-2,Le café a fermé\n".encode("latin-1")
    with pytest.raises(formats.FormatRefused, match="line 3 is not UTF-8 text") as refused:
        list(formats.parse(data, "csv"))
    assert str(refused.value).endswith(
        "save the file as UTF-8 (in Excel: CSV UTF-8) and import it again"
    )
    # A JSON file is no spreadsheet's: the same fix, without Excel.
    for data, file_format in (
        ('{"claim": "Le café a fermé"}\n'.encode("latin-1"), "jsonl"),
        ('{"@type": "ClaimReview", "claimReviewed": "café"}'.encode("latin-1"), "claimreview"),
    ):
        with pytest.raises(formats.FormatRefused) as refused:
            list(formats.parse(data, file_format))
        assert str(refused.value).endswith("; save the file as UTF-8 and import it again")


@pytest.mark.parametrize(
    ("charset", "encoding"), [("windows-1252", "cp1252"), ("Shift_JIS", "shift_jis")]
)
def test_a_fact_checkers_page_is_read_in_the_charset_it_declares(charset, encoding):
    """A ClaimReview page saved as it is served, in a legacy charset its <meta> names, is read
    as an article's page is, not refused as a CSV that is not UTF-8."""
    claim = (
        "Zürich spent €4.5 million on “new” trams"
        if encoding == "cp1252"
        else "東京都は路面電車に45億円を支出した"
    )
    review = {"@type": "ClaimReview", "claimReviewed": claim, "url": "https://fc.example/1"}
    page = (
        f'<!doctype html><html><head><meta charset="{charset}"><title>Check</title>'
        f'<script type="application/ld+json">{json.dumps(review, ensure_ascii=False)}</script>'
        "</head><body><p>Checked.</p></body></html>"
    ).encode(encoding)
    [parsed] = formats.parse(page, "claimreview")
    assert parsed.record["claim"] == claim


def test_csv_with_semicolons_as_excel_writes_it_in_many_locales_is_read():
    data = (
        "\ufeffID;Claim;Rating;Date\r\n"
        "s-1;Die Fährpreise haben sich verdoppelt, sagt der Rat;Falsch;2024-03-01\r\n"
        's-2;"Der Tunnel kostet 1,5 Milliarden; nicht 3";Richtig;2024-03-02\r\n'
    ).encode()
    parsed = list(formats.parse(data, "csv"))
    assert _outcome(parsed) == [
        ("line 2", "Die Fährpreise haben sich verdoppelt, sagt der Rat"),
        ("line 3", "Der Tunnel kostet 1,5 Milliarden; nicht 3"),
    ]
    assert parsed[0].record["rating"] == "Falsch"
    tabs = b"id\tclaim\nt-1\tThe tram runs all night\n"
    assert _outcome(formats.parse(tabs, "csv")) == [("line 2", "The tram runs all night")]


def test_json_lines_given_as_one_array_or_with_trailing_commas_are_read():
    records = [{"id": "j-1", "claim": "The ferry fare doubled"}, {"id": "j-2", "claim": ""}]
    records.append({"id": "j-3", "claim": "The tram runs all night"})
    expected = [("item 1", "The ferry fare doubled"), ("item 2", None)]
    expected.append(("item 3", "The tram runs all night"))
    for text in (json.dumps(records), json.dumps(records, indent=2)):
        assert _outcome(formats.parse(text.encode(), "jsonl")) == expected
    lines = ",\n".join(json.dumps(record) for record in records) + "\n"
    parsed = list(formats.parse(lines.encode(), "jsonl"))
    assert _outcome(parsed) == [(where.replace("item", "line"), claim) for where, claim in expected]


def test_a_fact_check_page_with_other_json_ld_scripts_reads_only_its_reviews():
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example/ferry",
        "claimReviewed": "The ferry fare doubled in one spring",
        "datePublished": "2025-03-04T09:30:00+01:00",
        "author": {"@type": "Organization", "name": "Harbour Check"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A councillor"},
            "datePublished": "2025-03-01",
            "appearance": [{"@type": "CreativeWork", "url": "https://social.example/p/1"}],
        },
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
    }
    scripts = [
        {"@type": "NewsArticle", "headline": "Did the ferry fare double?"},
        {"@type": "BreadcrumbList", "itemListElement": []},
        review,
    ]
    page = "<!doctype html><html><head>" + "".join(
        f'<script type="application/ld+json">{json.dumps(script)}</script>' for script in scripts
    )
    parsed = list(formats.parse(page.encode(), "claimreview"))
    assert [(item.record["claim"], item.record["rating"]) for item in parsed] == [
        ("The ferry fare doubled in one spring", "False")
    ]
    assert parsed[0].record["review_date"] == "2025-03-04"


def test_plain_records_given_as_claim_review_say_to_use_json_lines():
    records = [{"id": "r-1", "claim": "The ferry fare doubled"}]
    [parsed] = formats.parse(json.dumps(records).encode(), "claimreview")
    assert "as JSON Lines (jsonl)" in parsed.problem


def test_an_id_given_twice_in_one_file_is_refused_where_it_comes_again():
    data = (
        b"id,claim,rating\n"
        b"d-1,The ferry fare doubled,False\n"
        b"d-2,The tram runs all night,True\n"
        b"d-1,The ferry fare doubled,Mostly false\n"
    )
    parsed = list(formats.parse(data, "csv"))
    assert _outcome(parsed) == [
        ("line 2", "The ferry fare doubled"),
        ("line 3", "The tram runs all night"),
        ("line 4", None),
    ]
    assert (
        parsed[2].problem == "the id 'd-1' was already given on line 2; give each fact-check once"
    )


def test_a_claim_given_twice_at_one_address_without_ids_is_refused_where_it_comes_again():
    data = (
        b"claim,url,rating\n"
        b"The ferry fare doubled,https://checks.example/ferry,False\n"
        b"The tram runs all night,https://checks.example/ferry,True\n"
        b"The  ferry fare DOUBLED,https://checks.example/ferry,True\n"
    )
    parsed = list(formats.parse(data, "csv"))
    # Two claims on one page (a round-up) are two fact-checks; the same claim again is a clash.
    assert _outcome(parsed) == [
        ("line 2", "The ferry fare doubled"),
        ("line 3", "The tram runs all night"),
        ("line 4", None),
    ]
    assert parsed[2].problem == (
        "this claim at this address was already given on line 2; give each fact-check once"
    )


def test_a_huge_cell_is_refused_as_too_long_and_empty_cells_past_the_header_are_ignored():
    data = (
        "id,claim,rating\n"
        f'h-1,"{"x" * 200_000}",False\n'
        "h-2,The tram runs all night,True,\n"
        "h-3,The ferry is late,True,,,\n"
        "h-4,The bus is early,True,a note\n"
    ).encode()
    parsed = list(formats.parse(data, "csv"))
    assert _outcome(parsed) == [
        ("line 2", None),
        ("line 3", "The tram runs all night"),
        ("line 4", "The ferry is late"),
        ("line 5", None),
    ]
    assert "longer than" in parsed[0].problem and "quote" not in parsed[0].problem
    assert parsed[3].problem == "the row has 4 cells but the header names 3"


@pytest.mark.parametrize(
    "data", [b'{"claim": "The ferry is late"}\n', b'[{"@type": "ClaimReview"}]', b"<html></html>"]
)
def test_json_or_html_given_as_csv_is_refused_with_the_format_to_give(data):
    with pytest.raises(
        formats.FormatRefused, match=r"import it as JSON Lines \(jsonl\) or ClaimReview"
    ):
        list(formats.parse(data, "csv"))


def test_a_page_with_a_broken_json_ld_script_still_gives_its_reviews():
    review = (
        '{"@type": "ClaimReview", "url": "https://checks.example/ferry",'
        ' "claimReviewed": "The ferry fare\n doubled", "reviewRating": {"alternateName": "False"}}'
    )
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",}</script>'
        f'<script type="application/ld+json">{review}</script></head></html>'
    )
    parsed = list(formats.parse(page.encode(), "claimreview"))
    assert [(item.where, item.record and item.record["claim"]) for item in parsed] == [
        ("item 1", None),
        ("item 2", "The ferry fare doubled"),
    ]
    assert parsed[0].problem.startswith("JSON-LD script 1 of the page is not JSON")
    [alone] = formats.parse(review.encode(), "claimreview")
    assert alone.record["claim"] == "The ferry fare doubled"


def test_json_lines_of_claim_review_objects_are_read_as_claim_reviews():
    review = {
        "@type": "ClaimReview",
        "url": "https://checks.example/ferry",
        "claimReviewed": "The ferry fare doubled",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Harbour Check"},
    }
    [parsed] = formats.parse((json.dumps(review) + "\n").encode(), "jsonl")
    assert (parsed.where, parsed.record["claim"], parsed.record["rating"]) == (
        "line 1",
        "The ferry fare doubled",
        "False",
    )
    assert parsed.record["publisher"] == "Harbour Check"


def test_a_header_row_repeated_by_joining_two_files_is_not_read_as_a_fact_check():
    first = "\ufeffid,claim\nx-1,The ferry is late\n"
    second = "\ufeffID, Claim\nx-2,The tram runs all night\n"
    parsed = list(formats.parse((first + second).encode(), "csv"))
    assert _outcome(parsed) == [
        ("line 2", "The ferry is late"),
        ("line 3", None),
        ("line 4", "The tram runs all night"),
    ]
    assert "repeats the header row" in parsed[1].problem


def test_json_lines_joined_from_files_with_byte_order_marks_are_read():
    line = '\ufeff{"id": "%s", "claim": "%s"}\n'
    data = (line % ("j-1", "The ferry is late") + line % ("j-2", "The tram is early")).encode()
    assert _outcome(formats.parse(data, "jsonl")) == [
        ("line 1", "The ferry is late"),
        ("line 2", "The tram is early"),
    ]


def test_a_table_given_as_claim_review_names_the_table_formats():
    with pytest.raises(
        formats.FormatRefused, match=r"not JSON \(line 1\); .* CSV or TSV for a table"
    ):
        list(formats.parse(b"id,claim\nc-1,The ferry is late\n", "claimreview"))


def test_a_cell_past_the_csv_readers_limit_is_one_refused_row_and_the_rows_after_it_land():
    # A reader stopped at its field limit went on mid-cell and read the rest of the cell, line by
    # line, as rows of their own: tens of thousands of refusals for one bad row.
    long_cell = "A claim that runs on\n" * 10_000  # 210,000 characters, over 131,072
    data = (
        f'id,claim,rating\nh-1,"{long_cell}",False\n'
        "h-2,The tram runs all night,True\nh-3,The ferry is late,True\n"
    ).encode()
    parsed = list(formats.parse(data, "csv"))
    assert _outcome(parsed) == [
        ("line 2", None),
        ("line 10003", "The tram runs all night"),
        ("line 10004", "The ferry is late"),
    ]
    assert "longer than" in parsed[0].problem


@pytest.mark.parametrize("author", [{"name": 5}, ["Harbour Check", {"name": 5}], [["a", [5]]]])
def test_a_claim_review_author_named_by_a_number_is_refused_alone_or_in_a_list(author):
    review = {"@type": "ClaimReview", "claimReviewed": "x", "url": "https://c.example/w"}
    (parsed,) = formats.parse(json.dumps({**review, "author": author}).encode(), "claimreview")
    assert (parsed.where, parsed.problem) == (
        "item 1",
        "the publisher must be text in quotes, not a number",
    )
    names = [{"name": "Harbour Check"}, "Bay Verify", {"name": 0}]
    (parsed,) = formats.parse(json.dumps({**review, "author": names}).encode(), "claimreview")
    assert parsed.record["publisher"] == "Harbour Check, Bay Verify"


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


_TOO_DEEP = "nested too deeply (lists or objects more than 100 levels inside one another)"


# 150 levels Python's parser reads (what reads the record then must not recurse that deep);
# 100,000 levels it gives up on with a RecursionError.
@pytest.mark.parametrize("levels", [150, 100_000])
def test_json_nested_too_deeply_refuses_its_line_or_item_and_the_others_land(levels):
    good = json.dumps({"claim": "A good claim"})
    review = '{"@type": "ClaimReview", "claimReviewed": "Deep", "author": ' + _nested(levels) + "}"
    lines = "\n".join([good, _nested(levels), '{"claim": "x", "title": ' + _nested(levels) + "}"])
    parsed = list(formats.parse(f"{lines}\n{review}\n".encode(), "jsonl"))
    assert [(item.where, item.problem) for item in parsed[1:]] == [
        (f"line {n}", f"the line is {_TOO_DEEP}; give each field as text") for n in (2, 3, 4)
    ]
    assert parsed[0].record["claim"] == "A good claim"
    page = (
        f'<script type="application/ld+json">{review}</script>'
        '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "Good"}'
        "</script>"
    )
    first, second = formats.parse(page.encode(), "claimreview")
    assert first.where == "item 1" and _TOO_DEEP in first.problem
    assert second.record["claim"] == "Good"


def test_a_json_array_or_claim_review_list_refuses_only_its_item_nested_too_deeply():
    deep = json.loads(_nested(150))
    records = [{"claim": "A good claim"}, {"claim": "Deep", "tags": deep}]
    parsed = list(formats.parse(json.dumps(records, indent=2).encode(), "jsonl"))
    assert [(item.where, item.problem) for item in parsed] == [
        ("item 1", None),
        ("item 2", f"the item is {_TOO_DEEP}; give each field as text"),
    ]
    reviews = [{"@type": "ClaimReview", "claimReviewed": c, "author": deep} for c in "ab"]
    reviews[0]["author"] = {"name": "Harbour Check"}
    first, second = formats.parse(json.dumps(reviews).encode(), "claimreview")
    assert first.record["publisher"] == "Harbour Check"
    assert second.problem == f"the item is {_TOO_DEEP}; a ClaimReview needs only a few"


@pytest.mark.parametrize("file_format", ["jsonl", "claimreview"])
def test_a_file_too_deep_for_python_to_parse_is_refused_plainly(file_format):
    data = (_nested(100_000) + "\n").encode()
    if file_format == "claimreview":
        with pytest.raises(formats.FormatRefused, match=r"the file's JSON is nested too deeply"):
            list(formats.parse(data, file_format))
    else:
        (parsed,) = formats.parse(data, file_format)
        assert parsed.problem == f"the line is {_TOO_DEEP}; give each field as text"
        # One array indented over many lines, none of them JSON alone
        lines = "[\n" * 5_000 + "]\n" * 5_000
        with pytest.raises(formats.FormatRefused, match=r"the file is one JSON array nested too"):
            list(formats.parse(lines.encode(), file_format))


def test_a_fact_check_of_no_language_in_particular_is_kept_without_one():
    # "und" (undetermined) is what many ClaimReview files say; the item itself is good.
    data = b"claim,language\nThe ferry fare doubled,und\nThe tram runs all night,kin\n"
    parsed = list(formats.parse(data, "csv"))
    assert [p.record["language"] for p in parsed] == [None, "rw"]
