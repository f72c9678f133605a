"""Claim matching: quality on the CLEF 2020 CheckThat! Task 2 dev tweets, and speed at 100k items.

Imports the 10,375 verified claims into a fresh library with `factcheck library import`, runs
the train and dev tweets through the matcher and prints MAP@5 (the task's official measure), MAP
(over the candidates the matcher returns) and P@1 for each stage: plain FTS5 BM25 on the raw
tweet, the same after query cleaning (the matcher's full-text candidates) and the re-ranked
result (find_matches: those candidates and the items nearest by sentence embedding, re-ranked;
the re-ranker was trained on the train tweets, so only its dev figure is held out;
train_matcher.py prints its cross-validated figure on the train tweets). Then it times one query
at 10,375 items, imports generated items until the library holds BENCH_LIBRARY (100,000 by
default), their words drawn from the verified claims' own word frequencies (the import embeds
them, as any import does: about 12 minutes for 90,000 on this machine), and measures again. Each time is set beside its floor: the bare FTS5 query ranking the cleaned
tweet's words by bm25(), which finds the candidates. Times are the best of
BENCH_ROUNDS per query, averaged over the dev tweets; find_matches is also timed with the
in-memory analysis of library items emptied before each round, as for candidates never seen,
and on 80 sentences of real news articles (the extraction corpus's true text, when it is there):
the claims factcheck matches come from articles and are shorter than tweets.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_data as data  # noqa: E402
from sentencex import segment  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.matching.embedding import embed  # noqa: E402
from factcheck.matching.features import analysed  # noqa: E402
from factcheck.matching.query import match_expression, prepare  # noqa: E402
from factcheck.matching.text import words  # noqa: E402
from factcheck.store import library_vectors  # noqa: E402
from factcheck.store.library_search import (  # noqa: E402
    CANDIDATES,
    MATCH_THRESHOLD,
    find_matches,
    find_matches_many,
    search_candidates,
)

EXTRACTION_CORPUS = data.CORPUS.parent / "extraction-dev"
LIBRARY = int(os.environ.get("BENCH_LIBRARY", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THRESHOLDS = (0.3, 0.4, MATCH_THRESHOLD, 0.6, 0.7)
# The same ranked candidate query find_matches sends, without its per-field scores.
FLOOR_SQL = (
    "SELECT rowid FROM library_search WHERE library_search MATCH ?"
    " ORDER BY bm25(library_search) LIMIT ?"
)


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
        ("FTS5 BM25, raw tweet", full_text_only(db, texts, clean=False)),
        ("FTS5 BM25, cleaned query", full_text_only(db, texts, clean=True)),
    ]
    started = time.perf_counter()
    matches = find_matches_many(db, texts, top=CANDIDATES)
    elapsed = time.perf_counter() - started
    label = "re-ranked" + (" (trained on these)" if split == "train" else "")
    stages.append((label, [[m["library_id"] for m in ms] for ms in matches]))
    print(f"{split} queries: {len(queries)}, library: {len(external):,} items")
    print(f"{'stage':30s} {'MAP@5':>6s} {'MAP':>6s} {'P@1':>6s}")
    for label, ranked in stages:
        figures = scores([[external[i] for i in r] for r in ranked], gold)
        print(f"{label:30s} {figures['MAP@5']:6.3f} {figures['MAP']:6.3f} {figures['P@1']:6.3f}")
    print(f"find_matches_many: {len(texts) / elapsed:.0f} queries/s")
    if split != "dev":
        return
    for threshold in THRESHOLDS:
        right = sum(
            any(external[m["library_id"]] == answer and m["score"] >= threshold for m in found)
            for found, answer in zip(matches, gold, strict=True)
        )
        mark = " (MATCH_THRESHOLD)" if threshold == MATCH_THRESHOLD else ""
        print(f"score >= {threshold}{mark}: the right claim is offered for {right} of {len(texts)}")


def false_offers(folder: Path) -> None:
    """How often a match is offered (score at or above MATCH_THRESHOLD) for a dev tweet whose
    gold claim the library does not hold: most claims a desk checks have no earlier check."""
    queries = data.queries("dev")
    golds = {claim for _, _, claim in queries}
    path = folder / "without-gold.db"
    data.load_library(path, [c for c in data.verified_claims() if c["id"] not in golds])
    db = database.connect(path)
    results = find_matches_many(db, [text for _, text, _ in queries], top=1)
    for threshold in THRESHOLDS:
        offered = sum(bool(found) and found[0]["score"] >= threshold for found in results)
        print(
            f"library without the dev tweets' gold claims, score >= {threshold}:"
            f" {offered} of {len(queries)} tweets are still offered a match"
        )
    db.close()


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


def best_time(run, before=None) -> float:
    times = []
    for _ in range(ROUNDS):
        if before:
            before()
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
    first = sum(best_time(lambda t=t: search_candidates(db, t)) for t in texts)
    cleaned = [prepare(t).text.raw for t in texts]
    embedding = sum(best_time(lambda t=t: embed([t])) for t in cleaned)
    index = library_vectors.dense_index(db)
    vectors = embed(cleaned)
    nearest = sum(best_time(lambda v=v: index.nearest(v[None, :], 10)) for v in vectors)
    ours = sum(best_time(lambda t=t: find_matches(db, t)) for t in texts)
    # The same with no candidate analysed before (the matcher keeps the last 2,048 in memory).
    unseen = sum(best_time(lambda t=t: find_matches(db, t), analysed.cache_clear) for t in texts)
    size = db.execute("SELECT count(*) FROM library_items").fetchone()[0]
    print(
        f"one query against {size:,} items: {ours / len(texts) * 1000:.1f} ms"
        f" ({unseen / len(texts) * 1000:.1f} ms with none of its candidates analysed before),"
        f" of which the candidate search (search_candidates) {first / len(texts) * 1000:.1f} ms,"
        f" the text's embedding {embedding / len(texts) * 1000:.1f} ms (the two run at once) and"
        f" the nearest items by embedding {nearest / len(texts) * 1000:.1f} ms"
        f" (floor, the bare FTS5 bm25() candidate query: {floor / len(texts) * 1000:.1f} ms;"
        f" find_matches {ours / floor:.2f}x the floor)"
    )


def news_sentences(count: int = 80) -> list[str]:
    """Sentences of five words or more from the true article text of the extraction corpus's
    news pages (the claims factcheck matches come from articles, and are shorter than tweets);
    empty when the corpus is not there."""
    truth_file = EXTRACTION_CORPUS / "ground-truth.json"
    if not truth_file.is_file():
        return []
    sentences = []
    for page in json.loads(truth_file.read_text(encoding="utf-8")).values():
        text = page.get("articleBody") or ""
        sentences += [s for s in segment("en", text) if len(s.split()) >= 5]
    return random.Random(3).sample(sentences, min(count, len(sentences)))


def claim_speed(db) -> None:
    sentences = news_sentences()
    if not sentences:
        print("no extraction corpus: news sentences not timed")
        return
    ours = sum(best_time(lambda t=t: find_matches(db, t)) for t in sentences)
    print(
        f"one news sentence (of {len(sentences)} from the extraction corpus):"
        f" {ours / len(sentences) * 1000:.1f} ms"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = data.fresh_library(path)
        quality(db, "train")
        quality(db)
        false_offers(Path(folder))
        speed(db)
        claim_speed(db)
        started = time.perf_counter()
        pad_library(db, path, LIBRARY)
        print(f"padded the library to {LIBRARY:,} items in {time.perf_counter() - started:.1f} s")
        quality(db)
        speed(db)
        claim_speed(db)
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
