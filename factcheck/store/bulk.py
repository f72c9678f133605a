"""Bulk actions on many claims at once, and undoing the last one."""

import json
from dataclasses import replace
from typing import Any

from factcheck import lifecycle
from factcheck.db import Database
from factcheck.lifecycle_checks import problems
from factcheck.store import audit, bulk_records, work_taken
from factcheck.store.actors import Actor
from factcheck.store.claim_state import (
    assignment,
    load_claim,
    situation,
    state_of,
    update_claim,
)
from factcheck.store.errors import Forbidden, Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.verdicts import require_reason

ACTIONS = ("not_a_claim", "claim", "assign", "status")
# The actions that set what a unit is, each with a reason.
CLASSIFYING = ("not_a_claim", "claim")
MAX_CLAIMS = 500
#: What undo puts back: every field a bulk action can change.
_RESTORED = ("kind", "reason", "status", "assignee_id")


def _changes_for(
    db: Database,
    claim: dict,
    action: str,
    value: str | None,
    assignee_id: int | None,
    actor: Actor,
) -> dict:
    """The changes to make to one claim, or, under "skip", why it is left alone: the lifecycle
    machine's refusal code and facts ("unchanged" when it already is that way)."""
    kind = None
    if action == "assign" and claim["kind"] != "claim":
        # Set aside since the queue was drawn: no one is to check it, nor told it is theirs.
        return {"skip": {"code": "claim.not_a_claim", "status": claim["status"]}}
    if action == "assign":
        changes, move = assignment(assignee_id, actor), "claim.assign"
    elif action in CLASSIFYING:
        # A unit made a claim again keeps no reason of its own: the audit row holds why.
        reason = value if action == "not_a_claim" else None
        changes, move, kind = ({"kind": action, "reason": reason}, "claim.classify", action)
    else:
        changes, move = {"status": value}, f"status.{value}"
    if all(
        claim[field] == wanted
        for field, wanted in changes.items()
        if field in _RESTORED and field != "reason"
    ):
        return {"skip": {"code": "unchanged", "status": claim["status"]}}
    refused = lifecycle.refusal(move, situation(db, claim), actor, kind=kind)
    if refused is not None:
        return {"skip": {**refused.facts, "code": refused.code}}
    return {"changes": changes}


def _skip(claim_id: int, why: dict) -> dict:
    return {**why, "claim_id": claim_id}


def _assignee_id(db, username: str) -> int:
    username = username.strip().lower()
    row = db.execute("SELECT id, disabled FROM users WHERE username = ?", [username]).fetchone()
    if row is None:
        raise NotFound("assignee.unknown", {"username": username}, field="assignee")
    if row[1]:
        raise Invalid("assignee.disabled", {"username": username}, field="assignee")
    return row[0]


def _disabled_person(db: Database, user_id: int | None) -> dict | None:
    """The username and name of the person with this id if they are disabled, else None."""
    if user_id is None:
        return None
    row = db.execute(
        "SELECT username, display_name FROM users WHERE id = ? AND disabled = 1", [user_id]
    ).fetchone()
    return None if row is None else {"username": row[0], "name": row[1] or row[0]}


@mutation
def bulk_update(
    db: Database, claim_ids: list[int], *, action: str, value: str | None, actor: Actor
) -> dict:
    """Apply one action to many claims; claims the lifecycle machine will not move (in review,
    published, or with a draft verdict) are not changed but listed under "skipped", each with the
    refusal's code and facts ({"claim_id": 4, "code": "claim.has_verdict", "status": ...}).

    `value` is the reason (not_a_claim), a username or None (assign), or a status."""
    if actor.id is None:
        raise Forbidden("actor.not_a_person", {"task": "change claims in bulk"})
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        raise Invalid("bulk.nothing_selected")
    if len(ids) > MAX_CLAIMS:
        raise Invalid("bulk.too_many", {"limit": MAX_CLAIMS, "given": len(ids)})
    if action not in ACTIONS:
        raise Invalid("bulk.unknown_action", {"given": action, "actions": list(ACTIONS)})
    assignee_id = None
    if action == "status" and value not in lifecycle.SETTABLE_STATUSES:
        raise Invalid(
            "bulk.status_not_settable",
            {"given": value, "statuses": list(lifecycle.SETTABLE_STATUSES)},
            field="status",
        )
    if action in CLASSIFYING:
        # As for one unit: a reason, which stays with each one set aside and tells the next
        # reviewer why, and is the audit row's "why" either way.
        value = require_reason(value, f"bulk.{action}")
    if action == "assign" and value:
        assignee_id = _assignee_id(db, value)
    changed, skipped = [], []
    for claim_id in ids:
        claim = load_claim(db, claim_id)
        outcome = _changes_for(db, claim, action, value, assignee_id, actor)
        if "skip" in outcome:
            skipped.append(_skip(claim_id, outcome["skip"]))
            continue
        updated = update_claim(db, claim, **outcome["changes"])
        changed.append({"id": claim_id, "before": state_of(claim), "after": state_of(updated)})
    summary: dict[str, Any] = {
        "bulk_action": action,
        "value": value,
        "claim_ids": [c["id"] for c in changed],
        "changes": changed,
        "skipped": skipped,
    }
    if changed:
        # The reason for setting claims aside is the change's "why", as for one claim.
        why = value if action in CLASSIFYING else None
        summary["audit_id"] = audit.record(
            db, actor, "claims", None, f"bulk.{action}", after=summary, reason=why
        )
        bulk_records.note(
            db, summary["audit_id"], actor.username, f"bulk.{action}", summary["claim_ids"]
        )
        work_taken.note_claims_given(db, summary["audit_id"], actor, _handovers(changed))
    return summary


