"""The dashboard and the article page, each with its .json twin (the same shape as the CLI's)."""

from flask import Blueprint, render_template, request

from factcheck.store import articles as article_store
from factcheck.store import claims as claim_store
from factcheck.store import queue as queue_store
from factcheck.views.article_layout import layout_article, split_headline
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.claim_panel import find_unit, panel_context, ranked, reviewed
from factcheck.views.connection import get_db
from factcheck.views.formatting import STATUS_ORDER
from factcheck.views.ids import arg_id
from factcheck.views.imports import form_context
from factcheck.views.rendering import json_response, page_or_fragment

bp = Blueprint("articles", __name__)

# The dashboard lists the newest articles; the full list is /articles.json (and the queue's filter).
DASHBOARD_ARTICLES = 100


def status_counts(units: list[dict]) -> dict:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for unit in units:
        if unit["kind"] == "claim":
            counts[unit["status"]] = counts.get(unit["status"], 0) + 1
    return counts


def claim_lists(units: list[dict], selected_id: int | None) -> dict:
    """The ranked claims and the counts around the text, which every change to a claim refreshes."""
    return {
        "ranked_claims": ranked(units),
        "not_claim_total": sum(1 for unit in units if unit["kind"] != "claim"),
        "counts": status_counts(units),
        "selected_id": selected_id,
    }


def article_page_context(article: dict, units: list[dict], selected_id: int | None) -> dict:
    """What article.html shows around the claim panel: the article laid out, and the claim lists."""
    headline, blocks = split_headline(layout_article(article["body"], units))
    return {
        "article": article,
        "headline": headline,
        "blocks": blocks,
        **claim_lists(units, selected_id),
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
    return json_response(sections)


@bp.get("/articles.json")
def articles_json():
    return json_response(article_store.list_articles(get_db()))


@bp.get("/articles/<id:article_id>")
def article_page(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    units = claim_store.claims_for_article(db, article_id)
    selected = find_unit(units, arg_id("claim"))
    return render_template(
        "article.html",
        **article_page_context(article, units, selected["id"] if selected else None),
        **panel_context(units, selected),
        review=reviewed(db, selected),
    )


@bp.get("/articles/<id:article_id>.json")
def article_json(article_id: int):
    db = get_db()
    article = article_store.get_article(db, article_id)
    units = claim_store.claims_for_article(db, article_id)
    claims = claim_store.claims_with_reviews(db, units)
    return json_response({"article": article, "claims": claims})
