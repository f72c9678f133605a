"""The quote check: what counts as the same passage, and where it was found."""

import re
import unicodedata

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from factcheck.quote_check import (
    APPROXIMATE,
    ARCHIVE_FAILED,
    FOUND,
    NO_TEXT,
    NO_WORDS,
    NOT_FOUND,
    UNCHECKED,
    check_quote,
    has_words,
    marked_pieces,
    only_punctuation,
    quoted_spans,
    summary,
)
from factcheck.quote_text import normalise, searchable

WORDS = ["the", "Minister", "said", "unemployment", "fell", "by", "3.2%", "in", "2023", "rate"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)
spaces = st.sampled_from([" ", "  ", "\n", "\t", " \n ", "\u00a0"])
PAGE = (
    "In a statement on Tuesday, the Minister said \u201cunemployment fell by 3.2% in 2023\u201d"
    " \u2014 the lowest rate since records began. Critics disagreed.\n\nThe figures come from"
    " the national statistics office, which publishes them every quarter."
)


def _joined(draw_words, gaps):
    out = draw_words[0]
    for word, gap in zip(draw_words[1:], gaps, strict=False):
        out += gap + word
    return out


@st.composite
def page_and_slice(draw):
    body = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
    gaps = draw(st.lists(spaces, min_size=len(body), max_size=len(body)))
    text = _joined(body, gaps)
    first = draw(st.integers(0, len(body) - 1))
    last = draw(st.integers(first, len(body) - 1))
    return text, body[first : last + 1]


@given(st.text())
def test_normalised_characters_map_back_in_order(text):
    normal, origin = normalise(text)
    assert len(normal) == len(origin)
    assert origin == sorted(origin)
    assert all(0 <= index < len(text) for index in origin)
    assert "  " not in normal and normal == normal.strip()


def _one_character_at_a_time(text):
    """The normalisation spelled out character by character, to check the fast one against."""
    import unicodedata

    from factcheck.quote_text import _TRANSLATE

    out, origin, pending, last_space = [], [], False, 0
    for index, char in enumerate(text):
        if char.isspace():
            pending, last_space = bool(out), index
            continue
        folded = [
            c
            for piece in char.translate(_TRANSLATE)
            for c in unicodedata.normalize("NFKC", piece).casefold()
            if not c.isspace()
        ]
        if not folded:
            continue
        if pending:
            out.append(" ")
            origin.append(last_space)  # a space maps to the last space before the next word
            pending = False
        for c in folded:
            if c == "%" and out:  # a per cent sign always has a space before it, from the sign
                if out[-1] == " ":
                    origin[-1] = index
                else:
                    out.append(" ")
                    origin.append(index)
            out.append(c)
            origin.append(index)
    return "".join(out), origin


@given(
    st.text()
    | st.lists(
        st.sampled_from(["a", "B", " ", "\u00ad", "\u2019", "`", "\u00df", "\n", "\u02dc"])
    ).map("".join)
)
def test_the_fast_normalisation_matches_the_plain_one(text):
    assert normalise(text) == _one_character_at_a_time(text)


# Every character str.isspace() takes for whitespace, ASCII first.
WHITESPACE = sorted((c for c in map(chr, range(0x3001)) if c.isspace()), key=ord)
ASCII_WHITESPACE = [c for c in WHITESPACE if c.isascii()]


def spaced_once(words, spaces):
    """Words each followed by one whitespace character, the last one by none: a text that needs
    no whitespace cut, as extracted page text is."""
    return st.lists(st.tuples(words, st.sampled_from(spaces))).map(
        lambda pairs: "".join(word + space for word, space in pairs)[:-1] if pairs else ""
    )


ascii_word = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=4)


@given(
    st.text(st.characters(max_codepoint=127))
    | st.lists(st.sampled_from(["a", "Bc", " ", "  ", "\n", "\t", "D.", "`"])).map("".join)
    | spaced_once(ascii_word, ASCII_WHITESPACE)
)
@example("word ")
@example("word\n")
@example(" word")
@example("two  spaces")
def test_plain_text_is_made_searchable_as_normalise_does(text):
    haystack, origin = searchable(text)
    normal, every_origin = normalise(text)
    assert haystack == normal
    assert [origin[index] for index in range(len(normal))] == every_origin


