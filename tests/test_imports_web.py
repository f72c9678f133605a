"""Importing from the browser: paste, upload and URL, as htmx and as plain posts, with job progress,
validation beside the field (422), oversized bodies (413) and duplicates."""

import io
import uuid
from fractions import Fraction

import pytest
from flask import Request
from helpers import DAM_ARTICLE_PAGE as ARTICLE_PAGE
from helpers import HX, PASSWORD, SAMPLE_ARTICLE, page_token, parse
from hypothesis import example, given
from hypothesis import strategies as st
from local_server import page, redirect

from factcheck import importers, job_progress, jobs
from factcheck.app import FORM_OVERHEAD_BYTES, create_app
from factcheck.importers import DEFAULT_MAX_BYTES
from factcheck.network.fetch import DEFAULT_POLICY, FetchPolicy
from factcheck.store import articles as article_store
from factcheck.views import imports

MARKUP_TEXT = (
    "Markup in a pasted article stays text\n\n"
    "The council's page showed <b>bold</b> <script>x</script> on 3 pages, officials said on Monday."
)


def big_text(min_bytes: int, first_line: str = "A long report from the valley") -> str:
    """Plain text of numbered paragraphs, one blank line apart, longer than min_bytes."""
    lines = [first_line, ""]
    size = len(first_line) + 2  # each line and its newline
    number = 0
    while size <= min_bytes:
        number += 1
        paragraph = (
            f"Paragraph {number} says that {number * 7} homes lost power for {number} hours."
        )
        lines += [paragraph, ""]
        size += len(paragraph) + 2
    return "\n".join(lines)


# Background jobs run at once unless a test queues them (queued_jobs).
pytestmark = pytest.mark.usefixtures("immediate_jobs")


@pytest.fixture
def queued_jobs(tmp_path):
    """Jobs wait in a real queue until the test plays the worker with run_next_job()."""
    jobs.configure(tmp_path / "jobs.db")
    yield
    jobs.configure(None, immediate=True)


def run_next_job() -> None:
    task = jobs.huey.dequeue()
    assert task is not None, "no job is waiting"
    jobs.huey.execute(task)


@pytest.fixture
def post_import(client):
    """post_import(form, files=None, htmx=False) sends the import form with the page's token."""
    token = page_token(client, "/")

    def post(form: dict, *, htmx: bool = False, **files):
        data = {"csrf_token": token, **form}
        for name, (filename, content) in files.items():
            data[name] = (io.BytesIO(content), filename)
        return client.post(
            "/imports", data=data, headers=HX if htmx else {}, content_type="multipart/form-data"
        )

    return post


def article_count(db) -> int:
    return len(article_store.list_articles(db))


# Pasting


def test_a_plain_paste_redirects_to_the_new_article(post_import, app_db):
    response = post_import({"source": "paste", "text": SAMPLE_ARTICLE})
    assert response.status_code == 303
    [article] = article_store.list_articles(app_db)
    assert response.headers["Location"] == f"/articles/{article['id']}"
    assert article["title"] == "Flooding closes 14 schools in the river valley"
    assert article["imported_by"] == "rita" and article["import_format"] == "text"


def test_an_htmx_paste_sends_the_browser_to_the_article(post_import, app_db):
    response = post_import({"source": "paste", "text": SAMPLE_ARTICLE}, htmx=True)
    [article] = article_store.list_articles(app_db)
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == f"/articles/{article['id']}"


def test_pasted_markup_is_imported_and_shown_as_text(post_import, client, app_db):
    response = post_import({"source": "paste", "text": MARKUP_TEXT})
    article_page = client.get(response.headers["Location"])
    text = parse(article_page).cssselect("#article-text")[0]
    assert "<b>bold</b> <script>x</script>" in text.text_content()
    assert not text.cssselect("b, script")
    stored = article_store.list_articles(app_db)[0]
    assert "<script>x</script>" in article_store.get_article(app_db, stored["id"])["body"]


