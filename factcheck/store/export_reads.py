"""Reads for exports (article and claim records as JSON text, CSV rows, report articles) and the
one write, the export's audit row.

Every export covers units classified as claims. Filters: one article, one status, and `since`, a
UTC date compared with the claim's last change (`updated_at`, bumped by every verdict, review,
assignment and classification step, so it is never earlier than a publication) or, for a claim
nobody has touched, the time its article was imported.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager

from factcheck.db import Database, read_snapshot
from factcheck.scales import Scale, default_scale
from factcheck.store import audit, claim_story
from factcheck.store.actors import Actor
from factcheck.store.errors import NotFound
from factcheck.store.link_checks import LINK_ACKNOWLEDGED, item_check
from factcheck.store.mutation import mutation, query
from factcheck.store.queue_reads import QueueFilters, filter_clauses
from factcheck.store.snapshots import (
    EXPORTED_COPY,
    FIXED_SINCE,
    PUBLISHED_ON_IT,
    SHOWN_COPY_OF_FIXED,
)

FETCH_BATCH = 2000
# Record batches also end once they hold this many characters: a claim with a long history is
# tens of kilobytes of JSON, and a writer holds a batch about three times over (the records,
# joined, encoded), so 2000 such records held a web export's server at hundreds of megabytes.
BATCH_CHARS = 1 << 20

_USERNAME = "(SELECT username FROM users WHERE id = {column})"
_DISPLAY_NAME = "(SELECT display_name FROM users WHERE id = {column})"

# The door the approval of verdict v came through (a web session, or the command line).
_APPROVAL_CHANNEL = """(SELECT channel FROM audit WHERE record_type = 'claim'
    AND record_id = v.claim_id AND action = 'review.approve'
    AND json_extract(after, '$.verdict_id') = v.id ORDER BY id DESC LIMIT 1)"""

# Verdict v's value on the desk's scale as it is now (:scale_values, `_scale_values`), or none
# for a rating the scale gives in words only (such as Unverifiable), or no longer has: the value
# stored with the verdict is on the scale of its day, whose bounds an export no longer knows
# (stored 6 of 2 to 6, read against a scale now of 1 to 5, it would be beyond the best).
_RATING_VALUE = "(SELECT value FROM json_each(:scale_values) WHERE key = v.rating)"

_VERDICTS = f"""
(SELECT json_group_array(json(item)) FROM (
    SELECT json_object(
        'id', v.id, 'rating', v.rating, 'rating_label', v.rating_label,
        'rating_value', {_RATING_VALUE}, 'rationale', v.rationale,
        'evidence_ids', json(v.evidence_ids), 'state', v.state,
        'author', {_USERNAME.format(column="v.author_id")},
        'author_name', {_DISPLAY_NAME.format(column="v.author_id")},
        'created_at', v.created_at, 'submitted_at', v.submitted_at,
        'approved_by', {_USERNAME.format(column="v.approved_by")},
        'approved_by_name', {_DISPLAY_NAME.format(column="v.approved_by")},
        'approved_via', {_APPROVAL_CHANNEL},
        'published_at', v.published_at, 'correction_of', v.correction_of,
        'correction_reason', v.correction_reason) AS item
    FROM verdicts v WHERE v.claim_id = c.id ORDER BY v.id))
