"""English numbers written in words, read as digits: "four hundred nurses" is "400 nurses", so
that a figure written one way is compared with the same figure written the other."""

import re
from fractions import Fraction

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
_BETWEEN = re.compile(
    r"\bbetween\s+(?:(?:about|around|roughly|some|approximately|nearly|almost|an estimated)\s+)?\Z",
    re.IGNORECASE,
)
# A number starts with one of these ("hundred" and the scales go on one).
_STARTS = frozenset(_SMALL) | frozenset(_TENS) | {"a", "an"}
# Number words joined by spaces, hyphens or "and" ("one hundred and twenty-five"), after "a" when
# a hundred or a scale comes first ("a million"). Which of them make one number is read below.
# "Half a million" and "a quarter of a million" are not "a million" (they are read below).
_RUN = re.compile(
    rf"\b(?:(?<!half )(?<!of )an?\s+(?=(?:hundred|{'|'.join(_SCALES)})\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)


# A share left after a number, with no scale to read it with ("two and a half", "a hundred and
# a half"): the number is left as words, not read as the whole alone.
_SHARE_AFTER = re.compile(r"\s+and\s+an?\s+(?:half|quarter|third)\b", re.IGNORECASE)

_SCALE_WORD = "|".join(_SCALES)
_SHARE = r"half|(?:a|one)[\s-]+quarter|three[\s-]+quarters"
# A half or quarters of a scale: "half a million", "a quarter of a billion", "three-quarters of
# a million", and as American English says them, "a quarter million", "a half-million". Thirds
# too ("a third of a million", "two-thirds of a billion"), which a figure rounds ("333,000"):
# they are written as the nearest whole number with "≈" before it, for a figure near it.
_THIRD = r"(?:a|one)[\s-]+third|two[\s-]+thirds"
_SHARE_OF_A_SCALE = re.compile(
    rf"\b(?:(?P<share>half|(?:{_SHARE}|{_THIRD})[\s-]+of)[\s-]+an?"
    rf"|(?P<share_before>an?[\s-]+(?:half|quarter)))[\s-]+(?P<scale>{_SCALE_WORD})\b",
    re.IGNORECASE,
)
#: Before a figure that writes a number only nearly ("a third of a million" as "≈333333", as
#: comments here show it): a noncharacter, which no text has, so a "≈" a reporter typed before a
#: figure ("≈5 million") is no mark of ours.
ABOUT = "\ufdd0"
#: Before a figure read from number words, where in_digits is asked to mark them: a
#: noncharacter too. A year said as one ("twenty twenty-four") is not marked.
IN_WORDS = "\ufdd1"
# A whole number and a share of a scale: "two and a half million", "1 and a quarter billion",
# "a million and a half".
# At most six words ("one hundred and twenty-five", "one thousand two hundred and fifty"): read
# from every word of a long run of number words, an unbounded whole would take time growing with
# the square of the run. "And" joins its words only after "hundred" or "thousand": "between one
# and two and a half million" is one, and two and a half million.
_WHOLE = (
    rf"\d+|(?:an?\s+(?=hundred|thousand))?(?:{_NUMBER_WORD})"
    rf"(?:(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|\s+|-)(?:{_NUMBER_WORD})){{0,5}}|an?"
)
# The lower end of a range takes the scale of the upper ("between two and a half and three and a
# half million").
_SHARE_RANGE_SCALE = (
    rf"(?=[\s-]+(?:and|to|or)[\s-]+(?:{_WHOLE})[\s-]+and[\s-]+(?:an?[\s-]+)?(?:{_SHARE})[\s-]+"
    rf"(?P<range_scale>{_SCALE_WORD})\b)"
)
_WHOLE_AND_SHARE = re.compile(
    rf"\b(?<!-)(?:(?P<whole>{_WHOLE})[\s-]+and[\s-]+(?:an?[\s-]+)?(?P<share>{_SHARE})"
    rf"(?:[\s-]+(?P<scale>{_SCALE_WORD})|{_SHARE_RANGE_SCALE})"
    rf"|(?<!half )(?<!of )(?P<whole_first>{_WHOLE})\s+(?P<scale_first>{_SCALE_WORD})\s+and\s+"
    rf"(?:an?\s+)?(?P<share_after>{_SHARE}))\b",
    re.IGNORECASE,
)
_SHARES = {
    "half": Fraction(1, 2),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(3, 4),
    "third": Fraction(1, 3),
    "thirds": Fraction(2, 3),
}


# A year said as two numbers: "nineteen ninety-nine", "twenty twenty-four", "twenty ten" (two
# numbers side by side in words are written so only as a year), or as "two thousand and twenty",
# which may also count things ("two thousand and twenty people"), as 2020 in digits may. After a
# word of when, also "two thousand" and hundreds ("in the year two thousand", "since nineteen
# hundred", "in fourteen hundred and ninety-two"), which elsewhere count ("twelve hundred homes").
_ONES = "|".join(_SMALL[1:10])
_LAST_TWO = rf"(?:{'|'.join(_SMALL[10:])})|(?:{'|'.join(_TENS)})(?:[\s-]+(?:{_ONES}))?"
# Nor a part of a bigger number: "nineteen hundred and fifty thousand".
_NO_AND_MORE = rf"\b(?!\s+and\s+(?:{_NUMBER_WORD})\b)"
_YEAR_IN_WORDS = re.compile(
    rf"\b(?:(?P<century>nineteen|twenty)[\s-]+(?P<year>{_LAST_TWO})"
    rf"|two thousand(?:(?:\s+and)?[\s-]+(?P<in_2000s>{_LAST_TWO}|{_ONES}))?{_NO_AND_MORE}"
    rf"|(?P<hundreds>{'|'.join(_SMALL[11:20])})[\s-]+hundred"
    rf"(?:(?:\s+and)?[\s-]+(?P<in_century>{_LAST_TWO}|{_ONES}))?{_NO_AND_MORE})"
    # Not a count of things said with a number before them: "twenty fifteen-year-olds".
    rf"\b(?![\s-]+(?:{_NUMBER_WORD})\b)(?!-\w)",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(rf"\b(?:{_NUMBER_WORD}|and)[\s-]+\Z", re.IGNORECASE)
_WHEN_BEFORE = re.compile(r"\b(?:in|since|by|until|till|before|after|from|of|year)\s+\Z", re.I)


def in_digits(text: str, mark: str = "") -> str:
    """`text` with each number written in English words written in digits ("twenty-five" is
    "25", "a million" "1000000", "half a million" "500000", "two and a half million"
    "2500000", "a third of a million" "≈333333" (nearly), "twenty twenty-four" "2024", "two and
    three" "2 and 3"); other words as they were. `mark` goes before each figure read from
    words, but a year said as one."""
    with_shares = _SHARE_OF_A_SCALE.sub(
        lambda found: mark + _share(found),
        _WHOLE_AND_SHARE.sub(lambda found: _whole_and_share(found, mark), text),
    )
    return _RUN.sub(
        lambda run: _unless_a_share_follows(run, mark), _YEAR_IN_WORDS.sub(_year, with_shares)
    )


def _year(found: re.Match) -> str:
    said = found.group()
    if found.group("hundreds"):
        century, last_two = _VALUES[found.group("hundreds").lower()] * 100, found["in_century"]
    elif found.group("century"):
        century, last_two = _VALUES[found.group("century").lower()] * 100, found["year"]
    else:
        century, last_two = 2000, found["in_2000s"]
    if (found.group("hundreds") or not last_two) and not _WHEN_BEFORE.search(
        found.string, max(0, found.start() - 8), found.start()
    ):
        return said  # "twelve hundred homes", "two thousand people": numbers, read as such
    if not found.group("century") and _NUMBER_BEFORE.search(
        found.string, max(0, found.start() - 12), found.start()
    ):
        return said  # "ninety-two thousand and one", "a hundred and two thousand and five"
    words = re.split(r"[\s-]+", last_two.lower()) if last_two else []
    return str(century + sum(_VALUES[word] for word in words))


def _share_of(written: str) -> Fraction:
    """The part of one that a share is ("half", "a quarter", "three quarters of")."""
    words = written.lower().replace("-", " ").split()
    return _SHARES["half" if "half" in words else words[1]]


def _share(found: re.Match) -> str:
    share = _share_of(found.group("share") or found.group("share_before"))
    value = _SCALES[found.group("scale").lower()] * share
    return str(value) if value.denominator == 1 else ABOUT + str(round(value))


def _whole_and_share(found: re.Match, mark: str) -> str:
    whole, share, scale = (
        (found["whole"], found["share"], found["scale"] or found["range_scale"])
        if found.group("whole")
        else found.group("whole_first", "share_after", "scale_first")
    )
    whole_digits = _RUN.sub(_read, whole) if whole.lower() not in ("a", "an") else "1"
    if not whole_digits.isdigit():
        return found.group()
    return mark + str(round((int(whole_digits) + _share_of(share)) * _SCALES[scale.lower()]))


def _unless_a_share_follows(run: re.Match, mark: str) -> str:
    if _SHARE_AFTER.match(run.string, run.end()):
        return run.group()
    return _read(run, mark)


def _read(run: re.Match, mark: str = "") -> str:
    """The run of number words with each number it writes in digits, `mark` before each."""
    written = run.group()
    tokens = list(_TOKEN.finditer(written))
    # "Between five hundred and one thousand": the run's first number may be a range's two ends.
    after_between = _BETWEEN.search(run.string, max(0, run.start() - 30), run.start()) is not None
    pieces: list[str] = []
    done = 0  # how much of the run is written out already
    number: _Number | None = None

    def written_out(number: _Number) -> int:
        """Writes the number out after what is before it; returns where it ends in the run."""
        pieces.extend((written[done : number.start], mark + str(number.value)))
        return number.end

    at = 0
    while at < len(tokens):
        token = tokens[at]
        word = token.group().lower()
        at += 1
        if number is not None and number.takes(word):
            number.add(word, token.end(), at)
            if not number.two_numbers():
                continue
            at = number.back_to_the_and()
            done = written_out(number)
            number = None
            continue
        if number is not None:
            again = number.joined is not None and (word == "hundred" or word in _SCALES)
            if again:
                # "One thousand and two thousand" is two numbers: a hundred or a scale that
                # the words after an "and" cannot take says the "and" joined two numbers. The
                # number ends before it, and the words after it are read again (a few at most:
                # what an "and" adds is below the scale before it).
                at = number.back_to_the_and()
            done = written_out(number)
            number = None
            if again:
                continue
        if word in _STARTS:
            number = _Number(token.start(), ends_of_a_range=after_between and not pieces)
            number.add(word, token.end(), at)
    if number is not None:
        done = written_out(number)
    return "".join(pieces) + written[done:]


class _Number:
    """A number being read word by word: what the scales read so far add up to (`total`), the
    hundreds, tens and ones before the next scale (`group`) and the word read last; and, after
    an "and" that may join two numbers instead ("one thousand and two thousand"), what was read
    before it (`joined`) and the hundred or scale said right before the "and" (`below`)."""

    def __init__(self, start: int, ends_of_a_range: bool = False):
        self.start = self.end = start
        self.ends_of_a_range = ends_of_a_range
        self.total = self.group = 0
        self.last = ""
        self.scale = 10**15  # each scale is below the one before ("a million two thousand")
        # Before the last "and": the end, the total and group, and the token after the "and".
        self.joined: tuple[int, int, int, int] | None = None
        self.below = 0

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

    def add(self, word: str, end: int, after: int) -> None:
        """Read `word`, which ends at `end` in the run, the token before the `after`th."""
        if word == "and" and self.joined is None:
            # The first "and" stays the one to go back to: the words after it may have an "and"
            # of their own ("one hundred thousand and one hundred and fifty thousand").
            self.joined = (self.end, self.total, self.group, after)
            self.below = 100 if self.last == "hundred" else _SCALES[self.last]
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

    def two_numbers(self) -> bool:
        """Whether the words after the last "and", with the word just read, make a second
        number, not a part of this one. "And" adds to a number only what is below the hundred or
        scale before it ("a thousand and one", "two thousand and five hundred", "three million
        and twenty thousand"); what is as large or larger is another number ("a thousand and
        fifteen hundred", "one hundred thousand and two hundred thousand").

        After "hundred and", a scale may scale the whole group ("one hundred and twenty
        thousand" is 120,000; "two hundred and one thousand votes" 201,000) or only the words
        after the "and" ("between five hundred and one thousand"). It is the latter's only after
        "between", and where the words after the "and" with that scale are no more than ten
        times what came before it, as two ends of one range are: 500 and 1,000 are, 100 and
        20,000 are too far apart."""
        if self.joined is None or self.last == "and":
            return False
        _, total, group, _ = self.joined
        before = total + group
        if self.below > 100:
            return self.value - before >= self.below
        if self.last not in _SCALES:
            return False
        # The scale after "hundred and" decides: the "and" is settled either way.
        after = (self.value - total) - group * _SCALES[self.last]
        if self.ends_of_a_range and before <= after <= 10 * before:
            return True
        self.joined = None
        return False

    def back_to_the_and(self) -> int:
        """The number as it was before its last "and"; returns the token after the "and"."""
        assert self.joined is not None
        self.end, self.total, self.group, after = self.joined
        self.joined = None
        return after
