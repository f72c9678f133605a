"""CSRF: a state-changing request without a valid token is answered 400 and changes nothing;
a token fetched hours ago still works, so a long review session never loses its work."""

import pytest
from helpers import PASSWORD, page_token, parse, words
from itsdangerous.timed import TimestampSigner

from factcheck.store import users

NEW_PASSWORD = "a brand new passphrase"
TWELVE_HOURS = 12 * 60 * 60


def is_signed_in(test_client) -> bool:
    return test_client.get("/").status_code == 200


def password_works(db, username: str) -> bool:
    return users.authenticate(db, username, PASSWORD) is not None


# Each action: who sends it, where, with what form; how to check nothing happened.
ACTIONS = {
    "sign in": (
        None,
        "/sign-in",
        {"username": "rita", "password": PASSWORD},
        lambda db, browser: not is_signed_in(browser),
    ),
    "sign out": ("rita", "/sign-out", {}, lambda db, browser: is_signed_in(browser)),
    "change own password": (
        "rita",
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
        lambda db, browser: password_works(db, "rita") and is_signed_in(browser),
    ),
    "add a user": (
        "ada",
        "/admin/users",
        {"username": "sneaky", "role": "admin", "password": NEW_PASSWORD},
        lambda db, browser: len(users.list_users(db)) == 4,
    ),
    "disable a user": (
        "ada",
        "/admin/users/eve/disable",
        {},
        lambda db, browser: users.get_user(db, "eve")["disabled"] is False,
    ),
    "enable a user": (
        "ada",
        "/admin/users/ed/enable",
        {},
        lambda db, browser: users.get_user(db, "ed")["disabled"] is True,
    ),
    "change a role": (
        "ada",
        "/admin/users/eve/role",
        {"role": "admin"},
        lambda db, browser: users.get_user(db, "eve")["role"] == "editor",
    ),
    "reset a password": (
        "ada",
        "/admin/users/eve/password",
        {"password": NEW_PASSWORD},
        lambda db, browser: password_works(db, "eve"),
    ),
}


@pytest.fixture
def arranged(app_db, people, client_as, anonymous_client):
    """arranged(action) -> (browser, path, form, nothing_changed) with the world set up."""
    users.set_disabled(app_db, "ed", True, actor=people["ada"])

    def arrange(action: str):
        who, path, form, nothing_changed = ACTIONS[action]
        browser = client_as(who) if who else anonymous_client
        return browser, path, form, lambda: nothing_changed(app_db, browser)

    return arrange


def someone_elses_token(app) -> str:
    """A real token, signed with the app's key, but belonging to another browser's session."""
    return page_token(app.test_client(), "/sign-in")


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("token", ["missing", "garbage", "another session's", "empty"])
def test_a_form_without_its_token_is_refused_and_changes_nothing(app, arranged, action, token):
    browser, path, form, nothing_changed = arranged(action)
    sent = {
        "missing": {},
        "garbage": {"csrf_token": "not-a-token"},
        "another session's": {"csrf_token": someone_elses_token(app)},
        "empty": {"csrf_token": ""},
    }[token]
    response = browser.post(path, data=form | sent)
    assert response.status_code == 400
    said = {
        "/sign-in": "sign-in page had expired",
        "/sign-out": "You are still signed in as rita",
    }.get(path, "security token is missing")
    assert said in response.get_data(as_text=True)
    assert nothing_changed()


@pytest.mark.parametrize("action", ACTIONS)
def test_an_htmx_request_with_a_wrong_header_token_is_refused(app, arranged, action):
    browser, path, form, nothing_changed = arranged(action)
    response = browser.post(
        path,
        data=form,
        headers={"HX-Request": "true", "X-CSRFToken": someone_elses_token(app)},
    )
    assert response.status_code == 400
    assert response.headers.get("HX-Redirect") is None
    assert nothing_changed()


