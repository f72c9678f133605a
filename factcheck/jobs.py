"""The job queue itself: the huey instance, where its storage is, and its consumer's threads.

The jobs are defined elsewhere, one kind to a module: import_jobs (a URL, a big paste, several
files), archive_jobs (copies of evidence pages), matching_jobs (claims against the library),
link_jobs (the link watch) and audit_jobs (the Audit page's check of the trail); job_progress
keeps what a page polls while they run.

The queue is a SQLite file beside the database, or Redis when FACTCHECK_JOBS_URL names one
(job_storage decides). Jobs cut off by a crash or restart are found and tried again by
job_recovery.py."""

import importlib
import signal
import threading
from pathlib import Path

from huey import SqliteHuey

from factcheck import job_storage, link_watch

huey = SqliteHuey(name="factcheck", filename=":memory:", immediate=True)
#: The database the queue belongs to, for periodic jobs (set by configure_for).
_database_path: str | None = None

# huey stores a queued job under its task's module and function name ("factcheck.jobs.import_url")
# and a worker finds the task by that name. The tasks were all defined in this module before they
# moved to a module per kind; they keep the names they had, so jobs queued by an older version
# still run after an upgrade, and an older worker runs jobs a newer server queues.
STORED_MODULE = "factcheck.jobs"
#: Every module that defines tasks: a worker imports them all before it takes jobs off the queue.
TASK_MODULES = (
    "factcheck.import_jobs",
    "factcheck.archive_jobs",
    "factcheck.matching_jobs",
    "factcheck.link_jobs",
    "factcheck.audit_jobs",
)


def stored_task(**settings):
    """huey.task() under the name the queue has always stored it by (see STORED_MODULE)."""
    return huey.task(__module__=STORED_MODULE, **settings)


def load_tasks() -> None:
    """Register every task, so a worker knows each job it may find in the queue."""
    for name in TASK_MODULES:
        importlib.import_module(name)


def configure(jobs_path: str | Path | None, *, immediate: bool = False) -> SqliteHuey:
    """Point the queue at a SQLite file next to the database, or run jobs at once (tests)."""
    huey.immediate = immediate
    if not immediate:
        if jobs_path is None:
            raise ValueError("a queue that does not run jobs at once needs a jobs file")
        huey.storage = job_storage.storage_for(jobs_path, None)
    return huey


def configure_for(database_path: str | Path) -> SqliteHuey:
    """The queue for this database, decided in one place for the web app, `serve`, `worker` and
    the command line: Redis when FACTCHECK_JOBS_URL names one, else the jobs file beside it."""
    global _database_path
    huey.immediate = False
    huey.storage = job_storage.storage_for(jobs_path_for(database_path), job_storage.jobs_url())
    _database_path = str(database_path)
    return huey


def database_path() -> str | None:
    """The database the queue was configured for, for periodic jobs."""
    return _database_path


def jobs_path_for(database_path: str | Path) -> Path:
    path = Path(database_path)
    return path.with_name(path.stem + "-jobs.db")


#: Set while this process's workers stop: a long job (matching a big article's claims against
#: the library) stores what it has done and queues the rest for the next worker, where the
#: worker would wait for it, or a restart cut it off.
STOPPING = threading.Event()


def start_consumer(workers: int = 2):
    """Run job workers in threads of this process; returns the consumer so it can be stopped."""
    load_tasks()
    # max_delay=1: an idle worker looks for new jobs at least every second.
    # The scheduler runs only when the link watch is switched on (FACTCHECK_LINK_CHECK_HOURS).
    periodic = link_watch.check_every() is not None
    consumer = huey.create_consumer(
        workers=workers, worker_type="thread", periodic=periodic, max_delay=1.0
    )
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer.start()
    # The web server owns the process's signals; the consumer's workers only run jobs.
    for sig, handler in saved.items():
        signal.signal(sig, handler)
    return consumer
