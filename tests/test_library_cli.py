"""The library and match commands: importing each format, re-importing, listing, removing, and
matching text (one query or one a line, in order)."""

import io
import itertools
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import db as database
from factcheck import library_embedding
from factcheck.cli import main
from factcheck.matching import embedding
from factcheck.store import library_vectors

FIXTURES = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture
def run(tmp_path):
    path = tmp_path / "cli.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(path), *args], input=input)

    invoke.path = path
    return invoke


def _items(run) -> list[dict]:
    result = run("library", "list", "--json", "--limit", "0")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _audit(run, action: str) -> list[dict]:
    db = database.connect(run.path)
    try:
        return list(db.query("SELECT * FROM audit WHERE action = ?", [action]))
    finally:
        db.close()


@pytest.mark.parametrize(
    ("name", "added", "refused"),
    [
        ("checks.csv", 2, ["line 3", "line 6", "line 7"]),
        ("checks.tsv", 2, ["line 3"]),
        ("checks.jsonl", 2, ["line 2", "line 3", "line 5"]),
        ("claimreviews.json", 2, ["item 2", "item 3"]),
        ("graph.jsonld", 1, []),
    ],
)
def test_import_each_format_reports_bad_rows_and_keeps_good_ones(run, name, added, refused):
    result = run("library", "import", str(FIXTURES / name), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["added"] == added
    assert [item["where"] for item in summary["refusals"]] == refused
    assert len(_items(run)) == added
    rows = _audit(run, "library.import")
    assert len(rows) == 1 and json.loads(rows[0]["after"])["added"] == added


def test_summary_line_and_refusals_with_line_numbers(run):
    result = run("library", "import", str(FIXTURES / "checks.csv"))
    assert result.exit_code == 0
    # A row with an id and its claim cell left empty updates that fact-check; there is none.
    assert (
        "checks.csv line 3: no fact-check in the library has the id 'lk-2'; a new one needs its"
        " claim" in result.stderr
    )
    assert "checks.csv line 6: the date 'not-a-date' is not a date" in result.stderr
    assert result.stdout.strip().startswith("Library import of")
    assert "2 added, 0 updated, 0 unchanged, 3 refused" in result.stdout


def test_bad_languages_and_values_that_are_not_text_are_refused_by_line(run, tmp_path):
    checks = tmp_path / "checks.jsonl"
    lines = [
        {"id": "a", "claim": "The ferry fare doubled this spring", "language": "en-GB"},
        {"id": "b", "claim": "The ferry runs every hour", "language": "English"},
        {"id": "c", "claim": 5},
        {"id": "d", "claim": "The ferry carried a million people", "language": "xx"},
    ]
    checks.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = run("library", "import", str(checks))
    assert result.exit_code == 0, result.output
    assert "1 added, 0 updated, 0 unchanged, 3 refused" in result.stdout
    assert "checks.jsonl line 2: the language 'English' is not an ISO 639 language code" in (
        result.stderr
    )
    assert "checks.jsonl line 3: the claim must be text in quotes, not a number" in result.stderr
    assert "checks.jsonl line 4: the language 'xx' is not an ISO 639" in result.stderr
    assert [(item["external_id"], item["language"]) for item in _items(run)] == [("a", "en")]


def test_reimport_updates_by_id_then_by_url_instead_of_adding(run, tmp_path):
    assert run("library", "import", str(FIXTURES / "checks.csv")).exit_code == 0
    before = {item["external_id"]: item for item in _items(run)}
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "id,claim,rating,url\n"
        "lk-1,The harbour bridge toll rose by 40 percent in one year,Mostly false,"
        "https://checks.example/bridge-toll\n"
        ",Half of the region's bakeries closed during the winter,False,"
        "https://checks.example/bakeries\n"
        "lk-9,A brand new claim about the marina,True,https://checks.example/marina\n",
        encoding="utf-8",
    )
    result = run("library", "import", str(changed), "--json")
    summary = json.loads(result.output)
    assert (summary["added"], summary["updated"], summary["refused"]) == (1, 2, 0)
    after = {item["url"]: item for item in _items(run)}
    assert len(after) == 3
    assert after["https://checks.example/bridge-toll"]["rating"] == "Mostly false"
    assert after["https://checks.example/bridge-toll"]["id"] == before["lk-1"]["id"]
    assert after["https://checks.example/bakeries"]["id"] == before["lk-3"]["id"]
    again = json.loads(run("library", "import", str(changed), "--json").output)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert len(_audit(run, "library.import")) == 2  # an import that changed nothing leaves no row


