"""Exact stretches a search must find in a claim: the figures typed ("3.5%", "1,200") and the
words typed in quotation marks, compared with case, accents, spacing and thousands separators
folded away, and never starting inside a word or a number."""

import re
import unicodedata
from functools import lru_cache

from factcheck.matching.stopwords import STOPWORDS
from factcheck.text.plain_letters import LETTERS_WITHOUT_MARKS, one_d

# A figure as typed: digits joined by points or commas ("3.5", "1,200"), or a whole number with
# a per cent sign; a per cent sign or a unit written onto it ("2.5bn", "3.5pc") is part of it.
FIGURE = re.compile(r"(?<![\w.,])(?:\d+(?:[.,]\d+)+(?:%|[^\W\d_]+)?|\d+%)")
# A bare number long enough to be written with thousands separators; not digits in a word
# ("b73c6173").
LONG_NUMBER = re.compile(r"(?<![\w.,])\d{4,}(?!\w|[.,]\d)")
# Words in straight or curly double quotation marks.
QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]')
# A thousands separator: a comma or a space between digits, before a group of exactly three.
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}(?!\d))")
# What a thousands separator needs around it; a cheaper look than _THOUSANDS itself.
_NEAR_THOUSANDS = re.compile(r"\d[,\u00a0\u202f ]\d")
# A word as the full-text index takes one (letters and digits; an underscore parts them), and
# one it can look up whole on its own: a word that starts with a letter.
_WORDS = re.compile(r"[^\W_]+")
ONE_WORD = re.compile(r"[^\W_\d][^\W_]*")
_APOSTROPHES = ("’", "‘", "`")
# A share after a figure, however it is written: "12%", "12 %", "12 percent", "12 per cent",
# "12-percent".
_PER_CENT = re.compile(r"(?<=\d)(?:\s*|-)(?:%|per\s?cent\b)", re.IGNORECASE)
# The word on its own, without its figure ("percent were unhappy"). Folded, it is compared as
# the sign, which the claims' figures are written with once folded; typed, it is no word the
# index can look for however a claim writes its share (it has no word for "%").
_PER_CENT_WORD = re.compile(r"(?<!\w)per\s?cent\b", re.IGNORECASE)


def without_per_cent_words(text: str) -> str:
    """What was typed, without the word for a share, which the index cannot look for however a
    claim writes it ("%", "percent", "per cent")."""
    return _PER_CENT_WORD.sub(" ", text)


def percent_signs(text: str) -> str:
    """What was typed with each share after a figure written with its sign ("12.5 percent" is
    "12.5%"), so that a search finds it however a claim writes it."""
    return _PER_CENT.sub("%", text)


def fold(text: str) -> str:
    """Text as a search compares it: lower case, accents and thousands separators gone ("ł" and
    "ø" read as "l" and "o", as the index's words are looked for), runs of space one space, curly
    apostrophes straight, a share after a figure written "%"."""
    if text.isascii():  # most claims: nothing to decompose, and casefold() is lower() for them
        bare = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LETTERS_WITHOUT_MARKS))
        bare = decomposed.translate(_combining_marks())
    # Each step runs only on text it changes: contains_phrase folds every match of a search.
    for apostrophe in _APOSTROPHES:
        if apostrophe in bare:
            bare = bare.replace(apostrophe, "'")
    if _NEAR_THOUSANDS.search(bare):
        bare = _THOUSANDS.sub("", bare)
    if "%" in bare or "cent" in bare:
        bare = _PER_CENT_WORD.sub("%", percent_signs(bare))
    return one_d(" ".join(bare.split()))  # runs of space one space, as split() reads space


def typed_phrases(text: str) -> list[str]:
    """The stretches a claim must contain for this search, folded: each figure, each long number
    and each quoted run of words (a quotation mark left open quotes nothing: the words after it
    are searched as typed, so a phrase being typed does not empty the results word by word)."""
    phrases = []
    text = percent_signs(text)
    # The word for a share, quoted or not, is held as "%" (however the claim writes it) beside
    # other words typed; alone, the index looks for it (a check of every claim with a share
    # would be slow).
    without_share = without_per_cent_words(text)
    if without_share != text and _WORDS.search(without_share):
        phrases.append("%")
    for phrase in _quoted(text):
        if phrase == "%":
            continue  # the word for a share alone: held above, or looked for by the index
        # One word quoted is looked up whole by the index itself (search_words); words as common
        # as "in the" are in nearly every claim, and checking each one for them would outlast
        # the request. A share with words ("per cent of", "% of") is held whatever the words.
        words = _WORDS.findall(phrase)
        if "%" in phrase or (len(words) > 1 and not _all_common(words)):
            phrases.append(phrase)
        elif len(words) == 1 and not ONE_WORD.fullmatch(phrase):
            phrases.append(phrase)
    unquoted = QUOTED.sub(" ", text)
    phrases += [fold(figure) for figure in FIGURE.findall(unquoted)]
    phrases += [number for number in LONG_NUMBER.findall(unquoted)]
    return list(dict.fromkeys(phrases))


def quoted_words(text: str) -> list[str]:
    """Each word quoted on its own, folded: an index that stems its words (the library's) finds
    "cycle" for "cycling", so a search there holds such a word itself."""
    return [phrase for phrase in _quoted(text) if ONE_WORD.fullmatch(phrase)]


def common_quotes(text: str) -> list[str]:
    """The quoted runs typed_phrases sets aside as made only of common words ("said on"), as
    typed: their words are each looked for, but not held together."""
    return [
        " ".join(typed.split())
        for typed, folded in zip(_quoted(text, folded=False), _quoted(text), strict=True)
        if len(_WORDS.findall(typed)) > 1
        and "%" not in folded
        and _all_common(_WORDS.findall(folded))
    ]


def _quoted(text: str, *, folded: bool = True) -> list[str]:
    runs = [
        next(group for group in match.groups() if group is not None)
        for match in QUOTED.finditer(text)
    ]
    return [fold(run) for run in runs] if folded else runs


def _all_common(words: list[str]) -> bool:
    return all(word in STOPWORDS for word in words)


@lru_cache(maxsize=64)
def _pattern(phrase: str) -> re.Pattern:
    # Not from inside a word or a number: "4.2" is not found in "14.2", "rent" not in "current";
    # and it ends where its word or number does: "1,200" is not the start of "1,200,000".
    start = r"(?<![\w.,])" if phrase[:1].isalnum() else ""
    if phrase[-1:].isdigit():
        end = r"(?![\d]|[.,]\d)"
    else:
        end = r"(?!\w)" if phrase[-1:].isalnum() else ""  # "the mayor", not "the mayoral"
    return re.compile(start + re.escape(phrase) + end)


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """str.translate's table taking out every combining mark (made on first use: it reads the
    whole of Unicode once)."""
    return {code: None for code in range(0x110000) if unicodedata.combining(chr(code))}


def contains_phrase(text: str | None, phrase: str | None) -> bool:
    """Whether the claim's text holds the folded phrase (an SQL function: db.connect, run on
    every match of a search's words, so most claims are turned away by a plain find)."""
    if not text or not phrase:
        return False
    folded = fold(text)
    start = folded.find(phrase)
    # The pattern's look-behind still sees the text before `start`.
    return start >= 0 and _pattern(phrase).search(folded, start) is not None
