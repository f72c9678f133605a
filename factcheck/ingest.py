"""The import pipeline: an imported article is split into claim units and stored in one transaction."""

from dataclasses import asdict, dataclass, field

from factcheck.db import Database
from factcheck.store import articles
from factcheck.store.actors import SYSTEM, Actor
from factcheck.store.near_copies import near_copies
from factcheck.text.fingerprint import body_hash
from factcheck.text.language import detect
from factcheck.text.resemblance import signature
from factcheck.text.splitting import DEFAULT_LANGUAGE, Unit, split_article


@dataclass(frozen=True)
class IngestResult:
    article_id: int
    claims: int
    duplicate: bool
    #: Earlier articles whose text is nearly the same (store.near_copies), for a new article.
    near_copies: list[dict] = field(default_factory=list)


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
    record["signature"] = signature(imported.body)
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
    """Store a prepared article; one with the same body is reported, not copied, and earlier
    articles with nearly the same text are named."""
    article_id, count, duplicate = articles.add_article(db, prepared.record, prepared.units, actor)
    if duplicate:
        return IngestResult(article_id, count, duplicate)
    similar = near_copies(db, prepared.record.get("signature") or [], leave_out=article_id)
    return IngestResult(article_id, count, duplicate, similar)


def near_copies_stored(db, imported) -> list[dict]:
    """Articles already stored whose text is nearly the same as this one's (not the same: an
    identical body is found by its hash), to warn before importing it."""
    similar = near_copies(db, signature(imported.body))
    # Looked up after the near copies: the same text stored by someone else in between (two
    # people pasting one press release at once) is then found by its hash, and reported as
    # already imported rather than as a copy "100% the same".
    if similar and articles.find_by_hash(db, body_hash(imported.body)) is not None:
        return []
    return similar


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