# Curly quotes, dashes, an ellipsis (one character, three in the normal form), soft hyphens and
# zero-width spaces (none), a ligature, sharp s, accented capitals, wide and no-break spaces, and
# a Cherokee small letter (whose case fold lower() would change back).
SPECIALS = [
    "\u2019",
    "\u201c",
    "\u2014",
    "\u2026",
    "\u00ad",
    "\u200b",
    "\ufb01",
    "\u00df",
    "\u00c9",
]
SPECIALS += ["\u00a0", "\u3000", "\u00a8", "\uab70", "`", "\u200f"]
# Characters whose form holds another character that is replaced ('\u0149' is '\u02bc' and 'n';
# '\u02bc' is "'"), and a fullwidth backtick (a backtick in the normal form, as the page's own
# backtick is not).
SPECIALS += ["\u0149", "\u02bc", "\u207b", "\u2212", "\ufe31", "\uff40"]


@given(
    st.text()
    | st.lists(st.sampled_from(["a", "Bc", " ", "  ", "\n", "D.", *SPECIALS])).map("".join)
    | spaced_once(st.sampled_from(["a", "Bc", "D.", *SPECIALS]), WHITESPACE)
)
@example("\u2019 ")
@example("\u2019\u3000")
@example(" \u2019")
@example("\u2019\u00ad ")
def test_any_text_is_made_searchable_as_normalise_does(text):
    haystack, origin = searchable(text)
    normal, every_origin = normalise(text)
    assert haystack == normal
    assert [origin[index] for index in range(len(normal))] == every_origin


@given(page_and_slice(), st.data())
def test_any_run_of_words_is_found_however_spaced_and_cased(case, data):
    text, chosen = case
    gaps = data.draw(st.lists(spaces, min_size=len(chosen), max_size=len(chosen)))
    quote = _joined(chosen, gaps)
    quote = data.draw(
        st.sampled_from([quote, quote.upper(), quote.lower(), f"\u201c{quote}\u201d"])
    )
    result = check_quote(quote, text)
    assert result.status == FOUND
    assert normalise(result.passage)[0] == normalise(" ".join(chosen))[0]
    assert text[result.start : result.end] == result.passage


