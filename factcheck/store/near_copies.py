"""Finding articles already stored whose text is nearly the same as a new one, through the
signatures kept at import (article_signatures, migration 015; see factcheck/text/resemblance.py)."""

from factcheck.db import placeholders
from factcheck.store.mutation import query
from factcheck.text import resemblance

#: Candidates sharing the most hashes are estimated; past this many, the rest share fewer.
CANDIDATES = 20
#: A hash held by more articles than this is passed over when looking for candidates, so a lookup
#: reads at most SIZE * (COMMON + 1) index entries however many articles are stored.
COMMON = 100


@query
def near_copies(
    db, signature: list[int], *, leave_out: int | None = None, limit: int = 3
) -> list[dict]:
    """Up to `limit` stored articles whose text is nearly the same as the one with this
    signature (estimated resemblance at least resemblance.NEAR), most alike first, each with
    its id, title, import time and `resemblance` (0 to 1). `leave_out` names the article the
    signature belongs to, once it is stored."""
    if not signature:
        return []
    candidates = _candidates(db, signature, leave_out)
    if not candidates:
        return []
    theirs: dict[int, list[int]] = {article_id: [] for article_id in candidates}
    for article_id, value in db.execute(
        f"SELECT article_id, hash FROM article_signatures WHERE article_id IN ({placeholders(candidates)})"
        " ORDER BY article_id, hash",
        candidates,
    ):
        theirs[article_id].append(value)
    found = []
    for article_id in candidates:
        share = resemblance.resemblance(signature, theirs[article_id])
        if share >= resemblance.NEAR:
            found.append((share, article_id))
    found.sort(key=lambda pair: (-pair[0], -pair[1]))
    best = found[:limit]
    if not best:
        return []
    rows = {
        row[0]: row
        for row in db.execute(
            f"SELECT id, title, imported_at FROM articles WHERE id IN ({placeholders(best)})",
            [article_id for _, article_id in best],
        )
    }
    return [
        {
            "id": article_id,
            "title": rows[article_id][1],
            "imported_at": rows[article_id][2],
            "resemblance": round(share, 2),
        }
        for share, article_id in best
    ]


def _candidates(db, signature: list[int], leave_out: int | None) -> list[int]:
    """The articles sharing the most of the signature's rare hashes, at most CANDIDATES; those
    sharing fewer than resemblance.least_shared of them cannot be near and are left out."""
    # A hash many articles hold comes from boilerplate ("Reporting by ..."): it says nothing
    # about which article this one copies, and reading all its holders would not scale. A hash
    # is rare when it has no holder past the first COMMON.
    rare = [
        row[0]
        for row in db.execute(
            f"WITH sig(hash) AS (VALUES {placeholders(signature, '(?)')}) SELECT hash FROM sig"
            " WHERE (SELECT article_id FROM article_signatures s WHERE s.hash = sig.hash"
            " LIMIT 1 OFFSET ?) IS NULL",
            [*signature, COMMON],
        )
    ]
    if not rare:
        return []
    rows = db.execute(
        f"SELECT article_id FROM article_signatures WHERE hash IN ({placeholders(rare)})"
        " AND article_id IS NOT ? GROUP BY article_id HAVING count(*) >= ?"
        " ORDER BY count(*) DESC, article_id DESC LIMIT ?",
        [*rare, leave_out, resemblance.least_shared(len(rare)), CANDIDATES],
    )
    return [row[0] for row in rows]