def test_a_big_paste_that_starts_like_a_web_page_is_still_plain_text(post_import, app_db):
    pasted = big_text(imports.DIRECT_IMPORT_MAX_BYTES + 1000, "<!doctype html><html> a headline")
    response = post_import({"source": "paste", "text": pasted})
    assert response.status_code == 303
    [article] = article_store.list_articles(app_db)
    assert article["title"] == "<!doctype html><html> a headline"
    assert article["import_format"] == "text"


def test_a_big_paste_runs_as_a_job_then_opens_the_article(post_import, client, app_db, queued_jobs):
    pasted = big_text(imports.DIRECT_IMPORT_MAX_BYTES + 1000)
    response = post_import({"source": "paste", "text": pasted})
    assert response.status_code == 303 and response.headers["Location"].startswith("/imports/")
    waiting = client.get(response.headers["Location"])
    assert waiting.status_code == 200
    assert parse(waiting).cssselect("h2")[0].text_content() == "Waiting to start…"
    assert article_count(app_db) == 0
    run_next_job()
    finished = client.get(response.headers["Location"])
    [article] = article_store.list_articles(app_db)
    assert finished.status_code == 303
    assert finished.headers["Location"] == f"/articles/{article['id']}"
    assert article["title"] == "A long report from the valley"


def test_an_empty_paste_is_refused_beside_the_field(post_import, app_db):
    response = post_import({"source": "paste", "text": "  \n "}, htmx=True)
    assert response.status_code == 422
    fragment = parse(response)
    assert fragment.get("id") == "import-area"
    error = fragment.cssselect("#import-text-error")[0]
    assert error.text_content() == "Paste the article text first."
    textarea = fragment.cssselect("#import-text")[0]
    assert textarea.get("aria-invalid") == "true"
    assert "import-text-error" in textarea.get("aria-describedby").split()
    assert article_count(app_db) == 0


def test_a_refused_paste_without_script_gets_the_page_with_the_text_kept(post_import, app_db):
    typed = "Lorem <i>ipsum</i>\x00\x00\x00"
    response = post_import({"source": "paste", "text": typed * 40})
    assert response.status_code == 422
    page_ = parse(response)
    assert page_.cssselect("title")[0].text_content().startswith("Import")
    said = page_.cssselect("#import-text-error")[0].text_content()
    assert said.startswith("The pasted text holds null characters")
    kept = page_.cssselect("#import-text")[0].text_content()
    assert kept.startswith("Lorem <i>ipsum</i>") and len(kept) == len(typed) * 40
    assert article_count(app_db) == 0


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "The mayor said 12 new parks opened in 2024.",
            "Already imported: The mayor said 12 new parks opened in 2024. Nothing was added.",
        ),
        (
            "Who pays for the new bridge?\n\nThe council said the state will pay 40%.",
            "Already imported: Who pays for the new bridge? Nothing was added.",
        ),
        (
            '"The budget is balanced."\n\nThe minister said so on Monday.',
            'Already imported: "The budget is balanced." Nothing was added.',
        ),
        (
            "Bridge budget\n\nThe council said the state will pay 40% of the cost.",
            "Already imported: Bridge budget. Nothing was added.",
        ),
    ],
)
def test_the_already_imported_note_ends_the_title_with_one_full_stop(post_import, text, note):
    post_import({"source": "paste", "text": text})
    again = post_import({"source": "paste", "text": text}, htmx=True)
    assert " ".join(parse(again).cssselect(".import-note")[0].text_content().split()) == note


def test_a_duplicate_paste_links_to_the_existing_article(post_import, app_db):
    first = post_import({"source": "paste", "text": SAMPLE_ARTICLE})
    again = post_import({"source": "paste", "text": SAMPLE_ARTICLE}, htmx=True)
    assert again.status_code == 200 and "HX-Redirect" not in again.headers
    note = parse(again).cssselect(".import-note")[0]
    assert note.text_content().startswith("Already imported")
    assert note.cssselect("a")[0].get("href") == first.headers["Location"]
    assert article_count(app_db) == 1


