"""Security headers on every kind of response, the session cookie's flags, and CSRF protection."""

import json
import os
import stat

import pytest
from helpers import HX, parse

from factcheck.app import create_app
from factcheck.views.headers import CONTENT_SECURITY_POLICY
from factcheck.views.session_cookie import SecretKeyError, key_path_for, load_or_create

# Directives a browser does not fill in from default-src: without them, anything goes.
NO_FALLBACK = {"base-uri": {"'none'"}, "form-action": {"'self'"}, "frame-ancestors": {"'none'"}}
# Images may also be data: URLs; nothing else may come from anywhere but this site.
ALLOWED_SOURCES = {"img-src": {"'self'", "data:"}}


def directives(policy: str) -> dict[str, set[str]]:
    """A Content-Security-Policy header as {directive: its sources}."""
    parsed: dict[str, set[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} is given twice, and browsers obey only the first"
        parsed[name] = set(sources)
    return parsed


def assert_strict(policy: str) -> None:
    """Scripts, styles and everything else only from this site, no inline script or eval, no
    plugins, and the page cannot be framed, rebased or made to post elsewhere."""
    parsed = directives(policy)
    assert parsed.get("default-src") == {"'self'"}, policy
    assert parsed.get("object-src") == {"'none'"}, policy
    for name, sources in parsed.items():
        if name.endswith("-src"):
            allowed = ALLOWED_SOURCES.get(name, {"'self'"}) | {"'none'"}
            assert sources <= allowed, f"{name} also allows {sorted(sources - allowed)}"
    for name, expected in NO_FALLBACK.items():
        assert parsed.get(name) == expected, f"{name} must be {expected}: {policy}"


@pytest.fixture
def paths(make_article, app_db):
    from factcheck.store.claim_reads import claims_for_article

    article_id = make_article()
    claim_id = claims_for_article(app_db, article_id)[0]["id"]
    return {
        "page": f"/articles/{article_id}",
        "dashboard": "/",
        "json": f"/articles/{article_id}.json",
        "fragment": f"/claims/{claim_id}/panel",
        "static": "/static/css/workbench.css",
        "vendored": "/static/vendor/htmx-2.0.11.min.js",
        "not found": "/articles/999",
        "json not found": "/articles/999.json",
        "health": "/healthz",
        "redirect": f"/claims/{claim_id}",
    }


KINDS = [
    "page",
    "dashboard",
    "json",
    "fragment",
    "static",
    "vendored",
    "not found",
    "json not found",
    "health",
    "redirect",
]


def test_the_served_policy_is_strict(client, paths):
    assert_strict(client.get(paths["page"]).headers["Content-Security-Policy"])


@pytest.mark.parametrize(
    "weakened",
    [
        "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'",
        "default-src *; object-src 'none'; base-uri 'none'; form-action 'self'",
        "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'",
        "default-src 'self'; style-src 'self' https:; object-src 'none'; base-uri 'none';"
        " form-action 'self'; frame-ancestors 'none'",
    ],
)
def test_the_strictness_check_refuses_weaker_policies(weakened):
    with pytest.raises(AssertionError):
        assert_strict(weakened)


@pytest.mark.parametrize("kind", KINDS)
def test_every_response_carries_the_security_headers(client, paths, kind):
    headers = HX if kind == "fragment" else {}
    response = client.get(paths[kind], headers=headers)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("kind", ["page", "dashboard", "json", "fragment", "not found", "health"])
def test_pages_and_data_are_never_cached(client, paths, kind):
    headers = HX if kind == "fragment" else {}
    response = client.get(paths[kind], headers=headers)
    assert response.headers["Cache-Control"] == "no-store"


def test_html_varies_with_the_htmx_header(client, paths):
    assert "HX-Request" in client.get(paths["page"]).headers["Vary"]


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if "session" in c]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def test_over_https_the_session_cookie_is_secure_and_host_only(anonymous_client):
    page = anonymous_client.get("/sign-in", base_url="https://factcheck.example")
    cookie = _session_cookie(page)
    assert cookie.startswith("__Host-factcheck_session=")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(flag.startswith("domain=") for flag in flags)


def test_over_plain_http_the_cookie_cannot_claim_to_be_secure(client):
    cookie = _session_cookie(client.get("/"))
    assert cookie.startswith("factcheck_session=")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=lax"} <= flags and "secure" not in flags


def test_the_secure_flag_can_be_forced_for_a_tls_proxy_in_front(db_path):
    app = create_app({"DATABASE": str(db_path), "TESTING": True, "SESSION_COOKIE_SECURE": True})
    cookie = _session_cookie(app.test_client().get("/sign-in"))
    assert cookie.startswith("__Host-factcheck_session=") and "Secure" in cookie


def test_the_session_survives_from_page_to_page_over_https(client):
    client.get("/", base_url="https://factcheck.example")
    token_page = client.get("/", base_url="https://factcheck.example")
    assert not [c for c in token_page.headers.getlist("Set-Cookie") if "session" in c]


def test_posts_need_the_csrf_token_that_pages_hand_to_htmx(app, client_as):
    app.add_url_rule("/echo", "echo", lambda: "saved", methods=["POST"])
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None
    client = client_as("rita")
    refused = client.post("/echo")
    assert refused.status_code == 400
    assert "security token" in refused.get_data(as_text=True)
    body = parse(client.get("/")).cssselect("body")[0]
    token = json.loads(body.get("hx-headers"))["X-CSRFToken"]
    accepted = client.post("/echo", headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert accepted.status_code == 200 and accepted.get_data(as_text=True) == "saved"


def test_the_secret_key_is_made_once_private_and_reused(db_path):
    first = create_app({"DATABASE": str(db_path)})
    second = create_app({"DATABASE": str(db_path)})
    key_file = key_path_for(db_path)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) >= 32


def test_a_secret_key_file_others_can_read_is_refused(tmp_path):
    key_file = tmp_path / "x.db.secret_key"
    key_file.write_text("a" * 64)
    os.chmod(key_file, 0o644)
    with pytest.raises(SecretKeyError, match="chmod 600"):
        load_or_create(key_file)


def test_a_configured_secret_key_is_used_and_no_file_is_written(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "y.db"), "SECRET_KEY": "s" * 40})
    assert app.secret_key == "s" * 40
    assert not key_path_for(tmp_path / "y.db").exists()
