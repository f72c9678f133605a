-- Indexes the dashboard's lists need (tests/test_query_plans.py checks every page's plan).
-- "Recently published" is the newest published verdicts: read in order from this index and
-- stopped at the page's end, instead of a scan of every verdict and a sort by time.
CREATE INDEX verdicts_published ON verdicts (published_at, id) WHERE state = 'published';

-- Which units are not claims, by id: a search counts its matches that are claims from this small
-- index alone (store/queue_search.py), without reading each matching claim's row for its kind.
CREATE INDEX claims_not_claims_by_id ON claims (id) WHERE kind != 'claim';
