"""Near-copy lookup at newsroom scale: finding stored articles nearly the same as a new one, among
25,000 (BENCH_ARTICLES), against the exact-duplicate check as the floor.

Both sides take the same query articles (half of them stored articles with one sentence
rewritten, half new ones). The floor fingerprints each body and looks its hash up in the
articles' unique index, which is what every import already does; the near-copy side computes the
body's signature and runs store.near_copies over the signatures table. The ratio is what
finding near-copies adds to each import's duplicate check; it also reports how many rewritten
copies were found and how many new articles were wrongly named."""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import article  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.store import articles as article_store  # noqa: E402
from factcheck.store.near_copies import near_copies  # noqa: E402
from factcheck.text.fingerprint import body_hash  # noqa: E402
from factcheck.text.resemblance import signature  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "25000"))
QUERIES = 200
TARGET_RATIO = 50.0  # a near-copy lookup may cost this many exact-hash checks


def _stored(db, count: int) -> None:
    """Generated articles with their signatures, written directly (what import writes)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    for index in range(count):
        body = article(index)
        cursor = conn.execute(
            "INSERT INTO articles (title, body, body_hash, import_format, imported_at,"
            " imported_by) VALUES (?, ?, ?, 'text', '2026-01-01T00:00:00Z', 'system')",
            [body.split("\n", 1)[0], body, body_hash(body)],
        )
        conn.executemany(
            "INSERT INTO article_signatures (hash, article_id) VALUES (?, ?)",
            [(value, cursor.lastrowid) for value in signature(body)],
        )
    conn.execute("COMMIT")


def _queries(count: int) -> list[tuple[str, bool]]:
    """(body, is a rewritten copy of a stored article)."""
    queries = []
    for number in range(QUERIES // 2):
        original = article(number * (count // (QUERIES // 2)))
        sentences = original.split(". ")
        sentences[len(sentences) // 2] = "A spokesperson declined to comment on the figures"
        queries.append((". ".join(sentences), True))
        queries.append((article(count + 1 + number), False))
    return queries


def floor(db, queries) -> float:
    started = time.perf_counter()
    for body, _ in queries:
        article_store.find_by_hash(db, body_hash(body))
    return time.perf_counter() - started


def lookups(db, queries) -> tuple[float, int, int]:
    found = wrong = 0
    started = time.perf_counter()
    for body, is_copy in queries:
        named = near_copies(db, signature(body))
        found += bool(named) and is_copy
        wrong += bool(named) and not is_copy
    return time.perf_counter() - started, found, wrong


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = database.connect(Path(folder) / "bench.db")
        database.migrate(db)
        _stored(db, ARTICLES)
        queries = _queries(ARTICLES)
        floor(db, queries)  # warm the cache for both
        floor_time = floor(db, queries)
        near_time, found, wrong = lookups(db, queries)
        db.close()
    ratio = near_time / floor_time
    print(f"corpus: {ARTICLES:,} generated articles; {len(queries)} queries")
    print(f"floor (hash + exact lookup): {floor_time / len(queries) * 1000:.3f} ms a query")
    print(f"near-copy lookup: {near_time / len(queries) * 1000:.3f} ms a query")
    print(f"found {found} of {QUERIES // 2} rewritten copies; {wrong} new articles wrongly named")
    print(f"ratio: {ratio:.1f}x the floor's time (target: within {TARGET_RATIO:.0f}x)")
    return 0 if ratio <= TARGET_RATIO and wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
