"""Verdicts and second review: rating a claim, submitting, approving, returning and correcting."""

import json

from factcheck import lifecycle
from factcheck.db import Database, inserted_id, utc_now
from factcheck.lifecycle import Situation
from factcheck.scales import Rating, Scale, default_scale
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.claim_state import (
    check_version,
    load_claim,
    situation,
    state_of,
    update_claim,
)
from factcheck.store.comments import insert_comment
from factcheck.store.errors import Invalid
from factcheck.store.library import keep_own_verdict
from factcheck.store.mutation import mutation, query

MIN_RATIONALE_CHARS = 40
MIN_RATIONALE_WORDS = 6
MIN_REASON_CHARS = 10


def rationale_problem(rationale: str) -> str | None:
    """Why a rationale is too thin to publish, or None."""
    text = " ".join((rationale or "").split())
    if len(text) < MIN_RATIONALE_CHARS or len(text.split()) < MIN_RATIONALE_WORDS:
        return (
            f"write a rationale of at least {MIN_RATIONALE_WORDS} words and"
            f" {MIN_RATIONALE_CHARS} characters explaining how the evidence supports the rating"
        )
    return None


def require_reason(reason: str | None, what: str) -> str:
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON_CHARS:
        raise Invalid(
            f"{what} needs a reason of at least {MIN_REASON_CHARS} characters",
            field="reason",
            code="reason.too_short" if text else "reason.missing",
            facts={"what": what, "min_chars": MIN_REASON_CHARS},
        )
    return text


def _verdict_summary(verdict: dict) -> dict:
    keys = ("id", "rating", "rating_label", "rationale", "state", "evidence_ids", "correction_of")
    summary = {key: verdict[key] for key in keys}
    summary["evidence_ids"] = sorted(lifecycle.cited(verdict))
    return summary


