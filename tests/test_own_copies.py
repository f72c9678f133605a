"""A reviewer's own copy of an evidence page: uploads checked by content, stored once per sha256
and served so they cannot run script; copies from public web archives, fetched safely."""

import hashlib
import io

import pytest
from helpers import DAM_ARTICLE_PAGE, HX, SCRIPT, fragment, page_token, parse, words
from local_server import page, redirect

from factcheck import copies
from factcheck.history_words import action_words, describe
from factcheck.network.fetch import FetchPolicy
from factcheck.store import claim_reads, snapshots
from factcheck.store import evidence as evidence_store
from factcheck.store.actors import SYSTEM

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
HTML_COPY = (
    b"<!doctype html><html><head><title>Saved page</title><script>alert(1)</script></head><body>"
    b"<article><p>Engineers found seven cracks in the spillway of the Upper Valley dam during an"
    b" inspection on Monday, the water board said in a statement on its website.</p>"
    b"<p>The board said none of the cracks was deeper than 4 centimetres.</p></article>"
    b"</body></html>"
)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (HTML_COPY, "text/html"),
        (b"\xef\xbb\xbf  <!-- saved --> <HTML><body>x</body></HTML>", "text/html"),
        # Saved as XHTML, and as UTF-16 with its byte-order mark.
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><body>x</body></html>',
            "text/html",
        ),
        ("\ufeff<!doctype html><html><body>x</body></html>".encode("utf-16"), "text/html"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", None),
        (b"PK\x03\x04 zip", None),
        (b"just some words", None),
    ],
)
def test_an_upload_is_typed_by_its_first_bytes(data, content_type):
    assert copies.content_type_of(data) == content_type


TITLED_PAGES = [
    DAM_ARTICLE_PAGE,
    HTML_COPY,
    # og:title beats <title>; entities and spaces in it are cleaned.
    b'<html><head><title>Site | Story</title><meta property="og:title" content=" Dam &amp;'
    b' spillway  report "></head><body><article><p>'
    + b"Engineers found seven cracks in the spillway of the dam on Monday, officials said. " * 3
    + b"</p></article></body></html>",
    # JSON-LD headline.
    b'<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
    b' "@type": "NewsArticle", "headline":'
    b' "Seven cracks found in dam"}</script></head><body><article><p>'
    + b"Engineers found seven cracks in the spillway of the dam on Monday, officials said. " * 3
    + b"</p></article></body></html>",
    # Only headings: one h1.
    b"<html><body><h1>Cracks in the dam</h1><article><p>"
    + b"Engineers found seven cracks in the spillway of the dam on Monday, officials said. " * 3
    + b"</p></article></body></html>",
]


@pytest.mark.parametrize("body", TITLED_PAGES)
def test_a_copy_has_the_title_and_text_trafilaturas_full_extraction_gives(body):
    # The copy skips trafilatura's other metadata for speed; its title and text must not change.
    import trafilatura

    full = trafilatura.bare_extraction(
        body.decode(),
        url="https://example.org/a",
        include_comments=False,
        with_metadata=True,
        fast=True,
    )
    title, text = copies.title_and_text(body, "text/html", None, "https://example.org/a")
    assert (title, text) == (full.title, full.text)
    assert title and text


@pytest.mark.parametrize("url", ["https://example.org/a", "https://example.org/b?c=d", None])
def test_a_copy_is_extracted_with_the_options_trafilatura_would_make_for_it(url):
    # The options are copied from a set made once; each copy must be what bare_extraction(url=...,
    # include_comments=False, with_metadata=False, fast=True) makes for itself.
    from trafilatura.settings import Extractor

    made = Extractor(
        output_format="python", comments=False, with_metadata=False, fast=True, url=url
    )
    copies._extraction_options("https://example.org/earlier")
    kept = copies._extraction_options(url)
    for name in Extractor.__slots__:
        if name != "date_params":  # holds today's date, for metadata, which is not extracted
            assert getattr(kept, name) == getattr(made, name), name
    assert kept.date_params.keys() == made.date_params.keys()


