"""The review queue: claims across articles, ranked by check-worthiness, filtered and paged by key.

Order: score, then newest article, then last unit, all descending. Every queue index ends in
those columns (db/migrations/006_search.sql), and a page starts after the last one with the
row-value form `(checkworthiness, article_id, seq) < (?, ?, ?)`, which SQLite seeks in one step.

A search is never capped: every full-text match can be paged to, counted and exported. It is
counted first (up to the count bound), and the count decides how the page is found. Few matches:
SQLite reads them and sorts them. Many (one claim in WALK_DENSITY or more): it walks the ranked
index, looking each claim up in the set of matches, and stops at the end of the page. A search
with no other indexed filter does both in one statement that reads its matches once
(store/queue_search.py).
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import cast

from factcheck.db import Database
from factcheck.ids import parse_id
from factcheck.store.errors import Invalid
from factcheck.store.link_checks import FLAGGED_CLAIMS
from factcheck.store.mutation import query
from factcheck.store.queue_search import search_sql
from factcheck.store.rows import QueueRow
from factcheck.store.search_words import Search, parse_search
from factcheck.store.snapshots import PAGE_ERROR, SHOWN_COPY
from factcheck.store.verdicts import WRITTEN_BY_ME

PAGE_SIZE = 50
# Counts stop here: beyond it the queue says "more than 10,000 claims" rather than count on.
COUNT_BOUND = 10_000
# A search matching at least one claim in this many walks the ranked index for its page: a page
# is then found within about PAGE_SIZE * WALK_DENSITY claims, cheaper than sorting every match.
WALK_DENSITY = 200
_ORDER = "c.checkworthiness DESC, c.article_id DESC, c.seq DESC"
# Verdicts in review (state and claim status agree) for one author condition, oldest first: their
# ids alone are sorted, and the page's details read after. The claims in review come from the
# status index as one set, without reading each claim (`status != 'unreviewed'` repeats the
# partial index's condition so SQLite uses it; the unary + keeps it from starting at the set).
_IN_REVIEW = (
    "SELECT v.id FROM verdicts v WHERE v.state = 'in_review' AND {author}"
    " AND +v.claim_id IN (SELECT id FROM claims WHERE status != 'unreviewed'"
    "   AND status = 'in_review')"
    " ORDER BY v.submitted_at, v.id LIMIT :limit"
)
# "This unit is a claim", answered from indexes alone: a unit is a claim when the index of
# non-claims holds nothing under its (score, article, seq), which is unique. Counting ten thousand
# claims from a filter's index this way takes milliseconds; reading each claim's row for its kind
# took about 20 times longer on a million claims.
_IS_CLAIM = (
    "NOT EXISTS (SELECT 1 FROM claims n INDEXED BY claims_not_claims WHERE n.kind != 'claim'"
    " AND n.checkworthiness = c.checkworthiness AND n.article_id = c.article_id"
    " AND n.seq = c.seq)"
)
# The end of a page key whose queue has more matches than the count bound (see queue_results).
_MORE = ":more"
#: The parts of an article a claim can come from (claims.section).
SECTIONS = ("headline", "standfirst", "body")
#: The evidence filter: "changed", evidence the link watch flagged; "not_archived", evidence
#: whose page has no kept copy (its archive failed, or has not run).
EVIDENCE_FILTERS = ("changed", "not_archived")
# The claims citing a page no copy of was kept: the dashboard's "Evidence needing attention"
# (a shown copy falls back to any kept copy of its address before a failed one).
_NOT_ARCHIVED_CLAIMS = (
    "SELECT e.claim_id FROM evidence e WHERE e.removed_at IS NULL AND NOT EXISTS"
    " (SELECT 1 FROM evidence_snapshots s WHERE s.url = e.url AND s.status = 'archived')"
)


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None
    verdict: str | None = None
    assignee: str | None = None  # a username, or "none" for unassigned
    article_id: int | None = None
    section: str | None = None
    kind: str = "claim"
    search: str | None = None
    previous_check: bool = False  # only claims with a previous check (a stored match)
    evidence: str | None = None  # one of EVIDENCE_FILTERS


@dataclass(frozen=True)
class QueueResults:
    """One page of the queue and how many claims match: exactly, or `count` and `more` when more
    than the count bound do."""

    rows: list[QueueRow]
    next_key: str | None
    count: int
    more: bool


def _narrowing(filters: QueueFilters, *, from_indexes: bool = False) -> tuple[list[str], dict]:
    """Conditions on claims `c` for every filter but the search, and their named parameters.
    `from_indexes`: test the kind without reading the claim's row (see _IS_CLAIM), for counts
    that read only an index."""
    clauses, params = [], {}
    if filters.kind == "claim" and from_indexes:
        clauses.append(_IS_CLAIM)
    elif filters.kind == "not_a_claim" and from_indexes:
        # The schema allows two kinds, so this is the partial index's own condition.
        clauses.append("c.kind != 'claim'")
    elif filters.kind:
        clauses.append("c.kind = :kind")
        params["kind"] = filters.kind
        if filters.kind != "claim":
            # Repeats the partial index's condition word for word, so SQLite can use it.
            clauses.append("c.kind != 'claim'")
    if filters.status == "published":
        # A published verdict stays published while its correction is written and reviewed, as
        # the dashboard counts it: such a claim is listed under its workflow status too.
        clauses.append("c.verdict IS NOT NULL")
    elif filters.status:
        if filters.status != "unreviewed":
            clauses.append("c.status != 'unreviewed'")
        clauses.append("c.status = :status")
        params["status"] = filters.status
    if filters.section and filters.section != "body":
        clauses.append("c.section != 'body'")
    for field in ("section", "article_id"):
        value = getattr(filters, field)
        if value not in (None, ""):
            clauses.append(f"c.{field} = :{field}")
            params[field] = value
    if filters.verdict:
        clauses.append("c.verdict = :verdict")
        params["verdict"] = filters.verdict
    if filters.previous_check:
        # Read from the (usually few) matched claims and sort them, not walk the ranked index.
        clauses.append("c.id IN (SELECT claim_id FROM claim_matches)")
    if filters.evidence == "changed":
        clauses.append(f"c.id IN ({FLAGGED_CLAIMS})")
    elif filters.evidence == "not_archived":
        clauses.append(f"c.id IN ({_NOT_ARCHIVED_CLAIMS})")
    if filters.assignee == "none":
        clauses.append("c.assignee_id IS NULL")
    elif filters.assignee:
        clauses.append("c.assignee_id = (SELECT id FROM users WHERE username = :assignee)")
        params["assignee"] = filters.assignee
    return clauses, params


def filter_clauses(filters: QueueFilters) -> tuple[list[str], dict]:
    """SQL conditions on claims `c` (and their named parameters) for these filters, every search
    match included; exports narrow their claims with the same conditions."""
    clauses, params = _narrowing(filters)
    search = parse_search(filters.search)
    if search:
        clauses.append(f"c.id IN {_matches(search)}")
        params.update(search.params())
    return clauses, params


def _matches(search: Search) -> str:
    """The ids of the claims a search matches, as a subquery."""
    return f"(SELECT rowid FROM claims_fts WHERE {search.condition()})"


def _where_sql(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def _indexed(filters: QueueFilters) -> bool:
    """Whether a filter other than the search has a small index of its own to start from."""
    return bool(
        filters.article_id
        or filters.verdict
        or filters.status not in (None, "", "unreviewed")
        or filters.section not in (None, "", "body")
        or filters.assignee not in (None, "", "none")
        or filters.kind not in (None, "", "claim")
    )


def _from_matches(filters: QueueFilters, *, counting: bool = False) -> tuple[str, list[str], dict]:
    """FROM and WHERE for these filters. A search is read from its full-text matches, in id
    order, unless another filter has a small index: then SQLite reads that index and looks each
    claim up in the set of matches. (The CROSS JOIN keeps SQLite from probing the full-text index
    once per claim, which costs a full-text query each time.) `counting`: only the number of
    rows is wanted, so claims read from an index are not looked up in the table for their kind."""
    search = parse_search(filters.search)
    if not search or _indexed(filters):
        # Without a filter's index, counting reads the table in order: the kind is right there.
        clauses, params = _narrowing(filters, from_indexes=counting and _indexed(filters))
        if search:
            # The unary + keeps SQLite from starting at the matches instead of that index.
            clauses.append(f"+c.id IN {_matches(search)}")
            params.update(search.params())
        return "claims c", clauses, params
    clauses, params = _narrowing(filters)
    return (
        "claims_fts f CROSS JOIN claims c ON c.id = f.rowid",
        [search.condition("f.claims_fts", "c.text"), *clauses],
        {**params, **search.params()},
    )


def page_key(row: dict) -> str:
    """An opaque key for the page after this row."""
    return f"{row['checkworthiness']!r}:{row['article_id']}:{row['seq']}"


def parse_page_key(key: str | None) -> tuple[float, int, int] | None:
    """(score, article id, seq) from a page key; None for the first page. A key this queue did
    not make is Invalid, so a damaged link says so instead of showing some other page."""
    if not key:
        return None
    parts = key.removesuffix(_MORE).split(":")
    if len(parts) == 3:
        score_text, article_text, seq_text = parts
        article_id = parse_id(article_text)
        seq = parse_id(seq_text, minimum=0)
        try:
            score = float(score_text)
        except ValueError:
            score = math.nan
        if article_id is not None and seq is not None and 0 <= score <= 1:
            return score, article_id, seq
    raise Invalid("queue.bad_page_key", field="after")


@query
def queue_page(
    db: Database,
    filters: QueueFilters,
    *,
    after: str | None = None,
    limit: int = PAGE_SIZE,
    walk: bool | None = None,
) -> tuple[list[QueueRow], str | None]:
    """One page of the queue and the key of the next page (None on the last page). `walk` says
    a search matches enough claims to walk the ranked index for them (see `walk_for`); when it
    is not given, the matches are counted to decide."""
    search = parse_search(filters.search)
    if walk is None:
        walk = search is not None and walk_for(
            db, queue_count_upto(db, filters, COUNT_BOUND), COUNT_BOUND
        )
    if search and walk:
        # Walk the ranked index; the unary + keeps SQLite from starting at the matches instead.
        source = "claims c"
        clauses, params = _narrowing(filters)
        clauses.append(f"+c.id IN {_matches(search)}")
        params.update(search.params())
    else:
        source, clauses, params = _from_matches(filters)
    start = parse_page_key(after)
    if start:
        clauses.append("(c.checkworthiness, c.article_id, c.seq) < (:score, :article, :seq)")
        params.update(score=start[0], article=start[1], seq=start[2])
    # The page's ids first, so a sort of many matches carries ids alone; details for the page.
    page = f"SELECT c.id FROM {source} {_where_sql(clauses)} ORDER BY {_ORDER} LIMIT :limit"
    rows = _page_rows(db, page, {**params, "limit": limit + 1})
    next_key = page_key(rows[limit - 1]) if len(rows) > limit else None
    return cast(list[QueueRow], rows[:limit]), next_key


def _page_rows(
    db: Database, page: str, params: dict, *, before: str = "", extra: str = ""
) -> list[dict]:
    """The queue's rows for the claim ids `page` selects, in queue order: `before` is a WITH
    clause the page reads from, `extra` more columns."""
    rows = list(
        db.query(
            f"{before} SELECT c.id, c.article_id, c.seq, c.text, c.section, c.kind, c.reason,"
            " c.checkworthiness, c.reasons, c.status, c.verdict, c.version, c.updated_at,"
            " c.assignee_id, u.username AS assignee, u.display_name AS assignee_name, a.title AS article_title,"
            " (SELECT v.rating_label FROM verdicts v WHERE v.claim_id = c.id"
            "   AND v.state IN ('draft', 'in_review') ORDER BY v.id DESC LIMIT 1)"
            "   AS pending_verdict,"
            # The best match's rating, found by max() (SQLite gives a bare column from the row
            # holding the max) so that a search's two branches add no sort each.
            " (SELECT rating FROM (SELECT l.rating, max(m.score) FROM claim_matches m"
            "   JOIN library_items l ON l.id = m.library_id WHERE m.claim_id = c.id))"
            "   AS previous_rating,"
            f" a.imported_at AS article_imported_at, a.language AS article_language{extra}"
            f" FROM ({page}) p CROSS JOIN claims c ON c.id = p.id"
            " JOIN articles a ON a.id = c.article_id LEFT JOIN users u ON u.id = c.assignee_id"
            f" ORDER BY {_ORDER}",
            params,
        )
    )
    for row in rows:
        row["reasons"] = json.loads(row["reasons"])
    return rows


@query
def queue_count(db: Database, filters: QueueFilters) -> int:
    """How many claims match, every one counted (for small sets and tests)."""
    source, clauses, params = _from_matches(filters, counting=True)
    return db.execute(f"SELECT count(*) FROM {source} {_where_sql(clauses)}", params).fetchone()[0]


@query
def queue_count_upto(db: Database, filters: QueueFilters, bound: int) -> int:
    """How many claims match, counting no further than bound + 1: cheap on a big database. A
    search reads its full-text matches once, in id order, and stops at bound + 1."""
    source, clauses, params = _from_matches(filters, counting=True)
    return db.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {source} {_where_sql(clauses)} LIMIT :bound)",
        {**params, "bound": bound + 1},
    ).fetchone()[0]


@query
def walk_for(db: Database, counted: int, bound: int) -> bool:
    """Whether a search with `counted` matches (counted up to `bound`) walks the ranked index:
    when more than `bound` match, or at least one claim in WALK_DENSITY."""
    if counted > bound:
        return True
    claims = db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
    return counted * WALK_DENSITY >= claims


@query
def queue_results(
    db: Database, filters: QueueFilters, *, after: str | None = None, bound: int = COUNT_BOUND
) -> QueueResults:
    """A page of the queue with the count of every match (exact up to `bound`). A search is
    counted first, since its count decides how the page is found; otherwise the page comes first
    and, when it holds every match, is the count.

    Counting to the bound is most of the work of a page of a big set, so it is done once: when
    more than `bound` match, the next page's key says so (it ends in ":more") and later pages
    are not counted again. Nothing deletes claims, so only reclassifying thousands of them while
    someone pages could make that stale; an exact count below the bound is taken afresh on every
    page."""
    counted = bound + 1 if after and after.endswith(_MORE) else None
    searching = parse_search(filters.search) is not None
    if counted is None and searching and not _indexed(filters):
        return _search_results(db, filters, after, bound)
    if counted is None and searching:
        counted = queue_count_upto(db, filters, bound)
    walk = counted is not None and searching
    walk = walk and counted is not None and walk_for(db, counted, bound)
    rows, next_key = queue_page(db, filters, after=after, walk=walk)
    if counted is None:
        if after is None and next_key is None:
            counted = len(rows)
        else:
            counted = queue_count_upto(db, filters, bound)
    if next_key and counted > bound:
        next_key += _MORE
    return QueueResults(rows, next_key, min(counted, bound), counted > bound)


def _search_results(db, filters: QueueFilters, after: str | None, bound: int) -> QueueResults:
    """A search counted and paged in one statement that reads its full-text matches once
    (store/queue_search)."""
    clauses, params = _narrowing(filters)
    plain = clauses == ["c.kind = :kind"] and params == {"kind": "claim"}
    start = parse_page_key(after)
    keyset = None
    if start:
        keyset = "(c.checkworthiness, c.article_id, c.seq) < (:score, :article, :seq)"
        params.update(score=start[0], article=start[1], seq=start[2])
    search = parse_search(filters.search)
    assert search is not None  # queue_results sends searches only
    sql = search_sql(_ORDER, clauses, plain=plain, keyset=keyset, matching=search.condition())
    params.update(
        search.params(),
        over=bound + 1,
        bound=bound,
        density=WALK_DENSITY,
        limit=PAGE_SIZE + 1,
    )
    extra = ", (SELECT n FROM search_count) AS match_count"
    rows = _page_rows(db, sql.page, params, before=sql.with_clause, extra=extra)
    counted = rows[0]["match_count"] if rows else 0
    if not rows and after is not None:
        # Past the last page: the statement had no row to carry the count on.
        counted = queue_count_upto(db, filters, bound)
    for row in rows:
        del row["match_count"]
    next_key = page_key(rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    if next_key and counted > bound:
        next_key += _MORE
    return QueueResults(
        cast(list[QueueRow], rows[:PAGE_SIZE]), next_key, min(counted, bound), counted > bound
    )


@query
def assigned_to(db: Database, user_id: int, limit: int = 20) -> list[dict]:
    """Open claims assigned to one person, most check-worthy first."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.status, c.checkworthiness,"
            " a.title AS article_title, a.language AS article_language"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.assignee_id = ? AND c.kind = 'claim' AND c.status != 'published'"
            f" ORDER BY {_ORDER} LIMIT ?",
            [user_id, limit],
        )
    )


