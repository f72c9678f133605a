"""The library's part of the audit replay: the trail's last word on each item, gathered in a
temporary table and compared with library_items by SQLite (a library may hold 100,000 items, and
an import's audit row lists every item it wrote)."""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from factcheck.audit_words import field_words, shown
from factcheck.db import Database
from factcheck.store.library import FIELDS, ITEM_FIELDS

_TRAIL = "temp.library_trail"
_IMPORT_FIELDS = ["id", *FIELDS]
_COLUMNS = ", ".join(ITEM_FIELDS)
_DIFFERS = " OR ".join(f"l.{name} IS NOT t.{name}" for name in ITEM_FIELDS)


@dataclass
class LibraryReplay:
    """The trail's library events in order, replayed into _TRAIL once the walk is done."""

    events: list[tuple[str, int, object]] = field(default_factory=list)
    #: How many live items the trail holds no values for (written before it recorded them).
    unchecked: int = 0

    def feed_import(self, after: dict, at: int) -> None:
        names, items = after.get("item_fields"), after.get("items")
        if isinstance(names, list) and isinstance(items, list):
            if names != _IMPORT_FIELDS:  # written before FIELDS changed, should it ever
                items = [_in_import_order(dict(zip(names, item, strict=False))) for item in items]
            self.events.append(("items", at, items))
            return
        # Imports recorded before their items' values were: the ids they added (a range, as one
        # transaction's inserts take consecutive ids) and updated, nothing more.
        first, last = after.get("first_added"), after.get("last_added")
        if isinstance(first, int) and isinstance(last, int):
            self.events.append(("range", at, (first, last)))
        self.events.append(("ids", at, json.dumps(after.get("updated_ids") or [])))

    def feed_removal(self, item_id: int, at: int) -> None:
        self.events.append(("remove", at, item_id))

    def feed_approval(self, after: dict, at: int) -> None:
        """An approval's entry for the desk's own verdict: its values since approvals recorded
        them, before that its id only."""
        entry = after.get("library_item")
        values = [entry.get(name) for name in ITEM_FIELDS] if isinstance(entry, dict) else None
        self.events.append(("own", at, (after["library_id"], values)))

    def differences(self, db: Database) -> Iterator[tuple[str, str, int | None]]:
        """(item, what is wrong, audit row) for each item that differs from the trail's last word
        on it, is not in the trail, or is in the trail but not in the table."""
        db.execute(f"DROP TABLE IF EXISTS {_TRAIL}")
        db.execute(
            f"CREATE TABLE {_TRAIL} (id INTEGER PRIMARY KEY, audit_row INTEGER,"
            f" known INTEGER, {_COLUMNS})"
        )
        try:
            # One transaction on the temporary table: each statement would otherwise commit,
            # and an import's items are inserted one by one.
            db.execute("SAVEPOINT library_replay")
            try:
                for event in self.events:
                    _replay(db, *event)
            except BaseException:
                db.execute("ROLLBACK TO library_replay")
                raise
            finally:
                db.execute("RELEASE library_replay")
            self.unchecked = db.execute(
                f"SELECT count(*) FROM library_items l JOIN {_TRAIL} t ON t.id = l.id"
                " WHERE NOT t.known"
            ).fetchone()[0]
            found = db.execute(
                f"SELECT l.id, t.audit_row, {_columns('l')}, {_columns('t')}"
                f" FROM library_items l LEFT JOIN {_TRAIL} t ON t.id = l.id"
                f" WHERE t.id IS NULL OR (t.known AND ({_DIFFERS}))"
                f" UNION ALL SELECT t.id, -1, {_columns('NULL')}, {_columns('NULL')} FROM {_TRAIL} t"
                " WHERE NOT EXISTS (SELECT 1 FROM library_items l WHERE l.id = t.id)"
                " ORDER BY 1"
            ).fetchall()
        finally:
            db.execute(f"DROP TABLE IF EXISTS {_TRAIL}")
        width = len(ITEM_FIELDS)
        for row in found:
            what, at = f"library item {row[0]}", row[1]
            if at is None:
                yield what, "it is in the table but the audit trail never recorded it", None
            elif at == -1:
                yield what, "it was deleted outside the audit trail", None
            else:
                live, recorded = row[2 : 2 + width], row[2 + width :]
                name, now, was = next(
                    change
                    for change in zip(ITEM_FIELDS, live, recorded, strict=True)
                    if change[1] != change[2]
                )
                yield (
                    what,
                    f"its {field_words(name)} is {shown(now)} but the audit trail says {shown(was)}",
                    at,
                )

    def unchecked_words(self) -> list[str]:
        if not self.unchecked:
            return []
        items = "item" if self.unchecked == 1 else "items"
        return [
            f"{self.unchecked} library {items} written before the audit trail recorded their"
            " values, so only that they are still there is checked"
        ]


def _in_import_order(values: dict) -> list:
    return [values.get(name) for name in _IMPORT_FIELDS]


def _columns(table: str) -> str:
    if table == "NULL":
        return ", ".join("NULL" for _ in ITEM_FIELDS)
    return ", ".join(f"{table}.{name}" for name in ITEM_FIELDS)


def _replay(db: Database, kind: str, at: int, payload) -> None:
    """Apply one library event of the trail to _TRAIL: one statement per audit row."""
    insert = f"INSERT OR REPLACE INTO {_TRAIL} (id, audit_row, known, {_COLUMNS})"
    if kind == "items":
        # Each item is [id, *FIELDS]; an imported item has no claim or verdict.
        marks = ", ".join("?" for _ in FIELDS)
        db.conn.executemany(
            f"{insert} VALUES (?, {int(at)}, 1, 'imported', {marks}, NULL, NULL)",
            (item for item in payload if len(item) == len(_IMPORT_FIELDS)),
        )
    elif kind == "range":
        db.execute(
            "WITH RECURSIVE added (id) AS (SELECT :first UNION ALL"
            " SELECT id + 1 FROM added WHERE id < :last)"
            f" INSERT OR REPLACE INTO {_TRAIL} (id, audit_row, known) SELECT id, :at, 0 FROM added",
            {"first": payload[0], "last": payload[1], "at": at},
        )
    elif kind == "ids":
        db.execute(
            f"INSERT OR REPLACE INTO {_TRAIL} (id, audit_row, known)"
            " SELECT value, :at, 0 FROM json_each(:ids) WHERE typeof(value) = 'integer'",
            {"ids": payload, "at": at},
        )
    elif kind == "remove":
        db.execute(f"DELETE FROM {_TRAIL} WHERE id = ?", [payload])
    elif kind == "own":
        item_id, values = payload
        if values is None:
            db.execute(
                f"INSERT OR REPLACE INTO {_TRAIL} (id, audit_row, known) VALUES (?, ?, 0)",
                [item_id, at],
            )
        else:
            marks = ", ".join("?" for _ in ITEM_FIELDS)
            db.execute(f"{insert} VALUES (?, ?, 1, {marks})", [item_id, at, *values])
