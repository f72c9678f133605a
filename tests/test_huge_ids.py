"""Ids too big for SQLite (beyond 2**63 - 1) in a path, a query string or a form are a 404 or a
422 with a message, never a 500; on the command line they are one line and exit status 2."""

import re

import pytest
from click.testing import CliRunner
from helpers import HX, csrf_token_for

from factcheck.cli import main
from factcheck.ids import MAX_ID, parse_id

HUGE = [2**63, 2**64, 10**30]


def test_parse_id_takes_only_what_sqlite_can_store():
    assert parse_id("1") == 1 and parse_id(str(MAX_ID)) == MAX_ID and parse_id(" 42 ") == 42
    for value in [str(MAX_ID + 1), str(2**64), "1" * 5000, "0", "-1", "1.5", "²", "٣", "", None]:
        assert parse_id(value) is None, value
    assert parse_id("0", minimum=0) == 0 and parse_id(True) is None


def _with_huge_ids(rule: str, number: int) -> str:
    return re.sub(r"<id:\w+>", str(number), rule)


def test_no_route_takes_werkzeugs_unbounded_int(app):
    unbounded = [r.rule for r in app.url_map.iter_rules() if re.search(r"<(int|float):", r.rule)]
    assert unbounded == [], "use <id:...> for record ids (factcheck/views/ids.py)"


@pytest.mark.parametrize("number", HUGE)
def test_every_route_with_an_id_is_a_404_for_a_huge_one(app, client, number):
    token = csrf_token_for(client)
    rules = [rule for rule in app.url_map.iter_rules() if "<id:" in rule.rule]
    assert len(rules) >= 15
    for rule in rules:
        path = _with_huge_ids(rule.rule, number)
        if "GET" in rule.methods:
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": token}, headers=HX)
        assert response.status_code == 404, (path, response.status_code)


@pytest.mark.parametrize("number", HUGE)
def test_huge_ids_in_query_strings_are_a_422(client, make_article, number):
    article = make_article()
    for path in [
        f"/articles/{article}?claim={number}",
        f"/snapshots/1?claim={number}",
        f"/queue?article={number}",
        f"/queue.json?article={number}",
        f"/queue?after=0.5:{number}:1",
        f"/queue.json?after=0.5:1:{number}",
        f"/queue?q=budget&after=0.5:{number}:1",
    ]:
        response = client.get(path)
        assert response.status_code == 422, (path, response.status_code)
        assert "whole number" in response.get_data(as_text=True) or "first page" in (
            response.get_data(as_text=True)
        )


@pytest.mark.parametrize("number", HUGE)
def test_huge_ids_in_forms_are_refused_with_a_message(client, claim, number):
    token = csrf_token_for(client)
    posts = [
        ("/queue/bulk", {"claim": str(number), "action": "assign", "assign_to": "rita"}),
        ("/queue/undo", {"audit_id": str(number)}, 404),  # as any id naming no bulk action
        ("/exports", {"format": "csv", "article": str(number)}),
        (
            f"/claims/{claim['id']}/verdict",
            {"expected_version": str(number), "rating": "unverifiable", "rationale": "x"},
        ),
        (
            f"/claims/{claim['id']}/verdict",
            {
                "expected_version": str(claim["version"]),
                "evidence_listed": "1",
                "evidence": str(number),
            },
        ),
    ]
    for path, form, *status in posts:
        response = client.post(path, data={"csrf_token": token, **form}, headers=HX)
        assert response.status_code == (status or [422])[0], (path, form, response.status_code)
        assert response.get_data(as_text=True).strip(), (path, form)


def _cli(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


@pytest.mark.parametrize("number", [str(n) for n in HUGE])
def test_the_cli_refuses_huge_ids_in_one_line(db_path, people, number):
    rate = ["--rating", "false", "--rationale", "No.", "--as", "rita"]
    commands = [
        ["claims", number],
        ["history", number],
        ["evidence", "add", number, "https://example.org/", "--stance", "supports", "--as", "rita"],
        ["evidence", "remove", number, "--reason", "wrong page", "--as", "rita"],
        ["evidence", "archive", "1", number],
        ["verdict", "set", number, *rate],
        ["verdict", "set", "1", *rate, "--evidence", number],
        ["verdict", "set", "1", *rate, "--expect-version", number],
        ["verdict", "correct", number, *rate, "--reason", "typo"],
        ["review", "submit", number, "--as", "rita"],
        ["review", "approve", number, "--as", "ed"],
        ["review", "return", number, "--comment", "more", "--as", "ed"],
        ["claim", "classify", number, "claim", "--reason", "a figure", "--as", "rita"],
        ["claim", "assign", number, "rita", "--as", "ed"],
        ["claim", "comment", number, "hello", "--as", "rita"],
        ["export", "--format", "csv", "--article", number],
    ]
    for command in commands:
        result = _cli(db_path, *command)
        assert result.exit_code == 2, (command, result.output)
        assert isinstance(result.exception, SystemExit), (command, result.exception)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (command, result.output)
        assert str(MAX_ID) in lines[0], (command, lines[0])
