-- Evidence that says what the verdict claims, and stays that way: quote checks against archived
-- copies, the bytes of every copy (fetched, uploaded or taken from a public web archive) stored
-- once per sha256, and the link watch's re-checks of each evidence page.

-- What backs an archived copy: a page fetched by the workbench, a file a reviewer uploaded, or a
-- copy fetched from a public web archive (archive_url names it).
ALTER TABLE evidence_snapshots ADD COLUMN kind TEXT NOT NULL DEFAULT 'fetched'
    CHECK (kind IN ('fetched', 'upload', 'web_archive'));
ALTER TABLE evidence_snapshots ADD COLUMN archive_url TEXT;
ALTER TABLE evidence_snapshots ADD COLUMN file_name TEXT;
ALTER TABLE evidence_snapshots ADD COLUMN added_by INTEGER REFERENCES users(id);

-- The bytes of archived copies, once per sha256 however many snapshots share them.
CREATE TABLE snapshot_files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    stored_at TEXT NOT NULL
);

-- A copy is a record of what a page said at a moment: it never changes and is never deleted.
CREATE TRIGGER evidence_snapshots_immutable_update BEFORE UPDATE ON evidence_snapshots
BEGIN
    SELECT RAISE(ABORT, 'archived copies cannot be changed');
END;
CREATE TRIGGER evidence_snapshots_immutable_delete BEFORE DELETE ON evidence_snapshots
BEGIN
    SELECT RAISE(ABORT, 'archived copies cannot be deleted');
END;
CREATE TRIGGER snapshot_files_immutable_update BEFORE UPDATE ON snapshot_files
BEGIN
    SELECT RAISE(ABORT, 'stored copies cannot be changed');
END;
CREATE TRIGGER snapshot_files_immutable_delete BEFORE DELETE ON snapshot_files
BEGIN
    SELECT RAISE(ABORT, 'stored copies cannot be deleted');
END;

-- Whether an evidence item's quote appears in an archived copy: found, found approximately (with
-- the closest passage), not found, or no text to search. Offsets index the snapshot's text.
CREATE TABLE quote_checks (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    snapshot_id INTEGER NOT NULL REFERENCES evidence_snapshots(id),
    status TEXT NOT NULL CHECK (status IN ('found', 'approximate', 'not_found', 'no_text')),
    score REAL,
    start INTEGER,
    "end" INTEGER,
    passage TEXT,
    checked_at TEXT NOT NULL,
    UNIQUE (evidence_id, snapshot_id)
);
CREATE INDEX quote_checks_by_snapshot ON quote_checks (snapshot_id);

-- Every re-check of an evidence page by the link watch, compared with its latest copy.
CREATE TABLE link_checks (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('unchanged', 'changed', 'moved', 'failed')),
    http_status INTEGER,
    final_url TEXT,
    content_sha256 TEXT,
    -- Share of the copy's main text that differs now, 0 to 1 (NULL when there was nothing to compare).
    text_change REAL,
    -- {"evidence id": "found" | "approximate" | "not_found" | "no_text"} for each quoted item.
    quotes TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    snapshot_id INTEGER REFERENCES evidence_snapshots(id)
);
CREATE INDEX link_checks_by_url ON link_checks (url, id);

-- The newest link check a reviewer has seen and acknowledged, so an accepted change stops shouting.
ALTER TABLE evidence ADD COLUMN link_acknowledged_check INTEGER REFERENCES link_checks(id);
