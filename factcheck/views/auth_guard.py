"""Who is signed in: the session is checked against the server on every request, and guards."""

import functools
from urllib.parse import urlsplit

from flask import Flask, Response, flash, g, redirect, request, url_for

from factcheck.store.actors import Actor
from factcheck.store.errors import Forbidden
from factcheck.views import web_session
from factcheck.views.rendering import json_response, wants_fragment, wants_json

# Endpoints anyone may reach without signing in.
PUBLIC_ENDPOINTS = {"auth.sign_in", "static", "health.healthz"}


def current_actor() -> Actor | None:
    """The signed-in person, acting through this session's channel, or None once the session
    has ended: signed out, idle, too old, or ended by a password change or disabling."""
    if "actor" not in g:
        g.actor = web_session.resume()
    return g.actor


def signed_in_actor() -> Actor:
    actor = current_actor()
    if actor is None:  # the before_request hook keeps anonymous requests out of views
        raise Forbidden("actor.not_signed_in")
    return actor


def require_role(*roles: str):
    """Refuse a view with 403 unless the signed-in person has one of these roles."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            actor = signed_in_actor()
            if actor.role not in roles:
                raise Forbidden(
                    "actor.wrong_role",
                    {"roles": list(roles), "username": actor.username, "role": actor.role},
                )
            return view(*args, **kwargs)

        return guarded

    return decorate


NOT_SAVED = "You were signed out, so your last change was not saved; sign in and make it again."


def same_site_path(address: str | None) -> str | None:
    """The path and query of an address on this site, or None for another site's."""
    if not address:
        return None
    parts = urlsplit(address)
    if parts.netloc and parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page_to_return_to() -> str:
    # A write's own address (POST /claims/5/verdict) cannot be opened after signing in, nor a part
    # of a page htmx asked for (a note asking again): go back to the page it was sent from (htmx
    # names it; a plain form has its referrer).
    if request.method in ("GET", "HEAD") and not wants_fragment():
        return request.full_path.rstrip("?")
    sent_from = request.headers.get("HX-Current-URL") or request.referrer
    return same_site_path(sent_from) or url_for("articles.dashboard")


def sign_in_again():
    """The answer to a request whose session has ended: to the sign-in page, then back."""
    target = url_for("auth.sign_in", next=_page_to_return_to())
    ended = web_session.ended_message()
    if wants_json():
        return json_response({"error": ended or "sign in first", "status": 401}, 401)
    if ended:
        flash(ended)  # shown on the sign-in page, where htmx's HX-Redirect also leads
    if request.method != "GET" and request.endpoint != "auth.sign_out":
        flash(NOT_SAVED)
    if request.headers.get("HX-Request"):
        message = ended or "Your session has ended; sign in again."
        response = json_response({"error": message, "status": 401}, 401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


def signed_out() -> bool:
    """True when this request needs a signed-in person and nobody is."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return False
    return current_actor() is None


def _require_sign_in():
    return sign_in_again() if signed_out() else None


# The person an answer was drawn for. A page names its own in body[data-person]; workbench.js
# refuses to draw an answer for someone else into it (another person signed in on this browser
# since the page was drawn), so one person's panel never takes another's unsaved text.
PERSON_HEADER = "X-Factcheck-Person"


def _name_the_person(response: Response) -> Response:
    if "actor" in g:  # asked on every request that needs a person (usernames are ASCII)
        response.headers[PERSON_HEADER] = g.actor.username if g.actor else ""
    return response


def init_app(app: Flask) -> None:
    web_session.init_app(app)
    app.before_request(_require_sign_in)
    app.after_request(_name_the_person)

    @app.context_processor
    def _actor_in_templates():
        return {"actor": current_actor()}
