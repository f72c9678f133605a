"""Ids a deletion took out of claims, verdicts and library items, so that none is given again."""

from typing import Literal

from sqlite_utils import Database

from factcheck.store.mutation import query

Table = Literal["claims", "verdicts", "library_items"]


def retire(db: Database, table: Table, row_id: int) -> None:
    """Note a row deleted from `table`, inside the mutation that deletes it."""
    db.execute(
        "INSERT INTO retired_ids (table_name, highest) VALUES (?, ?) ON CONFLICT (table_name)"
        " DO UPDATE SET highest = max(highest, excluded.highest)",
        [table, row_id],
    )


@query
def fresh_id(db: Database, table: Table) -> int | None:
    """The id the next row of `table` must be given, or None when SQLite's own choice will do.

    SQLite gives a new row the largest id in its table plus one, so once the newest row has been
    deleted its id would go to the next one made, and with it the deleted record's rows in the
    audit trail: its history would tell the new record the old one's story."""
    row = db.execute("SELECT highest FROM retired_ids WHERE table_name = ?", [table]).fetchone()
    if row is None:
        return None
    newest = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    return row[0] + 1 if row[0] > newest else None
