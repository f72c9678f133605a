"""Signed out in another tab while typing a verdict: saving leads through the sign-in page and
back to the claim, with the typed rationale and the picked rating still in the form. Someone else
signed in there meanwhile: this page shows nothing drawn for them, and the typing stays its
author's."""

import re

from helpers import PASSWORD
from page_checks import assert_no_problems, sign_in
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.store import verdicts

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


def _sign_out_in_another_tab(page, *, then_sign_in: str | None = None) -> None:
    """Sign out in a new tab of the same browser, then sign in there as then_sign_in if given."""
    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Sign out").click()
    other_tab.wait_for_url(re.compile("/sign-in"))
    if then_sign_in:
        sign_in(other_tab, "", then_sign_in)  # the context's base address completes the path
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
    _sign_out_in_another_tab(page, then_sign_in="rita")

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


def test_a_panel_drawn_for_someone_else_signed_in_meanwhile_never_takes_the_typing(
    watched_page, article, claim
):
    page = watched_page
    address, rationale = _typing_a_verdict(page, claim)
    _sign_out_in_another_tab(page, then_sign_in="ed")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    page.bring_to_front()
    rationale.press("Escape")
    # Another claim's panel and back: both are answered for ed, and neither is drawn here.
    page.keyboard.press("j")
    page.keyboard.press("k")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("This browser is now signed in as ed")
    expect(notice).to_contain_text("Unsaved text typed as rita stays kept in this tab for rita.")
    panel = page.locator("#claim-panel")
    expect(panel.get_by_label("Rationale")).to_have_value(RATIONALE)
    expect(panel.get_by_label("Assigned")).not_to_contain_text("Ed (me)")
    expect(page.locator(".whoami")).to_contain_text("Rita")

    # Nothing is sent from a page drawn for rita any more: ed cannot save her words.
    panel.get_by_role("button", name="Save draft").click()
    expect(notice).to_contain_text("This browser is now signed in as ed")
    notice.get_by_role("button", name="Reload this page").click()
    expect(page.locator(".whoami")).to_contain_text("Ed")
    expect(notice).to_be_hidden()
    assert posts == []
    db = database.connect(article["path"])
    try:
        assert verdicts.verdicts_for_claim(db, claim["id"]) == []
    finally:
        db.close()

    # ed's page never shows rita's typing; signed in again in this tab, she finds it.
    page.goto(address)
    expect(panel.get_by_label("Rationale")).to_have_value("")
    expect(panel.get_by_role("radio", name=re.compile("^Mostly accurate"))).not_to_be_checked()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile("/sign-in"))
    sign_in(page, "", "rita")
    page.goto(address)
    expect(panel.get_by_label("Rationale")).to_have_value(RATIONALE)
    expect(panel.get_by_role("radio", name=re.compile("^Mostly accurate"))).to_be_checked()
    assert_no_problems(page)
