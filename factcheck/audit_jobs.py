"""Checking the whole audit trail in the background for the Audit page (on a desk of a million
claims it takes about a minute): one check at a time, its outcome kept in the queue's store, not
the audited database, where any page served by any process can read it."""

import logging
import sqlite3
import time

from factcheck import db as database
from factcheck import job_presence, jobs
from factcheck.db import utc_now
from factcheck.store import audit

huey = jobs.huey

LAST_CHECK = "audit-check:last"
RUNNING = "audit-check:running"
#: A check asked for this long ago that never ended (its worker stopped) no longer holds the next.
STALE_SECONDS = 60 * 60
#: The problems the page lists; `factcheck audit verify --json` gives them all.
SHOWN_PROBLEMS = 20
#: Problems with the key or the checkpoint file (missing, unreadable, another desk's): the check
#: could not be made, which is not tampering found.
SETUP_KINDS = frozenset(("key", "checkpoint", "foreign_checkpoint"))

log = logging.getLogger(__name__)


@huey.task()
def check_trail(db_path: str, asked_by: str) -> dict:
    """Run `audit verify` on the database and keep what it found for the Audit page."""
    started = utc_now()
    try:
        outcome = _verify(db_path)
    finally:
        huey.delete(RUNNING)
    outcome.update(asked_by=asked_by, started_at=started, finished_at=utc_now())
    huey.put(LAST_CHECK, outcome)
    return outcome


def _verify(db_path: str) -> dict:
    db = database.connect(db_path)
    try:
        missing = audit.missing_tables(db)
        if missing:
            words = f"tables are missing: {', '.join(missing)} (dropped outside factcheck)"
            return _failed("missing_tables", words)
        report = audit.verify(db)
    except sqlite3.DatabaseError as error:
        return _failed("unreadable", f"the database could not be read to the end ({error})")
    finally:
        db.close()
    problems = []
    for problem in report.problems:
        if problem.kind in SETUP_KINDS:
            # These name files on the server, which the browser is never shown: the log is told.
            log.warning("the audit trail could not be checked: %s", problem.message)
            problems.append(
                f"{audit.PROBLEM_KINDS[problem.kind]}: `factcheck audit verify` on the server says"
                " which file and what to do"
            )
        else:
            problems.append(problem.message)
    return _outcome(
        audit.PROBLEM_KINDS.get(report.kind or "", ""),
        problems,
        ok=report.ok,
        setup=report.kind in SETUP_KINDS,
        rows=report.rows,
        head=report.head_hash,
        unchecked=report.unchecked,
    )


def _failed(kind: str, words: str) -> dict:
    headline = {"missing_tables": "tables are missing", "unreadable": "the database is damaged"}
    return _outcome(headline[kind], [words])


def _outcome(
    headline: str,
    problems: list[str],
    *,
    ok: bool = False,
    setup: bool = False,
    rows: int | None = None,
    head: str | None = None,
    unchecked: list[str] | None = None,
) -> dict:
    """What the Audit page is told of a check: at most SHOWN_PROBLEMS problems, and how many
    more."""
    return {
        "ok": ok,
        "setup": setup,
        "rows": rows,
        "head": head,
        "headline": headline,
        "problems": problems[:SHOWN_PROBLEMS],
        "more": max(0, len(problems) - SHOWN_PROBLEMS),
        "unchecked": unchecked or [],
    }


def start_check(db_path: str, asked_by: str) -> None:
    """Queue a check of the trail, unless one is already waiting or running."""
    running = huey.get(RUNNING, peek=True)
    if running is not None and time.time() - running["queued"] < STALE_SECONDS:
        return
    huey.put(RUNNING, {"asked_by": asked_by, "queued": time.time(), "queued_at": utc_now()})
    check_trail(db_path, asked_by)


def check_state() -> dict:
    """The check waiting or running (who asked, when), whether any worker is there to run it,
    and the outcome of the last one."""
    running = huey.get(RUNNING, peek=True)
    if running is not None and time.time() - running["queued"] >= STALE_SECONDS:
        running = None
    waits = running is not None and not job_presence.any_alive()
    return {"running": running, "no_worker": waits, "last": huey.get(LAST_CHECK, peek=True)}
