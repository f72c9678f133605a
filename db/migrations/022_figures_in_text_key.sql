-- The key that groups claims saying the same thing (009_library_extra.sql) took every full stop,
-- comma, colon, dash and slash out of a claim's text, figures' too: "2.5 million" and "25
-- million", "1,500" and "15.00", "-5%" and "5%" shared one, and a verdict on one was offered
-- as the other's at a 100% match. The key now takes those marks out only as clause punctuation
-- (before a space, or at the very end) and keeps them inside a figure. The expression is
-- written out by factcheck/store/claim_groups.py (TEXT_KEY_SQL); a query must use it exactly
-- for SQLite to read this index, and a test checks the two agree.
DROP INDEX claims_by_text_key;
CREATE INDEX claims_by_text_key ON claims (
    rtrim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(text), '"', ''), '''', ''), '‘', ''), '’', ''), '“', ''), '”', ''), '(', ''), ')', ''), '[', ''), ']', ''), '…', ''), char(9), ' '), char(10), ' '), ', ', ' '), '. ', ' '), ': ', ' '), ' - ', ' '), ' – ', ' '), ' — ', ' '), ' ', ''), ';', ''), '!', ''), '?', ''), '.,:-')
) WHERE kind = 'claim';
