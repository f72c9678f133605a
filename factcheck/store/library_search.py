"""Matching texts against the library of known fact-checks: full-text candidates and the nearest
by sentence embedding, re-ranked."""

from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from factcheck.db import Database, placeholders
from factcheck.matching.dense import DenseIndex, item_set
from factcheck.matching.embedding import embed, stands_in_for_title, title_to_embed
from factcheck.matching.features import (
    FEATURE_NAMES,
    SEMANTIC_FEATURE_NAMES,
    Candidate,
    analysed,
    features,
    idf,
)
from factcheck.matching.figures import (
    Counts,
    counted,
    counts_differ,
    figures_by_digits,
    point_moved,
)
from factcheck.matching.porter import stem
from factcheck.matching.query import Query, match_expression, prepare, rarest_words
from factcheck.matching.ranker import Model, default_model
from factcheck.matching.reference import nearest_reference, reference
from factcheck.matching.subjects import subjects_differ
from factcheck.quote_check import differ_in_substance
from factcheck.store import library_postings, library_vectors
from factcheck.store.claim_matches import SCORE_DECIMALS
from factcheck.store.mutation import query

#: The score above which a library item is offered as a previous check of a claim: the
#: re-ranker's probability that the item checks the same claim (see benchmarks/RESULTS.md).
MATCH_THRESHOLD = 0.5
#: A match whose claim writes a figure of the text with its point moved ("3.1 percent" against
#: "31 percent", "2.5 million" against "25 million"), or counts the same thing with other figures
#: ("4 percent" against "40 percent", "19 million euros" against "18.5 million euros", "50,000
#: vehicles" against "32,000 vehicles", "4 billion" against "4 million", "four hundred nurses"
#: against "300 nurses", "in March 2024" against "in March 2023"), is at most this sure: the
#: re-ranker, trained on tweets where a figure seldom decides, rates such a pair as the same
#: claim, and a desk would reuse a verdict on another number. It stays a lead above
#: MATCH_THRESHOLD: of the 997 CLEF tweets, 15 are so held with their verified claim (14 of
#: them train tweets): 4 name the year of another event than their check's ("not a photo from
#: 1939" and "in 2018"), the others misquote a number or a year ("two days" for "three days",
#: "1933" for "1932").
FIGURES_DIFFER_AT_MOST = 0.7
#: A match whose claim says what the text says of another subject ("Alibaba shares closed in New
#: York ..." against "Tencent shares closed in Hong Kong ...", "Donald Trump said ..." against
#: "Joe Biden said ...": see matching.subjects) is at most this sure, for the same reason: the
#: re-ranker reads a claim that shares every other word as the same claim, and a verdict on one
#: company, place or person would be reused for another.
SUBJECTS_DIFFER_AT_MOST = 0.7
#: At most about this many library items are scored by the full-text search for one text: its
#: rarest words are searched for until the items holding them add up to this (see
#: query.rarest_words). At 100,000 items a tweet reaches about 18,000, so only the commonest
#: words of long texts in large libraries are left out; the cost of ranking grows with it.
POSTINGS_BUDGET = 50_000
#: How many full-text hits the re-ranker looks at.
CANDIDATES = 30
#: How many items nearest by sentence embedding join them: they find the earlier checks that
#: share no telling word with the text (see benchmarks/RESULTS.md, claim matching).
DENSE_CANDIDATES = 10
#: Texts matched together: their embeddings are computed while their words are searched for.
_CHUNK = 64
#: A nearest item less like the text than this is no candidate: the cosines of unrelated texts
#: lie around 0 to 0.2 with this model, and no dev or train tweet's earlier check found only by
#: its embedding was below 0.25.
DENSE_MIN_COSINE = 0.2
#: Two candidates whose claims' embeddings are at least this alike check much the same claim
#: (see _scores).
SIBLING_COSINE = 0.9

