"""Evidence from the command line: archives and link checks queued for `factcheck worker`, the
link watch run at once, own copies, and quote checks in `claims --json`."""

import json
import signal

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, SAMPLE_ARTICLE
from processes import Running

from factcheck import db as database
from factcheck import job_storage
from factcheck.cli import main

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    database_path = tmp_path / "cli.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database_path), *args], input=input)

    assert invoke("init").exit_code == 0
    added = invoke("user", "add", "rita", "--role", "reviewer", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0, added.output
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    article = json.loads(invoke("import", str(story), "--json").output)["article_id"]
    claims = json.loads(invoke("claims", str(article), "--json").output)["claims"]
    invoke.claim_id = next(c["id"] for c in claims if c["kind"] == "claim")
    invoke.article_id = article
    invoke.path = database_path
    return invoke


def _rows(path, sql):
    db = database.connect(path)
    try:
        return list(db.query(sql))
    finally:
        db.close()


def test_archives_and_link_checks_queued_from_the_command_line_run_under_the_worker(run, tmp_path):
    added = run(
        "evidence", "add", str(run.claim_id), "http://localhost/report",
        "--stance", "supports", "--quote", "seven cracks", "--as", "rita",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "queued for archiving" in added.output and "factcheck worker" in added.output
    assert _rows(run.path, "SELECT id FROM evidence_snapshots") == []
    queued = run("links", "check", "--older-than", "0m", "--queue")
    assert queued.exit_code == 0 and "Queued a link check" in queued.output

    worker = Running(tmp_path, "--db", str(run.path), "worker")
    try:
        worker.wait_for(
            lambda: (
                _rows(run.path, "SELECT id FROM evidence_snapshots")
                and _rows(run.path, "SELECT id FROM link_checks")
            ),
            "the archive and the link check ran",
        )
        assert worker.stop(signal.SIGTERM) == 0
    finally:
        worker.close()
    snapshot = _rows(run.path, "SELECT status, error FROM evidence_snapshots")[0]
    # The worker fetches through the safe fetcher: a name that leads to a loopback address is
    # refused, in words (each time: a name may resolve otherwise later).
    assert snapshot["status"] == "failed" and "loopback" in snapshot["error"]
    check = _rows(run.path, "SELECT outcome, error FROM link_checks")[0]
    assert check["outcome"] == "failed" and "loopback" in check["error"]


def test_links_check_prints_each_page_and_a_summary(run):
    run(
        "evidence", "add", str(run.claim_id), "http://localhost/a",
        "--stance", "context", "--no-archive", "--as", "rita",
    )  # fmt: skip
    result = run("links", "check", "--older-than", "0m")
    assert result.exit_code == 0, result.output
    assert "FAILING   http://localhost/a" in result.output
    assert "Checked 1 page: 0 unchanged, 0 changed, 0 moved, 1 failing." in result.output
    again = run("links", "check")
    assert "Nothing to check" in again.output
    as_json = json.loads(run("links", "check", "--older-than", "0m", "--json").output)
    assert as_json["checks"][0]["outcome"] == "failed" and as_json["checks"][0]["quotes"] == {}


def test_flagged_pages_are_listed_and_acknowledged_from_the_command_line(run):
    run(
        "evidence", "add", str(run.claim_id), "http://localhost/a",
        "--stance", "context", "--no-archive", "--as", "rita",
    )  # fmt: skip
    assert run("links", "flagged").output.startswith("No evidence page has failed")
    run("links", "check", "--older-than", "0m")
    [evidence_id] = [row["id"] for row in _rows(run.path, "SELECT id FROM evidence")]
    listed = run("links", "flagged")
    assert listed.exit_code == 0
    assert f"evidence {evidence_id:<6} FAILING  http://localhost/a (claim {run.claim_id})" in (
        listed.output
    )
    [row] = json.loads(run("links", "flagged", "--json").output)
    assert (row["id"], row["outcome"], row["published"]) == (evidence_id, "failed", False)
    done = run("evidence", "acknowledge", str(evidence_id), "--as", "rita")
    assert done.exit_code == 0, done.output
    assert done.output == f"Acknowledged the change to the page of evidence {evidence_id}.\n"
    again = run("evidence", "acknowledge", str(evidence_id), "--as", "rita")
    assert again.exit_code == 0 and "was acknowledged already" in again.output
    assert run("links", "flagged").output.startswith("No evidence page has failed")
    actions = [row["action"] for row in _rows(run.path, "SELECT action FROM audit")]
    assert actions[-1] == "evidence.acknowledge_change"
    missing = run("evidence", "acknowledge", "999", "--as", "rita")
    assert missing.exit_code == 2 and missing.output.count("\n") == 1


def test_links_check_refuses_an_age_it_cannot_read(run):
    result = run("links", "check", "--older-than", "a week")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "such as 7d" in result.output


def test_an_own_copy_from_the_command_line(run, tmp_path):
    added = run(
        "evidence", "add", str(run.claim_id), "https://stats.example/report",
        "--stance", "supports", "--quote", "a quote", "--no-archive", "--as", "rita", "--json",
    )  # fmt: skip
    evidence_id = str(json.loads(added.output)["id"])
    copy = tmp_path / "report.pdf"
    copy.write_bytes(PDF)
    kept = run("evidence", "copy", evidence_id, "--file", str(copy), "--as", "rita")
    assert kept.exit_code == 0, kept.output
    assert "application/pdf" in kept.output
    claims = json.loads(run("claims", str(run.article_id), "--json").output)["claims"]
    item = next(c for c in claims if c["id"] == run.claim_id)["evidence"][0]
    assert item["snapshot"]["kind"] == "upload" and item["quote_check"]["status"] == "no_text"

    script = tmp_path / "x.svg"
    script.write_bytes(b"<svg><script>alert(1)</script></svg>")
    refused = run("evidence", "copy", evidence_id, "--file", str(script), "--as", "rita")
    assert refused.exit_code == 2 and "upload a PDF" in refused.output
    neither = run("evidence", "copy", evidence_id, "--as", "rita")
    assert neither.exit_code == 2 and "--file PATH or --web-archive URL" in neither.output
    elsewhere = run(
        "evidence", "copy", evidence_id, "--web-archive", "https://copies.example/x", "--as", "rita"
    )
    assert elsewhere.exit_code == 2 and "not a public web archive" in elsewhere.output


def test_an_html_copy_from_the_command_line_is_read_at_once(run, tmp_path, monkeypatch):
    """The web server reads an uploaded HTML copy in a job; `evidence copy` runs that job in its
    own process, as it fetches a web archive's copy, and says how it went."""
    from factcheck import copies

    added = run(
        "evidence", "add", str(run.claim_id), "https://stats.example/report",
        "--stance", "supports", "--quote", "none of the cracks was deeper than 4 centimetres",
        "--no-archive", "--as", "rita", "--json",
    )  # fmt: skip
    evidence_id = str(json.loads(added.output)["id"])
    saved = tmp_path / "saved.html"
    saved.write_bytes(
        b"<!doctype html><html><head><title>Saved</title></head><body><article><p>Engineers"
        b" found seven cracks in the spillway, the board said on Monday in a statement.</p>"
        b"<p>The board said none of the cracks was deeper than 4 centimetres.</p></article>"
        b"</body></html>"
    )
    kept = run("evidence", "copy", evidence_id, "--file", str(saved), "--as", "rita")
    assert kept.exit_code == 0, kept.output
    assert kept.output.startswith("Kept copy ") and "text/html" in kept.output
    assert f"  Quote found in the uploaded copy (evidence {evidence_id}).\n" in kept.output
    claims = json.loads(run("claims", str(run.article_id), "--json").output)["claims"]
    item = next(c for c in claims if c["id"] == run.claim_id)["evidence"][0]
    assert item["snapshot"]["kind"] == "upload" and item["quote_check"]["status"] == "found"
    audited = _rows(
        run.path, "SELECT action, actor, channel FROM audit WHERE action LIKE 'evidence.copy%'"
    )
    assert [a["action"] for a in audited] == ["evidence.copy_received", "evidence.copy"]
    assert audited[0]["actor"] == audited[1]["actor"] is not None
    assert all(a["channel"].startswith("cli") for a in audited)
    as_json = run("evidence", "copy", evidence_id, "--file", str(saved), "--as", "rita", "--json")
    [check] = json.loads(as_json.output)["quote_checks"]
    assert (check["evidence_id"], check["status"]) == (int(evidence_id), "found")

    def unreadable(*args):
        raise ValueError("Document is empty")

    monkeypatch.setattr(copies, "title_and_text", unreadable)
    refused = run("evidence", "copy", evidence_id, "--file", str(saved), "--as", "rita")
    assert refused.exit_code == 2
    assert refused.output.startswith(
        "Error: The text of the uploaded copy could not be read; upload a PDF of the page or a"
        " screenshot of the passage instead (the uploaded copy could not be read as an HTML page"
    )


def test_a_copy_made_at_once_ends_the_wait_for_the_queued_one(run):
    from factcheck import archive_jobs

    url = "http://10.9.8.6/report"
    added = run("evidence", "add", str(run.claim_id), url, "--stance", "supports", "--as", "rita")
    evidence_id = next(row["id"] for row in _rows(run.path, "SELECT id FROM evidence") if row["id"])
    assert "queued for archiving" in added.output
    assert archive_jobs.archive_state(url) == "queued"
    archived = run("evidence", "archive", str(evidence_id))
    assert archived.exit_code == 1, archived.output
    assert "The address leads into a private network" in archived.output
    assert archive_jobs.archive_state(url) is None


def test_archiving_exits_1_when_any_source_failed_and_0_when_all_were_kept(run, monkeypatch):
    from factcheck import archive_jobs
    from factcheck.network.fetch import FetchedPage

    real_fetch = archive_jobs.fetch

    def fetch(url, **kwargs):
        if url.startswith("https://stats.example/"):
            return FetchedPage(url, 200, "text/plain", b"Seven cracks were found.", "utf-8")
        return real_fetch(url, **kwargs)

    monkeypatch.setattr(archive_jobs, "fetch", fetch)
    ids = []
    for url in ("https://stats.example/kept", "http://10.9.8.5/refused"):
        added = run(
            "evidence", "add", str(run.claim_id), url, "--quote", "Nine cracks were found",
            "--stance", "supports", "--no-archive", "--as", "rita", "--json",
        )  # fmt: skip
        ids.append(str(json.loads(added.output)["id"]))
    some_failed = run("evidence", "archive", *ids)
    assert some_failed.exit_code == 1, some_failed.output
    lines = some_failed.output.splitlines()
    assert lines[0] == "archived  https://stats.example/kept"
    assert lines[1] == f"  Quote not found in the archived copy (evidence {ids[0]})."
    assert lines[2].startswith("failed    http://10.9.8.5/refused: The address leads into")
    # Its address is refused by design: --pending leaves it rather than fail on it every run.
    pending = run("evidence", "archive", "--pending", "--json")
    assert pending.exit_code == 0 and json.loads(pending.output) == []
    all_kept = run("evidence", "archive", ids[0], "--json")
    assert all_kept.exit_code == 0, all_kept.output
    assert [r["status"] for r in json.loads(all_kept.output)] == ["archived"]
    [check] = json.loads(all_kept.output)[0]["quote_checks"]
    assert (check["evidence_id"], check["status"]) == (int(ids[0]), "not_found")


def test_links_check_waits_its_turn_behind_a_running_one(run):
    from factcheck import link_watch

    db = database.connect(run.path)
    try:
        with link_watch.one_run_at_a_time(db):  # a worker of this process running one
            busy = run("links", "check")
    finally:
        db.close()
    assert busy.exit_code == 2 and "another link check is running" in busy.output
    assert run("links", "check").exit_code == 0


def test_archive_refuses_ids_together_with_pending_rather_than_ignoring_the_ids(run):
    result = run("evidence", "archive", "1", "--pending")
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "Error: give evidence ids or --pending, not both; --pending archives every source"
        " still without a copy"
    )


@pytest.mark.parametrize(
    "command",
    [("archive", "99999"), ("remove", "99999", "--reason", "A duplicate source", "--as", "rita")],
)
def test_unknown_evidence_is_refused_with_where_to_find_the_ids(run, command):
    result = run("evidence", *command)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "Error: there is no evidence 99999; `factcheck claims ARTICLE_ID --json` lists each"
        " claim's evidence with its id"
    )


