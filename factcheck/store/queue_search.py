"""A queue search's count and page in one statement that reads the full-text index once.

The matches are read from the index into a set (`search_matches`), counted from that set up to the
count bound, and the count picks the page's plan inside the same statement: many matches walk the
ranked index, looking each claim up in the set; few are read and sorted. Each plan is a branch of
a UNION ALL whose LIMIT is 0 unless the count chose it, and SQLite skips a branch with LIMIT 0
before reading anything. A plain search tells claims from non-claims through the index of
non-claims by id (migration 014), so counting reads no claim rows at all.

Used by store/queue_reads.queue_results for a search whose other filters have no index of their
own (with one, SQLite starts from that index instead)."""

from dataclasses import dataclass

#: "This match is a claim", from the small index of non-claims alone.
_IS_CLAIM = (
    "NOT EXISTS (SELECT 1 FROM claims n INDEXED BY claims_not_claims_by_id"
    " WHERE n.kind != 'claim' AND n.id = m.id)"
)


@dataclass(frozen=True)
class SearchSql:
    """The WITH clause that reads, counts and plans, and the page's ids under it (a SELECT of
    `id` in no particular order, at most :limit rows). The count is `(SELECT n FROM
    search_count)`."""

    with_clause: str
    page: str


def search_sql(
    order: str, clauses: list[str], *, plain: bool, keyset: str | None, matching: str
) -> SearchSql:
    """The statement's parts for claims `c` matching :search and `clauses` (the other filters),
    in `order`, starting after `keyset` (a condition on c, or None for the first page).

    Named parameters: :search, :over (the count bound + 1), :bound, :density (walk when at least
    one claim in this many matches), :limit, and those of `matching` (Search.condition on
    claims_fts). `plain`: `clauses` only say the unit is a claim."""
    narrowing = " AND ".join(clauses) or "1"
    counted = (
        f"SELECT 1 FROM search_matches m WHERE {_IS_CLAIM}"
        if plain
        else f"SELECT 1 FROM search_matches m CROSS JOIN claims c ON c.id = m.id WHERE {narrowing}"
    )
    with_clause = (
        "WITH search_matches(id) AS MATERIALIZED ("
        f"SELECT rowid FROM claims_fts WHERE {matching}),"
        f" search_count(n) AS MATERIALIZED (SELECT count(*) FROM ({counted} LIMIT :over)),"
        " search_plan(walk) AS MATERIALIZED (SELECT n > :bound"
        " OR n * :density >= (SELECT coalesce(max(id), 0) FROM claims) FROM search_count)"
    )
    start = f" AND {keyset}" if keyset else ""
    # The walk: the unary + keeps SQLite from starting at the matches instead of the ranked index.
    walk = (
        f"SELECT c.id FROM claims c WHERE {narrowing} AND +c.id IN (SELECT id FROM search_matches)"
        f"{start} ORDER BY {order}"
        " LIMIT (SELECT CASE WHEN walk THEN :limit ELSE 0 END FROM search_plan)"
    )
    sort = (
        f"SELECT c.id FROM search_matches m CROSS JOIN claims c ON c.id = m.id"
        f" WHERE {narrowing}{start} ORDER BY {order}"
        " LIMIT (SELECT CASE WHEN walk THEN 0 ELSE :limit END FROM search_plan)"
    )
    return SearchSql(with_clause, f"SELECT id FROM ({walk}) UNION ALL SELECT id FROM ({sort})")
