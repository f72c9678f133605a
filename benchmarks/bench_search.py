"""Queue search speed: a page and its count against a floor of one bare FTS5 MATCH, same run.

The fixture holds BENCH_CLAIMS claims (100,000 by default) of generated news sentences, loaded
with sqlite3 executemany and a one-off full-text rebuild; one claim in a hundred is published
with a rating and one in twenty is "not a claim". Each case runs what the queue page runs
(store.queue.queue_results: the bounded count, then the page) and, as its floor, the bare
`SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?` that merely reads every match once.
Times are the best of BENCH_ROUNDS.
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
    QueueFilters,
    queue_page,
    queue_results,
    search_expression,
)

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
        started = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def bare_match(db, expression: str) -> int:
    """The floor: read every full-text match once, and nothing else."""
    return db.execute(FLOOR_SQL, [expression]).fetchone()[0]


def search_case(db, label: str, filters: QueueFilters) -> None:
    expression = search_expression(filters.search)
    matches = bare_match(db, expression)
    floor = best(bare_match, db, expression)
    ours = best(queue_results, db, filters)
    result = queue_results(db, filters)
    shown = f"{'>' if result.more else ''}{result.count:,}"
    print(
        f"{label:30s} {matches:8,d} {shown:>9s} {floor * 1000:7.1f}ms {ours * 1000:7.1f}ms"
        f" {ours / floor if floor else 0:5.1f}x"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build_fixture(path)
        print(f"fixture: {CLAIMS:,} claims, {time.perf_counter() - started:.1f} s")
        db = database.connect(path)
        print(
            f"{'case':30s} {'matches':>8s} {'count':>9s} {'floor':>9s} {'queue':>9s} {'ratio':>6s}"
        )
        for label, filters in CASES:
            search_case(db, label, filters)
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
