"""Drop the parts of an HTML page a reader never sees before the article is extracted: elements
marked hidden, styled out of sight, or built to pop up on hover (name cards, tooltips)."""

import re

from lxml import etree
from lxml import html as lxml_html

# Class names of content that pops up only when the reader hovers or clicks (a part of the name
# is enough: "rollover-people-block"), and of content hidden from sight (the whole name).
_POPUP_PART = re.compile(r"tooltip|popover|rollover|hover-?card|tippy", re.IGNORECASE)
# Such a name that marks the words the reader sees and hovers over, not the box that pops up:
# "has-tooltip", "glossary-tooltip-trigger", "popover-link", "rollover-people-link".
_POPUP_TRIGGER = re.compile(
    r"^has-|link|trigger|toggle|anchor|button|btn|tooltipstered", re.IGNORECASE
)
# And a name for the box itself, a word for a box after the pop-up's: "tooltiptext",
# "tooltip_popup", "popover-content", "rollover-people-block", "tippy-box", "tooltip_templates"
# ("user-hovercard" is a link to a person, whose card pops up elsewhere).
_POPUP_BOX = re.compile(
    r"(?:tooltip|popover|rollover|hover-?card|tippy)[\w-]*?"
    r"(?:text|content|block|box|body|card|inner|panel|popup|bubble|pane|template)s?$",
    re.IGNORECASE,
)
_HIDDEN_NAMES = frozenset("hidden is-hidden visually-hidden sr-only screen-reader-text".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Candidates are found by XPath so that only elements with one of these attributes are visited.
_CANDIDATES = etree.XPath("//*[@hidden or @style or @class or @role]")
_DESCRIBED_BY = etree.XPath("//@aria-describedby")


def is_hidden(element, described: frozenset[str] = frozenset()) -> bool:
    """Whether the reader never sees the element; `described` holds the ids the page's elements
    name in aria-describedby (the tips their words show on hover or focus)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if element.get("role") == "tooltip" and _pops_up_as_a_tip(element, described):
        return True
    classes = element.get("class")
    if not classes:
        return False
    return _pops_up(element, classes) or not _HIDDEN_NAMES.isdisjoint(classes.lower().split())


def _pops_up_as_a_tip(element, described: frozenset[str]) -> bool:
    """Whether an element given role="tooltip" is the box that pops up beside the words it
    explains: the words name it in aria-describedby, it is a box of its own (<div
    role="tooltip" class="glossary-pop">), or it ends a term inside a small inline element
    (<a>NHS<span role="tooltip">National Health Service</span></a>). Words in the run of a
    sentence given the role ("the <span role="tooltip">NHS</span> trust", "<em>misled patients
    about <span role="tooltip">waiting times</span></em>.") are the words."""
    tip_id = element.get("id")
    return (
        (tip_id is not None and tip_id in described)
        or element.tag not in _INLINE
        or (_after_its_words(element) and _ends_a_term(element))
    )


def _ends_a_term(element) -> bool:
    """Whether the words before the element in its parent are a term a tip explains: written
    against it with no space between (<a>Jerome Powell<span role="tooltip">Chair of the
    Federal Reserve</span></a>, which no sentence's words are), or an abbreviation ("ONS",
    "NHS"); not a sentence's words ("misled patients about", "Ministers", "Boris Johnson",
    "2023": a capital or a digit starts a sentence's words too)."""
    # The element ends its parent (_after_its_words): the parent's text is the words, then it.
    text = "".join(element.getparent().itertext())
    tip = element.text_content()
    before = text[: len(text) - len(tip)]
    if before[-1:].isalnum() and tip[:1].isalnum():
        return True
    return all(_is_an_abbreviation(word) for word in before.split())


def _is_an_abbreviation(word: str) -> bool:
    """Whether a word is written in capitals of two letters or more ("ONS", "A&E", "COVID-19")."""
    return word.isupper() and sum(character.isalpha() for character in word) >= 2


def _pops_up(element, classes: str) -> bool:
    """Whether the element is a box that pops up on hover, not the words hovered over nor what
    holds both ("rollover-people" around a name's link and its card; a "tooltip" around its
    words and their "tooltiptext"). A box is named so ("tooltiptext", "rollover-people-block",
    "popover-content"), or follows the words it explains inside the same small element (<a
    class="term">NHS<span class="tooltip">...</span></a>, a footnote's number and its
    "footnote-popover"); words hovered over may be named so too ("has-tooltip", "popover-link",
    "tooltipstered" on words in a sentence)."""
    names = [name for name in classes.split() if _POPUP_PART.search(name)]
    if not names or any(_POPUP_TRIGGER.search(name) for name in names):
        return False
    if any(_POPUP_BOX.search(name) for name in names):
        return True
    return _after_its_words(element)


# Elements that hold a few words inline: the words a pop-up explains and the pop-up itself.
_INLINE = frozenset("a abbr acronym b cite dfn em i mark q small span strong sub sup u".split())


# Attributes that hold the tip an element's words show on hover: the element is the words.
_TIP_ATTRIBUTES = (
    "title",
    "data-toggle",
    "data-bs-toggle",
    "data-tooltip",
    "data-tippy-content",
    "data-original-title",
    "data-content",
    "data-bs-content",
)


def _after_its_words(element) -> bool:
    """Whether the element ends a small inline element after fewer words of that element's own
    than it has (the words it pops up over and explains: <a>NHS<span class="tooltip">National
    Health Service ...</span></a>); not hovered words in a run of words ("the <span
    class="tooltip">NHS</span> trust"), a link, or an element carrying its tip in an attribute."""
    parent = element.getparent()
    if (
        parent is None
        or parent.tag not in _INLINE
        or element.tag == "a"
        or any(element.get(attribute) is not None for attribute in _TIP_ATTRIBUTES)
        or (element.tail or "").strip()
    ):
        return False
    before = [parent.text or ""]
    after = False
    for sibling in parent:
        if sibling is element:
            after = True
        elif after:
            return False  # something follows it: it is in the run of words
        else:
            before.append(sibling.text_content() or "")
            before.append(sibling.tail or "")
    # A tip explains its words, in more of them ("NHS" and "National Health Service, the ...").
    words_before = len("".join(before).split())
    return 0 < words_before < len((element.text_content() or "").split())


def visible_tree(html: str):
    """The page parsed by lxml without its hidden parts; None if lxml cannot read it."""
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    described = frozenset(tip_id for names in _DESCRIBED_BY(tree) for tip_id in str(names).split())
    for element in _CANDIDATES(tree):
        if (
            element.getparent() is not None
            and element.tag not in ("html", "body")
            and is_hidden(element, described)
        ):
            element.drop_tree()
    return tree
