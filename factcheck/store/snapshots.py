"""Archived copies of evidence pages: the copy (fetched, uploaded, or from a public web archive),
its bytes stored once per sha256, and whether each evidence item's quote appears in it."""

import hashlib
import json

from factcheck import quote_check
from factcheck.db import Database, inserted_id, utc_now
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.mutation import mutation, query

KINDS = ("fetched", "upload", "web_archive")


def _verdict_citing(state: str, select: str, also: str = "") -> str:
    """SQL: `select` of the verdict in `state` on evidence item `e`'s claim that cites the item
    (`also`: more conditions on that verdict `v`)."""
    return (
        f"(SELECT {select} FROM verdicts v WHERE v.claim_id = e.claim_id AND v.state = '{state}'"
        f"{also} AND EXISTS (SELECT 1 FROM json_each(v.evidence_ids) j WHERE j.value = e.id))"
    )


#: When the verdict readers see was published on evidence item `e`, or NULL when no published
#: verdict rests on the item.
PUBLISHED_ON_IT = _verdict_citing("published", "v.published_at")
# When verdicts began to rest on the copies of their submission (migration 021).
_PINNED_SINCE = "(SELECT submitted_copies_since FROM copy_rule)"
#: When that verdict came to rest on the item: its submission for second review, whose copies
#: its editor was shown and approved; for one submitted before that rule, its publication.
_PUBLISHED_REST = _verdict_citing(
    "published",
    f"CASE WHEN v.submitted_at >= {_PINNED_SINCE} THEN v.submitted_at ELSE v.published_at END",
)
#: SQL: a verdict waiting for second review cites evidence item `e`.
IN_REVIEW_CITES = f"EXISTS {_verdict_citing('in_review', '1')}"
#: When the verdict waiting for second review that cites evidence item `e` was submitted, or
#: NULL: the editor reviews it on the copies its author saw then (one submitted before that
#: rule, on the newest).
IN_REVIEW_SINCE = _verdict_citing(
    "in_review", "v.submitted_at", f" AND v.submitted_at >= {_PINNED_SINCE}"
)
#: When the item's copy was fixed for the desk: the submission of a verdict waiting for review
#: that cites it, else the published verdict's, except while a correction is being drafted,
#: which may rest on a newer copy (NULL).
FIXED_SINCE = (
    f"coalesce({IN_REVIEW_SINCE},"
    " (SELECT CASE WHEN EXISTS (SELECT 1 FROM verdicts w WHERE w.claim_id = e.claim_id"
    " AND w.state IN ('draft', 'in_review') AND w.correction_of IS NOT NULL) THEN NULL"
    f" ELSE {_PUBLISHED_REST} END))"
)


def _copy_resting_since(since: str) -> str:
    """The copy of evidence item `e` for a verdict that came to rest on it at `since` (SQL; NULL
    for none): the newest kept then, else (its archive still under way) the first kept after.
    Without one, the newest kept copy of its address, else the newest attempt (a failure): a
    later fetch that fails must not hide a copy that was kept."""
    return (
        "coalesce("
        "(SELECT max(id) FROM evidence_snapshots WHERE url = e.url AND status = 'archived'"
        f" AND fetched_at <= {since}),"
        " (SELECT min(id) FROM evidence_snapshots WHERE url = e.url AND status = 'archived'"
        f" AND fetched_at > {since}),"
        " (SELECT max(id) FROM evidence_snapshots WHERE url = e.url AND status = 'archived'),"
        " (SELECT max(id) FROM evidence_snapshots WHERE url = e.url))"
    )


