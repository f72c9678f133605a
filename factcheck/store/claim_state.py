"""Shared internals for changing a claim: loading it, version checks, updates, its public state and
its situation as the lifecycle machine reads it."""

import json
from collections.abc import Mapping
from typing import Any

from factcheck.db import Database, utc_now
from factcheck.lifecycle import Situation
from factcheck.store.actors import Actor
from factcheck.store.claim_merges import missing_claim
from factcheck.store.errors import Conflict
from factcheck.store.mutation import query
from factcheck.text import checkworthiness

STATE_FIELDS = ("kind", "reason", "status", "verdict", "assignee_id", "corrected_at", "version")


def load_claim(db: Database, claim_id: int) -> dict:
    rows = list(db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
    if not rows:
        raise missing_claim(db, claim_id)
    return rows[0]


def state_of(claim: Mapping[str, Any]) -> dict:
    return {field: claim[field] for field in STATE_FIELDS}


def check_version(claim: Mapping[str, Any], expected_version: int | None) -> None:
    """Refuse an edit made against an older version of the claim."""
    if expected_version is not None and expected_version != claim["version"]:
        raise Conflict(
            "claim.changed",
            {"claim_id": claim["id"], "expected": expected_version, "version": claim["version"]},
            current=state_of(claim),
        )


def unit_score(text: str, unit: Mapping[str, Any], kind: str, language: str) -> tuple[float, str]:
    """A unit's score and its reasons (JSON) for these words: a claim is scored as the splitter
    scores one; a unit set aside scores 0, as the splitter has it."""
    if kind != "claim":
        return 0.0, "[]"
    value, reasons = checkworthiness.score(
        text, attribution=unit["attribution"], section=unit["section"], language=language
    )
    return value, json.dumps(list(reasons))


def update_claim(db: Database, claim: Mapping[str, Any], **changes: object) -> dict:
    """Apply `changes`, bump the version, and return the claim as it is now. A unit made a claim
    or set aside is scored again, so it takes its place in the queue."""
    kind = changes.get("kind")
    if isinstance(kind, str) and kind != claim["kind"]:
        language = db.execute(
            "SELECT language FROM articles WHERE id = ?", [claim["article_id"]]
        ).fetchone()[0]
        changes["checkworthiness"], changes["reasons"] = unit_score(
            claim["text"], claim, kind, language or "en"
        )
    assignments = ", ".join(f"{field} = :{field}" for field in changes)
    db.execute(
        f"UPDATE claims SET {assignments}, version = version + 1, updated_at = :now WHERE id = :id",
        {**changes, "now": utc_now(), "id": claim["id"]},
    )
    return load_claim(db, claim["id"])


def assignment(assignee_id: int | None, actor: Actor) -> dict:
    """The claim's changes for giving it to `assignee_id` (None: unassigning), with when and by
    whom, which the assignee's inbox reads."""
    if assignee_id is None:
        return {"assignee_id": None, "assigned_at": None, "assigned_by": None}
    return {"assignee_id": assignee_id, "assigned_at": utc_now(), "assigned_by": actor.id}


@query
def situation(db: Database, claim: Mapping[str, Any]) -> Situation:
    """The claim with its verdicts and live evidence, for factcheck.lifecycle to judge a move."""
    verdicts = [
        {**row, "evidence_ids": json.loads(row["evidence_ids"])}
        for row in db.query("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", [claim["id"]])
    ]
    live = db.execute(
        "SELECT id FROM evidence WHERE claim_id = ? AND removed_at IS NULL", [claim["id"]]
    )
    return Situation(claim, tuple(verdicts), frozenset(row[0] for row in live))
