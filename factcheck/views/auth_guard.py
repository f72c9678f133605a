"""Who is signed in: the session is checked against the server on every request, and guards."""

import functools

from flask import Flask, g, redirect, request, session, url_for

from factcheck.store import users
from factcheck.store.actors import Actor
from factcheck.store.errors import Forbidden
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response, wants_json

# Endpoints anyone may reach without signing in.
PUBLIC_ENDPOINTS = {"auth.sign_in", "static", "health.healthz"}


def sign_in_session(actor: Actor) -> None:
    """Start a fresh session for this person (a new session also gets a new CSRF token)."""
    generation = users.session_generation(get_db(), actor.id)
    session.clear()
    session["user_id"] = actor.id
    session["generation"] = generation
    session.permanent = True


def sign_out_session() -> None:
    session.clear()


def current_actor() -> Actor | None:
    """The signed-in person, or None; disabled users and changed passwords end sessions at once."""
    if "actor" not in g:
        user_id, generation = session.get("user_id"), session.get("generation")
        actor = None
        if user_id is not None and generation is not None:
            actor = users.session_actor(get_db(), user_id, generation)
            if actor is None:
                session.clear()
        g.actor = actor
    return g.actor


def signed_in_actor() -> Actor:
    actor = current_actor()
    if actor is None:  # the before_request hook keeps anonymous requests out of views
        raise Forbidden("sign in first")
    return actor


def require_role(*roles: str):
    """Refuse a view with 403 unless the signed-in person has one of these roles."""

    def decorate(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            actor = signed_in_actor()
            if actor.role not in roles:
                raise Forbidden(
                    f"this needs the {' or '.join(roles)} role; {actor.username} is a {actor.role}"
                )
            return view(*args, **kwargs)

        return guarded

    return decorate


def _require_sign_in():
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if current_actor() is not None:
        return None
    target = url_for("auth.sign_in", next=request.full_path.rstrip("?"))
    if wants_json():
        return json_response({"error": "sign in first", "status": 401}, 401)
    if request.headers.get("HX-Request"):
        response = json_response(
            {"error": "your session has ended; sign in again", "status": 401}, 401
        )
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


def init_app(app: Flask) -> None:
    app.before_request(_require_sign_in)

    @app.context_processor
    def _actor_in_templates():
        return {"actor": current_actor()}
