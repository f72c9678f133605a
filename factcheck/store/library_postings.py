"""FTS5's BM25 over the library, summed in SQL from the project's own postings and counts."""

import math
from collections.abc import Sequence

from factcheck.db import Database, placeholders
from factcheck.store.mutation import query

#: FTS5's bm25() constants (fts5_aux.c).
K1 = 1.2
B = 0.75

_SCRATCH = (
    "CREATE VIRTUAL TABLE temp.library_postings_scratch USING fts5("
    " claim, title, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE temp.library_postings_scratch_words"
    " USING fts5vocab(temp, library_postings_scratch, instance)",
    "CREATE TABLE temp.library_postings_new (library_id INTEGER, term TEXT,"
    " tf INTEGER, tf_title INTEGER, PRIMARY KEY (library_id, term)) WITHOUT ROWID",
)

# Dropped when done: deleting the rows of a full-text table costs as much as writing them.
_SCRATCH_TABLES = (
    "library_postings_scratch_words",
    "library_postings_scratch",
    "library_postings_new",
)

# BM25's share for a term of weight `idf` found `tf` times in an item of `dl` tokens, with
# :shift = K1 * (1 - B) and :slope = K1 * B / (average length): (K1 + 1) is applied to the sum.
_SHARE = "idf * {tf} / ({tf} + :shift + :slope * dl)"


def write_pending(db: Database) -> int:
    """Write the postings, length and terms of every item the triggers listed as new or changed,
    tokenized by a scratch FTS5 table with library_search's tokenizer; call inside the writing
    transaction (the triggers on the tables written keep the term and total counts). Returns
    how many items were written."""
    pending = db.execute("SELECT count(*) FROM library_postings_pending").fetchone()[0]
    if not pending:
        return 0
    # Not executescript: it would commit the caller's transaction first.
    _drop_scratch(db)
    for statement in _SCRATCH:
        db.execute(statement)
    db.execute(
        "INSERT INTO temp.library_postings_scratch (rowid, claim, title)"
        " SELECT id, claim, title FROM library_items"
        " WHERE id IN (SELECT library_id FROM library_postings_pending)"
    )
    db.execute(
        "INSERT INTO temp.library_postings_new (library_id, term, tf, tf_title)"
        " SELECT doc, term, count(*), sum(col = 'title') FROM temp.library_postings_scratch_words"
        " GROUP BY doc, term"
    )
    db.execute(
        "INSERT INTO library_item_terms (library_id, dl, terms)"
        " SELECT p.library_id, coalesce(sum(n.tf), 0),"
        "  json_group_array(n.term) FILTER (WHERE n.term IS NOT NULL)"
        " FROM library_postings_pending AS p"
        " LEFT JOIN temp.library_postings_new AS n ON n.library_id = p.library_id"
        " GROUP BY p.library_id"
    )
    # New rows drive each join (CROSS JOIN keeps that order: the library is far larger), and
    # arrive in the postings' own order: in random order a large import is much slower.
    db.execute(
        "INSERT INTO library_postings (term, library_id, tf, dl, tf_title)"
        " SELECT n.term, n.library_id, n.tf, t.dl, n.tf_title FROM temp.library_postings_new AS n"
        " CROSS JOIN library_item_terms AS t ON t.library_id = n.library_id"
        " ORDER BY n.term, n.library_id"
    )
    _drop_scratch(db)
    db.execute("DELETE FROM library_postings_pending")
    return pending


def _drop_scratch(db: Database) -> None:
    for table in _SCRATCH_TABLES:
        db.execute(f"DROP TABLE IF EXISTS temp.{table}")


@query
def in_step(db: Database) -> bool:
    """Whether every library item's postings are written (else rank with bm25() instead)."""
    return db.execute("SELECT 1 FROM library_postings_pending LIMIT 1").fetchone() is None


