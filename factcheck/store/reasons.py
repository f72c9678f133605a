"""Reading the check-worthiness reasons stored with claims, grouped for reporting."""

import json

from factcheck.db import Database
from factcheck.store.mutation import query


@query
def reason_combinations(
    db: Database, newest: int | None = None
) -> list[tuple[tuple[str, ...], int]]:
    """Each distinct set of reasons among the claims (not the non-claims), with how many claims
    have it; with `newest`, among the claims of the newest that many units only. Sets are few
    (hundreds to a few thousand), so the answer stays small on any database."""
    newest_only = " AND id > (SELECT max(id) FROM claims) - :newest" if newest else ""
    rows = db.execute(
        f"SELECT reasons, count(*) FROM claims WHERE kind = 'claim'{newest_only} GROUP BY reasons",
        {"newest": newest},
    ).fetchall()
    return [(tuple(json.loads(reasons)), count) for reasons, count in rows]


@query
def newest_unit_id(db: Database) -> int:
    """The id of the newest unit, 0 with none (ids count the units ever made)."""
    return db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
