"""Bulk import speed: `factcheck import --format jsonl` against an executemany floor.

Both sides take the same generated corpus, split each article with the same splitter and write
the same rows into the same schema (migrated, with its search index), 200 articles to a durable
transaction (WAL, synchronous=FULL). The floor does nothing else: one executemany for the
articles and one for the claims of each batch, and one statement filling the search index (its
per-row trigger dropped), as bulk_load does. The bulk path also reads and checks each JSON
line, fingerprints the body, looks for a duplicate, and writes an audit row per article in the
hash chain; the ratio is what those cost. The process's CPU time is given beside the wall-clock
time: a durable commit's wall time swings with the disk and the machine's load, CPU time much
less."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claim_rows import ARTICLE_INSERT, CLAIM_INSERT, claim_row  # noqa: E402
from corpus import corpus  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.article_records import open_records, records  # noqa: E402
from factcheck.bulk_import import BATCH_SIZE, import_items  # noqa: E402
from factcheck.importers import from_text  # noqa: E402
from factcheck.store.bulk_load import SEARCH_INSERT_TRIGGER  # noqa: E402
from factcheck.text.fingerprint import body_hash  # noqa: E402
from factcheck.text.splitting import split_article  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
TARGET_RATIO = 2.0


def _database(path: Path):
    db = database.connect(path)
    database.migrate(db)
    return db


def floor(texts: list[str], path: Path) -> tuple[float, float]:
    db = _database(path)
    conn = db.conn
    conn.execute(f"DROP TRIGGER {SEARCH_INSERT_TRIGGER}")
    started, cpu_started = time.perf_counter(), time.process_time()
    for first in range(0, len(texts), BATCH_SIZE):
        batch = []
        for text in texts[first : first + BATCH_SIZE]:
            imported = from_text(text.encode("utf-8"))
            units = split_article(imported.body, first_line_is_headline=True)
            batch.append((imported, units))
        conn.execute("BEGIN IMMEDIATE")
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
        now = database.utc_now()
        conn.executemany(
            ARTICLE_INSERT,
            [(i.title, i.body, body_hash(i.body), now) for i, _ in batch],
        )
        conn.executemany(
            CLAIM_INSERT,
            [
                claim_row(next_id + number, u)
                for number, (_, units) in enumerate(batch)
                for u in units
            ],
        )
        conn.execute(
            "INSERT INTO claims_fts (rowid, text) SELECT c.id, c.text FROM claims c"
            " WHERE c.article_id >= ?",
            [next_id],
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started, time.process_time() - cpu_started
    db.close()
    return elapsed


def bulk(jsonl: Path, path: Path) -> tuple[tuple[float, float], int, int]:
    db = _database(path)
    started, cpu_started = time.perf_counter(), time.process_time()
    with open_records(str(jsonl)) as stream:
        summary = import_items(db, records(stream, "jsonl"))
    elapsed = time.perf_counter() - started, time.process_time() - cpu_started
    db.close()
    units = sum(result.units for result in summary.imported)
    return elapsed, len(summary.imported), units


def main() -> int:
    texts = corpus(ARTICLES)
    split_article(texts[0], first_line_is_headline=True)  # load the splitter before timing
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "articles.jsonl"
        jsonl.write_text(
            "".join(json.dumps({"body": text}) + "\n" for text in texts), encoding="utf-8"
        )
        (floor_seconds, floor_cpu) = floor(texts, Path(folder) / "floor.db")
        (ours_seconds, ours_cpu), imported, units = bulk(jsonl, Path(folder) / "bulk.db")
    assert imported == ARTICLES, f"only {imported} of {ARTICLES} articles were imported"
    ratio = ours_seconds / floor_seconds
    print(f"corpus: {ARTICLES} generated articles, {units / ARTICLES:.1f} units each")
    print(
        f"floor (split + executemany, {BATCH_SIZE} a transaction): {ARTICLES / floor_seconds:8.1f}"
        f" articles/s, {floor_cpu / ARTICLES * 1000:.2f} ms CPU each"
    )
    print(
        f"factcheck import --format jsonl:                  {ARTICLES / ours_seconds:8.1f}"
        f" articles/s, {ours_cpu / ARTICLES * 1000:.2f} ms CPU each"
        f" ({ours_cpu / floor_cpu:.2f}x the floor's CPU)"
    )
    print(f"ratio: {ratio:.2f}x the floor's time (target: within {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
