"""A health check for load balancers and monitoring: is the database readable and up to date, and
can changes be signed for its audit trail?

Load balancers ask every few seconds, so the usual answer costs two small statements: SQLite's
schema version, read from the database's first page, and the count of recorded migrations. Only
when they differ from those this process last found up to date are the applied migrations read
again (after `factcheck init`, any other schema change, or a migration recorded by a newer
version)."""

import logging
import sqlite3

from flask import Blueprint, current_app

from factcheck import db as database
from factcheck import job_storage, jobs
from factcheck.store import audit_seal
from factcheck.store.audit_seal import SealError
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)

_CURRENT_SCHEMA = "factcheck.health.current_schema"


@bp.get("/healthz")
def healthz():
    try:
        db = get_db()
        schema = (db.execute("PRAGMA schema_version").fetchone()[0], _migrations_recorded(db))
        current = current_app.extensions.get(_CURRENT_SCHEMA) == schema
        if not current and database.is_current(db):
            current_app.extensions[_CURRENT_SCHEMA] = schema
            current = True
    except sqlite3.Error:
        log.exception("health check could not read the database")
        return json_response({"status": "error", "database": "unreadable"}, 503)
    if not current:
        newer = database.unknown_migrations(db)
        state = "written by a newer factcheck: upgrade" if newer else "needs `factcheck init`"
        return json_response({"status": "error", "database": state}, 503)
    problem = _audit_key_problem(db)
    if problem:
        # Every change, signing in included, is refused until the key is back.
        return json_response({"status": "error", "database": "ok", "audit": problem}, 503)
    if not _queue_answers():
        return json_response(
            {"status": "error", "database": "ok", "jobs": "the job queue (Redis) does not answer"},
            503,
        )
    return json_response({"status": "ok", "database": "ok"})


def _migrations_recorded(db) -> int | None:
    """How many migrations the database records: one recorded without a schema change (a newer
    version's) moves this count, not the schema version. None before any is."""
    try:
        return db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    except sqlite3.OperationalError:
        return None


def _queue_answers() -> bool:
    """Whether Redis, when the job queue lives there, answers a PING, as `serve` asks before it
    starts (the jobs file is beside the database, which was read above)."""
    if jobs.huey.immediate:
        return True
    try:
        job_storage.check_reachable(jobs.huey.storage)
    except job_storage.JobQueueError:
        return False
    return True


def _audit_key_problem(db) -> str | None:
    """Why changes cannot be signed for the audit trail now, or None (a file's look-up, cached)."""
    try:
        if audit_seal.existing_key(db) is None and audit_seal.trail_is_keyed(db):
            return "the audit key file is missing: changes are refused"
    except SealError:
        return "the audit key file cannot be used: changes are refused"
    except sqlite3.Error:
        return None  # the database was read above; a problem here shows on the next check
    return None
