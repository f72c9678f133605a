"""Splitting speed: split_article against a floor of sentencex alone on the same articles.

Each side runs over the whole corpus a few times in alternation and the best round counts, and
the time is the process's CPU time, not the wall clock: both keep a busy shared machine (other
processes queueing for the cores) from deciding the ratio."""

import os
import sys
import time
from pathlib import Path

import sentencex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck.text.splitting import LANGUAGE, split_article  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TARGET_MS = 0.5
TARGET_RATIO = 10


def floor(texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        sentencex.get_sentence_boundaries(LANGUAGE, text)
    return time.process_time() - started


def ours(texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        split_article(text)
    return time.process_time() - started


def main() -> int:
    texts = corpus(ARTICLES)
    units = sum(len(split_article(text)) for text in texts[:50]) / 50
    floor_rounds, ours_rounds = [], []
    for _ in range(ROUNDS):
        floor_rounds.append(floor(texts))
        ours_rounds.append(ours(texts))
    floor_seconds, ours_seconds = min(floor_rounds), min(ours_rounds)
    floor_ms = floor_seconds * 1000 / ARTICLES
    ours_ms = ours_seconds * 1000 / ARTICLES
    print(f"corpus: {ARTICLES} generated articles, about {units:.0f} units each")
    print(f"floor (sentencex.get_sentence_boundaries): {floor_ms:.3f} ms per article")
    print(f"split_article:                             {ours_ms:.3f} ms per article")
    print(
        f"ratio: {ours_ms / floor_ms:.1f}x the floor's time"
        f" (aim: within {TARGET_RATIO}x, and under {TARGET_MS} ms an article)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
