"""The link watch's records: which evidence pages are due a re-check, each check kept, the flags
they raise on evidence (failing, moved elsewhere, changed), and a reviewer's acknowledgement."""

import json
from collections.abc import Callable
from itertools import islice

from factcheck.db import Database, inserted_id, utc_now
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.snapshots import (
    FIXED_SINCE,
    IN_REVIEW_CITES,
    PUBLISHED_ON_IT,
    SHOWN_COPY,
    SHOWN_COPY_OF_FIXED,
)

OUTCOMES = ("unchanged", "changed", "moved", "failed")
FLAGGED = ("changed", "moved", "failed")

_LATEST_CHECK = "(SELECT max(id) FROM link_checks WHERE url = e.url)"
#: At most this many copies of one address are compared with each fetch of it: the ones
#: published verdicts rest on first, then those verdicts in review rest on, then the newest. Each
#: costs a comparison of texts a fetch (a few milliseconds for a long page); a page cited by more
#: published verdicts, each on its own copy, than this is rare.
MAX_COPIES = 32
#: The most checks one fetch keeps, which reads of a fetch's checks look back over: besides
#: MAX_COPIES, the copy of each item whose quote, found in it, the page no longer holds is
#: compared whatever the bound (link_watch.copies_to_compare), up to this many in all.
MOST_CHECKS = 2 * MAX_COPIES
#: SQL: the newest copy of address `url` fetched by the workbench (from the page itself or a web
#: archive): what a check compares with when an item rests on no such copy.
NEWEST_FETCHED = (
    "(SELECT max(id) FROM evidence_snapshots s WHERE s.url = {url}"
    " AND s.status = 'archived' AND s.kind != 'upload')"
)

#: SQL: the copy evidence item `e`'s page is compared with: the one it rests on (SHOWN_COPY,
#: fixed by a published verdict or one in review) where that was fetched from the page or a web
#: archive, else the newest such copy (a reviewer's upload says nothing of the live page).
COMPARED_COPY = (
    f"coalesce((SELECT n.id FROM evidence_snapshots n WHERE n.id = {SHOWN_COPY}"
    f" AND n.status = 'archived' AND n.kind != 'upload'), {NEWEST_FETCHED.format(url='e.url')})"
)


def item_check(shown: str) -> str:
    """SQL: the check of evidence item `e`'s page that speaks for it, for `shown`, the id of the
    copy it rests on (SHOWN_COPY): of the page's latest fetch, the check of that copy, else that
    fetch's last, of the newest copy, which items resting on an upload or on a copy left out are
    compared with (COMPARED_COPY). A fetch's checks share its time and follow one another, the
    newest copy's last; most fetches compared one copy, whose check is then the answer without
    working out the item's copy."""
    return (
        "(SELECT CASE WHEN (SELECT r.checked_at FROM link_checks r WHERE r.url = t.url"
        " AND r.id < t.id ORDER BY r.id DESC LIMIT 1) IS NOT t.checked_at THEN t.id"
        " ELSE coalesce((SELECT k.id FROM link_checks k WHERE k.url = t.url"
        f" AND k.id < t.id AND k.id > t.id - {MOST_CHECKS} AND k.checked_at = t.checked_at"
        f" AND k.snapshot_id = {shown}), t.id) END"
        f" FROM link_checks t WHERE t.id = {_LATEST_CHECK})"
    )


