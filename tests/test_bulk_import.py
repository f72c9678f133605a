"""Importing many articles at once: folders, JSON Lines and CSV files, batches, the summary, and
commands that never load the HTML extractor or the exporters."""

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLE_ARTICLE
from test_binary_imports import zip_bytes

from factcheck import bulk_import
from factcheck import db as database
from factcheck.article_records import jsonl_records
from factcheck.cli import main
from factcheck.resources import demo_dir
from factcheck.store import articles as article_store
from factcheck.store import audit, claim_reads
from factcheck.store.actors import SYSTEM

ROOT = Path(__file__).resolve().parents[1]


def story(number: int) -> str:
    """A distinct plain-text article: its own headline and figures."""
    return (
        f"Bridge {number} closes for repairs\n\n"
        f"The county council said {number * 3 + 2} lorries crossed the bridge every hour in 2025."
        f" Repairs will cost {number + 4} million dollars, the engineers' report found.\n\n"
        f'"We expect the work to take {number + 1} months," the council leader said.\n'
    )


@pytest.fixture
def run(tmp_path):
    database_path = tmp_path / "bulk.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database_path), *args], input=input)

    invoke.path = database_path
    return invoke


def _db(run):
    db = database.connect(run.path)
    database.migrate(db)
    return db


def _check_every_claim_and_the_audit(db):
    rows = article_store.list_articles(db)
    assert rows, "nothing was imported: the checks below would pass vacuously"
    for row in rows:
        body = article_store.get_article(db, row["id"])["body"]
        claims = claim_reads.claims_for_article(db, row["id"])
        assert claims
        for claim in claims:
            assert body[claim["start"] : claim["end"]] == claim["text"]
    assert audit.verify(db).ok
    imports = db.execute("SELECT count(*) FROM audit WHERE action = 'import'").fetchone()[0]
    assert imports == len(rows)


def _claims_in(db) -> int:
    return sum(row["claims"] for row in article_store.list_articles(db))


