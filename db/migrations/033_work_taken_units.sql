-- The unit each row of work_taken was noted with, kept when that unit is merged into claim_id:
-- the inbox item's name, so that a merge neither makes a read item unread nor a new one of it.
ALTER TABLE work_taken ADD COLUMN unit_id INTEGER NOT NULL DEFAULT 0;
UPDATE work_taken SET unit_id = claim_id;
