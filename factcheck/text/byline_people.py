"""The people a page's byline names, from the author its metadata gives: without the job titles,
desks, agencies, labels and dates that metadata runs into the names."""

import re
from typing import Final

# Words for a writer's job, which end a title after a name ("News reporter", "AP Auto Writer").
_JOB_WORDS: Final = frozenset(
    """
    reporter reporters writer writers correspondent correspondents editor editors editorial
    columnist contributor contributors journalist journalists producer photographer staff
    reports reporting
    """.split()
)
# Words for a body rather than a person, which end its name ("Associated Press", "NJ Advance
# Media", "News Nation Bureau", "HNN Staff").
_BODY_WORDS: Final = frozenset(
    """
    press media news bureau desk team agency service services network wire staff reports
    newsroom
    """.split()
)
# Labels before the names ("Text: ...", "Words by ...").
_LABELS: Final = frozenset(
    "by words text story reporting report von por par door di текст автор".split()
)
_MONTHS: Final = frozenset(
    """
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)


def byline_people(author: str | None, publisher: str | None = None) -> str | None:
    """The names of the people among the parts of `author` (parted by ";" as trafilatura gives
    them), in capitals and small letters where all were capitals, parted by "; "; None when
    none is a person's ("Staff Reports", "Associated Press", the publisher itself)."""
    if not author:
        return None
    people = []
    for place, part in enumerate(author.split(";")):
        name = _person(part.split(), publisher, first=place == 0)
        if name:
            people.append(name)
    return "; ".join(people) or None


def _person(words: list[str], publisher: str | None, *, first: bool) -> str | None:
    while words and words[0].lower().rstrip(":") in _LABELS:
        words = words[1:]
    while words and (words[-1].lower().strip(".,") in _MONTHS or words[-1][:1].isdigit()):
        words = words[:-1]
    shouting = _leading_capitals(words)
    if 2 <= len(shouting) < len(words):
        words = shouting  # "ERIC TUCKER Associated Press"
    if not words or _names_a_body(words, publisher):
        return None
    if words[-1].lower() in _JOB_WORDS:
        if not first:
            return None  # "Tom Krisher; AP Auto Writer": the title of the name before
        while words and words[-1].lower() in _JOB_WORDS | _BODY_WORDS:
            words = words[:-1]  # "Tom Gillespie News reporter"
    if not words or not _written_as_a_name(words):
        return None
    name = " ".join(words)
    return name.title() if name.isupper() and len(words) > 1 else name


# Small words inside a person's name ("Abigail van Buren", "Ursula von der Leyen"), and between
# two people's ("Jo Ames and Li Wei").
_PARTICLES: Final = frozenset(
    "de da di del della der den van von la le du dos das bin al ten ter and & und y et e".split()
)


def _written_as_a_name(words: list[str]) -> bool:
    """Whether every word starts as a name does: with a capital (or a letter with no small
    form), but for the particles names hold; "Syrian defense ministries" is no one's name."""
    return any(character.isalpha() for character in "".join(words)) and all(
        not word[:1].islower() or word in _PARTICLES for word in words
    )


def _leading_capitals(words: list[str]) -> list[str]:
    """The words at the start written all in capitals ("ERIC", "TUCKER")."""
    run = []
    for word in words:
        if not (word.isupper() and len(word) > 1):
            break
        run.append(word)
    return run


def _names_a_body(words: list[str], publisher: str | None) -> bool:
    """Whether the words name an organisation, not a person: "The ...", a body's word at the end
    ("Associated Press", "HNN Staff"), an acronym alone ("CNN"), or the publisher's own name."""
    text = " ".join(words)
    if words[0].lower() == "the" or words[-1].lower() in _BODY_WORDS:
        return True
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", text):
        return True
    return publisher is not None and text.lower() in publisher.lower()
