"""Each claim's previous checks: the library items it matches, stored when an article is imported
or the library changes, and read by the claim panel, the queue filter and the dashboard."""

import json
import re
from functools import cache
from itertools import combinations

from factcheck.db import Database, placeholders, utc_now
from factcheck.matching.stopwords import STOPWORDS
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.claim_state import load_claim
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.search_words import FOLDED_MARKS, index_marks

PANEL_MATCHES = 5
#: A dismissal's note is a line, not an essay.
MAX_DISMISS_REASON_CHARS = 500
# Scores are kept to this many decimals, so matching again with the same result changes nothing.
SCORE_DECIMALS = 4
#: A claim's matches are left alone when they are the same items with scores this close: a change
#: to the library moves every score a little (word rarity, the nearest item), and the panel shows
#: whole percents.
SCORE_TOLERANCE = 0.005


# A word of three letters or more, or a number of any length: "86" in "86 firefighters" is as
# telling as a word gets. A word holds its marks, as the claims' index does (migration 036):
# "किसानों" is one word.
@cache
def _word() -> re.Pattern:
    return re.compile(rf"(?:\w|[{index_marks()}]){{3,}}|\d+", re.UNICODE)


#: How many of a library item's rarest words look for the claims it may match.
RAREST_WORDS = 8


@query
def claim_texts(db: Database, claim_ids: list[int]) -> list[tuple[int, str, int | None]]:
    """(claim id, text, the library id of its own published verdict) for each claim among these
    ids that is a claim, in id order."""
    rows = []
    for start in range(0, len(claim_ids), 500):
        chunk = sorted(set(claim_ids[start : start + 500]))
        marks = placeholders(chunk)
        rows += db.execute(
            "SELECT c.id, c.text, l.id FROM claims c"
            " LEFT JOIN library_items l ON l.claim_id = c.id"
            f" WHERE c.id IN ({marks}) AND c.kind = 'claim'",
            chunk,
        ).fetchall()
    return sorted(rows)


