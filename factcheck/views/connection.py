"""One database connection per request, opened on first use and closed when the request ends.

Every request's SQL shares one time limit, FACTCHECK_QUERY_TIME_LIMIT_MS (default 5000 ms; 0
turns it off), counted from the request's first use of the database. A statement still running
after that is interrupted and the request answers 503 (views/errors.py), so one slow query cannot
hold a worker. Statements inside a transaction (every write, an export's snapshot) are never
interrupted: see `db.limit_time`."""

from numbers import Real

from flask import Flask, current_app, g

from factcheck import db as database

DEFAULT_QUERY_TIME_LIMIT_MS = 5000


def get_db():
    """The request's connection to the configured database, with the request's time limit."""
    if "db" not in g:
        g.db = database.connect(current_app.config["DATABASE"])
        limit_ms = current_app.config["QUERY_TIME_LIMIT_MS"]
        if limit_ms:
            database.limit_time(g.db, limit_ms / 1000)
    return g.db


def lift_time_limit() -> None:
    """Let the rest of this request's SQL run without a time limit (to answer after a timeout)."""
    if "db" in g:
        database.limit_time(g.db, None)


def close_db(_error: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def init_app(app: Flask) -> None:
    limit = app.config.setdefault("QUERY_TIME_LIMIT_MS", DEFAULT_QUERY_TIME_LIMIT_MS)
    if isinstance(limit, bool) or not isinstance(limit, Real) or limit < 0:
        raise ValueError(
            "FACTCHECK_QUERY_TIME_LIMIT_MS must be a number of milliseconds (0 for no limit),"
            f" not {limit!r}"
        )
    app.teardown_appcontext(close_db)
