"""Which script a character is written in, as the first word of its Unicode name tells."""

import unicodedata


def script_of(char: str) -> str:
    """ "LATIN" for "é", "CYRILLIC" for "а", "CJK" for "经", "HEBREW" for "ש"; "?" for a
    character without a name."""
    return unicodedata.name(char, "?").split(" ")[0]
