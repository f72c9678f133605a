"""Export downloads from the workbench: the same formats as `factcheck export`, with filters."""

import logging

from flask import Blueprint, Response, current_app, request

from factcheck import db as database
from factcheck.exports.export import FORMATS, download_name, write_export
from factcheck.exports.options import ExportConfig, ExportFilters, ExportRefused
from factcheck.store import audit
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.export_stream import Cancelled, stream_export
from factcheck.views.scale_css import current_scale

bp = Blueprint("downloads", __name__)
log = logging.getLogger(__name__)

# The form fields that narrow an export: the queue's filters, by the same names.
EXPORT_FILTER_FIELDS = (
    "article",
    "status",
    "since",
    "verdict",
    "assignee",
    "section",
    "search",
    "previous",
    "evidence",
)

FORMAT_LABELS = {
    "html": "Report (HTML, printable)",
    "markdown": "Report (Markdown)",
    # Said in the menu: a spreadsheet is handed on, and it carries drafts and verdicts in review
    # (the full record says so by its name).
    "csv": "Spreadsheet (CSV, with drafts)",
    "json": "Full record (JSON)",
    "jsonl": "Full record (JSON lines)",
    "claimreview": "ClaimReview (JSON-LD)",
    "bundle": "Verifiable bundle (zip)",
}


# Formats that name the publishing organisation and link to its published fact-checks.
PUBLISHER_FORMATS = ("claimreview", "bundle")
NOT_SET_UP = (
    "ClaimReview and the bundle need the organisation's name and the public address where its"
    " fact-checks are published; an administrator sets them."
)


def publisher_missing() -> str | None:
    """Why the formats that name the publisher cannot be made here, in words, or None."""
    try:
        config = ExportConfig.from_env(scale=current_scale())
    except ExportRefused:
        return NOT_SET_UP
    return None if config.public_url and config.org_name else NOT_SET_UP


@bp.post("/exports")
def download():
    """Send the export as a file while it is written (export_stream), recording it in the audit
    trail as it ends. A format this install is not set up for answers 204, so the browser stays
    on the page whose export menu says why."""
    fmt = request.form.get("format", "html")
    if fmt in PUBLISHER_FORMATS and publisher_missing():
        return "", 204
    filters = ExportFilters.parse(**{name: request.form.get(name) for name in EXPORT_FILTER_FIELDS})
    name, mimetype = download_name(fmt, filters)
    actor = signed_in_actor()
    config = ExportConfig.from_env(scale=current_scale())
    # Refused now, with the page that says why, rather than when the file is all but sent.
    audit.check_anchors(get_db())
    path = current_app.config["DATABASE"]

    def write(sink) -> None:
        db = database.connect(path)
        try:
            write_export(db, fmt, sink, filters=filters, actor=actor, config=config)
        except BaseException as error:
            if sink.started and not isinstance(error, Cancelled):
                log.exception("a %s export failed part way; its download is cut off", fmt)
            # The frames of a stopped export hold its open cursors: let them go while db is open.
            error.__traceback__ = None
            raise
        finally:
            db.close()

    response = Response(stream_export(write), mimetype=mimetype)
    # Werkzeug adds "; charset=utf-8" to any text/* type, even one that already names it.
    response.headers["Content-Type"] = mimetype
    response.headers.set("Content-Disposition", "attachment", filename=name)
    # A proxy in front would otherwise hold the file back until it is all written.
    response.headers["X-Accel-Buffering"] = "no"
    return response


def init_app(app) -> None:
    # The printable report comes first: it is what most people downloading want.
    ordered = [fmt for fmt in FORMAT_LABELS if fmt in FORMATS]
    ordered += [fmt for fmt in FORMATS if fmt not in FORMAT_LABELS]
    app.add_template_global(
        {fmt: FORMAT_LABELS.get(fmt, fmt) for fmt in ordered}, "export_format_labels"
    )
    app.add_template_global(publisher_missing, "export_publisher_missing")
    app.add_template_global(PUBLISHER_FORMATS, "export_publisher_formats")
