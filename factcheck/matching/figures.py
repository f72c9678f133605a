"""What a text's figures count and whether two texts give one thing other figures: the checks
that hold back an earlier fact-check of another figure ("4 percent" and "40 percent", "$4bn" and
"$4m", "in 2024" and "in 2023") from being offered as sure."""

import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation

from factcheck.matching.number_words import ABOUT, IN_WORDS, in_digits
from factcheck.matching.text import without_sign_off

# What a text counts, by what it counts, and the values of its figures that count nothing named.
Counts = tuple[dict[str, set[str]], set[str]]


# A figure with what it counts: the word after it ("percent", "vehicles") or the currency before
# it, and the word that scales it ("million", "bn"). A figure right after a capitalised word is a
# name's ("COVID-19", "Title 42", "Boeing 737"), which counts nothing. A figure read from
# number words has IN_WORDS before it.
_COUNTED = re.compile(
    rf"(?P<currency>[$£€¥₹])?\s?(?P<in_words>{IN_WORDS})?(?P<about>{ABOUT}\s?)?"
    r"(?P<figure>\d+(?:[.,]\d+)*)"
    r"(?:\s*(?P<scale>(?i:hundred|thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn)\b)"
    r"|(?P<short_scale>(?i:k|m)\b))?"
    r"(?:\s*(?P<word>%|[^\W\d_]+))?"
)
_SCALES = {
    word: scale
    for words, scale in (
        ("hundred", 10**2),
        ("thousand k", 10**3),
        ("million m mn mln", 10**6),
        ("billion bn bln", 10**9),
        ("trillion tn trn", 10**12),
    )
    for word in words.split()
}
#: What a figure with a scale word counts, whatever follows: "4 billion" is an amount, as "4
#: million" is, and the two are other figures for it. So is an amount of a million or more
#: written out ("4,000,000,000 dollars", or "four billion dollars" read as digits).
_SCALED = "×"
_WRITTEN_OUT_SCALE = 10**6
#: What a year counts, named so that no word after a figure ("in 1 year") is taken for it: a
#: figure of four digits counting nothing named ("in 2024.", "since 2019 the") or after a month
#: ("March 2024 unemployment"). After a word of when, one counting a word may be either: it
#: counts both ("In 2023 inflation hit 10%" against "... in 2022"; "by 1200 percent" against "by
#: 500 percent"). A number in words is no year ("between one thousand and two thousand people"
#: says no year 1000), but one said as a year is ("in twenty twenty-four").
_YEAR = "calendar year"
_YEAR_FIGURE = re.compile(r"1\d{3}|20\d{2}")
_MONTH_BEFORE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+$",
    re.IGNORECASE,
)
_WHEN_BEFORE = re.compile(r"\b(?:in|since|until|till|during|by|before|after)\s+$", re.IGNORECASE)
# "4m" is a length, not millions, when it is "high", "long" or the like ("a 4m-long crocodile"),
# or a race's ("the 100m final"). Only the "m" of metres: "4M" is millions. Not before any other
# word: "a 4m wall" and "a 4m fine" read alike, and money is the likelier.
_LENGTH_AFTER = re.compile(
    r"[\s-]+(?:high|long|tall|wide|deep|thick|away|apart|across|final|heats?|sprint|race"
    r"|hurdles|relay|freestyle|butterfly|backstroke|breaststroke)\b",
    re.IGNORECASE,
)
# A capitalised word joined to the figure after it, or before it inside a sentence.
_NAME_BEFORE = re.compile(r"(?P<head>.*?)[A-Z]\w*(?P<join>-|\s)$", re.DOTALL)
_PERCENT = re.compile(r"\s*(?:per\s?cent|percent|pct)\b", re.IGNORECASE)
# Thousands parted by a space ("50 000", a no-break or thin space too): one figure.
_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
# A decimal written without its zero (".4 percent").
_LEADING_POINT = re.compile(r"(?<![\w.,])\.(?=\d)")
# Words after a figure that say nothing of what it counts: "in 2019 the", "3 and 4".
_NOT_COUNTED = frozenset(
    "a an and the of in on at to for by from with as or is are was were be than that this it"
    " per".split()
)


