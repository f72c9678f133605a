"""The review queue: claims across articles, ranked by check-worthiness, filtered and paged by key."""

import json
import re
from dataclasses import dataclass

from factcheck.store.mutation import query

PAGE_SIZE = 50
# Full-text matches are capped before ranking so a very common word stays fast on a big database.
SEARCH_CANDIDATES = 5000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    verdict: str | None = None
    assignee: str | None = None  # a username, or "none" for unassigned
    article_id: int | None = None
    section: str | None = None
    kind: str = "claim"
    search: str | None = None


def search_expression(text: str) -> str | None:
    """An FTS5 query matching every typed word as a prefix; quoting keeps user input inert."""
    words = _WORD.findall(text or "")[:12]
    return " ".join(f'"{word}"*' for word in words) or None


def filter_clauses(filters: QueueFilters) -> tuple[list[str], dict]:
    """SQL conditions on claims `c` (and their named parameters) for these filters; exports
    narrow their claims with the same conditions."""
    clauses, params = [], {}
    if filters.kind:
        clauses.append("c.kind = :kind")
        params["kind"] = filters.kind
    if filters.status and filters.status != "unreviewed":
        # Repeats the partial index's condition word for word, so SQLite can use it.
        clauses.append("c.status != 'unreviewed'")
    if filters.section and filters.section != "body":
        clauses.append("c.section != 'body'")
    for field in ("status", "section", "article_id"):
        value = getattr(filters, field)
        if value not in (None, ""):
            clauses.append(f"c.{field} = :{field}")
            params[field] = value
    if filters.verdict:
        clauses.append("c.verdict = :verdict")
        params["verdict"] = filters.verdict
    if filters.assignee == "none":
        clauses.append("c.assignee_id IS NULL")
    elif filters.assignee:
        clauses.append("c.assignee_id = (SELECT id FROM users WHERE username = :assignee)")
        params["assignee"] = filters.assignee
    expression = search_expression(filters.search or "")
    if expression:
        clauses.append(
            "c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :search"
            f" LIMIT {SEARCH_CANDIDATES})"
        )
        params["search"] = expression
    return clauses, params


def _where_sql(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def page_key(row: dict) -> str:
    """An opaque key for the page after this row."""
    return f"{row['checkworthiness']!r}:{row['id']}"


def _parse_key(key: str | None) -> tuple[float, int] | None:
    try:
        score, claim_id = (key or "").split(":")
        return float(score), int(claim_id)
    except ValueError:
        return None


@query
def queue_page(db, filters: QueueFilters, *, after: str | None = None, limit: int = PAGE_SIZE):
    """One page of the queue and the key of the next page (None on the last page)."""
    clauses, params = filter_clauses(filters)
    start = _parse_key(after)
    if start:
        clauses.append(
            "(c.checkworthiness < :after_score"
            " OR (c.checkworthiness = :after_score AND c.id > :after_id))"
        )
        params.update(after_score=start[0], after_id=start[1])
    where = _where_sql(clauses)
    rows = list(
        db.query(
            "SELECT c.id, c.article_id, c.seq, c.text, c.section, c.kind, c.reason,"
            " c.checkworthiness, c.reasons, c.status, c.verdict, c.version, c.updated_at,"
            " c.assignee_id, u.username AS assignee, a.title AS article_title,"
            " (SELECT v.rating_label FROM verdicts v WHERE v.claim_id = c.id"
            "   AND v.state IN ('draft', 'in_review') ORDER BY v.id DESC LIMIT 1)"
            "   AS pending_verdict,"
            " a.imported_at AS article_imported_at"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN users u ON u.id = c.assignee_id"
            f" {where} ORDER BY c.checkworthiness DESC, c.id LIMIT :limit",
            {**params, "limit": limit + 1},
        )
    )
    for row in rows:
        row["reasons"] = json.loads(row["reasons"])
    next_key = page_key(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_key


@query
def queue_count(db, filters: QueueFilters) -> int:
    clauses, params = filter_clauses(filters)
    where = _where_sql(clauses)
    return db.execute(f"SELECT count(*) FROM claims c {where}", params).fetchone()[0]


@query
def queue_count_upto(db, filters: QueueFilters, cap: int) -> int:
    """How many claims match, counting no further than cap + 1: cheap on a big database."""
    clauses, params = filter_clauses(filters)
    where = _where_sql(clauses)
    return db.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM claims c {where} LIMIT :cap)",
        {**params, "cap": cap + 1},
    ).fetchone()[0]


@query
def assigned_to(db, user_id: int, limit: int = 20) -> list[dict]:
    """Open claims assigned to one person, most check-worthy first."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.status, c.checkworthiness, a.title AS article_title"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.assignee_id = ? AND c.kind = 'claim' AND c.status != 'published'"
            " ORDER BY c.checkworthiness DESC, c.id LIMIT ?",
            [user_id, limit],
        )
    )


@query
def waiting_for_review(db, user_id: int, limit: int = 20) -> list[dict]:
    """Claims in review whose verdict this person did not write."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.checkworthiness, a.title AS article_title,"
            " v.rating, v.rating_label, v.submitted_at, u.username AS author"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " JOIN verdicts v ON v.claim_id = c.id AND v.state = 'in_review'"
            " JOIN users u ON u.id = v.author_id"
            " WHERE c.status = 'in_review' AND v.author_id != ?"
            " ORDER BY v.submitted_at LIMIT ?",
            [user_id, limit],
        )
    )


@query
def recently_published(db, limit: int = 10) -> list[dict]:
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, v.rating, v.rating_label, v.published_at,"
            " a.title AS article_title FROM verdicts v JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id WHERE v.state = 'published'"
            " ORDER BY v.published_at DESC LIMIT ?",
            [limit],
        )
    )


@query
def evidence_needing_attention(db, limit: int = 10) -> list[dict]:
    """Live evidence whose page could not be archived, or has not been yet."""
    return list(
        db.query(
            "SELECT e.id, e.claim_id, e.url, e.added_at, c.article_id, s.status AS snapshot_status,"
            " s.error AS snapshot_error FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " LEFT JOIN evidence_snapshots s ON s.id = ("
            "   SELECT max(id) FROM evidence_snapshots WHERE url = e.url)"
            " WHERE e.removed_at IS NULL AND (s.id IS NULL OR s.status = 'failed')"
            " ORDER BY e.added_at DESC LIMIT ?",
            [limit],
        )
    )


@query
def submitted_for_review(db, user_id: int, limit: int = 20) -> list[dict]:
    """Claims in review whose verdict this person wrote, waiting for someone else to approve."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.checkworthiness, a.title AS article_title,"
            " v.rating, v.rating_label, v.submitted_at"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " JOIN verdicts v ON v.claim_id = c.id AND v.state = 'in_review'"
            " WHERE c.status = 'in_review' AND v.author_id = ?"
            " ORDER BY v.submitted_at LIMIT ?",
            [user_id, limit],
        )
    )


@query
def article_choices(db, limit: int = 200) -> list[dict]:
    """The newest articles' ids and titles for a filter menu (no claim counts: cheap)."""
    return list(db.query("SELECT id, title FROM articles ORDER BY id DESC LIMIT ?", [limit]))
