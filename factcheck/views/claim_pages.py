"""A claim's permalink, its panel fragment for the article page, and its JSON."""

from flask import Blueprint, render_template, request

from factcheck.store import articles as article_store
from factcheck.store import claim_reads
from factcheck.store import users as user_store
from factcheck.store.claim_matches import previous_checks
from factcheck.views.claim_panel import (
    PANEL_HISTORY,
    back_to_article,
    display_names,
    history_section,
    panel_context,
    reviewed,
)
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response, page_or_fragment, wants_fragment
from factcheck.views.scale_css import current_scale

bp = Blueprint("claims", __name__, url_prefix="/claims")


@bp.get("/<id:claim_id>")
def claim_page(claim_id: int):
    return back_to_article(claim_reads.get_claim(get_db(), claim_id))


@bp.get("/<id:claim_id>/panel")
def panel(claim_id: int):
    """The panel alone for htmx; a browser that asks directly is sent to the article page."""
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    if not wants_fragment():
        return back_to_article(claim)
    neighbours = claim_reads.claim_neighbours(db, claim["article_id"], claim["seq"])
    return render_template(
        "partials/panel_on_load.html",
        review=reviewed(db, claim),
        article_language=article_store.article_language(db, claim["article_id"]),
        **panel_context(neighbours, claim),
    )


@bp.get("/<id:claim_id>/history")
def history(claim_id: int):
    """The claim's whole history: the panel's history section drawn again with every change (its
    "Show all N changes"), the first the panel did not list taking the focus (the one after
    `after`, the oldest it listed: changes made since it was drawn come first); without htmx, a
    page of its own."""
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    names = display_names(user_store.list_users(db))
    history, _ = history_section(db, claim_id, names)
    listed_last = request.args.get("after", type=int)
    first_unlisted = next(
        (place + 1 for place, item in enumerate(history["timeline"]) if item["id"] == listed_last),
        PANEL_HISTORY,
    )
    return page_or_fragment(
        "claim_history.html",
        "partials/panel_history.html",
        claim=claim,
        article_language=article_store.article_language(db, claim["article_id"]),
        history=history,
        first_unlisted=first_unlisted if wants_fragment() else None,
    )


@bp.get("/<id:claim_id>.json")
def claim_json_view(claim_id: int):
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    review = claim_reads.claims_with_reviews(db, [claim], scale=current_scale())[0]
    return json_response({"claim": review, "previous_checks": previous_checks(db, claim_id)})