def test_a_reimport_of_ratings_alone_keeps_the_fields_the_file_leaves_out(run, tmp_path):
    assert run("library", "import", str(FIXTURES / "checks.csv")).exit_code == 0
    before = {item["external_id"]: item for item in _items(run)}["lk-1"]
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "id,claim,rating,date\n"
        "lk-1,The harbour bridge toll rose by 40 percent in one year,Mostly false,\n",
        encoding="utf-8",
    )
    summary = json.loads(run("library", "import", str(ratings), "--json").output)
    assert (summary["added"], summary["updated"]) == (0, 1)
    after = {item["external_id"]: item for item in _items(run)}["lk-1"]
    assert after["rating"] == "Mostly false"
    kept = ("url", "title", "review_date", "publisher", "language")
    assert {name: after[name] for name in kept} == {name: before[name] for name in kept}
    assert before["url"] and before["review_date"]
    [row] = _audit(run, "library.import")[1:]
    assert json.loads(row["after"])["changes"] == [
        {"id": before["id"], "fields": {"rating": [before["rating"], "Mostly false"]}}
    ]


def test_a_file_of_ids_and_ratings_alone_updates_the_fact_checks_of_those_ids(run, tmp_path):
    assert run("library", "import", str(FIXTURES / "checks.csv")).exit_code == 0
    before = {item["external_id"]: item for item in _items(run)}["lk-1"]
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("id,rating\nlk-1,Mostly false\nlk-99,True\n", encoding="utf-8")
    result = run("library", "import", str(ratings), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["added"], summary["updated"], summary["refused"]) == (0, 1, 1)
    assert summary["refusals"] == [
        {
            "where": "line 3",
            "problem": "no fact-check in the library has the id 'lk-99'; a new one needs its claim",
        }
    ]
    after = {item["external_id"]: item for item in _items(run)}["lk-1"]
    assert after["rating"] == "Mostly false"
    assert {k: after[k] for k in ("claim", "url", "title")} == {
        k: before[k] for k in ("claim", "url", "title")
    }
    # Neither a claim nor an id: nothing says which fact-check a row is.
    loose = tmp_path / "loose.csv"
    loose.write_text("rating,url\nTrue,https://checks.example/x\n", encoding="utf-8")
    refused = run("library", "import", str(loose))
    assert refused.exit_code == 2 and "no claim column (nor an id column" in refused.output


