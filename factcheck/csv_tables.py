"""Reading CSV tables as spreadsheets save them: the delimiter the header row is written with, and
rows whose cells are read whole however long they are."""

import csv
import io
from collections.abc import Callable

# A CSV cell is read whole however long it is (the largest limit every platform takes): a reader
# stopped at its field limit goes on mid-cell and reads the rest of the cell as rows of its own.
# Callers refuse a cell that is too long for its column as the one row it is.
FIELD_LIMIT = 2**31 - 1


def header_delimiter(header: str, names_key_column: Callable[[str], bool]) -> str:
    """A comma, or the semicolon (Excel in many European locales) or tab that alone splits the
    header row (the first record of `header`) into cells one of which `names_key_column`."""
    for delimiter in (",", ";", "\t"):
        try:
            names = next(csv.reader(io.StringIO(header, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if any(names_key_column(name.strip().lstrip("\ufeff").strip().lower()) for name in names):
            return delimiter
    return ","


def next_whole_row(reader) -> list[str]:
    """The reader's next row with its cells read whole. The field limit is a setting of the whole
    process, so it is raised only while the row is read."""
    before = csv.field_size_limit(FIELD_LIMIT)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(before)