def test_uploads_that_are_empty_too_big_or_of_another_kind_are_refused_in_words():
    with pytest.raises(copies.CopyRefused, match="empty"):
        copies.check_upload(b"")
    with pytest.raises(copies.CopyRefused, match="larger than 10 MB"):
        copies.check_upload(PDF + b"0" * copies.MAX_COPY_BYTES)
    with pytest.raises(copies.CopyRefused, match="looks like a ZIP archive"):
        copies.check_upload(b"PK\x03\x04 zip")
    single_file = (
        b"From: <Saved by Blink>\r\nSubject: Report\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="--b"\r\n\r\n'
    )
    with pytest.raises(copies.CopyRefused, match='single file .MHTML.*"Webpage, HTML only"'):
        copies.check_upload(single_file)
    # A non-ASCII or long title is folded onto a second line, as Chromium saves most headlines.
    folded = single_file.replace(
        b"Subject: Report\r\n",
        b"Subject: =?utf-8?Q?Caf=C3=A9_prices_rise_by_a_fifth_in_the_old_town_and_the?=\r\n"
        b" =?utf-8?Q?_harbour_district?=\r\n",
    )
    with pytest.raises(copies.CopyRefused, match='single file .MHTML.*"Webpage, HTML only"'):
        copies.check_upload(folded)


def test_only_public_web_archives_are_taken_as_copies():
    address = "https://web.archive.org/web/2026/https://x.example/"
    assert copies.check_web_archive_url(f"  {address} ") == address
    assert copies.check_web_archive_url("https://archive.ph/AbCd")
    for refused in ("https://evil.example/web.archive.org", "ftp://web.archive.org/x", ""):
        with pytest.raises(copies.CopyRefused):
            copies.check_web_archive_url(refused)


@pytest.mark.parametrize(
    "address",
    [
        "https://web.archive.org/web/2026/https://www.county.example/report/",
        "https://web.archive.org/web/20260101000000id_/http:/county.example/report",
        "https://archive.ph/AbCd",  # names no page: taken as given
    ],
)
def test_a_web_archive_copy_of_the_evidence_page_is_taken(address):
    of_page = "https://county.example/report"
    assert copies.check_web_archive_url(address, of_page=of_page) == address


def test_a_web_archive_copy_of_another_page_is_refused_naming_both():
    """A link pasted from the wrong tab would otherwise stand as the source's copy, its quote
    "found" in a page about something else."""
    with pytest.raises(copies.CopyRefused) as refused:
        copies.check_web_archive_url(
            "https://web.archive.org/web/2020/http://other.example/unrelated",
            of_page="https://county.example/report",
        )
    assert str(refused.value).startswith(
        "this is the archive's copy of other.example/unrelated, not of county.example/report"
    )


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("http://[web.archive.org/web/2026/x", "is not a valid web address"),
        ("https://web.archive.org:99999/web/2026/x", "is not a valid web address"),
        ("https://web.archive.org/web/2026/x y", "cannot contain spaces"),
        ("https://user:secret@web.archive.org/web/2026/x", "user name or password"),
        ("https://web.archive.org/web/" + "a" * 3000, "longer than 2048 characters"),
    ],
)
def test_a_web_archive_address_that_cannot_be_used_is_refused_in_words(address, words):
    with pytest.raises(copies.CopyRefused, match=words):
        copies.check_web_archive_url(address)


@pytest.fixture
def failed_item(app_db, people, claim, immediate_jobs, app):
    """Evidence whose page could not be fetched (a private address)."""
    item = evidence_store.add_evidence(
        app_db,
        claim["id"],
        url="http://10.20.30.40/report",
        stance="supports",
        quote="none of the cracks was deeper than 4 centimetres",
        actor=people["rita"],
    )
    from factcheck import archive_jobs

    archive_jobs.archive_evidence(app.config["DATABASE"], item["url"]).get()
    return item


def _upload(client, claim, item, data, name):
    return client.post(
        f"/claims/{claim['id']}/evidence/{item['id']}/copy",
        data={"file": (io.BytesIO(data), name)},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
        content_type="multipart/form-data",
    )


