"""Train the claim matcher's re-ranker on the CLEF 2020 CheckThat! Task 2 TRAIN tweets and write
its weights to factcheck/data/matcher_weights.json.

The library holds the 10,375 verified claims; each training tweet's full-text candidates get
their lexical features, labelled 1 for the gold claim and 0 for the others. Logistic regression
(factcheck.matching.ranker.train, pure Python) is fitted with the L2 strength that gives the best
MAP@5 in 5-fold cross-validation over the training tweets; the dev tweets are never looked at
here (benchmarks/bench_matching.py measures them). Usage: python benchmarks/train_matcher.py
"""

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_data as data  # noqa: E402

from factcheck.matching import ranker  # noqa: E402
from factcheck.store.library_search import match_features  # noqa: E402

STRENGTHS = (0.1, 1.0, 10.0, 100.0)
FOLDS = 5


def labelled(db) -> list[tuple[list[list[float]], list[int]]]:
    """Per training tweet: its candidates' feature rows and their labels."""
    queries = data.queries("train")
    external = dict(db.execute("SELECT id, external_id FROM library_items").fetchall())
    groups = []
    for candidates, (_, _, gold) in zip(
        match_features(db, [q[1] for q in queries]), queries, strict=True
    ):
        rows = [row for _, row in candidates]
        labels = [int(external[item_id] == gold) for item_id, _ in candidates]
        groups.append((rows, labels))
    return groups


def fit(groups, l2: float) -> ranker.Model:
    rows = [row for group_rows, _ in groups for row in group_rows]
    labels = [label for _, group_labels in groups for label in group_labels]
    return ranker.train(rows, labels, l2=l2)


def map_at_5(model: ranker.Model, groups) -> float:
    total = 0.0
    for rows, labels in groups:
        order = sorted(range(len(rows)), key=lambda i: -model.score(rows[i]))
        for position, index in enumerate(order[:5]):
            if labels[index]:
                total += 1.0 / (position + 1)
    return total / len(groups)


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        db = data.fresh_library(Path(folder) / "train.db")
        groups = labelled(db)
        db.close()
    print(f"features of {len(groups)} training tweets: {time.perf_counter() - started:.1f} s")
    fitting = time.perf_counter()
    folds = [groups[i::FOLDS] for i in range(FOLDS)]
    best = None
    for l2 in STRENGTHS:
        held_out = []
        for i, fold in enumerate(folds):
            rest = [g for j, other in enumerate(folds) if j != i for g in other]
            held_out.append(map_at_5(fit(rest, l2), fold) * len(fold))
        score = sum(held_out) / len(groups)
        print(f"L2 {l2:g}: cross-validated MAP@5 {score:.4f}")
        if best is None or score > best[0]:
            best = (score, l2)
    model = fit(groups, best[1])
    print(f"chosen L2 {best[1]:g}; training MAP@5 {map_at_5(model, groups):.4f}")
    print(
        f"fitting: {time.perf_counter() - fitting:.1f} s; total {time.perf_counter() - started:.1f} s"
    )
    text = json.dumps({**model.to_json(), "l2": best[1]}, indent=1) + "\n"
    ranker.WEIGHTS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {ranker.WEIGHTS_FILE} ({len(text.encode())} bytes)")
    for name, weight in zip(model.names, model.weights, strict=True):
        print(f"  {name:20s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
