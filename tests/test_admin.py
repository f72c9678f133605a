"""The users page: admins add, disable, enable, re-role and reset people; nobody else may."""

import pytest
from helpers import HX, PASSWORD, page_token, parse, words

from factcheck.store import users

NEW_PASSWORD = "reset by the admin 42"


def post(test_client, path: str, **data):
    return test_client.post(path, data={"csrf_token": page_token(test_client), **data})


@pytest.fixture
def admin(client_as):
    return client_as("ada")


def row(page, username: str):
    return page.cssselect(f'tr[data-username="{username}"]')[0]


def test_the_page_lists_everyone_with_role_and_status(admin, app_db, people):
    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    page = parse(admin.get("/admin/users"))
    assert [tr.get("data-username") for tr in page.cssselect(".users-table tbody tr")] == [
        "ada",
        "ed",
        "eve",
        "rita",
    ]
    assert "Disabled" in words(row(page, "eve").cssselect(".col-status")[0])
    assert "Active" in words(row(page, "rita").cssselect(".col-status")[0])
    selected = row(page, "ed").cssselect("select[name=role] option[selected]")[0]
    assert selected.get("value") == "editor"
    assert words(page.cssselect(".page-summary")[0]) == "4 people · 1 disabled"
    assert [b.text_content() for b in row(page, "eve").cssselect(".col-status button")] == [
        "Enable eve"
    ]


def test_your_own_row_offers_nothing_that_would_lock_you_out(admin):
    mine = row(parse(admin.get("/admin/users")), "ada")
    assert not mine.cssselect("button, select, input")
    assert mine.cssselect('a[href="/account"]')


def test_every_control_has_a_label(admin):
    page = parse(admin.get("/admin/users"))
    for control in page.cssselect("main select, main input:not([type=hidden])"):
        labels = page.cssselect(f'label[for="{control.get("id")}"]')
        assert labels and labels[0].text_content().strip(), control.get("name")


def test_the_json_twin_lists_users_without_secrets(admin):
    listed = admin.get("/admin/users.json").get_json()["users"]
    assert [person["username"] for person in listed] == ["ada", "ed", "eve", "rita"]
    assert all("password_hash" not in person for person in listed)


# Adding


def test_adding_a_user_who_can_then_sign_in(admin, app_db, anonymous_client):
    response = post(
        admin,
        "/admin/users",
        username="marta.k",
        display_name="Marta Kowalski",
        role="editor",
        password=NEW_PASSWORD,
    )
    assert response.status_code == 303 and response.headers["Location"] == "/admin/users"
    page = parse(admin.get("/admin/users"))
    assert "Added marta.k as an editor" in words(page.cssselect(".flash")[0])
    assert words(row(page, "marta.k").cssselect(".person-name")[0]) == "Marta Kowalski"
    user = users.get_user(app_db, "marta.k")
    assert (user["role"], user["disabled"]) == ("editor", False)
    assert users.authenticate(app_db, "marta.k", NEW_PASSWORD) is not None


@pytest.mark.parametrize(
    "form, field, message",
    [
        ({"username": "Not Valid!"}, "username", "lower-case letters"),
        ({"username": "rita"}, "username", "is taken"),
        ({"username": "system"}, "username", "kept for the workbench's own work"),
        ({"username": " System "}, "username", "kept for the workbench's own work"),
        ({"username": "factcheck"}, "username", "kept for the workbench's own work"),
        ({"password": "short"}, "password", "at least 10 characters"),
        ({"role": "owner"}, "role", "Role must be one of"),
    ],
)
def test_a_user_that_cannot_be_added_is_explained_beside_the_field(
    admin, app_db, form, field, message
):
    data = {
        "username": "newcomer",
        "display_name": "New Comer",
        "role": "reviewer",
        "password": NEW_PASSWORD,
    } | form
    response = post(admin, "/admin/users", **data)
    assert response.status_code == 422
    page = parse(response)
    error = page.cssselect(f"#new-{field}-error")[0]
    assert message in error.text_content()
    assert page.cssselect(f"#new-{field}")[0].get("aria-invalid") == "true"
    assert page.cssselect("#new-display_name")[0].get("value") == "New Comer"
    assert NEW_PASSWORD not in response.get_data(as_text=True)
    assert len(users.list_users(app_db)) == 4