_CANDIDATE_SQL = """
SELECT s.rowid AS id, -bm25(library_search, 1.0, 1.0) AS bm25,
       -bm25(library_search, 1.0, 0.0) AS bm25_claim, -bm25(library_search, 0.0, 1.0) AS bm25_title
FROM library_search AS s
WHERE library_search MATCH :expression
ORDER BY bm25(library_search, 1.0, 1.0)
LIMIT :limit
"""
_ITEM_COLUMNS = "id, origin, external_id, claim, title, rating, url, review_date, publisher"


@query
def search_candidates(db: Database, text: str, limit: int = CANDIDATES) -> list[dict]:
    """The library items whose claim or title shares words with `text`, best BM25 first, each
    with its BM25 scores over both fields, the claim alone and the title alone."""
    return _searched(db, prepare(text), limit, library_postings.in_step(db))[2]


@query
def find_matches(db: Database, text: str, top: int = 5, min_score: float = 0.0) -> list[dict]:
    """The library items that best match `text`, best first, at most `top`, each with a score
    in [0, 1] (the probability that it checks the same claim) of at least `min_score`."""
    return find_matches_many(db, [text], top=top, min_score=min_score)[0]


@query
def find_matches_many(
    db: Database,
    texts: list[str],
    top: int = 5,
    min_score: float = 0.0,
    model: Model | None = None,
    leave_out: Sequence[Collection[int] | int | None] | None = None,
) -> list[list[dict]]:
    """`find_matches` for each text, in order, sharing the work of reading the library;
    `leave_out` names, per text, an item or items the library is read without (a claim's own
    published verdict, which would otherwise be the best match every other check is scored
    against)."""
    model = model or default_model()
    results = []
    for text, featured in zip(texts, _featured(db, texts, leave_out), strict=True):
        items = featured.items
        figures, counts = figures_by_digits(text), counted(text)
        scored = [
            (_capped(score, text, figures, counts, items[item_id]["claim"]), -plain, item_id)
            for item_id, score, plain in _scores(model, featured, text)
        ]
        scored = [entry for entry in scored if entry[0] >= min_score]
        # Of two as sure, the one the re-ranker put first (see _scores), then the older item.
        scored.sort(key=lambda entry: (-entry[0], entry[1], entry[2]))
        results.append(
            [_result(items[item_id], score) for score, _, item_id in scored[: max(top, 0)]]
        )
    return results


def _capped(
    score: float, text: str, figures: dict[str, set[str]], counts: Counts, claim: str
) -> float:
    """The score, held at FIGURES_DIFFER_AT_MOST where the claim moves a point of the text's
    `figures` (figures_by_digits of the text) or counts what the text counts (`counts`, counted
    of the text) with other figures, and at SUBJECTS_DIFFER_AT_MOST where it says what the
    text says of another subject."""
    if score > SUBJECTS_DIFFER_AT_MOST and subjects_differ(text, claim):
        score = SUBJECTS_DIFFER_AT_MOST
    if score > FIGURES_DIFFER_AT_MOST and (
        point_moved(figures, figures_by_digits(claim)) or counts_differ(counts, claim)
    ):
        return FIGURES_DIFFER_AT_MOST
    return score


