"""The signed-in person's own account: who they are, and changing their password (a wrong
current password is logged and waits as a failed sign-in does)."""

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for

from factcheck.passwords import MIN_LENGTH, normalized, password_refusal
from factcheck.store import users
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid
from factcheck.views import web_session
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.rate_limit import login_limiter, wait_in_words

bp = Blueprint("account", __name__)
log = logging.getLogger(__name__)

PASSWORD_FIELDS = ("current_password", "new_password", "confirm_password")


def _page(errors: dict | None = None, status: int = 200):
    actor = signed_in_actor()
    return render_template(
        "account.html",
        user=users.get_user(get_db(), actor.username),
        errors=errors or {},
        min_length=MIN_LENGTH,
    ), status


def password_form_problems(current: str, new: str, confirm: str, actor: Actor) -> dict:
    """What is wrong with the form before the store is asked, by field: all of it at once (a
    short new password and a confirmation that differs are said together), but whether the
    current password is right, which only the store may try."""
    problems = {}
    if not current:
        problems["current_password"] = "enter your current password"
    weak = new and password_refusal(
        new, actor.username, actor.display_name or "", field="new_password"
    )
    if not new:
        problems["new_password"] = "enter a new password"
    elif weak:
        problems["new_password"] = store_error_words(weak)
    if new and normalized(new) != normalized(confirm):
        problems["confirm_password"] = (
            "the two new passwords are not the same; type the new one again in both boxes"
        )
    return problems


def _too_many_attempts(wait: int):
    error = (
        f"Too many wrong current passwords. Wait {wait_in_words(wait)}, then try again; if you"
        " have forgotten your password, ask an admin to reset it."
    )
    page, status = _page({"current_password": error}, 429)
    return page, status, {"Retry-After": str(wait)}


@bp.get("/account")
def account_page():
    return _page()


@bp.post("/account/password")
def change_password():
    actor = signed_in_actor()
    current, new, confirm = (request.form.get(name, "") for name in PASSWORD_FIELDS)
    problems = password_form_problems(current, new, confirm, actor)
    if problems:
        return _page(problems, 422)
    address = request.remote_addr or "unknown"
    limiter = login_limiter()
    wait = limiter.current_password_retry_after(actor.username)
    if wait:
        log.warning(
            "password change refused for %r from %s: too many wrong current passwords",
            actor.username,
            address,
        )
        return _too_many_attempts(wait)
    try:
        users.change_password(get_db(), actor.username, new, actor=actor, current_password=current)
    except Invalid as problem:
        if problem.code == "password.wrong":
            limiter.current_password_failed(actor.username)
            log.warning("wrong current password for %r from %s", actor.username, address)
        return _page({problem.field or "new_password": store_error_words(problem)}, 422)
    limiter.current_password_succeeded(actor.username)
    # The change ended every session of this person, this one too: start this one afresh.
    web_session.start(actor)
    flash("Password changed. Any other place you were signed in has been signed out.")
    return redirect(url_for("account.account_page"), 303)