@query
def holding(db: Database, terms: list[str]) -> dict[str, int]:
    """How many library items hold each of `terms` (those none holds are left out), from the
    postings' own counts: right only while `in_step`."""
    if not terms:
        return {}
    marks = placeholders(terms)
    sql = f"SELECT term, items FROM library_terms WHERE term IN ({marks})"
    return dict(db.execute(sql, terms).fetchall())


def _idf(items: int, holding: int) -> float:
    """FTS5's idf for a term `holding` of `items` hold (never below its floor of 1e-6)."""
    return max(math.log((items - holding + 0.5) / (holding + 0.5)), 1e-6)


def _weighted(db: Database, holding: dict[str, int]) -> tuple[str, dict[str, object]] | None:
    """The terms of `holding` with their idf as an SQL VALUES list and its arguments, with BM25's
    length constants; None when there is nothing to score."""
    items, tokens = db.execute("SELECT items, tokens FROM library_totals").fetchone()
    terms = [(term, _idf(items, count)) for term, count in holding.items() if count]
    if not terms or not items or not tokens:
        return None
    values = ", ".join(f"(:term{n}, :idf{n})" for n in range(len(terms)))
    arguments: dict[str, object] = {"shift": K1 * (1.0 - B), "slope": K1 * B * items / tokens}
    for n, (term, weight) in enumerate(terms):
        arguments[f"term{n}"], arguments[f"idf{n}"] = term, weight
    return values, arguments


@query
def ranked(db: Database, holding: dict[str, int], limit: int) -> list[dict]:
    """The `limit` items with the highest BM25 for the terms of `holding` (term: how many items
    hold it), as bm25(library_search, 1.0, 1.0) scores them when the text's words are searched
    for, each with its score over both fields, the claim alone and the title alone; ties go to
    the older item."""
    weighted = _weighted(db, holding)
    if weighted is None:
        return []
    values, arguments = weighted
    # Each posting's share is computed before the grouping sorts the rows, so the sorter carries
    # one number per row rather than the four it is computed from (LIMIT -1 keeps SQLite from
    # merging the two queries).
    top = db.execute(
        f"WITH q (term, idf) AS (VALUES {values})"
        " SELECT id, sum(share) AS bm25 FROM ("
        f"  SELECT p.library_id AS id, {_SHARE.format(tf='tf')} AS share"
        "   FROM q JOIN library_postings AS p ON p.term = q.term LIMIT -1"
        " ) GROUP BY id ORDER BY bm25 DESC, id LIMIT :limit",
        {**arguments, "limit": limit},
    ).fetchall()
    # Per-field scores only for the winners: summing them for every item costs twice the ranking.
    return _scored(db, values, arguments, [item for item, _ in top])


@query
def scores(db: Database, holding: dict[str, int], ids: Sequence[int]) -> list[dict]:
    """`ranked`'s scores of these items, in their order, leaving out those holding none of the
    terms (their scores are all 0)."""
    weighted = _weighted(db, holding)
    if weighted is None or not ids:
        return []
    return _scored(db, *weighted, list(dict.fromkeys(ids)))


def _scored(db: Database, values: str, arguments: dict, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    marks = ", ".join(f":id{n}" for n in range(len(ids)))
    sums = {
        row[0]: row[1:]
        for row in db.execute(
            f"WITH q (term, idf) AS (VALUES {values})"
            f" SELECT p.library_id, sum({_SHARE.format(tf='tf')}),"
            f" sum({_SHARE.format(tf='(tf - tf_title)')}), sum({_SHARE.format(tf='tf_title')})"
            f" FROM q JOIN library_postings AS p ON p.term = q.term AND p.library_id IN ({marks})"
            " GROUP BY p.library_id",
            {**arguments, **{f"id{n}": item for n, item in enumerate(ids)}},
        )
    }
    k1p1 = K1 + 1.0
    return [
        {
            "id": item,
            "bm25": sums[item][0] * k1p1,
            "bm25_claim": sums[item][1] * k1p1,
            "bm25_title": sums[item][2] * k1p1,
        }
        for item in ids
        if item in sums
    ]
