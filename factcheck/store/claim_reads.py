"""Reading claims: one claim, an article's claims in document order."""

import json
import sqlite3
from typing import cast

from factcheck.db import Database
from factcheck.scales import Scale
from factcheck.store import audit, claim_story, export_reads
from factcheck.store.claim_merges import missing_claim
from factcheck.store.mutation import query
from factcheck.store.rows import ClaimRow, ReviewRecord, VerdictView
from factcheck.store.users import users_by_id

CLAIM_COLUMNS = (
    'id, article_id, seq, start, "end", text, section, kind, reason, attribution,'
    " checkworthiness, reasons, status, verdict, version, updated_at, assignee_id, corrected_at"
)


def _decoded(row: dict) -> ClaimRow:
    row["reasons"] = json.loads(row["reasons"])
    return cast(ClaimRow, row)


@query
def get_claim(db: Database, claim_id: int) -> ClaimRow:
    rows = list(db.query(f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?", [claim_id]))
    if not rows:
        raise missing_claim(db, claim_id)
    return _decoded(rows[0])


@query
def claims_for_article(db: Database, article_id: int) -> list[ClaimRow]:
    rows = db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE article_id = ? ORDER BY seq", [article_id]
    )
    return [_decoded(row) for row in rows]


@query
def unit_spans(db: Database, article_id: int) -> list[sqlite3.Row]:
    """Where each of the article's units lies, in document order: id, seq, start, end, section and
    kind only, so laying out a long article does not read every unit's text."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(
        'SELECT id, seq, start, "end", section, kind FROM claims WHERE article_id = ? ORDER BY seq',
        [article_id],
    ).fetchall()


@query
def claims_in_seq_range(
    db: Database, article_id: int, first_seq: int, last_seq: int
) -> list[ClaimRow]:
    """The article's units from `first_seq` to `last_seq` (both included), in document order."""
    rows = db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE article_id = ? AND seq BETWEEN ? AND ?"
        " ORDER BY seq",
        [article_id, first_seq, last_seq],
    )
    return [_decoded(row) for row in rows]


@query
def article_counts(db: Database, article_id: int) -> dict:
    """How many units the article has, how many are claims and not claims, and claims by status.
    A claim whose verdict is published counts as published while a correction of it is written
    or reviewed: that verdict is what readers see until the correction replaces it."""
    row = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE kind = 'claim'),"
        " count(*) FILTER (WHERE kind = 'claim' AND status = 'unreviewed'),"
        " count(*) FILTER (WHERE kind = 'claim' AND status = 'in_progress' AND verdict IS NULL),"
        " count(*) FILTER (WHERE kind = 'claim' AND status = 'in_review' AND verdict IS NULL),"
        " count(*) FILTER (WHERE kind = 'claim' AND verdict IS NOT NULL),"
        " count(*) FILTER (WHERE kind = 'claim' AND verdict IS NOT NULL AND status != 'published')"
        " FROM claims WHERE article_id = ?",
        [article_id],
    ).fetchone()
    units, claims, unreviewed, in_progress, in_review, published, correcting = row
    return {
        "units": units,
        "claims": claims,
        "not_claims": units - claims,
        # Of the published: those whose correction is being written or reviewed.
        "correcting": correcting,
        "by_status": {
            "unreviewed": unreviewed,
            "in_progress": in_progress,
            "in_review": in_review,
            "published": published,
        },
    }


@query
def ranked_claims(db: Database, article_id: int, limit: int) -> list[ClaimRow]:
    """The article's `limit` most check-worthy claims, highest first; ties keep document order."""
    rows = db.query(
        f"SELECT {CLAIM_COLUMNS} FROM claims WHERE article_id = ? AND kind = 'claim'"
        " ORDER BY checkworthiness DESC, seq LIMIT ?",
        [article_id, limit],
    )
    return [_decoded(row) for row in rows]


