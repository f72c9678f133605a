-- The queue's order is check-worthiness, then newest article, then last unit, all descending;
-- a page starts where the last one ended with `(checkworthiness, article_id, seq) < (?, ?, ?)`.
-- Every queue index now ends in those three columns, so SQLite seeks straight to a page even
-- inside a large group of equal scores. (Ending in `id` does not do that: SQLite 3.40 seeks
-- such a row-value range on the score alone when the next column is the rowid, then walks
-- every claim of that score.)
DROP INDEX claims_by_rank;
CREATE INDEX claims_by_rank ON claims (checkworthiness DESC, article_id DESC, seq DESC);

DROP INDEX claims_by_status;
CREATE INDEX claims_by_status ON claims (status, checkworthiness DESC, article_id DESC, seq DESC)
    WHERE status != 'unreviewed';

DROP INDEX claims_by_verdict;
CREATE INDEX claims_by_verdict ON claims (verdict, checkworthiness DESC, article_id DESC, seq DESC)
    WHERE verdict IS NOT NULL;

DROP INDEX claims_by_section;
CREATE INDEX claims_by_section ON claims (section, checkworthiness DESC, article_id DESC, seq DESC)
    WHERE section != 'body';

DROP INDEX claims_by_assignee;
CREATE INDEX claims_by_assignee
    ON claims (assignee_id, checkworthiness DESC, article_id DESC, seq DESC)
    WHERE assignee_id IS NOT NULL;

-- The "Not claims" view: few units, so a small partial index instead of a walk of every claim.
CREATE INDEX claims_not_claims ON claims (checkworthiness DESC, article_id DESC, seq DESC)
    WHERE kind != 'claim';
