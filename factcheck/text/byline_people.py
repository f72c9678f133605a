"""The people a page's byline names, from the author its metadata gives: without the job titles,
desks, agencies, labels and dates that metadata runs into the names."""

import re
from typing import Final

from factcheck.text.attribution import LOWER, UPPER
from factcheck.text.boilerplate import OTHER_MONTHS, OTHER_STAMP_WORDS, OTHER_WEEKDAYS

# Words for a writer's job, which end a title after a name ("News reporter", "AP Auto Writer").
_JOB_WORDS: Final = frozenset(
    """
    reporter reporters writer writers correspondent correspondents editor editors editorial
    columnist contributor contributors journalist journalists producer photographer staff
    reports reporting 記者 记者 기자
    """.split()
)
# Words before the names that say what the piece is or who the writer is ("Staff writer Jane
# Doe", "Opinion by Jane Doe", "Analysis: ...").
_LEADING_WORDS: Final = _JOB_WORDS | frozenset(
    "opinion analysis commentary review interview senior chief special guest our".split()
)
# A label as it starts a byline in another language, capitalised there ("Von Thomas Müller"):
# taken for the label only before a whole name, so "Di Maria" is a name.
_NAME_LABELS: Final = frozenset("von por par door di".split())
# Words after the names that say when ("Updated March 3, 2024").
_WHEN_WORDS: Final = frozenset("updated published posted modified".split())
# Words of a time after a figure ("5:30 PM EST", "10:02 a.m.", "3 hours ago"), and "Last" or
# "First" (German "Zuletzt") before the word saying when.
_CLOCK_WORDS: Final = frozenset(
    """
    am pm a.m p.m a.m. p.m. est edt et cst cdt ct mst mdt mt pst pdt pt gmt utc bst ist cet
    cest aest jst hrs hours hour mins minutes minute days day weeks week ago
    """.split()
)
_BEFORE_WHEN: Final = frozenset("last first zuletzt".split())
# The same in other languages ("Par Jean Dupont Publié le 3 mars 2024 à 14h05", "Von Anna Schmidt
# Aktualisiert am 3. März 2024"): their words saying when, months, and the small words between
# the parts of a date, which no name ends with.
_OTHER_WHEN_WORDS: Final = frozenset(OTHER_STAMP_WORDS)
# French says "updated" in three words ("Par Jean Dupont Mis à jour le 03/03/2024").
_UPDATED_IN_FRENCH: Final = ("mis", "à", "jour")
_OTHER_MONTHS: Final = frozenset(OTHER_MONTHS)
# Weekdays written out, which a date may open ("Jane Doe Tuesday", as metadata gives "By Jane Doe
# Tuesday 3 March 2024" with the figures left out). Not their short forms, which are surnames
# too ("Lena H. Sun", "Nguyen Thi Thu").
_WEEKDAYS: Final = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", *OTHER_WEEKDAYS)
)
_DATE_JOINERS: Final = frozenset(
    "le am à a las às alle ore om um op el den de del du il em".split()
)
# Words for a body rather than a person, which end its name ("Associated Press", "NJ Advance
# Media", "News Nation Bureau", "HNN Staff").
_BODY_WORDS: Final = frozenset(
    """
    press media news bureau desk team agency agencies service services network wire wires staff
    reports newsroom newsdesk
    """.split()
)
# A body's words that are surnames too ("By Sam Press", "Robert Service"): a body's after a word
# that opens a body's name ("Associated Press", "Canadian Press", "News Service"), else a
# person's.
_SURNAME_BODY_WORDS: Final = frozenset("press service".split())
_BODY_OPENERS: Final = frozenset(
    """
    associated canadian australian american british united free daily evening morning weekly
    national international foreign public civil catholic baptist university world global
    """.split()
)
# Media companies named after their founders, which a byline or a speaker's shape would take
# for a person.
_MEDIA_GROUPS: Final = frozenset(("condé nast", "conde nast", "dow jones", "axel springer"))
# Labels before the names ("Text: ...", "Words by ...").
_LABELS: Final = frozenset("by words text story reporting report текст автор".split())
_MONTHS: Final = frozenset(
    """
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)


def byline_people(
    author: str | None, publisher: str | None = None, article_text: str = ""
) -> str | None:
    """The names of the people among the parts of `author` (parted by ";" as trafilatura gives
    them, or by "|"), in capitals and small letters where all were capitals, parted by "; ";
    None when none is a person's ("Staff Reports", "Associated Press", the publisher itself).
    `article_text` tells a place from a given name in metadata's "Jones, Washington"."""
    if not author:
        return None
    pairs = _surnames_first(author)
    if pairs:
        if any(_is_a_place(given, article_text) for _, given in pairs):
            # "Jones; Washington" in an article from Washington: a surname and the place it was
            # filed from, or a given name that is a place too ("Doe; Jordan"). Half a name could
            # be the wrong person's: rather none, and the article's own byline if it has one.
            return None
        listed = []
        for surname, given in pairs:
            person = _surname_first(surname, given, publisher)
            if person is None:
                break
            listed.append(person)
        else:
            return "; ".join(listed)
    people = []
    for place, part in enumerate(re.split(r"[;|]", author)):
        words = part.split()
        if place and len(words) == 1:
            continue  # "Jane Doe | Reuters": a word after the names is an agency's
        name = _person(words, publisher, first=place == 0)
        if name:
            people.append(name)
    return "; ".join(people) or None


# A word of a name, as a catalogue lists a person surname first: "Doe, Jane", which the
# metadata gives as "Doe; Jane".
_NAME_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")


def _surnames_first(author: str) -> list[tuple[str, str]] | None:
    """The (surname, given name) pairs of an author listed as a catalogue lists people, one word
    each: [("Doe", "Jane")] from "Doe; Jane", [("Doe", "Jane"), ("Roe", "John")] from "Doe, Jane;
    Roe, John" (which the metadata gives as "Doe; Jane; Roe; John"); None for any other shape.
    An agency after them is not left out: "Doe; Jane; Reuters" cannot be told from two reporters
    of one name each and theirs ("Sutrisno; Wibowo; Antara")."""
    words = [part.strip() for part in re.split(r"[,;]", author)]
    if len(words) % 2 or not all(_NAME_WORD.fullmatch(word) for word in words):
        return None
    return list(zip(words[::2], words[1::2], strict=True))


# Words that stand in a byline's place but are no one's name.
_NOT_A_NAME: Final = _LEADING_WORDS | _LABELS | _WHEN_WORDS | _BODY_WORDS | _MONTHS | {"the"}
# Agencies named in one word, which no surname or given name is.
_AGENCY_NAMES: Final = frozenset(
    "reuters bloomberg xinhua yonhap kyodo interfax tass anadolu bernama antara sputnik".split()
)


def _surname_first(surname: str, given: str, publisher: str | None) -> str | None:
    """The one person a surname and a given name (_surnames_first's, "Doe, Jane" and "Doe; Jane")
    name, given name first ("Jane Doe"); None for a word that is no name ("Doe; Reuters", "Doe;
    Staff", "Doe; March", a word of the publisher's)."""
    if not _names_someone(given, publisher) or not (
        _names_someone(surname, publisher)
        or (surname.istitle() and surname.lower() in _SURNAME_MONTHS)
    ):
        return None
    return f"{given} {surname}"


# Months that are surnames too ("May, Theresa"), first in a catalogue's name; never given names
# there ("Doe; March" is a date).
_SURNAME_MONTHS: Final = frozenset("march april may june august".split())


def _names_someone(word: str, publisher: str | None) -> bool:
    """Whether a word on its own could be a person's name, not an agency's, a label's or a date's
    ("Reuters", "Staff", "March") nor a word of the publisher's."""
    publishers_words = publisher.lower().split() if publisher else []
    lower = word.lower()
    return not (
        not word[0].isupper()
        or word.isupper()
        or lower in _NOT_A_NAME
        or lower in _AGENCY_NAMES
        or lower in publishers_words
    )


def _is_a_place(word: str, article_text: str) -> bool:
    """Whether the article writes the word as a place: after "in", "from" or "near" and not
    before a surname, maybe after initials ("in Jordan,", "in Washington DC", "in Washington
    D.C." but not "from Mark Carney" nor "from Mark J. Carney"), or in capitals opening a line
    as a dateline does ("WASHINGTON (AP) —")."""
    surname = rf"\s+(?:{UPPER}\.\s*)*{UPPER}[\w'’-]*{LOWER}"
    return (
        re.search(rf"\b(?:[Ii]n|[Ff]rom|[Nn]ear)\s+{re.escape(word)}\b(?!{surname})", article_text)
        is not None
        or re.search(rf"(?m)^\W*{re.escape(word.upper())}\b", article_text) is not None
    )


def _person(words: list[str], publisher: str | None, *, first: bool) -> str | None:
    while words and (
        words[0].lower().rstrip(":") in _LABELS | _LEADING_WORDS
        or (words[0].lower() in _NAME_LABELS and len(words) > 2)
    ):
        words = words[1:]
    words = _without_a_date(words)
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
    return " ".join(map(_in_small_letters, words)) if name.isupper() and len(words) > 1 else name


def _without_a_date(words: list[str]) -> list[str]:
    """The words without a date after the names ("Updated March 3, 2024", "Tuesday 3 March 2024",
    "NOVEMBER"): figures, one month's name next to a figure or in a line of capitals, a weekday
    before them, and the word saying when. A month with no figure beside it is a name's ("Theresa
    May Updated", as metadata gives it with the figures left out)."""
    shouting = all(word.isupper() for word in words)
    cut = after_a_figure = month_cut = False
    while words:
        last = words[-1].lower().strip(".,")
        beside_a_figure = after_a_figure or (len(words) > 1 and words[-2][:1].isdigit())
        if words[-1][:1].isdigit():
            cut = after_a_figure = True
        elif last in _WHEN_WORDS or last in _OTHER_WHEN_WORDS:
            cut, after_a_figure = True, False
        elif tuple(word.lower() for word in words[-3:]) == _UPDATED_IN_FRENCH and len(words) > 3:
            cut, after_a_figure = True, False
            words = words[:-2]
        elif words[-1] in _DATE_JOINERS and len(words) > 1:
            pass  # "Jean Dupont Publié le", as the metadata gives it with the date's figures cut
        elif (
            (last in _MONTHS or last in _OTHER_MONTHS)
            and not month_cut
            and (beside_a_figure or (shouting and len(words) > 1 and last in _MONTHS))
        ):
            cut = month_cut = True
        elif last in _WEEKDAYS and len(words) > 2:
            pass  # with two words of a name before it: "Joe Friday" and "Larry Sabato" are names
        elif last in _CLOCK_WORDS and _after_a_time(words[:-1]):
            pass
        elif not (last in _BEFORE_WHEN and cut):
            break
        words = words[:-1]
    return words


def _after_a_time(words: list[str]) -> bool:
    """Whether the words end in a figure, maybe with words of a time after it ("5:30 PM")."""
    while words and words[-1].lower().strip(".,") in _CLOCK_WORDS:
        words = words[:-1]
    return bool(words) and words[-1][:1].isdigit()


def _in_small_letters(word: str) -> str:
    """A name's word written in capitals, as names are written: "McDonald", "O'Brien",
    "Jean-Paul"."""
    written = word.capitalize() if word.isalpha() else word.title()
    if written.startswith("Mc") and len(written) > 4:
        return "Mc" + written[2:].capitalize()
    return written


# Small words inside a person's name ("Abigail van Buren", "Ursula von der Leyen"), and between
# two people's ("Jo Ames and Li Wei").
_PARTICLES: Final = frozenset(
    "de da di del della der den van von la le du dos das bin al ten ter and & und y et e".split()
)


def _written_as_a_name(words: list[str]) -> bool:
    """Whether every word starts as a name does: with a capital (or a letter with no small
    form), but for the particles names hold; "Syrian defense ministries" is no one's name."""
    return any(character.isalpha() for character in "".join(words)) and all(
        not word[:1].islower()
        or word in _PARTICLES
        or word.split("-")[0] in _PARTICLES  # "al-Masri", "bin-Salman"
        for word in words
    )


def _leading_capitals(words: list[str]) -> list[str]:
    """The words at the start written all in capitals ("ERIC", "TUCKER"), not ending in
    initials, which are capitals in any name ("J. K." of "J. K. Rowling")."""
    run = []
    for word in words:
        if not (word.isupper() and len(word) > 1):
            break
        run.append(word)
    while run and _INITIALS.fullmatch(run[-1]):
        run.pop()
    return run


_INITIALS: Final = re.compile(r"(?:[^\W\d_]\.)+")


def _names_a_body(words: list[str], publisher: str | None) -> bool:
    """Whether the words name an organisation, not a person: "The ...", a body's word at the end
    ("Associated Press", "HNN Staff", not "Sam Press"), an acronym alone ("CNN"), a media
    company ("Condé Nast"), or the publisher's own name."""
    text = " ".join(words)
    if words[0].lower() == "the" or text.lower() in _MEDIA_GROUPS:
        return True
    if words[-1].lower() in _BODY_WORDS:
        return not _surname_of_a_body_word(words, publisher)
    if len(words) == 1 and (re.fullmatch(r"[A-Z]{2,6}", text) or text.lower() in _AGENCY_NAMES):
        return True
    return publisher is not None and text.lower() in publisher.lower()


def _surname_of_a_body_word(words: list[str], publisher: str | None) -> bool:
    """Whether a body's word ending two words is a person's surname: "Sam Press", "Robert
    Service", not "Associated Press", "News Service", "AP Press" nor a word of the publisher's
    ("Harbour Press" on Harbour Press Online)."""
    if len(words) != 2 or words[1].lower() not in _SURNAME_BODY_WORDS:
        return False
    given = words[0]
    lower = given.lower()
    publishers_words = publisher.lower().split() if publisher else []
    return (
        given[:1].isupper()
        and not given.isupper()
        and lower not in _BODY_OPENERS | _NOT_A_NAME | _AGENCY_NAMES
        and lower not in publishers_words
    )
