"""Score how worth checking a sentence is, 0..1, with the reasons a reviewer sees."""

import functools
import json
import math
import re
from pathlib import Path
from typing import Final

from factcheck.text import reason_words, unit_words
from factcheck.text.unit_words import (
    CODED_LETTERS,
    COMPILED,
    ascii_scan,
    ascii_score_tokens,
    key,
    score_tokens,
    word_codes,
)

# The reasons, in the order they are shown: rising ones, then lowering ones. Their log-odds
# weights are learned from labelled debates by benchmarks/train_checkworthiness.py (logistic
# regression with each weight kept on the side its name says) and read from WEIGHTS_FILE; a
# reason the debates could not teach would be set by hand there, and the file would say so.
REASONS: Final = (
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
WEIGHTS_FILE: Final = Path(__file__).parent.parent / "data" / "checkworthiness_weights.json"
SHORT_WORDS: Final = 6
LONG_WORDS: Final = 25
CONTEXT_LINE_WORDS: Final = 12


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


def _keys(words: str) -> frozenset[bytes]:
    """A word list as the score's tokens spell it (see unit_words)."""
    return frozenset(map(key, words.split()))


# Small number words are everyday speech ("two more debates") unless they count something.
_SMALL_NUMBERS: Final = _keys(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety half"
    " double doubled triple tripled quadrupled halved twice quarter third"
)
# A change by a multiple is a figure in words: "crime has halved" can be checked like "fell 50%".
_MULTIPLES: Final = _keys("halved doubled tripled quadrupled")
# Magnitudes always make a quantity; no word is in both lists.
_MAGNITUDES: Final = _keys(
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions billions"
    " trillions"
)
_NUMBER_WORDS: Final = _SMALL_NUMBERS | _MAGNITUDES
# What a number counts when it is a casualty or count figure ("23 people", "4,000 homes").
_COUNTED: Final = _keys(
    "people persons dead deaths died killed killings murders injured wounded injuries casualties"
    " victims missing displaced evacuated homeless refugees migrants immigrants arrested arrests"
    " detained prisoners inmates soldiers troops civilians children women men residents patients"
    " cases infections hospitalised hospitalized jobs workers employees votes voters homes houses"
    " buildings families households students members users citizens americans seniors officers"
    " police"
)
# Verbs a figure follows ("killed at least 23").
_CASUALTY_VERBS: Final = _keys(
    "killed died dead injured wounded arrested displaced evacuated lost kills kill claimed infected"
)
_COUNT_CONTEXT: Final = _COUNTED | _CASUALTY_VERBS
_CURRENCIES: Final = _keys("dollars dollar euros euro pounds rupees yen yuan bucks cents")
_COMPARATIVES: Final = _keys(
    "more less fewer higher lower larger smaller bigger greater better worse longer"
)
_FIRST_PERSON: Final = _keys("i we i'm we're i’m we’re i'll we'll i’ll we’ll i'd we'd")
_FEELING_VERBS: Final = _keys(
    "think believe feel want hope wish love like need will would am are going"
)

_DIGIT: Final = re.compile(r"\d")
# "Rs 299" and "Rs. 1,200" are how Indian and Pakistani outlets write rupees.
_MONEY_SIGN: Final = re.compile(r"(?:[$€£¥₹₩¢]|\bRs\.?)\s?\d")
_MONEY_AFTER: Final = re.compile(r"\d\s?(?:[$€£¥₹₩¢]|(?:EUR|USD|GBP|CHF|INR)\b)")
# A year from 1800 to 2099 as a whole word. "No letter or digit before it" is a look-behind after
# the first two digits rather than a leading \b, because a pattern that starts with fixed
# characters lets the regex engine jump from one candidate to the next.
_YEAR: Final = re.compile(r"(?:1[89]|20)(?<!\w\d\d)\d\d\b")
# A year in Chinese, Japanese and Korean, written into the words around it: "在2019年", "2019년".
_CJK_YEAR: Final = re.compile(r"(?<!\d)(?:1[89]|20)\d\d[年년]")
# Chinese and Japanese text may write figures and signs in full width ("５．１％", "２０１９年",
# "￥１００"): read as their ordinary forms, one character for one.
_FULL_WIDTH: Final = re.compile("[\uff01-\uff5e\uffe0-\uffe6]")
_HALF_WIDTH: Final = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0xFFE0: "¢",
    0xFFE1: "£",
    0xFFE5: "¥",
    0xFFE6: "₩",
}
_IEST: Final = re.compile(r"[a-z]{3}iest\b")
# A capital letter after a space: a name, since a unit holds one sentence. "I", weekdays and
# months do not count. The capital is looked for first: most words start in lower case.
_PROPER_NAME: Final = re.compile(
    r" (?=[A-Z])(?!I\b|I['’]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b)"
)


