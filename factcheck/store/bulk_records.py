"""Where pages find actions on several claims without reading the audit trail: each bulk action
and undo, each merge or split of units, and the claims it changed
(db/migrations/013_bulk_actions.sql), written beside its audit row."""

from sqlite_utils import Database

from factcheck.store.mutation import query

#: A person's newest bulk action that no undo names (the queue's Undo). The partial index
#: bulk_actions_by_actor walks their actions newest first; bulk_actions_undoing answers each
#: "was it undone?", so the cost is one step per undone action, never a scan of the trail.
_LAST_NOT_UNDONE = (
    "SELECT b.audit_id FROM bulk_actions b WHERE b.actor = ? AND b.undo_of IS NULL"
    " AND b.action LIKE 'bulk.%'"
    " AND NOT EXISTS (SELECT 1 FROM bulk_actions u WHERE u.undo_of = b.audit_id)"
    " ORDER BY b.audit_id DESC LIMIT 1"
)


def note(
    db: Database,
    audit_id: int,
    actor: str,
    action: str,
    claim_ids: list[int],
    *,
    undo_of: int | None = None,
) -> None:
    """Record a bulk action (or undo) whose audit row is `audit_id`, in the same transaction."""
    db.execute(
        "INSERT INTO bulk_actions (audit_id, actor, action, undo_of) VALUES (?, ?, ?, ?)",
        [audit_id, actor, action, undo_of],
    )
    db.conn.executemany(
        "INSERT INTO bulk_action_claims (claim_id, audit_id) VALUES (?, ?)",
        [(claim_id, audit_id) for claim_id in sorted(set(claim_ids))],
    )


def move_claim_links(db: Database, from_id: int, to_id: int) -> None:
    """A unit merged into the one before it: the actions that changed it are now in the history
    of the unit it became part of."""
    db.execute(
        "UPDATE OR IGNORE bulk_action_claims SET claim_id = ? WHERE claim_id = ?", [to_id, from_id]
    )
    db.execute("DELETE FROM bulk_action_claims WHERE claim_id = ?", [from_id])


@query
def last_not_undone(db: Database, actor: str) -> int | None:
    """The audit id of this person's newest bulk action that has not been undone, if any."""
    row = db.execute(_LAST_NOT_UNDONE, [actor]).fetchone()
    return row[0] if row else None


@query
def undone_by(db: Database, audit_id: int) -> int | None:
    """The audit id of the undo that put this bulk action back, if it has been undone."""
    row = db.execute("SELECT audit_id FROM bulk_actions WHERE undo_of = ?", [audit_id]).fetchone()
    return row[0] if row else None


@query
def differences(db: Database, expected: dict[int, tuple]) -> list[tuple[int, str]]:
    """How these tables differ from what the audit trail says (`expected`: for each bulk audit
    row, its actor, action, the action it undid and the set of claim ids it changed), as pairs
    of an audit id and words; `audit verify` reports them."""
    live = {
        row[0]: list(row[1:])
        for row in db.execute("SELECT audit_id, actor, action, undo_of FROM bulk_actions")
    }
    claims: dict[int, set[int]] = {}
    for claim_id, audit_id in db.execute("SELECT claim_id, audit_id FROM bulk_action_claims"):
        claims.setdefault(audit_id, set()).add(claim_id)
    found = []
    for audit_id, (*named, claim_ids) in expected.items():
        row, changed = live.pop(audit_id, None), claims.pop(audit_id, set())
        if row is None:
            found.append((audit_id, "the table of bulk actions lost it"))
        elif row != named or changed != claim_ids:
            found.append((audit_id, "its row or its claims differ from the audit trail"))
    for audit_id in sorted(live.keys() | claims.keys()):
        found.append((audit_id, "it is in a table but the audit trail never recorded it"))
    return found
