"""JSON Lines and CSV files of articles -> one loader per line or row, each giving an
ImportedArticle or refusing that one record with the reason."""

import codecs
import csv
import datetime
import io
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from factcheck import json_input
from factcheck.csv_tables import header_delimiter, next_whole_row
from factcheck.importers import (
    DEFAULT_MAX_BYTES,
    ImportedArticle,
    ImportRefused,
    binary_kind,
    from_decoded_text,
    open_path,
    tidy_text,
)
from factcheck.network.urls import UrlProblem, clean_web_url

RECORD_FORMATS = ("jsonl", "csv")
RECORD_FIELDS = ("title", "body", "url", "published_date", "author", "publisher")
#: What a factcheck export's JSON Lines call a record's address ("source_url"): read as "url".
_URL_NAMES = ("url", "source_url")
#: The lines of factcheck's JSON Lines export other than its articles (json_format): its header
#: and its claims.
_EXPORT_LINES_NOT_ARTICLES = ("export", "claim")

#: A record's label ("line 17", "row 3") and what reads it.
Record = tuple[str, Callable[[], ImportedArticle]]


# What a JSON value that is not text is called where the refusal names it.
_JSON_KINDS = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _text_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        kind = _JSON_KINDS.get(type(value), type(value).__name__)
        raise ImportRefused("import.field_not_text", {"name": name, "type": kind})
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ImportRefused("import.field_not_utf8", {"name": name}) from None
    return value


def _one_line(value: str | None) -> str | None:
    return " ".join(tidy_text(value or "").split()) or None


def _date(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value).isoformat()
        return datetime.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        raise ImportRefused("import.bad_date", {"given": value[:40]}) from None


def _url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return clean_web_url(value)
    except UrlProblem as error:
        raise ImportRefused("import.bad_url", {"problem": error.problem, **error.facts}) from None


