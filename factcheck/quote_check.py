"""Is a quoted passage in a page's text? Exact after normalising, approximately, or not at all.

Both sides are normalised the same way before comparing: decomposed letters are composed ('e' and
a combining acute read as 'é'), runs of whitespace become one space, curly quotes and primes
become straight ones, every dash and minus becomes '-', soft hyphens, zero-width characters and
the direction marks of right-to-left text vanish, and case is folded. Not found so, a quote is
looked for again with a dash between words read as a space and thousands separators dropped.
Offsets in the answer index the original text, so the snapshot view can highlight exactly what
was found."""

import difflib
import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.quote_text import Origin, composed, grapheme_span, letter_end, searchable
from factcheck.quote_windows import PageWords, best_windows, quote_words
from factcheck.text.scripts import SPACELESS_ALPHABETS, UNSPACED, script_of

FOUND = "found"
APPROXIMATE = "approximate"
NOT_FOUND = "not_found"
NO_TEXT = "no_text"
STATUSES = (FOUND, APPROXIMATE, NOT_FOUND, NO_TEXT)

#: How alike (0 to 1, word by word) the closest passage must be to count as found approximately.
APPROXIMATE_AT = 0.8

# An omission mark, with any full stops beside it: 'U.S. ...' must not leave '. policy' behind.
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\[\s*\.\.\.\s*\])(?:\s*\.)*\s*")
_EDGE = "\"' \u00a0\t\r\n"
_WORD = re.compile(r"\w+")
# A letter of a script written without spaces between words.
_UNSPACED_LETTER = re.compile(rf"[{UNSPACED.pattern[1:-1]}{SPACELESS_ALPHABETS}]")


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


def has_words(quote: str | None) -> bool:
    """Whether a quote has any words to look for: not only an omission mark ("...", "…"),
    punctuation or hidden characters, which check_quote() never looks up."""
    return bool(_fragments(quote or ""))


def only_punctuation(quote: str) -> bool:
    """Whether a quote is nothing but punctuation, omission marks ("...", "…", "[...]"), dashes,
    spaces or hidden characters: no letter, digit, emoji or other sign ("👍", "€", "♥") that a
    reader could have copied from the page."""
    return not any(unicodedata.category(char)[0] in "LNS" for char in quote)


def _span(origin: "Origin | _Through", start: int, end: int) -> tuple[int, int]:
    return origin[start], origin[end - 1] + 1


#: At most this many characters of the page may stand where a quote has an omission mark: a
#: clause or a sentence or two left out, not "Crime ... fell" joining "Crime rose sharply" to
#: another sentence's "unemployment fell" far down the page.
MAX_OMITTED_CHARS = 300


# Scripts that put no spaces between words (Chinese, Japanese, Thai...) or join particles onto
# them (Korean): a quote may start or end inside a run of their letters. Hebrew and Arabic join
# "and", "that" or "the" onto the word after, so a quote may start inside a run of their letters,
# but their endings (plurals, duals) change a word's meaning, so it ends where a word does.
_RUN_ON_SCRIPTS = frozenset("CJK HIRAGANA KATAKANA HANGUL THAI LAO KHMER MYANMAR TIBETAN".split())
_PREFIXING_SCRIPTS = _RUN_ON_SCRIPTS | {"HEBREW", "ARABIC"}


def _joined_at_start(before: str, head: str) -> bool:
    """Whether a quote whose first character is `head` would start inside a word or figure: after
    a digit of its figure ("123" holds no "23"), a letter of its word ("unlawful" no "lawful"),
    or a letter before its figure ("G7")."""
    if head.isdigit():
        return before.isdigit() or before.isalpha()
    if head.isalpha() and before.isalpha():
        return script_of(head) not in _PREFIXING_SCRIPTS
    return head.isalpha() and before.isdigit()


def _joined_at_end(tail: str, after: str) -> bool:
    """Whether a quote whose last character is `tail` would end inside a word or figure: before
    a digit of its figure, a unit or scale joined to it ("£5" in "£5bn", "300" in "300k"), or a
    letter of its word. A figure after a word is a footnote number the extractor ran into it
    ("12 percent2"), which a quote leaves out."""
    if tail.isdigit():
        return after.isdigit() or after.isalpha()
    if tail.isalpha() and after.isalpha():
        return script_of(tail) not in _RUN_ON_SCRIPTS
    return False