def _scores(model: Model, featured: "_Featured", text: str) -> list[tuple[int, float, float]]:
    """Each candidate's score. The re-ranker reads a candidate against the best of the others
    (how far it falls short of the nearest item, its rank), so of two checks of one claim the
    nearer pushes the other far down, with an opposite rating as often as not. A candidate
    with siblings (other candidates whose claims say much the same as its own: SIBLING_COSINE)
    is also read as if they were not there, and keeps the higher score, below its sibling's:
    every publisher's check of the claim is offered, each on its own merit, and the nearer
    stays first. Two claims that differ in a figure, a negation or a direction are no siblings,
    and a candidate that so differs from the text borrows nothing. Returns (id, score, the
    re-ranker's own score)."""
    rows = featured.rows
    plain = [(item_id, model.score(row)) for item_id, row in rows]
    if len(rows) < 2:
        return [(item_id, score, score) for item_id, score in plain]
    ids = [item_id for item_id, _ in rows]
    vectors = np.stack([featured.claim_vectors[item_id] for item_id in ids])
    close = (vectors @ vectors.T) >= SIBLING_COSINE
    claims = [featured.items[item_id]["claim"] for item_id in ids]

    def siblings(place: int, other: int) -> bool:
        # Alike in words, and not a check of the opposite ("lowers" for "raises") or of another
        # figure: those are other claims, whose verdicts do not carry over.
        return bool(close[place, other]) and not differ_in_substance(claims[place], claims[other])

    scores = []
    for place, (item_id, score) in enumerate(plain):
        others = [j for j in range(len(rows)) if j == place or not siblings(place, j)]
        if len(others) < len(rows) and not differ_in_substance(text, claims[place]):
            alone = _read_without(rows, place, others, featured.background)
            # Below the sibling that pushed it down, as the scores are kept: the nearer check
            # stays first wherever the matches are listed.
            nearer = max(plain[j][1] for j in range(len(rows)) if j not in others)
            below = round(nearer, SCORE_DECIMALS) - 10**-SCORE_DECIMALS
            score = max(score, min(model.score(alone), below))
        scores.append((item_id, score, plain[place][1]))
    return scores


_BM25, _BM25_GAP, _RANK = (FEATURE_NAMES.index(n) for n in ("bm25", "bm25_gap", "reciprocal_rank"))
_COS_CLAIM, _COS_CLAIM_GAP, _COS_TITLE, _COS_TITLE_GAP = (
    len(FEATURE_NAMES) + SEMANTIC_FEATURE_NAMES.index(n) for n in SEMANTIC_FEATURE_NAMES
)


def _read_without(rows, place: int, kept: list[int], background: float) -> list[float]:
    """The candidate at `place`'s feature row as if only the candidates at `kept` (itself among
    them) were there: its BM25 rank and gap, and how far its cosines fall short of the best
    (the claim's: of those candidates or, if nearer, a reference claim)."""
    row = list(rows[place][1])
    others = [rows[j][1] for j in kept]
    row[_BM25_GAP] = max(other[_BM25] for other in others) - row[_BM25]
    ahead = sum(
        1
        for j in kept
        if rows[j][1][_BM25] > row[_BM25] or (rows[j][1][_BM25] == row[_BM25] and j < place)
    )
    row[_RANK] = 1.0 / (ahead + 1)
    best_claim = max(background, *(other[_COS_CLAIM] for other in others))
    row[_COS_CLAIM_GAP] = best_claim - row[_COS_CLAIM]
    row[_COS_TITLE_GAP] = max(other[_COS_TITLE] for other in others) - row[_COS_TITLE]
    return row


@query
def match_features(
    db: Database, texts: list[str], leave_out: Sequence[int | None] | None = None
) -> list[list[tuple[int, list[float]]]]:
    """For each text, its candidates as (library id, re-ranker features): the full-text ones best
    BM25 first, then the nearest by embedding that are not among them. What the re-ranker is
    trained on. `leave_out` names, per text, an item to act as if the library did not hold
    (None: none), to learn what a text with no earlier check looks like."""
    return [featured.rows for featured in _featured(db, texts, leave_out)]


