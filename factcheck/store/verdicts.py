"""Verdicts and second review: rating a claim, submitting, approving, returning and correcting."""

import json

from factcheck import lifecycle
from factcheck.db import Database, inserted_id, utc_now
from factcheck.lifecycle import Situation
from factcheck.reveal import has_visible_text, visible_only
from factcheck.scales import Rating, Scale, default_scale
from factcheck.store import audit, retired_ids, work_taken
from factcheck.store.actors import Actor
from factcheck.store.claim_state import (
    check_version,
    load_claim,
    situation,
    state_of,
    update_claim,
)
from factcheck.store.comments import MAX_COMMENT_CHARS, SavedComment, insert_comment
from factcheck.store.errors import Invalid
from factcheck.store.library import keep_own_verdict
from factcheck.store.mutation import mutation, query
from factcheck.text.scripts import UNSPACED, reading_length, spaceless_words

MIN_RATIONALE_CHARS = 40
MIN_RATIONALE_WORDS = 6
MIN_REASON_CHARS = 10
# Long enough for any rationale or reason a reader would finish; past it, a paste went wrong.
MAX_RATIONALE_CHARS = 10_000
MAX_REASON_CHARS = 1_000


def rationale_thin(rationale: str) -> bool:
    """Whether a rationale is too thin to publish: its words and characters are counted as a
    reader sees them (zero-width spaces and other hidden characters count for nothing)."""
    text = " ".join(visible_only(rationale or "").split())
    # Chinese and Japanese put no spaces between words: a character of theirs counts for two
    # characters and half a word ("報告書によると倉庫は..." is a sentence, not one word). Thai,
    # Lao, Khmer and Myanmar put none either: their words are counted by their letters.
    unspaced = len(UNSPACED.findall(text))
    words = len(text.split()) + unspaced // 2 + spaceless_words(text)
    return reading_length(text) < MIN_RATIONALE_CHARS or words < MIN_RATIONALE_WORDS


def require_reason(reason: str | None, what: str, limit: int = MAX_REASON_CHARS) -> str:
    """The reason, tidied; refused when shorter than MIN_REASON_CHARS as a reader sees it (hidden
    characters count for nothing) or longer than `limit`. `what` names the change it is for (a
    move such as "verdict.correct", or "bulk.not_a_claim"), so it can be worded."""
    text = " ".join((reason or "").split()) if has_visible_text(reason) else ""
    if len(" ".join(visible_only(text).split())) < MIN_REASON_CHARS:
        raise Invalid(
            "reason.too_short" if text else "reason.missing",
            {"what": what, "min_chars": MIN_REASON_CHARS},
            field="reason",
        )
    if len(text) > limit:
        raise Invalid("text.too_long", {"what": "reason", "limit": limit}, field="reason")
    return text


def _verdict_summary(verdict: dict) -> dict:
    keys = (
        "id",
        "rating",
        "rating_label",
        "rating_value",
        "rationale",
        "state",
        "evidence_ids",
        "correction_of",
        "created_at",
    )
    summary = {key: verdict[key] for key in keys}
    summary["evidence_ids"] = sorted(lifecycle.cited(verdict))
    return summary


def _with_draft(state: dict, draft: dict | None) -> dict:
    """A claim's state before a draft is saved, with the open draft the save revises (its rating,
    rationale and sources), so the trail shows what was replaced; none (null) before a first."""
    return {**state, "verdict_draft": None if draft is None else _verdict_summary(draft)}


def _reload_verdict(db: Database, verdict_id: int) -> dict:
    return next(iter(db.query("SELECT * FROM verdicts WHERE id = ?", [verdict_id])))


def _unchanged_sources(db: Database, current: Situation, draft: dict) -> list[int]:
    """The live evidence a verdict (the open draft, or the published one a correction starts
    from) rests on, and any added since it was last saved."""
    newer = {
        row[0]
        for row in db.execute(
            "SELECT id FROM evidence WHERE claim_id = ? AND removed_at IS NULL AND added_at > ?",
            [current.claim["id"], draft["created_at"]],
        )
    }
    return sorted((lifecycle.cited(draft) | newer) & current.live_evidence)