def _whole_at(haystack: str, found: int, length: int) -> bool:
    """Whether haystack[found:found + length] starts and ends where words and figures do: not
    "23 people" inside "123 people", "5 percent" in "5.5 percent" nor "lawful" in "unlawful"."""
    before = haystack[found - 1] if found > 0 else ""
    after = haystack[found + length] if found + length < len(haystack) else ""
    head, tail = haystack[found], haystack[found + length - 1]
    if (before and _joined_at_start(before, head)) or (after and _joined_at_end(tail, after)):
        return False
    # A figure's decimals or thousands: "5.5" and "12,000" hold no "5" and "2,000".
    if head.isdigit() and before in (".", ",") and haystack[found - 2 : found - 1].isdigit():
        return False
    ahead = haystack[found + length + 1 : found + length + 2]
    if tail.isdigit() and after in (".", ",") and ahead.isdigit():
        return False
    # A quote that ends on a figure's point or comma ("the rate was 3." of "3.5").
    last_digit = haystack[found + length - 2 : found + length - 1]
    return not (tail in (".", ",") and last_digit.isdigit() and after.isdigit())


def _whole_finds(haystack: str, fragment: str, start: int, end: int):
    """Each place from `start` (up to `end`) where `fragment` stands whole (_whole_at)."""
    found = haystack.find(fragment, start, end)
    while found >= 0:
        if _whole_at(haystack, found, len(fragment)):
            yield found
        found = haystack.find(fragment, found + 1, end)


def _exact(
    fragments: list[str], haystack: str, origin: "Origin | _Through"
) -> tuple[int, int] | None:
    """Where all fragments appear whole and in order, each within MAX_OMITTED_CHARS of the one
    before (the first fragment's start to the last one's end)."""
    if not fragments:
        return None
    first, *rest = fragments
    for start in _whole_finds(haystack, first, 0, len(haystack)):
        position = start + len(first)
        for fragment in rest:
            reach = min(len(haystack), position + MAX_OMITTED_CHARS + len(fragment) + 1)
            found = next(_whole_finds(haystack, fragment, position, reach), None)
            if found is None:
                break
            position = found + len(fragment)
        else:
            return _span(origin, start, position)
    return None


# A thousands separator: after a group of one to three digits ("12,000", "1 234 567"), so a
# year and the figure after it ("in 2020, 300 schools") stay two figures. Read in normalised
# text, where every space is a plain one.
_THOUSANDS = r"(?:(?<=(?<!\d)\d)|(?<=(?<!\d)\d\d)|(?<=(?<!\d)\d\d\d))[ ,](?=\d{3}(?!\d))"
# A dash between two words or figures (with or without spaces around it), a thousands
# separator and a quotation mark (not an apostrophe inside a word): the exact find's second try
# reads the first as a space and drops the others, so a quote typed without the page's
# quotation marks ("this, the governor said" for "this,” the governor said") is found. A minus
# sign before a figure is no dash between words, and stays.
_QUOTATION_MARK = r'"|(?<!\w)\'|\'(?!\w)'
_LOOSE = re.compile(rf"(?<=\w)(?:-+| -+ )(?=\w)|{_THOUSANDS}|{_QUOTATION_MARK}")


class _Through:
    """An origin list read through a loosened text: each stretch of it that was copied as it
    was starts at a loosened index and is that far ahead of the text it came from."""

    def __init__(self, starts: list[int], shifts: list[int], origin: Origin | range):
        self._starts, self._shifts, self._origin = starts, shifts, origin

    def __getitem__(self, index: int) -> int:
        return self._origin[index + self._shifts[bisect_right(self._starts, index) - 1]]


def _loosened(text: str, origin: Origin | range) -> tuple[str, _Through]:
    """`text` with its dashes between words made spaces and its thousands separators dropped,
    and where each of its characters came from."""
    out: list[str] = []
    starts, shifts = [0], [0]
    position = length = 0  # in the text, and in the loosened text
    for match in _LOOSE.finditer(text):
        out.append(text[position : match.start()])
        length += match.start() - position
        if "-" in match.group():
            out.append(" ")  # from the match's first character
            starts.append(length)
            shifts.append(match.start() - length)
            length += 1
        position = match.end()
        starts.append(length)
        shifts.append(position - length)
    out.append(text[position:])
    return "".join(out), _Through(starts, shifts, origin)


