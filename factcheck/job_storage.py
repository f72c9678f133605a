"""Where the job queue lives: the Redis server FACTCHECK_JOBS_URL names, else a SQLite file.

The queue, job results and the progress and owner keys all live in the same storage, so a web
server, a `factcheck worker` and the command line agree on one queue by reading one setting."""

import logging
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from huey.storage import RedisStorage, SqliteStorage
from redis.exceptions import RedisError

from factcheck import settings
from factcheck.private_files import create_private_file

JOBS_URL = "FACTCHECK_JOBS_URL"
REDIS_SCHEMES = ("redis", "rediss", "unix")
QUEUE_NAME = "factcheck"
# The queue's note of the desk that uses it (see claim_for_desk), and this process's own.
DESK_KEY = "desk"
_claim: dict | None = None


log = logging.getLogger(__name__)


class JobQueueError(Exception):
    """The configured job queue cannot be used; the message says what to change."""


#: What the queue's store raises when it cannot be reached or written: the jobs file (SQLite, a
#: full disk) or Redis gone away after the server started.
UNREACHABLE = (sqlite3.Error, OSError, RedisError)


def jobs_url() -> str | None:
    """FACTCHECK_JOBS_URL, or None when jobs stay in the SQLite file beside the database."""
    return settings.value(JOBS_URL)


def storage_for(sqlite_path: str | Path, url: str | None):
    """Huey storage for `url` (redis://host:port/db, rediss://..., unix:///path.sock), or the
    SQLite file at `sqlite_path` when there is no URL."""
    if not url:
        create_private_file(Path(sqlite_path))  # owner-only, like the database beside it
        return SqliteStorage(name=QUEUE_NAME, filename=str(sqlite_path))
    scheme = urlsplit(url).scheme.lower()
    if scheme not in REDIS_SCHEMES:
        raise JobQueueError(
            f"{JOBS_URL} must start with redis://, rediss:// or unix://"
            f" (it starts with {scheme + '://' if scheme else 'no scheme'})"
        )
    number = urlsplit(url).path.strip("/")
    if scheme != "unix" and number and not number.isdigit():
        raise JobQueueError(
            f"{JOBS_URL} names the Redis database {number!r}; a Redis database is a number"
            " (redis://host:6379/0, /1, ...)"
        )
    try:
        return RedisStorage(name=QUEUE_NAME, url=url)
    except ValueError as error:
        raise JobQueueError(f"{JOBS_URL} is not a Redis address ({error})") from None


def claim_for_desk(queue, desk_id: str, database: str) -> None:
    """Note in a Redis queue which desk uses it, and refuse one another desk's server or worker
    already uses: two desks on one queue would each run the other's jobs against the wrong
    database. (A jobs file lies beside its own database.) The note is written only where there
    is none, in one step, so two desks starting at once cannot both take it."""
    global _claim
    if not isinstance(queue.storage, RedisStorage):
        return
    found = _note_claim(queue, {"id": desk_id, "database": database})
    if found.get("id") != desk_id:
        raise JobQueueError(
            f"the job queue, {describe(queue.storage)}, is already used by another desk (its"
            f" database is {found.get('database')}), and two desks on one queue would run each"
            f" other's jobs: give each desk a Redis database of its own in {JOBS_URL} (/1, /2,"
            f" ...). If that desk is gone, clear its claim with: {_clear_command(queue.storage)}"
        )
    _claim = {"id": desk_id, "database": database}


def keep_claim(queue) -> None:
    """Write this process's desk's note again if it has gone (Redis restarted without saving,
    or emptied), so another desk still cannot take the queue; said in the log if another desk's
    note is there instead. Called by every consumer's heartbeat."""
    if _claim is None or not isinstance(queue.storage, RedisStorage):
        return
    found = _note_claim(queue, _claim)
    if found.get("id") != _claim["id"]:
        log.error(
            "the job queue, %s, is now noted as another desk's (its database is %s): two desks"
            " share it and may run each other's jobs; give each desk a Redis database of its own",
            describe(queue.storage),
            found.get("database"),
        )


def _note_claim(queue, claim: dict) -> dict:
    """Write the claim unless one is there; return the one there now."""
    storage = queue.storage
    storage.conn.hsetnx(storage.result_key, DESK_KEY, queue.serializer.serialize(claim))
    return queue.get(DESK_KEY, peek=True) or {}


def _clear_command(storage) -> str:
    """The redis-cli command that removes the desk's note from this queue's Redis."""
    settings = storage.pool.connection_kwargs
    where = (
        f"-s {settings['path']}"
        if settings.get("path")
        else f"-h {settings.get('host', '127.0.0.1')} -p {settings.get('port', 6379)}"
    )
    return f"redis-cli {where} -n {settings.get('db', 0)} HDEL {storage.result_key} {DESK_KEY}"


def describe(storage) -> str:
    """Where the queue is, for people: never includes a password from the URL."""
    if isinstance(storage, RedisStorage):
        settings = storage.pool.connection_kwargs
        where = settings.get("path") or f"{settings.get('host')}:{settings.get('port')}"
        return f"Redis at {where}, database {settings.get('db', 0)}"
    return f"the jobs file {storage.filename}"


def check_reachable(storage) -> None:
    """Refuse to start when Redis does not answer, rather than fail on every job."""
    if not isinstance(storage, RedisStorage):
        return
    from redis.exceptions import RedisError

    try:
        storage.conn.ping()
    except RedisError as error:
        message = " ".join(str(error).split())
        raise JobQueueError(
            f"cannot reach the job queue, {describe(storage)} ({message}); start Redis there or"
            f" correct {JOBS_URL}"
        ) from None
