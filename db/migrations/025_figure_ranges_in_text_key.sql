-- The key grouping claims that say the same thing (024_dashes_in_text_key.sql) took hyphens and
-- en dashes out between figures: "1-2%" and "12%", "2-3 million" and "23 million" shared one, and
-- a verdict on one was offered as the other's at 100%. A hyphen or an en dash now stays unless it
-- is spaced; only the em dash, never inside a figure, goes wherever it is ("sales-tax" and "sales
-- tax" are told apart again: a group missed is better than a verdict offered on another number).
-- Written out by factcheck/store/claim_groups.py (TEXT_KEY_SQL); a query must use it exactly for
-- SQLite to read this index, and a test checks the two agree.
DROP INDEX claims_by_text_key;
CREATE INDEX claims_by_text_key ON claims (
    rtrim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(text), '"', ''), '''', ''), '‘', ''), '’', ''), '“', ''), '”', ''), '(', ''), ')', ''), '[', ''), ']', ''), '…', ''), char(9), ' '), char(10), ' '), ', ', ' '), '. ', ' '), ': ', ' '), ' - ', ' '), ' – ', ' '), ' ', ''), ';', ''), '!', ''), '?', ''), '—', ''), '.,:')
) WHERE kind = 'claim';
