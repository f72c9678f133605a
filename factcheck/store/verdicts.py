"""Verdicts and second review: rating a claim, submitting, approving, returning and correcting."""

import json

from factcheck.db import utc_now
from factcheck.scales import Scale, default_scale
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.claim_state import (
    check_version,
    load_claim,
    require_claim_kind,
    state_of,
    update_claim,
)
from factcheck.store.comments import insert_comment
from factcheck.store.errors import Forbidden, Invalid
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
            f"{what} needs a reason of at least {MIN_REASON_CHARS} characters", field="reason"
        )
    return text


def _latest_verdict(db, claim_id: int, states: tuple[str, ...]) -> dict | None:
    """The claim's newest verdict in one of these states, if any."""
    marks = ", ".join("?" * len(states))
    rows = list(
        db.query(
            f"SELECT * FROM verdicts WHERE claim_id = ? AND state IN ({marks})"
            " ORDER BY id DESC LIMIT 1",
            [claim_id, *states],
        )
    )
    return rows[0] if rows else None


def _open_verdict(db, claim_id: int) -> dict | None:
    """The verdict being worked on (draft or in review), if any."""
    return _latest_verdict(db, claim_id, ("draft", "in_review"))


def _published_verdict(db, claim_id: int) -> dict | None:
    return _latest_verdict(db, claim_id, ("published",))


def _live_evidence_ids(db, claim_id: int) -> list[int]:
    rows = db.execute(
        "SELECT id FROM evidence WHERE claim_id = ? AND removed_at IS NULL ORDER BY id", [claim_id]
    )
    return [row[0] for row in rows]


def _verdict_summary(verdict: dict) -> dict:
    keys = ("id", "rating", "rating_label", "rationale", "state", "evidence_ids", "correction_of")
    summary = {key: verdict[key] for key in keys}
    summary["evidence_ids"] = json.loads(verdict["evidence_ids"])
    return summary


def _reload_verdict(db, verdict_id: int) -> dict:
    return next(iter(db.query("SELECT * FROM verdicts WHERE id = ?", [verdict_id])))


def _write_draft(db, claim, *, rating, rationale, evidence_ids, actor, correction=None) -> dict:
    problem = rationale_problem(rationale)
    if problem:
        raise Invalid(problem, field="rationale")
    live = _live_evidence_ids(db, claim["id"])
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
    draft = _open_verdict(db, claim["id"])
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
    return _reload_verdict(db, cursor.lastrowid)


def _rating(scale: Scale | None, name: str):
    scale = scale or default_scale()
    rating = scale.find(name or "")
    if rating is None:
        raise Invalid(
            f"{name!r} is not on the rating scale; use one of {scale.choices()}", field="rating"
        )
    return rating


def _needs_person(actor: Actor) -> None:
    if actor.id is None:
        raise Forbidden("verdicts are written by people: give --as USERNAME")


@mutation
def set_verdict(
    db,
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
    _needs_person(actor)
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    require_claim_kind(claim)
    if claim["status"] == "in_review":
        raise Invalid(
            f"claim {claim_id} is waiting for second review; an editor must return it before"
            " the verdict can change"
        )
    if claim["status"] == "published":
        raise Invalid(f"claim {claim_id} has a published verdict; correct it with a reason instead")
    verdict = _write_draft(
        db,
        claim,
        rating=_rating(scale, rating),
        rationale=rationale,
        evidence_ids=evidence_ids,
        actor=actor,
    )
    updated = update_claim(db, claim, status="in_progress")
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
    db,
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
    _needs_person(actor)
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    if claim["status"] != "published":
        raise Invalid(
            f"claim {claim_id} has no published verdict to correct; set a verdict instead"
        )
    reason = require_reason(reason, "a correction")
    published = _published_verdict(db, claim_id)
    verdict = _write_draft(
        db,
        claim,
        rating=_rating(scale, rating),
        rationale=rationale,
        evidence_ids=evidence_ids,
        actor=actor,
        correction={"correction_of": published["id"], "correction_reason": reason},
    )
    updated = update_claim(db, claim, status="in_progress")
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
    db,
    claim_id: int,
    *,
    actor: Actor,
    expected_version: int | None = None,
    comment: str | None = None,
    scale: Scale | None = None,
) -> dict:
    """Send the draft verdict to a second reviewer."""
    _needs_person(actor)
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    draft = _open_verdict(db, claim_id)
    if claim["status"] != "in_progress" or draft is None or draft["state"] != "draft":
        raise Invalid(f"claim {claim_id} has no draft verdict to submit; set a verdict first")
    rating = _rating(scale, draft["rating"])
    cited = set(json.loads(draft["evidence_ids"])) & set(_live_evidence_ids(db, claim_id))
    if rating.needs_evidence and not cited:
        raise Invalid(
            f"a verdict of {rating.label!r} must rest on evidence; add evidence to the claim"
            " and save the verdict again before submitting"
        )
    db.execute(
        "UPDATE verdicts SET state = 'in_review', submitted_at = ? WHERE id = ?",
        [utc_now(), draft["id"]],
    )
    comment_id = insert_comment(db, claim_id, actor, comment)
    updated = update_claim(db, claim, status="in_review")
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


def _verdict_writers(db, claim_id: int, verdict_id: int) -> set[str]:
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
    db,
    claim_id: int,
    *,
    actor: Actor,
    expected_version: int | None = None,
    comment: str | None = None,
) -> dict:
    """Publish the verdict in review: only an editor who did not write it may do this."""
    _needs_person(actor)
    if not actor.is_editor:
        raise Forbidden(f"only an editor can approve a verdict; {actor.username} is a {actor.role}")
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    verdict = _open_verdict(db, claim_id)
    if claim["status"] != "in_review" or verdict is None or verdict["state"] != "in_review":
        raise Invalid(f"claim {claim_id} is not waiting for review; nothing to approve")
    if actor.username in _verdict_writers(db, claim_id, verdict["id"]):
        raise Forbidden(
            "you wrote this verdict, so you cannot approve it; another editor must review it"
        )
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
    changes = {"status": "published", "verdict": verdict["rating"]}
    if verdict["correction_of"]:
        changes["corrected_at"] = now
    updated = update_claim(db, claim, **changes)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "review.approve",
        before=state_of(claim),
        after={**state_of(updated), "verdict_id": verdict["id"], "comment_id": comment_id},
        reason=_clean(comment),
    )
    return updated


@mutation
def return_for_changes(
    db, claim_id: int, *, actor: Actor, comment: str, expected_version: int | None = None
) -> dict:
    """Send a verdict in review back to its author with a comment saying what to change."""
    _needs_person(actor)
    if not actor.is_editor:
        raise Forbidden(f"only an editor can return a verdict; {actor.username} is a {actor.role}")
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    verdict = _open_verdict(db, claim_id)
    if claim["status"] != "in_review" or verdict is None:
        raise Invalid(f"claim {claim_id} is not waiting for review; nothing to return")
    comment = require_reason(comment, "returning a verdict")
    db.execute(
        "UPDATE verdicts SET state = 'draft', submitted_at = NULL WHERE id = ?", [verdict["id"]]
    )
    comment_id = insert_comment(db, claim_id, actor, comment)
    updated = update_claim(db, claim, status="in_progress")
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
def verdicts_for_claim(db, claim_id: int) -> list[dict]:
    """Every verdict on the claim, oldest first, with evidence ids decoded."""
    rows = db.query("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim_id])
    return [{**row, "evidence_ids": json.loads(row["evidence_ids"])} for row in rows]