"""


def _json_boolean(condition: str) -> str:
    """SQL for a JSON true or false (null when `condition` is), where SQLite gives 1 or 0: the
    condition (a comparison, or a subquery's) is worked out once."""
    return f"CASE ({condition}) WHEN 1 THEN json('true') WHEN 0 THEN json('false') END"


# The check the workbench's flag on an item reads (link_checks.item_check), of the copy shown; the
# item's FIXED_SINCE is worked out in a derived table, where SQLite's parser has room for it.
_ITEM_CHECK = item_check(SHOWN_COPY_OF_FIXED)

_EVIDENCE = f"""
(SELECT json_group_array(json(item)) FROM (
    SELECT json_object(
        'id', e.id, 'url', e.url, 'title', e.title, 'publisher', e.publisher,
        'stance', e.stance, 'quote', e.quote, 'note', e.note,
        'added_by', {_USERNAME.format(column="e.added_by")}, 'added_at', e.added_at,
        'removed_at', e.removed_at,
        'removed_by', {_USERNAME.format(column="e.removed_by")},
        'removal_reason', e.removal_reason,
        'snapshot', (SELECT json_object('id', s.id, 'status', s.status,
                                        'fetched_at', s.fetched_at,
                                        'content_sha256', s.content_sha256,
                                        'kind', s.kind, 'archive_url', s.archive_url,
                                        'final_url', s.final_url, 'error', s.error,
                                        'kept_after_publication',
                                        {_json_boolean(f"s.fetched_at > {PUBLISHED_ON_IT}")})
                     FROM evidence_snapshots s WHERE s.id = {EXPORTED_COPY}),
        'quote_check', (SELECT json_object('status', q.status, 'score', q.score,
                                           'passage', q.passage, 'snapshot_id', q.snapshot_id)
                        FROM quote_checks q WHERE q.evidence_id = e.id
                        AND q.snapshot_id = {EXPORTED_COPY}),
        'link_check', (SELECT json_object('outcome', l.outcome, 'checked_at', l.checked_at,
                                          'http_status', l.http_status,
                                          'final_url', l.final_url,
                                          'text_change', l.text_change,
                                          'snapshot_id', l.snapshot_id,
                                          'quote_status', json_extract(l.quotes, '$.' || e.id),
                                          'acknowledged', {_json_boolean(LINK_ACKNOWLEDGED)})
                       FROM link_checks l WHERE l.id = {_ITEM_CHECK})) AS item
    FROM (SELECT e.*, {FIXED_SINCE} AS fixed_since FROM evidence e WHERE e.claim_id = c.id) e
    ORDER BY e.id))
"""

_COMMENTS = f"""
(SELECT json_group_array(json(item)) FROM (
    SELECT json_object('id', m.id, 'body', m.body,
                       'author', {_USERNAME.format(column="m.author_id")},
                       'created_at', m.created_at) AS item
    FROM comments m WHERE m.claim_id = c.id ORDER BY m.id))
"""

# An audit row as a claim's history lists it: a bulk action or unit edit (record type 'claims')
# with only what it did to this claim, the other claims' changes being theirs. Its claim_id is
# the unit it was about: the claim itself, or a unit merged into it later (null for a copy of a
# source, which is about the page).
_HISTORY_ITEM = """json_object('id', entry.id, 'at', entry.at, 'actor', entry.actor,
                       'channel', entry.channel, 'action', entry.action,
                       'claim_id', CASE entry.record_type WHEN 'claim' THEN entry.record_id
                                   WHEN 'claims' THEN json_extract(entry.change, '$.id') END,
                       'before', CASE WHEN entry.record_type = 'claims'
                                 THEN json(json_extract(entry.change, '$.before'))
                                 ELSE json(entry.before) END,
                       'after', CASE WHEN entry.record_type = 'claims'
                                THEN json(json_extract(entry.change, '$.after'))
                                ELSE json(entry.after) END,
                       'reason', entry.reason, 'hash', entry.hash)"""

# The claim's story as its history tells it (claim_story), less its article's import: the
# article's record, exported beside its claims, says when and how it was imported. Each row's
# own change is worked out once in the inner query, which is kept apart (an ORDER BY under an
# aggregate is not merged into it).
_HISTORY = f"""
(SELECT json_group_array(json({_HISTORY_ITEM})) FROM (
    SELECT a.*, {claim_story.own_change("c.id", "a")} AS change
    FROM audit a WHERE a.id IN ({claim_story.story_ids("c.id")}) ORDER BY a.id) entry)
"""

# Claims with anything attached. Most claims in a large database have nothing, and testing this
# set once per claim is about twice as fast as running the four lookups above for every claim.
_TOUCHED = """
(SELECT claim_id FROM verdicts UNION SELECT claim_id FROM evidence
 UNION SELECT claim_id FROM comments
 UNION SELECT record_id FROM audit WHERE record_type = 'claim'
 UNION SELECT claim_id FROM bulk_action_claims)
"""


def _when_touched(subquery: str) -> str:
    return f"CASE WHEN c.id IN {_TOUCHED} THEN {subquery} ELSE json_array() END"


def _claim_record(attached) -> str:
    """The JSON record of claim `c`; `attached(subquery)` wraps each lookup of what is attached."""
    return f"""
json_object(
    'record', 'claim', 'id', c.id,
    'article_id', c.article_id, 'seq', c.seq, 'start', c.start, 'end', c."end",
    'text', c.text, 'section', c.section, 'kind', c.kind, 'reason', c.reason, 'attribution', c.attribution,
    'checkworthiness', c.checkworthiness, 'reasons', json(c.reasons), 'status', c.status,
    'version', c.version, 'updated_at', c.updated_at, 'corrected_at', c.corrected_at,
    'assignee', CASE WHEN c.assignee_id IS NOT NULL
                THEN {_USERNAME.format(column="c.assignee_id")} END,
    'verdicts', {attached(_VERDICTS)}, 'evidence', {attached(_EVIDENCE)},
    'comments', {attached(_COMMENTS)}, 'history', {attached(_HISTORY)})
"""


_CLAIM_RECORD = _claim_record(_when_touched)
# For the few claims of one article, four index lookups per claim cost far less than building
# the set of touched claims (every verdict, evidence item, comment and claim audit row) once per
# statement, which a report paid three times an article. An empty lookup gives the same "[]".
_FEW_CLAIMS_RECORD = _claim_record(lambda subquery: subquery)

# A correction of the published verdict being drafted or in review: a row's verdict columns
# keep what readers see, and its correction columns say what may replace it.
_CORRECTION_UNDER_WAY = """
(SELECT w.id FROM verdicts w WHERE w.claim_id = c.id AND w.correction_of IS NOT NULL
 AND w.state IN ('draft', 'in_review') ORDER BY w.id DESC LIMIT 1)
"""

# The verdict a reader should see: the published one, else the one being worked on.
_SHOWN_VERDICT = """
(SELECT v.id FROM verdicts v WHERE v.claim_id = c.id AND v.state != 'superseded'
 ORDER BY v.state = 'published' DESC, v.id DESC LIMIT 1)
"""

_ARTICLE_RECORD = """
json_object(
    'record', 'article', 'id', art.id, 'title', art.title, 'source_url', art.source_url,
    'publisher', art.publisher, 'author', art.author, 'published_date', art.published_date,
    'import_format', art.import_format, 'imported_at', art.imported_at,
    'imported_by', art.imported_by, 'language', art.language, 'body_hash', art.body_hash,
    'body', art.body)
"""

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "seq",
    "start",
    "end",
    "section",
    "text",
    "attribution",
    "status",
    "rating",
    "rating_value",
    "verdict_state",
    "rationale",
    "evidence_urls",
    "author",
    "approver",
    "published_at",
    "corrected_at",
    "updated_at",
    "correction_rating",
    "correction_state",
    "correction_rationale",
    "correction_reason",
)