def from_record(record: dict, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedArticle:
    """An article from one record's fields. Without a title the body reads as a plain-text
    import does, its first line the headline."""
    if record.get("record") in _EXPORT_LINES_NOT_ARTICLES:
        # A factcheck export's lines of another kind: its articles are what can be imported.
        raise ImportRefused("import.export_record", {"record": record["record"]})
    body = _text_field(record, "body")
    if body is None or not body.strip():
        raise ImportRefused("import.no_body")
    title = _one_line(_text_field(record, "title"))
    author = _one_line(_text_field(record, "author"))
    publisher = _one_line(_text_field(record, "publisher"))
    named = next((name for name in _URL_NAMES if _text_field(record, name)), "url")
    url = _url(_text_field(record, named))
    published = _date(_text_field(record, "published_date"))
    imported = from_decoded_text(body, max_bytes=max_bytes)
    if title:
        imported.title = title
        imported.first_line_is_headline = False
    imported.author = author
    imported.publisher = publisher
    imported.source_url = url
    imported.published_date = published
    return imported


def _refuse(code: str, facts: dict) -> Callable[[], ImportedArticle]:
    def refused() -> ImportedArticle:
        raise ImportRefused(code, facts)

    return refused


def _json_loader(raw: bytes, max_bytes: int) -> Callable[[], ImportedArticle]:
    def load() -> ImportedArticle:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportRefused("import.record_not_utf8", {"position": error.start}) from None
        try:
            record = json_input.loads(text)
        except json_input.TooDeep:
            raise ImportRefused("import.json_too_deep", {"limit": json_input.MAX_DEPTH}) from None
        except ValueError as error:
            problem = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
            raise ImportRefused("import.bad_json", {"problem": problem}) from None
        if not isinstance(record, dict):
            raise ImportRefused("import.not_json_object")
        return from_record(record, max_bytes=max_bytes)

    return load


def jsonl_records(stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """One record for each non-blank line, labelled with its line number. UTF-8, or UTF-16 with
    a byte-order mark (as Windows PowerShell saves text)."""
    lines: Iterator[bytes] = iter(stream)
    if _starts_utf16(stream):
        text = io.TextIOWrapper(stream, encoding="utf-16", errors="surrogateescape", newline="")
        # Each line as the UTF-8 the records are read in; bytes that were no UTF-16 stay as they
        # were, and refuse only their line.
        lines = (line.encode("utf-8", "surrogateescape") for line in text)
    for number, raw in enumerate(lines, 1):
        if raw.strip():
            yield f"line {number}", _json_loader(raw, max_bytes)


def _starts_utf16(stream: BinaryIO) -> bool:
    """Whether the records begin with a UTF-16 byte-order mark (the stream is left at its
    start)."""
    if hasattr(stream, "peek"):  # a file or standard input (see open_records)
        head = stream.peek(2)[:2]
    else:  # an upload held in memory
        head = stream.read(2)
        stream.seek(0)
    return head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _row_loader(header: list[str], row: list[str], max_bytes: int):
    def load() -> ImportedArticle:
        if len(row) > len(header):
            raise ImportRefused(
                "import.too_many_cells", {"cells": len(row), "columns": len(header)}
            )
        try:
            return from_record(dict(zip(header, row, strict=False)), max_bytes=max_bytes)
        except ImportRefused as error:
            if error.code != "import.field_not_utf8":
                raise
            # Bytes that are not UTF-8 in a CSV file: a spreadsheet saved it in a code page.
            raise ImportRefused(error.code, {**error.facts, "table": True}) from None

    return load


def csv_records(stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """One record for each row under the header row (row 1), labelled with its row number.
    UTF-8, or UTF-16 with a byte-order mark; bytes that are not UTF-8 refuse only the row they
    are in. Cells are separated by commas, or by the semicolons or tabs of the header row when
    only they give it a body column (as spreadsheets save CSV in many locales)."""
    encoding = "utf-16" if _starts_utf16(stream) else "utf-8-sig"
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    first = text.readline()
    if not first:
        raise ImportRefused("import.no_records", {})  # an empty file, not one without a header
    delimiter = header_delimiter(first, lambda name: name == "body")
    # strict: a quotation mark left open is an error at the end of the file, not a cell that
    # silently takes in every row after it.
    lines = _LinesRead(itertools.chain([first], text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next_whole_row(reader)]
    except (StopIteration, csv.Error):
        header = []
    if "body" not in header:
        raise ImportRefused("import.no_body_column", {"fields": list(RECORD_FIELDS)})
    number = 1
    while True:
        number += 1
        first_line = reader.line_num + 1
        lines.taken.clear()
        try:
            row = next_whole_row(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # A row of one line is read as a lenient reader reads it (a space after a closing
            # quotation mark, text after it): nothing runs past its line.
            lenient = _one_line_leniently(lines.taken, delimiter)
            if lenient is None:
                problem = _csv_problem(error, first_line, reader.line_num)
                yield f"row {number}", _refuse("import.bad_csv_row", {"problem": problem})
                continue
            row = lenient
        if any(cell.strip() for cell in row):
            yield f"row {number}", _row_loader(header, row, max_bytes)


class _LinesRead:
    """The lines given to the CSV reader, keeping those of the row being read."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self.taken: list[str] = []

    def __iter__(self) -> "_LinesRead":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line


def _one_line_leniently(taken: list[str], delimiter: str) -> list[str] | None:
    """The row read without strictness when what the strict reading refused is harmless: a row
    of one line, or a quoted cell over several lines whose closing quotation mark has only
    spaces after it on its line (a stray quotation mark that took in the rows after it closes
    before text, or never). None otherwise."""
    if len(taken) != 1 and not _closes_before_spaces(taken[-1]):
        return None
    try:
        return next_whole_row(csv.reader(taken, delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None


# A closing quotation mark with nothing but spaces after it, to the line's end or a separator.
_SPACE_AFTER_CLOSING = re.compile(r'"[ \t]+(?:[,;\t]|\r?\n?$)')


def _closes_before_spaces(line: str) -> bool:
    """Whether the last line of a cell read over lines closes it at its first lone quotation
    mark (a pair is one written inside the cell), with only spaces after it: a stray quotation
    mark that took in the rows after it is closed, if at all, by a later row's opening one,
    which text follows."""
    at = 0
    while (at := line.find('"', at)) != -1:
        if line.startswith('""', at):
            at += 2
            continue
        return _SPACE_AFTER_CLOSING.match(line, at) is not None
    return False


def _csv_problem(error: csv.Error, first_line: int, last_line: int) -> str:
    """What the csv module's error means for the row that starts at `first_line` and was read to
    `last_line`, in words a spreadsheet user can act on."""
    message = str(error)
    lines = f"lines {first_line:,} to {last_line:,}" if last_line > first_line else ""
    if message.startswith("unexpected end of data"):
        return (
            f"a quotation mark opened in it is never closed, so {lines or 'its line'}, to the end"
            " of the file, were read as this one row and none of the rows after it was imported;"
            " close the quotation mark and import the file again"
        )
    if "expected after '\"'" in message:
        taken = f", and {lines} were read as this one row" if lines else ""
        return (
            f"a quotation mark ends its cell before the next separator{taken}; a quotation mark"
            ' inside a cell is written twice ("")'
        )
    return f"{message}, {lines}" if lines else message


def count_records(path: str, format: str) -> int:
    """How many records a file holds (for a progress bar); read apart from the import itself."""
    with open(path, "rb") as stream:
        return sum(1 for _ in records(stream, format))


def records(stream: BinaryIO, format: str, *, max_bytes: int = DEFAULT_MAX_BYTES):
    if format == "jsonl":
        return jsonl_records(stream, max_bytes=max_bytes)
    return csv_records(stream, max_bytes=max_bytes)


def open_records(source: str, stdin: BinaryIO | None = None) -> BinaryIO:
    """The file (or "-" for standard input) to read records from; a binary file is refused."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        stream = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
        head = stream.peek(1024)[:1024]
    else:
        stream = open_path(source)
        head = stream.read(1024)
        stream.seek(0)
    kind = binary_kind(head)
    if kind is not None:
        stream.close()
        raise ImportRefused("import.not_records", {"path": source, "kind": kind})
    return stream
