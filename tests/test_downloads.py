"""Export downloads from the workbench: the file, its name, its audit row, and refusals."""

import csv
import html
import io
import json
import re
import threading
from pathlib import Path

import pytest
from helpers import csrf_token_for, parse, words

from factcheck.store import audit


@pytest.fixture
def article_id(make_article):
    return make_article()


def _download(client, **form):
    return client.post("/exports", data={"csrf_token": csrf_token_for(client), **form})


def test_report_download_from_an_article(client, article_id, app_db):
    before = audit.head(app_db)[0]
    response = _download(client, format="html", article=str(article_id))
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"article-{article_id}" in disposition
    assert disposition.rstrip('"').endswith(".html")
    page = response.get_data(as_text=True)
    assert "Flooding closes 14 schools" in page
    row = list(
        app_db.query("SELECT * FROM audit WHERE id > ? AND record_type = 'export'", [before])
    )
    assert len(row) == 1 and row[0]["actor"] == "rita"
    assert json.loads(row[0]["after"])["filters"]["article"] == article_id


def test_csv_download_keeps_the_filters(client, article_id, make_article):
    make_article("Another story about 12 trains\n\nThe line carried 12 trains an hour, it said.")
    response = _download(client, format="csv", article=str(article_id), status="unreviewed")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and all(str(article_id) == r.get("article_id", str(article_id)) for r in rows)
    assert all("trains" not in " ".join(r.values()) for r in rows)


def test_every_format_offered_on_the_pages_is_one_the_server_knows(client, article_id, monkeypatch):
    from factcheck.exports.export import FORMATS

    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Valley Verify")
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://checks.example.org")
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    offered = {v for v in FORMATS if f'<option value="{v}">' in page}
    assert offered == set(FORMATS)


def test_downloads_need_a_valid_token(client, article_id, app_db):
    before = audit.head(app_db)[0]
    refused = client.post("/exports", data={"format": "csv", "article": str(article_id)})
    assert refused.status_code == 400
    assert audit.head(app_db)[0] == before


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"format": "pdf"}, "There is no export format 'pdf'; choose one of csv,"),
        ({"format": ""}, "Choose an export format: csv,"),
        ({"format": "csv", "since": "last week"}, "YYYY-MM-DD"),
        ({"format": "csv", "status": "done"}, "status must be one of"),
        (
            {"format": "csv", "evidence": "moved"},
            "The evidence filter cannot be 'moved': exports take 'changed'",
        ),
        (
            {"format": "csv", "section": "footer"},
            "The section filter cannot be 'footer': exports take 'headline', 'standfirst', 'body'",
        ),
        (
            {"format": "csv", "previous": "no"},
            "The previous check filter cannot be 'no': exports take 'yes'",
        ),
        (
            {"format": "csv", "assignee": "nobody"},
            "The assignee filter cannot be 'nobody': exports take 'none', 'ada', 'ed',",
        ),
        ({"format": "csv", "verdict": "sort-of"}, "'sort-of' is not one"),
    ],
)
def test_bad_requests_say_what_to_change(client, article_id, form, message, monkeypatch):
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL", raising=False)
    response = _download(client, **form)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert message.lower() in page.lower()
    assert "<title>This export cannot be made" in page and "Cannot be saved" not in page


@pytest.mark.parametrize(
    "form",
    [
        {"section": "footer"},
        {"previous": "maybe"},
        {"evidence": "moved"},
        {"assignee": "nobody"},
        {"verdict": "sort-of"},
        {"status": "done"},
    ],
)
def test_an_unknown_filter_value_exports_nothing_and_records_nothing(
    client, article_id, app_db, form
):
    before = audit.head(app_db)[0]
    response = _download(client, format="jsonl", **form)
    assert response.status_code == 422
    assert "Content-Disposition" not in response.headers
    [name] = form
    assert repr(form[name]) in html.unescape(response.get_data(as_text=True))
    assert audit.head(app_db)[0] == before


