"""The quick quote check gives the answers of the plain one it replaced: the same windows, words,
passages and likeness, and the same status when it stops early on a hopeless quote."""

import difflib
import heapq
import itertools
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import quote_windows
from factcheck.quote_check import (
    _EDGE,
    _ELLIPSIS,
    APPROXIMATE,
    APPROXIMATE_AT,
    FOUND,
    NO_TEXT,
    NOT_FOUND,
    QuoteCheck,
    _enough,
    _exact_or_loosely,
    _in_text,
    _says_otherwise,
    _span,
    _with_figures_at_the_ends,
    _with_the_pages_ends,
    check_quote,
)
from factcheck.quote_text import composed, normalise
from factcheck.quote_windows import PageWords, best_windows

_WORD = re.compile(r"\w+")


# The check as it was before it was made quick, kept here to compare with: every window of the
# page counted, the page normalised character by character, its words cut by the regex.
def _reference_windows(quote_words, texts):
    size = len(quote_words)
    wanted = Counter(quote_words)
    window = Counter(word for word in texts[:size] if word in wanted)
    shared = sum(min(count, wanted[word]) for word, count in window.items())
    windows = max(1, len(texts) - size + 1)
    positions = [index for index, word in enumerate(texts) if word in wanted]
    changes = {index + 1 for index in positions} | {index - size + 1 for index in positions}
    starts = [0, *sorted(first for first in changes if 0 < first < windows), windows]
    ranked = []
    for start, stop in zip(starts, starts[1:], strict=False):
        if start:
            leaving, entering = texts[start - 1], texts[start + size - 1]
            if leaving in wanted:
                if window[leaving] <= wanted[leaving]:
                    shared -= 1
                window[leaving] -= 1
            if entering in wanted:
                window[entering] += 1
                if window[entering] <= wanted[entering]:
                    shared += 1
        ranked.extend((-shared, first) for first in range(start, min(stop, start + 5)))
    return [first for _, first in heapq.nsmallest(5, ranked)]


def _reference_closest(quote_words, texts):
    size = len(quote_words)
    if not texts or not size:
        return 0.0, 0, 0
    wanted = set(quote_words)
    best = (0.0, 0, 0)
    for first in _reference_windows(quote_words, texts):
        for low, high in ((first, first + size), (first - 1, first + size + 1)):
            low, high = max(0, low), min(len(texts), high)
            while low < high and texts[low] not in wanted:
                low += 1
            while high > low and texts[high - 1] not in wanted:
                high -= 1
            ratio = difflib.SequenceMatcher(None, quote_words, texts[low:high], False).ratio()
            if ratio > best[0]:
                best = (ratio, low, high)
    return best


def reference_check(quote, text):
    normal_quote, _ = normalise(unicodedata.normalize("NFC", quote or ""))
    parts = [part.strip(_EDGE) for part in _ELLIPSIS.split(normal_quote.strip(_EDGE))]
    fragments = [part for part in parts if _WORD.search(part)]
    if not fragments:
        return None
    page, letters = composed(text or "")
    haystack, origin = normalise(page)
    if text is None or not _WORD.search(haystack):
        return QuoteCheck(NO_TEXT)
    span = _exact_or_loosely(fragments, haystack, origin)
    if span is not None:
        start, end = _in_text(text, letters, *span)
        return QuoteCheck(FOUND, start, end, text[start:end], 1.0)
    quote_words = [word for fragment in fragments for word in _WORD.findall(fragment)]
    page_words = _WORD.findall(haystack)
    score, first, last = _reference_closest(quote_words, page_words)
    if score < APPROXIMATE_AT or last <= first:
        return QuoteCheck(NOT_FOUND, score=round(score, 3))
    encoded = [word.encode() for word in quote_words]
    compared = _with_figures_at_the_ends(
        encoded, [word.encode() for word in page_words], first, last
    )
    passage = list(itertools.islice(_WORD.finditer(haystack), *compared))
    start, end = _in_text(text, letters, *_span(origin, passage[0].start(), passage[-1].end()))
    status = NOT_FOUND if _says_otherwise(fragments, text, start, end) else APPROXIMATE
    matches = list(_WORD.finditer(haystack))
    shown = _with_the_pages_ends(
        encoded,
        [word.encode() for word in page_words],
        first,
        last,
        lambda index: haystack[matches[index - 1].end() : matches[index].start()],
    )
    first, last = min(compared[0], shown[0]), max(compared[1], shown[1])
    passage = list(itertools.islice(_WORD.finditer(haystack), first, last))
    start, end = _in_text(text, letters, *_span(origin, passage[0].start(), passage[-1].end()))
    return QuoteCheck(status, start, end, text[start:end], round(score, 3))