def _removed_from(db: Database, claim_id: int, evidence_ids: list[int]) -> list[dict]:
    """Which of these evidence items were on the claim and taken off it: by whom, when and why
    (a verdict form drawn before the removal still ticks them)."""
    marks = ",".join("?" * len(evidence_ids))
    rows = db.execute(
        "SELECT evidence.id, evidence.removed_at, evidence.removal_reason, users.username,"
        " coalesce(users.display_name, users.username) FROM evidence"
        " LEFT JOIN users ON users.id = evidence.removed_by WHERE evidence.claim_id = ?"
        f" AND evidence.removed_at IS NOT NULL AND evidence.id IN ({marks})"
        " ORDER BY evidence.id",
        [claim_id, *evidence_ids],
    ).fetchall()
    return [
        {"id": row[0], "removed_at": row[1], "reason": row[2], "by": row[3], "by_name": row[4]}
        for row in rows
    ]


def _write_draft(
    db: Database,
    current: Situation,
    *,
    rating: Rating,
    rationale: str,
    evidence_ids: list[int] | None,
    actor: Actor,
    correction: dict | None = None,
) -> dict:
    """Revise the claim's open draft, or start one; unless `evidence_ids` names some, a new draft
    rests on all live evidence, and a revised one on what it rested on and any evidence added
    since (as the panel ticks them): a source its author left out is not put back unasked."""
    claim = current.claim
    if rationale_thin(rationale):
        raise Invalid(
            "rationale.too_short" if has_visible_text(rationale) else "rationale.missing",
            {"min_words": MIN_RATIONALE_WORDS, "min_chars": MIN_RATIONALE_CHARS},
            field="rationale",
        )
    if len(rationale.strip()) > MAX_RATIONALE_CHARS:
        raise Invalid(
            "text.too_long",
            {"what": "rationale", "limit": MAX_RATIONALE_CHARS},
            field="rationale",
        )
    live = sorted(current.live_evidence)
    if evidence_ids is None:
        draft = current.open_verdict
        evidence_ids = _unchanged_sources(db, current, draft) if draft else live
    unknown = sorted(set(evidence_ids) - set(live))
    if unknown:
        raise Invalid(
            "evidence.not_attached",
            {
                "claim_id": claim["id"],
                "evidence_ids": unknown,
                "removed": _removed_from(db, claim["id"], unknown),
            },
            field="evidence_ids",
        )
    values = {
        "rating": rating.key,
        "rating_label": rating.label,
        "rating_value": rating.value,
        "rationale": rationale.strip(),
        # A source named twice is cited once, as the audit trail records it.
        "evidence_ids": json.dumps(sorted(set(evidence_ids))),
        "author_id": actor.id,
        "created_at": utc_now(),
    }
    draft = current.open_verdict
    if draft is not None:
        db.execute(
            "UPDATE verdicts SET rating = :rating, rating_label = :rating_label,"
            " rating_value = :rating_value, rationale = :rationale, evidence_ids = :evidence_ids,"
            " author_id = :author_id, created_at = :created_at WHERE id = :id",
            {**values, "id": draft["id"]},
        )
        return _reload_verdict(db, draft["id"])
    values.update(correction or {}, claim_id=claim["id"], id=retired_ids.fresh_id(db, "verdicts"))
    columns = ", ".join(values)
    cursor = db.execute(
        f"INSERT INTO verdicts ({columns}) VALUES ({', '.join(':' + c for c in values)})", values
    )
    return _reload_verdict(db, inserted_id(cursor))


def _same_draft(
    current: lifecycle.Situation, rating: Rating, rationale: str, evidence_ids: list[int] | None
) -> bool:
    """Whether saving this would leave the open draft as it is. Evidence that is no longer live
    is never the same: saving must refuse it."""
    draft = current.open_verdict
    if draft is None or draft["state"] != "draft":
        return False
    chosen = set(current.live_evidence if evidence_ids is None else evidence_ids)
    return (
        draft["rating"] == rating.key
        and draft["rationale"] == (rationale or "").strip()
        and chosen <= current.live_evidence
        and chosen == lifecycle.cited(draft)
    )


def _refuse_unchanged_correction(claim_id: int, published: dict, draft: dict) -> None:
    """A correction sent for review, which readers would be told of, must change what they were
    told: its rating, its rationale or the sources it rests on. (Opening one unchanged is how a
    new source is added to a published verdict.)"""
    if (
        draft["rating"] == published["rating"]
        # Spacing is no change a reader would see.
        and draft["rationale"].split() == published["rationale"].split()
        and lifecycle.cited(draft) == lifecycle.cited(published)
    ):
        raise Invalid("verdict.correction_unchanged", {"claim_id": claim_id}, field="rationale")


