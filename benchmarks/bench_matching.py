"""Claim matching: quality on the CLEF 2020 CheckThat! Task 2 dev tweets, and speed at 100k items.

Imports the 10,375 verified claims into a fresh library with `factcheck library import`, runs
each dev tweet through `find_matches` and prints MAP@5 (the task's official measure), MAP (over
the candidates the matcher returns) and P@1 for each stage: plain full-text search on the raw
tweet, the same after query cleaning, and the re-ranked result. Then it imports generated items
until the library holds BENCH_LIBRARY (100,000 by default), their words drawn from the verified
claims' own word frequencies, and times one query against it, next to the floor of the bare
FTS5 query that finds the candidates. Times are the best of BENCH_ROUNDS per query, averaged
over the dev tweets.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_data as data  # noqa: E402

from factcheck.matching.query import match_expression, prepare  # noqa: E402
from factcheck.matching.text import words  # noqa: E402
from factcheck.store.library_search import (  # noqa: E402
    CANDIDATES,
    MATCH_THRESHOLD,
    find_matches,
    find_matches_many,
)

LIBRARY = int(os.environ.get("BENCH_LIBRARY", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
FLOOR_SQL = "SELECT rowid FROM library_search WHERE library_search MATCH ? ORDER BY rank LIMIT ?"


def scores(ranked: list[list[str]], gold: list[str]) -> dict[str, float]:
    count = len(gold)
    return {
        "MAP@5": sum(data.average_precision_at(r, g, 5) for r, g in zip(ranked, gold, strict=True))
        / count,
        "MAP": sum(data.average_precision_at(r, g, None) for r, g in zip(ranked, gold, strict=True))
        / count,
        "P@1": sum(r[:1] == [g] for r, g in zip(ranked, gold, strict=True)) / count,
    }


def full_text_only(db, texts: list[str], clean: bool) -> list[list[int]]:
    """The baseline stages: BM25 order of the full-text candidates, with or without cleaning."""
    ranked = []
    for text in texts:
        if clean:
            expression = match_expression(prepare(text).search_words)
        else:
            expression = match_expression(tuple(dict.fromkeys(words(text))))
        rows = db.execute(FLOOR_SQL, [expression, CANDIDATES]).fetchall() if expression else []
        ranked.append([row[0] for row in rows])
    return ranked


def quality(db, split: str = "dev") -> None:
    queries = data.queries(split)
    texts = [text for _, text, _ in queries]
    gold = [claim for _, _, claim in queries]
    external = dict(db.execute("SELECT id, external_id FROM library_items").fetchall())
    stages = [
        ("BM25, raw tweet", full_text_only(db, texts, clean=False)),
        ("BM25, cleaned query", full_text_only(db, texts, clean=True)),
    ]
    started = time.perf_counter()
    matches = find_matches_many(db, texts, top=CANDIDATES)
    elapsed = time.perf_counter() - started
    stages.append(("re-ranked (find_matches)", [[m["library_id"] for m in ms] for ms in matches]))
    print(f"{split} queries: {len(queries)}, library: {len(external):,} verified claims")
    print(f"{'stage':28s} {'MAP@5':>6s} {'MAP':>6s} {'P@1':>6s}")
    for label, ranked in stages:
        figures = scores([[external[i] for i in r] for r in ranked], gold)
        print(f"{label:28s} {figures['MAP@5']:6.3f} {figures['MAP']:6.3f} {figures['P@1']:6.3f}")
    print(f"find_matches_many: {len(texts) / elapsed:.0f} queries/s")
    offered = right = 0
    for found, answer in zip(matches, gold, strict=True):
        shown = [m for m in found if m["score"] >= MATCH_THRESHOLD]
        offered += bool(shown)
        right += any(external[m["library_id"]] == answer for m in shown)
    print(
        f"at MATCH_THRESHOLD {MATCH_THRESHOLD}: {offered} of {len(texts)} queries are offered"
        f" matches; for {right} of them the right one is among those offered"
    )


def pad_library(db, path: Path, size: int) -> None:
    """Import generated items until the library holds `size`: claims and titles of the real
    items' lengths, their words drawn from the real items' word frequencies."""
    real = list(db.execute("SELECT claim, coalesce(title, '') FROM library_items"))
    missing = size - len(real)
    if missing <= 0:
        return
    rng = random.Random(11)
    vocabulary = [w for claim, title in real for w in (claim + " " + title).split()]
    generated = []
    for n in range(missing):
        claim, title = rng.choice(real)
        generated.append(
            {
                "id": f"generated-{n}",
                "claim": " ".join(rng.choices(vocabulary, k=max(len(claim.split()), 3))),
                "title": " ".join(rng.choices(vocabulary, k=max(len(title.split()), 3))),
            }
        )
    data.load_library(path, generated)


def best_time(run) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def speed(db) -> None:
    texts = [text for _, text, _ in data.queries("dev")]
    expressions = [match_expression(prepare(text).search_words) for text in texts]
    floor = sum(
        best_time(lambda e=e: db.execute(FLOOR_SQL, [e, CANDIDATES]).fetchall())
        for e in expressions
    )
    ours = sum(best_time(lambda t=t: find_matches(db, t)) for t in texts)
    size = db.execute("SELECT count(*) FROM library_items").fetchone()[0]
    print(
        f"one query against {size:,} items: {ours / len(texts) * 1000:.1f} ms"
        f" (floor, the bare FTS5 candidate query: {floor / len(texts) * 1000:.1f} ms;"
        f" {ours / floor:.1f}x)"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = data.fresh_library(path)
        quality(db)
        started = time.perf_counter()
        pad_library(db, path, LIBRARY)
        print(f"padded the library to {LIBRARY:,} items in {time.perf_counter() - started:.1f} s")
        quality(db)
        speed(db)
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
