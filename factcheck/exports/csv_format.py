"""CSV export: one row per claim, RFC 4180 quoting and CRLF, formula-like cells neutralised.

The file is UTF-8 and starts with a byte-order mark: without one, Excel reads a CSV file in the
computer's legacy code page and mangles every accented letter and curly quote."""

import codecs
import csv
import io

from factcheck.exports.context import ExportContext
from factcheck.store import export_reads

# A spreadsheet runs a cell that starts with one of these as a formula (or as the start of one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell a spreadsheet shows as text: a leading quote disarms a formula-like string."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def write(out: io.BufferedIOBase, context: ExportContext) -> dict:
    # typeshed wants the wrapped stream to have a `name`, which only reading it back would use.
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)  # type: ignore[type-var]
    out.write(codecs.BOM_UTF8)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(export_reads.CSV_COLUMNS)
    count = 0
    rows = export_reads.csv_rows(
        context.db, scale=context.config.scale, **context.store_arguments()
    )
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
        count += 1
    text.flush()
    text.detach()
    return {"claims": count}
