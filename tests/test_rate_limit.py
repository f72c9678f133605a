"""Login rate limiting: the sliding window, its settings, and what people see at /sign-in and
when they give a wrong current password on the Account page."""

import logging
import re
import threading

import pytest
from helpers import PASSWORD, page_token, parse, words
from hypothesis import given
from hypothesis import strategies as st

from factcheck.app import create_app
from factcheck.store import users
from factcheck.views import rate_limit
from factcheck.views.rate_limit import (
    DEFAULT_LOGIN_RATE_LIMIT,
    GrowingDelay,
    LoginLimiter,
    address_key,
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


def pair_limits(**changes) -> dict:
    return DEFAULT_LOGIN_RATE_LIMIT | changes


def delays(**settings) -> GrowingDelay:
    settings = {"free": 3, "first_delay": 1, "max_delay": 300, "forget_after": 3600} | settings
    return GrowingDelay(**settings)


# Growing delays on their own


def test_the_first_failures_are_free_then_each_doubles_the_wait_up_to_the_cap():
    counter = delays(clock=FakeClock())
    assert [counter.delay(n) for n in range(12)] == [0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert counter.delay(13) == counter.delay(10_000) == 300


def test_the_wait_runs_from_the_last_failure():
    clock = FakeClock()
    counter = delays(clock=clock)
    for _ in range(5):
        counter.failed("key")
    assert counter.wait("key") == 4
    clock.advance(3)
    assert counter.wait("key") == 1
    clock.advance(1)
    assert counter.wait("key") == 0
    assert counter.wait("another key") == 0


@given(
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=30),
    free=st.integers(min_value=1, max_value=5),
)
def test_waiting_exactly_the_wait_always_lets_the_next_try_through(gaps, free):
    clock = FakeClock()
    counter = delays(clock=clock, free=free)
    for gap in gaps:
        clock.advance(gap)
        counter.failed("key")
    wait = counter.wait("key")
    assert 0 <= wait <= 300
    assert (wait > 0) == (counter.count("key") >= free)
    clock.advance(wait)
    assert counter.wait("key") == 0


def test_a_quiet_hour_forgets_the_count_and_forget_clears_it():
    clock = FakeClock()
    counter = delays(clock=clock)
    for _ in range(10):
        counter.failed("a")
        counter.failed("b")
    clock.advance(3599)
    assert counter.count("a") == 10
    counter.forget("b")
    assert counter.count("b") == 0
    clock.advance(1)
    assert counter.count("a") == 0 and counter.wait("a") == 0
    counter.failed("a")
    assert counter.count("a") == 1, "a failure after the quiet hour starts a new count"


def test_only_the_most_recently_failing_keys_are_kept():
    counter = delays(clock=FakeClock(), max_keys=3)
    for key in ("a", "b", "c", "a", "d"):
        counter.failed(key)
    assert [counter.count(key) for key in ("a", "b", "c", "d")] == [2, 0, 1, 1]


class MeetingClock(FakeClock):
    """A clock at which two threads wait for each other, when both can get there at once.

    Read between looking up a key's count and storing the new one, it makes two unguarded
    threads both see the old count. A guarded second thread cannot reach the clock while the
    first holds the lock: the first waits out the timeout alone and goes on, and the second finds
    the meeting broken and goes on too. The timeout only decides how long a correct run takes."""

    def __init__(self):
        super().__init__()
        self.meeting = threading.Barrier(2, timeout=0.5)

    def __call__(self) -> float:
        try:
            self.meeting.wait()
        except threading.BrokenBarrierError:
            pass
        return self.now


def test_two_threads_failing_at_once_are_both_counted():
    counter = delays(clock=MeetingClock())
    threads = [threading.Thread(target=counter.failed, args=("shared",)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counter.clock = FakeClock(counter.clock.now)
    assert counter.count("shared") == 2


# The login limiter, settings and words


def test_a_username_is_counted_however_it_is_typed():
    limiter = LoginLimiter(pair_limits(free_failures=2), clock=FakeClock())
    limiter.failed("10.0.0.1", "Rita")
    limiter.failed("10.0.0.1", " rita ")
    assert limiter.retry_after("10.0.0.1", "RITA") > 0
    assert limiter.retry_after("10.0.0.1", "ed") == 0


def test_failures_from_one_address_do_not_hold_up_another():
    limiter = LoginLimiter(clock=FakeClock())
    for _ in range(50):
        limiter.failed("203.0.113.66", "rita")
    assert limiter.retry_after("203.0.113.66", "rita") == 300
    assert limiter.retry_after("10.0.0.2", "rita") == 0


def test_an_ipv6_client_is_counted_by_its_64_and_mapped_ipv4_as_plain_ipv4():
    limiter = LoginLimiter(pair_limits(free_failures=1), clock=FakeClock())
    limiter.failed("2001:db8:1:2::1", "rita")
    assert limiter.retry_after("2001:db8:1:2:ffff::9", "rita") > 0
    assert limiter.retry_after("2001:db8:1:3::1", "rita") == 0
    limiter.failed("::ffff:192.0.2.1", "ed")
    assert limiter.retry_after("192.0.2.1", "ed") > 0
    assert address_key("not an address") == "not an address"


def test_success_clears_the_username_at_that_address_but_not_the_address():
    limiter = LoginLimiter(
        pair_limits(free_failures=2, free_failures_per_address=3), clock=FakeClock()
    )
    for name in ("rita", "rita", "ed"):
        limiter.failed("10.0.0.1", name)
    limiter.succeeded("10.0.0.1", "rita")
    assert limiter.pairs.count(("10.0.0.1", "rita")) == 0
    assert limiter.retry_after("10.0.0.1", "eve") > 0, "the address keeps its own count"
    assert limiter.retry_after("10.0.0.2", "eve") == 0


# Quarter seconds are exact in binary, so waits have fractions but no rounding error.
@given(gaps=st.lists(st.integers(min_value=0, max_value=200).map(lambda q: q / 4), max_size=20))
def test_retry_after_is_whole_seconds_and_never_too_short(gaps):
    clock = FakeClock()
    limiter = LoginLimiter(pair_limits(free_failures=2), clock=clock)
    for gap in gaps:
        clock.advance(gap)
        limiter.failed("10.0.0.1", "rita")
    retry_after = limiter.retry_after("10.0.0.1", "rita")
    assert isinstance(retry_after, int) and retry_after >= 0
    if retry_after:
        assert limiter.pairs.wait(("10.0.0.1", "rita")) <= retry_after
        clock.advance(retry_after)
    assert limiter.retry_after("10.0.0.1", "rita") == 0


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
    chosen = login_settings({"LOGIN_RATE_LIMIT": {"free_failures": 5}})
    assert chosen == DEFAULT_LOGIN_RATE_LIMIT | {"free_failures": 5}


@pytest.mark.parametrize(
    "setting, complaint",
    [
        ({"failures_per_username": 3}, "unknown settings"),
        ({"max_delay_seconds": 0}, "positive number"),
        ({"free_failures": "five"}, "positive number"),
        ({"free_failures": True}, "positive number"),
        ({"max_delay_seconds": float("nan")}, "positive number"),
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


def test_fifty_failures_from_one_address_do_not_keep_rita_out_of_her_own(app, people, clock):
    for _ in range(50):
        clock.advance(300)  # the attacker waits out every delay, so each guess is a real failure
        assert attempt(app.test_client(), "rita", WRONG, address="203.0.113.66").status_code == 401
    assert attempt(app.test_client(), "rita", PASSWORD, address="10.0.0.2").status_code == 303
    refused = attempt(app.test_client(), "rita", PASSWORD, address="203.0.113.66")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "300"


def test_the_wait_grows_with_each_failure_and_is_explained(app, people, clock):
    for _ in range(3):
        assert attempt(app.test_client(), "rita", WRONG).status_code == 401
    waits = []
    for _ in range(4):
        refused = attempt(app.test_client(), "rita", PASSWORD)
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(waits[-1])
        assert attempt(app.test_client(), "rita", WRONG).status_code == 401
    assert waits == [1, 2, 4, 8]
    page = attempt(app.test_client(), "rita", PASSWORD).get_data(as_text=True)
    assert "Too many failed sign-ins from this computer. Wait 16 seconds, then try again" in page
    assert 'name="csrf_token"' in page, "the form is still there to try again later"


def test_signing_in_resets_the_growing_wait(app, people, clock):
    for _ in range(5):
        attempt(app.test_client(), "rita", WRONG)
        clock.advance(10)
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 303
    for _ in range(3):
        assert attempt(app.test_client(), "rita", WRONG).status_code == 401, "free again"


def test_one_address_trying_many_usernames_waits_alone(app, people, clock):
    for number in range(30):
        assert attempt(app.test_client(), f"user{number}", WRONG).status_code == 401
    refused = attempt(app.test_client(), "ed", PASSWORD)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert attempt(app.test_client(), "ed", PASSWORD, address="10.1.1.1").status_code == 303
    for number in range(20):
        clock.advance(60)
        assert attempt(app.test_client(), f"other{number}", WRONG).status_code == 401
    assert attempt(app.test_client(), "ed", PASSWORD).headers["Retry-After"] == "60", "capped"
    clock.advance(60)
    assert attempt(app.test_client(), "ed", PASSWORD).status_code == 303


def test_guesses_at_many_usernames_do_not_hold_up_a_colleague_who_signs_in_there(
    app, people, clock
):
    """One office, one address: someone there trying many usernames slows the address, but not a
    colleague who has signed in from it before; whoever has not still waits."""
    assert attempt(app.test_client(), "ed", PASSWORD, address="198.51.100.7").status_code == 303
    for number in range(30):
        assert attempt(app.test_client(), f"user{number}", WRONG, "198.51.100.7").status_code == 401
    assert attempt(app.test_client(), "user30", WRONG, "198.51.100.7").status_code == 429
    assert attempt(app.test_client(), "ed", PASSWORD, address="198.51.100.7").status_code == 303
    refused = attempt(app.test_client(), "rita", PASSWORD, address="198.51.100.7")
    assert refused.status_code == 429
    # Guesses at the colleague's own password from there still wait as ever.
    for _ in range(3):
        assert attempt(app.test_client(), "ed", WRONG, address="198.51.100.7").status_code == 401
    assert attempt(app.test_client(), "ed", PASSWORD, address="198.51.100.7").status_code == 429


def test_the_limits_come_from_the_config(db_path, people):
    app = create_app(
        {
            "DATABASE": str(db_path),
            "TESTING": True,
            "LOGIN_RATE_LIMIT": {"free_failures": 1, "first_delay_seconds": 600},
        }
    )
    browser = app.test_client()
    assert attempt(browser, "rita", WRONG).status_code == 401
    refused = attempt(browser, "rita", PASSWORD)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) == 300, "no wait beyond max_delay_seconds"


def test_tests_can_reset_the_limiter(app, people):
    for _ in range(3):
        attempt(app.test_client(), "rita", WRONG)
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 429
    rate_limit.reset(app)
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 303


def test_failures_are_logged_without_the_password(app, people, caplog):
    caplog.set_level(logging.INFO, logger="factcheck.views.auth")
    for _ in range(4):
        attempt(app.test_client(), "rita", WRONG, address="10.2.3.4")
    messages = [record.getMessage() for record in caplog.records]
    failures = [m for m in messages if m.startswith("failed sign-in")]
    assert failures == ["failed sign-in for 'rita' from 10.2.3.4"] * 3
    assert any("refused" in m and "'rita'" in m for m in messages)
    assert all(WRONG not in m for m in messages)


def test_a_huge_username_is_logged_cut_short_and_refused_without_hashing(
    app, people, caplog, monkeypatch
):
    """A sign-in form of megabytes made the log megabytes longer, for anyone, signed in or not."""
    hashed = []
    monkeypatch.setattr(users, "verify_password", lambda *args: hashed.append(1) or False)
    caplog.set_level(logging.INFO, logger="factcheck.views.auth")
    typed = "\x01" * 200_000
    response = attempt(app.test_client(), typed, WRONG, address="10.2.3.5")
    assert response.status_code == 401 and hashed == []
    assert "do not match an active account" in response.get_data(as_text=True)
    assert len(response.get_data()) < 20_000, "the page does not send it all back either"
    [message] = [record.getMessage() for record in caplog.records]
    assert message.startswith("failed sign-in for '\\x01\\x01")
    assert message.endswith(" (\u2026 200,000 characters) from 10.2.3.5")
    assert len(message) < 400
    # A name of 32 characters could be someone's: it is looked up and its password checked.
    attempt(app.test_client(), "r" * 32, WRONG, address="10.2.3.5")
    assert hashed == [1]
    assert caplog.records[-1].getMessage() == f"failed sign-in for {'r' * 32!r} from 10.2.3.5"


def test_huge_usernames_wait_as_any_failed_sign_in_does(app, people, clock):
    for _ in range(3):
        assert attempt(app.test_client(), "x" * 5000, WRONG).status_code == 401
    refused = attempt(app.test_client(), "x" * 5000, WRONG)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    # Made-up names of any length count against the address as any others do.
    for number in range(27):  # 30 in all
        assert attempt(app.test_client(), f"{number}" * 4000, WRONG).status_code == 401
    assert attempt(app.test_client(), "rita", PASSWORD).status_code == 429


# On the Account page


NEW_PASSWORD = "a brand new passphrase"


def change_from(test_client, current: str, address: str = "127.0.0.1"):
    return test_client.post(
        "/account/password",
        data={
            "csrf_token": page_token(test_client),
            "current_password": current,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
        environ_base={"REMOTE_ADDR": address},
    )


def test_wrong_current_passwords_wait_as_failed_sign_ins_do_and_are_explained(
    client_as, app_db, clock
):
    rita = client_as("rita")
    for _ in range(3):
        assert change_from(rita, WRONG).status_code == 422
    waits = []
    for _ in range(3):
        refused = change_from(rita, PASSWORD)
        assert refused.status_code == 429
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(waits[-1])
        assert change_from(rita, WRONG).status_code == 422
    assert waits == [1, 2, 4]
    page = parse(change_from(rita, PASSWORD))
    error = words(page.cssselect("#current_password-error")[0])
    assert error.startswith("Too many wrong current passwords. Wait 8 seconds, then try again")
    assert users.authenticate(app_db, "rita", PASSWORD) is not None, "not changed while waiting"


def test_the_account_page_wait_follows_the_account_not_the_address(app, client_as, clock):
    here, elsewhere, ed = client_as("rita"), client_as("rita"), client_as("ed")
    for _ in range(4):
        change_from(here, WRONG, address="10.0.0.1")
    assert change_from(elsewhere, PASSWORD, address="10.9.9.9").status_code == 429
    assert change_from(ed, PASSWORD).status_code == 303, "ed's account has no wait"
    signing_in = attempt(app.test_client(), "rita", PASSWORD, address="10.0.0.1")
    assert signing_in.status_code == 303, "signing in keeps its own count"


def test_a_changed_password_clears_the_account_page_wait(client_as, clock):
    rita = client_as("rita")
    for _ in range(4):
        change_from(rita, WRONG)
    clock.advance(2)
    assert change_from(rita, PASSWORD).status_code == 303
    for _ in range(3):
        assert change_from(rita, WRONG).status_code == 422, "free again"


def test_wrong_current_passwords_are_logged_without_the_password(client_as, caplog):
    rita = client_as("rita")
    caplog.set_level(logging.INFO, logger="factcheck.views.account")
    for _ in range(4):
        change_from(rita, WRONG, address="10.2.3.4")
    messages = [record.getMessage() for record in caplog.records]
    assert messages[:3] == ["wrong current password for 'rita' from 10.2.3.4"] * 3
    assert messages[3] == (
        "password change refused for 'rita' from 10.2.3.4: too many wrong current passwords"
    )
    assert all(record.levelno == logging.WARNING for record in caplog.records)
    assert all(WRONG not in m and NEW_PASSWORD not in m for m in messages)
