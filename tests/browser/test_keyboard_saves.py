"""Saving from the keyboard (Ctrl+Enter) in the claim panel: the form sent is emptied for the next
entry (its text is not brought back as a kept draft), the focus stays in the panel, and a status
region beside the panel says what was saved."""

import re

from page_checks import assert_no_problems
from playwright.sync_api import expect

COMMENT = "Asked the finance office for the 2021 figures; waiting on their reply."


def test_a_comment_saved_with_ctrl_enter_leaves_an_empty_box(watched_page, claim):
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    box = panel.get_by_label("Add a comment")
    box.click()
    page.keyboard.type(COMMENT)
    page.keyboard.press("Control+Enter")

    expect(panel.locator(".comment")).to_contain_text(COMMENT)
    expect(panel.get_by_label("Add a comment")).to_have_value("")
    # Another save redraws the panel: the comment does not come back as unsaved text either.
    panel.locator("select[name=assignee]").select_option("rita")
    panel.get_by_role("button", name="Assign").click()
    expect(panel.locator(".timeline")).to_contain_text("assigned")
    expect(panel.get_by_label("Add a comment")).to_have_value("")
    expect(panel.locator(".comment")).to_have_count(1)
    assert_no_problems(page)


def test_the_focus_stays_in_the_panel_after_each_save(watched_page, claim):
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")

    # Assign with the keyboard: the button is redrawn, so the focus goes to the assignee list.
    panel.locator("select[name=assignee]").select_option("rita")
    panel.get_by_role("button", name="Assign").focus()
    page.keyboard.press("Enter")
    expect(panel.locator(".timeline")).to_contain_text("assigned")
    expect(panel.locator("select[name=assignee]")).to_be_focused()
    # The focus lands on a field, which says nothing of the save: a status region, kept outside
    # the panel so it is there before the answer arrives, tells a screen reader.
    said = page.locator("#panel-said")
    expect(said).to_have_attribute("role", "status")
    expect(said).to_have_text("Assigned.")

    # Evidence without a stance is refused: the stance, with its message, takes the focus.
    page.locator("body").press("Escape")
    page.keyboard.press("e")
    page.keyboard.type("https://example.org/council-minutes")
    panel.get_by_label("Quoted passage").fill("The vote passed 9 to 4.")
    panel.get_by_label("Quoted passage").press("Control+Enter")
    stance = panel.get_by_label("Stance")
    expect(stance).to_be_focused()
    expect(stance).to_have_accessible_description(re.compile("Choose whether the source"))

    # Added: the form folds away under its summary, which takes the focus, ready for the next.
    stance.select_option("supports")
    panel.get_by_label("Quoted passage").press("Control+Enter")
    evidence = panel.get_by_role("region", name="Evidence")
    expect(evidence.locator(".evidence-list")).to_contain_text("example.org/council-minutes")
    summary = panel.locator("summary", has_text="Add evidence")
    expect(summary).to_be_focused()
    expect(said).to_have_text("Evidence added.")
    page.keyboard.press("Enter")
    expect(panel.get_by_label("Source URL")).to_be_visible()

    # A draft saved from its button: the redrawn button has the focus, in view.
    page.locator("body").press("Escape")
    page.keyboard.press("1")
    page.keyboard.type("The council minutes record the vote at 9 to 4, exactly as reported.")
    save = panel.get_by_role("button", name="Save draft")
    save.focus()
    page.keyboard.press("Enter")
    expect(said).to_have_text(re.compile("saved", re.I))
    expect(save).to_be_focused()
    expect(save).to_be_in_viewport()

    # Submitted for review: the verdict form is gone, and the Verdict section's heading, which
    # now says it waits for review, holds the focus in view.
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Submit for review")).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel.locator(".status-line")).to_contain_text("In review")
    expect(said).to_have_text("Verdict saved and submitted for review.")
    heading = panel.get_by_role("heading", name="Verdict", exact=True)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert_no_problems(page, expected_status=422)


def test_a_box_resized_by_hand_is_redrawn_without_breaking_the_security_policy(watched_page, claim):
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    box = panel.get_by_label("Add a comment")
    # Dragging a text box's corner gives it an inline size, as this does.
    box.evaluate("element => { element.style.height = '12em'; }")
    box.click()
    page.keyboard.type(COMMENT)
    page.keyboard.press("Control+Enter")
    expect(panel.locator(".comment")).to_contain_text(COMMENT)
    assert_no_problems(page)


def test_a_refused_submit_puts_the_focus_on_why(watched_page, claim):
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    panel.get_by_role("radio", name="False", exact=True).check()
    panel.get_by_label("Rationale").fill("The bulletin says eleven schools closed, not fourteen.")
    submit = panel.get_by_role("button", name="Submit for review")
    submit.focus()
    page.keyboard.press("Enter")
    message = panel.locator(".verdict-form [data-error-message]")
    expect(message).to_contain_text("evidence")
    expect(message).to_be_focused()
    assert_no_problems(page, expected_status=422)


def test_a_draft_saved_without_a_rating_puts_the_focus_on_the_ratings(watched_page, claim):
    """The rating is a group of choices, which cannot take the focus itself: its first choice
    does, described by the message, so a screen reader says what is missing."""
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    panel.get_by_label("Rationale").fill(
        "The council minutes record the vote at 9 to 4, exactly as reported."
    )
    panel.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")
    first = panel.locator("input[name=rating]").first
    expect(first).to_be_focused()
    expect(first).to_have_accessible_description(re.compile("Choose a rating"))
    assert_no_problems(page, expected_status=422)
