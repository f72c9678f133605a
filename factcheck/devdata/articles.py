"""News-like plain-text articles from templates: the same seed and number give the same article."""

# Templates fill slots with str.format. Fixed for the whole article: place, place2, region, org
# and Org (capitalised), org2, Org2, thing, count, count_noun, cost, cost0, pct, pct_rest,
# pct_small, delay, year, year0, year_old, year_next, month, weekday, day, age, libraries,
# tonnes, currency, publisher, outlet and Outlet (the publisher in running text), and the people
# official, resident, expert and opposition (each with name, surname and role). Drawn afresh in
# each sentence: the keys of _FRESH.

import random
import re
from dataclasses import dataclass
from typing import Any

from factcheck.devdata import generic, words
from factcheck.devdata.topics_civic import TOPICS as CIVIC
from factcheck.devdata.topics_economy import TOPICS as ECONOMY
from factcheck.shared_words import capitalised

#: Each topic's words: its desk's name, and lists of phrases to choose from.
TOPICS: tuple[dict[str, Any], ...] = CIVIC + ECONOMY
# Body units per article: a spread around a mean that, with headline, standfirst and page
# furniture, makes about 40 units an article.
BODY_UNITS = (10, 66, 24)  # low, high, mode of a triangular distribution
QUOTE_SHARE = 0.3
CURLY_QUOTE_SHARE = 0.5


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    field: str = ""


@dataclass(frozen=True)
class GeneratedArticle:
    index: int
    text: str  # headline on the first line, then paragraphs separated by blank lines
    publisher: str
    author: str
    published_date: str
    source_url: str
    topic: str


def _money(rng: random.Random, slots: dict, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.1f} million {slots['currency']}"


def _smaller(rng: random.Random, slots: dict) -> int:
    return rng.randint(1, max(1, slots["small"] - 1))


_FRESH = {
    "n": lambda rng, s: f"{rng.randint(12, 9000):,}",
    "small": lambda rng, s: rng.randint(3, 40),
    "smaller": _smaller,
    "small_n": lambda rng, s: f"{rng.randint(40, 4000):,}",
    "small_hours": lambda rng, s: rng.randint(1, 11),
    "pct2": lambda rng, s: rng.randint(3, 60),
    "money": lambda rng, s: _money(rng, s, 0.4, 95),
    "money_small": lambda rng, s: f"{rng.randint(12, 2400):,} {s['currency']}",
    "metres": lambda rng, s: f"{rng.uniform(0.5, 4.5):.1f}",
    "class_size": lambda rng, s: rng.randint(22, 36),
    "month_any": lambda rng, s: rng.choice(words.MONTHS),
    "weekday_any": lambda rng, s: rng.choice(words.WEEKDAYS),
    "year_past": lambda rng, s: rng.randint(s["year0"] + 1, s["year"] - 1),
    "mood": lambda rng, s: rng.choice(words.MOODS),
    "pollster": lambda rng, s: rng.choice(words.POLLSTERS),
    "university": lambda rng, s: rng.choice(words.UNIVERSITIES).format(place=s["place"]),
    "years": lambda rng, s: rng.randint(3, 60),
    "ordinal": lambda rng, s: rng.choice(("second", "third", "fourth", "fifth")),
    "population": lambda rng, s: f"{rng.randint(8, 400) * 1000:,}",
    "pages": lambda rng, s: rng.randint(12, 340),
    "hour": lambda rng, s: rng.randint(6, 22),
    "minute": lambda rng, s: rng.randint(0, 59),
    "agency": lambda rng, s: rng.choice(words.AGENCIES),
    "platform": lambda rng, s: rng.choice(words.PLATFORMS),
}


class _Slots(dict):
    """The article's fixed values, with fresh ones drawn the first time a sentence asks."""

    def __init__(self, fixed: dict, rng: random.Random):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str):
        value = _FRESH[key](self.rng, self)
        self[key] = value
        return value


