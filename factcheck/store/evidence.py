"""Evidence on a claim: adding and removing sources, and archived copies of the pages they point to."""

from typing import cast

from factcheck import lifecycle, quote_check
from factcheck.db import Database, inserted_id, utc_now
from factcheck.network.urls import UrlProblem, clean_web_url
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.claim_state import load_claim, situation
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.link_checks import LINK_FLAGGED, item_check
from factcheck.store.mutation import mutation, query
from factcheck.store.rows import EvidenceItem, EvidenceRow
from factcheck.store.snapshots import (  # noqa: F401 (older callers)
    FIXED_SINCE,
    IN_REVIEW_CITES,
    IN_REVIEW_SINCE,
    PAGE_ERROR,
    PUBLISHED_ON_IT,
    SHOWN_COPY_OF_FIXED,
    check_new_evidence,
    get_snapshot,
    record_snapshot,
)
from factcheck.store.verdicts import require_reason

STANCES = ("supports", "refutes", "context", "mixed")
MAX_QUOTE_CHARS = 5000
MAX_NOTE_CHARS = 5000


def _text(value: str | None, limit: int, field: str) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise Invalid(
            "text.too_long",
            {"what": field, "limit": limit},
            field=field,
        )
    return value or None


def _evidence_row(db: Database, evidence_id: int) -> EvidenceRow:
    rows = list(db.query("SELECT * FROM evidence WHERE id = ?", [evidence_id]))
    if not rows:
        raise NotFound("evidence.not_found", {"id": evidence_id})
    return cast(EvidenceRow, rows[0])


