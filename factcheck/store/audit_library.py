"""The library's part of the audit replay: each item as the trail last recorded it, compared with
library_items in one pass, as tuples (a library may hold 100,000 items)."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from factcheck.db import Database
from factcheck.store.library import FIELDS, ITEM_FIELDS

_IMPORT_FIELDS = ["id", *FIELDS]
_COLUMNS = ", ".join(ITEM_FIELDS)


def _as_imported(values: list) -> tuple:
    """An imported item's FIELDS as ITEM_FIELDS: an imported item has no claim or verdict."""
    return ("imported", *values, None, None)


@dataclass
class LibraryReplay:
    #: id -> (ITEM_FIELDS values, or None where the trail holds only the id; the audit row).
    items: dict[int, tuple[tuple | None, int]] = field(default_factory=dict)
    #: How many live items the trail holds no values for (written before it recorded them).
    unchecked: int = 0

    def feed_import(self, after: dict, at: int) -> None:
        names, written = after.get("item_fields"), after.get("items")
        if isinstance(written, list) and isinstance(names, list):
            for item in written:
                if names != _IMPORT_FIELDS:  # rows written before FIELDS changed, should it
                    values = dict(zip(names, item, strict=False))
                    item = [values.get(name) for name in _IMPORT_FIELDS]
                if isinstance(item[0], int):
                    self.items[item[0]] = (_as_imported(item[1:]), at)
            return
        # Imports recorded before their items' values were: the ids they added (a range, as one
        # transaction's inserts take consecutive ids) and updated, nothing more.
        first, last = after.get("first_added"), after.get("last_added")
        if isinstance(first, int) and isinstance(last, int):
            for item_id in range(first, last + 1):
                self.items[item_id] = (None, at)
        for item_id in after.get("updated_ids") or []:
            if isinstance(item_id, int):
                self.items[item_id] = (None, at)

    def feed_removal(self, item_id: int) -> None:
        self.items.pop(item_id, None)

    def feed_approval(self, after: dict, at: int) -> None:
        """An approval's entry for the desk's own verdict: its values since approvals recorded
        them, before that its id only."""
        entry = after.get("library_item")
        values = tuple(entry.get(name) for name in ITEM_FIELDS) if isinstance(entry, dict) else None
        self.items[after["library_id"]] = (values, at)

    def differences(self, db: Database) -> Iterator[tuple[str, str, int | None]]:
        """(item, what is wrong, audit row) for each item that differs from the trail's last word
        on it, is not in the trail, or is in the trail but not in the table."""
        seen = set()
        self.unchecked = 0
        for row in db.execute(f"SELECT id, {_COLUMNS} FROM library_items"):
            item_id, live = row[0], row[1:]
            seen.add(item_id)
            what = f"library item {item_id}"
            expected = self.items.get(item_id)
            if expected is None:
                yield what, "it is in the table but the audit trail never recorded it", None
            elif expected[0] is None:
                self.unchecked += 1
            elif expected[0] != live:
                name, was, now = next(
                    (name, was, now)
                    for name, was, now in zip(ITEM_FIELDS, expected[0], live, strict=True)
                    if was != now
                )
                yield what, f"its {name} is {now!r} but the audit trail says {was!r}", expected[1]
        for item_id in sorted(self.items.keys() - seen):
            yield f"library item {item_id}", "it was deleted outside the audit trail", None

    def unchecked_words(self) -> list[str]:
        if not self.unchecked:
            return []
        items = "item" if self.unchecked == 1 else "items"
        return [
            f"{self.unchecked} library {items} written before the audit trail recorded their"
            " values, so only that they are still there is checked"
        ]
