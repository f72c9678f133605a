"""Many articles in one run: folders opened, each item read and split on its own, stored many
articles to a transaction, and a summary of what was imported, already there, or refused."""

import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

from factcheck import importers, previous_checks
from factcheck.article_records import RECORD_FORMATS, Record
from factcheck.db import Database
from factcheck.importers import ImportRefused
from factcheck.ingest import PreparedArticle, prepare_unless_stored, store_prepared
from factcheck.reveal import reveal
from factcheck.shared_words import counted
from factcheck.store.actors import SYSTEM, Actor
from factcheck.store.audit_seal import SealError
from factcheck.store.bulk_load import bulk_load

BATCH_SIZE = 200
# A batch is stored before it holds more units than this, however few its articles: one
# transaction holds the write lock, and ten long articles at once kept other people's saves
# waiting past the busy timeout (a 3 MB article of 35,000 units goes on its own, in about a second).
BATCH_UNITS = 5_000
FOLDER_SUFFIXES = (".txt", ".html", ".htm")
# How many refusals the one-line summary names; --json lists them all.
SHOWN_REFUSALS = 10

logger = logging.getLogger(__name__)

#: Words for a refusal's code and facts, from the front end showing the summary.
Words = Callable[[str, dict], str]


@dataclass
class ItemResult:
    source: str  # a path as given, or "line 17" / "row 3" of a JSON Lines or CSV file
    status: str  # imported, duplicate or refused
    article_id: int | None = None
    units: int | None = None
    claims: int | None = None  # counted for the articles imported in this run
    #: Why a refused item was refused: a refusal code and its facts, for a front end to word.
    code: str | None = None
    facts: dict = field(default_factory=dict)
    #: Earlier articles with nearly the same text (id, title, imported_at, resemblance).
    near_copies: list[dict] = field(default_factory=list)


@dataclass
class BulkSummary:
    results: list[ItemResult] = field(default_factory=list)

    def _with(self, status: str) -> list[ItemResult]:
        return [result for result in self.results if result.status == status]

    @property
    def imported(self) -> list[ItemResult]:
        return self._with("imported")

    @property
    def duplicates(self) -> list[ItemResult]:
        return self._with("duplicate")

    @property
    def refused(self) -> list[ItemResult]:
        return self._with("refused")

    @property
    def near_copies(self) -> list[ItemResult]:
        return [result for result in self.imported if result.near_copies]

    @property
    def all_refused(self) -> bool:
        return len(self.refused) == len(self.results)

    def text(self, words: Words) -> str:
        """The command line's one-line summary; `words` says a refusal's code and facts."""
        imported, refused = self.imported, self.refused
        claims = sum(result.claims or 0 for result in imported)
        if not self.all_refused:
            parts = [
                f"Imported {counted(len(imported), 'article')} ({counted(claims, 'claim')})",
                counted(len(self.duplicates), "duplicate"),
            ]
        else:
            parts = ["Nothing imported"]
        if refused:
            named = ", ".join(
                f"{result.source} ({words(result.code or '', result.facts)})"
                for result in refused[:SHOWN_REFUSALS]
            )
            more = len(refused) - SHOWN_REFUSALS
            if more > 0:
                named += f" and {more:,} more (--json lists them all)"
            parts.append(f"{len(refused):,} refused: {named}")
        else:
            parts.append("0 refused")
        if self.near_copies:
            # A bulk import does not stop to ask: it imports near copies and says so plainly.
            named = ", ".join(
                f"{result.source} became article {result.article_id} although its text is"
                f" {result.near_copies[0]['resemblance']:.0%} the same as article"
                f" {result.near_copies[0]['id']} “{reveal(result.near_copies[0]['title'])}”"
                for result in self.near_copies[:SHOWN_REFUSALS]
            )
            more = len(self.near_copies) - SHOWN_REFUSALS
            if more > 0:
                named += f" and {more:,} more (--json lists them all)"
            copies = "near copy" if len(self.near_copies) == 1 else "near copies"
            parts.append(
                f"{len(self.near_copies):,} {copies} of earlier articles imported: {named}"
            )
        return "; ".join(parts)

    def as_json(self, words: Words) -> dict:
        """Counts and every item, each refusal with its code, facts and `reason` in `words`."""
        items = []
        for result in self.results:
            item = asdict(result)
            if result.status == "refused":
                item["reason"] = words(result.code or "", result.facts)
            items.append(item)
        return {
            "imported": len(self.imported),
            "claims": sum(result.claims for result in self.imported),
            "duplicates": len(self.duplicates),
            "refused": len(self.refused),
            "near_copies": len(self.near_copies),
            "items": items,
        }