@given(page_and_slice(), st.data())
def test_soft_hyphens_and_zero_width_characters_do_not_matter(case, data):
    text, chosen = case
    quote = " ".join(chosen)
    cut = data.draw(st.integers(0, len(quote)))
    mark = data.draw(st.sampled_from(["\u00ad", "\u200b", "\ufeff"]))
    assert check_quote(quote[:cut] + mark + quote[cut:], text).status == FOUND
    assert check_quote(quote, text[: len(text) // 2] + mark + text[len(text) // 2 :]).status in (
        FOUND,
    )


RTL_PAGE = (
    "\u05d4\u05e1\u05db\u05e8 \u05e0\u05e1\u05d2\u05e8 \u05dc\u05e9\u05e0\u05d4,"
    " \u05d0\u05de\u05e8 \u05d4\u05de\u05d4\u05e0\u05d3\u05e1 (2026)."
)


@pytest.mark.parametrize(
    "mark", ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u2067", "\u2069"]
)
def test_the_direction_marks_of_right_to_left_text_do_not_matter(mark):
    # Copied from a right-to-left page, a quote often carries invisible direction marks.
    quote = RTL_PAGE[:15]
    assert check_quote(f"{mark}{quote[:6]}{mark}{quote[6:]}{mark}", RTL_PAGE).status == FOUND
    marked_page = RTL_PAGE.replace(" ", f"{mark} ").replace("(", f"({mark}")
    result = check_quote(quote, marked_page)
    assert result.status == FOUND
    assert result.passage == marked_page[result.start : result.end]
    assert check_quote("(2026)", marked_page).status == FOUND


@given(st.sampled_from(["'", "\u2018", "\u2019", "`"]), st.sampled_from(["-", "\u2013", "\u2014"]))
def test_curly_and_straight_quotes_and_every_dash_are_the_same(apostrophe, dash):
    text = "The council\u2019s plan \u2014 approved in May \u2014 costs \u00a34m."
    quote = f"council{apostrophe}s plan {dash} approved in May"
    result = check_quote(quote, text)
    assert result.status == FOUND
    assert result.passage == "council\u2019s plan \u2014 approved in May"


@given(st.text(min_size=1))
def test_no_text_to_search(quote):
    assume(re.search(r"\w", quote))
    assert check_quote(quote, "").status == NO_TEXT
    assert check_quote(quote, None).status == NO_TEXT
    assert check_quote(quote, " \n\u00ad ").status == NO_TEXT


@given(st.text(alphabet=" .,'\"\u201c\u201d-\u2014\n", max_size=20))
def test_a_quote_of_punctuation_only_is_not_checked(quote):
    assert check_quote(quote, PAGE) is None


@pytest.mark.parametrize(
    ("quote", "words"),
    [
        ("...", False), ("\u2026", False), ("[...]", False), ("\u201c...\u201d", False),
        ("\u200b\u00ad", False), (" - ; ", False), ("", False), (None, False),
        ("... the dam cracked", True), ("23", True), ("上海", True), ("गया", True),
    ],
)  # fmt: skip
def test_a_quote_has_words_unless_it_is_only_marks_or_hidden_characters(quote, words):
    assert has_words(quote) is words
    assert (check_quote(quote, PAGE) is None) is not words


@pytest.mark.parametrize(
    ("quote", "refused"),
    [
        ("...", True), ("\u2026", True), ("[...]", True), ("\u2014", True), (" - ; ", True),
        ("\u201c...\u201d", True), ("\u200b\u00ad", True),
        ("\U0001f44d", False), ("\U0001f1fa\U0001f1e6", False), ("\u20ac", False),
        ("\u2665", False), ("12%", False), ("上", False), ("the dam ... cracked", False),
    ],
)  # fmt: skip
def test_only_a_quote_of_punctuation_alone_is_refused(quote, refused):
    # An emoji or a sign alone is kept (though it has no words check_quote could look up).
    assert only_punctuation(quote) is refused


@given(st.lists(st.sampled_from(["zebra", "quartz", "oxygen", "violin"]), min_size=2, max_size=8))
def test_words_the_page_never_uses_are_not_found(quote_words):
    result = check_quote(" ".join(quote_words), PAGE)
    assert result.status == NOT_FOUND
    assert result.start is None and result.passage is None


def test_a_slightly_misquoted_passage_is_found_approximately_with_the_closest_passage():
    quote = (
        "the Minister said unemployment had fallen by 3.2% in 2023, the lowest rate since records"
    )
    result = check_quote(quote, PAGE)
    assert result.status == APPROXIMATE
    assert 0.8 <= result.score < 1
    assert result.passage.startswith("the Minister said")
    assert result.passage.endswith("since records")
    assert PAGE[result.start : result.end] == result.passage


def test_an_omission_mark_joins_fragments_found_in_order():
    result = check_quote("\u201cunemployment fell \u2026 the lowest rate\u201d", PAGE)
    assert result.status == FOUND
    assert result.passage.startswith("unemployment fell") and result.passage.endswith("lowest rate")
    # In the wrong order, the fragments are not an exact find.
    assert check_quote("the lowest rate ... unemployment fell", PAGE).status != FOUND


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("the U.S. ... foreign policy", "the U.S. trade and foreign policy"),
        ("the U.S. \u2026 foreign policy", "the U.S. trade and foreign policy"),
        ("Mr. . . . Smith disagreed", "Mr. Smith disagreed"),
        ("policy failed. ... Smith disagreed", "policy failed. Mr. Smith disagreed"),
        ("policy failed.... Mr. Smith", "policy failed. Mr. Smith"),
    ],
)
def test_an_omission_after_an_abbreviation_or_a_full_stop_is_still_an_omission(quote, passage):
    # The full stop of "U.S." or of a sentence is not the first dot of the omission mark after it.
    text = "He said the U.S. trade and foreign policy failed. Mr. Smith disagreed."
    result = check_quote(quote, text)
    assert (result.status, result.passage) == (FOUND, passage)


