-- People, assignments, verdicts, evidence, comments and archived evidence snapshots.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reviewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    -- Bumped when the password changes or the user is disabled: sessions carrying an older
    -- generation are refused, which ends them at once.
    session_generation INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

ALTER TABLE claims ADD COLUMN assignee_id INTEGER REFERENCES users(id);
ALTER TABLE claims ADD COLUMN corrected_at TEXT;
-- Partial indexes for queue filters that match few claims: only rated claims, and only units
-- outside the body (headlines, standfirsts), are indexed, so imports do not pay for them.
CREATE INDEX claims_by_verdict ON claims (verdict, checkworthiness DESC, id)
    WHERE verdict IS NOT NULL;
CREATE INDEX claims_by_section ON claims (section, checkworthiness DESC, id)
    WHERE section != 'body';
CREATE INDEX claims_by_assignee ON claims (assignee_id, checkworthiness DESC, id)
    WHERE assignee_id IS NOT NULL;

-- Every verdict ever written on a claim; the claim's current one is the latest row.
CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    rating TEXT NOT NULL,
    rating_label TEXT NOT NULL,
    rating_value INTEGER NOT NULL,
    rationale TEXT NOT NULL,
    evidence_ids TEXT NOT NULL DEFAULT '[]',
    author_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'in_review', 'published', 'superseded')),
    submitted_at TEXT,
    approved_by INTEGER REFERENCES users(id),
    published_at TEXT,
    correction_of INTEGER REFERENCES verdicts(id),
    correction_reason TEXT
);
CREATE INDEX verdicts_by_claim ON verdicts (claim_id, id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    url TEXT NOT NULL,
    title TEXT,
    publisher TEXT,
    stance TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context', 'mixed')),
    quote TEXT,
    note TEXT,
    added_by INTEGER NOT NULL REFERENCES users(id),
    added_at TEXT NOT NULL,
    removed_at TEXT,
    removed_by INTEGER REFERENCES users(id),
    removal_reason TEXT
);
CREATE INDEX evidence_by_claim ON evidence (claim_id, id);
CREATE UNIQUE INDEX evidence_once_per_claim ON evidence (claim_id, url) WHERE removed_at IS NULL;
CREATE INDEX evidence_by_url ON evidence (url);

-- A copy of an evidence page as it was when fetched, so a verdict survives link rot.
CREATE TABLE evidence_snapshots (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('archived', 'failed')),
    http_status INTEGER,
    content_type TEXT,
    content_sha256 TEXT,
    title TEXT,
    text TEXT,
    error TEXT
);
CREATE INDEX evidence_snapshots_by_url ON evidence_snapshots (url, id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_by_claim ON comments (claim_id, id);
