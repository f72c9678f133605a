"""A unit's words as bytes, cut with bytes.translate and split: what a regular expression finds,
at a fraction of its cost, for the score's and the attribution's word-list look-ups."""

import re
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


def ascii_scan(
    text: str, words: WordCodes, long_words: dict[bytes, int]
) -> tuple[int, int, int, bool]:
    """What the score reads from an ASCII text in one walk over it: the values of its
    score_tokens that words (or long_words, for words longer than CODED_LETTERS, keyed as key()
    spells them) list, combined with |; how many score_tokens it has; where its first digit is
    (-1 for none); whether a space is followed by a capital A to Z.

    The score_tokens of an ASCII text are its runs of a to z, A to Z (as their lower case), 0 to
    9 and ', each with a % that follows it; a plain tuple, which compiled code returns without
    making an object."""
    slots = words.slots
    found = 0
    count: i64 = 0
    first_digit: i64 = -1
    capital_after_space = False
    code: i64 = 0
    length: i64 = 0
    digits = False
    start: i64 = 0
    previous: i64 = 0
    size: i64 = len(text)
    index: i64 = 0
    while index <= size:
        char: i64 = ord(text[index]) if index < size else 0
        if 97 <= char <= 122 or 65 <= char <= 90 or char == 39 or 48 <= char <= 57:
            if not length:
                start = index
                count += 1
            if 65 <= char <= 90:
                if previous == 32:
                    capital_after_space = True
                char += 32
            if 48 <= char <= 57:
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
            if not digits and char != 37:
                if length <= CODED_LETTERS:
                    slot: i64 = (code ^ (code >> 13) ^ (code >> 29) ^ (code >> 47)) & (
                        _FILTER_SIZE - 1
                    )
                    if slots[slot]:
                        found |= words.values.get(code, 0)
                else:
                    found |= long_words.get(text[start:index].lower().encode(), 0)
            code = 0
            length = 0
            digits = False
        previous = char
        index += 1
    return found, count, first_digit, capital_after_space
