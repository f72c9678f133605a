-- The unit each row of work_taken was noted with, kept when that unit is merged into claim_id:
-- the inbox item's name, so that a merge neither makes a read item unread nor a new one of it.
-- The table is made anew (its rows keep their claim as their unit), whatever columns it had.
CREATE TABLE work_taken_new (
    user_id INTEGER NOT NULL REFERENCES users(id),
    what TEXT NOT NULL CHECK (what IN ('claim', 'draft')),
    taken_at TEXT NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    unit_id INTEGER NOT NULL,
    taken_by INTEGER REFERENCES users(id),
    given_to INTEGER REFERENCES users(id),
    PRIMARY KEY (user_id, what, taken_at, audit_id, claim_id)
) WITHOUT ROWID;
INSERT INTO work_taken_new
    (user_id, what, taken_at, audit_id, claim_id, unit_id, taken_by, given_to)
    SELECT user_id, what, taken_at, audit_id, claim_id, claim_id, taken_by, given_to
    FROM work_taken;
DROP TABLE work_taken;
ALTER TABLE work_taken_new RENAME TO work_taken;
CREATE INDEX work_taken_by_claim ON work_taken (claim_id);