def test_an_uploaded_copy_is_in_the_claims_history_with_who_gave_it(
    client, claim, failed_item, app_db
):
    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    entries = claim_reads.claim_history(app_db, claim["id"])
    [given] = [e for e in entries if e["action"] == "evidence.copy_received"]
    assert given["actor"] == "rita"
    assert describe(given) == (
        f"attached their own copy of evidence {failed_item['id']}: saved.html for"
        f" {failed_item['url']}"
    )
    panel = words(fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX)))
    assert f"attached their own copy of evidence {failed_item['id']}" in panel


def test_a_copy_given_for_another_claim_citing_the_page_is_in_this_claims_history(
    client, claim, failed_item, app_db, people
):
    """Copies are kept per address: one claim's upload becomes the copy every claim citing the
    page shows, so each of their histories says who gave it."""
    other = next(
        c
        for c in claim_reads.claims_for_article(app_db, claim["article_id"])
        if c["kind"] == "claim" and c["id"] != claim["id"]
    )
    evidence_store.add_evidence(
        app_db, other["id"], url=failed_item["url"], stance="context", actor=people["ed"]
    )
    assert _upload(client, claim, failed_item, PNG, "shot.png").status_code == 200
    entries = claim_reads.claim_history(app_db, other["id"])
    [given] = [e for e in entries if e["action"] == "evidence.copy"]
    assert given["actor"] == "rita" and failed_item["url"] in describe(given)
    # Once the other claim no longer cites the page, copies given elsewhere are not its story.
    [cited] = evidence_store.evidence_for_claim(app_db, other["id"])
    evidence_store.remove_evidence(app_db, cited["id"], reason="Not this page", actor=people["ed"])
    entries = claim_reads.claim_history(app_db, other["id"])
    assert not [e for e in entries if e["action"] == "evidence.copy"]


def test_a_second_copy_while_the_first_is_still_read_is_refused(
    client, claim, failed_item, app_db, tmp_path
):
    """A saved page is read by a job; a screenshot given meanwhile would be kept first, then set
    aside by the page once read: the one chosen last would lose. It is refused until then."""
    from factcheck import jobs

    jobs.configure(tmp_path / "jobs.db")  # the page's job waits
    try:
        assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
        copies_before = app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0]
        refused = _upload(client, claim, failed_item, PNG, "shot.png")
        assert refused.status_code == 409
        assert "still being made or read" in words(fragment(refused))
        web = client.post(
            f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
            data={"archive_url": "https://web.archive.org/web/2026/http://10.20.30.40/report"},
            headers={**HX, "X-CSRFToken": page_token(client, "/")},
        )
        assert web.status_code == 409
        assert app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0] == (
            copies_before
        )
    finally:
        jobs.configure(None, immediate=True)


def test_every_own_copy_is_in_the_claims_history_once(client, claim, failed_item, app_db):
    """A PDF or an image is kept at once, an HTML page read by a job after its receipt: each
    upload is one line of the claim's story, whichever way it went."""
    assert _upload(client, claim, failed_item, PNG, "shot.png").status_code == 200
    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    assert _upload(client, claim, failed_item, PDF, "report.pdf").status_code == 200
    entries = claim_reads.claim_history(app_db, claim["id"])
    given = [describe(e) for e in entries if e["action"].startswith("evidence.copy")]
    assert given == [
        f"attached their own copy of evidence {failed_item['id']}: shot.png for {failed_item['url']}",
        f"attached their own copy of evidence {failed_item['id']}: saved.html for"
        f" {failed_item['url']}",
        f"attached their own copy of evidence {failed_item['id']}: report.pdf for"
        f" {failed_item['url']}",
    ]


