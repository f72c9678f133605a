-- Work taken from a person by someone else, for their inbox: a claim assigned to them that
-- another person gave to someone else ('claim'), and their draft verdict that another reviewer
-- saved over ('draft'). The claim's earlier assignee and the draft's earlier author are kept
-- nowhere else but in the audit trail, which stays the record: each row is written by the store
-- in the transaction of the change, at the time of its audit row, which it names.
CREATE TABLE work_taken (
    user_id INTEGER NOT NULL REFERENCES users(id),
    what TEXT NOT NULL CHECK (what IN ('claim', 'draft')),
    taken_at TEXT NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    taken_by INTEGER REFERENCES users(id),
    given_to INTEGER REFERENCES users(id),
    PRIMARY KEY (user_id, what, taken_at, audit_id, claim_id)
) WITHOUT ROWID;
-- A unit merged into another takes its rows with it.
CREATE INDEX work_taken_by_claim ON work_taken (claim_id);
