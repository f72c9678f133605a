"""Check-worthiness ranking: MAP of our score on labelled debates, against a random-order floor.

Each debate of the checkworthiness-dev corpus (see its README) becomes a plain-text article, one
paragraph per utterance, imported through the real pipeline (`ingest_text`) into a temporary
database. A line's score is the highest score of the claim units stored for it; lines are ranked
by score (ties in line order) and scored by average precision of the lines fact-checkers chose.

The shipped weights were learned from these same debates (train_checkworthiness.py), so their
MAP here is measured on training data. The held-out figure is leave-one-debate-out: for each
debate, weights are learned from the other 18 (same reasons, same training) and that debate is
ranked with them; the mean of those 19 APs is what an unseen debate can expect.
"""

import bisect
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkworthiness_training import line_scores as fold_scores  # noqa: E402
from checkworthiness_training import paragraph_starts, read_debate, train  # noqa: E402

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store.articles import get_article
from factcheck.store.claim_reads import claims_for_article

CORPUS_NAME = "checkworthiness-dev"
TARGET_MAP = 0.25
TARGET_HELD_OUT_MAP = 0.20
RANDOM_SEEDS = range(5)


def corpus_dir() -> Path:
    """FACTCHECK_CORPUS may name this corpus's folder or the folder that holds it."""
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    folder = Path(os.environ.get("FACTCHECK_CORPUS", default))
    if not any(folder.glob("*.tsv")) and (folder / CORPUS_NAME).is_dir():
        folder = folder / CORPUS_NAME
    return folder


def line_scores(db, texts: list[str], title: str) -> tuple[list[float], list[list[tuple]]]:
    """Import the debate and give each line the best score of the units stored for it; also the
    stored reasons of each line's claim units."""
    result = ingest_text(db, "\n\n".join(texts), title=title)
    body = get_article(db, result.article_id)["body"]
    starts = paragraph_starts(body)
    if len(starts) != len(texts):
        raise SystemExit(f"{title}: the stored body has {len(starts)} paragraphs, not {len(texts)}")
    scores = [0.0] * len(texts)
    reasons: list[list[tuple]] = [[] for _ in texts]
    for claim in claims_for_article(db, result.article_id):
        line = bisect.bisect_right(starts, claim["start"]) - 1
        scores[line] = max(scores[line], claim["checkworthiness"])
        if claim["kind"] == "claim":
            reasons[line].append(tuple(claim["reasons"]))
    return scores, reasons


def average_precision(ranked_labels: list[int]) -> float:
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def ranked(labels: list[int], scores: list[float]) -> list[int]:
    order = sorted(range(len(labels)), key=lambda i: (-scores[i], i))
    return [labels[i] for i in order]


def random_floor(labels: list[int]) -> float:
    """Mean average precision of a few seeded random orders."""
    values = []
    for seed in RANDOM_SEEDS:
        shuffled = labels[:]
        random.Random(seed).shuffle(shuffled)
        values.append(average_precision(shuffled))
    return sum(values) / len(values)


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def main() -> int:
    corpus = corpus_dir()
    files = sorted(corpus.glob("*.tsv"))
    if not files:
        print(f"skip: no check-worthiness corpus at {corpus} (set FACTCHECK_CORPUS)")
        return 0
    aps, at5, at10, floors = [], [], [], []
    debates = []
    lines = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        db = database.connect(Path(scratch) / "bench.db")
        database.migrate(db)
        for path in files:
            texts, labels = read_debate(path)
            scores, reasons = line_scores(db, texts, title=path.stem)
            order = ranked(labels, scores)
            debates.append((reasons, labels))
            aps.append(average_precision(order))
            at5.append(sum(order[:5]) / 5)
            at10.append(sum(order[:10]) / 10)
            floors.append(random_floor(labels))
            lines += len(texts)
        db.close()
    held_out = []
    for index, (reasons, labels) in enumerate(debates):
        bias, weights = train(debates[:index] + debates[index + 1 :])
        held_out.append(average_precision(ranked(labels, fold_scores(reasons, bias, weights))))
        print(
            f"  {files[index].stem:28} AP {aps[index]:.3f}  held out {held_out[-1]:.3f}"
            f"  (random {floors[index]:.3f})"
        )
    elapsed = time.perf_counter() - started
    ours, floor = mean(aps), mean(floors)
    print(f"debates: {len(files)}, lines: {lines}  ({elapsed:.1f} s through the import pipeline)")
    print(f"ours:   MAP {ours:.4f}  P@5 {mean(at5):.3f}  P@10 {mean(at10):.3f}  (shipped weights,")
    print("        learned from these debates: a training-set figure)")
    print(
        f"held out: MAP {mean(held_out):.4f}  (leave one debate out: weights learned from the"
        f" other {len(debates) - 1}; target >= {TARGET_HELD_OUT_MAP})"
    )
    print(f"floor:  MAP {floor:.4f}  (random order, mean of {len(RANDOM_SEEDS)} seeded shuffles)")
    print(f"ratio MAP ours / floor: {ours / floor:.2f}x  (target MAP >= {TARGET_MAP})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
