"""Weak passwords are refused with words that say what to choose instead: the username with a
little added, one character over and over, runs like 1234567890, and the most common passwords."""

import string
import unicodedata

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, csrf_token_for, parse
from hypothesis import given
from hypothesis import strategies as st

from factcheck import passwords
from factcheck.cli import main
from factcheck.cli.demo import DEMO_PASSWORD, DEMO_PEOPLE
from factcheck.passwords import MIN_LENGTH, PROBLEMS, common_passwords, password_problem
from factcheck.store import users
from factcheck.store.actors import RESERVED_USERNAMES, SYSTEM


@pytest.mark.parametrize(
    ("password", "username", "problem"),
    [
        ("rita", "rita", "password.too_short"),
        ("rita123456", "rita", "password.username"),
        ("RitaRitaRita", "rita", "password.username"),
        ("aaaaaaaaaaaa", "", "password.pattern"),
        ("abcabcabca", "", "password.pattern"),
        ("1234567890", "", "password.pattern"),
        ("9876543210", "", "password.pattern"),
        ("qwertyuiop", "", "password.pattern"),
        ("Password123", "", "password.common"),
        ("P@ssw0rd2026!", "", "password.common"),
        ("Summer2026!!", "", "password.common"),
        ("newsroom-2026", "", "password.common"),
        ("correct horse battery staple", "", "password.common"),
        ("Omar-password-1", "omar", "password.guessable"),
        ("Passw0rd-omar!", "omar", "password.guessable"),
        ("admin-admin", "omar", "password.guessable"),
        ("abcd1234abcd", "", "password.guessable"),
        ("dragon monkey shadow", "", "password.guessable"),
    ],
)
def test_weak_passwords_are_refused_for_what_makes_them_weak(password, username, problem):
    assert password_problem(password, username) == problem


def test_a_password_of_the_persons_own_names_is_refused():
    assert password_problem("haddad12345", "omar", "Omar Haddad") == "password.guessable"
    # A year and signs between the names add little: counted are the digits.
    for guessable in ("Haddad-Omar-2026", "omar_haddad_1234", "Haddad1990!!"):
        assert password_problem(guessable, "omar", "Omar Haddad") == "password.guessable"
    assert password_problem("Álvarez-José-9", "jose", "José Álvarez") == "password.guessable"
    # Long digits of their own beside a name, or a word of their own, make a secret.
    assert password_problem("haddad-83029475", "omar", "Omar Haddad") is None
    assert password_problem("haddad-likes-figs", "omar", "Omar Haddad") is None


@pytest.mark.parametrize(
    ("password", "username"),
    [
        (PASSWORD, "rita"),
        ("alice-takes-the-night-desk", "alice"),
        ("river 2.4 metres by six", ""),
        ("Tr0ub4dor&3x", ""),
        ("letmein-please", ""),
        ("password-for-the-desk", "omar"),
    ],
)
def test_ordinary_passphrases_pass(password, username):
    assert password_problem(password, username) is None


def test_the_demo_password_works_for_every_demo_account():
    for username, _role, _name in DEMO_PEOPLE:
        assert password_problem(DEMO_PASSWORD, username) is None


def test_the_shipped_list_is_loaded_lower_case_without_comments():
    listed = common_passwords()
    assert "password" in listed and "qwerty" in listed
    assert all(entry == entry.casefold() and not entry.startswith("#") for entry in listed)


@given(st.text(max_size=40), st.text(max_size=12))
def test_the_answer_is_always_none_or_a_known_refusal(password, username):
    assert password_problem(password, username) in (None, *PROBLEMS)


_DECORATION = st.text("0123456789!?#*.", max_size=4)
_WORDS = sorted(entry for entry in common_passwords() if any(c.isalpha() for c in entry))


@given(st.sampled_from(_WORDS), _DECORATION, st.text("0123456789!?#*.", min_size=MIN_LENGTH))
def test_a_common_password_decorated_with_digits_and_symbols_is_still_refused(word, before, after):
    assert password_problem(before + word + after) is not None


# Digits that stand for no letter: "HELL0" + "0000" cannot be told from "HELL" + "00000".
_PLAIN_DECORATION = st.text("2689?#*.", max_size=4)


@given(
    st.sampled_from([word for word in _WORDS if word.isalpha()]),
    _PLAIN_DECORATION,
    _PLAIN_DECORATION,
)
def test_a_common_password_in_capitals_with_look_alike_digits_is_still_refused(word, before, after):
    disguised = word.upper().replace("O", "0").replace("A", "@").replace("S", "$")
    password = before + disguised + after
    assert password_problem(password) is not None or len(password) < MIN_LENGTH


