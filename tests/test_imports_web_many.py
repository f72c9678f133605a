"""Uploading several files at once from the browser: one background job through the bulk
importer, progress counted per file, and a summary naming what became of each file."""

import io
import json

import pytest
from helpers import DAM_ARTICLE_PAGE, HX, SAMPLE_ARTICLE, page_token, parse, words

from factcheck import job_progress, jobs
from factcheck.store import articles as article_store
from factcheck.store import audit
from factcheck.views import imports

pytestmark = pytest.mark.usefixtures("immediate_jobs")

HARBOUR_ARTICLE = (
    "Harbour dredging will cost 12 million euros\n\n"
    "The port authority said on Tuesday that dredging the channel would cost 12 million euros and"
    " take 18 months. Shipping traffic fell by 9 percent last year, officials said.\n"
)
ZIP_BYTES = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4


@pytest.fixture
def upload(client):
    """upload([(filename, bytes), ...], htmx=False) posts the import form with those files."""
    token = page_token(client, "/")

    def post(files, *, htmx: bool = False):
        data = {
            "csrf_token": token,
            "source": "file",
            "file": [(io.BytesIO(content), name) for name, content in files],
        }
        return client.post(
            "/imports", data=data, headers=HX if htmx else {}, content_type="multipart/form-data"
        )

    return post


@pytest.fixture
def queued_jobs(tmp_path):
    jobs.configure(tmp_path / "jobs.db")
    yield
    jobs.configure(None, immediate=True)


def summary_lists(page) -> dict[str, list]:
    """Each summary list's items (the <li> elements), keyed by their status."""
    return {
        ul.get("data-status"): ul.cssselect("li") for ul in page.cssselect(".import-summary-list")
    }


def test_several_files_import_as_one_job_that_ends_on_a_summary(upload, client, app_db):
    first = upload([("flood.txt", SAMPLE_ARTICLE.encode())])
    assert first.status_code == 303  # a single file keeps today's behaviour: open the article
    [existing] = article_store.list_articles(app_db)

    response = upload(
        [
            ("dam.html", DAM_ARTICLE_PAGE),
            ("archive.html", ZIP_BYTES),
            ("flood-again.txt", SAMPLE_ARTICLE.encode()),
            ("harbour.txt", HARBOUR_ARTICLE.encode()),
        ]
    )
    assert response.status_code == 303 and response.headers["Location"].startswith("/imports/")
    page = client.get(response.headers["Location"])
    assert page.status_code == 200  # a summary, not a redirect to one article

    by_title = {article["title"]: article for article in article_store.list_articles(app_db)}
    assert set(by_title) == {
        existing["title"],
        "Dam inspection finds 7 cracks",
        "Harbour dredging will cost 12 million euros",
    }
    dam = by_title["Dam inspection finds 7 cracks"]
    harbour = by_title["Harbour dredging will cost 12 million euros"]

    document = parse(page)
    note = words(document.cssselect(".import-summary .import-note")[0])
    assert note == "Imported 2 articles; 1 file already imported; 1 file refused."
    lists = summary_lists(document)
    imported = [(words(li), li.cssselect("a")[0].get("href")) for li in lists["imported"]]
    assert imported == [
        ("dam.html", f"/articles/{dam['id']}"),
        ("harbour.txt", f"/articles/{harbour['id']}"),
    ]
    [duplicate] = lists["duplicate"]
    assert words(duplicate).startswith("flood-again.txt")
    assert duplicate.cssselect("a")[0].get("href") == f"/articles/{existing['id']}"
    [refused] = lists["refused"]
    assert words(refused) == (
        "archive.html: This file is a ZIP archive, not an HTML page. Import the article as an"
        " HTML or text file."
    )
    assert refused.cssselect("a") == []
    assert audit.verify(app_db).ok


def test_an_htmx_upload_of_several_files_swaps_in_the_summary(upload, app_db):
    response = upload(
        [("dam.html", DAM_ARTICLE_PAGE), ("harbour.txt", HARBOUR_ARTICLE.encode())], htmx=True
    )
    assert response.status_code == 202 and "HX-Redirect" not in response.headers
    lists = summary_lists(parse(response))
    assert [words(li) for li in lists["imported"]] == ["dam.html", "harbour.txt"]
    assert len(article_store.list_articles(app_db)) == 2


