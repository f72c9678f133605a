"""Import jobs: a page fetched from a URL, a paste or upload too big to store while the browser
waits, and several uploaded files; each reports its progress as it goes (job_progress.py).

A single article nearly the same as one already stored is held back, not stored: the job ends
"held" with the earlier articles named, and import_article stores it if the reviewer says so.
Several files are never held (a bulk import must not stop for a question): their summary names
each near copy it imported."""

from factcheck import db as database
from factcheck import importers, job_progress
from factcheck.ingest import ingest_imported, near_copies_stored
from factcheck.jobs import stored_task
from factcheck.network.fetch import DEFAULT_POLICY, FetchPolicy
from factcheck.shared_words import counted
from factcheck.store.actors import SYSTEM
from factcheck.store.audit_seal import SealError
from factcheck.store.errors import StoreError
from factcheck.store.users import actor_for


def _failure(error: Exception) -> dict:
    """A failed import's code and facts, for the front end to word; `store_error` marks a refusal
    by the store (its codes are worded apart from a fetch's or an import's)."""
    return {
        "code": getattr(error, "code", None),
        "facts": getattr(error, "facts", {}),
        "store_error": isinstance(error, StoreError),
    }


def _unsigned(job_id: str, error: SealError) -> dict:
    """End a job whose article could not be stored because the audit trail cannot be signed.
    Its input is kept: once the key is back, "Try again" stores it."""
    job_progress.set_progress(job_id, "failed", str(error), seal_error=True)
    return {"error": str(error)}


def _held(job_id: str, db_path: str, imported, username: str | None, channel: str) -> dict | None:
    """Hold the article back when earlier articles are nearly the same; None when none is."""
    db = database.connect(db_path)
    try:
        similar = near_copies_stored(db, imported)
    finally:
        db.close()
    if not similar:
        return None
    job_progress.hold(
        job_id, "import_article", (db_path, imported, username), {"channel": channel}, similar
    )
    return {"held": True, "near_copies": similar}


def _finish_import(
    job_id: str,
    db_path: str,
    imported,
    username: str | None,
    channel: str,
    *,
    check_near_copies: bool = True,
) -> dict:
    if check_near_copies:
        held = _held(job_id, db_path, imported, username, channel)
        if held is not None:
            return held
    job_progress.set_progress(job_id, "saving", "Splitting into claims and saving")
    db = database.connect(db_path)
    try:
        # The audit row names the door the import came through, not the worker that ran it.
        actor = actor_for(db, username).via(channel) if username else SYSTEM
        # Many claims are matched against the library by a job of their own: the article opens
        # as soon as it is stored, its previous checks arriving after.
        result = ingest_imported(db, imported, actor=actor, db_path=db_path)
    finally:
        db.close()
    outcome = {
        "article_id": result.article_id,
        "claims": result.claims,
        "duplicate": result.duplicate,
        "near_copies": result.near_copies,
        # Stored although nearly the same as these: the reviewer chose to, so nothing to warn of.
        "near_copy_accepted": not check_near_copies,
    }
    job_progress.set_progress(job_id, "done", "Imported", **outcome)
    job_progress.forget_input(job_id)
    return outcome


@stored_task(context=True)
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
        job_progress.set_progress(task.id, "fetching", f"Fetching {url}")
        imported = importers.from_url(url, policy=policy, max_bytes=max_bytes)
        return _finish_import(task.id, db_path, imported, username, channel)
    except (importers.ImportRefused, StoreError) as error:
        # The code and facts let the workbench word the failure; the message is for logs.
        facts = {**_failure(error), "url": url}
        job_progress.set_progress(task.id, "failed", str(error), **facts)
        return {"error": str(error)}
    except SealError as error:
        return _unsigned(task.id, error)


@stored_task(context=True)
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
        job_progress.set_progress(task.id, "splitting", "Reading the text")
        if as_html:
            imported = importers.from_html(data, max_bytes=max_bytes)
        else:
            imported = importers.from_text(data, max_bytes=max_bytes)
        if title:
            imported.title = title
        return _finish_import(task.id, db_path, imported, username, channel)
    except (importers.ImportRefused, StoreError) as error:
        job_progress.set_progress(task.id, "failed", str(error), **_failure(error))
        # The same text would be refused again: do not keep megabytes for a retry.
        job_progress.forget_input(task.id)
        return {"error": str(error)}
    except SealError as error:
        return _unsigned(task.id, error)


@stored_task(context=True)
def import_article(
    db_path: str, imported, username: str | None, channel: str = "system", task=None
):
    """Store an article a URL or text import held back as a near copy, now that the reviewer has
    chosen "Import anyway" (the check is not made again)."""
    try:
        return _finish_import(
            task.id, db_path, imported, username, channel, check_near_copies=False
        )
    except StoreError as error:
        job_progress.set_progress(task.id, "failed", str(error), **_failure(error))
        return {"error": str(error)}
    except SealError as error:
        return _unsigned(task.id, error)


@stored_task(context=True)
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
            job_progress.set_progress(task.id, "saving", f"Read {done:,} of {counted(total, noun)}")

    job_progress.set_progress(task.id, "saving", f"Read 0 of {counted(total, noun)}")
    db = database.connect(db_path)
    try:
        actor = actor_for(db, username).via(channel) if username else SYSTEM
        summary = bulk_import.import_items(db, items, actor=actor, progress=advance)
    except SealError as error:
        # Each article is its own transaction: those stored before the key went are kept.
        return _unsigned(task.id, error)
    finally:
        db.close()
    outcome = {
        "imported": len(summary.imported),
        "duplicates": len(summary.duplicates),
        "refused": len(summary.refused),
        "noun": noun,  # what was counted: files, or the articles of .jsonl and .csv files
        "items": [
            {
                "source": result.source,
                "status": result.status,
                "article_id": result.article_id,
                "code": result.code,
                "facts": result.facts,
                "near_copies": result.near_copies,
            }
            for result in summary.results
        ],
    }
    job_progress.set_progress(task.id, "done", "Imported", **outcome)
    job_progress.forget_input(task.id)
    return {"imported": len(summary.imported), "refused": len(summary.refused)}