# Pages of a few words, often repeated (so windows tie), with the characters normalisation
# changes: curly quotes, dashes, an ellipsis, a soft hyphen, accents written both ways, a
# ligature, capitals, and punctuation beyond ASCII that parts words.
PAGE_WORDS = [
    "the", "The", "dam", "cracked", "on", "Monday", "water", "board", "x", "3.2%", "U.S.",
    "it\u2019s", "\u2014", "\u2026", "quar\u00adter", "caf\u00e9", "cafe\u0301", "\ufb01ve",
    "\u00abyes\u00bb", "na\u00efve", "STRA\u00dfE", "\u00a7", "\u00bfqu\u00e9?", "r\u00e9sum\u00e9",
]  # fmt: skip
GAPS = [" ", " ", " ", "\n", "  ", "\u00a0", " \u200b"]


@st.composite
def page_and_quote(draw):
    body = draw(st.lists(st.sampled_from(PAGE_WORDS), min_size=1, max_size=60))
    gaps = draw(st.lists(st.sampled_from(GAPS), min_size=len(body), max_size=len(body)))
    page = "".join(word + gap for word, gap in zip(body, gaps, strict=True))
    first = draw(st.integers(0, len(body) - 1))
    chosen = body[first : draw(st.integers(first + 1, min(len(body), first + 14)))]
    # Misquote it: words changed, dropped or added, an omission mark, another case.
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(chosen)))
        edit = draw(st.sampled_from(["change", "drop", "add", "omit"]))
        if edit == "drop" and where < len(chosen):
            del chosen[where]
        elif edit == "change" and where < len(chosen):
            chosen[where] = draw(st.sampled_from([*PAGE_WORDS, "zebra"]))
        elif edit == "add":
            chosen.insert(where, draw(st.sampled_from([*PAGE_WORDS, "zebra"])))
        else:
            chosen.insert(where, "...")
    quote = " ".join(chosen)
    quote = draw(st.sampled_from([quote, quote.upper(), f"\u201c{quote}\u201d"]))
    return page, quote


