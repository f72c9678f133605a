"""Drop the parts of an HTML page a reader never sees before the article is extracted: elements
marked hidden, styled out of sight, or built to pop up on hover (name cards, tooltips)."""

import re

from lxml import etree
from lxml import html as lxml_html

# Class names of content that pops up only when the reader hovers or clicks (a part of the name
# is enough: "rollover-people-block"), and of content hidden from sight (the whole name).
_POPUP_PART = re.compile(r"tooltip|popover|rollover|hovercard|hover-card", re.IGNORECASE)
# Such a name that marks the words the reader sees and hovers over, not the box that pops up:
# "has-tooltip", "glossary-tooltip-trigger", "popover-link", "rollover-people-link".
_POPUP_TRIGGER = re.compile(r"^has-|link|trigger|toggle|anchor|button|btn", re.IGNORECASE)
# And a name for the box itself: "tooltiptext", "tooltip_popup", "popover-content",
# "rollover-people-block", "hovercard".
_POPUP_BOX = re.compile(
    r"(?:text|content|block|box|body|card|inner|panel|popup|bubble|pane|wrap|container)s?$",
    re.IGNORECASE,
)
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
    return _pops_up(element, classes) or not _HIDDEN_NAMES.isdisjoint(classes.lower().split())


def _pops_up(element, classes: str) -> bool:
    """Whether the element is a box that pops up on hover; not the words hovered over, nor what
    holds both ("rollover-people" around a name's link and its card; w3schools' "tooltip"
    around the words and their "tooltiptext"). A box is named so ("tooltiptext",
    "rollover-people-block"), or is the innermost of such elements ("term" > "tooltip"); words
    hovered over are named so ("has-tooltip", "popover-link") or carry the tip in an attribute
    (<abbr class="tooltip" title="National Health Service">)."""
    names = [name for name in classes.split() if _POPUP_PART.search(name)]
    if not names or any(_POPUP_TRIGGER.search(name) for name in names):
        return False
    if any(_POPUP_BOX.search(name) for name in names):
        return True
    if any(element.get(attribute) is not None for attribute in _TIP_ATTRIBUTES):
        return False
    return not _holds_a_pop_up(element)


# Attributes that hold a tip the words show on hover: the element with one is the words.
_TIP_ATTRIBUTES = ("title", "data-toggle", "data-bs-toggle", "data-tooltip", "data-tippy-content")


def _holds_a_pop_up(element) -> bool:
    """Whether an element inside this one is also named for a pop-up (this one holds the words
    and their box)."""
    for inner in element.iterdescendants():
        if isinstance(inner.tag, str) and _POPUP_PART.search(inner.get("class") or ""):
            return True
    return False


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
