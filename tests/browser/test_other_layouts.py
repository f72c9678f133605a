"""The workbench for desks that type in other scripts: the single-key shortcuts work by the
physical key on a Russian or Arabic layout (not in a field, not while an input method
composes, not with Shift or AltGr), and @ with a few letters of a name in any script lists
people to mention."""

import re
import uuid

from helpers import PASSWORD
from page_checks import assert_no_problems
from playwright.sync_api import expect
from test_inbox_and_undo import _editor_on_a_ferry_claim_in_review, _status

from factcheck import db as database
from factcheck.store import users

# A keydown as a browser sends it from a given layout: the character typed and the physical key.
PRESS = """([key, code, more]) => {
    const target = document.activeElement || document.body;
    target.dispatchEvent(new KeyboardEvent("keydown",
        Object.assign({key: key, code: code, bubbles: true, cancelable: true}, more || {})));
}"""


def press(page, key: str, code: str, **more) -> None:
    page.evaluate(PRESS, [key, code, more])


def test_claim_to_claim_and_ratings_by_the_physical_key(watched_page, article):
    page = watched_page
    first, second = article["claims"][0], article["claims"][1]
    page.goto(f"/articles/{article['id']}?claim={first['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", str(first["id"]))

    # Russian J ("о") and Arabic J ("ت") go to the next claim; Russian K ("л") back.
    press(page, "о", "KeyJ")
    expect(page).to_have_url(re.compile(rf"claim={second['id']}\b"))
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", str(second["id"]))
    press(page, "л", "KeyK")
    expect(page).to_have_url(re.compile(rf"claim={first['id']}\b"))
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", str(first["id"]))

    # Shift+7 types "/" on a German layout, "?" on a Russian one: never rating 7 (the "?"
    # opens the keys' help as before), and AltGr+A ("ą", Polish) does not approve.
    press(page, "?", "Digit7", shiftKey=True)
    help_dialog = page.locator("#keyboard-help")
    expect(help_dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    press(page, "ą", "KeyA", modifierAltGraph=True)
    page.wait_for_timeout(100)
    expect(page.locator("#panel-said")).to_be_empty()
    # While an input method composes, J is no shortcut.
    press(page, "о", "KeyJ", isComposing=True)
    expect(page).to_have_url(re.compile(rf"claim={first['id']}\b"))
    expect(panel.locator("input[data-rating-number]:checked")).to_have_count(0)

    # A character that is no letter stays itself, wherever it is typed: Thai types "/" at
    # Digit2 and "-" at Digit3, Dvorak "." at KeyE, Turkish F "ğ" (a Latin letter) at KeyE.
    for key, code in (("/", "Digit2"), ("-", "Digit3"), (".", "KeyE"), ("ğ", "KeyE")):
        press(page, key, code)
    page.wait_for_timeout(100)
    expect(panel.locator("input[data-rating-number]:checked")).to_have_count(0)
    expect(panel.get_by_label("Source URL")).not_to_be_focused()
    press(page, "1", "Digit1")
    expect(panel.locator('input[data-rating-number="1"]')).to_be_checked()
    rationale = panel.get_by_label("Rationale")
    expect(rationale).to_be_focused()
    # In a field the keys type: J ("о") moves nowhere.
    press(page, "о", "KeyJ")
    expect(page).to_have_url(re.compile(rf"claim={first['id']}\b"))
    expect(panel.locator('input[data-rating-number="1"]')).to_be_checked()

    # A Thai tone mark at J goes on too, and back with Russian K ("л").
    rationale.press("Escape")
    press(page, "่", "KeyJ")
    expect(page).to_have_url(re.compile(rf"claim={second['id']}\b"))
    press(page, "л", "KeyK")
    expect(page).to_have_url(re.compile(rf"claim={first['id']}\b"))
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", str(first["id"]))
    # A Persian digit picks its rating.
    press(page, "۲", "Digit2")
    expect(panel.locator('input[data-rating-number="2"]')).to_be_checked()

    # E ("у") opens the evidence form at its address.
    rationale.press("Escape")
    press(page, "у", "KeyE")
    expect(panel.get_by_label("Source URL")).to_be_focused()
    assert_no_problems(page)


def test_approve_and_undo_from_an_arabic_and_a_russian_layout(signed_in_as, article):
    # A ferry article of its own: the other tests' has its evidence already.
    _, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Hartsea")
    banner = editor.locator("#approve-undo")

    press(editor, "ش", "KeyA")  # A on an Arabic layout
    expect(banner).to_contain_text("Publishing the verdict on")
    press(editor, "г", "KeyU")  # U on a Russian layout
    expect(banner).to_contain_text("Not published: the verdict on")
    editor.clock.run_for(10_000)
    assert _status(article["path"], claim["id"]) == "in_review"
    assert_no_problems(editor)


def test_queue_rows_by_the_physical_key(watched_page, article):
    page = watched_page
    page.goto(f"/queue?article={article['id']}")
    rows = page.locator("#queue-table tbody tr")
    expect(rows.first).to_be_visible()
    press(page, "о", "KeyJ")
    expect(rows.first.locator("a.queue-claim")).to_be_focused()
    press(page, "ч", "KeyX")  # X on a Russian layout
    expect(rows.first.locator('input[name="claim"]')).to_be_checked()
    press(page, "о", "KeyJ")
    expect(rows.nth(1).locator("a.queue-claim")).to_be_focused()
    assert_no_problems(page)


def test_mention_suggestions_open_for_names_in_other_scripts(watched_page, article):
    suffix = f"{uuid.uuid4().int % 10**6:06d}"  # digits: another test's "@e" finds none
    db = database.connect(article["path"])
    try:
        for username, name in (
            (f"layla{suffix}", "ليلى حداد"),
            (f"fatima{suffix}", "Фатима Орлова"),
        ):
            users.add_user(
                db,
                username,
                role="reviewer",
                password=PASSWORD,
                display_name=f"{name} {suffix}",
                actor=users.actor_for(db, "ada"),
            )
    finally:
        db.close()
    claim = article["claims"][0]
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    box = page.locator("#claim-panel").get_by_label("Add a comment")
    box.click()
    options = page.locator(".mention-list [role=option]")
    page.keyboard.type("تحققي من هذا @ليل")
    expect(options.filter(has_text=f"layla{suffix}")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(box).to_have_value(f"تحققي من هذا @layla{suffix} ")
    page.keyboard.type("и @Фат")
    expect(options.filter(has_text=f"fatima{suffix}")).to_have_count(1)
    page.keyboard.press("Escape")
    # An address is no mention, in any script: "يوسف@" after a letter opens nothing.
    page.keyboard.type(" يوسف@ليل")
    page.wait_for_timeout(300)
    expect(page.locator(".mention-list")).to_be_hidden()
    assert_no_problems(page)