def test_a_link_check_is_queued_only_for_a_database_and_says_so_in_json(run, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("Minutes of the Tuesday meeting\n")
    refused = CliRunner().invoke(main, ["--db", str(notes), "links", "check", "--queue"])
    assert refused.exit_code == 2, refused.output
    assert refused.output.startswith(f"Error: {notes} is not a factcheck database")
    assert not (tmp_path / "notes-jobs.db").exists()
    queued = run("links", "check", "--older-than", "1d", "--queue", "--json")
    assert queued.exit_code == 0, queued.output
    assert json.loads(queued.output) == {
        "queued": True,
        "queue": f"the jobs file {tmp_path / 'cli-jobs.db'}",
    }


def _unarchived_source(run) -> str:
    added = run(
        "evidence", "add", str(run.claim_id), "https://stats.example/report",
        "--stance", "supports", "--no-archive", "--as", "rita", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    return str(json.loads(added.output)["id"])


def test_a_web_archive_copy_may_come_from_the_extra_archive_hosts(run, monkeypatch):
    monkeypatch.setenv("FACTCHECK_WEB_ARCHIVE_HOSTS", "127.0.0.1")
    evidence_id = _unarchived_source(run)
    # The host is taken as an archive; the safe fetcher then refuses the loopback address, so
    # the copy fails without touching any network.
    tried = run(
        "evidence", "copy", evidence_id, "--web-archive", "http://127.0.0.1/web/2026/report",
        "--as", "rita",
    )  # fmt: skip
    assert tried.exit_code == 2, tried.output
    assert tried.output.startswith("Error: the web archive's copy could not be fetched: ")


def test_a_web_archive_copy_that_failed_exits_2_with_json_too(run, monkeypatch):
    monkeypatch.setenv("FACTCHECK_WEB_ARCHIVE_HOSTS", "127.0.0.1")
    evidence_id = _unarchived_source(run)
    tried = run(
        "evidence", "copy", evidence_id, "--web-archive", "http://127.0.0.1/web/2026/report",
        "--as", "rita", "--json",
    )  # fmt: skip
    assert tried.exit_code == 2, tried.output
    row = json.loads(tried.stdout)
    assert row["status"] == "failed" and row["kind"] == "web_archive" and row["error"]


def test_a_removed_source_is_not_archived_again(run):
    added = run(
        "evidence", "add", str(run.claim_id), "http://10.9.8.7/gone",
        "--stance", "supports", "--as", "rita", "--json",
    )  # fmt: skip
    evidence_id = json.loads(added.output)["id"]
    removed = run("evidence", "remove", str(evidence_id), "--reason", "Wrong page", "--as", "rita")
    assert removed.exit_code == 0, removed.output
    before = _rows(run.path, "SELECT id FROM evidence_snapshots")
    result = run("evidence", "archive", str(evidence_id))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: evidence {evidence_id} was removed; there is nothing to keep a copy of"
    )
    assert _rows(run.path, "SELECT id FROM evidence_snapshots") == before
    again = run("evidence", "remove", str(evidence_id), "--reason", "Wrong page", "--as", "rita")
    assert again.exit_code == 2
    [removed_at] = _rows(run.path, f"SELECT removed_at FROM evidence WHERE id = {evidence_id}")
    assert again.output.strip() == (
        f"Error: evidence {evidence_id} was already removed by rita on"
        f" {removed_at['removed_at'][:16].replace('T', ' ')} UTC"
    )


def test_with_no_sources_at_all_nothing_claims_every_page_was_checked(run):
    archived = run("evidence", "archive", "--pending")
    assert archived.exit_code == 0, archived.output
    assert archived.output.strip() == "Nothing to archive: no claim cites a source yet."
    checked = run("links", "check")
    assert checked.exit_code == 0, checked.output
    assert checked.output.strip() == "Nothing to check: no claim cites a source yet."


def test_an_own_copy_waits_while_a_copy_of_the_page_is_queued(run, tmp_path):
    """Kept after the reviewer's copy, the queued one would set it aside: refused, as the
    workbench refuses it, until the worker has made it."""
    added = run(
        "evidence", "add", str(run.claim_id), "https://county.example/queued",
        "--stance", "supports", "--as", "rita", "--json",
    )  # fmt: skip
    item = json.loads(added.output)
    assert item["archive_queued"] is True
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(PDF)
    refused = run("evidence", "copy", str(item["id"]), "--file", str(copy), "--as", "rita")
    assert refused.exit_code == 2
    assert "is still being made or read; wait until it is kept" in refused.output
    assert _rows(run.path, "SELECT count(*) AS n FROM evidence_snapshots") == [{"n": 0}]


def test_a_refused_web_archive_address_leaves_the_page_itself_to_pending(run, monkeypatch):
    """A web archive's address refused by design (port 8080 typed) is the reviewer's typo, not
    the page's: --pending still fetches the page, whose own address is ordinary."""
    from factcheck import archive_jobs
    from factcheck.network.fetch import FetchError

    real_fetch = archive_jobs.fetch
    fetched = []

    def fetch(url, **kwargs):
        fetched.append(url)
        if url == "https://stats.example/report":  # the page: no DNS answer just now
            raise FetchError("host_not_found", {"host": "stats.example", "detail": "no answer"})
        return real_fetch(url, **kwargs)  # refuses port 8080 before any network

    monkeypatch.setattr(archive_jobs, "fetch", fetch)
    evidence_id = _unarchived_source(run)
    first = run("evidence", "archive", "--pending")
    assert first.exit_code == 1 and "failed    https://stats.example/report" in first.output
    typo = "http://web.archive.org:8080/web/2026/https://stats.example/report"
    tried = run("evidence", "copy", evidence_id, "--web-archive", typo, "--as", "rita")
    assert tried.exit_code == 2, tried.output
    assert "port 8080 is not allowed" in tried.output
    fetched.clear()
    again = run("evidence", "archive", "--pending", "--json")
    assert again.exit_code == 1, again.output
    assert fetched == ["https://stats.example/report"]
    assert "refused by design" not in again.output


def test_pending_leaves_a_page_refused_by_design_after_a_web_archive_copy_failed(run, monkeypatch):
    """The other way round: the page's own address is refused by design and the web archive's
    copy then failed for a passing reason (a 503); --pending does not fetch the page again."""
    from factcheck import archive_jobs
    from factcheck.network.fetch import FetchError

    def fetch(url, **kwargs):
        raise FetchError("http_status", {"url": url, "status": 503, "reason": "Unavailable"})

    added = run(
        "evidence", "add", str(run.claim_id), "http://10.9.8.5/report",
        "--stance", "supports", "--no-archive", "--as", "rita", "--json",
    )  # fmt: skip
    evidence_id = str(json.loads(added.output)["id"])
    assert run("evidence", "archive", evidence_id).exit_code == 1  # refused: private address
    monkeypatch.setattr(archive_jobs, "fetch", fetch)
    archived = "https://web.archive.org/web/2026/http://10.9.8.5/report"
    tried = run("evidence", "copy", evidence_id, "--web-archive", archived, "--as", "rita")
    assert tried.exit_code == 2 and "answered 503" in tried.output, tried.output
    pending = run("evidence", "archive", "--pending")
    assert pending.exit_code == 0, pending.output
    assert pending.output.startswith("Left 1 source whose address is refused by design")


@pytest.mark.parametrize(
    "quote", ["...", "\u2026", "[...]", "\u201c \u2014 \u201d", "\u2014", "\u200b\u200b"]
)
def test_a_quote_with_no_words_is_refused_and_nothing_is_written(run, quote):
    claim = str(run.claim_id)
    before = _rows(run.path, "SELECT count(*) AS n FROM audit")[0]["n"]
    refused = run(
        "evidence", "add", claim, "https://example.org/report", "--stance", "supports",
        "--quote", quote, "--as", "rita", "--no-archive",
    )  # fmt: skip
    assert refused.exit_code == 2, refused.output
    assert "no words to look for" in refused.output and refused.output.count("\n") == 1
    assert _rows(run.path, "SELECT count(*) AS n FROM evidence")[0]["n"] == 0
    assert _rows(run.path, "SELECT count(*) AS n FROM audit")[0]["n"] == before
    # A quote with an omission mark inside, and words either side, is a quote.
    kept = run(
        "evidence", "add", claim, "https://example.org/report", "--stance", "supports",
        "--quote", "the dam ... cracked", "--as", "rita", "--no-archive",
    )  # fmt: skip
    assert kept.exit_code == 0, kept.output


@pytest.mark.parametrize("quote", ["\U0001f44d", "\U0001f1fa\U0001f1e6", "\u20ac", "\u2665", "12%"])
def test_a_quote_of_an_emoji_or_a_sign_is_kept(run, quote):
    # What the page shows, though there are no words in it to look for.
    kept = run(
        "evidence", "add", str(run.claim_id), "https://example.org/report", "--stance",
        "supports", "--quote", quote, "--as", "rita", "--no-archive",
    )  # fmt: skip
    assert kept.exit_code == 0, kept.output
    assert _rows(run.path, "SELECT quote FROM evidence")[0]["quote"] == quote