def counted(text: str) -> Counts:
    """The values the text gives each thing it counts, by what it counts ({"%": {"4"}} for "4
    percent", {"$": {"18500000"}, "×": {"18500000"}} for "$18.5 million" or "$18.5m",
    {"vehicles": {"50000"}}, {"calendar year": {"2024"}} for "in March 2024"), and the values
    of its figures that count nothing named ("52 to 48 votes": 52). Numbers written in words
    count as their figures ("four hundred nurses")."""
    counted: dict[str, set[str]] = {}
    loose: set[str] = set()
    plain = _PERCENT.sub(
        "%",
        _SPACED_THOUSANDS.sub(
            "", _LEADING_POINT.sub("0.", in_digits(without_sign_off(text), IN_WORDS))
        ),
    )
    for found in _COUNTED.finditer(plain):
        start, figure = found.start("figure"), found.group("figure")
        year = not found.group("in_words") and _YEAR_FIGURE.fullmatch(figure) is not None
        # "March 2024" is a date and "Iran 150 billion" an amount, not a name's number.
        dated = year and _MONTH_BEFORE.search(plain, max(0, start - 40), start) is not None
        scale = (found.group("scale") or found.group("short_scale") or "").lower()
        what = (found.group("word") or "").lower()
        if what in _NOT_COUNTED:
            what = ""
        if (
            found.group("short_scale") == "m"
            and not found.group("currency")
            and _is_length(plain, found)
        ):
            scale, what = "", "metres"
        # A name's number in words ("Title forty-two") starts at its mark.
        named_at = found.start("in_words") if found.group("in_words") else start
        if not (dated or scale) and _names_number(plain, named_at):
            continue
        values = {value for group in figures_by_digits(figure).values() for value in group}
        about = ABOUT if found.group("about") else ""
        if found.group("currency"):
            what = found.group("currency") + what
        if year and what and _WHEN_BEFORE.search(plain, max(0, start - 10), start):
            counted.setdefault(_YEAR, set()).update(values)
        if scale:
            values = {_scaled(value, _SCALES[scale]) for value in values}
        scaled = bool(scale) or (
            not dated and any((_amount(value) or 0) >= _WRITTEN_OUT_SCALE for value in values)
        )
        values = {about + value for value in values}
        if scaled:
            counted.setdefault(_SCALED, set()).update(values)
        elif dated or (year and not what):
            what = _YEAR
        if what:
            counted.setdefault(what, set()).update(values)
        elif not scale:
            loose.update(values)
    return counted, loose


def _is_length(text: str, found: re.Match) -> bool:
    """Whether the figure `found` with an "m" after it is a length in metres ("4m high", "a
    4m-long crocodile", "the 100m final"), not millions."""
    return _LENGTH_AFTER.match(text, found.end("short_scale")) is not None


def _scaled(value: str, scale: int) -> str:
    """A figure's value times its scale, as figures_by_digits writes values ("2.5" and a million:
    "2500000"); a value that is no number ("1.2.3", a version) as it is."""
    amount = _amount(value)
    return value if amount is None else format((amount * scale).normalize(), "f")


def _amount(value: str) -> Decimal | None:
    """A figure's value as a number, or None for one with points between several groups of
    digits ("1.2.3"), as a version or a date is written."""
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _names_number(text: str, start: int) -> bool:
    """Whether the figure at `start` is a name's number: after a capitalised word and a hyphen
    ("COVID-19"), or a space inside a sentence ("under Title 42"; not "About 32,000 ...")."""
    before = _NAME_BEFORE.match(text, max(0, start - 40), start)
    if before is None:
        return False
    if before.group("join") == "-":
        return True
    head = before.group("head").rstrip()
    return bool(head) and head[-1] not in '.!?:;"“”'