ACCENTED_PAGE = (
    "Le caf\u00e9 de la gare a ferm\u00e9 apr\u00e8s quarante ans, a d\u00e9clar\u00e9 le maire."
)
ACCENTED_PAGE += " \ud55c\uad6d \uc815\ubd80\ub294 \ubc1c\ud45c\ud588\ub2e4."


@pytest.mark.parametrize("page_form", ["NFC", "NFD"])
@pytest.mark.parametrize("quote_form", ["NFC", "NFD"])
def test_accents_match_whether_written_composed_or_decomposed(quote_form, page_form):
    # PDFs and some systems write an accented letter as the letter and a combining accent.
    page = unicodedata.normalize(page_form, ACCENTED_PAGE)
    for quote in (
        "caf\u00e9 de la gare a ferm\u00e9",
        "a d\u00e9clar\u00e9",
        ACCENTED_PAGE[-12:-1],
    ):
        result = check_quote(unicodedata.normalize(quote_form, quote), page)
        assert result.status == FOUND
        assert result.passage == page[result.start : result.end]
        assert unicodedata.normalize("NFC", result.passage) == quote


def test_a_line_broken_hyphenated_word_in_the_page_matches():
    text = "Prices rose sharply in the last quar\u00adter of the year."
    assert check_quote("the last quarter of the year", text).status == FOUND


def test_the_summary_counts_approximate_finds_as_found_and_says_them_apart():
    assert summary([FOUND, NOT_FOUND, APPROXIMATE]) == (
        "2 of 3 quotes found in the archived sources, 1 only approximately; 1 not found"
    )
    assert summary([FOUND]) == "1 of 1 quote found in the archived sources"
    assert summary([None, FOUND]) == (
        "1 of 2 quotes found in the archived sources; 1 not checked (its source has no copy yet)"
    )
    assert summary([]) is None
    # A copy kept without a check of the quote, or a quote with no words, is not a missing copy.
    assert summary([UNCHECKED, FOUND, NO_WORDS]) == (
        "1 of 3 quotes found in the archived sources; 1 not checked (its source's copy has not"
        " been searched for it); 1 not checked (its quote has no words to look for)"
    )
    # Quotes that could not be looked for are said apart by why, never as missing.
    assert summary([FOUND, NO_TEXT, NO_TEXT, None, ARCHIVE_FAILED]) == (
        "1 of 5 quotes found in the archived sources; 2 in copies with no text to search"
        " (compare them by eye); 1 not checked (its source has no copy yet); 1 not checked"
        " (its source could not be archived)"
    )


spans = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=6)


@given(st.text(max_size=50), spans)
def test_marked_pieces_rebuild_the_text_and_mark_exactly_the_spans(text, chosen):
    pieces = marked_pieces(text, chosen)
    assert "".join(piece for piece, _ in pieces) == text
    assert all(piece for piece, _ in pieces)
    marked, position = set(), 0
    for piece, is_marked in pieces:
        if is_marked:
            marked.update(range(position, position + len(piece)))
        position += len(piece)
    wanted = {i for start, end in chosen for i in range(max(0, start), min(len(text), end))}
    assert marked == wanted
    # Neighbouring pieces never share a state: marks are joined.
    assert all(a[1] != b[1] for a, b in zip(pieces, pieces[1:], strict=False))


REPORT = (
    "The ministry said on Friday that \u201c23 people were taken to hospital\u201d after the fire."
    " The port handled 12,000 tonnes, making it the third-busiest port, worth 4.2 million."
)


@pytest.mark.parametrize(
    "misquote",
    [
        "the ministry said on Friday that 32 people were taken to hospital",
        "the ministry said on Friday that 230 people were taken to hospital",
        "23 people were not taken to hospital after the fire",
        "the port handled 21,000 tonnes, making it",
        "making it the third-busiest port, worth 4.2 billion",
        "making it the first-busiest port, worth 4.2 million",
        # A date is checked as a figure is.
        "the ministry said on Thursday that 23 people were taken to hospital",
    ],
)
def test_a_quote_alike_but_for_a_figure_or_a_negation_is_not_found(misquote):
    """What a fact-check turns on must not pass as "found approximately": the closest passage is
    kept to show what the page says instead."""
    result = check_quote(misquote, REPORT)
    assert result.status == NOT_FOUND
    assert result.passage == REPORT[result.start : result.end]


