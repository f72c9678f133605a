"""A unit's words for the score's and the attribution's word-list look-ups, at a fraction of a
regular expression's cost: as bytes, cut with bytes.translate and split, or read in one walk over
the text without cutting them out."""

import re
from types import FunctionType
from typing import TYPE_CHECKING, Final, NamedTuple

# The score's words: runs of [a-z0-9'’] in the lower-cased text, a number keeping one % after it.
SCORE_TOKEN: Final = re.compile(r"[a-z0-9'’]+%?")
# ’ is the one character outside ASCII in a score word; in the bytes it is this one byte, so
# that every other character outside ASCII (whose UTF-8 bytes are all 0x80 or above) is a gap.
_APOSTROPHE: Final = "\x01"
_SCORE_TOKEN_BYTES: Final = re.compile(rb"[a-z0-9'\x01]+%?")
_SCORE_BYTES: Final = bytes(
    byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789'\x01" else 0x20
    for byte in range(256)
)

# The same for the bytes of an ASCII text before lower-casing: capitals become their letter.
_FOLDED_SCORE_BYTES: Final = bytes(
    byte + 0x20 if 0x41 <= byte <= 0x5A else _SCORE_BYTES[byte] for byte in range(256)
)
_LOWER_BYTES: Final = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))


def key(word: str) -> bytes:
    """A word of a word list as score_tokens gives it."""
    return word.replace("’", _APOSTROPHE).encode()


def score_tokens(lower: str) -> list[bytes]:
    """SCORE_TOKEN's words of a lower-cased text, each as key() makes it."""
    if _APOSTROPHE in lower:
        # Never in real text, but the byte would then stand for two characters.
        return [key(word) for word in SCORE_TOKEN.findall(lower)]
    if lower.isascii():
        data = lower.encode()
    else:
        data = lower.replace("’", _APOSTROPHE).encode("utf-8", "surrogatepass")
    if "%" in lower:
        # "%" belongs to a word only right after it, and only once: the pattern knows that.
        return _SCORE_TOKEN_BYTES.findall(data)
    return data.translate(_SCORE_BYTES).split()


def ascii_score_tokens(data: bytes, lower: str) -> list[bytes]:
    """score_tokens(lower) for an ASCII text given as its bytes (data) and its lower case: the
    translation lowers the capitals, so the lower case needs no encoding of its own."""
    if _APOSTROPHE in lower or "%" in lower:
        return score_tokens(lower)
    return data.translate(_FOLDED_SCORE_BYTES).split()


# Word look-ups without making the words: a scan walks the text once and gives each run of letters
# a number, its letters (a to z as 1 to 26, ' as 27) five bits each, which identifies a run of
# up to CODED_LETTERS of them. Compiled with mypyc, the walk runs on machine integers (i64, a
# name only the type checker needs) and the text's characters are read in place: cheaper than
# cutting the words out as bytes objects and hashing each one into a set. A byte table answers
# whether a number can be a listed word at all, so only those few ask the dictionary.
if TYPE_CHECKING:
    from mypy_extensions import i64

CODED_LETTERS: Final = 12
_FILTER_SIZE: Final = 1 << 13


def _filter_slot(code: int) -> int:
    return (code ^ (code >> 13) ^ (code >> 29) ^ (code >> 47)) & (_FILTER_SIZE - 1)


def word_code(word: str) -> int:
    """The number a scan gives a run of letters (a to z and ') of at most CODED_LETTERS."""
    code = 0
    for char in word:
        code = (code << 5) | (27 if char == "'" else ord(char) - 96)
    return code


# Whether this module runs compiled (mypyc makes its functions built-in ones): the walks below
# pay only then. Run as plain Python, where every character would go through the interpreter,
# the callers cut the words out with bytes operations instead (lower_runs, score_tokens).
COMPILED: Final = not isinstance(word_code, FunctionType)


