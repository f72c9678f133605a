"""Generator speed: `dev generate` against importing the same articles one at a time."""

# The floor is what `factcheck import` does for each article: split it, then store it in its own
# durable transaction. The generator shares a transaction among many articles, fills the search
# index once per transaction, and splits in worker processes; the middle line keeps the per-row
# search-index trigger, to show what filling the index at the end saves.

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from factcheck import db as database
from factcheck.devdata.articles import article
from factcheck.devdata.generate import generate
from factcheck.devdata.people import ensure_people
from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store import bulk_load as bulk_load_module
from factcheck.store.actors import SYSTEM

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "1500"))
SEED = 1
TARGET_RATIO = 0.6


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timing:
    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def stop(self) -> "Timing":
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu() - self.cpu
        return self

    def line(self) -> str:
        return (
            f"{ARTICLES / self.wall:8.1f} articles/s, {self.cpu / ARTICLES * 1000:5.2f} ms CPU each"
        )


def _database(path: Path):
    db = database.connect(path)
    database.migrate(db)
    return db


def floor(path: Path) -> Timing:
    db = _database(path)
    texts = [article(SEED, index).text for index in range(ARTICLES)]
    timing = Timing()
    for text in texts:
        ingest_imported(db, from_text(text.encode("utf-8")))
    return timing.stop()


def generator(path: Path, *, index_at_end: bool = True) -> tuple[Timing, int]:
    db = _database(path)
    ensure_people(db, SYSTEM)  # password hashing is not what this measures
    saved = bulk_load_module.SEARCH_INSERT_TRIGGER
    if not index_at_end:
        bulk_load_module.SEARCH_INSERT_TRIGGER = "no such trigger: keep indexing row by row"
    try:
        timing = Timing()
        summary = generate(db, articles=ARTICLES, seed=SEED, review_share=0)
        return timing.stop(), summary.units
    finally:
        bulk_load_module.SEARCH_INSERT_TRIGGER = saved


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        floor_timing = floor(Path(folder) / "floor.db")
        rows_timing, _ = generator(Path(folder) / "rows.db", index_at_end=False)
        ours, units = generator(Path(folder) / "ours.db")
    print(f"corpus: {ARTICLES} generated articles, {units / ARTICLES:.1f} units each")
    print(f"floor (one article a transaction, as `import`): {floor_timing.line()}")
    print(f"generator, search index row by row:             {rows_timing.line()}")
    print(f"generator, search index filled per batch:       {ours.line()}")
    print(
        f"ratio: {ours.wall / floor_timing.wall:.2f}x the floor's time (target: under"
        f" {TARGET_RATIO}x); {ours.cpu / rows_timing.cpu:.2f}x the CPU of indexing row by row"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
