"""Is a quoted passage in a page's text? Exact after normalising, approximately, or not at all.

Both sides are normalised the same way before comparing: runs of whitespace become one space,
curly quotes and primes become straight ones, every dash and minus becomes '-', soft hyphens and
zero-width characters vanish, and case is folded. Offsets in the answer index the original text,
so the snapshot view can highlight exactly what was found."""

import difflib
import functools
import heapq
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

FOUND = "found"
APPROXIMATE = "approximate"
NOT_FOUND = "not_found"
NO_TEXT = "no_text"
STATUSES = (FOUND, APPROXIMATE, NOT_FOUND, NO_TEXT)

#: How alike (0 to 1, word by word) the closest passage must be to count as found approximately.
APPROXIMATE_AT = 0.8
# How many of the windows with the most words of the quote are compared with it word by word.
_RANKED = 5

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07`\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_VANISH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATE = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: None for c in _VANISH},
        "\u2026": "...",
    }
)
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\[\s*\.\.\.\s*\])\s*")
_EDGE = "\"' \u00a0\t\r\n"
_WORD = re.compile(r"\w+")
_RUN = re.compile(r"\S+")
# Whitespace normalise() shortens: runs of two or more characters, and any before the first word.
_LONG_SPACE = re.compile(r"^\s+|\s{2,}")


@dataclass(frozen=True)
class QuoteCheck:
    """The answer for one quote: status, and where it was found (offsets into the original text,
    end exclusive) with the passage itself and how alike it is (1.0 for an exact find)."""

    status: str
    start: int | None = None
    end: int | None = None
    passage: str | None = None
    score: float | None = None


def _normalise_chars(text: str, start: int, out: list[str], origin: list[int]) -> None:
    """Append the comparable form of a run of non-space characters that starts at `start`."""
    for offset, char in enumerate(text):
        mapped = char.translate(_TRANSLATE)
        for piece in mapped:
            for folded_char in unicodedata.normalize("NFKC", piece).casefold():
                if not folded_char.isspace():
                    out.append(folded_char)
                    origin.append(start + offset)


def normalise(text: str) -> tuple[str, list[int]]:
    """The comparable form of `text`, and for each of its characters the index in `text` of the
    character it came from (one list entry per output character)."""
    out: list[str] = []
    origin: list[int] = []
    for match in _RUN.finditer(text):
        start, run = match.start(), match.group()
        before = len(out)
        if out:
            out.append(" ")
            origin.append(start - 1)  # the last space before the run
        if run.isascii() and "`" not in run:
            # Most words: one lowercase copy and a range of offsets, without a loop per character.
            out.append(run.lower())
            origin.extend(range(start, start + len(run)))
        else:
            _normalise_chars(run, start, out, origin)
        if len(out) == before + 1 and out[-1] == " ":
            out.pop()  # the run vanished (soft hyphens only): no space for it
            origin.pop()
    # Joined pieces are single characters or whole lowercase runs.
    return "".join(out), origin


class _PlainOrigin:
    """normalise()'s origin list for text whose every character stays one character (plain ASCII
    text lower-cased, or a page folded by _folded), worked out only at the few indexes a found
    passage needs. Such text only has each run of whitespace between words cut to one space (and
    any before the first word dropped), so an index moves by what the runs of whitespace before
    it lost: nothing at all when the normal form is as long as the text, as in extracted page
    text, whose words are spaced by single characters."""

    def __init__(self, text: str, normal_length: int):
        self._text = text
        # Where in the normal form the distance to the original grows, and the distance from
        # there; worked out when first needed unless nothing moves.
        self._moves: list[int] = [0]
        self._shifts: list[int] | None = [0] if normal_length == len(text) else None

    def _measure(self) -> list[int]:
        shifts = [0]
        for match in _LONG_SPACE.finditer(self._text):
            start, end = match.span()
            if end == len(self._text):
                break  # trailing space: no character of the normal form comes after it
            if start == 0:
                shifts[0] = end
                continue
            # The space kept for this run is its first character; the rest shift what follows.
            self._moves.append(start - shifts[-1])
            shifts.append(shifts[-1] + end - start - 1)
        return shifts

    def __getitem__(self, index: int) -> int:
        if self._shifts is None:
            self._shifts = self._measure()
        return index + self._shifts[bisect_right(self._moves, index) - 1]