# Uploading


def test_an_html_upload_is_reduced_to_its_article(post_import, app_db):
    response = post_import({"source": "file"}, file=("dam.html", ARTICLE_PAGE))
    assert response.status_code == 303
    [article] = article_store.list_articles(app_db)
    assert article["import_format"] == "html" and article["publisher"] == "Valley Post"
    body = article_store.get_article(app_db, article["id"])["body"]
    assert "seven cracks" in body and "Contact us" not in body


def test_a_text_upload_is_read_as_written(post_import, app_db):
    response = post_import({"source": "file"}, file=("flood.txt", SAMPLE_ARTICLE.encode()))
    assert response.status_code == 303
    [article] = article_store.list_articles(app_db)
    assert article["import_format"] == "text"


def test_a_binary_upload_is_refused_beside_the_file_field(post_import, app_db):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    response = post_import({"source": "file"}, htmx=True, file=("photo.png", png))
    assert response.status_code == 422
    error = parse(response).cssselect("#import-file-error")[0]
    assert "PNG image, not a text file" in error.text_content()
    assert article_count(app_db) == 0


def test_no_file_chosen_is_refused(post_import, app_db):
    response = post_import({"source": "file"})
    assert response.status_code == 422
    assert parse(response).cssselect("#import-file-error")[0].text_content().startswith("Choose")


@pytest.fixture
def small_limit_client(db_path, people):
    """A client, signed in as rita, of an app whose import limit is 4,000 bytes."""
    small = create_app({"DATABASE": str(db_path), "TESTING": True, "MAX_IMPORT_BYTES": 4000})
    browser = small.test_client()
    sign_in_page = parse(browser.get("/sign-in"))
    token = sign_in_page.cssselect('input[name="csrf_token"]')[0].get("value")
    signed_in = browser.post(
        "/sign-in", data={"username": "rita", "password": PASSWORD, "csrf_token": token}
    )
    assert signed_in.status_code == 303
    return browser


def test_the_request_limit_sits_just_above_the_import_limit(app, small_limit_client):
    assert app.config["MAX_IMPORT_BYTES"] == DEFAULT_MAX_BYTES
    held = 133_336  # a near copy's file held in the form: base64 of 100 kB, imported at once
    assert app.config["MAX_CONTENT_LENGTH"] == DEFAULT_MAX_BYTES + held + FORM_OVERHEAD_BYTES
    assert app.config["MAX_FORM_MEMORY_SIZE"] >= DEFAULT_MAX_BYTES


