"""Jobs cut off by a crash or a restart: found when the server starts again, marked failed with a
way to try again, and tried again with the input they were given.

A job still waiting in huey's queue survives a restart and simply runs; one a worker had taken
(an import that was fetching or saving, an archive being fetched) is gone from the queue, and only
the progress, input and markers it left in huey's key-value store say it ever existed."""

import logging
import sqlite3

from factcheck import (
    archive_jobs,
    import_jobs,
    job_presence,
    job_progress,
    jobs,
    matching_jobs,
)
from factcheck import db as database
from factcheck.store import snapshots as snapshot_store
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import Invalid, NotFound, StoreError

log = logging.getLogger(__name__)

INTERRUPTED_IMPORT = (
    "the server stopped while this import was running, so it did not finish; try again"
)
INTERRUPTED_ARCHIVE = (
    "the server stopped while this page was being fetched, so no copy was kept; try again"
)
INTERRUPTED_READ = (
    "the server stopped while the uploaded copy was being read, so it was not kept; upload it again"
)
_IMPORT_TASKS = {
    "import_url": import_jobs.import_url,
    "import_text": import_jobs.import_text,
    "import_files": import_jobs.import_files,
    "import_article": import_jobs.import_article,
}


def recover_interrupted(*, starting: bool = True) -> dict[str, list[str]]:
    """Mark every job cut off by a crash or restart as failed (an import, an archive) or queue it
    again (a matching job); call it before this process's workers start (`starting`), and from
    then on as their sweep, every half minute.

    A job another live consumer has in hand is left alone, so a worker may start beside others.
    A job whose consumer stopped is taken back. A job no consumer has marked as its own (taken a
    moment ago, or by a version before the marks) is taken back only on starting with no other
    consumer alive. Returns the import job ids and archive URLs that were recovered."""
    # Every task registered first: the queue's jobs are read back as the tasks they name.
    jobs.load_tasks()
    waiting = {task.id for task in jobs.huey.pending()}
    items = jobs.huey.storage.result_items()  # every key, its value still serialized
    live = job_presence.alive(items)
    owned = job_presence.owners(items)
    # A near copy held back longer than its reviewer had to decide is forgotten here too.
    job_progress.forget_expired_holds()

    def cut_off(job_id: str) -> bool:
        if job_id in waiting:
            return False
        owner = owned.get(job_id)
        if owner is not None:
            return owner not in live
        return starting and not live

    imports: list[str] = []
    archives: list[str] = []
    matching: list[str] = []
    dropped: list[str] = []
    for key, value in items.items():
        if key.startswith(job_progress.PROGRESS_PREFIX):
            job_id = key.removeprefix(job_progress.PROGRESS_PREFIX)
            state = jobs.huey.serializer.deserialize(value)
            # Still queued, finished, or ended by an error huey kept (the progress page says so).
            if (
                state.get("stage") in job_progress.FINISHED_STAGES
                or job_id in items
                or not cut_off(job_id)
            ):
                continue
            job_progress.set_progress(job_id, "failed", INTERRUPTED_IMPORT, interrupted=True)
            imports.append(job_id)
        elif key.startswith(archive_jobs.ARCHIVING_PREFIX):
            url = key.removeprefix(archive_jobs.ARCHIVING_PREFIX)
            marker = jobs.huey.serializer.deserialize(value)
            if not cut_off(marker["job_id"]):
                continue
            if _record_interrupted_archive(marker["db_path"], url, marker.get("reading")):
                jobs.huey.delete(key)
                archives.append(url)
        elif key.startswith(matching_jobs.MATCHING_PREFIX):
            job_id = key.removeprefix(matching_jobs.MATCHING_PREFIX)
            if not cut_off(job_id):
                continue
            marker = jobs.huey.serializer.deserialize(value)
            jobs.huey.delete(key)
            queued = matching_jobs.queue_again(job_id, marker)
            (matching if queued else dropped).append(marker["kind"])
    job_presence.forget_gone(items, live)
    if imports or archives:
        log.warning(
            "marked %d import(s) and %d archive(s) cut off when their worker stopped as failed",
            len(imports),
            len(archives),
        )
    if matching:
        log.warning(
            "queued again %d matching job(s) cut off when their worker stopped", len(matching)
        )
    if dropped:
        log.warning(
            "%d matching job(s) were cut off twice and are not queued again; run `factcheck"
            " library rematch` to match the claims they left",
            len(dropped),
        )
    return {"imports": imports, "archives": archives, "matching": matching}


def _record_interrupted_archive(db_path: str, url: str, reading: dict | None = None) -> bool:
    """Keep a failed archive for the page, so its evidence shows the failure and a retry; for an
    uploaded copy whose reading was cut off, a failed copy of its uploader's, which says to
    upload it again (reading it once more might cut the server off once more)."""
    try:
        db = database.connect(db_path)
        try:
            if reading is None:
                snapshot_store.record_snapshot(
                    db, url, actor=SYSTEM, status="failed", error=INTERRUPTED_ARCHIVE
                )
            else:
                _record_interrupted_read(db, reading)
        finally:
            db.close()
    except (sqlite3.Error, StoreError, OSError) as error:
        log.warning("could not record the interrupted archive of %s: %s", url, error)
        return False
    return True


def _record_interrupted_read(db: database.Database, reading: dict) -> None:
    actor = archive_jobs.uploader(db, reading.get("username"), reading["channel"])
    try:
        snapshot_store.attach_copy(
            db,
            reading["evidence_id"],
            actor=actor,
            content_type=reading["content_type"],
            content_sha256=reading["content_sha256"],
            file_name=reading.get("file_name"),
            error=INTERRUPTED_READ,
        )
    except (Invalid, NotFound):  # the evidence was removed meanwhile: nothing to say it on
        pass


def retry_import(job_id: str, username: str) -> str:
    """Queue a failed import again with the input it was given, as a new job of the same owner;
    for an import held back as a near copy, store its article. The caller has checked that the
    job failed (or was cut off) or is held."""
    kept = job_progress.kept_input(job_id)
    if kept is None or job_progress.owner(job_id) != username:
        raise NotFound("import_job.cannot_retry", {"id": job_id})
    task = _IMPORT_TASKS[kept["task"]].s(*kept["args"], **kept["kwargs"])
    new_id = job_progress.submit_import(task, username)
    job_progress.forget_input(job_id)  # the new job holds the input now
    return new_id


class Workers:
    """Job workers running in threads of this process, saying so to the other consumers."""

    def __init__(self, workers: int) -> None:
        recover_interrupted()
        jobs.STOPPING.clear()
        self.consumer = jobs.start_consumer(workers)
        self._presence = job_presence.Beating(sweep=lambda: recover_interrupted(starting=False))

    def stop(self, graceful: bool = True) -> None:
        """Stop taking jobs (the jobs in hand finish first when `graceful`), then say so."""
        jobs.STOPPING.set()
        try:
            self.consumer.stop(graceful=graceful)
        finally:
            jobs.STOPPING.clear()  # the jobs in hand have ended (or been abandoned)
        self._presence.stop()


def start_workers(workers: int = 2) -> Workers:
    """Job workers for the queue already configured: jobs cut off by a crash or restart taken
    back, then the consumer started. Returns the workers so they can be stopped."""
    return Workers(workers)
