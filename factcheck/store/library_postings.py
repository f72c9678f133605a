"""FTS5's BM25 over the library, summed in SQL from a table of each item's word counts."""

import math

from factcheck.db import Database
from factcheck.store.mutation import query

#: FTS5's bm25() constants (fts5_aux.c).
K1 = 1.2
B = 0.75

_SCRATCH = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.library_postings_scratch USING fts5("
    " claim, title, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.library_postings_scratch_words"
    " USING fts5vocab(temp, library_postings_scratch, instance)",
)

# The length factor of BM25 for a term count `tf` in an item of `dl` tokens.
_PART = "idf * {tf} * {k1p1} / ({tf} + {k1} * ({one_b} + {b} * dl / :avgdl))"


def _part(tf: str) -> str:
    return _PART.format(tf=tf, k1p1=K1 + 1.0, k1=K1, one_b=1.0 - B, b=B)


def write_pending(db: Database) -> int:
    """Write the postings of every item the triggers listed as new or changed, tokenized by a
    scratch FTS5 table with library_search's tokenizer; call inside the writing transaction.
    Returns how many items were written."""
    pending = db.execute("SELECT count(*) FROM library_postings_pending").fetchone()[0]
    if not pending:
        return 0
    # Not executescript: it would commit the caller's transaction first.
    for statement in _SCRATCH:
        db.execute(statement)
    db.execute(
        "INSERT INTO temp.library_postings_scratch (rowid, claim, title)"
        " SELECT i.id, i.claim, i.title FROM library_items AS i"
        " JOIN library_postings_pending AS p ON p.library_id = i.id"
    )
    db.execute(
        "INSERT INTO library_postings (term, library_id, tf_claim, tf_title, dl)"
        " SELECT term, doc, sum(col = 'claim'), sum(col = 'title'), max(dl) FROM ("
        "  SELECT term, doc, col, count(*) OVER (PARTITION BY doc) AS dl"
        "  FROM temp.library_postings_scratch_words"
        " ) GROUP BY term, doc"
    )
    db.execute("DELETE FROM temp.library_postings_scratch")
    db.execute("DELETE FROM library_postings_pending")
    return pending


@query
def in_step(db: Database) -> bool:
    """Whether every library item's postings are written (else rank with bm25() instead)."""
    return db.execute("SELECT 1 FROM library_postings_pending LIMIT 1").fetchone() is None


def _library_totals(db: Database) -> tuple[int, int]:
    """(items, tokens over claims and titles) as library_search's own bm25() reads them: its
    'averages' record (row 1 of its data table), a row count and one token total per column,
    each an SQLite varint."""
    row = db.execute("SELECT block FROM library_search_data WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return 0, 0
    values = _varints(row[0])
    return values[0], sum(values[1:])


def _varints(block: bytes) -> list[int]:
    values, at = [], 0
    while at < len(block):
        value = 0
        for n in range(9):
            byte = block[at]
            at += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


def _idf(items: int, holding: int) -> float:
    """FTS5's idf for a term `holding` of `items` hold (never below its floor of 1e-6)."""
    return max(math.log((items - holding + 0.5) / (holding + 0.5)), 1e-6)


@query
def ranked(db: Database, holding: dict[str, int], limit: int) -> list[dict]:
    """The `limit` items with the highest BM25 for the terms of `holding` (term: how many items
    hold it), as bm25(library_search, 1.0, 1.0) scores them when the text's words are searched
    for, each with its score over both fields, the claim alone and the title alone."""
    items, tokens = _library_totals(db)
    terms = [(term, _idf(items, count)) for term, count in holding.items() if count]
    if not terms or not items:
        return []
    values = ", ".join(f"(:term{n}, :idf{n})" for n in range(len(terms)))
    arguments: dict[str, object] = {}
    for n, (term, weight) in enumerate(terms):
        arguments[f"term{n}"], arguments[f"idf{n}"] = term, weight
    avgdl = tokens / items
    top = db.execute(
        f"WITH q (term, idf) AS (VALUES {values})"
        f" SELECT p.library_id, sum({_part('(tf_claim + tf_title)')}) AS bm25"
        " FROM q JOIN library_postings AS p ON p.term = q.term"
        " GROUP BY p.library_id ORDER BY bm25 DESC, p.library_id LIMIT :limit",
        {**arguments, "avgdl": avgdl, "limit": limit},
    ).fetchall()
    if not top:
        return []
    # Per-field scores only for the winners: summing them for every item costs twice the ranking.
    ids = [row[0] for row in top]
    marks = ", ".join(f":id{n}" for n in range(len(ids)))
    fields = {
        row[0]: (row[1], row[2])
        for row in db.execute(
            f"WITH q (term, idf) AS (VALUES {values})"
            f" SELECT p.library_id, sum({_part('tf_claim')}), sum({_part('tf_title')})"
            f" FROM q JOIN library_postings AS p ON p.term = q.term AND p.library_id IN ({marks})"
            " GROUP BY p.library_id",
            {**arguments, **{f"id{n}": item for n, item in enumerate(ids)}, "avgdl": avgdl},
        )
    }
    return [
        {"id": item, "bm25": score, "bm25_claim": fields[item][0], "bm25_title": fields[item][1]}
        for item, score in top
    ]