def test_import_where_every_row_is_refused_exits_non_zero(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,claim\n1,\n2,  \n", encoding="utf-8")
    result = run("library", "import", str(bad))
    assert result.exit_code == 2
    assert "0 added" in result.stderr and "2 refused" in result.stderr
    assert _items(run) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["library", "import", "missing.csv"], "cannot read missing.csv"),
        (["library", "import", "notes.txt"], "give --format"),
    ],
)
def test_import_refusals_are_one_line(run, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("id,claim\n1,x\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_import_of_json_nested_too_deeply_or_an_author_named_by_a_number_is_a_refusal(
    run, tmp_path
):
    assert run("init").exit_code == 0
    deep = "[" * 100_000 + "]" * 100_000
    lines = tmp_path / "deep.jsonl"
    lines.write_text(f'{{"claim": "A good claim"}}\n{deep}\n{{"claim": "x", "t": {deep}}}\n')
    result = run("library", "import", str(lines))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stdout and "2 refused" in result.stdout
    assert "line 2: the line is nested too deeply" in result.stderr
    assert "line 3: the line is nested too deeply" in result.stderr
    review = tmp_path / "w.json"
    review.write_text(
        '{"@type": "ClaimReview", "claimReviewed": "x", "url": "https://c.example/w",'
        ' "author": ["a", {"name": 5}]}'
    )
    result = run("library", "import", str(review))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert "item 1: the publisher must be text in quotes, not a number" in result.stderr
    assert [item["claim"] for item in _items(run)] == ["A good claim"]


def test_format_option_and_standard_input(run, tmp_path):
    data = (FIXTURES / "checks.tsv").read_text(encoding="utf-8")
    result = run("library", "import", "-", "--format", "tsv", "--json", input=data)
    assert json.loads(result.output)["added"] == 2
    renamed = tmp_path / "reviews.txt"
    shutil.copy(FIXTURES / "page.html", renamed)
    result = run("library", "import", str(renamed), "--format", "claimreview", "--json")
    assert json.loads(result.output)["added"] == 1


def test_show_and_remove(run):
    run("library", "import", str(FIXTURES / "graph.jsonld"))
    item = _items(run)[0]
    shown = json.loads(run("library", "show", str(item["id"]), "--json").output)
    assert shown["claim"] == "The central library cut its opening hours by half"
    text = run("library", "show", str(item["id"])).output
    assert "publisher:" in text and "Valley Truth Desk" in text
    result = run("library", "remove", str(item["id"]), "--why", "Retracted by its publisher")
    assert result.exit_code == 0 and "Removed library item" in result.output
    assert _items(run) == []
    [removal] = _audit(run, "library.remove")
    assert removal["reason"] == "Retracted by its publisher"
    missing = run("library", "show", str(item["id"]))
    assert missing.exit_code == 2 and "no library item" in missing.output


def test_match_one_text_and_a_stream_of_queries_in_order(run):
    """With the real matcher: each query's own words come first among every candidate."""
    run("library", "import", str(FIXTURES / "checks.jsonl"))
    run("library", "import", str(FIXTURES / "checks.csv"))
    # --min-score 0: the order of the candidates, whatever the threshold the workbench uses.
    one = run(
        "match",
        "The new stadium was paid for without any public money",
        "--json",
        "--min-score",
        "0",
    )
    assert one.exit_code == 0, one.output
    answer = json.loads(one.output)
    assert answer["query"] == "The new stadium was paid for without any public money"
    best = answer["matches"][0]
    assert best["claim"] == "The new stadium was paid for without any public money"
    assert set(best) == {"library_id", "external_id", "claim", "rating", "url", "score", "own"}
    assert best["external_id"] == "jl-1" and best["own"] is False and 0 < best["score"] <= 1
    queries = [
        "River water quality improved every year since 2015",
        "zzzz qqqq nothing like anything",
        "The harbour bridge toll rose by 40 percent in one year",
        "",
        "The new stadium was paid for without any public money",
    ]
    result = run("match", "--json", "--min-score", "0", "-", input="\n".join(queries) + "\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == queries
    assert lines[1]["matches"] == [] and lines[3]["matches"] == []
    assert lines[0]["matches"][0]["external_id"] == "jl-4"
    assert lines[2]["matches"][0]["external_id"] == "lk-1"
    assert lines[4]["matches"][0]["external_id"] == "jl-1"
    top = json.loads(run("match", queries[0], "--json", "--top", "1", "--min-score", "0").output)
    assert len(top["matches"]) == 1


def test_match_table_without_json(run):
    run("library", "import", str(FIXTURES / "graph.jsonld"))
    result = run("match", "The central library cut its opening hours by half", "--min-score", "0")
    assert result.exit_code == 0
    assert "Query: The central library" in result.output and "Misleading" in result.output
    nothing = run("match", "zzzz qqqq", "--min-score", "0")
    assert "no previous check matches" in nothing.output


def test_an_import_matches_the_claims_already_there_and_a_removal_unmatches_them(
    run, tmp_path, matcher
):
    story = tmp_path / "story.txt"
    sentence = "The harbour bridge toll rose by 40 percent in one year, the council said."
    story.write_text(f"Bridge tolls\n\n{sentence}\n", encoding="utf-8")
    assert run("import", str(story)).exit_code == 0
    result = run("library", "import", str(FIXTURES / "checks.csv"))
    assert result.exit_code == 0
    # A desk this small has every claim matched again: its headline as well as its sentence.
    assert "; 2 claims matched again, 1 changed" in result.stdout

    def matches():
        db = database.connect(run.path)
        try:
            return db.execute("SELECT library_id FROM claim_matches").fetchall()
        finally:
            db.close()

    [library_id] = {row[0] for row in matches()}
    assert json.loads(run("library", "show", str(library_id), "--json").output)["external_id"] == (
        "lk-1"
    )
    removed = run("library", "remove", str(library_id), "--json")
    assert json.loads(removed.output)["matched_claims"] and matches() == []


def test_a_list_filtered_to_an_origin_with_no_items_does_not_call_the_library_empty(run, tmp_path):
    records = tmp_path / "checks.csv"
    records.write_text("id,claim\n1,The river rose by four metres in one night\n", "utf-8")
    assert run("library", "import", str(records)).exit_code == 0
    result = run("library", "list", "--origin", "own")
    assert result.exit_code == 0, result.output
    assert "empty" not in result.output
    assert "no own fact-checks" in result.output and "1 imported" in result.output


@pytest.mark.parametrize("text", ["", "   "])
def test_match_refuses_an_empty_text_in_one_line(run, text):
    assert run("init").exit_code == 0
    result = run("match", text)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "Error: the text to match is empty; give the words of a claim, or - to read one query"
        " a line from standard input"
    )


def test_match_reads_windows_text_and_names_a_line_that_is_not_utf8(run):
    run("library", "import", str(FIXTURES / "checks.csv"))
    query = "The harbour bridge toll rose by 40 percent in one year"
    result = run("match", "--json", "-", input=f"\ufeff{query}\r\n\r\n".encode())
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == [query, ""]
    assert lines[0]["matches"][0]["external_id"] == "lk-1"
    bad = run("match", "--json", "-", input=b"first query\nsecond caf\xe9\n")
    assert bad.exit_code == 2
    assert "line 2 of standard input is not UTF-8" in bad.output


def _review(claim: str, rating: str, url: str = "https://checks.example/roundup") -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "Harbour Check"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": rating},
    }