def _mark(byte: int) -> int:
    """What a byte becomes in _MARKS: a digit 0, a capital A, a space itself, anything else a
    dot (bytes of 128 and above, which ASCII text never holds, included)."""
    if 0x30 <= byte <= 0x39:
        return ord("0")
    if 0x41 <= byte <= 0x5A:
        return ord("A")
    return byte if byte == 0x20 else ord(".")


_MARKS: Final = bytes(map(_mark, range(256)))
_ASCII_YEAR: Final = re.compile(_YEAR.pattern, re.ASCII)
_ASCII_PROPER_NAME: Final = re.compile(_PROPER_NAME.pattern, re.ASCII)
_QUESTION_END: Final = re.compile(r"\?[\"'”’)\]\s]*$")
_SENTENCE_END: Final = re.compile(r"[.!?…:;,][\"'”’)\]\s]*$")
_COURTESY: Final = re.compile(
    r"\W*(?:thank you|thanks|good (?:evening|morning|afternoon|night)|welcome|hello"
    r"|congratulations)\b"
)
_COURTESY_STARTS: Final = frozenset(("tha", "goo", "wel", "hel", "con"))

# While scoring, a set of reasons is an int with one bit per reason, bit i for the i-th reason
# of REASONS: a sentence's reasons are collected with "|", and ordering and scoring them happens
# once per distinct combination (_ordered and _scored cache it).
_BIT: Final = {reason: 1 << rank for rank, reason in enumerate(REASONS)}
_COMBINATIONS_CACHED: Final = 4096
# The reasons' bits by name, for _reason_bits.
_CASUALTY: Final = _BIT["casualty or count figure"]
_PERCENTAGE: Final = _BIT["percentage"]
_MONEY: Final = _BIT["money amount"]
_QUANTITY: Final = _BIT["number or quantity"]
_DATE: Final = _BIT["date or time"]
_SUPERLATIVE: Final = _BIT["superlative"]
_COMPARISON: Final = _BIT["comparison or change"]
_CAUSAL: Final = _BIT["causal claim"]
_ACTION: Final = _BIT["reported action (voted, signed, paid...)"]
_POLICY: Final = _BIT["statistics or policy term"]
_ATTRIBUTED: Final = _BIT["named source or attribution"]
_NAMED: Final = _BIT["named person, place or organisation"]
_HEADLINE: Final = _BIT["headline (prominent)"]
_LONG: Final = _BIT["long, detailed sentence"]
_QUESTION: Final = _BIT["question (lowers)"]
_OPINION: Final = _BIT["opinion or hedge (lowers)"]
_FIRST_PERSON_VIEW: Final = _BIT["first-person view (lowers)"]
_PREDICTION: Final = _BIT["prediction or promise (lowers)"]
_CALL: Final = _BIT["reported call or appeal (lowers)"]
_COURTESY_BIT: Final = _BIT["courtesy or greeting (lowers)"]
_CONTEXT_LINE: Final = _BIT["context line without a verb or figure (lowers)"]
_SHORT: Final = _BIT["too short to check (lowers)"]
# Tokens of other languages: runs of letters and digits in any script.
_ANY_TOKEN: Final = re.compile(r"[^\W_]+%?")
# Chinese and Japanese write words without spaces between them: a run of their characters is one
# token. It counts as a word for every two characters (about the length of a word in either).
_CJK: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _cjk_words(text: str) -> int:
    """The words a text's Chinese or Japanese characters are worth (see _CJK)."""
    return len(_CJK.findall(text)) // 2


# Verbs that make a short line a statement; a standfirst without one (or a figure) is context.
_FINITE_VERBS: Final = _keys(
    "is are was were be been has have had will would can could may might must shall should do does"
    " did says said say tells told"
)


def _word_bits(vocabularies: dict[str, str]) -> dict[str, int]:
    return {
        word: sum(_BIT[reason] for reason in reasons)
        for word, reasons in _reasons_by_word(vocabularies).items()
    }


