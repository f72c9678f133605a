"""An uploaded HTML copy is read by a job, not inside the upload: the upload answers at once with
a badge that says the copy is being read, and the job keeps its text and checks its quote (or
says in words why it could not)."""

import hashlib
import json

import pytest
from helpers import HX, fragment, words
from test_job_recovery import crash_while_running, restart, run_next_job
from test_own_copies import HTML_COPY, PDF, _upload

from factcheck import archive_jobs, copies, jobs
from factcheck.store import audit
from factcheck.store import evidence as evidence_store

pytestmark = pytest.mark.usefixtures("immediate_jobs")


@pytest.fixture
def failed_item(app_db, people, claim, app):
    """Evidence whose page could not be fetched (a private address)."""
    item = evidence_store.add_evidence(
        app_db,
        claim["id"],
        url="http://10.20.30.40/report",
        stance="supports",
        quote="none of the cracks was deeper than 4 centimetres",
        actor=people["rita"],
    )
    archive_jobs.archive_evidence.call_local(app.config["DATABASE"], item["url"])
    return item


@pytest.fixture
def jobs_file(tmp_path):
    """Jobs wait in a real queue file, as under `factcheck serve`, until the test runs them."""
    path = tmp_path / "factcheck-jobs.db"
    jobs.configure(path)
    yield path
    jobs.configure(None, immediate=True)


def _uploads(app_db, url):
    return list(
        app_db.query(
            "SELECT * FROM evidence_snapshots WHERE url = ? AND kind = 'upload' ORDER BY id", [url]
        )
    )


def _badge(client, claim, item):
    answer = client.get(f"/claims/{claim['id']}/evidence/{item['id']}/archive-status", headers=HX)
    return fragment(answer).cssselect(f"#archive-badge-{item['id']}")[0]


def test_an_html_upload_answers_at_once_and_a_job_reads_it(
    client, claim, failed_item, app_db, jobs_file, monkeypatch
):
    read_in_request = []
    real_read = copies.title_and_text
    monkeypatch.setattr(
        copies,
        "title_and_text",
        lambda *args: read_in_request.append(args) or real_read(*args),
    )
    answer = _upload(client, claim, failed_item, HTML_COPY, "saved.html")
    assert answer.status_code == 200
    assert read_in_request == [], "the upload must not read the copy's text itself"
    badge = fragment(answer).cssselect(f"#archive-badge-{failed_item['id']}")[0]
    pending = badge.cssselect(".archive-status.is-pending")[0]
    assert words(pending) == "Reading your uploaded copy…"
    assert pending.get("hx-trigger").startswith("every")
    assert not badge.cssselect("details.own-copy"), "no second upload while this one is read"
    # The file is kept and its arrival audited; the copy itself waits for its text.
    digest = hashlib.sha256(HTML_COPY).hexdigest()
    assert (
        app_db.execute("SELECT count(*) FROM snapshot_files WHERE sha256 = ?", [digest]).fetchone()[
            0
        ]
        == 1
    )
    received = app_db.execute(
        "SELECT after FROM audit WHERE action = 'evidence.copy_received'"
    ).fetchall()
    assert [json.loads(after)["content_sha256"] for (after,) in received] == [digest]
    assert _uploads(app_db, failed_item["url"]) == []
    assert jobs.huey.pending_count() == 1

    run_next_job()

    assert len(read_in_request) == 1
    [kept] = _uploads(app_db, failed_item["url"])
    assert kept["status"] == "archived" and kept["content_sha256"] == digest
    assert kept["file_name"] == "saved.html" and kept["title"] == "Saved page"
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert row["snapshot_kind"] == "upload" and row["quote_status"] == "found"
    badge = _badge(client, claim, failed_item)
    assert words(badge.cssselect("a.archive-status")[0]) == "Uploaded copy"
    assert words(badge.cssselect(".quote-check")[0]) == "Quote found in the uploaded copy"
    assert not badge.cssselect("[hx-trigger]"), "the badge stops asking once the copy is read"
    assert audit.verify(app_db).ok


def test_an_uploaded_copy_that_cannot_be_read_says_so_on_the_card(
    client, claim, failed_item, app_db, jobs_file, monkeypatch
):
    def unreadable(*args):
        raise ValueError("Document is empty")

    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    monkeypatch.setattr(copies, "title_and_text", unreadable)
    run_next_job()

    [failed] = _uploads(app_db, failed_item["url"])
    assert failed["status"] == "failed" and failed["content_sha256"]
    assert failed["error"].startswith(archive_jobs.UNREADABLE_COPY)
    audited = app_db.execute(
        "SELECT count(*) FROM audit WHERE action = 'evidence.copy' AND record_id = ?",
        [failed["id"]],
    ).fetchone()[0]
    assert audited == 1
    badge = _badge(client, claim, failed_item)
    assert words(badge.cssselect(".archive-status.is-failed")[0]) == (
        "The text of the uploaded copy could not be read; upload a PDF of the page or a"
        " screenshot of the passage instead."
    )
    assert badge.cssselect("details.own-copy form[enctype='multipart/form-data']")
    assert audit.verify(app_db).ok


def test_an_unreadable_upload_is_said_even_when_an_older_copy_backs_the_item(
    client, claim, failed_item, app_db, jobs_file, monkeypatch
):
    # A PDF is kept at once, with no job: it has no text to read.
    assert _upload(client, claim, failed_item, PDF, "scan.pdf").status_code == 200
    assert jobs.huey.pending_count() == 0
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["quote_status"]) == ("upload", "no_text")

    def unreadable(*args):
        raise ValueError("Document is empty")

    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    monkeypatch.setattr(copies, "title_and_text", unreadable)
    run_next_job()

    badge = _badge(client, claim, failed_item)
    assert words(badge.cssselect("a.archive-status")[0]) == "Uploaded copy"
    assert words(badge.cssselect("p.field-error")[0]) == (
        "Your newer uploaded copy was not kept: The text of the uploaded copy could not be read;"
        " upload a PDF of the page or a screenshot of the passage instead."
    )


def test_a_copy_waiting_long_for_a_reader_says_so_and_stops_asking(
    client, claim, failed_item, jobs_file, monkeypatch
):
    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    later = archive_jobs.time.time() + archive_jobs.ARCHIVE_WAIT_SECONDS + 1
    monkeypatch.setattr(archive_jobs.time, "time", lambda: later)
    badge = _badge(client, claim, failed_item)
    assert words(badge.cssselect(".archive-status")[0]) == (
        "Your uploaded copy is kept, waiting for a worker to read it"
    )
    assert not badge.cssselect("[hx-trigger]")


def test_a_reading_cut_off_by_a_restart_says_to_upload_again(
    client, claim, failed_item, app_db, jobs_file
):
    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    crash_while_running()
    restart(jobs_file)
    [failed] = _uploads(app_db, failed_item["url"])
    assert failed["status"] == "failed" and failed["added_by"] is not None
    badge = _badge(client, claim, failed_item)
    assert words(badge.cssselect(".archive-status.is-failed")[0]) == (
        "The server stopped while the uploaded copy was being read; upload it again."
    )
    assert not badge.cssselect("[hx-trigger]")
    assert audit.verify(app_db).ok


def test_with_jobs_run_at_once_the_upload_answers_with_the_quote_checked(
    client, claim, failed_item, app_db
):
    answer = _upload(client, claim, failed_item, HTML_COPY, "saved.html")
    assert answer.status_code == 200
    badge = fragment(answer).cssselect(f"#archive-badge-{failed_item['id']}")[0]
    assert words(badge.cssselect(".quote-check")[0]) == "Quote found in the uploaded copy"
