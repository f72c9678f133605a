"""Running an export: pick the format, read one snapshot, write the file, record it in the audit."""

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata

from factcheck.db import Database, utc_now
from factcheck.exports import (
    bundle,
    claimreview,
    csv_format,
    html_report,
    json_format,
    markdown_report,
)
from factcheck.exports.context import ExportContext
from factcheck.exports.hashing import ByteSink, HashingWriter
from factcheck.exports.options import ExportConfig, ExportFilters, ExportRefused, refuse_unknown
from factcheck.store import audit, export_reads
from factcheck.store import users as user_store
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mimetype: str
    write: Callable[[io.BufferedIOBase, ExportContext], dict]
    needs_publisher: bool = False


FORMATS = {
    f.name: f
    for f in (
        Format("csv", "csv", "text/csv; charset=utf-8; header=present", csv_format.write),
        Format("json", "json", "application/json", json_format.write_json),
        Format("jsonl", "jsonl", "application/jsonl", json_format.write_jsonl),
        Format("claimreview", "claimreview.json", "application/ld+json", claimreview.write, True),
        Format("markdown", "md", "text/markdown; charset=utf-8", markdown_report.write),
        Format("html", "html", "text/html; charset=utf-8", html_report.write),
        Format("bundle", "zip", "application/zip", bundle.write, True),
    )
}


@dataclass(frozen=True)
class ExportResult:
    format: str
    claims: int
    bytes: int
    sha256: str
    created_at: str
    audit_head: tuple[int, str]
    audit_row: int


def _format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportRefused(
            "export.unknown_format", {"given": name, "formats": list(FORMATS)}, field="format"
        ) from None


def _generator() -> str:
    try:
        return f"factcheck {metadata.version('factcheck')}"
    except metadata.PackageNotFoundError:
        return "factcheck"


def _slug(words: str, limit: int = 40) -> str:
    """Words as a part of a file name: lower-case ASCII letters and digits joined by dashes."""
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_words.lower()))[:limit].strip("-")


def download_name(
    fmt: str, filters: ExportFilters, *, at: datetime | None = None
) -> tuple[str, str]:
    """The file name to offer for a download of this export, and its MIME type."""
    spec = _format(fmt)
    parts = ["factcheck"]
    if filters.article_id is not None:
        parts.append(f"article-{filters.article_id}")
    if filters.status:
        parts.append(filters.status.replace("_", "-"))
    if filters.since:
        parts.append(f"since-{filters.since.isoformat()}")
    if filters.verdict:
        parts.append(_slug(filters.verdict))
    if filters.assignee:
        parts.append(
            "unassigned" if filters.assignee == "none" else f"for-{_slug(filters.assignee)}"
        )
    if filters.section:
        parts.append(filters.section)
    if filters.search and _slug(filters.search):
        parts.append(f"search-{_slug(filters.search)}")
    if filters.previous:
        parts.append("previously-checked")
    if filters.evidence:
        parts.append(f"evidence-{filters.evidence}")
    parts.append((at or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ"))
    return f"{'-'.join(parts)}.{spec.extension}", spec.mimetype


def _known_verdict(db: Database, filters: ExportFilters, config: ExportConfig) -> ExportFilters:
    """The verdict filter as the rating key claims carry: a rating's label or key on the scale,
    or a key some claim still carries from an older scale; anything else is refused rather than
    exported as an empty selection."""
    given = filters.verdict or ""
    rating = config.scale.find(given)
    if rating is not None:
        return replace(filters, verdict=rating.key)
    if export_reads.verdict_in_use(db, given):
        return filters
    raise Invalid(
        "rating.unknown",
        {
            "given": given,
            "labels": [r.label for r in config.scale.ratings],
            "keys": [r.key for r in config.scale.ratings],
        },
        field="verdict",
    )


def _check_assignee(db: Database, assignee: str) -> None:
    """Refuse an assignee no one has the username of, rather than export an empty selection."""
    names = [user["username"] for user in user_store.list_users(db)]
    if assignee not in names:
        refuse_unknown("assignee", assignee, ["none", *names])


def write_export(
    db: Database,
    fmt: str,
    out: ByteSink,
    *,
    filters: ExportFilters,
    actor: Actor,
    config: ExportConfig,
) -> ExportResult:
    """Write one export to `out` and record it in the audit trail.

    Everything written comes from one read snapshot, and names the audit chain head of that
    snapshot: the head before the export's own audit row, which is written after the output and
    records the same head plus the sha256 of the output."""
    spec = _format(fmt)
    if spec.needs_publisher:
        config.require_publisher()
    sink = HashingWriter(out)
    created_at = utc_now()
    with export_reads.snapshot(db):
        if filters.article_id is not None:
            export_reads.require_article(db, filters.article_id)
        if filters.verdict is not None:
            filters = _known_verdict(db, filters, config)
        if filters.assignee not in (None, "none"):
            _check_assignee(db, filters.assignee)
        head_row, head_hash = audit.head(db)
        provenance = {
            "format": spec.name,
            "created_at": created_at,
            "exported_by": actor.username,
            "filters": filters.as_dict(),
            "audit_head": {"row": head_row, "hash": head_hash},
            "generator": _generator(),
        }
        outcome = spec.write(sink, ExportContext(db, filters, config, provenance))
    sink.flush()
    details = {
        **provenance,
        **outcome,
        "bytes": sink.bytes_written,
        "sha256": sink.hexdigest(),
    }
    audit_row = export_reads.record_export(db, actor=actor, details=details)
    return ExportResult(
        format=spec.name,
        claims=outcome["claims"],
        bytes=sink.bytes_written,
        sha256=sink.hexdigest(),
        created_at=created_at,
        audit_head=(head_row, head_hash),
        audit_row=audit_row,
    )