_CSV_SELECT = f"""
SELECT c.id, a.id, a.title, a.source_url, c.seq, c.start, c."end", c.section, c.text,
       c.attribution, c.status, v.rating_label, {_RATING_VALUE}, v.state, v.rationale,
       (SELECT group_concat(url, char(10)) FROM (
            SELECT e.url FROM evidence e
            WHERE e.claim_id = c.id AND CASE WHEN v.state = 'published'
                THEN e.id IN (SELECT value FROM json_each(v.evidence_ids))
                ELSE e.removed_at IS NULL END
            ORDER BY e.id)),
       {_USERNAME.format(column="v.author_id")}, {_USERNAME.format(column="v.approved_by")},
       CASE WHEN v.state = 'published' THEN (
            SELECT min(first.published_at) FROM verdicts first
            WHERE first.claim_id = c.id AND first.published_at IS NOT NULL) END,
       c.corrected_at, c.updated_at,
       w.rating_label, w.state, w.rationale, w.correction_reason
FROM claims c JOIN articles a ON a.id = c.article_id
LEFT JOIN verdicts v ON v.id = {_SHOWN_VERDICT}
LEFT JOIN verdicts w ON w.id = {_CORRECTION_UNDER_WAY}
"""


def _where(filters: dict, published_only: bool = False) -> tuple[str, dict]:
    """The WHERE clause for claims chosen by the queue's filters (article, status, verdict,
    assignee, section, search), claims changed since a date, and optionally published ones."""
    since = filters.get("since")
    queue_filters = QueueFilters(**{k: v for k, v in filters.items() if k != "since"})
    clauses, params = filter_clauses(queue_filters)
    if since is not None:
        clauses.append("coalesce(c.updated_at, a.imported_at) >= :since")
        params["since"] = str(since)
    if published_only:
        clauses.append(
            "EXISTS (SELECT 1 FROM verdicts p WHERE p.claim_id = c.id AND p.state = 'published')"
        )
    return " WHERE " + " AND ".join(clauses), params


