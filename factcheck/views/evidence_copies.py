"""A reviewer's own copy of an evidence page (an uploaded file, or a public web archive address),
and the stored bytes of any copy, served so they cannot run script."""

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import UnprocessableEntity

from factcheck import archive_jobs, copies, job_storage
from factcheck.ids import parse_id
from factcheck.shared_words import as_sentence
from factcheck.store import claim_reads
from factcheck.store import evidence as evidence_store
from factcheck.store import link_checks as link_store
from factcheck.store import snapshots as snapshot_store
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.rows import EvidenceItem
from factcheck.views.archive_queue import desk_archive_hosts, queue_copy, queued_state
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.body_limits import takes_body_up_to
from factcheck.views.claim_panel import back_to_article
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.rendering import wants_fragment

bp = Blueprint("evidence_copies", __name__)

# A stored copy is shown inside nothing, runs nothing and loads nothing from anywhere.
FILE_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
# Types a browser shows as a picture; everything else (PDF, HTML) is only ever downloaded.
INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _evidence_of(claim_id: int, evidence_id: int) -> EvidenceItem:
    rows = evidence_store.evidence_for_claim(get_db(), claim_id, include_removed=True)
    item = next((row for row in rows if row["id"] == evidence_id), None)
    if item is None:
        raise NotFound("evidence.not_on_claim", {"claim_id": claim_id, "id": evidence_id})
    return item


def badge(
    claim_id: int,
    evidence_id: int,
    status: int = 200,
    copy_error: dict | None = None,
    done: str | None = None,
    refused: str | None = None,
):
    """The evidence item's archive badge as it is now (htmx), or the article (a plain form);
    `done` says what the action that drew it did, for whoever cannot see the badge change."""
    item = _evidence_of(claim_id, evidence_id)
    if not wants_fragment():
        if status >= 400:
            # The message is already the workbench's own words (see upload_copy).
            raise UnprocessableEntity(copy_error["message"] if copy_error else None)
        return back_to_article(claim_reads.get_claim(get_db(), claim_id))
    html = render_template(
        "partials/panel_archive_status.html",
        item=item,
        queued=queued_state(item["url"]),
        copy_error=copy_error,
        done=done,
        refused=refused,
    )
    return html, status


def _live(claim_id: int, evidence_id: int) -> EvidenceItem:
    item = _evidence_of(claim_id, evidence_id)
    if item["removed_at"]:
        raise Invalid("evidence.removed", {"id": evidence_id, "doing": "copy"})
    return item


@bp.post("/claims/<id:claim_id>/evidence/<id:evidence_id>/copy")
@takes_body_up_to(copies.MAX_COPY_BYTES + UPLOAD_OVERHEAD_BYTES)
def upload_copy(claim_id: int, evidence_id: int):
    """Keep an uploaded PDF, image or HTML file as the copy of the evidence page. An HTML file's
    text is read, and its quote checked, by a job: the badge answered says it is being read."""
    item = _live(claim_id, evidence_id)  # refused for removed evidence before the file is read
    if busy := _still_reading(claim_id, evidence_id, item, "file"):
        return busy
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        error = {"field": "file", "message": "Choose the file to upload first."}
        return badge(claim_id, evidence_id, 422, error)
    data = upload.read(copies.MAX_COPY_BYTES + 1)
    try:
        copy = copies.check_upload(data)
    except copies.CopyRefused as refused:
        error = {"field": "file", "message": as_sentence(str(refused))}
        return badge(claim_id, evidence_id, 422, error)
    actor = signed_in_actor()
    read_later = copies.read_later(copy.content_type)
    # A PDF or an image has no text to read: kept at once, its quote checked as "no text". An
    # HTML page's bytes are kept now and its text read by a job.
    keep = snapshot_store.receive_copy if read_later else snapshot_store.attach_copy
    try:
        received = keep(
            get_db(),
            evidence_id,
            actor=actor,
            data=copy.data,
            content_type=copy.content_type,
            content_sha256=copy.sha256,
            file_name=upload.filename,
        )
    except Invalid as refused:  # published meanwhile: said beside the badge, which stays
        return badge(
            claim_id, evidence_id, 422, {"field": "file", "message": store_error_words(refused)}
        )
    if not read_later:
        return badge(claim_id, evidence_id, done="Your copy is kept.")
    try:
        archive_jobs.queue_copy_read(
            current_app.config["DATABASE"],
            received,
            username=actor.username,
            channel=actor.channel,
        )
    except job_storage.UNREACHABLE:
        error = {
            "field": "file",
            "message": "The job queue could not take the file; try again in a moment.",
        }
        return badge(claim_id, evidence_id, 503, error)
    return badge(claim_id, evidence_id, done="Your copy is kept; its text is being read.")


