"""Checking URLs that people type in, before anything is stored or fetched."""

from urllib.parse import urlsplit, urlunsplit

MAX_URL_LENGTH = 2048


def clean_web_url(raw: str) -> str:
    """The URL with surrounding space removed and scheme and host lower-cased; ValueError says why
    it cannot be used."""
    url = (raw or "").strip()
    if not url:
        raise ValueError("give the address of the page, starting with https://")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"that address is longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ValueError("an address cannot contain spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValueError(f"{url!r} is not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("only http:// and https:// addresses can be used")
    if not parts.hostname:
        raise ValueError(f"{url!r} has no host name")
    if parts.username or parts.password:
        raise ValueError("an address with a user name or password in it cannot be used")
    netloc = parts.hostname.lower() + (f":{port}" if port else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