def test_an_uploaded_html_copy_is_kept_checked_and_served_without_script(
    client, claim, failed_item, app_db
):
    answer = _upload(client, claim, failed_item, HTML_COPY, "saved.html")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert "Uploaded copy" in html and "Quote found in the uploaded copy" in html
    # Copies are kept per page, so the card says whose this one is.
    assert "Uploaded copy from Rita" in words(fragment(answer))
    # The card opens the copy at the quoted passage, not at the top of a long page.
    [opens] = fragment(answer).cssselect("a.archive-status")
    assert opens.get("href").endswith("#passage-1")
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert row["snapshot_kind"] == "upload" and row["quote_status"] == "found"
    digest = hashlib.sha256(HTML_COPY).hexdigest()
    assert row["snapshot_sha256"] == digest
    # Stored once, however often it is uploaded.
    _upload(client, claim, failed_item, HTML_COPY, "again.html")
    assert app_db.execute("SELECT count(*) FROM snapshot_files").fetchone()[0] == 1

    served = client.get(f"/snapshots/{row['snapshot_id']}/file")
    assert served.status_code == 200 and served.data == HTML_COPY
    assert served.mimetype == "text/html"
    assert served.headers["Content-Disposition"].startswith("attachment;")
    policy = served.headers["Content-Security-Policy"]
    assert policy.startswith("sandbox") and "default-src 'none'" in policy
    assert "script-src" not in policy
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    view = client.get(f"/snapshots/{row['snapshot_id']}?claim={claim['id']}")
    text = view.get_data(as_text=True)
    assert (
        '<mark class="quote-found" id="passage-1" title="The quote, found here">none of the'
        " cracks was deeper than 4 centimetres</mark>" in text
    )
    assert SCRIPT not in text


def test_the_copys_page_marks_only_what_each_quote_says_and_how_it_was_found(
    app, client, claim, app_db, people, site, immediate_jobs
):
    """A quote with an omission is marked part by part, not over what it leaves out; a quote
    found approximately is marked as such."""
    from factcheck import archive_jobs

    policy = FetchPolicy.local_test(site.port)
    site.routes["/report"] = page(DAM_ARTICLE_PAGE)
    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    other = next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])
    for cited_by, quote in (
        (claim, "Engineers found seven cracks ... the water board said"),
        (other, "none of the cracks were deeper than 4 centimetres and that the dam"),
    ):
        evidence_store.add_evidence(
            app_db, cited_by["id"], url=site.url("/report"), stance="supports", quote=quote,
            actor=people["rita"],
        )  # fmt: skip
    archive_jobs.archive_evidence(app.config["DATABASE"], site.url("/report"), policy).get()
    rows = [evidence_store.evidence_for_claim(app_db, c["id"])[0] for c in (claim, other)]
    assert [row["quote_status"] for row in rows] == ["found", "approximate"]
    view = parse(client.get(f"/snapshots/{rows[-1]['snapshot_id']}"))
    marked = [(mark.get("class"), words(mark)) for mark in view.cssselect(".snapshot-text mark")]
    assert marked == [
        ("quote-found", "Engineers found seven cracks"),
        ("quote-found", "the water board said"),
        ("quote-approximate", "none of the cracks was deeper than 4 centimetres and that the dam"),
    ]


HINDI_PAGE = (
    '<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>बाढ़</title></head><body>'
    "<article><h1>बाढ़ के बाद राहत कार्य</h1>"
    "<p>मंत्रालय ने कहा कि बाढ़ के बाद तेईस लोगों को अस्पताल ले जाया गया और राहत कार्य जारी है।</p>"
    "<p>अधिकारियों ने बताया कि नदी का जलस्तर मंगलवार शाम से लगातार घट रहा है और सड़कें खुल गई हैं।</p>"
    "<p>राज्य सरकार ने प्रभावित परिवारों के लिए अस्थायी शिविर बनाए हैं और भोजन बांटा जा रहा है।</p>"
    "</article></body></html>"
).encode()