@pytest.fixture
def folder(tmp_path):
    """Two text articles, an HTML page, a ZIP renamed .html, a copy of one article, and files a
    folder import leaves alone."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "b-flood.txt").write_text(SAMPLE_ARTICLE, encoding="utf-8")
    (folder / "c-bridge.txt").write_text(story(1), encoding="utf-8")
    (folder / "d-budget.htm").write_bytes((demo_dir() / "council-budget.html").read_bytes())
    (folder / "a.html").write_bytes(zip_bytes())
    (folder / "e-flood-copy.txt").write_text(SAMPLE_ARTICLE, encoding="utf-8")
    (folder / "notes.md").write_text(story(2), encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "f.txt").write_text(story(3), encoding="utf-8")
    # What a Mac leaves beside a file copied to a shared drive: hidden, and not an article.
    (folder / "._b-flood.txt").write_bytes(b"\x00\x05\x16\x07" + bytes(60))
    return folder


def test_a_folder_imports_its_articles_and_names_what_it_refused(run, folder):
    result = run("import", str(folder), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    statuses = {Path(item["source"]).name: item["status"] for item in summary["items"]}
    assert statuses == {
        "a.html": "refused",
        "b-flood.txt": "imported",
        "c-bridge.txt": "imported",
        "d-budget.htm": "imported",
        "e-flood-copy.txt": "duplicate",
    }
    refused = summary["items"][0]
    assert "ZIP archive" in refused["reason"]
    copy = summary["items"][4]
    assert copy["article_id"] == summary["items"][1]["article_id"]
    assert (summary["imported"], summary["duplicates"], summary["refused"]) == (3, 1, 1)
    db = _db(run)
    assert summary["claims"] == _claims_in(db)
    budget = article_store.get_article(db, summary["items"][3]["article_id"])
    assert budget["publisher"] == "The Riverside Courier" and budget["import_format"] == "html"
    _check_every_claim_and_the_audit(db)


def test_the_summary_is_one_line(run, folder):
    result = run("import", str(folder))
    assert result.exit_code == 0, result.output
    claims = _claims_in(_db(run))
    # What the folder holds besides is named apart, on standard error.
    assert result.stderr == (
        f"Left in {folder}: nested/, notes.md. A folder gives its .txt, .html and .htm files, not"
        " its subfolders'; import another file by name, with --format text or html.\n"
    )
    assert result.stdout == (
        f"Imported 3 articles ({claims} claims); 1 duplicate; 1 refused: {folder / 'a.html'}"
        " (this file is a ZIP archive, not an HTML page; import the article as an HTML or text"
        " file)\n"
    )


def test_several_files_and_standard_input(run, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text(story(1), encoding="utf-8")
    result = run("import", str(first), "-", "--json", input=story(2))
    assert result.exit_code == 0, result.output
    assert [item["status"] for item in json.loads(result.output)["items"]] == ["imported"] * 2
    _check_every_claim_and_the_audit(_db(run))


def _jsonl(lines: list) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"


def test_a_json_lines_file_saved_as_utf16_is_read(run, tmp_path):
    """Windows PowerShell saves text as UTF-16 with a byte-order mark; CSV files are read so."""
    records = [{"title": f"Bridge {n}", "body": story(n)} for n in (1, 2, 3)]
    articles = tmp_path / "articles.jsonl"
    lines = "\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    articles.write_text(lines + "\n", encoding="utf-16")
    result = run("import", str(articles))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 3 articles (") and "0 refused" in result.output


def test_a_json_lines_file_refuses_its_bad_lines_by_number(run, tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        _jsonl(
            [
                {
                    "title": "Bridge one",
                    "body": story(1),
                    "url": "https://news.example/bridge-1",
                    "published_date": "2026-11-30",
                    "author": "Mara Lind",
                },
                {"title": "Nothing to read"},
                "{not json",
                "",
                {"body": story(2), "published_date": "30/11/2026"},
                {"body": story(3), "url": "javascript:alert(1)"},
                [story(4)],
                {"body": story(5)},
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", "--format", "jsonl", str(articles))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 2 articles (")
    assert (
        "5 refused: line 2 (no body: give the article text in the body field), line 3 (not valid JSON"
        in result.output
    )
    assert "line 5 (published_date '30/11/2026' is not a date; write it as YYYY-MM-DD)" in (
        result.output
    )
    assert "line 6 (url: only http:// and https:// addresses can be used)" in result.output
    assert "line 7 (not a JSON object with a body field)" in result.output
    db = _db(run)
    first, last = sorted(article_store.list_articles(db), key=lambda row: row["id"])
    assert first["title"] == "Bridge one" and first["author"] == "Mara Lind"
    assert first["source_url"] == "https://news.example/bridge-1"
    assert first["published_date"] == "2026-11-30"
    assert last["title"] == "Bridge 5 closes for repairs"  # no title: the first line
    _check_every_claim_and_the_audit(db)


def test_a_record_body_is_text_already_and_is_not_taken_for_a_binary_file(run, tmp_path):
    # A body is text from the JSON or CSV, not a file: a stray NUL from a scraper, or words that
    # happen to begin as a file format does ("PK" and two control characters), are tidied away
    # as in any text, not refused as "a ZIP archive" or "binary data".
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        _jsonl(
            [
                {"body": story(1).replace("lorries", "lorries\x00")},
                {"body": "PK\x03\x04" + story(2)},
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", str(articles), "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [item["status"] for item in items] == ["imported", "imported"]
    db = _db(run)
    bodies = [article_store.get_article(db, item["article_id"])["body"] for item in items]
    assert bodies == [story(1).strip(), "PK" + story(2).strip()]


def test_a_json_line_with_a_value_that_is_not_text_is_refused_by_number(run, tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        _jsonl(
            [
                {"body": 5},
                {"body": story(1), "title": 7},
                {"body": story(2), "author": ["Mara Lind"]},
                {"body": story(3), "published_date": True},
                {"body": story(4)},
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", "--format", "jsonl", str(articles))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 1 article (")
    for refusal in (
        "line 1 (body must be text in quotes, not a number)",
        "line 2 (title must be text in quotes, not a number)",
        "line 3 (author must be text in quotes, not a list)",
        "line 4 (published_date must be text in quotes, not true or false)",
    ):
        assert refusal in result.output
    assert [a["title"] for a in article_store.list_articles(_db(run))] == [
        "Bridge 4 closes for repairs"
    ]


def test_a_json_line_nested_too_deeply_is_refused_by_number_and_the_others_imported(run, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000  # past Python's parser, which raises RecursionError
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        _jsonl(
            [
                {"body": story(1)},
                deep,
                '{"body": ' + json.dumps(story(2)) + ', "tags": ' + deep + "}",
                {"body": story(3), "tags": json.loads("[" * 150 + "]" * 150)},
                {"body": story(4)},
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", str(articles))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("Imported 2 articles (")
    too_deep = "(JSON nested too deeply (lists or objects more than 100 levels inside one another)"
    for line in (2, 3, 4):
        assert f"line {line} {too_deep}; give each field as text)" in result.output
    titles = sorted(a["title"] for a in article_store.list_articles(_db(run)))
    assert titles == ["Bridge 1 closes for repairs", "Bridge 4 closes for repairs"]


@pytest.fixture
def csv_default_field_limit():
    """The csv module's own field limit (131,072 characters) for the test, as a fresh process
    has it; it is a setting of the whole process."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


