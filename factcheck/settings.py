"""Every setting factcheck reads from the environment, named once: its type, default and meaning.

Each setting is an environment variable FACTCHECK_<NAME>. Readers ask `value("NAME")`, which reads
the environment at that moment (so a test or a long-running worker sees a change) and turns the
text into the setting's type; a value that does not fit raises SettingError naming the variable
and what it accepts. The web app takes its settings through `app_config()`; `factcheck settings`
prints the effective values and the README's settings table comes from `markdown_table()`.
This module imports nothing heavy: the command line loads it before anything else."""

import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.network.urls import UrlProblem, clean_base_url, clean_web_url

PREFIX = "FACTCHECK_"
LARGEST_IMPORT_BYTES = 1024**3
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class SettingError(ValueError):
    """A setting whose value cannot be used; the message names it and says what it accepts."""


@dataclass(frozen=True)
class Kind:
    """How a setting's text becomes its value: `parse` returns None when the text does not fit,
    and `accepts` says in words what fits."""

    name: str
    accepts: str
    parse: Callable[[str], Any]


def _text(raw: str) -> str:
    return raw


def _number(raw: str) -> float | int | None:
    value: float | int
    try:
        value = int(raw)
    except ValueError:
        try:
            value = float(raw)
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def _whole(smallest: int, largest: int | None = None) -> Callable[[str], int | None]:
    def parse(raw: str) -> int | None:
        if not (raw.isascii() and raw.isdigit()):  # "²" is a digit int() refuses
            return None
        value = int(raw)
        return value if value >= smallest and (largest is None or value <= largest) else None

    return parse


def _positive(raw: str) -> float | int | None:
    value = _number(raw)
    return value if value is not None and value > 0 else None


def _positive_up_to(limit: int, least: float = 0) -> Callable[[str], float | int | None]:
    """A positive number no larger than `limit` (a span of time a date can still be reckoned
    from: a hundred million days would overflow the cookie's expiry date), and at least `least`."""

    def parse(raw: str) -> float | int | None:
        value = _positive(raw)
        return value if value is not None and least <= value <= limit else None

    return parse


def _share(raw: str) -> float | None:
    value = _number(raw)
    return float(value) if value is not None and 0 <= value <= 1 else None


def _flag(raw: str) -> bool | None:
    word = raw.lower()
    return True if word in _TRUE else False if word in _FALSE else None


# A host name as DNS has it (labels of letters, digits and inner hyphens), or an IPv4 address.
_HOST_NAME = re.compile(
    r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
)


def _hosts(raw: str) -> tuple[str, ...] | None:
    """Host names separated by commas; None when one is not a host name ("web.archive.org/",
    "foo bar"), which could never match a page's host."""
    hosts = tuple(host.strip().lower() for host in raw.split(",") if host.strip())
    return hosts if all(_HOST_NAME.fullmatch(host) for host in hosts) else None


#: A key this short could be guessed, and with it any session cookie forged.
SHORTEST_SECRET = 32


def _secret(raw: str) -> str | None:
    return raw if len(raw) >= SHORTEST_SECRET else None


def _address_by(clean: Callable[[str], str]) -> Callable[[str], str | None]:
    """A reader of an address setting: the value when `clean` takes it, else None."""

    def read(raw: str) -> str | None:
        try:
            clean(raw)
        except UrlProblem:
            return None
        return raw

    return read


_web_address = _address_by(clean_web_url)
_base_address = _address_by(clean_base_url)


TEXT = Kind("text", "any text", _text)
PATH = Kind("path", "a file path", _text)
# The job queue's address is checked where it is used (job_storage), with words of its own.
QUEUE_URL = Kind("URL", "an address", _text)
URL = Kind(
    "URL", "an http:// or https:// address, such as https://factcheck.example.org", _web_address
)
BASE_URL = Kind(
    "URL",
    "an http:// or https:// address without a ?query or #fragment, such as"
    " https://factcheck.example.org/checks",
    _base_address,
)
FLAG = Kind("true/false", "true or false (also 1/0, yes/no, on/off)", _flag)
HOSTS = Kind("host list", "host names separated by commas", _hosts)