def test_a_misquote_whose_last_word_differs_is_shown_and_marked_with_the_pages_word(
    app, client, claim, app_db, people, site, immediate_jobs
):
    """The closest passage covers the page's word where the quote's differs, and its mark ends
    on a whole letter (with the vowel sign of "गया")."""
    from factcheck import archive_jobs

    site.routes["/hi"] = page(HINDI_PAGE)
    evidence_store.add_evidence(
        app_db, claim["id"], url=site.url("/hi"), stance="supports",
        quote="तेईस लोगों को अस्पताल ले जाया गयी", actor=people["rita"],
    )  # fmt: skip
    archive_jobs.archive_evidence(
        app.config["DATABASE"], site.url("/hi"), FetchPolicy.local_test(site.port)
    ).get()
    [row] = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert (row["quote_status"], row["quote_passage"]) == (
        "approximate",
        "तेईस लोगों को अस्पताल ले जाया गया",
    )
    view = parse(client.get(f"/snapshots/{row['snapshot_id']}"))
    [mark] = view.cssselect(".snapshot-text mark")
    assert mark.text_content() == "तेईस लोगों को अस्पताल ले जाया गया"
    assert mark.tail.startswith(" और")


def test_a_later_failed_archive_of_the_page_does_not_hide_the_uploaded_copy(
    client, claim, failed_item, app, app_db, people
):
    """Another claim citing the same page queues an archive of it, which fails again: the
    reviewer's copy must still back the evidence, on its card, in exports and in the dashboard."""
    from factcheck import archive_jobs
    from factcheck.store import export_reads, queue_reads

    assert _upload(client, claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    archive_jobs.archive_evidence(app.config["DATABASE"], failed_item["url"]).get()
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("upload", "archived")
    assert row["quote_status"] == "found"
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Uploaded copy" in panel and "Try again" not in panel
    exported = export_reads.verdicts_and_evidence(app_db, [claim["id"]])[claim["id"]]
    item = exported["evidence"][0]
    assert item["snapshot"]["kind"] == "upload" and item["quote_check"]["status"] == "found"
    assert queue_reads.evidence_needing_attention(app_db) == []


def test_an_image_copy_is_shown_inline_in_a_sandbox(client, claim, failed_item, app_db):
    assert _upload(client, claim, failed_item, PNG, "shot.png").status_code == 200
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert row["quote_status"] == "no_text"
    served = client.get(f"/snapshots/{row['snapshot_id']}/file")
    assert served.mimetype == "image/png"
    assert served.headers["Content-Disposition"].startswith("inline;")
    assert served.headers["Content-Security-Policy"].startswith("sandbox")
    # The copy's page shows the picture, named by the file given.
    page = parse(client.get(f"/snapshots/{row['snapshot_id']}"))
    [picture] = page.cssselect("figure.snapshot-image img")
    assert picture.get("src") == f"/snapshots/{row['snapshot_id']}/file"
    assert "shot.png" in picture.get("alt")
    assert words(page.cssselect("h1")[0]) == "shot.png"


def test_a_copy_is_served_as_its_own_type_when_its_bytes_were_stored_under_another(
    client, claim, failed_item, app_db
):
    """An older version kept a screenshot a server called "text/html" with that type; the same
    bytes uploaded later are a picture, and are served as one."""
    snapshots.record_snapshot(
        app_db,
        "http://198.51.100.7/shot",
        actor=SYSTEM,
        status="archived",
        http_status=200,
        content_type="text/html",
        content_sha256=hashlib.sha256(PNG).hexdigest(),
        title=None,
        text=None,
        body=PNG,
    )
    assert _upload(client, claim, failed_item, PNG, "shot.png").status_code == 200
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    served = client.get(f"/snapshots/{row['snapshot_id']}/file")
    assert served.mimetype == "image/png"
    assert served.headers["Content-Disposition"] == (
        f'inline; filename="copy-{row["snapshot_id"]}.png"'
    )


def test_a_refused_upload_says_why_beside_the_field_and_keeps_nothing(
    client, claim, failed_item, app_db
):
    before = app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0]
    answer = _upload(client, claim, failed_item, b"<svg><script>x</script></svg>", "x.svg")
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "upload a PDF, a PNG, JPEG, GIF or WebP image, or an HTML file" in html
    assert 'aria-invalid="true"' in html
    assert app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0] == before


