"""Where a reviewer may cut a unit in two, and the exact offsets of the two parts: pure, so the
splitter's mistakes are mended without ever touching the article body.

A cut lies in the whitespace between two words, or right after a sentence's end in a script that
puts no space there (Chinese and Japanese "。", "！", "？"); the first part ends where that
whitespace starts and the second begins where it ends, so both parts stay exact slices of the
body, trimmed as the splitter trims its units."""

import re
from typing import Final

# Where a sentence may end inside a unit: closing punctuation, any closing quotes or brackets,
# then whitespace before more text; in Chinese and Japanese, with or without the whitespace.
_SENTENCE_END: Final = re.compile(
    r"[.!?;:…।॥][\"'”’)\]]*(?=\s+\S)|[。！？｡][」』\"'”’）)\]]*(?=\s*\S)"
)
# A sentence's end that needs no space after it, just before a cut, and the closing marks that
# stay with it (a cut before one would leave a part of "”" alone).
_ENDS_WITHOUT_SPACE: Final = re.compile(r"[。！？｡][」』\"'”’）)\]]*$")
_CLOSING_MARKS: Final = frozenset("」』\"'”’）)]")
# The most closing marks read back from a cut for such an end.
_END_REACH: Final = 4


class BadCut(ValueError):
    """The offset given does not lie between two words of the unit; `problem` says how:
    "outside" the unit, "inside_a_word", or "empty_part" (one side would have no text)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def sentence_cuts(text: str) -> list[int]:
    """Offsets into `text` just after each sentence end that has more text after it: the cuts
    the workbench offers."""
    return [match.end() for match in _SENTENCE_END.finditer(text)]


# Where a clause ends: a comma or dash before more text, for a unit with no sentence end inside.
_CLAUSE_END: Final = re.compile(r"(?:[,—–]|\s-)(?=\s+\S)")


def cut_choices(text: str) -> list[int]:
    """The cuts to offer for a unit: its sentence ends, or failing those its clause ends."""
    return sentence_cuts(text) or [match.end() for match in _CLAUSE_END.finditer(text)]


def cut(body: str, start: int, end: int, at: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (start, end) of each part when the unit body[start:end] is cut at body offset `at`,
    which must lie in (or at the edge of) whitespace between two words of the unit."""
    if not start < at < end:
        raise BadCut("outside")
    after_an_end = (
        _ENDS_WITHOUT_SPACE.search(body[max(start, at - _END_REACH) : at])
        and body[at] not in _CLOSING_MARKS
    )
    if not (body[at].isspace() or body[at - 1].isspace() or after_an_end):
        raise BadCut("inside_a_word")
    first_end = at
    while first_end > start and body[first_end - 1].isspace():
        first_end -= 1
    second_start = at
    while second_start < end and body[second_start].isspace():
        second_start += 1
    if first_end == start or second_start == end:
        raise BadCut("empty_part")
    return (start, first_end), (second_start, end)


def joined(first: tuple[int, int], second: tuple[int, int]) -> tuple[int, int]:
    """The (start, end) of two neighbouring units made one: from the first's start to the
    second's end, with whatever lay between them."""
    if first[1] > second[0]:
        raise BadCut("overlap")
    return first[0], second[1]


def has_blank_line(text: str) -> bool:
    """Whether a blank line (a paragraph break, which units never cross) lies in `text`."""
    return re.search(r"\n[^\S\n]*\n", text) is not None
