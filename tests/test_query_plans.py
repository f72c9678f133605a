"""Every page reads its big tables through indexes: the SQL each page runs (traced on the app's
connection while the test client asks for it, on a database with work in every state) is put to
EXPLAIN QUERY PLAN, and a full scan of a big table, or a sort of one for ORDER BY, fails the test.

Small tables may be scanned; each is listed with the reason it stays small. A sort may be named
in SMALL_SORTS when it orders rows already narrowed to a few (one claim's, one page's), with why."""

import re

import pytest
from helpers import HX, RATIONALE, import_sample

from factcheck.store import bulk, claim_reads, comments, evidence, export_reads, verdicts

#: Tables a page may scan whole, and why they stay small.
SMALL_TABLES = {
    "users": "the newsroom's people: tens of rows, listed whole on the panel and admin pages",
    "_sqlite_migrations": "one row per migration file",
    "sqlite_master": "the schema",
    "json_each": "a table-valued function over a list the query was given",
    "copy_rule": "one row: when verdicts began to rest on the copies of their submission",
}

#: Sorts (USE TEMP B-TREE FOR ORDER BY) of rows already narrowed to a few: a statement matching
#: the pattern may sort once for each match, and the reason says why the rows are few.
SMALL_SORTS = [
    (r"FROM \(SELECT c\.id FROM", "the queue: the 51 rows of one page, chosen by the subquery"),
    (r"CROSS JOIN verdicts v ON v\.id = p\.id", "a dashboard list: the rows of one short page"),
    (r"record_type = 'claim' AND record_id =", "one claim's history: its own audit rows"),
    (r"JOIN json_each\([^)]*\) w ON w\.value = v\.claim_id", "the verdicts of one page's claims"),
    (r"JOIN json_each\([^)]*\) w ON w\.value = e\.claim_id", "the evidence of one page's claims"),
    (r"FROM claims WHERE article_id = \d+ AND kind = 'claim' ORDER BY", "one article's claims"),
    (r"c\.kind = 'claim' AND c\.article_id = \d+ ORDER BY", "the queue of one article's claims"),
    (
        r"FROM claim_matches m JOIN library_items l .* WHERE m\.claim_id = \d+",
        "one claim's matches",
    ),
    (r"AND c\.kind = 'claim' AND c\.article_id != \d+ ORDER BY", "claims with one claim's text"),
    (r"WHERE v\.author_id = \d+ AND v\.state = 'draft'", "one person's open drafts"),
    (
        r"FROM claims_fts f CROSS JOIN claims c ON c\.id = f\.rowid WHERE .* ORDER BY",
        "a search matching few claims sorts its matches (more walk the ranked index instead:"
        " store/queue_reads.WALK_DENSITY)",
    ),
    (
        r"LIMIT \(SELECT CASE WHEN walk THEN 0 ELSE",
        "a search matching few claims sorts its matches in the branch its count chose (many walk"
        " the ranked index instead: store/queue_search)",
    ),
    (
        r"c\.id IN \(SELECT claim_id FROM claim_matches\) ORDER BY",
        "the queue of claims with a previous check: the few matched claims, sorted",
    ),
    (
        r"c\.id IN \(SELECT e\.claim_id FROM \(SELECT e\.\*, .* FROM evidence e\) e"
        r" JOIN link_checks .* ORDER BY",
        "the queue of claims whose evidence changed: the few flagged claims, sorted",
    ),
    (
        r"AS kept_quote_status FROM evidence e",
        "evidence the link watch flagged: the few changed pages",
    ),
    (
        r"c\.id IN \(SELECT e\.claim_id FROM evidence e WHERE e\.removed_at IS NULL AND NOT"
        r" EXISTS .* ORDER BY",
        "the queue of claims citing a page no copy was kept of: the few waiting for a worker or"
        " whose archive failed, sorted",
    ),
]

#: Statements that may scan a big table, the table, and why.
ALLOWED_SCANS = [
    (
        r"FROM \(SELECT DISTINCT claim_id FROM claim_matches\)",
        "claim_matches",
        "the dashboard's count of claims with a previous check reads every match once, in key"
        " order (the table is its own index)",
    ),
    (
        r"WHERE e\.removed_at IS NULL AND \(s\.id IS NULL OR s\.status = 'failed'\)"
        r" ORDER BY e\.id DESC LIMIT",
        "evidence",
        "evidence needing attention walks evidence newest first in rowid order and stops at the"
        " page's end; new evidence waiting for its copy is what it finds first",
    ),
]

#: Tables that grow with the newsroom's work: never scanned whole, never sorted whole.
_SCAN = re.compile(r"^SCAN (\w+)(?: (?:VIRTUAL TABLE|USING (?:COVERING )?INDEX)\b)?")
_FROM = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b)(\w+))?", re.I)


