"""Two people edit the same claim in two browsers: the stale save shows the conflict panel, keeps
the typed rationale, and applies it on top when asked."""

import itertools
import re

import pytest
from helpers import PASSWORD, SAMPLE_ARTICLE
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import claims as claim_store

THEIRS = "No public record of the closures exists yet; the office has not published a bulletin."
MINE = "The office's own bulletin lists fourteen closed schools, which matches the claim exactly."
_serial = itertools.count(1)


@pytest.fixture
def claim(demo_articles) -> dict:
    """The most check-worthy claim of a fresh article of this test's own."""
    db = database.connect(demo_articles["path"])
    try:
        body = SAMPLE_ARTICLE + f"\nConflict copy {next(_serial)} of the sample."
        article_id = ingest_text(db, body).article_id
        claims = [c for c in claim_store.claims_for_article(db, article_id) if c["kind"] == "claim"]
    finally:
        db.close()
    return max(claims, key=lambda c: c["checkworthiness"])


def rate(page, number: str, rationale: str) -> None:
    """Pick a rating with its number key, type the rationale, save with Ctrl+Enter."""
    page.locator("body").press("Escape")
    page.keyboard.press(number)
    page.keyboard.press("Control+a")
    page.keyboard.type(rationale)
    page.keyboard.press("Control+Enter")


def test_a_stale_save_shows_both_versions_and_can_be_applied_on_top(
    watched_page, browser, base_url, claim
):
    address = f"/articles/{claim['article_id']}?claim={claim['id']}"
    mine = watched_page
    mine.goto(address)

    context = browser.new_context(base_url=base_url, viewport={"width": 1366, "height": 768})
    try:
        theirs = context.new_page()
        theirs.goto("/sign-in")
        theirs.get_by_label("Username").fill("ed")
        theirs.get_by_label("Password").fill(PASSWORD)
        theirs.get_by_role("button", name="Sign in").click()
        theirs.wait_for_url(lambda url: "/sign-in" not in url)
        theirs.goto(address)
        rate(theirs, "6", THEIRS)
        expect(theirs.locator("#claim-panel .status-line")).to_contain_text("Unverifiable")
    finally:
        context.close()

    rate(mine, "1", MINE)
    panel = mine.locator("#claim-panel")
    conflict = panel.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".conflict-lead")).to_contain_text("Ed rated Unverifiable")
    expect(conflict.locator(".is-theirs")).to_contain_text(THEIRS)
    expect(conflict.locator(".is-yours")).to_contain_text(MINE)
    expect(conflict.locator(".is-yours .verdict-badge")).to_have_text("Accurate")
    expect(conflict).to_be_in_viewport()

    conflict.get_by_role("button", name="Apply mine on top").click()
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    expect(panel.get_by_label("Rationale")).to_have_value(MINE)
    expect(panel.get_by_role("radio", name=re.compile("^Accurate"))).to_be_checked()
    history = panel.locator(".timeline-item")
    expect(history.first).to_contain_text("Rita rated Accurate")
    expect(panel.locator(".timeline")).to_contain_text("Ed rated Unverifiable")

    problems = [
        text
        for text in mine.problems["console"]
        if not (text.startswith("Failed to load resource") and "status of 409" in text)
    ]
    assert [text for text in problems if "Content Security Policy" in text] == []
    assert problems == [] and mine.problems["errors"] == [] and mine.problems["dialogs"] == []
