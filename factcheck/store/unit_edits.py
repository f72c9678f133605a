"""Mending the splitter's cuts in place: a unit merged with the one after it, or split in two at a
point the reviewer chooses. The article body never changes; every unit stays an exact slice of it.

Each edit is one transaction with one audit row (record type "claims", naming both units): the
units before and after, the article's new unit count and digest for `audit verify`, and what moved.
A unit with any verdict is refused (a verdict rates exactly the words it was given). Evidence and
comments are kept: on a merge those of the second unit move to the merged one; on a split they stay
with the first part, which keeps the unit's id, history and assignment."""

from collections.abc import Mapping
from typing import Any

from factcheck import lifecycle
from factcheck.db import Database, utc_now
from factcheck.store import audit, bulk_records, inbox, retired_ids, work_taken
from factcheck.store.actors import Actor
from factcheck.store.audit_replay import units_digest
from factcheck.store.claim_state import (
    check_version,
    load_claim,
    situation,
    state_of,
    unit_score,
)
from factcheck.store.errors import Conflict, Invalid
from factcheck.store.mutation import mutation, query
from factcheck.store.verdicts import require_reason
from factcheck.text.attribution import quote_spans
from factcheck.text.unit_cuts import BadCut, cut, has_blank_line, joined

_PLACE = ("id", "seq", "start", "end", "text", "section", "kind", "reason", "checkworthiness")


def _place(unit: dict) -> dict:
    return {field: unit[field] for field in _PLACE}


def _article(db, article_id: int) -> dict:
    row = db.execute("SELECT body, language FROM articles WHERE id = ?", [article_id]).fetchone()
    return {"body": row[0], "language": row[1] or "en"}


def _shift_after(db, article_id: int, seq: int, by: int) -> None:
    """Move every unit after `seq` along by `by` places; through negative numbers, so no two
    units hold the same place in between (seq is unique within an article)."""
    db.execute("UPDATE claims SET seq = -seq WHERE article_id = ? AND seq > ?", [article_id, seq])
    db.execute(
        "UPDATE claims SET seq = -seq + ? WHERE article_id = ? AND seq < 0", [by, article_id]
    )


def _article_summary(db, article_id: int) -> dict:
    """What `audit verify` checks of an article's units, as the import recorded it."""
    units = list(
        db.query(
            'SELECT id, seq, start, "end", text, section, kind, reason, attribution FROM claims'
            " WHERE article_id = ? ORDER BY seq",
            [article_id],
        )
    )
    return {
        "article_id": article_id,
        "claims": len(units),
        "units_sha256": units_digest(
            (u["seq"], u["start"], u["end"], u["text"], u["section"]) for u in units
        ),
        "unit_ids_sha256": units_digest((u["seq"], u["id"]) for u in units),
        "attributions_sha256": units_digest((u["seq"], u["attribution"]) for u in units),
        "not_claims": {str(u["seq"]): u["reason"] for u in units if u["kind"] == "not_a_claim"},
    }


def _write_unit(db, claim_id: int, **values) -> None:
    values = {**values, "now": utc_now(), "id": claim_id}
    assignments = ", ".join(f'"{name}" = :{name}' for name in values if name not in ("now", "id"))
    db.execute(
        f"UPDATE claims SET {assignments}, version = version + 1, updated_at = :now WHERE id = :id",
        values,
    )


@query
def next_unit(db: Database, unit: Mapping[str, Any]) -> dict | None:
    """The unit after this one in its article, whatever it is."""
    rows = list(
        db.query(
            "SELECT * FROM claims WHERE article_id = ? AND seq > ? ORDER BY seq LIMIT 1",
            [unit["article_id"], unit["seq"]],
        )
    )
    return rows[0] if rows else None


