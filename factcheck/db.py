"""Database connections with our settings, the migrations runner and the write-transaction helper."""

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from factcheck import settings
from factcheck.private_files import create_private_file
from factcheck.resources import migrations_dir
from factcheck.text.plain_letters import unaccented
from factcheck.text.typed_phrases import contains_phrase

DEFAULT_DB = Path("instance") / "factcheck.db"
BUSY_TIMEOUT_MS = 10_000
# How many SQLite virtual machine steps pass between two looks at a time limit (about a
# millisecond of work): often enough to stop on time, rarely enough to cost nothing measurable.
PROGRESS_STEPS = 10_000


#: What every store function takes as `db`: a sqlite-utils Database over our Connection (see
#: `connect`).
Database = sqlite_utils.Database


def placeholders(values: Sized, mark: str = "?") -> str:
    """One parameter mark per value, comma-separated, for `IN (...)` or `VALUES ...`."""
    return ", ".join([mark] * len(values))


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just wrote. sqlite3 types `lastrowid` as optional; after an
    INSERT it is always set."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise RuntimeError("the statement inserted no row")
    return row_id


def default_path() -> Path:
    return Path(settings.value("DB"))


class Connection(sqlite3.Connection):
    """sqlite3's connection, counting the transactions we open ourselves (`transaction` for every
    write, `read_snapshot` for an export). sqlite-utils runs each query() inside a savepoint, so
    `in_transaction` alone cannot tell those from a plain read: the time limit needs to."""

    explicit_transactions = 0
    #: The newest audit row (id, hash) this connection wrote in the write transaction it has
    #: open: the rows after the trail's checked anchors are then its own (store/audit.record).
    audit_row_written: tuple[int, str] | None = None


# Paths this process has already made sure of (the file exists, owner-only when we made it).
_ensured_paths: set[Path] = set()


def connect(path: str | os.PathLike) -> sqlite_utils.Database:
    """Open the database with WAL, full sync, foreign keys and a busy timeout. A database made
    here (with its folder) is readable by its owner only."""
    path = Path(path)
    if path not in _ensured_paths:
        create_private_file(path)
        _ensured_paths.add(path)
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        factory=Connection,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Statement journals and sorts stay in memory: a multi-row INSERT would otherwise spill its
    # journal to a temporary file (store/articles.py).
    conn.execute("PRAGMA temp_store = MEMORY")
    # A search's figures and quoted words, which the full-text index cannot hold it to.
    conn.create_function("contains_phrase", 2, contains_phrase, deterministic=True)
    # Case and accents folded, for the few look-ups SQL's LIKE, which folds the case of ASCII
    # letters only, would miss ("café" for "CAFÉ").
    conn.create_function("unaccented", 1, unaccented, deterministic=True)
    return sqlite_utils.Database(conn)


# Per thread: the one connection kept_connection() holds open, and which file it opened.
_kept = threading.local()


def kept_connection(path: str | os.PathLike) -> sqlite_utils.Database:
    """A connection to `path` that this thread keeps open for its next call, for job workers that
    run job after job against one database: opening one (its settings, then parsing the schema
    on first use) costs more than a small job's writing. Only the latest database is kept per
    thread, and the connection is opened again when the file at `path` is no longer the one it
    opened (deleted, or replaced by another). Callers do not close it."""
    path = Path(path)
    kept = getattr(_kept, "connection", None)
    if kept is not None:
        identity, db = kept
        if identity == _identity(path):
            return db
        _kept.connection = None
        db.close()
    db = connect(path)
    _kept.connection = (_identity(path), db)
    return db


