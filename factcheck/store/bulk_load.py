"""Many mutations in one transaction, for bulk loads, with the search index filled at the end."""

from collections.abc import Iterator
from contextlib import contextmanager

from factcheck.db import Database, transaction
from factcheck.store import audit_seal

# The trigger (from migration 001) that indexes each claim as it is inserted.
SEARCH_INSERT_TRIGGER = "claims_fts_insert"


@contextmanager
def bulk_load(db: Database) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT around many @mutation calls, each still writing its own audit row.

    Claims inserted inside are added to the search index in one statement just before the
    commit: storing an article then took about 1.0 ms of CPU here against 2.6 ms with the per-row
    trigger (benchmarks/bench_generate.py compares the two). The trigger is dropped and
    re-created inside the same transaction, so other connections never see it missing and a
    failure rolls both back. Claims inserted here must not have their text changed before the
    end: the update trigger would try to remove index entries that do not exist yet."""
    if db.conn.in_transaction:
        raise RuntimeError("bulk_load opens its own transaction; call it outside any other")
    with transaction(db):
        trigger = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            [SEARCH_INSERT_TRIGGER],
        ).fetchone()
        last_claim = db.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
        if trigger is not None:
            db.execute(f"DROP TRIGGER {SEARCH_INSERT_TRIGGER}")
        yield
        if trigger is not None:
            db.execute(
                "INSERT INTO claims_fts (rowid, text) SELECT id, text FROM claims_search_text WHERE id > ?",
                [last_claim],
            )
            db.execute(trigger[0])
    head = db.execute("SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if head is not None:
        audit_seal.write_checkpoint(db, *head)