@query
def all_claim_ids(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT id FROM claims WHERE kind = 'claim' ORDER BY id")]


@query
def all_claim_ids_up_to(db: Database, limit: int) -> list[int] | None:
    """Every claim's id, or None when the desk has more than `limit` claims."""
    rows = db.execute("SELECT id FROM claims WHERE kind = 'claim' ORDER BY id LIMIT ?", [limit + 1])
    ids = [row[0] for row in rows]
    return ids if len(ids) <= limit else None


@query
def article_claim_ids(db: Database, article_ids: list[int]) -> list[int]:
    ids = []
    for article_id in article_ids:
        rows = db.execute(
            "SELECT id FROM claims WHERE article_id = ? AND kind = 'claim' ORDER BY seq",
            [article_id],
        )
        ids += [row[0] for row in rows]
    return ids


@query
def articles_of(db: Database, claim_ids: list[int]) -> list[int]:
    """The articles these claims belong to."""
    rows = db.execute(
        "SELECT DISTINCT article_id FROM claims WHERE id IN (SELECT value FROM json_each(?))"
        " ORDER BY article_id",
        [json.dumps(claim_ids)],
    )
    return [row[0] for row in rows]


@query
def library_is_empty(db: Database) -> bool:
    return db.execute("SELECT 1 FROM library_items LIMIT 1").fetchone() is None


@query
def matched_claims(db: Database, library_ids: list[int]) -> list[int]:
    """Claims that now have one of these items among their matches."""
    ids: set[int] = set()
    for library_id in library_ids:
        rows = db.execute("SELECT claim_id FROM claim_matches WHERE library_id = ?", [library_id])
        ids.update(row[0] for row in rows)
    return sorted(ids)


@query
def claims_like(db: Database, text: str, limit: int) -> list[int]:
    """Up to `limit` claims sharing at least two of the rarest words of `text` (one when it has
    only one), most alike first: the claims a new library item may match. Looking only for the
    rarest words keeps this quick on a big database; a claim the matcher would pair with the
    item shares its telling words."""
    # Words such as "its" and "last" are rare in a small desk's claims yet tell nothing.
    words = sorted(set(_word().findall(text.lower().translate(FOLDED_MARKS))) - STOPWORDS)
    counted = []
    for word in words:
        row = db.execute("SELECT doc FROM claims_fts_vocab WHERE term = ?", [word]).fetchone()
        if row:
            counted.append((row[0], word))
    rarest = [word for _, word in sorted(counted)[:RAREST_WORDS]]
    if not rarest:
        return []
    if len(rarest) == 1:
        expression = f'"{rarest[0]}"'
    else:
        expression = " OR ".join(f'("{a}" AND "{b}")' for a, b in combinations(rarest, 2))
    rows = db.execute(
        "SELECT f.rowid FROM claims_fts f JOIN claims c ON c.id = f.rowid"
        " WHERE claims_fts MATCH ? AND c.kind = 'claim' ORDER BY bm25(claims_fts) LIMIT ?",
        [expression, limit],
    )
    return [row[0] for row in rows]


def _current(db: Database, claim_ids: list[int]) -> dict[int, set[tuple[int, float]]]:
    current: dict[int, set[tuple[int, float]]] = {claim_id: set() for claim_id in claim_ids}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        marks = placeholders(chunk)
        rows = db.execute(
            f"SELECT claim_id, library_id, score FROM claim_matches WHERE claim_id IN ({marks})",
            chunk,
        )
        for claim_id, library_id, score in rows:
            current[claim_id].add((library_id, score))
    return current


def _same_words(table: str) -> str:
    """SQL for the words of a library item's claim (`table` its alias), as library.claim_words
    writes them to tell them apart from another's: the column the index library_items_by_words
    (db/migrations/035) is on."""
    return f"{table}.claim_words"


def _has_the_words_of_item(table: str) -> str:
    """SQL for whether library item `table` (its alias) checks the same words as the library
    item whose id is the statement's next parameter."""
    return f"{_same_words(table)} = (SELECT {_same_words('w')} FROM library_items w WHERE w.id = ?)"


@query
def dismissed_pairs(db: Database, claim_ids: list[int]) -> set[tuple[int, int]]:
    """The (claim id, library id) pairs reviewers dismissed among these claims', and with each
    the other library items that check the very same words: a check that is not this claim's is
    no more so published again."""
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        rows = db.execute(
            "SELECT d.claim_id, same.id FROM dismissed_matches d"
            " JOIN library_items l ON l.id = d.library_id"
            f" JOIN library_items same ON {_same_words('same')} = {_same_words('l')}"
            f" WHERE d.claim_id IN ({placeholders(chunk)})",
            chunk,
        )
        pairs.update((claim_id, library_id) for claim_id, library_id in rows)
        # The dismissed items themselves, whose words may not be kept (a row another program
        # wrote): no check, not even its own, has the words of a NULL.
        pairs.update(
            db.execute(
                "SELECT claim_id, library_id FROM dismissed_matches"
                f" WHERE claim_id IN ({placeholders(chunk)})",
                chunk,
            ).fetchall()
        )
    return pairs


def _alike(wanted: set[tuple[int, float]], current: set[tuple[int, float]]) -> bool:
    """The same library items, each scored within SCORE_TOLERANCE of what is stored."""
    stored = dict(current)
    if len(stored) != len(wanted) or any(library_id not in stored for library_id, _ in wanted):
        return False
    return all(abs(stored[library_id] - score) < SCORE_TOLERANCE for library_id, score in wanted)


@mutation
def store_matches(
    db: Database, matches: dict[int, list[tuple[int, float]]], *, actor: Actor, cause: str
) -> dict:
    """Replace the matches of each claim in `matches` (claim id -> [(library id, score)]) with
    the ones given; claims whose matches are the same (scores within SCORE_TOLERANCE) are left
    alone. One audit row, naming the cause ("import of article 4", "library import", ...), when
    anything changed."""
    dismissed = dismissed_pairs(db, sorted(matches))
    wanted = {
        claim_id: {
            (library_id, round(float(score), SCORE_DECIMALS))
            for library_id, score in found
            if (claim_id, library_id) not in dismissed
        }
        for claim_id, found in matches.items()
    }
    current = _current(db, sorted(wanted))
    changed = sorted(
        claim_id for claim_id in wanted if not _alike(wanted[claim_id], current[claim_id])
    )
    for claim_id in changed:
        db.execute("DELETE FROM claim_matches WHERE claim_id = ?", [claim_id])
        db.conn.executemany(
            "INSERT INTO claim_matches (claim_id, library_id, score) VALUES (?, ?, ?)",
            [(claim_id, library_id, score) for library_id, score in sorted(wanted[claim_id])],
        )
    summary = {
        "cause": cause,
        "claims_matched": len(wanted),
        "claims_changed": len(changed),
        "with_previous_check": sum(1 for claim_id in changed if wanted[claim_id]),
    }
    if changed:
        audit.record(
            db,
            actor,
            "claim_matches",
            None,
            "matches.refresh",
            after={**summary, "claim_ids": changed[:1000]},
        )
    return summary


_CHECK_COLUMNS = (
    "m.score, l.id AS library_id, l.origin, l.external_id, l.claim, l.title, l.rating, l.url,"
    " l.review_date, l.publisher, l.language, l.claim_id AS own_claim_id,"
    " oc.article_id AS own_article_id"
)


@query
def previous_checks(db: Database, claim_id: int, limit: int = PANEL_MATCHES) -> list[dict]:
    """The claim's stored matches, best first, with the earlier check's details."""
    return list(
        db.query(
            f"SELECT {_CHECK_COLUMNS} FROM claim_matches m"
            " JOIN library_items l ON l.id = m.library_id"
            " LEFT JOIN claims oc ON oc.id = l.claim_id"
            " WHERE m.claim_id = ? ORDER BY m.score DESC, l.id LIMIT ?",
            [claim_id, limit],
        )
    )


def _refuse_if_dismissed(db: Database, claim_id: int, library_id: int) -> None:
    """Invalid, naming who dismissed the earlier check and when, when it was dismissed for the
    claim: a panel open since still offers it."""
    earlier = db.execute(
        "SELECT d.dismissed_by, coalesce(u.display_name, d.dismissed_by), d.dismissed_at"
        " FROM dismissed_matches d LEFT JOIN users u ON u.username = d.dismissed_by"
        " WHERE d.claim_id = ? AND d.library_id = ?",
        [claim_id, library_id],
    ).fetchone()
    if earlier is not None:
        raise Invalid(
            "previous_check.already_dismissed",
            {
                "library_id": library_id,
                "claim_id": claim_id,
                "username": earlier[0],
                "name": earlier[1],
                "dismissed_at": earlier[2],
            },
        )


@query
def previous_check(db: Database, claim_id: int, library_id: int) -> dict:
    """One stored match of the claim; Invalid when it was dismissed for the claim, NotFound when
    the item is not among its matches otherwise."""
    _refuse_if_dismissed(db, claim_id, library_id)
    rows = list(
        db.query(
            f"SELECT {_CHECK_COLUMNS} FROM claim_matches m"
            " JOIN library_items l ON l.id = m.library_id"
            " LEFT JOIN claims oc ON oc.id = l.claim_id"
            " WHERE m.claim_id = ? AND m.library_id = ?",
            [claim_id, library_id],
        )
    )
    if not rows:
        raise NotFound("previous_check.not_found", {"library_id": library_id, "claim_id": claim_id})
    return rows[0]


@query
def claims_with_previous_check(db: Database) -> int:
    """How many claims have at least one previous check."""
    return db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT claim_id FROM claim_matches) m"
        " JOIN claims c ON c.id = m.claim_id WHERE c.kind = 'claim'"
    ).fetchone()[0]


