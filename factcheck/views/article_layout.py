"""Lay an article body out as blocks of plain text and claim units, from the stored offsets."""

import re
from dataclasses import dataclass

# A blank line (possibly holding spaces or tabs) and the whitespace that follows it.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Segment:
    """A stretch of the body, `text == body[start:end]`; `unit` is the claim unit it shows."""

    start: int
    end: int
    text: str
    unit: dict | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph of the body; `section` is headline, standfirst or body."""

    section: str
    segments: tuple[Segment, ...]


def usable_units(body: str, units: list[dict]) -> list[dict]:
    """Units in body order, leaving out any that fall outside the body or overlap an earlier one."""
    kept: list[dict] = []
    for unit in sorted(units, key=lambda u: (u["start"], u["end"])):
        if not 0 <= unit["start"] < unit["end"] <= len(body):
            continue
        if kept and unit["start"] < kept[-1]["end"]:
            continue
        kept.append(unit)
    return kept


def _paragraph_gaps(body: str, units: list[dict]) -> list[tuple[int, int]]:
    """Blank lines between units (never inside one), plus line breaks where the section changes."""
    gaps = []
    position = 0
    for unit in [*units, {"start": len(body), "end": len(body)}]:
        for match in _BLANK_LINE.finditer(body, position, unit["start"]):
            gaps.append((match.start(), match.end()))
        position = unit["end"]
    for before, after in zip(units, units[1:], strict=False):
        if before["section"] == after["section"]:
            continue
        between = body[before["end"] : after["start"]]
        newline = between.find("\n")
        if newline < 0:
            continue
        if between.strip():
            gaps.append((before["end"] + newline, before["end"] + newline + 1))
        else:
            gaps.append((before["end"], after["start"]))
    return _merged(gaps)


def _merged(gaps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(gaps):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _trimmed(body: str, start: int, end: int, units: list[dict]) -> tuple[int, int]:
    """Drop whitespace at either end of a paragraph, never cutting into a unit."""
    inner = [u for u in units if start <= u["start"] and u["end"] <= end]
    first_unit = inner[0]["start"] if inner else end
    last_unit = inner[-1]["end"] if inner else start
    while start < min(end, first_unit) and body[start].isspace():
        start += 1
    while end > max(start, last_unit) and body[end - 1].isspace():
        end -= 1
    return start, end


def _section(units: list[dict]) -> str:
    sections = {unit["section"] for unit in units}
    if len(sections) == 1 and sections <= {"headline", "standfirst"}:
        return sections.pop()
    return "body"


def _segments(body: str, start: int, end: int, units: list[dict]) -> tuple[Segment, ...]:
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


def layout_article(body: str, units: list[dict]) -> list[Block]:
    """Split the body into paragraphs at blank lines, each unit wrapped whole inside its paragraph.

    A unit that crosses a blank line keeps its paragraphs together rather than being cut."""
    units = usable_units(body, units)
    blocks: list[Block] = []
    position = 0
    for gap_start, gap_end in [*_paragraph_gaps(body, units), (len(body), len(body))]:
        start, end = _trimmed(body, position, gap_start, units)
        position = gap_end
        if start >= end:
            continue
        inner = [u for u in units if start <= u["start"] and u["end"] <= end]
        blocks.append(Block(_section(inner), _segments(body, start, end, inner)))
    return blocks


def split_headline(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The headline blocks (shown as the page heading) and the rest, each in body order."""
    headline = [block for block in blocks if block.section == "headline"]
    rest = [block for block in blocks if block.section != "headline"]
    return headline, rest