@pytest.mark.usefixtures("csv_default_field_limit")
def test_a_csv_row_over_the_limit_is_refused_alone_and_the_rows_after_it_import(run, tmp_path):
    # A cell longer than the csv reader's field limit once stopped it mid-cell, and the rest of
    # that cell was read as rows of its own: thousands of refusals, or stray text imported.
    huge = 'A quoted "line", of the long article.\n' * 5_000
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["title", "body"], ["One", story(1)], ["Huge", huge], ["Two", story(2)]]
    )
    articles = tmp_path / "articles.csv"
    articles.write_text(buffer.getvalue(), encoding="utf-8")
    result = run("import", "--format", "csv", "--max-bytes", "100000", str(articles), "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [(item["source"], item["status"], item["code"]) for item in items] == [
        ("row 2", "imported", None),
        ("row 3", "refused", "import.too_large"),
        ("row 4", "imported", None),
    ]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8"), ("\t", "utf-8"), (",", "utf-16"), ("\t", "utf-16"), (";", "utf-8-sig")],
)
def test_a_csv_file_as_spreadsheets_save_it_is_read(run, tmp_path, delimiter, encoding):
    # Excel writes semicolons in many European locales, and "Unicode text" is tab-separated
    # UTF-16 with a byte-order mark: the library's CSV import reads both, and so does this one.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(
        [["title", "body"], ["One; two", story(1)], ["Two", story(2)]]
    )
    articles = tmp_path / "articles.csv"
    articles.write_bytes(buffer.getvalue().encode(encoding))
    result = run("import", str(articles), "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [(item["source"], item["status"]) for item in items] == [
        ("row 2", "imported"),
        ("row 3", "imported"),
    ]
    titles = [article["title"] for article in article_store.list_articles(_db(run))]
    assert sorted(titles) == ["One; two", "Two"]


def test_a_csv_file_excel_saved_in_a_code_page_is_refused_with_the_way_to_save_it(run, tmp_path):
    """Excel's "CSV (semicolon)" in a Windows code page: the row says how to save the file."""
    articles = tmp_path / "excel.csv"
    body = "Zürich spent €4.5 million on new trams, the transport office said on Monday. " * 3
    articles.write_bytes(f"title;body\r\nTrams;{body}\r\n".encode("cp1252"))
    result = run("import", str(articles))
    assert result.exit_code == 2, result.output
    assert (
        "row 2 (body is not valid UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8) and"
        " import it again)" in result.output
    )
    # A JSON line's text that is no UTF-8 is not a spreadsheet's: no Excel advice there.
    lines = tmp_path / "articles.jsonl"
    lines.write_text(json.dumps({"body": story(2) + " \ud800"}) + "\n")
    result = run("import", str(lines))
    assert "body is not valid UTF-8 text" in result.output and "Excel" not in result.output


