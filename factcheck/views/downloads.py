"""Export downloads from the workbench: the same formats as `factcheck export`, with filters."""

import tempfile

from flask import Blueprint, request, send_file

from factcheck.exports.export import FORMATS, download_name, write_export
from factcheck.exports.options import ExportConfig, ExportFilters
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.connection import get_db

bp = Blueprint("downloads", __name__)

# Up to this size an export is built in memory; larger ones spill to a temporary file.
IN_MEMORY_BYTES = 8 * 1024 * 1024

# The form fields that narrow an export: the queue's filters, by the same names.
EXPORT_FILTER_FIELDS = ("article", "status", "since", "verdict", "assignee", "section", "search")

FORMAT_LABELS = {
    "html": "Report (HTML, printable)",
    "markdown": "Report (Markdown)",
    "csv": "Spreadsheet (CSV)",
    "json": "Full record (JSON)",
    "jsonl": "Full record (JSON lines)",
    "claimreview": "ClaimReview (JSON-LD)",
    "bundle": "Verifiable bundle (zip)",
}


@bp.post("/exports")
def download():
    """Build the export, record it in the audit trail, and send it as a file."""
    fmt = request.form.get("format", "html")
    filters = ExportFilters.parse(**{name: request.form.get(name) for name in EXPORT_FILTER_FIELDS})
    name, mimetype = download_name(fmt, filters)
    # The export's audit row is written once the whole file exists, so build it before sending.
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)
    write_export(
        get_db(),
        fmt,
        spool,
        filters=filters,
        actor=signed_in_actor(),
        config=ExportConfig.from_env(),
    )
    spool.seek(0)
    return send_file(spool, mimetype=mimetype, as_attachment=True, download_name=name)


def init_app(app) -> None:
    # The printable report comes first: it is what most people downloading want.
    ordered = [fmt for fmt in FORMAT_LABELS if fmt in FORMATS]
    ordered += [fmt for fmt in FORMATS if fmt not in FORMAT_LABELS]
    app.add_template_global(
        {fmt: FORMAT_LABELS.get(fmt, fmt) for fmt in ordered}, "export_format_labels"
    )
