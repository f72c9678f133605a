"""The inbox: what needs this person's attention, opening an item (which marks it read), marking
all read, and the @-mention suggestions for comment boxes."""

import sqlite3
from datetime import datetime

from flask import Blueprint, redirect, request, url_for

from factcheck.db import Database, utc_now
from factcheck.store import inbox as inbox_store
from factcheck.store import users as user_store
from factcheck.views.auth_guard import current_actor, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response, page_or_fragment, wants_fragment

bp = Blueprint("inbox", __name__)


#: The dashboard's inbox section shows the newest few items and links to /inbox for the rest.
DASHBOARD_SHOWN = 5


def _left_out(actor, on_dashboard: bool) -> tuple[str, ...]:
    """The kinds a section leaves to another: on the dashboard, an editor's reviews."""
    return ("review",) if on_dashboard and actor.is_editor else ()


def inbox_context(
    db: Database, actor, on_dashboard: bool = False, before: tuple[str, str] | None = None
) -> dict:
    """The newest items (a few on the dashboard, up to inbox_store.SHOWN on /inbox, older ones
    after `before`), where the next page starts when there are more, and the count of the unread
    ones among the kinds listed. On the dashboard an editor's verdicts waiting for review are left
    out: its "Waiting for your review" section lists them, and an item is shown once."""
    shown = DASHBOARD_SHOWN if on_dashboard else inbox_store.SHOWN
    leave_out = _left_out(actor, on_dashboard)
    items = inbox_store.inbox(db, actor, shown + 1, leave_out=leave_out, before=before)
    unread = inbox_store.unread_count(db, actor, leave_out=leave_out)
    more = len(items) > shown
    return {
        "inbox_items": items[:shown],
        "inbox_more": more,
        "inbox_older": inbox_store.page_key(items[shown - 1]) if more else None,
        "inbox_later_page": before is not None,
        "inbox_unread": unread,
        # Counted in the header's number, so the section says where they went.
        "inbox_unread_reviews": inbox_store.unread_count(db, actor) - unread if leave_out else 0,
        "inbox_on_dashboard": on_dashboard,
        "inbox_left_out_reviews": bool(leave_out),
        # "Mark all read" reads only what this page showed, not what arrives while it is open.
        "inbox_shown_at": utc_now(),
    }


def _shown_at(value: str | None) -> str | None:
    """The time the page whose "Mark all read" was pressed was shown (as utc_now wrote it), or
    None when the form did not say (a page from before this field): then everything is read."""
    try:
        datetime.strptime(value or "", "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return None
    return value


@bp.get("/inbox")
def inbox_page():
    db = get_db()
    before = inbox_store.parse_page_key(request.args.get("before"))
    return page_or_fragment(
        "inbox.html", "partials/inbox.html", **inbox_context(db, signed_in_actor(), before=before)
    )


@bp.get("/inbox.json")
def inbox_json():
    before = inbox_store.parse_page_key(request.args.get("before"))
    page = inbox_context(get_db(), signed_in_actor(), before=before)
    return json_response(
        {
            "unread": page["inbox_unread"],
            "items": page["inbox_items"],
            # Pass as ?before= for the next page; null on the last one.
            "older": page["inbox_older"],
        }
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
    # A mention opens on its comment, below the claim's forms in the panel.
    anchor = f"comment-{record_id}" if kind == "mention" else None
    return redirect(
        url_for(
            "articles.article_page",
            article_id=item["article_id"],
            claim=item["claim_id"],
            _anchor=anchor,
        ),
        303,
    )


@bp.post("/inbox/read")
def mark_all_read():
    db = get_db()
    actor = signed_in_actor()
    # Only what the section it was pressed in lists: the dashboard's leaves an editor's reviews
    # to "Waiting for your review".
    on_dashboard = request.form.get("place") == "dashboard"
    inbox_store.mark_all_read(
        db,
        actor,
        until=_shown_at(request.form.get("until")),
        leave_out=_left_out(actor, on_dashboard),
    )
    if wants_fragment():
        # The section swapped is the one the form was in: the dashboard's few items or /inbox's.
        return page_or_fragment(
            "inbox.html",
            "partials/inbox.html",
            inbox_header_oob=True,
            **inbox_context(db, actor, on_dashboard=on_dashboard),
        )
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
