"""The splitter on the English golden rules: a case per rule, written for this project."""

import pytest
import sentencex
from golden_rules import CASES
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.splitting import split_article


def _ours(text: str) -> list[str]:
    return [unit.text for unit in split_article(text, first_line_is_headline=False)]


def _sentencex(text: str) -> list[str]:
    pieces = (
        text[boundary["start_index"] : boundary["end_index"]].strip()
        for boundary in sentencex.get_sentence_boundaries("en", text)
    )
    return [piece for piece in pieces if piece]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_golden_rule(rule, text, expected):
    assert _ours(text) == expected


def test_the_splitter_passes_rules_that_sentencex_alone_does_not():
    assert len(CASES) == 48
    alone = sum(_sentencex(text) == expected for _, text, expected in CASES)
    ours = sum(_ours(text) == expected for _, text, expected in CASES)
    assert ours == 48 and alone < ours


_ITEM_WORDS = st.lists(
    st.sampled_from(["check", "the", "tyres", "fill", "tank", "clean", "mirrors", "bridge"]),
    min_size=1,
    max_size=6,
).map(" ".join)


@given(
    st.lists(_ITEM_WORDS, min_size=2, max_size=8),
    st.sampled_from(["{n}. ", "{n}) ", "{n}.) ", "{a}. ", "{a}) ", "• {n}. "]),
    st.integers(1, 20),
)
def test_a_line_that_starts_a_list_splits_into_its_items(items, marker, first):
    markers = [marker.format(n=first + i, a=chr(ord("a") + i)) for i in range(len(items))]
    line = " ".join(m + item for m, item in zip(markers, items, strict=True))
    assert _ours(line) == [(m + item).strip() for m, item in zip(markers, items, strict=True)]
