"""A file of fact-checks read into the library: parsed in its format and imported in one audited
transaction, for the command line and the workbench alike."""

import hashlib

from factcheck import library_formats
from factcheck.db import Database
from factcheck.store import library as library_store
from factcheck.store.actors import Actor


class NoFactChecks(ValueError):
    """The file was read but holds no fact-check."""


def import_file(db: Database, data: bytes, *, name: str, file_format: str, actor: Actor) -> dict:
    """Import the fact-checks in `data`: the store's summary (with "changed_ids") and "records",
    how many the file held. Raises library_formats.FormatRefused when the file cannot be read as
    `file_format`, and NoFactChecks when it holds none."""
    parsed = list(library_formats.parse(data, file_format))
    if not parsed:
        raise NoFactChecks(name)
    summary = library_store.import_records(
        db,
        parsed,
        actor=actor,
        source=name,
        file_format=file_format,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return {**summary, "records": len(parsed)}