def _handovers(changes: list[dict]) -> list[tuple[int, dict, dict]]:
    return [(change["id"], change["before"], change["after"]) for change in changes]


@mutation
def undo_bulk(db: Database, audit_id: int, *, actor: Actor) -> dict:
    """Put back what a bulk action changed, for each claim nobody has touched since and that the
    lifecycle machine allows in its earlier state; a claim that would go back to someone disabled
    since is left as it is (skipped with "undo.assignee_disabled", their username and name)."""
    rows = list(db.query("SELECT * FROM audit WHERE id = ? AND record_type = 'claims'", [audit_id]))
    if not rows or not rows[0]["action"].startswith("bulk."):
        raise NotFound("bulk.not_found", {"audit_id": audit_id})
    if rows[0]["actor"] != actor.username:
        raise Forbidden("bulk.not_yours", {"audit_id": audit_id, "actor": rows[0]["actor"]})
    if bulk_records.undone_by(db, audit_id) is not None:
        raise Invalid("bulk.already_undone", {"audit_id": audit_id})
    original = json.loads(rows[0]["after"])
    restored: list[dict] = []
    skipped: list[dict] = []
    for change in original["changes"]:
        try:
            claim = load_claim(db, change["id"])
        except NotFound:
            skipped.append(_skip(change["id"], {"code": "claim.merged_away"}))
            continue
        if claim["version"] != change["after"]["version"]:
            skipped.append(_skip(claim["id"], {"code": "claim.changed_since"}))
            continue
        before = {field: change["before"][field] for field in _RESTORED}
        current = situation(db, claim)
        broken = problems(replace(current, claim={**claim, **before}))
        if broken:
            why = {
                "code": "undo.breaks_lifecycle",
                "status": claim["status"],
                "back_to": before["status"],
                "kind": before["kind"],
            }
            skipped.append(_skip(claim["id"], why))
            continue
        if before["assignee_id"] != claim["assignee_id"]:
            gone = _disabled_person(db, before["assignee_id"])
            if gone is not None:
                # Given back, it would wait on someone who cannot sign in, as no assigning may.
                skipped.append(_skip(claim["id"], {"code": "undo.assignee_disabled", **gone}))
                continue
            # Given back by this undo, now: the inbox tells it after what the action took away.
            before.update(assignment(before["assignee_id"], actor))
        updated = update_claim(db, claim, **before)
        restored.append({"id": claim["id"], "before": state_of(claim), "after": state_of(updated)})
    summary = {
        "undo_of": audit_id,
        "claim_ids": [c["id"] for c in restored],
        "changes": restored,
        "skipped": skipped,
    }
    if restored:
        undo_id = audit.record(db, actor, "claims", None, "bulk.undo", after=summary)
        bulk_records.note(
            db, undo_id, actor.username, "bulk.undo", [c["id"] for c in restored], undo_of=audit_id
        )
        work_taken.note_claims_given(db, undo_id, actor, _handovers(restored))
    return summary


@query
def last_bulk_action(db: Database, username: str) -> dict | None:
    """The newest bulk action by this person that has not been undone, if any: its audit row's
    id, time, action and summary (JSON)."""
    audit_id = bulk_records.last_not_undone(db, username)
    if audit_id is None:
        return None
    rows = list(db.query("SELECT id, at, action, after FROM audit WHERE id = ?", [audit_id]))
    return rows[0] if rows else None
