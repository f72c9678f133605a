"""The background a young library lacks: how many of a reference set of fact-checks hold each
stem, and how near the nearest of their claims is to a text.

A young library says little about which words are rare: in a library of five items every word
looks rare. The matcher adds these counts to the library's own, so a word's weight is sensible
from the first import on, and the library's own counts take over as it grows. Nor does it say
how near a close item is: in a library of five items the nearest is always the best there is, and
a loosely related check would look like the one. The matcher measures how far each candidate
falls short of the nearer of the library's nearest item and the reference claims' nearest, so
the reference sets the bar until the library holds nearer items. The counts come from the claims
and titles of the CLEF 2020 CheckThat! Task 2 verified claims, the vectors from a sample of
those claims (none that is the earlier check of a train or dev tweet, so that the benchmark's
figures for a library lacking a tweet's check stay honest); both are written by
`python benchmarks/train_matcher.py`."""

import json
from functools import cache
from pathlib import Path

import numpy as np

from factcheck.matching.dense import Projection
from factcheck.matching.features import Text

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE_FILE = DATA / "matcher_reference.json"
#: The reference claims' embeddings, float16 rows (numpy's .npy format).
REFERENCE_VECTORS_FILE = DATA / "matcher_reference_vectors.npy"


def counts(texts: list[str]) -> dict:
    """How many of `texts` hold each stem, keeping stems held by at least two (the rest count as
    held by one anyway), with the number of texts."""
    holding: dict[str, int] = {}
    for text in texts:
        for stem in Text(text).stem_set:
            holding[stem] = holding.get(stem, 0) + 1
    kept = {stem: n for stem, n in sorted(holding.items()) if n >= 2}
    return {"documents": len(texts), "terms": kept}


@cache
def reference() -> tuple[int, dict[str, int]]:
    """(number of reference documents, stem -> how many of them hold it), read once."""
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return data["documents"], data["terms"]


@cache
def reference_vectors() -> np.ndarray:
    """The reference claims' embeddings as float32 rows, read once."""
    return np.load(REFERENCE_VECTORS_FILE, allow_pickle=False).astype(np.float32)


def nearest_reference(queries: np.ndarray) -> np.ndarray:
    """For each query vector, its highest cosine with a reference claim."""
    vectors = reference_vectors()
    if not len(vectors) or not len(queries):
        return np.zeros(len(queries), dtype=np.float32)
    return (vectors @ queries.T).max(axis=0)


@cache
def claim_projection() -> Projection:
    """The reference claims' principal components: how a large library's claims are reduced
    for the first pass of the nearest-item search."""
    return Projection.of(reference_vectors())
