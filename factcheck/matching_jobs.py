"""Matching jobs: claims matched against the library of previous checks again, after an import or
a change to the library (see factcheck.previous_checks)."""

import logging
import time
from collections.abc import Sequence

from factcheck import db as database
from factcheck import job_storage, jobs
from factcheck.db import Database
from factcheck.jobs import huey, stored_task
from factcheck.store import claim_matches
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import StoreError
from factcheck.store.users import actor_for


def _username(actor) -> str | None:
    return actor.username if actor.id is not None else None


#: A matching job under way (queued or running): its task's arguments under this prefix and its
#: id, until it ends; a restart that cut it off queues it again (job_recovery.recover_interrupted).
MATCHING_PREFIX = "matching:"
#: An imported article whose claims a matching job has still to match: the id of the job that
#: matches the last of them, until it ends. Its page says its earlier checks are still sought.
ARTICLE_PREFIX = "matching-article:"
#: The most claims one matching job matches (about half a minute's work) before it queues the
#: rest: an import or an archive a reporter waits on is not held up behind a whole big article.
JOB_SHARE = 2_000
#: How long a job waits for the queue to answer before it gives up queueing the rest.
REST_ATTEMPTS = 12
REST_WAIT_SECONDS = 5.0

log = logging.getLogger(__name__)


def queue_rematch(
    db_path: str, claim_ids: list[int], actor, cause: str, article_ids: Sequence[int] = ()
) -> None:
    """Queue matching these claims against the library again (see factcheck.previous_checks);
    `article_ids`, the articles just imported they belong to, are marked as waiting for it."""
    arguments = [
        db_path,
        list(claim_ids),
        _username(actor),
        actor.channel,
        cause,
        list(article_ids),
    ]
    _queue("rematch", arguments)


def queue_library_change(
    db_path: str, library_ids: list[int], matched: list[int], actor, cause: str
) -> None:
    """Queue matching again every claim a change to these library items may affect."""
    arguments = [db_path, list(library_ids), list(matched), _username(actor), actor.channel, cause]
    _queue("library_change", arguments)


def _articles(kind: str, arguments: list) -> list[int]:
    """The imported articles a matching job's claims belong to (a job queued before they were
    named names none)."""
    return list(arguments[5]) if kind == "rematch" and len(arguments) > 5 else []


def _queue(kind: str, arguments: list, attempt: int = 1) -> None:
    task = _TASKS[kind].s(*arguments)
    marker = {"kind": kind, "arguments": arguments, "attempt": attempt}
    huey.put(f"{MATCHING_PREFIX}{task.id}", marker)
    for article_id in _articles(kind, arguments):
        huey.put(f"{ARTICLE_PREFIX}{article_id}", task.id)
    try:
        huey.enqueue(task)
    except job_storage.UNREACHABLE:
        for article_id in _articles(kind, arguments):
            huey.delete(f"{ARTICLE_PREFIX}{article_id}")
        raise


def still_matching(article_id: int) -> bool:
    """Whether a matching job has yet to match some of this imported article's claims."""
    return huey.get(f"{ARTICLE_PREFIX}{article_id}", peek=True) is not None


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


def queue_again(job_id: str, marker: dict) -> bool:
    """Queue a matching job a restart cut off once more; False (nothing queued, its articles no
    longer waiting) when it was cut off before, as it may be what brings the worker down."""
    if marker.get("attempt", 1) > 1:
        _ended(job_id, _articles(marker["kind"], marker["arguments"]))
        return False
    _queue(marker["kind"], marker["arguments"], attempt=marker.get("attempt", 1) + 1)
    return True


def _ended(job_id: str, article_ids: list[int]) -> None:
    """Forget a job that ended, and mark its articles no longer waiting unless a later job (the
    rest of their claims) took them on."""
    huey.delete(f"{MATCHING_PREFIX}{job_id}")
    for article_id in article_ids:
        key = f"{ARTICLE_PREFIX}{article_id}"
        if huey.get(key, peek=True) == job_id:
            huey.delete(key)


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
    article_ids: Sequence[int] = (),
    task=None,
) -> dict:
    """Match claims against the library and store their previous checks: JOB_SHARE of them,
    the rest queued as a job of their own, behind the jobs that came in meanwhile, with the
    articles still waiting for it."""
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
            waiting = claim_matches.articles_of(db, rest) if article_ids else []
            _queue_rest([db_path, rest, username, channel, cause, waiting])
        return {**matched, "left_for_later": len(rest)}
    finally:
        db.close()
        if task is not None:
            _ended(task.id, list(article_ids))


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
        if task is not None:
            _ended(task.id, [])


_TASKS = {"rematch": rematch_claims, "library_change": match_library_change}
