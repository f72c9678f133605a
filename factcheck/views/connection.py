"""The database connection a request uses: one per serving thread, opened on first use and reused
by every later request on that thread.

Opening a connection costs a file check and five statements (db.connect), more than a small page's
own SQL, so each thread keeps its connection. A reused connection must not carry anything from one
request to the next: when a request ends, a transaction it left open is rolled back (so no write
lock or read snapshot outlives it, and the next request on this thread sees every commit made
since), and its time limit is cleared. Reads outside a transaction take a fresh snapshot per
statement. Writes open their own BEGIN IMMEDIATE transaction (db.transaction), as before.

Every request's SQL shares one time limit, FACTCHECK_QUERY_TIME_LIMIT_MS (default 5000 ms; 0
turns it off), counted from the request's first use of the database. A statement still running
after that is interrupted and the request answers 503 (views/errors.py), so one slow query cannot
hold a worker. Statements inside a transaction (every write, an export's snapshot) are never
interrupted: see `db.limit_time`."""

import logging
import threading
from numbers import Real

from flask import Flask, current_app, g

from factcheck import db as database

DEFAULT_QUERY_TIME_LIMIT_MS = 5000
_CONNECTIONS = "factcheck.connections"

log = logging.getLogger(__name__)


def _thread_connection():
    """This thread's connection to the app's database, opened the first time it is needed."""
    connections = current_app.extensions[_CONNECTIONS]
    db = getattr(connections, "db", None)
    if db is None:
        db = database.connect(current_app.config["DATABASE"])
        connections.db = db
    return db


def get_db():
    """The request's connection to the configured database, with the request's time limit."""
    if "db" not in g:
        g.db = _thread_connection()
        limit_ms = current_app.config["QUERY_TIME_LIMIT_MS"]
        if limit_ms:
            database.limit_time(g.db, limit_ms / 1000)
    return g.db


def lift_time_limit() -> None:
    """Let the rest of this request's SQL run without a time limit (to answer after a timeout)."""
    if "db" in g:
        database.limit_time(g.db, None)


def release_db(_error: BaseException | None = None) -> None:
    """Hand the connection back to its thread clean: no time limit, no open transaction."""
    db = g.pop("db", None)
    if db is None:
        return
    database.limit_time(db, None)
    if db.conn.in_transaction:
        log.warning("a request ended inside a transaction; rolling it back")
        db.conn.execute("ROLLBACK")


def init_app(app: Flask) -> None:
    limit = app.config.setdefault("QUERY_TIME_LIMIT_MS", DEFAULT_QUERY_TIME_LIMIT_MS)
    if isinstance(limit, bool) or not isinstance(limit, Real) or limit < 0:
        raise ValueError(
            "FACTCHECK_QUERY_TIME_LIMIT_MS must be a number of milliseconds (0 for no limit),"
            f" not {limit!r}"
        )
    # Each thread sees its own attributes; a thread's connection is closed when the thread ends.
    app.extensions[_CONNECTIONS] = threading.local()
    app.teardown_appcontext(release_db)
