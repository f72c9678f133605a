"""A health check for load balancers and monitoring: is the database readable and up to date?

Load balancers ask every few seconds, so the usual answer costs one statement: SQLite's schema
version, read from the database's first page. Only when that number differs from the one this
process last found up to date are the applied migrations read again (after `factcheck init` or
any other schema change, the number moves)."""

import logging
import sqlite3

from flask import Blueprint, current_app

from factcheck import db as database
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)

_CURRENT_SCHEMA = "factcheck.health.current_schema"


@bp.get("/healthz")
def healthz():
    try:
        db = get_db()
        schema = db.execute("PRAGMA schema_version").fetchone()[0]
        current = current_app.extensions.get(_CURRENT_SCHEMA) == schema
        if not current and database.is_current(db):
            current_app.extensions[_CURRENT_SCHEMA] = schema
            current = True
    except sqlite3.Error:
        log.exception("health check could not read the database")
        return json_response({"status": "error", "database": "unreadable"}, 503)
    if not current:
        return json_response({"status": "error", "database": "needs `factcheck init`"}, 503)
    return json_response({"status": "ok", "database": "ok"})
