"""The session cookie: signed with a configured key or one kept in a private file beside the database;
HttpOnly and SameSite=Lax always; Secure with a __Host- name over https."""

import os
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

from factcheck.private_files import PrivateFileError as SecretKeyError
from factcheck.private_files import load_or_create_secret as load_or_create

__all__ = ["SecretKeyError", "SessionCookie", "init_app", "key_path_for", "load_or_create"]


def key_path_for(database: str | os.PathLike) -> Path:
    """`instance/factcheck.db` keeps its key in `instance/factcheck.db.secret_key`."""
    database = Path(database)
    return database.with_name(database.name + ".secret_key")


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
