"""Signed out in another tab while typing a verdict: saving leads through the sign-in page and
back to the claim, with the typed rationale and the picked rating still in the form."""

import re

from helpers import PASSWORD
from page_checks import assert_no_problems, sign_in
from playwright.sync_api import expect

RATIONALE = "The council's own minutes record the vote on Wednesday, exactly as the story says."


def _typing_a_verdict(page, claim) -> tuple[str, object]:
    """Open the claim, pick the second rating from the keyboard and type the rationale; returns
    the claim's address and the rationale field."""
    address = f"/articles/{claim['article_id']}?claim={claim['id']}"
    page.goto(address)
    page.locator("body").press("Escape")
    page.keyboard.press("2")
    rationale = page.locator("#claim-panel").get_by_label("Rationale")
    expect(rationale).to_be_focused()
    page.keyboard.type(RATIONALE)
    return address, rationale


def _sign_out_in_another_tab(page, *, then_sign_in: bool = False) -> None:
    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Sign out").click()
    other_tab.wait_for_url(re.compile("/sign-in"))
    if then_sign_in:
        sign_in(other_tab, "", "rita")  # the context's base address completes the path
    other_tab.close()


def test_typing_survives_signing_out_in_another_tab(watched_page, claim):
    page = watched_page
    address, rationale = _typing_a_verdict(page, claim)
    _sign_out_in_another_tab(page)

    page.bring_to_front()
    rationale.press("Control+Enter")
    page.wait_for_url(re.compile("/sign-in"))
    expect(page.locator(".flash")).to_contain_text("your last change was not saved")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(lambda url: url.endswith(address))
    panel = page.locator("#claim-panel")
    expect(panel.get_by_label("Rationale")).to_have_value(RATIONALE)
    expect(panel.get_by_role("radio", name=re.compile("^Mostly accurate"))).to_be_checked()

    panel.get_by_label("Rationale").press("Control+Enter")
    expect(panel.locator(".status-line")).to_contain_text("Mostly accurate")
    assert_no_problems(page, expected_status=401)


def test_signing_out_in_this_tab_forgets_the_typing(watched_page, claim):
    page = watched_page
    address = f"/articles/{claim['article_id']}?claim={claim['id']}"
    page.goto(address)
    page.locator("#claim-panel").get_by_label("Rationale").fill(RATIONALE)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile("/sign-in"))
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)
    page.goto(address)
    expect(page.locator("#claim-panel").get_by_label("Rationale")).to_have_value("")
    assert_no_problems(page)


def test_typing_survives_a_save_refused_after_signing_in_again_in_another_tab(watched_page, claim):
    page = watched_page
    _, rationale = _typing_a_verdict(page, claim)
    # Signing out and in again elsewhere gives a new session: this tab's form token is stale.
    _sign_out_in_another_tab(page, then_sign_in=True)

    page.bring_to_front()
    rationale.press("Control+Enter")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("reload the page")
    expect(notice).to_have_text(re.compile(r"^This form's security token"))  # no status code

    page.reload()
    panel = page.locator("#claim-panel")
    expect(panel.get_by_label("Rationale")).to_have_value(RATIONALE)
    expect(panel.get_by_role("radio", name=re.compile("^Mostly accurate"))).to_be_checked()
    panel.get_by_label("Rationale").press("Control+Enter")
    expect(panel.locator(".status-line")).to_contain_text("Mostly accurate")
    assert_no_problems(page, expected_status=400)
