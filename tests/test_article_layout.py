"""Laying out long articles in one pass, and dividing them into parts: pure functions."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from factcheck.views.article_layout import (
    block,
    iter_blocks,
    layout_article,
    paragraphs,
    usable_units,
)
from factcheck.views.article_parts import divide, part_holding, part_numbered

SECTIONS = ("headline", "standfirst", "body")

pieces = st.sampled_from(
    ["word", "Two", "3.5%", "<b>", "&amp;", " ", "  ", "\t", "\n", "\n\n", "\n \n", ".", "é"]
)


@st.composite
def bodies_with_units(draw, max_pieces=60):
    """A body made of words, spaces and line breaks, and units over it (some overlapping, some
    reaching past the end) in any order."""
    body = "".join(draw(st.lists(pieces, max_size=max_pieces)))
    spans = draw(
        st.lists(st.tuples(st.integers(0, len(body) + 2), st.integers(1, 30)), max_size=25)
    )
    units = [
        {
            "id": index + 1,
            "seq": index,
            "start": start,
            "end": start + length,
            "section": draw(st.sampled_from(SECTIONS)),
            "kind": draw(st.sampled_from(["claim", "not_a_claim"])),
        }
        for index, (start, length) in enumerate(spans)
    ]
    return body, draw(st.permutations(units))


# The layout before it was made linear, kept as the reference the one-pass version must match.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def reference_layout(body: str, units: list[dict]) -> list[tuple]:
    units = usable_units(body, units)
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
    merged: list[tuple[int, int]] = []
    for start, end in sorted(gaps):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    blocks = []
    position = 0
    for gap_start, gap_end in [*merged, (len(body), len(body))]:
        start, end = position, gap_start
        inner = [u for u in units if start <= u["start"] and u["end"] <= end]
        first_unit = inner[0]["start"] if inner else end
        last_unit = inner[-1]["end"] if inner else start
        while start < min(end, first_unit) and body[start].isspace():
            start += 1
        while end > max(start, last_unit) and body[end - 1].isspace():
            end -= 1
        position = gap_end
        if start >= end:
            continue
        sections = {u["section"] for u in inner}
        section = (
            sections.pop()
            if len(sections) == 1 and sections <= {"headline", "standfirst"}
            else "body"
        )
        segments = []
        cursor = start
        for unit in inner:
            if cursor < unit["start"]:
                segments.append((cursor, unit["start"], None))
            segments.append((unit["start"], unit["end"], unit["id"]))
            cursor = unit["end"]
        if cursor < end:
            segments.append((cursor, end, None))
        blocks.append((section, segments))
    return blocks


def flat(blocks) -> list[tuple]:
    return [
        (b.section, [(s.start, s.end, s.unit["id"] if s.unit else None) for s in b.segments])
        for b in blocks
    ]


@settings(max_examples=300, deadline=None)
@given(bodies_with_units())
def test_the_one_pass_layout_matches_the_reference(case):
    body, units = case
    assert flat(layout_article(body, units)) == reference_layout(body, units)


@settings(deadline=None)
@given(bodies_with_units())
def test_streaming_units_in_offset_order_gives_the_same_blocks(case):
    body, units = case
    ordered = usable_units(body, units)
    assert flat(iter_blocks(body, iter(ordered))) == flat(layout_article(body, units))


TEXT_TEMPLATE = (
    '{% for block in blocks %}<p class="para">{% for s in block.segments %}'
    '{% if s.unit %}<span class="unit" id="claim-{{ s.unit.id }}">{{ s.text }}</span>'
    "{% else %}{{ s.text }}{% endif %}{% endfor %}</p>{% endfor %}"
)


@settings(deadline=None)
@given(bodies_with_units())
def test_rendered_text_is_the_body_and_each_span_wraps_its_slice(case):
    """With the markup taken out, the text is the body (less the whitespace between paragraphs),
    and every unit's span holds exactly body[start:end]."""
    body, units = case
    markup = (
        Environment(autoescape=True)
        .from_string(TEXT_TEMPLATE)
        .render(blocks=layout_article(body, units))
    )
    for unit in usable_units(body, units):
        spans = re.findall(
            rf'<span class="unit" id="claim-{unit["id"]}">(.*?)</span>', markup, re.S
        )
        assert [html.unescape(text) for text in spans] == [body[unit["start"] : unit["end"]]]
    shown = html.unescape(re.sub(r"<[^>]*>", "", markup.replace("</p>", " ")))
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", body)