def test_fact_checks_sharing_a_page_stay_apart_and_each_is_updated_on_reimport(run, tmp_path):
    """A round-up publishes several ClaimReviews at one url: each is its own fact-check."""
    claims = [
        "The ferry fare doubled in one spring",
        "The harbour was dredged twice last year",
        "Half of the town's buses run on diesel",
    ]
    page = tmp_path / "roundup.json"
    page.write_text(json.dumps([_review(claim, "False") for claim in claims]), encoding="utf-8")
    first = json.loads(run("library", "import", str(page), "--json").output)
    assert (first["added"], first["updated"]) == (3, 0)
    ids = {item["claim"]: item["id"] for item in _items(run)}
    assert set(ids) == set(claims)
    again = json.loads(run("library", "import", str(page), "--json").output)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)
    # The publisher changes one rating and rewords another claim of the round-up.
    reviews = [_review(claims[0], "False"), _review(claims[1], "Mostly true")]
    reviews.append(_review("Half of the town's buses still run on diesel", "False"))
    page.write_text(json.dumps(reviews), encoding="utf-8")
    changed = json.loads(run("library", "import", str(page), "--json").output)
    assert (changed["added"], changed["updated"], changed["unchanged"]) == (0, 2, 1)
    after = {item["id"]: item for item in _items(run)}
    assert sorted(after) == sorted(ids.values())
    assert after[ids[claims[1]]]["rating"] == "Mostly true"
    assert after[ids[claims[2]]]["claim"] == "Half of the town's buses still run on diesel"


def test_rows_with_their_own_ids_are_not_merged_by_a_shared_url(run, tmp_path):
    checks = tmp_path / "checks.csv"
    checks.write_text(
        "id,claim,rating,url\n"
        "r-1,The ferry fare doubled in one spring,False,https://checks.example/roundup\n"
        "r-2,The harbour was dredged twice last year,False,https://checks.example/roundup\n",
        encoding="utf-8",
    )
    assert json.loads(run("library", "import", str(checks), "--json").output)["added"] == 2
    # A later export holds only what changed.
    checks.write_text(
        "id,claim,rating,url\n"
        "r-2,The harbour was dredged twice last year,True,https://checks.example/roundup\n",
        encoding="utf-8",
    )
    summary = json.loads(run("library", "import", str(checks), "--json").output)
    assert (summary["added"], summary["updated"]) == (0, 1)
    ratings = {item["external_id"]: item["rating"] for item in _items(run)}
    assert ratings == {"r-1": "False", "r-2": "True"}


