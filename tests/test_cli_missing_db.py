"""Commands pointed at a database that is not there (a mistyped --db), or at a file that is not a
factcheck database, say so in one line and create nothing. `init` creates a database (and sets up
an empty file as one); `demo`, `import` and `library import`, which bring a newsroom its first
articles or fact-checks, may create one too."""

import contextlib
import sqlite3

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
    ["links", "flagged"],
    ["evidence", "archive", "--pending"],
]

#: Commands that change a newsroom that must already be there.
CHANGING_COMMANDS = [
    ["user", "add", "rita", "--role", "reviewer", "--password-stdin"],
    ["claim", "assign", "1", "alice", "--as", "erin"],
    ["claim", "comment", "1", "A note", "--as", "ed"],
    ["verdict", "set", "1", "--rating", "False", "--rationale", "Because.", "--as", "ed"],
    ["evidence", "add", "1", "https://stats.example/", "--stance", "supports", "--as", "ed"],
    ["library", "rematch"],
    ["library", "remove", "1", "--as", "ed"],
]


@pytest.mark.parametrize("command", READING_COMMANDS + CHANGING_COMMANDS, ids=lambda c: " ".join(c))
def test_a_command_refuses_a_database_that_is_not_there(tmp_path, command):
    path = tmp_path / "mistyped" / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), *command], input="a long passphrase\n")
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


@pytest.mark.parametrize("command", [["serve", "--port", "0"], ["worker"]], ids=lambda c: c[0])
def test_serve_and_worker_refuse_a_database_that_is_not_there(tmp_path, command):
    # In processes of their own: one that wrongly started would run until the timeout.
    path = tmp_path / "mistyped.db"
    result = run_factcheck(tmp_path, "--db", str(path), *command)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: there is no database at {path}")
    assert sorted(tmp_path.iterdir()) == []


WRITING_COMMANDS = [
    ["init"],
    ["demo"],
    ["import", "-"],
    ["library", "import", "-", "--format", "csv"],
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


def _empty_file(path):
    path.write_bytes(b"")


def _empty_sqlite_database(path):
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE scratch (a)")
    connection.execute("DROP TABLE scratch")
    connection.close()


def _another_apps_database(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    connection.execute("INSERT INTO users (email) VALUES ('someone@example.com')")
    connection.commit()
    connection.close()


def _notes(path):
    path.write_text("Minutes of the Tuesday meeting\n")


EMPTY_FILES = {"empty file": _empty_file, "empty SQLite database": _empty_sqlite_database}
OTHER_FILES = {"another app's database": _another_apps_database, "text file": _notes}

#: Every kind of command: reading, changing, and those that may create a database.
COMMANDS_ON_A_FILE = [
    ["articles"],
    ["audit", "verify"],
    ["export", "--format", "csv"],
    ["library", "rematch"],
    ["claim", "assign", "1", "alice", "--as", "erin"],
    ["user", "add", "rita", "--role", "reviewer", "--password-stdin"],
    ["demo"],
    ["import", "-"],
    ["library", "import", "-", "--format", "csv"],
    ["export", "verify", "some.zip"],
]


def _run_on(tmp_path, make, command):
    """`command` with --db naming a file `make` wrote; the result, and whether the folder and the
    file are as they were."""
    path = tmp_path / "other.db"
    make(path)
    (tmp_path / "some.zip").write_bytes(b"PK")
    before = path.read_bytes()
    folder = sorted(tmp_path.iterdir())
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(
            main,
            ["--db", str(path), *command],
            input="Headline\n\nSome text here.\n",
            catch_exceptions=False,
        )
    untouched = path.read_bytes() == before and sorted(tmp_path.iterdir()) == folder
    return path, result, untouched


@pytest.mark.parametrize("make", EMPTY_FILES.values(), ids=EMPTY_FILES.keys())
@pytest.mark.parametrize("command", COMMANDS_ON_A_FILE, ids=lambda c: " ".join(c))
def test_an_empty_file_is_not_taken_for_a_database_but_named_for_init(tmp_path, make, command):
    path, result, untouched = _run_on(tmp_path, make, command)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {path} is an empty file, not a factcheck database; run `factcheck init` to set"
        " it up as a new one, or check --db (or FACTCHECK_DB)\n"
    )
    assert untouched


@pytest.mark.parametrize("make", OTHER_FILES.values(), ids=OTHER_FILES.keys())
@pytest.mark.parametrize("command", [["init"], *COMMANDS_ON_A_FILE], ids=lambda c: " ".join(c))
def test_a_file_that_is_not_a_factcheck_database_is_refused_and_left_alone(tmp_path, make, command):
    path, result, untouched = _run_on(tmp_path, make, command)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {path} is not a factcheck database (another program's database, or not a"
        " database at all); check --db (or FACTCHECK_DB), or run `factcheck init` with --db"
        " naming a new file to start one\n"
    )
    assert untouched


@pytest.mark.parametrize("make", EMPTY_FILES.values(), ids=EMPTY_FILES.keys())
def test_init_sets_up_an_empty_file_as_a_database(tmp_path, make):
    path = tmp_path / "new.db"
    make(path)
    result = CliRunner().invoke(main, ["--db", str(path), "init"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["--db", str(path), "articles"])
    assert listed.exit_code == 0 and "No articles yet" in listed.output


def test_a_damaged_database_says_to_restore_a_backup_and_fails_the_audit_check(tmp_path):
    path = tmp_path / "damaged.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(path), "init"]).exit_code == 0
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):  # every page but the first, which says it is SQLite
        data[page * 4096 : page * 4096 + 100] = b"\xff" * 100
    path.write_bytes(data)
    listed = runner.invoke(main, ["--db", str(path), "articles"])
    assert listed.exit_code == 2
    assert (
        "the database is damaged" in listed.output and "restore the newest backup" in listed.output
    )
    checked = runner.invoke(main, ["--db", str(path), "audit", "verify"])
    assert checked.exit_code == 1
    assert "Audit check failed, the database is damaged" in checked.output


@pytest.mark.parametrize("command", [["init"], *READING_COMMANDS[:4], CHANGING_COMMANDS[2]])
def test_a_database_a_newer_version_wrote_is_refused_and_left_as_it_is(tmp_path, command):
    """Rolled back after an upgrade, factcheck took such a database as up to date and wrote to
    it."""
    path = tmp_path / "newer.db"
    assert CliRunner().invoke(main, ["--db", str(path), "init"]).exit_code == 0
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('factcheck', '999_from_the_future', '2030-01-01')"
        )
    before = _content(path)
    result = CliRunner().invoke(main, ["--db", str(path), *command])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {path} was written by a newer version of factcheck")
    assert "999_from_the_future" in result.output and "upgrade factcheck" in result.output
    assert _content(path) == before


def _content(path) -> list[str]:
    """What the database holds, as SQL; its file's bytes change when a connection closing moves
    the write-ahead log into it, which changes nothing it holds."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())