_WORD_BITS_BY_LANGUAGE: Final = {
    language: _word_bits(vocabularies)
    for language, vocabularies in reason_words.BY_LANGUAGE.items()
}
_WORD_BITS: Final = _WORD_BITS_BY_LANGUAGE["en"]
_REASON_MASK: Final = (1 << len(REASONS)) - 1
# The English word lists the score asks about, as flags right above the reason bits, so that one
# set intersection per sentence answers every "does it contain one of these words" question.
# With 22 reasons, flags and reasons fit in 30 bits: CPython keeps such an int in one machine
# digit, and "|" on it is cheaper than on a longer one.
# Each its own Final name, which compiled code reads as a constant, not from the module's dict.
_NUMBER_WORD: Final = 1 << (len(REASONS) + 0)
_MAGNITUDE: Final = 1 << (len(REASONS) + 1)
_MULTIPLE: Final = 1 << (len(REASONS) + 2)
_COUNT_WORD: Final = 1 << (len(REASONS) + 3)
_CURRENCY: Final = 1 << (len(REASONS) + 4)
_FIRST_PERSON_WORD: Final = 1 << (len(REASONS) + 5)
_THAN: Final = 1 << (len(REASONS) + 6)
_FINITE_VERB: Final = 1 << (len(REASONS) + 7)


def _token_bits() -> dict[bytes, int]:
    bits = {key(word): word_bits for word, word_bits in _WORD_BITS.items()}
    for flag, words in (
        (_NUMBER_WORD, _NUMBER_WORDS),
        (_MAGNITUDE, _MAGNITUDES),
        (_MULTIPLE, _MULTIPLES),
        (_COUNT_WORD, _COUNT_CONTEXT),
        (_CURRENCY, _CURRENCIES),
        (_FIRST_PERSON_WORD, _FIRST_PERSON),
        (_THAN, {b"than"}),
        (_FINITE_VERB, _FINITE_VERBS),
    ):
        for word in words:
            bits[word] = bits.get(word, 0) | flag
    return bits


_TOKEN_BITS: Final = _token_bits()
_TOKEN_WORDS: Final = frozenset(_TOKEN_BITS)


def _scan_values() -> dict[bytes, int]:
    """The words ascii_scan looks up: each with its bits as _TOKEN_BITS gives them and the parts
    it plays in the scan's tests of words in order."""
    values = dict(_TOKEN_BITS)
    for part, words in (
        (unit_words.NUMBER_WORD, _NUMBER_WORDS),
        (unit_words.COUNTED, _COUNTED),
        (unit_words.CASUALTY_VERB, _CASUALTY_VERBS),
        (unit_words.SHARE_WORD, {b"percent", b"per"}),
        (unit_words.COMPARATIVE, _COMPARATIVES),
        (unit_words.THAN, {b"than"}),
        (unit_words.FIRST_PERSON, _FIRST_PERSON),
        (unit_words.OWN_VIEW, {word for word in _FIRST_PERSON if word.endswith((b"ll", b"d"))}),
        (unit_words.FEELING_VERB, _FEELING_VERBS),
    ):
        for word in words:
            values[word] = values.get(word, 0) | part
    return values


# The same for ascii_scan: the words an ASCII text can hold (’ is never there) by their numbers,
# and the few too long for a number.
_SCAN_VALUES: Final = _scan_values()
_SCAN_CODES: Final = word_codes(
    {
        word.decode(): value
        for word, value in _SCAN_VALUES.items()
        if word.isascii() and b"\x01" not in word and len(word) <= CODED_LETTERS
    }
)
_LONG_SCAN_VALUES: Final = {
    word: value for word, value in _SCAN_VALUES.items() if len(word) > CODED_LETTERS
}


