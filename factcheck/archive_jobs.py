"""Archive jobs: a copy of an evidence page (or of its copy in a public web archive) fetched
through the safe fetcher and kept as a snapshot, or the reason it could not be; and the text of
a reviewer's uploaded HTML copy read and its quotes checked, out of the web request.

While a copy is queued or being made (or read), a marker in huey's key-value store says so, for
the evidence card's badge and so that an archive cut off by a crash or restart can be found and
recorded as failed (job_recovery.py)."""

import hashlib
import logging
import time

from factcheck import copies, importers, job_storage
from factcheck import db as database
from factcheck.jobs import huey, stored_task
from factcheck.network.fetch import DEFAULT_POLICY, HTML_TYPES, FetchError, FetchPolicy, fetch
from factcheck.refusal_lines import error_line
from factcheck.store import snapshots as snapshot_store
from factcheck.store.actors import SYSTEM, Actor
from factcheck.store.errors import Invalid, NotFound, StoreError
from factcheck.store.users import actor_for

log = logging.getLogger(__name__)

ARCHIVE_TYPES = HTML_TYPES | {"text/plain", "application/pdf"}
ARCHIVE_MAX_BYTES = 10 * 1024 * 1024
ARCHIVING_PREFIX = "archiving:"
#: After this long in the queue, a copy is shown as waiting for a worker, and the badge stops
#: asking for news every few seconds.
ARCHIVE_WAIT_SECONDS = 300
#: What an uploaded copy whose text could not be read records (archive_words puts it in words).
UNREADABLE_COPY = "the uploaded copy could not be read as an HTML page"


def _archiving_key(url: str) -> str:
    return f"{ARCHIVING_PREFIX}{url}"


def queue_archive(
    db_path: str,
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    *,
    archive_url: str | None = None,
    archive_hosts: tuple[str, ...] = (),
    username: str | None = None,
    channel: str = "system",
) -> None:
    """Queue a copy of an evidence page (from a public web archive when `archive_url` names
    one; `archive_hosts` are the archives the desk adds to the built-in ones), marked as under
    way until the job ends."""
    task = archive_evidence.s(
        db_path,
        url,
        policy,
        archive_url,
        username,
        channel,
        queued_at=database.utc_now(),
        archive_hosts=archive_hosts,
    )
    marker = {"job_id": task.id, "db_path": db_path, "policy": policy, "queued_at": time.time()}
    huey.put(_archiving_key(url), marker)
    huey.enqueue(task)


def archive_queued(url: str) -> bool:
    """Whether a copy of this page is queued or being made."""
    return huey.get(_archiving_key(url), peek=True) is not None


def archive_state(url: str) -> str | None:
    """None when no copy of this page is queued; "queued" while one is queued or being made;
    "waiting" when it has been queued a while and no worker took it (none may be running).
    For an uploaded copy whose text is to be read: "reading", and "reading_waiting"."""
    return archive_states([url])[url]


def archive_states(urls: list[str]) -> dict[str, str | None]:
    """archive_state of each page, asking the queue's store until it fails to answer once: a
    store that hangs (Redis stopped, not gone) costs one wait, not one for every source."""
    states: dict[str, str | None] = dict.fromkeys(urls)
    for url in states:
        try:
            marker = huey.get(_archiving_key(url), peek=True)
        except job_storage.UNREACHABLE:
            # The queue's store is away: the cards show the copies they have.
            log.warning("could not read the job queue for %s", url, exc_info=True)
            break
        states[url] = _state(marker)
    return states


def _state(marker: dict | None) -> str | None:
    if marker is None:
        return None
    prefix = "reading_" if marker.get("reading") else ""
    queued_at = marker.get("queued_at")
    if queued_at is not None and time.time() - queued_at > ARCHIVE_WAIT_SECONDS:
        return prefix + "waiting"
    return "reading" if prefix else "queued"


def archived_now(url: str) -> None:
    """A copy was just made outside the queue (`evidence archive`): the page is no longer
    waiting, whatever job may still be queued for it."""
    huey.delete(_archiving_key(url))


def _archive_ended(url: str, job_id: str) -> None:
    marker = huey.get(_archiving_key(url), peek=True)
    if marker is not None and marker["job_id"] == job_id:
        huey.delete(_archiving_key(url))


@stored_task(context=True)
def archive_evidence(
    db_path: str,
    url: str,
    policy: FetchPolicy = DEFAULT_POLICY,
    archive_url: str | None = None,
    username: str | None = None,
    channel: str = "system",
    queued_at: str | None = None,
    archive_hosts: tuple[str, ...] = (),
    task=None,
) -> dict:
    """Fetch an evidence page and keep a copy of it (or the reason it could not be fetched).
    With `archive_url`, the copy is fetched from that public web archive address instead, on
    behalf of `username`. A job queued at `queued_at` fetches nothing when the page was fetched
    since (seven claims citing one page, "Try again" pressed twice): that copy is the answer."""
    try:
        if archive_url is None and queued_at is not None:
            db = database.kept_connection(db_path)
            since = snapshot_store.fetched_since(db, url, queued_at)
            if since is not None:
                return {"snapshot_id": since["id"], "status": since["status"], "already": True}
        return _archive(db_path, url, policy, archive_url, username, channel, archive_hosts)
    finally:
        if task is not None:
            _archive_ended(url, task.id)


