"""Shared internals for changing a claim: loading it, version checks, updates and its public state."""

from factcheck.db import utc_now
from factcheck.store.errors import Conflict, Invalid, NotFound

STATE_FIELDS = ("kind", "reason", "status", "verdict", "assignee_id", "corrected_at", "version")


def load_claim(db, claim_id: int) -> dict:
    rows = list(db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
    if not rows:
        raise NotFound(f"there is no claim {claim_id}")
    return rows[0]


def state_of(claim: dict) -> dict:
    return {field: claim[field] for field in STATE_FIELDS}


def check_version(claim: dict, expected_version: int | None) -> None:
    """Refuse an edit made against an older version of the claim."""
    if expected_version is not None and expected_version != claim["version"]:
        raise Conflict(
            f"claim {claim['id']} was changed by someone else since you opened it"
            f" (you had version {expected_version}, it is now at version {claim['version']});"
            " look at the current state and apply your change again",
            current=state_of(claim),
        )


def update_claim(db, claim: dict, **changes) -> dict:
    """Apply `changes`, bump the version, and return the claim as it is now."""
    assignments = ", ".join(f"{field} = :{field}" for field in changes)
    db.execute(
        f"UPDATE claims SET {assignments}, version = version + 1, updated_at = :now WHERE id = :id",
        {**changes, "now": utc_now(), "id": claim["id"]},
    )
    return load_claim(db, claim["id"])


def require_claim_kind(claim: dict) -> None:
    if claim["kind"] != "claim":
        raise Invalid(
            f"claim {claim['id']} is marked as not a claim ({claim['reason']});"
            " classify it as a claim first"
        )