#: The copy the exports give for evidence item `e`: the one the published verdict rests on, as
#: its editor saw it at its submission, else the one a verdict waiting for review rests on, else
#: the newest. Copies are kept per address, so a later copy of the same page (another claim's
#: archive, a reviewer's upload) must not change a published record; a correction, once
#: published, rests on the copies of its submission.
EXPORTED_COPY = _copy_resting_since(f"coalesce({_PUBLISHED_REST}, {IN_REVIEW_SINCE})")
#: The copy the workbench shows for evidence item `e`: the one a verdict waiting for review or
#: the published one rests on, except while a correction is drafted, when it is the newest
#: (what the correction would rest on).
SHOWN_COPY = _copy_resting_since(FIXED_SINCE)
#: The same for an evidence row `e` that carries FIXED_SINCE worked out as its `fixed_since`.
SHOWN_COPY_OF_FIXED = _copy_resting_since("e.fixed_since")
#: SQL: the error of the newest fetch of evidence item `e`'s own address (NULL when it was kept,
#: or never fetched). A reviewer's copy that failed (a web archive's address refused, an upload
#: not read) says nothing of whether the page itself would be refused again.
PAGE_ERROR = (
    "(SELECT p.error FROM evidence_snapshots p WHERE p.url = e.url AND p.kind = 'fetched'"
    " ORDER BY p.id DESC LIMIT 1)"
)


def text_digest(text: str | None) -> str | None:
    """The sha256 of a copy's text, as its audit row records it."""
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_file(db: Database, data: bytes, sha256: str, content_type: str) -> None:
    """Keep the bytes of a copy, once however many copies share them (a helper for mutations)."""
    db.execute(
        "INSERT INTO snapshot_files (sha256, content_type, size, data, stored_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        [sha256, content_type, len(data), data, utc_now()],
    )


def check_quotes(db: Database, snapshot_id: int, url: str, text: str | None) -> list[dict]:
    """Look every live quoted evidence item of this address up in the copy's text and keep the
    answers (a helper for mutations); returns them for the audit row."""
    rows = db.execute(
        "SELECT id, quote FROM evidence WHERE url = ? AND removed_at IS NULL"
        " AND quote IS NOT NULL ORDER BY id",
        [url],
    ).fetchall()
    checks = []
    for evidence_id, quote in rows:
        result = quote_check.check_quote(quote, text)
        if result is None:
            continue
        check = {
            "evidence_id": evidence_id,
            "snapshot_id": snapshot_id,
            "status": result.status,
            "score": result.score,
            "start": result.start,
            "end": result.end,
            "passage": result.passage,
            "checked_at": utc_now(),
        }
        db.execute(
            'INSERT INTO quote_checks (evidence_id, snapshot_id, status, score, start, "end",'
            " passage, checked_at) VALUES (:evidence_id, :snapshot_id, :status, :score, :start,"
            " :end, :passage, :checked_at) ON CONFLICT (evidence_id, snapshot_id) DO NOTHING",
            check,
        )
        checks.append({k: check[k] for k in ("evidence_id", "status", "score", "start", "end")})
    return checks


def check_new_evidence(db: Database, evidence_id: int, url: str) -> dict | None:
    """Look a just-added item's quote up in the newest kept copy of its address, if there is one
    (a helper for mutations)."""
    row = db.execute(
        "SELECT id, text FROM evidence_snapshots WHERE url = ? AND status = 'archived'"
        " ORDER BY id DESC LIMIT 1",
        [url],
    ).fetchone()
    if row is None:
        return None
    checks = [c for c in check_quotes(db, row[0], url, row[1]) if c["evidence_id"] == evidence_id]
    return checks[0] if checks else None