@query
def article_claims_with_previous_check(db: Database, article_id: int) -> int:
    """How many of an article's claims have at least one previous check."""
    return db.execute(
        "SELECT count(*) FROM claims c WHERE c.article_id = ? AND c.kind = 'claim'"
        " AND EXISTS (SELECT 1 FROM claim_matches m WHERE m.claim_id = c.id)",
        [article_id],
    ).fetchone()[0]


@mutation
def dismiss_previous_check(
    db: Database, claim_id: int, library_id: int, *, actor: Actor, reason: str | None = None
) -> dict:
    """Say that a previous check is not the claim's: it leaves the claim's matches (the panel,
    the queue's filter and chip, the dashboard, exports) and later matching never brings it back.
    Returns the dismissed check."""
    load_claim(db, claim_id)
    check = previous_check(db, claim_id, library_id)
    note = " ".join((reason or "").split()) or None
    if note is not None and len(note) > MAX_DISMISS_REASON_CHARS:
        raise Invalid(
            "text.too_long", {"what": "reason", "limit": MAX_DISMISS_REASON_CHARS}, field="reason"
        )
    now = utc_now()
    db.execute(
        "INSERT INTO dismissed_matches (claim_id, library_id, dismissed_by, dismissed_at)"
        " VALUES (?, ?, ?, ?)",
        [claim_id, library_id, actor.username, now],
    )
    # With it go the other checks of the very same words (see dismissed_pairs).
    gone = sorted(
        {library_id}
        | {
            row[0]
            for row in db.execute(
                "SELECT m.library_id FROM claim_matches m JOIN library_items l"
                f" ON l.id = m.library_id WHERE m.claim_id = ? AND {_has_the_words_of_item('l')}",
                [claim_id, library_id],
            )
        }
    )
    db.execute(
        f"DELETE FROM claim_matches WHERE claim_id = ? AND library_id IN ({placeholders(gone)})",
        [claim_id, *gone],
    )
    after = {"library_id": library_id, "dismissed": True, "dismissed_at": now}
    if len(gone) > 1:
        after["same_words_left_out"] = [other for other in gone if other != library_id]
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "previous.dismiss",
        before={"library_id": library_id, "score": check["score"]},
        after=after,
        reason=note,
    )
    return check