def _still_reading(claim_id: int, evidence_id: int, item: EvidenceItem, field: str):
    """A refusal while a copy of the page is still being made or read: kept after it, this one
    would be set aside by the one already under way."""
    if archive_jobs.archive_state(item["url"]) is None:
        return None
    message = (
        "A copy of this page is still being made or read; wait until it is kept, then give"
        " another if it is not the right one."
    )
    return badge(claim_id, evidence_id, 409, {"field": field, "message": message})


@bp.post("/claims/<id:claim_id>/evidence/<id:evidence_id>/web-archive")
def web_archive_copy(claim_id: int, evidence_id: int):
    """Fetch the copy of the evidence page a public web archive holds, in the background."""
    item = _live(claim_id, evidence_id)
    if busy := _still_reading(claim_id, evidence_id, item, "archive_url"):
        return busy
    typed = request.form.get("archive_url", "")
    try:
        snapshot_store.refuse_new_copy(get_db(), evidence_id)
    except Invalid as refused:
        error = {"field": "archive_url", "message": store_error_words(refused), "typed": typed}
        return badge(claim_id, evidence_id, 422, error)
    extra = desk_archive_hosts()
    try:
        address = copies.check_web_archive_url(typed, extra, of_page=item["url"])
    except copies.CopyRefused as refused:
        error = {"field": "archive_url", "message": as_sentence(str(refused)), "typed": typed}
        return badge(claim_id, evidence_id, 422, error)
    if not queue_copy(item["url"], address, signed_in_actor()):
        error = {
            "field": "archive_url",
            "message": "The job queue could not take the request; try again in a moment.",
            "typed": typed,
        }
        return badge(claim_id, evidence_id, 503, error)
    return badge(claim_id, evidence_id, done="Fetching the web archive's copy.")


@bp.get("/snapshots/<id:snapshot_id>/file")
def snapshot_file(snapshot_id: int):
    """The stored bytes of a copy: pictures shown, anything else downloaded, and all of it in a
    sandbox with no script, no plug-ins and no requests of its own."""
    db = get_db()
    snapshot = snapshot_store.get_snapshot(db, snapshot_id)
    if not snapshot["content_sha256"] or not snapshot_store.has_file(
        db, snapshot["content_sha256"]
    ):
        raise NotFound("snapshot.no_file", {"id": snapshot_id})
    stored = snapshot_store.snapshot_file(db, snapshot["content_sha256"])
    # The copy's own type: the same bytes may have been stored first under the type a server
    # gave them (an older version kept a screenshot served as "text/html" so).
    content_type = snapshot["content_type"] or stored["content_type"]
    response = Response(bytes(stored["data"]), content_type=content_type)
    name = f"copy-{snapshot_id}.{copies.COPY_EXTENSIONS.get(content_type, 'bin')}"
    disposition = "inline" if content_type in INLINE_TYPES else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response.headers["Content-Security-Policy"] = FILE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/claims/<id:claim_id>/evidence/<id:evidence_id>/acknowledge-change")
def acknowledge_change(claim_id: int, evidence_id: int):
    """Accept what the link watch found on the evidence page, so it stops raising a flag."""
    _evidence_of(claim_id, evidence_id)
    # The check the card showed: a newer one (it found something else) is not accepted unseen.
    shown = request.form.get("check")
    # A check that is no id (a hand-made request) is no check the card showed.
    seen = None if shown is None else (parse_id(shown) or 0)
    try:
        link_store.acknowledge_change(
            get_db(), evidence_id, actor=signed_in_actor(), seen_check=seen
        )
    except Invalid as refusal:
        if seen is None or not wants_fragment():
            raise
        if refusal.code == "evidence.no_page_change":
            # Checked again since, the page is as it was kept: nothing is left to acknowledge.
            said = (
                "The page was checked again: it is as archived, so nothing is left to acknowledge."
            )
            return badge(claim_id, evidence_id, done=said)
        if refusal.code != "evidence.checked_again":
            raise
        # The card drawn again shows what the newest check found, with why nothing was done.
        words = store_error_words(refusal)
        return badge(claim_id, evidence_id, done=words, refused=words)
    return badge(claim_id, evidence_id, done="Change acknowledged.")
