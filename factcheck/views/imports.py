"""Importing from the browser: a paste, an uploaded file or a URL, and the progress of import jobs."""

import base64
import binascii
import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from huey.exceptions import TaskException
from werkzeug.exceptions import RequestEntityTooLarge

from factcheck import (
    import_jobs,
    importers,
    job_presence,
    job_progress,
    job_recovery,
    job_storage,
    jobs,
)
from factcheck.ingest import ingest_imported, near_copies_stored
from factcheck.network.urls import UrlProblem, clean_web_url
from factcheck.shared_words import LOOKS_LIKE_A_SITE
from factcheck.store import articles as article_store
from factcheck.store.errors import NotFound
from factcheck.views import import_words
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_words
from factcheck.views.errors import UNSIGNED_WORDS
from factcheck.views.form_text import reads_nul_itself
from factcheck.views.rendering import json_response, page_or_fragment, wants_fragment

bp = Blueprint("imports", __name__)
log = logging.getLogger(__name__)

SOURCES = ("paste", "file", "url")
# Splitting runs at about 100 sentences a millisecond, so a paste of this size imports within the
# request; anything bigger (and every URL) goes to a background job with a progress page.
DIRECT_IMPORT_MAX_BYTES = 100_000
# Several files (or a .jsonl or .csv file of articles) always run as one background job.
MAX_UPLOAD_FILES = 200
RECORD_SUFFIXES = (".jsonl", ".csv")
FINISHED_STAGES = job_progress.FINISHED_STAGES
STAGE_LABELS = {
    "queued": "Waiting to start…",
    "fetching": "Fetching…",
    "splitting": "Reading the text…",
    "saving": "Splitting into claims…",
    "done": "Imported",
    "failed": "Import failed",
    "held": "Nearly the same as an earlier article",
    "cancelled": "Import cancelled",
}
STAGE_STEPS = ("queued", "fetching", "saving", "done")


QUEUE_DOWN = (
    "The job queue does not answer just now, so this import could not be started; nothing was"
    " lost: try again in a moment, and tell your administrator if it goes on."
)


class FormProblem(Exception):
    """A field of the import form that cannot be used; `field` names it for the page."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ImportSource:
    """What the form asked for: raw bytes to read as text or HTML, or a URL to fetch."""

    kind: str
    data: bytes = b""
    is_html: bool = False
    url: str = ""
    files: tuple[tuple[str, bytes], ...] = ()
    #: One uploaded file's name, and whether it is the file a near-copy warning held in the form
    #: (sent back by "Import anyway", or chosen again unchanged).
    name: str = ""
    held: bool = False


def max_import_bytes() -> int:
    return int(current_app.config["MAX_IMPORT_BYTES"])


def size_label(size: int) -> str:
    """A byte count as people say it: '5 MB', '200 kB', '900 bytes'."""
    for unit, scale in (("MB", 1024 * 1024), ("kB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def _too_large(limit: int) -> str:
    return (
        f"This is larger than the import limit of {size_label(limit)}; import a shorter text or "
        "ask an administrator to raise the limit."
    )


def refusal_words(error: importers.ImportRefused) -> str:
    """An import refusal in the workbench's words."""
    return import_words.refusal_words(error.code, error.facts)


