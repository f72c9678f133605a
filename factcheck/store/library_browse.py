"""Reads for the workbench's library pages: items newest first or by words, and the desk's claims
matched to one item."""

from factcheck.db import Database
from factcheck.store.library import ITEM_COLUMNS
from factcheck.store.mutation import query
from factcheck.store.search_words import Search, parse_search
from factcheck.text.typed_phrases import quoted_words

_ITEM_COLUMNS = ", ".join(f"l.{column}" for column in ITEM_COLUMNS)

PAGE_SIZE = 50


@query
def browse(
    db: Database,
    *,
    words: str = "",
    origin: str | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
) -> dict:
    """One page of items: those holding every word of `words` (or a word it begins) in their
    claim or title, figures and quoted words exactly, best first, or else all of them, newest
    first; optionally of one origin. With the total they come from."""
    search = parse_search(words, every_script=False)
    if search is not None:
        # The library's index stems its words: a word quoted alone is held as typed too.
        search = Search(search.expression, search.phrases + tuple(quoted_words(words)))
    where, arguments = [], {"limit": size, "offset": (page - 1) * size, "origin": origin}
    if origin:
        where.append("l.origin = :origin")
    if search is not None:
        # Figures and quoted words held to exactly, as in the queue, in the claim or the title.
        arguments.update(search.params())
        source = "library_search s JOIN library_items l ON l.id = s.rowid"
        where.append(search.condition("library_search", "l.claim || ' ' || coalesce(l.title, '')"))
        order = "s.rank, l.id DESC"
    else:
        source = "library_items l"
        order = "l.id DESC"
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    items = list(
        db.query(
            f"SELECT {_ITEM_COLUMNS} FROM {source} {condition} ORDER BY {order}"
            " LIMIT :limit OFFSET :offset",
            arguments,
        )
    )
    total = db.execute(f"SELECT count(*) FROM {source} {condition}", arguments).fetchone()[0]
    return {"items": items, "total": total, "page": page, "size": size}


@query
def matched_claims(db: Database, library_id: int, limit: int = -1) -> list[dict]:
    """The desk's claims matched to this item, best match first, with their article: the first
    `limit` of them, or all."""
    return list(
        db.query(
            "SELECT c.id, c.text, c.status, c.article_id, a.title AS article_title,"
            " a.language AS article_language, m.score"
            " FROM claim_matches m JOIN claims c ON c.id = m.claim_id"
            " JOIN articles a ON a.id = c.article_id"
            " WHERE m.library_id = ? AND c.kind = 'claim' ORDER BY m.score DESC, c.id LIMIT ?",
            [library_id, limit],
        )
    )


@query
def matched_claim_count(db: Database, library_id: int) -> int:
    """How many of the desk's claims are matched to this item."""
    row = db.execute(
        "SELECT count(*) FROM claim_matches m JOIN claims c ON c.id = m.claim_id"
        " WHERE m.library_id = ? AND c.kind = 'claim'",
        [library_id],
    ).fetchone()
    return row[0]


@query
def own_claim(db: Database, claim_id: int) -> dict | None:
    """The claim whose published verdict an own library item is, with its article."""
    rows = list(
        db.query(
            "SELECT c.id, c.article_id, a.title AS article_title FROM claims c"
            " JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
            [claim_id],
        )
    )
    return rows[0] if rows else None
