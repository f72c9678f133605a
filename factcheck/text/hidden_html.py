"""Drop the parts of an HTML page a reader never sees before the article is extracted: elements
marked hidden, styled out of sight, or built to pop up on hover (name cards, tooltips)."""

import re

from lxml import etree
from lxml import html as lxml_html

# Class names of content that pops up only when the reader hovers or clicks (a part of the name
# is enough: "rollover-people-block"), and of content hidden from sight (the whole name).
_POPUP_PART = re.compile(r"tooltip|popover|rollover|hovercard|hover-card", re.IGNORECASE)
_HIDDEN_NAMES = frozenset("hidden is-hidden visually-hidden sr-only screen-reader-text".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Candidates are found by XPath so that only elements with one of these attributes are visited.
_CANDIDATES = etree.XPath("//*[@hidden or @style or @class]")


def is_hidden(element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = element.get("class")
    if not classes:
        return False
    return bool(_POPUP_PART.search(classes)) or not _HIDDEN_NAMES.isdisjoint(
        classes.lower().split()
    )


def visible_tree(html: str):
    """The page parsed by lxml without its hidden parts; None if lxml cannot read it."""
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for element in _CANDIDATES(tree):
        if (
            element.getparent() is not None
            and element.tag not in ("html", "body")
            and is_hidden(element)
        ):
            element.drop_tree()
    return tree