@pytest.fixture
def seeded(app_db, people):
    """Articles with claims in every state: drafts, verdicts in review, published ones, evidence,
    comments that mention people, assignments and bulk actions."""
    first = import_sample(app_db)
    import_sample(app_db, SECOND_ARTICLE)
    ids = [c["id"] for c in claim_reads.claims_for_article(app_db, first) if c["kind"] == "claim"]
    rita, ed = people["rita"], people["ed"]
    bulk.bulk_update(app_db, ids[:3], action="assign", value="rita", actor=ed)
    for claim_id in ids[:3]:
        evidence.add_evidence(
            app_db, claim_id, url=f"https://stats.example/{claim_id}", stance="supports", actor=rita
        )
        verdicts.set_verdict(app_db, claim_id, rating="false", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(app_db, ids[0], actor=rita)
    verdicts.submit_for_review(app_db, ids[1], actor=rita)
    verdicts.approve(app_db, ids[1], actor=ed)
    comments.add_comment(app_db, ids[0], body="@ed please look at the figures", actor=rita)
    return {"article": first, "claim": ids[0]}


SECOND_ARTICLE = """Bridge repairs to cost 48 million

The city council said on Monday that repairs to the old bridge would cost 48 million dollars.

Traffic will be limited to one lane until June, council officials said.
"""

QUEUE_VIEWS = [
    "",
    "status=in_review",
    "status=published",
    "status=unreviewed",
    "verdict=false",
    "assignee=me",
    "assignee=none",
    "assignee=ed",
    "article={article}",
    "section=headline",
    "kind=not_a_claim",
    "q=council",
    "q=council&status=in_progress",
    "q=zyzzyva",
    "previous=yes",
    "evidence=changed",
    "evidence=not_archived",
    "after=0.5:{article}:3",
    "q=council&after=0.5:{article}:3",
    "status=in_progress&after=0.5:{article}:3",
]


def _tables(sql: str) -> dict[str, str]:
    """Each name a statement reads FROM or JOINs, and its alias, mapped to the table."""
    names = {}
    for table, alias in _FROM.findall(sql):
        names[table] = table
        if alias:
            names[alias] = table
    return names


def _problems(db, sql: str) -> list[str]:
    if not re.match(r"\s*(SELECT|WITH)\b", sql, re.I):
        return []
    plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    tables = _tables(sql)
    real = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found, sorts = [], 0
    for line in plan:
        scan = _SCAN.match(line)
        if scan and not scan.group(0).endswith(("INDEX", "TABLE")):
            table = tables.get(scan.group(1), scan.group(1))
            allowed = any(
                table == name and re.search(pattern, sql) for pattern, name, _ in ALLOWED_SCANS
            )
            if table in real and table not in SMALL_TABLES and not allowed:
                found.append(f"{line} (table {table})")
        if "TEMP B-TREE FOR ORDER BY" in line:
            sorts += 1
    allowed = sum(len(re.findall(pattern, sql)) for pattern, _ in SMALL_SORTS)
    if sorts > allowed:
        found.append(f"USE TEMP B-TREE FOR ORDER BY ({sorts} sorts, {allowed} of few rows)")
    shown = "\n      ".join(plan)
    return [f"{problem}\n    in: {sql}\n    plan:\n      {shown}" for problem in found]


def _ask(client, url: str, **headers) -> None:
    response = client.get(url, headers=headers, follow_redirects=True)
    assert response.status_code == 200, (url, response.status_code)


def _pages(seeded: dict) -> list[tuple[str, dict]]:
    claim, article = seeded["claim"], seeded["article"]
    pages = [("/", {}), ("/inbox", {}), (f"/articles/{article}", {})]
    pages += [(f"/claims/{claim}", {}), (f"/claims/{claim}/panel", HX)]
    pages += [(f"/queue?{view.format(article=article)}", {}) for view in QUEUE_VIEWS]
    pages += [(f"/queue?{view.format(article=article)}", HX) for view in ("", "q=council")]
    return pages


@pytest.mark.parametrize("username", ["rita", "ed"])
def test_every_page_reads_big_tables_through_indexes(
    app, app_db, client_as, seeded, statements, username
):
    client = client_as(username)
    found: dict[str, list[str]] = {}
    for url, headers in _pages(seeded):
        statements.clear()
        _ask(client, url, **headers)
        assert statements, url
        problems = sorted({p for sql in statements for p in _problems(app_db, sql)})
        if problems:
            found[url] = problems
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(p) for url, p in found.items())


@pytest.mark.parametrize(
    "view", ["q=council", "q=zyzzyva", "q=council&assignee=none", "q=council&after=0.5:1:3"]
)
def test_a_search_reads_the_full_text_index_once_per_request(client_as, seeded, statements, view):
    client = client_as("rita")
    _ask(client, f"/queue?{view}")
    reads = sum(sql.count("claims_fts MATCH") for sql in statements)
    assert reads == 1, [sql for sql in statements if "claims_fts" in sql]


def test_the_full_export_reads_each_claims_story_by_index_search(app_db, seeded):
    """A full export builds every claim's history (claim_story) in one statement, and a report
    one article's: a scan of the audit trail or of the evidence, even of an index over them, in
    what is worked out for each claim made a whole desk's export take minutes. Searches only
    (the set of claims with anything attached is read once a statement)."""
    traced: list[str] = []
    app_db.conn.set_trace_callback(traced.append)
    try:
        list(export_reads.claim_record_batches(app_db))
        list(export_reads.numbered_claim_records(app_db, seeded["article"]))
    finally:
        app_db.conn.set_trace_callback(None)
    exports = [sql for sql in traced if "'history'" in sql]
    assert len(exports) == 2
    for sql in exports:
        tables = _tables(sql)
        plan = {row[0]: row[1:] for row in app_db.execute(f"EXPLAIN QUERY PLAN {sql}")}
        scans = [
            line
            for node, (_, _, line) in plan.items()
            if (scan := _SCAN.match(line))
            and tables.get(scan.group(1)) in ("audit", "evidence")
            and _once_a_claim(plan, node)
        ]
        assert not scans, "\n".join(line for _, _, line in plan.values())


def _once_a_claim(plan: dict, node: int) -> bool:
    """Whether a step of a plan (id: (parent, _, line)) is taken again for each outer row."""
    parent, _, line = plan[node]
    return line.startswith("CORRELATED") or (parent in plan and _once_a_claim(plan, parent))
