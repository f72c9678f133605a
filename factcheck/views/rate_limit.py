"""Login rate limiting: failed sign-ins counted per address and per username over a sliding window."""

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from flask import Flask, current_app

# Failures allowed inside the window; the next attempt is refused until the oldest one expires.
DEFAULT_LOGIN_RATE_LIMIT = {
    "failures_per_address": 10,
    "failures_per_username": 5,
    "window_seconds": 60,
}
_EXTENSION = "login_limiter"
# Usernames are at most 32 characters; a longer key only costs memory.
_KEY_LENGTH = 64


class SlidingWindow:
    """When each key's recent events happened, forgetting those older than the window.

    Safe to share between the server's threads. Only the `max_keys` most recently active keys are
    kept, so a flood of made-up usernames cannot grow memory without bound."""

    def __init__(
        self, seconds: float, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000
    ):
        self.seconds = seconds
        self.clock = clock
        self.max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        """The key's events still inside the window; call with the lock held."""
        events = self._events.get(key)
        if events is None:
            return deque()
        while events and events[0] <= now - self.seconds:
            events.popleft()
        if not events:
            del self._events[key]
        return events

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._recent(key, self.clock()))

    def add(self, key: str) -> None:
        with self._lock:
            now = self.clock()
            self._recent(key, now)
            self._events.setdefault(key, deque()).append(now)
            self._events.move_to_end(key)
            while len(self._events) > self.max_keys:
                self._events.popitem(last=False)

    def wait(self, key: str, limit: int) -> float:
        """Seconds until the key has fewer than `limit` events in the window; 0 if it has now."""
        with self._lock:
            now = self.clock()
            events = self._recent(key, now)
            if len(events) < limit:
                return 0.0
            # Enough of the oldest events must expire to bring the count below the limit.
            return events[len(events) - limit] + self.seconds - now

    def forget(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._events.clear()


class LoginLimiter:
    """Refuses sign-in attempts from an address, or for a username, after too many failures."""

    def __init__(
        self,
        *,
        failures_per_address: int,
        failures_per_username: int,
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.failures_per_address = failures_per_address
        self.failures_per_username = failures_per_username
        self.by_address = SlidingWindow(window_seconds, clock)
        self.by_username = SlidingWindow(window_seconds, clock)

    def retry_after(self, address: str, username: str) -> int:
        """Whole seconds before this address may try this username again; 0 means go ahead."""
        waits = [self.by_address.wait(address, self.failures_per_address)]
        if username:
            waits.append(self.by_username.wait(_username_key(username), self.failures_per_username))
        longest = max(waits)
        return max(1, math.ceil(longest)) if longest > 0 else 0

    def failed(self, address: str, username: str) -> None:
        self.by_address.add(address)
        if username:
            self.by_username.add(_username_key(username))

    def succeeded(self, username: str) -> None:
        """A right password clears that username's failures. The address keeps its count, or
        anyone with one account could sign in between guesses at another to reset it."""
        self.by_username.forget(_username_key(username))

    def reset(self) -> None:
        self.by_address.reset()
        self.by_username.reset()


def _username_key(username: str) -> str:
    # The same normalisation as the user store, so "Rita" and "rita " share one count.
    return username.strip().lower()[:_KEY_LENGTH]


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
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"LOGIN_RATE_LIMIT[{name!r}] must be a positive number, not {value!r}")
    return settings


def login_limiter() -> LoginLimiter:
    """The running app's limiter."""
    return current_app.extensions[_EXTENSION]


def reset(app: Flask) -> None:
    """Forget every failure counted so far; tests start from a clean slate with this."""
    app.extensions[_EXTENSION].reset()


def init_app(app: Flask, clock: Callable[[], float] = time.monotonic) -> None:
    settings = login_settings(app.config)
    app.extensions[_EXTENSION] = LoginLimiter(
        failures_per_address=int(settings["failures_per_address"]),
        failures_per_username=int(settings["failures_per_username"]),
        window_seconds=settings["window_seconds"],
        clock=clock,
    )
