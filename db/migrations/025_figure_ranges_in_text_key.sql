-- A step of 2026-12-05 towards the text key of 026_text_key.sql (keeping unspaced dashes). It rebuilt the
-- key's index, which 026 builds again in its final form; it does nothing now, so that a
-- desk upgrading from before that day builds the index once. A desk that ran it keeps
-- its index until 026 replaces it.
SELECT 1;