@pytest.mark.parametrize(
    ("misquote", "passage"),
    [
        ("Two people died", "Four people died"),
        ("It was built in 1975", "It was built in 1974"),
        ("last inspected in September 2024", "last inspected in September 2023"),
        ("Five people died and 23 people were hurt", "Four people died and 23 people were hurt"),
    ],
)
def test_a_misquoted_figure_at_either_end_is_shown_as_the_page_gives_it(misquote, passage):
    """The closest passage starts and ends on the quote's own words; a figure the page gives
    otherwise at an end was left out of it ("people died"), when it is the very point."""
    page = (
        "Four people died and 23 people were hurt. It was built in 1974 and last inspected in"
        " September 2023."
    )
    result = check_quote(misquote, page)
    assert (result.status, result.passage) == (NOT_FOUND, passage)


@pytest.mark.parametrize(
    ("misquote", "passage"),
    [
        ("Imports rose to 1.5 million tonnes", "Imports fell to 1.5 million tonnes"),
        (
            "Unemployment decreased to 5 percent in May",
            "Unemployment increased to 5 percent in May",
        ),
        ("The council rejected the plan on Monday", "The council approved the plan on Monday"),
        ("The ruling party won the seat in May", "The ruling party lost the seat in May"),
        (
            "Six members voted for the plan on Monday",
            "Six members voted against the plan on Monday",
        ),
        ("Imports climbed to 1.5 million tonnes", "Imports fell to 1.5 million tonnes"),
        ("Imports fell to 2.7 million tonnes", "exports rose to 2.7 million tonnes"),
    ],
)
def test_a_quote_that_says_the_opposite_way_is_not_found(misquote, passage):
    """Alike word for word but for which way it went, or a figure tied to what went the other
    way: it says the opposite of the page."""
    page = (
        "Imports fell to 1.5 million tonnes, exports rose to 2.7 million tonnes. Unemployment"
        " increased to 5 percent in May. The council approved the plan on Monday. The ruling"
        " party lost the seat in May. Six members voted against the plan on Monday."
    )
    result = check_quote(misquote, page)
    assert (result.status, result.passage) == (NOT_FOUND, passage)
    assert check_quote(misquote.replace(" on ", " "), page).status == NOT_FOUND


def test_a_quote_alike_in_other_words_is_still_found_approximately():
    result = check_quote(
        "the ministry stated on Friday that 23 people were taken to hospital", REPORT
    )
    assert result.status == APPROXIMATE
    # Omitted words may hold figures the quote leaves out.
    assert check_quote("The port handled … tonnes, making it the third-busiest", REPORT).status in (
        FOUND,
        APPROXIMATE,
    )


@given(
    number=st.integers(min_value=0, max_value=10**6),
    other=st.integers(min_value=0, max_value=10**6),
)
def test_a_quote_with_another_number_than_the_page_is_never_found(number, other):
    assume(number != other)
    page = f"Officials counted {number:,} voters at the polling stations in the northern district."
    quote = f"Officials counted {other:,} voters at the polling stations in the northern district"
    assert check_quote(quote, page).status == NOT_FOUND