@mutation
def restore_previous_check(db: Database, claim_id: int, library_id: int, *, actor: Actor) -> None:
    """Take back a dismissal: the earlier check is matched again by the next matching (`library
    rematch`, or a change to the library)."""
    load_claim(db, claim_id)
    gone = db.execute(
        "DELETE FROM dismissed_matches WHERE claim_id = ? AND library_id = ?",
        [claim_id, library_id],
    ).rowcount
    if not gone:
        # Left out for having the very words of a check that was dismissed: that one is restored.
        same_words = db.execute(
            "SELECT d.library_id FROM dismissed_matches d JOIN library_items l"
            f" ON l.id = d.library_id WHERE d.claim_id = ? AND {_has_the_words_of_item('l')}"
            " ORDER BY d.library_id",
            [claim_id, library_id],
        ).fetchone()
        raise NotFound(
            "previous_check.not_dismissed",
            {
                "library_id": library_id,
                "claim_id": claim_id,
                "same_words_as": same_words[0] if same_words else None,
            },
        )
    audit.record(
        db,
        actor,
        "claim",
        claim_id,
        "previous.restore",
        before={"library_id": library_id, "dismissed": True},
        after={"library_id": library_id, "dismissed": False},
    )


@query
def dismissed_checks(db: Database, claim_id: int) -> list[dict]:
    """The previous checks dismissed as not the claim's, with who did it (username and display
    name), when, and the reason given, which only the dismissal's audit row keeps."""
    return list(
        db.query(
            "SELECT d.library_id, d.dismissed_by, coalesce(u.display_name, d.dismissed_by)"
            " AS dismissed_by_name, d.dismissed_at,"
            " (SELECT a.reason FROM audit a WHERE a.record_type = 'claim'"
            " AND a.record_id = d.claim_id AND a.action = 'previous.dismiss'"
            " AND json_extract(a.after, '$.library_id') = d.library_id"
            " ORDER BY a.id DESC LIMIT 1) AS reason,"
            " l.claim, l.rating, l.publisher, l.origin, l.review_date FROM dismissed_matches d"
            " JOIN library_items l ON l.id = d.library_id"
            " LEFT JOIN users u ON u.username = d.dismissed_by"
            " WHERE d.claim_id = ? ORDER BY d.library_id",
            [claim_id],
        )
    )