@query
def waiting_for_review(db: Database, user_id: int, limit: int = 20) -> list[dict]:
    """Claims in review whose verdict this person did not write, revise or submit."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.checkworthiness, a.title AS article_title,"
            " a.language AS article_language, v.rating, v.rating_label, v.submitted_at,"
            " u.username AS author, u.display_name AS author_name"
            f" FROM ({_IN_REVIEW.format(author=f'v.author_id != :me AND NOT {WRITTEN_BY_ME}')}) p"
            " CROSS JOIN verdicts v ON v.id = p.id JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = v.author_id"
            " ORDER BY v.submitted_at, v.id",
            {"me": user_id, "limit": limit},
        )
    )


@query
def recently_published(db: Database, limit: int = 10) -> list[dict]:
    """The newest published verdicts. The verdicts are sorted by their ids alone, then the page's
    claims and articles are read."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, v.rating, v.rating_label, v.published_at,"
            " a.title AS article_title, a.language AS article_language"
            " FROM (SELECT id FROM verdicts WHERE state = 'published'"
            "   ORDER BY published_at DESC, id DESC LIMIT ?) p"
            " CROSS JOIN verdicts v ON v.id = p.id JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id ORDER BY v.published_at DESC, v.id DESC",
            [limit],
        )
    )


@query
def evidence_needing_attention(
    db: Database, limit: int = 10, keep: Callable[[dict], bool] | None = None
) -> list[dict]:
    """Live evidence whose page could not be archived, or has not been yet, newest first; with
    `keep`, only the items it keeps. Evidence ids follow the order it was added in, so SQLite
    walks them backwards and stops once `limit` are kept instead of sorting all evidence by time."""
    # With `keep`, rows are read until enough are kept (the cursor stops there); without, SQLite
    # stops at the limit itself.
    rows = db.query(
        "SELECT e.id, e.claim_id, e.url, e.added_at, c.article_id, s.status AS snapshot_status,"
        f" s.error AS snapshot_error, s.kind AS snapshot_kind, {PAGE_ERROR} AS page_error"
        " FROM evidence e JOIN claims c ON c.id = e.claim_id"
        f" LEFT JOIN evidence_snapshots s ON s.id = {SHOWN_COPY}"
        " WHERE e.removed_at IS NULL AND (s.id IS NULL OR s.status = 'failed')"
        " ORDER BY e.id DESC LIMIT ?",
        [-1 if keep else limit],
    )
    return list(islice(filter(keep, rows) if keep else rows, limit))


@query
def submitted_for_review(db: Database, user_id: int, limit: int = 20) -> list[dict]:
    """Claims in review whose verdict this person wrote, revised or submitted, waiting for
    someone else to approve."""
    return list(
        db.query(
            "SELECT c.id, c.article_id, c.text, c.checkworthiness, a.title AS article_title,"
            " a.language AS article_language, v.rating, v.rating_label, v.submitted_at"
            f" FROM ({_IN_REVIEW.format(author=f'(v.author_id = :me OR {WRITTEN_BY_ME})')}) p"
            " CROSS JOIN verdicts v ON v.id = p.id JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id"
            " ORDER BY v.submitted_at, v.id",
            {"me": user_id, "limit": limit},
        )
    )