@dataclass(frozen=True)
class Setting:
    """One environment variable: what it holds, its default, and what it does."""

    name: str
    kind: Kind
    default: Any
    meaning: str
    #: Shown as "(hidden)" by `factcheck settings`: keys, and addresses that may carry a password.
    secret: bool = False
    #: The Flask config key the web app reads it under, for the settings the app uses.
    config_key: str | None = None
    #: The default in words, where the value alone does not say it (None, or computed later).
    default_words: str | None = None

    @property
    def env(self) -> str:
        return PREFIX + self.name

    def describe_default(self) -> str:
        if self.default_words is not None:
            return self.default_words
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)

    def parse(self, raw: str) -> Any:
        """The value of `raw` for this setting; blank text means the default."""
        text = raw.strip()
        if not text:
            return self.default
        value = self.kind.parse(text)
        if value is None:
            shown = "(hidden)" if self.secret else repr(raw)
            raise SettingError(f"{self.env} must be {self.kind.accepts}, not {shown}")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DB",
        PATH,
        "instance/factcheck.db",
        "The SQLite database file; `--db` on the command line wins over it.",
    ),
    Setting(
        "SECRET_KEY",
        Kind("text", f"text of at least {SHORTEST_SECRET} characters", _secret),
        None,
        "Signs session cookies.",
        secret=True,
        config_key="SECRET_KEY",
        default_words="a random key kept beside the database, readable only by its owner",
    ),
    Setting(
        "SESSION_COOKIE_SECURE",
        FLAG,
        None,
        "Mark the session cookie Secure (set true behind a TLS proxy).",
        config_key="SESSION_COOKIE_SECURE",
        default_words="Secure when the request came over https",
    ),
    Setting(
        "SESSION_IDLE_HOURS",
        Kind(
            "hours",
            # A session notes its last request every five minutes: a shorter idle time would end
            # every session between two requests.
            "a number of hours from 0.25 (a quarter of an hour) to 87600 (ten years)",
            _positive_up_to(87_600, least=0.25),
        ),
        12,
        "A session ends after this many hours without a request.",
        config_key="SESSION_IDLE_HOURS",
    ),
    Setting(
        "SESSION_LIFETIME_DAYS",
        Kind("days", "a positive number of days, at most 3650 (ten years)", _positive_up_to(3_650)),
        7,
        "A session ends this many days after signing in, busy or not.",
        config_key="SESSION_LIFETIME_DAYS",
    ),
    Setting(
        "TRUSTED_PROXIES",
        Kind("count", "the number of proxies in front of the app (0 or more)", _whole(0)),
        0,
        "Proxies in front of the app whose X-Forwarded-For and X-Forwarded-Proto are believed.",
        config_key="TRUSTED_PROXIES",
    ),
    Setting(
        "QUERY_TIME_LIMIT_MS",
        Kind(
            "milliseconds",
            "a whole number of milliseconds, at most 86400000 (0 for no limit)",
            _whole(0, 86_400_000),
        ),
        5000,
        "The time a web request's reads may spend in the database before it answers 503.",
        config_key="QUERY_TIME_LIMIT_MS",
    ),
    Setting(
        "MAX_IMPORT_BYTES",
        Kind(
            "bytes",
            f"a whole number of bytes from 1 to {LARGEST_IMPORT_BYTES}",
            _whole(1, LARGEST_IMPORT_BYTES),
        ),
        5 * 1024 * 1024,
        "The largest article an import accepts; `import --max-bytes` wins over it.",
        config_key="MAX_IMPORT_BYTES",
    ),
    Setting(
        "WEB_ARCHIVE_HOSTS",
        HOSTS,
        (),
        "More web archive hosts whose copies of evidence pages may be fetched.",
        config_key="WEB_ARCHIVE_HOSTS",
        default_words="none beyond the built-in list",
    ),
    Setting(
        "ORG_NAME",
        TEXT,
        None,
        "The publishing organisation's name in ClaimReview, bundles and reports.",
        default_words="none",
    ),
    Setting(
        "ORG_URL",
        URL,
        None,
        "The organisation's home page in ClaimReview.",
        default_words="the public URL",
    ),
    Setting(
        "PUBLIC_URL",
        BASE_URL,
        None,
        "Where fact-checks are published; ClaimReview links to PUBLIC_URL/claims/ID.",
        default_words="none",
    ),
    Setting(
        "SCALE",
        PATH,
        None,
        "A JSON file with the organisation's own rating scale.",
        default_words="the scale shipped with factcheck",
    ),
    Setting(
        "JOBS_URL",
        QUEUE_URL,
        None,
        "A Redis server for the job queue (redis://, rediss:// or unix://).",
        secret=True,
        default_words="a SQLite file beside the database",
    ),
    Setting(
        "LINK_CHANGE_THRESHOLD",
        Kind("share", "a share from 0 to 1, such as 0.1", _share),
        0.1,
        "How much of an evidence page's text may change before the link watch flags it.",
    ),
    Setting(
        "LINK_CHECK_HOURS",
        Kind("hours", "a whole number of hours (0 turns it off)", _whole(0)),
        0,
        "The job worker runs the link watch every this many hours; 0 leaves it to the command.",
        default_words="0 (off)",
    ),
    Setting(
        "AUDIT_KEY_FILE",
        PATH,
        None,
        "The file holding the audit log's signing key.",
        default_words="beside the database (.audit_key)",
    ),
    Setting(
        "AUDIT_CHECKPOINT_FILE",
        PATH,
        None,
        "The file holding the audit log's last signed checkpoint.",
        default_words="beside the database (.audit_checkpoint)",
    ),
    Setting(
        "CLI_REVIEW_PASSWORD",
        FLAG,
        False,
        "`review approve` and `review return` ask for the editor's password.",
    ),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def setting(name: str) -> Setting:
    """The setting called `name` (with or without the FACTCHECK_ prefix)."""
    return BY_NAME[name.removeprefix(PREFIX)]


