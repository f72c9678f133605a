"""Assembling export records: decoded claim records grouped by article, and what a reader sees."""

from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.scales import Scale
from factcheck.store import exports as export_store
from factcheck.urls import link_target

UNRATED_LABEL = "Not yet rated"
UNRATED_COLOUR = "#8c959f"


@dataclass(frozen=True)
class ArticleReport:
    article: dict
    claims: list[dict]


@dataclass(frozen=True)
class Bar:
    label: str
    colour: str
    count: int


def article_reports(context) -> Iterator[ArticleReport]:
    """The selected articles, oldest first, each with its selected claims in document order."""
    filters = context.filters
    arguments = filters.store_arguments()
    for article in export_store.articles_selected(context.db, **arguments):
        claims = export_store.claim_records_for_article(
            context.db, article["id"], **{k: v for k, v in arguments.items() if k != "article_id"}
        )
        yield ArticleReport(article, claims)


def web_url(url: str | None) -> str | None:
    """The address when it is safe to link to (an http or https URL that parses), else None."""
    return link_target(url)


def published_verdict(record: dict) -> dict | None:
    """The verdict readers can see now: the latest published one."""
    published = [v for v in record["verdicts"] if v["state"] == "published"]
    return published[-1] if published else None


def working_verdict(record: dict) -> dict | None:
    """A verdict still being written or reviewed (a first verdict or a correction)."""
    open_ = [v for v in record["verdicts"] if v["state"] in ("draft", "in_review")]
    return open_[-1] if open_ else None


def shown_verdict(record: dict) -> dict | None:
    """What a report shows: the published verdict, else the one being worked on."""
    return published_verdict(record) or working_verdict(record)


def superseded_verdicts(record: dict) -> list[dict]:
    return [v for v in record["verdicts"] if v["state"] == "superseded"]


def live_evidence(record: dict) -> list[dict]:
    return [e for e in record["evidence"] if not e["removed_at"]]


def rating_colour(scale: Scale, verdict: dict | None) -> str:
    rating = scale.find(verdict["rating"]) if verdict else None
    return rating.colour if rating else UNRATED_COLOUR


def verdict_bars(records, scale: Scale) -> list[Bar]:
    """A bar per rating on the scale, best first, plus one for claims not yet rated when any are.

    A rating no longer on the scale keeps its own bar, in the scale's neutral colour."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    unrated = 0
    for record in records:
        verdict = shown_verdict(record)
        if verdict is None:
            unrated += 1
            continue
        counts[verdict["rating"]] = counts.get(verdict["rating"], 0) + 1
        labels.setdefault(verdict["rating"], verdict["rating_label"])
    bars = [Bar(r.label, r.colour, counts.pop(r.key, 0)) for r in scale.ratings]
    bars.extend(Bar(labels[key], UNRATED_COLOUR, count) for key, count in sorted(counts.items()))
    if unrated:
        bars.append(Bar(UNRATED_LABEL, UNRATED_COLOUR, unrated))
    return bars