# Disabling and enabling


def test_disabling_someone_ends_their_session_at_once(admin, client_as, app_db):
    rita = client_as("rita")
    assert rita.get("/").status_code == 200
    response = post(admin, "/admin/users/rita/disable")
    assert response.status_code == 303
    assert "Disabled rita" in words(parse(admin.get("/admin/users")).cssselect(".flash")[0])
    assert users.get_user(app_db, "rita")["disabled"] is True
    bounced = rita.get("/")
    assert bounced.status_code == 303 and bounced.headers["Location"].startswith("/sign-in")
    htmx = rita.get("/account", headers=HX)
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/sign-in")
    assert users.authenticate(app_db, "rita", PASSWORD) is None


def test_enabling_lets_them_sign_in_again(admin, client_as, app_db, people):
    users.set_disabled(app_db, "rita", True, actor=people["ada"])
    assert post(admin, "/admin/users/rita/enable").status_code == 303
    assert users.get_user(app_db, "rita")["disabled"] is False
    assert client_as("rita").get("/").status_code == 200


def test_an_admin_cannot_disable_themselves(admin, app_db):
    response = post(admin, "/admin/users/ada/disable")
    assert response.status_code == 422
    assert "cannot disable your own account" in words(row(parse(response), "ada"))
    assert users.get_user(app_db, "ada")["disabled"] is False
    assert admin.get("/").status_code == 200