def lower_runs(text: str) -> list[bytes]:
    """The runs of the letters a to z in text (case kept: "Said" gives b"aid"), as bytes."""
    return text.encode("utf-8", "surrogatepass").translate(_LOWER_BYTES).split()


class WordCodes(NamedTuple):
    """Listed words by their numbers: a byte table of the filter slots that hold one, and each
    number's value."""

    slots: bytes
    values: dict[int, int]


def word_codes(values: dict[str, int]) -> WordCodes:
    """The WordCodes of words of a to z and ' only, at most CODED_LETTERS long."""
    codes = {}
    for word, value in values.items():
        if len(word) > CODED_LETTERS or not all(char == "'" or "a" <= char <= "z" for char in word):
            raise ValueError(f"{word!r} cannot be coded")
        codes[word_code(word)] = value
    slots = bytearray(_FILTER_SIZE)
    for code in codes:
        slots[_filter_slot(code)] = 1
    return WordCodes(bytes(slots), codes)


def lower_run_values(text: str, words: WordCodes) -> int:
    """The values of the runs of the letters a to z in text (case kept: "Said" holds the run
    "aid") that words lists, combined with |."""
    slots = words.slots
    found = 0
    code: i64 = 0
    length: i64 = 0
    size: i64 = len(text)
    index: i64 = 0
    while index <= size:
        char: i64 = ord(text[index]) if index < size else 0
        if 97 <= char <= 122:
            if length < CODED_LETTERS:
                code = (code << 5) | (char - 96)
            length += 1
        elif length:
            if length <= CODED_LETTERS:
                slot: i64 = (code ^ (code >> 13) ^ (code >> 29) ^ (code >> 47)) & (_FILTER_SIZE - 1)
                if slots[slot]:
                    found |= words.values.get(code, 0)
            code = 0
            length = 0
        index += 1
    return found


# The parts a word of the score's lists plays in ascii_scan's tests of words in order, as bits
# above those the score gives its reasons: the values of the scan's WordCodes hold both.
NUMBER_WORD: Final = 1 << 40  # a number in words: "two", "million"
COUNTED: Final = 1 << 41  # what a number before it counts: "people", "homes"
CASUALTY_VERB: Final = 1 << 42  # a number after it counts: "killed"
SHARE_WORD: Final = 1 << 43  # a number before it is a share: "percent", "per"
COMPARATIVE: Final = 1 << 44  # "more", "fewer" before "than"
THAN: Final = 1 << 45
FIRST_PERSON: Final = 1 << 46  # "i", "we"
OWN_VIEW: Final = 1 << 47  # "i'll", "we'd": a view or intention on its own
FEELING_VERB: Final = 1 << 48  # "think", "want" after a first person
# What ascii_scan finds besides the words, as bits of its last result.
CAPITAL_AFTER_SPACE: Final = 1  # a space followed by a capital A to Z
YEAR: Final = 2  # a year from 1800 to 2099 as a whole word: four digits, no letter, digit or _ next
COUNT: Final = 4  # a number (not a share) within four words before a counted noun, or three after
#                   a casualty verb
COMPARISON: Final = 8  # "than" right after a comparative or a word ending in "er"
FIRST_PERSON_VIEW: Final = 16  # a first person's own view, or one followed by a feeling verb


