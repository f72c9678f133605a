"""Searching for a figure or a quoted phrase finds the claims that hold it exactly, however many
other claims share its digits or words; and typing can never make a query the index refuses."""

import pytest
from helpers import new_database
from hypothesis import given
from hypothesis import strategies as st

from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store.actors import SYSTEM
from factcheck.store.queue_reads import QueueFilters, queue_count, queue_page
from factcheck.store.search_words import search_expression
from factcheck.text.typed_phrases import contains_phrase, fold, typed_phrases

ARTICLE = """Figures from the council budget

Rates rose 3.5% in May, the council said.
Council tax will rise by 51 percent over 5 years.
Plans for 50,319 homes were approved.
About 1,200 households will pay more.
Another 1200 households were moved.
Some 12,000 homes lost power.
Inflation reached 13.5% last year.
The harbour handled 4.2 million tonnes.
Prices rose 4.25 points in a week.
The mayor said taxes would stay flat.
The mayoral race permits 3 candidates.
Taxes said the mayor would stay flat are a rumour.
José Pérez said 300 jobs would go.
Permit b73c6173 was issued to 4 firms.
Repairs reached €2.5bn, a rise of 3.5pc.
Turnout was 12.5 per cent in the north.
Turnout was 33 percent in the south.
Rents saw a 100-percent increase.
The central bank kept its rate at 2%.
The bank opened a branch in the harbour.
The harbour minister did not resign.
The transport minister did resign.
More than 10 ferries sailed before the strike.
Less than 10 ferries sailed after the strike.
The museum in Zürich reopened.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    db = new_database(tmp_path_factory.mktemp("figures") / "f.db")
    ingest_imported(db, from_text(ARTICLE.encode()), actor=SYSTEM)
    return db


def _found(db, typed: str) -> list[str]:
    rows, _ = queue_page(db, QueueFilters(search=typed), limit=50)
    assert queue_count(db, QueueFilters(search=typed)) == len(rows)
    return sorted(row["text"] for row in rows)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("3.5%", ["Rates rose 3.5% in May, the council said."]),
        ("4.2", ["The harbour handled 4.2 million tonnes."]),
        (
            "1,200",
            ["About 1,200 households will pay more.", "Another 1200 households were moved."],
        ),
        (
            "1200",
            ["About 1,200 households will pay more.", "Another 1200 households were moved."],
        ),
        ("12,000 homes", ["Some 12,000 homes lost power."]),
        ('"the mayor said"', ["The mayor said taxes would stay flat."]),
        ("“said the mayor”", ["Taxes said the mayor would stay flat are a rumour."]),
        ('"jose perez"', ["José Pérez said 300 jobs would go."]),
        # A word quoted alone is found whole: "permit", not "permits".
        ('"permit"', ["Permit b73c6173 was issued to 4 firms."]),
        (
            '"the mayor"',
            [
                "Taxes said the mayor would stay flat are a rumour.",
                "The mayor said taxes would stay flat.",
            ],
        ),
        ("rates 3.5%", ["Rates rose 3.5% in May, the council said."]),
        # A unit written onto a figure is part of it.
        ("€2.5bn", ["Repairs reached €2.5bn, a rise of 3.5pc."]),
        ("3.5pc", ["Repairs reached €2.5bn, a rise of 3.5pc."]),
        # Digits inside a word are the word's, no figure of their own.
        ("b73c6173", ["Permit b73c6173 was issued to 4 firms."]),
    ],
)
def test_a_figure_or_a_quoted_phrase_is_found_exactly(desk, typed, found):
    assert _found(desk, typed) == found


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("12.5%", ["Turnout was 12.5 per cent in the north."]),
        ("12.5 percent", ["Turnout was 12.5 per cent in the north."]),
        ("33%", ["Turnout was 33 percent in the south."]),
        ("33 %", ["Turnout was 33 percent in the south."]),
        ("51%", ["Council tax will rise by 51 percent over 5 years."]),
        ("inflation 13.5 per cent", ["Inflation reached 13.5% last year."]),
        # Quoted with the word and without its figure, however the claim writes it.
        ('"percent in the south"', ["Turnout was 33 percent in the south."]),
        ('"per cent in the south"', ["Turnout was 33 percent in the south."]),
        ('"percent in the north"', ["Turnout was 12.5 per cent in the north."]),
        ('"percent last year"', ["Inflation reached 13.5% last year."]),
        ('"% last year"', ["Inflation reached 13.5% last year."]),
        # The word alone, quoted or not: a share written out either way (the index has no word
        # for "%", so "2%" is not found this way; "central" is no "cent").
        (
            '"per cent"',
            [
                "Council tax will rise by 51 percent over 5 years.",
                "Rents saw a 100-percent increase.",
                "Turnout was 12.5 per cent in the north.",
                "Turnout was 33 percent in the south.",
            ],
        ),
        ("100%", ["Rents saw a 100-percent increase."]),
        # The word quoted beside another: a share beside it, however written.
        ('"percent" bank', ["The central bank kept its rate at 2%."]),
        # Unquoted, the word holds a share in the claim, written any way.
        (
            "turnout percent",
            [
                "Turnout was 12.5 per cent in the north.",
                "Turnout was 33 percent in the south.",
            ],
        ),
    ],
)
def test_a_share_is_found_however_it_is_written(desk, typed, found):
    assert _found(desk, typed) == found


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("minister did not resign", ["The harbour minister did not resign."]),
        ('minister "did not"', ["The harbour minister did not resign."]),
        ('resign "not"', ["The harbour minister did not resign."]),
        ("more than 10 ferries", ["More than 10 ferries sailed before the strike."]),
        ("ferries after", ["Less than 10 ferries sailed after the strike."]),
    ],
)
def test_words_that_turn_what_a_claim_says_are_looked_for(desk, typed, found):
    assert _found(desk, typed) == found


def test_a_word_typed_with_its_accent_apart_is_found(desk):
    # As text pasted from a PDF or typed on some keyboards has it: u, then the combining mark.
    assert _found(desk, "Zu\u0308rich") == ["The museum in Zürich reopened."]


def test_an_unquoted_word_is_found_by_its_start_and_a_quoted_one_whole(desk):
    assert "The mayoral race permits 3 candidates." in _found(desk, "mayor")
    assert "The mayoral race permits 3 candidates." not in _found(desk, '"mayor"')
    assert len(_found(desk, '"mayor"')) == 2


def test_phrases_are_the_figures_and_the_quoted_words_folded():
    assert typed_phrases('rates "The Mayor  said" 3.5% 1,200 2024') == [
        "the mayor said",
        "3.5%",
        "1200",
        "2024",
    ]
    assert typed_phrases("council budget") == []
    # Words as common as these are in nearly every claim: no phrase to check each one for.
    assert typed_phrases('"in the"') == []
    assert fold("José’s 1,200 homes") == "jose's 1200 homes"


@pytest.mark.parametrize(
    ("text", "phrase", "held"),
    [
        ("Rates rose 3.5% in May", "3.5%", True),
        ("Rates rose 13.5% in May", "3.5%", False),
        ("1,200,000 homes", "1200", False),
        ("1,200.5 tonnes", "1200", False),
        ("rose 4.25", "4.2", False),
        ("rose 14.2", "4.2", False),
        ("rose 14.2, then 4.2", "4.2", True),
        ("the current rent", "rent", True),
        ("the current", "rent", False),
    ],
)
def test_a_phrase_starts_and_ends_where_a_word_or_a_number_does(text, phrase, held):
    assert contains_phrase(text, phrase) is held


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_plain_text_folds_as_text_with_accents_does(text):
    # ASCII text takes a short way through fold; a mark typed apart sends it the long way.
    assert fold(text) == fold(text + "\u0301")


@given(st.text(max_size=60))
def test_anything_typed_makes_a_query_the_index_takes(desk, typed):
    expression = search_expression(typed)
    if expression is not None:
        desk.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", [expression])
    queue_count(desk, QueueFilters(search=typed))