@mutation
def add_evidence(
    db: Database,
    claim_id: int,
    *,
    url: str,
    stance: str,
    actor: Actor,
    quote: str | None = None,
    note: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> EvidenceRow:
    """Attach a source to a claim; a published verdict takes new sources only in a correction."""
    lifecycle.permit("evidence.add", situation(db, load_claim(db, claim_id)), actor)
    try:
        url = clean_web_url(url)
    except UrlProblem as error:
        facts = {**error.facts, "problem": error.problem}
        raise Invalid("url.invalid", facts, field="url") from None
    if stance not in STANCES:
        raise Invalid(
            "stance.unknown" if (stance or "").strip() else "stance.missing",
            {"given": stance, "choices": list(STANCES)},
            field="stance",
        )
    quote = _text(quote, MAX_QUOTE_CHARS, "quote")
    if quote is not None and quote_check.only_punctuation(quote):
        # Only an omission mark or punctuation: nothing a reader could have copied from the page.
        # (An emoji or a sign alone, "👍" or "€", is kept, though the check cannot look it up.)
        raise Invalid("quote.no_words", {}, field="quote")
    duplicate = db.execute(
        "SELECT id FROM evidence WHERE claim_id = ? AND url = ? AND removed_at IS NULL",
        [claim_id, url],
    ).fetchone()
    if duplicate:
        raise Invalid(
            "evidence.duplicate", {"claim_id": claim_id, "evidence_id": duplicate[0]}, field="url"
        )
    row = {
        "claim_id": claim_id,
        "url": url,
        "title": _text(title, 500, "title"),
        "publisher": _text(publisher, 200, "publisher"),
        "stance": stance,
        "quote": quote,
        "note": _text(note, MAX_NOTE_CHARS, "note"),
        "added_by": actor.id,
        "added_at": utc_now(),
    }
    cursor = db.execute(
        f"INSERT INTO evidence ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row
    )
    evidence = _evidence_row(db, inserted_id(cursor))
    # A copy of the page kept for another claim answers the quote check at once.
    check = check_new_evidence(db, evidence["id"], url) if evidence["quote"] else None
    after = {**evidence, "quote_check": check} if check else evidence
    audit.record(db, actor, "claim", claim_id, "evidence.add", after=after)
    return evidence


@mutation
def remove_evidence(db: Database, evidence_id: int, *, reason: str, actor: Actor) -> EvidenceRow:
    """Take a source off its claim (the row stays); never one a verdict in review or published
    rests on: that goes through a correction first."""
    evidence = _evidence_row(db, evidence_id)
    if evidence["removed_at"]:
        who = db.execute(
            "SELECT username, coalesce(display_name, username) FROM users WHERE id = ?",
            [evidence["removed_by"]],
        ).fetchone() or (None, None)
        raise Invalid(
            "evidence.already_removed",
            {
                "id": evidence_id,
                "removed_at": evidence["removed_at"],
                "removed_by": who[0],
                "removed_by_name": who[1],
            },
        )
    claim = load_claim(db, evidence["claim_id"])
    lifecycle.permit("evidence.remove", situation(db, claim), actor, evidence_id=evidence_id)
    reason = require_reason(reason, "evidence.remove")
    db.execute(
        "UPDATE evidence SET removed_at = ?, removed_by = ?, removal_reason = ? WHERE id = ?",
        [utc_now(), actor.id, reason, evidence_id],
    )
    after = _evidence_row(db, evidence_id)
    audit.record(
        db,
        actor,
        "claim",
        evidence["claim_id"],
        "evidence.remove",
        before=evidence,
        after=after,
        reason=reason,
    )
    return after


@query
def get_evidence(db: Database, evidence_id: int) -> EvidenceRow:
    return _evidence_row(db, evidence_id)


@query
def has_live_evidence(db: Database) -> bool:
    """Whether any claim cites a source that was not removed."""
    return (
        db.execute("SELECT 1 FROM evidence WHERE removed_at IS NULL LIMIT 1").fetchone() is not None
    )


# A column of the newest own copy (uploaded or from a web archive) of the page that failed
# after the copy shown, `s`.
_LATER_FAILED_COPY = (
    "SELECT f.{} FROM evidence_snapshots f WHERE f.url = e.url AND f.id > s.id"
    " AND f.kind IN ('upload', 'web_archive') AND f.status = 'failed' ORDER BY f.id DESC LIMIT 1"
)

# The link check that speaks for the item (link_checks.item_check), of the copy shown, `s`.
_ITEM_CHECK_OF_SHOWN = item_check("s.id")


@query
def evidence_for_claim(
    db: Database, claim_id: int, *, include_removed: bool = False
) -> list[EvidenceItem]:
    """The claim's evidence with who added it, the latest archived copy of each page (what kind
    of copy it is, and whether the item's quote was found in it, and a newer uploaded copy that
    could not be read)."""
    removed = "" if include_removed else " AND e.removed_at IS NULL"
    return cast(
        list[EvidenceItem],
        list(
            db.query(
                "SELECT e.*, u.username AS added_by_username, u.display_name AS added_by_name,"
                " s.id AS snapshot_id, s.status AS snapshot_status, s.fetched_at AS snapshot_at,"
                " s.content_sha256 AS snapshot_sha256, s.error AS snapshot_error,"
                " s.kind AS snapshot_kind, s.archive_url AS snapshot_archive_url,"
                f" {PAGE_ERROR} AS page_error,"
                # Who gave a reviewer's own copy: the page's copy may come from another claim.
                " (SELECT coalesce(k.display_name, k.username) FROM users k"
                "  WHERE k.id = s.added_by AND s.kind != 'fetched') AS snapshot_given_by,"
                " e.fixed_since IS NOT NULL AND NOT e.in_review AS copy_fixed,"
                " e.in_review AS copy_in_review,"
                " s.fetched_at > e.published_on_it AS copy_after_publication,"
                " s.fetched_at > e.review_since AS copy_after_submission,"
                " q.status AS quote_status, q.passage AS quote_passage, q.score AS quote_score,"
                # An uploaded copy that could not be read, or a web archive's that could not be
                # fetched, when an older kept copy is shown (not for a published verdict's copy:
                # that one is fixed, whatever came after).
                f" CASE WHEN e.fixed_since IS NULL THEN ({_LATER_FAILED_COPY.format('error')})"
                "  END AS copy_failure,"
                f" CASE WHEN e.fixed_since IS NULL THEN ({_LATER_FAILED_COPY.format('kind')})"
                "  END AS copy_failure_kind,"
                # A later copy of the page (kept for another claim) that differs from the fixed one.
                " CASE WHEN e.fixed_since IS NOT NULL THEN"
                " (SELECT n.fetched_at FROM evidence_snapshots n WHERE n.url = e.url AND n.id > s.id"
                "  AND n.status = 'archived' AND n.content_sha256 IS NOT s.content_sha256"
                "  ORDER BY n.id DESC LIMIT 1) END AS newer_copy_at,"
                " l.id AS link_check_id, l.outcome AS link_outcome, l.checked_at AS link_checked_at,"
                " l.error AS link_error, l.final_url AS link_final_url,"
                " l.text_change AS link_text_change, l.snapshot_id AS link_snapshot_id,"
                " json_extract(l.quotes, '$.' || e.id) AS link_quote_status,"
                f" coalesce({LINK_FLAGGED}, 0) AS link_flagged"
                # When the item's copy was fixed, worked out once for the several uses below.
                f" FROM (SELECT e.*, {FIXED_SINCE} AS fixed_since,"
                f" {IN_REVIEW_SINCE} AS review_since, {IN_REVIEW_CITES} AS in_review,"
                f" {PUBLISHED_ON_IT} AS published_on_it"
                " FROM evidence e"
                f"  WHERE e.claim_id = ?{removed}) e JOIN users u ON u.id = e.added_by"
                f" LEFT JOIN evidence_snapshots s ON s.id = {SHOWN_COPY_OF_FIXED}"
                " LEFT JOIN quote_checks q ON q.evidence_id = e.id AND q.snapshot_id = s.id"
                f" LEFT JOIN link_checks l ON l.id = {_ITEM_CHECK_OF_SHOWN}"
                " ORDER BY e.id",
                [claim_id],
            )
        ),
    )
