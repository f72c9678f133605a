"""The import pipeline: an imported article is split into claim units and stored in one transaction."""

from dataclasses import asdict, dataclass

from factcheck.claims import split_article
from factcheck.fingerprint import body_hash
from factcheck.store import articles
from factcheck.store.actors import SYSTEM, Actor


@dataclass(frozen=True)
class IngestResult:
    article_id: int
    claims: int
    duplicate: bool


def ingest_imported(db, imported, *, actor: Actor = SYSTEM) -> IngestResult:
    """Split an importers.ImportedArticle outside the write lock, then store it."""
    fingerprint = body_hash(imported.body)
    existing = articles.find_by_hash(db, fingerprint)
    if existing is None:
        units = split_article(imported.body, first_line_is_headline=imported.first_line_is_headline)
    else:
        units = []
    record = asdict(imported)
    record["body_hash"] = fingerprint
    article_id, count, duplicate = articles.add_article(db, record, units, actor)
    return IngestResult(article_id, count, duplicate)


def ingest_text(db, body: str, *, title: str | None = None, actor: Actor = SYSTEM) -> IngestResult:
    """Import a plain-text body that is already decoded and normalised (for scripts and benchmarks)."""
    from factcheck.importers import from_text

    imported = from_text(body.encode("utf-8"))
    if title:
        imported.title = title
    return ingest_imported(db, imported, actor=actor)
