"""A claim from first look to published verdict in a real browser, keyboard first, by two people:
a reviewer who gathers evidence and rates it, an editor who approves it."""

import re

import pytest
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.store import claim_reads, verdicts
from factcheck.store.users import actor_for

RATIONALE = (
    "The county emergency office bulletin lists fourteen closed schools on Tuesday,"
    " exactly as the headline says."
)
# Refused by the strict fetch policy before any connection: evidence archiving never leaves here.
PRIVATE_SOURCE = "https://10.20.30.40/bulletin"
# Archiving evidence runs inside the request, so its outcome shows at once.
pytestmark = pytest.mark.usefixtures("immediate_jobs")


def test_a_claim_goes_from_evidence_to_published_with_two_people(
    watched_page, signed_in_as, article
):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    page.evaluate("window.stillTheSamePage = true")
    claims = page.locator("#article-text .unit.is-claim")
    panel = page.locator("#claim-panel")

    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(claims.nth(1)).to_have_attribute("aria-current", "true")
    page.keyboard.press("k")
    first = claims.nth(0)
    expect(first).to_have_attribute("aria-current", "true")
    claim_id = first.get_attribute("data-claim-id")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", claim_id)

    # Evidence, from the keyboard: e jumps to the URL, Ctrl+Enter adds it.
    page.keyboard.press("e")
    url_field = panel.get_by_label("Source URL")
    expect(url_field).to_be_focused()
    page.keyboard.type(PRIVATE_SOURCE)
    panel.get_by_label("Stance").select_option("supports")
    panel.get_by_label("Quoted passage").fill("14 schools were closed on Tuesday")
    page.keyboard.press("Control+Enter")
    item = panel.locator(".evidence-section .evidence-item")
    expect(item).to_have_count(1)
    expect(item.locator(".stance")).to_have_text("Supports")
    expect(item.locator(".evidence-quote")).to_have_text("14 schools were closed on Tuesday")
    expect(item.locator(".archive-status")).to_have_text(
        "The address leads into a private network, so it is not fetched."
    )

    # The verdict: a number key picks the rating and puts the cursor in the rationale.
    page.keyboard.press("Escape")
    page.keyboard.press("1")
    accurate = panel.get_by_role("radio", name=re.compile("^Accurate"))
    expect(accurate).to_be_checked()
    rationale = panel.get_by_label("Rationale")
    expect(rationale).to_be_focused()
    page.keyboard.type(RATIONALE)
    panel.get_by_role("button", name="Submit for review").click()
    expect(panel.locator(".status-line .badge.status-in_review")).to_have_text("In review")
    expect(page.locator(f"#claim-{claim_id}")).to_have_attribute("data-label", "in review")
    expect(panel.get_by_role("button", name="Approve")).to_have_count(0)
    # A number key on one's own verdict in review says how to change it.
    page.locator("body").press("2")
    expect(page.locator("#panel-said")).to_have_text(
        "The verdict is in review: \u201cTake back to draft\u201d to change its rating."
    )
    assert page.evaluate("window.stillTheSamePage") is True

    # The editor, in another browser, approves.
    editor = signed_in_as("ed")
    editor.goto(f"/articles/{article['id']}?claim={claim_id}")
    editor_panel = editor.locator("#claim-panel")
    expect(editor_panel.locator(".verdict-card.is-in-review")).to_contain_text(RATIONALE)
    editor_panel.get_by_role("button", name="Approve").click()
    expect(editor_panel.locator(".status-line .badge:not(.verdict-badge)")).to_have_text(
        "Published"
    )
    expect(editor_panel.locator(".verdict-card.is-published")).to_contain_text(
        "by Rita, approved by Ed"
    )
    history = editor_panel.locator(".timeline-item")
    expect(history.first).to_contain_text("Ed approved and published")
    expect(editor_panel.locator(".timeline")).to_contain_text("Rita submitted for review")
    expect(editor.locator(f"#claim-{claim_id}")).to_have_attribute(
        "data-label", "published: Accurate"
    )

    page.reload()
    expect(panel.locator(".status-line .badge.status-published")).to_have_text("Published")
    expect(panel.locator(".timeline")).to_contain_text("Ed approved and published")
    # Shortcuts that cannot act on a published verdict say why.
    said = page.locator("#panel-said")
    page.locator("body").press("e")
    expect(said).to_have_text(re.compile("^The verdict is published, so its evidence changes only"))
    page.locator("body").press("2")
    expect(said).to_have_text(
        "The verdict is published: open \u201cCorrect this verdict\u201d to change its rating."
    )
    assert_no_problems(page)


