-- Full-text index over the library's claims and titles, for matching new claims against known
-- fact-checks. It is an external-content FTS5 table: the text lives once, in library_items, and
-- the triggers below keep the index in step with every insert, update and delete. Porter
-- stemming over unicode61 (diacritics folded) lets "vaccines" find "vaccinated"; stopwords are
-- dropped from the query by the matcher, not here, so the index stays language-neutral.
CREATE VIRTUAL TABLE library_search USING fts5(
    claim,
    title,
    content = 'library_items',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER library_search_insert AFTER INSERT ON library_items BEGIN
    INSERT INTO library_search (rowid, claim, title) VALUES (new.id, new.claim, new.title);
END;

CREATE TRIGGER library_search_delete AFTER DELETE ON library_items BEGIN
    INSERT INTO library_search (library_search, rowid, claim, title)
    VALUES ('delete', old.id, old.claim, old.title);
END;

-- Only a change to the indexed text touches the index; a new rating or url leaves it alone.
CREATE TRIGGER library_search_update AFTER UPDATE OF claim, title ON library_items BEGIN
    INSERT INTO library_search (library_search, rowid, claim, title)
    VALUES ('delete', old.id, old.claim, old.title);
    INSERT INTO library_search (rowid, claim, title) VALUES (new.id, new.claim, new.title);
END;

-- How many library items hold each (stemmed) term: the matcher weighs query words by rarity.
CREATE VIRTUAL TABLE library_search_terms USING fts5vocab(library_search, row);

-- Rows that were already in the library before this migration.
INSERT INTO library_search (library_search) VALUES ('rebuild');
