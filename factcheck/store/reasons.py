"""Reading the check-worthiness reasons stored with claims, grouped for reporting."""

import json

from factcheck.db import Database
from factcheck.store.mutation import query


@query
def reason_combinations(db: Database) -> list[tuple[tuple[str, ...], int]]:
    """Each distinct set of reasons among the claims (not the non-claims), with how many claims
    have it. Sets are few (hundreds to a few thousand), so this stays small on any database."""
    rows = db.execute(
        "SELECT reasons, count(*) FROM claims WHERE kind = 'claim' GROUP BY reasons"
    ).fetchall()
    return [(tuple(json.loads(reasons)), count) for reasons, count in rows]
