"""Score how worth checking a sentence is, 0..1, with the reasons a reviewer sees."""

import functools
import math
import re

# Log-odds nudges for each reason, in the order reasons are shown: rising ones, then lowering.
# Tuned by hand against benchmarks/bench_checkworthiness.py, keeping each one sensible for news.
WEIGHTS = {
    "casualty or count figure": 0.4,
    "percentage": 2.0,
    "money amount": 1.1,
    "number or quantity": 0.6,
    "date or time": 0.6,
    "superlative": 0.7,
    "comparison or change": 0.5,
    "causal claim": 0.3,
    "reported action (voted, signed, paid...)": 0.5,
    "statistics or policy term": 0.9,
    "named source or attribution": 0.4,
    "named person, place or organisation": 0.3,
    "headline (prominent)": 0.3,
    "long, detailed sentence": 0.3,
    "question (lowers)": -0.6,
    "opinion or hedge (lowers)": -0.3,
    "first-person view (lowers)": -0.5,
    "prediction or promise (lowers)": -0.3,
    "courtesy or greeting (lowers)": -1.5,
    "too short to check (lowers)": -0.3,
}
_BIAS = -2.0
SHORT_WORDS = 6
LONG_WORDS = 25

# Words that give a reason wherever they appear in the sentence (matched as lower-case tokens:
# one tokenising pass and one set intersection keep scoring fast).
_VOCABULARIES = {
    "percentage": "percent percentage",
    "date or time": "january february march april june july august september october november"
    " december monday tuesday wednesday thursday friday saturday sunday yesterday since ago decade"
    " decades annually yearly",
    "superlative": "most best worst biggest largest highest lowest greatest fastest slowest"
    " deadliest record unprecedented single smallest strongest weakest oldest youngest richest"
    " poorest longest shortest",
    "comparison or change": "increase increased increases decrease decreased rose risen rise fell"
    " fallen doubled tripled grew grown dropped declined jumped surged plunged soared nearly almost"
    " lower higher fewer compared cut cuts raised raising",
    "causal claim": "because caused causes causing blamed resulting",
    "reported action (voted, signed, paid...)": "voted passed signed approved supported opposed"
    " banned built created lost won funded launched ruled convicted charged sued fired hired"
    " invaded attacked bombed sanctioned vetoed endorsed audited announced paid gave sent"
    " destroyed proposed spent introduced closed opened moved cut raised imposed blocked",
    "statistics or policy term": "unemployment employment rate rates tax taxes deficit debt budget"
    " economy gdp inflation wage wages income incomes jobs crime crimes murder murders immigration"
    " trade tariff tariffs law laws study report data poll survey average statistics census"
    " funding spending cost costs price prices population emissions insurance poverty"
    " manufacturing growth revenue profits deaths cases plan plans program programs agreement"
    " agreements deal deals treaty benefits pension pensions medicare medicaid healthcare illegal"
    " illegally investigation weapons guns border borders subsidies factories industry oil coal"
    " climate energy",
    "opinion or hedge (lowers)": "maybe perhaps probably hopefully seems seem should ought must"
    " might frankly honestly believe feel opinion",
    "prediction or promise (lowers)": "will won't won’t gonna",
}


def _reasons_by_word(vocabularies: dict[str, str]) -> dict[str, tuple[str, ...]]:
    by_word: dict[str, tuple[str, ...]] = {}
    for reason, words in vocabularies.items():
        for word in words.split():
            by_word[word] = (*by_word.get(word, ()), reason)
    return by_word


_WORD_REASONS = _reasons_by_word(_VOCABULARIES)
_REASON_WORDS = frozenset(_WORD_REASONS)

