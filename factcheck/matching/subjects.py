"""Whether two claims say the same thing of other subjects: "Tencent shares closed in Hong Kong
at $185.25" and "Alibaba shares closed in New York at $185.25" share every word but the company
and the market, and a verdict on one says nothing of the other.

A name here is a capitalised word that does not start a sentence (in any script with case), or
an acronym: the people, places and organisations a claim is about. Two claims differ in subject
when, word for word, they say the same around a name of each that the other neither has nor
could be paraphrasing: another spelling or a part of it ("Biden" for "Joe Biden"), an acronym of
it ("WHO", "U.S."), a shortening ("Fed"), the country for its people or its capital ("Chinese",
"Washington") or a common other name ("America"). A name only one of them has (a shorter
wording), a name put for a plain word ("the president"), a text in Title Case or in capitals,
where names cannot be told apart, and German, which capitalises every noun, are no such
difference; nor is a translation, whose other words are not the claim's."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from factcheck.matching.porter import stem
from factcheck.matching.stopwords import STOPWORDS
from factcheck.matching.text import clean_query, fold

# A word, or an acronym written with points ("U.S.", "U.K.").
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
# What ends a sentence between two words (a point that is an acronym's own is in the word).
_SENTENCE_END = re.compile(r"[.!?:;…\n•|]|[—–]|\s-\s")
#: Capitalised words that are no subject of their own: days, months, titles and forms of
#: address, which stand beside a name or for it ("President Biden", "the Minister").
_NOT_SUBJECTS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec
    president presidents prime minister ministers chancellor senator sen rep representative
    congressman congresswoman governor gov mayor king queen prince princess pope secretary
    general gen dr mr mrs ms sir lord lady judge justice chief ceo chairman chairwoman chair
    speaker leader vice former state federal national government ministry department agency
    am pm ok
    """.split()
)
#: Names of one subject that share no word: a country's other names, its people and capital
#: (a newsroom's "Washington said" is the United States).
_ALIASES = tuple(
    frozenset(group.split())
    for group in (
        "us usa america american americans unitedstates washington whitehouse",
        "uk britain british briton britons greatbritain unitedkingdom london downingstreet",
        "eu europeanunion brussels",
        "un unitednations",
        "russia russian russians moscow kremlin",
        "china chinese beijing",
        "ukraine ukrainian ukrainians kyiv kiev",
        "germany german germans berlin",
        "france french paris elysee",
        "japan japanese tokyo",
        "india indian indians delhi newdelhi",
        "israel israeli israelis jerusalem",
        "iran iranian iranians tehran",
        "turkey turkish ankara turkiye",
        "netherlands dutch holland",
        "covid coronavirus sarscov2 covid19",
        "fed federalreserve",
        "nhs nationalhealthservice",
        "who worldhealthorganization worldhealthorganisation",
    )
)
_ALIAS_OF = {name: group for group in _ALIASES for name in group}
# Function words found only in German, which capitalises every noun.
_GERMAN = frozenset(
    "der das und ist nicht ein eine einer einen dem den zu von mit sich auf für im auch wird"
    " wurde sind bei nach aus wie noch über sagte hat haben wurden vom zum zur sei oder".split()
)
# Words that join the parts of a name ("Bank of England", "Centers for Disease Control").
_JOINERS = frozenset("of for and the de du des la le del da di van von".split())
#: A substitution is of a few words: a longer rewrite is another wording.
_MOST_REPLACED = 5
#: Two names of six letters or more this alike (difflib's ratio) are one spelt two ways.
_SPELT_OTHERWISE = 0.8


@dataclass(frozen=True)
class _Word:
    folded: str
    stem: str
    #: Which name (a run of capitalised words) the word is part of, or -1.
    name: int
    #: A capitalised title or the like ("President", "Tuesday"), which may stand beside a name.
    titled: bool
    #: Which sentence of the text the word is in.
    sentence: int


@dataclass(frozen=True)
class _Analysed:
    words: tuple[_Word, ...]
    #: Every word's folded form, its stem, and runs of two and three words joined ("hongkong").
    forms: frozenset[str]
    #: The initials of every run of capitalised words, with and without the words between.
    initials: frozenset[str]
    #: Each name's folded words.
    names: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=2048)
