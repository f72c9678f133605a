"""The dashboard and the article page, each with its .json twin (the same shape as the CLI's)."""

from collections.abc import Mapping, Sequence
from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for

from factcheck import job_presence
from factcheck.db import Database
from factcheck.store import articles as article_store
from factcheck.store import claim_matches, claim_reads, queue_reads
from factcheck.store import link_checks as link_store
from factcheck.store.rows import ArticleRow, ClaimRow
from factcheck.views.article_layout import block, paragraphs, split_headline, usable_units
from factcheck.views.article_parts import Part, divide, part_holding, part_numbered
from factcheck.views.auth_guard import same_site_path, signed_in_actor
from factcheck.views.claim_panel import (
    back_to_article,
    panel_context,
    reviewed,
    selected_unit,
    seq_of,
    still_looking,
)
from factcheck.views.connection import get_db
from factcheck.views.formatting import STATUS_ORDER
from factcheck.views.ids import arg_id
from factcheck.views.imports import form_context
from factcheck.views.inbox import inbox_context
from factcheck.views.rendering import json_response, link_start, page_or_fragment, wants_fragment
from factcheck.views.scale_css import current_scale

bp = Blueprint("articles", __name__)

# The dashboard lists the newest articles, a page at a time; the full list is /articles.json (and
# the queue's article filter finds any by its title).
DASHBOARD_ARTICLES = 30
# How many items each list in the side column shows; the queue, filtered, has the rest.
WORK_SHOWN = {
    "assigned_to_me": 6,
    "reviews": 6,
    "recently_published": 5,
    "evidence_needing_attention": 5,
}


# The ranked list beside the text shows this many claims; the queue, filtered to the article,
# has them all.
RANKED_SHOWN = 200


def claim_counts(db: Database, article_id: int) -> dict:
    """The counts around the text (claims by status, non-claims) for the progress bar."""
    counts = claim_reads.article_counts(db, article_id)
    return {
        "article_id": article_id,
        "ranked_total": counts["claims"],
        "not_claim_total": counts["not_claims"],
        "correcting_total": counts["correcting"],
        "counts": {**dict.fromkeys(STATUS_ORDER, 0), **counts["by_status"]},
    }


def claim_lists(db: Database, article_id: int, selected_id: int | None) -> dict:
    """The ranked claims and the counts around the text."""
    return {
        **claim_counts(db, article_id),
        "ranked_claims": claim_reads.ranked_claims(db, article_id, RANKED_SHOWN),
        "selected_id": selected_id,
    }


def in_ranked_list(db: Database, claim: ClaimRow, claim_total: int) -> bool:
    """Whether the ranked list beside the text shows this claim (among the first RANKED_SHOWN)."""
    if claim["kind"] != "claim":
        return False
    if claim_total <= RANKED_SHOWN:
        return True
    return claim_reads.ranked_ahead(db, claim, RANKED_SHOWN) < RANKED_SHOWN


def _part_links(db: Database, article: ArticleRow, parts: list[Part], part: Part) -> dict | None:
    """What the part navigation shows: every part by its paragraphs, this one, and the claims
    just outside it (where j and k go from its first and last claim)."""
    if len(parts) == 1:
        return None
    if part.seq_range:
        first_seq, last_seq = part.seq_range
    else:
        last_seq = _seq_before(parts, part)
        first_seq = last_seq + 1
    previous, following = claim_reads.claims_around(db, article["id"], first_seq, last_seq)
    return {
        "number": part.number,
        "count": len(parts),
        "choices": [(p.number, p.first_paragraph, p.last_paragraph) for p in parts],
        "previous_claim": previous,
        "next_claim": following,
    }


def _seq_before(parts: list[Part], part: Part) -> int:
    """For a part without units: the seq of the last unit before it (-1 when there is none)."""
    for earlier in reversed(parts[: part.number - 1]):
        if earlier.seq_range:
            return earlier.seq_range[1]
    return -1