def test_a_huge_upload_gets_a_clear_413_page(small_limit_client, app_db):
    token = page_token(small_limit_client, "/")
    huge = b"The river rose. " * (FORM_OVERHEAD_BYTES // 8)
    data = {"csrf_token": token, "source": "file", "file": (io.BytesIO(huge), "big.txt")}
    response = small_limit_client.post("/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    message = parse(response).cssselect("[data-error-message]")[0].text_content()
    assert "larger than the import limit of 3.9 kB" in message
    assert article_count(app_db) == 0


@pytest.fixture
def upload_reads(monkeypatch):
    """The size of every read asked of an uploaded file (the stream Flask parses it into)."""
    asked: list[int] = []

    class Counted(io.BytesIO):
        def read(self, size=-1, /):
            asked.append(-1 if size is None else size)
            return super().read(size)

    monkeypatch.setattr(Request, "_get_file_stream", lambda self, *args, **kwargs: Counted())
    return asked


def test_an_upload_is_read_a_megabyte_at_a_time_not_the_whole_limit_at_once(
    post_import, client, app, app_db, upload_reads
):
    assert app.config["MAX_IMPORT_BYTES"] > 1024 * 1024  # room for the old read(limit + 1)
    response = post_import({"source": "file"}, file=("flood.txt", SAMPLE_ARTICLE.encode()))
    assert response.status_code == 303
    [article] = article_store.list_articles(app_db)
    body = article_store.get_article(app_db, article["id"])["body"]
    assert body.startswith("Flooding closes 14 schools")
    several = [("markup.txt", MARKUP_TEXT.encode()), ("long.txt", big_text(3000).encode())]
    data = {
        "csrf_token": page_token(client, "/"),
        "source": "file",
        "file": [(io.BytesIO(content), name) for name, content in several],
    }
    response = client.post("/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 303 and article_count(app_db) == 3
    assert upload_reads and all(0 < size <= 1024 * 1024 for size in upload_reads), upload_reads


def test_an_upload_over_the_import_limit_is_still_refused_in_the_same_words(
    small_limit_client, app_db
):
    token = page_token(small_limit_client, "/")
    over = big_text(4001).encode()  # over the 4,000-byte import limit, under the request limit
    data = {"csrf_token": token, "source": "file", "file": (io.BytesIO(over), "long.txt")}
    response = small_limit_client.post(
        "/imports", data=data, headers=HX, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert parse(response).cssselect("#import-file-error")[0].text_content().strip() == (
        "This is larger than the import limit of 3.9 kB; import a shorter text or ask an"
        " administrator to raise the limit."
    )
    assert article_count(app_db) == 0


def test_over_the_import_limit_but_under_the_request_limit_is_a_422(small_limit_client, app_db):
    token = page_token(small_limit_client, "/")
    data = {"csrf_token": token, "source": "paste", "text": big_text(5000)}
    response = small_limit_client.post("/imports", data=data, headers=HX)
    assert response.status_code == 422
    assert "import limit" in parse(response).cssselect("#import-text-error")[0].text_content()
    assert article_count(app_db) == 0


# From a URL, in the background


@pytest.fixture
def local_policy(app, site):
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    return app.config["FETCH_POLICY"]


def test_a_url_import_shows_progress_then_opens_the_article(
    post_import, client, app_db, site, local_policy, queued_jobs
):
    site.routes["/dam"] = page(ARTICLE_PAGE)
    response = post_import({"source": "url", "url": site.url("/dam")}, htmx=True)
    assert response.status_code == 202
    progress = parse(response)
    assert progress.get("id") == "import-area"
    poll_url = progress.get("hx-get")
    job_id = poll_url.removeprefix("/imports/")
    still_waiting = parse(client.get(poll_url, headers=HX))
    assert still_waiting.get("hx-get") == poll_url
    assert site.seen == []
    run_next_job()
    polled = client.get(f"/imports/{job_id}", headers=HX)
    [article] = article_store.list_articles(app_db)
    assert polled.headers["HX-Redirect"] == f"/articles/{article['id']}"
    assert article["import_format"] == "url" and article["imported_by"] == "rita"
    assert client.get(f"/imports/{job_id}.json").get_json()["stage"] == "done"


def test_a_url_import_without_script_redirects_to_a_progress_page(
    post_import, client, app_db, site, local_policy, queued_jobs
):
    site.routes["/dam"] = page(ARTICLE_PAGE)
    response = post_import({"source": "url", "url": site.url("/dam")})
    assert response.status_code == 303
    progress_url = response.headers["Location"]
    assert uuid.UUID(progress_url.removeprefix("/imports/"))
    run_next_job()
    finished = client.get(progress_url)
    assert finished.status_code == 303
    assert finished.headers["Location"].startswith("/articles/")


def test_a_url_import_that_finishes_at_once_opens_the_article(
    post_import, app_db, site, local_policy
):
    site.routes["/dam"] = page(ARTICLE_PAGE)
    response = post_import({"source": "url", "url": site.url("/dam")}, htmx=True)
    [article] = article_store.list_articles(app_db)
    assert response.headers["HX-Redirect"] == f"/articles/{article['id']}"


def test_a_loopback_url_is_refused_by_the_default_policy(post_import, client, app, app_db):
    assert app.config["FETCH_POLICY"] == DEFAULT_POLICY
    htmx = post_import({"source": "url", "url": "http://127.0.0.1/internal-report"}, htmx=True)
    assert htmx.status_code == 202 and parse(htmx).get("hx-get") is None
    response = post_import({"source": "url", "url": "http://127.0.0.1/internal-report"})
    progress = client.get(response.headers["Location"])
    assert progress.status_code == 200
    message = parse(progress).cssselect("[data-error-message]")[0].text_content()
    refused = (
        "That address is on a private network, which is not fetched. Save the page from your"
        " browser and upload the file, or paste its text."
    )
    assert message == refused
    assert parse(progress).cssselect("h2")[0].text_content() == "Import failed"
    # Fetching it again could only fail again: no "Try again", but another address or source.
    again = parse(progress).cssselect(".import-again")[0]
    assert not again.cssselect("button")
    assert [a.text_content() for a in again.cssselect("a")] == [
        "Change the address",
        "Import something else",
    ]
    # The page's JSON twin says it in the same words.
    state = client.get(response.headers["Location"] + ".json").get_json()
    assert state["stage"] == "failed" and state["can_retry"] is False
    assert state["message"] == refused
    assert (
        client.post(
            response.headers["Location"] + "/retry", data={"csrf_token": page_token(client)}
        ).status_code
        >= 400
    )
    assert article_count(app_db) == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Enter the article's address, starting with https://."),
        ("ftp://example.org/story", "Only http and https addresses can be imported."),
        ("www.example.org/story", "Add https:// at the start: https://www.example.org/story"),
        # Pasted with a space in the site's name: the fetch job could not even build the request.
        ("https://www.valley post.example/story", "An address cannot contain spaces."),
        ("https://", "That address has no site name: give one like https://example.org/page."),
    ],
)
def test_a_missing_or_odd_url_is_refused_beside_the_field(post_import, url, message):
    response = post_import({"source": "url", "url": url}, htmx=True)
    assert response.status_code == 422
    fragment = parse(response)
    assert fragment.cssselect("#import-url-error")[0].text_content() == message
    assert fragment.cssselect("#import-source-url")[0].get("checked") is not None


def test_a_running_job_polls_and_the_page_refreshes_without_script(client):
    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "rita")
    job_progress.set_progress(job_id, "fetching", "Fetching https://example.org/story")
    fragment = parse(client.get(f"/imports/{job_id}", headers=HX))
    assert fragment.get("hx-get") == f"/imports/{job_id}"
    assert "load delay" in fragment.get("hx-trigger")
    assert fragment.cssselect("h2")[0].text_content() == "Fetching…"
    status = fragment.cssselect(".import-status")[0]
    assert status.text_content() == "Fetching https://example.org/story…"
    current = fragment.cssselect('[aria-current="step"]')[0]
    assert current.text_content().strip() == "Reading"
    full = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh" content="1"></noscript>' in full


def test_a_job_whose_worker_stopped_says_it_waits_for_the_next(client, monkeypatch):
    """A worker that died in the middle of an import, none running since: the page says the
    import goes no further until one starts, not that it carries on."""
    from factcheck import job_presence

    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "rita")
    job_progress.set_progress(job_id, "saving", "Splitting into claims and saving")
    monkeypatch.setattr(job_presence, "any_alive", lambda: False)
    page = parse(client.get(f"/imports/{job_id}", headers=HX))
    note = page.cssselect("[data-no-worker]")
    assert note and "has stopped, and no other is running" in note[0].text_content()
    assert "carries on" not in page.text_content()
    monkeypatch.setattr(job_presence, "any_alive", lambda: True)
    assert not parse(client.get(f"/imports/{job_id}", headers=HX)).cssselect("[data-no-worker]")


