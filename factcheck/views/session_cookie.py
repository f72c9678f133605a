"""The session cookie: HttpOnly and SameSite=Lax always; Secure with a __Host- name over https."""

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface


class SessionCookie(SecureCookieSessionInterface):
    """SESSION_COOKIE_SECURE: True or False forces it; None (the default) follows the request."""

    def _secure(self, app: Flask) -> bool:
        setting = app.config.get("SESSION_COOKIE_SECURE")
        if setting is None:
            return request.is_secure
        return bool(setting)

    def get_cookie_secure(self, app: Flask) -> bool:
        return self._secure(app)

    def get_cookie_name(self, app: Flask) -> str:
        name = app.config["SESSION_COOKIE_NAME"]
        # Browsers accept a __Host- cookie only when it is Secure, host-only and for path /.
        return f"__Host-{name}" if self._secure(app) else name

    def get_cookie_domain(self, app: Flask) -> str | None:
        return None if self._secure(app) else super().get_cookie_domain(app)

    def get_cookie_path(self, app: Flask) -> str:
        return "/" if self._secure(app) else super().get_cookie_path(app)


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookie()