#: SQL: item_check of evidence item `e`, its copy worked out.
ITEM_CHECK = item_check(SHOWN_COPY)
# Evidence cited by a published verdict: its page changing matters most.
_PUBLISHED = (
    "EXISTS (SELECT 1 FROM verdicts v, json_each(v.evidence_ids) j"
    " WHERE v.claim_id = e.claim_id AND v.state = 'published' AND j.value = e.id)"
)
#: What a check found, field by field: two checks alike in these found the page the same way (a
#: failure is the same only with the same answer: a page acknowledged as not answering in time
#: that is now gone, 404, is found otherwise). The page's content is compared by its text where
#: both checks read one (_SAME_CONTENT), else by its bytes.
_ANSWER = ("outcome", "final_url", "http_status", "error")
#: The error line of a check that found a file (a PDF) other than the one kept, where neither
#: has text to compare (archive_words reads it back into words).
FILE_DIFFERS = "file differs: its text could not be compared"
# Two checks that each found a file other than the copy's, with no text to compare, found the
# page alike: a file made anew on each request (a stamp in a PDF) differs in its bytes every
# time, and an acknowledgement of "not the file archived" would never hold otherwise.
_SAME_CONTENT = (
    "(CASE WHEN a.text_sha256 IS NOT NULL AND l.text_sha256 IS NOT NULL"
    " THEN a.text_sha256 = l.text_sha256"
    f" WHEN l.error = '{FILE_DIFFERS}' THEN 1"
    " ELSE a.content_sha256 IS l.content_sha256 END)"
)


#: SQL: check `a` found the page as check `l` did (_ANSWER, then _SAME_CONTENT). A failure or a
#: move is of the page, not of the copy compared: two checks that found the page failing alike, or
#: moved to the same place, found it alike whichever copy each compared with (an acknowledged
#: failure stays quiet when a web archive's copy is added or a correction is drafted on a newer
#: copy). A change, or its absence, is of what the copy holds: checks of copies holding the same
#: bytes (a copy archived for a draft while the page was as the published verdict's copy, as a
#: desk upgraded from an earlier version acknowledged against) found the page alike, while a change
#: acknowledged against the copy a published verdict rests on says nothing of how the page
#: differs from a newer copy holding something else.
_FOUND_ALIKE = (
    "".join(f" AND a.{name} IS l.{name}" for name in _ANSWER)
    + " AND (l.outcome IN ('failed', 'moved') OR a.snapshot_id IS l.snapshot_id"
    " OR (SELECT c.content_sha256 FROM evidence_snapshots c WHERE c.id = a.snapshot_id)"
    " = (SELECT c.content_sha256 FROM evidence_snapshots c WHERE c.id = l.snapshot_id))"
    + f" AND {_SAME_CONTENT}"
)


#: Whether a reviewer acknowledged what check `l` of evidence `e`'s page found: at that check, or
#: at another that found the page just as it is now (_FOUND_ALIKE: of the same copy, unless the
#: page fails or moved), so an acknowledged flag stays quiet until the page changes again. (A
#: change found against another copy, such as the newest where the item now rests on an older
#: one, acknowledges nothing of `l`.)
LINK_ACKNOWLEDGED = (
    "coalesce(e.link_acknowledged_check = l.id OR EXISTS (SELECT 1 FROM link_checks a"
    f" WHERE a.id = e.link_acknowledged_check{_FOUND_ALIKE}), 0)"
)


def check_before_copy(shown: str) -> str:
    """SQL: whether check `l` was made before `shown`, the copy of its page that evidence `e`
    rests on, was fetched (a "Try again" that worked, a source added later and copied then):
    what it found is of an older page than the one the item shows. Only a copy fetched from the
    page itself counts: a reviewer's upload or a web archive's copy says nothing of the live
    page."""
    return (
        f"EXISTS (SELECT 1 FROM evidence_snapshots n WHERE n.id = {shown}"
        " AND n.kind = 'fetched' AND n.status = 'archived' AND n.fetched_at > l.checked_at)"
    )


def link_flagged(shown: str) -> str:
    """SQL: whether check `l` raises a flag on evidence `e` resting on copy `shown`: the page
    fails, moved or changed since that copy, and no one acknowledged it."""
    return (
        f"(l.outcome != 'unchanged' AND NOT {LINK_ACKNOWLEDGED} AND NOT {check_before_copy(shown)})"
    )