@pytest.mark.parametrize("name", ["articles.jsonl", "ARTICLES.CSV"])
def test_a_file_named_as_records_is_read_as_records_without_format(run, tmp_path, name):
    """Not stored as one article whose text is JSON or comma-separated cells."""
    articles = tmp_path / name
    if name.lower().endswith(".jsonl"):
        articles.write_text(_jsonl([{"body": story(1)}, {"body": story(2)}]), encoding="utf-8")
    else:
        rows = [["title", "body"], ["One", story(1)], ["Two", story(2)]]
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        articles.write_text(buffer.getvalue(), encoding="utf-8")
    result = run("import", str(articles))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 2 articles (")
    assert len(article_store.list_articles(_db(run))) == 2


@pytest.mark.parametrize(
    ("stray", "said"),
    [
        # Opened and never closed: the lenient reading took every row after it into one cell.
        (
            '"Quoted start, the agency said',
            "a quotation mark opened in it is never closed, so"
            " lines 3 to 5, to the end of the file, were read as this one row",
        ),
        # Closed by a later row's quotation mark, mid-cell.
        ('"Quoted start, the agency said', None),
    ],
    ids=["never-closed", "closed-later"],
)
def test_a_stray_quotation_mark_refuses_its_row_and_says_which_lines_it_took(
    run, tmp_path, stray, said
):
    """A stray quotation mark must not make one article of the rows after it, with "0 refused"."""
    later = (
        'D,"The minister said" 9 ferries sailed.' if said is None else "D,Buses ran on 5 routes."
    )
    articles = tmp_path / "articles.csv"
    articles.write_text(
        f"title,body\nA,The council said 12 lorries crossed each hour.\nB,{stray} 5 vans failed."
        f"\nC,Repairs will cost 9 million dollars.\n{later}\n",
        encoding="utf-8",
    )
    result = run("import", str(articles), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    refused = [item for item in summary["items"] if item["status"] == "refused"]
    assert [item["source"] for item in refused] == ["row 3"]
    reason = refused[0]["reason"]
    assert (said or "a quotation mark ends its cell before the next separator") in reason
    assert "lines 3 to 5" in reason
    titles = [article["title"] for article in article_store.list_articles(_db(run))]
    assert "B" not in titles and "A" in titles


def test_a_stray_quotation_mark_closed_by_a_later_cell_with_spaces_after_it_is_refused(
    run, tmp_path
):
    """The later row's quotation marks close a cell and leave spaces after it: still no article
    made of three rows."""
    articles = tmp_path / "articles.csv"
    articles.write_text(
        "title,body,author\n"
        'B,"Quoted start, the agency said 5 vans failed.,Y\n'
        "C,The agency said 28 vans were sold.,Z\n"
        'D,"The minister said 9 ferries sailed."  ,W\n',
        encoding="utf-8",
    )
    result = run("import", str(articles), "--json")
    summary = json.loads(result.output)
    assert [item["status"] for item in summary["items"]] == ["refused"]
    assert "lines 2 to 4 were read as this one row" in summary["items"][0]["reason"]
    assert article_store.list_articles(_db(run)) == []


def test_a_space_after_a_closing_quotation_mark_is_read_as_before(run, tmp_path):
    """Spreadsheets and hand edits leave one; the cell is read as a lenient reader reads it."""
    articles = tmp_path / "articles.csv"
    articles.write_text(
        'title,body\nA,"The agency said 9 vans were sold last year."  \r\n'
        "B,The council said 12 lorries crossed each hour.\r\n"
        'C,"Line one of the story, the mayor said.\r\nLine two: 5 vans failed." \r\n'
        'D,"Line one: 9 vans.\n""No"" said the mayor, 4 roads closed."\t\n',
        encoding="utf-8",
    )
    result = run("import", str(articles))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 4 articles (") and "0 refused" in result.output


def test_a_csv_file_refuses_a_row_without_a_body(run, tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Title", "body", "author", "published_date"])
    writer.writerow(["Bridge one", story(1), "Mara Lind", "2026-11-30T09:15:00+01:00"])
    writer.writerow(["No body here", "", "Oskar Hale", ""])
    writer.writerow(["Bridge two", story(2), "", ""])
    articles = tmp_path / "articles.csv"
    articles.write_text(buffer.getvalue(), encoding="utf-8")
    result = run("import", "--format", "csv", str(articles), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert [(item["source"], item["status"]) for item in summary["items"]] == [
        ("row 2", "imported"),
        ("row 3", "refused"),
        ("row 4", "imported"),
    ]
    assert summary["items"][1]["reason"] == "no body: give the article text in the body field"
    assert (summary["items"][1]["code"], summary["items"][1]["facts"]) == ("import.no_body", {})
    db = _db(run)
    first = article_store.get_article(db, summary["items"][0]["article_id"])
    assert first["published_date"] == "2026-11-30" and first["author"] == "Mara Lind"
    _check_every_claim_and_the_audit(db)


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--format", "csv"], b"title,text\nA,B\n", "no body column"),
        (["--format", "csv"], b"", "holds no articles"),  # empty: no header to miss a column
        (["--format", "jsonl"], zip_bytes(), "ZIP archive"),
        (["--format", "jsonl"], b"\n\n", "holds no articles"),
        (["--format", "jsonl"], b'{"title": "a"}\n{"body": ""}\n', "Nothing imported; 2 refused"),
        ([], b"", "Nothing imported; 2 refused"),
    ],
)
def test_refused_whole_imports_exit_2_and_write_nothing(run, tmp_path, args, content, message):
    source = tmp_path / "source.txt"
    source.write_bytes(content)
    sources = [str(source)] if args else [str(source), str(source)]
    result = run("import", *args, *sources)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert article_store.article_count(_db(run)) == 0


def test_options_that_name_one_article_are_refused_for_many(run, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(story(1), encoding="utf-8")
    assert run("import", str(source), str(source), "--title", "T").exit_code == 2
    assert run("import", "--format", "jsonl", str(source), str(source)).exit_code == 2
    assert run("import", str(tmp_path), "--url", "https://news.example/a").exit_code == 2
    assert article_store.article_count(_db(run)) == 0


def test_a_file_of_articles_among_other_sources_is_refused_and_the_others_imported(run, tmp_path):
    """Not stored as one article whose text is JSON or comma-separated cells."""
    story_file = tmp_path / "a.txt"
    story_file.write_text(story(1), encoding="utf-8")
    (tmp_path / "arts.jsonl").write_text(_jsonl([{"body": story(2)}]), encoding="utf-8")
    (tmp_path / "arts.CSV").write_text("body\n" + json.dumps(story(3)) + "\n", encoding="utf-8")
    sources = [str(story_file), str(tmp_path / "arts.jsonl"), str(tmp_path / "arts.CSV")]
    result = run("import", *sources, "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["items"]
    assert [item["status"] for item in items] == ["imported", "refused", "refused"]
    assert items[1]["reason"] == (
        f"a .jsonl or .csv file of articles is imported on its own: run factcheck import"
        f" {sources[1]} by itself"
    )
    assert [a["title"] for a in article_store.list_articles(_db(run))] == [
        "Bridge 1 closes for repairs"
    ]
    # Alone, each is read as the file of articles it is; with --format text, as text.
    assert run("import", sources[1]).output.startswith("Imported 1 article (")
    as_text = run("import", "--format", "text", sources[2], str(story_file))
    assert as_text.output.startswith("Imported 1 article ("), as_text.output
    assert "; 1 duplicate; 0 refused" in as_text.output


def _records(count: int) -> list:
    lines = _jsonl([{"body": story(n)} for n in range(count)])
    return list(jsonl_records(io.BytesIO(lines.encode("utf-8"))))


def test_batches_each_article_keeps_its_own_audit_row(tmp_path):
    db = database.connect(tmp_path / "batches.db")
    database.migrate(db)
    summary = bulk_import.import_items(db, _records(7), batch_size=3)
    assert [item.status for item in summary.results] == ["imported"] * 7
    assert [item.source for item in summary.results] == [f"line {n}" for n in range(1, 8)]
    assert len({item.article_id for item in summary.results}) == 7
    hits = db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'lorries'")
    assert hits.fetchone()[0] == 7  # the search index is filled in each batch
    _check_every_claim_and_the_audit(db)


def test_long_articles_are_stored_in_smaller_batches(tmp_path, monkeypatch):
    """A batch holding many units is stored before it reaches its count of articles: one
    transaction holds the write lock, and other people's saves wait for it."""
    db = database.connect(tmp_path / "long.db")
    database.migrate(db)
    stored = []
    real_store = bulk_import._store_batch

    def store_batch(db, batch, actor):
        stored.append(len(batch))
        return real_store(db, batch, actor)

    monkeypatch.setattr(bulk_import, "_store_batch", store_batch)
    records = _records(6)
    units = len(bulk_import.prepare_unless_stored(db, records[0][1]()).units)
    monkeypatch.setattr(bulk_import, "BATCH_UNITS", units * 2)
    summary = bulk_import.import_items(db, records, batch_size=200)
    assert [item.status for item in summary.results] == ["imported"] * 6
    assert stored == [2, 2, 2]


def test_a_failing_batch_falls_back_to_one_transaction_per_article(tmp_path, monkeypatch):
    db = database.connect(tmp_path / "fallback.db")
    database.migrate(db)
    real_add = article_store.add_article

    def add_article(db, article, units, actor):
        if "Bridge 2 closes" in article["body"]:
            raise sqlite3.IntegrityError("simulated failure")
        return real_add(db, article, units, actor)

    monkeypatch.setattr(article_store, "add_article", add_article)
    summary = bulk_import.import_items(db, _records(5), batch_size=4)
    assert [item.status for item in summary.results] == [
        "imported",
        "imported",
        "refused",
        "imported",
        "imported",
    ]
    assert summary.results[2].code == "import.not_stored"
    assert "simulated failure" in summary.results[2].facts["error"]
    assert article_store.article_count(db) == 4
    _check_every_claim_and_the_audit(db)


CHECK_MODULES = """
import json, sys
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
from factcheck.cli import main
try:
    main()
    code = 0
except SystemExit as exit:
    code = exit.code
heavy = [m for m in sys.modules if m == "trafilatura" or m.startswith("factcheck.exports")]
print(json.dumps({"code": code, "heavy": sorted(heavy)}), file=sys.stderr)
"""


def _run_cli_and_list_heavy_modules(tmp_path, *args) -> dict:
    arguments = json.dumps(["--db", str(tmp_path / "lazy.db"), *args])
    done = subprocess.run(
        [sys.executable, "-c", CHECK_MODULES, arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_commands_that_need_neither_do_not_load_the_extractor_or_exporters(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    for args in (["--help"], ["import", str(article)], ["claims", "1"]):
        checked = _run_cli_and_list_heavy_modules(tmp_path, *args)
        assert checked == {"code": 0, "heavy": []}, args


def test_the_lazy_import_check_sees_what_an_html_import_and_an_export_load(tmp_path):
    page = str(demo_dir() / "council-budget.html")
    html = _run_cli_and_list_heavy_modules(tmp_path, "import", page, "--format", "html")
    assert html["code"] == 0 and "trafilatura" in html["heavy"]
    export = _run_cli_and_list_heavy_modules(tmp_path, "export", "--format", "csv")
    assert export["code"] == 0 and "factcheck.exports" in export["heavy"]


def test_the_command_line_offers_every_export_format():
    from factcheck.export_names import FORMAT_NAMES
    from factcheck.exports import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES


def test_only_duplicates_and_refusals_still_exit_0_and_say_so(run, folder):
    assert run("import", str(folder)).exit_code == 0
    again = run("import", str(folder))
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("Imported 0 articles (0 claims); 4 duplicates; 1 refused: ")


def test_an_unreadable_name_is_refused_and_the_rest_imported(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(story(1), encoding="utf-8")
    result = run("import", "A" * 5000, str(good), "--json")
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.output)["items"]
    assert first["status"] == "refused" and "cannot read" in first["reason"]
    assert second["status"] == "imported"
    assert run("import", "--format", "csv", "A" * 5000).exit_code == 2


def test_progress_counts_every_item_once(tmp_path):
    db = database.connect(tmp_path / "progress.db")
    database.migrate(db)
    steps = []
    items = [*_records(5), ("broken", bulk_import._refusal("no body"))]
    summary = bulk_import.import_items(db, items, batch_size=2, progress=steps.append)
    assert sum(steps) == len(summary.results) == 6


def _interrupted_on_call(monkeypatch, name: str, call: int) -> None:
    """Ctrl+C pressed during the `call`th call of bulk_import's `name`."""
    real = getattr(bulk_import, name)
    calls = 0

    def interrupted(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == call:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk_import, name, interrupted)


@pytest.mark.parametrize(
    ("name", "call", "stored"),
    # While the third batch is read, or while the second batch is being stored (it is undone).
    [("prepare_unless_stored", 450, 400), ("_stored", 210, 200)],
)
def test_ctrl_c_says_how_many_articles_were_imported_and_that_again_skips_them(
    run, tmp_path, monkeypatch, name, call, stored
):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(_jsonl([{"body": story(n)} for n in range(500)]), encoding="utf-8")
    _interrupted_on_call(monkeypatch, name, call)
    stopped = run("import", str(articles))
    assert stopped.exit_code == 130, stopped.output
    db = _db(run)
    assert len(article_store.list_articles(db)) == stored
    assert stopped.stderr == (
        f"Stopped: {stored} articles were imported before the stop ({_claims_in(db):,} claims);"
        " running the same import again skips them as duplicates and imports the rest.\n"
    )
    assert audit.verify(db).ok
    monkeypatch.undo()
    again = run("import", str(articles))
    assert again.exit_code == 0, again.output
    assert again.output.startswith(f"Imported {500 - stored} articles (")
    assert f"; {stored} duplicates; 0 refused" in again.output


def test_ctrl_c_names_the_rematch_when_the_library_may_not_be_matched_yet(
    run, tmp_path, monkeypatch
):
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating\nThe bridge carries 500 lorries an hour,False\n")
    assert run("library", "import", str(checks)).exit_code == 0
    articles = tmp_path / "articles.jsonl"
    articles.write_text(_jsonl([{"body": story(n)} for n in range(3)]), encoding="utf-8")
    # Stopped once every article is stored, while their claims are matched.
    monkeypatch.setattr(bulk_import.previous_checks, "after_import", _ctrl_c)
    stopped = run("import", str(articles))
    assert stopped.exit_code == 130, stopped.output
    assert stopped.stderr.startswith("Stopped: 3 articles were imported before the stop (")
    assert stopped.stderr.endswith(
        " Their claims may not be matched against the library yet: `factcheck library rematch`"
        " matches them.\n"
    )


def _ctrl_c(*args, **kwargs):
    raise KeyboardInterrupt


def test_a_desks_json_lines_export_imports_at_another_desk_with_address_and_publisher(
    run, tmp_path
):
    source = tmp_path / "story.txt"
    source.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    assert run("import", str(source)).exit_code == 0
    db = _db(run)
    [article] = article_store.list_articles(db)
    details = {
        "source_url": "https://courier.example/news/flood",
        "publisher": "The Valley Courier",
    }
    article_store.edit_details(db, article["id"], details, reason="from the page", actor=SYSTEM)
    db.close()
    exported = tmp_path / "export.jsonl"
    result = run("export", "--format", "jsonl", "-o", str(exported))
    assert result.exit_code == 0, result.output
    other = tmp_path / "other.db"
    result = CliRunner().invoke(
        main, ["--db", str(other), "import", "--format", "jsonl", str(exported), "--json"]
    )
    summary = json.loads(result.output)
    statuses = [item["status"] for item in summary["items"]]
    assert statuses.count("imported") == 1
    refused = [item for item in summary["items"] if item["status"] == "refused"]
    assert refused and {item["code"] for item in refused} == {"import.export_record"}
    assert "an export's “claim” line, not an article" in " ".join(
        item["reason"] for item in refused
    )
    copy = database.connect(other)
    [imported] = article_store.list_articles(copy)
    kept = article_store.get_article(copy, imported["id"])
    assert (kept["source_url"], kept["publisher"]) == (
        "https://courier.example/news/flood",
        "The Valley Courier",
    )
    assert kept["body"] == article_store.get_article(_db(run), article["id"])["body"]


def test_a_record_column_of_a_newsrooms_own_is_no_export_line(run, tmp_path):
    # A spreadsheet from a newsroom's database may number its rows in a "Record" column; an
    # empty url beside a source_url keeps the source_url.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Record", "Title", "body", "url", "source_url"])
    writer.writerow(["1", "Bridge one", story(1), "", "https://courier.example/bridge-1"])
    writer.writerow(["on the record", "Bridge two", story(2), "", ""])
    articles = tmp_path / "articles.csv"
    articles.write_text(buffer.getvalue(), encoding="utf-8")
    result = run("import", "--format", "csv", str(articles), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert [item["status"] for item in summary["items"]] == ["imported", "imported"]
    db = _db(run)
    first = article_store.get_article(db, summary["items"][0]["article_id"])
    assert first["source_url"] == "https://courier.example/bridge-1"
