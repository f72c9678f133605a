"""Bulk actions on many claims at once, and undoing the last one."""

import json
from dataclasses import replace
from typing import Any

from factcheck import lifecycle
from factcheck.db import Database
from factcheck.lifecycle_checks import problems
from factcheck.store import audit
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

ACTIONS = ("not_a_claim", "assign", "status")
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
) -> dict | str:
    """The changes to make to one claim, or the reason it is skipped (the machine's, in short)."""
    facts: dict[str, Any]
    if action == "assign":
        changes, move, facts = assignment(assignee_id, actor), "claim.assign", {}
    elif action == "not_a_claim":
        changes, move = {"kind": "not_a_claim", "reason": value}, "claim.classify"
        facts = {"kind": "not_a_claim"}
    else:
        changes, move, facts = {"status": value}, f"status.{value}", {}
    if all(
        claim[field] == wanted
        for field, wanted in changes.items()
        if field in _RESTORED and field != "reason"
    ):
        return "unchanged"
    refused = lifecycle.refusal(move, situation(db, claim), actor, **facts)
    return refused.short if refused else changes


@mutation
def bulk_update(
    db: Database, claim_ids: list[int], *, action: str, value: str | None, actor: Actor
) -> dict:
    """Apply one action to many claims; claims the lifecycle machine will not move (in review,
    published, or with a draft verdict) are skipped with the reason, not changed.

    `value` is the reason (not_a_claim), a username or None (assign), or a status."""
    if actor.id is None:
        raise Forbidden("bulk actions are made by people")
    ids = sorted({int(i) for i in claim_ids})
    if not ids:
        raise Invalid("select at least one claim first")
    if len(ids) > MAX_CLAIMS:
        raise Invalid(f"a bulk action can change at most {MAX_CLAIMS} claims at once")
    if action not in ACTIONS:
        raise Invalid(f"unknown bulk action {action!r}")
    assignee_id = None
    if action == "status" and value not in lifecycle.SETTABLE_STATUSES:
        raise Invalid("in bulk, a status can only be set to unreviewed or in progress")
    if action == "not_a_claim":
        # As for one claim: the reason stays with each unit and tells the next reviewer why.
        value = require_reason(value, "marking claims as not claims")
    if action == "assign" and value:
        row = db.execute(
            "SELECT id FROM users WHERE username = ? AND disabled = 0", [value.strip().lower()]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no active user {value!r} to assign to")
        assignee_id = row[0]
    changed, skipped = [], {}
    for claim_id in ids:
        claim = load_claim(db, claim_id)
        changes = _changes_for(db, claim, action, value, assignee_id, actor)
        if isinstance(changes, str):
            skipped[claim_id] = changes
            continue
        updated = update_claim(db, claim, **changes)
        changed.append({"id": claim_id, "before": state_of(claim), "after": state_of(updated)})
    summary: dict[str, Any] = {
        "bulk_action": action,
        "value": value,
        "claim_ids": [c["id"] for c in changed],
        "changes": changed,
        "skipped": skipped,
    }
    if changed:
        summary["audit_id"] = audit.record(
            db, actor, "claims", None, f"bulk.{action}", after=summary
        )
    return summary


@mutation
def undo_bulk(db: Database, audit_id: int, *, actor: Actor) -> dict:
    """Put back what a bulk action changed, for each claim nobody has touched since and that the
    lifecycle machine allows in its earlier state."""
    rows = list(db.query("SELECT * FROM audit WHERE id = ? AND record_type = 'claims'", [audit_id]))
    if not rows or not rows[0]["action"].startswith("bulk."):
        raise NotFound(f"there is no bulk action {audit_id} to undo")
    if rows[0]["actor"] != actor.username:
        raise Forbidden("you can only undo your own bulk actions")
    original = json.loads(rows[0]["after"])
    restored, skipped = [], {}
    for change in original["changes"]:
        claim = load_claim(db, change["id"])
        if claim["version"] != change["after"]["version"]:
            skipped[change["id"]] = "someone changed it since"
            continue
        before = {field: change["before"][field] for field in _RESTORED}
        current = situation(db, claim)
        broken = problems(replace(current, claim={**claim, **before}))
        if broken:
            skipped[change["id"]] = (
                f"putting it back would break the claim's lifecycle: {broken[0]}"
            )
            continue
        updated = update_claim(db, claim, **before)
        restored.append({"id": claim["id"], "before": state_of(claim), "after": state_of(updated)})
    summary = {
        "undo_of": audit_id,
        "claim_ids": [c["id"] for c in restored],
        "changes": restored,
        "skipped": skipped,
    }
    if restored:
        audit.record(db, actor, "claims", None, "bulk.undo", after=summary)
    return summary


@query
def last_bulk_action(db: Database, username: str) -> dict | None:
    """The newest bulk action by this person that has not been undone, if any."""
    rows = list(
        db.query(
            "SELECT id, at, action, after FROM audit WHERE record_type = 'claims'"
            " AND actor = ? AND action LIKE 'bulk.%' AND action != 'bulk.undo'"
            " AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.record_type = 'claims'"
            "   AND u.action = 'bulk.undo' AND json_extract(u.after, '$.undo_of') = audit.id)"
            " ORDER BY id DESC LIMIT 1",
            [username],
        )
    )
    return rows[0] if rows else None
