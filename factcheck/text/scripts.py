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


# Hangul syllables: Korean puts spaces between words, but a
# syllable block holds two or three letters, so a sentence is as short as a Japanese one
# ("서울시는 2025년에 새 전차에 450억 원을 지출했다" for "Seoul spent 45 billion won on new
# trams in 2025"). Thai, Lao, Khmer and Myanmar write no spaces between words either, but
# spell them letter by letter (vowel signs and tone marks are characters of their own): their
# sentences are about as long as English ones. A jamo on its own is one letter ("ㅋㅋㅋ", lol).
HANGUL = re.compile("[\uac00-\ud7a3]")


def reading_length(text: str) -> int:
    """The text's length with each Chinese, Japanese or Korean character counted twice: a
    sentence of theirs says in 20 characters what English says in about 40."""
    return len(text) + len(UNSPACED.findall(text)) + len(HANGUL.findall(text))


# Thai, Lao, Myanmar and Khmer: words are written without spaces between them (the blocks, as a
# regular expression's character class).
SPACELESS_ALPHABETS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_SPACELESS_BLOCKS = re.compile(f"[{SPACELESS_ALPHABETS}]")
# Letters (vowel signs, tone marks and stacked consonants left out) in a word of theirs, about:
# Thai's run a little longer, Khmer's and Myanmar's a little shorter.
LETTERS_PER_SPACELESS_WORD = 4


def spaceless_words(text: str) -> int:
    """About how many words the text's Thai, Lao, Myanmar and Khmer hold, which its spaces do
    not tell apart ("รายงานของกระทรวงระบุว่า" is four words)."""
    letters = [
        char for char in _SPACELESS_BLOCKS.findall(text) if unicodedata.category(char) == "Lo"
    ]
    # A few letters typed over and over ("ทดสอบทดสอบ...", test test) are no more words than
    # they have letters to make: half as many as the different letters, at most.
    return min(len(letters) // LETTERS_PER_SPACELESS_WORD, len(set(letters)) // 2)
