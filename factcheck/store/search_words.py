"""The full-text query for what someone typed in a search box: the queue's and the library's."""

import itertools
import re
import unicodedata
from dataclasses import dataclass

from factcheck.matching.stopwords import STOPWORDS
from factcheck.text.typed_phrases import (
    FIGURE,
    LONG_NUMBER,
    ONE_WORD,
    QUOTED,
    percent_signs,
    typed_phrases,
    without_per_cent_words,
)

# Common words that turn what a claim says ("did not resign", "more than 10", "before the
# vote"): looked for, whole, like any other word a search holds to.
MEANING_WORDS = frozenset(
    "not no nor never more most fewer few less least over under above below before after"
    " against without only up down since until".split()
)
_LEFT_OUT = STOPWORDS - MEANING_WORDS

# Marks a word quoted on its own, to be looked for whole (a character nobody types).
_WHOLE = "\ue000"
# A figure, a long number or a word; each is quoted in the query, so no character typed can
# make an FTS5 syntax error. A word is what the index takes for one: letters and digits, which
# an underscore parts ("0_0" quoted would be a phrase, which this index cannot look up).
_TERM = re.compile(rf"{FIGURE.pattern}|{LONG_NUMBER.pattern}|{_WHOLE}?[^\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
MAX_WORDS = 12
# The index's words for a share written out ("percent", "per cent"); "%" is no word to it.
_SHARE_WORDS = '("percent" OR "cent")'


def search_expression(text: str) -> str | None:
    """An FTS5 query matching every typed word as a prefix (a search runs as the words are
    typed); quoting keeps user input inert. Words such as "the" and "of" are left out when others
    were typed, so "cost of living" finds a claim that says "living costs". A figure ("3.5%",
    "1,200") matches its digits, written with or without thousands separators; the exact figure
    and quoted words are held to by typed_phrases, which the index cannot check (a word quoted
    alone is looked for whole, which it can). None when
    nothing was typed; a search of only marks (no word to look for) is an empty phrase, which
    matches nothing rather than dropping the search and listing everything."""
    if not (text or "").strip():
        return None
    # A word quoted on its own is looked for whole ("said", not "saidah"): the index matches a
    # word exactly, with no phrase to hold it to.
    text = percent_signs(unicodedata.normalize("NFC", text))
    without_share = without_per_cent_words(text)
    terms = _TERM.findall(QUOTED.sub(_one_word_whole, without_share.replace(_WHOLE, " ")))
    if not terms and without_share != text:
        return _SHARE_WORDS  # only the word for a share was typed: either way it is written
    terms = terms or _TERM.findall(text)
    # A word quoted on its own is looked for, however common.
    kept = [t for t in terms if t.startswith(_WHOLE) or t.lower() not in _LEFT_OUT] or terms
    return " AND ".join(_term_query(term) for term in kept[:MAX_WORDS]) or '""'


def _one_word_whole(quoted: re.Match) -> str:
    inside = quoted.group()[1:-1]
    if ONE_WORD.fullmatch(inside.strip()):  # the word typed_phrases leaves to the index
        return f" {_WHOLE}{inside.strip()} "
    return f" {inside} "


def _term_query(term: str) -> str:
    """One typed term as FTS5 words: a word as a prefix; a figure as its runs of digits (the
    index splits "3.5" into 3 and 5), with thousands written either way ("1,200" or "1200")."""
    if LONG_NUMBER.fullmatch(term):
        head = len(term) % 3 or 3
        groups = [term[:head], *(term[i : i + 3] for i in range(head, len(term), 3))]
        return f'("{term}"* OR ({" ".join(f"{chr(34)}{g}{chr(34)}" for g in groups)}))'
    if term.lower() in MEANING_WORDS:
        return f'"{term}"'
    if term.startswith(_WHOLE) or not FIGURE.fullmatch(term):
        star = "" if term.startswith(_WHOLE) else "*"
        spellings = [f'"{spelling}"{star}' for spelling in _spellings(term.lstrip(_WHOLE))]
        return spellings[0] if len(spellings) == 1 else f"({' OR '.join(spellings)})"
    groups = _DIGITS.findall(term)
    apart = " ".join(f'"{group}"' for group in groups[:-1])
    written_apart = f'({apart} "{groups[-1]}"*)'.replace("( ", "(")
    if len(groups) > 1 and "." not in term and all(len(group) == 3 for group in groups[1:]):
        return f'("{"".join(groups)}"* OR {written_apart})'
    return written_apart


# Letters the index keeps as they are (it takes accents off "ó" and "ś", but "ł" is a letter of
# its own) and the ASCII letters typed for them: "lodz" finds "Łódź", "orsted" "Ørsted",
# "strauss" "Strauß", "diyarbakir" "Diyarbakır", "djokovic" and "dokovic" "Đoković" (and
# "dokovic" "Djokovic", the other way "đ" is written), "aero"
# "Ærø", "gudmundsson" "Guðmundsson", "thorshofn" "Þórshöfn" (two letters before one: "dj" is
# how "đ" is written without it). A word is looked for in each spelling its first such letters
# could stand for, at most MAX_SPELLINGS (a name is short; most words have none of these
# letters in another spelling, and each spelling is one more look-up). A word shorter than
# MIN_RESPELT letters is looked for as typed: while a search is typed, its first letters match
# much of the index, and each spelling would be merged with that.
_STOOD_FOR = {
    "ss": ("ß",),
    "ae": ("æ",),
    "th": ("þ",),
    "dj": ("đ",),
    "l": ("ł",),
    "o": ("ø",),
    "d": ("đ", "ð", "dj"),
    "i": ("ı",),
}
_MAY_STAND_FOR = re.compile("|".join(_STOOD_FOR))
MAX_SPELLINGS = 16
MIN_RESPELT = 3


def _spellings(word: str) -> list[str]:
    """The word as typed, then as each spelling with letters that ASCII letters in it could
    stand for; a word typed with letters beyond ASCII is meant as typed (but for Greek, below),
    and a short one is looked for as typed, as is a common word ("the" is no name in "þ")."""
    if len(word) >= MIN_RESPELT and _GREEK.search(word):
        return _greek_spellings(word)
    if not word.isascii() or len(word) < MIN_RESPELT or word.lower() in STOPWORDS:
        return [word]
    lower = word.lower()
    places, count = [], 1
    for place in _MAY_STAND_FOR.finditer(lower):
        count *= 1 + len(_STOOD_FOR[place.group()])
        if count > MAX_SPELLINGS:
            break
        places.append(place)
    spellings = []
    for chosen in itertools.product(*[(p.group(), *_STOOD_FOR[p.group()]) for p in places]):
        spelling, last = [], 0
        for place, letters in zip(places, chosen, strict=True):
            spelling += [lower[last : place.start()], letters]
            last = place.end()
        spellings.append("".join(spelling) + lower[last:])
    return [word, *spellings[1:]]


@dataclass(frozen=True)
class Search:
    """A search as SQL: the full-text query, and the exact stretches (figures, quoted words)
    each match must also hold, which the index cannot check (typed_phrases)."""

    expression: str
    phrases: tuple[str, ...]

    def params(self) -> dict[str, str]:
        named = {f"phrase{index}": phrase for index, phrase in enumerate(self.phrases)}
        return {"search": self.expression, **named}

    def condition(self, index: str = "claims_fts", text: str = "text") -> str:
        """The WHERE condition on a full-text `index` whose rows' words are in `text`."""
        held = "".join(
            f" AND contains_phrase({text}, :phrase{number})" for number in range(len(self.phrases))
        )
        return f"{index} MATCH :search{held}"


def parse_search(text: str | None) -> Search | None:
    """The search for what was typed; None when nothing was."""
    expression = search_expression(text or "")
    if expression is None:
        return None
    return Search(expression, tuple(typed_phrases(text or "")))


# The index takes accents off Latin letters only: "δήμαρχος" is a word apart from "δημαρχος",
# which is how it is typed in haste, and how capitals print it ("ΔΗΜΑΡΧΟΣ"). A Greek word is
# looked for with its accent on each vowel it may stand on, and with a diaeresis where one may
# part two vowels; that is more spellings than other words have ("ευρωπαικες" has 18).
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_VOWELS = frozenset("αεηιουω")
# "αι", "ει", "οι", "αυ", "ευ", "ου": one sound, accented on the second letter ("είπε"); a
# diaeresis on the second parts them ("Ευρωπαϊκές", "προϋπολογισμός").
_PAIR_FIRST, _PAIR_SECOND = frozenset("αεο"), frozenset("ιυ")
_TONOS, _DIAERESIS = "\u0301", "\u0308"
MAX_GREEK_SPELLINGS = 24


def _greek_spellings(word: str) -> list[str]:
    """A Greek word as typed, without its marks, and with the marks it may carry: its accent on
    each vowel in turn, and each diaeresis it may have beside that accent."""
    bare = "".join(
        letter
        for letter in unicodedata.normalize("NFD", word.lower())
        if not unicodedata.combining(letter)
    )
    parted = [None, *(place for place in range(1, len(bare)) if _pair(bare, place - 1))]
    spellings = [word.lower(), bare]
    for split in parted:
        marks = {} if split is None else {split: _DIAERESIS}
        if split is not None:
            spellings.append(_marked(bare, marks))
        for place, letter in enumerate(bare):
            if letter in _GREEK_VOWELS and (place + 1 == split or not _pair(bare, place)):
                spellings.append(_marked(bare, {**marks, place: marks.get(place, "") + _TONOS}))
    # An accent on a pair's first letter parts it too ("Μάιος", "Κάιρο"): likelier than not
    # for a short word, and after the others for a long one.
    spellings += [
        _marked(bare, {place: _TONOS}) for place in range(len(bare)) if _pair(bare, place)
    ]
    return list(dict.fromkeys(spellings))[:MAX_GREEK_SPELLINGS]


def _pair(bare: str, place: int) -> bool:
    """Whether the letter at `place` and the next are one of the pairs of vowels read as one."""
    return bare[place] in _PAIR_FIRST and bare[place + 1 : place + 2] in _PAIR_SECOND


def _marked(bare: str, marks: dict[int, str]) -> str:
    return unicodedata.normalize(
        "NFC", "".join(letter + marks.get(place, "") for place, letter in enumerate(bare))
    )
