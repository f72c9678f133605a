"""Assembling export records: decoded claim records grouped by article, and what a reader sees."""

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.exports.context import ExportContext
from factcheck.network.urls import link_target
from factcheck.scales import Scale
from factcheck.store import export_reads

UNRATED_LABEL = "Not yet published"
UNRATED_COLOUR = "#8c959f"


@dataclass(frozen=True)
class ArticleReport:
    """An article an export covers (without its body), how many of its claims are selected, and
    how many of those have a verdict to show."""

    article: dict
    claim_count: int
    checked_count: int


@dataclass(frozen=True)
class Bar:
    label: str
    colour: str
    count: int


def article_reports(context: ExportContext) -> tuple[list[ArticleReport], list[Bar]]:
    """The selected articles, oldest first, with their claim counts, and the bars of the verdict
    chart: one pass over the selected claims' shown ratings, reading no claim records."""
    arguments = context.filters.store_arguments()
    counts: dict[int, list[int]] = {}
    ratings = []
    for article_id, rating, label in export_reads.published_ratings(context.db, **arguments):
        count = counts.setdefault(article_id, [0, 0])
        count[0] += 1
        if rating is not None:
            count[1] += 1
        ratings.append((rating, label) if rating is not None else None)
    articles = [
        ArticleReport(article, *counts.get(article["id"], (0, 0)))
        for article in export_reads.articles_selected(context.db, **arguments)
    ]
    return articles, verdict_bars(ratings, context.config.scale)


def web_url(url: str | None) -> str | None:
    """The address when it is safe to link to (an http or https URL that parses), else None."""
    return link_target(url)


def published_verdict(record: dict) -> dict | None:
    """The verdict readers can see now: the latest published one."""
    published = [v for v in record["verdicts"] if v["state"] == "published"]
    return published[-1] if published else None


def first_published_at(record: dict) -> str | None:
    """When the claim's verdict was first published: a correction supersedes the verdict, and
    the superseded one keeps its own publication time."""
    stamps = [v["published_at"] for v in record["verdicts"] if v.get("published_at")]
    return min(stamps) if stamps else None


def correction_note(record: dict) -> str | None:
    """Each published correction of the claim's verdict, oldest first, as readers are told it:
    "Corrected on 2026-12-03: the ministry revised its figures. It was previously rated
    Accurate." Every one is kept, so a second correction does not hide the first; None when
    there is none."""
    by_id = {v["id"]: v for v in record["verdicts"]}
    corrections = sorted(
        (v for v in record["verdicts"] if v.get("correction_of") and v.get("published_at")),
        key=lambda v: v["published_at"],
    )
    notes = []
    for verdict in corrections:
        reason = (verdict.get("correction_reason") or "").strip().rstrip(". ")
        # A reason that ends in its own question or exclamation mark takes no full stop.
        ended = reason if reason.endswith(("?", "!", "…")) else f"{reason}."
        note = f"Corrected on {verdict['published_at'][:10]}: {ended}"
        previous = by_id.get(verdict["correction_of"])
        if previous is not None and previous["rating"] == verdict["rating"]:
            note += f" The rating, {previous['rating_label']}, is unchanged."
        elif previous is not None:
            note += f" It was previously rated {previous['rating_label']}."
        notes.append(note)
    return " ".join(notes) or None


def working_verdict(record: dict) -> dict | None:
    """A verdict still being written or reviewed (a first verdict or a correction)."""
    open_ = [v for v in record["verdicts"] if v["state"] in ("draft", "in_review")]
    return open_[-1] if open_ else None


def shown_verdict(record: dict) -> dict | None:
    """What a report shows: the published verdict, else the one being worked on."""
    return published_verdict(record) or working_verdict(record)


def live_evidence(record: dict) -> list[dict]:
    return [e for e in record["evidence"] if not e["removed_at"]]


def evidence_behind(record: dict, verdict: dict | None) -> list[dict]:
    """The sources a report shows beside a verdict: what a published verdict cites (a source
    added during a correction not yet approved is not part of it), else the live evidence."""
    if verdict is None or verdict["state"] != "published":
        return live_evidence(record)
    cited = set(verdict["evidence_ids"] or [])
    return [e for e in record["evidence"] if e["id"] in cited]


def rating_colour(scale: Scale, verdict: dict | None) -> str:
    rating = scale.find(verdict["rating"]) if verdict else None
    return rating.colour if rating else UNRATED_COLOUR


def verdict_bars(ratings: Iterable[tuple[str, str] | None], scale: Scale) -> list[Bar]:
    """A bar per rating on the scale, best first, plus one for claims not yet rated when any are.

    `ratings` holds each claim's shown (rating, label), or None for a claim without a verdict. A
    rating no longer on the scale keeps its own bar, in the scale's neutral colour."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    unrated = 0
    for shown in ratings:
        if shown is None:
            unrated += 1
            continue
        rating, label = shown
        counts[rating] = counts.get(rating, 0) + 1
        labels.setdefault(rating, label)
    bars = [Bar(r.label, r.colour, counts.pop(r.key, 0)) for r in scale.ratings]
    bars.extend(Bar(labels[key], UNRATED_COLOUR, count) for key, count in sorted(counts.items()))
    if unrated:
        bars.append(Bar(UNRATED_LABEL, UNRATED_COLOUR, unrated))
    return bars
