"""Matching jobs: claims matched against the library of previous checks again, after an import or
a change to the library (see factcheck.previous_checks)."""

from factcheck import db as database
from factcheck.db import Database
from factcheck.jobs import huey, stored_task
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import StoreError
from factcheck.store.users import actor_for


def _username(actor) -> str | None:
    return actor.username if actor.id is not None else None


def queue_rematch(db_path: str, claim_ids: list[int], actor, cause: str) -> None:
    """Queue matching these claims against the library again (see factcheck.previous_checks)."""
    huey.enqueue(rematch_claims.s(db_path, list(claim_ids), _username(actor), actor.channel, cause))


def queue_library_change(
    db_path: str, library_ids: list[int], matched: list[int], actor, cause: str
) -> None:
    """Queue matching again every claim a change to these library items may affect."""
    task = match_library_change.s(
        db_path, list(library_ids), list(matched), _username(actor), actor.channel, cause
    )
    huey.enqueue(task)


def _job_actor(db: Database, username: str | None, channel: str):
    """Who queued the job, acting through the door they used; factcheck itself if they have been
    disabled since (the matches are still stored)."""
    if username:
        try:
            return actor_for(db, username).via(channel)
        except StoreError:
            pass
    return SYSTEM.via(channel)


@stored_task()
def rematch_claims(
    db_path: str, claim_ids: list[int], username: str | None, channel: str, cause: str
) -> dict:
    """Match claims against the library and store their previous checks."""
    from factcheck import previous_checks

    db = database.connect(db_path)
    try:
        actor = _job_actor(db, username, channel)
        return previous_checks.match_claims(db, claim_ids, cause=cause, actor=actor)
    finally:
        db.close()


@stored_task()
def match_library_change(
    db_path: str,
    library_ids: list[int],
    matched: list[int],
    username: str | None,
    channel: str,
    cause: str,
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