def _featured(
    db: Database, texts: list[str], leave_out: Sequence[Collection[int] | int | None] | None = None
):
    documents = _library_size(db)
    if not documents:
        yield from (_NOTHING for _ in texts)
        return
    reference_documents, reference_terms = reference()
    summed = library_postings.in_step(db)
    index = library_vectors.dense_index(db)
    library = _Library(index, documents + reference_documents, reference_terms)
    for start in range(0, len(texts), _CHUNK):
        chunk = [prepare(raw) for raw in texts[start : start + _CHUNK]]
        absent = [
            item_set(items)
            for items in (leave_out[start : start + _CHUNK] if leave_out else [None] * len(chunk))
        ]
        # The texts are embedded and their nearest items found in a second thread while the words
        # are searched for: ONNX Runtime, numpy and SQLite all let go of the GIL.
        with ThreadPoolExecutor(max_workers=1) as pool:
            running = pool.submit(
                _nearest, index, [prepared.text.raw for prepared in chunk], absent
            )
            searched = [_searched(db, prepared, CANDIDATES + 1, summed) for prepared in chunk]
            vectors, nearest, background = running.result()
        for n, prepared in enumerate(chunk):
            holding, terms, hits = searched[n]
            scored = {hit["id"]: hit for hit in hits if hit["id"] not in absent[n]}
            ids = list(scored)[:CANDIDATES]
            near = [
                item_id
                for item_id, cosine in zip(nearest[n].ids, nearest[n].cosines, strict=True)
                if cosine >= DENSE_MIN_COSINE and item_id not in ids
            ]
            if near and terms:
                scored.update((hit["id"], hit) for hit in library_postings.scores(db, terms, near))
            ids += near
            if not ids:
                yield _NOTHING
                continue
            yield _rows(
                db, library, prepared, holding, ids, scored, vectors[n], nearest[n].best,
                float(background[n]),
            )  # fmt: skip


def _nearest(index: DenseIndex, texts: list[str], absent: list[frozenset[int]]):
    """The texts' vectors (of the cleaned text: links gone, hashtags split, a third fewer word
    pieces for a tweet), their nearest items, and their highest cosine with a reference claim."""
    vectors = embed(texts)
    return vectors, index.nearest(vectors, DENSE_CANDIDATES, absent), nearest_reference(vectors)


@dataclass(frozen=True)
class _Library:
    """What every text's features read of the library: its vectors, and for word rarity how
    many documents it and the reference set hold and the reference set's counts."""

    index: DenseIndex
    documents: int
    reference_terms: dict[str, int]


@dataclass(frozen=True)
class _Featured:
    """A text's candidates: their items, their feature rows (id, features) in candidate order,
    their claims' vectors, and the text's highest cosine with a reference claim."""

    items: dict[int, dict]
    rows: list[tuple[int, list[float]]]
    claim_vectors: dict[int, np.ndarray]
    background: float


_NOTHING = _Featured({}, [], {}, 0.0)


def _rows(
    db: Database,
    library: _Library,
    prepared: Query,
    holding: dict[str, int],
    ids: list[int],
    scored: dict[int, dict],
    vector: np.ndarray,
    nearest_best: float,
    background: float,
) -> _Featured:
    """The candidates' items and feature rows: lexical, then semantic."""
    items = _items(db, ids)
    candidates = [_candidate(items[item_id], scored.get(item_id)) for item_id in ids]
    # Word rarity from the library's counts plus the reference set's (see matching.reference).
    total = library.documents
    weights = {
        s: idf(total, holding.get(s, 0) + library.reference_terms.get(s, 0))
        for s in prepared.text.stem_set
    }
    rows = features(prepared.text, weights, candidates, rarest=idf(total, 1))
    held = _vectors(library.index, ids, items)
    semantic = _semantic(held, vector, ids, max(nearest_best, background))
    return _Featured(
        items,
        [(item_id, row + extra) for item_id, row, extra in zip(ids, rows, semantic, strict=True)],
        {item_id: held[item_id][0] for item_id in ids},
        background,
    )


def _vectors(index: DenseIndex, ids: list[int], items: dict[int, dict]) -> dict:
    """The candidates' (claim, title) vectors; those not embedded yet are embedded here."""
    held = index.vectors(ids)
    lacking = [item_id for item_id in ids if item_id not in held]
    if lacking:
        claims = embed([items[item_id]["claim"] for item_id in lacking])
        titles = embed([title_to_embed(items[item_id]) for item_id in lacking])
        held.update(zip(lacking, zip(claims, titles, strict=True), strict=True))
    return held