def test_progress_counts_files_while_the_job_runs(upload, client, app_db, queued_jobs, monkeypatch):
    response = upload([("dam.html", DAM_ARTICLE_PAGE), ("harbour.txt", HARBOUR_ARTICLE.encode())])
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    waiting = parse(client.get(response.headers["Location"]))
    assert words(waiting.cssselect("h2")[0]) == "Waiting to start…"
    assert article_store.list_articles(app_db) == []
    seen = []
    original = job_progress.set_progress

    def record(job, stage, message, **extra):
        seen.append(message)
        original(job, stage, message, **extra)

    monkeypatch.setattr(job_progress, "set_progress", record)
    jobs.huey.execute(jobs.huey.dequeue())
    assert seen[:3] == ["Read 0 of 2 files", "Read 1 of 2 files", "Read 2 of 2 files"]
    state = client.get(f"/imports/{job_id}.json").get_json()
    assert state["stage"] == "done" and state["imported"] == 2 and state["refused"] == 0


def test_a_jsonl_file_of_articles_imports_each_line(upload, client, app_db):
    lines = [
        json.dumps({"title": "Bridge reopens after 3 months", "body": HARBOUR_ARTICLE}),
        "not json",
        json.dumps({"title": "No body here"}),
    ]
    response = upload([("batch.jsonl", "\n".join(lines).encode())])
    page = parse(client.get(response.headers["Location"]))
    [article] = article_store.list_articles(app_db)
    assert article["title"] == "Bridge reopens after 3 months"
    lists = summary_lists(page)
    assert [words(li) for li in lists["imported"]] == ["batch.jsonl line 1"]
    assert [words(li) for li in lists["refused"]] == [
        "batch.jsonl line 2: This line is not valid JSON (Expecting value).",
        "batch.jsonl line 3: This record has no body. Give the article text in its body field.",
    ]
    assert audit.verify(app_db).ok


def test_a_csv_without_a_body_column_is_refused_by_name(upload, client, app_db):
    response = upload(
        [("sheet.csv", b"title,text\nA,B\n"), ("harbour.txt", HARBOUR_ARTICLE.encode())]
    )
    lists = summary_lists(parse(client.get(response.headers["Location"])))
    [refused] = lists["refused"]
    assert words(refused).startswith("sheet.csv: The CSV file has no body column. Its first row")
    assert len(article_store.list_articles(app_db)) == 1


def test_a_csv_excel_saved_in_a_code_page_says_how_to_save_it(upload, client, app_db):
    body = "Zürich spent €4.5 million on new trams, the transport office said on Monday. " * 3
    response = upload([("sheet.csv", f"title;body\r\nTrams;{body}\r\n".encode("cp1252"))])
    lists = summary_lists(parse(client.get(response.headers["Location"])))
    assert [words(li) for li in lists["refused"]] == [
        "sheet.csv row 2: The body column is not valid UTF-8 text. Save the file as UTF-8 (in"
        " Excel: CSV UTF-8) and import it again."
    ]


def test_more_files_than_one_upload_takes_is_a_422_and_nothing_is_stored(upload, app_db):
    files = [
        (f"a{number}.txt", HARBOUR_ARTICLE.encode())
        for number in range(imports.MAX_UPLOAD_FILES + 1)
    ]
    response = upload(files, htmx=True)
    assert response.status_code == 422
    error = parse(response).cssselect("#import-file-error")[0]
    assert f"upload them {imports.MAX_UPLOAD_FILES} at a time" in error.text_content()
    assert article_store.list_articles(app_db) == []


def test_the_file_field_takes_several_files(client):
    [field] = parse(client.get("/import?source=file")).cssselect("#import-file")
    assert field.get("multiple") is not None
    assert ".jsonl" in field.get("accept") and ".csv" in field.get("accept")


def test_an_upload_that_imports_nothing_says_so_and_counts_rows_as_articles(upload, client, app_db):
    rows = b"title,body\nBad row,\n" + "Fares,Caf\xe9 prices rose by 9 percent.\n".encode("latin-1")
    response = upload([("rows.csv", rows), ("archive.html", ZIP_BYTES)])
    page = parse(client.get(response.headers["Location"]))
    assert words(page.cssselect("#import-heading")[0]) == "Nothing imported"
    note = words(page.cssselect(".import-summary .import-note")[0])
    assert note == "Nothing imported; 3 articles refused."
    steps = [words(step) for step in page.cssselect(".import-steps li")]
    assert steps == ["Queued", "Reading", "Splitting into claims", "Done"]
    assert article_store.list_articles(app_db) == []