@pytest.mark.parametrize("action", ACTIONS)
def test_the_same_forms_with_their_token_do_change_things(arranged, action):
    """The control for the refusals above: with the page's own token, each action works."""
    browser, path, form, nothing_changed = arranged(action)
    token = page_token(browser, "/sign-in") if path == "/sign-in" else page_token(browser)
    response = browser.post(path, data=form | {"csrf_token": token})
    assert response.status_code == 303
    assert not nothing_changed()


# A sign-in page left open in a second tab


def sign_in_form(browser) -> dict:
    page = parse(browser.get("/sign-in?next=/articles"))
    return {field.get("name"): field.get("value") or "" for field in page.cssselect("form input")}


def test_a_stale_sign_in_page_is_drawn_again_with_a_fresh_token(people, anonymous_client):
    stale = sign_in_form(anonymous_client)  # the second tab
    assert (
        anonymous_client.post(
            "/sign-in",
            data=sign_in_form(anonymous_client) | {"username": "rita", "password": PASSWORD},
        ).headers["Location"]
        == "/articles"
    )
    assert anonymous_client.post("/sign-out", data={"csrf_token": page_token(anonymous_client)})
    response = anonymous_client.post(
        "/sign-in", data=stale | {"username": "rita", "password": PASSWORD}
    )
    assert response.status_code == 400
    page = parse(response)
    assert "This sign-in page had expired" in words(page.cssselect("#sign-in-error")[0])
    assert page.cssselect("#username")[0].get("value") == "rita"
    assert page.cssselect("input[name=next]")[0].get("value") == "/articles"
    assert not is_signed_in(anonymous_client)
    fresh = page.cssselect("input[name=csrf_token]")[0].get("value")
    assert fresh != stale["csrf_token"]
    again = anonymous_client.post(
        "/sign-in",
        data={"csrf_token": fresh, "next": "/articles", "username": "rita", "password": PASSWORD},
    )
    assert again.headers["Location"] == "/articles" and is_signed_in(anonymous_client)


def test_a_stale_sign_in_page_goes_on_when_signed_in_in_another_tab(people, anonymous_client):
    stale = sign_in_form(anonymous_client)
    anonymous_client.post(
        "/sign-in", data=sign_in_form(anonymous_client) | {"username": "rita", "password": PASSWORD}
    )
    response = anonymous_client.post(
        "/sign-in", data=stale | {"username": "rita", "password": PASSWORD}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/articles"
    assert is_signed_in(anonymous_client)


# Long review sessions


@pytest.fixture
def hours_later(monkeypatch):
    """later(seconds): every signature check from now on believes that much time has passed."""

    def later(seconds: int):
        now = TimestampSigner.get_timestamp
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: now(self) + seconds)

    return later


def test_tokens_do_not_expire(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_a_token_from_a_page_opened_twelve_hours_ago_still_saves(client, app_db, hours_later):
    token = page_token(client)
    hours_later(TWELVE_HOURS)
    response = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 303
    assert users.authenticate(app_db, "rita", NEW_PASSWORD) is not None


def test_with_flask_wtfs_default_limit_that_token_would_have_failed(app, client, hours_later):
    """The control for the test above: the clock shift really does age the token."""
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    token = page_token(client)
    hours_later(TWELVE_HOURS)
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 400
    assert is_signed_in(client)


def test_one_token_serves_a_whole_session_of_requests(client_as, app_db):
    admin = client_as("ada")
    token = page_token(admin, "/")
    for username in ("eve", "ed"):
        admin.get("/admin/users")
        response = admin.post(f"/admin/users/{username}/disable", data={"csrf_token": token})
        assert response.status_code == 303
        admin.get("/account")
    enabled = admin.post(
        "/admin/users/eve/enable", headers={"X-CSRFToken": token, "HX-Request": "true"}
    )
    assert enabled.status_code == 303
    assert [users.get_user(app_db, name)["disabled"] for name in ("eve", "ed")] == [False, True]
