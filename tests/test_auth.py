"""Signing in and out, safe redirects afterwards, and changing one's own password."""

import pytest
from helpers import PASSWORD, page_token, parse

from factcheck.store import users
from factcheck.views.headers import CONTENT_SECURITY_POLICY

NEW_PASSWORD = "a brand new passphrase"


def label_for(page, field_id: str) -> str:
    return page.cssselect(f'label[for="{field_id}"]')[0].text_content().strip()


def sign_in(test_client, username: str, password: str = PASSWORD, **extra):
    return test_client.post(
        "/sign-in",
        data={"username": username, "password": password, **extra},
        headers={"X-CSRFToken": page_token(test_client, "/sign-in")},
    )


def change_password(test_client, current: str, new: str, confirm: str | None = None):
    return test_client.post(
        "/account/password",
        data={
            "csrf_token": page_token(test_client),
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


# Signing in


def test_the_sign_in_form_is_labelled_and_carries_the_token(anonymous_client):
    page = parse(anonymous_client.get("/sign-in"))
    form = page.cssselect("form.stacked-form")[0]
    assert form.get("method") == "post"
    assert label_for(form, "username") == "Username"
    assert label_for(form, "password") == "Password"
    assert form.cssselect("#password")[0].get("type") == "password"
    assert [b.text_content() for b in form.cssselect("button")] == ["Sign in"]
    token = form.cssselect('input[type="hidden"][name="csrf_token"]')[0].get("value")
    assert len(token) > 20
    assert not page.cssselect(".whoami"), "nobody is signed in yet"


def test_signing_in_shows_who_and_what_role_on_every_page(anonymous_client, people):
    response = sign_in(anonymous_client, "rita")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    for path in ("/", "/account"):
        topbar = parse(anonymous_client.get(path)).cssselect(".topbar")[0]
        assert " ".join(topbar.cssselect(".whoami")[0].text_content().split()) == "Rita (reviewer)"
        assert [b.text_content() for b in topbar.cssselect("form button")] == ["Sign out"]
        links = [a.text_content() for a in topbar.cssselect(".topbar-end a")]
        assert links == ["Inbox", "Account"], "only admins see the Users link"


def test_admins_see_a_link_to_the_users_page(client_as):
    topbar = parse(client_as("ada").get("/")).cssselect(".topbar")[0]
    links = {a.text_content(): a.get("href") for a in topbar.cssselect(".topbar-end a")}
    assert links == {
        "Inbox": "/inbox",
        "Audit": "/audit",
        "Users": "/admin/users",
        "Account": "/account",
    }


def test_a_wrong_password_is_refused_in_words_and_keeps_the_username(anonymous_client, people):
    response = sign_in(anonymous_client, "rita", "not my password")
    assert response.status_code == 401
    page = parse(response)
    error = page.cssselect("#sign-in-error")[0]
    assert error.get("role") == "alert"
    assert "do not match an active account" in error.text_content()
    assert page.cssselect("#username")[0].get("value") == "rita"
    assert page.cssselect("#username")[0].get("aria-describedby") == "sign-in-error"
    # The cursor waits in the password field: a screen reader reads the error with it too.
    password = page.cssselect("#password")[0]
    assert password.get("autofocus") is not None
    assert password.get("aria-describedby") == "sign-in-error"
    assert "not my password" not in response.get_data(as_text=True)
    assert anonymous_client.get("/").status_code == 303


def test_an_empty_form_asks_for_both_fields(anonymous_client, people):
    response = sign_in(anonymous_client, "rita", "")
    assert response.status_code == 422
    assert "Enter both your username and your password" in response.get_data(as_text=True)


def test_a_disabled_user_cannot_sign_in(anonymous_client, people, app_db):
    users.set_disabled(app_db, "rita", True, actor=people["ada"])
    assert sign_in(anonymous_client, "rita").status_code == 401


def test_signing_in_starts_a_new_session_with_a_new_token(anonymous_client, people):
    before = page_token(anonymous_client, "/sign-in")
    assert sign_in(anonymous_client, "rita").status_code == 303
    after = page_token(anonymous_client, "/")
    assert after != before
    stale = anonymous_client.post("/sign-out", headers={"X-CSRFToken": before})
    assert stale.status_code == 400


def test_head_is_answered_as_get(anonymous_client, client):
    asked = anonymous_client.head("/sign-in")
    assert asked.status_code == 200 and asked.get_data() == b""
    assert asked.headers["Content-Type"].startswith("text/html")
    signed_in = client.head("/sign-in?next=/account")
    assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/account"
    bounced = anonymous_client.head("/account")
    assert bounced.headers["Location"] == "/sign-in?next=/account", "back to the page asked for"


def test_a_signed_in_visit_to_sign_in_goes_on_to_the_next_page(client):
    response = client.get("/sign-in?next=/account")
    assert response.status_code == 303 and response.headers["Location"] == "/account"


# Where people go after signing in


def test_next_brings_people_back_where_they_were(anonymous_client, people):
    bounced = anonymous_client.get("/account")
    assert bounced.headers["Location"] == "/sign-in?next=/account"
    response = sign_in(anonymous_client, "rita", next="/account")
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/account",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(anonymous_client, people, target):
    response = sign_in(anonymous_client, "rita", next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    again = anonymous_client.get("/sign-in", query_string={"next": target})
    assert again.headers["Location"] == "/"


def test_next_is_carried_through_the_form_without_leaving_the_site(anonymous_client):
    page = parse(anonymous_client.get("/sign-in", query_string={"next": "https://evil.example"}))
    assert page.cssselect('input[name="next"]')[0].get("value") == "/"


# Signing out


def test_signing_out_ends_the_session(client):
    response = client.post("/sign-out", data={"csrf_token": page_token(client, "/")})
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"
    assert client.get("/").headers["Location"].startswith("/sign-in")


# Changing one's own password


def test_the_account_page_shows_who_you_are_and_a_labelled_form(client):
    response = client.get("/account")
    assert response.status_code == 200
    page = parse(response)
    facts = {
        div.cssselect("dt")[0].text_content(): div.cssselect("dd")[0].text_content().strip()
        for div in page.cssselect(".account-facts > div")
    }
    assert facts["Name"] == "Rita" and facts["Username"] == "rita" and facts["Role"] == "Reviewer"
    form = page.cssselect('form[action="/account/password"]')[0]
    assert label_for(form, "current_password") == "Current password"
    assert label_for(form, "new_password") == "New password"
    assert label_for(form, "confirm_password") == "New password again"
    assert form.cssselect('input[name="csrf_token"]')


def test_changing_your_password_keeps_you_signed_in_and_ends_other_sessions(client_as, app_db):
    here = client_as("rita")
    elsewhere = client_as("rita")
    response = change_password(here, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    page = parse(here.get("/account"))
    assert "Password changed" in page.cssselect(".flash")[0].text_content()
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").headers["Location"].startswith("/sign-in")
    assert users.authenticate(app_db, "rita", PASSWORD) is None
    assert users.authenticate(app_db, "rita", NEW_PASSWORD) is not None
    assert change_password(here, NEW_PASSWORD, PASSWORD).status_code == 303, "still signed in"


@pytest.mark.parametrize(
    "current, new, confirm, field, words",
    [
        ("wrong current password", NEW_PASSWORD, NEW_PASSWORD, "current_password", "not right"),
        ("", NEW_PASSWORD, NEW_PASSWORD, "current_password", "Enter your current password"),
        (PASSWORD, NEW_PASSWORD, "a different passphrase", "confirm_password", "not the same"),
        (PASSWORD, "short", "short", "new_password", "at least 10 characters"),
        (PASSWORD, "", "", "new_password", "Enter a new password"),
    ],
)
def test_a_password_change_that_cannot_be_made_says_why_beside_the_field(
    client, app_db, current, new, confirm, field, words
):
    response = change_password(client, current, new, confirm)
    assert response.status_code == 422
    page = parse(response)
    error = page.cssselect(f"#{field}-error")[0]
    assert words in error.text_content()
    assert page.cssselect(f"#{field}")[0].get("aria-invalid") == "true"
    assert users.authenticate(app_db, "rita", PASSWORD) is not None
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "who, path, status",
    [
        (None, "/sign-in", 200),
        ("ada", "/account", 200),
        ("ada", "/admin/users", 200),
        ("rita", "/admin/users", 403),
    ],
)
def test_these_pages_carry_the_security_headers_and_are_not_cached(
    anonymous_client, client_as, who, path, status
):
    browser = client_as(who) if who else anonymous_client
    response = browser.get(path)
    assert response.status_code == status
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert " style=" not in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)