def _scale_values(scale: Scale | None) -> str:
    """Each rating of `scale` (by default the one shipped) that is a point on it, with its value,
    as the JSON object `_RATING_VALUE` reads."""
    return json.dumps({r.key: r.value for r in (scale or default_scale()).ratings if r.numeric})


def _claim_records_sql(where: str, order_by: str) -> str:
    return (
        f"SELECT {_CLAIM_RECORD} FROM claims c"
        f" JOIN articles a ON a.id = c.article_id{where} ORDER BY {order_by}"
    )


def _selected_article_ids_sql(where: str) -> str:
    return f"SELECT c.article_id FROM claims c JOIN articles a ON a.id = c.article_id{where}"


def _batches(db: Database, sql: str, params: dict) -> Iterator[list[tuple]]:
    """The rows of a query, a batch at a time, holding only one batch in memory."""
    cursor = db.conn.execute(sql, params)
    try:
        while rows := cursor.fetchmany(FETCH_BATCH):
            yield rows
    finally:
        cursor.close()


def _record_batches(db: Database, sql: str, params: dict) -> Iterator[list[str]]:
    """The records (a query's one text column), up to FETCH_BATCH of them or BATCH_CHARS
    characters a batch, whichever comes first."""
    cursor = db.conn.execute(sql, params)
    try:
        batch: list[str] = []
        size = 0
        for (record,) in cursor:
            batch.append(record)
            size += len(record)
            if len(batch) >= FETCH_BATCH or size >= BATCH_CHARS:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch
    finally:
        cursor.close()


@query
@contextmanager
def snapshot(db: Database) -> Iterator[None]:
    """Hold one read transaction so every part of an export sees the same state of the database.
    Close it before recording the export: a write cannot start inside it."""
    with read_snapshot(db):
        yield


@query
def verdicts_and_evidence(
    db: Database, claim_ids: list[int], *, scale: Scale | None = None
) -> dict[int, dict]:
    """For each claim id: its "verdicts" and "evidence" (removed too) exactly as the JSON export
    records them, so every JSON that shows a claim's verdicts and sources names their fields the
    same way."""
    parts: dict[int, dict] = {claim_id: {"verdicts": [], "evidence": []} for claim_id in claim_ids}
    rows = db.execute(
        f"SELECT c.id, {_VERDICTS}, {_EVIDENCE} FROM claims c"
        " WHERE c.id IN (SELECT value FROM json_each(:claims))",
        {"claims": json.dumps(list(claim_ids)), "scale_values": _scale_values(scale)},
    )
    for claim_id, verdicts_json, evidence_json in rows:
        parts[claim_id] = {
            "verdicts": json.loads(verdicts_json),
            "evidence": json.loads(evidence_json),
        }
    return parts


@query
def claim_record_batches(
    db: Database, *, published_only: bool = False, scale: Scale | None = None, **filters: object
) -> Iterator[list[str]]:
    """Each selected claim as JSON text with its article id, verdicts, evidence (removed too),
    comments and audit history, built by SQLite and streamed in claim id order, in batches
    (`_record_batches`; handing over a batch at a time keeps Python's share of the work small
    next to SQLite's)."""
    where, params = _where(filters, published_only)
    params["scale_values"] = _scale_values(scale)
    yield from _record_batches(db, _claim_records_sql(where, "c.id"), params)


