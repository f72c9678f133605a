"""Articles: storing an imported article with its claim units, listing and reading them."""

import functools
import json
import re
from datetime import date
from typing import cast

from factcheck.db import Database, inserted_id, placeholders, unaccented, utc_now
from factcheck.store import audit, retired_ids
from factcheck.store.actors import Actor
from factcheck.store.audit_replay import units_digest
from factcheck.store.errors import Forbidden, Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.rows import ArticleListed, ArticleRow
from factcheck.store.snapshots import text_digest
from factcheck.store.verdicts import require_reason

ARTICLE_FIELDS = ("title", "source_url", "publisher", "author", "published_date", "language")
#: The details an editor may correct after import, as the page should have given them (the
#: language too, where it was told wrong).
EDITABLE_FIELDS = ("title", "author", "publisher", "published_date", "source_url", "language")
#: Past this, a title, byline or publisher was pasted wrong.
MAX_DETAIL_CHARS = 500
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_CLAIM_INSERT = (
    'INSERT INTO claims (article_id, seq, start, "end", text, section, kind, reason, attribution,'
    " checkworthiness, reasons) VALUES "
)
_CLAIM_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_CLAIM_INSERT_WITH_ID = (
    'INSERT INTO claims (id, article_id, seq, start, "end", text, section, kind, reason,'
    " attribution, checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
#: An article's units are written by one INSERT. The full-text index's trigger writes a segment
#: of its own for every statement and merges them at commit, so one statement for a whole article
#: cost about a fifth less CPU for the whole import than one per unit (and no more in a bulk load,
#: where the trigger is off). Its statement journal stays in memory (temp_store, db.connect). The
#: cap keeps a very long article within SQLite's 32,766 values a statement.
UNITS_A_STATEMENT = 1000


@query
def find_by_hash(db: Database, body_hash: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE body_hash = ?", [body_hash]).fetchone()
    return row[0] if row else None


@query
def article_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


@mutation
def add_article(db: Database, article: dict, units: list, actor: Actor) -> tuple[int, int, bool]:
    """Store an article and its units; an article with the same body hash is reported, not copied.

    Returns (article_id, claim_count, duplicate)."""
    row = {field: article.get(field) for field in ARTICLE_FIELDS}
    row.update(
        body=article["body"],
        body_hash=article["body_hash"],
        import_format=article["import_format"],
        imported_at=utc_now(),
        imported_by=actor.username,
    )
    # The unique body hash finds a stored copy as the row is written, so a new article (the
    # usual case) costs no separate look-up.
    cursor = db.execute(
        "INSERT INTO articles (title, source_url, publisher, author, published_date, language,"
        " body, body_hash, import_format, imported_at, imported_by) VALUES (:title, :source_url,"
        " :publisher, :author, :published_date, :language, :body, :body_hash, :import_format,"
        " :imported_at, :imported_by) ON CONFLICT (body_hash) DO NOTHING",
        row,
    )
    if cursor.rowcount == 0:
        existing = find_by_hash(db, article["body_hash"])
        count = db.execute("SELECT count(*) FROM claims WHERE article_id = ?", [existing])
        return cast(int, existing), count.fetchone()[0], True
    article_id = inserted_id(cursor)
    _keep_units(db, article_id, units)
    _keep_signature(db, article_id, article.get("signature") or [])
    summary = {
        key: row[key] for key in (*ARTICLE_FIELDS, "body_hash", "import_format", "imported_at")
    }
    # The exact text, where body_hash (which finds copies) passes over spacing and Unicode form:
    # any change of it moves the units' offsets off their sentences.
    summary["body_sha256"] = text_digest(article["body"])
    summary["claims"] = len(units)
    # Enough for `audit verify` to notice units edited or reclassified outside the trail.
    summary["units_sha256"] = units_digest(
        (unit.seq, unit.start, unit.end, unit.text, unit.section) for unit in units
    )
    summary["unit_ids_sha256"] = units_digest(
        db.execute("SELECT seq, id FROM claims WHERE article_id = ? ORDER BY seq", [article_id])
    )
    summary["attributions_sha256"] = units_digest((unit.seq, unit.attribution) for unit in units)
    summary["not_claims"] = {
        str(unit.seq): unit.reason for unit in units if unit.kind == "not_a_claim"
    }
    audit.record(db, actor, "article", article_id, "import", after=summary)
    return article_id, len(units), False


@functools.lru_cache(maxsize=4096)
def _reasons_json(reasons: tuple[str, ...]) -> str:
    """A unit's reasons as stored: the same few combinations recur in every article."""
    return json.dumps(list(reasons))


def unit_row(article_id: int, unit) -> tuple:
    """A split unit as the values of its claims row, in _CLAIM_INSERT's column order."""
    return (
        article_id,
        unit.seq,
        unit.start,
        unit.end,
        unit.text,
        unit.section,
        unit.kind,
        unit.reason,
        unit.attribution,
        unit.checkworthiness,
        _reasons_json(unit.reasons),
    )


def _keep_units(db, article_id: int, units: list) -> None:
    rows = [unit_row(article_id, unit) for unit in units]
    fresh = retired_ids.fresh_id(db, "claims") if rows else None
    if fresh is not None:
        # The first unit takes an id past those merges removed; SQLite numbers the rest after it.
        db.conn.execute(_CLAIM_INSERT_WITH_ID, [fresh, *rows.pop(0)])
    for first in range(0, len(rows), UNITS_A_STATEMENT):
        part = rows[first : first + UNITS_A_STATEMENT]
        db.conn.execute(
            _CLAIM_INSERT + placeholders(part, _CLAIM_VALUES),
            [value for row in part for value in row],
        )


def _keep_signature(db, article_id: int, signature: list[int]) -> None:
    """The article's text signature, for finding near-copies of it later (store/near_copies)."""
    # One row a statement: a single INSERT of them all took as much CPU, and its statement
    # journal wrote a temporary file besides.
    db.conn.executemany(
        "INSERT OR IGNORE INTO article_signatures (hash, article_id) VALUES (?, ?)",
        [(value, article_id) for value in signature],
    )


@query
def get_article(db: Database, article_id: int) -> ArticleRow:
    rows = list(db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
    if not rows:
        raise NotFound("article.not_found", {"id": article_id})
    return cast(ArticleRow, rows[0])


@query
def article_language(db: Database, article_id: int) -> str | None:
    """The article's language code (None when it is not known or there is no such article)."""
    row = db.execute("SELECT language FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


@query
def list_articles(
    db: Database, limit: int | None = None, before: int | None = None
) -> list[ArticleListed]:
    """Every article (or the newest `limit`; with `before`, only those older than that article
    id), newest first, with its claim counts by status (non-claims counted apart; a published
    verdict that is being corrected still counts as published, see claim_reads.article_counts)."""
    return cast(
        list[ArticleListed],
        list(
            db.query(
                """
            SELECT a.id, a.title, a.source_url, a.publisher, a.author, a.published_date,
                   a.import_format, a.imported_at, a.imported_by,
                   count(c.id) AS units,
                   count(c.id) FILTER (WHERE c.kind = 'claim') AS claims,
                   count(c.id) FILTER (WHERE c.kind = 'not_a_claim') AS not_claims,
                   count(c.id) FILTER (WHERE c.kind = 'claim' AND c.status = 'unreviewed')
                       AS unreviewed,
                   count(c.id) FILTER (
                       WHERE c.kind = 'claim' AND c.status = 'in_progress' AND c.verdict IS NULL)
                       AS in_progress,
                   count(c.id) FILTER (
                       WHERE c.kind = 'claim' AND c.status = 'in_review' AND c.verdict IS NULL)
                       AS in_review,
                   count(c.id) FILTER (WHERE c.kind = 'claim' AND c.verdict IS NOT NULL)
                       AS published
            FROM articles a LEFT JOIN claims c ON c.article_id = a.id
            WHERE a.id < ?
            GROUP BY a.id
            ORDER BY a.id DESC
            LIMIT ?
            """,
                [2**63 - 1 if before is None else before, -1 if limit is None else limit],
            )
        ),
    )


def _like_pattern(word: str) -> str:
    """`word` anywhere in a value, for LIKE ... ESCAPE '\\': its own % and _ match only themselves."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@query
def find_by_title(db: Database, words: str, limit: int) -> list[dict]:
    """Up to `limit` articles, newest first, whose title holds every word of `words`, in any case
    and with or without accents ("cafe" finds "Café", "ÉTÉ" finds "été"): for picking an article
    by name. LIKE, fast, folds ASCII letters only; when it finds nothing the titles are read
    in lower case without accents (for words typed in ASCII, only the titles with other letters)."""
    terms = words.split()
    if not terms:
        return []
    # Words typed in ASCII that LIKE did not find can only be in a title with other letters.
    beyond_ascii = "" if not words.isascii() else f" AND title GLOB {_BEYOND_ASCII_GLOB}"
    folded = [unaccented(term) for term in terms]
    tries = (("title", terms, ""), ("unaccented(title)", folded, beyond_ascii))
    for column, typed, only in tries:
        clauses = " AND ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in typed)
        found = list(
            db.query(
                f"SELECT id, title FROM articles WHERE {clauses}{only} ORDER BY id DESC LIMIT ?",
                [*(_like_pattern(term) for term in typed), limit],
            )
        )
        if found:
            return found
    return []


# A value holding a character beyond ASCII.
_BEYOND_ASCII_GLOB = "'*[^' || char(1) || '-' || char(127) || ']*'"


@mutation
def edit_details(
    db: Database, article_id: int, changes: dict, *, reason: str, actor: Actor
) -> dict:
    """Correct an article's details (a byline its page's metadata got wrong, a missing date):
    editors and admins, with a reason; the audit row keeps each changed field before and after.
    `changes` names some of EDITABLE_FIELDS; an empty value clears one (but the title)."""
    if actor.id is not None and not actor.is_editor:
        raise Forbidden(
            "actor.not_editor",
            {
                "task": "correct an article's details",
                "username": actor.username,
                "role": actor.role,
            },
        )
    article: dict = dict(get_article(db, article_id))
    wanted = {name: _detail(name, changes[name]) for name in EDITABLE_FIELDS if name in changes}
    changed = {name: value for name, value in wanted.items() if value != article[name]}
    if not changed:
        raise Invalid("article.unchanged", {"id": article_id})
    reason = require_reason(reason, "article.edit")
    assignments = ", ".join(f"{name} = :{name}" for name in changed)
    db.execute(f"UPDATE articles SET {assignments} WHERE id = :id", {**changed, "id": article_id})
    if "language" in changed:
        _score_in(db, article_id, changed["language"] or "en")
    # Its claims' reviews name these details (ClaimReview's appearance, author, inLanguage): an
    # export of what changed since a day picks them up again.
    db.execute(
        "UPDATE claims SET updated_at = ? WHERE article_id = ? AND kind = 'claim'",
        [utc_now(), article_id],
    )
    audit.record(
        db,
        actor,
        "article",
        article_id,
        "article.edit",
        before={name: article[name] for name in changed},
        after=changed,
        reason=reason,
    )
    return dict(get_article(db, article_id))


def _score_in(db: Database, article_id: int, language: str) -> None:
    """Score the article's claims again with the word lists of its corrected language. Where its
    sentences end and whom they are attributed to stay as split: claims are in review by then."""
    from factcheck.store.claim_state import unit_score

    claims = db.execute(
        "SELECT id, text, attribution, section FROM claims WHERE article_id = ? AND kind = 'claim'",
        [article_id],
    ).fetchall()
    # No new version: a score is no reviewer's work, and a form open on a claim stays valid.
    db.conn.executemany(
        "UPDATE claims SET checkworthiness = ?, reasons = ? WHERE id = ?",
        [
            (
                *unit_score(
                    text, {"attribution": attribution, "section": section}, "claim", language
                ),
                claim_id,
            )
            for claim_id, text, attribution, section in claims
        ],
    )


def _detail(name: str, value: str | None) -> str | None:
    """One detail as stored, or Invalid naming the field."""
    from factcheck.network.urls import UrlProblem, clean_web_url
    from factcheck.shared_words import url_problem_words

    # Control characters and direction overrides pasted with a byline would reach ClaimReview;
    # a line break or tab between two words is a space, as on import.
    text = " ".join(_UNSEEN.sub("", " ".join((value or "").split())).split())
    if len(text) > MAX_DETAIL_CHARS:
        raise Invalid("text.too_long", {"what": name, "limit": MAX_DETAIL_CHARS}, field=name)
    if not text:
        if name == "title":
            raise Invalid("article.title_blank", field="title")
        if name == "language":
            raise Invalid("article.language_blank", field="language")
        return None
    if name == "language":
        from factcheck.text.language import checked_code

        try:
            return checked_code(text)
        except ValueError:
            raise Invalid("article.bad_language", {"given": text}, field=name) from None
    if name == "published_date":
        return _published_date(text)
    if name == "source_url":
        try:
            return clean_web_url(text)
        except UrlProblem as error:
            words = url_problem_words({"problem": error.problem, **error.facts})
            raise Invalid("article.bad_url", {"problem": words}, field=name) from None
    return text


def _published_date(text: str) -> str:
    """A date the article can have appeared on: written YYYY-MM-DD, a day that exists, from 1900
    to today (ClaimReview would otherwise say a claim appeared after it was checked)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise Invalid("date.invalid", {"given": text, "what": "date"}, field="published_date")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Invalid("date.no_such_day", {"given": text}, field="published_date") from None
    today = date.fromisoformat(utc_now()[:10])
    if not date(1900, 1, 1) <= day <= today:
        raise Invalid(
            "article.date_out_of_range",
            {"given": text, "today": str(today)},
            field="published_date",
        )
    return day.isoformat()
