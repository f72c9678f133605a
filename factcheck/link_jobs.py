"""The link watch's background jobs: a run queued from the command line, and the quarter-hourly
tick that runs one every FACTCHECK_LINK_CHECK_HOURS hours. One run at a time across the command
line and every worker, so no site gets two of its requests at once."""

import time
from datetime import timedelta

from huey import crontab

from factcheck import db as database
from factcheck import jobs, link_watch
from factcheck.network.fetch import DEFAULT_POLICY, FetchPolicy

huey = jobs.huey

LINK_WATCH_LAST_RUN = "link-watch:last-run"


@huey.task()
def check_links(
    db_path: str,
    older_than_seconds: int,
    limit: int,
    per_host: int = link_watch.DEFAULT_PER_HOST,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> dict:
    """Re-check evidence pages (see link_watch.py), as `factcheck links check --queue` asks. One
    run at a time across the command line and every worker (link_watch.one_run_at_a_time), so
    no site gets two of its requests at once."""
    db = database.connect(db_path)
    try:
        with link_watch.one_run_at_a_time(db):
            summary = link_watch.check_links(
                db,
                older_than=timedelta(seconds=older_than_seconds),
                limit=limit,
                per_host=per_host,
                policy=policy,
            )
    except link_watch.AnotherRun:
        return {"skipped": "another link check was running"}
    except link_watch.LockUnavailable as unavailable:
        return {"skipped": unavailable.words}
    finally:
        db.close()
    return summary.counts()


@huey.periodic_task(crontab(minute="*/15"))
def link_watch_tick() -> dict | None:
    """Every quarter hour, run the link watch if FACTCHECK_LINK_CHECK_HOURS says it is due."""
    every = link_watch.check_every()
    if every is None or jobs.database_path() is None:
        return None
    last = huey.get(LINK_WATCH_LAST_RUN, peek=True)
    now = time.time()
    if last is not None and now - last < every.total_seconds():
        return None
    huey.put(LINK_WATCH_LAST_RUN, now)
    return check_links.call_local(
        jobs.database_path(),
        int(link_watch.DEFAULT_OLDER_THAN.total_seconds()),
        link_watch.DEFAULT_LIMIT,
    )
