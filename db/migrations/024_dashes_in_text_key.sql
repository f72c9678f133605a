-- The key grouping claims that say the same thing (022_figures_in_text_key.sql) kept hyphens
-- and unspaced dashes, so "sales-tax revenue" and "sales tax revenue", "businesses—more" and
-- "businesses, more", "2019–2020" and "2019-2020" no longer shared one, as they had before 022.
-- The key now takes hyphens and dashes out wherever they are, but a minus sign after a space
-- ("fell -5%", kept as "−"). Written out by factcheck/store/claim_groups.py (TEXT_KEY_SQL); a
-- query must use it exactly for SQLite to read this index, and a test checks the two agree.
DROP INDEX claims_by_text_key;
CREATE INDEX claims_by_text_key ON claims (
    rtrim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(text), '"', ''), '''', ''), '‘', ''), '’', ''), '“', ''), '”', ''), '(', ''), ')', ''), '[', ''), ']', ''), '…', ''), char(9), ' '), char(10), ' '), ', ', ' '), '. ', ' '), ': ', ' '), ' - ', ' '), ' -', ' −'), ' ', ''), ';', ''), '!', ''), '?', ''), '-', ''), '–', ''), '—', ''), '.,:')
) WHERE kind = 'claim';

