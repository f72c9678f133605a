"""Database connections with our settings, the migrations runner and the write-transaction helper."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from factcheck.private_files import create_private_file
from factcheck.resources import migrations_dir

DEFAULT_DB = Path("instance") / "factcheck.db"
BUSY_TIMEOUT_MS = 10_000


def default_path() -> Path:
    return Path(os.environ.get("FACTCHECK_DB") or DEFAULT_DB)


def connect(path: str | os.PathLike) -> sqlite_utils.Database:
    """Open the database with WAL, full sync, foreign keys and a busy timeout. A database made
    here (with its folder) is readable by its owner only."""
    path = Path(path)
    create_private_file(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


@cache
def migration_set() -> Migrations:
    """Every numbered SQL file in db/migrations, in order, as one migration set (read once per
    process: the health check asks on every request)."""
    migrations = Migrations("factcheck")
    for sql_file in sorted(migrations_dir().glob("*.sql")):
        sql = sql_file.read_text(encoding="utf-8")

        def apply(db: sqlite_utils.Database, sql: str = sql) -> None:
            db.executescript(sql)

        migrations(name=sql_file.stem)(apply)
    return migrations


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in one write transaction; return the names applied."""
    migrations = migration_set()
    with transaction(db):
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
    return pending


def is_current(db: sqlite_utils.Database) -> bool:
    return not migration_set().pending(db)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; an inner call joins the outer one."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def utc_now() -> str:
    """The current time in UTC as ISO 8601 with microseconds and a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
