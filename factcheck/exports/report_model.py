"""What a report shows, shared by the HTML and Markdown reports: articles, claims, verdicts, counts."""

from collections.abc import Iterator
from dataclasses import dataclass, replace

from factcheck.exports.context import ExportContext
from factcheck.exports.options import ExportFilters
from factcheck.exports.records import (
    ArticleReport,
    Bar,
    article_reports,
    correction_note,
    evidence_behind,
    first_published_at,
    published_verdict,
    rating_colour,
    working_verdict,
)
from factcheck.scales import load_scale
from factcheck.store import articles, export_reads
from factcheck.text.language import direction
from factcheck.views.article_layout import Block, iter_blocks

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
#: What a report says of a published verdict while a correction to it is worked on, by the state
#: of the correction. A draft is not announced: it may be withdrawn (opened by mistake, or only to
#: add a source), and readers would be told of a correction that never came.
CORRECTION_WORDS = {
    "in_review": "A correction to this verdict is under review.",
}

# Every day and time a report gives is UTC's, as stored; readers are told so.
DATES_NOTE = "Days and times are UTC."


class _ClaimRecord:
    """What a claim's row gives every view of it: its id and its status in words."""

    record: dict

    @property
    def id(self) -> int:
        return self.record["id"]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS.get(self.record["status"], self.record["status"])


@dataclass(frozen=True)
class ClaimView(_ClaimRecord):
    number: int
    record: dict
    verdict: dict | None
    colour: str
    evidence: list[dict]
    published: bool
    correction_state: str | None
    correction_note: str | None

    @property
    def first_published_on(self) -> str | None:
        """The day the verdict was first published: a correction keeps it, and says its own."""
        stamp = first_published_at(self.record) if self.published else None
        return stamp[:10] if stamp else None

    @property
    def corrected_on(self) -> str | None:
        """The day the verdict shown, a correction, was published; whoever approved it is the
        approver named beside it."""
        verdict = self.verdict if self.published else None
        if verdict and verdict.get("correction_of") and verdict.get("published_at"):
            return verdict["published_at"][:10]
        return None

    @property
    def correction_words(self) -> str | None:
        """What readers are told of a correction under way, if there is one."""
        return CORRECTION_WORDS.get(self.correction_state or "")


@dataclass(frozen=True)
class ClaimMark(_ClaimRecord):
    """A claim as the article text and the list of pending claims show it: its own columns
    (id, start, end, section, text, status), its number, and whether a published verdict rates
    it, in which colour. Reading no verdicts, evidence or history keeps the long parts of a
    report cheap; only the checked claims need their full records (ClaimView)."""

    number: int
    record: dict
    published: bool
    colour: str


@dataclass(frozen=True)
class ArticleView:
    """One article of a report. Its text and its claims are read from the database as the report
    is written, a batch at a time, so a report holds one article's body and a batch of claims
    however long the article is: `blocks()`, `checked()` and `pending()` each read them anew."""

    article: dict
    claim_count: int
    checked_count: int
    first_number: int
    context: ExportContext

    @property
    def pending_count(self) -> int:
        return self.claim_count - self.checked_count

    @property
    def direction(self) -> str:
        """The direction of the article's language: "rtl" or "ltr"."""
        return direction(self.article["language"])

    def _arguments(self) -> dict:
        arguments = self.context.filters.store_arguments()
        arguments.pop("article_id", None)
        return arguments

    def _marks(self, published: bool | None = None) -> Iterator[ClaimMark]:
        scale = self.context.config.scale
        marks = export_reads.numbered_claim_marks(
            self.context.db, self.article["id"], published=published, **self._arguments()
        )
        for number, record, is_published, rating in marks:
            colour = rating_colour(scale, {"rating": rating} if is_published else None)
            yield ClaimMark(self.first_number + number - 1, record, is_published, colour)

    def blocks(self) -> Iterator[Block]:
        """The article's paragraphs, each claim's segment carrying its ClaimMark as `unit.claim`."""
        body = export_reads.article_body(self.context.db, self.article["id"])
        units = (
            {
                "id": claim.id,
                "start": claim.record["start"],
                "end": claim.record["end"],
                "section": claim.record["section"],
                "claim": claim,
            }
            for claim in self._marks()
        )
        return iter_blocks(body, units)

    def checked(self) -> Iterator[ClaimView]:
        """The claims with a published verdict, in document order, with their full records."""
        scale = self.context.config.scale
        records = export_reads.numbered_claim_records(
            self.context.db, self.article["id"], published=True, scale=scale, **self._arguments()
        )
        for number, record in records:
            yield _claim_view(self.first_number + number - 1, record, scale)

    def pending(self) -> Iterator[ClaimMark]:
        """The claims without a published verdict (drafts and verdicts in review among them,
        listed by status alone), in document order."""
        return self._marks(published=False)


