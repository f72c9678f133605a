"""The full-text query for what someone typed in a search box: the queue's and the library's."""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from factcheck.matching.stopwords import STOPWORDS
from factcheck.text.scripts import SPACELESS_ALPHABETS
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
# Arabic's vowel marks, shadda, sukun, dagger alif and tatweel, the nukta of Indic scripts and
# Hebrew's niqqud and the zero-width joiner (the non-joiner is a space; Devanagari's candrabindu is its anusvara): the
# claims' index leaves them out of its words (migration 036 lists the
# same), and so does a search, so that "الضرائب" finds "الضَّرائب" and the other way round, and
# "बढा" finds "बढ़ा", as "Jose" finds "José".
FOLDED_MARKS: dict[int, str | None] = {
    **dict.fromkeys(
        [*range(0x064B, 0x0653), 0x0670, 0x0640, 0x093C, 0x09BC, 0x0A3C, 0x0ABC, 0x0B3C]
        + [*range(0x05B0, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7]
        + [0x200D]
    ),
    0x200C: " ",  # the zero-width non-joiner parts a Persian word's pieces, as a space does
    0x0901: "\u0902",  # candrabindu as anusvara
}
# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar):
# the index holds a whole run of them as one word, so a word of theirs is looked for in the
# claims' text itself ("房价" in "2025年上海房价上涨了12%").
_UNSPACED = re.compile(
    f"[{SPACELESS_ALPHABETS}\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
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
    matches nothing rather than dropping the search and listing everything. Words are read as
    the library's index reads them; parse_search reads them for the claims' index."""
    if not (text or "").strip():
        return None
    return _expression(_kept_terms(text, every_script=False), every_script=False)


def _kept_terms(text: str, *, every_script: bool) -> list[str] | None:
    """The terms a search looks for, at most MAX_WORDS; None for the word for a share alone."""
    text = percent_signs(unicodedata.normalize("NFC", text))
    if every_script:
        text = text.translate(FOLDED_MARKS)
    term = _term_pattern() if every_script else _TERM
    without_share = without_per_cent_words(text)
    # A word quoted on its own is looked for whole ("said", not "saidah"): the index matches a
    # word exactly, with no phrase to hold it to.
    terms = term.findall(QUOTED.sub(_one_word_whole, without_share.replace(_WHOLE, " ")))
    if not terms and without_share != text:
        return None  # only the word for a share was typed: either way it is written
    terms = terms or term.findall(text)
    # A word quoted on its own is looked for, however common.
    kept = [t for t in terms if t.startswith(_WHOLE) or t.lower() not in _LEFT_OUT] or terms
    return kept[:MAX_WORDS]


def _expression(terms: list[str] | None, *, every_script: bool) -> str:
    if terms is None:
        return _SHARE_WORDS
    looked_up = [t for t in terms if not (every_script and _UNSPACED.search(t))]
    expression = " AND ".join(_term_query(term) for term in looked_up)
    # Only words of unspaced scripts: no full-text query at all ("" is read as none).
    return expression if expression or len(looked_up) < len(terms) else '""'


def _unspaced_words(terms: list[str] | None) -> tuple[str, ...]:
    """The words of scripts written without spaces, as a claim's text holds them (ASCII letters
    with them in lower case, as the search compares them with SQL's lower())."""
    return tuple(
        dict.fromkeys(
            _ascii_lower(term.lstrip(_WHOLE)) for term in terms or [] if _UNSPACED.search(term)
        )
    )


def _ascii_lower(text: str) -> str:
    return "".join(letter.lower() if letter.isascii() else letter for letter in text)


@cache
def index_marks() -> str:
    """The body of a regular expression's character class holding every mark the claims' index
    keeps in a word (Mn and Mc; found on first use: it reads the first two planes of Unicode,
    where every script's marks are, and the variation selectors beyond)."""
    ranges: list[list[int]] = []
    for code in itertools.chain(range(0x20000), range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(code)) in ("Mn", "Mc"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(
        re.escape(chr(first)) + ("" if first == last else "-" + re.escape(chr(last)))
        for first, last in ranges
    )


def typed_words(text: str) -> int:
    """How many words a search reads in what was typed (a Hindi word with its vowel signs is
    one), before any are left out."""
    return len(_term_pattern().findall(text.translate(FOLDED_MARKS)))


@cache
def _term_pattern() -> re.Pattern:
    """A term as the claims' index (migration 036) takes a word: letters and digits with the
    marks that belong to them (a Devanagari vowel sign or virama; the Latin accents the index
    takes off), starting with a letter or a digit."""
    word = rf"[^\W_](?:[^\W_]|[{index_marks()}])*"
    return re.compile(rf"{FIGURE.pattern}|{LONG_NUMBER.pattern}|{_WHOLE}?{word}", re.UNICODE)


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
    """A search as SQL: the full-text query, the exact stretches (figures, quoted words) each
    match must also hold, which the index cannot check (typed_phrases), and the words of scripts
    written without spaces, looked for in the text itself. An empty expression: no full-text
    query, only those words (the claims' index alone has such words)."""

    expression: str
    phrases: tuple[str, ...]
    unspaced: tuple[str, ...] = ()

    def params(self) -> dict[str, str]:
        named = {f"phrase{index}": phrase for index, phrase in enumerate(self.phrases)}
        words = {f"unspaced{index}": word for index, word in enumerate(self.unspaced)}
        return {"search": self.expression, **named, **words}

    def condition(self, index: str = "claims_fts", text: str = "text") -> str:
        """The WHERE condition on a full-text `index` whose rows' words are in `text`."""
        held = "".join(
            f" AND contains_phrase({text}, :phrase{number})" for number in range(len(self.phrases))
        )
        if not self.expression:
            # The claims holding the words, read from the table in one pass; each looked up in
            # the index by its rowid.
            rowid = f"{index.split('.')[0]}.rowid" if "." in index else f"{index}.rowid"
            found = self._unspaced_held("text")
            return f"{rowid} IN (SELECT id FROM claims WHERE {found}){held}"
        if self.unspaced:
            held += f" AND {self._unspaced_held(text)}"
        return f"{index} MATCH :search{held}"

    def _unspaced_held(self, text: str) -> str:
        # A word with ASCII letters ("GDP增长") is compared with the text in lower case.
        return " AND ".join(
            f"instr({f'lower({text})' if _has_ascii_letter(word) else text}, :unspaced{number})"
            for number, word in enumerate(self.unspaced)
        )


def _has_ascii_letter(word: str) -> bool:
    return any(letter.isascii() and letter.isalpha() for letter in word)


def parse_search(text: str | None, *, every_script: bool = True) -> Search | None:
    """The search for what was typed; None when nothing was. `every_script`: for the claims'
    index (migration 036), whose words keep the marks of Indic scripts and lose Arabic and
    Hebrew vowel marks, and whose runs of unspaced scripts are looked for in the text; the
    library's index reads words as the claims' did before it."""
    if not (text or "").strip():
        return None
    if not every_script:
        return Search(search_expression(text or "") or '""', tuple(typed_phrases(text or "")))
    terms = _kept_terms(text or "", every_script=True)
    return Search(
        _expression(terms, every_script=True),
        tuple(typed_phrases((text or "").translate(FOLDED_MARKS))),
        _unspaced_words(terms),
    )


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
