"""The Flask application factory: configuration, extensions, blueprints and security headers."""

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx
from werkzeug.middleware.proxy_fix import ProxyFix

from factcheck import __version__, settings
from factcheck.db import default_path
from factcheck.importers import DEFAULT_MAX_BYTES
from factcheck.network.fetch import DEFAULT_POLICY
from factcheck.resources import static_dir
from factcheck.text.language import direction
from factcheck.views import (
    account,
    admin,
    article_details,
    articles,
    audit_trail,
    auth,
    auth_guard,
    body_limits,
    claim_actions,
    claim_pages,
    connection,
    downloads,
    errors,
    evidence_copies,
    form_text,
    formatting,
    headers,
    health,
    ids,
    imports,
    inbox,
    library_pages,
    previous_check_actions,
    rate_limit,
    review_queue,
    scale_css,
    session_cookie,
    unit_edits,
)

HTMX_VERSION = "2.0.11"
# Room for the other fields of a form that carries an article of the largest allowed size.
FORM_OVERHEAD_BYTES = 64 * 1024

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    """Build the workbench. Settings come from defaults, then FACTCHECK_* environment variables
    (FACTCHECK_SECRET_KEY, FACTCHECK_SESSION_COOKIE_SECURE=true, ...), then `test_config`."""
    app = Flask(__name__, static_folder=str(static_dir()), static_url_path="/static")
    app.config.from_mapping(
        DATABASE=str(default_path()),
        SESSION_COOKIE_NAME="factcheck_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # None: Secure (and named __Host-...) exactly when the request came over https.
        SESSION_COOKIE_SECURE=None,
        # The token lives as long as the session, so a long review never fails on an old token.
        WTF_CSRF_TIME_LIMIT=None,
        # Where imports and evidence archiving may fetch from; only tests loosen it.
        FETCH_POLICY=DEFAULT_POLICY,
        MAX_IMPORT_BYTES=DEFAULT_MAX_BYTES,
    )
    app.config.from_mapping(settings.app_config())
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = session_cookie.load_or_create(
            session_cookie.key_path_for(app.config["DATABASE"])
        )
    if isinstance(app.json, DefaultJSONProvider):
        app.json.sort_keys = False
    _limit_request_size(app)
    _trust_proxies(app)

    ids.init_app(app)
    Htmx(app)
    body_limits.init_app(app)
    csrf.init_app(app)
    session_cookie.init_app(app)
    connection.init_app(app)
    auth_guard.init_app(app)
    form_text.init_app(app)
    rate_limit.init_app(app)
    headers.init_app(app)
    errors.init_app(app)
    formatting.init_app(app)
    downloads.init_app(app)
    inbox.init_app(app)
    app.jinja_env.globals["factcheck_version"] = __version__
    app.jinja_env.globals["htmx_version"] = HTMX_VERSION
    # "rtl" or "ltr": the way an article's language is written, for its text's dir attribute.
    app.add_template_filter(direction)

    app.register_blueprint(auth.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(audit_trail.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(article_details.bp)
    app.register_blueprint(claim_pages.bp)
    app.register_blueprint(claim_actions.bp)
    app.register_blueprint(unit_edits.bp)
    app.register_blueprint(evidence_copies.bp)
    app.register_blueprint(scale_css.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(review_queue.bp)
    app.register_blueprint(inbox.bp)
    app.register_blueprint(previous_check_actions.bp)
    app.register_blueprint(library_pages.bp)
    app.register_blueprint(downloads.bp)
    return app


def _limit_request_size(app: Flask) -> None:
    """Let an article of the import limit through a form, beside a file a near-copy warning holds,
    and refuse bigger bodies with 413."""
    import_limit = int(app.config["MAX_IMPORT_BYTES"])
    request_limit = import_limit + imports.held_file_room(import_limit) + FORM_OVERHEAD_BYTES
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = request_limit
    # A pasted article arrives as an ordinary form field, which Flask caps at 500 kB by default.
    app.config["MAX_FORM_MEMORY_SIZE"] = max(
        app.config.get("MAX_FORM_MEMORY_SIZE") or 0, request_limit
    )


def _trust_proxies(app: Flask) -> None:
    """FACTCHECK_TRUSTED_PROXIES=N: take the client's address and scheme from the X-Forwarded-For
    and X-Forwarded-Proto entries the N proxies in front of the app add. 0, the default, ignores
    those headers, since without a proxy anyone could send them."""
    count = app.config.get("TRUSTED_PROXIES") or 0
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(
            f"FACTCHECK_TRUSTED_PROXIES must be the number of proxies in front of the app"
            f" (0 or more), not {count!r}"
        )
    if count:
        # Flask's documented way to wrap its WSGI app; mypy reads it as replacing a method.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
