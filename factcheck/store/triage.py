"""Triage of a claim: classifying it as a claim or not, and assigning it to a reviewer."""

from factcheck import lifecycle
from factcheck.db import Database
from factcheck.store import audit, work_taken
from factcheck.store.actors import Actor
from factcheck.store.claim_state import (
    assignment,
    check_version,
    load_claim,
    situation,
    state_of,
    update_claim,
)
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.mutation import mutation
from factcheck.store.verdicts import require_reason


@mutation
def classify(
    db: Database,
    claim_id: int,
    *,
    kind: str,
    reason: str,
    actor: Actor,
    expected_version: int | None = None,
) -> dict:
    """Mark a unit as a claim or as not a claim, with the reason."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    lifecycle.permit("claim.classify", situation(db, claim), actor, kind=kind)
    reason = require_reason(reason, "claim.classify")
    updated = update_claim(db, claim, kind=kind, reason=reason if kind == "not_a_claim" else None)
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "claim.classify",
        before=state_of(claim),
        after=state_of(updated),
        reason=reason,
    )
    return updated


@mutation
def assign(
    db: Database,
    claim_id: int,
    *,
    assignee: str | None,
    actor: Actor,
    expected_version: int | None = None,
) -> dict:
    """Assign the claim to a reviewer by username, or unassign it with None."""
    claim = load_claim(db, claim_id)
    check_version(claim, expected_version)
    lifecycle.permit("claim.assign", situation(db, claim), actor)
    assignee_id = None
    if assignee and claim["kind"] != "claim":
        # As the queue's bulk assign: no one is to check a unit set aside, nor told it is theirs.
        # Unassigning it stays open: marking a unit not a claim leaves its assignee in place.
        raise Invalid(
            "claim.not_a_claim", {"claim_id": claim_id, "reason": claim["reason"]}, field="assignee"
        )
    if assignee:
        row = db.execute(
            "SELECT id, disabled FROM users WHERE username = ?", [assignee.strip().lower()]
        ).fetchone()
        if row is None:
            raise NotFound(
                "assignee.unknown",
                {"username": assignee},
                field="assignee",
            )
        if row[1]:
            raise Invalid(
                "assignee.disabled",
                {"username": assignee},
                field="assignee",
            )
        assignee_id = row[0]
    if claim["assignee_id"] == assignee_id:
        return claim
    updated = update_claim(db, claim, **assignment(assignee_id, actor))
    audit_id = audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "claim.assign",
        before=state_of(claim),
        after={**state_of(updated), "assignee": assignee},
    )
    work_taken.note_claims_given(db, audit_id, actor, [(claim_id, claim, updated)])
    return updated