def _semantic(held: dict, query: np.ndarray, ids: list[int], best: float) -> list[list[float]]:
    """Per candidate, in SEMANTIC_FEATURE_NAMES order: the cosines of the text with its claim and
    its title (`held`: their vectors), and how far each falls short of the best (the claim's:
    `best`, the nearest item's in the library or, if nearer, a reference claim's; the title's:
    the best candidate's)."""
    claim_cosines = [float(held[item_id][0] @ query) for item_id in ids]
    title_cosines = [float(held[item_id][1] @ query) for item_id in ids]
    best_claim = max(best, *claim_cosines)
    best_title = max(title_cosines)
    return [
        [claim, best_claim - claim, title, best_title - title]
        for claim, title in zip(claim_cosines, title_cosines, strict=True)
    ]


def _result(item: dict, score: float) -> dict:
    return {
        "library_id": item["id"],
        "external_id": item["external_id"],
        "claim": item["claim"],
        "title": item["title"],
        "rating": item["rating"],
        "url": item["url"],
        "review_date": item["review_date"],
        "publisher": item["publisher"],
        "score": round(score, 4),
        "own": item["origin"] == "own",
    }


def _searched(
    db: Database, prepared: Query, limit: int, summed: bool
) -> tuple[dict[str, int], dict[str, int] | None, list[dict]]:
    """How many items hold each of the text's stems, the terms ranked by (None when the
    full-text index ranks), and the items bm25() ranks highest for the text's rarest words:
    summed from the postings table when it is in step with the library (`summed`: the same
    scores, without a bm25() call per item), else by the full-text index itself."""
    holding = _holding(db, prepared, summed)
    words = rarest_words(prepared, holding, POSTINGS_BUDGET)
    if not words:
        return holding, None, []
    if summed:
        chosen = {stem(word) for word in words}
        terms = {term: count for term, count in holding.items() if term in chosen}
        return holding, terms, library_postings.ranked(db, terms, limit)
    expression = match_expression(words)
    hits = list(db.query(_CANDIDATE_SQL, {"expression": expression, "limit": limit}))
    return holding, None, hits


def _candidate(item: dict, scores: dict | None) -> Candidate:
    """An item as the re-ranker reads it. The desk's own verdicts carry their article's headline
    as title, which speaks of the story, not the claim: as for their embedding (title_to_embed),
    their claim stands in for it, with the claim's BM25 as the title's, so that another claim of
    the same story (its headline, above all) is not taken for a repeat of the checked one."""
    bm25, bm25_claim, bm25_title = (
        (scores["bm25"], scores["bm25_claim"], scores["bm25_title"]) if scores else (0.0, 0.0, 0.0)
    )
    if stands_in_for_title(item):
        bm25, bm25_title = 2 * bm25_claim, bm25_claim
    return Candidate(
        analysed(item["claim"]), analysed(title_to_embed(item)), bm25, bm25_claim, bm25_title
    )


def _items(db: Database, ids: list[int]) -> dict[int, dict]:
    marks = placeholders(ids)
    rows = db.query(f"SELECT {_ITEM_COLUMNS} FROM library_items WHERE id IN ({marks})", ids)
    return {row["id"]: row for row in rows}


def _library_size(db: Database) -> int:
    """About how many items the library holds, read at no cost: the highest id (deleted items
    still count, which moves an idf by a negligible amount)."""
    return db.execute("SELECT coalesce(max(id), 0) FROM library_items").fetchone()[0]


def _holding(db: Database, prepared: Query, summed: bool) -> dict[str, int]:
    """How many library items hold each of the text's stems (those none holds are left out):
    the postings' own counts when they are in step (`summed`), else the full-text index's."""
    stems = sorted(prepared.text.stem_set)
    if not stems:
        return {}
    if summed:
        return library_postings.holding(db, stems)
    marks = placeholders(stems)
    sql = f"SELECT term, doc FROM library_search_terms WHERE term IN ({marks})"
    return dict(db.execute(sql, stems).fetchall())
