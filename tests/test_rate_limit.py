"""Login rate limiting: the sliding window, its settings, and what people see at /sign-in."""

import logging
import re
import threading

import pytest
from helpers import PASSWORD, page_token
from hypothesis import given
from hypothesis import strategies as st

from factcheck.app import create_app
from factcheck.views import rate_limit
from factcheck.views.rate_limit import (
    DEFAULT_LOGIN_RATE_LIMIT,
    LoginLimiter,
    SlidingWindow,
    login_settings,
    wait_in_words,
)

WRONG = "not the password at all"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# The sliding window on its own


def test_events_count_until_they_leave_the_window():
    clock = FakeClock()
    window = SlidingWindow(60, clock)
    window.add("a")
    clock.advance(30)
    window.add("a")
    window.add("b")
    assert (window.count("a"), window.count("b"), window.count("c")) == (2, 1, 0)
    clock.advance(30)
    assert window.count("a") == 1
    clock.advance(30)
    assert window.count("a") == 0 and window.count("b") == 0


def test_the_wait_is_until_enough_old_events_expire():
    clock = FakeClock()
    window = SlidingWindow(60, clock)
    for _ in range(3):
        window.add("a")
        clock.advance(10)
    assert window.wait("a", 4) == 0
    assert window.wait("a", 3) == pytest.approx(30)
    assert window.wait("a", 2) == pytest.approx(40)
    assert window.wait("a", 1) == pytest.approx(50)


# Whole-second times keep the arithmetic exact, so the property is about the logic, not rounding.
@given(
    gaps=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=30),
    limit=st.integers(min_value=1, max_value=8),
    seconds=st.integers(min_value=1, max_value=120),
)
def test_waiting_exactly_the_wait_brings_the_count_below_the_limit(gaps, limit, seconds):
    clock = FakeClock()
    window = SlidingWindow(seconds, clock)
    for gap in gaps:
        clock.advance(gap)
        window.add("key")
    wait = window.wait("key", limit)
    assert wait >= 0
    if wait == 0:
        assert window.count("key") < limit
        return
    assert window.count("key") >= limit
    clock.advance(wait)
    assert window.count("key") < limit


def test_forget_and_reset_clear_counts():
    window = SlidingWindow(60, FakeClock())
    for key in ("a", "a", "b"):
        window.add(key)
    window.forget("a")
    assert window.count("a") == 0 and window.count("b") == 1
    window.reset()
    assert window.count("b") == 0


def test_only_the_most_recently_active_keys_are_kept():
    window = SlidingWindow(60, FakeClock(), max_keys=3)
    for key in ("a", "b", "c"):
        window.add(key)
    window.add("a")
    window.add("d")
    assert [window.count(key) for key in ("a", "b", "c", "d")] == [2, 0, 1, 1]


def test_threads_adding_at_once_lose_no_event():
    window = SlidingWindow(60, FakeClock())
    start = threading.Barrier(8)

    def hammer():
        start.wait()
        for _ in range(500):
            window.add("shared")

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert window.count("shared") == 4000


# The login limiter, settings and words


def test_a_username_is_counted_however_it_is_typed():
    limiter = LoginLimiter(
        failures_per_address=100, failures_per_username=2, window_seconds=60, clock=FakeClock()
    )
    limiter.failed("10.0.0.1", "Rita")
    limiter.failed("10.0.0.2", " rita ")
    assert limiter.retry_after("10.0.0.3", "RITA") > 0
    assert limiter.retry_after("10.0.0.3", "ed") == 0


def test_success_clears_the_username_but_not_the_address():
    limiter = LoginLimiter(
        failures_per_address=2, failures_per_username=2, window_seconds=60, clock=FakeClock()
    )
    limiter.failed("10.0.0.1", "rita")
    limiter.failed("10.0.0.1", "rita")
    limiter.succeeded("rita")
    assert limiter.retry_after("10.0.0.2", "rita") == 0
    assert limiter.retry_after("10.0.0.1", "ed") > 0


# Quarter seconds are exact in binary, so waits have fractions but no rounding error.
@given(
    gaps=st.lists(st.integers(min_value=0, max_value=200).map(lambda q: q / 4), max_size=20),
    limit=st.integers(min_value=1, max_value=6),
)
def test_retry_after_is_whole_seconds_and_never_too_short(gaps, limit):
    clock = FakeClock()
    limiter = LoginLimiter(
        failures_per_address=limit, failures_per_username=100, window_seconds=60, clock=clock
    )
    for gap in gaps:
        clock.advance(gap)
        limiter.failed("10.0.0.1", "")
    retry_after = limiter.retry_after("10.0.0.1", "")
    assert isinstance(retry_after, int) and retry_after >= 0
    if retry_after:
        assert limiter.by_address.wait("10.0.0.1", limit) <= retry_after
        clock.advance(retry_after)
    assert limiter.retry_after("10.0.0.1", "") == 0


