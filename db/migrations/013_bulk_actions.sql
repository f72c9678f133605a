-- Bulk actions, kept where pages can read them by index. The audit row of a bulk action (record
-- type 'claims') holds the whole change as JSON: the claim panel used to find a claim's bulk
-- actions by parsing every such row, and "undo the last one" by searching them for undos. These
-- tables are written by store/bulk.py in the same transaction as the audit row; the audit trail
-- stays the record and `audit verify` checks these tables against it.

-- One row per bulk action or undo: its audit row, who made it and, for an undo, what it undid.
CREATE TABLE bulk_actions (
    audit_id INTEGER PRIMARY KEY REFERENCES audit(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    undo_of INTEGER REFERENCES bulk_actions(audit_id),
    CHECK ((action = 'bulk.undo') = (undo_of IS NOT NULL))
);
-- A person's bulk actions that are not undos, newest last (the queue's Undo).
CREATE INDEX bulk_actions_by_actor ON bulk_actions (actor, audit_id) WHERE undo_of IS NULL;
CREATE INDEX bulk_actions_undoing ON bulk_actions (undo_of) WHERE undo_of IS NOT NULL;

-- Each claim a bulk action or undo changed (the claim panel's history).
CREATE TABLE bulk_action_claims (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    audit_id INTEGER NOT NULL REFERENCES bulk_actions(audit_id),
    PRIMARY KEY (claim_id, audit_id)
) WITHOUT ROWID;

-- The bulk actions already in the trail.
INSERT INTO bulk_actions (audit_id, actor, action, undo_of)
SELECT id, actor, action,
       CASE WHEN action = 'bulk.undo' THEN json_extract(after, '$.undo_of') END
FROM audit
WHERE record_type = 'claims' AND action LIKE 'bulk.%' AND json_valid(after)
  AND (action != 'bulk.undo' OR json_type(after, '$.undo_of') = 'integer')
ORDER BY id;

INSERT OR IGNORE INTO bulk_action_claims (claim_id, audit_id)
SELECT c.id, a.id
FROM audit a, json_each(a.after, '$.claim_ids') j JOIN claims c ON c.id = j.value
WHERE a.id IN (SELECT audit_id FROM bulk_actions);