def ascii_scan(
    text: str, words: WordCodes, long_words: dict[bytes, int]
) -> tuple[int, int, int, int]:
    """What the score reads from an ASCII text in one walk over it: the values of its
    score_tokens that words (or long_words, for words longer than CODED_LETTERS, keyed as key()
    spells them) list, combined with |; how many score_tokens it has; where its first digit is
    (-1 for none); the bits above (CAPITAL_AFTER_SPACE to FIRST_PERSON_VIEW) that it holds, the
    word tests read from the parts (NUMBER_WORD to FEELING_VERB) in the values.

    The score_tokens of an ASCII text are its runs of a to z, A to Z (as their lower case), 0 to
    9 and ', each with a % that follows it. A plain tuple, which compiled code returns without
    making an object."""
    slots = words.slots
    found = 0
    marks = 0
    count: i64 = 0
    first_digit: i64 = -1
    # The run of word characters being read, with its number and whether it has a digit.
    code: i64 = 0
    length: i64 = 0
    starts_with_digit = False
    digits = False
    start: i64 = 0
    # The characters before the current one, capitals as their lower case.
    previous: i64 = 0
    before_previous: i64 = 0
    # The run of digits being read, for the year.
    year: i64 = 0
    year_length: i64 = 0
    letter_before_year = False
    # The word before: a number not followed by % (a figure, unless a share word follows), a
    # comparative, a first person; which of the four words before were figures and which of them
    # were casualty verbs (bit 0 the last one).
    previous_number = False
    previous_comparative = False
    previous_first_person = False
    figures: i64 = 0
    casualty_verbs: i64 = 0
    size: i64 = len(text)
    index: i64 = 0
    while index <= size:
        char: i64 = ord(text[index]) if index < size else 0
        if 48 <= char <= 57:
            if not year_length:
                letter_before_year = previous == 95 or 97 <= previous <= 122
                year = 0
            if year_length < 4:
                year = year * 10 + char - 48
            year_length += 1
        elif year_length:
            if (
                year_length == 4
                and 1800 <= year <= 2099
                and not letter_before_year
                and not (char == 95 or 97 <= char <= 122 or 65 <= char <= 90)
            ):
                marks |= YEAR
            year_length = 0
        if 97 <= char <= 122 or 65 <= char <= 90 or char == 39 or 48 <= char <= 57:
            if not length:
                start = index
                count += 1
            if 65 <= char <= 90:
                if previous == 32:
                    marks |= CAPITAL_AFTER_SPACE
                char += 32
            if 48 <= char <= 57:
                if not length:
                    starts_with_digit = True
                digits = True
                if first_digit == -1:
                    first_digit = index
            elif length < CODED_LETTERS:
                # A statement, not a conditional expression: that would make an object of it.
                letter: i64 = char - 96
                if char == 39:
                    letter = 27
                code = (code << 5) | letter
            length += 1
        elif length:
            # A word with a digit is no listed word, nor one a % follows (it is part of it).
            percent = char == 37
            value = 0
            if not digits and not percent:
                if length <= CODED_LETTERS:
                    slot: i64 = (code ^ (code >> 13) ^ (code >> 29) ^ (code >> 47)) & (
                        _FILTER_SIZE - 1
                    )
                    if slots[slot]:
                        value = words.values.get(code, 0)
                else:
                    value = long_words.get(text[start:index].lower().encode(), 0)
                found |= value
            if count > 1:
                # The word before is a figure unless this one makes it a share.
                figure = previous_number and not value & SHARE_WORD
                if figure and casualty_verbs & 0b1110:
                    marks |= COUNT
                figures = ((figures << 1) | (1 if figure else 0)) & 0b1111
                if value & THAN and previous_comparative:
                    marks |= COMPARISON
                if value & FEELING_VERB and previous_first_person:
                    marks |= FIRST_PERSON_VIEW
            if value & COUNTED and figures:
                marks |= COUNT
            if value & OWN_VIEW:
                marks |= FIRST_PERSON_VIEW
            casualty_verbs = ((casualty_verbs << 1) | (1 if value & CASUALTY_VERB else 0)) & 0b1111
            previous_number = (starts_with_digit or value & NUMBER_WORD != 0) and not percent
            previous_comparative = value & COMPARATIVE != 0 or (
                not percent and length >= 2 and previous == 114 and before_previous == 101
            )
            previous_first_person = value & FIRST_PERSON != 0
            code = 0
            length = 0
            starts_with_digit = False
            digits = False
        before_previous = previous
        previous = char
        index += 1
    # The last word is a figure if it is a number: no share word follows.
    if previous_number and casualty_verbs & 0b1110:
        marks |= COUNT
    return found, count, first_digit, marks
