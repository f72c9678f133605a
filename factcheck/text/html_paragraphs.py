"""Paragraphs of an article from trafilatura's output tree: list items, tables and line breaks
kept apart, the headline and links to other stories left out. Promotional lines written into the
article are kept: the claim splitter marks them as not a claim, so reviewers see them and can
reclassify them."""

import re

_INLINE_SPACE = re.compile(r"[^\S\n]+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014\u00b7\u00bb:]\s+|:\s+")
_CONTAINER_CHILDREN = {"p", "head", "list", "quote", "table", "code"}
_BLOCK_TAGS = frozenset((*_CONTAINER_CHILDREN, "item", "row", "cell"))
# The words a promo puts before a link to another story, and nothing else.
_PROMO_LABEL = re.compile(
    r"\W*(?:also read|read also|read more|more|see also|also see|related(?: stories| articles)?"
    r"|recommended|must read|don'?t miss|watch|listen|more on this(?: story)?)\s*[:|»›>\-–—]?\W*",
    re.IGNORECASE,
)
_BARE_ADDRESS = re.compile(r"\s*https?://\S+\s*")


def _word_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _title_keys(title: str | None) -> set[str]:
    """The headline and its parts around ' | ', ' - ', ': ' (site names, kickers)."""
    if not title:
        return set()
    keys = {_word_key(title)}
    for part in _TITLE_SEPARATORS.split(title):
        if len(_word_key(part).split()) >= 4:
            keys.add(_word_key(part))
    return keys


# A quotation or code that trafilatura writes as <quote> or <code> whether the page had a block
# (<blockquote>, <pre>) or words inside a sentence (<q>, <code>).
_BLOCK_OR_INLINE = frozenset(("quote", "code"))
_QUOTE_MARKS = "\"'“”‘’«»„"


def _has_words_around(element) -> bool:
    """Whether the element's own text, outside its children, holds words."""
    return bool((element.text or "").strip()) or any((c.tail or "").strip() for c in element)


def _is_block(child, parent) -> bool:
    """A block child starts a line of its own; a quotation or code with words of its parent
    around it sits inside the sentence ("said the rule <q>will cost nothing</q> and"), unless
    it holds paragraphs or lines of its own (a <blockquote> or <pre>) or follows a finished
    sentence."""
    if child.tag in _BLOCK_OR_INLINE and _has_words_around(parent) and _inside_a_sentence(child):
        return False
    return child.tag in _BLOCK_TAGS


# The end of a sentence before a quotation that is a block of its own ("... on Monday.
# <blockquote>We will ..."), however the page's markup was laid out.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")


def _text_before(child) -> str:
    """The parent's text just before the child: the tail of the child before it, or the
    parent's own text."""
    previous = child.getprevious()
    return (previous.tail if previous is not None else child.getparent().text) or ""


def _inside_a_sentence(child) -> bool:
    before = _text_before(child)
    holds_blocks = any(grandchild.tag in _BLOCK_TAGS for grandchild in child)
    return (
        not holds_blocks
        and "\n" not in "".join(child.itertext()).strip()
        and bool(before.strip())
        and not _SENTENCE_END.search(before)
    )


def _text_parts(element, skip: frozenset[str] = frozenset()) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            inner = "".join(_text_parts(child, skip))
            if _is_block(child, element):
                # A block inside an item or a cell (two <p> in one <li>) is a line of its own,
                # never glued to the text before it ("until 2028.That will").
                parts += ["\n", inner, "\n"]
            elif child.tag in _BLOCK_OR_INLINE:
                # Inside a sentence, a line break of the page's markup around it is a space.
                parts[-1] = _one_line_end(parts[-1])
                parts.append(_spaced(parts, _quoted(child, inner)))
            else:
                parts.append(inner)
        if child.tail:
            # trafilatura drops the space after a quotation or code inside an item's sentence.
            inline = child.tag in _BLOCK_OR_INLINE and not _is_block(child, element)
            tail = _one_line_start(child.tail) if inline else child.tail
            parts.append(_spaced(parts, tail) if inline else tail)
    return parts


