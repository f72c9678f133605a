"""A claim with a long history: the panel lists its latest changes, and "Show all N changes",
reached from the keyboard, draws the rest with the focus on the first one it had not listed."""

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.store import comments
from factcheck.store.bulk_load import bulk_load
from factcheck.store.users import actor_for
from factcheck.views.claim_panel import PANEL_HISTORY

NOTES = PANEL_HISTORY + 20


def test_show_all_changes_from_the_keyboard(watched_page, claim, demo_articles):
    db = database.connect(demo_articles["path"])
    try:
        rita = actor_for(db, "rita")
        with bulk_load(db):
            for n in range(1, NOTES + 1):
                comments.add_comment(db, claim["id"], body=f"Note {n}", actor=rita)
    finally:
        db.close()
    changes = NOTES + 1  # and the import
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    history = page.locator("#claim-panel .history-section")
    expect(history.locator(".timeline-item")).to_have_count(PANEL_HISTORY)

    more = history.get_by_role("link", name=f"Show all {changes} changes")
    more.focus()
    page.keyboard.press("Enter")
    items = page.locator("#claim-panel .history-section .timeline-item")
    expect(items).to_have_count(changes)
    first_unlisted = items.nth(PANEL_HISTORY)
    expect(first_unlisted).to_contain_text(f"Note {NOTES - PANEL_HISTORY}")
    expect(first_unlisted).to_be_focused()
    expect(page.get_by_role("link", name=f"Show all {changes} changes")).to_have_count(0)
    assert_no_problems(page)
