-- Since this migration a verdict rests on the archived copies of its submission for second
-- review: its editor is shown them and approves them, whatever is kept of the page meanwhile.
-- A verdict submitted before it keeps resting on the copies of its publication, as its editor
-- saw them then (store/snapshots.py), so no published record changes with the upgrade.
CREATE TABLE copy_rule (
    submitted_copies_since TEXT NOT NULL
);
INSERT INTO copy_rule (submitted_copies_since) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
