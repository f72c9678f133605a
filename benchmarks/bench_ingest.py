"""Import speed: the full pipeline against a floor of raw sentencex plus sqlite3 executemany.

Both sides commit each article in its own durable transaction (WAL, synchronous=FULL), as an
import does, so the ratio shows the cost of our splitting, scoring, audit and full-text index."""

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import sentencex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.importers import from_text  # noqa: E402
from factcheck.ingest import ingest_imported  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
TARGET_RATIO = 3.0


FULL_TEXT_INDEX = (
    "CREATE VIRTUAL TABLE units_fts USING fts5(text, content='units', detail='none');"
    "CREATE TRIGGER units_fts_insert AFTER INSERT ON units BEGIN"
    " INSERT INTO units_fts (rowid, text) VALUES (new.rowid, new.text); END;"
)


def floor(texts: list[str], path: Path, *, full_text: bool = False) -> float:
    """sentencex plus executemany into a bare table; with full_text, the same plus the kind of
    full-text index (kept by a trigger) that the claims table has, to show what it costs."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE units (article INTEGER, start INTEGER, end INTEGER, text TEXT)")
    if full_text:
        conn.executescript(FULL_TEXT_INDEX)
    started = time.perf_counter()
    for number, text in enumerate(texts):
        rows = [
            (number, b["start_index"], b["end_index"], b["text"].strip())
            for b in sentencex.get_sentence_boundaries("en", text)
            if not b["is_paragraph_break"]
        ]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def pipeline(texts: list[str], path: Path) -> tuple[float, int]:
    db = database.connect(path)
    database.migrate(db)
    started = time.perf_counter()
    units = 0
    for text in texts:
        units += ingest_imported(db, from_text(text.encode("utf-8"))).claims
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, units


def main() -> int:
    texts = corpus(ARTICLES)
    sentences = sum(len(list(sentencex.segment("en", t))) for t in texts[:50]) / 50
    with tempfile.TemporaryDirectory() as folder:
        floor_seconds = floor(texts, Path(folder) / "floor.db")
        indexed_seconds = floor(texts, Path(folder) / "floor-fts.db", full_text=True)
        ours_seconds, units = pipeline(texts, Path(folder) / "factcheck.db")
    floor_rate = ARTICLES / floor_seconds
    ours_rate = ARTICLES / ours_seconds
    ratio = ours_seconds / floor_seconds
    print(f"corpus: {ARTICLES} generated articles, about {sentences:.0f} sentences each")
    print(f"floor (sentencex + sqlite3 executemany): {floor_rate:8.1f} articles/s")
    print(
        f"  the same with a full-text index:        {ARTICLES / indexed_seconds:8.1f} articles/s"
        f" ({indexed_seconds / floor_seconds:.2f}x the floor's time)"
    )
    print(f"factcheck import pipeline:               {ours_rate:8.1f} articles/s ({units} units)")
    print(f"ratio: {ratio:.2f}x the floor's time (target: within {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
