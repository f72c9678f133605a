"""The append-only audit trail: recording a change, reading a record's history, verifying the chain."""

import hashlib
import json
from dataclasses import dataclass

from factcheck.db import utc_now
from factcheck.store.actors import Actor
from factcheck.store.mutation import note_audit_row, query

GENESIS_HASH = "0" * 64


def _as_json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(row: dict, prev_hash: str) -> str:
    """sha256 over the row's content and the previous row's hash."""
    content = [
        prev_hash,
        row["id"],
        row["at"],
        row["actor"],
        row["record_type"],
        row["record_id"],
        row["action"],
        row["before"],
        row["after"],
        row["reason"],
    ]
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def head(db) -> tuple[int, str]:
    """The newest row's id and hash, or (0, genesis) for an empty trail."""
    row = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def record(
    db,
    actor: Actor,
    record_type: str,
    record_id: int | None,
    action: str,
    *,
    before=None,
    after=None,
    reason: str | None = None,
) -> int:
    """Append one audit row; call only inside a @mutation, which holds the write lock."""
    note_audit_row()
    last_id, prev_hash = head(db)
    row = {
        "id": last_id + 1,
        "at": utc_now(),
        "actor": actor.username,
        "record_type": record_type,
        "record_id": record_id,
        "action": action,
        "before": _as_json(before),
        "after": _as_json(after),
        "reason": reason,
    }
    row["prev_hash"] = prev_hash
    row["hash"] = row_hash(row, prev_hash)
    db.execute(
        "INSERT INTO audit (id, at, actor, record_type, record_id, action, before, after, reason,"
        " prev_hash, hash) VALUES (:id, :at, :actor, :record_type, :record_id, :action, :before,"
        " :after, :reason, :prev_hash, :hash)",
        row,
    )
    return row["id"]


def decoded_entry(row: dict) -> dict:
    """An audit row with its before and after states turned back from JSON."""
    return {
        **row,
        "before": json.loads(row["before"]) if row["before"] else None,
        "after": json.loads(row["after"]) if row["after"] else None,
    }


@query
def history(db, record_type: str, record_id: int) -> list[dict]:
    """Every audit row about one record, oldest first, with before/after decoded."""
    rows = db.query(
        "SELECT * FROM audit WHERE record_type = ? AND record_id = ? ORDER BY id",
        [record_type, record_id],
    )
    return [decoded_entry(row) for row in rows]


@dataclass
class ChainReport:
    ok: bool
    rows: int
    head_hash: str
    first_bad_id: int | None = None
    problem: str | None = None


@query
def verify(db) -> ChainReport:
    """Walk the whole chain; report the first row whose hash or link does not match."""
    prev_hash = GENESIS_HASH
    count = 0
    expected_id = 1
    for row in db.query("SELECT * FROM audit ORDER BY id"):
        count += 1
        if row["id"] != expected_id:
            return ChainReport(False, count, prev_hash, row["id"], f"row {expected_id} is missing")
        if row["prev_hash"] != prev_hash:
            return ChainReport(
                False, count, prev_hash, row["id"], "it does not link to the row before it"
            )
        if row_hash(row, prev_hash) != row["hash"]:
            return ChainReport(
                False, count, prev_hash, row["id"], "its content does not match its hash"
            )
        prev_hash = row["hash"]
        expected_id += 1
    return ChainReport(True, count, prev_hash)