CHECK_BEFORE_COPY = check_before_copy(SHOWN_COPY)
LINK_FLAGGED = link_flagged(SHOWN_COPY)
# Whether the page's latest fetch found anything: a check among the address's last few (as many
# as one fetch keeps) that is not "unchanged", one look in an index of such checks (migration
# 038). Most pages are as kept, and their items are passed over before their own check is
# worked out.
_FETCH_FOUND_NEWS = (
    "EXISTS (SELECT 1 FROM link_checks x WHERE x.url = e.url"
    f" AND x.outcome != 'unchanged' AND x.id > {_LATEST_CHECK} - {MOST_CHECKS})"
)
# The item's copy is worked out in a derived table, where SQLite's parser has room for it (the
# queue nests this deep in its own statement); SQLite flattens it, so each item's copy is still
# worked out only when a check asks for it.
_FLAGGED_FROM = (
    f" FROM (SELECT e.*, {FIXED_SINCE} AS fixed_since FROM evidence e) e"
    f" JOIN link_checks l ON l.id = {item_check(SHOWN_COPY_OF_FIXED)}"
    f" WHERE e.removed_at IS NULL AND {_FETCH_FOUND_NEWS}"
    f" AND {link_flagged(SHOWN_COPY_OF_FIXED)}"
)
# Live evidence items whose check (ITEM_CHECK) raised a flag nobody has acknowledged, and the
# claims they belong to (the queue's "evidence broken or changed" filter).
FLAGGED_EVIDENCE = "SELECT e.id" + _FLAGGED_FROM
FLAGGED_CLAIMS = "SELECT e.claim_id" + _FLAGGED_FROM


@query
def due_for_check(
    db: Database, cutoff: str, limit: int, keep: Callable[[dict], bool] | None = None
) -> list[dict]:
    """Addresses of live evidence last checked (or archived, or added) before `cutoff`, those
    behind published verdicts first, then the longest unchecked; with the newest copy fetched by
    the workbench to compare against. With `keep`, only the addresses it keeps: rows are read
    until `limit` are kept, so those it passes over never crowd out the rest."""
    rows = db.query(
        "WITH pages AS ("
        f" SELECT e.url, max({_PUBLISHED}) AS published, min(e.added_at) AS added_at"
        " FROM evidence e WHERE e.removed_at IS NULL GROUP BY e.url)"
        " SELECT p.url, p.published,"
        " (SELECT max(id) FROM evidence_snapshots s WHERE s.url = p.url"
        "  AND s.status = 'archived' AND s.kind != 'upload') AS snapshot_id,"
        " coalesce((SELECT max(checked_at) FROM link_checks l WHERE l.url = p.url),"
        "  (SELECT max(fetched_at) FROM evidence_snapshots s WHERE s.url = p.url),"
        "  p.added_at) AS last_seen"
        " FROM pages p WHERE last_seen < :cutoff"
        " ORDER BY p.published DESC, last_seen, p.url LIMIT :limit",
        {"cutoff": cutoff, "limit": -1 if keep else limit},
    )
    return list(islice(filter(keep, rows) if keep else rows, limit))


@query
def comparison_copy(db: Database, snapshot_id: int | None) -> dict | None:
    """The copy a re-check compares with: its sha256, type, text, and where its address led."""
    if snapshot_id is None:
        return None
    rows = list(
        db.query(
            "SELECT s.id, s.content_sha256, s.text, s.kind, s.final_url, f.content_type"
            " FROM evidence_snapshots s LEFT JOIN snapshot_files f ON f.sha256 = s.content_sha256"
            " WHERE s.id = ?",
            [snapshot_id],
        )
    )
    return rows[0] if rows else None


@query
def watched_evidence(db: Database, url: str) -> list[dict]:
    """The live evidence items citing this page: the copy each is compared with (`compared`,
    COMPARED_COPY), whether a published verdict (`published`) or one in review (`in_review`)
    rests on it; and for a quoted item its quote and the copy it rests on (SHOWN_COPY: the one
    its published verdict or the verdict waiting for review was given, not a newer copy fetched
    for another claim): that copy's text as `copy_text` (None without one), and as `kept` what
    the quote check found in it when it was kept (None where it made none)."""
    return list(
        db.query(
            f"SELECT e.id, e.quote, {COMPARED_COPY} AS compared,"
            f" {PUBLISHED_ON_IT} IS NOT NULL AS published, {IN_REVIEW_CITES} AS in_review,"
            " q.status AS kept, CASE WHEN e.quote IS NOT NULL THEN s.text END AS copy_text"
            f" FROM evidence e LEFT JOIN evidence_snapshots s ON s.id = {SHOWN_COPY}"
            " LEFT JOIN quote_checks q ON q.evidence_id = e.id AND q.snapshot_id = s.id"
            " WHERE e.url = ? AND e.removed_at IS NULL ORDER BY e.id",
            [url],
        )
    )


