"""The printable HTML report: one self-contained file, no scripts, every stored text escaped."""

import io

from factcheck.exports import svg_chart
from factcheck.exports.context import ExportContext
from factcheck.exports.records import web_url
from factcheck.exports.report_model import (
    STANCE_WORDS,
    build_report,
    filters_words,
    selection_words,
)
from factcheck.exports.templating import environment

WRITE_CHARS = 64 * 1024


def write(out: io.BufferedIOBase, context: ExportContext) -> dict:
    report = build_report(context)
    template = environment().get_template("report.html")
    chunks = template.generate(
        report=report,
        chart=svg_chart.render(report.bars, title="Verdicts in this report"),
        filters=filters_words(report.provenance["filters"]),
        selection=selection_words(report.provenance["filters"]),
        stance_words=STANCE_WORDS,
        web_url=web_url,
    )
    # The template yields a piece per tag and text: write them a few tens of kB at a time, so a
    # long article costs neither a write per piece nor the whole page in memory.
    pending, size = [], 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= WRITE_CHARS:
            out.write("".join(pending).encode("utf-8"))
            pending, size = [], 0
    out.write("".join(pending).encode("utf-8"))
    return {"claims": report.claim_count}
