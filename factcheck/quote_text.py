"""The comparable form of a text for the quote check, with where each of its characters came
from: runs of whitespace become one space, curly quotes and primes straight ones, every dash and
minus '-', soft hyphens, zero-width characters and direction marks vanish, case is folded, and a
per cent sign always has a space before it ("12%", "12 %" and "12 %" are written alike)."""

import functools
import itertools
import re
import unicodedata
from bisect import bisect_right

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07`\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Soft hyphens, zero-width characters, and the invisible direction marks of right-to-left text.
_VANISH = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff"
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_TRANSLATE = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: None for c in _VANISH},
        "\u2026": "...",
    }
)
_RUN = re.compile(r"\S+")
# Runs of spaces normalise() shortens, in a text whose whitespace is all made spaces.
_SPACES = re.compile("  +")
# The ASCII characters str.split() cuts at (str.isspace), each made a space; as bytes, whose
# translate() is a table look-up a byte (str.translate looks each character up in a dict).
_ASCII_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace()).encode("ascii")
_ASCII_SPACED = bytes.maketrans(_ASCII_SPACES, b" " * len(_ASCII_SPACES))
_ASCII = bytes(range(128))
# The comparable form of every ASCII character as a byte: whitespace a space, capitals small
# letters, the backtick a straight quote.
_ASCII_FOLDED = bytes.maketrans(
    _ASCII_SPACES + bytes(range(65, 91)) + b"`",
    b" " * len(_ASCII_SPACES) + bytes(range(97, 123)) + b"'",
)


def _normalise_chars(text: str, start: int, out: list[str], origin: list[int]) -> None:
    """Append the comparable form of a run of non-space characters that starts at `start`."""
    for offset, char in enumerate(text):
        mapped = char.translate(_TRANSLATE)
        for piece in mapped:
            for folded_char in unicodedata.normalize("NFKC", piece).casefold():
                if not folded_char.isspace():
                    if folded_char == "%" and out:
                        # The space some write before a per cent sign and others leave out: it
                        # comes from the sign, whether or not the text has one.
                        if out[-1] == " ":
                            origin[-1] = start + offset
                        else:
                            out.append(" ")
                            origin.append(start + offset)
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
        if run.isascii() and "`" not in run and "%" not in run:
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
    """normalise()'s origin list for text whose every character stays one character and whose only
    whitespace is the space (plain ASCII text lower-cased, or a page folded by _folded; either
    with every whitespace character made a space), worked out only at the few indexes a found
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
        text = self._text
        shifts = [len(text) - len(text.lstrip(" "))]
        if shifts[0] == len(text):
            return [0]  # only spaces: nothing of the normal form to place
        for match in _SPACES.finditer(text, shifts[0]):
            start, end = match.span()
            if end == len(text):
                break  # trailing space: no character of the normal form comes after it
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

    def __init__(self, plain: _PlainOrigin, text: str, lengths: dict[str, int]):
        self._plain = plain
        self._text = text
        self._lengths = lengths  # the length of the form of each character that is not one
        # Segments of the folded copy: where each starts, where it starts in the text, and whether
        # it is the form of one character (all its characters come from that one) or a stretch
        # copied character for character; worked out when first needed.
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._single: list[bool] = []

    def _measure(self) -> None:
        self._starts, self._origins, self._single = [0], [0], [False]
        shift = 0  # index in the text minus index in the folded copy
        where = re.compile("[" + "".join(map(re.escape, self._lengths)) + "]")
        for match in where.finditer(self._text):
            index, length = match.start(), self._lengths[match.group()]
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
        if not self._starts:
            self._measure()
        folded = self._plain[index]
        segment = bisect_right(self._starts, folded) - 1
        if self._single[segment]:
            return self._origins[segment]
        return self._origins[segment] + folded - self._starts[segment]


#: Where each character of a normal form came from in the text: a list, or worked out on demand.
Origin = list[int] | _PlainOrigin | _FoldedOrigin


def _folded(text: str) -> tuple[str, _PlainOrigin | _FoldedOrigin]:
    """normalise(text) made in one pass over the text with a table of the comparable form of each
    character it uses (worked out once per character), instead of run by run."""
    raw = text.encode("utf-8", "surrogatepass")
    # ASCII is folded a byte at a time by table; only the other characters need a look-up, and
    # only the ones whose form differs are replaced (str.translate would look up every one).
    others = set(raw.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    table = {char: " " if char.isspace() else _fold(char) for char in others}
    # Every per cent sign gets a space before it (two spaces become one below), as normalise()
    # gives one to a sign that has none.
    table.update({char: form.replace("%", " %") for char, form in table.items() if "%" in form})
    if "%" in text:
        table["%"] = " %"
    replaced = {char: folded for char, folded in table.items() if folded != char}
    copy = raw.translate(_ASCII_FOLDED).decode("utf-8", "surrogatepass")
    if replaced:
        where = re.compile("[" + "".join(map(re.escape, replaced)) + "]")
        # The pieces between the characters replaced, joined by their forms (after the ASCII
        # table, so that a form is kept as it is, as str.translate would keep it).
        forms = [*map(replaced.__getitem__, where.findall(copy)), ""]
        pieces = where.split(copy)
        copy = "".join(itertools.chain.from_iterable(zip(pieces, forms, strict=True)))
    haystack = _single_spaced(copy)
    plain = _PlainOrigin(copy, len(haystack))
    changing = {char: len(folded) for char, folded in replaced.items() if len(folded) != 1}
    if not changing:
        return haystack, plain
    return haystack, _FoldedOrigin(plain, text, changing)


def _single_spaced(text: str) -> str:
    """The words of a text whose only whitespace is the space, joined by single spaces: the text
    itself when no two spaces meet and none begins or ends it (extracted page text, whose words
    are spaced by single characters), without cutting it into a list of words first."""
    if "  " in text or text.startswith(" ") or text.endswith(" "):
        # Cut as bytes: quicker than str.split() on text beyond ASCII, and the space is the only
        # whitespace byte here.
        words = text.encode("utf-8", "surrogatepass").split()
        return b" ".join(words).decode("utf-8", "surrogatepass")
    return text


# Hangul vowel and final consonant letters: NFC joins them to the syllable before them, though
# they are no combining marks.
_HANGUL_JOINING = ("\u1161", "\u11c2")


def _joins_the_one_before(char: str) -> bool:
    return bool(unicodedata.combining(char)) or _HANGUL_JOINING[0] <= char <= _HANGUL_JOINING[1]


def composed(text: str) -> tuple[str, list[int] | None]:
    """The text with its decomposed letters composed ('e' and a combining acute as 'é', as NFC
    writes them), and for each of its characters the index in `text` of the letter it came from;
    the text itself and None when it needs no composing (most pages)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    starts: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and _joins_the_one_before(text[index]):
            continue
        letter = unicodedata.normalize("NFC", text[start:index])
        pieces.append(letter)
        starts.extend([start] * len(letter))
        start = index
    return "".join(pieces), starts