def _paragraph_units(body, units):
    return list(paragraphs(body, usable_units(body, units)))


@settings(deadline=None)
@given(bodies_with_units(max_pieces=120), st.integers(1, 6))
def test_parts_hold_every_paragraph_once_in_order_and_no_more_than_the_limit(case, limit):
    body, units = case
    whole = layout_article(body, units)
    parts = divide(body, _paragraph_units(body, units), limit)
    assert [part.number for part in parts] == list(range(1, len(parts) + 1))
    shown = [block(body, p) for part in parts for p in part.paragraphs]
    segments = [
        (s.start, s.end, s.unit["id"] if s.unit else None) for b in shown for s in b.segments
    ]
    expected = [
        (s.start, s.end, s.unit["id"] if s.unit else None) for b in whole for s in b.segments
    ]
    # A paragraph of more units than the limit is cut between units: the same segments, and the
    # cut only ever drops whitespace.
    assert [segment for segment in segments if segment[2]] == [s for s in expected if s[2]]
    text = "".join(body[start:end] for start, end, _ in segments)
    assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", body)
    for part in parts:
        assert len(part.units) <= limit
        assert (
            sum(max(1, len(p.units)) for p in part.paragraphs) <= limit or len(part.paragraphs) == 1
        )
    counted = 0
    for part in parts:
        assert part.first_paragraph == counted + 1
        counted = part.last_paragraph
    for unit in usable_units(body, units):
        holding = part_holding(parts, unit["start"])
        assert unit["id"] in [u["id"] for u in holding.units]


def test_a_short_article_is_one_part():
    body = "One. Two.\n\nThree."
    units = [
        {"id": 1, "seq": 0, "start": 0, "end": 4, "section": "body"},
        {"id": 2, "seq": 1, "start": 5, "end": 9, "section": "body"},
        {"id": 3, "seq": 2, "start": 11, "end": 17, "section": "body"},
    ]
    parts = divide(body, _paragraph_units(body, units), 500)
    assert len(parts) == 1
    assert (parts[0].first_paragraph, parts[0].last_paragraph) == (1, 2)
    assert parts[0].seq_range == (0, 2)


def test_long_articles_are_cut_at_paragraphs_and_a_huge_paragraph_between_units():
    paragraph_texts = [f"Sentence {n}." for n in range(7)]
    body = "\n\n".join(paragraph_texts) + "\n\n" + " ".join(f"Run {n}." for n in range(5))
    units = []
    for match in re.finditer(r"(Sentence|Run) \d\.", body):
        units.append(
            {
                "id": len(units) + 1,
                "seq": len(units),
                "start": match.start(),
                "end": match.end(),
                "section": "body",
            }
        )
    parts = divide(body, _paragraph_units(body, units), 3)
    assert [[u["id"] for u in part.units] for part in parts] == [
        [1, 2, 3],
        [4, 5, 6],
        [7],
        [8, 9, 10],
        [11, 12],
    ]
    assert [part.paragraphs[0].start for part in parts[-2:]] == [
        body.index("Run 0."),
        body.index("Run 3."),
    ]
    assert part_numbered(parts, 99) is parts[-1]
    assert part_numbered(parts, 0) is parts[0]
    assert part_numbered(parts, None) is parts[0]


def test_an_empty_article_is_one_empty_part():
    parts = divide("", [], 10)
    assert len(parts) == 1 and parts[0].paragraphs == () and parts[0].seq_range is None
    assert part_holding(parts, 0) is parts[0]