def test_a_finished_job_stops_polling(client):
    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "rita")
    job_progress.set_progress(job_id, "failed", "no article text found on this page")
    fragment = parse(client.get(f"/imports/{job_id}", headers=HX))
    assert fragment.get("hx-get") is None
    assert "<noscript>" not in client.get(f"/imports/{job_id}").get_data(as_text=True)


def test_an_unknown_job_is_404(client):
    response = client.get(f"/imports/{uuid.uuid4()}")
    assert response.status_code == 404
    assert client.get(f"/imports/{uuid.uuid4()}.json").status_code == 404


def test_someone_elses_job_is_404(client_as):
    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "rita")
    job_progress.set_progress(job_id, "fetching", "Fetching https://example.org/private-story")
    assert client_as("rita").get(f"/imports/{job_id}.json").status_code == 200
    assert client_as("ed").get(f"/imports/{job_id}.json").status_code == 404


def test_an_import_without_its_token_changes_nothing(client, app_db):
    response = client.post("/imports", data={"source": "paste", "text": SAMPLE_ARTICLE})
    assert response.status_code == 400
    assert article_count(app_db) == 0


def test_signing_in_is_needed_to_import(anonymous_client):
    assert anonymous_client.get("/import").status_code == 303
    assert anonymous_client.get(f"/imports/{uuid.uuid4()}.json").status_code == 401


