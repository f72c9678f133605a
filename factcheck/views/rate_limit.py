"""Password throttling: at sign-in, growing waits per username and address together, and looser
per address; on the Account page, the same growing wait per account for a wrong current password.

Failures are counted for a username *from one address*, so someone guessing at alice's password
from elsewhere slows down only themselves: alice, at her own address, signs in at once. After a
few failures each further one doubles the wait before the next try, up to a cap, and a right
password clears the count. One address failing for many usernames gets a looser wait of its own,
which slows that address only, and not the colleagues behind it (one office, one address) who
have signed in from it before. Every wait is capped, so nobody can be locked out for long, and a
count left alone for an hour is forgotten.

A session already signed in (a borrowed laptop, a copied cookie) could otherwise test guesses at
the current password on the Account page as fast as it liked: there the failures are counted per
account, wherever they come from, with the sign-in's settings, and a password changed clears them.

The address is the client's as Flask sees it: behind a proxy, set FACTCHECK_TRUSTED_PROXIES, or
every sign-in seems to come from the proxy and the per-address wait would fall on everyone.
"""

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, current_app

DEFAULT_LOGIN_RATE_LIMIT = {
    # Failures of one username from one address before any wait; then 1 s, 2 s, 4 s ... capped.
    "free_failures": 3,
    "first_delay_seconds": 1,
    "max_delay_seconds": 300,
    # Failures from one address, whatever the usernames, before that address waits too.
    "free_failures_per_address": 30,
    "max_address_delay_seconds": 60,
    # A count with no new failure for this long starts again from nothing.
    "forget_after_seconds": 3600,
}
_EXTENSION = "login_limiter"
# Usernames are at most 32 characters; a longer key only costs memory.
KEY_LENGTH = 64


class GrowingDelay:
    """Failures in a row per key; beyond the free ones, each doubles the wait before the next try.

    Safe to share between the server's threads. Only the `max_keys` keys that failed most recently
    are kept, so a flood of made-up usernames cannot grow memory without bound."""

    def __init__(
        self,
        *,
        free: int,
        first_delay: float,
        max_delay: float,
        forget_after: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ):
        self.free = free
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.forget_after = forget_after
        self.clock = clock
        self.max_keys = max_keys
        self._failures: OrderedDict[Hashable, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        """The wait after this many failures in a row, counted from the last one."""
        if failures < self.free:
            return 0.0
        return min(self.first_delay * 2 ** min(failures - self.free, 64), self.max_delay)

    def _live(self, now: float, previous: tuple[int, float] | None) -> int:
        """How many failures in a row still count; call with the lock held."""
        if previous is None or now - previous[1] >= self.forget_after:
            return 0
        return previous[0]

    def count(self, key: Hashable) -> int:
        with self._lock:
            return self._live(self.clock(), self._failures.get(key))

    def failed(self, key: Hashable) -> None:
        with self._lock:
            previous = self._failures.get(key)
            now = self.clock()
            self._failures[key] = (self._live(now, previous) + 1, now)
            self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def wait(self, key: Hashable) -> float:
        """Seconds before this key may try again; 0 if it may now."""
        with self._lock:
            previous = self._failures.get(key)
            now = self.clock()
            failures = self._live(now, previous)
            if not failures or previous is None:
                return 0.0
            return max(0.0, previous[1] + self.delay(failures) - now)

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


def _whole_seconds(wait: float) -> int:
    return max(1, math.ceil(wait)) if wait > 0 else 0


class LoginLimiter:
    """Decides whether an address may try a username now, or a signed-in person their current
    password, and counts the failures."""

    def __init__(
        self,
        settings: dict = DEFAULT_LOGIN_RATE_LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ):
        def delay(free: int, max_delay: float) -> GrowingDelay:
            return GrowingDelay(
                free=free,
                first_delay=settings["first_delay_seconds"],
                max_delay=max_delay,
                forget_after=settings["forget_after_seconds"],
                clock=clock,
            )

        self.pairs = delay(settings["free_failures"], settings["max_delay_seconds"])
        self.addresses = delay(
            settings["free_failures_per_address"], settings["max_address_delay_seconds"]
        )
        # A wrong current password on the Account page, per account: the sign-in's settings.
        self.accounts = delay(settings["free_failures"], settings["max_delay_seconds"])

    def retry_after(
        self, address: str, username: str, familiar: Callable[[], bool] = lambda: False
    ) -> int:
        """Whole seconds before this address may try this username again; 0 means go ahead.
        `familiar` says whether this username has signed in from this address before: the
        address's own wait, for guesses at many usernames, does not hold it up."""
        address = address_key(address)
        pair = self.pairs.wait((address, _username_key(username)))
        at_address = self.addresses.wait(address)
        if at_address > pair and familiar():
            at_address = 0.0
        return _whole_seconds(max(pair, at_address))

    def failed(self, address: str, username: str) -> None:
        address = address_key(address)
        self.pairs.failed((address, _username_key(username)))
        self.addresses.failed(address)

    def succeeded(self, address: str, username: str) -> None:
        """A right password clears that username's count at this address. The address keeps its
        own, or anyone with one account could sign in between guesses at others to reset it."""
        self.pairs.forget((address_key(address), _username_key(username)))

    def current_password_retry_after(self, username: str) -> int:
        """Whole seconds before this account may give its current password again; 0: go ahead."""
        return _whole_seconds(self.accounts.wait(_username_key(username)))

    def current_password_failed(self, username: str) -> None:
        self.accounts.failed(_username_key(username))

    def current_password_succeeded(self, username: str) -> None:
        self.accounts.forget(_username_key(username))

    def reset(self) -> None:
        self.pairs.reset()
        self.addresses.reset()
        self.accounts.reset()


def address_key(address: str) -> str:
    """One key per client: an IPv6 address counts as its /64, which one household or host
    usually holds whole, so stepping through it does not escape the count."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:KEY_LENGTH]
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def _username_key(username: str) -> str:
    # The same normalisation as the user store, so "Rita" and "rita " share one count.
    return username.strip().lower()[:KEY_LENGTH]


def wait_in_words(seconds: int) -> str:
    """'1 second', '45 seconds', '2 minutes': never less than the real wait."""
    if seconds < 60:
        count, unit = max(1, seconds), "second"
    else:
        count, unit = math.ceil(seconds / 60), "minute"
    return f"{count} {unit}{'' if count == 1 else 's'}"


def login_settings(config) -> dict:
    """LOGIN_RATE_LIMIT from the app config laid over the defaults, checked."""
    chosen = config.get("LOGIN_RATE_LIMIT") or {}
    unknown = set(chosen) - set(DEFAULT_LOGIN_RATE_LIMIT)
    if unknown:
        raise ValueError(
            f"LOGIN_RATE_LIMIT has unknown settings {sorted(unknown)}; "
            f"use {sorted(DEFAULT_LOGIN_RATE_LIMIT)}"
        )
    settings = DEFAULT_LOGIN_RATE_LIMIT | chosen
    for name, value in settings.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise ValueError(f"LOGIN_RATE_LIMIT[{name!r}] must be a positive number, not {value!r}")
    return settings


def login_limiter() -> LoginLimiter:
    """The running app's limiter."""
    return current_app.extensions[_EXTENSION]


def reset(app: Flask) -> None:
    """Forget every failure counted so far; tests start from a clean slate with this."""
    app.extensions[_EXTENSION].reset()


def init_app(app: Flask, clock: Callable[[], float] = time.monotonic) -> None:
    app.extensions[_EXTENSION] = LoginLimiter(login_settings(app.config), clock)