def test_a_refused_upload_says_why_after_another_copy_was_kept_meanwhile(
    client, client_as, claim, failed_item
):
    # Another reviewer's copy arrives first; this reviewer's form, still open, sends a bad file.
    assert _upload(client_as("ed"), claim, failed_item, HTML_COPY, "saved.html").status_code == 200
    answer = _upload(client, claim, failed_item, b"<svg><script>x</script></svg>", "x.svg")
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "Uploaded copy" in html
    assert "upload a PDF, a PNG, JPEG, GIF or WebP image, or an HTML file" in html
    assert "data-error-message" in html


def test_a_web_archive_copy_is_fetched_through_the_safe_fetcher(
    app, client, claim, failed_item, app_db, site
):
    site.routes["/web/2026/report"] = page(DAM_ARTICLE_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1",)
    address = site.url("/web/2026/report")
    answer = client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": address},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    assert answer.status_code == 200
    assert "Web archive copy" in answer.get_data(as_text=True)
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert row["snapshot_kind"] == "web_archive" and row["snapshot_archive_url"] == address
    assert row["quote_status"] == "found"
    kept = snapshots.get_snapshot(app_db, row["snapshot_id"])
    assert kept["url"] == failed_item["url"] and kept["added_by"] is not None
    [given] = [
        e
        for e in claim_reads.claim_history(app_db, claim["id"])
        if e["action"] == "evidence.archive"
    ]
    assert given["actor"] == "rita"
    assert describe(given) == (
        f"gave a web archive's copy of the source {failed_item['url']}: {address}"
    )


def test_a_web_archive_address_that_leads_away_from_the_archive_keeps_no_copy(
    app, client, claim, failed_item, app_db, site
):
    """A redirect to the live page, or to a page anyone can write, is no copy the archive kept."""
    site.routes["/web/2026/report"] = redirect(site.url("/forged", host="localhost"))
    site.routes["/forged"] = page(DAM_ARTICLE_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1",)
    client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": site.url("/web/2026/report")},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "failed")
    assert row["quote_status"] is None
    badge = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    said = words(badge.cssselect(f"#archive-badge-{failed_item['id']} .archive-line")[0])
    assert "The web archive's address led to localhost, away from the archive" in said


def test_a_web_archive_address_that_leads_to_another_archive_the_desk_named_keeps_the_copy(
    app, client, claim, failed_item, app_db, site
):
    """A desk's own archive may answer from a second host it also named: that is no escape."""
    site.routes["/web/2026/report"] = redirect(site.url("/mirror/report", host="localhost"))
    site.routes["/mirror/report"] = page(DAM_ARTICLE_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1", "localhost")
    client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": site.url("/web/2026/report")},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "archived")


def test_try_again_on_a_web_archive_copy_keeps_the_hosts_the_desk_named(
    app, client, claim, failed_item, app_db, site
):
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1", "localhost")
    headers = {**HX, "X-CSRFToken": page_token(client, "/")}
    item_path = f"/claims/{claim['id']}/evidence/{failed_item['id']}"
    # The archive does not answer at first (404); then it does, from its second host.
    client.post(
        f"{item_path}/web-archive",
        data={"archive_url": site.url("/web/2026/report")},
        headers=headers,
    )
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "failed")
    site.routes["/web/2026/report"] = redirect(site.url("/mirror/report", host="localhost"))
    site.routes["/mirror/report"] = page(DAM_ARTICLE_PAGE)
    client.post(f"{item_path}/archive", headers=headers)  # Try again
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "archived")


@pytest.mark.parametrize(
    "address",
    [
        "https://archive.org/download/my-uploads-2026/ministry-report.html",
        "https://archive.org/details/my-uploads-2026",
        "https://ia801234.us.archive.org/5/items/my-uploads/ministry.html",
        "https://www.archive.org/details/my-uploads-2026",
        "https://archive.org//download/my-uploads-2026/report.html",
        "https://archive.org/stream/my-uploads-2026/report.txt",
        "https://archive.org/embed/my-uploads-2026",
    ],
)
def test_a_file_uploaded_to_archive_org_is_no_web_archive_copy(address):
    with pytest.raises(copies.CopyRefused, match="a file someone uploaded to archive.org"):
        copies.check_web_archive_url(address)


@pytest.mark.parametrize("path", ["/items/5", "/download/report", "/details/budget"])
def test_a_capture_of_a_page_whose_address_reads_like_an_item_is_taken(path):
    address = f"https://web.archive.org/web/2026/https://shop.example{path}"
    assert copies.check_web_archive_url(address, of_page=f"https://shop.example{path}") == address


def test_trying_a_failed_web_archive_copy_again_fetches_the_archive_again(
    app, client, claim, failed_item, app_db, site
):
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1",)
    address = site.url("/web/2026/report")  # not served yet: the archive answers 404
    headers = {**HX, "X-CSRFToken": page_token(client, "/")}
    base = f"/claims/{claim['id']}/evidence/{failed_item['id']}"
    client.post(f"{base}/web-archive", data={"archive_url": address}, headers=headers)
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "failed")
    badge = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    assert badge.cssselect(f"#archive-badge-{failed_item['id']} button.archive-retry")
    # It says which copy failed, and from where: not the source page itself.
    said = words(badge.cssselect(f"#archive-badge-{failed_item['id']} .archive-line")[0])
    assert "The web archive's copy could not be fetched." in said and address in said
    # The address typed is still in its field, to correct it.
    field = badge.cssselect(f"#archive-badge-{failed_item['id']} input[name=archive_url]")[0]
    assert field.get("value") == address

    site.routes["/web/2026/report"] = page(DAM_ARTICLE_PAGE)
    answer = client.post(f"{base}/archive", headers=headers)
    assert answer.status_code == 200
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "archived")
    assert row["snapshot_archive_url"] == address and row["quote_status"] == "found"


