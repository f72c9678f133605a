"""Score how worth checking a sentence is, 0..1, with the reasons a reviewer sees."""

import functools
import json
import math
import re
from pathlib import Path

from factcheck.text import reason_words

# The reasons, in the order they are shown: rising ones, then lowering ones. Their log-odds
# weights are learned from labelled debates by benchmarks/train_checkworthiness.py (logistic
# regression with each weight kept on the side its name says) and read from WEIGHTS_FILE; a
# reason the debates could not teach would be set by hand there, and the file would say so.
REASONS = (
    "casualty or count figure",
    "percentage",
    "money amount",
    "number or quantity",
    "date or time",
    "superlative",
    "comparison or change",
    "causal claim",
    "reported action (voted, signed, paid...)",
    "statistics or policy term",
    "named source or attribution",
    "named person, place or organisation",
    "headline (prominent)",
    "long, detailed sentence",
    "question (lowers)",
    "opinion or hedge (lowers)",
    "first-person view (lowers)",
    "prediction or promise (lowers)",
    "reported call or appeal (lowers)",
    "courtesy or greeting (lowers)",
    "context line without a verb or figure (lowers)",
    "too short to check (lowers)",
)
WEIGHTS_FILE = Path(__file__).parent.parent / "data" / "checkworthiness_weights.json"
SHORT_WORDS = 6
LONG_WORDS = 25
CONTEXT_LINE_WORDS = 12


def load_weights(path: Path = WEIGHTS_FILE) -> tuple[float, dict[str, float]]:
    """The bias and the weight of every reason, in the order of REASONS."""
    stored = json.loads(path.read_text(encoding="utf-8"))
    missing = [reason for reason in REASONS if reason not in stored["weights"]]
    if missing:
        raise ValueError(f"{path} has no weight for {', '.join(missing)}; run the training again")
    return float(stored["bias"]), {reason: float(stored["weights"][reason]) for reason in REASONS}


BIAS, WEIGHTS = load_weights()


def _reasons_by_word(vocabularies: dict[str, str]) -> dict[str, tuple[str, ...]]:
    by_word: dict[str, tuple[str, ...]] = {}
    for reason, words in vocabularies.items():
        for word in words.split():
            by_word[word] = (*by_word.get(word, ()), reason)
    return by_word


# Small number words are everyday speech ("two more debates") unless they count something.
_SMALL_NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety half"
    " double doubled triple tripled quadrupled halved twice quarter third".split()
)
# A change by a multiple is a figure in words: "crime has halved" can be checked like "fell 50%".
_MULTIPLES = frozenset("halved doubled tripled quadrupled".split())
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
_MONEY_AFTER = re.compile(r"\d\s?(?:[$€£¥₹]|(?:EUR|USD|GBP|CHF)\b)")
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
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’)\]\s]*$")
_COURTESY = re.compile(
    r"\W*(?:thank you|thanks|good (?:evening|morning|afternoon|night)|welcome|hello"
    r"|congratulations)\b"
)

# While scoring, a set of reasons is an int with one bit per reason, bit i for the i-th reason
# of REASONS: a sentence's reasons are collected with "|", and ordering and scoring them happens
# once per distinct combination (_ordered and _scored cache it).
_BIT = {reason: 1 << rank for rank, reason in enumerate(REASONS)}
_COMBINATIONS_CACHED = 4096
# Tokens of other languages: runs of letters and digits in any script.
_ANY_TOKEN = re.compile(r"[^\W_]+%?")
# Verbs that make a short line a statement; a standfirst without one (or a figure) is context.
_FINITE_VERBS = frozenset(
    "is are was were be been has have had will would can could may might must shall should do does"
    " did says said say tells told".split()
)


def _word_bits(vocabularies: dict[str, str]) -> dict[str, int]:
    return {
        word: sum(_BIT[reason] for reason in reasons)
        for word, reasons in _reasons_by_word(vocabularies).items()
    }


_WORD_BITS_BY_LANGUAGE = {
    language: _word_bits(vocabularies)
    for language, vocabularies in reason_words.BY_LANGUAGE.items()
}
_WORD_BITS = _WORD_BITS_BY_LANGUAGE["en"]
_REASON_WORDS = frozenset(_WORD_BITS)


