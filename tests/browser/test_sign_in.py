"""Signing in and out in a real browser with the keyboard alone, and a mistyped password."""

from helpers import PASSWORD
from page_checks import assert_no_problems, sign_in
from playwright.sync_api import expect


def test_signing_in_with_the_keyboard_alone_and_out_again(watched, base_url):
    page = watched
    page.goto("/sign-in")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("eve")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{base_url}/")
    expect(page.locator(".topbar .whoami")).to_have_text("Eve (editor)")
    expect(page.locator(".topbar").get_by_role("link", name="Account")).to_be_visible()
    expect(page.locator(".topbar").get_by_role("link", name="Users")).to_have_count(0)

    sign_out = page.get_by_role("button", name="Sign out")
    sign_out.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/sign-in")
    expect(page.locator(".topbar .whoami")).to_have_count(0)
    page.goto("/account")
    expect(page).to_have_url(f"{base_url}/sign-in?next=/account")
    assert_no_problems(page)


def test_a_wrong_password_is_explained_beside_the_form(watched, base_url):
    page = watched
    page.goto("/sign-in")
    # The field takes focus by itself (autofocus); wait for it before typing.
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("ed")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type("this is not it")
    page.keyboard.press("Enter")

    form = page.locator("form.stacked-form")
    error = form.get_by_role("alert")
    expect(error).to_have_text(
        "That username and password do not match an active account. Check both and try again."
    )
    expect(page.get_by_label("Username")).to_have_value("ed")
    expect(page.get_by_label("Username")).to_have_attribute("aria-describedby", "sign-in-error")
    # Boxes are only where the stylesheets put them once the page has loaded them.
    page.wait_for_load_state("load")
    error_box = error.bounding_box()
    field_box = page.get_by_label("Username").bounding_box()
    assert error_box["y"] + error_box["height"] <= field_box["y"], "the error sits above the fields"
    assert abs(error_box["x"] - field_box["x"]) < 2, "and lines up with them"

    # The typed username is kept and the cursor waits in the password field.
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".topbar .whoami")).to_have_text("Ed (editor)")
    # Chromium logs the refused sign-in's 401 status; nothing else may go wrong.
    refused = "Failed to load resource: the server responded with a status of 401 (UNAUTHORIZED)"
    assert page.problems["console"] == [refused]
    assert_no_problems(page, expected_status=401)


def test_an_admin_finds_the_users_page_from_the_top_bar(watched, base_url):
    page = watched
    sign_in(page, base_url, "ada")
    page.locator(".topbar").get_by_role("link", name="Users").click()
    expect(page).to_have_url(f"{base_url}/admin/users")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.locator('tr[data-username="rita"]')).to_contain_text("Reviewer")
    assert_no_problems(page)
