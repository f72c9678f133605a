"""Quote checks stored with archived copies: per evidence item, in the panel's rows, the claims
JSON and the exports; copies and their bytes are immutable and stored once per sha256."""

import hashlib
import json
import sqlite3
from datetime import timedelta

import pytest
from helpers import DAM_ARTICLE_PAGE as ARTICLE_PAGE
from helpers import add_people, first_checkable_claim, import_sample, new_database
from local_server import page

from factcheck import archive_jobs, jobs, link_jobs, link_watch
from factcheck.archive_words import failure_words, worth_retrying
from factcheck.network.fetch import FetchPolicy
from factcheck.store import claim_reads, evidence, snapshots
from factcheck.store.actors import SYSTEM

FOUND_QUOTE = "none of the cracks was deeper than 4\u00a0centimetres"
CLOSE_QUOTE = (
    "Engineers found seven cracks in the spillway of the Upper Valley dam during inspection"
)
MISSING_QUOTE = "The dam will be demolished next year"


@pytest.fixture
def world(tmp_path, immediate_jobs, site):
    path = tmp_path / "q.db"
    db = new_database(path)
    people = add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    site.routes["/report"] = page(ARTICLE_PAGE)
    return path, db, people, claim, site


def _another_claim(db, claim):
    units = claim_reads.claims_for_article(db, claim["article_id"])
    return next(unit for unit in units if unit["kind"] == "claim" and unit["id"] != claim["id"])


def _add(db, claim, people, url, quote, stance="supports"):
    return evidence.add_evidence(
        db, claim["id"], url=url, stance=stance, quote=quote, actor=people["rita"]
    )


def test_each_quote_is_checked_against_the_copy_and_stored_with_it(world):
    path, db, people, claim, site = world
    url = site.url("/report")
    _add(db, claim, people, url, FOUND_QUOTE)
    other = _another_claim(db, claim)
    _add(db, other, people, url, MISSING_QUOTE)
    outcome = archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    checks = snapshots.quote_checks_for(db, outcome["snapshot_id"])
    assert [check["status"] for check in checks] == ["found", "not_found"]
    found = checks[0]
    text = snapshots.get_snapshot(db, outcome["snapshot_id"])["text"]
    assert text[found["start"] : found["end"]] == found["passage"]
    assert found["passage"] == "none of the cracks was deeper than 4 centimetres"
    row = evidence.evidence_for_claim(db, claim["id"])[0]
    assert row["quote_status"] == "found" and row["snapshot_kind"] == "fetched"
    # The audit row of the archive names each check.
    after = db.execute(
        "SELECT after FROM audit WHERE action = 'evidence.archive' ORDER BY id DESC LIMIT 1"
    ).fetchone()[0]
    assert [c["status"] for c in json.loads(after)["quote_checks"]] == ["found", "not_found"]


def test_a_close_quote_is_found_approximately_and_shows_in_claims_json(world):
    path, db, people, claim, site = world
    url = site.url("/report")
    _add(db, claim, people, url, CLOSE_QUOTE)
    archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    record = claim_reads.claims_with_reviews(db, [claim])[0]
    item = record["evidence"][0]
    assert item["quote_check"]["status"] == "approximate"
    assert item["quote_check"]["passage"].startswith("Engineers found seven cracks")
    assert item["snapshot"]["kind"] == "fetched"


def test_evidence_added_after_a_copy_exists_is_checked_at_once(world):
    path, db, people, claim, site = world
    url = site.url("/report")
    other = _another_claim(db, claim)
    _add(db, other, people, url, None)
    archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    added = _add(db, claim, people, url, "seven cracks in the spillway")
    row = evidence.evidence_for_claim(db, claim["id"])[0]
    assert row["id"] == added["id"] and row["quote_status"] == "found"


def test_a_failed_archive_checks_nothing_and_a_page_without_text_says_so(world):
    path, db, people, claim, site = world
    _add(db, claim, people, "http://10.1.2.3/x", FOUND_QUOTE)
    archive_jobs.archive_evidence(str(path), "http://10.1.2.3/x").get()
    assert evidence.evidence_for_claim(db, claim["id"])[0]["quote_status"] is None
    site.routes["/doc.pdf"] = page(b"%PDF-1.4 binary", "application/pdf")
    url = site.url("/doc.pdf")
    _add(db, claim, people, url, FOUND_QUOTE, stance="context")
    archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    assert evidence.evidence_for_claim(db, claim["id"])[1]["quote_status"] == "no_text"