@functools.lru_cache(maxsize=1 << 16)
def _fold(char: str) -> str:
    """The comparable form of one character, as normalise() makes it; whitespace stays itself."""
    if char.isspace():
        return char
    pieces = char.translate(_TRANSLATE)
    return "".join(
        c
        for piece in pieces
        for c in unicodedata.normalize("NFKC", piece).casefold()
        if not c.isspace()
    )


class _FoldedOrigin:
    """normalise()'s origin list for a page whose special characters _folded() replaced: an index
    into the folded copy's normal form, through _PlainOrigin, to the folded copy, then back over
    the characters that vanished (soft hyphens) or became several (an ellipsis, a ligature)."""

    def __init__(self, plain: _PlainOrigin, changes: list[tuple[int, int]]):
        self._plain = plain
        # Segments of the folded copy: where each starts, where it starts in the text, and whether
        # it is the form of one character (all its characters come from that one) or a stretch
        # copied character for character.
        self._starts = [0]
        self._origins = [0]
        self._single = [False]
        shift = 0  # index in the text minus index in the folded copy
        for index, length in changes:
            start = index - shift
            if length:
                self._starts.append(start)
                self._origins.append(index)
                self._single.append(True)
            self._starts.append(start + length)
            self._origins.append(index + 1)
            self._single.append(False)
            shift += 1 - length

    def __getitem__(self, index: int) -> int:
        folded = self._plain[index]
        segment = bisect_right(self._starts, folded) - 1
        if self._single[segment]:
            return self._origins[segment]
        return self._origins[segment] + folded - self._starts[segment]


def _folded(text: str) -> tuple[str, _PlainOrigin | _FoldedOrigin]:
    """normalise(text) made in one pass over the text with a table of the comparable form of each
    character it uses (worked out once per character), instead of run by run."""
    table: dict[int, str] = {}
    changing = []  # characters whose comparable form is not one character
    for char in set(text):
        folded = _fold(char)
        table[ord(char)] = folded
        if len(folded) != 1:
            changing.append(char)
    copy = text.translate(table)
    haystack = " ".join(copy.split())
    plain = _PlainOrigin(copy, len(haystack))
    if not changing:
        return haystack, plain
    where = re.finditer("|".join(map(re.escape, changing)), text)
    changes = [(match.start(), len(table[ord(match.group())])) for match in where]
    return haystack, _FoldedOrigin(plain, changes)


def _searchable(text: str) -> tuple[str, list[int] | _PlainOrigin | _FoldedOrigin]:
    """normalise(text), quicker, with the origin only worked out where it is looked at."""
    if text.isascii() and "`" not in text:
        # str.split() cuts at the characters \s matches (str.isspace), as _RUN does, in C.
        haystack = " ".join(text.split()).lower()
        return haystack, _PlainOrigin(text, len(haystack))
    return _folded(text)


def _fragments(quote: str) -> list[str]:
    """The parts of a quote between omission marks ('...', '…', '[...]'), normalised, with the
    quotation marks around the whole quote dropped."""
    text, _ = normalise(quote)
    text = text.strip(_EDGE)
    parts = [part.strip(_EDGE) for part in _ELLIPSIS.split(text)]
    return [part for part in parts if _WORD.search(part)]


def _span(
    origin: list[int] | _PlainOrigin | _FoldedOrigin, start: int, end: int
) -> tuple[int, int]:
    return origin[start], origin[end - 1] + 1


def _exact(
    fragments: list[str], haystack: str, origin: list[int] | _PlainOrigin | _FoldedOrigin
) -> tuple[int, int] | None:
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


def check_quote(quote: str | None, text: str | None) -> QuoteCheck | None:
    """Look the quote up in the text. None when there is no quote to look for (empty, or only
    punctuation); NO_TEXT when there is no text to search."""
    fragments = _fragments(quote or "")
    if not fragments:
        return None
    haystack, origin = _searchable(text or "")
    if text is None or not _WORD.search(haystack):
        return QuoteCheck(NO_TEXT)
    span = _exact(fragments, haystack, origin)
    if span is not None:
        return QuoteCheck(FOUND, span[0], span[1], text[span[0] : span[1]], 1.0)
    quote_words = [word for fragment in fragments for word in _WORD.findall(fragment)]
    score, first, last = _closest(quote_words, _WORD.findall(haystack))
    if score < APPROXIMATE_AT or last <= first:
        return QuoteCheck(NOT_FOUND, score=round(score, 3))
    passage = list(itertools.islice(_WORD.finditer(haystack), first, last))
    start, end = _span(origin, passage[0].start(), passage[-1].end())
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