def article_page_context(
    db: Database, article: ArticleRow, selected: ClaimRow | None, part_number: int | None = None
) -> dict:
    """What article.html shows around the claim panel: one part of the article laid out (the part
    holding the selected unit, else the part asked for; a short article is one part), and the
    claim lists."""
    body = article["body"]
    spans = claim_reads.unit_spans(db, article["id"])
    parts = divide(body, paragraphs(body, usable_units(body, spans)))
    if selected is not None:
        part = part_holding(parts, selected["start"])
    else:
        part = part_numbered(parts, part_number)
    seqs = part.seq_range
    shown = claim_reads.claims_in_seq_range(db, article["id"], *seqs) if seqs else []
    by_id = {unit["id"]: unit for unit in shown}
    laid_out = [
        block(body, paragraph, [by_id[unit["id"]] for unit in paragraph.units])
        for paragraph in part.paragraphs
    ]
    headline, blocks = split_headline(laid_out)
    return {
        "article": article,
        # The claims quoted beside the text (the panel, the ranked list) are in its language.
        "article_language": article["language"],
        "headline": headline,
        "blocks": blocks,
        "part": _part_links(db, article, parts, part),
        **claim_lists(db, article["id"], selected["id"] if selected else None),
    }


def dashboard_sections(db: Database, actor, before: int | None = None) -> dict:
    """A page of articles (the newest, or those older than `before`) with their totals by status,
    and this person's work: assigned claims, reviews, fresh verdicts and evidence whose page could
    not be kept. Editors see what waits for them to review; reviewers see their own verdicts
    waiting for an editor. Each list of work is short, and `more_<list>` says when there is more."""
    reviews = (
        queue_reads.waiting_for_review if actor.is_editor else queue_reads.submitted_for_review
    )
    work = {
        "assigned_to_me": lambda limit: queue_reads.assigned_to(db, actor.id, limit),
        "reviews": lambda limit: reviews(db, actor.id, limit),
        "recently_published": lambda limit: queue_reads.recently_published(db, limit),
        "evidence_needing_attention": lambda limit: queue_reads.evidence_needing_attention(
            db, limit
        ),
    }
    articles = article_store.list_articles(db, limit=DASHBOARD_ARTICLES + 1, before=before)
    shown = articles[:DASHBOARD_ARTICLES]
    more = len(articles) > DASHBOARD_ARTICLES
    sections = {
        "articles": shown,
        "more_articles": more,
        "older_than": shown[-1]["id"] if more else None,
        "before": before,
        "article_totals": status_totals(shown),
        "reviews_are_mine": not actor.is_editor,
    }
    for name, read in work.items():
        rows = read(WORK_SHOWN[name] + 1)
        sections[name] = rows[: WORK_SHOWN[name]]
        sections[f"more_{name}"] = len(rows) > WORK_SHOWN[name]
    sections["previously_checked"] = claim_matches.claims_with_previous_check(db)
    sections["evidence_changed"] = link_store.flagged_evidence(db)
    sections["evidence_changed_count"] = link_store.flagged_count(db)
    sections.update(inbox_context(db, actor, on_dashboard=True))
    return sections


def status_totals(articles: Sequence[Mapping[str, Any]]) -> dict:
    """The claims of these articles added up, by status (the shape progress_bar draws)."""
    totals = {status: sum(article[status] for article in articles) for status in STATUS_ORDER}
    return {
        **totals,
        "claims": sum(article["claims"] for article in articles),
        "not_claims": sum(article["not_claims"] for article in articles),
    }


@bp.get("/")
def dashboard():
    return page_or_fragment(
        "dashboard.html",
        "partials/article_table.html",
        **dashboard_sections(get_db(), signed_in_actor(), arg_id("before")),
        **form_context(),
        links={"article": link_start("articles.article_page", "article_id")},
    )


