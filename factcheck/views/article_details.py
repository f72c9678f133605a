"""Correcting an article's details (title, byline, publisher, date, address) after import, for
editors and admins, with a reason kept in the audit trail."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from factcheck.store import articles as article_store
from factcheck.store.errors import Invalid
from factcheck.views.auth_guard import require_role, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words

bp = Blueprint("article_details", __name__)

_CHANGED_SINCE = (
    "Someone changed this since you opened the form: it is now “{now}”. Saving again puts what"
    " you typed in its place"
)


def _differs(typed: str, opened: str | None) -> bool:
    """Whether a field was changed in the form (one sent without its opening value was)."""
    return opened is None or " ".join(typed.split()) != " ".join(opened.split())


def _page(article, typed: dict, errors: dict, status: int = 200):
    return render_template(
        "article_details.html",
        article=article,
        opened={name: article[name] or "" for name in article_store.EDITABLE_FIELDS},
        typed=typed,
        errors=errors,
        max_chars=article_store.MAX_DETAIL_CHARS,
    ), status


# One rule for both methods: werkzeug answers 405 rather than 404 when two rules share a path and
# an id too big for the database fails the converter of both (tests/test_huge_ids.py).
@bp.route("/articles/<id:article_id>/details", methods=["GET", "POST"])
@require_role("editor", "admin")
def details(article_id: int):
    db = get_db()
    article: dict = dict(article_store.get_article(db, article_id))
    if request.method == "GET":
        typed = {name: article[name] or "" for name in article_store.EDITABLE_FIELDS}
        return _page(article, typed, {})
    typed = {name: request.form.get(name, "") for name in article_store.EDITABLE_FIELDS}
    reason = request.form.get("reason", "")
    # Only what this person changed is written: a field a colleague corrected since the form was
    # drawn is not put back. One both changed is refused, with the value stored now.
    opened = {name: request.form.get(f"was_{name}") for name in article_store.EDITABLE_FIELDS}
    # A field the form did not have (one drawn before it was added) is left as it is.
    changed = {
        name: value
        for name, value in typed.items()
        if name in request.form and _differs(value, opened[name])
    }
    clashes = [
        name
        for name in changed
        if opened[name] is not None and (article[name] or "") != opened[name]
    ]
    if clashes:
        errors = {name: _CHANGED_SINCE.format(now=article[name] or "empty") for name in clashes}
        return _page(article, {**typed, "reason": reason}, errors, status=409)
    try:
        article_store.edit_details(db, article_id, changed, reason=reason, actor=signed_in_actor())
    except Invalid as problem:
        # What was typed stays in the form, with the words beside the field they are about.
        errors = {problem.field or "form": store_error_words(problem)}
        return _page(article, {**typed, "reason": reason}, errors, status=422)
    rescored = " Its claims were scored again in that language." if "language" in changed else ""
    flash(f"Saved the article's details; the audit trail keeps what they were and why.{rescored}")
    return redirect(url_for("articles.article_page", article_id=article_id), 303)
