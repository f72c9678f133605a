"""What a backup is checked against: the number of rows in each table that holds records."""

from factcheck.db import Database
from factcheck.store.mutation import query

COUNTED_TABLES = ("articles", "claims", "verdicts", "evidence", "comments", "users", "audit")


@query
def table_counts(db: Database) -> dict[str, int]:
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED_TABLES
    }