def test_the_import_page_offers_three_labelled_sources(client):
    form = parse(client.get("/import")).cssselect("form.import-form")[0]
    radios = form.cssselect('input[type="radio"][name="source"]')
    labels = [
        form.cssselect(f'label[for="{radio.get("id")}"]')[0].text_content() for radio in radios
    ]
    assert labels == ["Paste text", "Upload file", "From URL"]
    assert form.get("enctype") == "multipart/form-data"
    for field_id in ("import-text", "import-file", "import-url"):
        assert form.cssselect(f'label[for="{field_id}"]')


@given(st.integers(min_value=0, max_value=10**10))
@example(1280)  # 1.25 kB shown as "1.2 kB": off by exactly the bound, which floats overshoot
def test_size_labels_round_to_the_unit_people_use(size):
    label = imports.size_label(size)
    number, unit = label.rsplit(" ", 1)
    scale = {"bytes": 1, "kB": 1024, "MB": 1024 * 1024}[unit]
    shown = Fraction(number.replace(",", ""))
    assert abs(shown * scale - size) <= Fraction(1, 20) * scale
    assert unit == "bytes" or shown >= 1


def test_a_paste_bigger_than_flasks_default_form_field_limit_is_accepted(post_import, queued_jobs):
    pasted = big_text(600_000)
    response = post_import({"source": "paste", "text": pasted}, htmx=True)
    assert response.status_code == 202
    assert parse(response).cssselect("h2")[0].text_content() == "Waiting to start…"


def test_importing_the_same_page_twice_links_to_the_first_import(
    post_import, client, app_db, site, local_policy
):
    site.routes["/dam"] = page(ARTICLE_PAGE)
    first = post_import({"source": "url", "url": site.url("/dam")}, htmx=True)
    again = post_import({"source": "url", "url": site.url("/dam")}, htmx=True)
    assert again.status_code == 202 and "HX-Redirect" not in again.headers
    note = parse(again).cssselect(".import-note")[0]
    assert note.text_content().startswith("Already imported")
    assert note.cssselect("a")[0].get("href") == first.headers["HX-Redirect"]
    assert article_count(app_db) == 1


def test_a_job_that_crashes_is_reported_as_failed(
    post_import, client, app_db, queued_jobs, monkeypatch
):
    def crash(*args, **kwargs):
        raise RuntimeError("splitter fell over")

    response = post_import({"source": "paste", "text": big_text(imports.DIRECT_IMPORT_MAX_BYTES)})
    monkeypatch.setattr(importers, "from_text", crash)
    run_next_job()  # huey records the error instead of raising it
    fragment = parse(client.get(response.headers["Location"], headers=HX))
    assert fragment.cssselect("h2")[0].text_content() == "Import failed"
    assert "unexpected error" in fragment.cssselect("[data-error-message]")[0].text_content()
    assert fragment.get("hx-get") is None
    assert article_count(app_db) == 0


