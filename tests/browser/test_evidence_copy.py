"""A reviewer attaches their own copy of a source the workbench could not fetch, from the
evidence card, in a real browser: a refused file answers beside the field, a PDF is kept, and a
saved HTML page is read by a job while the card says so and then shows its quote check."""

import pytest
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import archive_jobs, jobs
from factcheck import db as database
from factcheck.store import evidence as evidence_store
from factcheck.store.users import actor_for

pytestmark = pytest.mark.usefixtures("immediate_jobs")


def _failed_evidence(article, url):
    """Evidence quoting the sample article whose page could not be fetched (a private address)."""
    db = database.connect(article["path"])
    try:
        item = evidence_store.add_evidence(
            db,
            article["claims"][0]["id"],
            url=url,
            stance="supports",
            quote="fourteen schools",
            actor=actor_for(db, "rita"),
        )
    finally:
        db.close()
    archive_jobs.archive_evidence.call_local(article["path"], item["url"])
    return item


def test_an_own_copy_is_uploaded_from_the_evidence_card(watched_page, article, tmp_path):
    page = watched_page
    claim = article["claims"][0]
    item = _failed_evidence(article, "http://10.11.12.13/bulletin")
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    badge = page.locator(f"#archive-badge-{item['id']}")
    expect(badge.locator(".archive-status")).to_contain_text("private network")
    badge.get_by_text("Attach your own copy").click()

    wrong = tmp_path / "drawing.svg"
    wrong.write_bytes(b"<svg><script>alert(1)</script></svg>")
    badge.get_by_label("A PDF, an image").set_input_files(str(wrong))
    badge.get_by_role("button", name="Upload copy").click()
    badge = page.locator(f"#archive-badge-{item['id']}")
    expect(badge.locator(".field-error")).to_contain_text("upload a PDF")
    expect(badge.get_by_label("A PDF, an image")).to_have_attribute("aria-invalid", "true")

    copy = tmp_path / "bulletin.pdf"
    copy.write_bytes(b"%PDF-1.7\n% the county bulletin\n%%EOF\n")
    badge.get_by_label("A PDF, an image").set_input_files(str(copy))
    badge.get_by_role("button", name="Upload copy").click()
    expect(badge.locator("a.archive-status")).to_have_text("Uploaded copy")
    expect(badge.locator(".quote-check")).to_have_text(
        "The uploaded copy has no text to check the quote against"
    )
    # The button pressed is gone: the redrawn card takes the focus, saying what was done.
    expect(badge).to_be_focused()
    expect(badge.locator("[data-done]")).to_have_text("Your copy is kept.")
    assert_no_problems(page, expected_status=422)


SAVED_PAGE = (
    b"<!doctype html><html><head><title>County bulletin</title></head><body><article>"
    b"<p>The county closed fourteen schools on Tuesday after the storm flooded their roads.</p>"
    b"<p>The schools open again next week, the county's education office said.</p>"
    b"</article></body></html>"
)


def test_a_saved_page_is_read_in_the_background_and_the_card_follows(
    watched_page, article, tmp_path
):
    page = watched_page
    claim = article["claims"][0]
    item = _failed_evidence(article, "http://10.11.12.14/bulletin")
    jobs.configure(tmp_path / "jobs.db")  # the upload's job waits until the test runs it
    try:
        page.goto(f"/articles/{article['id']}?claim={claim['id']}")
        badge = page.locator(f"#archive-badge-{item['id']}")
        badge.get_by_text("Attach your own copy").click()
        saved = tmp_path / "bulletin.html"
        saved.write_bytes(SAVED_PAGE)
        badge.get_by_label("A PDF, an image").set_input_files(str(saved))
        badge.get_by_role("button", name="Upload copy").click()
        expect(badge.locator(".archive-status")).to_have_text("Reading your uploaded copy…")
        expect(badge).to_be_focused()

        task = jobs.huey.dequeue()
        assert task is not None, "the upload queued no job"
        jobs.huey.execute(task)
        # The badge asks again every few seconds; the next answer shows the copy.
        expect(badge.locator("a.archive-status")).to_have_text("Uploaded copy", timeout=15_000)
        expect(badge.locator(".quote-check")).to_have_text("Quote found in the uploaded copy")
        expect(badge).to_be_focused()  # the polls that redrew it kept the focus on it
    finally:
        jobs.configure(None, immediate=True)
    assert_no_problems(page)


def test_an_archive_that_ends_while_the_card_waits_is_said_to_a_screen_reader(
    watched_page, article
):
    """The badge asks every few seconds while a copy is made; when it stops asking, what the copy
    came to is put in the panel's live region, once."""
    page = watched_page
    claim = article["claims"][0]
    url = "http://10.20.30.41/bulletin"
    db = database.connect(article["path"])
    try:
        item = evidence_store.add_evidence(
            db, claim["id"], url=url, stance="supports", actor=actor_for(db, "rita")
        )
    finally:
        db.close()
    # As while a worker has the job: the card shows it under way and asks again.
    jobs.huey.put(archive_jobs._archiving_key(url), {"job_id": "x", "queued_at": 2e9})
    try:
        page.goto(f"/articles/{article['id']}?claim={claim['id']}")
        badge = page.locator(f"#archive-badge-{item['id']}")
        expect(badge.locator(".archive-status.is-pending")).to_have_text("Archiving…")
        expect(page.locator("#panel-said")).to_have_text("")
        archive_jobs.archive_evidence.call_local(article["path"], url)
    finally:
        jobs.huey.delete(archive_jobs._archiving_key(url))
    expect(badge.locator(".archive-status")).to_contain_text("private network", timeout=15_000)
    expect(page.locator("#panel-said")).to_have_text(
        "10.20.30.41: The address leads into a private network, so it is not fetched."
    )
    assert_no_problems(page)
