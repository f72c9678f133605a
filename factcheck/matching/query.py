"""A text made ready for matching: cleaned, analysed, and as a full-text search expression."""

from dataclasses import dataclass

from factcheck.matching import text as clean
from factcheck.matching.features import Text
from factcheck.matching.porter import stem

#: Longer texts are searched by their first this-many distinct content words.
MAX_SEARCH_WORDS = 48


@dataclass(frozen=True)
class Query:
    text: Text
    #: One search word per distinct stem, in the order they first appear.
    search_words: tuple[str, ...]

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(word) for word in self.search_words)


def prepare(raw: str) -> Query:
    cleaned = clean.clean_query(raw)
    seen: set[str] = set()
    search_words = []
    for word in clean.content_words(cleaned):
        key = stem(word)
        if key not in seen:
            seen.add(key)
            search_words.append(word)
    return Query(Text(cleaned), tuple(search_words[:MAX_SEARCH_WORDS]))


def rarest_words(prepared: Query, holding: dict[str, int], budget: int) -> tuple[str, ...]:
    """The search words to send to the index: rarest first (by how many items hold their stem),
    taken while the items they reach add up to at most `budget`, and always the rarest one. A
    word no item holds reaches nothing and is left out. Common words add little to a ranking but
    cost a scan of every item that holds them."""
    pairs = sorted(
        ((holding.get(s, 0), i) for i, s in enumerate(prepared.stems) if holding.get(s, 0)),
    )
    chosen: list[int] = []
    reached = 0
    for count, index in pairs:
        if chosen and reached + count > budget:
            break
        chosen.append(index)
        reached += count
    return tuple(prepared.search_words[i] for i in sorted(chosen))


def match_expression(words: tuple[str, ...]) -> str | None:
    """An FTS5 expression matching any of `words`, each quoted so none is read as an operator;
    None when there is nothing to search for."""
    if not words:
        return None
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