def score(
    text: str, *, attribution: str | None = None, section: str = "body", language: str = "en"
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in 0..1 and the words that explain it; deterministic and regex-only."""
    return _scored(_bits(text, attribution, section, language))


def scored(
    text: str, attribution: str | None, section: str, language: str
) -> tuple[float, tuple[str, ...]]:
    """score() with positional arguments, for the splitter's inner loop."""
    if language == "en":
        return _scored(_reason_bits(text, attribution, section))
    return _scored(_neutral_bits(text, attribution, section, language))


def features(
    text: str, *, attribution: str | None = None, section: str = "body", language: str = "en"
) -> tuple[str, ...]:
    """The reasons that apply to text, in the order of REASONS."""
    return _ordered(_bits(text, attribution, section, language))


def weighted(reasons: tuple[str, ...], bias: float, weights: dict[str, float]) -> float:
    """The score a set of reasons gets with the given bias and weights (as score() does)."""
    total = bias + sum(weights[reason] for reason in reasons)
    return round(1 / (1 + math.exp(-total)), 4)


def _bits(text: str, attribution: str | None, section: str, language: str) -> int:
    if language == "en":
        return _reason_bits(text, attribution, section)
    return _neutral_bits(text, attribution, section, language)


@functools.lru_cache(maxsize=_COMBINATIONS_CACHED)
def _ordered(bits: int) -> tuple[str, ...]:
    return tuple(reason for reason, bit in _BIT.items() if bits & bit)


@functools.lru_cache(maxsize=_COMBINATIONS_CACHED)
def _scored(bits: int) -> tuple[float, tuple[str, ...]]:
    reasons = _ordered(bits)
    return weighted(reasons, BIAS, WEIGHTS), reasons


def _reason_bits(text: str, attribution: str | None, section: str) -> int:
    """The reasons that apply to an English text, as bits (see _BIT)."""
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
        if counts or digit or not words.isdisjoint(_MAGNITUDES) or not words.isdisjoint(_MULTIPLES):
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
    elif len(tokens) <= CONTEXT_LINE_WORDS and _is_context_line(text, tokens, digit):
        found |= _BIT["context line without a verb or figure (lowers)"]
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
    if " on " in lower and ("called on" in lower or "calls on" in lower or "calling on" in lower):
        found |= _BIT["reported call or appeal (lowers)"]
    if _COURTESY.match(lower):
        found |= _BIT["courtesy or greeting (lowers)"]
    if len(tokens) < SHORT_WORDS:
        found |= _BIT["too short to check (lowers)"]
    return found


def _is_context_line(text: str, tokens: list[str], digit) -> bool:
    """A short line of its own (no full stop, question or exclamation mark at its end) with no
    figure and no finite verb: a standfirst or subheading such as "Figures disputed by
    opposition"."""
    return (
        digit is None
        and not _SENTENCE_END.search(text)
        and _FINITE_VERBS.isdisjoint(tokens)
        and _NUMBER_WORDS.isdisjoint(tokens)
    )


def _neutral_bits(text: str, attribution: str | None, section: str, language: str) -> int:
    """The reasons for a text in another language: the signals that need no words (figures, %,
    currency signs, years, quotations, attribution), and word lists where the language has them."""
    lower = text.lower()
    tokens = _ANY_TOKEN.findall(lower)
    found = 0
    word_bits = _WORD_BITS_BY_LANGUAGE.get(language)
    if word_bits:
        for word in word_bits.keys() & set(tokens):
            found |= word_bits[word]
    digit = _DIGIT.search(text)
    if digit:
        found |= _BIT["number or quantity"]
        if _MONEY_SIGN.search(text) or _MONEY_AFTER.search(text):
            found |= _BIT["money amount"]
        if _YEAR.search(text, digit.start()):
            found |= _BIT["date or time"]
    if "%" in text or any(
        phrase in lower for phrase in reason_words.PERCENT_PHRASES.get(language, ())
    ):
        found |= _BIT["percentage"]
    if attribution:
        found |= _BIT["named source or attribution"]
    if section == "headline":
        found |= _BIT["headline (prominent)"]
    if len(tokens) >= LONG_WORDS:
        found |= _BIT["long, detailed sentence"]
    if "?" in text and _QUESTION_END.search(text):
        found |= _BIT["question (lowers)"]
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