def test_an_empty_answer_is_a_failed_archive_and_a_page_of_bare_markup_a_copy(world):
    """A 200 with no body (or blank lines only) is no copy of any page: it fails, worded so, and
    is worth trying again. A page of markup with no text (one a script would fill) is what the
    site serves: kept, with no text to check the quote against."""
    path, db, people, claim, site = world
    policy = FetchPolicy.local_test(site.port)
    site.routes["/empty"] = page(b"")
    site.routes["/blank"] = page(b"\n\n  \n", "text/plain")
    site.routes["/shell"] = page(b'<!doctype html><html><body><div id="app"></div></body></html>')
    for route in ("/empty", "/blank", "/shell"):
        _add(db, claim, people, site.url(route), FOUND_QUOTE, stance="context")
        archive_jobs.archive_evidence(str(path), site.url(route), policy).get()
    kept = {
        row["url"]: row for row in db.query("SELECT url, status, error FROM evidence_snapshots")
    }
    for route in ("/empty", "/blank"):
        assert kept[site.url(route)]["status"] == "failed"
        assert failure_words(kept[site.url(route)]["error"]).startswith("The page came back empty")
        assert worth_retrying(kept[site.url(route)]["error"])
    assert kept[site.url("/shell")]["status"] == "archived"
    statuses = [row["quote_status"] for row in evidence.evidence_for_claim(db, claim["id"])]
    assert statuses == [None, None, "no_text"]
    audited = db.query(
        "SELECT json_extract(after, '$.status') AS status FROM audit"
        " WHERE record_type = 'evidence_snapshot' ORDER BY id"
    )
    assert [row["status"] for row in audited] == ["failed", "failed", "archived"]


def test_a_copy_is_kept_as_what_its_bytes_are_whatever_the_server_calls_them(world):
    """A PDF served as "text/html" is kept as a PDF; a screenshot served so is refused, as a
    picture served as one is (an evidence page is a page or a document)."""
    path, db, people, claim, site = world
    policy = FetchPolicy.local_test(site.port)
    site.routes["/doc"] = page(b"%PDF-1.4 binary", "text/html")
    site.routes["/shot"] = page(b"\x89PNG\r\n\x1a\n" + bytes(64), "text/html")
    for route, stance in (("/doc", "context"), ("/shot", "supports")):
        _add(db, claim, people, site.url(route), FOUND_QUOTE, stance=stance)
        archive_jobs.archive_evidence(str(path), site.url(route), policy).get()
    kept = {
        row["url"]: row
        for row in db.query("SELECT url, status, content_type, error FROM evidence_snapshots")
    }
    assert kept[site.url("/doc")]["content_type"] == "application/pdf"
    assert kept[site.url("/doc")]["status"] == "archived"
    shot = kept[site.url("/shot")]
    assert shot["status"] == "failed" and "image/png" in shot["error"]
    assert db.execute("SELECT count(*) FROM snapshot_files").fetchone()[0] == 1


def test_jobs_queued_before_a_page_was_fetched_fetch_it_no_more(world):
    """Seven claims citing one page, or "Try again" pressed twice, queue several jobs: the first
    fetches the page, and the others, queued before that, take its copy as their answer."""
    from factcheck.db import utc_now

    path, db, people, claim, site = world
    url = site.url("/report")
    _add(db, claim, people, url, None)
    queued = utc_now()
    policy = FetchPolicy.local_test(site.port)
    first = archive_jobs.archive_evidence(str(path), url, policy, queued_at=queued).get()
    again = [
        archive_jobs.archive_evidence(str(path), url, policy, queued_at=queued).get()
        for _ in range(3)
    ]
    assert {outcome["snapshot_id"] for outcome in again} == {first["snapshot_id"]}
    assert [path for path, _ in site.seen].count("/report") == 1
    assert db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0] == 1
    # Queued after that copy: fetched again (a reviewer's "Try again" a day later).
    later = archive_jobs.archive_evidence(str(path), url, policy, queued_at=utc_now()).get()
    assert later["snapshot_id"] != first["snapshot_id"]


def test_copies_and_their_bytes_are_stored_once_and_never_change(world):
    path, db, people, claim, site = world
    url = site.url("/report")
    _add(db, claim, people, url, None)
    first = archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    second = archive_jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    assert first["snapshot_id"] != second["snapshot_id"]
    digest = hashlib.sha256(ARTICLE_PAGE).hexdigest()
    assert db.execute("SELECT count(*) FROM snapshot_files").fetchone()[0] == 1
    assert snapshots.snapshot_file(db, digest)["data"] == ARTICLE_PAGE
    for sql in (
        "UPDATE evidence_snapshots SET text = 'forged'",
        "DELETE FROM evidence_snapshots",
        "UPDATE snapshot_files SET data = x'00'",
        "DELETE FROM snapshot_files",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)


