"""Checking URLs that people type in, before anything is stored or fetched, and taking stored ones
apart for display without ever failing on one that cannot be parsed."""

import unicodedata
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

from factcheck.reveal import is_hidden
from factcheck.text.scripts import script_of

MAX_URL_LENGTH = 2048
WEB_SCHEMES = ("http", "https")


def _netloc(hostname: str, port: int | None) -> str:
    """Host and port as they appear in a URL: an IPv6 literal keeps its brackets."""
    host = f"[{hostname}]" if ":" in hostname else hostname
    return host + (f":{port}" if port else "")


class UrlProblem(ValueError):
    """Why a typed address cannot be used: `problem` names it ("empty", "too_long", "spaces",
    "unparsable", "scheme", "no_host", "userinfo") and `facts` carries its details; each front end
    words it (factcheck/shared_words.py, factcheck/views/import_words.py)."""

    def __init__(self, problem: str, facts: dict | None = None) -> None:
        self.problem = problem
        self.facts = dict(facts or {})
        super().__init__(problem, self.facts)

    def __str__(self) -> str:
        return f"{self.problem} {self.facts}" if self.facts else self.problem


def clean_web_url(raw: str) -> str:
    """The URL with surrounding space removed and scheme and host lower-cased; UrlProblem (a
    ValueError) names what stops it being used."""
    url = (raw or "").strip()
    if not url:
        raise UrlProblem("empty")
    if len(url) > MAX_URL_LENGTH:
        raise UrlProblem("too_long", {"limit": MAX_URL_LENGTH})
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UrlProblem("spaces")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UrlProblem("unparsable", {"url": url}) from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise UrlProblem("scheme", {"scheme": parts.scheme.lower()})
    if not parts.hostname:
        raise UrlProblem("no_host", {"url": url})
    if parts.username or parts.password:
        raise UrlProblem("userinfo")
    if any(is_hidden(ch) for ch in parts.hostname):
        raise UrlProblem("unparsable", {"url": url})
    netloc = _netloc(parts.hostname.lower(), port)
    path, query, fragment = (
        _hidden_encoded(part) for part in (parts.path, parts.query, parts.fragment)
    )
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


def _hidden_encoded(part: str) -> str:
    """The part with each invisible character (a direction override, a zero-width space) written
    as the browser sends it, %E2%80%AE: shown raw, it would reorder or hide what a colleague reads
    of the address."""
    if part.isascii():
        return part
    return "".join(quote(ch, safe="") if is_hidden(ch) else ch for ch in part)


def clean_base_url(raw: str) -> str:
    """A web address that others are built on by adding to its path (PUBLIC_URL/claims/ID):
    clean_web_url's, without a trailing slash, and refused with a ?query or #fragment, after
    which an added path would land."""
    url = clean_web_url(raw)
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        raise UrlProblem("query", {"url": url})
    return url.rstrip("/")


def _parsed(url: str | None) -> tuple[SplitResult, int | None] | None:
    """A stored address taken apart, or None when it is not a usable http(s) URL with a host."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return parts, port


def link_target(url: str | None) -> str | None:
    """The address when it is safe to link to (an http or https URL that parses), else None: an
    address stored before it was checked is then shown as text, never as a link."""
    if url is None or _parsed(url) is None:
        return None
    return url.strip()


# Letters beyond ASCII that no one mistakes for a plain Latin letter, though they decompose into
# none: names in German, Nordic and other languages are written with them.
_OWN_LETTERS = frozenset("ßæøœðþåĳłđħ")


def _plain_latin(char: str) -> bool:
    """An accented Latin letter that reads as its accented self ("ü" is "u" with its marks), or
    one of _OWN_LETTERS: not "ı", "ɑ" or "ǀ", drawn like "i", "a" and "l"."""
    base = unicodedata.normalize("NFD", char)[0]
    return char.lower() in _OWN_LETTERS or (base.isascii() and base.isalpha())


# Cyrillic and Greek letters drawn like Latin ones: a name of nothing else under a top-level
# domain in ASCII ("ԍооԍӏе.com") passes for a Latin one.
_LATIN_LOOKALIKES = frozenset(
    "авекмнопрстухѕіјԛԝӏһԍԁьѵүҽѡɡαβεικνορτυχωϲϳ"  # Cyrillic, then Greek
)


def _disguised(label: str, top_level: str) -> bool:
    """Whether a host name's label may pass for another: letters of more than one script
    ("wаshingtonpost", its second letter Cyrillic); or, under a top-level domain in ASCII, a
    Latin letter that is no accented one ("gıthub", "pɑypɑl"), or letters of another script
    that are all drawn like Latin ones ("ԍооԍӏе")."""
    letters = [char for char in label if char.isalpha()]
    scripts = {script_of(char) for char in letters}
    if len(scripts) > 1:
        return True
    if not top_level.isascii():
        return False
    if scripts == {"LATIN"}:
        return not all(char.isascii() or _plain_latin(char) for char in letters)
    return all(char.lower() in _LATIN_LOOKALIKES for char in letters)


def _as_shown(hostname: str) -> str:
    """The host name as a browser's address bar shows it: each label that may pass for another
    in its ASCII form ("xn--wshingtonpost-w1k"), the others as they read."""
    labels = hostname.split(".")
    top_level = labels[-1] if labels else ""
    shown = []
    for label in labels:
        if not label.isascii() and _disguised(label, top_level):
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                pass
        shown.append(label)
    return ".".join(shown)


def url_host(url: str | None) -> str:
    """The host of a stored address (an IPv6 literal in brackets), for showing a source at a
    glance, with a label that may pass for another in its ASCII form (_as_shown); the whole text
    when it cannot be parsed."""
    parsed = _parsed(url)
    if parsed is None:
        return url or ""
    parts, _port = parsed
    # _parsed refuses an address without a host
    return _netloc(_as_shown(parts.hostname or ""), None)


def shown_address(url: str | None) -> str:
    """A source's address as the workbench shows it: its host as url_host shows it, then the
    rest, without the scheme; the whole text when it cannot be parsed."""
    return url_host(url) + url_rest(url)


def url_rest(url: str | None) -> str:
    """Everything after the host: port, path, query; empty when the address cannot be parsed
    (url_host then shows all of it)."""
    parsed = _parsed(url)
    if parsed is None:
        return ""
    parts, port = parsed
    query = f"?{parts.query}" if parts.query else ""
    return f"{f':{port}' if port else ''}{parts.path}{query}"