def counts_differ(counts: Counts, claim: str) -> bool:
    """Whether a text (its `counts`) and the claim count one thing with other figures: none in
    common, and neither text's figures for it written in the other as a figure that counts
    nothing named ("4 percent" and "40 percent", "12 percent in 12 months" and "10 percent in 12
    months", "$4bn" and "$4m", "in 2024" and "in 2023"; not "52 to 48 votes" and "52 votes to
    48", nor "COVID-19 deaths reached 1,000" and "1,000 deaths from COVID-19")."""
    ours, our_loose = counts
    theirs, their_loose = counted(claim)
    return any(
        not _meet(values, theirs[what])
        and not _all_meet(values, their_loose)
        and not _all_meet(theirs[what], our_loose)
        for what, values in ours.items()
        if what in theirs
    )


#: How far a figure written only nearly ("≈333333" as shown here, from "a third of a million")
#: may be from another figure that writes the same number ("333,000", "330,000"): a part of it.
NEARLY = Decimal("0.02")


def _meet(ours: set[str], theirs: set[str]) -> bool:
    """Whether two sets of values share one, or one written only nearly is near one of the
    others ("≈333333" and "333000")."""
    if not ours.isdisjoint(theirs):
        return True
    if not any(value.startswith(ABOUT) for value in (*ours, *theirs)):
        return False
    return _near(ours, theirs) or _near(theirs, ours)


def _all_meet(ours: set[str], theirs: set[str]) -> bool:
    """Whether each of our values is one of theirs, or near one ("≈333333" and a loose "330000"
    in "330,000 of the 2 million people")."""
    return ours <= theirs or all(_meet({value}, theirs) for value in ours)


def _near(nearly: set[str], others: set[str]) -> bool:
    """Whether a value of `nearly` written only nearly is within NEARLY of one of `others`."""
    amounts = sorted(a for a in map(_amount, (v.removeprefix(ABOUT) for v in others)) if a)
    for value in nearly:
        amount = _amount(value.removeprefix(ABOUT)) if value.startswith(ABOUT) else None
        if amount:
            at = bisect_left(amounts, amount * (1 - NEARLY))
            if at < len(amounts) and amounts[at] <= amount * (1 + NEARLY):
                return True
    return False


# A figure as written: digits, with points or commas between them.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# Thousands written with separators: "1,500", "1.500.000" (not "0.125").
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")


def figures_by_digits(text: str) -> dict[str, set[str]]:
    """The text's figures by their digits alone (leading zeros dropped), each with the values it
    is written as: "3,1" (a decimal comma) and "3.10" are "3.1", "1,500" is "1500",
    and "3.1" and "31" share the digits "31" ("3.50" is under "350" too)."""
    found: dict[str, set[str]] = {}
    for written in _FIGURE.findall(text):
        if _GROUPED.fullmatch(written):
            value = written.replace(",", "").replace(".", "")
        else:
            value = written.replace(",", ".")
            if "." in value:
                value = value.rstrip("0").rstrip(".")
        value = value.lstrip("0") or "0"
        # A decimal's trailing zeros are gone above ("3.50" is "3.5", as "35" writes its
        # digits); a whole number keeps its own ("25K" and "25,000" are no point moved).
        digits = value.replace(".", "").lstrip("0") or "0"
        found.setdefault(digits, set()).add(value)
        # "$3.50" is also the digits of "$350" with its point moved, as "3.5" is of "35".
        as_written = re.sub(r"\D", "", written).lstrip("0") or "0"
        if as_written != digits:
            found.setdefault(as_written, set()).add(value)
    return found


def point_moved(figures: dict[str, set[str]], claimed: dict[str, set[str]]) -> bool:
    """Whether the two texts write one figure's digits only in other ways ("3.1" and "31",
    "0.31" and "3.1", "$3.50" and "$35"); a text that also writes it as the other
    does ("COVID-19" and "1.9%" in both) is no such pair."""
    return any(
        digits in claimed and not values & claimed[digits] for digits, values in figures.items()
    )