def _exact_or_loosely(
    fragments: list[str], haystack: str, origin: Origin
) -> tuple[int, int] | None:
    """Where the fragments are found exactly, else read loosely: "third busiest" for
    "third-busiest", "fire—most" for "fire — most", "12 000" for "12,000" (the same words,
    joined or grouped another way)."""
    span = _exact(fragments, haystack, origin)
    if span is None and any(_LOOSE.search(part) for part in (*fragments, haystack)):
        loose, loose_origin = _loosened(haystack, origin)
        loose_parts = [_loosened(part, range(len(part)))[0] for part in fragments]
        span = _exact(loose_parts, loose, loose_origin)
    return span


def _enough(size: int) -> int:
    """Fewer words of a quote of `size` words than this in a window, and no passage compared for
    it can be found approximately, so which of them are closest does not change the status.

    A passage spans its window and at most a word either side, so with S words of the window
    shared it matches at most S + 2 words of the quote, and its likeness, 2 * matches / (size +
    its length) as difflib works it out, is at most 2 * (S + 2) / (size + S + 2): the least S
    for which that reaches APPROXIMATE_AT (about two thirds of the quote, less two, at 0.8)."""
    shared = max(0, math.floor(APPROXIMATE_AT * size / (2 - APPROXIMATE_AT)) - 4)
    while 2.0 * (shared + 2) / (size + shared + 2) < APPROXIMATE_AT:
        shared += 1
    return shared


def _closest(quote_words: list[bytes], texts: list[bytes]) -> tuple[float, int, int]:
    """The passage of the text's words most like the quote's: (likeness 0..1, first, last+1),
    compared word by word around the best few windows."""
    size = len(quote_words)
    if not texts or not size:
        return 0.0, 0, 0
    wanted = set(quote_words)
    best = (0.0, 0, 0)
    compared: set[tuple[int, int]] = set()
    for first in best_windows(quote_words, texts, _enough(size)):
        for low, high in ((first, first + size), (first - 1, first + size + 1)):
            low, high = max(0, low), min(len(texts), high)
            # A passage starts and ends on words the quote has.
            while low < high and texts[low] not in wanted:
                low += 1
            while high > low and texts[high - 1] not in wanted:
                high -= 1
            if (low, high) in compared:
                continue
            compared.add((low, high))
            matcher = difflib.SequenceMatcher(None, quote_words, texts[low:high], False)
            # The quick ratios are upper bounds of ratio(): a passage that cannot be closer than
            # the best one so far is not aligned word by word.
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, low, high)
    return best


