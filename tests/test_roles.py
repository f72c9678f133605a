"""Every route is guarded, found from the app's url_map so that routes added later are covered:
anonymous visitors are sent to sign in, and each role is refused (403) exactly where the table
below says. A new route that is editor- or admin-only fails here until the table says so."""

import re
import tempfile
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import PASSWORD, add_people, first_checkable_claim, import_sample, new_database
from werkzeug.exceptions import HTTPException

from factcheck.app import create_app
from factcheck.store import evidence

# Reachable without signing in. Anything else must send anonymous visitors to the sign-in page.
PUBLIC = {"auth.sign_in", "static", "health.healthz"}
# Signed-in people of every role may use every other route, except these.
EDITOR_ONLY = {
    "claim_actions.approve",
    "claim_actions.return_verdict",
    "library.import_file",
    "library.remove_item",
    "audit_trail.audit_page",
    "audit_trail.audit_json",
    "audit_trail.trail_check",
    "audit_trail.start_trail_check",
    "article_details.details",
}
ADMIN_ONLY_BLUEPRINTS = {"admin"}
# One person per role, none of them the target of the admin routes (USERNAME_IN_URLS).
PERSON_OF_ROLE = {"reviewer": "rita", "editor": "ed", "admin": "ada"}
USERNAME_IN_URLS = "eve"


def allowed_roles(endpoint: str) -> set[str]:
    if endpoint.split(".")[0] in ADMIN_ONLY_BLUEPRINTS:
        return {"admin"}
    if endpoint in EDITOR_ONLY:
        return {"editor", "admin"}
    return set(PERSON_OF_ROLE)


def _routes() -> list[tuple[str, str, str]]:
    """(endpoint, rule, method) for every route the app has, HEAD and OPTIONS aside."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"DATABASE": f"{folder}/routes.db", "SECRET_KEY": "k" * 40, "TESTING": True}
        )
        return sorted(
            (rule.endpoint, rule.rule, method)
            for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}
        )


ROUTES = _routes()
GUARDED = [route for route in ROUTES if route[0] not in PUBLIC]
ROUTE_IDS = [f"{method} {rule}" for _, rule, method in GUARDED]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One app for the module, its people, and real records to put in URLs."""
    path = tmp_path_factory.mktemp("roles") / "factcheck.db"
    db = new_database(path)
    people = add_people(db)
    article_id = import_sample(db)
    claim = first_checkable_claim(db, article_id)
    source = evidence.add_evidence(
        db, claim["id"], url="https://example.org/report", stance="supports", actor=people["rita"]
    )
    db.close()
    app = create_app({"DATABASE": str(path), "TESTING": True})
    values = {
        "article_id": article_id,
        "claim_id": claim["id"],
        "evidence_id": source["id"],
        "username": USERNAME_IN_URLS,
    }
    return app, values


# For an argument the world has no record for: the first of these its converter accepts.
STAND_INS = (1, uuid.UUID(int=1), "x")


def url_of(app, values: dict, endpoint: str, rule: str, method: str) -> str:
    """A URL for this exact rule: real ids where the world has them, stand-ins elsewhere."""
    arguments = next(r.arguments for r in app.url_map.iter_rules() if r.rule == rule)
    adapter = app.url_map.bind("localhost")
    for stand_in in STAND_INS:
        chosen = {name: values.get(name, stand_in) for name in arguments}
        url = adapter.build(endpoint, chosen, method=method)
        try:
            matched, _ = adapter.match(url, method=method, return_rule=True)
        except HTTPException:
            continue
        if matched.rule == rule:
            return url
    raise AssertionError(f"no URL reaches {rule}: add a value for {sorted(arguments)} to world")


def token_in(response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def send(browser, method: str, url: str, token: str | None, **headers):
    if token:
        headers["X-CSRFToken"] = token
    return browser.open(url, method=method, headers=headers)


# The table itself


def test_exactly_the_public_endpoints_let_anonymous_visitors_in(world):
    app, values = world
    let_in = set()
    for endpoint, rule, method in ROUTES:
        if method != "GET":
            continue
        response = app.test_client().get(url_of(app, values, endpoint, rule, method))
        location = urlsplit(response.headers.get("Location", "")).path
        if response.status_code != 401 and not (
            response.status_code == 303 and location == "/sign-in"
        ):
            let_in.add(endpoint)
    assert let_in == PUBLIC


def test_the_routes_are_found_from_the_url_map():
    endpoints = {endpoint for endpoint, _, _ in ROUTES}
    assert PUBLIC <= endpoints
    assert {"auth.sign_out", "account.change_password", "admin.users_page"} <= endpoints


@pytest.mark.parametrize("endpoint", sorted(EDITOR_ONLY))
def test_every_editor_only_endpoint_is_a_real_route(endpoint):
    registered = {registered for registered, _, _ in ROUTES}
    assert endpoint in registered, f"EDITOR_ONLY names {endpoint}, which is no route: rename it"


@pytest.mark.parametrize("path", ["/sign-in", "/healthz", "/static/css/workbench.css"])
def test_public_pages_answer_anyone(world, path):
    app, _ = world
    assert app.test_client().get(path).status_code == 200


# Anonymous visitors


@pytest.mark.parametrize("endpoint, rule, method", GUARDED, ids=ROUTE_IDS)
def test_anonymous_visitors_are_sent_to_sign_in(world, endpoint, rule, method):
    app, values = world
    url = url_of(app, values, endpoint, rule, method)
    browser = app.test_client()
    token = token_in(browser.get("/sign-in")) if method != "GET" else None
    response = send(browser, method, url, token)
    if url.endswith(".json"):
        assert response.status_code == 401
        assert response.get_json()["error"] == "sign in first"
        return
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    location = urlsplit(response.headers["Location"])
    assert location.path == "/sign-in"
    # A write's own address cannot be opened after signing in; with no page named to go back
    # to, the dashboard is next.
    assert parse_qs(location.query)["next"] == [url if method == "GET" else "/"]


@pytest.mark.parametrize("endpoint, rule, method", GUARDED, ids=ROUTE_IDS)
def test_anonymous_htmx_requests_are_redirected_by_htmx(world, endpoint, rule, method):
    app, values = world
    url = url_of(app, values, endpoint, rule, method)
    browser = app.test_client()
    token = token_in(browser.get("/sign-in")) if method != "GET" else None
    response = send(browser, method, url, token, **{"HX-Request": "true"})
    assert response.status_code == 401
    if not url.endswith(".json"):
        assert urlsplit(response.headers["HX-Redirect"]).path == "/sign-in"


# Roles


@pytest.mark.parametrize("role", sorted(PERSON_OF_ROLE))
@pytest.mark.parametrize("endpoint, rule, method", GUARDED, ids=ROUTE_IDS)
def test_each_role_is_refused_exactly_where_the_table_says(world, endpoint, rule, method, role):
    app, values = world
    url = url_of(app, values, endpoint, rule, method)
    browser = app.test_client()
    signed_in = browser.post(
        "/sign-in",
        data={
            "username": PERSON_OF_ROLE[role],
            "password": PASSWORD,
            "csrf_token": token_in(browser.get("/sign-in")),
        },
    )
    assert signed_in.status_code == 303
    token = token_in(browser.get("/account")) if method != "GET" else None
    response = send(browser, method, url, token)
    if role in allowed_roles(endpoint):
        assert response.status_code != 403, (
            f"{role} was refused {method} {url}: if that is meant, add {endpoint} to the table"
        )
        assert response.status_code < 500, f"{method} {url} failed for a {role}"
    else:
        assert response.status_code == 403, f"a {role} was let through to {method} {url}"
