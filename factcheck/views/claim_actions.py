"""The claim panel's actions: triage, evidence, verdicts, second review and comments.

htmx gets the refreshed panel, with the claim's highlight, its row of the ranked list (the whole
list when the claim joined or left it) and the progress bar swapped out of band; a plain form post is redirected (303) back to the article. A refused form
answers 422 with the message beside its field and the input kept; a form opened on an older
version of the claim answers 409 with the other person's change next to yours."""

import logging

from flask import Blueprint, current_app, flash, render_template, request
from werkzeug.exceptions import ServiceUnavailable

from factcheck import job_storage, previous_checks, quote_check
from factcheck.archive_words import fetched_again
from factcheck.db import Database
from factcheck.ids import parse_id
from factcheck.shared_words import not_told_words
from factcheck.store import claim_reads, triage, verdicts
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store import link_checks as link_store
from factcheck.store import snapshots as snapshot_store
from factcheck.store.errors import Conflict, Invalid, NotFound
from factcheck.store.rows import EvidenceItem
from factcheck.views.archive_queue import queue_copy, queue_copy_of_new, queued_state
from factcheck.views.auth_guard import require_role, signed_in_actor
from factcheck.views.claim_forms import FORMS, expected_version, form_values, what_was_done
from factcheck.views.claim_panel import back_to_article, quote_summary_now
from factcheck.views.connection import get_db
from factcheck.views.error_words import SAVED_FIRST
from factcheck.views.evidence_copies import INLINE_TYPES
from factcheck.views.ids import arg_id
from factcheck.views.panel_answers import panel_answer, refused_answer
from factcheck.views.rendering import wants_fragment
from factcheck.views.scale_css import current_scale

bp = Blueprint("claim_actions", __name__)
log = logging.getLogger(__name__)


# Reading the request


def _chosen_evidence() -> list[int] | None:
    """The evidence the verdict form says the verdict rests on, none included; None from a request
    not sent by the panel's form, so the verdict rests on whatever the claim has."""
    if not request.form.get("evidence_listed"):
        return None
    chosen = [parse_id(value) for value in request.form.getlist("evidence")]
    if None in chosen:
        raise Invalid("form.bad_evidence_list")
    return sorted({evidence_id for evidence_id in chosen if evidence_id is not None})


def _match_after_publish(db: Database, claim_id: int, actor) -> None:
    """Offer the newly published verdict to the claims like it (in a background job when they
    are many); the verdict stays published if that cannot be done now."""
    try:
        previous_checks.after_publish(
            db, claim_id, actor=actor, db_path=current_app.config["DATABASE"]
        )
    except job_storage.UNREACHABLE:
        log.exception("could not match claims against the verdict published on %s", claim_id)


def _act(claim_id: int, form_name: str, change, **extra):
    """Run `change(db, actor, values)` for the named form and answer as the request wants;
    what `change` returns, if anything, is said after the words for the change made.

    `extra` goes to the form's template (the evidence item a removal form belongs to)."""
    form = FORMS[form_name]
    db = get_db()
    actor = signed_in_actor()
    claim = claim_reads.get_claim(db, claim_id)
    values = form_values(form, request.form)
    try:
        also = change(db, actor, values)
    except Conflict as conflict:
        saved_first = conflict.facts.get(SAVED_FIRST)
        return panel_answer(claim_id, 409, conflict=(form, values, expected_version(), saved_first))
    except Invalid as error:
        return refused_answer(claim, form, values, error, extra)
    if wants_fragment():
        done = " ".join(filter(None, (what_was_done(form, values), also)))
        return panel_answer(claim_id, before=claim, done=done)
    if also:
        flash(also)
    return back_to_article(claim)


# Triage


@bp.post("/claims/<id:claim_id>/classify")
def classify(claim_id: int):
    def change(db: Database, actor, values):
        triage.classify(
            db,
            claim_id,
            kind=values["kind"],
            reason=values["reason"],
            actor=actor,
            expected_version=expected_version(),
        )

    return _act(claim_id, "classify", change)


@bp.post("/claims/<id:claim_id>/assign")
def assign(claim_id: int):
    def change(db: Database, actor, values):
        triage.assign(
            db,
            claim_id,
            assignee=values["assignee"] or None,
            actor=actor,
            expected_version=expected_version(),
        )

    return _act(claim_id, "assign", change)


# Evidence


@bp.post("/claims/<id:claim_id>/evidence")
def add_evidence(claim_id: int):
    def change(db: Database, actor, values):
        evidence = evidence_store.add_evidence(
            db,
            claim_id,
            url=values["url"],
            stance=values["stance"],
            quote=values["quote"],
            note=values["note"],
            actor=actor,
        )
        queue_copy_of_new(evidence)

    return _act(claim_id, "evidence", change)