def test_record_snapshot_refuses_an_unknown_kind_of_copy(world):
    _, db, *_ = world
    with pytest.raises(ValueError):
        snapshots.record_snapshot(db, "https://x.example/", actor=SYSTEM, status="failed", kind="x")


def _panel_for_the_approving_editor(db, people, claim, client_as) -> str:
    """The claim's panel as the editor asked to approve rita's verdict on it sees it."""
    from helpers import HX, RATIONALE

    from factcheck.store import verdicts

    verdicts.set_verdict(
        db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim["id"], actor=people["rita"])
    return client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)


def test_the_approving_editor_sees_how_many_quotes_were_found(
    app, app_db, people, claim, site, client_as, immediate_jobs
):
    site.routes["/report"] = page(ARTICLE_PAGE)
    policy = FetchPolicy.local_test(site.port)
    pages = {"/a": FOUND_QUOTE, "/b": CLOSE_QUOTE, "/c": MISSING_QUOTE}
    for route, quote in pages.items():
        site.routes[route] = page(ARTICLE_PAGE)
        url = site.url(route)
        _add(app_db, claim, people, url, quote)
        archive_jobs.archive_evidence(app.config["DATABASE"], url, policy).get()
    _add(app_db, claim, people, site.url("/d"), None, stance="context")  # no quote: not counted
    gone = site.url("/gone")  # answers 404: its quote cannot be looked for
    _add(app_db, claim, people, gone, FOUND_QUOTE)
    archive_jobs.archive_evidence(app.config["DATABASE"], gone, policy).get()
    panel = _panel_for_the_approving_editor(app_db, people, claim, client_as)
    assert (
        "2 of 4 quotes found in the archived sources, 1 only approximately; 1 not found; 1 not"
        " checked (its source could not be archived)"
    ) in panel
    assert "Quote found approximately in the archived copy" in panel
    assert "Closest passage: <q><bdi>Engineers found seven cracks in the spillway" in panel
    assert "Quote not found in the archived copy" in panel


def test_the_approving_editor_is_told_why_a_quote_with_a_copy_was_not_checked(
    app, app_db, people, claim, site, client_as, immediate_jobs
):
    policy = FetchPolicy.local_test(site.port)
    for route in ("/a", "/b"):
        site.routes[route] = page(ARTICLE_PAGE)
        _add(app_db, claim, people, site.url(route), FOUND_QUOTE)
        archive_jobs.archive_evidence(app.config["DATABASE"], site.url(route), policy).get()
    # Rows from before quotes needed words: "..." was kept and never looked for; and a copy
    # kept with no check of its item's quote.
    first, second = (item["id"] for item in evidence.evidence_for_claim(app_db, claim["id"]))
    app_db.execute("UPDATE evidence SET quote = '...' WHERE id = ?", [first])
    app_db.execute("DELETE FROM quote_checks WHERE evidence_id IN (?, ?)", [first, second])
    panel = _panel_for_the_approving_editor(app_db, people, claim, client_as)
    assert (
        "0 of 2 quotes found in the archived sources; 1 not checked (its source&#39;s copy has not"
        " been searched for it); 1 not checked (its quote has no words to look for)"
    ) in panel
    assert "no copy yet" not in panel


def test_the_periodic_link_watch_runs_only_when_switched_on_and_due(world, monkeypatch):
    path, db, people, claim, site = world
    _add(db, claim, people, "http://localhost/x", None)
    monkeypatch.setattr(jobs, "_database_path", str(path))
    monkeypatch.setattr("factcheck.link_watch.DEFAULT_OLDER_THAN", timedelta(0))
    jobs.huey.delete(link_jobs.LINK_WATCH_LAST_RUN)
    monkeypatch.delenv("FACTCHECK_LINK_CHECK_HOURS", raising=False)
    assert link_jobs.link_watch_tick.call_local() is None
    monkeypatch.setenv("FACTCHECK_LINK_CHECK_HOURS", "24")
    assert link_jobs.link_watch_tick.call_local() == {
        "unchanged": 0, "changed": 0, "moved": 0, "failed": 1
    }  # fmt: skip
    assert link_jobs.link_watch_tick.call_local() is None, "not due again for a day"
    monkeypatch.setenv("FACTCHECK_LINK_CHECK_HOURS", "soon")
    with pytest.raises(ValueError, match="whole number of hours"):
        link_jobs.link_watch_tick.call_local()


def test_only_one_link_check_runs_at_a_time(world):
    path, db, people, claim, site = world
    _add(db, claim, people, "http://localhost/y", None)
    with link_watch.one_run_at_a_time(db):
        assert link_jobs.check_links.call_local(str(path), 0, 10) == {
            "skipped": "another link check was running"
        }
    assert link_jobs.check_links.call_local(str(path), 0, 10)["failed"] == 1
