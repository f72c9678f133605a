"""A rating picked but not yet saved survives the panel being redrawn, as typed text does: adding
evidence before saving the verdict does not leave the reviewer with "Choose a rating"."""

import pytest
from playwright.sync_api import expect

RATIONALE = "The council's own report gives a different figure from the one in the story."
# Refused by the fetch policy before any connection: nothing here leaves the machine.
PRIVATE_SOURCE = "https://10.20.30.40/report"
pytestmark = pytest.mark.usefixtures("immediate_jobs")


def test_a_picked_rating_is_kept_when_evidence_is_added_first(watched_page, signed_in_as, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    panel = page.locator("#claim-panel")
    page.keyboard.press("j")
    expect(panel.locator(".verdict-form")).to_be_visible()

    page.keyboard.press("5")
    page.keyboard.type(RATIONALE)
    page.keyboard.press("Escape")
    page.keyboard.press("e")
    page.keyboard.type(PRIVATE_SOURCE)
    panel.get_by_label("Stance").select_option("refutes")
    page.keyboard.press("Control+Enter")
    expect(panel.locator(".evidence-section .evidence-item")).to_have_count(1)

    form = panel.locator(".verdict-form")
    expect(form.locator("textarea[name=rationale]")).to_have_value(RATIONALE)
    expect(form.locator('input[name=rating][value="false"]')).to_be_checked()
    form.get_by_role("button", name="Save draft").click()
    expect(form.locator(".field-error")).to_have_count(0)
    expect(panel.locator(".status-badge, .panel").first).to_contain_text("False")