def _rating(scale: Scale | None, name: str) -> Rating:
    scale = scale or default_scale()
    rating = scale.find(name or "")
    if rating is None:
        raise Invalid(
            "rating.unknown" if (name or "").strip() else "rating.missing",
            {
                "given": name,
                "labels": [r.label for r in scale.ratings],
                "keys": [r.key for r in scale.ratings],
            },
            field="rating",
        )
    return rating


def _begin(
    db: Database, claim_id: int, expected_version: int | None, move_name: str, actor: Actor
) -> tuple[dict, Situation, lifecycle.Move]:
    """The claim, refused unless at the version expected; how the machine reads it; and the move
    it permits this person now (refused otherwise)."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    return claim, current, lifecycle.permit(move_name, current, actor)


@mutation
def set_verdict(
    db: Database,
    claim_id: int,
    *,
    rating: str,
    rationale: str,
    actor: Actor,
    expected_version: int | None = None,
    evidence_ids: list[int] | None = None,
    scale: Scale | None = None,
) -> dict:
    """Write or revise the draft verdict on a claim that is not yet in review or published.
    Returns the claim, with `replaced_author`: the colleague whose draft this one replaced
    (their inbox says so), or None.

    Saving a draft the same as the open one (same rating, rationale and evidence) writes nothing,
    not even an audit row: the claim comes back at the version it had."""
    claim, current, move = _begin(db, claim_id, expected_version, "verdict.set", actor)
    chosen = _rating(scale, rating)
    if evidence_ids is None and current.open_verdict:
        evidence_ids = _unchanged_sources(db, current, current.open_verdict)
    if _same_draft(current, chosen, rationale, evidence_ids):
        return claim
    replaced = current.open_verdict
    verdict = _write_draft(
        db,
        current,
        rating=chosen,
        rationale=rationale,
        evidence_ids=evidence_ids,
        actor=actor,
    )
    updated = update_claim(db, claim, status=move.ends)
    audit_id = audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "verdict.set",
        before=_with_draft(state_of(claim), replaced),
        after={**state_of(updated), "verdict_draft": _verdict_summary(verdict)},
    )
    replaced_author = work_taken.note_draft_replaced(db, audit_id, actor, claim_id, replaced)
    return updated | {"replaced_author": replaced_author}


@mutation
def correct_verdict(
    db: Database,
    claim_id: int,
    *,
    rating: str,
    rationale: str,
    reason: str,
    actor: Actor,
    expected_version: int | None = None,
    evidence_ids: list[int] | None = None,
    scale: Scale | None = None,
) -> dict:
    """Start a correction of a published verdict; it is published again after second review.
    Returns the claim, with `replaced_author` as set_verdict does."""
    claim, current, move = _begin(db, claim_id, expected_version, "verdict.correct", actor)
    reason = require_reason(reason, "verdict.correct")
    published = lifecycle.permitted(current.published_verdict)
    replaced = current.open_verdict
    if evidence_ids is None:
        # What the correction continues: its own draft (and evidence added since), else the
        # published verdict's sources, as the panel's correction form ticks them.
        evidence_ids = (
            _unchanged_sources(db, current, replaced)
            if replaced
            else sorted(lifecycle.cited(published) & current.live_evidence)
        )
    verdict = _write_draft(
        db,
        current,
        rating=_rating(scale, rating),
        rationale=rationale,
        evidence_ids=evidence_ids,
        actor=actor,
        correction={"correction_of": published["id"], "correction_reason": reason},
    )
    updated = update_claim(db, claim, status=move.ends)
    audit_id = audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "verdict.correct",
        before=_with_draft(
            {**state_of(claim), "published_verdict": _verdict_summary(published)}, replaced
        ),
        after={**state_of(updated), "verdict_draft": _verdict_summary(verdict)},
        reason=reason,
    )
    replaced_author = work_taken.note_draft_replaced(db, audit_id, actor, claim_id, replaced)
    return updated | {"replaced_author": replaced_author}


@mutation
def withdraw_correction(
    db: Database,
    claim_id: int,
    *,
    reason: str,
    actor: Actor,
    expected_version: int | None = None,
) -> dict:
    """Drop a correction still in draft: the draft is deleted (the audit row keeps it) and the
    published verdict stands as readers were told it. One in review is returned first."""
    claim, current, move = _begin(db, claim_id, expected_version, "verdict.withdraw", actor)
    reason = require_reason(reason, "verdict.withdraw")
    draft = lifecycle.permitted(current.open_verdict)
    db.execute("DELETE FROM verdicts WHERE id = ?", [draft["id"]])
    retired_ids.retire(db, "verdicts", draft["id"])
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "verdict.withdraw",
        before={**state_of(claim), "verdict_draft": _verdict_summary(draft)},
        after={**state_of(updated), "withdrawn_verdict_id": draft["id"]},
        reason=reason,
    )
    return updated


@mutation
def submit_for_review(
    db: Database,
    claim_id: int,
    *,
    actor: Actor,
    expected_version: int | None = None,
    comment: str | None = None,
    scale: Scale | None = None,
) -> dict:
    """Send the draft verdict to a second reviewer. Whoever sends it is its author from then on:
    they vouch for it as it stands (everyone who wrote it is in the audit trail, and none of them
    may approve it). Returns the claim, with `not_told` as for approve."""
    claim, current, move = _begin(db, claim_id, expected_version, "review.submit", actor)
    draft = lifecycle.permitted(current.open_verdict)
    rating = _rating(scale, draft["rating"])
    if draft["correction_of"] and current.published_verdict is not None:
        _refuse_unchanged_correction(claim_id, current.published_verdict, draft)
    if rating.needs_evidence and not draft["evidence_ids"]:
        # The claim may have sources the draft leaves out (added after its form was drawn).
        sources = len(current.live_evidence)
        raise Invalid(
            "verdict.needs_evidence",
            {"claim_id": claim_id, "rating": rating.label, "sources": sources},
        )
    now = utc_now()
    db.execute(
        "UPDATE verdicts SET state = 'in_review', submitted_at = ?, author_id = ? WHERE id = ?",
        [now, actor.id, draft["id"]],
    )
    saved = insert_comment(db, claim_id, actor, comment)
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.submit",
        before=state_of(claim),
        after={
            **state_of(updated),
            "verdict_id": draft["id"],
            "comment_id": saved.id if saved else None,
            "author": actor.username,
            # Where the review queue places it, so `audit verify` can tell when it is changed.
            "submitted_at": now,
        },
        reason=_clean(comment),
    )
    return updated | _not_told(saved)


# The audit rows of a claim's trail that wrote, revised or submitted the verdict {verdict}.
_WROTE = (
    "record_type = 'claim' AND record_id = {claim}"
    " AND (action IN ('verdict.set', 'verdict.correct')"
    "   AND json_extract(after, '$.verdict_draft.id') = {verdict}"
    "   OR action = 'review.submit' AND json_extract(after, '$.verdict_id') = {verdict})"
)
#: SQL: the person with the id :me wrote, revised or submitted the verdict `v`, and so may not
#: approve it (the inbox and the dashboard leave it out of what waits for their review).
WRITTEN_BY_ME = (
    "EXISTS (SELECT 1 FROM audit WHERE "
    + _WROTE.format(claim="v.claim_id", verdict="v.id")
    + " AND actor = (SELECT username FROM users WHERE id = :me))"
)


@query
def verdict_writers(db: Database, claim_id: int, verdict_id: int | None) -> set[str]:
    """Usernames of everyone who wrote, revised or submitted this verdict, as the audit trail
    tells it: the people who may not approve it (the panel asks the same to decide whether to
    offer approval)."""
    if verdict_id is None:
        return set()
    rows = db.execute(
        "SELECT DISTINCT actor FROM audit WHERE "
        + _WROTE.format(claim=":claim", verdict=":verdict"),
        {"claim": claim_id, "verdict": verdict_id},
    )
    return {row[0] for row in rows}


@mutation
def approve(
    db: Database,
    claim_id: int,
    *,
    actor: Actor,
    expected_version: int | None = None,
    comment: str | None = None,
) -> dict:
    """Publish the verdict in review: only an editor who did not write it may do this. Returns
    the claim, with `not_told`: the disabled people the note mentions (no inbox tells them)."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    verdict = current.open_verdict
    writers = verdict_writers(db, claim_id, verdict["id"] if verdict else None)
    move = lifecycle.permit("review.approve", current, actor, writers=writers)
    verdict = lifecycle.permitted(verdict)
    now = utc_now()
    if verdict["correction_of"]:
        db.execute(
            "UPDATE verdicts SET state = 'superseded' WHERE id = ?", [verdict["correction_of"]]
        )
    db.execute(
        "UPDATE verdicts SET state = 'published', approved_by = ?, published_at = ? WHERE id = ?",
        [actor.id, now, verdict["id"]],
    )
    saved = insert_comment(db, claim_id, actor, comment)
    changes = {"status": move.ends, "verdict": verdict["rating"]}
    if verdict["correction_of"]:
        changes["corrected_at"] = now
    updated = update_claim(db, claim, **changes)
    library_id, library_item = keep_own_verdict(db, claim_id, verdict["id"])
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.approve",
        before=state_of(claim),
        after={
            **state_of(updated),
            "verdict_id": verdict["id"],
            "comment_id": saved.id if saved else None,
            "library_id": library_id,
            # The library entry as it now stands, so `audit verify` can tell when it is changed.
            "library_item": library_item,
            # The date readers see, so `audit verify` can tell when it is changed.
            "published_at": now,
        },
        reason=_clean(comment),
    )
    return updated | _not_told(saved)