@contextmanager
def _blocks(block, budget=None):
    """check_quote with blocks of `block` windows (or the quote's length), and a budget."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quote_windows, "BLOCK", block)
        if budget is not None:
            patch.setattr(quote_windows, "HOPELESS_BUDGET", budget)
        yield


@settings(max_examples=300)
@given(page_and_quote(), st.sampled_from([1, 3, 64]))
def test_the_quick_check_answers_as_the_plain_one_did(case, block):
    page, quote = case
    with _blocks(block):
        assert check_quote(quote, page) == reference_check(quote, page)


@settings(max_examples=200)
@given(page_and_quote(), st.sampled_from([1, 3]))
def test_stopping_early_on_a_hopeless_quote_keeps_the_status(case, block):
    # With a budget of one window, a hopeless quote is counted for one block only.
    page, quote = case
    with _blocks(block, budget=1):
        quick = check_quote(quote, page)
    plain = reference_check(quote, page)
    # A misquote (not found, its closest passage kept) was close enough not to be hopeless.
    if plain is None or plain.status != NOT_FOUND or plain.start is not None:
        assert quick == plain
    else:
        assert quick.status == NOT_FOUND and quick.start is None


vocabulary = st.sampled_from(["the", "dam", "cracked", "on", "monday", "water", "board", "x", "y"])


def _every_window(quote_words, texts):
    """The best windows found by counting the shared words of every window and sorting them
    all."""
    size = len(quote_words)
    wanted = Counter(quote_words)
    scores = []
    for first in range(max(1, len(texts) - size + 1)):
        window = Counter(texts[first : first + size])
        scores.append((sum(min(count, wanted[word]) for word, count in window.items()), first))
    return [first for _, first in sorted(scores, key=lambda item: (-item[0], item[1]))[:5]]


@given(
    st.lists(vocabulary, min_size=1, max_size=8),
    st.lists(vocabulary, max_size=80),
    st.integers(1, 12),
)
def test_the_windows_compared_with_a_quote_are_the_ones_with_most_of_its_words(quote, texts, block):
    expected = _every_window(quote, texts)
    assert best_windows(quote, texts, block=block) == expected
    assert _reference_windows(quote, texts) == expected


@settings(max_examples=300)
@given(
    st.lists(vocabulary, min_size=1, max_size=8),
    st.lists(vocabulary, min_size=8, max_size=80),
    st.data(),
    st.integers(1, 12),
)
def test_a_count_stopped_early_is_only_for_windows_that_cannot_matter(quote, texts, data, block):
    enough = data.draw(st.integers(0, len(quote) + 1))
    quick = best_windows(quote, texts, enough, block=block, budget=1)
    if quick != _every_window(quote, texts):
        wanted = Counter(quote)
        for first in range(max(1, len(texts) - len(quote) + 1)):
            window = Counter(texts[first : first + len(quote)])
            assert sum(min(count, wanted[word]) for word, count in window.items()) < enough


def test_windows_with_fewer_than_enough_words_cannot_give_an_approximate_find():
    # The best a window sharing S words allows: all S and the two words beside it matching, and
    # nothing else in the passage; `enough` is the least S for which that is enough.
    for size in range(1, 3000):
        enough = _enough(size)
        assert 2.0 * (enough + 2) / (size + enough + 2) >= APPROXIMATE_AT
        if enough:
            assert 2.0 * (enough + 1) / (size + enough + 1) < APPROXIMATE_AT


# Words joined by characters that part them (ASCII and not) or belong to them (accents,
# letters and digits of other scripts).
word_text = st.lists(
    st.sampled_from(
        ["ab", "C", "3", "_", " ", "-", ".", "\u00e9", "\u0301", "\u00a7", "\u2026", "\u00ab",
         "\u0416", "\u4e2d", "\u0663", "\u00b2", "\ud800", "\U0001f600", "\u200b"]
    )
).map("".join)  # fmt: skip


@given(word_text, st.integers(1, 8), st.data())
def test_the_page_words_are_the_words_the_regex_finds(normal, stretch, data):
    found = list(_WORD.finditer(normal))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quote_windows, "_STRETCH", stretch)  # cut into many stretches
        words = PageWords(normal)
    assert words.words == [m.group().encode("utf-8", "surrogatepass") for m in found]
    if found:
        first = data.draw(st.integers(0, len(found) - 1))
        last = data.draw(st.integers(first + 1, len(found)))
        assert words.span(first, last) == (found[first].start(), found[last - 1].end())


def _long_page():
    """Some 6,000 words of sentences made from a small vocabulary, with one known paragraph."""
    nouns = ["council", "river", "budget", "school", "bridge", "report", "doctor", "harbour"]
    verbs = ["approved", "rejected", "delayed", "praised", "funded", "closed", "opened"]
    sentences = [
        f"The {nouns[i % 8]} {verbs[i % 7]} the {nouns[(i * 3) % 8]} plan on day {i}."
        for i in range(800)
    ]
    known = (
        "Engineers found seven cracks in the \u201cnorthern\u201d spillway \u2014 all of them"
        " older than the 2019 survey, the water board\u2019s report said on Tuesday."
    )
    sentences.insert(400, known)
    return "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)), known


def test_examples_of_each_status_on_a_long_page():
    page, known = _long_page()
    exact = check_quote('engineers found seven cracks in the "northern" spillway - all', page)
    assert exact.status == FOUND and exact.passage == known[: known.index(" all") + 4]
    assert page[exact.start : exact.end] == exact.passage

    misquote = (
        "Engineers found seven cracks in the southern spillway, all of them older than the 2019"
        " survey, the water board report said"
    )
    approximate = check_quote(misquote, page)
    assert approximate.status == APPROXIMATE and 0.8 <= approximate.score < 1
    assert approximate.passage == known[: known.index(" on Tuesday")]
    assert approximate == reference_check(misquote, page)
    # Another count ("eight" for the page's "seven") is no longer the same passage.
    miscounted = check_quote(misquote.replace("seven", "eight"), page)
    assert miscounted.status == NOT_FOUND and miscounted.passage == approximate.passage

    # No window holds two thirds of these words: the count stops early.
    absent = "the quartz violin of the council sang zebra songs in the oxygen tent"
    assert check_quote(absent, page).status == NOT_FOUND == reference_check(absent, page).status
    # Enough of them in places that the count goes on: the answer is the same in full.
    shuffled = "plan day river doctor opened harbour closed school funded bridge praised report"
    assert check_quote(shuffled, page) == reference_check(shuffled, page)

    assert check_quote(misquote, "\u00ad \n").status == NO_TEXT
