-- The audit rows that kept a copy of a source, by the source's address: a claim's story lists
-- the copies kept for the addresses it cites (store/claim_story.py), and a full export reads
-- that story for every claim with a source. Without this index each claim read every copy the
-- desk ever kept. Rows of other actions are left out: the index stays as small as the copies.
CREATE INDEX audit_copies_by_url ON audit (json_extract(after, '$.url'))
WHERE action IN ('evidence.copy_received', 'evidence.copy', 'evidence.archive');
