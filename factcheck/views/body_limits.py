"""Larger request bodies for the few views that take bigger files than the app-wide limit."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, request

View = TypeVar("View", bound=Callable)


def takes_body_up_to(limit: int) -> Callable[[View], View]:
    """Let this view's requests carry up to `limit` bytes instead of MAX_CONTENT_LENGTH."""

    def mark(view: View) -> View:
        view.max_body_bytes = limit  # type: ignore[attr-defined]
        return view

    return mark


def _raise_limit() -> None:
    # Set before anything reads the body: the CSRF check reads the form ahead of the view, so a
    # limit the view set itself would come too late.
    view = current_app.view_functions.get(request.endpoint or "")
    limit = getattr(view, "max_body_bytes", None)
    if limit is not None:
        request.max_content_length = limit


def init_app(app: Flask) -> None:
    """Call before any extension whose before_request hook reads the request body."""
    app.before_request(_raise_limit)