def _identity(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return str(path), info.st_dev, info.st_ino


def limit_time(db: sqlite_utils.Database, seconds: float | None) -> None:
    """Interrupt a statement still running `seconds` from now (None: no limit). SQLite stops it
    with `sqlite3.OperationalError: interrupted`, having undone anything the statement did.

    Every read is limited, sqlite-utils' query() included. Writes are never cut off: a statement
    inside one of our transactions (every write runs in one, see `transaction`; so does an
    export's `read_snapshot`) runs to its end, and once anything has been changed the limit is
    off, so the answer to a saved change is never an error inviting a second save."""
    connection = db.conn
    if seconds is None:
        connection.set_progress_handler(None, PROGRESS_STEPS)
        return
    deadline = time.monotonic() + seconds
    changes = connection.total_changes

    def over_time() -> int:
        if _holding(connection) or connection.total_changes != changes:
            return 0
        return int(time.monotonic() > deadline)

    connection.set_progress_handler(over_time, PROGRESS_STEPS)


def _holding(connection: sqlite3.Connection) -> bool:
    """Whether one of our own transactions is open (on a plain sqlite3 connection: any)."""
    if isinstance(connection, Connection):
        return connection.explicit_transactions > 0
    return connection.in_transaction


@contextmanager
def _ours(connection: sqlite3.Connection) -> Iterator[None]:
    if isinstance(connection, Connection):
        connection.explicit_transactions += 1
        try:
            yield
        finally:
            connection.explicit_transactions -= 1
    else:
        yield


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


@dataclass(frozen=True)
class Schema:
    """A database's tables, and its triggers by name with their table and SQL (spaces single)."""

    tables: frozenset[str]
    triggers: dict[str, tuple[str, str]]


def schema(db: sqlite_utils.Database) -> Schema:
    tables, triggers = set(), {}
    for kind, name, table, sql in db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')"
    ):
        if kind == "table":
            tables.add(name)
        else:
            triggers[name] = (table, " ".join((sql or "").split()))
    return Schema(frozenset(tables), triggers)


@cache
def migrated_schema() -> Schema:
    """The schema of a database brought up to date by the migrations (an empty one, migrated in
    memory once a process)."""
    empty = sqlite_utils.Database(memory=True)
    try:
        migrate(empty)
        return schema(empty)
    finally:
        empty.close()


class NewerDatabase(Exception):
    """The database records migrations this version of factcheck does not have: a newer version
    wrote it, and this one would read its records wrongly or undo what it relies on."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def unknown_migrations(db: sqlite_utils.Database) -> list[str]:
    """The migrations applied to the database that this version has no file for."""
    known = {path.stem for path in migrations_dir().glob("*.sql")}
    return [m.name for m in migration_set().applied(db) if m.name not in known]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in one write transaction; return the names applied. A database
    a newer version wrote (NewerDatabase) is left as it is."""
    migrations = migration_set()
    with transaction(db):
        newer = unknown_migrations(db)
        if newer:
            raise NewerDatabase(newer)
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
        if "015_article_signatures" in pending:
            _sign_stored_articles(db)
        if "016_library_postings" in pending:
            _write_library_postings(db)
        if "026_text_key" in pending:
            _drop_twins_of_another_figure(db)
        if "035_library_words_any_case" in pending:
            _write_claim_words(db)
    return pending


def _write_claim_words(db: sqlite_utils.Database) -> None:
    """The words of the claims of the library items stored before migration 035, as the store
    writes them (folding capitals in any alphabet is not plain SQL)."""
    from factcheck.store.library import claim_words

    rows = db.conn.execute("SELECT id, claim FROM library_items").fetchall()
    db.conn.executemany(
        "UPDATE library_items SET claim_words = ? WHERE id = ?",
        [(claim_words(claim), library_id) for library_id, claim in rows],
    )


def _drop_twins_of_another_figure(db: sqlite_utils.Database) -> None:
    """A desk's own verdict offered to a claim in another article as the same claim (score 1)
    only because the key before 026 took figures' marks out ("3.1 percent" and "31 percent",
    "1-2%" and "12%") is offered no more; matching the claim again weighs it as any other
    previous check. (One query comparing both keys nests too deep for SQLite's parser: each key
    is read as a column.)"""
    from factcheck.store.claim_groups import text_key_sql

    rows = db.execute(
        f"SELECT m.claim_id, m.library_id, {text_key_sql('c.text')}, {text_key_sql('o.text')}"
        " FROM claim_matches m JOIN library_items l ON l.id = m.library_id"
        " JOIN claims o ON o.id = l.claim_id JOIN claims c ON c.id = m.claim_id"
        " WHERE m.score = 1.0"
    ).fetchall()
    db.conn.executemany(
        "DELETE FROM claim_matches WHERE claim_id = ? AND library_id = ?",
        [(claim_id, library_id) for claim_id, library_id, key, own_key in rows if key != own_key],
    )