# Small number words are everyday speech ("two more debates") unless they count something.
_SMALL_NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety half"
    " double doubled triple tripled twice quarter third".split()
)
# Magnitudes always make a quantity; no word is in both lists.
_MAGNITUDES = frozenset(
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions billions"
    " trillions".split()
)
_NUMBER_WORDS = _SMALL_NUMBERS | _MAGNITUDES
# What a number counts when it is a casualty or count figure ("23 people", "4,000 homes").
_COUNTED = frozenset(
    "people persons dead deaths died killed killings murders injured wounded injuries casualties"
    " victims missing displaced evacuated homeless refugees migrants immigrants arrested arrests"
    " detained prisoners inmates soldiers troops civilians children women men residents patients"
    " cases infections hospitalised hospitalized jobs workers employees votes voters homes houses"
    " buildings families households students members users citizens americans seniors officers"
    " police".split()
)
# Verbs a figure follows ("killed at least 23").
_CASUALTY_VERBS = frozenset(
    "killed died dead injured wounded arrested displaced evacuated lost kills kill claimed"
    " infected".split()
)
_COUNT_CONTEXT = _COUNTED | _CASUALTY_VERBS
_CURRENCIES = frozenset("dollars dollar euros euro pounds rupees yen yuan bucks cents".split())
_COMPARATIVES = frozenset(
    "more less fewer higher lower larger smaller bigger greater better worse longer".split()
)
_FIRST_PERSON = frozenset("i we i'm we're i’m we’re i'll we'll i’ll we’ll i'd we'd".split())
_FEELING_VERBS = frozenset(
    "think believe feel want hope wish love like need will would am are going".split()
)

# A word or a number; a number keeps a following % so a share is not read as a count.
_TOKEN = re.compile(r"[a-z0-9'’]+%?")
_DIGIT = re.compile(r"\d")
_MONEY_SIGN = re.compile(r"[$€£¥₹]\s?\d")
# A year from 1800 to 2099 as a whole word. "No letter or digit before it" is a look-behind after
# the first two digits rather than a leading \b, because a pattern that starts with fixed
# characters lets the regex engine jump from one candidate to the next.
_YEAR = re.compile(r"(?:1[89]|20)(?<!\w\d\d)\d\d\b")
_IEST = re.compile(r"[a-z]{3}iest\b")
# A capital letter after a space: a name, since a unit holds one sentence. "I", weekdays and
# months do not count. The capital is looked for first: most words start in lower case.
_PROPER_NAME = re.compile(
    r" (?=[A-Z])(?!I\b|I['’]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b)"
)
_QUESTION_END = re.compile(r"\?[\"'”’)\]\s]*$")
_COURTESY = re.compile(
    r"\W*(?:thank you|thanks|good (?:evening|morning|afternoon|night)|welcome|hello"
    r"|congratulations)\b"
)

# While scoring, a set of reasons is an int with one bit per reason, bit i for the i-th reason
# of WEIGHTS: a sentence's reasons are collected with "|", and ordering and scoring them happens
# once per distinct combination (_ordered and _scored cache it).
_BIT = {reason: 1 << rank for rank, reason in enumerate(WEIGHTS)}
_WORD_BITS = {word: sum(_BIT[r] for r in reasons) for word, reasons in _WORD_REASONS.items()}
_COMBINATIONS_CACHED = 4096