class _LeftTheArchive(Exception):
    """A web archive's address redirected away from the archive (to the live page or elsewhere):
    what came back is no copy the archive kept."""

    def __init__(self, host: str):
        super().__init__(host)
        self.host = host


def _archive(
    db_path, url, policy, archive_url=None, username=None, channel="system", archive_hosts=()
) -> dict:
    source = archive_url or url
    try:
        page = fetch(source, policy=policy, accept=ARCHIVE_TYPES, max_bytes=ARCHIVE_MAX_BYTES)
        elsewhere = archive_url and copies.left_the_archive(archive_url, page.url, archive_hosts)
        if elsewhere:
            raise _LeftTheArchive(elsewhere)
        content_type = copies.fetched_type(page.body, page.content_type)
        if content_type not in ARCHIVE_TYPES:  # a picture, refused as if the server had said so
            raise FetchError(
                "wrong_type",
                {"url": page.url, "content_type": content_type, "expected": sorted(ARCHIVE_TYPES)},
            )
        title, text = copies.title_and_text(page.body, content_type, page.encoding, page.url)
        snapshot = {
            "status": "archived",
            "http_status": page.status,
            "final_url": page.url,
            "content_type": content_type,
            "content_sha256": hashlib.sha256(page.body).hexdigest(),
            "title": title,
            "text": text,
            "body": page.body,
        }
    except _LeftTheArchive as error:
        snapshot = {
            "status": "failed",
            "error": f"the web archive's address led to {error.host}, away from the archive: it"
            " is no copy kept by the archive; give the address of the archive's own copy",
        }
    except (FetchError, importers.ImportRefused) as error:
        # The record keeps the one-line wording; archive_words reads it for the evidence card.
        snapshot = {"status": "failed", "error": error_line(error)}
    if archive_url:
        snapshot.update(kind="web_archive", archive_url=archive_url)
    # A worker archives page after page: its thread keeps its connection between them.
    db = database.kept_connection(db_path)
    actor = actor_for(db, username).via(channel) if username else SYSTEM
    row = snapshot_store.record_snapshot(db, url, actor=actor, **snapshot)
    return {"snapshot_id": row["id"], "status": row["status"]}


def uploader(db: database.Database, username: str | None, channel: str) -> Actor:
    """Who a read copy is kept for: its uploader, or the workbench itself when that account was
    disabled or removed while the copy waited (the upload's own audit row names the uploader)."""
    if not username:
        return SYSTEM
    try:
        return actor_for(db, username).via(channel)
    except StoreError:
        return SYSTEM


def queue_copy_read(
    db_path: str, received: dict, *, username: str | None = None, channel: str = "system"
) -> None:
    """Queue the reading of an uploaded copy `received` (what snapshots.receive_copy kept): its
    page is marked as under way, as for an archive, until the job ends."""
    reading = {
        "evidence_id": received["evidence_id"],
        "content_type": received["content_type"],
        "content_sha256": received["content_sha256"],
        "file_name": received["file_name"],
        "username": username,
        "channel": channel,
    }
    task = read_copy.s(db_path, received["url"], **reading)
    marker = {
        "job_id": task.id,
        "db_path": db_path,
        "queued_at": time.time(),
        "reading": reading,
    }
    huey.put(_archiving_key(received["url"]), marker)
    huey.enqueue(task)


@stored_task(context=True)
def read_copy(
    db_path: str,
    url: str,
    evidence_id: int,
    content_type: str,
    content_sha256: str,
    file_name: str | None = None,
    username: str | None = None,
    channel: str = "system",
    task=None,
) -> dict:
    """Read the text of a reviewer's uploaded copy, already stored, and keep it as the copy of
    the evidence page with its quotes checked (or the reason it could not be read)."""
    try:
        db = database.kept_connection(db_path)
        actor = uploader(db, username, channel)
        data = bytes(snapshot_store.snapshot_file(db, content_sha256)["data"])
        fields: dict = {}
        try:
            fields["title"], fields["text"] = copies.title_and_text(data, content_type, None, url)
        except Exception as error:  # lxml and trafilatura fail in more ways than they document
            log.warning("could not read the uploaded copy %s: %r", content_sha256, error)
            fields["error"] = f"{UNREADABLE_COPY} ({type(error).__name__}: {str(error)[:200]})"
        try:
            row = snapshot_store.attach_copy(
                db,
                evidence_id,
                actor=actor,
                content_type=content_type,
                content_sha256=content_sha256,
                file_name=file_name,
                **fields,
            )
        except (Invalid, NotFound):  # removed while its copy waited: nothing to keep it for
            return {"snapshot_id": None, "status": "skipped"}
        return {"snapshot_id": row["id"], "status": row["status"]}
    finally:
        if task is not None:
            _archive_ended(url, task.id)
