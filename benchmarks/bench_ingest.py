"""Import speed: the full pipeline against a floor of raw sentencex plus sqlite3 executemany.

Both sides commit each article in its own durable transaction (WAL, synchronous=FULL), as an
import does, so the ratio shows the cost of our splitting, scoring, audit and full-text index.
Two more floors say where that cost lies: the same bare floor with a full-text index, and our
own splitter writing into our migrated schema (its indexes and full-text trigger) with plain
executemany, which leaves out only what the pipeline adds on top: the duplicate check, the
fingerprint and text signature, the audit row and the near-copy lookup. Each line gives the
process's CPU time too: a durable commit's wall time swings with the disk and the machine's
load, CPU time much less."""

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import sentencex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claim_rows import ARTICLE_INSERT, CLAIM_INSERT, claim_row  # noqa: E402
from corpus import corpus  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.importers import from_text  # noqa: E402
from factcheck.ingest import ingest_imported  # noqa: E402
from factcheck.text.fingerprint import body_hash  # noqa: E402
from factcheck.text.splitting import split_article  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
TARGET_RATIO = 3.0


FULL_TEXT_INDEX = (
    "CREATE VIRTUAL TABLE units_fts USING fts5(text, content='units', detail='none');"
    "CREATE TRIGGER units_fts_insert AFTER INSERT ON units BEGIN"
    " INSERT INTO units_fts (rowid, text) VALUES (new.rowid, new.text); END;"
)


#: Seconds of wall-clock time and of the process's CPU time.
Times = tuple[float, float]


def _clock() -> Times:
    return time.perf_counter(), time.process_time()


def _since(started: Times) -> Times:
    now = _clock()
    return now[0] - started[0], now[1] - started[1]


def floor(texts: list[str], path: Path, *, full_text: bool = False) -> Times:
    """sentencex plus executemany into a bare table; with full_text, the same plus the kind of
    full-text index (kept by a trigger) that the claims table has, to show what it costs."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE units (article INTEGER, start INTEGER, end INTEGER, text TEXT)")
    if full_text:
        conn.executescript(FULL_TEXT_INDEX)
    started = _clock()
    for number, text in enumerate(texts):
        rows = [
            (number, b["start_index"], b["end_index"], b["text"].strip())
            for b in sentencex.get_sentence_boundaries("en", text)
            if not b["is_paragraph_break"]
        ]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    elapsed = _since(started)
    conn.close()
    return elapsed


def same_schema_floor(texts: list[str], path: Path) -> Times:
    """Our splitter and executemany into the migrated schema, the search index kept by its
    per-row trigger, one durable transaction per article."""
    db = database.connect(path)
    database.migrate(db)
    conn = db.conn
    started = _clock()
    for text in texts:
        imported = from_text(text.encode("utf-8"))
        units = split_article(imported.body, first_line_is_headline=True)
        conn.execute("BEGIN IMMEDIATE")
        cursor = conn.execute(
            ARTICLE_INSERT,
            [imported.title, imported.body, body_hash(imported.body), database.utc_now()],
        )
        conn.executemany(
            CLAIM_INSERT,
            [claim_row(cursor.lastrowid, u) for u in units],
        )
        conn.execute("COMMIT")
    elapsed = _since(started)
    db.close()
    return elapsed


def pipeline(texts: list[str], path: Path) -> tuple[Times, int]:
    db = database.connect(path)
    database.migrate(db)
    started = _clock()
    units = 0
    for text in texts:
        units += ingest_imported(db, from_text(text.encode("utf-8"))).claims
    elapsed = _since(started)
    db.close()
    return elapsed, units


def _line(label: str, times: Times, floor_times: Times | None = None) -> str:
    wall, cpu = times
    line = (
        f"{label:<40} {ARTICLES / wall:8.1f} articles/s, {cpu / ARTICLES * 1000:6.2f} ms CPU each"
    )
    if floor_times is not None:
        line += (
            f" ({wall / floor_times[0]:.2f}x the floor's time, {cpu / floor_times[1]:.2f}x its CPU)"
        )
    return line


def main() -> int:
    texts = corpus(ARTICLES)
    sentences = sum(len(list(sentencex.segment("en", t))) for t in texts[:50]) / 50
    split_article(texts[0], first_line_is_headline=True)  # load the splitter before timing
    with tempfile.TemporaryDirectory() as folder:
        bare = floor(texts, Path(folder) / "floor.db")
        indexed = floor(texts, Path(folder) / "floor-fts.db", full_text=True)
        schema = same_schema_floor(texts, Path(folder) / "floor-schema.db")
        ours, units = pipeline(texts, Path(folder) / "factcheck.db")
    ratio = ours[0] / bare[0]
    print(f"corpus: {ARTICLES} generated articles, about {sentences:.0f} sentences each")
    print(_line("floor (sentencex + sqlite3 executemany):", bare))
    print(_line("  the same with a full-text index:", indexed, bare))
    print(_line("  our splitter into our schema:", schema, bare))
    print(_line("factcheck import pipeline:", ours, bare) + f" ({units} units)")
    print(
        f"  against the full-text floor: {ours[0] / indexed[0]:.2f}x its time,"
        f" {ours[1] / indexed[1]:.2f}x its CPU; against our schema's floor:"
        f" {ours[0] / schema[0]:.2f}x its time, {ours[1] / schema[1]:.2f}x its CPU"
    )
    print(f"ratio: {ratio:.2f}x the floor's time (target: within {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
