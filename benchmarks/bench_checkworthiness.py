"""Check-worthiness ranking: MAP of our score on labelled debates, against a random-order floor.

Each debate of the checkworthiness-dev corpus (see its README) becomes a plain-text article, one
paragraph per utterance, imported through the real pipeline (`ingest_text`) into a temporary
database. A line's score is the highest score of the claim units stored for it; lines are ranked
by score (ties in line order) and scored by average precision of the lines fact-checkers chose.
"""

import bisect
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store.articles import get_article
from factcheck.store.claims import claims_for_article

CORPUS_NAME = "checkworthiness-dev"
TARGET_MAP = 0.25
RANDOM_SEEDS = range(5)


def corpus_dir() -> Path:
    """FACTCHECK_CORPUS may name this corpus's folder or the folder that holds it."""
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    folder = Path(os.environ.get("FACTCHECK_CORPUS", default))
    if not any(folder.glob("*.tsv")) and (folder / CORPUS_NAME).is_dir():
        folder = folder / CORPUS_NAME
    return folder


def read_debate(path: Path) -> tuple[list[str], list[int]]:
    """The utterances and their labels; the speaker column is not part of the text."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        _number, _speaker, text, label = line.split("\t")
        texts.append(text)
        labels.append(int(label))
    return texts, labels


def line_scores(db, texts: list[str], title: str) -> list[float]:
    """Import the debate and give each line the best score of the units stored for it."""
    result = ingest_text(db, "\n\n".join(texts), title=title)
    body = get_article(db, result.article_id)["body"]
    starts = paragraph_starts(body)
    if len(starts) != len(texts):
        raise SystemExit(f"{title}: the stored body has {len(starts)} paragraphs, not {len(texts)}")
    scores = [0.0] * len(texts)
    for claim in claims_for_article(db, result.article_id):
        line = bisect.bisect_right(starts, claim["start"]) - 1
        scores[line] = max(scores[line], claim["checkworthiness"])
    return scores


def paragraph_starts(body: str) -> list[int]:
    starts = [0]
    position = body.find("\n\n")
    while position != -1:
        starts.append(position + 2)
        position = body.find("\n\n", position + 2)
    return starts


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
    lines = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        db = database.connect(Path(scratch) / "bench.db")
        database.migrate(db)
        for path in files:
            texts, labels = read_debate(path)
            order = ranked(labels, line_scores(db, texts, title=path.stem))
            aps.append(average_precision(order))
            at5.append(sum(order[:5]) / 5)
            at10.append(sum(order[:10]) / 10)
            floors.append(random_floor(labels))
            lines += len(texts)
            print(f"  {path.stem:28} AP {aps[-1]:.3f}  (random {floors[-1]:.3f})")
        db.close()
    elapsed = time.perf_counter() - started
    ours, floor = mean(aps), mean(floors)
    print(f"debates: {len(files)}, lines: {lines}  ({elapsed:.1f} s through the import pipeline)")
    print(f"ours:   MAP {ours:.4f}  P@5 {mean(at5):.3f}  P@10 {mean(at10):.3f}")
    print(f"floor:  MAP {floor:.4f}  (random order, mean of {len(RANDOM_SEEDS)} seeded shuffles)")
    print(f"ratio MAP ours / floor: {ours / floor:.2f}x  (target MAP >= {TARGET_MAP})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
