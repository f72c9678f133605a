"""Which audit rows tell a claim's story, in one place: the claim's history (`factcheck history`,
the panel's timeline), the audit page's rows for a claim and the full-record exports read the
same rows, through the SQL here."""

#: Where the audit rows of unit {unit}, merged away at audit row {merged_at}, begin: after the
#: last earlier merge that removed a unit with the same id (until new units skipped the ids a
#: merge removed, such an id was given again).
UNIT_ROWS_AFTER = (
    "coalesce((SELECT max(p.id) FROM audit p, json_each(p.after, '$.removed') earlier"
    " WHERE p.record_type = 'claims' AND p.action = 'unit.merge' AND p.id < {merged_at}"
    " AND earlier.value = {unit}), 0)"
)

# The actions that keep a copy of a source, found by the source's address through the index
# audit_copies_by_url (db/migrations/028_audit_copies_by_url.sql); a query must name them
# as written here for SQLite to use it.
_COPY_ACTIONS = "('evidence.copy_received', 'evidence.copy', 'evidence.archive')"


def merged_units(claim: str) -> str:
    """SQL for each unit merged into claim `claim` (an SQL expression: a parameter, or a column
    of the statement around it), and the audit row of the merge that removed it. A merge's link
    moves with its unit's other bulk links (bulk_records.move_claim_links), so a unit merged
    into one merged here later is listed too."""
    return (
        "SELECT CAST(removed.value AS INTEGER) AS unit, m.id AS merged_at"
        " FROM bulk_action_claims l CROSS JOIN audit m ON m.id = l.audit_id"
        " AND m.action = 'unit.merge' CROSS JOIN json_each(m.after, '$.removed') removed"
        f" WHERE l.claim_id = {claim}"
    )


def story_ids(claim: str) -> str:
    """SQL for the ids of the audit rows telling claim `claim`'s story, except its article's
    import: its own rows, the bulk actions and unit edits that changed it, the work done on each
    unit merged into it until that merge, and the copies kept for the sources it cites.

    Every part starts from this claim's few rows (CROSS JOIN keeps that order): without
    statistics SQLite may otherwise start from the trail and read all of it for every claim, as
    an export of a 1.4-million-claim desk once did (22 s for 200 claims, 0.04 s in this order)."""
    return f"""
SELECT h.id FROM audit h WHERE h.record_type = 'claim' AND h.record_id = {claim}
UNION SELECT l.audit_id FROM bulk_action_claims l WHERE l.claim_id = {claim}
UNION SELECT h.id FROM ({merged_units(claim)}) u
    CROSS JOIN audit h ON h.record_type = 'claim' AND h.record_id = u.unit AND h.id < u.merged_at
    WHERE h.id > {UNIT_ROWS_AFTER.format(merged_at="u.merged_at", unit="u.unit")}
UNION {_copies_of_sources(claim)}"""


def _copies_of_sources(claim: str) -> str:
    """A reviewer's own copy of a source is kept against the evidence item, not the claim: an
    HTML page on receipt (the row keeping it once read follows, and is not repeated), a PDF or
    an image when kept, and a web archive's copy of the source's address. Copies are kept per
    address, so one given for another claim citing the page is listed too, while this claim
    cites it; one given for an item it has since removed stays in its story.

    Each row names the address it was given for, always the item's own (an item's address
    never changes), so the rows are found by the addresses of the claim's items. The address is
    compared as it is (+e.url), without the column's text affinity, which would keep SQLite from
    searching the index by it (the indexed expression has none)."""
    return f"""SELECT a.id FROM evidence e CROSS JOIN audit a
    ON json_extract(a.after, '$.url') = +e.url AND a.action IN {_COPY_ACTIONS}
WHERE e.claim_id = {claim} AND CASE a.action
    WHEN 'evidence.copy_received' THEN a.record_type = 'evidence'
        AND (e.removed_at IS NULL OR a.record_id = e.id)
    WHEN 'evidence.copy' THEN a.record_type = 'evidence_snapshot'
        AND (e.removed_at IS NULL OR json_extract(a.after, '$.evidence_id') = e.id)
        AND NOT EXISTS (SELECT 1 FROM audit r WHERE r.record_type = 'evidence'
            AND r.record_id = json_extract(a.after, '$.evidence_id')
            AND r.action = 'evidence.copy_received'
            AND json_extract(r.after, '$.content_sha256')
                = json_extract(a.after, '$.content_sha256'))
    ELSE a.record_type = 'evidence_snapshot' AND json_extract(a.after, '$.kind') = 'web_archive'
    END"""


#: The ids of the audit rows that tell claim :claim's story, its article's import with them.
CLAIM_STORY_IDS = (
    "SELECT id FROM audit WHERE record_type = 'article' AND action = 'import'"
    " AND record_id = (SELECT article_id FROM claims WHERE id = :claim)"
    f" UNION {story_ids(':claim')}"
)


def own_change(claim: str, row: str) -> str:
    """SQL for what bulk action or unit edit `row` (an audit row's alias) did to claim `claim`:
    the entry of its "changes" for the claim (JSON text with the id, before and after), or, for a
    row that changed a unit merged into the claim later, that unit's entry (of the unit merged
    first, should it have changed two); null for a row of another kind."""
    return f"""CASE WHEN {row}.record_type = 'claims' THEN coalesce(
    (SELECT ch.value FROM json_each({row}.after, '$.changes') ch
     WHERE json_extract(ch.value, '$.id') = {claim}),
    (SELECT ch.value FROM ({merged_units(claim)}) u
     CROSS JOIN json_each({row}.after, '$.changes') ch
     WHERE {row}.id < u.merged_at AND json_extract(ch.value, '$.id') = u.unit LIMIT 1)) END"""
