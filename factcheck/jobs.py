"""Background jobs on huey: importing from a URL or a big paste, archiving evidence (the link
watch's jobs are in link_jobs.py).

The queue is a SQLite file beside the database, or Redis when FACTCHECK_JOBS_URL names one
(job_storage decides). Progress lives in huey's own key-value store (not the audited database),
so a page can poll it. An import's input stays there until it succeeds, and an archive is marked
while it is queued or running, so jobs cut off by a crash or restart can be found and tried again
(job_recovery.py)."""

import hashlib
import signal
import time
from pathlib import Path

from huey import SqliteHuey

from factcheck import copies, importers, job_storage, link_watch
from factcheck import db as database
from factcheck.db import Database
from factcheck.ingest import ingest_imported
from factcheck.network.fetch import DEFAULT_POLICY, HTML_TYPES, FetchError, FetchPolicy, fetch
from factcheck.store import snapshots as snapshot_store
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import StoreError
from factcheck.store.users import actor_for

ARCHIVE_TYPES = HTML_TYPES | {"text/plain", "application/pdf"}
ARCHIVE_MAX_BYTES = 10 * 1024 * 1024

huey = SqliteHuey(name="factcheck", filename=":memory:", immediate=True)
#: The database the queue belongs to, for periodic jobs (set by configure_for).
_database_path: str | None = None


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


def start_consumer(workers: int = 2):
    """Run job workers in threads of this process; returns the consumer so it can be stopped."""
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


PROGRESS_PREFIX = "progress:"
INPUT_PREFIX = "input:"
ARCHIVING_PREFIX = "archiving:"
FINISHED_STAGES = ("done", "failed")


def _progress_key(job_id: str) -> str:
    return f"{PROGRESS_PREFIX}{job_id}"


def _input_key(job_id: str) -> str:
    return f"{INPUT_PREFIX}{job_id}"


def submit_import(task, username: str) -> str:
    """Queue an import and return its id. Its owner, its first progress and its input (for a
    retry) are stored before any worker can start it."""
    set_owner(task.id, username)
    huey.put(_input_key(task.id), {"task": task.name, "args": task.args, "kwargs": task.kwargs})
    set_progress(task.id, "queued", "Waiting for a worker")
    huey.enqueue(task)
    return task.id


def kept_input(job_id: str) -> dict | None:
    """What an import job was asked to do, while it can still be tried again."""
    return huey.get(_input_key(job_id), peek=True)


def forget_input(job_id: str) -> None:
    huey.delete(_input_key(job_id))


def _archiving_key(url: str) -> str:
    return f"{ARCHIVING_PREFIX}{url}"


def queue_archive(
    db_path: str,
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    *,
    archive_url: str | None = None,
    username: str | None = None,
    channel: str = "system",
) -> None:
    """Queue a copy of an evidence page (from a public web archive when `archive_url` names
    one), marked as under way until the job ends."""
    task = archive_evidence.s(db_path, url, policy, archive_url, username, channel)
    marker = {"job_id": task.id, "db_path": db_path, "policy": policy, "queued_at": time.time()}
    huey.put(_archiving_key(url), marker)
    huey.enqueue(task)


#: After this long in the queue, a copy is shown as waiting for a worker, and the badge stops
#: asking for news every few seconds.
ARCHIVE_WAIT_SECONDS = 300


def archive_queued(url: str) -> bool:
    """Whether a copy of this page is queued or being made."""
    return huey.get(_archiving_key(url), peek=True) is not None


def archive_state(url: str) -> str | None:
    """None when no copy of this page is queued; "queued" while one is queued or being made;
    "waiting" when it has been queued a while and no worker took it (none may be running)."""
    marker = huey.get(_archiving_key(url), peek=True)
    if marker is None:
        return None
    queued_at = marker.get("queued_at")
    if queued_at is not None and time.time() - queued_at > ARCHIVE_WAIT_SECONDS:
        return "waiting"
    return "queued"


def archived_now(url: str) -> None:
    """A copy was just made outside the queue (`evidence archive`): the page is no longer
    waiting, whatever job may still be queued for it."""
    huey.delete(_archiving_key(url))


def _archive_ended(url: str, job_id: str) -> None:
    marker = huey.get(_archiving_key(url), peek=True)
    if marker is not None and marker["job_id"] == job_id:
        huey.delete(_archiving_key(url))


def set_owner(job_id: str, username: str) -> None:
    """Remember who started a job: only they may follow its progress."""
    huey.put(f"owner:{job_id}", username)


def owner(job_id: str) -> str | None:
    return huey.get(f"owner:{job_id}", peek=True)


def set_progress(job_id: str, stage: str, message: str, **extra) -> None:
    huey.put(_progress_key(job_id), {"stage": stage, "message": message, **extra})


def progress(job_id: str) -> dict | None:
    """The job's latest progress: stage (queued, fetching, splitting, saving, done, failed)."""
    return huey.get(_progress_key(job_id), peek=True)


def _finish_import(job_id: str, db_path: str, imported, username: str | None, channel: str) -> dict:
    set_progress(job_id, "saving", "Splitting into claims and saving")
    db = database.connect(db_path)
    try:
        # The audit row names the door the import came through, not the worker that ran it.
        actor = actor_for(db, username).via(channel) if username else SYSTEM
        result = ingest_imported(db, imported, actor=actor)
    finally:
        db.close()
    outcome = {
        "article_id": result.article_id,
        "claims": result.claims,
        "duplicate": result.duplicate,
    }
    set_progress(job_id, "done", "Imported", **outcome)
    forget_input(job_id)
    return outcome


