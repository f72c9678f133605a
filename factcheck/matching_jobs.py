"""Matching jobs: claims matched against the library of previous checks again, after an import or
a change to the library (see factcheck.previous_checks)."""

import logging
import time

from factcheck import db as database
from factcheck import job_storage, jobs
from factcheck.db import Database
from factcheck.jobs import huey, stored_task
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import StoreError
from factcheck.store.users import actor_for


def _username(actor) -> str | None:
    return actor.username if actor.id is not None else None


#: A matching job under way (queued or running): its task's arguments under this prefix and its
#: id, until it ends; a restart that cut it off queues it again (job_recovery.recover_interrupted).
MATCHING_PREFIX = "matching:"
#: The most claims one matching job matches (about half a minute's work) before it queues the
#: rest: an import or an archive a reporter waits on is not held up behind a whole big article.
JOB_SHARE = 2_000
#: How long a job waits for the queue to answer before it gives up queueing the rest.
REST_ATTEMPTS = 12
REST_WAIT_SECONDS = 5.0

log = logging.getLogger(__name__)


def queue_rematch(db_path: str, claim_ids: list[int], actor, cause: str) -> None:
    """Queue matching these claims against the library again (see factcheck.previous_checks)."""
    _queue("rematch", [db_path, list(claim_ids), _username(actor), actor.channel, cause])


def queue_library_change(
    db_path: str, library_ids: list[int], matched: list[int], actor, cause: str
) -> None:
    """Queue matching again every claim a change to these library items may affect."""
    arguments = [db_path, list(library_ids), list(matched), _username(actor), actor.channel, cause]
    _queue("library_change", arguments)


def _queue(kind: str, arguments: list, attempt: int = 1) -> None:
    task = _TASKS[kind].s(*arguments)
    marker = {"kind": kind, "arguments": arguments, "attempt": attempt}
    huey.put(f"{MATCHING_PREFIX}{task.id}", marker)
    huey.enqueue(task)


def _queue_rest(arguments: list) -> None:
    """Queue the claims a job leaves for later, waiting out a short outage of the queue's store
    (Redis restarting); past that, say which claims are left and how to match them."""
    for attempt in range(REST_ATTEMPTS):
        try:
            _queue("rematch", arguments)
            return
        except job_storage.UNREACHABLE:
            if attempt + 1 < REST_ATTEMPTS:
                time.sleep(REST_WAIT_SECONDS)
    log.error(
        "the job queue did not answer, so %d claims were not matched against the library; run"
        " `factcheck library rematch` to match them",
        len(arguments[1]),
    )


def queue_again(marker: dict) -> bool:
    """Queue a matching job a restart cut off once more; False (nothing queued) when it was cut
    off before, as it may be what brings the worker down."""
    if marker.get("attempt", 1) > 1:
        return False
    _queue(marker["kind"], marker["arguments"], attempt=marker.get("attempt", 1) + 1)
    return True


def _ended(task) -> None:
    if task is not None:
        huey.delete(f"{MATCHING_PREFIX}{task.id}")


def _job_actor(db: Database, username: str | None, channel: str):
    """Who queued the job, acting through the door they used; factcheck itself if they have been
    disabled since (the matches are still stored)."""
    if username:
        try:
            return actor_for(db, username).via(channel)
        except StoreError:
            pass
    return SYSTEM.via(channel)


@stored_task(context=True)
def rematch_claims(
    db_path: str,
    claim_ids: list[int],
    username: str | None,
    channel: str,
    cause: str,
    task=None,
) -> dict:
    """Match claims against the library and store their previous checks: JOB_SHARE of them,
    the rest queued as a job of their own, behind the jobs that came in meanwhile."""
    from factcheck import previous_checks

    share, rest = claim_ids[:JOB_SHARE], claim_ids[JOB_SHARE:]
    db = database.connect(db_path)
    try:
        actor = _job_actor(db, username, channel)
        # Stopping workers (a restart, TERM) leave the claims not begun to the next worker.
        matched = previous_checks.match_claims(
            db, share, cause=cause, actor=actor, stop=jobs.STOPPING.is_set
        )
        rest = [*matched.pop("left"), *rest]
        if rest:
            _queue_rest([db_path, rest, username, channel, cause])
        return {**matched, "left_for_later": len(rest)}
    finally:
        db.close()
        _ended(task)


@stored_task(context=True)
def match_library_change(
    db_path: str,
    library_ids: list[int],
    matched: list[int],
    username: str | None,
    channel: str,
    cause: str,
    task=None,
) -> dict:
    """Find the claims a library change may affect and match them again."""
    from factcheck import previous_checks

    db = database.connect(db_path)
    try:
        actor = _job_actor(db, username, channel)
        return previous_checks.after_library_change(
            db, library_ids, cause=cause, actor=actor, matched=matched
        )
    finally:
        db.close()
        _ended(task)


_TASKS = {"rematch": rematch_claims, "library_change": match_library_change}