def read_source(form, files, limit: int) -> ImportSource:
    """Check the import form and say which source it names; FormProblem points at a bad field."""
    kind = form.get("source", "paste")
    if kind not in SOURCES:
        raise FormProblem("source", "Choose Paste text, Upload file or From URL.")
    if kind == "url":
        url = form.get("url", "").strip()
        if not url:
            raise FormProblem("url", "Enter the article's address, starting with https://.")
        if not url.lower().startswith(("http://", "https://")):
            if "://" not in url and LOOKS_LIKE_A_SITE.match(url):
                raise FormProblem("url", f"Add https:// at the start: https://{url}")
            raise FormProblem("url", "Only http and https addresses can be imported.")
        try:
            clean_web_url(url)
        except UrlProblem as problem:
            facts = {**problem.facts, "problem": problem.problem}
            raise FormProblem("url", import_words.url_problem_words(facts)) from None
        return ImportSource("url", url=url)
    if kind == "paste":
        data = form.get("text", "").encode("utf-8")
        if not data.strip():
            raise FormProblem("text", "Paste the article text first.")
        if len(data) > limit:
            raise FormProblem("text", _too_large(limit))
        if b"\x00" in data:
            raise FormProblem(
                "text",
                "The pasted text holds null characters (shown as \ufffd), which article text"
                " never has. Remove them, copy the text again from the original, or upload the"
                " file itself.",
            )
        # Pasted text is always plain text, whatever markup it contains.
        return ImportSource("paste", data=data, is_html=False)
    uploads = [upload for upload in files.getlist("file") if upload.filename]
    held = _held_file(form, limit)
    if not uploads and held is not None:
        # An upload held back as a near copy, sent again by "Import anyway" (or "Import", which
        # looks at it again): a browser does not send a file twice, so the warning kept its bytes.
        return _one_file(form.get("held_file_name", ""), held, limit, held=True)
    if not uploads and form.get("near_copy") == "import":
        raise FormProblem(
            "file",
            "Choose the file again, then press Import: the browser does not send a file twice.",
        )
    if not uploads:
        raise FormProblem("file", "Choose an HTML or text file to upload.")
    if len(uploads) > MAX_UPLOAD_FILES:
        raise FormProblem(
            "file",
            f"{len(uploads):,} files is more than the {MAX_UPLOAD_FILES} one upload can take; "
            f"upload them {MAX_UPLOAD_FILES} at a time, or use the factcheck import command.",
        )
    if len(uploads) > 1 or uploads[0].filename.lower().endswith(RECORD_SUFFIXES):
        # Each file is read (a megabyte at a time) up to one byte past the limit, so an oversized
        # one is refused by name in the summary while the others are imported.
        named = tuple(
            (upload.filename, importers.read_capped(upload.stream, limit)) for upload in uploads
        )
        return ImportSource("files", files=named)
    upload = uploads[0]
    data = importers.read_capped(upload.stream, limit)
    return _one_file(upload.filename, data, limit, held=held is not None and data == held)


def _held_file(form, limit: int) -> bytes | None:
    """The file a near-copy warning kept in the form (base64), or None."""
    kept = form.get("held_file", "")
    if not kept:
        return None
    try:
        data = base64.b64decode(kept, validate=True)
    except (binascii.Error, ValueError):
        raise FormProblem("file", "Choose the file again, then press Import.") from None
    if len(data) > limit:
        raise FormProblem("file", _too_large(limit))
    return data