def _insert(
    db: Database, url: str, actor: Actor, fields: dict, body: bytes | None
) -> tuple[dict, dict]:
    """Insert a copy with its bytes and quote checks; returns the row and the audit summary."""
    kind = fields.get("kind", "fetched")
    if kind not in KINDS:
        raise ValueError(f"unknown kind of copy {kind!r}")
    row = {
        "url": url,
        "fetched_at": utc_now(),
        "status": fields["status"],
        "http_status": fields.get("http_status"),
        "content_type": fields.get("content_type"),
        "content_sha256": fields.get("content_sha256"),
        "title": fields.get("title"),
        "text": fields.get("text"),
        "error": fields.get("error"),
        "kind": kind,
        "archive_url": fields.get("archive_url"),
        "final_url": fields.get("final_url"),
        "file_name": fields.get("file_name"),
        "added_by": actor.id,
    }
    if body is not None and row["content_sha256"] and row["content_type"]:
        store_file(db, body, row["content_sha256"], row["content_type"])
    cursor = db.execute(
        f"INSERT INTO evidence_snapshots ({', '.join(row)})"
        f" VALUES ({', '.join(':' + k for k in row)})",
        row,
    )
    snapshot_id = inserted_id(cursor)
    text = row["text"]
    checks = check_quotes(db, snapshot_id, url, text) if row["status"] == "archived" else []
    summary = {k: v for k, v in row.items() if k != "text"}
    # The text itself would double the trail's size; its hash lets audit verify see a change.
    summary["text_sha256"] = text_digest(text)
    summary["quote_checks"] = checks
    return {"id": snapshot_id, **row, "quote_checks": checks}, summary


@mutation
def record_snapshot(
    db: Database,
    url: str,
    *,
    actor: Actor,
    status: str,
    body: bytes | None = None,
    **fields: object,
) -> dict:
    """Store a copy of an evidence page (or the failure to fetch one) with its bytes, and check
    the quotes of the evidence citing the page against its text, in one transaction. `fields`
    are the other columns of evidence_snapshots (http_status, content_type, content_sha256,
    title, text, error, kind, archive_url, final_url, file_name)."""
    row, summary = _insert(db, url, actor, {**fields, "status": status}, body)
    audit.record(db, actor, "evidence_snapshot", row["id"], "evidence.archive", after=summary)
    return row


def _live_url(db: Database, evidence_id: int) -> str:
    """The address of an evidence item that may be given a copy (a helper for mutations)."""
    rows = db.execute("SELECT url, removed_at FROM evidence WHERE id = ?", [evidence_id]).fetchall()
    if not rows:
        raise NotFound("evidence.not_found", {"id": evidence_id})
    url, removed_at = rows[0]
    if removed_at:
        raise Invalid("evidence.removed", {"id": evidence_id, "doing": "copy"})
    return url


@query
def refuse_new_copy(db: Database, evidence_id: int) -> None:
    """Refuse a reviewer's own copy for an item a verdict in second review rests on (the editor
    approves it as they see it, and would approve a copy put in after they looked), or a published
    verdict rests on with a kept copy: that copy is the record readers were given, and a later one
    would not be shown (see SHOWN_COPY) until a correction is under way."""
    in_review = db.execute(
        f"SELECT e.claim_id FROM evidence e WHERE e.id = ? AND {IN_REVIEW_CITES}", [evidence_id]
    ).fetchone()
    if in_review is not None:
        raise Invalid("evidence.copy_in_review", {"id": evidence_id, "claim_id": in_review[0]})
    row = db.execute(
        f"SELECT s.fetched_at, s.fetched_at > {PUBLISHED_ON_IT} FROM (SELECT e.*,"
        f" {FIXED_SINCE} AS fixed_since FROM evidence e WHERE e.id = ?) e"
        f" JOIN evidence_snapshots s ON s.id = {SHOWN_COPY_OF_FIXED}"
        " WHERE s.status = 'archived' AND e.fixed_since IS NOT NULL",
        [evidence_id],
    ).fetchone()
    if row is not None:
        raise Invalid(
            "evidence.copy_published",
            {"id": evidence_id, "kept_at": row[0], "after_publication": bool(row[1])},
        )


def _file_name(file_name: str | None) -> str | None:
    return (file_name or "").strip()[:255] or None