@given(
    head=st.integers(min_value=1, max_value=999),
    number=st.integers(min_value=0, max_value=99_999),
    decimals=st.integers(min_value=0, max_value=9),
)
def test_a_figure_at_a_quotes_edge_is_never_found_inside_a_longer_one(head, number, decimals):
    """ "23 people were taken to hospital" is no find on a page that says "123 people": the
    quote's figure and words stand whole in the page or not at all."""
    page = (
        f"Crews said {head}{number} people were taken to hospital, and the rate reached"
        f" {number}.{decimals} percent by {number}{head}."
    )
    for quote in (
        f"{number} people were taken to hospital",
        f"the rate reached {number} percent",
        f"the rate reached {number}",
        f"by {number}",
    ):
        assert check_quote(quote, page).status == NOT_FOUND, quote


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        ("lawful, the judge said", "The ruling was unlawful, the judge said."),
        ("2,000 residents", "The town gained 12,000 residents last year."),
        ("work began in 195", "Work began in 1950 and ended in 1957."),
        # An omission mark joins a clause or two, not sentences far down the page.
        (
            "Crime ... fell by 20%",
            "Crime rose sharply in the city last year, police said. "
            + "The council met on Monday to discuss the harbour. " * 8
            + "Separately, unemployment fell by 20% over the decade.",
        ),
        ("a ... the", "Officials said aid on Tuesday reached them."),
    ],
)
def test_a_quote_is_found_only_in_whole_words_and_near_its_omissions(quote, page):
    assert check_quote(quote, page).status == NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        ("the company lost £5", "The company lost £5bn last year."),
        ("the cut will affect 300", "The cut will affect 300k families."),
        ("7 nations agreed", "The G7 nations agreed on Friday."),
        ("the rate was 3.", "In May the rate was 3.5 percent."),
        # Hebrew and Arabic endings change the word ("soldiers", "two thousand").
        ("נהרג חייל", "נהרג חיילים בגבול"),
        ("خسر ألف", "خسر ألفين"),
    ],
)  # fmt: skip
def test_a_quote_cut_inside_a_figure_or_before_a_words_ending_is_not_found(quote, page):
    assert check_quote(quote, page).status != FOUND


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        # Scripts that put no spaces between words, or join a particle or "that" onto them.
        ("经济增长了百分之五", "国家统计局表示，今年经济增长了百分之五，高于预期。"),
        ("成長した", "首相は経済は成長したと述べた。"),
        ("경제가 성장했다", "총리는 경제가 성장했다고 말했다."),
        ("הממשלה החליטה לבנות", "השר אמר שהממשלה החליטה לבנות גשר חדש."),
        # A footnote number the extractor ran into the word before it.
        ("Spending on schools rose by 12 percent", "Spending on schools rose by 12 percent2, it said."),
        ("grew by 12 percent", "Sales grew by 12 percent\u00b9 in 2024."),
    ],
)  # fmt: skip
def test_a_quote_from_inside_a_sentence_of_any_script_is_found(quote, page):
    """Whole words are where a script has them: a quote from the middle of a Chinese sentence
    read "not found", and so did one a footnote number followed."""
    assert check_quote(quote, page).status == FOUND


def test_an_omission_mark_finds_the_fragments_close_together_past_a_far_first_word():
    page = (
        "Crime fell in the suburbs. "
        + "The council met on Monday to discuss the harbour. " * 8
        + "Crime rose sharply in the city last year, police said."
    )
    found = check_quote("Crime ... last year", page)
    assert found.status == FOUND and found.passage == "Crime rose sharply in the city last year"


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("after the fire—most of them", "after the fire \u2014 most of them"),
        ("after the fire -- most of them", "after the fire \u2014 most of them"),
        ("making it the third busiest port", "making it the third-busiest port"),
        ("The port handled 12 000 tonnes", "The port handled 12,000 tonnes"),
        # A per cent sign with or without a space (of any width) before it.
        ("volume grew by 12%", "volume grew by 12 %"),
        ("volume grew by 12%", "volume grew by 12\u202f%"),
        ("volume grew by 12 %", "volume grew by 12%"),
        ("volume grew by 12\u00a0%", "volume grew by 12\u2009%"),
        # Typed without the page's quotation marks, which an apostrophe inside a word is not.
        (
            "We were not prepared for this, the regional governor said",
            "We were not prepared for this,\u201d the regional governor said",
        ),
        ("the workers union said", "the workers\u2019 union said"),
    ],
)
def test_words_joined_by_a_dash_or_figures_grouped_another_way_are_found(quote, passage):
    page = f"Officials spoke on Friday. {passage}, they said."
    result = check_quote(quote, page)
    assert (result.status, result.passage) == (FOUND, passage)


