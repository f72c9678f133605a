"""Queue search speed: a page and its count against a floor of one bare FTS5 MATCH, same run.

The fixture holds BENCH_CLAIMS claims (100,000 by default) of generated news sentences, loaded
with sqlite3 executemany and a one-off full-text rebuild; one claim in a hundred is published
with a rating and one in twenty is "not a claim". Each case runs what the queue page runs
(store.queue_reads.queue_results) and, as its floor, the bare
`SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?` that merely reads every match once.
Beside them, "two reads" is how a search was read before the one-statement search
(store/queue_search.py): the bounded count, then the page, each reading the matches.
Times are CPU time of this thread (SQLite runs in it), best of BENCH_ROUNDS: the machine is shared,
and CPU time does not count the time other processes hold the cores.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import insert_articles, sentence_pool  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.store.queue_reads import (  # noqa: E402
    COUNT_BOUND,
    QueueFilters,
    queue_count_upto,
    queue_page,
    queue_results,
    walk_for,
)
from factcheck.store.search_words import search_expression  # noqa: E402

CLAIMS = int(os.environ.get("BENCH_CLAIMS", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CASES = [
    ("common word", QueueFilters(search="the")),
    ("common word typed so far", QueueFilters(search="t")),
    ("common word + verdict filter", QueueFilters(search="the", verdict="false")),
    ("common word + status filter", QueueFilters(search="said", status="published")),
    ("medium word", QueueFilters(search="tense")),
    ("rare word", QueueFilters(search="1764")),
    ("two words", QueueFilters(search="the said")),
]
FLOOR_SQL = "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?"


def build_fixture(path: Path) -> None:
    db = database.connect(path)
    database.migrate(db)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("DROP TRIGGER claims_fts_insert")
    rng = random.Random(7)
    pool = sentence_pool()
    conn.execute("BEGIN")

    def sometimes_not_a_claim(row):
        kind = "not_a_claim" if rng.random() < 0.05 else "claim"
        return (*row[:6], kind, *row[7:])

    insert_articles(conn, rng, pool, CLAIMS, sometimes_not_a_claim)
    conn.execute(
        "UPDATE claims SET status = 'published',"
        " verdict = CASE id % 3 WHEN 0 THEN 'false' WHEN 1 THEN 'accurate' ELSE 'mixed' END"
        " WHERE id % 100 = 0"
    )
    conn.execute("COMMIT")
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')")
    conn.execute("PRAGMA synchronous = FULL")
    db.close()


def best(run, *args) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.thread_time()
        run(*args)
        times.append(time.thread_time() - started)
    return min(times)


def bare_match(db, expression: str) -> int:
    """The floor: read every full-text match once, and nothing else."""
    return db.execute(FLOOR_SQL, [expression]).fetchone()[0]


def two_reads(db, filters: QueueFilters) -> None:
    """A search as it was read before: the bounded count, then the page (each reads the matches)."""
    counted = queue_count_upto(db, filters, COUNT_BOUND)
    queue_page(db, filters, walk=walk_for(db, counted, COUNT_BOUND))


def search_case(db, label: str, filters: QueueFilters) -> float:
    expression = search_expression(filters.search)
    matches = bare_match(db, expression)
    floor = best(bare_match, db, expression)
    ours = best(queue_results, db, filters)
    before = best(two_reads, db, filters)
    result = queue_results(db, filters)
    shown = f"{'>' if result.more else ''}{result.count:,}"
    ratio = ours / floor if floor else 0
    print(
        f"{label:30s} {matches:8,d} {shown:>9s} {floor * 1000:7.1f}ms {ours * 1000:7.1f}ms"
        f" {ratio:5.1f}x {before * 1000:8.1f}ms {before / floor if floor else 0:5.1f}x"
    )
    return ratio


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build_fixture(path)
        print(f"fixture: {CLAIMS:,} claims, {time.perf_counter() - started:.1f} s")
        db = database.connect(path)
        print(
            f"{'case':30s} {'matches':>8s} {'count':>9s} {'floor':>9s} {'queue':>9s} {'ratio':>6s}"
            f" {'two reads':>10s} {'ratio':>6s}"
        )
        common = [search_case(db, label, filters) for label, filters in CASES]
        print(f"common word: {common[0]:.1f}x the floor (one full-text read is 1x)")
        everyone = QueueFilters()
        _, deep_key = queue_page(db, everyone, limit=CLAIMS // 2)
        first = best(queue_page, db, everyone)
        deep = best(lambda: queue_page(db, everyone, after=deep_key))
        not_claims = best(queue_page, db, QueueFilters(kind="not_a_claim"))
        print(
            f"no search: first page {first * 1000:.2f} ms, a page half way down"
            f" {deep * 1000:.2f} ms, the Not claims view {not_claims * 1000:.2f} ms"
        )
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
