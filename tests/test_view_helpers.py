"""The pure helpers behind the pages: article layout, the claim panel's neighbours, dates, bars."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from factcheck.views.article_layout import layout_article, split_headline, usable_units
from factcheck.views.formatting import (
    clip,
    clip_start,
    exact_time,
    progress_segments,
    relative_time,
    when_words,
)

SECTIONS = ("headline", "standfirst", "body")

pieces = st.sampled_from(
    ["word", "Two", "3.5%", "<b>", "&amp;", " ", "  ", "\n", "\n\n", "\n \n", "."]
)


@st.composite
def bodies_with_units(draw):
    """A body made of words, spaces and line breaks, and non-overlapping units over it."""
    body = "".join(draw(st.lists(pieces, min_size=0, max_size=40)))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(body)), max_size=12))))
    units = []
    for index, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        if start < end:
            units.append(
                {
                    "id": index + 1,
                    "seq": index,
                    "start": start,
                    "end": end,
                    "section": draw(st.sampled_from(SECTIONS)),
                    "kind": draw(st.sampled_from(["claim", "not_a_claim"])),
                }
            )
    return body, draw(st.permutations(units))


@given(bodies_with_units())
def test_layout_covers_the_body_in_order_and_keeps_every_unit_whole(case):
    body, units = case
    blocks = layout_article(body, units)
    segments = [segment for block in blocks for segment in block.segments]
    position = 0
    for segment in segments:
        assert segment.text == body[segment.start : segment.end] != ""
        assert position <= segment.start
        assert body[position : segment.start].strip() == "", "only whitespace may be left out"
        position = segment.end
    assert body[position:].strip() == ""
    shown = [segment.unit["id"] for segment in segments if segment.unit]
    assert shown == [unit["id"] for unit in sorted(units, key=lambda u: u["start"])]


@given(bodies_with_units())
def test_paragraphs_never_hold_a_blank_line_outside_a_unit(case):
    body, units = case
    for block in layout_article(body, units):
        for segment in block.segments:
            if segment.unit is None:
                assert "\n\n" not in segment.text.replace(" ", "")


def test_blank_lines_make_paragraphs_and_the_headline_comes_apart():
    body = "Big news today\n\nA standfirst line\n\nFirst sentence. Second one.\nA new line."
    units = [
        {"id": 1, "seq": 0, "start": 0, "end": 14, "section": "headline", "kind": "claim"},
        {"id": 2, "seq": 1, "start": 16, "end": 33, "section": "standfirst", "kind": "claim"},
        {"id": 3, "seq": 2, "start": 35, "end": 50, "section": "body", "kind": "claim"},
    ]
    headline, rest = split_headline(layout_article(body, units))
    assert [s.text for block in headline for s in block.segments] == ["Big news today"]
    assert [block.section for block in rest] == ["standfirst", "body"]
    assert [s.text for s in rest[1].segments] == ["First sentence.", " Second one.\nA new line."]


def test_a_headline_on_the_line_above_the_body_still_gets_its_own_block():
    body = "Headline here\nThe body starts at once."
    units = [
        {"id": 1, "seq": 0, "start": 0, "end": 13, "section": "headline", "kind": "claim"},
        {"id": 2, "seq": 1, "start": 14, "end": 38, "section": "body", "kind": "claim"},
    ]
    blocks = layout_article(body, units)
    assert [(b.section, b.segments[0].text) for b in blocks] == [
        ("headline", "Headline here"),
        ("body", "The body starts at once."),
    ]


def test_units_outside_the_body_or_overlapping_are_left_out():
    body = "abcdef"
    units = [
        {"id": 1, "start": 0, "end": 3},
        {"id": 2, "start": 2, "end": 5},
        {"id": 3, "start": 4, "end": 99},
        {"id": 4, "start": 3, "end": 6},
    ]
    assert [unit["id"] for unit in usable_units(body, units)] == [1, 4]


NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _ago(**delta) -> str:
    return (NOW - timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_relative_time_reads_like_a_person_would_say_it():
    assert relative_time(_ago(seconds=20), NOW) == "just now"
    assert relative_time(_ago(minutes=1), NOW) == "1 minute ago"
    assert relative_time(_ago(minutes=59), NOW) == "59 minutes ago"
    assert relative_time(_ago(hours=3), NOW) == "3 hours ago"
    assert relative_time(_ago(hours=30), NOW) == "yesterday"
    assert relative_time(_ago(days=4), NOW) == "4 days ago"
    assert relative_time(_ago(days=40), NOW) == "02 Feb 2025"
    assert relative_time("not a date", NOW) == "not a date"
    assert exact_time(_ago(hours=1)) == "2025-03-14 11:00:00 UTC"


def test_when_words_fit_a_sentence_at_any_distance():
    assert when_words(_ago(seconds=20), NOW) == "just now"
    assert when_words(_ago(minutes=5), NOW) == "5 minutes ago"
    assert when_words(_ago(hours=30), NOW) == "yesterday"
    assert when_words(_ago(days=40), NOW) == "on 02 Feb 2025"


@given(st.lists(st.integers(0, 50), min_size=4, max_size=4))
def test_progress_pieces_fill_the_bar_exactly_once(numbers):
    counts = dict(
        zip(("unreviewed", "in_progress", "in_review", "published"), numbers, strict=True)
    )
    pieces = progress_segments(counts)
    assert [piece["count"] for piece in pieces] == [n for n in reversed(numbers) if n]
    position = 0.0
    for piece in pieces:
        assert abs(piece["x"] - position) < 1e-9
        position += piece["width"]
    assert abs(position - (100 if any(numbers) else 0)) < 1e-9


@given(st.text(max_size=300), st.integers(min_value=2, max_value=200), st.booleans())
def test_clip_keeps_short_text_and_cuts_long_text_to_a_part_within_the_limit(text, limit, ending):
    """clip keeps the start of a text and clip_start its end, either with an ellipsis for the
    rest."""
    clipped = (clip_start if ending else clip)(text, limit)
    if len(text) <= limit:
        assert clipped == text
        return
    assert len(clipped) <= limit
    if ending:
        assert clipped.startswith("…") and text.endswith(clipped.removeprefix("…"))
    else:
        assert clipped.endswith("…") and text.startswith(clipped.removesuffix("…"))


def test_clip_start_starts_at_a_word_break_when_one_is_near():
    """The words before a split point: never a word with its first letters cut off."""
    before = "Selon la préfecture, environ 1,5 million de personnes sont concernées…"
    assert clip_start(before, 49) == "…1,5 million de personnes sont concernées…"
    assert clip_start("The council said 40 buses would cost 9 million", 20) == "…cost 9 million"
    # No break near enough: the word is cut, as clip cuts one.
    assert clip_start("Supercalifragilistic expialidocious", 10) == "…lidocious"


def test_clip_cuts_at_a_word_break_when_one_is_near():
    assert clip("The council said 40 buses would cost 9 million", 20) == "The council said 40…"
    assert clip("Supercalifragilistic expialidocious", 10) == "Supercali…"