def _evidence_of(claim_id: int, evidence_id: int) -> EvidenceItem:
    """The evidence as the panel lists it (with its archived copy), if it belongs to the claim."""
    rows = evidence_store.evidence_for_claim(get_db(), claim_id, include_removed=True)
    item = next((row for row in rows if row["id"] == evidence_id), None)
    if item is None:
        raise NotFound("evidence.not_on_claim", {"claim_id": claim_id, "id": evidence_id})
    return item


@bp.post("/claims/<id:claim_id>/evidence/<id:evidence_id>/remove")
def remove_evidence(claim_id: int, evidence_id: int):
    item = _evidence_of(claim_id, evidence_id)

    def change(db: Database, actor, values):
        evidence_store.remove_evidence(db, evidence_id, reason=values["reason"], actor=actor)

    return _act(claim_id, "remove_evidence", change, item=item, evidence_id=evidence_id)


@bp.get("/claims/<id:claim_id>/evidence/<id:evidence_id>/archive-status")
def archive_status(claim_id: int, evidence_id: int):
    """The archive badge alone; the pending badge asks for it until the copy is kept or fails."""
    item = _evidence_of(claim_id, evidence_id)
    if not wants_fragment():
        return back_to_article(claim_reads.get_claim(get_db(), claim_id))
    return render_template(
        "partials/panel_archive_status.html",
        item=item,
        queued=queued_state(item["url"]),
    )


@bp.post("/claims/<id:claim_id>/evidence/<id:evidence_id>/archive")
def archive_again(claim_id: int, evidence_id: int):
    """Fetch the evidence page again after its archive failed or a restart cut it off; answers
    with the badge, which polls until the new copy is kept or fails."""
    item = _evidence_of(claim_id, evidence_id)
    if item["removed_at"]:
        raise Invalid("evidence.removed", {"id": evidence_id, "doing": "archive"})
    again = fetched_again(item["snapshot_kind"], item["snapshot_error"], item["page_error"])
    if again == "archive" and item["snapshot_archive_url"]:
        # The copy that failed came from a public web archive the reviewer named: that one is
        # fetched again, not the page itself (often refused, or gone, which is why it was named),
        # unless the archive's address itself was refused (it would be refused again).
        queued = queue_copy(item["url"], item["snapshot_archive_url"], signed_in_actor())
    else:
        queued = queue_copy(item["url"])
    if not queued:
        away = ServiceUnavailable(
            "The job queue does not answer just now, so the page was not fetched again. Try"
            " again in a moment."
        )
        away.page_title = "Job queue unavailable"  # type: ignore[attr-defined]
        raise away
    if not wants_fragment():
        return back_to_article(claim_reads.get_claim(get_db(), claim_id))
    item = _evidence_of(claim_id, evidence_id)  # a job run at once has finished already
    return render_template(
        "partials/panel_archive_status.html",
        item=item,
        queued=queued_state(item["url"]),
        done="Archiving the page.",
    )


def _passages(text: str, checks: list[dict]) -> list[tuple[str, str | None]]:
    """The copy's text in pieces, each marked with what a quote check placed on it: "found" (a
    quote found; a quote with omissions, each of its parts), "approximate" (the passage found
    closest to a quote, alike enough) or "misquote" (the closest passage to a quote not found,
    which shows what the page says instead), None for the rest."""
    spans: dict[str, list[tuple[int, int]]] = {
        quote_check.FOUND: [],
        quote_check.APPROXIMATE: [],
        quote_check.NOT_FOUND: [],
    }
    for check in checks:
        if check["start"] is None or check["status"] not in spans:
            continue
        if check["status"] == quote_check.FOUND:
            found = quote_check.quoted_spans(check.get("quote"), text, check["start"], check["end"])
        else:
            found = [(check["start"], check["end"])]
        spans[check["status"]] += found
    every_span = [span for kind in spans.values() for span in kind]
    pieces, at = [], 0
    for piece, marked in quote_check.marked_pieces(text, every_span):
        end = at + len(piece)
        kind = next(
            (
                kind
                for kind in (quote_check.FOUND, quote_check.APPROXIMATE)
                if any(start < end and at < stop for start, stop in spans[kind])
            ),
            "misquote",
        )
        pieces.append((piece, kind if marked else None))
        at = end
    return pieces