def score(
    text: str, *, attribution: str | None = None, section: str = "body"
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in 0..1 and the words that explain it; deterministic and regex-only."""
    return _scored(_reason_bits(text, attribution, section))


def features(
    text: str, *, attribution: str | None = None, section: str = "body"
) -> tuple[str, ...]:
    """The reasons that apply to text, in the order of WEIGHTS."""
    return _ordered(_reason_bits(text, attribution, section))


@functools.lru_cache(maxsize=_COMBINATIONS_CACHED)
def _ordered(bits: int) -> tuple[str, ...]:
    return tuple(reason for reason, bit in _BIT.items() if bits & bit)


@functools.lru_cache(maxsize=_COMBINATIONS_CACHED)
def _scored(bits: int) -> tuple[float, tuple[str, ...]]:
    reasons = _ordered(bits)
    total = _BIAS
    for reason in reasons:
        total += WEIGHTS[reason]
    return round(1 / (1 + math.exp(-total)), 4), reasons


def _reason_bits(text: str, attribution: str | None, section: str) -> int:
    """The reasons that apply to text, as bits (see _BIT)."""
    lower = text.lower()
    tokens = _TOKEN.findall(lower)
    words = set(tokens)
    found = 0
    for word in words & _REASON_WORDS:
        found |= _WORD_BITS[word]
    digit = _DIGIT.search(text)
    if digit or not words.isdisjoint(_NUMBER_WORDS):
        counts = not _COUNT_CONTEXT.isdisjoint(words) and _is_count(tokens)
        if counts:
            found |= _BIT["casualty or count figure"]
        if counts or digit or not words.isdisjoint(_MAGNITUDES):
            found |= _BIT["number or quantity"]
        if not words.isdisjoint(_CURRENCIES) or _MONEY_SIGN.search(text):
            found |= _BIT["money amount"]
        # A year starts at a digit, so the search can start at the first one.
        if digit and _YEAR.search(text, digit.start()):
            found |= _BIT["date or time"]
    if "%" in text or "per cent" in lower:
        found |= _BIT["percentage"]
    if "iest" in lower and _IEST.search(lower):
        found |= _BIT["superlative"]
    if "than" in words and _compares(tokens):
        found |= _BIT["comparison or change"]
    if (" to " in lower or " result" in lower) and _causal_phrase(lower):
        found |= _BIT["causal claim"]
    if attribution or "according to" in lower:
        found |= _BIT["named source or attribution"]
    if _PROPER_NAME.search(text):
        found |= _BIT["named person, place or organisation"]
    if section == "headline":
        found |= _BIT["headline (prominent)"]
    if len(tokens) >= LONG_WORDS:
        found |= _BIT["long, detailed sentence"]
    if "?" in text and _QUESTION_END.search(text):
        found |= _BIT["question (lowers)"]
    if "i think" in lower:
        found |= _BIT["opinion or hedge (lowers)"]
    if not words.isdisjoint(_FIRST_PERSON) and _first_person_view(tokens):
        found |= _BIT["first-person view (lowers)"]
    if "going to" in lower:
        found |= _BIT["prediction or promise (lowers)"]
    if _COURTESY.match(lower):
        found |= _BIT["courtesy or greeting (lowers)"]
    if len(tokens) < SHORT_WORDS:
        found |= _BIT["too short to check (lowers)"]
    return found


def _is_count(tokens: list[str]) -> bool:
    """A number within three words before a counted noun, or just after "killed" and the like.
    A share ("61 percent of residents", "40% of homes") is a percentage, not a count."""
    for i, token in enumerate(tokens):
        if token[0].isdigit() or token in _NUMBER_WORDS:
            if token.endswith("%") or tokens[i + 1 : i + 2] in (["percent"], ["per"], ["%"]):
                continue
            if not _COUNTED.isdisjoint(tokens[i + 1 : i + 5]):
                return True
            if not _CASUALTY_VERBS.isdisjoint(tokens[max(i - 3, 0) : i]):
                return True
    return False


def _causal_phrase(lower: str) -> bool:
    return (
        " led to " in lower
        or " leads to " in lower
        or " due to " in lower
        or " as a result" in lower
        or " resulted in " in lower
    )


def _compares(tokens: list[str]) -> bool:
    """ "more than", "higher than", "bigger than" and other comparisons with "than".

    list.index finds each "than" faster than a loop over every token."""
    position = -1
    for _ in range(tokens.count("than")):
        position = tokens.index("than", position + 1)
        if position and (
            tokens[position - 1] in _COMPARATIVES or tokens[position - 1].endswith("er")
        ):
            return True
    return False


def _first_person_view(tokens: list[str]) -> bool:
    """ "I think", "we want", "I'm going to", "I'll": the speaker's own view or intention."""
    for i, token in enumerate(tokens):
        if token in _FIRST_PERSON:
            if token.endswith(("ll", "d")):
                return True
            if i + 1 < len(tokens) and tokens[i + 1] in _FEELING_VERBS:
                return True
    return False
