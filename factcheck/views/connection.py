"""One database connection per request, opened on first use and closed when the request ends."""

from flask import Flask, current_app, g

from factcheck import db as database


def get_db():
    """The request's connection to the configured database."""
    if "db" not in g:
        g.db = database.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
