"""The desk's own identity: the random id its database was given (migration 027)."""

from factcheck.db import Database
from factcheck.store.mutation import query


@query
def desk_id(db: Database) -> str:
    return db.execute("SELECT id FROM desk_identity").fetchone()[0]
