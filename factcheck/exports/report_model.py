"""What a report shows, shared by the HTML and Markdown reports: articles, claims, verdicts, counts."""

from dataclasses import dataclass

from factcheck.exports.records import (
    Bar,
    article_reports,
    live_evidence,
    published_verdict,
    rating_colour,
    shown_verdict,
    superseded_verdicts,
    verdict_bars,
    working_verdict,
)
from factcheck.views.article_layout import Block, layout_article

STATUS_WORDS = {
    "unreviewed": "Not yet checked",
    "in_progress": "Being checked",
    "in_review": "In second review",
    "published": "Published",
}
STANCE_WORDS = {
    "supports": "Supports the claim",
    "refutes": "Refutes the claim",
    "context": "Gives context",
    "mixed": "Mixed evidence",
}


@dataclass(frozen=True)
class ClaimView:
    number: int
    record: dict
    verdict: dict | None
    colour: str
    evidence: list[dict]
    published: bool
    correction_pending: bool
    correction_note: str | None

    @property
    def id(self) -> int:
        return self.record["id"]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.record["status"], self.record["status"])


@dataclass(frozen=True)
class ArticleView:
    article: dict
    blocks: list[Block]
    claims: dict[int, ClaimView]

    @property
    def checked(self) -> list[ClaimView]:
        return [claim for claim in self.claims.values() if claim.verdict]

    @property
    def pending(self) -> list[ClaimView]:
        return [claim for claim in self.claims.values() if not claim.verdict]


@dataclass(frozen=True)
class ReportModel:
    title: str
    organisation: str | None
    provenance: dict
    articles: list[ArticleView]
    bars: list[Bar]

    @property
    def claim_count(self) -> int:
        return sum(len(article.claims) for article in self.articles)

    @property
    def checked_count(self) -> int:
        return sum(len(article.checked) for article in self.articles)


def _correction_note(verdict: dict | None, record: dict) -> str | None:
    if not verdict or not verdict.get("correction_of") or verdict["state"] != "published":
        return None
    earlier = {v["id"]: v for v in superseded_verdicts(record)}
    previous = earlier.get(verdict["correction_of"])
    note = f"Corrected on {verdict['published_at'][:10]}: {verdict['correction_reason']}"
    if previous:
        note += f" (previously rated {previous['rating_label']})"
    return note


def _claim_view(number: int, record: dict, scale) -> ClaimView:
    verdict = shown_verdict(record)
    published = published_verdict(record)
    return ClaimView(
        number=number,
        record=record,
        verdict=verdict,
        colour=rating_colour(scale, verdict),
        evidence=live_evidence(record),
        published=verdict is not None and verdict is published,
        correction_pending=published is not None and working_verdict(record) is not None,
        correction_note=_correction_note(verdict, record),
    )


def build_report(context) -> ReportModel:
    scale = context.config.scale
    articles = []
    number = 0
    for report in article_reports(context):
        views = {}
        for record in report.claims:
            number += 1
            views[record["id"]] = _claim_view(number, record, scale)
        blocks = layout_article(report.article["body"], report.claims)
        articles.append(ArticleView(report.article, blocks, views))
    records = [claim.record for article in articles for claim in article.claims.values()]
    if len(articles) == 1:
        title = f"Fact-check: {articles[0].article['title']}"
    else:
        title = f"Fact-check report: {len(articles)} articles"
    return ReportModel(
        title=title,
        organisation=context.config.org_name,
        provenance=context.provenance,
        articles=articles,
        bars=verdict_bars(records, scale),
    )


def filters_words(filters: dict) -> str:
    """The filters an export was made with, as a phrase."""
    parts = []
    if filters.get("article") is not None:
        parts.append(f"article {filters['article']}")
    if filters.get("status"):
        parts.append(f"status {STATUS_WORDS.get(filters['status'], filters['status']).lower()}")
    if filters.get("since"):
        parts.append(f"changed since {filters['since']}")
    return ", ".join(parts) if parts else "all claims"