def _in_text(text: str, letters: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the composed page (see quote_text.composed) as a span of the text itself, with
    the whole of its first and last graphemes."""
    if letters is not None:
        start, end = letters[start], letter_end(text, letters[end - 1] + 1)
    return grapheme_span(text, start, end)


#: At most this many words are added at either end of a closest passage (see below).
_FIGURE_REACH = 2


def _with_figures_at_the_ends(
    quote: list[bytes], page: list[bytes], first: int, last: int
) -> tuple[int, int]:
    """The closest passage starts and ends on words the quote has, so a figure the page gives
    otherwise at either end is left out: "people died" for "Two people died", where the page
    says "Four people died". When the quote's words beyond the passage's ends hold a figure, the
    page's words there join the passage (as many, up to _FIGURE_REACH): what the page says
    instead is the point of showing it."""
    lead = quote.index(page[first]) if page[first] in quote else 0
    trail = quote[::-1].index(page[last - 1]) if page[last - 1] in quote else 0
    if lead and _figures(b" ".join(quote[:lead]).decode("utf-8")):
        first = max(0, first - min(lead, _FIGURE_REACH))
    if trail and _figures(b" ".join(quote[len(quote) - trail :]).decode("utf-8")):
        last = min(len(page), last + min(trail, _FIGURE_REACH))
    return first, last


#: At most this many of the page's words are added at either end of the closest passage shown.
_END_REACH = 2
# Where a sentence ends, between two words of the normal form: a full stop or colon before a
# space ("3.5" is one figure, "10:30" one time), or a mark that needs none (a question mark,
# the Chinese full stop, the Devanagari danda, Arabic's question mark and full stop).
_SENTENCE_END = re.compile(r"[.:]\W*(?:\s|$)|[!?;\u3002\u0964\u0965\u061f\u06d4]")


def _unspaced(words: list[bytes]) -> bool:
    """Whether any of these words has a letter of a script written without spaces."""
    return any(_UNSPACED_LETTER.search(word.decode("utf-8", "surrogatepass")) for word in words)


def _with_the_pages_ends(
    quote: list[bytes], page: list[bytes], first: int, last: int, gap: Callable[[int], str]
) -> tuple[int, int]:
    """The closest passage starts and ends on words the quote has, so the page's word that a
    quote's first or last word was changed for is left out: "taken to" for "taken to school",
    where the page says "taken to hospital", or "people died" for "Two people died", where it
    says "Four people died". As many of the page's words as the quote has beyond the passage's
    ends join it (up to _END_REACH, and not past the end of a sentence): what the page says
    instead is the point of showing it. Only in scripts written with spaces: a "word" of
    Chinese, Japanese, Thai, Lao, Khmer or Myanmar is a whole run of text between spaces or
    punctuation, a clause, so the passage is left to end where its words do. gap(i) is what
    stands between the page's words i - 1 and i."""
    blocks = difflib.SequenceMatcher(None, quote, page[first:last], False).get_matching_blocks()
    matched = [block for block in blocks if block.size]
    if not matched:
        return first, last
    lead = matched[0].a - matched[0].b
    trail = (len(quote) - matched[-1].a - matched[-1].size) - (
        last - first - matched[-1].b - matched[-1].size
    )
    for _ in range(min(lead, _END_REACH)):
        if first == 0 or _SENTENCE_END.search(gap(first)) or _unspaced(page[first - 1 : first + 1]):
            break
        first -= 1
    for _ in range(min(trail, _END_REACH)):
        if (
            last >= len(page)
            or _SENTENCE_END.search(gap(last))
            or _unspaced(page[last - 1 : last + 1])
        ):
            break
        last += 1
    return first, last


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
    span = _exact_or_loosely(fragments, haystack, origin)
    if span is not None:
        start, end = _in_text(text, letters, *span)
        return QuoteCheck(FOUND, start, end, text[start:end], 1.0)
    page_words = PageWords(haystack)
    words = quote_words(fragments)
    score, first, last = _closest(words, page_words.words)
    if score < APPROXIMATE_AT or last <= first:
        return QuoteCheck(NOT_FOUND, score=round(score, 3))
    # Whether it says otherwise is read as it always was, on the passage with the page's figures
    # at its ends; what is shown also has the page's words at the ends where the quote's differ.
    # Where the passage's words and the few beyond its ends are, read at once.
    low = max(0, first - max(_FIGURE_REACH, _END_REACH))
    places = page_words.places(low, min(len(page_words.words), last + _END_REACH + 1))

    def between(one: int, other: int) -> tuple[int, int]:
        return _in_text(
            text, letters, *_span(origin, places[one - low][0], places[other - low - 1][1])
        )

    compared = _with_figures_at_the_ends(words, page_words.words, first, last)
    says_otherwise = _says_otherwise(fragments, text, *between(*compared))
    shown = _with_the_pages_ends(
        words,
        page_words.words,
        first,
        last,
        lambda index: haystack[places[index - 1 - low][1] : places[index - low][0]],
    )
    start, end = between(min(compared[0], shown[0]), max(compared[1], shown[1]))
    passage = text[start:end]
    if says_otherwise:
        # Alike word by word, but "32 people" is not "23 people", nor "were not" "were": the
        # closest passage is kept to show what the page says instead.
        return QuoteCheck(NOT_FOUND, start, end, passage, round(score, 3))
    return QuoteCheck(APPROXIMATE, start, end, passage, round(score, 3))


# Figures: numbers (thousands separators dropped) and the words that scale or rank them.
# A minus sign counts: "-5" is not "5" ("10-20" is two figures, not a negative one).
_NUMBER = re.compile(r"(?:(?<![\w.])-)?\d+(?:[.,]\d+)*")
_GROUPED = re.compile(_THOUSANDS)
_FIGURE_WORDS = frozenset(
    "hundred thousand million billion trillion percent first second third fourth fifth sixth"
    " seventh eighth ninth tenth last half quarter"
    # Dates are what a quote is checked on as much as numbers. Not "may" and "march", which
    # are far more often verbs.
    " january february april june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
# The same figure in other words: "per cent" is "percent" is "%", and "three" is "3".
_PER_CENT = re.compile(r"\bper\s+cent\b|%")
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate("one two three four five six seven eight nine ten".split(), 1)
}
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b")
_NEGATION = re.compile(r"n't\b|\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b")
# Words that say which way something went, each set against its opposite: a quote alike but for
# "rose" where the page says "fell" (or "grew" where it says "dropped") says the opposite of the
# page. Every word of going up or being more is one pole, every word of going down the other.
_UP = (
    "rise rises rose risen rising climb climbs climbed climbing jump jumps jumped jumping soar"
    " soars soared soaring surge surges surged surging increase increases increased increasing"
    " raise raises raised raising grow grows grew grown growing growth gain gains gained gaining"
    " expand expands expanded expanding boost boosts boosted boosting double doubles doubled"
    " doubling high highs higher highest more most up above largest biggest"
)
_DOWN = (
    "fall falls fell fallen falling drop drops dropped dropping decline declines declined"
    " declining plunge plunges plunged plunging slump slumps slumped slumping decrease decreases"
    " decreased decreasing cut cuts cutting reduce reduces reduced reducing lowered lowering"
    " shrink shrinks shrank shrunk shrinking contract contracts contracted contracting slash"
    " slashes slashed slashing halve halves halved halving lower lowers lowest fewer fewest less least"
    " down below smallest low lows"
)
_OPPOSITES = [
    (frozenset(first.split()), frozenset(second.split()))
    for first, second in (
        (_UP, _DOWN),
        ("gain gains gained gaining", "lose loses lost losing loss losses"),
        ("win wins won winning", "lose loses lost losing defeated"),
        ("for", "against"),
        ("approve approves approved approving approval", "reject rejects rejected rejecting"),
        ("accept accepts accepted accepting", "refuse refuses refused refusing"),
        ("support supports supported supporting", "oppose opposes opposed opposing"),
        ("allow allows allowed allowing", "ban bans banned banning"),
        ("pass passes passed passing", "fail fails failed failing block blocks blocked blocking"),
        ("better best", "worse worst"),
        ("improve improves improved improving", "worsen worsens worsened worsening"),
        ("guilty", "innocent"),
        ("over", "under"),
        ("overestimate overestimates overestimated", "underestimate underestimates underestimated"),
        ("surplus surpluses", "deficit deficits"),
        ("confirm confirms confirmed confirming", "deny denies denied denying"),
        ("admit admits admitted admitting", "deny denies denied denying"),
        ("positive", "negative"),
        ("stronger strongest", "weaker weakest"),
        ("import imports imported", "export exports exported"),
        ("hire hires hired hiring", "fire fires fired firing"),
        ("true", "false"),
        ("majority", "minority"),
        ("before", "after"),
        ("convicted", "acquitted"),
    )
]
# A word and the same word turned by a prefix: "safe" and "unsafe", "legal" and "illegal",
# "agree" and "disagree". Only for words of four letters or more ("to" is not "into"). "in" and
# "im" turn only the words listed ("infighting" is no "fighting" denied, nor "invaluable" a
# "valuable"); "un", "dis", "non", "il" and "ir" nearly always turn a word.
_TURNING_PREFIXES = ("un", "dis", "non", "il", "ir")
_HYPHENED_PREFIX = re.compile(r"\b(un|dis|non|il|ir|in|im)-(?=\w)")
_IN_TURNS = frozenset(
    "accurate active adequate appropriate balance capable competent complete conclusive consistent"
    " correct credible decent dependence dependent direct effective efficient eligible equality"
    " equitable evitable exact formal frequent humane justice legitimate mature moral partial"
    " patient perfect polite possible practical probable proper prudent rational secure sincere"
    " stability stable sufficient tolerable tolerant valid visible"
    " accessible advisable audible mobile modest expensive plausible solvent significant"
    " capacity competence activity accuracy action flexible precise compatible".split()
)
# "May" and "March" are dates only where a date stands: "in May", "on 3 March", "March 2024".
_MONTH_VERBS = re.compile(
    r"\b(?:in|on|since|until|till|by|from|of|last|next|early|late|mid|during)\s+(may|march)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(may|march)\b|\b(may|march)\s+\d{1,4}\b"
)


def _figures(text: str) -> set[str]:
    ungrouped = _GROUPED.sub("", _PER_CENT.sub(" percent ", text))
    digits = _NUMBER_WORD.sub(lambda word: _NUMBER_WORDS[word.group()], ungrouped)
    months = {month for found in _MONTH_VERBS.findall(digits) for month in found if month}
    return set(_NUMBER.findall(digits)) | (set(_WORD.findall(digits)) & _FIGURE_WORDS) | months


def _region_of(fragment: str, page: str) -> str:
    """The stretch of `page` (normalised) that a quote's fragment lines up with, word by word."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(page)]
    words = [page[start:end] for start, end in spans]
    blocks = [
        block
        for block in difflib.SequenceMatcher(
            None, _WORD.findall(fragment), words, False
        ).get_matching_blocks()
        if block.size
    ]
    if not blocks:
        return ""
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    return page[spans[first][0] : spans[last][1]]


def _says_otherwise(fragments: list[str], text: str, start: int, end: int) -> bool:
    """Whether an approximate passage (text[start:end]) differs from the quote in what a
    fact-check turns on: a figure ("23" for "32", "million" for "billion", "third" for "first"),
    a negation, or which way something went ("rose" for "fell", "approved" for "rejected").
    The passage is read with whatever its end words carry ("3.2%", not "3.2"), and each fragment
    of a quote with omissions against its own stretch of it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    page = _normal(text[start:end])
    # A passage starts and ends on the quote's own words, so a figure written otherwise at
    # either end ("3 people" for "Three people") is looked for one word further.
    before = text.rfind(" ", 0, max(0, start - 1)) + 1
    after = text.find(" ", end + 1)
    wider = _normal(text[before : len(text) if after < 0 else after])
    # Each fragment against the stretch it lines up with: the words an omission mark cuts out
    # may hold figures and negations of their own.
    if len(fragments) > 1:
        regions = [(_region_of(part, page), _region_of(part, wider)) for part in fragments]
    else:
        regions = [(page, wider)]
    for fragment, (region, wider_region) in zip(fragments, regions, strict=True):
        if _figures(fragment) not in (_figures(region), _figures(wider_region)):
            return True
        if len(_NEGATION.findall(fragment)) != len(_NEGATION.findall(region)):
            return True
        if _turned(fragment, region) or _turned(fragment, wider_region):
            return True
    return False


def differ_in_substance(one: str, other: str) -> bool:
    """Whether two sentences differ in what a fact-check turns on: a figure each gives and the
    other does not ("3%" and "30%"; one only adding a figure, such as "50" where the other
    writes "fifty", is no difference), a negation, or which way something went ("lowers the
    risk" and "raises the risk")."""
    first, second = _normal(one), _normal(other)
    figures, others = _figures(first), _figures(second)
    return (
        not (figures <= others or others <= figures)
        or len(_NEGATION.findall(first)) != len(_NEGATION.findall(second))
        or _turned(first, second)
    )


def _turned(quote: str, passage: str) -> bool:
    """Whether the passage goes the other way from the quote: it has fewer of one word of a pair
    of opposites than the quote and more of the other ("fell" where the quote says "rose").
    A word only dropped or only added ("any more" for "anymore", "startup" for "start-up") is no
    turn."""
    # A prefix written with a hyphen is one word with its stem ("non-binding", "un-American").
    quoted, passed = (_WORD.findall(_HYPHENED_PREFIX.sub(r"\1", text)) for text in (quote, passage))
    for first, second in _OPPOSITES:
        one = sum(word in first for word in quoted) - sum(word in first for word in passed)
        other = sum(word in second for word in quoted) - sum(word in second for word in passed)
        if one * other < 0:
            return True
    # A word turned by a prefix on one side where the other has it plain ("unlawful" and
    # "lawful"), counted as the pairs above are: "dismissed" beside "missed" on both sides, or
    # "nonprofit" and "non-profit", is no turn.
    quoted_turned, passed_turned = _by_prefix(quoted), _by_prefix(passed)
    quoted_plain, passed_plain = Counter(quoted), Counter(passed)
    return any(
        (quoted_plain[word] - passed_plain[word]) * (quoted_turned[word] - passed_turned[word]) < 0
        for word in quoted_turned.keys() | passed_turned.keys()
    )


def _by_prefix(words: list[str]) -> Counter:
    """How often each word stands turned by a prefix ("unsafe" counts for "safe")."""
    turned: Counter = Counter()
    for word in words:
        for prefix in _TURNING_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                turned[word[len(prefix) :]] += 1
        for prefix in ("in", "im"):
            if word.startswith(prefix) and word[len(prefix) :] in _IN_TURNS:
                turned[word[len(prefix) :]] += 1
    return turned


def _normal(text: str) -> str:
    return searchable(unicodedata.normalize("NFC", text))[0]


#: Not a check's status: a quoted item whose source could not be archived (summary's words).
ARCHIVE_FAILED = "archive_failed"
#: Not a check's status: a quoted item whose source has a copy that holds no check of its quote
#: (summary's words).
UNCHECKED = "unchecked"
#: Not a check's status: a quote with no words to look for, such as "..." (summary's words).
NO_WORDS = "no_words"


def summary(statuses: list[str | None]) -> str | None:
    """'2 of 3 quotes found in the archived sources, 1 only approximately' for the statuses of
    quoted evidence items; an approximate find counts as found, and is said apart, so whoever
    approves compares its passage. Quotes that could not be looked for are said apart by why: a
    copy with no text to search (a PDF or a picture, to compare by eye), a source not archived
    yet (None), one whose archive failed (ARCHIVE_FAILED), a copy kept without a check of the
    quote (UNCHECKED) or a quote with no words (NO_WORDS). None when there are no quotes."""
    if not statuses:
        return None
    found = sum(status in (FOUND, APPROXIMATE) for status in statuses)
    approximate = statuses.count(APPROXIMATE)
    noun = "quote" if len(statuses) == 1 else "quotes"
    words = f"{found} of {len(statuses)} {noun} found in the archived sources"
    if approximate:
        words += f", {approximate} only approximately"
    not_found = statuses.count(NOT_FOUND)
    if not_found:
        words += f"; {not_found} not found"
    without_text = statuses.count(NO_TEXT)
    if without_text:
        words += f"; {without_text} in copies with no text to search (compare them by eye)"
    unchecked = (
        (statuses.count(None), "its source has no copy yet", "their sources have no copy yet"),
        (
            statuses.count(ARCHIVE_FAILED),
            "its source could not be archived",
            "their sources could not be archived",
        ),
        (
            statuses.count(UNCHECKED),
            "its source's copy has not been searched for it",
            "their sources' copies have not been searched for them",
        ),
        (
            statuses.count(NO_WORDS),
            "its quote has no words to look for",
            "their quotes have no words to look for",
        ),
    )
    for count, one, many in unchecked:
        if count:
            words += f"; {count} not checked ({one if count == 1 else many})"
    return words


def quoted_spans(quote: str | None, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where each part of a quote with omissions ("A ... B") lies in the passage [start, end) it
    was found in, so that what the quote leaves out is not shown as quoted; the whole passage for
    a quote in one part, or one whose parts cannot each be placed exactly."""
    fragments = _fragments(quote or "")
    if len(fragments) < 2:
        return [(start, end)]
    spans, at = [], start
    for fragment in fragments:
        found = check_quote(fragment, text[at:end])
        if found is None or found.status != FOUND or found.start is None or found.end is None:
            return [(start, end)]
        spans.append((at + found.start, at + found.end))
        at += found.end
    return spans


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