class ImportStopped(KeyboardInterrupt):
    """Ctrl+C stopped a bulk import; `summary` holds what was stored before it (the batches
    committed), and the items refused before it."""

    def __init__(self, summary: BulkSummary) -> None:
        super().__init__()
        self.summary = summary


def _refusal(code: str, facts: dict | None = None) -> Callable[[], importers.ImportedArticle]:
    def refused() -> importers.ImportedArticle:
        raise ImportRefused(code, facts)

    return refused


def _file_loader(source: str, format: str | None, max_bytes: int, stdin: BinaryIO | None):
    def load() -> importers.ImportedArticle:
        return importers.load(source, format=format, stdin=stdin, max_bytes=max_bytes)

    return load


def folder_files(folder: Path) -> list[Path]:
    """A folder's .txt, .html and .htm files (not its subfolders', not hidden ones such as the
    "._page.html" a Mac leaves beside a copied file), sorted by name."""
    return sorted(path for path in folder.iterdir() if _imported_from_folder(path))


def left_out_of_folder(folder: Path) -> list[Path]:
    """What a folder import does not take, by name: subfolders and files of other kinds (hidden
    ones are not named, as a listing of the folder does not show them)."""
    return sorted(
        path
        for path in folder.iterdir()
        if not path.name.startswith(".") and not _imported_from_folder(path)
    )


def _imported_from_folder(path: Path) -> bool:
    return (
        not path.name.startswith(".") and path.suffix.lower() in FOLDER_SUFFIXES and path.is_file()
    )


