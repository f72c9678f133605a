"""Where in a page's words a quote's words gather: the page's words and the windows, as long as
the quote, that hold the most of them, found without counting every window of a long page."""

import heapq
import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Sequence
from operator import add, neg

_WORD = re.compile(r"\w+")
# How many of the windows with the most words of the quote are compared with it word by word.
RANKED = 5
# How many windows a block has at least (see best_windows).
BLOCK = 128
# When no window can hold enough of the quote's words for an approximate find, how many windows
# (the likeliest first) are counted before the closest passage among them is taken.
HOPELESS_BUDGET = 4096
_ASCII = bytes(range(128))
_NOT_WORD = bytes(c for c in range(128) if not _WORD.match(chr(c)))
_ASCII_BREAKS = bytes.maketrans(_NOT_WORD, b" " * len(_NOT_WORD))
# The page's words are cut this many characters at a time (at a space), so that finding where
# one of them is reads only its stretch of the page.
_STRETCH = 1 << 16


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class PageWords:
    """The words of a normal form (what _WORD finds, as UTF-8 bytes, in order) and where they are:
    cut apart by a byte table and bytes.split, which is several times quicker than _WORD.findall
    on a long page."""

    def __init__(self, normal: str):
        self.normal = normal
        others = set(_utf8(normal).translate(None, _ASCII).decode("utf-8", "surrogatepass"))
        breaks = [char for char in others if not _WORD.match(char)]
        if breaks:
            # Each character that parts words beyond ASCII made a space, one for one, so that
            # indexes into the copy are indexes into the normal form.
            normal = re.sub("[" + "".join(map(re.escape, breaks)) + "]", " ", normal)
        self.words: list[bytes] = []
        self._starts: list[int] = []  # where each stretch starts in the normal form
        self._firsts: list[int] = []  # the index of its first word
        start = 0
        while start < len(normal):
            end = normal.find(" ", start + _STRETCH)
            end = len(normal) if end < 0 else end
            self._starts.append(start)
            self._firsts.append(len(self.words))
            self.words.extend(_utf8(normal[start:end]).translate(_ASCII_BREAKS).split())
            start = end

    def _word(self, index: int) -> re.Match[str]:
        stretch = bisect_right(self._firsts, index) - 1
        start = self._starts[stretch]
        end = self._starts[stretch + 1] if stretch + 1 < len(self._starts) else len(self.normal)
        found = _WORD.finditer(self.normal, start, end)
        return next(itertools.islice(found, index - self._firsts[stretch], None))

    def places(self, first: int, last: int) -> list[tuple[int, int]]:
        """Where each of the words first to last (exclusive) is in the normal form, read in one
        pass over their stretch."""
        stretch = bisect_right(self._firsts, first) - 1
        if bisect_right(self._firsts, last - 1) - 1 != stretch:
            return [self._word(index).span() for index in range(first, last)]
        start = self._starts[stretch]
        end = self._starts[stretch + 1] if stretch + 1 < len(self._starts) else len(self.normal)
        found = _WORD.finditer(self.normal, start, end)
        skip = first - self._firsts[stretch]
        return [match.span() for match in itertools.islice(found, skip, skip + last - first)]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where the words first to last (exclusive) are in the normal form."""
        return self._word(first).start(), self._word(last - 1).end()


def quote_words(fragments: list[str]) -> list[bytes]:
    """The words of a quote's fragments, as PageWords cuts a page's."""
    return [_utf8(word) for fragment in fragments for word in _WORD.findall(fragment)]


def _shared(wanted: Counter, texts: Sequence[Hashable], start: int, stop: int) -> list[int]:
    """How many words each window from start to stop (exclusive) shares with the quote, counting
    each of its words at most as often as the quote has it; by sliding one window along, the
    count changing only where a word of the quote enters or leaves."""
    size = wanted.total()
    window = Counter(word for word in texts[start : start + size] if word in wanted)
    shared = sum(min(count, wanted[word]) for word, count in window.items())
    scores = [shared]
    for first in range(start + 1, stop):
        leaving, entering = texts[first - 1], texts[first + size - 1]
        if leaving in wanted:
            if window[leaving] <= wanted[leaving]:
                shared -= 1
            window[leaving] -= 1
        if entering in wanted:
            window[entering] += 1
            if window[entering] <= wanted[entering]:
                shared += 1
        scores.append(shared)
    return scores


def best_windows(
    quote: Sequence[Hashable],
    texts: Sequence[Hashable],
    enough: int = 0,
    block: int | None = None,
    budget: int | None = None,
) -> list[int]:
    """Where the windows the quote's length with the most of its words start (at most RANKED,
    most shared words first, then in page order).

    The windows are taken a block at a time (of `block` windows, at least the quote's length): the
    words of a block's windows together, counted at most as often as the quote has each, bound
    what any one of them shares. Blocks are counted window by window, in order of that bound,
    until no block left can reach the fifth best count, so the answer is the same as counting
    every window. One exception: when no block can reach `enough` shared words (the caller's
    "no window with fewer can matter"), the count stops after `budget` windows (HOPELESS_BUDGET
    unless given), and the best of those are returned."""
    size = len(quote)
    wanted = Counter(quote)
    windows = max(1, len(texts) - size + 1)
    block = max(block or BLOCK, size)
    # Words the quote has once add at most one each: how many of them a stretch has is the size
    # of a set intersection. The others are counted, and capped at how often the quote has each.
    once = {word for word, count in wanted.items() if count == 1}
    words = [word for word, count in wanted.items() if count > 1]
    caps, zeros = [wanted[word] for word in words], [0] * len(words)
    # Each block's stretch of words; a block's windows lie within its stretch and the next (a
    # block is at least as long as the quote).
    stretches = [texts[start : start + block] for start in range(0, windows + block, block)]
    singles = [once.intersection(stretch) for stretch in stretches]
    counts = [list(map(Counter(stretch).get, words, zeros)) for stretch in stretches]
    bounds = [
        (
            -len(singles[index] | singles[index + 1])
            - sum(map(min, map(add, counts[index], counts[index + 1]), caps)),
            index * block,
        )
        for index in range(len(stretches) - 1)
        if index * block < windows
    ]
    bounds.sort()
    hopeless = -bounds[0][0] < enough
    ranked: list[tuple[int, int]] = []  # (-shared, first) of the best windows counted so far
    counted = 0
    for negative_bound, start in bounds:
        if len(ranked) == RANKED and negative_bound > ranked[-1][0]:
            break  # no window left can share as many words as the fifth best
        if hopeless and counted >= (HOPELESS_BUDGET if budget is None else budget):
            break
        stop = min(start + block, windows)
        scores = zip(map(neg, _shared(wanted, texts, start, stop)), range(start, stop), strict=True)
        ranked = heapq.nsmallest(RANKED, itertools.chain(ranked, scores))
        counted += stop - start
    return [first for _, first in ranked]