@dataclass(frozen=True)
class ReportModel:
    title: str
    organisation: str | None
    provenance: dict
    article_reports: list[ArticleReport]
    bars: list[Bar]
    context: ExportContext
    #: One article was asked for, and none of its sentences is a claim (captions, boilerplate).
    article_without_claims: bool = False

    @property
    def article_count(self) -> int:
        return len(self.article_reports)

    @property
    def exported_at(self) -> str:
        """When the report was made, to the minute, for readers: "2026-12-05 07:01 UTC"."""
        return self.provenance["created_at"][:16].replace("T", " ") + " UTC"

    @property
    def direction(self) -> str:
        """The page's direction: its article's when the report is of one, else left to right."""
        if len(self.article_reports) == 1:
            return direction(self.article_reports[0].article["language"])
        return "ltr"

    @property
    def claim_count(self) -> int:
        return sum(report.claim_count for report in self.article_reports)

    @property
    def checked_count(self) -> int:
        return sum(report.checked_count for report in self.article_reports)

    @property
    def articles(self) -> Iterator[ArticleView]:
        """Each article in turn, oldest first, numbering claims on from the article before."""
        number = 1
        for report in self.article_reports:
            yield ArticleView(
                report.article, report.claim_count, report.checked_count, number, self.context
            )
            number += report.claim_count


def _claim_view(number: int, record: dict, scale) -> ClaimView:
    # Reports show and count published verdicts only: a draft or a verdict in review is not yet
    # the desk's word.
    verdict = published = published_verdict(record)
    working = working_verdict(record)
    return ClaimView(
        number=number,
        record=record,
        verdict=verdict,
        colour=rating_colour(scale, verdict),
        evidence=evidence_behind(record, verdict),
        published=verdict is not None and verdict is published,
        correction_state=working["state"] if published is not None and working else None,
        correction_note=correction_note(record) if verdict else None,
    )


def build_report(context: ExportContext) -> ReportModel:
    """The report's headings and counts; its articles are read as they are written."""
    reports, bars = article_reports(context)
    article_id = context.filters.article_id
    without_claims = False
    if not reports and article_id is not None:
        # The article asked for is still what the report is of when none of its claims is
        # selected; its body is read as the report is written, as every article's is.
        article = dict(articles.get_article(context.db, article_id))
        del article["body"]
        reports = [ArticleReport(article, 0, 0)]
        without_claims = replace(context.filters, article_id=None) == ExportFilters()
    if len(reports) == 1:
        title = f"Fact-check: {reports[0].article['title']}"
    else:
        title = f"Fact-check report: {len(reports)} articles"
    return ReportModel(
        title=title,
        organisation=context.config.org_name,
        provenance=context.provenance,
        article_reports=reports,
        bars=bars,
        context=context,
        article_without_claims=without_claims,
    )


def selection_words(filters: dict) -> str | None:
    """The filters that keep some of an article's claims out of a report, as a phrase for its
    head (which says how many claims were checked of those it holds); None when there are none."""
    narrowing = {name: value for name, value in filters.items() if name != "article"}
    words = filters_words(narrowing)
    return None if words == "all claims" else words


def filters_words(filters: dict) -> str:
    """The filters an export was made with, as a phrase."""
    parts = []
    if filters.get("article") is not None:
        parts.append(f"article {filters['article']}")
    if filters.get("status"):
        parts.append(f"status {STATUS_WORDS.get(filters['status'], filters['status']).lower()}")
    if filters.get("since"):
        parts.append(f"changed since {filters['since']}")
    if filters.get("verdict"):
        # Filters keep the rating's key ("mostly-accurate"); readers are given its words.
        rating = load_scale().find(filters["verdict"])
        parts.append(f"rated {rating.label if rating else filters['verdict']}")
    if filters.get("assignee"):
        who = filters["assignee"]
        parts.append("assigned to nobody" if who == "none" else f"assigned to {who}")
    if filters.get("section"):
        parts.append(f"{filters['section']} only")
    if filters.get("search"):
        parts.append(f"containing “{filters['search']}”")
    if filters.get("previous"):
        parts.append("with a previous check")
    if filters.get("evidence") == "changed":
        parts.append("whose evidence changed")
    elif filters.get("evidence") == "not_archived":
        parts.append("citing a page with no archived copy")
    return ", ".join(parts) if parts else "all claims"
