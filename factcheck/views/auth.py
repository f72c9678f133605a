"""Signing in and out, with failed attempts logged and rate-limited."""

import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for

from factcheck.store import sessions, users
from factcheck.views import web_session
from factcheck.views.auth_guard import current_actor, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.rate_limit import KEY_LENGTH, login_limiter, wait_in_words

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

WRONG_PASSWORD = (
    "That username and password do not match an active account. Check both and try again."
)
MISSING_FIELDS = "Enter both your username and your password."
EXPIRED_FORM = (
    "This sign-in page had expired (you signed in or out in another tab, say), so your password "
    "was not checked. Sign in again."
)
#: Someone who signed in from an address this recently is not held up by that address's wait
#: for guesses at many usernames.
FAMILIAR_DAYS = 30


def _safe_next(target: str | None) -> str:
    """Only same-site paths: a crafted ?next= must not send people to another site."""
    if not target:
        return url_for("articles.dashboard")
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        # Browsers treat a backslash as "/" and drop tabs and newlines: both could leave the site.
        or any(char == "\\" or char < " " for char in target)
    ):
        return url_for("articles.dashboard")
    return target


def _form(next_page: str, username: str = "", error: str | None = None, status: int = 200):
    page = render_template("sign_in.html", next_page=next_page, error=error, username=username)
    return page, status


def _too_many_attempts(next_page: str, username: str, wait: int):
    error = (
        f"Too many failed sign-ins from this computer. Wait "
        f"{wait_in_words(wait)}, then try again; if you have forgotten your password, "
        "ask an admin to reset it."
    )
    page, status = _form(next_page, username, error, 429)
    return page, status, {"Retry-After": str(wait)}


def _logged(username: str) -> str:
    """A typed username as the log shows it: its first KEY_LENGTH characters, and how long it
    was when it was longer. A sign-in form may carry megabytes, and the log is not theirs."""
    if len(username) <= KEY_LENGTH:
        return repr(username)
    return f"{username[:KEY_LENGTH]!r} (\u2026 {len(username):,} characters)"


def _familiar(username: str, address: str) -> bool:
    """Signed in from this address within FAMILIAR_DAYS: a colleague in the same office."""
    since = datetime.now(UTC) - timedelta(days=FAMILIAR_DAYS)
    return sessions.signed_in_from(get_db(), username, address, since=since)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    next_page = _safe_next(request.values.get("next"))
    if request.method in ("GET", "HEAD"):  # Flask answers HEAD for every GET route
        if current_actor() is not None:
            return redirect(next_page, 303)
        return _form(next_page)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or not password:
        return _form(next_page, username, MISSING_FIELDS, 422)
    address = request.remote_addr or "unknown"
    limiter = login_limiter()
    wait = limiter.retry_after(address, username, lambda: _familiar(username, address))
    if wait:
        log.warning("sign-in refused for %s from %s: too many failures", _logged(username), address)
        return _too_many_attempts(next_page, username[:KEY_LENGTH], wait)
    # No account has a longer name: answered at once, without hashing the password, and in
    # the words of any failure, so that it tells nobody which usernames exist.
    too_long = len(username) > users.MAX_USERNAME_CHARS
    actor = None if too_long else users.authenticate(get_db(), username, password)
    if actor is None:
        limiter.failed(address, username)
        log.warning("failed sign-in for %s from %s", _logged(username), address)
        return _form(next_page, username[:KEY_LENGTH], WRONG_PASSWORD, 401)
    limiter.succeeded(address, username)
    web_session.start(actor)
    log.info("%s signed in from %s", actor.username, address)
    return redirect(next_page, 303)


def expired_form():
    """The answer to a sign-in form whose security token has gone, as a page opened before
    signing in or out in another tab: on to where they were going if they are signed in now,
    else the form again with a fresh token. The password is not checked without a valid token."""
    next_page = _safe_next(request.values.get("next"))
    if current_actor() is not None:
        return redirect(next_page, 303)
    typed = request.form.get("username", "").strip()[:KEY_LENGTH]
    return _form(next_page, typed, EXPIRED_FORM, 400)


@bp.post("/sign-out")
def sign_out():
    web_session.end(signed_in_actor())
    return redirect(url_for("auth.sign_in"), 303)