def _insert_check(
    db: Database, url: str, actor: Actor, checked_at: str, check: dict, *, follows: bool
) -> dict:
    """Insert one check with its audit row (a helper for mutations)."""
    outcome = check["outcome"]
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown link check outcome {outcome!r}")
    quotes = check.get("quotes") or {}
    quotes_json = json.dumps({str(k): v for k, v in quotes.items()}, sort_keys=True)
    row = {
        "url": url,
        "checked_at": checked_at,
        "outcome": outcome,
        **{name: check.get(name) for name in _CHECK_FIELDS},
        "quotes": quotes_json,
    }
    cursor = db.execute(
        f"INSERT INTO link_checks ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})",
        row,
    )
    audit.record(
        db,
        actor,
        "link_check",
        inserted_id(cursor),
        "evidence.link_check",
        after=row,
        follows=follows,
    )
    # Returned as checks_for reads it: the quotes as an object, not the stored JSON text.
    return {"id": inserted_id(cursor), **row, "quotes": json.loads(quotes_json)}


#: What a check keeps besides its address, time, outcome and quotes.
_CHECK_FIELDS = (
    "http_status",
    "final_url",
    "content_sha256",
    "text_change",
    "error",
    "snapshot_id",
    "text_sha256",
)


@mutation
def record_link_checks(db: Database, url: str, *, actor: Actor, checks: list[dict]) -> list[dict]:
    """Keep what one fetch of an evidence page found compared with each copy (one check each,
    with the same time, the check of the newest copy last), in one transaction: an item never
    reads half a fetch. Each check is a dict of `outcome`, `quotes` and the columns of
    _CHECK_FIELDS."""
    if not checks:
        raise ValueError("a fetch keeps at least one check")
    checked_at = utc_now()
    return [
        _insert_check(db, url, actor, checked_at, check, follows=number > 0)
        for number, check in enumerate(checks)
    ]


@query
def checks_for(db: Database, url: str, limit: int = 20) -> list[dict]:
    """The newest re-checks of one page."""
    return list(
        db.query("SELECT * FROM link_checks WHERE url = ? ORDER BY id DESC LIMIT ?", [url, limit])
    )


@query
def checks_of_copy(db: Database, url: str, snapshot_id: int, limit: int = 10) -> list[dict]:
    """The page's newest fetches, one check each: the one that compared it with copy
    `snapshot_id`, else the fetch's check of the newest copy (the last), which an item resting
    on this copy read then (an upload, a copy left out, or one kept after that fetch)."""
    return list(
        db.query(
            "SELECT l.* FROM (SELECT t.id AS last_id, coalesce((SELECT k.id FROM link_checks k"
            f" WHERE k.url = t.url AND k.id < t.id AND k.id > t.id - {MOST_CHECKS}"
            " AND k.checked_at = t.checked_at AND k.snapshot_id = ?), t.id) AS shown"
            " FROM link_checks t WHERE t.url = ? AND NOT EXISTS (SELECT 1 FROM link_checks n"
            f" WHERE n.url = t.url AND n.id > t.id AND n.id < t.id + {MOST_CHECKS}"
            " AND n.checked_at = t.checked_at)"
            " ORDER BY t.id DESC LIMIT ?) f JOIN link_checks l ON l.id = f.shown"
            " ORDER BY f.last_id DESC",
            [snapshot_id, url, limit],
        )
    )