_NAME_CHARS = string.ascii_letters + string.digits + "!?#*.-"


@given(
    st.from_regex(r"[a-z][a-z0-9._-]{9,31}", fullmatch=True),
    st.text(_NAME_CHARS, max_size=4),
    st.text(_NAME_CHARS, max_size=MIN_LENGTH - 5),
)
def test_the_username_with_less_than_a_password_added_is_refused(username, before, after):
    assert password_problem(before + username + after, username) == "password.username"


def test_the_store_refuses_a_weak_new_password_and_keeps_the_old(app_db, people):
    with pytest.raises(users.Invalid) as refused:
        users.change_password(app_db, "rita", "rita-2026-!", actor=SYSTEM)
    assert (refused.value.code, refused.value.field) == ("password.username", "new_password")
    assert users.authenticate(app_db, "rita", PASSWORD) is not None


def _refused_user_add(tmp_path, username: str, role: str, password_line: str):
    """`user add` on a new desk, which must refuse in one line (exit 2, no traceback) and add no
    one; returns its result."""
    database = str(tmp_path / "people.db")
    assert CliRunner().invoke(main, ["--db", database, "init"]).exit_code == 0
    result = CliRunner().invoke(
        main,
        ["--db", database, "user", "add", username, "--role", role, "--password-stdin"],
        input=password_line,
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    listed = CliRunner().invoke(main, ["--db", database, "user", "list", "--json"])
    assert listed.output.strip() == "[]"
    return result


def test_the_command_line_refuses_in_one_line_that_says_what_to_do(tmp_path):
    result = _refused_user_add(tmp_path, "marta", "editor", "Password2026!\n")
    assert "passwords guessers try first" in result.output
    assert "choose a few unrelated words" in result.output


@pytest.mark.parametrize("username", ["system", "factcheck"])
def test_the_command_line_will_not_give_a_person_the_name_of_the_application_s_own_work(
    tmp_path, username
):
    result = _refused_user_add(tmp_path, username, "admin", PASSWORD + "\n")
    assert f"the username '{username}' is kept for factcheck's own work" in result.output


@pytest.mark.parametrize("username", ["kim.", "lee-", "ana.b-"])
def test_a_username_that_a_mention_would_cut_short_is_refused(tmp_path, username):
    """An @-mention reads a dot or dash at the end as the sentence's: "@kim." notified kim."""
    result = _refused_user_add(tmp_path, username, "reviewer", PASSWORD + "\n")
    assert "end the username with a letter or a digit" in result.output


@pytest.mark.parametrize("username", ["kim.o", "lee-2", "j.m.garcia", "kim_", "o_neil"])
def test_dots_and_dashes_inside_a_username_and_a_final_underscore_are_kept(app_db, username):
    assert users.username_problem(app_db, username) is None


def test_the_users_page_says_how_a_username_must_end(client_as, app_db):
    admin = client_as("ada")
    response = _post(
        admin, "/admin/users", username="Kim.", display_name="Kim Dot", role="reviewer",
        password=PASSWORD,
    )  # fmt: skip
    assert response.status_code == 422
    said = parse(response).cssselect("#new-username-error")[0].text_content()
    assert "end the username with a letter or a digit" in said
    assert "kim." not in {person["username"] for person in users.list_users(app_db)}


def test_every_name_the_application_acts_under_is_kept_from_people(app_db):
    assert SYSTEM.username in RESERVED_USERNAMES
    for name in RESERVED_USERNAMES:
        with pytest.raises(users.Invalid) as refused:
            users.add_user(
                app_db, name, role="admin", password=PASSWORD, display_name=None, actor=SYSTEM
            )
        assert (refused.value.code, refused.value.field) == ("username.reserved", "username")
        # Nor may a person be shown under one: the history names people by their names.
        with pytest.raises(users.Invalid) as refused:
            users.add_user(
                app_db, "bob", role="admin", password=PASSWORD, display_name=f" {name.title()} ",
                actor=SYSTEM,
            )  # fmt: skip
        assert (refused.value.code, refused.value.field) == ("name.reserved", "display_name")
    assert users.list_users(app_db) == []


def test_two_people_cannot_share_a_name_the_history_and_reports_show(app_db, tmp_path):
    users.add_user(
        app_db, "erin", role="editor", password=PASSWORD, display_name="Erin Walsh", actor=SYSTEM
    )
    cases = (("erin2", " erin  WALSH "), ("walsh", None), ("ew", "Erin Walsh"), ("mallory", "ERIN"))
    for username, name in cases:
        if name is None:  # named by the username: "erin" is no one's name yet but erin's own
            users.add_user(
                app_db, "marta", role="editor", password=PASSWORD, display_name="Walsh",
                actor=SYSTEM,
            )  # fmt: skip
        with pytest.raises(users.Invalid) as refused:
            users.add_user(
                app_db, username, role="editor", password=PASSWORD, display_name=name,
                actor=SYSTEM,
            )  # fmt: skip
        assert (refused.value.code, refused.value.field) == ("name.taken", "display_name")
        assert refused.value.facts["username"] in ("erin", "marta")
    assert [u["username"] for u in users.list_users(app_db)] == ["erin", "marta"]
    # The command line says who has the name and what to do.
    database = str(tmp_path / "names.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", database, "init"]).exit_code == 0
    for username in ("erin", "erin2"):
        added = runner.invoke(
            main,
            ["--db", database, "user", "add", username, "--name", "Erin Walsh", "--role",
             "editor", "--password-stdin"],
            input=f"{PASSWORD}\n",
        )  # fmt: skip
    assert added.exit_code == 2
    assert "'Erin Walsh' already names the account erin" in added.output
    assert "Traceback" not in added.output
    # Nor may a new account's username be what another person is called.
    kim = ["--db", database, "user", "add", "sam", "--name", "kim", "--role", "reviewer"]
    assert runner.invoke(main, [*kim, "--password-stdin"], input=f"{PASSWORD}\n").exit_code == 0
    taken = ["--db", database, "user", "add", "Kim", "--role", "editor", "--password-stdin"]
    refused = runner.invoke(main, taken, input=f"{PASSWORD}\n")
    assert refused.exit_code == 2 and "'kim' already names the account sam" in refused.output


