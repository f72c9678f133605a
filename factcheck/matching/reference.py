"""Background word rarity for matching: how many of a reference set of fact-checks hold each stem.

A young library says little about which words are rare: in a library of five items every word
looks rare. The matcher adds these counts to the library's own, so a word's weight is sensible
from the first import on, and the library's own counts take over as it grows. The counts come
from the claims and titles of the CLEF 2020 CheckThat! Task 2 verified claims and are written by
`python benchmarks/train_matcher.py`."""

import json
from functools import cache
from pathlib import Path

from factcheck.matching.features import Text

REFERENCE_FILE = Path(__file__).resolve().parent.parent / "data" / "matcher_reference.json"


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