# Page-only keys of dashboard_sections: how the page says "more", not data.
_PAGE_ONLY = (
    "more_articles",
    "older_than",
    "before",
    "article_totals",
    *(f"more_{name}" for name in WORK_SHOWN),
)


@bp.get("/dashboard.json")
def dashboard_json():
    sections = dashboard_sections(get_db(), signed_in_actor(), arg_id("before"))
    for key in _PAGE_ONLY:
        sections.pop(key)
    reviews_key = "submitted_for_review" if sections.pop("reviews_are_mine") else "to_review"
    sections[reviews_key] = sections.pop("reviews")
    sections["inbox"] = {
        "unread": sections.pop("inbox_unread"),
        "unread_reviews": sections.pop("inbox_unread_reviews"),
        "items": sections.pop("inbox_items"),
        "more": sections.pop("inbox_more"),
    }
    sections.pop("inbox_on_dashboard")
    sections.pop("inbox_left_out_reviews")
    sections.pop("inbox_shown_at")
    # The dashboard's few items link to /inbox, which pages on.
    sections.pop("inbox_older")
    sections.pop("inbox_later_page")
    return json_response(sections)


@bp.get("/articles.json")
def articles_json():
    return json_response(article_store.list_articles(get_db()))


@bp.get("/articles/<id:article_id>")
def article_page(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    claim_id = arg_id("claim")
    selected = selected_unit(db, article_id, claim_id)
    if claim_id is not None and selected is None:
        # A claim of another article (an edited or shared link) opens there; one that is not
        # there at all is a 404 that says so (get_claim raises it).
        return back_to_article(claim_reads.get_claim(db, claim_id))
    looking = still_looking(article_id)
    return render_template(
        "article.html",
        **article_page_context(db, article, selected, request.args.get("part", type=int)),
        **panel_context(claim_reads.claim_neighbours(db, article_id, seq_of(selected)), selected),
        review=reviewed(db, selected),
        still_looking=looking,
        # `serve --production` runs no jobs: matching waits until a `factcheck worker` starts.
        no_worker=looking and not job_presence.any_alive(),
    )


@bp.get("/articles/<id:article_id>/matching-note")
def matching_note(article_id: int):
    """The article page's note on the search for its claims' earlier checks, or with `panel` the
    claim panel's word on it for that claim, asked for again while the search goes on (a page
    asking without htmx is sent to the article)."""
    db = get_db()
    article_store.get_article(db, article_id)  # a 404 that says so when there is none
    if not wants_fragment():
        return redirect(url_for("articles.article_page", article_id=article_id))
    # A queue that does not answer says nothing: the note asks again.
    looking = still_looking(article_id) or bool(g.get("job_queue_away"))
    page = url_for("articles.article_page", article_id=article_id)
    # Back to the page as it is now, on the claim the reviewer has moved to since.
    shown = same_site_path(request.headers.get("HX-Current-URL"))
    reload_address = shown if shown and shown.split("?")[0] == page else page
    panel_claim = arg_id("panel")
    if panel_claim is not None:  # the claim panel's word on it, for that claim
        return render_template(
            "partials/panel_matching_note.html",
            article_id=article_id,
            claim_id=panel_claim,
            still_looking=looking,
            shown=request.args.get("shown", 0, type=int),
            found=len(claim_matches.previous_checks(db, panel_claim)),
            reload_address=reload_address,
        )
    return render_template(
        "partials/matching_note.html",
        article_id=article_id,
        still_looking=looking,
        no_worker=looking and not job_presence.any_alive(),
        matched=0 if looking else claim_matches.article_claims_with_previous_check(db, article_id),
        reload_address=reload_address,
    )


@bp.get("/articles/<id:article_id>.json")
def article_json(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    units = claim_reads.claims_for_article(db, article_id)
    claims = claim_reads.claims_with_reviews(db, units, scale=current_scale())
    return json_response({"article": article, "claims": claims})
