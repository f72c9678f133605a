"""The library's postings and BM25 counts: kept in step with the full-text index through imports,
re-imports, removals and the desk's own verdicts, and summing to bm25()'s own scores without
reading anything of the index at query time."""

import json
import re

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
from factcheck.store.library_search import find_matches, search_candidates

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
    # No word at all: it holds no token, yet the full-text index counts it as an item.
    'c-6,"?! …",,False,https://c.example/6\n'
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
    return set(db.execute("SELECT term, library_id, tf, dl, tf_title FROM library_postings"))


def _index_tokens(db):
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.tokens"
        " USING fts5vocab(main, library_search, instance)"
    )
    return db.execute("SELECT term, doc, col FROM temp.tokens").fetchall()


def _from_index(db) -> set[tuple]:
    """The postings read back from the full-text index itself, one token at a time."""
    counts: dict[tuple[str, int], list[int]] = {}
    lengths: dict[int, int] = {}
    for term, doc, col in _index_tokens(db):
        tf = counts.setdefault((term, doc), [0, 0])
        tf[0] += 1
        tf[1] += col == "title"
        lengths[doc] = lengths.get(doc, 0) + 1
    return {(term, doc, tf, lengths[doc], title) for (term, doc), (tf, title) in counts.items()}


def _in_step(db) -> None:
    """Postings, per-item lengths and terms, term counts and totals all agree with the index."""
    assert library_postings.in_step(db)
    assert _postings(db) == _from_index(db)
    items = [row[0] for row in db.execute("SELECT id FROM library_items ORDER BY id")]
    lengths = {doc: 0 for doc in items}
    terms: dict[int, set[str]] = {doc: set() for doc in items}
    for term, doc, _col in _index_tokens(db):
        lengths[doc] += 1
        terms[doc].add(term)
    stored = db.execute("SELECT library_id, dl, terms FROM library_item_terms").fetchall()
    assert {doc: (dl, sorted(json.loads(listed))) for doc, dl, listed in stored} == {
        doc: (lengths[doc], sorted(terms[doc])) for doc in items
    }
    held = dict(db.execute("SELECT term, doc FROM library_search_terms"))
    assert dict(db.execute("SELECT term, items FROM library_terms")) == held
    totals = db.execute("SELECT items, tokens FROM library_totals").fetchone()
    assert totals == (len(items), sum(lengths.values()))


@pytest.fixture
def library(tmp_path):
    db = new_database(tmp_path / "library.db")
    _import(db, CHECKS)
    yield db
    db.close()


def test_an_import_writes_the_index_s_own_tokens(library):
    _in_step(library)
    rows = {(t, tf, dl, tt) for t, i, tf, dl, tt in _postings(library) if t == "twice"}
    assert rows == {("twice", 3, 12, 2)}  # once in the claim, twice in the title; 8 + 4 tokens
    assert ("vaccin", 4, 10, 0) in {(t, tf, dl, tt) for t, _, tf, dl, tt in _postings(library)}
    row = library.execute("SELECT dl, terms FROM library_item_terms WHERE library_id = 6")
    assert row.fetchone() == (0, "[]")
    assert library.execute("SELECT items FROM library_totals").fetchone()[0] == 6


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
    holding = library_postings.holding(library, sorted(prepared.text.stem_set))
    got = library_postings.ranked(library, holding, 30)
    assert [row["id"] for row in got] == [row["id"] for row in expected]
    for ours, theirs in zip(got, expected, strict=True):
        for key in ("bm25", "bm25_claim", "bm25_title"):
            assert ours[key] == pytest.approx(theirs[key], rel=1e-9, abs=1e-12)


def test_matching_reads_nothing_of_the_full_text_index_once_in_step(library):
    before = find_matches(library, "coronavirus vaccine microchips")
    assert before
    # Without the index (its tables, its shadow tables, its vocabulary) the matcher still ranks
    # alike: it reads only the project's own tables.
    library.execute("DROP TABLE library_search_terms")
    library.execute("DROP TABLE library_search")
    assert find_matches(library, "coronavirus vaccine microchips") == before


def test_reimport_removal_and_own_verdicts_keep_the_postings_in_step(library, tmp_path):
    changed = CHECKS.replace("Drinking bleach cures", "Gargling salt water prevents")
    summary = _import(library, changed)
    assert summary["updated"] == 1
    _in_step(library)
    assert "drink" not in {term for term, *_ in _postings(library)}
    assert "drink" not in dict(library.execute("SELECT term, items FROM library_terms"))
    first = search_candidates(library, "gargling salt water")[0]["id"]
    assert library.execute("SELECT external_id FROM library_items WHERE id = ?", [first]).fetchone()
    library_store.remove_item(library, first, actor=SYSTEM)
    _in_step(library)
    assert not {i for _, i, *_ in _postings(library)} & {first}
    library_store.remove_item(library, 6, actor=SYSTEM)
    _in_step(library)


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


def test_writing_an_item_s_postings_reads_the_library_through_indexes(library):
    """The few new items drive every read of the write: a scan of the library's tables would
    cost a large library's whole size for each item published."""
    statements: list[str] = []
    with database.transaction(library):
        library.execute(
            "INSERT INTO library_items (origin, claim, created_at, updated_at)"
            " VALUES ('imported', 'Sharks swim in Houston', 'now', 'now')"
        )
        library.conn.set_trace_callback(statements.append)
        assert library_postings.write_pending(library) == 1
        library.conn.set_trace_callback(None)
        for statement in library_postings._SCRATCH:
            library.execute(statement)
        big = ("library_items", "library_postings", "library_item_terms", "library_terms")
        for sql in statements:
            if not sql.startswith(("INSERT", "SELECT")):
                continue
            plan = [row[3] for row in library.execute(f"EXPLAIN QUERY PLAN {sql}")]
            names = {alias: table for table, alias in re.findall(r"(\w+) AS (\w+)", sql)}
            scanned = [
                names.get(line.split()[1], line.split()[1]) for line in plan if "SCAN" in line
            ]
            scans = [table for table in scanned if table in big]
            assert not scans, (sql, plan)
    _in_step(library)


def test_the_migration_writes_the_postings_of_items_stored_before_it(tmp_path):
    db = database.connect(tmp_path / "old.db")
    database.migration_set().apply(db, stop_before="016_library_postings")
    now = database.utc_now()
    for claim, title in (("Sharks swim in flooded Houston", "A shark? A shark!"), ("?!", None)):
        db["library_items"].insert(
            {
                "origin": "imported",
                "claim": claim,
                "title": title,
                "created_at": now,
                "updated_at": now,
            }
        )
    assert database.migrate(db)[:2] == ["016_library_postings", "017_library_vectors"]
    _in_step(db)
    assert db.execute("SELECT items FROM library_totals").fetchone()[0] == 2


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
