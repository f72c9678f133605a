"""On a narrow screen the open claim panel covers the article: the keyboard stays in it, and j
and k go on from the claim last closed."""

from page_checks import assert_no_problems
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def _claims_in_order(article) -> list[dict]:
    return [c for c in article["claims"] if c["kind"] == "claim"]


def test_j_goes_on_from_the_claim_just_closed(watched_page, article):
    page = watched_page
    page.set_viewport_size(PHONE)
    claims = _claims_in_order(article)
    page.goto(f"/articles/{article['id']}?claim={claims[1]['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{claims[1]["id"]}"]')).to_have_count(1)
    page.locator("body").press("Escape")
    expect(page.locator(f"#claim-{claims[1]['id']}")).to_be_focused()
    page.keyboard.press("j")
    expect(panel.locator(f'.panel[data-claim-id="{claims[2]["id"]}"]')).to_have_count(1)
    assert_no_problems(page)


def test_tab_stays_in_the_panel_that_covers_the_page(watched_page, article):
    page = watched_page
    page.set_viewport_size(PHONE)
    claim = _claims_in_order(article)[0]
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{claim["id"]}"]')).to_have_count(1)
    for _ in range(60):
        page.keyboard.press("Tab")
        outside = page.evaluate(
            "() => { const a = document.activeElement;"
            " return a && a !== document.body && !a.closest('#claim-panel') ? a.outerHTML : null; }"
        )
        assert outside is None, f"Tab reached a control under the panel: {outside[:120]}"
    # Wide again, the page behind the panel is live.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("main [inert]")).to_have_count(0)
    assert_no_problems(page)


def test_the_panel_is_tabbed_through_in_the_order_it_is_drawn(watched_page, article):
    """ "Back to the text" is drawn at the panel's top: it comes first, then the heading's steps."""
    page = watched_page
    page.set_viewport_size(PHONE)
    claims = _claims_in_order(article)
    page.goto(f"/articles/{article['id']}?claim={claims[1]['id']}")
    panel = page.locator("#claim-panel")
    heading = panel.locator(".panel-position")
    expect(heading).to_be_visible()
    heading.focus()
    page.keyboard.press("Shift+Tab")
    expect(panel.get_by_role("link", name="Back to the text")).to_be_focused()
    back = panel.get_by_role("link", name="Back to the text").bounding_box()
    assert back is not None and back["y"] < heading.bounding_box()["y"]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    first_after_heading = page.evaluate("document.activeElement.textContent")
    assert "Back to the text" not in first_after_heading
    assert_no_problems(page)
