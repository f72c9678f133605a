-- Claims that say the same thing in several of the desk's articles are grouped by a key: the
-- text lower-cased (ASCII letters, as SQLite's lower() does) with spaces and punctuation taken
-- out, so "The rate rose 5%." and "the rate rose 5 %" share one. The expression is written out
-- by factcheck/store/claim_groups.py (TEXT_KEY_SQL); a query must use it exactly for SQLite to
-- read this index, and a test checks the two agree.
CREATE INDEX claims_by_text_key ON claims (
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(text), ' ', ''), char(9), ''), char(10), ''), char(13), ''), '.', ''), ',', ''), ';', ''), ':', ''), '!', ''), '?', ''), '"', ''), '''', ''), '‘', ''), '’', ''), '“', ''), '”', ''), '(', ''), ')', ''), '[', ''), ']', ''), '-', ''), '–', ''), '—', ''), '…', ''), '*', ''), '_', ''), '/', '')
) WHERE kind = 'claim';

-- How many claims hold each word, so that finding the claims a new library item may match looks
-- only for its rarest words (a common word would have SQLite rank most of the table).
CREATE VIRTUAL TABLE claims_fts_vocab USING fts5vocab(claims_fts, 'row');
