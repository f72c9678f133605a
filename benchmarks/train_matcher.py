"""Train the claim matcher's re-ranker on the CLEF 2020 CheckThat! Task 2 TRAIN tweets and write
its weights to factcheck/data/matcher_weights.json.

The library holds the 10,375 verified claims, embedded as the product embeds them; each training
tweet's candidates (the matcher's full-text hits and the items nearest by embedding) get their
lexical and semantic features, labelled 1 for the gold claim and 0 for the others. Each
tweet is seen twice: once as it is, and once as if the library did not hold its gold claim (all
candidates labelled 0), because most claims a newsroom checks have no earlier check and the
score must say so. Logistic regression (factcheck.matching.ranker.train, pure Python) is fitted
with the L2 strength that gives the best MAP@5 in 5-fold cross-validation over the training
tweets; the dev tweets are never looked at here (benchmarks/bench_matching.py measures them).
It first writes the background word counts (factcheck/data/matcher_reference.json, see
factcheck.matching.reference) from the verified claims' claims and titles, saying so in the
file's "source"; no tweet is counted there. Usage: python benchmarks/train_matcher.py
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_data as data  # noqa: E402
import numpy as np  # noqa: E402

from factcheck.matching import embedding, ranker, reference  # noqa: E402
from factcheck.store.library_search import match_features  # noqa: E402

STRENGTHS = (1.0, 10.0)
FOLDS = 5
THRESHOLD = 0.5


def labelled(db) -> list[tuple]:
    """Per training tweet: (feature rows, labels) as it is, and again without its gold claim."""
    queries = data.queries("train")
    texts = [text for _, text, _ in queries]
    external = dict(db.execute("SELECT id, external_id FROM library_items").fetchall())
    library_id = {value: key for key, value in external.items()}
    absent = [library_id[gold] for _, _, gold in queries]
    present = match_features(db, texts)
    missing = match_features(db, texts, leave_out=absent)
    groups = []
    for with_gold, without, (_, _, gold) in zip(present, missing, queries, strict=True):
        groups.append(
            (
                (
                    [row for _, row in with_gold],
                    [int(external[i] == gold) for i, _ in with_gold],
                ),
                ([row for _, row in without], [0] * len(without)),
            )
        )
    return groups


def fit(groups, l2: float) -> ranker.Model:
    rows = [row for pair in groups for group_rows, _ in pair for row in group_rows]
    labels = [label for pair in groups for _, group_labels in pair for label in group_labels]
    return ranker.train(rows, labels, l2=l2)


def false_offers(model: ranker.Model, groups) -> float:
    """The share of tweets whose gold claim was left out that still get a match offered."""
    offered = sum(any(model.score(row) >= THRESHOLD for row in rows) for _, (rows, _) in groups)
    return offered / len(groups)


def found(model: ranker.Model, groups) -> float:
    """The share of tweets whose gold claim is offered, at the threshold."""
    hits = 0
    for (rows, labels), _ in groups:
        hits += any(
            label and model.score(row) >= THRESHOLD for row, label in zip(rows, labels, strict=True)
        )
    return hits / len(groups)


def map_at_5(model: ranker.Model, groups) -> float:
    total = 0.0
    for (rows, labels), _ in groups:
        order = sorted(range(len(rows)), key=lambda i: -model.score(rows[i]))
        for position, index in enumerate(order[:5]):
            if labels[index]:
                total += 1.0 / (position + 1)
    return total / len(groups)


def first_stage_map_at_5(groups) -> float:
    """MAP@5 of the candidates in the order the first stage returned them."""
    total = 0.0
    for (_, labels), _ in groups:
        total += next((1.0 / (i + 1) for i, label in enumerate(labels[:5]) if label), 0.0)
    return total / len(groups)


#: Reference claims whose embeddings are shipped (see factcheck.matching.reference): 3 MB.
REFERENCE_VECTORS = 4000


def write_reference_vectors(claims: list[dict]) -> None:
    """Embed a sample of the verified claims that are no train or dev tweet's gold answer."""
    answers = {gold for split in ("train", "dev") for _, _, gold in data.queries(split)}
    pool = [claim["claim"] for claim in claims if claim["id"] not in answers]
    sample = random.Random(2020).sample(pool, min(REFERENCE_VECTORS, len(pool)))
    vectors = embedding.embed(sample).astype(np.float16)
    np.save(reference.REFERENCE_VECTORS_FILE, vectors, allow_pickle=False)
    reference.reference_vectors.cache_clear()
    size = reference.REFERENCE_VECTORS_FILE.stat().st_size
    print(f"wrote {reference.REFERENCE_VECTORS_FILE} ({len(sample):,} claims, {size:,} bytes)")


def write_reference() -> None:
    claims = data.verified_claims()
    write_reference_vectors(claims)
    counted = {
        "source": (
            f"the claims and titles of the {len(claims):,} verified claims (Snopes) of CLEF 2020"
            " CheckThat! Task 2 (../shared/corpus/claim-matching-dev/verified_claims.tsv); no"
            " tweet is counted. Written by benchmarks/train_matcher.py."
        ),
        **reference.counts([f"{c['claim']} {c['title']}" for c in claims]),
    }
    text = json.dumps(counted, separators=(",", ":")) + "\n"
    reference.REFERENCE_FILE.write_text(text, encoding="utf-8")
    reference.reference.cache_clear()
    print(f"wrote {reference.REFERENCE_FILE} ({len(text.encode())} bytes)")


def main() -> int:
    started = time.perf_counter()
    write_reference()
    with tempfile.TemporaryDirectory() as folder:
        db = data.fresh_library(Path(folder) / "train.db")  # the import embeds the library
        groups = labelled(db)
        db.close()
    print(f"features of {len(groups)} training tweets: {time.perf_counter() - started:.1f} s")
    fitting = time.perf_counter()
    folds = [groups[i::FOLDS] for i in range(FOLDS)]
    print(f"first-stage order, no re-ranking: MAP@5 {first_stage_map_at_5(groups):.4f}")
    tried: list[tuple[float, float]] = []
    for l2 in STRENGTHS:
        held_out = []
        for i, fold in enumerate(folds):
            rest = [g for j, other in enumerate(folds) if j != i for g in other]
            held_out.append(map_at_5(fit(rest, l2), fold) * len(fold))
        score = sum(held_out) / len(groups)
        print(f"L2 {l2:g}: cross-validated MAP@5 {score:.4f}", flush=True)
        tried.append((score, l2))
    best = max(tried)
    model = fit(groups, best[1])
    print(f"chosen L2 {best[1]:g}; training MAP@5 {map_at_5(model, groups):.4f}")
    print(
        f"at score {THRESHOLD}: the gold claim offered for {found(model, groups):.1%} of"
        f" training tweets; a match offered for {false_offers(model, groups):.1%} of them when"
        " the library lacks their gold claim"
    )
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
