"""Refusals and failures as pages, htmx fragments or JSON saying what went wrong and what to do."""

import logging
import sqlite3

from flask import Flask, current_app, request, url_for
from flask_wtf.csrf import CSRFError
from redis.exceptions import RedisError
from werkzeug.exceptions import HTTPException, InternalServerError

from factcheck.store.audit_seal import SealError, TrailMismatch
from factcheck.store.errors import StoreError
from factcheck.views import auth, auth_guard
from factcheck.views.connection import lift_time_limit
from factcheck.views.error_words import store_error_words
from factcheck.views.import_words import size_words
from factcheck.views.rendering import json_response, page_or_fragment, wants_json

log = logging.getLogger(__name__)

_TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Changed by someone else",
    413: "Too large",
    422: "Cannot be saved",
    500: "Something went wrong",
    503: "Database unavailable",
}


# A change refused because the trail no longer matches its checkpoint or key (TrailMismatch).
MISMATCHED_WORDS = (
    "Nothing was saved: this database's audit trail no longer matches the record of it kept"
    " outside the database (its newest entries were removed or rewritten, or an older copy of the"
    " database was put back), so no change, signing in included, is recorded until an"
    " administrator has checked it. Tell your administrator; the server's log says what differs."
)
# A change refused because the audit trail cannot be signed (store/audit_seal.py's SealError).
UNSIGNED_WORDS = (
    "Nothing was saved: the key that signs this database's audit trail is missing or cannot be"
    " read on the server, so no change, signing in included, can be recorded. Tell your"
    " administrator; changes work again once the key is back."
)


def _respond(
    status: int,
    message: str,
    headers: dict | None = None,
    *,
    title: str | None = None,
    link: dict | None = None,
    sign_out: bool = False,
):
    if wants_json():
        response = json_response({"error": message, "status": status}, status)
    else:
        response = current_app.make_response(
            page_or_fragment(
                "error.html",
                "partials/error.html",
                status=status,
                title=title or _title(status),
                message=message,
                status_code=status,
                link=link,
                sign_out=sign_out,
            )
        )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _title(status: int) -> str:
    # A page asked for with an id or filter that cannot be one saved nothing.
    if status == 422 and request.method in ("GET", "HEAD"):
        return "Cannot be shown"
    if status == 422 and request.endpoint == "downloads.download":
        return "This export cannot be made"
    return _TITLES.get(status, "Error")


def _too_large_words(limit: int | None) -> str:
    # Werkzeug's own description ("The data value transmitted exceeds the capacity limit")
    # names neither the limit nor a way out. A form's limit has room for the fields beside its
    # file, so it is rounded down to the whole megabytes people think of.
    # Only a form that sends files is multipart; on another, what was typed or pasted is too long.
    way_out = (
        "choose a smaller file"
        if request.mimetype == "multipart/form-data"
        else "shorten what was typed or pasted into it"
    )
    if limit is None:
        return f"What was sent is too large for this form; {way_out}."
    whole = limit - limit % (1024 * 1024) if limit >= 1024 * 1024 else limit
    return f"What was sent is larger than the {size_words(whole)} this form takes; {way_out}."


def _http_error(error: HTTPException):
    link = None
    if error.code == 404:
        message = "There is nothing at this address; the dashboard lists every article."
    elif error.code == 413:
        message = _too_large_words(request.max_content_length)
        link = _back_to_the_form()
    elif error.code == 405 and request.method == "GET":
        # Werkzeug's words name no way out: a GET here is a bookmark or a reload of what a
        # form sent, and the page that holds the form is where to go back to.
        message = (
            "This address only takes what a form sends (an export, a verdict, a change); it has"
            " no page of its own. Go back to the page you came from and use its form again."
        )
    else:
        message = error.description or "The request was refused."
    kept = {k: v for k, v in error.get_headers() if k.lower() not in ("content-type",)}
    # A view may name the page's title ("Job queue unavailable" for a 503 that is not the
    # database's): page_title on the exception.
    title = getattr(error, "page_title", None)
    return _respond(error.code or 500, message, kept, link=link, title=title)