def is_set(name: str, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return bool(environ.get(setting(name).env, "").strip())


def value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The setting's value from the environment, or its default; SettingError when it is bad."""
    chosen = setting(name)
    environ = os.environ if environ is None else environ
    return chosen.parse(environ.get(chosen.env, ""))


def app_config(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The web app's settings that the environment sets, under their Flask config keys."""
    return {
        chosen.config_key: value(chosen.name, environ)
        for chosen in SETTINGS
        if chosen.config_key and is_set(chosen.name, environ)
    }


@dataclass(frozen=True)
class Effective:
    """A setting's value in use and where it came from ("default", "environment", or an option)."""

    setting: Setting
    value: Any
    source: str
    problem: str | None = None

    def shown(self) -> str:
        """The value as `factcheck settings` prints it: secrets hidden, defaults in words."""
        if self.source == "default":
            return self.setting.describe_default()
        if self.setting.secret:
            return "(hidden)"
        if self.problem:
            return "(not usable)"
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if isinstance(self.value, tuple):
            return ",".join(self.value)
        return str(self.value)


def effective(environ: Mapping[str, str] | None = None) -> list[Effective]:
    """Every setting's value in use; a bad one carries its problem instead of raising."""
    found = []
    for chosen in SETTINGS:
        source = "environment" if is_set(chosen.name, environ) else "default"
        try:
            found.append(Effective(chosen, value(chosen.name, environ), source))
        except SettingError as error:
            found.append(Effective(chosen, None, source, str(error)))
    return found


def check(environ: Mapping[str, str] | None = None) -> None:
    """Raise SettingError for the first setting in the environment that cannot be used."""
    for item in effective(environ):
        if item.problem:
            raise SettingError(item.problem)


def unknown(environ: Mapping[str, str] | None = None) -> list[str]:
    """FACTCHECK_ variables in the environment that name no setting (a typo, or an old name)."""
    environ = os.environ if environ is None else environ
    known = {chosen.env for chosen in SETTINGS}
    return sorted(name for name in environ if name.startswith(PREFIX) and name not in known)


def markdown_table() -> str:
    """The README's settings table."""
    lines = [
        "| Variable | Accepts | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for chosen in SETTINGS:
        meaning = chosen.meaning + (" Secret: never shown." if chosen.secret else "")
        lines.append(
            f"| `{chosen.env}` | {chosen.kind.accepts} | {chosen.describe_default()} | {meaning} |"
        )
    return "\n".join(lines) + "\n"
