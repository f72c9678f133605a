"""The library's sentence embeddings in the database: items still to embed, writing their vectors,
and all of them read into memory once per change."""

from collections import OrderedDict

import numpy as np

from factcheck.db import Database
from factcheck.matching.dense import DenseIndex
from factcheck.matching.embedding import MODEL_ID, from_bytes, to_bytes
from factcheck.matching.reference import claim_projection
from factcheck.store.audit_seal import database_file
from factcheck.store.mutation import derived_index, query

#: Databases whose vectors a process keeps in memory at once (a server uses one).
_KEPT = 4
_loaded: "OrderedDict[str, DenseIndex]" = OrderedDict()

_MISSING_SQL = """
SELECT i.id, i.origin, i.claim, i.title FROM library_items AS i
LEFT JOIN library_vectors AS v ON v.library_id = i.id
WHERE (v.library_id IS NULL OR v.model != :model)
"""


@query
def missing(db: Database, limit: int, after: int = 0) -> list[dict]:
    """Up to `limit` items after id `after` without vectors of the current model, in id order:
    id, origin, claim, title."""
    sql = f"{_MISSING_SQL} AND i.id > :after ORDER BY i.id LIMIT :limit"
    return list(db.query(sql, {"model": MODEL_ID, "limit": limit, "after": after}))


@query
def count_missing(db: Database) -> int:
    """How many items lack vectors of the current model, from two counts (a vector's row goes
    with its item), so asking costs little when none do."""
    sql = (
        "SELECT (SELECT count(*) FROM library_items)"
        " - (SELECT count(*) FROM library_vectors WHERE model = ?)"
    )
    return db.execute(sql, [MODEL_ID]).fetchone()[0]


@derived_index
def store(db: Database, items: list[dict], claims: np.ndarray, titles: np.ndarray) -> int:
    """Write the vectors computed from these items' claim and title, for each item that still
    holds those very texts (one changed meanwhile is left for the next pass). Returns how many
    were written."""
    written = 0
    for item, claim, title in zip(items, claims, titles, strict=True):
        cursor = db.execute(
            "INSERT OR REPLACE INTO library_vectors (library_id, model, claim, title)"
            " SELECT :id, :model, :claim_vector, :title_vector WHERE EXISTS ("
            "  SELECT 1 FROM library_items WHERE id = :id AND claim = :claim AND title IS :title)",
            {
                "id": item["id"],
                "model": MODEL_ID,
                "claim_vector": to_bytes(claim),
                "title_vector": to_bytes(title),
                "claim": item["claim"],
                "title": item["title"],
            },
        )
        written += cursor.rowcount
    return written


@query
def dense_index(db: Database) -> DenseIndex:
    """Every item's vectors, read from the database only when they changed since the last read
    by this process."""
    version = db.execute("SELECT version FROM library_vectors_version").fetchone()[0]
    path = database_file(db)
    key = str(path) if path else f"memory:{id(db.conn)}"
    kept = _loaded.get(key)
    if kept is not None and kept.version == version:
        _loaded.move_to_end(key)
        return kept
    rows = db.execute(
        "SELECT library_id, claim, title FROM library_vectors WHERE model = ? ORDER BY library_id",
        [MODEL_ID],
    ).fetchall()
    index = DenseIndex.of(
        version,
        np.array([row[0] for row in rows], dtype=np.int64),
        from_bytes([row[1] for row in rows]),
        from_bytes([row[2] for row in rows], np.float16),
        claim_projection(),
    )
    _loaded[key] = index
    _loaded.move_to_end(key)
    while len(_loaded) > _KEPT:
        _loaded.popitem(last=False)
    return index
