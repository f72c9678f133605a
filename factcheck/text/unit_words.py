"""A unit's words as bytes, cut with bytes.translate and split: what a regular expression finds,
at a fraction of its cost, for the score's and the attribution's word-list look-ups."""

import re
from typing import Final

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


def lower_runs(text: str) -> list[bytes]:
    """The runs of the letters a to z in text (case kept: "Said" gives b"aid"), as bytes."""
    return text.encode("utf-8", "surrogatepass").translate(_LOWER_BYTES).split()