@query
def article_record_batches(
    db: Database, *, published_only: bool = False, **filters: object
) -> Iterator[list[str]]:
    """Each article with at least one selected claim as JSON text (body included, since claim
    offsets point into it), in id order, in batches (`_record_batches`)."""
    where, params = _where(filters, published_only)
    sql = (
        f"SELECT {_ARTICLE_RECORD} FROM articles art"
        f" WHERE art.id IN ({_selected_article_ids_sql(where)}) ORDER BY art.id"
    )
    yield from _record_batches(db, sql, params)


def _numbered_sql(select: str, article_id: int, published: bool | None, filters: dict):
    """`select` over the selected claims `c` of one article in document order, each with its
    number `n.number` among them; `published` keeps only those with or without a published
    verdict."""
    where, params = _where({**filters, "article_id": article_id})
    sql = (
        "WITH numbered AS ("
        " SELECT c.id AS id, row_number() OVER (ORDER BY c.seq) AS number,"
        " EXISTS (SELECT 1 FROM verdicts r WHERE r.claim_id = c.id AND r.state = 'published')"
        f" AS published FROM claims c JOIN articles a ON a.id = c.article_id{where})"
        f" SELECT {select} FROM numbered n JOIN claims c ON c.id = n.id"
    )
    if published is not None:
        sql += " WHERE n.published = :published"
        params["published"] = int(published)
    return sql + " ORDER BY n.number", params


@query
def numbered_claim_records(
    db: Database,
    article_id: int,
    *,
    published: bool | None = None,
    scale: Scale | None = None,
    **filters: object,
) -> Iterator[tuple[int, dict]]:
    """The selected claims of one article as decoded records in document order, each with its
    number among them (from 1), streamed a batch at a time. `published` keeps only the claims
    with (True) or without (False) a published verdict; a draft or a verdict in review does not
    count."""
    sql, params = _numbered_sql(f"n.number, {_FEW_CLAIMS_RECORD}", article_id, published, filters)
    params["scale_values"] = _scale_values(scale)
    for rows in _batches(db, sql, params):
        for number, record in rows:
            yield number, json.loads(record)


@query
def numbered_claim_marks(
    db: Database, article_id: int, *, published: bool | None = None, **filters: object
) -> Iterator[tuple[int, dict, bool, str | None]]:
    """Like `numbered_claim_records`, but each claim's own columns only (id, start, end, section,
    text, status), whether it has a published verdict and that verdict's rating: what the article
    text and a list of claims show, without building verdicts, evidence or history."""
    select = (
        'n.number, c.id, c.start, c."end", c.section, c.text, c.status, n.published,'
        " (SELECT p.rating FROM verdicts p WHERE p.claim_id = c.id AND p.state = 'published'"
        " ORDER BY p.id DESC LIMIT 1)"
    )
    sql, params = _numbered_sql(select, article_id, published, filters)
    for rows in _batches(db, sql, params):
        for number, claim_id, start, end, section, text, status, is_published, rating in rows:
            own = {"id": claim_id, "start": start, "end": end, "section": section}
            own |= {"text": text, "status": status}
            yield number, own, bool(is_published), rating


@query
def published_ratings(db: Database, **filters: object) -> Iterator[tuple]:
    """(article_id, rating, rating_label) for each selected claim, by article and then in
    document order. Rating and label are those of the claim's published verdict, or None when
    it has none (drafts and verdicts in review are not counted)."""
    where, params = _where(filters)
    sql = (
        "SELECT c.article_id, v.rating, v.rating_label FROM claims c"
        " JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.id = ("
        "  SELECT p.id FROM verdicts p WHERE p.claim_id = c.id AND p.state = 'published'"
        "  ORDER BY p.id DESC LIMIT 1)"
        f"{where} ORDER BY c.article_id, c.seq"
    )
    for rows in _batches(db, sql, params):
        yield from rows


@query
def csv_rows(db: Database, *, scale: Scale | None = None, **filters: object) -> Iterator[tuple]:
    """One flat row per selected claim in the order of CSV_COLUMNS, streamed in claim id order."""
    where, params = _where(filters)
    params["scale_values"] = _scale_values(scale)
    for rows in _batches(db, f"{_CSV_SELECT}{where} ORDER BY c.id", params):
        yield from rows


