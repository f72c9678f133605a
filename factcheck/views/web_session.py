"""The browser's session: a random id in the signed cookie, checked against the sessions table.

Idle time is tracked in the signed cookie, not in the table: the cookie carries when this
browser was last seen, refreshed at most every few minutes. Writing last_seen_at on every request
would either put an audit row on every page view, drowning the trail the newsroom reads, or be
the one unaudited write in the store; and it would take SQLite's write lock on every read. The
cookie is signed, so nobody can move its time forward, and idle time then runs per copy of the
cookie: a copy taken and left unused dies after the idle time even while its owner works on. When
a request shows that a session has idled out (or outlived its lifetime), the session is ended in
the table with one audited row, so no other copy of its cookie works afterwards either.

Settings: FACTCHECK_SESSION_IDLE_HOURS (default 12) and FACTCHECK_SESSION_LIFETIME_DAYS (default 7).
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, g, request, session

from factcheck.store import sessions
from factcheck.store.actors import SYSTEM, Actor
from factcheck.views.connection import get_db

# The cookie's last-seen time is rewritten once it is this old, not on every request.
SEEN_REFRESH = timedelta(minutes=5)
#: The shortest idle time allowed (settings.py says the same in hours): three times the above.
MIN_IDLE = 3 * SEEN_REFRESH
_CLOCK = "session_clock"
_LIMITS = "session_limits"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _ended_words(reason: str) -> str:
    idle, lifetime = current_app.extensions[_LIMITS]
    hours = idle / timedelta(hours=1)
    days = lifetime / timedelta(days=1)
    words = {
        "idle": f"Your session ended after {hours:g} hour{'' if hours == 1 else 's'}"
        " without activity; sign in again.",
        "lifetime": f"Your session ended after {days:g} day{'' if days == 1 else 's'},"
        " the longest a session lasts; sign in again.",
        "password_changed": "Your password was changed, which signed you out everywhere;"
        " sign in with the new password.",
        "disabled": "Your account has been disabled; ask an admin if you need it again.",
    }
    return words.get(reason, "Your session has ended; sign in again.")


def now() -> datetime:
    """The time by the app's session clock."""
    return current_app.extensions[_CLOCK]()


def start(actor: Actor) -> None:
    """Start a fresh session for this person (a new session also gets a new CSRF token)."""
    moment = now()
    previous = session.get("sid")
    if isinstance(previous, str):  # someone else signing in on the same browser
        sessions.end_session(
            get_db(),
            previous,
            reason="sign_out",
            actor=SYSTEM.via(sessions.channel(previous)),
            now=moment,
        )
    session_id = sessions.start_session(
        get_db(), actor, address=request.remote_addr or "unknown", now=moment
    )
    session.clear()
    session["sid"] = session_id
    session["seen"] = moment.timestamp()
    session.permanent = True


def end(actor: Actor) -> None:
    """Sign out: end the session on the server, then forget the browser's cookie."""
    session_id = session.get("sid")
    if isinstance(session_id, str):
        sessions.end_session(get_db(), session_id, reason="sign_out", actor=actor, now=now())
    session.clear()


def resume() -> Actor | None:
    """The person whose live session the cookie names, with the session's channel; otherwise
    None, with `ended_message()` saying why when the session ended."""
    session_id = session.get("sid")
    if not isinstance(session_id, str):
        return None
    moment = now()
    seen = session.get("seen")
    last_seen = datetime.fromtimestamp(seen, UTC) if isinstance(seen, int | float) else None
    found = sessions.find_session(get_db(), session_id)
    idle, lifetime = current_app.extensions[_LIMITS]
    reason = (
        "unknown"
        if found is None
        else sessions.why_ended(
            found, now=moment, last_seen=last_seen, idle=idle, lifetime=lifetime
        )
    )
    if reason is None and found is not None:
        if last_seen is None or moment - last_seen >= SEEN_REFRESH:
            session["seen"] = moment.timestamp()
        return found.actor
    if reason in ("idle", "lifetime") and found is not None:
        sessions.end_session(
            get_db(),
            session_id,
            reason=reason,
            actor=SYSTEM.via(found.actor.channel),
            now=moment,
            last_seen=last_seen,
        )
    session.clear()
    # A cookie from before sign-out is refused quietly: whoever signed out knows why.
    g.session_ended = None if reason == "sign_out" else _ended_words(reason or "unknown")
    return None


def ended_message() -> str | None:
    """Why this request's session ended, in words for the sign-in page."""
    return g.get("session_ended")


def limits(config) -> tuple[timedelta, timedelta]:
    """The idle time and the lifetime from SESSION_IDLE_HOURS and SESSION_LIFETIME_DAYS, checked."""
    chosen = []
    for name, unit, default in (
        ("SESSION_IDLE_HOURS", timedelta(hours=1), sessions.DEFAULT_IDLE),
        ("SESSION_LIFETIME_DAYS", timedelta(days=1), sessions.DEFAULT_LIFETIME),
    ):
        value = config.get(name)
        if value is None:
            chosen.append(default)
            continue
        problem = ValueError(f"FACTCHECK_{name} must be a positive number, not {value!r}")
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise problem
        try:
            chosen.append(value * unit)
        except OverflowError:
            raise problem from None
    if chosen[0] < MIN_IDLE:
        raise ValueError(
            f"FACTCHECK_SESSION_IDLE_HOURS must be at least {MIN_IDLE / timedelta(hours=1)} (a"
            " session notes its last request every few minutes, so a shorter idle time would end"
            f" every session between two requests), not {config.get('SESSION_IDLE_HOURS')!r}"
        )
    return chosen[0], chosen[1]


#: How much longer the browser keeps the cookie than a session can last: someone who comes back
#: within it is told why their session ended, and the end is recorded then.
COOKIE_OUTLIVES = timedelta(days=90)


def use_clock(app: Flask, clock: Callable[[], datetime]) -> None:
    """Tell session times by this clock (tests move it by hand); it returns aware UTC datetimes."""
    app.extensions[_CLOCK] = clock


def init_app(app: Flask) -> None:
    idle, lifetime = limits(app.config)
    app.extensions[_LIMITS] = (idle, lifetime)
    # The cookie outlives the session by COOKIE_OUTLIVES: Flask refuses a cookie older than this
    # before resume() reads it, and a session refused there would be ended with no session.end
    # row and no reason said (someone back from a fortnight's leave). The server decides whether
    # a session is live, whatever the cookie's age.
    app.config["PERMANENT_SESSION_LIFETIME"] = lifetime + COOKIE_OUTLIVES
    use_clock(app, _utc_now)
