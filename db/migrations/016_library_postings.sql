-- Each library item's words with how often they occur in its claim and title and the item's
-- length in words: enough to sum FTS5's BM25 in one SQL pass (see store/library_postings.py),
-- without calling bm25() once per item that shares a word with the text. The words are the
-- library_search index's own tokens (porter over unicode61), so the sums equal bm25()'s.
CREATE TABLE library_postings (
    term TEXT NOT NULL,
    library_id INTEGER NOT NULL,
    tf_claim INTEGER NOT NULL,
    tf_title INTEGER NOT NULL,
    -- Tokens in the claim and title together: BM25's document length.
    dl INTEGER NOT NULL,
    PRIMARY KEY (term, library_id)
) WITHOUT ROWID;

CREATE INDEX library_postings_item ON library_postings (library_id);

-- Items whose postings are still to be written: SQL cannot tokenize, so the store writes them
-- (through a scratch FTS5 table with the same tokenizer) in the transaction that changed the
-- item. While any are listed the matcher falls back to bm25(), so a ranking is never stale.
CREATE TABLE library_postings_pending (library_id INTEGER PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER library_postings_insert AFTER INSERT ON library_items BEGIN
    INSERT OR IGNORE INTO library_postings_pending (library_id) VALUES (new.id);
END;

CREATE TRIGGER library_postings_update AFTER UPDATE OF claim, title ON library_items BEGIN
    DELETE FROM library_postings WHERE library_id = old.id;
    INSERT OR IGNORE INTO library_postings_pending (library_id) VALUES (new.id);
END;

CREATE TRIGGER library_postings_delete AFTER DELETE ON library_items BEGIN
    DELETE FROM library_postings WHERE library_id = old.id;
    DELETE FROM library_postings_pending WHERE library_id = old.id;
END;

-- Items already in the library: their tokens are read back from the full-text index.
CREATE VIRTUAL TABLE temp.library_postings_backfill USING fts5vocab(main, library_search, instance);

INSERT INTO library_postings (term, library_id, tf_claim, tf_title, dl)
SELECT term, doc, sum(col = 'claim'), sum(col = 'title'), max(dl)
FROM (SELECT term, doc, col, count(*) OVER (PARTITION BY doc) AS dl FROM library_postings_backfill)
GROUP BY term, doc;

DROP TABLE temp.library_postings_backfill;