def test_anonymous_visitors_cannot_download(anonymous_client, article_id):
    token = csrf_token_for(anonymous_client)
    response = anonymous_client.post("/exports", data={"csrf_token": token, "format": "csv"})
    assert response.status_code == 303 and "/sign-in" in response.headers["Location"]


def test_queue_export_carries_every_filter_the_queue_shows(client, make_article, app_db, people):
    from factcheck.store import bulk, claim_reads

    article_id = make_article()
    other_id = make_article("Harbour dredging to cost 9 million\n\nThe port said 9 ships wait.")
    target = max(
        (c for c in claim_reads.claims_for_article(app_db, article_id) if c["kind"] == "claim"),
        key=lambda c: c["checkworthiness"],
    )
    bulk.bulk_update(app_db, [target["id"]], action="assign", value="rita", actor=people["ed"])
    page = client.get("/queue?assignee=me&q=schools").get_data(as_text=True)
    assert '<input type="hidden" name="assignee" value="rita">' in page
    assert '<input type="hidden" name="search" value="schools">' in page
    response = _download(client, format="jsonl", assignee="rita", search="schools")
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    claim_ids = {line["id"] for line in lines if line.get("record") == "claim" or "seq" in line}
    assert claim_ids == {target["id"]}
    assert other_id not in {line.get("article_id") for line in lines}
    assert lines[0]["filters"]["assignee"] == "rita" and lines[0]["filters"]["search"] == "schools"


def _demo_settings() -> dict[str, str]:
    """The organisation name and public address `make demo` gives the server."""
    makefile = (Path(__file__).parent.parent / "Makefile").read_text()
    defaults = dict(re.findall(r"^(DEMO_\w+) \?= (.+)$", makefile, re.M))
    recipe = makefile[makefile.index("\ndemo:") :].split("\n\n")[0]
    found = dict(re.findall(r'(FACTCHECK_\w+)="\$\((DEMO_\w+)\)"', recipe))
    return {setting: defaults[name] for setting, name in found.items()}


def test_make_demo_sets_up_every_export_in_the_menu(client, article_id, monkeypatch):
    from factcheck.exports.export import FORMATS

    settings = _demo_settings()
    assert set(settings) == {"FACTCHECK_ORG_NAME", "FACTCHECK_PUBLIC_URL"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "not set up" not in page
    for fmt in FORMATS:
        response = _download(client, format=fmt, article=str(article_id))
        assert response.status_code == 200, (fmt, response.get_data(as_text=True)[:200])
        assert response.headers["Content-Disposition"].startswith("attachment;")


def test_without_an_organisation_the_menu_says_so_and_the_page_stays(
    client, article_id, app_db, monkeypatch
):
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL", raising=False)
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Valley Verify")
    page = parse(client.get(f"/articles/{article_id}"))
    select = page.cssselect("form.export-form select")[0]
    disabled = {option.get("value"): words(option) for option in select.cssselect("[disabled]")}
    assert disabled == {
        "claimreview": "ClaimReview (JSON-LD): not set up",
        "bundle": "Verifiable bundle (zip): not set up",
    }
    # The files that carry drafts and verdicts in review say so: not for a reader.
    labels = {option.get("value"): words(option) for option in select.cssselect("option")}
    assert labels["csv"] == "Spreadsheet (CSV, with drafts)"
    assert "drafts" not in labels["html"] and "drafts" not in labels["claimreview"]
    note = page.cssselect(f"#{select.get('aria-describedby')}")[0]
    assert "organisation's name and the public address" in words(note)
    assert "FACTCHECK_" not in words(page) and "--public-url" not in words(page)
    before = audit.head(app_db)[0]
    for fmt in ("claimreview", "bundle"):
        response = _download(client, format=fmt, article=str(article_id))
        assert response.status_code == 204 and not response.get_data()
    assert audit.head(app_db)[0] == before


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8; header=present"),
        ("markdown", "text/markdown; charset=utf-8"),
        ("html", "text/html; charset=utf-8"),
        ("json", "application/json"),
    ],
)
def test_each_download_names_its_type_and_charset_once(client, article_id, fmt, content_type):
    response = _download(client, format=fmt, article=str(article_id))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type


