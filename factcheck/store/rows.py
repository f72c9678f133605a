"""The shapes of the rows the store hands to views and exports, for the type checker.

They are TypedDicts: at run time each is the plain dict sqlite-utils returns, so templates and
JSON encoders index them with ["key"] as before. A read function names its row's shape with
`cast` once, where the SQL's columns become a row; the column lists here follow those SELECTs.
"""

from typing import NotRequired, TypedDict


class ClaimRow(TypedDict):
    """A unit of an article (a claim or not), as `claim_reads.CLAIM_COLUMNS` reads it, with its
    `reasons` decoded from JSON."""

    id: int
    article_id: int
    seq: int
    start: int
    end: int
    text: str
    section: str
    kind: str
    reason: str | None
    attribution: str | None
    checkworthiness: float
    reasons: list[str]
    status: str
    verdict: str | None
    version: int
    updated_at: str | None
    assignee_id: int | None
    corrected_at: str | None


class VerdictRow(TypedDict):
    """One row of the verdicts table (`evidence_ids` still JSON text)."""

    id: int
    claim_id: int
    rating: str
    rating_label: str
    rating_value: int
    rationale: str
    evidence_ids: str
    author_id: int
    created_at: str
    state: str
    submitted_at: str | None
    approved_by: int | None
    published_at: str | None
    correction_of: int | None
    correction_reason: str | None
    returned_at: str | None
    returned_by: int | None
    return_comment_id: int | None


class VerdictView(TypedDict):
    """A verdict as the claim panel and exports show it: evidence ids decoded, people by name."""

    id: int
    rating: str
    rating_label: str
    rating_value: int
    rationale: str
    state: str
    evidence_ids: list[int]
    author: str | None
    author_name: str | None
    created_at: str
    submitted_at: str | None
    approved_by: str | None
    approved_by_name: str | None
    published_at: str | None
    correction_of: int | None
    correction_reason: str | None


class EvidenceRow(TypedDict):
    """One row of the evidence table."""

    id: int
    claim_id: int
    url: str
    title: str | None
    publisher: str | None
    stance: str
    quote: str | None
    note: str | None
    added_by: int
    added_at: str
    removed_at: str | None
    removed_by: int | None
    removal_reason: str | None
    link_acknowledged_check: int | None


class EvidenceItem(EvidenceRow):
    """An evidence row as the claim panel lists it (`evidence.evidence_for_claim`): who added it,
    its latest archived copy, whether its quote was found there, and the latest link check."""

    added_by_username: str
    added_by_name: str | None
    snapshot_id: int | None
    snapshot_status: str | None
    snapshot_at: str | None
    snapshot_sha256: str | None
    snapshot_error: str | None
    snapshot_kind: str | None
    snapshot_archive_url: str | None
    page_error: str | None  # of the newest fetch of the page's own address
    snapshot_given_by: str | None  # who gave an uploaded or web-archive copy
    #: When the item's copy was fixed: the submission of the verdict waiting for review that
    #: cites it, else of the published verdict (none while a correction is drafted).
    fixed_since: str | None
    copy_fixed: bool  # a published verdict rests on its copy, and no correction is under way
    copy_in_review: bool  # a verdict waiting for review rests on it: its copy waits too
    copy_after_publication: bool | None  # kept after that publication: none could be before
    copy_after_submission: bool | None  # kept after the verdict in review was submitted
    #: When a fixed copy's page was kept again and read otherwise (for another claim citing it).
    newer_copy_at: str | None
    quote_status: str | None
    quote_passage: str | None
    quote_score: float | None
    #: The error of an uploaded copy newer than the copy shown that could not be read.
    copy_failure: str | None
    copy_failure_kind: str | None
    link_check_id: int | None
    link_outcome: str | None
    link_checked_at: str | None
    link_error: str | None
    link_final_url: str | None
    link_text_change: float | None
    link_snapshot_id: int | None  # the copy the check compared with (another where none of its own)
    link_quote_status: str | None
    link_flagged: int | None
    #: Set by the claim panel: whether a copy of the page is waiting to be made (see
    #: `jobs.archive_state`).
    archive_queued: NotRequired[str | None]


class ReviewRecord(TypedDict):
    """What `claim_reads.review_records` gathers for one claim. `verdict` is the one being worked
    on, else the published one."""

    verdict: VerdictView | None
    published_verdict: VerdictView | None
    earlier_verdicts: list[VerdictView]


class ArticleRow(TypedDict):
    """One row of the articles table."""

    id: int
    title: str
    source_url: str | None
    publisher: str | None
    author: str | None
    published_date: str | None
    body: str
    body_hash: str
    import_format: str
    imported_at: str
    imported_by: str
    language: str | None


class ArticleListed(TypedDict):
    """An article in the list of articles (`articles.list_articles`): no body, with counts of its
    units and of its claims by status."""

    id: int
    title: str
    source_url: str | None
    publisher: str | None
    author: str | None
    published_date: str | None
    import_format: str
    imported_at: str
    imported_by: str
    units: int
    claims: int
    not_claims: int
    unreviewed: int
    in_progress: int
    in_review: int
    published: int


class QueueRow(TypedDict):
    """A claim in the review queue (`queue_reads.queue_page`), with its assignee, article title
    and the rating of a verdict being worked on."""

    id: int
    article_id: int
    seq: int
    text: str
    section: str
    kind: str
    reason: str | None
    checkworthiness: float
    reasons: list[str]
    status: str
    verdict: str | None
    version: int
    updated_at: str | None
    assignee_id: int | None
    assignee: str | None
    assignee_name: str | None
    article_title: str
    pending_verdict: str | None
    # The rating of the best earlier fact-check the claim matches (None: no previous check).
    previous_rating: str | None
    article_imported_at: str
    article_language: str | None


class LibraryItem(TypedDict):
    """One row of the library of known fact-checks (library_items)."""

    id: int
    origin: str
    external_id: str | None
    claim: str
    title: str | None
    rating: str | None
    url: str | None
    review_date: str | None
    publisher: str | None
    language: str | None
    claim_id: int | None
    verdict_id: int | None
    created_at: str
    updated_at: str
