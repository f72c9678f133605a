"""Matching texts against the library of known fact-checks: full-text candidates, re-ranked."""

from factcheck.matching.features import Candidate, analysed, features, idf
from factcheck.matching.porter import stem
from factcheck.matching.query import Query, phrase, prepare, rarest_words
from factcheck.matching.ranker import Model, default_model
from factcheck.matching.reference import reference
from factcheck.store.mutation import query

#: The score above which a library item is offered as a previous check of a claim: the
#: re-ranker's probability that the item checks the same claim (see benchmarks/RESULTS.md).
MATCH_THRESHOLD = 0.5
#: At most about this many (item, word) pairs are gathered for one text: its rarest words are
#: searched for until the items holding them add up to this (see query.rarest_words). Common
#: words add little to a ranking but cost a pass over every item that holds them.
POSTINGS_BUDGET = 30_000
#: How many items, by summed word rarity alone, are then weighed by their length.
GATHERED = 100
#: How many candidates the re-ranker looks at.
CANDIDATES = 30
#: Length normalisation of the first-stage score, BM25's k1 and b (b chosen on the training
#: tweets; see benchmarks/RESULTS.md).
K1 = 1.2
B = 0.5

# One UNION ALL arm per (word, column): the items whose claim (or title) holds the word, with
# the word's rarity. Summing these in SQL is several times quicker than ranking every item that
# shares a word with FTS5's bm25() (benchmarks/RESULTS.md), and only the top GATHERED are then
# weighed by their length.
_ARM = "SELECT rowid AS id, ? AS claim_weight, ? AS title_weight FROM library_search WHERE library_search MATCH ?"
_CANDIDATE_SQL = """
WITH gathered AS (
    SELECT id, sum(claim_weight) AS claim_score, sum(title_weight) AS title_score
    FROM ({arms}) GROUP BY id
    ORDER BY claim_score + title_score DESC, id LIMIT :gathered
)
SELECT i.id, i.origin, i.external_id, i.claim, i.title, i.rating, i.url, i.review_date,
       i.publisher, g.claim_score, g.title_score,
       (g.claim_score + g.title_score)
       / (1 + :k1 * (1 - :b + :b * (length(i.claim) + coalesce(length(i.title), 0)) / :average))
       AS score
FROM gathered AS g JOIN library_items AS i ON i.id = g.id
ORDER BY score DESC, i.id
LIMIT :limit
"""


@query
def search_candidates(db, text: str, limit: int = CANDIDATES) -> list[dict]:
    """The library items whose claim or title shares words with `text`, best first, each with
    its first-stage scores: `score` (the summed rarity of the query words its claim and title
    hold, per field, weighed by the item's length as BM25 does), `claim_score` and
    `title_score` (the summed rarity of the words each field holds)."""
    prepared = prepare(text)
    holding = _holding(db, prepared)
    return _candidates(db, prepared, holding, _weights(db, prepared, holding), limit)


@query
def find_matches(db, text: str, top: int = 5, min_score: float = 0.0) -> list[dict]:
    """The library items that best match `text`, best first, at most `top`, each with a score
    in [0, 1] (the probability that it checks the same claim) of at least `min_score`."""
    return find_matches_many(db, [text], top=top, min_score=min_score)[0]


@query
def find_matches_many(
    db, texts: list[str], top: int = 5, min_score: float = 0.0, model: Model | None = None
) -> list[list[dict]]:
    """`find_matches` for each text, in order, sharing the work of reading the library."""
    model = model or default_model()
    results = []
    for items, rows in _featured(db, texts):
        scored = [(model.score(row), item_id) for item_id, row in rows]
        scored = [pair for pair in scored if pair[0] >= min_score]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        results.append([_result(items[item_id], score) for score, item_id in scored[: max(top, 0)]])
    return results


@query
def match_features(
    db, texts: list[str], leave_out: list[int | None] | None = None
) -> list[list[tuple[int, list[float]]]]:
    """For each text, its full-text candidates as (library id, re-ranker features), best BM25
    first: what the re-ranker is trained on. `leave_out` names, per text, an item to act as if
    the library did not hold (None: none), to learn what a text with no earlier check looks like."""
    return [rows for _items, rows in _featured(db, texts, leave_out)]


def _featured(db, texts: list[str], leave_out: list[int | None] | None = None):
    for n, raw in enumerate(texts):
        prepared = prepare(raw)
        holding = _holding(db, prepared)
        weights = _weights(db, prepared, holding)
        hits = _candidates(db, prepared, holding, weights, CANDIDATES + 1)
        absent = leave_out[n] if leave_out else None
        hits = [hit for hit in hits if hit["id"] != absent][:CANDIDATES]
        if not hits:
            yield {}, []
            continue
        candidates = [
            Candidate(
                analysed(hit["claim"]),
                analysed(hit["title"] or ""),
                hit["score"],
                hit["claim_score"],
                hit["title_score"],
            )
            for hit in hits
        ]
        rows = features(prepared.text, weights, candidates, rarest=weights[_RAREST])
        items = {hit["id"]: hit for hit in hits}
        yield items, [(hit["id"], row) for hit, row in zip(hits, rows, strict=True)]


#: The key in a weights dict under which _weights keeps the rarity of a word only one item holds.
_RAREST = ""


def _weights(db, prepared: Query, holding: dict[str, int]) -> dict[str, float]:
    """Each query stem's rarity (idf), from the library's counts plus the reference set's (see
    matching.reference), and under _RAREST that of a word one item holds."""
    reference_documents, reference_terms, _average = reference()
    total = _library_size(db) + reference_documents
    weights = {
        s: idf(total, holding.get(s, 0) + reference_terms.get(s, 0)) for s in prepared.text.stem_set
    }
    weights[_RAREST] = idf(total, 1)
    return weights


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


def _candidates(
    db, prepared: Query, holding: dict[str, int], weights: dict[str, float], limit: int
) -> list[dict]:
    words = rarest_words(prepared, holding, POSTINGS_BUDGET)
    if not words:
        return []
    params: list = []
    for word in words:
        weight = weights[stem(word)]
        quoted = phrase(word)
        params += [weight, 0.0, f"claim : {quoted}", 0.0, weight, f"title : {quoted}"]
    sql = _CANDIDATE_SQL.format(arms=" UNION ALL ".join([_ARM] * (2 * len(words))))
    named = {"gathered": GATHERED, "k1": K1, "b": B, "average": reference()[2], "limit": limit}
    # sqlite3 takes either positional or named parameters: number the named ones after the arms'.
    for key, value in named.items():
        sql = sql.replace(f":{key}", f"?{len(params) + 1}")
        params.append(value)
    return list(db.query(sql, params))


def _library_size(db) -> int:
    """About how many items the library holds, read at no cost: the highest id (deleted items
    still count, which moves an idf by a negligible amount)."""
    return db.execute("SELECT coalesce(max(id), 0) FROM library_items").fetchone()[0]


def _holding(db, prepared: Query) -> dict[str, int]:
    """How many library items hold each of the text's stems (those none holds are left out)."""
    stems = sorted(prepared.text.stem_set)
    if not stems:
        return {}
    marks = ", ".join("?" * len(stems))
    sql = f"SELECT term, doc FROM library_search_terms WHERE term IN ({marks})"
    return dict(db.execute(sql, stems).fetchall())
