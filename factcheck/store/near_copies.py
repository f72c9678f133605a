"""Finding articles already stored whose text is nearly the same as a new one, through the
signatures kept at import (article_signatures, migration 015; see factcheck/text/resemblance.py)."""

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
    # A hash many articles hold comes from boilerplate ("Reporting by ..."): it says nothing
    # about which article this one copies, and reading all its holders would not scale. Each
    # hash's holders are counted no further than COMMON + 1.
    values = ",".join("(?)" for _ in signature)
    rare = [
        row[0]
        for row in db.execute(
            f"WITH sig(hash) AS (VALUES {values}) SELECT hash FROM sig WHERE (SELECT count(*)"
            " FROM (SELECT 1 FROM article_signatures s WHERE s.hash = sig.hash LIMIT ?)) <= ?",
            [*signature, COMMON + 1, COMMON],
        )
    ]
    if not rare:
        return []
    least = resemblance.least_shared(len(rare))
    marks = ",".join("?" for _ in rare)
    candidates = db.execute(
        f"SELECT article_id FROM article_signatures WHERE hash IN ({marks})"
        " AND article_id IS NOT ? GROUP BY article_id HAVING count(*) >= ?"
        " ORDER BY count(*) DESC, article_id DESC LIMIT ?",
        [*rare, leave_out, least, CANDIDATES],
    ).fetchall()
    found = []
    for (article_id,) in candidates:
        theirs = [
            row[0]
            for row in db.execute(
                "SELECT hash FROM article_signatures WHERE article_id = ? ORDER BY hash",
                [article_id],
            )
        ]
        share = resemblance.resemblance(signature, theirs)
        if share >= resemblance.NEAR:
            found.append((share, article_id))
    found.sort(key=lambda pair: (-pair[0], -pair[1]))
    result = []
    for share, article_id in found[:limit]:
        row = db.execute(
            "SELECT id, title, imported_at FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        result.append(
            {"id": row[0], "title": row[1], "imported_at": row[2], "resemblance": round(share, 2)}
        )
    return result