def _post(test_client, path: str, **data):
    return test_client.post(path, data=data, headers={"X-CSRFToken": csrf_token_for(test_client)})


def test_the_users_page_explains_a_weak_password_beside_the_field(client_as, app_db):
    admin = client_as("ada")
    data = {"username": "marta", "display_name": "", "role": "editor", "password": "marta12345"}
    response = _post(admin, "/admin/users", **data)
    assert response.status_code == 422
    error = parse(response).cssselect("#new-password-error")[0].text_content()
    assert "cannot be the username with a little added" in error
    assert [u["username"] for u in users.list_users(app_db)] == ["ada", "ed", "eve", "rita"]


def test_the_account_page_refuses_all_one_character(client_as, app_db):
    rita = client_as("rita")
    new = "z" * 14
    response = _post(
        rita,
        "/account/password",
        current_password=PASSWORD,
        new_password=new,
        confirm_password=new,
    )
    assert response.status_code == 422
    error = parse(response).cssselect("#new_password-error")[0].text_content()
    assert "one character" in error and "choose a few unrelated words" in error
    assert users.authenticate(app_db, "rita", PASSWORD) is not None


def test_an_admin_resetting_their_own_password_at_the_command_line_is_told_how(tmp_path):
    database = str(tmp_path / "people.db")
    cli = CliRunner()
    assert cli.invoke(main, ["--db", database, "init"]).exit_code == 0
    added = cli.invoke(
        main,
        ["--db", database, "user", "add", "boss", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    own = ["--db", database, "user", "password", "boss", "--password-stdin"]
    refused = cli.invoke(main, [*own, "--as", "boss"], input="another long passphrase\n")
    assert refused.exit_code == 2
    assert "leave out --as" in refused.output and "current password is not right" not in (
        refused.output
    )
    assert cli.invoke(main, own, input="another long passphrase\n").exit_code == 0


def test_a_password_changed_to_itself_is_refused_and_sessions_stay(client_as, app_db):
    rita = client_as("rita")
    response = _post(
        rita,
        "/account/password",
        current_password=PASSWORD,
        new_password=PASSWORD,
        confirm_password=PASSWORD,
    )
    assert response.status_code == 422
    error = parse(response).cssselect("#new_password-error")[0].text_content()
    assert "the one you have now" in error
    assert rita.get("/account").status_code == 200  # still signed in
    changes = app_db.execute("SELECT count(*) FROM audit WHERE action = 'user.password'")
    assert changes.fetchone()[0] == 0


@pytest.mark.parametrize("username", ["me", "none", " NONE "])
def test_the_assignee_filters_words_are_no_ones_username(tmp_path, username):
    # "--assignee none" is the unassigned claims and "me" whoever asks: a person so named could
    # never be picked there.
    result = _refused_user_add(tmp_path, username, "reviewer", PASSWORD + "\n")
    assert "is a word the assignee filters keep" in result.output


def test_every_problem_of_the_password_form_is_said_at_once(client_as):
    """No current password, a new one too short and a confirmation that differs: three
    messages from one submit, not one a submit."""
    rita = client_as("rita")
    response = _post(
        rita, "/account/password", current_password="", new_password="short", confirm_password="x"
    )
    assert response.status_code == 422
    page = parse(response)
    said = {
        field: page.cssselect(f"#{field}-error")[0].text_content()
        for field in ("current_password", "new_password", "confirm_password")
    }
    assert "current password" in said["current_password"]
    assert "at least" in said["new_password"]
    assert "not the same" in said["confirm_password"]
    assert len(page.cssselect('[aria-invalid="true"]')) == 3


def test_an_admin_resetting_a_password_to_the_one_it_is_learns_nothing_of_it(client_as, app_db):
    """A reset refused as "unchanged" would tell the admin their guess at a colleague's password
    was right: it is made like any other, and signs them out."""
    rita = client_as("rita")
    response = _post(client_as("ada"), "/admin/users/rita/password", password=PASSWORD)
    assert response.status_code == 303
    assert rita.get("/").headers["Location"].startswith("/sign-in")
    assert users.authenticate(app_db, "rita", PASSWORD) is not None
    reset = app_db.execute("SELECT actor FROM audit WHERE action = 'user.password'").fetchall()
    assert reset == [("ada",)]


# One password, whichever Unicode form it comes in

COMPOSED = "Ma\u00efs r\u00e9colte sept\u00e9e"  # as most keyboards send it
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # as some input methods and pastes do


def _sign_in(app, username: str, password: str):
    browser = app.test_client()
    return _post(browser, "/sign-in", username=username, password=password).status_code


@pytest.mark.parametrize(("given", "typed"), [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)])
def test_a_password_set_at_the_command_line_signs_in_in_either_unicode_form(app, given, typed):
    assert given != typed
    database = app.config["DATABASE"]
    runner = CliRunner()
    for args in (
        ["user", "add", "nadia", "--role", "reviewer", "--password-stdin"],
        ["user", "password", "nadia", "--password-stdin"],
    ):
        result = runner.invoke(main, ["--db", database, *args], input=given + "\n")
        assert result.exit_code == 0, result.output
        assert _sign_in(app, "nadia", typed) == 303
        assert _sign_in(app, "nadia", given) == 303
    assert _sign_in(app, "nadia", COMPOSED.replace("Ma", "Mo")) == 401


def test_a_password_given_on_the_users_page_signs_in_in_either_unicode_form(client_as, app):
    admin = client_as("ada")
    form = {"username": "nadia", "display_name": "", "role": "reviewer", "password": DECOMPOSED}
    assert _post(admin, "/admin/users", **form).status_code == 303
    assert _sign_in(app, "nadia", COMPOSED) == 303


def test_a_password_changed_on_the_account_page_signs_in_in_either_unicode_form(
    client_as, app, app_db
):
    rita = client_as("rita")
    response = _post(
        rita, "/account/password", current_password=PASSWORD, new_password=DECOMPOSED,
        confirm_password=COMPOSED,
    )  # fmt: skip
    assert response.status_code == 303, response.get_data(as_text=True)
    assert _sign_in(app, "rita", COMPOSED) == 303
    # The current password, asked for on the page, is read either way too.
    response = _post(
        rita, "/account/password", current_password=COMPOSED, new_password="a fresh ferry timetable",
        confirm_password="a fresh ferry timetable",
    )  # fmt: skip
    assert response.status_code == 303, response.get_data(as_text=True)
    assert users.authenticate(app_db, "rita", "a fresh ferry timetable") is not None


def test_a_password_hashed_before_in_the_decomposed_form_still_signs_in(app_db, people):
    """Hashes made before passwords were composed keep working, typed as they were set."""
    legacy = passwords._hasher.hash(DECOMPOSED)
    app_db.execute("UPDATE users SET password_hash = ? WHERE username = 'rita'", [legacy])
    assert users.authenticate(app_db, "rita", DECOMPOSED) is not None
    assert users.authenticate(app_db, "rita", COMPOSED) is not None  # from another keyboard
    assert users.authenticate(app_db, "rita", PASSWORD) is None


def test_a_password_of_nothing_but_the_names_is_refused_whatever_form_the_name_came_in():
    name = "Zoë Brontë-Müller"  # pasted from a file name or an export in the decomposed form
    for stored, typed in ((name, "NFD"), (unicodedata.normalize("NFD", name), "NFC")):
        password = unicodedata.normalize(typed, "Zoë Brontë Müller")
        assert password_problem(password, "zb", stored) == "password.guessable", (typed, stored)


def test_a_password_is_judged_in_its_composed_form():
    short = "\u00e9t\u00e9 \u00e0 l\u00e0"  # 9 characters; 13 code points decomposed
    assert password_problem(unicodedata.normalize("NFD", short)) == "password.too_short"