def _reload_verdict(db: Database, verdict_id: int) -> dict:
    return next(iter(db.query("SELECT * FROM verdicts WHERE id = ?", [verdict_id])))


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
    """Revise the claim's open draft, or start one; it rests on all live evidence unless
    `evidence_ids` names some."""
    claim = current.claim
    problem = rationale_problem(rationale)
    if problem:
        raise Invalid(
            problem,
            field="rationale",
            code="rationale.too_short" if (rationale or "").strip() else "rationale.missing",
            facts={"min_words": MIN_RATIONALE_WORDS, "min_chars": MIN_RATIONALE_CHARS},
        )
    live = sorted(current.live_evidence)
    if evidence_ids is None:
        evidence_ids = live
    unknown = sorted(set(evidence_ids) - set(live))
    if unknown:
        raise Invalid(
            f"evidence {', '.join(map(str, unknown))} is not attached to claim {claim['id']}",
            field="evidence_ids",
        )
    values = {
        "rating": rating.key,
        "rating_label": rating.label,
        "rating_value": rating.value,
        "rationale": rationale.strip(),
        "evidence_ids": json.dumps(sorted(evidence_ids)),
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
    values.update(correction or {}, claim_id=claim["id"])
    columns = ", ".join(values)
    cursor = db.execute(
        f"INSERT INTO verdicts ({columns}) VALUES ({', '.join(':' + c for c in values)})", values
    )
    return _reload_verdict(db, inserted_id(cursor))


def _rating(scale: Scale | None, name: str) -> Rating:
    scale = scale or default_scale()
    rating = scale.find(name or "")
    if rating is None:
        raise Invalid(
            f"{name!r} is not on the rating scale; use one of {scale.choices()}",
            field="rating",
            code="rating.unknown" if (name or "").strip() else "rating.missing",
            facts={"given": name, "labels": [r.label for r in scale.ratings]},
        )
    return rating


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
    """Write or revise the draft verdict on a claim that is not yet in review or published."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    move = lifecycle.permit("verdict.set", current, actor)
    verdict = _write_draft(
        db,
        current,
        rating=_rating(scale, rating),
        rationale=rationale,
        evidence_ids=evidence_ids,
        actor=actor,
    )
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "verdict.set",
        before=state_of(claim),
        after={**state_of(updated), "verdict_draft": _verdict_summary(verdict)},
    )
    return updated


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
    """Start a correction of a published verdict; it is published again after second review."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    move = lifecycle.permit("verdict.correct", current, actor)
    reason = require_reason(reason, "a correction")
    published = lifecycle.permitted(current.published_verdict)
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
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "verdict.correct",
        before={**state_of(claim), "published_verdict": _verdict_summary(published)},
        after={**state_of(updated), "verdict_draft": _verdict_summary(verdict)},
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
    """Send the draft verdict to a second reviewer."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    move = lifecycle.permit("review.submit", current, actor)
    draft = lifecycle.permitted(current.open_verdict)
    rating = _rating(scale, draft["rating"])
    if rating.needs_evidence and not draft["evidence_ids"]:
        raise Invalid(
            f"a verdict of {rating.label!r} must rest on evidence; add evidence to the claim"
            " and save the verdict again before submitting"
        )
    db.execute(
        "UPDATE verdicts SET state = 'in_review', submitted_at = ? WHERE id = ?",
        [utc_now(), draft["id"]],
    )
    comment_id = insert_comment(db, claim_id, actor, comment)
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.submit",
        before=state_of(claim),
        after={**state_of(updated), "verdict_id": draft["id"], "comment_id": comment_id},
        reason=_clean(comment),
    )
    return updated


def _verdict_writers(db: Database, claim_id: int, verdict_id: int) -> set[str]:
    """Usernames of everyone who wrote or revised this verdict."""
    rows = db.execute(
        "SELECT DISTINCT actor FROM audit WHERE record_type = 'claim' AND record_id = ?"
        " AND action IN ('verdict.set', 'verdict.correct')"
        " AND json_extract(after, '$.verdict_draft.id') = ?",
        [claim_id, verdict_id],
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
    """Publish the verdict in review: only an editor who did not write it may do this."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    verdict = current.open_verdict
    writers = _verdict_writers(db, claim_id, verdict["id"]) if verdict else set()
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
    comment_id = insert_comment(db, claim_id, actor, comment)
    changes = {"status": move.ends, "verdict": verdict["rating"]}
    if verdict["correction_of"]:
        changes["corrected_at"] = now
    updated = update_claim(db, claim, **changes)
    library_id, _ = keep_own_verdict(db, claim_id, verdict["id"])
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
            "comment_id": comment_id,
            "library_id": library_id,
        },
        reason=_clean(comment),
    )
    return updated


@mutation
def return_for_changes(
    db: Database, claim_id: int, *, actor: Actor, comment: str, expected_version: int | None = None
) -> dict:
    """Send a verdict in review back to its author with a comment saying what to change."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    current = situation(db, claim)
    move = lifecycle.permit("review.return", current, actor)
    verdict = lifecycle.permitted(current.open_verdict)
    comment = require_reason(comment, "returning a verdict")
    comment_id = insert_comment(db, claim_id, actor, comment, told_apart=verdict["author_id"])
    db.execute(
        "UPDATE verdicts SET state = 'draft', submitted_at = NULL, returned_at = ?,"
        " returned_by = ?, return_comment_id = ? WHERE id = ?",
        [utc_now(), actor.id, comment_id, verdict["id"]],
    )
    updated = update_claim(db, claim, status=move.ends)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.return",
        before=state_of(claim),
        after={**state_of(updated), "verdict_id": verdict["id"], "comment_id": comment_id},
        reason=comment,
    )
    return updated


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


@query
def verdicts_for_claim(db: Database, claim_id: int) -> list[dict]:
    """Every verdict on the claim, oldest first, with evidence ids decoded."""
    rows = db.query("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id])
    return [{**row, "evidence_ids": json.loads(row["evidence_ids"])} for row in rows]
