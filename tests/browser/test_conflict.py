"""Two people edit the same claim in two browsers: the stale save shows the conflict panel, keeps
the typed rationale, and applies it on top when asked."""

import re

from page_checks import assert_no_problems
from playwright.sync_api import expect

THEIRS = "No public record of the closures exists yet; the office has not published a bulletin."
MINE = "The office's own bulletin lists fourteen closed schools, which matches the claim exactly."


def rate(page, number: str, rationale: str) -> None:
    """Pick a rating with its number key, type the rationale, save with Ctrl+Enter."""
    page.locator("body").press("Escape")
    page.keyboard.press(number)
    expect(page.locator("#claim-panel").get_by_label("Rationale")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type(rationale)
    page.keyboard.press("Control+Enter")


def _saved_over_by_ed(mine, signed_in_as, claim, number: str, before_saving=None):
    """Ed rates the claim Unverifiable in his browser while `mine` has it open, then `mine` saves
    rating `number` over it (after `before_saving(panel)`, when given): the panel and its
    conflict box."""
    address = f"/articles/{claim['article_id']}?claim={claim['id']}"
    mine.goto(address)
    theirs = signed_in_as("ed")
    theirs.goto(address)
    rate(theirs, "6", THEIRS)
    expect(theirs.locator("#claim-panel .status-line")).to_contain_text("Unverifiable")
    panel = mine.locator("#claim-panel")
    if before_saving is not None:
        before_saving(panel)
    rate(mine, number, MINE)
    return panel, panel.locator("[data-conflict]")


def test_a_stale_save_shows_both_versions_and_can_be_applied_on_top(
    watched_page, signed_in_as, claim
):
    mine = watched_page
    panel, conflict = _saved_over_by_ed(mine, signed_in_as, claim, "1")
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

    assert_no_problems(mine, expected_status=409)


def test_applying_mine_on_top_from_the_keyboard_leaves_the_focus_on_the_rating_chosen(
    watched_page, signed_in_as, claim
):
    mine = watched_page
    panel, conflict = _saved_over_by_ed(mine, signed_in_as, claim, "3")
    expect(conflict).to_be_visible()
    conflict.get_by_role("button", name="Apply mine on top").focus()
    mine.keyboard.press("Enter")
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    # The focus is on the rating applied, not on the group's first (unchosen) one, where Space
    # would change the rating unseen.
    chosen = panel.locator('[data-rating-form] input[data-rating-number="3"]')
    expect(chosen).to_be_checked()
    expect(chosen).to_be_focused()
    mine.keyboard.press("Space")
    expect(chosen).to_be_checked()
    assert_no_problems(mine, expected_status=409)


def test_the_text_that_met_a_conflict_is_kept_until_applied_or_given_up(
    watched_page, signed_in_as, claim
):
    """A reload (or moving away and back) before choosing draws the kept text into the form
    again, marked as kept; "Keep theirs" gives it up."""
    mine = watched_page
    panel, conflict = _saved_over_by_ed(mine, signed_in_as, claim, "1")
    expect(conflict).to_be_visible()
    # Not drawn over the form at once: the form shows the claim as it is now.
    expect(panel.get_by_label("Rationale")).to_have_value(THEIRS)
    mine.reload()
    rationale = panel.get_by_label("Rationale")
    expect(rationale).to_have_value(MINE)
    expect(rationale).to_have_class(re.compile("has-kept-draft"))
    # Saved again, it meets the same conflict, and "Keep theirs" settles it.
    rationale.focus()
    mine.keyboard.press("Control+Enter")
    conflict = panel.locator("[data-conflict]")
    expect(conflict).to_be_visible()
    conflict.get_by_role("link", name="Keep theirs").click()
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    mine.reload()
    expect(panel.get_by_label("Rationale")).to_have_value(THEIRS)
    assert_no_problems(mine, expected_status=409)


def test_text_refused_on_saving_is_still_there_after_a_reload(watched_page, claim):
    """A refused save says what to do, sometimes to reload: the typed text survives it."""
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    page.locator("body").press("Escape")
    page.keyboard.press("2")
    rationale = page.locator("#claim-panel").get_by_label("Rationale")
    expect(rationale).to_be_focused()
    page.keyboard.type("Too short.")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#claim-panel [data-error-message]").first).to_be_visible()
    page.reload()
    expect(rationale).to_have_value("Too short.")
    assert_no_problems(page, expected_status=422)


def test_a_conflict_leaves_other_fields_and_text_typed_after_it_alone(
    watched_page, signed_in_as, claim
):
    """Only the form that met the conflict holds its text back: a source address typed beside it
    stays, and a rationale typed after it, against the claim as it is now, outlives "Keep
    theirs"."""
    mine = watched_page
    panel, conflict = _saved_over_by_ed(
        mine,
        signed_in_as,
        claim,
        "1",
        lambda panel: panel.get_by_label("Source URL").fill("https://county.example/draft-source"),
    )
    expect(conflict).to_be_visible()
    expect(panel.get_by_label("Source URL")).to_have_value("https://county.example/draft-source")
    later = "Rewritten after seeing Ed's verdict: the bulletin is dated the day after the claim."
    panel.get_by_label("Rationale").fill(later)
    conflict.get_by_role("link", name="Keep theirs").click()
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    expect(panel.get_by_label("Rationale")).to_have_value(later)
    assert_no_problems(mine, expected_status=409)


def test_a_key_pressed_while_the_next_claims_panel_is_on_its_way_does_not_act_on_the_last(
    watched_page, article
):
    page = watched_page
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    page.goto(f"/articles/{article['id']}?claim={claims[0]['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{claims[0]["id"]}"]')).to_be_visible()
    held = []
    page.route(f"**/claims/{claims[1]['id']}/panel*", lambda route: held.append(route))
    page.locator("body").press("j")
    expect(page.locator(f"#claim-{claims[1]['id']}")).to_have_attribute("aria-current", "true")
    page.locator("body").press("2")
    expect(page.locator("#panel-said")).to_have_text(
        "The claim is still opening; press the key again in a moment."
    )
    expect(panel.locator("[data-rating-form] input:checked")).to_have_count(0)
    for route in held:
        route.continue_()
    expect(panel.locator(f'.panel[data-claim-id="{claims[1]["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_applying_mine_on_top_leaves_the_form_as_saved_with_no_text_typed_meanwhile(
    watched_page, signed_in_as, claim
):
    """Text typed after the conflict came back over the form just saved, with the version before
    the save, and saving it met a conflict with one's own change."""
    mine = watched_page
    panel, conflict = _saved_over_by_ed(mine, signed_in_as, claim, "1")
    expect(conflict).to_be_visible()
    panel.get_by_label("Rationale").fill("Typed while the conflict was shown, then not applied.")
    conflict.get_by_role("button", name="Apply mine on top").click()
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    rationale = panel.get_by_label("Rationale")
    expect(rationale).to_have_value(MINE)
    rationale.focus()
    mine.keyboard.press("Control+Enter")
    expect(panel.locator("[data-conflict]")).to_have_count(0)
    expect(mine.locator("#panel-said")).to_contain_text("saved")
    assert_no_problems(mine, expected_status=409)
