-- The inbox: the facts each item is built from, kept where a page can read them by index, and what
-- each person has read.

-- A verdict sent back to its author: when, by whom, and the comment saying what to change.
ALTER TABLE verdicts ADD COLUMN returned_at TEXT;
ALTER TABLE verdicts ADD COLUMN returned_by INTEGER REFERENCES users(id);
ALTER TABLE verdicts ADD COLUMN return_comment_id INTEGER REFERENCES comments(id);
-- Open drafts by author (returned ones among them) and verdicts waiting for an editor.
CREATE INDEX verdicts_drafts_by_author ON verdicts (author_id, id) WHERE state = 'draft';
CREATE INDEX verdicts_in_review ON verdicts (submitted_at, id) WHERE state = 'in_review';

-- When a claim was last given to its assignee, and by whom.
ALTER TABLE claims ADD COLUMN assigned_at TEXT;
ALTER TABLE claims ADD COLUMN assigned_by INTEGER REFERENCES users(id);
CREATE INDEX claims_assigned ON claims (assignee_id, assigned_at)
    WHERE assigned_at IS NOT NULL;

-- Who a comment mentions by @username; written with the comment, in its transaction.
CREATE TABLE comment_mentions (
    user_id INTEGER NOT NULL REFERENCES users(id),
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    PRIMARY KEY (user_id, comment_id)
) WITHOUT ROWID;

-- Reading state, per person: an item is read once its key is here. A key names the record and,
-- for things that can happen again (a return, an assignment, a submission), the time it happened,
-- so a second return of the same verdict is new again. Not audited: reading changes no record.
CREATE TABLE inbox_reads (
    user_id INTEGER NOT NULL REFERENCES users(id),
    item TEXT NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (user_id, item)
) WITHOUT ROWID;