def _sign_stored_articles(db: sqlite_utils.Database) -> None:
    """Text signatures for the articles stored before migration 015 (derived data SQL cannot
    compute), so near-copies of them are found too."""
    from factcheck.text.resemblance import signature

    bodies = db.conn.execute("SELECT id, body FROM articles ORDER BY id")
    for article_id, body in bodies:
        db.conn.executemany(
            "INSERT OR IGNORE INTO article_signatures (hash, article_id) VALUES (?, ?)",
            [(value, article_id) for value in signature(body)],
        )


def _write_library_postings(db: sqlite_utils.Database) -> None:
    """The postings of the library items stored before migration 016, which lists them as
    pending (tokenizing needs the store's scratch full-text table, not plain SQL)."""
    from factcheck.store.library_postings import write_pending

    write_pending(db)


#: What a file at a database's path holds: one of ours, an empty one (no bytes, or SQLite without
#: a table yet) that `init` may set up, or anything else (another program's database, or no
#: database at all), which factcheck must not add its tables to.
OUR_DATABASE, EMPTY_DATABASE, OTHER_FILE = "factcheck", "empty", "other"


def file_kind(path: Path) -> str:
    """Whether the existing file at `path` is a factcheck database (its migrations are
    recorded), an empty one, or another file, read without writing it or creating anything
    beside it."""
    if path.stat().st_size == 0:
        return EMPTY_DATABASE
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists() and _in_wal_mode(path):
        # Even read-only, SQLite would create -wal and -shm files beside a WAL database. With no
        # -wal file nobody has it open, so the file alone is the whole database.
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db = sqlite_utils.Database(conn)
        if not db.table_names() and not db.view_names():
            return EMPTY_DATABASE
        return OUR_DATABASE if migration_set().applied(db) else OTHER_FILE
    except sqlite3.DatabaseError as error:
        # Not SQLite at all, or a _sqlite_migrations table of another shape.
        if getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_ERROR"):
            return OTHER_FILE
        raise
    finally:
        conn.close()


def _in_wal_mode(path: Path) -> bool:
    """Whether the database's header says WAL mode (bytes 18 and 19 are 2). Closing a file
    drops every lock this process holds on it, SQLite's included, so this is read only while no
    connection here has the database open (there is no -wal file)."""
    with open(path, "rb") as file:
        header = file.read(20)
    return header[18:20] == b"\x02\x02"


def is_current(db: sqlite_utils.Database) -> bool:
    return not migration_set().pending(db) and not unknown_migrations(db)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; an inner call joins the outer one."""
    if db.conn.in_transaction:
        yield db
        return
    with _ours(db.conn):
        db.conn.execute("BEGIN IMMEDIATE")
        if isinstance(db.conn, Connection):
            db.conn.audit_row_written = None
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")


@contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction (BEGIN ... COMMIT), so several queries see the same state of the
    database; inside an open transaction, that one. Not cut off by the time limit."""
    if db.conn.in_transaction:
        yield
        return
    with _ours(db.conn):
        db.conn.execute("BEGIN")
        try:
            yield
        finally:
            if db.conn.in_transaction:
                db.conn.execute("COMMIT")


def utc_now() -> str:
    """The current time in UTC as ISO 8601 with microseconds and a Z."""
    return _utc_text(datetime.now(UTC))


def _utc_text(moment: datetime) -> str:
    """moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ") for a time in UTC (in years 1000 to 9999), at
    about two thirds of the cost: isoformat() ends it with "+00:00", which becomes the Z."""
    return moment.isoformat(timespec="microseconds")[:-6] + "Z"
