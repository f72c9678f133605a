"""Generated news-like articles for benchmarks: deterministic, varied, 30+ sentences each."""

import random

PLACES = ["Northgate", "Riverside", "Eastbrook", "Lowmoor", "Kestrel Bay", "Ashford", "Millbrook"]
BODIES = ["the county council", "the health ministry", "the port authority", "police", "the union"]
PEOPLE = ["Mara Lind", "Oskar Hale", "Ines Baptiste", "Daniel Reyes", "Helen Okafor", "Tomas Eber"]
TEMPLATES = [
    "{place} recorded {n} new cases on {day}, {body} said.",
    "The {thing} cost {money} million dollars, {pct} percent more than planned.",
    '"We expect {n} more workers to join by {month}," {person} said.',
    "According to {body}, {n} people were taken to hospital after the collision.",
    "The {thing} is the largest of its kind built in {place} since {year}.",
    "Residents gathered outside the town hall as the light faded.",
    "{person}, who has lived in {place} for {small} years, described the mood as tense.",
    "Turnout fell to {pct} percent, the lowest level since {year}.",
    "Officials said the figures would be revised next week.",
    "Is this the end of the {thing}? Few people in {place} think so.",
    "The {thing} will reopen in {month}, two months later than first promised.",
    "{body} estimated the damage at {money} million euros.",
]
THINGS = ["bridge", "hospital wing", "rail link", "school", "stadium", "water plant", "tram line"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        place=rng.choice(PLACES),
        body=rng.choice(BODIES),
        person=rng.choice(PEOPLE),
        thing=rng.choice(THINGS),
        month=rng.choice(MONTHS),
        day=rng.choice(DAYS),
        n=rng.randint(2, 5000),
        small=rng.randint(2, 60),
        money=round(rng.uniform(1, 900), 1),
        pct=rng.randint(1, 99),
        year=rng.randint(1950, 2025),
    )


def article(index: int, sentences: int = 36) -> str:
    """A plain-text article: headline, standfirst, then paragraphs of two to four sentences."""
    rng = random.Random(index)
    headline = f"{rng.choice(PLACES)} {rng.choice(THINGS)} report number {index}"
    standfirst = f"What {rng.choice(BODIES)} said about the {rng.choice(THINGS)}"
    paragraphs = []
    remaining = sentences
    while remaining > 0:
        size = min(remaining, rng.randint(2, 4))
        paragraphs.append(" ".join(_sentence(rng) for _ in range(size)))
        remaining -= size
    return "\n\n".join([headline, standfirst, *paragraphs]) + "\n"


def corpus(count: int, sentences: int = 36) -> list[str]:
    return [article(i, sentences) for i in range(count)]