def test_a_minus_sign_is_no_dash_between_words():
    page = "Output fell by -5 points in 2023."
    assert check_quote("Output fell by 5 points in 2023", page).status == NOT_FOUND
    assert check_quote("Output fell by -5 points in 2023", page).status == FOUND


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        (
            "The vaccine is safe for children under five ... experts said",
            "The vaccine is not safe for children under five, experts said on Monday.",
        ),
        (
            "the cuts were approved by the cabinet ... the treasury agreed",
            "The minister said the cuts were never approved by the cabinet, and the treasury"
            " agreed.",
        ),
        (
            "The council said 32 people were hurt ... in the fire",
            "The council said 23 people were hurt, police said, in the fire.",
        ),
    ],
)
def test_an_omission_mark_does_not_hide_a_dropped_negation_or_a_changed_figure(quote, page):
    """Each fragment is held to the stretch of the passage it lines up with."""
    assert check_quote(quote, page).status == NOT_FOUND


@pytest.mark.parametrize(
    ("quote", "page", "status"),
    [
        # The words an omission mark cuts out may hold a negation of their own.
        (
            "The vaccine is safe ... experts said",
            "The vaccine is safe, though not for infants, experts said.",
            FOUND,
        ),
        # The same figure in other words: "per cent" and "%", "Three" and "3".
        (
            "Unemployment rose to 5.2% in March",
            "Unemployment rose to 5.2 per cent in March.",
            APPROXIMATE,
        ),
        (
            "3 people were taken to hospital on Monday",
            "Three people were taken to hospital on Monday.",
            APPROXIMATE,
        ),
        # A year and the figure after it are two figures, however they are parted.
        (
            "Between 2010 and 2020 300 schools closed in the county",
            "Between 2010 and 2020, 300 schools closed in the county.",
            APPROXIMATE,
        ),
        # Words joined or parted otherwise hold no turn of direction ("start-up" has no "up").
        (
            "The start-up said it would hire 40 people in the town",
            "The startup said it would hire 40 people in the town.",
            APPROXIMATE,
        ),
        (
            "The council will not fund the shelter any more, the mayor said",
            "The council will not fund the shelter anymore, the mayor said.",
            APPROXIMATE,
        ),
        (
            "Prices rose in May and fell in June across the region",
            "Prices rose in May and fell in June across the whole region.",
            APPROXIMATE,
        ),
        (
            "The plan was built bottom up rather than top-down by the board",
            "The plan was built bottom-up rather than top down by the whole board.",
            APPROXIMATE,
        ),
    ],
)
def test_a_faithful_quote_written_another_way_is_not_taken_for_a_misquote(quote, page, status):
    assert check_quote(quote, page).status == status


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        # Which way it went, in words of two pairs: "fell" is not "grew".
        (
            "Exports fell by 7 billion euros over the year",
            "Exports grew by 7 billion euros over the year",
        ),
        (
            "Rents dropped sharply in the city centre last year",
            "Rents soared sharply in the city centre last year",
        ),
        (
            "The bill passed the senate after a long debate",
            "The bill failed the senate after a long debate",
        ),
        (
            "The company will hire 300 workers at the plant",
            "The company will fire 300 workers at the plant",
        ),
        (
            "The minister said the claim was true after the review",
            "The minister said the claim was false after the review",
        ),
        # A word turned by its prefix.
        (
            "The bridge is safe to use, the engineers reported",
            "The bridge is unsafe to use, the engineers reported",
        ),
        (
            "The council said the strike was legal under the law",
            "The council said the strike was illegal under the law",
        ),
        # "May" and "March" where they are dates.
        (
            "The vote was held in March and the bill passed easily",
            "The vote was held in May and the bill passed easily",
        ),
        (
            "The ferry stopped running on 3 May after the storm",
            "The ferry stopped running on 3 March after the storm",
        ),
        (
            "The results were accurate according to the official count",
            "The results were inaccurate according to the official count",
        ),
        # A plain "UN" or "in" elsewhere does not hide a turn; a prefix written apart is one.
        (
            "The occupation is unlawful, experts told the court",
            "The occupation is lawful, UN experts told the court",
        ),
        (
            "The policy is ineffective, the report said on Monday",
            "The policy is effective in part, the report said on Monday",
        ),
        (
            "The resolution is non-binding, diplomats said on Friday",
            "The resolution is binding, diplomats said on Friday",
        ),
        (
            "They found the figure implausible after a review",
            "They found the figure plausible after a review",
        ),
        (
            "The project came in over budget, the audit found last week",
            "The project came in under budget, the audit found last week",
        ),
        (
            "The ministry confirmed the report on Monday afternoon",
            "The ministry denied the report on Monday afternoon",
        ),
        (
            "Exports rose 5% in March, the statistics office said",
            "Imports rose 5% in March, the statistics office said",
        ),
        (
            "The council was accused of inaction after the flood",
            "The council was accused of action after the flood",
        ),
    ],
)
def test_a_quote_that_turns_what_the_page_says_is_not_found(quote, page):
    result = check_quote(quote, page)
    assert result.status == NOT_FOUND
    # The closest passage is kept, to show what the page says instead.
    assert result.passage