def _back_to_the_form() -> dict | None:
    """The page a refused form was sent from, on this site, to choose a smaller file there."""
    page = auth_guard.same_site_path(request.referrer)
    if page is None or page.split("?")[0] == request.path:
        return None
    return {"href": page, "text": "Back to the form"}


#: The claim a refused claim was merged into, for the workbench to keep what was typed in its
#: panel for that claim's panel (static/js/workbench.js).
MERGED_INTO_HEADER = "X-Factcheck-Merged-Into"


def _store_error(error: StoreError):
    headers = (
        {MERGED_INTO_HEADER: str(error.facts["claim_id"])} if error.code == "claim.merged" else None
    )
    return _respond(error.status, store_error_words(error), headers, link=_where_instead(error))


def _where_instead(error: StoreError) -> dict | None:
    """A link to follow instead, when the refusal names where the thing asked for is now."""
    if error.code == "claim.merged":
        claim_id = error.facts["claim_id"]
        split_since = "merged_into" in error.facts
        return {
            "href": url_for("claims.claim_page", claim_id=claim_id),
            "text": "Open the claim its words are in now"
            if split_since
            else "Open the claim it was merged into",
        }
    return None


def _csrf_error(error: CSRFError):
    if request.endpoint == "auth.sign_in":
        return auth.expired_form()
    # Signing out in another tab takes the token with it: say so, rather than blame the token.
    if auth_guard.signed_out():
        return auth_guard.sign_in_again()
    # A Sign out button from an earlier session of this browser (the password changed, or
    # signed in again, in another tab): whoever is signed in now stays so, and must be told,
    # on a page whose own Sign out button works.
    if request.endpoint == "auth.sign_out":
        return _respond(
            400,
            f"You are still signed in as {auth_guard.signed_in_actor().username}: that Sign out"
            " button's security token is not this session's (a page opened before the password"
            " was changed, or before signing in again, in another tab). This page's Sign out"
            " button signs out.",
            title="Not signed out",
            sign_out=True,
        )
    return _respond(
        400,
        "This form's security token is missing or from another session (signed in again in "
        "another tab?): reload the page and try again. What you typed in a claim's panel comes "
        "back after the reload; copy anything else first.",
    )


def _database_error(error: sqlite3.Error):
    if str(error) == "interrupted":
        # The request's time limit stopped a query (views/connection.py); the error page may
        # need the database itself.
        # With its query: which search or filter ran too long is what the reader of the log needs.
        log.warning(
            "query time limit reached: %s %s", request.method, request.full_path.rstrip("?")
        )
        lift_time_limit()
        return _respond(
            503,
            "The database took too long to answer this request; try again, or narrow the search.",
        )
    log.exception("database error")
    if "no such table" in str(error):
        message = (
            "The database has not been set up. Check that the server was given the right --db "
            "file and run `factcheck init` on it."
        )
    elif "locked" in str(error) and request.method not in ("GET", "HEAD"):
        # Another writer held the database past the busy timeout (a large import, say).
        message = (
            "The database is busy with a long change (a large import, say), so what you sent was"
            " not saved. Try again in a moment."
        )
    else:
        message = "The database could not be read just now. Try again in a moment."
    return _respond(503, message)


def _seal_error(error: SealError):
    # The key's path and the setting that names it are for the server's log, not the browser.
    log.error("change refused, the audit trail cannot be signed: %s", error)
    words = MISMATCHED_WORDS if isinstance(error, TrailMismatch) else UNSIGNED_WORDS
    return _respond(503, words, title="Changes cannot be saved")


def _internal_error(_error: InternalServerError):
    return _respond(
        500,
        "Something went wrong on our side. Reload the page; if it happens again, tell your "
        "administrator the time it happened.",
    )


def _queue_error(error: Exception):
    # The queue's store went away after the server started (Redis stopped): say so, not 500.
    log.error("the job queue cannot be reached: %s", error)
    return _respond(
        503,
        "The job queue does not answer just now, so this page could not be finished. What was"
        " saved before stays saved: reload in a moment, and tell your administrator if it goes"
        " on (the job queue's Redis may have stopped).",
        title="Job queue unavailable",
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(sqlite3.Error, _database_error)
    app.register_error_handler(SealError, _seal_error)
    app.register_error_handler(RedisError, _queue_error)
    app.register_error_handler(InternalServerError, _internal_error)