@given(st.integers(min_value=0, max_value=100_000))
def test_the_wait_in_words_never_understates_it(seconds):
    words = wait_in_words(seconds)
    match = re.fullmatch(r"(\d+) (second|minute)s?", words)
    assert match, words
    count, unit = int(match[1]), match[2]
    assert count * (60 if unit == "minute" else 1) >= seconds
    assert (count == 1) == (not words.endswith("s"))


def test_settings_default_and_override_one_at_a_time():
    assert login_settings({}) == DEFAULT_LOGIN_RATE_LIMIT
    chosen = login_settings({"LOGIN_RATE_LIMIT": {"failures_per_address": 3}})
    assert chosen == DEFAULT_LOGIN_RATE_LIMIT | {"failures_per_address": 3}


@pytest.mark.parametrize(
    "setting, complaint",
    [
        ({"failures_per_adress": 3}, "unknown settings"),
        ({"window_seconds": 0}, "positive number"),
        ({"failures_per_username": "five"}, "positive number"),
        ({"failures_per_username": True}, "positive number"),
    ],
)
def test_bad_settings_stop_the_app_from_starting(db_path, setting, complaint):
    with pytest.raises(ValueError, match=complaint):
        create_app({"DATABASE": str(db_path), "TESTING": True, "LOGIN_RATE_LIMIT": setting})


# At /sign-in


def attempt(test_client, username: str, password: str, address: str = "127.0.0.1"):
    return test_client.post(
        "/sign-in",
        data={"username": username, "password": password},
        headers={"X-CSRFToken": page_token(test_client, "/sign-in")},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def clock(app):
    """Puts the app's limiter on a clock the test moves by hand."""
    fake = FakeClock()
    rate_limit.init_app(app, clock=fake)
    return fake


def test_normal_use_is_never_refused(app, people):
    for _ in range(6):
        assert attempt(app.test_client(), "rita", PASSWORD).status_code == 303
    browser = app.test_client()
    assert attempt(browser, "ed", "a typo in it").status_code == 401
    assert attempt(browser, "ed", "another typo!").status_code == 401
    assert attempt(browser, "ed", PASSWORD).status_code == 303


def test_a_burst_of_wrong_passwords_from_one_address_is_refused(app, people, clock):
    browser = app.test_client()
    names = ["rita", "ed", "eve", "ada", "nobody"]
    for number in range(10):
        assert attempt(browser, names[number % len(names)], WRONG).status_code == 401
    clock.advance(15)
    refused = attempt(browser, "rita", PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "45"
    assert "Wait 45 seconds, then try again" in refused.get_data(as_text=True)
    assert attempt(app.test_client(), "rita", PASSWORD, address="10.1.1.1").status_code == 303
    clock.advance(45)
    assert attempt(browser, "rita", PASSWORD).status_code == 303


def test_repeated_failures_for_one_username_are_refused_from_any_address(app, people, clock):
    for number in range(5):
        response = attempt(app.test_client(), "rita", WRONG, address=f"10.0.0.{number}")
        assert response.status_code == 401
    refused = attempt(app.test_client(), "rita", PASSWORD, address="10.9.9.9")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) == 60
    page = refused.get_data(as_text=True)
    assert "Too many failed sign-ins" in page and "1 minute" in page
    assert 'name="csrf_token"' in page, "the form is still there to try again later"
    assert attempt(app.test_client(), "ed", PASSWORD, address="10.9.9.9").status_code == 303
    clock.advance(60)
    assert attempt(app.test_client(), "rita", PASSWORD, address="10.9.9.9").status_code == 303


def test_the_limits_come_from_the_config(db_path, people):
    app = create_app(
        {
            "DATABASE": str(db_path),
            "TESTING": True,
            "LOGIN_RATE_LIMIT": {"failures_per_address": 2, "window_seconds": 600},
        }
    )
    browser = app.test_client()
    assert attempt(browser, "rita", WRONG).status_code == 401
    assert attempt(browser, "ed", WRONG).status_code == 401
    refused = attempt(browser, "eve", PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 540


def test_tests_can_reset_the_limiter(app, people):
    for _ in range(5):
        attempt(app.test_client(), "rita", WRONG)
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 429
    rate_limit.reset(app)
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 303


def test_failures_are_logged_without_the_password(app, people, caplog):
    caplog.set_level(logging.INFO, logger="factcheck.views.auth")
    for _ in range(6):
        attempt(app.test_client(), "rita", WRONG, address="10.2.3.4")
    messages = [record.getMessage() for record in caplog.records]
    failures = [m for m in messages if m.startswith("failed sign-in")]
    assert failures == ["failed sign-in for 'rita' from 10.2.3.4"] * 5
    assert any("refused" in m and "'rita'" in m for m in messages)
    assert all(WRONG not in m for m in messages)
