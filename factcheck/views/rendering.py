"""Answer with a whole page, an htmx fragment or JSON, depending on who is asking."""

from typing import Any

from flask import jsonify, render_template, request, url_for


def wants_fragment() -> bool:
    """An htmx request that expects a fragment; boosted links and history restores want pages."""
    htmx: Any = getattr(request, "htmx", None)  # htmx-flask's HTMX object, when installed
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def wants_json() -> bool:
    return request.path.endswith(".json")


def page_or_fragment(page: str, fragment: str, status: int = 200, **context):
    """The page template for a browser, the partial alone for htmx; both get the same context."""
    return render_template(fragment if wants_fragment() else page, **context), status


def json_response(value, status: int = 200):
    response = jsonify(value)
    response.status_code = status
    return response


def link_start(endpoint: str, last: str) -> str:
    """The link to `endpoint` up to the value of its argument `last` (the route's only one, or its
    only query argument), so a page of rows can append each row's id to it."""
    values: dict[str, Any] = {last: 0}
    link = url_for(endpoint, **values)
    if not link.endswith("0"):
        raise ValueError(f"the link to {endpoint} does not end with its {last}: {link}")
    return link[:-1]
