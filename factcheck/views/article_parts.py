"""Long articles are shown a part at a time: runs of whole paragraphs holding a bounded number of
units, so a page never carries more than that however long the article is."""

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.views.article_layout import Paragraph, trimmed

# The most units one part of the article page shows. An article with no more than this is
# shown whole, as one part.
PART_UNITS = 500


@dataclass(frozen=True)
class Part:
    """Paragraphs `first_paragraph` to `last_paragraph` (counted from 1) of the article."""

    number: int
    first_paragraph: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def last_paragraph(self) -> int:
        return self.first_paragraph + len(self.paragraphs) - 1

    @property
    def start(self) -> int:
        return self.paragraphs[0].start

    @property
    def units(self) -> list:
        return [unit for paragraph in self.paragraphs for unit in paragraph.units]

    @property
    def seq_range(self) -> tuple[int, int] | None:
        """The lowest and highest `seq` of the units in this part, or None when it has none."""
        seqs = [unit["seq"] for unit in self.units]
        return (min(seqs), max(seqs)) if seqs else None


def _weight(paragraph: Paragraph) -> int:
    """What a paragraph counts towards a part: its units, and at least one."""
    return max(1, len(paragraph.units))


def _pieces(body: str, paragraph: Paragraph, limit: int) -> list[Paragraph]:
    """A paragraph of more than `limit` units cut between units into pieces of `limit`; the text
    between two pieces stays with the earlier one."""
    units = paragraph.units
    if len(units) <= limit:
        return [paragraph]
    pieces = []
    start = paragraph.start
    for first in range(0, len(units), limit):
        inside = list(units[first : first + limit])
        following = first + limit
        end = units[following]["start"] if following < len(units) else paragraph.end
        piece_start, piece_end = trimmed(body, start, end, inside)
        pieces.append(Paragraph(piece_start, piece_end, tuple(inside)))
        start = end
    return pieces


def divide(body: str, paragraphs: Iterable[Paragraph], limit: int = PART_UNITS) -> list[Part]:
    """Consecutive paragraphs grouped into parts of at most `limit` units each, in order. Every
    paragraph lands in exactly one part (one with more units than that is cut between units), and
    an article with no more than `limit` units is one part."""
    parts: list[Part] = []
    current: list[Paragraph] = []
    weight = 0
    counted = 0
    for whole in paragraphs:
        for paragraph in _pieces(body, whole, limit):
            if current and weight + _weight(paragraph) > limit:
                parts.append(Part(len(parts) + 1, counted - len(current) + 1, tuple(current)))
                current, weight = [], 0
            current.append(paragraph)
            weight += _weight(paragraph)
            counted += 1
    if current or not parts:
        parts.append(Part(len(parts) + 1, counted - len(current) + 1, tuple(current)))
    return parts


def part_holding(parts: Sequence[Part], offset: int) -> Part:
    """The part whose text holds this offset of the body (the last part beginning at or before
    it)."""
    starts = [part.start if part.paragraphs else 0 for part in parts]
    return parts[max(0, bisect_right(starts, offset) - 1)]


def part_numbered(parts: Sequence[Part], number: int | None) -> Part:
    """Part `number`, counted from 1; the nearest one when there is no such part."""
    if number is None:
        return parts[0]
    return parts[min(max(number, 1), len(parts)) - 1]
