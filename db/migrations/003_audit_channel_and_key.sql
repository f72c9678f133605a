-- Each audit row names the door a change came through and how its hash was made. Rows written
-- before this migration keep their plain sha256 chain; every later row is keyed (HMAC-SHA256)
-- with a secret kept outside the database, so the chain cannot be recomputed from the file alone.
ALTER TABLE audit ADD COLUMN channel TEXT;
ALTER TABLE audit ADD COLUMN hash_scheme TEXT NOT NULL DEFAULT 'sha256';
