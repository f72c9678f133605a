-- The key grouping claims that say the same thing in other articles ("Also in N other articles",
-- and a desk's own verdict offered to such a claim at 100%). Before, it took every full stop,
-- comma, colon, dash and slash out of a claim's text, figures' too: "2.5 million" and "25
-- million", "1-2%" and "12%", "1 – 2%" and "12%" shared a key, and a verdict on one was offered
-- as the other's. It now takes out case, spacing, quotation marks, brackets and clause
-- punctuation (a comma, full stop or colon before a space, and at the very end) and keeps every
-- dash. Written out by factcheck/store/claim_groups.py (TEXT_KEY_SQL); a query must use it
-- exactly for SQLite to read this index, and a test checks the two agree. (022, 024 and 025 were
-- steps towards it on the same day; they now do nothing, so an upgrade builds the index once.)
DROP INDEX claims_by_text_key;
CREATE INDEX claims_by_text_key ON claims (
    rtrim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(text), '"', ''), '''', ''), '‘', ''), '’', ''), '“', ''), '”', ''), '(', ''), ')', ''), '[', ''), ']', ''), '…', ''), char(9), ' '), char(10), ' '), ', ', ' '), '. ', ' '), ': ', ' '), ' ', ''), ';', ''), '!', ''), '?', ''), '.,:')
) WHERE kind = 'claim';
