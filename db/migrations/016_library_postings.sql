-- Each library item's words with how often they occur in its claim and title, and the counts
-- BM25 needs (items, tokens, items holding each word), kept in the project's own tables: enough
-- to sum FTS5's BM25 in one SQL pass (see store/library_postings.py) without calling bm25() once
-- per item that shares a word with the text. The words are the library_search index's own
-- tokens (porter over unicode61), so the sums equal bm25()'s.
CREATE TABLE library_postings (
    term TEXT NOT NULL,
    library_id INTEGER NOT NULL,
    -- Occurrences in the claim and title together, then the item's length in tokens (BM25's
    -- document length): the two columns the ranking reads, stored first.
    tf INTEGER NOT NULL,
    dl INTEGER NOT NULL,
    tf_title INTEGER NOT NULL,
    PRIMARY KEY (term, library_id)
) WITHOUT ROWID;

-- Every item whose postings are written, with its length in tokens (zero for a claim of only
-- punctuation: it still counts as an item, as it does for the full-text index) and its terms as
-- a JSON array: what a removal deletes, by the postings' primary key. (An index on library_id
-- would do the same but makes a large import several times slower: its entries arrive in
-- random order.)
CREATE TABLE library_item_terms (
    library_id INTEGER PRIMARY KEY,
    dl INTEGER NOT NULL,
    terms TEXT NOT NULL
);

-- How many items hold each term (BM25's idf), kept by the triggers on library_postings.
CREATE TABLE library_terms (
    term TEXT PRIMARY KEY,
    items INTEGER NOT NULL
) WITHOUT ROWID;

-- How many items library_item_terms holds and their tokens in all (BM25's N and average
-- length), kept by the triggers on library_item_terms.
CREATE TABLE library_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    items INTEGER NOT NULL,
    tokens INTEGER NOT NULL
);
INSERT INTO library_totals (id, items, tokens) VALUES (1, 0, 0);

CREATE TRIGGER library_terms_add AFTER INSERT ON library_postings BEGIN
    INSERT INTO library_terms (term, items) VALUES (new.term, 1)
    ON CONFLICT (term) DO UPDATE SET items = items + 1;
END;

CREATE TRIGGER library_terms_remove AFTER DELETE ON library_postings BEGIN
    UPDATE library_terms SET items = items - 1 WHERE term = old.term;
    DELETE FROM library_terms WHERE term = old.term AND items = 0;
END;

CREATE TRIGGER library_totals_add AFTER INSERT ON library_item_terms BEGIN
    UPDATE library_totals SET items = items + 1, tokens = tokens + new.dl WHERE id = 1;
END;

CREATE TRIGGER library_totals_remove AFTER DELETE ON library_item_terms BEGIN
    UPDATE library_totals SET items = items - 1, tokens = tokens - old.dl WHERE id = 1;
END;

-- Items whose postings are still to be written: SQL cannot tokenize, so the store writes them
-- (through a scratch FTS5 table with the same tokenizer) in the transaction that changed the
-- item. While any are listed the matcher falls back to bm25(), so a ranking is never stale.
CREATE TABLE library_postings_pending (library_id INTEGER PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER library_postings_insert AFTER INSERT ON library_items BEGIN
    INSERT OR IGNORE INTO library_postings_pending (library_id) VALUES (new.id);
END;

CREATE TRIGGER library_postings_update AFTER UPDATE OF claim, title ON library_items
WHEN old.claim IS NOT new.claim OR old.title IS NOT new.title BEGIN
    DELETE FROM library_postings WHERE library_id = old.id AND term IN (
        SELECT value FROM json_each(
            (SELECT terms FROM library_item_terms WHERE library_id = old.id)));
    DELETE FROM library_item_terms WHERE library_id = old.id;
    INSERT OR IGNORE INTO library_postings_pending (library_id) VALUES (new.id);
END;

CREATE TRIGGER library_postings_delete AFTER DELETE ON library_items BEGIN
    DELETE FROM library_postings WHERE library_id = old.id AND term IN (
        SELECT value FROM json_each(
            (SELECT terms FROM library_item_terms WHERE library_id = old.id)));
    DELETE FROM library_item_terms WHERE library_id = old.id;
    DELETE FROM library_postings_pending WHERE library_id = old.id;
END;

-- Items already in the library: db.migrate writes their postings after this file, with the
-- same code as every later write.
INSERT INTO library_postings_pending (library_id) SELECT id FROM library_items;
