"""Lay an article body out as blocks of plain text and claim units, from the stored offsets.

One pass over the units in offset order: every paragraph break lies between two units, so each
stretch of text between units is searched once for blank lines, and a paragraph is complete as
soon as the next break is found. Time is linear in the body and the units, and a caller that
streams units in offset order holds only the current paragraph's units."""

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

#: A claim unit as the layout reads it (start, end, section): a claim row, or the row of
#: `claim_reads.unit_spans`.
Unit = Mapping[str, Any] | sqlite3.Row

# A blank line (possibly holding spaces or tabs) and the whitespace that follows it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Segment:
    """A stretch of the body, `text == body[start:end]`; `unit` is the claim unit it shows."""

    start: int
    end: int
    text: str
    unit: Unit | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph of the body; `section` is headline, standfirst or body."""

    section: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Paragraph:
    """Where a paragraph lies in the body (`body[start:end]`, trimmed) and the units inside it."""

    start: int
    end: int
    units: tuple[Unit, ...]


def usable_units(body: str, units: Iterable[Unit]) -> list[Unit]:
    """Units in body order, leaving out any that fall outside the body or overlap an earlier one."""
    return list(in_order(body, sorted(units, key=lambda u: (u["start"], u["end"]))))


def in_order(body: str, units: Iterable[Unit]) -> Iterator[Unit]:
    """The units of an offset-ordered stream that fit the body and do not overlap an earlier one."""
    last_end = -1
    for unit in units:
        if not 0 <= unit["start"] < unit["end"] <= len(body):
            continue
        if unit["start"] < last_end:
            continue
        last_end = unit["end"]
        yield unit


def _region_gaps(body: str, start: int, end: int, before: Unit | None, after: Unit | None):
    """The paragraph breaks between two neighbouring units (or a unit and an end of the body):
    blank lines, plus a line break where the section changes."""
    if body.find("\n", start, end) < 0:
        return []
    gaps = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(body, start, end)]
    if before is not None and after is not None and before["section"] != after["section"]:
        between = body[start:end]
        newline = between.find("\n")
        if newline >= 0:
            if between.strip():
                gaps.append((start + newline, start + newline + 1))
            else:
                gaps.append((start, end))
            return _merged(gaps)
    return gaps


def _merged(gaps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(gaps):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def trimmed(body: str, start: int, end: int, units: list[Unit]) -> tuple[int, int]:
    """Drop whitespace at either end of a paragraph, never cutting into a unit."""
    first_unit = units[0]["start"] if units else end
    last_unit = units[-1]["end"] if units else start
    while start < min(end, first_unit) and body[start].isspace():
        start += 1
    while end > max(start, last_unit) and body[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(body: str, units: Iterable[Unit]) -> Iterator[Paragraph]:
    """The paragraphs of the body in order, split at blank lines (never inside a unit) and where
    the section changes. `units` must come in offset order; overlapping ones are left out."""
    position = 0  # where the current paragraph starts (before trimming)
    inside: list[Unit] = []
    previous = None
    for unit in _with_end(in_order(body, units)):
        region_start = previous["end"] if previous is not None else 0
        region_end = unit["start"] if unit is not None else len(body)
        for gap_start, gap_end in _region_gaps(body, region_start, region_end, previous, unit):
            start, end = trimmed(body, position, gap_start, inside)
            if start < end:
                yield Paragraph(start, end, tuple(inside))
            position, inside = gap_end, []
        if unit is None:
            break
        inside.append(unit)
        previous = unit
    start, end = trimmed(body, position, len(body), inside)
    if start < end:
        yield Paragraph(start, end, tuple(inside))


def _with_end(units: Iterable[Unit]) -> Iterator[Unit | None]:
    yield from units
    yield None


def _section(units: tuple[Unit, ...]) -> str:
    sections = {unit["section"] for unit in units}
    if len(sections) == 1 and sections <= {"headline", "standfirst"}:
        return sections.pop()
    return "body"


def _segments(body: str, start: int, end: int, units: Iterable[Unit]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    position = start
    for unit in units:
        if position < unit["start"]:
            segments.append(Segment(position, unit["start"], body[position : unit["start"]]))
        segments.append(
            Segment(unit["start"], unit["end"], body[unit["start"] : unit["end"]], unit)
        )
        position = unit["end"]
    if position < end:
        segments.append(Segment(position, end, body[position:end]))
    return tuple(segments)


def block(body: str, paragraph: Paragraph, units: Iterable[Unit] | None = None) -> Block:
    """The paragraph as a block of segments; `units` may replace the paragraph's own units with
    fuller records of the same units (same offsets, same order)."""
    shown = paragraph.units if units is None else tuple(units)
    return Block(_section(paragraph.units), _segments(body, paragraph.start, paragraph.end, shown))


def iter_blocks(body: str, units: Iterable[Unit]) -> Iterator[Block]:
    """Blocks one paragraph at a time, from units that come in offset order."""
    for paragraph in paragraphs(body, units):
        yield block(body, paragraph)


def layout_article(body: str, units: list[Unit]) -> list[Block]:
    """Split the body into paragraphs at blank lines, each unit wrapped whole inside its paragraph.

    A unit that crosses a blank line keeps its paragraphs together rather than being cut."""
    return list(iter_blocks(body, usable_units(body, units)))


def split_headline(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The headline blocks (shown as the page heading) and the rest, each in body order."""
    headline = [block for block in blocks if block.section == "headline"]
    rest = [block for block in blocks if block.section != "headline"]
    return headline, rest
