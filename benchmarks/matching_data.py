"""The CLEF 2020 CheckThat! Task 2 claim-matching data (../shared/corpus/claim-matching-dev/)
and a fresh library holding its verified claims, for the matching benchmark and training."""

import csv
import os
import subprocess
import sys
from pathlib import Path

from factcheck import db as database

CORPUS = Path(
    os.environ.get(
        "BENCH_MATCHING_CORPUS",
        Path(__file__).resolve().parents[2] / "shared" / "corpus" / "claim-matching-dev",
    )
)
csv.field_size_limit(sys.maxsize)


def verified_claims() -> list[dict]:
    """The Snopes claims: their index (the gold answers' id), the claim and the article title."""
    with open(CORPUS / "verified_claims.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [{"id": row[0], "claim": row[1], "title": row[2]} for row in rows[1:]]


def queries(split: str) -> list[tuple[str, str, str]]:
    """(tweet id, tweet text, gold verified-claim id) for the split ("train" or "dev")."""
    with open(CORPUS / f"{split}.queries.tsv", encoding="utf-8", newline="") as handle:
        tweets = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    gold = {}
    for line in (CORPUS / f"{split}.qrels").read_text(encoding="utf-8").splitlines():
        tweet_id, _, claim_id, relevant = line.split()
        if relevant == "1":
            gold[tweet_id] = claim_id
    return [(tweet_id, text, gold[tweet_id]) for tweet_id, text in tweets if tweet_id in gold]


def load_library(path: Path, claims: list[dict]) -> None:
    """Import the verified claims into the library at `path` through `factcheck library
    import`, as a CSV with the columns it reads; their index becomes the external id."""
    source = path.parent / "verified_claims.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "claim", "title", "publisher", "language"])
        for claim in claims:
            writer.writerow([claim["id"], claim["claim"], claim["title"], "Snopes", "en"])
    subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(path), "library", "import", str(source)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def fresh_library(path: Path):
    """A new database at `path` whose library holds the verified claims."""
    load_library(path, verified_claims())
    return database.connect(path)


def average_precision_at(ranked: list[str], gold: str, k: int | None) -> float:
    """With one gold answer, average precision is the reciprocal rank (0 when not in the top k)."""
    window = ranked if k is None else ranked[:k]
    return 1.0 / (window.index(gold) + 1) if gold in window else 0.0