def letter_end(text: str, end: int) -> int:
    """`end` moved past the combining marks that belong to the letter before it."""
    while end < len(text) and _joins_the_one_before(text[end]):
        end += 1
    return end


_ZWJ = "\u200d"
_EXTENDING = "\u200c\u200d"  # the zero-width non-joiner and joiner
_REGIONAL = ("\U0001f1e6", "\U0001f1ff")  # the letters that pair into a flag
# Killers that end a syllable where they stand, drawn, and stack nothing under them: Myanmar's
# asat ("ဉ်" then "ကို" are two syllables), Tamil's pulli.
_VISIBLE_KILLERS = "\u103a\u0bcd"


def _in_a_grapheme(text: str, index: int) -> bool:
    """Whether text[index] belongs to the same grapheme (what a reader sees as one character)
    as the character before it: a mark (an accent, a vowel sign of Devanagari, Bengali or Thai,
    Arabic's vowel marks), a joiner and what it joins (an emoji sequence), a skin tone or tag,
    the second letter of a flag, a Hangul vowel or final, or a consonant stacked after a virama
    (Devanagari "क्ष"; not after Myanmar's asat or Tamil's pulli, which stack nothing)."""
    if index <= 0 or index >= len(text):
        return False
    char, before = text[index], text[index - 1]
    if char.isspace():
        return False
    if unicodedata.category(char)[0] == "M" or char in _EXTENDING or before == _ZWJ:
        return True
    if "\U0001f3fb" <= char <= "\U0001f3ff" or "\U000e0020" <= char <= "\U000e007f":
        return True  # a skin tone, or a tag of a subdivision's flag
    if _HANGUL_JOINING[0] <= char <= _HANGUL_JOINING[1]:
        return True
    if unicodedata.combining(before) == 9 and before not in _VISIBLE_KILLERS and char.isalpha():
        return True  # a virama stacks the consonant after it onto the one before
    if _REGIONAL[0] <= char <= _REGIONAL[1]:
        # Flags pair their letters from the first: the second of each pair joins the first.
        run = index
        while run > 0 and _REGIONAL[0] <= text[run - 1] <= _REGIONAL[1]:
            run -= 1
        return (index - run) % 2 == 1
    return False


def grapheme_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole graphemes, so that it neither starts nor ends inside one
    (a highlight ending before a Devanagari vowel sign shows a broken letter)."""
    while start > 0 and _in_a_grapheme(text, start):
        start -= 1
    while end < len(text) and _in_a_grapheme(text, end):
        end += 1
    return start, end


def searchable(text: str) -> tuple[str, Origin]:
    """normalise(text), quicker, with the origin only worked out where it is looked at."""
    if text.isascii() and "`" not in text and "%" not in text:
        spaced = text.encode("ascii").translate(_ASCII_SPACED)
        if b"  " in spaced or spaced.startswith(b" ") or spaced.endswith(b" "):
            haystack = b" ".join(spaced.split()).lower().decode("ascii")
        else:
            haystack = spaced.lower().decode("ascii")  # as _single_spaced() would leave it
        return haystack, _PlainOrigin(spaced.decode("ascii"), len(haystack))
    return _folded(text)