@bp.get("/snapshots/<id:snapshot_id>")
def snapshot_page(snapshot_id: int):
    """The archived copy of an evidence page, as text (never as the page's own HTML); ?claim=
    names the claim it was opened from, for the way back."""
    claim_id = arg_id("claim")
    db = get_db()
    snapshot = snapshot_store.get_snapshot(db, snapshot_id)
    checks = snapshot_store.quote_checks_for(db, snapshot_id)
    if claim_id is not None:
        checks = [check for check in checks if check["claim_id"] == claim_id]
    return render_template(
        "snapshot.html",
        snapshot=snapshot,
        claim_id=claim_id,
        checks=checks,
        pieces=_passages(snapshot["text"] or "", checks),
        has_file=snapshot_store.has_file(db, snapshot["content_sha256"]),
        inline_types=INLINE_TYPES,
        link_checks=link_store.checks_of_copy(db, snapshot["url"], snapshot_id, limit=10),
    )


# Verdicts and second review


@bp.post("/claims/<id:claim_id>/verdict")
def save_verdict(claim_id: int):
    """Save the draft verdict; with intent=submit, also send it for second review. The draft rests
    on the evidence ticked on the form (as verdicts.set_verdict chooses when it lists none); the
    store writes nothing for a draft that has not changed. A note for the editor is kept as a
    comment."""

    def change(db: Database, actor, values):
        scale = current_scale()
        updated = verdicts.set_verdict(
            db,
            claim_id,
            rating=values["rating"],
            rationale=values["rationale"],
            actor=actor,
            expected_version=expected_version(),
            evidence_ids=_chosen_evidence(),
            scale=scale,
        )
        version = updated["version"]
        if values["intent"] == "submit":
            try:
                submitted = verdicts.submit_for_review(
                    db,
                    claim_id,
                    actor=actor,
                    expected_version=version,
                    comment=values["comment"],
                    scale=scale,
                )
            except (Invalid, Conflict) as refusal:
                # The draft was saved in its own transaction (a change may land before the
                # submission's): say so, or it reads as lost.
                refusal.facts[SAVED_FIRST] = "Your draft verdict was saved; it was not submitted."
                raise
            return not_told_words(submitted["not_told"])
        if values["comment"].strip():
            added = comment_store.add_comment(db, claim_id, body=values["comment"], actor=actor)
            return not_told_words(added["not_told"])
        return None

    return _act(claim_id, "verdict", change)


@bp.post("/claims/<id:claim_id>/correct")
def correct_verdict(claim_id: int):
    def change(db: Database, actor, values):
        verdicts.correct_verdict(
            db,
            claim_id,
            rating=values["rating"],
            rationale=values["rationale"],
            reason=values["reason"],
            actor=actor,
            expected_version=expected_version(),
            evidence_ids=_chosen_evidence(),
            scale=current_scale(),
        )

    return _act(claim_id, "correct", change)


@bp.post("/claims/<id:claim_id>/withdraw-correction")
def withdraw_correction(claim_id: int):
    def change(db: Database, actor, values):
        verdicts.withdraw_correction(
            db,
            claim_id,
            reason=values["reason"],
            actor=actor,
            expected_version=expected_version(),
        )

    return _act(claim_id, "withdraw", change)


@bp.post("/claims/<id:claim_id>/recall")
def recall_verdict(claim_id: int):
    def change(db: Database, actor, values):
        verdicts.recall_from_review(db, claim_id, actor=actor, expected_version=expected_version())

    return _act(claim_id, "recall", change)


@bp.post("/claims/<id:claim_id>/approve")
@require_role("editor", "admin")
def approve(claim_id: int):
    def change(db: Database, actor, values):
        seen = request.form.get("quotes_seen")
        claim = claim_reads.get_claim(db, claim_id)
        # At another version the approval is refused as stale anyway, with the conflict panel.
        if seen is not None and claim["version"] == expected_version():
            now = quote_summary_now(db, claim_id)
            if (now or "") != seen:
                raise Invalid("verdict.quotes_changed", {"claim_id": claim_id})
        approved = verdicts.approve(
            db,
            claim_id,
            actor=actor,
            expected_version=expected_version(),
            comment=values["comment"],
        )
        _match_after_publish(db, claim_id, actor)
        return not_told_words(approved["not_told"])

    return _act(claim_id, "approve", change)


@bp.post("/claims/<id:claim_id>/return")
@require_role("editor", "admin")
def return_verdict(claim_id: int):
    def change(db: Database, actor, values):
        returned = verdicts.return_for_changes(
            db,
            claim_id,
            actor=actor,
            comment=values["comment"],
            expected_version=expected_version(),
        )
        return not_told_words(returned["not_told"])

    return _act(claim_id, "return", change)


# Comments


@bp.post("/claims/<id:claim_id>/comments")
def add_comment(claim_id: int):
    def change(db: Database, actor, values):
        added = comment_store.add_comment(db, claim_id, body=values["comment"], actor=actor)
        return not_told_words(added["not_told"])

    return _act(claim_id, "comment", change)
