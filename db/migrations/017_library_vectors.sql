-- Each library item's sentence embeddings, of its claim and of its title (see
-- factcheck/matching/embedding.py): what the matcher's dense search and semantic features read.
-- Derived from library_items alone and written in the background after an item is added or
-- changed (factcheck/library_embedding.py), like an index: no audit row, nothing a person
-- decided. An item without a row is still matched by its words; its vectors are computed when
-- it is a candidate.
CREATE TABLE library_vectors (
    library_id INTEGER PRIMARY KEY,
    -- The model that wrote the vectors; another model's are written again.
    model TEXT NOT NULL,
    -- 384 little-endian float16 values each, 768 bytes.
    claim BLOB NOT NULL,
    title BLOB NOT NULL
);

-- Bumped by every change to library_vectors, so a process holding the vectors in memory knows
-- at the cost of one read when they are stale.
CREATE TABLE library_vectors_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO library_vectors_version (id, version) VALUES (1, 0);

CREATE TRIGGER library_vectors_added AFTER INSERT ON library_vectors BEGIN
    UPDATE library_vectors_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER library_vectors_removed AFTER DELETE ON library_vectors BEGIN
    UPDATE library_vectors_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER library_vectors_stale AFTER UPDATE OF claim, title ON library_items
WHEN old.claim IS NOT new.claim OR old.title IS NOT new.title BEGIN
    DELETE FROM library_vectors WHERE library_id = old.id;
END;

CREATE TRIGGER library_vectors_gone AFTER DELETE ON library_items BEGIN
    DELETE FROM library_vectors WHERE library_id = old.id;
END;
