"""Signing in and out."""

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for

from factcheck.store import users
from factcheck.views.auth_guard import current_actor, sign_in_session, sign_out_session
from factcheck.views.connection import get_db

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: a crafted ?next= must not send people to another site."""
    if not target:
        return url_for("articles.dashboard")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("articles.dashboard")
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    next_page = _safe_next(request.values.get("next"))
    if request.method == "GET":
        if current_actor() is not None:
            return redirect(next_page, 303)
        return render_template("sign_in.html", next_page=next_page, error=None, username="")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    actor = users.authenticate(get_db(), username, password) if username and password else None
    if actor is None:
        error = (
            "That username and password do not match an active account. Check both and try again."
        )
        return render_template(
            "sign_in.html", next_page=next_page, error=error, username=username
        ), 401
    sign_in_session(actor)
    return redirect(next_page, 303)


@bp.post("/sign-out")
def sign_out():
    sign_out_session()
    return redirect(url_for("auth.sign_in"), 303)
