"""The queue's article filter: an article's number or words of its title, and the articles it
suggests as you type (a menu of every article would not scale)."""

from collections.abc import Mapping
from typing import Any

from factcheck.db import Database
from factcheck.ids import require_id
from factcheck.store import articles as article_store
from factcheck.store.errors import NotFound
from factcheck.store.rows import ArticleRow

# Titles offered as you type in the article filter; more matches than this means type more.
ARTICLE_SUGGESTIONS = 10


def _is_number(text: str) -> bool:
    """Whether text is a number written in ASCII digits ("²" is a digit to str.isdigit)."""
    return text.isascii() and text.isdigit()


def article_value(value: str) -> str:
    """The article filter as typed: a number ("#" before it is allowed) is an article id, checked
    like any id; other text is words of a title, resolved in `resolve_article`."""
    number = value.removeprefix("#")
    if _is_number(number):
        return str(require_id(number, "article"))
    return value


def resolve_article(db: Database, values: dict[str, str]) -> list[dict] | None:
    """When the article filter holds words, the articles whose titles match: one match becomes the
    filter (its id replaces the words); with none or several the queue shows them to pick from
    instead of claims. None when the filter is not words."""
    words = values.get("article")
    if words is None or _is_number(words):
        return None
    matches = article_store.find_by_title(db, words, ARTICLE_SUGGESTIONS + 1)
    if len(matches) == 1:
        values["article"] = str(matches[0]["id"])
        return None
    return matches


def filtered_article(db: Database, values: dict[str, str]) -> ArticleRow | None:
    """The article the queue is filtered to, for its title beside the count; None when there is
    none (or no article has that number)."""
    if not _is_number(values.get("article", "")):
        return None
    try:
        return article_store.get_article(db, int(values["article"]))
    except NotFound:
        return None


def suggestions(db: Database, typed: str) -> list[Mapping[str, Any]]:
    """Articles whose number or title matches what is typed, the numbered one first, then titles
    newest first."""
    found: list[Mapping[str, Any]] = []
    number = typed.removeprefix("#")
    if _is_number(number):
        try:
            found.append(article_store.get_article(db, require_id(number, "article")))
        except NotFound:
            pass
    return found + article_store.find_by_title(db, typed, ARTICLE_SUGGESTIONS - len(found))