@pytest.mark.parametrize(
    ("quote", "page"),
    [
        (
            "Turnout rose sharply in the northern districts this year",
            "Turnout increased sharply in the northern districts this year",
        ),
        (
            "They went to the building before the police arrived",
            "They went into the building before the police arrived",
        ),
        (
            "The council may vote on the plan at its next meeting",
            "The council might vote on the plan at its next meeting",
        ),
        # A prefix that is no negation, or a word spelt apart (found by a recheck).
        (
            "The non-profit group raised 2 million dollars for the shelter",
            "The nonprofit group raised 2 million dollars for the shelter",
        ),
        (
            "Party fighting delayed the vote on the budget until June",
            "Party infighting delayed the vote on the budget until June",
        ),
        (
            "The volunteers gave valuable help to the flood victims",
            "The volunteers gave invaluable help to the flood victims",
        ),
        (
            "Immigrant workers built most of the new stadium in Doha",
            "Migrant workers built most of the new stadium in Doha",
        ),
        # A prefixed word beside the same word plain on both sides, or spelt otherwise.
        (
            "The judge threw out the case after prosecutors missed a filing deadline in May",
            "The judge dismissed the case after prosecutors missed a filing deadline in May",
        ),
        (
            "The senator called the remark un-American on Monday",
            "The senator called the remark unAmerican on Monday",
        ),
    ],
)
def test_words_of_one_direction_or_a_verb_may_are_no_turn(quote, page):
    assert check_quote(quote, page).status == APPROXIMATE


@pytest.mark.parametrize(
    ("one", "other", "differ"),
    [
        ("Coffee lowers the risk of heart disease.", "Coffee raises the risk of heart disease.", True),
        ("Prices rose 3% in May.", "Prices rose 30% in May.", True),
        ("The bridge is safe.", "The bridge is not safe.", True),
        ("Unemployment fell to 3.5% in 2019, the lowest in fifty years.",
         "Unemployment fell to 3.5 percent in 2019, the lowest in 50 years.", False),
        ("The mayor said taxes will rise.", "Taxes will rise, the mayor said.", False),
    ],
)  # fmt: skip
def test_two_sentences_alike_in_words_differ_in_substance_by_figure_negation_or_direction(
    one, other, differ
):
    from factcheck.quote_check import differ_in_substance

    assert differ_in_substance(one, other) is differ
    assert differ_in_substance(other, one) is differ


def test_a_quote_with_an_omission_is_placed_part_by_part():
    quote = "the Minister said \u2026 the lowest rate since records began"
    found = check_quote(quote, PAGE)
    assert found.status == FOUND
    spans = quoted_spans(quote, PAGE, found.start, found.end)
    assert [PAGE[start:end] for start, end in spans] == [
        "the Minister said",
        "the lowest rate since records began",
    ]
    # A quote in one part is its whole passage.
    whole = check_quote("unemployment fell by 3.2%", PAGE)
    assert quoted_spans("unemployment fell by 3.2%", PAGE, whole.start, whole.end) == [
        (whole.start, whole.end)
    ]


@given(words, words)
def test_the_parts_of_a_quote_lie_in_order_inside_its_passage(first, second):
    page = " ".join(first) + " and then, much later, " + " ".join(second) + "."
    quote = f"{' '.join(first)} ... {' '.join(second)}"
    found = check_quote(quote, page)
    assume(found.status == FOUND)
    spans = quoted_spans(quote, page, found.start, found.end)
    assert found.start <= spans[0][0] and spans[-1][1] <= found.end
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
