"""The library's postings table: kept in step with the full-text index through imports,
re-imports, removals and the desk's own verdicts, and summing to bm25()'s own scores."""

import pytest
from click.testing import CliRunner
from helpers import RATIONALE, new_database

from factcheck import db as database
from factcheck import library_formats
from factcheck.cli import main
from factcheck.matching.query import match_expression, prepare
from factcheck.store import evidence, library_postings, verdicts
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.store.library_search import _holding, find_matches, search_candidates

CHECKS = (
    "id,claim,title,rating,url\n"
    "c-1,Drinking bleach cures the coronavirus,Does bleach cure COVID-19?,False,https://c.example/1\n"
    "c-2,Bill Gates will put microchips in coronavirus vaccines,Gates and chips,False,"
    "https://c.example/2\n"
    "c-3,A shark swam on a flooded Houston highway after the hurricane,Shark on the highway,"
    "False,https://c.example/3\n"
    "c-4,The Eiffel Tower was sold for scrap twice,Sold twice? Twice sold!,Mixture,"
    "https://c.example/4\n"
    "c-5,Vaccines vaccinated vaccinating: the coronavirus vaccine rollout missed its target,,"
    "True,https://c.example/5\n"
)
BM25_SQL = (
    "SELECT rowid AS id, -bm25(library_search, 1.0, 1.0) AS bm25,"
    " -bm25(library_search, 1.0, 0.0) AS bm25_claim, -bm25(library_search, 0.0, 1.0) AS bm25_title"
    " FROM library_search WHERE library_search MATCH ? ORDER BY bm25(library_search) LIMIT 30"
)


def _import(db, text: str):
    parsed = list(library_formats.parse(text.encode("utf-8"), "csv"))
    return library_store.import_records(
        db, parsed, actor=SYSTEM, source="checks.csv", file_format="csv"
    )


def _postings(db) -> set[tuple]:
    return set(db.execute("SELECT term, library_id, tf_claim, tf_title, dl FROM library_postings"))


def _from_index(db) -> set[tuple]:
    """The postings read back from the full-text index itself, one token at a time."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.tokens"
        " USING fts5vocab(main, library_search, instance)"
    )
    rows = db.execute(
        "SELECT term, doc, sum(col = 'claim'), sum(col = 'title'), max(dl) FROM ("
        " SELECT term, doc, col, count(*) OVER (PARTITION BY doc) AS dl FROM temp.tokens"
        ") GROUP BY term, doc"
    )
    return set(rows)


def _in_step(db) -> None:
    assert library_postings.in_step(db)
    assert _postings(db) == _from_index(db)


@pytest.fixture
def library(tmp_path):
    db = new_database(tmp_path / "library.db")
    _import(db, CHECKS)
    yield db
    db.close()


def test_an_import_writes_the_index_s_own_tokens(library):
    _in_step(library)
    rows = {(t, tc, tt, dl) for t, i, tc, tt, dl in _postings(library) if t == "twice"}
    assert rows == {("twice", 1, 2, 12)}  # once in the claim, twice in the title; 8 + 4 tokens
    assert ("vaccin", 4, 0, 10) in {(t, tc, tt, dl) for t, _, tc, tt, dl in _postings(library)}


@pytest.mark.parametrize(
    "text",
    [
        "coronavirus vaccine microchips",
        "the shark on the highway in Houston",
        "Eiffel tower twice sold",
        "bleach coronavirus vaccinations #COVID19",
    ],
)
def test_the_summed_scores_are_bm25_s(library, text):
    prepared = prepare(text)
    expected = list(library.query(BM25_SQL, [match_expression(prepared.search_words)]))
    got = library_postings.ranked(library, _holding(library, prepared), 30)
    assert [row["id"] for row in got] == [row["id"] for row in expected]
    for ours, theirs in zip(got, expected, strict=True):
        for key in ("bm25", "bm25_claim", "bm25_title"):
            assert ours[key] == pytest.approx(theirs[key], rel=1e-9, abs=1e-12)


def test_reimport_removal_and_own_verdicts_keep_the_postings_in_step(library, tmp_path):
    changed = CHECKS.replace("Drinking bleach cures", "Gargling salt water prevents")
    summary = _import(library, changed)
    assert summary["updated"] == 1
    _in_step(library)
    assert "drink" not in {term for term, *_ in _postings(library)}
    first = search_candidates(library, "gargling salt water")[0]["id"]
    assert library.execute("SELECT external_id FROM library_items WHERE id = ?", [first]).fetchone()
    library_store.remove_item(library, first, actor=SYSTEM)
    _in_step(library)
    assert not {i for _, i, *_ in _postings(library)} & {first}


def test_published_and_corrected_verdicts_are_in_step(claim_world):
    db, people, claim_id = claim_world
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    _in_step(db)
    assert _postings(db)
    db.execute(
        "UPDATE claims SET text = 'Eleven purple otters govern the harbour' WHERE id = ?",
        [claim_id],
    )
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="The office revised its count",
        actor=people["rita"],
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["eve"])
    _in_step(db)
    assert "otter" in {term for term, *_ in _postings(db)}


def test_items_written_around_the_store_fall_back_to_bm25(library):
    before = find_matches(library, "coronavirus vaccine microchips")
    now = database.utc_now()
    library["library_items"].insert(
        {
            "origin": "imported",
            "claim": "Coronavirus vaccines hold microchips, microchips!",
            "created_at": now,
            "updated_at": now,
        }
    )
    assert not library_postings.in_step(library)
    after = find_matches(library, "coronavirus vaccine microchips")
    assert len(after) == len(before) + 1  # the new item is found, by bm25() itself
    with database.transaction(library):
        assert library_postings.write_pending(library) == 1
    _in_step(library)
    assert find_matches(library, "coronavirus vaccine microchips") == after


def test_the_migration_backfills_items_stored_before_it(tmp_path):
    db = new_database(tmp_path / "old.db")
    _import(db, CHECKS)
    expected = _postings(db)
    db.execute("DELETE FROM library_postings")
    sql = (database.migrations_dir() / "016_library_postings.sql").read_text(encoding="utf-8")
    backfill = sql[sql.index("CREATE VIRTUAL TABLE temp.") :]
    db.executescript(backfill)
    assert _postings(db) == expected


def test_audit_verify_passes_after_library_work(tmp_path):
    path = tmp_path / "cli.db"
    checks = tmp_path / "checks.csv"
    checks.write_text(CHECKS, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(path), "library", "import", str(checks)]).exit_code == 0
    checks.write_text(CHECKS.replace("shark", "crocodile"), encoding="utf-8")
    assert runner.invoke(main, ["--db", str(path), "library", "import", str(checks)]).exit_code == 0
    assert runner.invoke(main, ["--db", str(path), "library", "remove", "1"]).exit_code == 0
    result = runner.invoke(main, ["--db", str(path), "audit", "verify"])
    assert result.exit_code == 0, result.output
    db = database.connect(path)
    _in_step(db)
    db.close()
