"""What an export covers and how it is labelled: filters, the organisation's details, refusals."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NoReturn

from factcheck import settings
from factcheck.export_names import ORG_NAME_ENV, ORG_URL_ENV, PUBLIC_URL_ENV
from factcheck.ids import require_id
from factcheck.lifecycle import STATUSES
from factcheck.network.urls import UrlProblem, clean_base_url, clean_web_url
from factcheck.scales import Scale, load_scale
from factcheck.store.errors import Invalid
from factcheck.store.queue_reads import EVIDENCE_FILTERS, SECTIONS

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The values the queue's fixed-choice filters take. The queue drops any other (an old link still
#: opens); an export refuses it rather than write an empty or unfiltered file.
CHOICES = {"section": SECTIONS, "previous": ("yes",), "evidence": EVIDENCE_FILTERS}


class ExportRefused(Invalid):
    """An export that cannot be made as asked; the message says what to change."""


def refuse_unknown(name: str, given: str, accepted: Iterable[str]) -> NoReturn:
    """Refuse a filter value that matches nothing, naming the values it takes."""
    raise ExportRefused(
        "export.unknown_value",
        {"name": name, "given": given, "accepted": list(accepted)},
        field=name,
    )


def _check_choice(name: str, value: str | None) -> None:
    if value is not None and value not in CHOICES[name]:
        refuse_unknown(name, value, CHOICES[name])


@dataclass(frozen=True)
class ExportFilters:
    """Which claims an export covers: one article, one status, claims changed since a date, and
    the queue's other filters (verdict, assignee or "none", section, words in the claim, only
    claims with a previous check, only claims whose evidence changed or was never archived)."""

    article_id: int | None = None
    status: str | None = None
    since: date | None = None
    verdict: str | None = None
    assignee: str | None = None
    section: str | None = None
    search: str | None = None
    previous: bool = False
    evidence: str | None = None

    def __post_init__(self):
        if self.status is not None and self.status not in STATUSES:
            raise ExportRefused(
                "status.unknown", {"given": self.status, "statuses": list(STATUSES)}, field="status"
            )
        _check_choice("section", self.section)
        _check_choice("evidence", self.evidence)

    @classmethod
    def parse(
        cls,
        *,
        article: int | str | None = None,
        status: str | None = None,
        since: str | None = None,
        **narrowing: str | None,
    ) -> "ExportFilters":
        """Filters from text as typed on a command line or in a query string; blanks mean "any"."""
        article_id = None
        if article not in (None, ""):
            try:
                article_id = require_id(article, "article")
            except Invalid as error:
                raise ExportRefused(error.code, error.facts, field="article") from None
        known = {"verdict", "assignee", "section", "search", "previous", "evidence"}
        unknown = sorted(set(narrowing) - known)
        if unknown:
            raise ExportRefused("export.unknown_filter", {"names": unknown})
        cleaned = {key: " ".join((value or "").split()) or None for key, value in narrowing.items()}
        # The queue's "previous" box sends "yes" when ticked.
        previous = cleaned.pop("previous", None)
        _check_choice("previous", previous)
        return cls(
            article_id, status or None, parse_since(since), previous=previous == "yes", **cleaned
        )

    def as_dict(self) -> dict:
        described = {
            "article": self.article_id,
            "status": self.status,
            "since": self.since.isoformat() if self.since else None,
        }
        for key in ("verdict", "assignee", "section", "search", "evidence"):
            if getattr(self, key) is not None:
                described[key] = getattr(self, key)
        if self.previous:
            described["previous"] = True
        return described

    def store_arguments(self) -> dict:
        return {
            "article_id": self.article_id,
            "status": self.status,
            "since": self.since,
            "verdict": self.verdict,
            "assignee": self.assignee,
            "section": self.section,
            "search": self.search,
            "previous_check": self.previous,
            "evidence": self.evidence,
        }


def parse_since(text: str | None) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ExportRefused("since.invalid", {"given": text}, field="since") from None


def _public_address(value: str | None, what: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return (clean_base_url if what == "public_url" else clean_web_url)(value).rstrip("/")
    except UrlProblem as error:
        facts = {**error.facts, "what": what, "problem": error.problem}
        raise ExportRefused("export.bad_address", facts) from None


@dataclass(frozen=True)
class ExportConfig:
    """The publishing organisation (for ClaimReview and report mastheads) and the rating scale."""

    org_name: str | None = None
    org_url: str | None = None
    public_url: str | None = None
    scale: Scale = field(default_factory=load_scale)

    @classmethod
    def from_env(
        cls,
        *,
        org_name: str | None = None,
        org_url: str | None = None,
        public_url: str | None = None,
        scale: Scale | None = None,
    ) -> "ExportConfig":
        """Arguments given here win over FACTCHECK_ORG_NAME, FACTCHECK_ORG_URL and
        FACTCHECK_PUBLIC_URL."""
        name = " ".join((org_name or settings.value(ORG_NAME_ENV) or "").split()) or None
        return cls(
            org_name=name,
            org_url=_public_address(org_url or settings.value(ORG_URL_ENV), "org_url"),
            public_url=_public_address(public_url or settings.value(PUBLIC_URL_ENV), "public_url"),
            scale=scale or load_scale(),
        )

    def require_publisher(self) -> None:
        """Refuse unless a ClaimReview can name its publisher and link to the published check."""
        if not self.public_url:
            raise ExportRefused("export.not_set_up", {"missing": "public_url"})
        if not self.org_name:
            raise ExportRefused("export.not_set_up", {"missing": "org_name"})

    @property
    def publisher_url(self) -> str | None:
        """The organisation's own address, or the fact-check site when none is set apart."""
        return self.org_url or self.public_url

    def claim_url(self, claim_id: int) -> str:
        return f"{self.public_url}/claims/{claim_id}"