@query
def verdict_copies(db: Database, *, published_only: bool = False, **filters: object) -> list[dict]:
    """The stored files of the archived copies the selected claims' verdicts rest on, each file
    once, by sha256: for each evidence item a verdict cites, the copy the JSON export names for
    it, of every verdict the JSON carries but a superseded one (the published verdict, a
    correction drafted or in review, a draft, a verdict in review). A superseded verdict is left
    out: the JSON names each item's copy for the verdicts after it (else the newest), which need
    not be the one it was approved on."""
    where, params = _where(filters, published_only)
    return list(
        db.query(
            "SELECT DISTINCT f.sha256, f.content_type, f.size FROM claims c"
            " JOIN articles a ON a.id = c.article_id"
            " JOIN verdicts v ON v.claim_id = c.id AND v.state != 'superseded'"
            " JOIN json_each(v.evidence_ids) cited JOIN evidence e ON e.id = cited.value"
            f" JOIN evidence_snapshots s ON s.id = {EXPORTED_COPY} AND s.status = 'archived'"
            f" JOIN snapshot_files f ON f.sha256 = s.content_sha256{where} ORDER BY f.sha256",
            params,
        )
    )


@query
def copy_bytes(db: Database, sha256: str) -> bytes | None:
    """The stored bytes of one copy."""
    row = db.execute("SELECT data FROM snapshot_files WHERE sha256 = ?", [sha256]).fetchone()
    return bytes(row[0]) if row else None


@query
def articles_selected(db: Database, **filters: object) -> list[dict]:
    """The articles with at least one selected claim, oldest first, without their bodies (see
    `article_body`)."""
    where, params = _where(filters)
    return list(
        db.query(
            "SELECT id, title, source_url, publisher, author, published_date, body_hash,"
            " import_format, imported_at, imported_by, language FROM articles"
            f" WHERE id IN ({_selected_article_ids_sql(where)}) ORDER BY id",
            params,
        )
    )


@query
def require_article(db: Database, article_id: int) -> None:
    """Refuse an export of an article that is not there, rather than write an empty file."""
    if db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is None:
        raise NotFound("article.not_found", {"id": article_id})


@query
def verdict_in_use(db: Database, key: str) -> bool:
    """Whether any claim carries this rating key (one from an older scale, say)."""
    return (
        db.execute("SELECT 1 FROM claims WHERE verdict = ? LIMIT 1", [key]).fetchone() is not None
    )


@query
def article_body(db: Database, article_id: int) -> str:
    """One article's text, which claim offsets point into."""
    return db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]


@query
def audit_row_hash(db: Database, row_id: int) -> str | None:
    """The hash stored on one audit row, or None when there is no such row."""
    row = db.execute("SELECT hash FROM audit WHERE id = ?", [row_id]).fetchone()
    return row[0] if row else None


@query
def export_rows_with_manifest(db: Database, manifest_sha256: str) -> list[int]:
    """Ids of the audit rows that recorded an export whose bundle manifest has this sha256."""
    rows = db.execute(
        "SELECT id FROM audit WHERE record_type = 'export'"
        " AND json_extract(after, '$.manifest_sha256') = ? ORDER BY id",
        [manifest_sha256],
    )
    return [row[0] for row in rows]


@query
def recorded_bundle(db: Database, created_at: object, head_row: object) -> tuple[int, dict] | None:
    """The audit row of the bundle export made at `created_at` from the audit head `head_row`
    (as its manifest says), with the sha256 of each file it recorded writing; None when the trail
    records no such export."""
    row = db.execute(
        "SELECT id, json_extract(after, '$.files') FROM audit WHERE record_type = 'export'"
        " AND json_extract(after, '$.format') = 'bundle'"
        " AND json_extract(after, '$.created_at') = ?"
        " AND json_extract(after, '$.audit_head.row') = ? ORDER BY id LIMIT 1",
        [str(created_at), head_row if isinstance(head_row, int) else None],
    ).fetchone()
    if row is None or not isinstance(files := json.loads(row[1] or "null"), dict):
        return None
    return row[0], files


@mutation
def record_export(db: Database, *, actor: Actor, details: dict) -> int:
    """Write the audit row that says an export was made; `details` names its format, filters,
    claim count, the audit head it was taken at, and the sha256 of what was written."""
    return audit.record(db, actor, "export", None, "export", after=details)