def _same_paragraph(db: Database, first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    """Whether two neighbouring units share a section and no blank line lies between them."""
    if first["section"] != second["section"]:
        return False
    between = db.execute(
        "SELECT substr(body, ? + 1, ?) FROM articles WHERE id = ?",
        [first["end"], second["start"] - first["end"], first["article_id"]],
    ).fetchone()[0]
    return not has_blank_line(between or "")


@query
def merge_partner(db: Database, unit: Mapping[str, Any]) -> dict | None:
    """The unit after this one, when the two could be merged (one paragraph, and no verdict on
    the next one); else None."""
    following = next_unit(db, unit)
    if following is None or not _same_paragraph(db, unit, following):
        return None
    if situation(db, following).verdicts:
        return None  # as lifecycle's unit.edit guard: a verdict rates exactly its claim's words
    return following


def _refuse_unless_editable(db, unit: dict, actor: Actor) -> None:
    lifecycle.permit("unit.edit", situation(db, unit), actor)


def _check_next(first: dict, second: dict | None, expected: tuple[int, int | None]) -> None:
    """Refuse a merge with a next unit other than the one the caller saw (id, and version when
    given): someone split or merged it since, and joining whatever is next now was not asked for."""
    next_id, version = expected
    if second is not None and second["id"] == next_id and version in (None, second["version"]):
        return
    raise Conflict(
        "unit.next_changed",
        {
            "claim_id": first["id"],
            "next_id": next_id,
            "expected": version,
            "now_id": second["id"] if second else None,
            "version": second["version"] if second else None,
        },
        current=state_of(first),
    )


@mutation
def merge_with_next(
    db,
    claim_id: int,
    *,
    reason: str,
    actor: Actor,
    expected_version: int | None = None,
    expected_next: tuple[int, int | None] | None = None,
) -> dict:
    """Make the unit and the one after it in the text one unit (keeping this one's id), and
    return it. `expected_next` is the next unit as the caller saw it: (id, version or None)."""
    first = load_claim(db, claim_id)
    check_version(first, expected_version)
    second = next_unit(db, first)
    if expected_next is not None:
        _check_next(first, second, expected_next)
    if second is None:
        raise Invalid("unit.last", {"claim_id": claim_id})
    _refuse_unless_editable(db, first, actor)
    try:
        _refuse_unless_editable(db, second, actor)
    except Invalid as refusal:
        if refusal.code != "unit.has_verdict":
            raise
        raise Invalid(
            "unit.next_has_verdict", {"claim_id": claim_id, "next_id": second["id"]}
        ) from None

    reason = require_reason(reason, "unit.merge")
    if not _same_paragraph(db, first, second):
        raise Invalid("unit.other_paragraph", {"claim_id": claim_id, "next_id": second["id"]})
    shared = db.execute(
        "SELECT a.url FROM evidence a JOIN evidence b ON b.url = a.url WHERE a.claim_id = ?"
        " AND b.claim_id = ? AND a.removed_at IS NULL AND b.removed_at IS NULL LIMIT 1",
        [first["id"], second["id"]],
    ).fetchone()
    if shared:
        raise Invalid("unit.same_evidence", {"claim_id": claim_id, "url": shared[0]})
    article = _article(db, first["article_id"])
    body = article["body"]
    start, end = joined((first["start"], first["end"]), (second["start"], second["end"]))
    kind = "claim" if "claim" in (first["kind"], second["kind"]) else first["kind"]
    text = body[start:end]
    score, reasons = unit_score(text, first, kind, article["language"])
    status = "in_progress" if "in_progress" in (first["status"], second["status"]) else "unreviewed"
    keeper = first if first["assignee_id"] is not None else second
    moved = {
        table: [
            row[0]
            for row in db.execute(f"SELECT id FROM {table} WHERE claim_id = ?", [second["id"]])
        ]
        for table in ("evidence", "comments")
    }
    for table in ("evidence", "comments"):
        db.execute(
            f"UPDATE {table} SET claim_id = ? WHERE claim_id = ?", [first["id"], second["id"]]
        )
    db.execute("DELETE FROM claim_matches WHERE claim_id IN (?, ?)", [first["id"], second["id"]])
    # A reviewer's "not this claim" goes with the words into the merged unit, as its evidence
    # does (previous_checks.after_unit_edit matches the merged unit again, leaving those out).
    db.execute(
        "UPDATE OR IGNORE dismissed_matches SET claim_id = ? WHERE claim_id = ?",
        [first["id"], second["id"]],
    )
    db.execute("DELETE FROM dismissed_matches WHERE claim_id = ?", [second["id"]])
    bulk_records.move_claim_links(db, second["id"], first["id"])
    work_taken.move_claim(db, second["id"], first["id"])
    if keeper is second and second["assigned_at"] is not None:
        inbox.move_assignment_read(db, second["id"], first["id"], second["assigned_at"])
    db.execute("DELETE FROM claims WHERE id = ?", [second["id"]])
    retired_ids.retire(db, "claims", second["id"])
    _write_unit(
        db,
        first["id"],
        end=end,
        text=text,
        kind=kind,
        reason=first["reason"] if kind != "claim" else None,
        attribution=first["attribution"] or second["attribution"],
        checkworthiness=score,
        reasons=reasons,
        status=status,
        assignee_id=keeper["assignee_id"],
        assigned_at=keeper["assigned_at"],
        assigned_by=keeper["assigned_by"],
    )
    _shift_after(db, first["article_id"], second["seq"], -1)
    merged = load_claim(db, first["id"])
    audit_id = audit.record(
        db,
        actor,
        "claims",
        None,
        "unit.merge",
        before={"units": [_place(first), _place(second)]},
        after={
            "claim_ids": [first["id"], second["id"]],
            "units": [_place(merged)],
            "removed": [second["id"]],
            "moved": {"to": first["id"], **moved},
            "changes": [{"id": first["id"], "before": state_of(first), "after": state_of(merged)}],
            **_article_summary(db, first["article_id"]),
        },
        reason=reason,
    )
    bulk_records.note(db, audit_id, actor.username, "unit.merge", [first["id"]])
    # A unit merged in that was another person's is taken from them: the claim is the first's.
    work_taken.note_claims_given(db, audit_id, actor, [(first["id"], second, merged)])
    return merged


@mutation
def split_unit(
    db,
    claim_id: int,
    *,
    at: int,
    reason: str,
    actor: Actor,
    expected_version: int | None = None,
) -> tuple[dict, dict]:
    """Cut the unit in two at body offset `at` (in the space between two words): the first part
    keeps the unit's id and all its work, the second is a new unit after it. Returns both."""
    unit = load_claim(db, claim_id)
    check_version(unit, expected_version)
    _refuse_unless_editable(db, unit, actor)
    reason = require_reason(reason, "unit.split")
    article = _article(db, unit["article_id"])
    body = article["body"]
    try:
        (first_start, first_end), (second_start, second_end) = cut(
            body, unit["start"], unit["end"], at
        )
    except BadCut as error:
        raise Invalid(
            "unit.bad_cut", {"claim_id": claim_id, "cut": error.problem}, field="at"
        ) from None
    first_text, second_text = body[first_start:first_end], body[second_start:second_end]
    _shift_after(db, unit["article_id"], unit["seq"], 1)
    score, reasons = unit_score(first_text, unit, unit["kind"], article["language"])
    _write_unit(
        db,
        unit["id"],
        end=first_end,
        text=first_text,
        checkworthiness=score,
        reasons=reasons,
    )
    # Who says the words goes with the part that names them: "the mayor said" in the first part
    # is not the speaker of "Critics disagreed." (a quotation's speaker named after it, or
    # elsewhere, stays with both parts, as does one named before a quotation cut inside it).
    speaker = unit["attribution"]
    cut_at = second_start - unit["start"]
    in_quotation = any(
        start < cut_at < end for start, end in quote_spans(body[unit["start"] : unit["end"]])
    )
    if speaker and speaker in first_text and speaker not in second_text and not in_quotation:
        speaker = None
    second_unit = {**unit, "attribution": speaker}
    score, reasons = unit_score(second_text, second_unit, unit["kind"], article["language"])
    new_id = db.execute(
        'INSERT INTO claims (id, article_id, seq, start, "end", text, section, kind, reason,'
        " attribution, checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            retired_ids.fresh_id(db, "claims"),  # None: SQLite chooses
            unit["article_id"],
            unit["seq"] + 1,
            second_start,
            second_end,
            second_text,
            unit["section"],
            unit["kind"],
            unit["reason"],
            speaker,
            score,
            reasons,
        ],
    ).lastrowid
    db.execute("DELETE FROM claim_matches WHERE claim_id = ?", [unit["id"]])
    # A reviewer's "not this claim" was said of the words both parts now share between them.
    db.execute(
        "INSERT INTO dismissed_matches (claim_id, library_id, dismissed_by, dismissed_at)"
        " SELECT ?, library_id, dismissed_by, dismissed_at FROM dismissed_matches"
        " WHERE claim_id = ?",
        [new_id, unit["id"]],
    )
    first, second = load_claim(db, unit["id"]), load_claim(db, new_id)
    audit_id = audit.record(
        db,
        actor,
        "claims",
        None,
        "unit.split",
        before={"units": [_place(unit)]},
        after={
            "claim_ids": [first["id"], second["id"]],
            "units": [_place(first), _place(second)],
            "at": at,
            "changes": [
                {"id": first["id"], "before": state_of(unit), "after": state_of(first)},
                {"id": second["id"], "before": None, "after": state_of(second)},
            ],
            **_article_summary(db, unit["article_id"]),
        },
        reason=reason,
    )
    bulk_records.note(db, audit_id, actor.username, "unit.split", [first["id"], second["id"]])
    return first, second
