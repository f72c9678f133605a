-- The queue's "Published" filter: claims with a published verdict (corrections under way
-- included), read in the queue's order from this index instead of sorted from claims_by_verdict.
CREATE INDEX claims_published ON claims (checkworthiness DESC, article_id DESC, seq DESC)
    WHERE verdict IS NOT NULL;
