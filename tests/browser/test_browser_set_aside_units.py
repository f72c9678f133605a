"""In a real browser: a greyed unit set aside as not a claim is opened by a click or from the
keyboard, its panel says why, and it is made a claim again with a reason."""

import re

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database


def _last_audit(path, claim_id) -> tuple:
    db = database.connect(path)
    try:
        row = db.execute(
            "SELECT action, reason FROM audit WHERE record_type = 'claim' AND record_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [claim_id],
        ).fetchone()
        return tuple(row) if row else ()
    finally:
        db.close()


def test_a_greyed_unit_opens_by_click_and_by_keyboard_and_is_made_a_claim(watched_page, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    panel = page.locator("#claim-panel")
    greyed = page.locator("#article-text .unit.is-not-claim")
    promo = greyed.filter(has_text="ALSO READ")
    reason = promo.get_attribute("data-label")
    assert reason

    promo.click()
    expect(promo).to_have_attribute("aria-current", "true")
    expect(panel.locator(".panel-position")).to_have_text("Not a claim")
    expect(panel.locator(".panel-note")).to_contain_text(reason)
    promo_id = promo.get_attribute("data-claim-id")
    expect(page).to_have_url(re.compile(rf"\?claim={promo_id}$"))

    # From the keyboard: Tab reaches a greyed unit, Enter opens it.
    page.goto(f"/articles/{article['id']}")
    page.locator("#article-heading").click()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('is-not-claim')"):
            break
    focused_id = page.evaluate("document.activeElement.dataset.claimId")
    assert focused_id, "Tab never reached a greyed unit"
    page.keyboard.press("Enter")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", focused_id)
    expect(panel.locator(".panel-position")).to_have_text("Not a claim")

    # Made a claim again, with a reason: the text shows it as a claim at once.
    promo.click()
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", promo_id)
    panel.get_by_label("Why it is a claim after all").fill("It names the year of the floods")
    panel.get_by_role("button", name="Mark as a claim").click()
    unit = page.locator(f"#claim-{promo_id}")
    expect(unit).to_have_class(re.compile(r"\bis-claim\b"))
    expect(panel.locator(".panel-position")).to_have_text(re.compile(r"^Claim \d+ of \d+$"))
    assert _last_audit(article["path"], int(promo_id)) == (
        "claim.classify",
        "It names the year of the floods",
    )
    assert_no_problems(page)