def test_a_reimport_that_changes_a_rating_audits_the_change_and_the_match_shows_it(run, tmp_path):
    story = tmp_path / "story.txt"
    sentence = "The harbour bridge toll rose by 40 percent in one year, the council said."
    story.write_text(f"Bridge tolls\n\n{sentence}\n", encoding="utf-8")
    assert run("import", str(story)).exit_code == 0
    checks = tmp_path / "checks.csv"
    row = (
        "lk-1,The harbour bridge toll rose by 40 percent in one year,{},https://checks.example/t\n"
    )
    checks.write_text("id,claim,rating,url\n" + row.format("False"), encoding="utf-8")
    assert run("library", "import", str(checks)).exit_code == 0
    checks.write_text("id,claim,rating,url\n" + row.format("Mostly true"), encoding="utf-8")
    summary = json.loads(run("library", "import", str(checks), "--json").output)
    assert summary["updated"] == 1
    [item] = _items(run)
    last = json.loads(_audit(run, "library.import")[-1]["after"])
    assert last["changes"] == [{"id": item["id"], "fields": {"rating": ["False", "Mostly true"]}}]
    db = database.connect(run.path)
    try:
        ratings = db.execute(
            "SELECT l.rating FROM claim_matches m JOIN library_items l ON l.id = m.library_id"
        ).fetchall()
    finally:
        db.close()
    assert ratings and set(ratings) == {("Mostly true",)}


def test_match_answers_stay_one_a_line_for_queries_holding_unicode_line_separators(run):
    run("library", "import", str(FIXTURES / "checks.csv"))
    queries = ["The bridge toll\u2028rose by 40 percent", "A ferry\x85timetable", "Tram\u2029fares"]
    result = run("match", "--json", "-", input="\n".join(queries) + "\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [json.loads(line)["query"] for line in lines] == queries


@pytest.mark.parametrize("score", ["nan", "NaN", "-nan"])
def test_match_refuses_a_minimum_score_that_is_not_a_number(run, score):
    # NaN passes a range check (every comparison with it is false), then leaves out every match.
    run("library", "import", str(FIXTURES / "checks.csv"))
    result = run("match", "The harbour bridge toll rose by 40 percent", "--min-score", score)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == "Error: --min-score must be a number from 0 to 1, such as 0.5"


@pytest.mark.parametrize("source", ["file", "-"])
def test_a_library_file_larger_than_the_limit_is_refused_before_it_is_all_read(
    run, tmp_path, monkeypatch, source
):
    # The real limit is 1 GiB; a file (or a device such as /dev/zero) past it is not read whole.
    from factcheck.cli import library

    monkeypatch.setattr(library, "MAX_LIBRARY_BYTES", 100)
    big = tmp_path / "checks.csv"
    big.write_text("claim,rating,url\n" + "The toll rose by 40 percent,False,\n" * 10)
    path = str(big) if source == "file" else "-"
    result = run("library", "import", path, "--format", "csv", input=big.read_bytes())
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {path} is larger than 100 bytes, more than a library file may hold; split it"
        " into smaller files\n"
    )
    assert _items(run) == []


class _Lines(io.BufferedIOBase):
    """Standard input that is read a line at a time only (reading it whole fails the test), made of
    these chunks of bytes, which may never end; `before_line(n)` is called as line n > 1 is asked for."""

    def __init__(self, chunks, before_line=None):
        self.chunks, self.before_line, self.asked, self.held = iter(chunks), before_line, 0, b""

    def readable(self):
        return True

    def read(self, size=-1):
        if size == 0:
            return b""
        raise AssertionError("standard input was read whole")

    read1 = read

    def readline(self, size=-1):
        self.asked += 1
        if self.before_line and self.asked > 1:
            self.before_line(self.asked)
        limit = size if size is not None and size >= 0 else None
        while b"\n" not in self.held and (limit is None or len(self.held) < limit):
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.held += chunk
        end = self.held.find(b"\n") + 1 or len(self.held)
        end = end if limit is None else min(end, limit)
        line, self.held = self.held[:end], self.held[end:]
        return line


