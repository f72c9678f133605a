"""The database: connection settings, migrations that record themselves and upgrade in place."""

import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import db as database
from factcheck.resources import migrations_dir


def test_connection_settings(tmp_path):
    db = database.connect(tmp_path / "f.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS


def test_migrate_is_idempotent_and_recorded(tmp_path):
    db = database.connect(tmp_path / "f.db")
    applied = database.migrate(db)
    names = sorted(path.stem for path in migrations_dir().glob("*.sql"))
    assert applied == names
    assert database.migrate(db) == []
    recorded = [row["name"] for row in db.query("SELECT name FROM _sqlite_migrations")]
    assert recorded == names
    assert database.is_current(db)


def test_older_database_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    first = sorted(migrations_dir().glob("*.sql"))[0]
    db = database.connect(path)
    migrations = database.migration_set()
    migrations.apply(db, stop_before=sorted(p.stem for p in migrations_dir().glob("*.sql"))[1])
    db.execute(
        "INSERT INTO articles (title, body, body_hash, import_format, imported_at, imported_by)"
        " VALUES ('Kept', 'Kept body.', 'h', 'text', '2026-01-01T00:00:00Z', 'system')"
    )
    assert [row["name"] for row in db.query("SELECT name FROM _sqlite_migrations")] == [first.stem]
    applied = database.migrate(db)
    assert first.stem not in applied and applied
    assert db.execute("SELECT title FROM articles").fetchone()[0] == "Kept"
    assert "users" in db.table_names()


def test_the_library_stored_before_its_words_were_kept_has_them_written(tmp_path):
    db = database.connect(tmp_path / "old.db")
    database.migration_set().apply(db, stop_before="035_library_words_any_case")
    db.execute(
        "INSERT INTO library_items (origin, claim, created_at, updated_at)"
        " VALUES ('imported', '«LE CHÔMAGE A BAISSÉ.»', '2026-01-01', '2026-01-01')"
    )
    database.migrate(db)
    assert db.execute("SELECT claim_words FROM library_items").fetchone()[0] == (
        "le chômage a baissé"
    )


def test_transaction_rolls_back_on_error(tmp_path):
    db = database.connect(tmp_path / "f.db")
    database.migrate(db)
    try:
        with database.transaction(db):
            db.execute(
                "INSERT INTO articles (title, body, body_hash, import_format, imported_at,"
                " imported_by) VALUES ('x', 'y', 'z', 'text', 'now', 'system')"
            )
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_transaction_takes_the_write_lock_at_once(tmp_path):
    path = tmp_path / "f.db"
    first = database.connect(path)
    database.migrate(first)
    second = sqlite3.connect(path, timeout=0.05)
    with database.transaction(first):
        try:
            second.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            assert "locked" in str(error)
        else:
            raise AssertionError("a second writer got the lock during BEGIN IMMEDIATE")


def test_a_thread_keeps_one_connection_and_opens_another_when_the_file_changes(tmp_path):
    import threading

    first_path, second_path = tmp_path / "one.db", tmp_path / "two.db"
    kept = database.kept_connection(first_path)
    assert database.kept_connection(first_path) is kept
    elsewhere = []
    worker = threading.Thread(target=lambda: elsewhere.append(database.kept_connection(first_path)))
    worker.start()
    worker.join()
    assert elsewhere[0] is not kept, "each thread has its own"

    other = database.kept_connection(second_path)
    assert other is not kept
    with pytest.raises(sqlite3.ProgrammingError):
        kept.execute("SELECT 1")  # only the latest database is kept open

    other.execute("CREATE TABLE marks (n INTEGER)")
    second_path.unlink()  # the file is deleted and made again: write to the new one
    database.connect(second_path).close()
    again = database.kept_connection(second_path)
    assert again is not other
    assert [row[0] for row in again.execute("SELECT name FROM sqlite_master")] == []


@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))
def test_times_are_written_as_iso_8601_in_utc_with_microseconds(moment):
    moment = moment.replace(tzinfo=UTC)
    assert database._utc_text(moment) == moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_now_is_written_in_that_form():
    text = database.utc_now()
    assert (
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").strftime("%Y-%m-%dT%H:%M:%S.%fZ") == text
    )