def _fill(template: str, fixed: dict, rng: random.Random, **extra) -> str:
    return template.format_map(_Slots({**fixed, **extra}, rng))


def _place(rng: random.Random) -> str:
    return rng.choice(words.PLACE_STARTS) + rng.choice(words.PLACE_ENDS)


def _name(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(words.SURNAMES)
    return f"{rng.choice(words.FIRST_NAMES)} {surname}", surname


def _person(rng: random.Random, roles, slots: dict, field: str = "") -> Person:
    name, surname = _name(rng)
    role = rng.choice(roles).format(
        org=slots["org"], place=slots["place2"], years=rng.randint(3, 40)
    )
    return Person(name, surname, role, field)


def _fixed_slots(rng: random.Random, topic: dict) -> dict:
    year = rng.choice((2024, 2025, 2026))
    place, place2 = _place(rng), _place(rng)
    outlet = rng.choice(words.OUTLETS)
    pct = rng.randint(3, 70)
    slots = {
        "place": place,
        "place2": place2 if place2 != place else "Longford",
        "region": rng.choice(words.REGIONS),
        "org": rng.choice(topic["org"]).format(place=place),
        "org2": rng.choice(topic["org2"]),
        "thing": rng.choice(topic["thing"]),
        "count_noun": rng.choice(topic["count_noun"]),
        "count": f"{rng.randint(150, 60000):,}",
        "currency": rng.choice(words.CURRENCIES),
        "pct": pct,
        "pct_rest": 100 - pct,
        "pct_small": f"{rng.uniform(2.5, 11):.1f}",
        "delay": rng.randint(3, 30),
        "year": year,
        "year0": year - rng.randint(3, 12),
        "year_old": year - rng.randint(25, 90),
        "year_next": year + rng.randint(1, 4),
        "month": rng.choice(words.MONTHS),
        "weekday": rng.choice(words.WEEKDAYS),
        "day": rng.randint(1, 28),
        "age": rng.randint(18, 71),
        "libraries": rng.randint(41, 60),
        "tonnes": f"{rng.uniform(1.2, 30):.1f}",
        "publisher": outlet[0],
        "outlet": outlet[0] if outlet[0].startswith("The ") else f"the {outlet[0]}",
        "domain": outlet[1],
        "desk": topic["desk"],
    }
    cost = rng.uniform(2, 900)
    slots["cost"] = f"{cost:.1f} million {slots['currency']}"
    slots["cost0"] = f"{cost * rng.uniform(0.35, 0.8):.1f} million {slots['currency']}"
    for key in ("org", "org2", "outlet"):
        slots[capitalised(key)] = capitalised(slots[key])
    slots["official"] = _person(rng, topic["official_role"], slots)
    slots["resident"] = _person(rng, words.RESIDENT_ROLES, slots)
    field = rng.choice(topic["expert_field"])
    article = "an" if field[0] in "aeiou" else "a"
    slots["expert"] = _person(rng, (f"{article} {field}",), slots, field)
    slots["opposition"] = _person(rng, words.OPPOSITION_ROLES, slots)
    slots["reporter"], _ = _name(rng)
    slots["reporter2"], _ = _name(rng)
    slots["desk_title"] = f"{capitalised(topic['desk'])} Correspondent"
    return slots


def _quote(rng: random.Random, slots: dict, quotes: list[str], introduced: set) -> str:
    """A quotation from one of the article's people; each thing said is said once, while it
    lasts."""
    speaker = rng.choice(("official", "official", "resident", "expert", "opposition"))
    forms = generic.LATER_QUOTE if speaker in introduced else generic.FIRST_QUOTE
    introduced.add(speaker)
    said = [quotes.pop() if quotes else rng.choice(generic.QUOTES) for _ in range(3)]
    return _fill(
        rng.choice(forms), slots, rng, person=slots[speaker], q=said[0], q2=said[1], q3=said[2]
    )


def _other_headline(rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    return _fill(rng.choice(topic["headline"]), _fixed_slots(rng, topic), rng)


def _body(rng: random.Random, topic: dict, slots: dict) -> list[str]:
    """Paragraphs of one to three sentences, quotations on their own, furniture here and there."""
    sentences = list(topic["body"][1:]) + list(generic.SENTENCES)
    quotes = list(topic["quote"]) + list(generic.QUOTES)
    rng.shuffle(sentences)
    rng.shuffle(quotes)
    budget = round(rng.triangular(*BODY_UNITS))
    introduced: set = set()
    lede = _fill(topic["body"][0], slots, rng)
    if rng.random() < 0.4:
        lede = f"{slots['place'].upper()}, {slots['month']} {slots['day']} — {lede}"
    paragraphs = [lede]
    used = 1
    while used < budget:
        if rng.random() < QUOTE_SHARE:
            paragraphs.append(_quote(rng, slots, quotes, introduced))
            used += paragraphs[-1].count(". ") + 1
            continue
        size = min(rng.randint(1, 3), budget - used)
        chosen = [sentences.pop() if sentences else rng.choice(topic["body"]) for _ in range(size)]
        paragraphs.append(" ".join(_fill(s, slots, rng) for s in chosen))
        used += size
    return paragraphs


def _furniture(rng: random.Random, slots: dict, paragraphs: list[str]) -> None:
    """Put captions, promos and closing lines into the body, as news pages do."""
    for _ in range(rng.choice((0, 1, 1, 2))):
        caption = _fill(rng.choice(generic.CAPTIONS), slots, rng)
        line = _fill(rng.choice(generic.PHOTO_LINES), slots, rng, caption=caption)
        paragraphs.insert(rng.randint(1, len(paragraphs)), line)
    for _ in range(rng.choice((0, 1, 1, 2))):
        promo = _fill(rng.choice(generic.PROMO_LINES), slots, rng, headline=_other_headline(rng))
        paragraphs.insert(rng.randint(min(2, len(paragraphs)), len(paragraphs)), promo)
    for line in rng.sample(generic.CLOSING_LINES, rng.choice((0, 1, 1, 2))):
        paragraphs.append(_fill(line, slots, rng))


_STRAIGHT_QUOTE = re.compile(r'"([^"]*)"')


def _curly(paragraph: str) -> str:
    return _STRAIGHT_QUOTE.sub(r"“\1”", paragraph).replace("'", "’")


def article(seed: int, index: int) -> GeneratedArticle:
    """The index-th article of the seed's series."""
    rng = random.Random(f"factcheck-devdata:{seed}:{index}")
    topic = rng.choice(TOPICS)
    slots = _fixed_slots(rng, topic)
    head = [_fill(rng.choice(topic["headline"]), slots, rng)]
    head.append(_fill(rng.choice(topic["standfirst"]), slots, rng))
    if rng.random() < 0.7:
        head.append(_fill(rng.choice(generic.BYLINES), slots, rng))
    if rng.random() < 0.4:
        head.append(_fill(rng.choice(generic.TIMESTAMPS), slots, rng))
    paragraphs = _body(rng, topic, slots)
    _furniture(rng, slots, paragraphs)
    if rng.random() < CURLY_QUOTE_SHARE:
        paragraphs = [_curly(p) for p in paragraphs]
    slug = "-".join(re.findall(r"[a-z0-9]+", head[0].lower())[:8])
    month = rng.randint(1, 12)
    return GeneratedArticle(
        index=index,
        text="\n\n".join(head + paragraphs) + "\n",
        publisher=slots["outlet"],
        author=slots["reporter"],
        published_date=f"{slots['year']}-{month:02d}-{slots['day']:02d}",
        source_url=f"https://{slots['domain']}/{slots['desk']}/{slots['year']}/{slug}-{index}",
        topic=topic["desk"],
    )
