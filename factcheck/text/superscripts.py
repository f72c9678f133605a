"""Superscripts in a page, read as they were meant: a figure's power or a unit's ("£10<sup>6</sup>",
"m<sup>2</sup>") keeps its place as superscript digits ("£10⁶", "m²"), where flattened into the
line it became another figure ("£106"); a footnote mark after a sentence's end ("said.<sup>1</sup>
The") goes, where it joined two sentences into one ("said.1 The"), as does a bracketed mark, a
sign or a letter after a year ("2019<sup>[4]</sup>")."""

import re

from lxml import etree

_SUPERSCRIPTS = etree.XPath("//sup")
_RAISED = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
# What a superscript holds that can be written raised: digits and signs ("6", "-3", "2n").
_RAISABLE = re.compile(r"[0-9+\-−=()ni]+")
# A footnote's mark: a number, a bracketed one, or a sign ("1", "[12]", "*", "†", "a").
_FOOTNOTE = re.compile(r"\[?\d{1,3}\]?|[*†‡§¶]+|[a-z]")
# What a sentence or clause ends with before a footnote's mark (not a bracket: "(1.05)¹⁰").
_SENTENCE_END = re.compile(r"[.!?;:,”\"’'»]\s*$")
# A year, after which a bracketed number, a sign or a letter is a footnote's mark ("in
# 2019<sup>[4]</sup>"); a bare digit stays raised, since "2048<sup>2</sup>" is a power of a number
# that reads as a year.
_YEAR_END = re.compile(r"(?<![\d.,])(?:19|20)\d\d\s*$")
_MARK_NOT_A_POWER = re.compile(r"\[\d{1,3}\]|[*†‡§¶]+|[a-z]")


def _text_before(sup) -> str:
    """The page's words just before the superscript (in its parent or the sibling before; a
    comment before it, "7<!-- fn --><sup>2</sup>", is passed over)."""
    previous = sup.getprevious()
    while previous is not None:
        if previous.tail:
            return previous.tail
        if isinstance(previous.tag, str):
            return previous.text_content()
        previous = previous.getprevious()
    parent = sup.getparent()
    return (parent.text or "") if parent is not None else ""


def read_superscripts(tree) -> None:
    """Rewrite each <sup> of `tree` (an lxml HTML tree) in place: a footnote's mark after a
    sentence's end (or one after a year that is no digit) is taken out, one that can be written
    in raised characters is, and any other stays as its words (an ordinal's "st", a title's
    "me")."""
    for sup in _SUPERSCRIPTS(tree):
        words = " ".join(sup.text_content().split())
        before = _text_before(sup)
        if (_FOOTNOTE.fullmatch(words) and _SENTENCE_END.search(before)) or (
            _MARK_NOT_A_POWER.fullmatch(words) and _YEAR_END.search(before)
        ):
            sup.drop_tree()  # keeps the words after it
        elif _RAISABLE.fullmatch(words) and (before[-1:].isalnum() or before.endswith(")")):
            for child in list(sup):
                sup.remove(child)  # a footnote's link: its number stays, raised
            sup.text = words.translate(_RAISED)
            sup.drop_tag()
