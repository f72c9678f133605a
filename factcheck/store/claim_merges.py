"""Where a unit that a merge removed went: the claim it is part of now (or, when that claim was
split since, the claims its words are in now), and the refusal that says so to anyone who asks for
the removed unit by its id (an old link, a note, a script)."""

from factcheck.db import Database
from factcheck.store.errors import NotFound
from factcheck.store.mutation import query


@query
def merged_into(db: Database, claim_id: int) -> tuple[int, int] | None:
    """For a unit a merge removed: the claim it is part of now and the audit row of the merge
    that removed it (a unit merged into one merged away later leads on to that one), or None."""
    merge = _MERGE_REMOVING + " ORDER BY a.id DESC LIMIT 1"
    row = db.execute(merge, [claim_id, 0]).fetchone()
    if row is None:
        return None
    removed_at, survivor = row
    step = removed_at
    while not db.execute("SELECT 1 FROM claims WHERE id = ?", [survivor]).fetchone():
        # Each merge found is later in the trail than the one before, so this ends.
        later = db.execute(_MERGE_REMOVING + " ORDER BY a.id LIMIT 1", [survivor, step]).fetchone()
        if later is None:
            break
        step, survivor = later
    return survivor, removed_at


# The merges that removed unit `?` after audit row `?`: each merge's row id and the unit kept.
_MERGE_REMOVING = (
    "SELECT a.id, json_extract(a.after, '$.moved.to') FROM audit a,"
    " json_each(a.after, '$.removed') removed WHERE a.record_type = 'claims'"
    " AND a.action = 'unit.merge' AND removed.value = ? AND a.id > ?"
)


def _holding_words(db: Database, merge_row: int, claim_id: int) -> list[int]:
    """The claims that hold some of the words unit `claim_id` had when merge `merge_row` removed
    it, in the order of the text: the body never changes, so offsets follow any later merge or
    split (the first holds the start of its words, as units are cut only between words)."""
    span = db.execute(
        "SELECT json_extract(u.value, '$.start'), json_extract(u.value, '$.end'),"
        " json_extract(a.after, '$.article_id') FROM audit a, json_each(a.before, '$.units') u"
        " WHERE a.id = ? AND json_extract(u.value, '$.id') = ?",
        [merge_row, claim_id],
    ).fetchone()
    if span is None or None in span:
        return []
    start, end, article_id = span
    rows = db.execute(
        'SELECT id FROM claims WHERE article_id = ? AND start < ? AND "end" > ? ORDER BY start',
        [article_id, end, start],
    )
    return [row[0] for row in rows]


@query
def missing_claim(db: Database, claim_id: int) -> NotFound:
    """The refusal for an id no claim has: "claim.merged", naming the claim it is part of now,
    for a unit a merge removed; else "claim.not_found". When that claim was split since, the
    refusal names the claim holding the start of the unit's words as `claim_id`, the claim its
    evidence, comments and history went to as `merged_into`, and, when its words are in more
    than one claim now, all of them as `claim_ids`; `set_aside` when the unit named is marked as
    not a claim since."""
    merged = merged_into(db, claim_id)
    if merged is not None:
        survivor, audit_id = merged
        # Only merges remove units, so the last one found is there; checked all the same, as a
        # refusal that names a claim which is not there either would send the reader nowhere.
        if db.execute("SELECT 1 FROM claims WHERE id = ?", [survivor]).fetchone():
            facts: dict = {"id": claim_id, "claim_id": survivor, "audit_id": audit_id}
            holders = _holding_words(db, audit_id, claim_id)
            if holders and holders != [survivor]:
                facts["claim_id"] = holders[0]
                if holders[0] != survivor:
                    facts["merged_into"] = survivor
                if len(holders) > 1:
                    facts["claim_ids"] = holders
            kind = db.execute("SELECT kind FROM claims WHERE id = ?", [facts["claim_id"]])
            if kind.fetchone()[0] != "claim":
                # Set aside since: the id it leads to takes no verdict until it is a claim again.
                facts["set_aside"] = True
            return NotFound("claim.merged", facts)
    return NotFound("claim.not_found", {"id": claim_id})
