"""The one way to write: a decorator that runs a store function in a transaction with its audit row."""

import functools
from collections.abc import Callable
from contextvars import ContextVar

from factcheck.db import transaction

#: Every public store function that writes; a test checks each one writes its audit row.
MUTATIONS: list[Callable] = []
#: Every public store function that only reads.
QUERIES: list[Callable] = []

_audit_rows_written: ContextVar[list[int] | None] = ContextVar("audit_rows_written", default=None)


class MissingAuditRow(RuntimeError):
    """A store function changed data without recording exactly one audit row."""


def note_audit_row() -> None:
    counter = _audit_rows_written.get()
    if counter is None:
        raise MissingAuditRow("audit rows may only be written inside a @mutation")
    counter[0] += 1


def mutation(func: Callable) -> Callable:
    """Run `func(db, ...)` in one BEGIN IMMEDIATE transaction that must write exactly one audit row
    when it changes anything; otherwise the whole change is rolled back."""

    @functools.wraps(func)
    def wrapper(db, *args, **kwargs):
        if _audit_rows_written.get() is not None:
            raise RuntimeError(f"{func.__name__} called inside another mutation; use a helper")
        counter = [0]
        token = _audit_rows_written.set(counter)
        try:
            with transaction(db):
                changes_before = db.conn.total_changes
                result = func(db, *args, **kwargs)
                changed = db.conn.total_changes != changes_before
                if (changed and counter[0] != 1) or (not changed and counter[0] != 0):
                    raise MissingAuditRow(
                        f"{func.__name__} wrote {counter[0]} audit rows; a change needs exactly one"
                    )
            return result
        finally:
            _audit_rows_written.reset(token)

    MUTATIONS.append(wrapper)
    return wrapper


def query(func: Callable) -> Callable:
    """Mark a store function that only reads."""
    QUERIES.append(func)
    return func