@query
def ranked_ahead(db: Database, claim: ClaimRow, bound: int) -> int:
    """How many of its article's claims rank ahead of this one in `ranked_claims`, counting no
    further than `bound`."""
    return db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM claims WHERE article_id = :article"
        " AND kind = 'claim' AND (checkworthiness > :score"
        " OR (checkworthiness = :score AND seq < :seq)) LIMIT :bound)",
        {
            "article": claim["article_id"],
            "score": claim["checkworthiness"],
            "seq": claim["seq"],
            "bound": bound,
        },
    ).fetchone()[0]


_CLAIM_BEFORE = (
    "(SELECT seq FROM claims WHERE article_id = :article AND kind = 'claim' AND seq < :before"
    " ORDER BY seq DESC LIMIT 1)"
)
_CLAIM_AFTER = (
    "(SELECT seq FROM claims WHERE article_id = :article AND kind = 'claim' AND seq > :after"
    " ORDER BY seq LIMIT 1)"
)


def _claims_at(db: Database, article_id: int, seqs: list[int | None]) -> list[ClaimRow | None]:
    wanted = [seq for seq in seqs if seq is not None]
    found: dict[int | None, ClaimRow] = {}
    if wanted:
        rows = db.query(
            f"SELECT {CLAIM_COLUMNS} FROM claims WHERE article_id = ?"
            " AND seq IN (SELECT value FROM json_each(?))",
            [article_id, json.dumps(wanted)],
        )
        found = {row["seq"]: _decoded(row) for row in rows}
    return [found.get(seq) for seq in seqs]


@query
def claims_around(
    db: Database, article_id: int, before_seq: int, after_seq: int
) -> tuple[ClaimRow | None, ClaimRow | None]:
    """The last claim before `before_seq` and the first claim after `after_seq` (each a claim or
    None): the claims on either side of a unit, or of a stretch of the text."""
    row = db.execute(
        f"SELECT {_CLAIM_BEFORE}, {_CLAIM_AFTER}",
        {"article": article_id, "before": before_seq, "after": after_seq},
    ).fetchone()
    previous, following = _claims_at(db, article_id, list(row))
    return previous, following


@query
def claim_neighbours(db: Database, article_id: int, seq: int | None) -> dict:
    """Where a unit stands among the article's claims: how many claims there are, how many come
    before it, and the claims just before and after it. With no unit (`seq` None) the first claim
    comes "after"."""
    at = -1 if seq is None else seq
    total, before = db.execute(
        "SELECT count(*), count(*) FILTER (WHERE seq < :at) FROM claims"
        " WHERE article_id = :article AND kind = 'claim'",
        {"article": article_id, "at": at},
    ).fetchone()
    previous, following = claims_around(db, article_id, at, at)
    return {"claim_total": total, "claims_before": before, "previous": previous, "next": following}


@query
def claim_ids_for_article(db: Database, article_id: int) -> list[int]:
    """The ids of an article's units in document order."""
    rows = db.execute("SELECT id FROM claims WHERE article_id = ? ORDER BY seq", [article_id])
    return [row[0] for row in rows]


def _verdict_view(row: dict, users: dict) -> VerdictView:
    author = users.get(row["author_id"], {})
    approver = users.get(row["approved_by"], {})
    return {
        "id": row["id"],
        "rating": row["rating"],
        "rating_label": row["rating_label"],
        "rating_value": row["rating_value"],
        "rationale": row["rationale"],
        "state": row["state"],
        "evidence_ids": json.loads(row["evidence_ids"]),
        "author": author.get("username"),
        "author_name": author.get("display_name"),
        "created_at": row["created_at"],
        "submitted_at": row["submitted_at"],
        "approved_by": approver.get("username"),
        "approved_by_name": approver.get("display_name"),
        "published_at": row["published_at"],
        "correction_of": row["correction_of"],
        "correction_reason": row["correction_reason"],
    }


