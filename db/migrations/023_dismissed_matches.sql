-- A previous check a reviewer has said is not the claim's: the earlier fact-check the matcher
-- paired with it is about something else (another figure, another place). The pair is never
-- stored as a match again, whatever later matching says, until someone restores it; the
-- audit trail records who dismissed or restored it, when and why.
CREATE TABLE dismissed_matches (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    library_id INTEGER NOT NULL REFERENCES library_items(id) ON DELETE CASCADE,
    dismissed_by TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, library_id)
) WITHOUT ROWID;
CREATE INDEX dismissed_matches_by_library ON dismissed_matches (library_id);
