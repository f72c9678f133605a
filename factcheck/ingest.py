"""The import pipeline: an imported article is split into claim units and stored in one transaction."""

from dataclasses import asdict, dataclass

from factcheck.db import Database
from factcheck.store import articles
from factcheck.store.actors import SYSTEM, Actor
from factcheck.text.fingerprint import body_hash
from factcheck.text.language import detect
from factcheck.text.splitting import DEFAULT_LANGUAGE, Unit, split_article


@dataclass(frozen=True)
class IngestResult:
    article_id: int
    claims: int
    duplicate: bool


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to store: its row (with the body's fingerprint) and its units."""

    record: dict
    units: list[Unit]


def _record(imported) -> dict:
    if imported.language is None:
        imported.language = detect(imported.body)
    record = asdict(imported)
    record["body_hash"] = body_hash(imported.body)
    return record


def _units(imported) -> list[Unit]:
    return split_article(
        imported.body,
        first_line_is_headline=imported.first_line_is_headline,
        language=imported.language or DEFAULT_LANGUAGE,
    )


def prepare(imported) -> PreparedArticle:
    """Fingerprint and split an importers.ImportedArticle; pure, so it can run in another process."""
    return PreparedArticle(_record(imported), _units(imported))


def store_prepared(
    db: Database, prepared: PreparedArticle, *, actor: Actor = SYSTEM
) -> IngestResult:
    """Store a prepared article; one with the same body is reported, not copied."""
    article_id, count, duplicate = articles.add_article(db, prepared.record, prepared.units, actor)
    return IngestResult(article_id, count, duplicate)


def prepare_unless_stored(db: Database, imported) -> PreparedArticle:
    """Prepare an article, skipping the split when one with the same body is already stored
    (storing it then reports that one)."""
    record = _record(imported)
    existing = articles.find_by_hash(db, record["body_hash"])
    return PreparedArticle(record, _units(imported) if existing is None else [])


def ingest_imported(
    db: Database, imported, *, actor: Actor = SYSTEM, db_path: str | None = None
) -> IngestResult:
    """Split an importers.ImportedArticle outside the write lock, store it, then match its claims
    against the library (in a background job when `db_path` is given and they are many)."""
    from factcheck import previous_checks

    result = store_prepared(db, prepare_unless_stored(db, imported), actor=actor)
    if not result.duplicate:
        previous_checks.after_import(db, [result.article_id], actor=actor, db_path=db_path)
    return result


def ingest_text(
    db: Database, body: str, *, title: str | None = None, actor: Actor = SYSTEM
) -> IngestResult:
    """Import a plain-text body that is already decoded and normalised (for scripts and benchmarks)."""
    from factcheck.importers import from_text

    imported = from_text(body.encode("utf-8"))
    if title:
        imported.title = title
    return ingest_imported(db, imported, actor=actor)
