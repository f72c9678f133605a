"""Claims that say the same thing in several of the desk's articles, found by a normalised-text key."""

from collections.abc import Mapping
from typing import Any

from factcheck.db import Database
from factcheck.store.mutation import query

#: What the key leaves out first, anywhere: quotation marks, brackets and other marks that never
#: sit inside a figure (so that a comma before a closing quotation mark is a clause's).
MARKS: tuple[str, ...] = ('"', "'", "‘", "’", "“", "”", "(", ")", "[", "]", "…")
#: Then clause punctuation (a comma, full stop or colon before a space) is taken out with its
#: space, so that the same marks inside a figure ("2.5", "1,500", "10:30") stay: "2.5 million"
#: and "25 million" are different claims. Tabs and line breaks are spaces (an imported text has
#: no other).
GAPS: tuple[tuple[str, str], ...] = (
    ("char(9)", " "),
    ("char(10)", " "),
    (", ", " "),
    (". ", " "),
    (": ", " "),
)
#: Then spaces and the marks that end a clause. Every dash stays, spaced or not: between figures
#: it makes a range or a minus sign ("1-2%", "1 – 2%", "2—3%", "-5%" are not "12%", "23%",
#: "5%"), and a claim written with another dash is not grouped (a group missed rather than a
#: verdict offered on another number). At the very end, the sentence's own full stop, comma or
#: colon. (SQLite parses so many nested calls and not many more.)
REMOVED: tuple[str, ...] = (" ", ";", "!", "?")
TRAILING = ".,:"


def _literal(piece: str) -> str:
    return piece if piece.startswith("char(") else "'" + piece.replace("'", "''") + "'"


def text_key_sql(column: str) -> str:
    """The SQL expression for a claim text's key; with `text` it is the expression
    db/migrations/026_text_key.sql indexes."""
    expression = f"lower({column})"
    for piece in MARKS:
        expression = f"replace({expression}, {_literal(piece)}, '')"
    for piece, instead in GAPS:
        expression = f"replace({expression}, {_literal(piece)}, {_literal(instead)})"
    for piece in REMOVED:
        expression = f"replace({expression}, {_literal(piece)}, '')"
    return f"rtrim({expression}, {_literal(TRAILING)})"


TEXT_KEY_SQL = text_key_sql("text")
MAX_GROUP = 50


@query
def same_text_claims(db: Database, claim: Mapping[str, Any], limit: int = MAX_GROUP) -> list[dict]:
    """The claims in other articles with the same text key, newest article first, with the
    article's title and each claim's status and published rating."""
    if claim.get("kind") != "claim":
        return []
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.status, c.verdict, a.title AS article_title,"
            " (SELECT v.rating_label FROM verdicts v WHERE v.claim_id = c.id"
            "   AND v.state = 'published') AS published_rating"
            f" FROM claims c JOIN articles a ON a.id = c.article_id"
            f" WHERE {TEXT_KEY_SQL} = {text_key_sql(':text')} AND c.kind = 'claim'"
            " AND c.article_id != :article_id"
            " ORDER BY c.article_id DESC, c.seq LIMIT :limit",
            {"text": claim["text"], "article_id": claim["article_id"], "limit": limit},
        )
    )


@query
def same_text_article_count(db: Database, claim: Mapping[str, Any]) -> int:
    """How many other articles hold a claim with the same text key (the panel lists only the
    newest MAX_GROUP places)."""
    return db.execute(
        f"SELECT count(DISTINCT c.article_id) FROM claims c"
        f" WHERE {TEXT_KEY_SQL} = {text_key_sql(':text')} AND c.kind = 'claim'"
        " AND c.article_id != :article_id",
        {"text": claim["text"], "article_id": claim["article_id"]},
    ).fetchone()[0]


@query
def same_text_claim_ids(db: Database, texts: list[str]) -> list[int]:
    """Every claim whose key equals one of these texts' keys."""
    ids: set[int] = set()
    for text in texts:
        rows = db.execute(
            f"SELECT id FROM claims WHERE {TEXT_KEY_SQL} = {text_key_sql('?')} AND kind = 'claim'",
            [text],
        )
        ids.update(row[0] for row in rows)
    return sorted(ids)


@query
def published_twins(db: Database, claims: list[tuple[int, str]]) -> dict[int, list[int]]:
    """For each (claim id, text), the library entries of the desk's own verdicts published on
    claims with the same text key (never the claim's own)."""
    twins = {}
    for claim_id, text in claims:
        rows = db.execute(
            "SELECT l.id FROM claims c JOIN library_items l ON l.claim_id = c.id"
            f" WHERE {TEXT_KEY_SQL} = {text_key_sql('?')} AND c.kind = 'claim' AND c.id != ?"
            " ORDER BY l.id",
            [text, claim_id],
        )
        twins[claim_id] = [row[0] for row in rows]
    return twins
