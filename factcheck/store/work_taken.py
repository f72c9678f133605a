"""Work taken from a person by someone else, noted for their inbox beside the audit row of the
change, at its time (db/migrations/031 and 033): a claim assigned to them given to another person
or to no one, or merged into another person's claim, and their draft verdict saved over by
another reviewer."""

from collections.abc import Iterable

from factcheck.db import Database
from factcheck.store.actors import Actor

_NOTE = (
    "INSERT INTO work_taken"
    " (user_id, what, taken_at, audit_id, claim_id, unit_id, taken_by, given_to)"
    " SELECT :user, :what, at, id, :claim, :claim, :by, :to FROM audit WHERE id = :audit"
)


def note_claims_given(
    db: Database, audit_id: int, actor: Actor, changes: Iterable[tuple[int, dict, dict]]
) -> None:
    """Note each claim (its id, its state before and after) taken from the person it was
    assigned to, given to another or to no one, unless they gave it away themselves."""
    db.conn.executemany(
        _NOTE,
        [
            {
                "user": before["assignee_id"],
                "what": "claim",
                "claim": claim_id,
                "by": actor.id,
                "to": after["assignee_id"],
                "audit": audit_id,
            }
            for claim_id, before, after in changes
            if before["assignee_id"] is not None
            and after["assignee_id"] != before["assignee_id"]
            and before["assignee_id"] != actor.id
        ],
    )


def note_draft_replaced(
    db: Database, audit_id: int, actor: Actor, claim_id: int, replaced: dict | None
) -> str | None:
    """Note a draft verdict saved over by another reviewer than its author; returns that
    author's username (None when the draft was the actor's own, or there was none)."""
    if replaced is not None and replaced["author_id"] != actor.id:
        db.execute(
            _NOTE,
            {
                "user": replaced["author_id"],
                "what": "draft",
                "claim": claim_id,
                "by": actor.id,
                "to": None,
                "audit": audit_id,
            },
        )
        author = db.execute("SELECT username FROM users WHERE id = ?", [replaced["author_id"]])
        return author.fetchone()[0]
    return None


def move_claim(db: Database, from_id: int, to_id: int) -> None:
    """A unit merged into another: what was taken with it is told of the unit it is part of
    now (the same claim taken by one change counts once)."""
    db.execute("UPDATE OR IGNORE work_taken SET claim_id = ? WHERE claim_id = ?", [to_id, from_id])
    db.execute("DELETE FROM work_taken WHERE claim_id = ?", [from_id])
