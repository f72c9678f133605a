"""Security headers on every response, and no caching of pages or data that may be private."""

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Pages and JSON carry newsroom work in progress: never keep them in a shared or browser cache.
_PRIVATE_TYPES = {"text/html", "application/json"}


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        # A view may set a stricter policy of its own (stored evidence copies are sandboxed).
        if name == "Content-Security-Policy" and name in response.headers:
            continue
        response.headers[name] = value
    if response.mimetype in _PRIVATE_TYPES:
        response.headers["Cache-Control"] = "no-store"
    if response.mimetype == "text/html":
        # The same URL answers with a whole page or, for htmx, a fragment.
        response.vary.add("HX-Request")
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
