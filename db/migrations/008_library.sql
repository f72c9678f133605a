-- The library of known fact-checks that claims are matched against: the desk's own published
-- verdicts (origin 'own', one row per claim, kept in step on publish and on correction) and
-- fact-checks imported from other publishers (origin 'imported').
CREATE TABLE library_items (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL CHECK (origin IN ('own', 'imported')),
    external_id TEXT,
    claim TEXT NOT NULL CHECK (length(trim(claim)) > 0),
    title TEXT,
    rating TEXT,
    url TEXT,
    review_date TEXT,
    publisher TEXT,
    language TEXT,
    claim_id INTEGER REFERENCES claims(id),
    verdict_id INTEGER REFERENCES verdicts(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((origin = 'own') = (claim_id IS NOT NULL))
);
-- Re-importing finds the earlier row by the source's own id, or else by its address.
CREATE INDEX library_items_by_external_id ON library_items (external_id)
    WHERE external_id IS NOT NULL;
CREATE INDEX library_items_by_url ON library_items (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX library_items_by_claim ON library_items (claim_id) WHERE claim_id IS NOT NULL;

-- Matches are computed when an article is imported and when the library changes, never on a
-- page view; the panel, the queue filter and the dashboard read this table.
CREATE TABLE claim_matches (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    library_id INTEGER NOT NULL REFERENCES library_items(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    PRIMARY KEY (claim_id, library_id)
) WITHOUT ROWID;
CREATE INDEX claim_matches_by_library ON claim_matches (library_id);
