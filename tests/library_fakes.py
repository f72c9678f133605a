"""A matcher with predictable scores for tests of the plumbing around factcheck.store.library_search:
the share of words the query and a library claim have in common. Tests only."""

import re

MATCH_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def find_matches_many(db, texts, top=5, min_score=0.0, leave_out=None):
    items = list(db.query("SELECT * FROM library_items ORDER BY id"))
    results = []
    for number, text in enumerate(texts):
        words = _words(text)
        scored = []
        for item in items:
            if leave_out and item["id"] in leave_out[number]:
                continue
            theirs = _words(item["claim"])
            score = len(words & theirs) / len(words | theirs) if words and theirs else 0.0
            if score >= min_score and score > 0:
                scored.append((score, item))
        scored.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
        results.append(
            [
                {
                    "library_id": item["id"],
                    "external_id": item["external_id"],
                    "claim": item["claim"],
                    "title": item["title"],
                    "rating": item["rating"],
                    "url": item["url"],
                    "review_date": item["review_date"],
                    "publisher": item["publisher"],
                    "score": score,
                    "own": item["origin"] == "own",
                }
                for score, item in scored[:top]
            ]
        )
    return results


def find_matches(db, text, top=5, min_score=0.0):
    return find_matches_many(db, [text], top=top, min_score=min_score)[0]