def test_each_change_keeps_the_reason_given_in_the_audit_trail(admin, app_db):
    changes = [
        ("/admin/users/rita/role", {"role": "editor"}, "user.role", "Covers the night desk now"),
        ("/admin/users/rita/disable", {}, "user.disable", "Left the newsroom on Friday"),
        ("/admin/users/rita/enable", {}, "user.enable", "Back for the election"),
        ("/admin/users/ed/password", {"password": NEW_PASSWORD}, "user.password", "Locked out"),
    ]
    for path, fields, action, why in changes:
        assert post(admin, path, why=f"  {why} ", **fields).status_code == 303
        reason = app_db.execute(
            "SELECT reason FROM audit WHERE action = ? ORDER BY id DESC LIMIT 1", [action]
        ).fetchone()[0]
        assert reason == why
    assert post(admin, "/admin/users/rita/disable").status_code == 303
    assert app_db.execute("SELECT reason FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0] is None


@pytest.mark.parametrize(
    ("path", "fields", "said"),
    [
        ("/admin/users/EVE/disable", {}, "Nothing changed: eve is already disabled"),
        ("/admin/users/Rita/enable", {}, "Nothing changed: rita is already enabled"),
        (
            "/admin/users/RITA/role",
            {"role": "reviewer"},
            "Nothing changed: rita is already a reviewer",
        ),
    ],
)
def test_a_change_that_changes_nothing_says_so(admin, app_db, people, path, fields, said):
    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    audit_rows = app_db.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert post(admin, path, why="Tidying up", **fields).status_code == 303
    flashed = words(parse(admin.get("/admin/users")).cssselect(".flash")[0])
    assert flashed.startswith(said) and "nothing was added to the audit trail" in flashed
    assert app_db.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows


def test_a_change_is_said_with_the_stored_username(admin):
    post(admin, "/admin/users/RITA/disable")
    assert "Disabled rita:" in words(parse(admin.get("/admin/users")).cssselect(".flash")[0])
    refused = post(admin, "/admin/users/RITA/role", role="owner", why="kept")
    assert (
        row(parse(refused), "rita").cssselect("details[open] input[name=why]")[0].get("value")
        == "kept"
    )
    own = post(admin, "/admin/users/ADA/password", password=NEW_PASSWORD)
    assert "Change your own password on your Account page" in words(row(parse(own), "ada"))


def test_a_refused_change_opens_its_form_with_the_reason_as_typed(admin, app_db):
    why = "Moving to the data team from Monday"
    response = post(admin, "/admin/users/rita/role", role="owner", why=why)
    assert response.status_code == 422
    rita = row(parse(response), "rita")
    assert "Role must be one of" in words(rita)
    [opened] = rita.cssselect("details[open]")
    assert opened.cssselect("input[name=why]")[0].get("value") == why
    assert opened.cssselect("select[name=role]")
    too_long = post(admin, "/admin/users/rita/disable", why="x" * 1001)
    assert too_long.status_code == 422
    assert "at most 1,000 characters" in words(row(parse(too_long), "rita"))
    assert users.get_user(app_db, "rita")["disabled"] is False


# Roles


def test_a_new_role_applies_to_the_next_request(admin, client_as, app_db):
    rita = client_as("rita")
    assert post(admin, "/admin/users/rita/role", role="editor").status_code == 303
    assert users.get_user(app_db, "rita")["role"] == "editor"
    assert words(parse(rita.get("/")).cssselect(".whoami")[0]) == "Rita (editor)"


def test_an_unknown_role_is_refused(admin, app_db):
    response = post(admin, "/admin/users/rita/role", role="owner")
    assert response.status_code == 422
    assert "Role must be one of" in words(row(parse(response), "rita"))
    assert users.get_user(app_db, "rita")["role"] == "reviewer"


# Resetting passwords


def test_resetting_a_password_ends_their_sessions(admin, client_as, app_db):
    rita = client_as("rita")
    response = post(admin, "/admin/users/rita/password", password=NEW_PASSWORD)
    assert response.status_code == 303
    assert rita.get("/").headers["Location"].startswith("/sign-in")
    assert users.authenticate(app_db, "rita", PASSWORD) is None
    assert users.authenticate(app_db, "rita", NEW_PASSWORD) is not None
    assert admin.get("/").status_code == 200, "the admin's own session carries on"


def test_a_reset_to_a_weak_password_is_refused_and_the_old_one_still_works(admin, app_db):
    response = post(admin, "/admin/users/rita/password", password="short")
    assert response.status_code == 422
    assert "at least 10 characters" in words(row(parse(response), "rita"))
    assert users.authenticate(app_db, "rita", PASSWORD) is not None


def test_admins_change_their_own_password_on_the_account_page(admin, app_db):
    response = post(admin, "/admin/users/ada/password", password=NEW_PASSWORD)
    assert response.status_code == 422
    assert "Account page" in words(row(parse(response), "ada"))
    assert users.authenticate(app_db, "ada", PASSWORD) is not None


def test_an_unknown_user_is_not_found(admin):
    assert post(admin, "/admin/users/nobody/disable").status_code == 404


# Everyone else


@pytest.mark.parametrize("username", ["rita", "ed"])
def test_reviewers_and_editors_are_refused_and_nothing_changes(client_as, app_db, username):
    browser = client_as(username)
    assert browser.get("/admin/users").status_code == 403
    assert browser.get("/admin/users.json").status_code == 403
    assert post(browser, "/admin/users/eve/disable").status_code == 403
    assert post(browser, "/admin/users/eve/role", role="admin").status_code == 403
    assert post(browser, "/admin/users/eve/password", password=NEW_PASSWORD).status_code == 403
    refused = post(browser, "/admin/users", username="sneaky", role="admin", password=NEW_PASSWORD)
    assert refused.status_code == 403
    assert "needs the admin role" in refused.get_data(as_text=True)
    eve = users.get_user(app_db, "eve")
    assert (eve["disabled"], eve["role"]) == (False, "editor")
    assert users.authenticate(app_db, "eve", PASSWORD) is not None
    assert len(users.list_users(app_db)) == 4


def test_a_taken_username_and_a_weak_password_are_said_at_once(admin):
    response = post(
        admin, "/admin/users", username="rita", display_name="R", role="reviewer", password="short"
    )
    assert response.status_code == 422
    page = parse(response)
    assert "is taken" in page.cssselect("#new-username-error")[0].text_content()
    assert "at least 10 characters" in page.cssselect("#new-password-error")[0].text_content()


@pytest.mark.parametrize(
    ("path", "fields", "first", "said"),
    [
        (
            "/admin/users/rita/role",
            {"role": "editor"},
            lambda db, ada: users.set_role(db, "rita", "editor", actor=ada, why="Night desk"),
            "Nothing changed: rita is already an editor",
        ),
        (
            "/admin/users/rita/disable",
            {},
            lambda db, ada: users.set_disabled(db, "rita", True, actor=ada, why="Left"),
            "Nothing changed: rita is already disabled",
        ),
    ],
)
def test_a_change_another_admin_made_a_moment_before_is_not_said_as_done(
    admin, app_db, people, monkeypatch, path, fields, first, said
):
    """Two admins make the same change at once: the page words what the store did, not what
    the person was when the request came in."""
    read = users.get_user

    def read_then_another_admin_changes(db, username):
        person = read(db, username)
        first(db, people["ada"])
        return person

    monkeypatch.setattr(users, "get_user", read_then_another_admin_changes)
    assert post(admin, path, why="My own reason", **fields).status_code == 303
    monkeypatch.setattr(users, "get_user", read)
    flashed = words(parse(admin.get("/admin/users")).cssselect(".flash")[0])
    assert flashed.startswith(said), flashed
    assert flashed.endswith("your reason was not kept.")
    reasons = [r[0] for r in app_db.execute("SELECT reason FROM audit WHERE record_type = 'user'")]
    assert "My own reason" not in reasons


def test_a_display_name_over_80_characters_is_refused_and_the_form_kept(admin, app_db):
    long_name = (
        "Maria Fernanda de los Angeles Gutierrez-Villanueva y Castellanos, Investigations Desk,"
        " Weekend"
    )
    # No maxlength on the field: a browser would cut a pasted name without a word.
    page = parse(admin.get("/admin/users"))
    assert page.cssselect("#new-display_name")[0].get("maxlength") is None
    response = post(
        admin,
        "/admin/users",
        username="maria",
        display_name=long_name,
        role="reviewer",
        password=NEW_PASSWORD,
    )
    assert response.status_code == 422
    page = parse(response)
    error = page.cssselect("#new-display_name-error")[0].text_content()
    assert "The display name can be at most 80 characters" in error
    assert page.cssselect("#new-display_name")[0].get("value") == long_name
    assert page.cssselect("#new-username")[0].get("value") == "maria"
    assert len(users.list_users(app_db)) == 4
    # Eighty, spaces made single, is taken as it is.
    assert (
        post(
            admin,
            "/admin/users",
            username="maria",
            display_name="  " + "M" * 40 + "   " + "G" * 39,
            role="reviewer",
            password=NEW_PASSWORD,
        ).status_code
        == 303
    )
    assert users.get_user(app_db, "maria")["display_name"] == "M" * 40 + " " + "G" * 39


def test_adding_a_user_keeps_the_reason_given_in_the_audit_trail(admin, app_db):
    form = {"role": "admin", "password": NEW_PASSWORD}
    page = parse(admin.get("/admin/users"))
    assert page.cssselect("#new-why")[0].get("name") == "why"
    refused = post(admin, "/admin/users", username="rita", why="Standing in for Ada", **form)
    assert refused.status_code == 422
    assert parse(refused).cssselect("#new-why")[0].get("value") == "Standing in for Ada"
    added = post(admin, "/admin/users", username="nadia", why=" Standing in  for Ada ", **form)
    assert added.status_code == 303
    added = app_db.execute(
        "SELECT reason FROM audit WHERE action = 'user.add' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert added[0] == "Standing in for Ada"
    too_long = post(admin, "/admin/users", username="omar", why="x" * 1001, **form)
    assert too_long.status_code == 422
    assert (
        "at most 1,000 characters" in parse(too_long).cssselect("#new-why-error")[0].text_content()
    )
