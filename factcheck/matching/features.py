"""Lexical features of a (query, library item) pair, for re-ranking the full-text candidates."""

import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from factcheck.matching import text as clean
from factcheck.matching.porter import stem

#: The features, in the order the re-ranker's weights are stored.
FEATURE_NAMES = (
    "bm25",
    "bm25_claim",
    "bm25_title",
    "bm25_gap",
    "reciprocal_rank",
    "query_coverage",
    "shared_idf",
    "rarest_shared_idf",
    "trigrams_shared",
    "claim_coverage",
    "title_coverage",
    "item_coverage",
    "jaccard_claim",
    "jaccard_title",
    "bigram_overlap",
    "numbers_shared",
    "numbers_missing",
    "names_found",
    "chars_claim",
    "chars_title",
)
#: The features from sentence embeddings (see store.library_search), after the lexical ones: the
#: cosine of the text with the item's claim and with its title, and how far each falls short of
#: the best (the claim's: of any item in the library; the title's: of any candidate).
SEMANTIC_FEATURE_NAMES = ("cosine_claim", "cosine_claim_gap", "cosine_title", "cosine_title_gap")
#: What the re-ranker reads, in the order its weights are stored.
MODEL_FEATURE_NAMES = FEATURE_NAMES + SEMANTIC_FEATURE_NAMES


@dataclass(frozen=True)
class Text:
    """One side of a pair, analysed once: stems, their bigrams, numbers, names, character grams."""

    raw: str
    #: The content words (folded, stopwords out), in order: what the stems and grams are of.
    words: tuple[str, ...] = field(init=False, compare=False, repr=False)
    stems: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        words = tuple(clean.content_words(self.raw))
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "stems", tuple(map(stem, words)))

    @cached_property
    def stem_set(self) -> frozenset[str]:
        return frozenset(self.stems)

    @cached_property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        return frozenset(zip(self.stems, self.stems[1:], strict=False))

    @cached_property
    def trigrams(self) -> frozenset[tuple[str, str, str]]:
        return frozenset(zip(self.stems, self.stems[1:], self.stems[2:], strict=False))

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(clean.numbers(self.raw))

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(clean.names(self.raw))

    @cached_property
    def grams(self) -> frozenset[str]:
        return char_grams(" ".join(self.words))


def char_grams(text: str, n: int = 4) -> frozenset[str]:
    """The character n-grams of `text` with a space at each end."""
    padded = f" {text} "
    return frozenset(padded[i : i + n] for i in range(len(padded) - n + 1))


def cosine(a: frozenset, b: frozenset) -> float:
    """Cosine similarity of two sets seen as binary vectors."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def idf(documents: int, holding: int) -> float:
    """How rare a term is, BM25's way, never below zero; an unseen term counts as held by one."""
    holding = max(holding, 1)
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


@lru_cache(maxsize=2048)
def analysed(raw: str) -> Text:
    """`Text(raw)`, remembered: the same library items come back as candidates query after
    query. About 12 KB each, so the cache holds at most about 24 MB."""
    return Text(raw)


@dataclass(frozen=True)
class Candidate:
    """A library item the full-text search returned, with its BM25 scores (higher is better)."""

    claim: Text
    title: Text
    bm25: float
    bm25_claim: float
    bm25_title: float


def features(
    query: Text, weights: dict[str, float], candidates: list[Candidate], rarest: float = 1.0
) -> list[list[float]]:
    """One feature row per candidate, in FEATURE_NAMES order. `weights` is each query stem's idf
    and `rarest` the idf of a term only one item holds. BM25 scores are divided by the query's
    total idf, and shared idf by `rarest`, so features compare across queries and across
    libraries of any size (a one-item library holding the very same claim scores as high as a
    large one)."""
    query_mass = sum(weights.get(s, 0.0) for s in query.stem_set) or 1.0
    rarest = rarest or 1.0
    best = max((c.bm25 for c in candidates), default=0.0)
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].bm25)
    rank = {index: position + 1 for position, index in enumerate(order)}
    query_numbers = query.numbers
    rows = []
    for i, candidate in enumerate(candidates):
        claim, title = candidate.claim, candidate.title
        item = claim.stem_set | title.stem_set
        shared = query.stem_set & item
        shared_mass = sum(weights.get(s, 0.0) for s in shared)
        # An item's numbers and trigrams count only against the query's: skip them when it has none.
        item_numbers = claim.numbers | title.numbers if query_numbers else frozenset()
        trigrams = (
            sum(1 for t in query.trigrams if t in claim.trigrams or t in title.trigrams)
            if query.trigrams
            else 0
        )
        rows.append(
            [
                candidate.bm25 / query_mass,
                candidate.bm25_claim / query_mass,
                candidate.bm25_title / query_mass,
                (best - candidate.bm25) / query_mass,
                1.0 / rank[i],
                shared_mass / query_mass,
                shared_mass / rarest,
                max((weights.get(s, 0.0) for s in shared), default=0.0) / rarest,
                float(trigrams),
                len(query.stem_set & claim.stem_set) / len(claim.stem_set)
                if claim.stem_set
                else 0.0,
                len(query.stem_set & title.stem_set) / len(title.stem_set)
                if title.stem_set
                else 0.0,
                len(shared) / len(item) if item else 0.0,
                jaccard(query.stem_set, claim.stem_set),
                jaccard(query.stem_set, title.stem_set),
                _bigram_overlap(query, claim, title),
                float(len(query_numbers & item_numbers)),
                1.0 if item_numbers and query_numbers and not query_numbers & item_numbers else 0.0,
                len(query.names & item) / len(query.names) if query.names else 0.0,
                cosine(query.grams, claim.grams),
                cosine(query.grams, title.grams),
            ]
        )
    return rows


def _bigram_overlap(query: Text, claim: Text, title: Text) -> float:
    item = claim.bigrams | title.bigrams
    return len(query.bigrams & item) / len(item) if item else 0.0
