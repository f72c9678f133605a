"""Which script a character is written in, as the first word of its Unicode name tells; and how
long a text reads where some scripts put no spaces between words."""

import re
import unicodedata

# Han ideographs, hiragana and katakana: scripts written without spaces between words.
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def script_of(char: str) -> str:
    """ "LATIN" for "é", "CYRILLIC" for "а", "CJK" for "经", "HEBREW" for "ש"; "?" for a
    character without a name."""
    return unicodedata.name(char, "?").split(" ")[0]


def reading_length(text: str) -> int:
    """The text's length with each Chinese or Japanese character counted twice: a sentence of
    theirs says in 20 characters what English says in about 40."""
    return len(text) + len(UNSPACED.findall(text))
