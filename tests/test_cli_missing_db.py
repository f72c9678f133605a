"""Commands that only read, pointed at a database that is not there (a mistyped --db), say so in
one line and create nothing; `init` is the one that creates a database."""

import pytest
from click.testing import CliRunner
from processes import run_factcheck

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


WRITING_COMMANDS = [
    ["init"],
    ["demo"],
    ["import", "-"],
    ["claim", "comment", "1", "A note", "--as", "ed"],
]


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: " ".join(c))
def test_a_database_that_cannot_be_created_is_refused_in_one_line(tmp_path, command):
    in_the_way = tmp_path / "notes.txt"
    in_the_way.write_text("a file where --db wants a folder")
    path = in_the_way / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), *command], input="Some text.\n")
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.strip() == (
        f"Error: cannot create the database {path}: {in_the_way} is a file, not a folder;"
        " check --db"
    )
    assert in_the_way.read_text() == "a file where --db wants a folder"


def test_a_folder_nobody_may_write_in_is_refused_in_one_line(tmp_path, monkeypatch):
    # Tests may run as root, who can write anywhere: the refusal is made here instead.
    from factcheck import private_files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(private_files.os, "open", refuse)
    path = tmp_path / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), "init"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: cannot create the database {path}: Permission denied; check --db, or choose a"
        " folder you can write in"
    )


def test_a_database_that_cannot_be_written_beside_says_what_to_check(tmp_path):
    path = tmp_path / "factcheck.db"
    # In processes of their own: a connection this process still held would share its -shm.
    assert run_factcheck(tmp_path, "--db", str(path), "init").returncode == 0
    # Root can write anywhere, so the -shm file SQLite keeps beside a database is blocked by a
    # folder of that name instead of a read-only folder.
    (tmp_path / "factcheck.db-shm").unlink(missing_ok=True)
    (tmp_path / "factcheck.db-shm").mkdir()
    result = run_factcheck(tmp_path, "--db", str(path), "articles")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: the database {path} cannot be written (")
    assert result.stderr.endswith(
        "); factcheck writes the file and its -wal and -shm files beside it: check that the"
        f" file and {tmp_path} are writable, or copy the database to a folder that is\n"
    )
