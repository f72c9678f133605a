"""Paragraphs an extractor left out of an article laid out in several like blocks, or ran
together: a page that cuts its story into chunks (between ads, around an embedded box) can lose
every chunk but the first, with no word of it; a short page can come back as one paragraph of
its whole text, headline and byline glued to the first sentence. A paragraph that sits where the
kept ones sit (the same four ancestors, by tag and class, in the same <article> element, or on a
page without one, under the same <h1>) and is not in the body is put back after the kept
paragraph before it, when what is missing is a large share of the article, not a stray tip line.
The next story of an endless page, drawn in the same markup, has an <article> or a headline of
its own, and stays out."""

import re
from collections import Counter
from collections.abc import Iterator

# The ancestors that say where a paragraph sits: enough to tell the story's blocks from a list
# of teasers or comments, few enough that two blocks of one story agree.
SIGNATURE_DEPTH = 4
# A paragraph this long is prose: its place tells where the story is.
PROSE_CHARS = 100
# Put back only when the left-out paragraphs hold at least this share of the story's text.
MISSING_SHARE = 0.2
SHINGLE = 4
# Share of a paragraph's word runs found in the body for it to count as kept.
KEPT_SHARE = 0.5
_SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "button", "svg"))
_WORDS = re.compile(r"\w+")


def _signature(element) -> tuple:
    ancestors = []
    for ancestor in element.iterancestors():
        ancestors.append((ancestor.tag, ancestor.get("class") or ""))
        if len(ancestors) == SIGNATURE_DEPTH:
            break
    return tuple(ancestors)


def _text(element) -> str:
    if len(element) == 0:  # most paragraphs: text alone, no markup inside
        return " ".join((element.text or "").split())
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "br":
                parts.append(" ")
            elif isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def page_paragraphs(tree) -> list[tuple[tuple, str]]:
    """Each <p> of the page in order, with where it sits (its ancestors; the <article> that holds
    it, by its path in the page, or else how many <h1> come before it) and its text (spaces made
    single). Read before the extractor runs, which may change the tree."""
    found = []
    document = tree.getroottree()
    headlines = 0
    # Where the previous paragraph's parent sits: the paragraphs of one block share a parent,
    # and so its ancestors and <article>. (Held, so lxml gives that element back as itself.)
    parent, ancestors, article_path = None, (), None
    for element in tree.iter("p", "h1"):
        if element.tag == "h1":
            headlines += 1
            continue
        text = _text(element)
        if text:
            here = element.getparent()
            if here is None or here is not parent:
                parent = here
                ancestors = _signature(element)
                article = next(element.iterancestors("article"), None)
                article_path = None if article is None else document.getpath(article)
            story = headlines if article_path is None else article_path
            found.append((ancestors + (story,), text))
    return found


def _shingles(text: str) -> Iterator[tuple[str, ...]]:
    words = _WORDS.findall(text.casefold())
    if len(words) <= SHINGLE:
        if words:
            yield tuple(words)
        return
    for start in range(len(words) - SHINGLE + 1):
        yield tuple(words[start : start + SHINGLE])


def _body_index(body: list[str]) -> dict[tuple[str, ...], int]:
    """Each word run of the body and the first body paragraph it is in."""
    index: dict[tuple[str, ...], int] = {}
    for number, paragraph in enumerate(body):
        for shingle in _shingles(paragraph):
            index.setdefault(shingle, number)
    return index


def _kept_at(text: str, index: dict) -> int | None:
    """The body paragraph holding most of this paragraph's word runs (the first of those that
    hold as many), or None if the body does not have it. Not the first paragraph holding any:
    a phrase the story says twice ("council clinic rose by") would place a later paragraph at
    an early one, and the paragraphs left out after it before it."""
    shingles = list(_shingles(text))
    places = Counter(index[shingle] for shingle in shingles if shingle in index)
    if not shingles or places.total() < KEPT_SHARE * len(shingles):
        return None
    return max(places, key=lambda at: (places[at], -at))


def with_left_out_chunks(body: list[str], page: list[tuple[tuple, str]]) -> list[str]:
    """The body's paragraphs with the story's left-out paragraphs put back in page order, or the
    body as it is when nothing, or only a little, was left out."""
    whole = " ".join(" ".join(body).split())
    if all(text in whole for _, text in page if len(text) >= PROSE_CHARS):
        return body  # most pages: each prose paragraph is in the body word for word
    index = _body_index(body)
    # Where each prose paragraph is in the body (None: left out), worked out once.
    kept = {
        number: _kept_at(text, index)
        for number, (_, text) in enumerate(page)
        if len(text) >= PROSE_CHARS
    }
    story = {page[number][0] for number, at in kept.items() if at is not None}
    if not any(at is None and page[number][0] in story for number, at in kept.items()):
        return body  # what is missing sits elsewhere: teasers, comments, a footer
    placed = [
        (text, kept[number] if number in kept else _kept_at(text, index))
        for number, (signature, text) in enumerate(page)
        if signature in story
    ]
    kept_chars = sum(len(text) for text, at in placed if at is not None)
    missing_chars = sum(len(text) for text, at in placed if at is None)
    if missing_chars < MISSING_SHARE * (kept_chars + missing_chars):
        return body
    after: dict[int, list[str]] = {}
    anchor = -1
    for text, at in placed:
        if at is not None:
            anchor = max(anchor, at)
        elif text not in after.get(anchor, ()):
            after.setdefault(anchor, []).append(text)
    restored = list(after.get(-1, []))
    for number, paragraph in enumerate(body):
        restored.append(paragraph)
        restored.extend(after.get(number, []))
    return restored


def apart_again(body: list[str], page: list[tuple[tuple, str]], title: str | None) -> list[str]:
    """The page's own paragraphs, in order, when the body is their text run together into one
    paragraph with nothing else but the headline's words; else the body as it is (text outside
    the page's paragraphs, in a list, a heading or a box, would be lost)."""
    texts = [text for _, text in page]
    if len(body) != 1 or len(texts) < 2:
        return body
    rest = " ".join(body[0].split())
    for text in texts:
        at = rest.find(text)
        if at == -1:
            return body
        rest = f"{rest[:at]} {rest[at + len(text) :]}"
    rest = rest.casefold()
    if title:  # the headline as a whole, once: its words may make another sentence
        rest = rest.replace(" ".join(title.casefold().split()), " ", 1)
    return body if _WORDS.search(rest) else texts
