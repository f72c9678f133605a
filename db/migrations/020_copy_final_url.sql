-- Where a fetched copy's address led, after its redirects: the link watch compares a re-check
-- with the page the copy came from, so an address that always redirected (http to https, a
-- short link, a tracking hop) is not flagged as moved. NULL for copies kept before, and for
-- reviewers' uploads.
ALTER TABLE evidence_snapshots ADD COLUMN final_url TEXT;