def test_a_web_archive_copy_that_fails_beside_a_kept_copy_says_so_and_is_no_copy_given(
    app, client, claim, app_db, people, site, immediate_jobs
):
    """The page's own copy stays shown; the card says the web archive's was not kept, and the
    history says it was tried, not given."""
    from factcheck import archive_jobs

    policy = FetchPolicy.local_test(site.port)
    app.config["FETCH_POLICY"] = policy
    app.config["WEB_ARCHIVE_HOSTS"] = ("127.0.0.1",)
    site.routes["/report"] = page(DAM_ARTICLE_PAGE)
    item = evidence_store.add_evidence(
        app_db, claim["id"], url=site.url("/report"), stance="supports", actor=people["rita"]
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], item["url"], policy).get()
    address = site.url("/web/2026/report")  # not served: the archive answers 404
    headers = {**HX, "X-CSRFToken": page_token(client, "/")}
    client.post(
        f"/claims/{claim['id']}/evidence/{item['id']}/web-archive",
        data={"archive_url": address},
        headers=headers,
    )
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("fetched", "archived")
    badge = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    [said] = badge.cssselect(f"#archive-badge-{item['id']} .field-error")
    assert words(said).startswith("The web archive's copy given for this page was not kept: ")
    [tried] = [
        e
        for e in claim_reads.claim_history(app_db, claim["id"])
        if e["action"] == "evidence.archive"
    ]
    assert describe(tried).startswith(
        f"tried to give a web archive's copy of the source, which was not kept {item['url']}"
    )
    assert describe(tried).endswith(")")  # with why it was not kept
    # The Audit page names the row so too (it said "gave" of any copy of a page).
    assert action_words(tried) == (
        "tried to give a web archive's copy of the source, which was not kept"
    )


def test_an_address_that_is_not_a_web_archive_is_refused(client, claim, failed_item):
    answer = client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": "https://copies.example/report"},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert "is not a public web archive" in html and "https://copies.example/report" in html


def test_an_address_that_does_not_parse_is_refused_beside_the_field(client, claim, failed_item):
    answer = client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": "https://[web.archive.org/web/2026/report"},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    assert answer.status_code == 422
    assert "is not a valid web address" in answer.get_data(as_text=True)


def test_a_copy_with_no_stored_file_is_not_found(client, claim, failed_item, app_db):
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert client.get(f"/snapshots/{row['snapshot_id']}/file").status_code == 404