def test_a_reviewer_is_not_offered_approval_and_is_refused_when_forcing_it(watched_page, article):
    claim = article["claims"][0]
    db = database.connect(article["path"])
    try:
        ed = actor_for(db, "ed")
        verdicts.set_verdict(db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=ed)
        verdicts.submit_for_review(db, claim["id"], actor=ed)
        version = claim_reads.get_claim(db, claim["id"])["version"]
    finally:
        db.close()

    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(".verdict-card.is-in-review")).to_be_visible()
    expect(panel.get_by_role("button", name="Approve")).to_have_count(0)
    page.keyboard.press("a")
    expect(panel.locator(".status-line .badge:not(.verdict-badge)")).to_have_text("In review")
    # The key says why it did nothing.
    expect(page.locator("#panel-said")).to_have_text("Waiting for an editor's second review.")

    token = page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken']")
    forced = page.request.post(
        f"/claims/{claim['id']}/approve",
        form={"expected_version": str(version)},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert forced.status == 403
    assert "editor" in forced.text()
    page.reload()
    expect(panel.locator(".status-line .badge:not(.verdict-badge)")).to_have_text("In review")
    assert_no_problems(page)


def test_the_help_overlay_lists_every_panel_shortcut(watched_page, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    page.keyboard.press("?")
    dialog = page.locator("#keyboard-help")
    expect(dialog).to_be_visible()
    for words in ("Next claim", "pick that rating", "add evidence", "save the form", "approve"):
        expect(dialog).to_contain_text(words)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert_no_problems(page)


def test_unsent_text_survives_saving_another_form_and_moving_away(watched_page, article):
    claim = article["claims"][0]
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    note = "Half-written: ask the office about the second figure"
    panel.get_by_label("Add a comment").fill(note)
    panel.get_by_role("radio", name=re.compile("^Unverifiable")).check()
    panel.get_by_label("Rationale").fill(RATIONALE)
    panel.get_by_role("button", name="Save draft").click()
    expect(panel.locator(".status-line .badge.status-in_progress")).to_have_text("In progress")
    expect(panel.get_by_label("Add a comment")).to_have_value(note)

    page.locator("body").press("Escape")
    page.keyboard.press("j")
    expect(panel.locator(".panel")).not_to_have_attribute("data-claim-id", str(claim["id"]))
    page.keyboard.press("k")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", str(claim["id"]))
    expect(panel.get_by_label("Add a comment")).to_have_value(note)
    expect(panel.get_by_label("Rationale")).to_have_value(RATIONALE)
    assert_no_problems(page)


def test_a_rating_key_leaves_the_closed_correction_form_of_a_published_verdict(
    watched_page, article
):
    claim = article["claims"][0]
    db = database.connect(article["path"])
    try:
        verdicts.set_verdict(
            db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=actor_for(db, "ed")
        )
        verdicts.submit_for_review(db, claim["id"], actor=actor_for(db, "ed"))
        verdicts.approve(db, claim["id"], actor=actor_for(db, "eve"))
    finally:
        db.close()

    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    correction = panel.locator("details.correct-details")
    expect(correction).not_to_have_attribute("open", "")
    picked = correction.locator("input[name=rating]:checked")
    published = picked.get_attribute("value")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("3")
    # Nothing the reviewer cannot see changed: the correction starts from the published rating.
    expect(picked).to_have_attribute("value", published)
    correction.locator("summary").click()
    expect(correction.locator("input[name=rating]:checked")).to_have_attribute("value", published)
    assert_no_problems(page)
