-- Articles, their sentence-level claims, a full-text index over claims, and the audit trail.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source_url TEXT,
    publisher TEXT,
    author TEXT,
    published_date TEXT,
    body TEXT NOT NULL,
    body_hash TEXT NOT NULL UNIQUE,
    import_format TEXT NOT NULL CHECK (import_format IN ('text', 'html', 'url')),
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    section TEXT NOT NULL CHECK (section IN ('headline', 'standfirst', 'body')),
    kind TEXT NOT NULL CHECK (kind IN ('claim', 'not_a_claim')),
    reason TEXT,
    attribution TEXT,
    checkworthiness REAL NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
    reasons TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (status IN ('unreviewed', 'in_progress', 'in_review', 'published')),
    verdict TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT,
    UNIQUE (article_id, seq),
    CHECK (start >= 0 AND "end" > start)
);

CREATE INDEX claims_by_rank ON claims (checkworthiness DESC, id);
-- Claims start unreviewed; the queue finds those through claims_by_rank, so this index only
-- holds claims someone has worked on and costs nothing at import.
CREATE INDEX claims_by_status ON claims (status, checkworthiness DESC, id)
    WHERE status != 'unreviewed';

-- detail=none keeps no word positions: searches match words and prefixes (all the queue needs)
-- and indexing an article costs about a third of the full index.
CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, content='claims', content_rowid='id', detail='none'
);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO claims_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Append-only: each row's hash covers its content and the previous row's hash.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id INTEGER,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE INDEX audit_by_record ON audit (record_type, record_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted');
END;