def test_the_queue_export_says_when_nothing_matches(client, article_id):
    page = parse(client.get("/queue?q=zeppelin"))
    assert words(page.cssselect(".export-note")[0]) == (
        "No claims match these filters: an export would hold none."
    )


# Sending the file while it is written


@pytest.fixture
def paced_export(monkeypatch):
    """The CSV format replaced by one that writes a first part, waits for `go`, then writes the
    rest (or fails, when `fail` is set); `ended` is set when it is through, however it ends."""
    from dataclasses import replace

    from factcheck.exports.export import FORMATS

    pace = {"go": threading.Event(), "ended": threading.Event(), "fail": False}

    def write(out, context):
        try:
            out.write(b"claim_id,rating\r\n")
            out.flush()
            assert pace["go"].wait(10)
            if pace["fail"]:
                raise RuntimeError("the disk is full")
            out.write(b"1,false\r\n")
            return {"claims": 1}
        finally:
            pace["ended"].set()

    monkeypatch.setitem(FORMATS, "csv", replace(FORMATS["csv"], write=write))
    return pace


def _exports_since(app_db, before):
    return app_db.execute(
        "SELECT count(*) FROM audit WHERE id > ? AND record_type = 'export'", [before]
    ).fetchone()[0]


def test_a_download_starts_while_the_export_is_still_written(client, app_db, paced_export):
    before = audit.head(app_db)[0]
    response = _download(client, format="csv")
    assert response.status_code == 200
    chunks = iter(response.response)
    first = next(chunks)
    assert first == b"claim_id,rating\r"  # all that is written, but the byte held back
    assert _exports_since(app_db, before) == 0
    paced_export["go"].set()
    whole = first + b"".join(chunks)
    assert whole == b"claim_id,rating\r\n1,false\r\n"
    assert _exports_since(app_db, before) == 1


def test_a_download_the_browser_leaves_stops_the_export_and_records_nothing(
    client, app_db, paced_export
):
    before = audit.head(app_db)[0]
    response = _download(client, format="csv")
    next(iter(response.response))
    response.close()
    paced_export["go"].set()
    assert paced_export["ended"].wait(10)
    assert _exports_since(app_db, before) == 0


def test_an_export_failing_midway_cuts_the_download_off_unfinished(client, app_db, paced_export):
    from factcheck.views.export_stream import ExportFailed

    before = audit.head(app_db)[0]
    response = _download(client, format="csv")
    chunks = iter(response.response)
    received = next(chunks)
    paced_export["fail"] = True
    paced_export["go"].set()
    with pytest.raises(ExportFailed, match="the disk is full"):
        for chunk in chunks:
            received += chunk
    assert received != b"claim_id,rating\r\n"
    assert _exports_since(app_db, before) == 0


def test_the_last_byte_waits_for_the_exports_audit_row(client, app_db, monkeypatch):
    """A download that completes is one the trail records: when the row cannot be written, the
    browser is left one byte short, with the download failed."""
    from factcheck.store import export_reads
    from factcheck.views.export_stream import ExportFailed

    whole = _download(client, format="csv").get_data()
    all_but_the_last_sent = threading.Event()

    def refuse(db, **_):
        assert all_but_the_last_sent.wait(10)
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(export_reads, "record_export", refuse)
    chunks = iter(_download(client, format="csv").response)
    received = next(chunks)
    assert received == whole[:-1]
    all_but_the_last_sent.set()
    with pytest.raises(ExportFailed, match="audit row could not be written"):
        next(chunks)
