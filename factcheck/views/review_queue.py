"""The review queue across articles: filters, active search, keyset pages and bulk actions."""

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import asdict
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode

from flask import (
    Blueprint,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict

from factcheck.db import Database
from factcheck.exports.options import CHOICES
from factcheck.ids import parse_id, require_id
from factcheck.lifecycle import STATUS_LABELS, STATUSES
from factcheck.reason_effects import reason_effects
from factcheck.store import bulk as bulk_store
from factcheck.store import queue_reads
from factcheck.store import reasons as reason_store
from factcheck.store import users as user_store
from factcheck.store.errors import Forbidden, Invalid, NotFound
from factcheck.store.search_words import MAX_WORDS, typed_words
from factcheck.text.typed_phrases import common_quotes
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.bulk_words import describe_bulk, describe_skips, describe_undo
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.queue_articles import (
    ARTICLE_SUGGESTIONS,
    article_value,
    filtered_article,
    resolve_article,
    suggestions,
)
from factcheck.views.rendering import json_response, link_start, page_or_fragment, wants_fragment
from factcheck.views.scale_css import current_scale

bp = Blueprint("queue", __name__)

FILTER_NAMES = (
    "q",
    "status",
    "verdict",
    "assignee",
    "article",
    "section",
    "kind",
    "previous",
    "evidence",
)
SECTIONS = queue_reads.SECTIONS
KINDS = {"claim": "Claims", "not_a_claim": "Not claims"}
SEARCH_MAX_CHARS = 200
# Counting every match is slow on a big database, so the count stops here ("more than 10,000").
COUNT_CAP = queue_reads.COUNT_BOUND
NOTICE_CATEGORY = "queue"


def filter_choices(ratings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The values each filter with fixed choices takes; the fixed choices (section, previous
    check, evidence) are the ones exports take."""
    return {"status": STATUSES, "verdict": ratings, "kind": tuple(KINDS), **CHOICES}


def dropped_filter_words(dropped: list[tuple[str, str]], ratings: tuple[str, ...]) -> str:
    """Why the JSON answers nothing for filters no claim could match, and what they take."""
    choices = filter_choices(ratings)
    problems = [
        f"{name} “{value[:40]}” is not one of {', '.join(choices[name])}" for name, value in dropped
    ]
    return (
        f"No claim could match: {'; '.join(problems)}. Give one of those values, or leave the"
        " filter out."
    )


def read_filters(args, ratings: tuple[str, ...]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The filters a request asks for, as strings, and the (filter, value) pairs left out as no
    claim could match them: an old shared link still opens, and the page says what it did not
    read rather than list every claim as if it had."""
    allowed = filter_choices(ratings)
    values, dropped = {}, []
    for name in FILTER_NAMES:
        value = " ".join((args.get(name) or "").split())
        if not value:
            continue
        if name in allowed and value not in allowed[name]:
            dropped.append((name, value))
            continue
        if name == "article":
            value = article_value(value)
        if name in ("q", "article"):
            value = value[:SEARCH_MAX_CHARS]
        if name == "assignee":
            value = value.lower()
        values[name] = value
    return values, dropped


def queue_filters(values: dict[str, str], username: str) -> queue_reads.QueueFilters:
    assignee = values.get("assignee")
    if assignee == "me":
        assignee = username
    return queue_reads.QueueFilters(
        status=values.get("status"),
        verdict=values.get("verdict"),
        assignee=assignee,
        article_id=int(values["article"]) if "article" in values else None,
        section=values.get("section"),
        kind=values.get("kind", "claim"),
        search=values.get("q"),
        previous_check=values.get("previous") == "yes",
        evidence=values.get("evidence"),
    )


def _notice(text: str, *, audit_id: int | None = None, skipped: str | None = None, error=False):
    return {"text": text, "audit_id": audit_id, "skipped": skipped, "error": error}


def _error_notice(error) -> dict:
    """A refused bulk action or undo, its store message as a sentence."""
    return _notice(store_error_words(error), error=True)


def _choices(db: Database) -> dict:
    everyone = user_store.list_users(db)
    return {
        "statuses": [(status, STATUS_LABELS[status]) for status in STATUSES],
        "people": [user for user in everyone if not user["disabled"]],
        # The filter names everyone: a person disabled may still hold claims to hand on.
        "filter_people": everyone,
        "usernames": {user["username"] for user in everyone},
        "sections": SECTIONS,
        "kinds": KINDS,
    }


def row_links() -> dict[str, str]:
    """The start of the two links every row carries (the claim on its article page, the queue
    filtered to its article), built once per page: url_for for each row cost more than the row."""
    return {
        "claim": link_start("articles.article_page", "article_id"),
        # The rows only ever show on the queue's own page, so the queue's link is relative.
        "article": "?article=",
    }


# What people type into a search box elsewhere: "-word", OR and NOT ("a phrase" is read).
_SEARCH_SYNTAX = re.compile(r"(?:^|\s)-\w|\s(?:OR|NOT|AND)\s|^NOT\s")


def search_note(text: str) -> str | None:
    """How the search read what was typed, when that is not what its syntax asks elsewhere."""
    notes = []
    if _SEARCH_SYNTAX.search(text):
        notes.append(
            "Every word typed must be in the claim (its start is enough; words in quotation"
            " marks and figures such as 3.5% exactly as typed): a minus sign, OR and NOT are not"
            " read as search syntax."
        )
    common = common_quotes(text)
    if common:
        quoted = " and ".join(f"“{run}”" for run in common[:2])
        notes.append(
            f"{quoted} {'is' if len(common) == 1 else 'are'} made only of words found in most"
            " claims, so it is not held as a phrase; add a less common word inside the quotation"
            " marks to hold it."
        )
    if typed_words(text) > MAX_WORDS:
        notes.append(f"Only the first {MAX_WORDS} words are looked for.")
    return " ".join(notes) or None


def count_label(count: int, capped: bool, kind: str = "claim") -> str:
    """'1 claim', '13 claims', 'more than 10,000 claims'; in the Not claims view, '13 non-claims'."""
    noun = "non-claim" if kind == "not_a_claim" else "claim"
    if capped:
        return f"more than {count:,} {noun}s"
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def export_note(values: dict[str, str], count: int, capped: bool) -> str:
    """What the export beside the queue covers: every claim the filters match, however many."""
    if values.get("kind", "claim") != "claim":
        return "Covers the claims these filters match, not the units listed here."
    if capped:
        return (
            f"Covers every one of the {count_label(count, capped)} these filters match;"
            " non-claims are left out."
        )
    if not count:
        return "No claims match these filters: an export would hold none."
    return f"Covers the {count_label(count, capped)} these filters match; non-claims are left out."


def queue_context(
    args: Mapping[str, str], notice: dict | None = None, selected: AbstractSet[int] = frozenset()
) -> dict:
    """Everything the queue page and its results partial show, for these query arguments."""
    db = get_db()
    actor = signed_in_actor()
    ratings = [(rating.key, rating.label) for rating in current_scale().ratings]
    values, dropped = read_filters(args, tuple(key for key, _ in ratings))
    choices = {**_choices(db), "ratings": ratings}
    article_matches = resolve_article(db, values)
    filtered = filtered_article(db, values)
    after = args.get("after") or None
    if article_matches is None:
        filters = queue_filters(values, actor.username)
        results = queue_reads.queue_results(db, filters, after=after, bound=COUNT_CAP)
    else:
        results = queue_reads.QueueResults([], None, 0, False)
    next_key, count, capped = results.next_key, results.count, results.more
    link_values: dict[str, Any] = values
    return {
        "filters": values,
        "claims": results.rows,
        "next_url": url_for("queue.queue_page", **link_values, after=next_key)
        if next_key
        else None,
        "first_url": url_for("queue.queue_page", **link_values) if after else None,
        "next_key": next_key,
        "page_size": queue_reads.PAGE_SIZE,
        "count": count,
        "count_capped": capped,
        "count_label": count_label(count, capped, values.get("kind", "claim")),
        "search_note": search_note(values.get("q") or ""),
        "dropped_filters": dropped,
        # Kept as a filter (it matches no claim), but said: no one has that username.
        "unknown_assignee": (
            values["assignee"]
            if values.get("assignee", "me") not in {"me", "none", *choices["usernames"]}
            else None
        ),
        "export_note": export_note(values, count, capped),
        "view": urlencode({**values, **({"after": after} if after else {})}),
        "choices": choices,
        "rating_labels": dict(choices["ratings"]),
        "notice": notice,
        "selected": selected,
        "article_matches": article_matches,
        "queue_suggestions": ARTICLE_SUGGESTIONS,
        "filtered_article": filtered,
        # Kept as a filter (it matches no claim), but said: no article has that number.
        "unknown_article": (
            values["article"] if filtered is None and values.get("article", "").isdigit() else None
        ),
        "links": row_links(),
    }


def _flashed_notice() -> dict | None:
    notices = get_flashed_messages(category_filter=[NOTICE_CATEGORY])
    # A notice is flashed as a dict (see `_answer`); Flask's annotations say str.
    return cast(dict, notices[-1]) if notices else None


@bp.get("/queue")
def queue_page():
    context = queue_context(request.args, notice=_flashed_notice())
    return page_or_fragment("queue.html", "partials/queue_results.html", **context)


@bp.get("/queue.json")
def queue_json():
    ratings = tuple(rating.key for rating in current_scale().ratings)
    _, dropped = read_filters(request.args, ratings)
    if dropped:
        # A script with a typo would take every claim for the filtered list (the page says
        # what it left out; a script reads no such line).
        return json_response(
            {
                "error": dropped_filter_words(dropped, ratings),
                "status": 422,
                "dropped_filters": [list(pair) for pair in dropped],
            },
            422,
        )
    context = queue_context(request.args)
    return json_response(
        {
            "filters": context["filters"],
            "count": context["count"],
            "count_capped": context["count_capped"],
            "count_label": context["count_label"],
            "claims": context["claims"],
            "next_key": context["next_key"],
            # The next page of this JSON, as a script follows it.
            "next_url": url_for("queue.queue_json", **context["filters"], after=context["next_key"])
            if context["next_key"]
            else None,
            **(
                {"article_matches": context["article_matches"]}
                if context["article_matches"] is not None
                else {}
            ),
        }
    )


@bp.get("/queue/articles")
def article_suggestions():
    """Articles whose number or title matches what is typed in the article filter, as <option>s
    for its suggestion list (newest first)."""
    typed = " ".join((request.args.get("article") or "").split())[:SEARCH_MAX_CHARS]
    found = suggestions(get_db(), typed)
    return render_template("partials/queue_article_options.html", articles=found)


def _view_args() -> MultiDict:
    """The queue view the form was posted from (filters and page), carried in a hidden field; a
    page key that no longer reads (the page was open across an upgrade) means the first page."""
    view = MultiDict(parse_qsl(request.form.get("view", "")))
    try:
        queue_reads.parse_page_key(view.get("after"))
    except Invalid:
        view.pop("after", None)
    return view


def _answer(notice: dict, status: int = 200, selected: AbstractSet[int] = frozenset()):
    """htmx gets the results again with the notice; a plain form post is sent back (303)."""
    view = _view_args()
    if wants_fragment():
        context = queue_context(view, notice=notice, selected=selected)
        # A selection kept (nothing was done to it) keeps its typed reason, for another try.
        context["bulk_reason"] = request.form.get("reason", "") if selected else ""
        return page_or_fragment("queue.html", "partials/queue_results.html", status, **context)
    # Flask keeps any JSON value in the session; its annotation says str.
    flash(notice, NOTICE_CATEGORY)  # type: ignore[arg-type]
    kept = {
        name: value for name, value in view.items() if value and name in (*FILTER_NAMES, "after")
    }
    return redirect(url_for("queue.queue_page", **kept), 303)


def _selected_ids() -> set[int]:
    """The ticked claims; a value that is not a claim id is Invalid."""
    return {require_id(value, "claim") for value in request.form.getlist("claim")}


def _bulk_value(action: str):
    if action in bulk_store.CLASSIFYING:
        return request.form.get("reason", "")
    if action == "assign":
        return request.form.get("assign_to", "").strip() or None
    return request.form.get("set_status", "")


@bp.post("/queue/bulk")
def bulk_action():
    actor = signed_in_actor()
    action = request.form.get("action", "")
    selected: set[int] = set()
    try:
        selected = _selected_ids()
        summary = bulk_store.bulk_update(
            get_db(), sorted(selected), action=action, value=_bulk_value(action), actor=actor
        )
    except (Invalid, NotFound) as error:
        return _answer(_error_notice(error), error.status, selected)
    people = user_store.list_users(get_db())
    names = {user["username"]: user["display_name"] for user in people}
    by_id = {user["id"]: user["display_name"] or user["username"] for user in people}
    skipped = describe_skips(summary["skipped"])
    if summary["claim_ids"]:
        notice = _notice(
            describe_bulk(summary, names, by_id), audit_id=summary["audit_id"], skipped=skipped
        )
    else:
        # Nothing was done: the selection and its reason stay for another try.
        return _answer(_notice("Nothing changed.", skipped=skipped), selected=selected)
    return _answer(notice)


@bp.post("/queue/undo")
def undo_bulk():
    actor = signed_in_actor()
    audit_id = parse_id(request.form.get("audit_id"))
    try:
        if audit_id is None:  # answered in the queue's notice, as an id that names nothing
            raise NotFound("bulk.not_found", {"audit_id": None})
        summary = bulk_store.undo_bulk(get_db(), audit_id, actor=actor)
    except (NotFound, Forbidden, Invalid) as error:
        return _answer(_error_notice(error), error.status)
    return _answer(_notice(describe_undo(summary), skipped=describe_skips(summary["skipped"])))


@bp.get("/queue/reasons")
def queue_reasons():
    """Why the queue is ordered as it is: each reason's weight and how it acts on these claims."""
    return page_or_fragment("queue_reasons.html", "partials/reason_effects.html", **_reasons())


@bp.get("/queue/reasons.json")
def queue_reasons_json():
    context = _reasons()
    return json_response(
        {
            "claims": context["claims"],
            "sampled_units": context["sample_units"],
            "reasons": [asdict(e) for e in context["effects"]],
        }
    )


# A page answers within the query time limit on any desk: on a large one, the reasons are
# counted over the newest units (a sample the size of a busy year's work), and the page says so.
REASONS_SAMPLE_UNITS = 200_000


def _reasons() -> dict:
    db = get_db()
    combinations = reason_store.reason_combinations(db, newest=REASONS_SAMPLE_UNITS)
    sampled = reason_store.newest_unit_id(db) > REASONS_SAMPLE_UNITS
    return {
        "claims": sum(count for _, count in combinations),
        "effects": reason_effects(combinations),
        "sample_units": REASONS_SAMPLE_UNITS if sampled else None,
    }