def test_match_answers_each_line_of_standard_input_before_reading_the_next(run):
    run("library", "import", str(FIXTURES / "checks.csv"))
    queries = ["The harbour bridge toll rose by 40 percent in one year", "zzzz qqqq", "Tram fares"]

    def answered_so_far(asked):
        sys.stdout.flush()
        answers = sys.stdout.buffer.getvalue().decode().splitlines()
        assert [json.loads(answer)["query"] for answer in answers] == queries[: asked - 1]

    stdin = _Lines([f"{query}\n".encode() for query in queries], before_line=answered_so_far)
    result = run("match", "--json", "--min-score", "0", "-", input=stdin)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [answer["query"] for answer in answers] == queries
    assert answers[0]["matches"][0]["external_id"] == "lk-1" and answers[1]["matches"] == []


def test_match_refuses_a_line_of_standard_input_longer_than_the_limit(run):
    from factcheck.cli.library import MAX_QUERY_BYTES

    run("library", "import", str(FIXTURES / "checks.csv"))
    # Far past the limit; a reader without a cap would take it whole and match it.
    long_line = itertools.chain([b"Tram fares\n"], itertools.repeat(b"x" * 4096, 40), [b"\n"])
    result = run("match", "--json", "-", input=_Lines(long_line))
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout.splitlines()[0])["query"] == "Tram fares"
    assert result.stderr.strip() == (
        f"Error: line 2 of standard input is longer than {MAX_QUERY_BYTES:,} bytes, more than one"
        " query may be; give one claim a line"
    )
    assert "Traceback" not in result.output


def test_a_broken_model_install_is_a_plain_refusal(run, monkeypatch):
    run("library", "import", str(FIXTURES / "graph.jsonld"))

    def broken():
        raise embedding.ModelUnavailable(
            "model.onnx is not the file factcheck was built with; run `make install` to install"
            " it again"
        )

    monkeypatch.setattr(embedding, "_encoder", broken)
    result = run("match", "The central library cut its opening hours by half")
    assert result.exit_code != 0
    assert "make install" in result.output and "Traceback" not in result.output


def test_a_large_import_says_on_standard_error_that_it_prepares_the_library(run, tmp_path):
    rows = ["id,claim"] + [
        f"n-{n},The pier in town number {n} was rebuilt in {1900 + n}" for n in range(130)
    ]
    source = tmp_path / "many.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("library", "import", str(source), "--json")
    assert result.exit_code == 0, result.output
    assert "Embedding 130 earlier checks for matching, once" in result.stderr
    assert "Embedded 130 earlier checks for matching in " in result.stderr
    assert json.loads(result.stdout)["added"] == 130
    # Embedded once: the next command has nothing to prepare.
    again = run("match", "--json", "The pier in town number 7 was rebuilt")
    assert "mbedd" not in again.stderr
    assert json.loads(again.stdout)["matches"][0]["external_id"] == "n-7"


def test_an_article_import_says_it_embeds_a_library_stored_without_vectors(
    run, tmp_path, monkeypatch
):
    """A library imported by a version without embeddings, or kept over a change of model, is
    embedded by the first command that matches; importing an article said nothing meanwhile."""
    assert run("library", "import", str(FIXTURES / "checks.csv")).exit_code == 0
    db = database.connect(run.path)
    db.execute("DELETE FROM library_vectors")
    monkeypatch.setattr(library_embedding, "TOLD_AFTER", 1)
    story = tmp_path / "story.txt"
    story.write_text("Bridge tolls\n\nThe bridge toll rose by 40 percent.\n", encoding="utf-8")
    result = run("import", str(story))
    assert result.exit_code == 0, result.output
    assert "Embedding 2 earlier checks for matching, once" in result.stderr
    assert library_vectors.count_missing(db) == 0