@pytest.mark.parametrize(
    ("configured", "hosts"),
    [
        ("archive.example, copies.example", ("archive.example", "copies.example")),
        (("127.0.0.1",), ("127.0.0.1",)),
        (None, ()),
    ],
)
def test_extra_web_archive_hosts_are_whole_names(app, configured, hosts):
    from factcheck.views.archive_queue import desk_archive_hosts

    app.config["WEB_ARCHIVE_HOSTS"] = configured
    with app.app_context():
        assert desk_archive_hosts() == hosts


def test_a_copy_between_the_import_limit_and_the_copy_limit_is_kept(
    client, claim, failed_item, app, app_db
):
    """The form's token is read before the view runs: the copy's own limit must already hold."""
    size = app.config["MAX_IMPORT_BYTES"] + 2**20
    assert size < copies.MAX_COPY_BYTES
    answer = _upload(client, claim, failed_item, PDF + b"0" * size, "big-scan.pdf")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert row["snapshot_kind"] == "upload"


def test_an_upload_over_the_copy_limit_gets_a_413_in_words(client, claim, failed_item, app_db):
    before = app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0]
    too_big = PDF + b"0" * (copies.MAX_COPY_BYTES + 2**17)
    answer = _upload(client, claim, failed_item, too_big, "a.pdf")
    assert answer.status_code == 413
    shown = answer.get_data(as_text=True)
    assert "What was sent is larger than the 10 MB this form takes; choose a smaller file." in shown
    assert "capacity limit" not in shown
    assert app_db.execute("SELECT count(*) FROM evidence_snapshots").fetchone()[0] == before


def test_a_refused_web_archive_address_leaves_the_page_itself_to_fetch_again(
    app, client, claim, app_db, people, immediate_jobs, monkeypatch
):
    """A web archive's address refused by design (port 8080 typed) is no refusal of the page:
    the card offers to fetch the page itself, and that fetches the page, not the typo."""
    from factcheck import archive_jobs
    from factcheck.network.fetch import FetchError

    page_url = "https://stats.example/report"
    real_fetch = archive_jobs.fetch
    fetched = []

    def fetch(url, **kwargs):
        fetched.append(url)
        if url == page_url:  # the page: no DNS answer just now
            raise FetchError("host_not_found", {"host": "stats.example", "detail": "no answer"})
        return real_fetch(url, **kwargs)  # refuses port 8080 before any network

    monkeypatch.setattr(archive_jobs, "fetch", fetch)
    item = evidence_store.add_evidence(
        app_db, claim["id"], url=page_url, stance="supports", actor=people["rita"]
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], page_url).get()
    headers = {**HX, "X-CSRFToken": page_token(client, "/")}
    base = f"/claims/{claim['id']}/evidence/{item['id']}"
    typo = f"http://web.archive.org:8080/web/2026/{page_url}"
    client.post(f"{base}/web-archive", data={"archive_url": typo}, headers=headers)
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "failed")
    badge = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    [again] = badge.cssselect(f"#archive-badge-{item['id']} button.archive-retry")
    assert words(again) == "Fetch the page itself"
    fetched.clear()
    assert client.post(f"{base}/archive", headers=headers).status_code == 200
    assert fetched == [page_url]


def test_a_web_archive_address_refused_for_a_page_refused_too_offers_no_retry(
    app, client, claim, failed_item, app_db
):
    """Both the page's address (a private one) and the web archive's (port 8080) are refused
    by design: fetching either again would only be refused again."""
    headers = {**HX, "X-CSRFToken": page_token(client, "/")}
    typo = "http://web.archive.org:8080/web/2026/http://10.20.30.40/report"
    client.post(
        f"/claims/{claim['id']}/evidence/{failed_item['id']}/web-archive",
        data={"archive_url": typo},
        headers=headers,
    )
    row = evidence_store.evidence_for_claim(app_db, claim["id"])[0]
    assert (row["snapshot_kind"], row["snapshot_status"]) == ("web_archive", "failed")
    badge = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    assert not badge.cssselect(f"#archive-badge-{failed_item['id']} button.archive-retry")
    assert badge.cssselect(f"#archive-badge-{failed_item['id']} input[name=archive_url]")
