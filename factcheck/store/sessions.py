"""Web sessions on the server: starting and ending them, and deciding whether one is still live."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from factcheck.db import Database, inserted_id, utc_now
from factcheck.store import audit
from factcheck.store.actors import SYSTEM, Actor
from factcheck.store.audit_replay import password_digest
from factcheck.store.mutation import mutation, query

DEFAULT_IDLE = timedelta(hours=12)
DEFAULT_LIFETIME = timedelta(days=7)


def id_hash(session_id: str) -> str:
    """What the table keeps instead of the id itself."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def channel(session_id: str) -> str:
    """The door recorded on audit rows written through this session: a prefix of its id_hash."""
    return _channel_of(id_hash(session_id))


def _channel_of(hashed: str) -> str:
    return "web:" + hashed[:16]


def _iso(moment: datetime) -> str:
    # The same text form as db.utc_now(), so times in every table sort and compare alike.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Session:
    """A session row with the person behind it; `actor` already carries the session's channel."""

    row_id: int
    actor: Actor
    created_at: datetime
    last_seen_at: datetime
    end_reason: str | None
    user_disabled: bool


def why_ended(
    found: Session,
    *,
    now: datetime,
    last_seen: datetime | None = None,
    idle: timedelta = DEFAULT_IDLE,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> str | None:
    """None while the session is live; otherwise the end reason it has, or should now get."""
    if found.end_reason:
        return found.end_reason
    if found.user_disabled:
        return "disabled"
    if now - found.created_at >= lifetime:
        return "lifetime"
    seen = max(last_seen, found.last_seen_at) if last_seen else found.last_seen_at
    if now - seen >= idle:
        return "idle"
    return None


@mutation
def start_session(db: Database, actor: Actor, *, address: str, now: datetime) -> str:
    """Record a new session for a signed-in person; returns its id, which only the cookie keeps."""
    session_id = secrets.token_urlsafe(32)
    started = _iso(now)
    cursor = db.execute(
        "INSERT INTO sessions (id_hash, user_id, address, created_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [id_hash(session_id), actor.id, address, started, started],
    )
    audit.record(
        db,
        actor.via(channel(session_id)),
        "session",
        inserted_id(cursor),
        "session.start",
        after={
            "user": actor.username,
            "address": address,
            "created_at": started,
            # The password signed in with, as the trail keeps one: a swap is caught (audit_replay).
            "password_sha256": _password_digest(db, actor),
        },
    )
    return session_id


def _password_digest(db: Database, actor: Actor) -> str | None:
    row = db.execute("SELECT password_hash FROM users WHERE id = ?", [actor.id]).fetchone()
    return password_digest(row[0]) if row and row[0] else None


@mutation
def end_session(
    db: Database,
    session_id: str,
    *,
    reason: str,
    actor: Actor,
    now: datetime,
    last_seen: datetime | None = None,
) -> bool:
    """End a live session (signing out, or found idle or too old); False if it had already ended."""
    row = db.execute(
        "SELECT s.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.id_hash = ? AND s.ended_at IS NULL",
        [id_hash(session_id)],
    ).fetchone()
    if row is None:
        return False
    ended = _iso(now)
    db.execute(
        "UPDATE sessions SET ended_at = ?, end_reason = ?, last_seen_at = ? WHERE id = ?",
        [ended, reason, _iso(last_seen or now), row[0]],
    )
    after = {"user": row[1], "reason": reason, "ended_at": ended}
    audit.record(db, actor, "session", row[0], "session.end", after=after)
    return True


def end_user_sessions(db: Database, user_id: int, reason: str) -> int:
    """End every live session of one person inside the caller's mutation, after the audit row of
    the change that ends them (disabling them, a new password): each end gets its own
    `session.end` row, written by the workbench through the session it ends, as an idle end is.
    Returns how many ended."""
    ended = utc_now()
    rows = db.execute(
        "SELECT s.id, s.id_hash, u.username FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.user_id = ? AND s.ended_at IS NULL ORDER BY s.id",
        [user_id],
    ).fetchall()
    for session_row_id, hashed, username in rows:
        db.execute(
            "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ?",
            [ended, reason, session_row_id],
        )
        after = {"user": username, "reason": reason, "ended_at": ended}
        by = SYSTEM.via(_channel_of(hashed))
        audit.record(db, by, "session", session_row_id, "session.end", after=after, follows=True)
    return len(rows)


@query
def find_session(db: Database, session_id: str) -> Session | None:
    """The session this cookie id names, live or not; None if there never was one."""
    row = db.execute(
        "SELECT s.id, s.created_at, s.last_seen_at, s.end_reason, u.id, u.username, u.role,"
        " u.display_name, u.disabled FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.id_hash = ?",
        [id_hash(session_id)],
    ).fetchone()
    if row is None:
        return None
    actor = Actor(row[4], row[5], row[6], row[7]).via(channel(session_id))
    return Session(
        row_id=row[0],
        actor=actor,
        created_at=datetime.fromisoformat(row[1]),
        last_seen_at=datetime.fromisoformat(row[2]),
        end_reason=row[3],
        user_disabled=bool(row[8]),
    )


@query
def signed_in_from(db: Database, username: str, address: str, *, since: datetime) -> bool:
    """Whether this person started a session from this address since then."""
    row = db.execute(
        "SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE u.username = ? AND s.address = ? AND s.created_at >= ? LIMIT 1",
        [username.strip().lower(), address, _iso(since)],
    ).fetchone()
    return row is not None