@mutation
def receive_copy(
    db: Database,
    evidence_id: int,
    *,
    actor: Actor,
    data: bytes,
    content_type: str,
    content_sha256: str,
    file_name: str | None = None,
) -> dict:
    """Keep the bytes of a reviewer's own file (checked by the caller) whose text a job reads
    before attach_copy keeps it as the copy; returns what that job needs."""
    url = _live_url(db, evidence_id)
    refuse_new_copy(db, evidence_id)
    store_file(db, data, content_sha256, content_type)
    received = {
        "evidence_id": evidence_id,
        "url": url,
        "content_type": content_type,
        "content_sha256": content_sha256,
        "size": len(data),
        "file_name": _file_name(file_name),
    }
    audit.record(db, actor, "evidence", evidence_id, "evidence.copy_received", after=received)
    return received


@mutation
def attach_copy(
    db: Database,
    evidence_id: int,
    *,
    actor: Actor,
    content_type: str,
    content_sha256: str,
    data: bytes | None = None,
    file_name: str | None = None,
    title: str | None = None,
    text: str | None = None,
    error: str | None = None,
) -> dict:
    """Keep a reviewer's own file (checked by the caller) as the copy of an evidence page, or
    with `error`, record why its text could not be read. Without `data` its bytes are the ones
    receive_copy kept (and checked, before a verdict resting on the item could be published)."""
    url = _live_url(db, evidence_id)
    if data is not None:
        refuse_new_copy(db, evidence_id)
    fields = {
        "status": "failed" if error else "archived",
        "kind": "upload",
        "content_type": content_type,
        "content_sha256": content_sha256,
        "file_name": _file_name(file_name),
        "title": title,
        "text": text,
        "error": error,
    }
    row, summary = _insert(db, url, actor, fields, data)
    summary["evidence_id"] = evidence_id
    audit.record(db, actor, "evidence_snapshot", row["id"], "evidence.copy", after=summary)
    return row


@query
def fetched_since(db: Database, url: str, since: str) -> dict | None:
    """The newest attempt (kept or failed) to fetch this page made after `since`, or None."""
    rows = list(
        db.query(
            "SELECT id, status FROM evidence_snapshots WHERE url = ? AND kind = 'fetched'"
            " AND fetched_at > ? ORDER BY id DESC LIMIT 1",
            [url, since],
        )
    )
    return rows[0] if rows else None


@query
def get_snapshot(db: Database, snapshot_id: int) -> dict:
    rows = list(db.query("SELECT * FROM evidence_snapshots WHERE id = ?", [snapshot_id]))
    if not rows:
        raise NotFound("snapshot.not_found", {"id": snapshot_id})
    return rows[0]


@query
def quote_checks_for(db: Database, snapshot_id: int) -> list[dict]:
    """The quote checks made against one copy, with the quote each looked for."""
    return list(
        db.query(
            "SELECT q.*, e.quote, e.claim_id FROM quote_checks q"
            " JOIN evidence e ON e.id = q.evidence_id WHERE q.snapshot_id = ? ORDER BY q.id",
            [snapshot_id],
        )
    )


@query
def snapshot_file(db: Database, sha256: str) -> dict:
    """The stored bytes of a copy and their type."""
    rows = list(db.query("SELECT * FROM snapshot_files WHERE sha256 = ?", [sha256]))
    if not rows:
        raise NotFound("snapshot.no_file", {})
    return rows[0]


@query
def has_file(db: Database, sha256: str | None) -> bool:
    if not sha256:
        return False
    return (
        db.execute("SELECT 1 FROM snapshot_files WHERE sha256 = ?", [sha256]).fetchone() is not None
    )


@query
def files_for_snapshots(db: Database, snapshot_ids: list[int]) -> list[dict]:
    """The stored files behind these copies (each once), for bundles."""
    return list(
        db.query(
            "SELECT DISTINCT f.sha256, f.content_type, f.size FROM snapshot_files f"
            " JOIN evidence_snapshots s ON s.content_sha256 = f.sha256"
            " JOIN json_each(?) w ON w.value = s.id ORDER BY f.sha256",
            [json.dumps(sorted(set(snapshot_ids)))],
        )
    )