def _one_line_end(text: str) -> str:
    stripped = text.rstrip()
    return stripped + " " if stripped != text else text


def _one_line_start(text: str) -> str:
    stripped = text.lstrip()
    return " " + stripped if stripped != text else text


def _spaced(parts: list[str], text: str) -> str:
    """`text` with a space before it when it and what comes before would make one word."""
    before = "".join(parts[-2:])[-1:]
    glued = before.isalnum() or before in "”’"
    return " " + text if glued and text[:1].isalnum() else text


def _quoted(child, text: str) -> str:
    """A quotation inside a sentence in the marks a browser draws around <q> (“ and ”), unless
    the page wrote its own marks around it."""
    if child.tag != "quote" or not text.strip():
        return text
    before = _text_before(child)
    if text.strip()[0] in _QUOTE_MARKS or before.rstrip()[-1:] in tuple(_QUOTE_MARKS):
        return text
    return f"“{text}”"


def _inline_text(element, skip: frozenset[str] = frozenset()) -> str:
    """A block's text: <lb> becomes a line break, other whitespace runs one space."""
    lines = "".join(_text_parts(element, skip)).split("\n")
    return "\n".join(filter(None, (_INLINE_SPACE.sub(" ", line).strip() for line in lines)))


def _loose_text(text: str | None) -> list[str]:
    cleaned = _INLINE_SPACE.sub(" ", text or "").strip()
    return [cleaned] if cleaned else []


def _is_link_only(element) -> bool:
    linked = _word_key("".join("".join(ref.itertext()) for ref in element.iter("ref")))
    return bool(linked) and linked == _word_key("".join(element.itertext()))


def _is_labelled_link(element) -> bool:
    """A paragraph that is a link to another story behind a promo label: "Read more: <link>"."""
    if element.find(".//ref") is None:
        return False
    unlinked = "".join(element.xpath(".//text()[not(ancestor::ref)]"))
    return _PROMO_LABEL.fullmatch(unlinked) is not None


def _is_link_promo(element) -> bool:
    """A list of nothing but links, an all-capitals line that is one link, a link behind a
    promo label, or a bare web address: teasers and navigation."""
    if element.tag == "list":
        items = list(element.iter("item"))
        return bool(items) and all(_is_link_only(item) for item in items)
    if element.tag in ("p", "head"):
        if len(element) == 0 and _BARE_ADDRESS.fullmatch(element.text or ""):
            return True
        return (_is_link_only(element) and "".join(element.itertext()).isupper()) or (
            _is_labelled_link(element)
        )
    return False


def _block_paragraphs(element) -> list[tuple[str, str]]:
    """(kind, text) for each paragraph in one block of trafilatura's output tree."""
    if element.tag == "list":
        items = (_inline_text(item, skip=frozenset({"list"})) for item in element.iter("item"))
        return [("item", text) for text in items if text]
    if element.tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [text for text in (_inline_text(cell) for cell in row.iter("cell")) if text]
            # A row of one cell is a page laid out in a table: its lines stay lines.
            if len(cells) > 1:
                cells = [cell.replace("\n", " ") for cell in cells]
            rows.append(" | ".join(cells))
        text = "\n".join(row for row in rows if row)
        return [("table", text)] if text else []
    if any(child.tag in _CONTAINER_CHILDREN and _is_block(child, element) for child in element):
        paragraphs = [("text", text) for text in _loose_text(element.text)]
        for child in element:
            paragraphs.extend(_block_paragraphs(child))
            paragraphs.extend(("text", text) for text in _loose_text(child.tail))
        return paragraphs
    text = _inline_text(element)
    return [(element.tag, text)] if text else []


def article_paragraphs(body, title: str | None) -> list[str]:
    """The paragraphs of an extracted body, without the headline and promotional lines."""
    headline_keys = _title_keys(title)
    paragraphs = _loose_text(body.text)
    for element in body:
        if not _is_link_promo(element):
            for kind, text in _block_paragraphs(element):
                if kind in ("head", "p") and _word_key(text) in headline_keys:
                    continue
                paragraphs.append(text)
        paragraphs.extend(_loose_text(element.tail))
    return paragraphs
