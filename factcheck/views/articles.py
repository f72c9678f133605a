"""The dashboard and the article page, each with its .json twin (the same shape as the CLI's)."""

from flask import Blueprint, render_template, request

from factcheck.store import articles as article_store
from factcheck.store import claim_matches
from factcheck.store import claims as claim_store
from factcheck.store import queue as queue_store
from factcheck.views.article_layout import block, paragraphs, split_headline, usable_units
from factcheck.views.article_parts import Part, divide, part_holding, part_numbered
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.claim_panel import panel_context, reviewed, selected_unit, seq_of
from factcheck.views.connection import get_db
from factcheck.views.formatting import STATUS_ORDER
from factcheck.views.ids import arg_id
from factcheck.views.imports import form_context
from factcheck.views.inbox import inbox_context
from factcheck.views.rendering import json_response, page_or_fragment

bp = Blueprint("articles", __name__)

# The dashboard lists the newest articles; the full list is /articles.json (and the queue's filter).
DASHBOARD_ARTICLES = 100


# The ranked list beside the text shows this many claims; the queue, filtered to the article,
# has them all.
RANKED_SHOWN = 200


def claim_lists(db, article_id: int, selected_id: int | None) -> dict:
    """The ranked claims and the counts around the text, which every change to a claim refreshes."""
    counts = claim_store.article_counts(db, article_id)
    return {
        "ranked_claims": claim_store.ranked_claims(db, article_id, RANKED_SHOWN),
        "ranked_total": counts["claims"],
        "not_claim_total": counts["not_claims"],
        "counts": {**dict.fromkeys(STATUS_ORDER, 0), **counts["by_status"]},
        "selected_id": selected_id,
    }


def _part_links(db, article: dict, parts: list[Part], part: Part) -> dict | None:
    """What the part navigation shows: every part by its paragraphs, this one, and the claims
    just outside it (where j and k go from its first and last claim)."""
    if len(parts) == 1:
        return None
    if part.seq_range:
        first_seq, last_seq = part.seq_range
    else:
        last_seq = _seq_before(parts, part)
        first_seq = last_seq + 1
    previous, following = claim_store.claims_around(db, article["id"], first_seq, last_seq)
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
    db, article: dict, selected: dict | None, part_number: int | None = None
) -> dict:
    """What article.html shows around the claim panel: one part of the article laid out (the part
    holding the selected unit, else the part asked for; a short article is one part), and the
    claim lists."""
    body = article["body"]
    spans = claim_store.unit_spans(db, article["id"])
    parts = divide(body, paragraphs(body, usable_units(body, spans)))
    if selected is not None:
        part = part_holding(parts, selected["start"])
    else:
        part = part_numbered(parts, part_number)
    seqs = part.seq_range
    shown = claim_store.claims_in_seq_range(db, article["id"], *seqs) if seqs else []
    by_id = {unit["id"]: unit for unit in shown}
    laid_out = [
        block(body, paragraph, [by_id[unit["id"]] for unit in paragraph.units])
        for paragraph in part.paragraphs
    ]
    headline, blocks = split_headline(laid_out)
    return {
        "article": article,
        "headline": headline,
        "blocks": blocks,
        "part": _part_links(db, article, parts, part),
        **claim_lists(db, article["id"], selected["id"] if selected else None),
    }


def dashboard_sections(db, actor) -> dict:
    """Everyone's articles, and this person's work: assigned claims, reviews, fresh verdicts and
    evidence whose page could not be kept. Editors see what waits for them to review; reviewers
    see their own verdicts waiting for an editor."""
    if actor.is_editor:
        reviews = queue_store.waiting_for_review(db, actor.id)
    else:
        reviews = queue_store.submitted_for_review(db, actor.id)
    articles = article_store.list_articles(db, limit=DASHBOARD_ARTICLES + 1)
    return {
        "articles": articles[:DASHBOARD_ARTICLES],
        "more_articles": len(articles) > DASHBOARD_ARTICLES,
        "assigned_to_me": queue_store.assigned_to(db, actor.id),
        "reviews": reviews,
        "reviews_are_mine": not actor.is_editor,
        "recently_published": queue_store.recently_published(db),
        "evidence_needing_attention": queue_store.evidence_needing_attention(db),
        "previously_checked": claim_matches.claims_with_previous_check(db),
        **inbox_context(db, actor),
    }


@bp.get("/")
def dashboard():
    return page_or_fragment(
        "dashboard.html",
        "partials/article_table.html",
        **dashboard_sections(get_db(), signed_in_actor()),
        **form_context(),
    )


@bp.get("/dashboard.json")
def dashboard_json():
    sections = dashboard_sections(get_db(), signed_in_actor())
    sections.pop("more_articles")
    reviews_key = "submitted_for_review" if sections.pop("reviews_are_mine") else "to_review"
    sections[reviews_key] = sections.pop("reviews")
    sections["inbox"] = {
        "unread": sections.pop("inbox_unread"),
        "items": sections.pop("inbox_items"),
    }
    return json_response(sections)


@bp.get("/articles.json")
def articles_json():
    return json_response(article_store.list_articles(get_db()))


@bp.get("/articles/<id:article_id>")
def article_page(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    selected = selected_unit(db, article_id, arg_id("claim"))
    return render_template(
        "article.html",
        **article_page_context(db, article, selected, request.args.get("part", type=int)),
        **panel_context(claim_store.claim_neighbours(db, article_id, seq_of(selected)), selected),
        review=reviewed(db, selected),
    )


@bp.get("/articles/<id:article_id>.json")
def article_json(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    units = claim_store.claims_for_article(db, article_id)
    claims = claim_store.claims_with_reviews(db, units)
    return json_response({"article": article, "claims": claims})
