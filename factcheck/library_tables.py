"""Reading CSV and TSV files of published fact-checks (a header row naming the columns, one
fact-check a row) into library records, each bad row refused with its line."""

import csv
import io
from collections.abc import Iterator

from factcheck.csv_tables import header_delimiter, next_whole_row
from factcheck.library_formats import COLUMN_NAMES, FormatRefused, Parsed, checked


def table_rows(text: str, format: str) -> Iterator[Parsed]:
    """Every row of a CSV (comma-, semicolon- or tab-separated) or TSV file in order, good or
    refused; FormatRefused when the header cannot be used."""
    if format == "tsv":
        return _table(text, "\t")
    return _table(text, header_delimiter(text, lambda name: COLUMN_NAMES.get(name) == "claim"))


def _table(text: str, delimiter: str) -> Iterator[Parsed]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next_whole_row(reader)
    except StopIteration:
        header = None
    except csv.Error as error:
        raise FormatRefused(f"line 1: the header cannot be read ({error})") from None
    if header is None:
        raise FormatRefused("the file is empty; it needs a header row with a claim column")
    fields = _header_fields(header)
    named_twice = next((f for n, f in enumerate(fields) if f and f in fields[:n]), None)
    if named_twice:
        label = {"external_id": "id", "review_date": "date"}.get(named_twice, named_twice)
        raise FormatRefused(
            f"the header row names the {label} column twice; keep one and import the file again"
        )
    if "claim" not in fields and "external_id" not in fields:
        if text.lstrip()[:1] in ("{", "[", "<"):
            raise FormatRefused(
                "the file is JSON or HTML, not a table; import it as JSON Lines (jsonl) or"
                " ClaimReview JSON-LD (claimreview)"
            )
        named = "tab" if delimiter == "\t" else "comma"
        raise FormatRefused(
            "the header row has no claim column (nor an id column, to update fact-checks by id);"
            " the first line must name the columns (id, claim, title, rating, url, date,"
            f" publisher, language), {named}-separated"
        )
    return _rows(reader, fields)


def _header_fields(row: list[str]) -> list[str | None]:
    # A byte-order mark starts the header of each file when two are joined together.
    return [COLUMN_NAMES.get(name.strip().lstrip("\ufeff").strip().lower()) for name in row]


def _rows(reader, fields: list[str | None]) -> Iterator[Parsed]:
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next_whole_row(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The reader drops the rest of the line it failed on and goes on with the next.
            line = reader.line_num
            yield Parsed(f"line {start}", problem=_row_problem(error))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(fields) and any(cell.strip() for cell in row[len(fields) :]):
            yield Parsed(
                f"line {start}",
                problem=f"the row has {len(row)} cells but the header names {len(fields)}",
            )
            continue
        if _header_fields(row) == fields:
            yield Parsed(
                f"line {start}",
                problem="the row repeats the header row (two files joined together?); it is left out",
            )
            continue
        raw: dict[str, str] = {}
        for name, cell in zip(fields, row, strict=False):
            if name and raw.get(name) is None:
                raw[name] = cell
        yield checked(f"line {start}", raw)


def _row_problem(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return (
            "a quote opened in this row is never closed, so the rest of the file was read as one"
            " cell; close the quote and import the file again"
        )
    return (
        f"the row cannot be read ({error}); a cell holding quotes, commas or line breaks must be"
        " in double quotes, with each quote inside it doubled"
    )