@huey.task(context=True)
def import_url(
    db_path: str,
    url: str,
    username: str | None,
    policy: FetchPolicy = DEFAULT_POLICY,
    max_bytes: int = importers.DEFAULT_MAX_BYTES,
    channel: str = "system",
    task=None,
):
    """Fetch a page safely, extract its article, and store it."""
    try:
        set_progress(task.id, "fetching", f"Fetching {url}")
        imported = importers.from_url(url, policy=policy, max_bytes=max_bytes)
        return _finish_import(task.id, db_path, imported, username, channel)
    except (importers.ImportRefused, StoreError) as error:
        # The code and facts let the workbench word the failure; the message is the command line's.
        facts = {"code": error.code, "facts": error.facts, "url": url}
        set_progress(task.id, "failed", str(error), **facts)
        return {"error": str(error)}


@huey.task(context=True)
def import_text(
    db_path: str,
    data: bytes,
    title: str | None,
    username: str | None,
    as_html: bool = False,
    max_bytes: int = importers.DEFAULT_MAX_BYTES,
    channel: str = "system",
    task=None,
):
    """Store a pasted or uploaded article that is large enough to take a while. A paste is
    always plain text (as_html=False): markup in it is kept as characters, never parsed."""
    try:
        set_progress(task.id, "splitting", "Reading the text")
        if as_html:
            imported = importers.from_html(data, max_bytes=max_bytes)
        else:
            imported = importers.from_text(data, max_bytes=max_bytes)
        if title:
            imported.title = title
        return _finish_import(task.id, db_path, imported, username, channel)
    except (importers.ImportRefused, StoreError) as error:
        set_progress(task.id, "failed", str(error))
        # The same text would be refused again: do not keep megabytes for a retry.
        forget_input(task.id)
        return {"error": str(error)}


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@huey.task(context=True)
def import_files(
    db_path: str,
    files: list[tuple[str, bytes]],
    username: str | None,
    max_bytes: int = importers.DEFAULT_MAX_BYTES,
    channel: str = "system",
    task=None,
):
    """Store several uploaded files (and the articles in .jsonl or .csv files) through the bulk
    importer, with progress counted per item and, at the end, what happened to each one."""
    from factcheck import bulk_import

    items = bulk_import.upload_items(files, max_bytes=max_bytes)
    total = len(items)
    noun = "file" if total == len(files) else "article"
    done = 0
    step = max(1, total // 100)  # at most about a hundred progress writes

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if done % step == 0 or done == total:
            set_progress(task.id, "saving", f"Read {done:,} of {_count(total, noun)}")

    set_progress(task.id, "saving", f"Read 0 of {_count(total, noun)}")
    db = database.connect(db_path)
    try:
        actor = actor_for(db, username).via(channel) if username else SYSTEM
        summary = bulk_import.import_items(db, items, actor=actor, progress=advance)
    finally:
        db.close()
    outcome = {
        "imported": len(summary.imported),
        "duplicates": len(summary.duplicates),
        "refused": len(summary.refused),
        "items": [
            {
                "source": result.source,
                "status": result.status,
                "article_id": result.article_id,
                "reason": result.reason,
            }
            for result in summary.results
        ],
    }
    set_progress(task.id, "done", "Imported", **outcome)
    forget_input(task.id)
    return {"imported": len(summary.imported), "refused": len(summary.refused)}


@huey.task(context=True)
def archive_evidence(
    db_path: str,
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    archive_url: str | None = None,
    username: str | None = None,
    channel: str = "system",
    task=None,
) -> dict:
    """Fetch an evidence page and keep a copy of it (or the reason it could not be fetched).
    With `archive_url`, the copy is fetched from that public web archive address instead, on
    behalf of `username`."""
    try:
        return _archive(db_path, url, policy, archive_url, username, channel)
    finally:
        if task is not None:
            _archive_ended(url, task.id)


def _archive(db_path, url, policy, archive_url=None, username=None, channel="system") -> dict:
    source = archive_url or url
    try:
        page = fetch(source, policy=policy, accept=ARCHIVE_TYPES, max_bytes=ARCHIVE_MAX_BYTES)
        title, text = copies.title_and_text(page.body, page.content_type, page.encoding, page.url)
        snapshot = {
            "status": "archived",
            "http_status": page.status,
            "content_type": page.content_type,
            "content_sha256": hashlib.sha256(page.body).hexdigest(),
            "title": title,
            "text": text,
            "body": page.body,
        }
    except (FetchError, importers.ImportRefused) as error:
        snapshot = {"status": "failed", "error": str(error)}
    if archive_url:
        snapshot.update(kind="web_archive", archive_url=archive_url)
    db = database.connect(db_path)
    try:
        actor = actor_for(db, username).via(channel) if username else SYSTEM
        row = snapshot_store.record_snapshot(db, url, actor=actor, **snapshot)
    finally:
        db.close()
    return {"snapshot_id": row["id"], "status": row["status"]}


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


@huey.task()
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


@huey.task()
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
