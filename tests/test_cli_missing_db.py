"""Commands that only read, pointed at a database that is not there (a mistyped --db), say so in
one line and create nothing; `init` is the one that creates a database."""

import pytest
from click.testing import CliRunner

from factcheck.cli import main

READING_COMMANDS = [
    ["articles"],
    ["claims", "1"],
    ["history", "1"],
    ["reasons"],
    ["audit", "verify"],
    ["export", "--format", "csv"],
    ["user", "list"],
    ["library", "list"],
    ["library", "show", "1"],
    ["match", "the budget rose"],
    # These fetch again only what a database already holds: with none there, "nothing to check"
    # would hide the mistyped path.
    ["links", "check"],
    ["links", "check", "--queue"],
    ["evidence", "archive", "--pending"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: " ".join(c))
def test_a_reading_command_refuses_a_database_that_is_not_there(tmp_path, command):
    path = tmp_path / "mistyped" / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), *command])
    assert result.exit_code == 2, result.output
    assert f"there is no database at {path}" in result.output
    assert "factcheck init" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "mistyped").exists()


def test_a_backup_of_a_database_that_is_not_there_is_refused(tmp_path):
    path = tmp_path / "mistyped" / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), "backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 2 and f"there is no database at {path}" in result.output
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "mistyped").exists()


def test_init_still_creates_the_database_and_its_folder(tmp_path):
    path = tmp_path / "new" / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), "init"])
    assert result.exit_code == 0, result.output
    assert path.is_file()
    listed = CliRunner().invoke(main, ["--db", str(path), "articles"])
    assert listed.exit_code == 0 and "No articles yet" in listed.output