@query
def flags_for_claim(db: Database, claim_id: int) -> dict[int, dict]:
    """For each of the claim's live evidence items, the latest re-check of its page against the
    copy it is compared with (ITEM_CHECK; if any) and whether it still raises a flag."""
    rows = db.query(
        "SELECT e.id AS evidence_id, e.link_acknowledged_check, l.*,"
        f" {LINK_FLAGGED} AS flagged FROM evidence e"
        f" JOIN link_checks l ON l.id = {ITEM_CHECK}"
        " WHERE e.claim_id = ? AND e.removed_at IS NULL",
        [claim_id],
    )
    flags = {}
    for row in rows:
        row["quotes"] = json.loads(row["quotes"] or "{}")
        row["flagged"] = bool(row["flagged"])
        flags[row["evidence_id"]] = row
    return flags


@query
def flagged_evidence(db: Database, limit: int = 10) -> list[dict]:
    """Evidence whose page now fails, moved elsewhere or changed, unacknowledged, with what the
    check found of its quote and what the copy compared held (kept_quote_status): items behind
    published verdicts first, then those whose quote is gone, then the newest checks."""
    return list(
        db.query(
            "SELECT e.id, e.claim_id, e.url, c.article_id, l.outcome, l.checked_at, l.error,"
            f" l.final_url, l.text_change, {_PUBLISHED} AS published,"
            " json_extract(l.quotes, '$.' || e.id) AS quote_status,"
            " (SELECT q.status FROM quote_checks q WHERE q.evidence_id = e.id"
            "  AND q.snapshot_id = l.snapshot_id) AS kept_quote_status"
            " FROM evidence e JOIN claims c ON c.id = e.claim_id"
            f" JOIN link_checks l ON l.id = {ITEM_CHECK}"
            f" WHERE e.id IN ({FLAGGED_EVIDENCE})"
            " ORDER BY published DESC,"
            " (quote_status IS 'not_found' AND kept_quote_status IN ('found', 'approximate')) DESC,"
            " l.id DESC LIMIT ?",
            [limit],
        )
    )


@query
def flagged_count(db: Database) -> dict:
    """How many evidence items raise a link flag, and how many of them a published verdict
    rests on."""
    total, published = db.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {_PUBLISHED}) FROM evidence e"
        f" WHERE e.id IN ({FLAGGED_EVIDENCE})"
    ).fetchone()
    return {"total": total, "published": published}


@mutation
def acknowledge_change(
    db: Database, evidence_id: int, *, actor: Actor, seen_check: int | None = None
) -> dict:
    """Accept what the latest re-check of an evidence page against the item's copy found
    (ITEM_CHECK), so it stops raising a flag (until a later check finds something new).
    `seen_check` is the check the reviewer was shown: a later one, which found something they
    have not seen, is not accepted for them."""
    rows = list(db.query("SELECT * FROM evidence WHERE id = ?", [evidence_id]))
    if not rows:
        raise NotFound("evidence.not_found", {"id": evidence_id})
    evidence = rows[0]
    if evidence["removed_at"]:
        raise Invalid("evidence.removed", {"id": evidence_id, "doing": "acknowledge"})
    latest = db.execute(
        f"SELECT l.id, l.outcome FROM evidence e JOIN link_checks l ON l.id = {ITEM_CHECK}"
        " WHERE e.id = ?",
        [evidence_id],
    ).fetchone()
    if latest is None or latest[1] == "unchanged":
        raise Invalid("evidence.no_page_change", {"id": evidence_id})
    latest_id = latest[0]
    if seen_check is not None and latest_id != seen_check:
        # A later check that found the page just as the one shown is the same news.
        alike = db.execute(
            "SELECT 1 FROM link_checks a JOIN link_checks l ON l.id = ?"
            f" WHERE a.id = ? AND a.url = l.url{_FOUND_ALIKE}",
            [latest_id, seen_check],
        ).fetchone()
        if alike is None:
            raise Invalid("evidence.checked_again", {"id": evidence_id})
    if evidence["link_acknowledged_check"] == latest_id:
        return evidence
    db.execute(
        "UPDATE evidence SET link_acknowledged_check = ? WHERE id = ?", [latest_id, evidence_id]
    )
    after = next(iter(db.query("SELECT * FROM evidence WHERE id = ?", [evidence_id])))
    audit.record(
        db,
        actor,
        "claim",
        evidence["claim_id"],
        "evidence.acknowledge_change",
        before=evidence,
        after=after,
    )
    return after