def test_a_library_import_leaves_a_small_desk_as_a_full_rematch_would(run, tmp_path):
    """After `library import`, the claims it should match are matched: a full `library rematch`
    then changes nothing. A claim sharing only "86 firefighters" with the new item waited for a
    full rematch, as did the demo's claims matched by meaning alone."""
    assert run("demo").exit_code == 0
    new_check = tmp_path / "chief.tsv"
    new_check.write_text(
        "id\tclaim\trating\turl\n"
        "t1\tThe fire chief said 86 firefighters attended\tAccurate\thttps://pub.example/t1\n",
        encoding="utf-8",
    )
    imported = run("library", "import", str(new_check))
    assert imported.exit_code == 0, imported.output
    db = database.connect(run.path)
    try:
        matched = db.execute(
            "SELECT l.claim FROM claim_matches m JOIN claims c ON c.id = m.claim_id"
            " JOIN library_items l ON l.id = m.library_id WHERE c.text LIKE '%86 firefighters%'"
        ).fetchall()
    finally:
        db.close()
    assert ("The fire chief said 86 firefighters attended",) in matched
    again = run("library", "rematch")
    assert again.exit_code == 0 and "0 changed" in again.output, again.output


def test_a_reviewer_cannot_change_the_library_from_the_command_line(run):
    """The workbench refuses reviewers; --as is the same person at the command line."""
    assert run("demo").exit_code == 0
    before = _items(run)
    imported = run("library", "import", str(FIXTURES / "checks.csv"), "--as", "alice")
    assert imported.exit_code == 2
    assert "only an editor can import fact-checks into the library" in imported.output
    removed = run("library", "remove", str(before[0]["id"]), "--as", "alice")
    assert "only an editor can remove fact-checks from the library" in removed.output
    assert _items(run) == before
    assert run("library", "import", str(FIXTURES / "checks.csv"), "--as", "erin").exit_code == 0


def _pier_story(folder):
    story = folder / "pier.txt"
    story.write_text(
        "Pier rebuilt\n\nThe fire chief said 86 firefighters attended the blaze at the pier on"
        " Sunday, and the council said the pier would cost 4 million pounds to rebuild.\n",
        encoding="utf-8",
    )
    return story


def test_an_import_stopped_while_matching_says_how_to_finish_and_rematch_finishes_it(
    run, tmp_path, monkeypatch
):
    from factcheck import previous_checks

    assert run("demo").exit_code == 0
    story = _pier_story(tmp_path)
    real = previous_checks.after_import

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(previous_checks, "after_import", stopped)
    result = run("import", str(story))
    assert result.exit_code == 130
    article = int(result.output.split("Imported article ")[1].split()[0])
    assert f"article {article} is stored, but some of its claims have no previous checks" in (
        result.output
    )
    assert f"`factcheck library rematch --article {article}`" in result.output
    monkeypatch.setattr(previous_checks, "after_import", real)
    finished = run("library", "rematch", "--article", str(article))
    assert finished.exit_code == 0, finished.output
    db = database.connect(run.path)
    try:
        claims = db.execute(
            "SELECT count(*) FROM claims WHERE article_id = ? AND kind = 'claim'", [article]
        ).fetchone()[0]
    finally:
        db.close()
    # This article's claims, not every claim of the desk.
    assert f"Matched {claims:,} claims" in finished.output
    unknown = run("library", "rematch", "--article", "999")
    assert unknown.exit_code == 2 and "999" in unknown.output


def test_an_import_terminated_while_matching_says_how_to_finish_as_ctrl_c_does(
    run, tmp_path, monkeypatch
):
    """systemd, `timeout` and a cancelled job stop a command with SIGTERM: it ended the import
    without a word, its claims unmatched."""
    import signal

    from factcheck import previous_checks

    assert run("demo").exit_code == 0
    story = _pier_story(tmp_path)

    def terminated(*args, **kwargs):
        # What the signal would run, called here (the default would end the test run).
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler), "SIGTERM would end the import without a word"
        handler(signal.SIGTERM, None)

    monkeypatch.setattr(previous_checks, "after_import", terminated)
    before = signal.getsignal(signal.SIGTERM)
    result = run("import", str(story))
    article = int(result.output.split("Imported article ")[1].split()[0])
    assert f"`factcheck library rematch --article {article}`" in result.output
    assert signal.getsignal(signal.SIGTERM) == before  # as it was, after the import