def file_items(
    sources: Iterable[str],
    *,
    format: str | None = None,
    max_bytes: int = importers.DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> list[Record]:
    """One item for each file, link or "-" (standard input), and for each file in a folder."""
    items = []
    for source in sources:
        if importers.is_folder(source):
            try:
                files = folder_files(Path(source))
            except PermissionError:
                items.append((source, _refusal("import.unreadable_folder", {"path": source})))
                continue
            if not files:
                items.append(
                    (source, _refusal("import.empty_folder", {"suffixes": list(FOLDER_SUFFIXES)}))
                )
            for path in files:
                items.append((str(path), _file_loader(str(path), format, max_bytes, stdin)))
        elif format is None and _names_records(source):
            # Read as a text file it would be one article whose text is JSON or CSV cells.
            items.append((source, _refusal("import.records_among_files", {"path": source})))
        else:
            items.append((source, _file_loader(source, format, max_bytes, stdin)))
    return items


def _names_records(source: str) -> bool:
    """Whether a file's name says it is a file of articles (.jsonl or .csv)."""
    return "://" not in source and Path(source).suffix.lower().removeprefix(".") in RECORD_FORMATS


def _upload_loader(data: bytes, is_html: bool, max_bytes: int):
    def load() -> importers.ImportedArticle:
        if is_html:
            return importers.from_html(data, max_bytes=max_bytes)
        return importers.from_text(data, max_bytes=max_bytes)

    return load


def upload_items(
    files: Iterable[tuple[str, bytes]], *, max_bytes: int = importers.DEFAULT_MAX_BYTES
) -> list[Record]:
    """One item for each uploaded (name, bytes) file, and one for each line or row of an
    uploaded .jsonl or .csv file of articles, labelled "articles.csv row 3"."""
    from factcheck import article_records

    items: list[Record] = []
    for name, data in files:
        suffix = Path(name).suffix.lower().removeprefix(".")
        if suffix in article_records.RECORD_FORMATS:
            kind = importers.binary_kind(data[:1024])
            if kind is not None:
                items.append((name, _refusal("import.not_records", {"path": name, "kind": kind})))
                continue
            try:
                records = list(
                    article_records.records(io.BytesIO(data), suffix, max_bytes=max_bytes)
                )
            except ImportRefused as error:
                items.append((name, _refusal(error.code, error.facts)))
                continue
            if not records:
                items.append((name, _refusal("import.no_records")))
            items.extend((f"{name} {label}", load) for label, load in records)
        else:
            is_html = name.lower().endswith(importers.HTML_SUFFIXES) or (
                importers.looks_like_html(data)
            )
            items.append((name, _upload_loader(data, is_html, max_bytes)))
    return items


def _stored(label: str, prepared: PreparedArticle, db: Database, actor: Actor) -> ItemResult:
    result = store_prepared(db, prepared, actor=actor)
    if result.duplicate:
        return ItemResult(label, "duplicate", result.article_id, result.claims)
    claims = sum(1 for unit in prepared.units if unit.kind == "claim")
    return ItemResult(
        label, "imported", result.article_id, result.claims, claims, near_copies=result.near_copies
    )


def _store_batch(
    db: Database, batch: list[tuple[str, PreparedArticle]], actor: Actor
) -> list[ItemResult]:
    """Store a batch in one transaction; should that fail, one transaction per article, so only
    an article that cannot be stored is lost (and reported)."""
    try:
        with bulk_load(db):
            return [_stored(label, prepared, db, actor) for label, prepared in batch]
    except SealError:
        raise  # no article can be stored while the audit trail cannot be signed
    except Exception:
        logger.warning("a batch of %d articles failed; storing them one by one", len(batch))
    results = []
    for label, prepared in batch:
        try:
            results.append(_stored(label, prepared, db, actor))
        except SealError:
            raise
        except Exception as error:
            logger.warning("%s could not be stored", label, exc_info=True)
            facts = {"error": f"{type(error).__name__}: {error}"}
            results.append(ItemResult(label, "refused", code="import.not_stored", facts=facts))
    return results


def import_items(
    db: Database,
    items: Iterable[Record],
    *,
    actor: Actor = SYSTEM,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    match_progress: Callable[[list[int]], Callable[[int], None] | None] | None = None,
) -> BulkSummary:
    """Read and split each item, then store them `batch_size` to a transaction (fewer when
    they hold more than BATCH_UNITS units), each article with its own audit row. A refused item
    is reported; the others still land. The imported articles' claims are then matched against
    the library; `match_progress`, given their ids, may return what to tell of each claim
    matched."""
    results: dict[int, ItemResult] = {}
    batch: list[tuple[int, str, PreparedArticle]] = []
    batch_units = 0

    def flush() -> None:
        nonlocal batch_units
        stored = _store_batch(db, [(label, prepared) for _, label, prepared in batch], actor)
        results.update(zip((position for position, _, _ in batch), stored, strict=True))
        batch.clear()
        batch_units = 0

    try:
        for position, (label, load) in enumerate(items):
            try:
                prepared = prepare_unless_stored(db, load())
                batch.append((position, label, prepared))
                batch_units += len(prepared.units)
            except ImportRefused as error:
                results[position] = ItemResult(label, "refused", code=error.code, facts=error.facts)
            if progress is not None:
                progress(1)  # reading and splitting take most of the time; storing a batch is quick
            if len(batch) >= batch_size or batch_units >= BATCH_UNITS:
                flush()
        if batch:
            flush()
        summary = BulkSummary([results[position] for position in sorted(results)])
        imported = [r.article_id for r in summary.imported if r.article_id is not None]
        told = match_progress(imported) if match_progress is not None else None
        previous_checks.after_import(db, imported, actor=actor, progress=told)
    except KeyboardInterrupt:
        # The batch in hand was never stored, or its transaction was rolled back.
        raise ImportStopped(BulkSummary([results[p] for p in sorted(results)])) from None
    return summary
