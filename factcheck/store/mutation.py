"""The one way to write: a decorator that runs a store function in a transaction with its audit row."""

import functools
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from factcheck.db import Database, transaction
from factcheck.store import audit_seal

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

#: Every public store function that writes; a test checks each one writes its audit row.
MUTATIONS: list[Callable] = []
#: Every public store function that only reads.
QUERIES: list[Callable] = []
#: Store functions that write a person's own reading state (the inbox), which changes no record
#: and so writes no audit row.
READING_STATE: list[Callable] = []
#: Store functions that write an index computed from records alone (the library's embeddings),
#: which anyone could compute again and so writes no audit row.
DERIVED_INDEX: list[Callable] = []


@dataclass
class _AuditRows:
    count: int = 0  # the change's own rows
    last: tuple[int, str, str] | None = None  # id, hash, time of the newest row written


_audit_rows_written: ContextVar[_AuditRows | None] = ContextVar("audit_rows_written", default=None)


class MissingAuditRow(RuntimeError):
    """A store function changed data without recording exactly one audit row."""


def note_audit_row(row_id: int, row_hash: str, at: str, *, follows: bool = False) -> None:
    """Count a row written; one that `follows` records what the change's own row made happen to
    another record (a session that disabling its person ended, a link check of another copy made
    by the same fetch), so it comes after that row."""
    rows = _audit_rows_written.get()
    if rows is None:
        raise MissingAuditRow("audit rows may only be written inside a @mutation")
    if follows and rows.count != 1:
        raise MissingAuditRow("a row that follows a change comes after the change's own row")
    if not follows:
        rows.count += 1
    rows.last = (row_id, row_hash, at)


def mutation(func: Callable[Concatenate[Database, P], R]) -> Callable[Concatenate[Database, P], R]:
    """Run `func(db, ...)` in one BEGIN IMMEDIATE transaction that must write exactly one audit row
    when it changes anything (and after it, any rows that follow from it, one for each session
    it ended or each further copy a fetched page was compared with); otherwise the whole change is rolled back. Once committed, the new
    head of the audit chain is checkpointed outside the database."""

    @functools.wraps(func)
    def wrapper(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
        if _audit_rows_written.get() is not None:
            raise RuntimeError(f"{func.__name__} called inside another mutation; use a helper")
        rows = _AuditRows()
        token = _audit_rows_written.set(rows)
        try:
            with transaction(db):
                changes_before = db.conn.total_changes
                result = func(db, *args, **kwargs)
                changed = db.conn.total_changes != changes_before
                if (changed and rows.count != 1) or (not changed and rows.count != 0):
                    raise MissingAuditRow(
                        f"{func.__name__} wrote {rows.count} audit rows; a change needs exactly one"
                    )
        finally:
            _audit_rows_written.reset(token)
        # Inside a caller's own transaction the row is not committed yet: the next change
        # checkpoints it.
        if rows.last is not None and not db.conn.in_transaction:
            audit_seal.write_checkpoint(db, *rows.last)
        return result

    MUTATIONS.append(wrapper)
    return wrapper


def query(func: F) -> F:
    """Mark a store function that only reads."""
    QUERIES.append(func)
    return func


def _unaudited(registry: list[Callable]):
    """A decorator that runs `func(db, ...)` in one BEGIN IMMEDIATE transaction writing no audit
    row, and lists it in `registry`."""

    def decorate(
        func: Callable[Concatenate[Database, P], R],
    ) -> Callable[Concatenate[Database, P], R]:
        @functools.wraps(func)
        def wrapper(db: Database, *args: P.args, **kwargs: P.kwargs) -> R:
            if _audit_rows_written.get() is not None:
                raise RuntimeError(f"{func.__name__} called inside a mutation")
            with transaction(db):
                return func(db, *args, **kwargs)

        registry.append(wrapper)
        return wrapper

    return decorate


#: For what a person has read, which is theirs alone and no part of the record.
reading_state = _unaudited(READING_STATE)
#: For an index computed from audited records alone, which records no one's decision.
derived_index = _unaudited(DERIVED_INDEX)
