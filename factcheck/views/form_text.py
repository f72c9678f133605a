"""Refuse a request whose query or form fields hold a NUL character, which no text may hold,
unless its view reads such characters itself (an article's pasted text, tidied or refused in
its own field's words)."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest

View = TypeVar("View", bound=Callable)

NUL_WORDS = (
    "A field holds a NUL character, an invisible control character that no text here may hold"
    " (text pasted from some programs carries one): remove it and send again."
)


def reads_nul_itself(view: View) -> View:
    """Mark a view that answers a NUL in its fields in words of its own."""
    view.reads_nul_itself = True  # type: ignore[attr-defined]
    return view


def _refuse_nul() -> None:
    # Kept, a NUL would sit inside a comment or a quote (a quote that can then never be found on
    # its page) and be passed on by the exports, which other systems refuse (JSON's \u0000).
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "reads_nul_itself", False):
        return
    # 400, not 422: the workbench draws a 422 in place of the form it answers (a field's own
    # words), and this answer has no form, so the form, and what was typed in it, would go.
    for fields in (request.args, request.form):
        if any("\x00" in value for _, values in fields.lists() for value in values):
            raise BadRequest(NUL_WORDS)


def init_app(app: Flask) -> None:
    """Call after the sign-in check, so a signed-out request is sent to sign in first."""
    app.before_request(_refuse_nul)