@query
def review_records(db: Database, claim_ids: list[int]) -> dict[int, ReviewRecord]:
    """For each claim id: its current, published and earlier verdicts, in a few queries however
    many claims are asked for."""
    records: dict[int, ReviewRecord] = {
        claim_id: {
            "verdict": None,
            "published_verdict": None,
            "earlier_verdicts": [],
        }
        for claim_id in claim_ids
    }
    if not claim_ids:
        return records
    wanted = json.dumps(list(claim_ids))
    verdict_rows = list(
        db.query(
            "SELECT v.* FROM verdicts v JOIN json_each(?) w ON w.value = v.claim_id ORDER BY v.id",
            [wanted],
        )
    )
    users = users_by_id(
        db, [r["author_id"] for r in verdict_rows] + [r["approved_by"] for r in verdict_rows]
    )
    for row in verdict_rows:
        record = records[row["claim_id"]]
        view = _verdict_view(row, users)
        if row["state"] in ("draft", "in_review"):
            record["verdict"] = view
        elif row["state"] == "published":
            record["published_verdict"] = view
        else:
            record["earlier_verdicts"].append(view)
    for record in records.values():
        if record["verdict"] is None:
            record["verdict"] = record["published_verdict"]
    return records


@query
def claim_history(db: Database, claim_id: int, *, newest: int | None = None) -> list[dict]:
    """The claim's whole story from the audit trail, oldest first: its import, then every change
    (claim_story); with `newest`, only that many of its latest rows (still oldest first). Bulk
    actions are found through the claims they changed (bulk_records), so the rows of other
    claims' bulk actions are never read; each has `change`, what it did to this claim (or to the
    unit merged into it that it changed), so the history can say it."""
    get_claim(db, claim_id)  # a claim merged away is refused with the claim it went to
    order = "ORDER BY h.id" if newest is None else "ORDER BY h.id DESC LIMIT :newest"
    rows = db.query(
        f"SELECT h.*, {claim_story.own_change(':claim', 'h')} AS own_change FROM audit h"
        f" WHERE h.id IN ({claim_story.CLAIM_STORY_IDS}) {order}",
        {"claim": claim_id, "newest": newest},
    )
    entries = [_history_entry(row) for row in rows]
    return entries if newest is None else entries[::-1]


def _history_entry(row: dict) -> dict:
    change = row.pop("own_change")
    entry = audit.decoded_entry(row)
    if change is not None:
        entry["change"] = json.loads(change)
    return entry


@query
def claim_history_size(db: Database, claim_id: int) -> int:
    """How many rows the claim's history has."""
    return db.execute(
        f"SELECT count(*) FROM ({claim_story.CLAIM_STORY_IDS})", {"claim": claim_id}
    ).fetchone()[0]


@query
def claim_approvals(db: Database, claim_id: int) -> list[dict]:
    """The approvals of the claim's verdicts in its history, oldest first, however far back."""
    rows = db.query(
        "SELECT h.*, NULL AS own_change FROM audit h"
        f" WHERE h.id IN ({claim_story.CLAIM_STORY_IDS}) AND h.action = 'review.approve'"
        " ORDER BY h.id",
        {"claim": claim_id},
    )
    return [_history_entry(row) for row in rows]


@query
def claims_with_reviews(
    db: Database, claims: list[ClaimRow], *, scale: Scale | None = None
) -> list[dict]:
    """Claims as people and programs read them: each with its assignee, every verdict and its
    live evidence, their fields named as the JSON export names them (see
    `export_reads.verdicts_and_evidence`; a rating `scale` gives in words only has no value)."""
    parts = export_reads.verdicts_and_evidence(db, [claim["id"] for claim in claims], scale=scale)
    assignees = users_by_id(db, [claim.get("assignee_id") for claim in claims])
    views = []
    for claim in claims:
        part = parts[claim["id"]]
        views.append(
            {
                "id": claim["id"],
                "article_id": claim["article_id"],
                "seq": claim["seq"],
                "start": claim["start"],
                "end": claim["end"],
                "text": claim["text"],
                "section": claim["section"],
                "kind": claim["kind"],
                "reason": claim["reason"],
                "attribution": claim["attribution"],
                "checkworthiness": claim["checkworthiness"],
                "reasons": claim["reasons"],
                "status": claim["status"],
                "version": claim["version"],
                "updated_at": claim["updated_at"],
                "corrected_at": claim["corrected_at"],
                "assignee": assignees.get(claim.get("assignee_id"), {}).get("username"),
                "verdicts": part["verdicts"],
                "evidence": [item for item in part["evidence"] if not item["removed_at"]],
            }
        )
    return views