def analysed(text: str) -> _Analysed:
    """The content words of `text` in order, each marked with the name it is part of."""
    text = clean_query(text)
    tokens: list[tuple[str, bool]] = []
    end = 0
    for found in _TOKEN.finditer(text):
        raw = found.group().replace(".", "")
        start = not tokens or _SENTENCE_END.search(text, end, found.start()) is not None
        tokens.append((raw, start))
        end = found.end()
    names_known = _names_can_be_told(tokens)
    words: list[_Word] = []
    names: list[list[str]] = []
    runs: list[list[tuple[str, bool]]] = [[]]
    previous_name = False
    sentence = -1
    for at, (raw, start) in enumerate(tokens):
        sentence += start
        folded = fold(raw)
        # Not a shouted word ("WATCH:", "NOT"), but "US" is the United States.
        acronym = (
            2 <= len(raw) <= 4
            and raw.isupper()
            and raw.isalpha()
            and (folded not in STOPWORDS or folded == "us")
        )
        titled = raw[:1].isupper() and folded in _NOT_SUBJECTS
        # A sentence's first word starts a name when a capitalised word follows ("Joe Biden said").
        capital = (
            raw[:1].isupper()
            and not titled
            and (not start or (at + 1 < len(tokens) and _leads_name(raw, tokens[at + 1])))
        )
        if capital or acronym:
            runs[-1].append((folded, True))
        elif folded in _JOINERS and runs[-1]:
            runs[-1].append((folded, False))
        elif runs[-1]:
            runs.append([])
        if folded in STOPWORDS and not acronym:
            previous_name = previous_name and folded in _JOINERS
            continue
        is_name = names_known and (capital or acronym) and not raw.isdigit()
        if is_name and (start or not previous_name):
            names.append([])
        if is_name:
            names[-1].append(folded)
        words.append(
            _Word(folded, stem(folded), len(names) - 1 if is_name else -1, titled, sentence)
        )
        previous_name = is_name
    folds = [word.folded for word in words]
    forms = set(folds) | {word.stem for word in words}
    for size in (2, 3):
        forms.update("".join(folds[i : i + size]) for i in range(len(folds) - size + 1))
    initials: set[str] = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 2, len(run) + 1):
                part = run[i:j]
                if part[0][1] and part[-1][1]:
                    initials.add("".join(word[0] for word, _ in part))
                    initials.add("".join(word[0] for word, capital in part if capital))
    return _Analysed(
        tuple(words), frozenset(forms), frozenset(initials), tuple(tuple(n) for n in names)
    )


def _leads_name(raw: str, following: tuple[str, bool]) -> bool:
    """Whether a sentence's first word is the first of a name: a word, not a function word,
    with a capitalised word of no title right after it."""
    word, start = following
    return (
        raw.isalpha()
        and fold(raw) not in STOPWORDS
        and not start
        and word[:1].isupper()
        and fold(word) not in _NOT_SUBJECTS
    )


def _names_can_be_told(tokens: list[tuple[str, bool]]) -> bool:
    """Whether capitals mark names in this text: not where most words are in capitals or every
    word past the first is capitalised (a headline in Title Case), nor in German."""
    letters = [raw for raw, _ in tokens if raw.isalpha()]
    if not letters or sum(raw.isupper() for raw in letters) * 2 > len(letters):
        return False
    if sum(fold(raw) in _GERMAN for raw in letters) >= 2:
        return False
    plain = [raw for raw, start in tokens[1:] if raw.isalpha() and fold(raw) not in STOPWORDS]
    return any(raw[:1].islower() for raw in plain)


def _paraphrased(name: tuple[str, ...], other: _Analysed) -> bool:
    """Whether `other` has this name or could be saying it in other words."""
    joined = "".join(name)
    if joined in other.forms or joined in other.initials:
        return True
    group = _ALIAS_OF.get(joined)
    if group is not None and not group.isdisjoint(other.forms):
        return True
    for word in name:
        if word in other.forms or stem(word) in other.forms or word in other.initials:
            return True
        group = _ALIAS_OF.get(word)
        if group is not None and not group.isdisjoint(other.forms):
            return True
        for theirs in other.forms:
            if _related(word, theirs):
                return True
    return any(joined == "".join(theirs) for theirs in other.names)


def _related(ours: str, theirs: str) -> bool:
    """One word shortened ("fed", "federal"), put in a compound ("regierung",
    "bundesregierung"), made an adjective ("china", "chinese") or spelt otherwise ("gaddafi",
    "qaddafi"; not "iran" and "iraq", nor "austria" and "australia") of the other."""
    short, long = sorted((ours, theirs), key=len)
    if len(short) < 3 or not short.isalpha() or not long.isalpha():
        return False
    if long.startswith(short) or (len(short) >= 5 and short in long):
        return True
    if len(short) >= 6 and SequenceMatcher(None, short, long).ratio() >= _SPELT_OTHERWISE:
        return True
    common = 0
    for a, b in zip(short, long, strict=False):
        if a != b:
            break
        common += 1
    return common >= 4 and common >= len(short) - 2


def subjects_differ(text: str, claim: str) -> bool:
    """Whether `claim` says what `text` says of another subject: the two the same word for word
    (at least half of the shorter, and three words) but for a few words in one place, where
    each has a name the other neither has nor could be paraphrasing."""
    ours, theirs = analysed(text), analysed(claim)
    if not ours.names or not theirs.names:
        return False
    a = [word.stem for word in ours.words]
    b = [word.stem for word in theirs.words]
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    same = sum(i2 - i1 for tag, i1, i2, _, _ in blocks if tag == "equal")
    if same < 3 or same * 2 < min(len(a), len(b)):
        return False
    for tag, i1, i2, j1, j2 in blocks:
        if tag != "replace" or i2 - i1 > _MOST_REPLACED or j2 - j1 > _MOST_REPLACED:
            continue
        if _new_name(ours, ours.words[i1:i2], theirs) and _new_name(
            theirs, theirs.words[j1:j2], ours
        ):
            return True
    return False


def _new_name(side: _Analysed, words: tuple[_Word, ...], other: _Analysed) -> bool:
    """Whether these words of `side` are names, titles and the words between names ("de") of
    one sentence alone, one of them a name `other` neither has nor could be paraphrasing."""
    return (
        all(word.name >= 0 or word.titled or word.folded in _JOINERS for word in words)
        and words[0].sentence == words[-1].sentence
    ) and any(word.name >= 0 and not _paraphrased(side.names[word.name], other) for word in words)