def held_file_room(import_limit: int) -> int:
    """The most characters a near copy's warning keeps of a file in the form (base64 of a file
    imported at once), which the form sends again beside any file chosen since."""
    return -(-min(import_limit, DIRECT_IMPORT_MAX_BYTES) // 3) * 4


def held_file_fields(source: ImportSource) -> dict:
    """What a near-copy warning keeps of an uploaded file so that "Import anyway" can send it
    again: its bytes (base64) and its name."""
    if source.kind != "file":
        return {}
    return {
        "held_file": base64.b64encode(source.data).decode("ascii"),
        "held_file_name": source.name,
    }


def _one_file(name: str, data: bytes, limit: int, *, held: bool = False) -> ImportSource:
    """One uploaded file, read as HTML or as text; FormProblem when it cannot be."""
    if len(data) > limit:
        raise FormProblem("file", _too_large(limit))
    if not data.strip():
        raise FormProblem("file", "The file is empty; choose the file that holds the article.")
    is_html = name.lower().endswith(importers.HTML_SUFFIXES) or importers.looks_like_html(data)
    if not is_html:
        try:
            importers.decode_text(data)
        except importers.ImportRefused as error:
            raise FormProblem("file", refusal_words(error)) from None
    return ImportSource("file", data=data, is_html=is_html, name=name, held=held)


def runs_in_background(source: ImportSource) -> bool:
    """URLs and big texts go to a job with a progress page; small texts import at once."""
    return source.kind in ("url", "files") or len(source.data) > DIRECT_IMPORT_MAX_BYTES


def start_job(source: ImportSource, actor) -> str:
    """Queue the import and return the job id; the progress exists before any worker starts."""
    database, username, channel = current_app.config["DATABASE"], actor.username, actor.channel
    if source.kind == "url":
        policy = current_app.config["FETCH_POLICY"]
        task = import_jobs.import_url.s(
            database, source.url, username, policy, max_import_bytes(), channel=channel
        )
    elif source.kind == "files":
        task = import_jobs.import_files.s(
            database, list(source.files), username, max_import_bytes(), channel=channel
        )
    else:
        task = import_jobs.import_text.s(
            database,
            source.data,
            None,
            username,
            source.is_html,
            max_import_bytes(),
            channel=channel,
        )
    return job_progress.submit_import(task, username)


def read_now(source: ImportSource) -> importers.ImportedArticle:
    if source.is_html:
        return importers.from_html(source.data, max_bytes=max_import_bytes())
    return importers.from_text(source.data, max_bytes=max_import_bytes())


def import_now(imported: importers.ImportedArticle, actor):
    return ingest_imported(get_db(), imported, actor=actor, db_path=current_app.config["DATABASE"])


def form_context(source_kind: str = "paste", **extra) -> dict:
    return {
        "import_source": source_kind,
        "import_values": {},
        "import_problem": None,
        "import_limit_label": size_label(max_import_bytes()),
        "max_upload_files": MAX_UPLOAD_FILES,
        **extra,
    }


def _form_response(status: int, **extra):
    return page_or_fragment("import.html", "partials/import_form.html", status, **extra)


def _refused(kind: str, values: dict, problem: FormProblem):
    """The form again with what was typed, and the problem beside its field (422)."""
    return _form_response(422, **form_context(kind, import_values=values, import_problem=problem))


def _open_article(article_id: int):
    """Send the browser to a freshly imported article: HX-Redirect for htmx, else a 303."""
    target = url_for("articles.article_page", article_id=article_id)
    if wants_fragment():
        response = current_app.make_response(("", 200))
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


@bp.get("/import")
def import_page():
    """The import form; ?source=url&url=... opens it with an address already typed (the way back
    from a failed URL import)."""
    source = request.args.get("source", "paste")
    values = {"url": request.args.get("url", "")[:2000]} if source == "url" else {}
    return _form_response(200, **form_context(source, import_values=values))


@bp.post("/imports")
@reads_nul_itself
def start_import():
    actor = signed_in_actor()
    kind = request.form.get("source", "paste")
    values = {"text": request.form.get("text", ""), "url": request.form.get("url", "")}
    if request.form.get("near_copy") == "cancel":
        # "Cancel" on a near-copy warning: the held text or file is forgotten.
        return _form_response(200, **form_context(kind, near_copy_cancelled=True))
    try:
        source = read_source(request.form, request.files, max_import_bytes())
        if runs_in_background(source):
            try:
                job_id = start_job(source, actor)
            except job_storage.UNREACHABLE:
                log.exception("could not queue an import")
                field = {"paste": "text", "url": "url"}.get(kind, "file")
                problem = FormProblem(field, QUEUE_DOWN)
                return _form_response(
                    503, **form_context(kind, import_values=values, import_problem=problem)
                )
            return _follow_job(job_id)
        imported = read_now(source)
        # An article nearly the same as one already stored (a wire story published again with a
        # line changed) is held back until the reviewer has seen the earlier one and says so.
        # "Import anyway" counts for the file the warning held, not for another one chosen since.
        anyway = request.form.get("near_copy") == "import" and (
            source.kind != "file" or source.held or not request.form.get("held_file")
        )
        if not anyway:
            similar = near_copies_stored(get_db(), imported)
            if similar:
                return _form_response(
                    200,
                    **form_context(
                        kind, import_values=values, near_copies=similar, **held_file_fields(source)
                    ),
                )
        result = import_now(imported, actor)
    except FormProblem as problem:
        return _refused(kind, values, problem)
    except importers.ImportRefused as error:
        field = "text" if kind == "paste" else "file"
        return _refused(kind, values, FormProblem(field, refusal_words(error)))
    if result.duplicate:
        article = article_store.get_article(get_db(), result.article_id)
        return _form_response(200, **form_context(kind, already_imported=article))
    return _open_article(result.article_id)


def opens_article(job: dict) -> bool:
    """A finished import of one new article goes straight to it (a near copy too, once the
    reviewer chose "Import anyway"); several files end on a summary."""
    return (
        job["stage"] == "done"
        and "items" not in job
        and not job.get("duplicate")
        and (not job.get("near_copies") or bool(job.get("near_copy_accepted")))
    )


def _follow_job(job_id: str):
    """Show a started job's progress; one that finished at once opens its article."""
    context = job_context(job_id)
    job = context["job"]
    if opens_article(job):
        return _open_article(job["article_id"])
    if wants_fragment():
        return render_template("partials/import_progress.html", **context), 202
    return redirect(url_for("imports.import_progress", job_id=job_id), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """A body over the request limit is refused before it is read: say so beside the form."""
    problem = FormProblem("size", _too_large(max_import_bytes()))
    return _form_response(413, **form_context("file", import_problem=problem))


def job_state(job_id: str) -> dict:
    """The job's progress, with a crashed job reported as failed."""
    state = job_progress.progress(job_id)
    if state is None or job_progress.owner(job_id) != signed_in_actor().username:
        raise NotFound("import_job.not_found", {"id": job_id})
    state = dict(state)
    if state["stage"] not in FINISHED_STAGES:
        try:
            jobs.huey.result(job_id, preserve=True)
        except TaskException:
            state.update(
                stage="failed",
                message="The import stopped with an unexpected error; try again, and tell your "
                "administrator if it happens twice.",
            )
    return state


def can_retry(job_id: str, state: dict) -> bool:
    """A failed or interrupted import whose input is kept can be queued again, unless its address
    was refused as such (a private network, a port not fetched) or what it gives cannot be
    imported (a PDF, an image)."""
    return (
        state["stage"] == "failed"
        and state.get("code") not in import_words.NOT_WORTH_RETRYING
        and job_progress.kept_input(job_id) is not None
    )


def _stage_label(state: dict) -> str:
    if state.get("resumed_as"):
        return "Imported anyway"
    if state["stage"] == "done" and state.get("items") is not None and not state.get("imported"):
        return "Nothing imported"  # every file or row was refused or already there
    return STAGE_LABELS.get(state["stage"], state["stage"])


def job_context(job_id: str) -> dict:
    # A hold past its time is dropped here, before its page is shown.
    held = job_progress.held_input(job_id)
    state = job_state(job_id)
    if state["stage"] == "failed" and state.get("store_error"):
        state["message"] = store_words(state["code"], state.get("facts") or {})
    elif state["stage"] == "failed" and state.get("code"):
        state["message"] = import_words.refusal_words(state["code"], state.get("facts"))
    elif state["stage"] == "failed" and state.get("interrupted"):
        state["message"] = import_words.INTERRUPTED
    elif state["stage"] == "failed" and state.get("seal_error"):
        state["message"] = UNSIGNED_WORDS
    for item in state.get("items") or []:
        if item.get("status") == "refused" and item.get("code"):
            item["reason"] = import_words.refusal_words(item["code"], item.get("facts"))
    return {
        "job_id": job_id,
        "job": state,
        "stage_label": _stage_label(state),
        "stage_steps": STAGE_STEPS,
        "finished": state["stage"] in FINISHED_STAGES,
        "can_retry": can_retry(job_id, state),
        "can_decide": state["stage"] == "held" and held is not None,
        # `serve --production` runs no jobs: one waits until a `factcheck worker` takes it; and
        # one taken by a worker that has stopped since waits for the next to start.
        "no_worker": state["stage"] not in FINISHED_STAGES and not job_presence.any_alive(),
    }


@bp.get("/imports/<uuid:job_id>")
def import_progress(job_id):
    context = job_context(str(job_id))
    job = context["job"]
    if opens_article(job):
        return _open_article(job["article_id"])
    return page_or_fragment("import.html", "partials/import_progress.html", **context)


@bp.get("/imports/<uuid:job_id>.json")
def import_progress_json(job_id):
    # The same words as the page: a failure's message and each refused item's reason.
    context = job_context(str(job_id))
    return json_response(
        {
            "job_id": str(job_id),
            **context["job"],
            "can_retry": context["can_retry"],
            "no_worker": context["no_worker"],
        }
    )


@bp.post("/imports/<uuid:job_id>/retry")
def retry_import(job_id):
    """Try a failed or interrupted import again with the input it was given, as a new job."""
    if not job_context(str(job_id))["can_retry"]:
        raise NotFound("import_job.cannot_retry", {"id": job_id})
    return _follow_job(job_recovery.retry_import(str(job_id), signed_in_actor().username))


def _still_held(job_id: str) -> bool:
    """Whether this job of the signed-in reviewer's holds a near copy back, still waiting."""
    return bool(job_context(job_id)["can_decide"])


@bp.post("/imports/<uuid:job_id>/import-anyway")
def import_anyway(job_id):
    """Store a held-back near copy after all, as a new job (audited by the store as any import).
    One already decided (or dropped) shows what became of it instead."""
    held = str(job_id)
    if not _still_held(held):
        return _follow_job(held)
    near = (job_progress.progress(held) or {}).get("near_copies", [])
    new_id = job_recovery.retry_import(held, signed_in_actor().username)
    job_progress.set_progress(
        held, "cancelled", "Imported anyway", near_copies=near, resumed_as=new_id
    )
    return _follow_job(new_id)


@bp.post("/imports/<uuid:job_id>/cancel")
def cancel_import(job_id):
    """Forget a held-back near copy: nothing is stored."""
    if _still_held(str(job_id)):
        job_progress.cancel_hold(str(job_id))
    return _follow_job(str(job_id))
