"""Embedding the library: vectors for every item that lacks them, a batch to a transaction."""

from collections.abc import Callable

from factcheck.db import Database
from factcheck.matching.embedding import embed, title_to_embed
from factcheck.store import library_vectors

#: Items embedded and written together: about 1 s of the model's time on this machine.
BATCH = 128


def embed_missing(db: Database, progress: Callable[[int], None] | None = None) -> int:
    """Write the vectors of every library item without them (new, changed, or embedded by
    another model), the model run outside the write transaction. Returns how many were embedded."""
    done = 0
    if not library_vectors.count_missing(db):
        return done
    after = 0
    # An item changed while it was embedded is not written (see library_vectors.store): it is
    # left for the next call, which every match makes first.
    while items := library_vectors.missing(db, BATCH, after):
        claims = embed([item["claim"] for item in items])
        titles = embed([title_to_embed(item) for item in items])
        done += library_vectors.store(db, items, claims, titles)
        after = items[-1]["id"]
        if progress is not None:
            progress(len(items))
    return done