@mutation
def return_for_changes(
    db: Database, claim_id: int, *, actor: Actor, comment: str, expected_version: int | None = None
) -> dict:
    """Send a verdict in review back to its author with a comment saying what to change. Returns
    the claim, with `not_told` as for approve."""
    claim, current, move = _begin(db, claim_id, expected_version, "review.return", actor)
    verdict = lifecycle.permitted(current.open_verdict)
    # The editor's word back becomes a comment in the claim's conversation: a comment's limit.
    comment = require_reason(comment, "review.return", MAX_COMMENT_CHARS)
    saved = insert_comment(db, claim_id, actor, comment, told_apart=verdict["author_id"])
    now = utc_now()
    db.execute(
        "UPDATE verdicts SET state = 'draft', submitted_at = NULL, returned_at = ?,"
        " returned_by = ?, return_comment_id = ? WHERE id = ?",
        [now, actor.id, saved.id if saved else None, verdict["id"]],
    )
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.return",
        before=state_of(claim),
        after={
            **state_of(updated),
            "verdict_id": verdict["id"],
            "comment_id": saved.id if saved else None,
            "returned_at": now,
        },
        reason=comment,
    )
    return updated | _not_told(saved)


@mutation
def recall_from_review(
    db: Database, claim_id: int, *, actor: Actor, expected_version: int | None = None
) -> dict:
    """Take one's own verdict back from review, before an editor approves or returns it: it is a
    draft again, to be changed and sent again. A return it had before is behind it (the draft
    sent since answered it)."""
    claim, current, move = _begin(db, claim_id, expected_version, "review.recall", actor)
    verdict = lifecycle.permitted(current.open_verdict)
    db.execute(
        "UPDATE verdicts SET state = 'draft', submitted_at = NULL, returned_at = NULL,"
        " returned_by = NULL, return_comment_id = NULL WHERE id = ?",
        [verdict["id"]],
    )
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.recall",
        before=state_of(claim),
        after={**state_of(updated), "verdict_id": verdict["id"]},
    )
    return updated


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text if has_visible_text(text) else None


def _not_told(note: SavedComment | None) -> dict:
    """What a review step returns beside the claim: the disabled people its note mentions (no
    inbox tells them), for the person acting to be told."""
    return {"not_told": note.not_told if note else []}


@query
def return_of(db: Database, verdict_id: int) -> dict | None:
    """Who sent this draft back, when and with which comment (its id), while it is a draft that
    an editor returned; None otherwise."""
    row = db.execute(
        "SELECT v.returned_at, u.username, u.display_name, v.return_comment_id FROM verdicts v"
        " LEFT JOIN users u ON u.id = v.returned_by"
        " WHERE v.id = ? AND v.state = 'draft' AND v.returned_at IS NOT NULL",
        [verdict_id],
    ).fetchone()
    if row is None:
        return None
    return {"at": row[0], "by": row[1], "by_name": row[2], "comment_id": row[3]}


@query
def verdicts_for_claim(db: Database, claim_id: int) -> list[dict]:
    """Every verdict on the claim, oldest first, with evidence ids decoded."""
    rows = db.query("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id])
    return [{**row, "evidence_ids": json.loads(row["evidence_ids"])} for row in rows]
