"""English numbers written in words, read as digits: "four hundred nurses" is "400 nurses", so
that a figure written one way is compared with the same figure written the other."""

import re

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_VALUES = {
    **{word: value for value, word in enumerate(_SMALL)},
    **{word: 10 * value for value, word in enumerate(_TENS, 2)},
    "hundred": 100,
    **_SCALES,
}
_NUMBER_WORD = "|".join(_VALUES)
# A number starts with one of these ("hundred" and the scales go on one).
_STARTS = frozenset(_SMALL) | frozenset(_TENS) | {"a", "an"}
# Number words joined by spaces, hyphens or "and" ("one hundred and twenty-five"), after "a" when
# a hundred or a scale comes first ("a million"). Which of them make one number is read below.
# "Half a million" and "a quarter of a million" are left as words: not "a million".
_RUN = re.compile(
    rf"\b(?:(?<!half )(?<!of )an?\s+(?=(?:hundred|{'|'.join(_SCALES)})\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)


# "A million and a half": a share follows, which is not read, so neither is the number.
_SHARE_AFTER = re.compile(r"\s+and\s+an?\s+(?:half|quarter|third)\b", re.IGNORECASE)


# A half or quarters of a scale: "half a million", "a quarter of a billion", "three-quarters of
# a million" (thirds are left: no figure writes them exactly).
_SHARE_OF_A_SCALE = re.compile(
    r"\b(?P<share>half|(?:a|one)[\s-]+quarter\s+of|three[\s-]+quarters\s+of)[\s-]+an?[\s-]+"
    rf"(?P<scale>{'|'.join(_SCALES)})\b",
    re.IGNORECASE,
)
_SHARES = {"half": (1, 2), "quarter": (1, 4), "quarters": (3, 4)}


def in_digits(text: str) -> str:
    """`text` with each number written in English words written in digits ("twenty-five" is
    "25", "a million" "1000000", "half a million" "500000", "two and three" "2 and 3"); other
    words as they were."""
    return _RUN.sub(_unless_a_share_follows, _SHARE_OF_A_SCALE.sub(_share, text))


def _share(found: re.Match) -> str:
    share = found.group("share").lower().replace("-", " ").split()
    times, parts = _SHARES[share[0] if share[0] == "half" else share[1]]
    return str(_SCALES[found.group("scale").lower()] * times // parts)


def _unless_a_share_follows(run: re.Match) -> str:
    if _SHARE_AFTER.match(run.string, run.end()):
        return run.group()
    return _read(run)


def _read(run: re.Match) -> str:
    """The run of number words with each number it writes in digits."""
    written = run.group()
    pieces: list[str] = []
    done = 0  # how much of the run is written out already
    number: _Number | None = None
    for token in _TOKEN.finditer(written):
        word = token.group().lower()
        if number is not None and number.takes(word):
            number.add(word, token.end())
            continue
        if number is not None:
            pieces += [written[done : number.start], str(number.value)]
            done = number.end
            number = None
        if word in _STARTS:
            number = _Number(token.start())
            number.add(word, token.end())
    if number is not None:
        pieces += [written[done : number.start], str(number.value)]
        done = number.end
    return "".join(pieces) + written[done:]


class _Number:
    """A number being read word by word: what the scales read so far add up to (`total`), the
    hundreds, tens and ones before the next scale (`group`) and the word read last."""

    def __init__(self, start: int):
        self.start = self.end = start
        self.total = self.group = 0
        self.last = ""
        self.scale = 10**15  # each scale is below the one before ("a million two thousand")

    @property
    def value(self) -> int:
        return self.total + self.group

    def takes(self, word: str) -> bool:
        """Whether `word` goes on this number ("five" after "twenty", not after "two")."""
        last = self.last
        if word == "and":
            return last == "hundred" or last in _SCALES
        if last in ("a", "an"):
            return word == "hundred" or word in _SCALES
        if word == "hundred":
            return 0 < self.group < 100 and last != "hundred" and last not in _SCALES
        if word in _SCALES:
            return self.group > 0 and _SCALES[word] < self.scale
        ones = self.group % 100
        if word in _TENS:
            return ones == 0 and last in ("hundred", "and", *_SCALES)
        if last in _TENS:
            return 0 < _VALUES[word] < 10
        return ones == 0 and last in ("hundred", "and", *_SCALES) and word != "zero"

    def add(self, word: str, end: int) -> None:
        if word in ("a", "an"):
            self.group = 1
        elif word == "hundred":
            self.group *= 100
        elif word in _SCALES:
            self.total += self.group * _SCALES[word]
            self.group = 0
            self.scale = _SCALES[word]
        elif word != "and":
            self.group += _VALUES[word]
        self.last = word
        if word != "and":
            self.end = end
