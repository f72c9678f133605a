"""Splitting speed: split_article against a floor of sentencex alone on the same articles.

Each side runs over the whole corpus a few times in alternation and the best round counts, and
the time is the process's CPU time, not the wall clock: both keep a busy shared machine (other
processes queueing for the cores) from deciding the ratio.

With BENCH_SPLIT_BASELINE set to another checkout of the project, its split_article is loaded
into the same process and timed in the same rounds, so that the two versions are compared under
the same conditions (separate runs on a loaded machine differ by more than a change does). The
baseline must be plain Python when this checkout is compiled: two mypyc builds of the text modules
share one shared-library name, and a process can load only one of them."""

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sentencex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck.text import compiled_build, splitting  # noqa: E402
from factcheck.text.splitting import LANGUAGE, split_article  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
BASELINE = os.environ.get("BENCH_SPLIT_BASELINE")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TARGET_MS = 0.5
TARGET_RATIO = 10


def floor(texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        sentencex.get_sentence_boundaries(LANGUAGE, text)
    return time.process_time() - started


def ours(texts: list[str], split: Callable[[str], object] = split_article) -> float:
    started = time.process_time()
    for text in texts:
        split(text)
    return time.process_time() - started


def baseline_splitter(checkout: str) -> Callable[[str], object]:
    """split_article of another checkout: its factcheck package imported afresh, the modules
    already loaded put back afterwards (functions keep the modules they were defined in)."""
    ours_modules = {name: module for name, module in sys.modules.items() if name == "factcheck"}
    ours_modules.update(
        (name, module) for name, module in sys.modules.items() if name.startswith("factcheck.")
    )
    for name in ours_modules:
        del sys.modules[name]
    sys.path.insert(0, checkout)
    try:
        from factcheck.text.splitting import split_article as theirs
    finally:
        sys.path.remove(checkout)
        for name in [name for name in sys.modules if name.split(".")[0] == "factcheck"]:
            del sys.modules[name]
        sys.modules.update(ours_modules)
    return theirs


def main() -> int:
    texts = corpus(ARTICLES)
    units = sum(len(split_article(text)) for text in texts[:50]) / 50
    baseline = baseline_splitter(BASELINE) if BASELINE else None
    floor_rounds, ours_rounds, baseline_rounds = [], [], []
    for round_number in range(ROUNDS):
        floor_rounds.append(floor(texts))
        # The baseline goes first in every other round, so that neither side always follows
        # the same one.
        if baseline and round_number % 2:
            baseline_rounds.append(ours(texts, baseline))
        ours_rounds.append(ours(texts))
        if baseline and not round_number % 2:
            baseline_rounds.append(ours(texts, baseline))
    floor_seconds, ours_seconds = min(floor_rounds), min(ours_rounds)
    floor_ms = floor_seconds * 1000 / ARTICLES
    ours_ms = ours_seconds * 1000 / ARTICLES
    print(f"corpus: {ARTICLES} generated articles, about {units:.0f} units each")
    print(f"floor (sentencex.get_sentence_boundaries): {floor_ms:.3f} ms per article")
    built = "compiled with mypyc" if compiled_build.is_compiled(splitting) else "plain Python"
    print(f"split_article ({built}):{' ' * (21 - len(built))}{ours_ms:.3f} ms per article")
    print(
        f"ratio: {ours_ms / floor_ms:.1f}x the floor's time"
        f" (aim: within {TARGET_RATIO}x, and under {TARGET_MS} ms an article)"
    )
    if baseline:
        baseline_ms = min(baseline_rounds) * 1000 / ARTICLES
        print(
            f"baseline {BASELINE}: {baseline_ms:.3f} ms per article,"
            f" {baseline_ms / floor_ms:.1f}x the floor's time"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
