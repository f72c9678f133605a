"""Is a quoted passage in a page's text? Exact after normalising, approximately, or not at all.

Both sides are normalised the same way before comparing: decomposed letters are composed ('e' and
a combining acute read as 'é'), runs of whitespace become one space, curly quotes and primes
become straight ones, every dash and minus becomes '-', soft hyphens, zero-width characters and
the direction marks of right-to-left text vanish, and case is folded. Offsets in the answer index
the original text, so the snapshot view can highlight exactly what was found."""

import difflib
import heapq
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from factcheck.quote_text import Origin, composed, letter_end, searchable

FOUND = "found"
APPROXIMATE = "approximate"
NOT_FOUND = "not_found"
NO_TEXT = "no_text"
STATUSES = (FOUND, APPROXIMATE, NOT_FOUND, NO_TEXT)

#: How alike (0 to 1, word by word) the closest passage must be to count as found approximately.
APPROXIMATE_AT = 0.8
# How many of the windows with the most words of the quote are compared with it word by word.
_RANKED = 5

# An omission mark, with any full stops beside it: 'U.S. ...' must not leave '. policy' behind.
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\[\s*\.\.\.\s*\])(?:\s*\.)*\s*")
_EDGE = "\"' \u00a0\t\r\n"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteCheck:
    """The answer for one quote: status, and where it was found (offsets into the original text,
    end exclusive) with the passage itself and how alike it is (1.0 for an exact find)."""

    status: str
    start: int | None = None
    end: int | None = None
    passage: str | None = None
    score: float | None = None


def _fragments(quote: str) -> list[str]:
    """The parts of a quote between omission marks ('...', '…', '[...]'), normalised, with the
    quotation marks around the whole quote dropped."""
    # normalise(quote)'s text, without its list of offsets
    text, _ = searchable(unicodedata.normalize("NFC", quote))
    text = text.strip(_EDGE)
    parts = [part.strip(_EDGE) for part in _ELLIPSIS.split(text)]
    return [part for part in parts if _WORD.search(part)]


def _span(origin: Origin, start: int, end: int) -> tuple[int, int]:
    return origin[start], origin[end - 1] + 1


def _exact(fragments: list[str], haystack: str, origin: Origin) -> tuple[int, int] | None:
    """Where all fragments appear in order (the first fragment's start to the last one's end)."""
    position, first = 0, None
    for fragment in fragments:
        found = haystack.find(fragment, position)
        if found < 0:
            return None
        if first is None:
            first = found
        position = found + len(fragment)
    return _span(origin, first, position) if first is not None else None


def _best_windows(quote_words: list[str], texts: list[str]) -> list[int]:
    """Where the windows the quote's length with the most of its words start (at most _RANKED,
    most shared words first, then in page order).

    The count of shared words changes only where a word of the quote enters or leaves the
    window, so it is worked out there alone (most of a page's words are not the quote's), and of
    each stretch of windows that share as many, only the first few can rank."""
    size = len(quote_words)
    wanted = Counter(quote_words)
    window = Counter(word for word in texts[:size] if word in wanted)
    shared = sum(min(count, wanted[word]) for word, count in window.items())
    windows = max(1, len(texts) - size + 1)
    positions = [index for index, word in enumerate(texts) if word in wanted]
    changes = {index + 1 for index in positions} | {index - size + 1 for index in positions}
    starts = [0, *sorted(first for first in changes if 0 < first < windows), windows]
    ranked: list[tuple[int, int]] = []  # (-shared, first) of the windows that can rank
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
        ranked.extend((-shared, first) for first in range(start, min(stop, start + _RANKED)))
    return [first for _, first in heapq.nsmallest(_RANKED, ranked)]


def _closest(quote_words: list[str], texts: list[str]) -> tuple[float, int, int]:
    """The passage of the text's words most like the quote's: (likeness 0..1, first, last+1),
    compared word by word around the best few windows."""
    size = len(quote_words)
    if not texts or not size:
        return 0.0, 0, 0
    wanted = set(quote_words)
    best = (0.0, 0, 0)
    for first in _best_windows(quote_words, texts):
        for low, high in ((first, first + size), (first - 1, first + size + 1)):
            low, high = max(0, low), min(len(texts), high)
            # A passage starts and ends on words the quote has.
            while low < high and texts[low] not in wanted:
                low += 1
            while high > low and texts[high - 1] not in wanted:
                high -= 1
            ratio = difflib.SequenceMatcher(None, quote_words, texts[low:high], False).ratio()
            if ratio > best[0]:
                best = (ratio, low, high)
    return best


def _in_text(text: str, letters: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the composed page (see quote_text.composed) as a span of the text itself, with
    the whole of its last letter."""
    if letters is None:
        return start, end
    return letters[start], letter_end(text, letters[end - 1] + 1)


def check_quote(quote: str | None, text: str | None) -> QuoteCheck | None:
    """Look the quote up in the text. None when there is no quote to look for (empty, or only
    punctuation); NO_TEXT when there is no text to search."""
    fragments = _fragments(quote or "")
    if not fragments:
        return None
    page, letters = composed(text or "")
    haystack, origin = searchable(page)
    if text is None or not _WORD.search(haystack):
        return QuoteCheck(NO_TEXT)
    span = _exact(fragments, haystack, origin)
    if span is not None:
        start, end = _in_text(text, letters, *span)
        return QuoteCheck(FOUND, start, end, text[start:end], 1.0)
    quote_words = [word for fragment in fragments for word in _WORD.findall(fragment)]
    score, first, last = _closest(quote_words, _WORD.findall(haystack))
    if score < APPROXIMATE_AT or last <= first:
        return QuoteCheck(NOT_FOUND, score=round(score, 3))
    passage = list(itertools.islice(_WORD.finditer(haystack), first, last))
    start, end = _in_text(text, letters, *_span(origin, passage[0].start(), passage[-1].end()))
    return QuoteCheck(APPROXIMATE, start, end, text[start:end], round(score, 3))


def summary(statuses: list[str | None]) -> str | None:
    """'2 of 3 quotes found in the archived sources' for the statuses of quoted evidence items
    (None for a quote not checked yet, which counts as not found); approximate finds count as
    found. None when there are no quotes."""
    if not statuses:
        return None
    found = sum(status in (FOUND, APPROXIMATE) for status in statuses)
    noun = "quote" if len(statuses) == 1 else "quotes"
    return f"{found} of {len(statuses)} {noun} found in the archived sources"


def marked_pieces(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, marked) in order, marking the given [start, end) spans; spans
    that overlap or touch are joined, and ones outside the text are clipped or dropped."""
    cleaned = sorted(
        (max(0, start), min(len(text), end)) for start, end in spans if start is not None
    )
    merged: list[list[int]] = []
    for start, end in cleaned:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
