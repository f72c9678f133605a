-- The highest id a deletion has taken out of claims (a unit merged away), verdicts (a correction
-- withdrawn in draft) and library_items (an imported fact-check removed). SQLite gives a new row
-- the largest id in its table plus one, so the newest row's id, once deleted, would go to the
-- next row made, and the audit trail's rows for the old record would read as the new one's.
-- The store gives the next row an id past this one (store/retired_ids.py).
CREATE TABLE retired_ids (
    table_name TEXT PRIMARY KEY CHECK (table_name IN ('claims', 'verdicts', 'library_items')),
    highest INTEGER NOT NULL
);

-- Deletions made before this table was kept, read from the audit trail.
INSERT INTO retired_ids (table_name, highest)
SELECT 'claims', highest FROM (
    SELECT max(removed.value) AS highest
    FROM audit a, json_each(a.after, '$.removed') removed
    WHERE a.record_type = 'claims' AND a.action = 'unit.merge'
) WHERE highest IS NOT NULL;

INSERT INTO retired_ids (table_name, highest)
SELECT 'verdicts', highest FROM (
    SELECT max(json_extract(after, '$.withdrawn_verdict_id')) AS highest
    FROM audit WHERE record_type = 'claim' AND action = 'verdict.withdraw'
) WHERE highest IS NOT NULL;

INSERT INTO retired_ids (table_name, highest)
SELECT 'library_items', highest FROM (
    SELECT max(record_id) AS highest
    FROM audit WHERE record_type = 'library' AND action = 'library.remove'
) WHERE highest IS NOT NULL;