def _failed_import(post_import, client, url: str):
    """The progress page of a URL import that has failed, as a browser without script sees it."""
    response = post_import({"source": "url", "url": url})
    return parse(client.get(response.headers["Location"]))


@pytest.mark.parametrize(
    ("route", "words"),
    [
        (page(b"gone", status=404), "The page was not found: check the address"),
        (
            page(b"x" * 3000),
            "The page (its markup and scripts with the article) is larger than the import limit"
            " of 2 kB. Paste the article text instead",
        ),
        (page(b"%PDF-1.4", content_type="application/pdf"), "The address is not a web page"),
    ],
)
def test_a_failed_url_import_says_what_went_wrong_in_words(
    post_import, client, app, site, local_policy, route, words
):
    app.config["MAX_IMPORT_BYTES"] = 2048
    site.routes["/story"] = route
    url = site.url("/story")
    progress = _failed_import(post_import, client, url)
    message = progress.cssselect("[data-error-message]")[0].text_content()
    assert message.startswith(words)
    assert url not in message and "refused:" not in message.lower()
    # Try again keeps the address; so does changing it.
    assert progress.cssselect(".import-again button")[0].text_content() == "Try again"
    change = [a for a in progress.cssselect(".import-again a") if "Change" in a.text_content()]
    form = parse(client.get(change[0].get("href")))
    assert form.cssselect("#import-url")[0].get("value") == url


def test_a_pdf_its_server_calls_a_web_page_is_refused_in_words_about_the_address(
    post_import, client, app_db, site, local_policy
):
    site.routes["/story"] = page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="text/html")
    progress = _failed_import(post_import, client, site.url("/story"))
    message = progress.cssselect("[data-error-message]")[0].text_content()
    assert (
        message
        == "The address is not a web page (it gives a PDF document). Paste the text instead."
    )
    # The same address would give the same PDF: no "Try again", but another address or source.
    again = progress.cssselect(".import-again")[0]
    assert not again.cssselect("button")
    assert [a.text_content() for a in again.cssselect("a")] == [
        "Change the address",
        "Import something else",
    ]
    assert article_count(app_db) == 0


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (
            "http://192.168.1.1/",
            "The page redirects to http://192.168.1.1/. That address is on a private network,"
            " which is not fetched. Save the page from your browser and upload the file, or paste"
            " its text.",
        ),
        (
            "file:///etc/passwd",
            "The page redirects to file:///etc/passwd. That is not a web address we can fetch."
            " Save the page from your browser and upload the file, or paste its text.",
        ),
        (
            "ftp://example.org/x",
            "The page redirects to ftp://example.org/x. That is not a web address we can fetch."
            " Save the page from your browser and upload the file, or paste its text.",
        ),
    ],
)
def test_a_redirect_to_a_refused_address_says_the_page_redirected_there(
    post_import, client, site, local_policy, target, words
):
    """The address typed is fine: the one the page redirected to is refused, and named."""
    site.routes["/short"] = redirect(target)
    progress = _failed_import(post_import, client, site.url("/short"))
    assert progress.cssselect("[data-error-message]")[0].text_content() == words
    assert not progress.cssselect(".import-again button"), "it would be refused again"


def test_a_site_that_cannot_be_found_is_named_as_such(post_import, client, monkeypatch):
    import socket

    def no_such_host(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr("factcheck.network.fetch.socket.getaddrinfo", no_such_host)
    progress = _failed_import(post_import, client, "https://no-such-site.example/story")
    message = progress.cssselect("[data-error-message]")[0].text_content()
    assert message == "The site could not be found. Check the address."
