"""Someone must always be able to manage people: the last enabled admin cannot be disabled or
demoted, from the command line or the users page."""

import json

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, csrf_token_for

from factcheck.cli import main
from factcheck.store import users
from factcheck.store.actors import SYSTEM
from factcheck.views.error_words import store_error_words


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "people.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database), *args], input=input)

    assert invoke("init").exit_code == 0
    for username, role in (("boss", "admin"), ("rita", "reviewer")):
        added = invoke("user", "add", username, "--role", role, "--password-stdin", input=PASSWORD)
        assert added.exit_code == 0, added.output
    return invoke


def _states(run) -> dict:
    listed = run("user", "list", "--json")
    return {u["username"]: (u["role"], u["disabled"]) for u in json.loads(listed.output)}


@pytest.mark.parametrize(
    "args", [("user", "disable", "boss"), ("user", "role", "boss", "editor")], ids=str
)
def test_the_command_line_keeps_the_only_admin(run, args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "boss is the only enabled admin" in result.output
    assert "factcheck user role USERNAME admin" in result.output
    assert "Traceback" not in result.output
    assert _states(run)["boss"] == ("admin", False)


def test_with_a_second_admin_either_may_go(run):
    assert run("user", "role", "rita", "admin").exit_code == 0
    assert run("user", "disable", "boss").exit_code == 0
    refused = run("user", "role", "rita", "editor")
    assert refused.exit_code == 2 and "rita is the only enabled admin" in refused.output
    assert run("user", "enable", "boss").exit_code == 0
    assert run("user", "role", "rita", "editor").exit_code == 0
    assert _states(run) == {"boss": ("admin", False), "rita": ("editor", False)}


def test_a_disabled_admin_does_not_count(run):
    assert run("user", "role", "rita", "admin").exit_code == 0
    assert run("user", "disable", "rita").exit_code == 0
    assert run("user", "disable", "boss").exit_code == 2
    # Demoting the disabled admin takes no one's ability away.
    assert run("user", "role", "rita", "reviewer").exit_code == 0


def _post(test_client, path: str, **data):
    return test_client.post(path, data=data, headers={"X-CSRFToken": csrf_token_for(test_client)})


def test_the_users_page_still_lets_an_admin_retire_another(client_as, app_db, people):
    """On the web the acting admin is always an enabled admin who cannot disable or demote
    themselves, so the guard must not get in the way of retiring a second admin."""
    users.set_role(app_db, "eve", "admin", actor=people["ada"])
    browser = client_as("ada")
    assert _post(browser, "/admin/users/eve/role", role="editor").status_code == 303
    users.set_role(app_db, "eve", "admin", actor=people["ada"])
    assert _post(browser, "/admin/users/eve/disable").status_code == 303
    assert users.get_user(app_db, "eve")["disabled"] is True


def test_the_store_refuses_the_last_admin_to_any_caller(app_db, people):
    with pytest.raises(users.Invalid) as refused:
        users.set_role(app_db, "ada", "editor", actor=SYSTEM)
    assert refused.value.code == "user.last_admin"
    assert "only administrator left" in store_error_words(refused.value)
    assert users.get_user(app_db, "ada")["role"] == "admin"


def test_someone_who_is_not_an_admin_is_named_with_the_right_article(run):
    added = run("user", "add", "erin", "--role", "editor", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0, added.output
    result = run("user", "disable", "rita", "--as", "erin")
    assert result.exit_code == 2
    assert "only an admin can manage users; erin is an editor" in result.output
