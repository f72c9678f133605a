"""The inbox: what needs this person's attention, opening an item (which marks it read), marking
all read, and the @-mention suggestions for comment boxes."""

import sqlite3

from flask import Blueprint, redirect, request, url_for

from factcheck.db import Database
from factcheck.store import inbox as inbox_store
from factcheck.store import users as user_store
from factcheck.views.auth_guard import current_actor, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response, page_or_fragment, wants_fragment

bp = Blueprint("inbox", __name__)


def inbox_context(db: Database, actor, shown: int = inbox_store.SHOWN) -> dict:
    """The newest `shown` items, whether there are more, and the count of every unread one (the
    same as the header's)."""
    items = inbox_store.inbox(db, actor, shown + 1)
    return {
        "inbox_items": items[:shown],
        "inbox_more": len(items) > shown,
        "inbox_unread": inbox_store.unread_count(db, actor),
    }


@bp.get("/inbox")
def inbox_page():
    db = get_db()
    return page_or_fragment(
        "inbox.html", "partials/inbox.html", **inbox_context(db, signed_in_actor())
    )


@bp.get("/inbox.json")
def inbox_json():
    db = get_db()
    actor = signed_in_actor()
    return json_response(
        {"unread": inbox_store.unread_count(db, actor), "items": inbox_store.inbox(db, actor)}
    )


@bp.get("/inbox/<kind>/<id:record_id>")
def open_item(kind: str, record_id: int):
    """Mark the item read and go to its claim in the article; an item no longer in the inbox (the
    verdict was submitted since, say), or of no kind the inbox knows, leads back to the inbox."""
    db = get_db()
    actor = signed_in_actor()
    item = inbox_store.find_item(db, actor, kind, record_id)
    if item is None:
        return redirect(url_for("inbox.inbox_page"), 303)
    inbox_store.mark_read(db, actor, item["item"])
    return redirect(
        url_for("articles.article_page", article_id=item["article_id"], claim=item["claim_id"]),
        303,
    )


@bp.post("/inbox/read")
def mark_all_read():
    db = get_db()
    actor = signed_in_actor()
    inbox_store.mark_all_read(db, actor)
    if wants_fragment():
        return page_or_fragment("inbox.html", "partials/inbox.html", **inbox_context(db, actor))
    return redirect(url_for("inbox.inbox_page"), 303)


@bp.get("/people/mentions")
def mention_suggestions():
    """People whose name starts with what follows the @ being typed: a listbox fragment."""
    typed = request.args.get("q", "")[:40]
    people = user_store.mention_candidates(get_db(), typed) if typed.strip() else []
    return page_or_fragment(
        "partials/mention_suggestions.html", "partials/mention_suggestions.html", people=people
    )


def unread_for_header() -> int:
    """The signed-in person's unread count, for the header of every full page. An error page
    about the database itself shows no count rather than failing again."""
    actor = current_actor()
    if actor is None:
        return 0
    try:
        return inbox_store.unread_count(get_db(), actor)
    except sqlite3.Error:
        return 0


def init_app(app) -> None:
    app.add_template_global(unread_for_header, "inbox_unread_count")
