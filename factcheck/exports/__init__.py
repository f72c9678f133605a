"""Exports of claims and verdicts: CSV, JSON, JSON Lines, ClaimReview, Markdown, HTML, bundles."""

from factcheck.exports.export import FORMATS, ExportResult, download_name, write_export
from factcheck.exports.options import STATUSES, ExportConfig, ExportFilters, ExportRefused

__all__ = [
    "FORMATS",
    "STATUSES",
    "ExportConfig",
    "ExportFilters",
    "ExportRefused",
    "ExportResult",
    "download_name",
    "write_export",
]
