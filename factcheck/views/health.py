"""A health check for load balancers and monitoring: is the database readable and up to date?"""

import logging
import sqlite3

from flask import Blueprint

from factcheck import db as database
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    try:
        current = database.is_current(get_db())
    except sqlite3.Error:
        log.exception("health check could not read the database")
        return json_response({"status": "error", "database": "unreadable"}, 503)
    if not current:
        return json_response({"status": "error", "database": "needs `factcheck init`"}, 503)
    return json_response({"status": "ok", "database": "ok"})
