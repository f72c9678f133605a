"""Storing an imported article: every unit lands with its fields and in the search index, however
many units one INSERT writes and whether the article comes alone or in a bulk load; a copy of a
stored body is reported without writing anything."""

import json

import pytest
from helpers import SAMPLE_ARTICLE

from factcheck.bulk_import import import_items
from factcheck.importers import from_text
from factcheck.ingest import ingest_text, prepare
from factcheck.store import articles, audit
from factcheck.store.actors import SYSTEM

UNIT_COLUMNS = (
    'seq, start, "end", text, section, kind, reason, attribution, checkworthiness, reasons'
)


def stored_units(db, article_id: int) -> list[tuple]:
    return db.execute(
        f"SELECT {UNIT_COLUMNS} FROM claims WHERE article_id = ? ORDER BY seq", [article_id]
    ).fetchall()


def split_units(body: str) -> list[tuple]:
    units = prepare(from_text(body.encode("utf-8"))).units
    return [(*unit[:-1], json.dumps(list(unit.reasons))) for unit in units]


def searchable(db, article_id: int) -> bool:
    """Whether each unit of the article is found by a search for its longest word."""
    for claim_id, text in db.execute(
        "SELECT id, text FROM claims WHERE article_id = ?", [article_id]
    ).fetchall():
        word = max(("".join(c for c in w if c.isalnum()) for w in text.split()), key=len)
        found = db.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", [f'"{word}"']
        ).fetchall()
        if (claim_id,) not in found:
            return False
    return True


@pytest.mark.parametrize("per_statement", [1, 4, 1000])
def test_every_unit_is_stored_and_searchable_however_many_one_insert_writes(
    app_db, monkeypatch, per_statement
):
    monkeypatch.setattr(articles, "UNITS_A_STATEMENT", per_statement)
    article_id = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    expected = split_units(SAMPLE_ARTICLE)
    assert len(expected) > 4
    assert stored_units(app_db, article_id) == expected
    assert searchable(app_db, article_id)
    assert audit.verify(app_db).ok


def test_a_bulk_load_stores_the_same_units(app_db):
    summary = import_items(app_db, [("flood.txt", lambda: from_text(SAMPLE_ARTICLE.encode()))])
    [result] = summary.imported
    assert result.article_id is not None
    assert stored_units(app_db, result.article_id) == split_units(SAMPLE_ARTICLE)
    assert searchable(app_db, result.article_id)
    assert audit.verify(app_db).ok


def test_a_copy_stored_meanwhile_is_reported_and_nothing_is_written(app_db):
    # As when another import stores the same body between our look-up and our write.
    prepared = prepare(from_text(SAMPLE_ARTICLE.encode()))
    first_id, count, duplicate = articles.add_article(
        app_db, prepared.record, prepared.units, SYSTEM
    )
    assert not duplicate and count == len(prepared.units)
    rows = [app_db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("audit", "claims")]
    again = articles.add_article(app_db, prepared.record, prepared.units, SYSTEM)
    assert again == (first_id, count, True)
    assert [
        app_db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("audit", "claims")
    ] == rows
    assert articles.article_count(app_db) == 1
