"""Superscripts read as they were meant: a power or a unit's stays raised, a footnote's mark after
a sentence goes, so a figure is not changed and two sentences are not run into one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from factcheck.importers import from_html
from factcheck.text.superscripts import read_superscripts


def _read(markup: str) -> str:
    tree = lxml_html.document_fromstring(f"<html><body><p>{markup}</p></body></html>")
    read_superscripts(tree)
    return tree.body.text_content()


@pytest.mark.parametrize(
    ("markup", "read"),
    [
        ("It costs £10<sup>6</sup> a megawatt.", "It costs £10⁶ a megawatt."),
        ("It covers 120 km<sup>2</sup> of sea.", "It covers 120 km² of sea."),
        ("A rate of 10<sup>-3</sup> a year.", "A rate of 10⁻³ a year."),
        ("Carbon Brief.<sup>1</sup> The government", "Carbon Brief. The government"),
        ('last year.<sup><a href="#fn2">2</a></sup> Campaigners', "last year. Campaigners"),
        ("as reported,<sup>[12]</sup> the council", "as reported, the council"),
        ("the “lowest ever”<sup>*</sup> level", "the “lowest ever” level"),
        ("the report<sup>3</sup> found", "the report³ found"),
        ("on the 1<sup>st</sup> of May", "on the 1st of May"),
        ("rose 7<!-- fn --><sup>2</sup> times", "rose 7² times"),
        ("rose 7 times.<!-- fn --><sup>2</sup> Then", "rose 7 times. Then"),
        ("growth of (1.05)<sup>10</sup> over", "growth of (1.05)¹⁰ over"),
        ("M<sup>me</sup> Dupont said", "Mme Dupont said"),
        ("in May 2019<sup>[4]</sup>, the council", "in May 2019, the council"),
        ("the 2019<sup>†</sup> budget", "the 2019 budget"),
        ("in 2019<sup>a</sup> the rate", "in 2019 the rate"),
        # A digit after a number that reads as a year may be its power: it stays, raised.
        ("a 2048<sup>2</sup> pixel grid", "a 2048² pixel grid"),
        ("a power of 10<sup>2019</sup>", "a power of 10²⁰¹⁹"),
        ("a sum of 12,2019<sup>2</sup>", "a sum of 12,2019²"),
        ("<sup>1</sup> Footnote text", "1 Footnote text"),  # a footnote's own number
    ],
)
def test_a_superscript_is_read_as_it_was_meant(markup, read):
    assert _read(markup) == read


def test_an_imported_page_keeps_its_figures_and_its_sentences_apart():
    page = (
        "<html><head><title>Wind costs</title></head><body><article><h1>Wind costs fall</h1>"
        "<p>Building offshore wind now costs about £10<sup>6</sup> per megawatt, according to"
        " Carbon Brief.<sup>1</sup> The government said wind supplied 30% of electricity last"
        " year.</p><p>The new farm covers 120 km<sup>2</sup> of sea and opened in May, officials"
        " said in a statement on Tuesday, adding that it would run for 25 years.</p>"
        "</article></body></html>"
    ).encode()
    body = from_html(page).body
    assert "£10⁶ per megawatt" in body and "£106" not in body
    assert "Carbon Brief. The government said" in body and "120 km² of sea" in body


_PLAIN = st.text(st.characters(blacklist_characters="<>&|", blacklist_categories=("Cs", "Cc")))


@given(before=_PLAIN, raised=_PLAIN, after=_PLAIN)
def test_the_words_around_a_superscript_are_kept_as_they_are(before, raised, after):
    expected = lxml_html.document_fromstring(f"<p>x{before}|{after}x</p>").text_content()
    wanted_before, wanted_after = expected[1:].split("|", 1)
    read = _read(f"x{before}<sup>{raised}</sup>{after}x")
    assert read.startswith("x" + wanted_before) and read.endswith(wanted_after[:-1] + "x")