def score(
    text: str, *, attribution: str | None = None, section: str = "body", language: str = "en"
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in 0..1 and the words that explain it; deterministic and regex-only."""
    return _scored(_bits(text, attribution, section, language))


def scored(
    text: str, attribution: str | None, section: str, language: str, lower: str = ""
) -> tuple[float, tuple[str, ...]]:
    """score() with positional arguments, for the splitter's inner loop; lower is text.lower()
    when the caller has it already."""
    if language == "en":
        return _scored(_reason_bits(text, attribution, section, lower))
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


def _reason_bits(text: str, attribution: str | None, section: str, lower: str = "") -> int:
    """The reasons that apply to an English text, as bits (see _BIT); lower is text.lower()
    when the caller has it already."""
    lower = lower or text.lower()
    # On ASCII text the patterns compiled with re.ASCII find the same, without Unicode tables.
    # One walk over an ASCII text (ascii_scan) gives what its word lists say, how many words it
    # has, where the first digit is, whether a capital follows a space (which no name can go
    # without), and the year, count, comparison and first-person tests, without cutting out the
    # words or running a pattern. Where this module runs as plain Python, an ASCII text takes
    # the general steps below, which do the work in a few C calls rather than a Python loop.
    ascii = text.isascii()
    if ascii and COMPILED:
        flags, count, digit, marks = ascii_scan(text, _SCAN_CODES, _LONG_SCAN_VALUES)
        named = (
            marks & unit_words.CAPITAL_AFTER_SPACE != 0
            and _ASCII_PROPER_NAME.search(text) is not None
        )
    else:
        if ascii:
            # The text's bytes give the words and, translated into marks, where the first digit
            # is and whether a capital follows a space.
            data = text.encode()
            tokens = ascii_score_tokens(data, lower)
            digit_marks = data.translate(_MARKS)
            digit = digit_marks.find(b"0")
            named = digit_marks.find(b" A") != -1 and _ASCII_PROPER_NAME.search(text) is not None
        else:
            tokens = score_tokens(lower)
            found_digit = _DIGIT.search(text)
            digit = -1 if found_digit is None else found_digit.start()
            named = _PROPER_NAME.search(text) is not None
        # The words of the sentence that any word list knows: all the tests below ask for.
        known = _TOKEN_WORDS.intersection(tokens)
        flags = 0
        for word in known:
            flags |= _TOKEN_BITS[word]
        count = len(tokens) if ascii else len(tokens) + _cjk_words(text)
        # What ascii_scan finds besides the words, each asked only where it can be there.
        marks = 0
        if (
            (digit != -1 or flags & _NUMBER_WORD)
            and flags & _COUNT_WORD
            and _is_count(tokens, known)
        ):
            marks |= unit_words.COUNT
        if digit != -1 and (_ASCII_YEAR if ascii else _YEAR).search(text, digit):
            marks |= unit_words.YEAR
        if flags & _THAN and _compares(tokens):
            marks |= unit_words.COMPARISON
        if flags & _FIRST_PERSON_WORD and _first_person_view(tokens):
            marks |= unit_words.FIRST_PERSON_VIEW
    found = flags & _REASON_MASK
    if digit != -1 or flags & _NUMBER_WORD:
        counts = marks & unit_words.COUNT
        if counts:
            found |= _CASUALTY
        if counts or digit != -1 or flags & (_MAGNITUDE | _MULTIPLE):
            found |= _QUANTITY
        # ASCII text can hold only the dollar sign (and "Rs").
        if flags & _CURRENCY or (
            (("$" in text or "Rs" in text) if ascii else _has_currency_sign(text))
            and _MONEY_SIGN.search(text)
        ):
            found |= _MONEY
        if marks & unit_words.YEAR:
            found |= _DATE
    if "%" in text or "per cent" in lower:
        found |= _PERCENTAGE
    if "iest" in lower and _IEST.search(lower):
        found |= _SUPERLATIVE
    if marks & unit_words.COMPARISON:
        found |= _COMPARISON
    if (" to " in lower or " result" in lower) and _causal_phrase(lower):
        found |= _CAUSAL
    if attribution or "according to" in lower:
        found |= _ATTRIBUTED
    if named:
        found |= _NAMED
    if section == "headline":
        found |= _HEADLINE
    elif (
        count <= CONTEXT_LINE_WORDS
        and digit == -1
        and not flags & (_FINITE_VERB | _NUMBER_WORD)
        and not _SENTENCE_END.search(text)
    ):
        # A short line of its own (no full stop, question or exclamation mark at its end) with
        # no figure and no finite verb: a standfirst or subheading such as "Figures disputed by
        # opposition".
        found |= _CONTEXT_LINE
    if count >= LONG_WORDS:
        found |= _LONG
    if "?" in text and _QUESTION_END.search(text):
        found |= _QUESTION
    if "i think" in lower:
        found |= _OPINION
    if marks & unit_words.FIRST_PERSON_VIEW:
        found |= _FIRST_PERSON_VIEW
    if "going to" in lower:
        found |= _PREDICTION
    if " on " in lower and ("called on" in lower or "calls on" in lower or "calling on" in lower):
        found |= _CALL
    # A greeting's first word starts with one of _COURTESY_STARTS, unless something other than
    # a letter or digit comes before it: three characters settle most units.
    if (lower[:3] in _COURTESY_STARTS or not lower[:1].isalnum()) and _COURTESY.match(lower):
        found |= _COURTESY_BIT
    if count < SHORT_WORDS:
        found |= _SHORT
    return found


def _neutral_bits(text: str, attribution: str | None, section: str, language: str) -> int:
    """The reasons for a text in another language: the signals that need no words (figures, %,
    currency signs, years, quotations, attribution), and word lists where the language has them."""
    if _FULL_WIDTH.search(text):
        text = text.translate(_HALF_WIDTH)
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
        if _YEAR.search(text, digit.start()) or _CJK_YEAR.search(text, digit.start()):
            found |= _BIT["date or time"]
    if "%" in text or any(
        phrase in lower for phrase in reason_words.PERCENT_PHRASES.get(language, ())
    ):
        found |= _BIT["percentage"]
    if attribution:
        found |= _BIT["named source or attribution"]
    if section == "headline":
        found |= _BIT["headline (prominent)"]
    count = len(tokens) if text.isascii() else len(tokens) + _cjk_words(text)
    if count >= LONG_WORDS:
        found |= _BIT["long, detailed sentence"]
    if "?" in text and _QUESTION_END.search(text):
        found |= _BIT["question (lowers)"]
    if count < SHORT_WORDS:
        found |= _BIT["too short to check (lowers)"]
    return found


def _is_count(tokens: list[bytes], words: frozenset[bytes]) -> bool:
    """A number within three words before a counted noun, or just after "killed" and the like.
    A share ("61 percent of residents", "40% of homes") is a percentage, not a count.

    Counted nouns and those verbs are rarer than tokens, so the search starts from them."""
    for word in words & _COUNTED:
        position = -1
        for _ in range(tokens.count(word)):
            position = tokens.index(word, position + 1)
            if _counts_in(tokens, max(position - 4, 0), position):
                return True
    for word in words & _CASUALTY_VERBS:
        position = -1
        for _ in range(tokens.count(word)):
            position = tokens.index(word, position + 1)
            if _counts_in(tokens, position + 1, min(position + 4, len(tokens))):
                return True
    return False


def _counts_in(tokens: list[bytes], start: int, end: int) -> bool:
    """Whether a token from start to end is a number (digits or a number word) that is not a
    share: "40%", "40 percent", "40 per cent"."""
    for i in range(start, end):
        token = tokens[i]
        if (0x30 <= token[0] <= 0x39 or token in _NUMBER_WORDS) and not (
            token.endswith(b"%") or tokens[i + 1 : i + 2] in _SHARE_NEXT
        ):
            return True
    return False


# What the token after a number is when the number is a share.
_SHARE_NEXT: Final = ([b"percent"], [b"per"], [b"%"])


def _has_currency_sign(text: str) -> bool:
    return "$" in text or "€" in text or "£" in text or "¥" in text or "₹" in text or "Rs" in text


def _causal_phrase(lower: str) -> bool:
    return (
        " led to " in lower
        or " leads to " in lower
        or " due to " in lower
        or " as a result" in lower
        or " resulted in " in lower
    )


def _compares(tokens: list[bytes]) -> bool:
    """ "more than", "higher than", "bigger than" and other comparisons with "than".

    list.index finds each "than" faster than a loop over every token."""
    position = -1
    for _ in range(tokens.count(b"than")):
        position = tokens.index(b"than", position + 1)
        if position and (
            tokens[position - 1] in _COMPARATIVES or tokens[position - 1].endswith(b"er")
        ):
            return True
    return False


def _first_person_view(tokens: list[bytes]) -> bool:
    """ "I think", "we want", "I'm going to", "I'll": the speaker's own view or intention."""
    for i, token in enumerate(tokens):
        if token in _FIRST_PERSON:
            if token.endswith((b"ll", b"d")):
                return True
            if i + 1 < len(tokens) and tokens[i + 1] in _FEELING_VERBS:
                return True
    return False
