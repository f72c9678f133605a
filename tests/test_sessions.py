"""Server-side sessions: signing out ends every copy of the cookie, idle and lifetime limits, the
session's channel on audit rows, and the client's address behind trusted proxies."""

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers import HX, PASSWORD, audit_count, csrf_token_for, page_token, parse, words
from hypothesis import given
from hypothesis import strategies as st

from factcheck.app import create_app
from factcheck.store import sessions
from factcheck.store.actors import Actor
from factcheck.views import web_session

COOKIE = "factcheck_session"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A wall clock the test moves by hand."""

    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **amount) -> None:
        self.now += timedelta(**amount)


@pytest.fixture
def clock(app):
    fake = FakeClock()
    web_session.use_clock(app, fake)
    return fake


def cookie_of(test_client) -> str:
    return test_client.get_cookie(COOKIE).value


def session_id(app, test_client) -> str:
    """The random id inside the signed cookie, as the server reads it."""
    return app.session_interface.get_signing_serializer(app).loads(cookie_of(test_client))["sid"]


def replay(app, cookie: str):
    """A browser sending this copy of a session cookie, as someone who copied it would."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def copy_of(app, test_client):
    """Another browser holding a copy of this one's cookie as it is now."""
    return replay(app, cookie_of(test_client))


def session_rows(db) -> list[dict]:
    return list(db.query("SELECT * FROM sessions ORDER BY id"))


def audit_rows(db, action: str) -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE action = ? ORDER BY id", [action]))


def comment_count(db) -> int:
    return db.execute("SELECT count(*) FROM comments").fetchone()[0]


def post_comment(test_client, claim_id: int, token: str, body: str = "Checked the bulletin."):
    return test_client.post(
        f"/claims/{claim_id}/comments", data={"comment": body, "csrf_token": token}
    )


# Signing out


def test_a_cookie_copied_before_sign_out_reads_and_changes_nothing(app, client, claim, app_db):
    token = page_token(client, "/")
    stolen = cookie_of(client)
    assert replay(app, stolen).get("/").status_code == 200, "the copy works until sign-out"
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 303

    page = replay(app, stolen).get(f"/articles/{claim['article_id']}")
    assert page.status_code == 303 and page.headers["Location"].startswith("/sign-in")
    comments_before, audit_before = comment_count(app_db), audit_count(app_db)
    refused = post_comment(replay(app, stolen), claim["id"], token)
    assert refused.status_code == 303 and refused.headers["Location"].startswith("/sign-in")
    htmx = replay(app, stolen).post(
        f"/claims/{claim['id']}/comments",
        data={"comment": "Again, through htmx."},
        headers={**HX, "X-CSRFToken": token},
    )
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/sign-in")
    assert comment_count(app_db) == comments_before
    assert audit_count(app_db) == audit_before


def test_the_same_replayed_comment_is_stored_while_the_session_is_live(app, client, claim, app_db):
    """The refusal above is the sign-out's doing: the same replay works before it."""
    token = page_token(client, "/")
    response = post_comment(replay(app, cookie_of(client)), claim["id"], token)
    assert response.status_code == 303
    assert comment_count(app_db) == 1


def test_signing_out_ends_the_row_and_audits_it(app, client, app_db):
    sid = session_id(app, client)
    client.post("/sign-out", data={"csrf_token": page_token(client, "/")})
    [row] = session_rows(app_db)
    assert row["end_reason"] == "sign_out" and row["ended_at"]
    [ended] = audit_rows(app_db, "session.end")
    assert (ended["record_type"], ended["record_id"]) == ("session", row["id"])
    assert ended["actor"] == "rita"
    assert ended["channel"] == sessions.channel(sid)
    assert json.loads(ended["after"]) == {
        "user": "rita",
        "reason": "sign_out",
        "ended_at": row["ended_at"],
    }


def test_signing_in_as_someone_else_on_the_same_browser_ends_the_first_session(app, client, app_db):
    first = copy_of(app, client)
    response = client.post(
        "/sign-in",
        data={"username": "ed", "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(client)},
    )
    assert response.status_code == 303
    assert first.get("/").status_code == 303
    assert [row["end_reason"] for row in session_rows(app_db)] == ["sign_out", None]


def test_every_answer_names_the_person_it_was_drawn_for(app, client, claim):
    # workbench.js draws no answer for someone else into a page drawn for another person.
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX)
    assert panel.headers["X-Factcheck-Person"] == "rita"
    client.post(
        "/sign-in",
        data={"username": "ed", "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(client)},
    )
    assert (
        client.get(f"/claims/{claim['id']}/panel", headers=HX).headers["X-Factcheck-Person"] == "ed"
    )
    client.post("/sign-out", data={"csrf_token": page_token(client, "/")})
    signed_out = client.get(f"/claims/{claim['id']}/panel", headers=HX)
    assert signed_out.status_code == 401
    assert signed_out.headers["X-Factcheck-Person"] == ""
    assert "X-Factcheck-Person" not in client.get("/static/js/workbench.js").headers


# What the table keeps


def test_the_table_keeps_a_hash_of_the_id_never_the_id(app, client, app_db):
    sid = session_id(app, client)
    assert len(sid) >= 43, "secrets.token_urlsafe(32)"
    [row] = session_rows(app_db)
    assert row["id_hash"] == hashlib.sha256(sid.encode()).hexdigest()
    dump = "\n".join(app_db.conn.iterdump())
    assert sid not in dump
    [started] = audit_rows(app_db, "session.start")
    password = app_db.execute("SELECT password_hash FROM users WHERE username = 'rita'")
    assert json.loads(started["after"]) == {
        "user": "rita",
        "address": "127.0.0.1",
        "created_at": row["created_at"],
        # What the trail keeps of the password signed in with: a hash of its stored hash.
        "password_sha256": hashlib.sha256(password.fetchone()[0].encode()).hexdigest(),
    }
    assert row["address"] == "127.0.0.1" and row["ended_at"] is None


def test_web_changes_carry_the_sessions_channel(app, client, claim, app_db):
    sid = session_id(app, client)
    post_comment(client, claim["id"], page_token(client, "/"))
    [comment] = audit_rows(app_db, "comment.add")
    assert comment["channel"] == "web:" + hashlib.sha256(sid.encode()).hexdigest()[:16]
    [started] = audit_rows(app_db, "session.start")
    assert started["channel"] == comment["channel"]


@pytest.mark.usefixtures("immediate_jobs")
@pytest.mark.parametrize("repeat", [1, 5000], ids=["at once", "as a background job"])
def test_an_import_from_the_browser_carries_the_sessions_channel(app, client, app_db, repeat):
    text = "Valley report\n\n" + "Heavy rain closed 14 schools on Tuesday. " * repeat
    token = page_token(client, "/")
    response = client.post("/imports", data={"csrf_token": token, "source": "paste", "text": text})
    assert response.status_code == 303
    [imported] = audit_rows(app_db, "import")
    assert imported["actor"] == "rita"
    assert imported["channel"] == sessions.channel(session_id(app, client))


def test_two_browsers_of_one_person_are_two_sessions(app, client_as, app_db):
    here, there = client_as("rita"), client_as("rita")
    assert session_id(app, here) != session_id(app, there)
    here.post("/sign-out", data={"csrf_token": page_token(here, "/")})
    assert here.get("/").status_code == 303
    assert there.get("/").status_code == 200, "signing out here leaves the other browser alone"


# Ended by someone else


def test_a_password_change_ends_every_row_of_that_person(app, client_as, app_db, people):
    from factcheck.store import users

    rita, ed = client_as("rita"), client_as("ed")
    users.change_password(app_db, "rita", "another long password", actor=people["ada"])
    ended = {row["user_id"]: row["end_reason"] for row in session_rows(app_db)}
    assert ended == {people["rita"].id: "password_changed", people["ed"].id: None}
    response = rita.get("/", follow_redirects=True)
    assert "Your password was changed" in words(parse(response).cssselect(".flash")[0])
    assert ed.get("/").status_code == 200


def test_disabling_ends_every_row_of_that_person(app, client_as, app_db, people):
    from factcheck.store import users

    rita = client_as("rita")
    users.set_disabled(app_db, "rita", True, actor=people["ada"])
    assert [row["end_reason"] for row in session_rows(app_db)] == ["disabled"]
    assert rita.get("/").status_code == 303
    users.set_disabled(app_db, "rita", False, actor=people["ada"])
    assert rita.get("/").status_code == 303, "enabling again does not bring sessions back"


# Idle time and lifetime


def test_a_session_ends_after_twelve_idle_hours(app, clock, client, app_db):
    for _ in range(3):
        clock.advance(hours=11, minutes=59)
        assert client.get("/").status_code == 200, "each visit restarts the idle time"
    thief = copy_of(app, client)
    clock.advance(hours=12)
    response = client.get("/account")
    assert response.status_code == 303
    assert response.headers["Location"] == "/sign-in?next=/account"
    page = parse(client.get(response.headers["Location"]))
    message = "Your session ended after 12 hours without activity; sign in again."
    assert words(page.cssselect(".flash")[0]) == message
    [row] = session_rows(app_db)
    assert row["end_reason"] == "idle"
    [ended] = audit_rows(app_db, "session.end")
    assert ended["actor"] == "system" and ended["channel"].startswith("web:")
    assert thief.get("/").status_code == 303, "the session is over for every copy"


def test_a_copy_left_unused_idles_out_and_showing_it_ends_the_session(app, clock, client, app_db):
    thief = copy_of(app, client)
    for _ in range(2):
        clock.advance(hours=7)
        assert client.get("/").status_code == 200
    assert thief.get("/").status_code == 303, "its owner was busy, but this copy was idle"
    assert [row["end_reason"] for row in session_rows(app_db)] == ["idle"]
    assert client.get("/").status_code == 303, "a stale copy turning up ends the session"


def test_a_session_ends_after_seven_days_however_busy(app, clock, client, app_db):
    for _ in range(16):
        clock.advance(hours=10)
        assert client.get("/").status_code == 200
    clock.advance(hours=8)  # 168 hours since signing in
    response = client.get("/", follow_redirects=True)
    message = "Your session ended after 7 days, the longest a session lasts; sign in again."
    assert words(parse(response).cssselect(".flash")[0]) == message
    assert [row["end_reason"] for row in session_rows(app_db)] == ["lifetime"]


def test_an_ended_session_tells_htmx_and_json_why(app, clock, client):
    clock.advance(hours=13)
    htmx = client.get("/", headers=HX)
    assert htmx.status_code == 401
    assert htmx.get_json()["error"].startswith("Your session ended after 12 hours")
    assert htmx.headers["HX-Redirect"] == "/sign-in?next=/"


def test_the_idle_time_and_lifetime_are_settings(db_path, people, monkeypatch):
    monkeypatch.setenv("FACTCHECK_SESSION_IDLE_HOURS", "0.5")
    monkeypatch.setenv("FACTCHECK_SESSION_LIFETIME_DAYS", "1")
    app = create_app({"DATABASE": str(db_path), "TESTING": True})
    clock = FakeClock()
    web_session.use_clock(app, clock)
    browser = app.test_client()
    browser.post(
        "/sign-in",
        data={"username": "rita", "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(browser)},
    )
    assert app.permanent_session_lifetime == timedelta(days=1) + web_session.COOKIE_OUTLIVES
    clock.advance(minutes=29)
    assert browser.get("/").status_code == 200
    clock.advance(minutes=30)
    response = browser.get("/", follow_redirects=True)
    assert "after 0.5 hours without activity" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "setting, value",
    [
        ("SESSION_IDLE_HOURS", 0),
        ("SESSION_LIFETIME_DAYS", -1),
        ("SESSION_IDLE_HOURS", "twelve"),
        ("SESSION_IDLE_HOURS", float("nan")),
        ("SESSION_LIFETIME_DAYS", 1e300),
    ],
)
def test_a_bad_session_setting_stops_the_app_and_names_it(db_path, setting, value):
    with pytest.raises(ValueError, match=f"FACTCHECK_{setting} must be a positive number"):
        create_app({"DATABASE": str(db_path), "TESTING": True, setting: value})


def test_an_idle_time_shorter_than_the_last_request_is_noted_is_refused(db_path):
    with pytest.raises(ValueError, match="SESSION_IDLE_HOURS must be at least 0.25"):
        create_app({"DATABASE": str(db_path), "TESTING": True, "SESSION_IDLE_HOURS": 1e-7})


# The rule itself, without the web


def _session(created: datetime, last_seen: datetime, **changes) -> sessions.Session:
    fields = {"end_reason": None, "user_disabled": False} | changes
    actor = Actor(1, "rita", "reviewer")
    return sessions.Session(1, actor, created, last_seen, **fields)


@given(
    age=st.integers(min_value=0, max_value=20 * 24 * 60),
    quiet=st.integers(min_value=0, max_value=20 * 24 * 60),
    idle=st.integers(min_value=1, max_value=48 * 60),
    lifetime=st.integers(min_value=1, max_value=14 * 24 * 60),
)
def test_a_session_is_live_exactly_while_it_is_young_and_busy_enough(age, quiet, idle, lifetime):
    now = START + timedelta(minutes=age)
    last_seen = now - timedelta(minutes=min(quiet, age))
    found = _session(START, START)
    reason = sessions.why_ended(
        found,
        now=now,
        last_seen=last_seen,
        idle=timedelta(minutes=idle),
        lifetime=timedelta(minutes=lifetime),
    )
    if age >= lifetime:
        assert reason == "lifetime"
    elif min(quiet, age) >= idle:
        assert reason == "idle"
    else:
        assert reason is None


def test_an_ended_or_disabled_session_stays_ended_whatever_the_time():
    ended = _session(START, START, end_reason="sign_out")
    assert sessions.why_ended(ended, now=START) == "sign_out"
    disabled = _session(START, START, user_disabled=True)
    assert sessions.why_ended(disabled, now=START) == "disabled"


def test_a_cookie_older_than_the_server_record_does_not_count_as_activity():
    server_seen = START + timedelta(hours=10)
    found = _session(START, server_seen)
    now = START + timedelta(hours=13)
    assert sessions.why_ended(found, now=now, last_seen=START) is None


# The client's address


@pytest.mark.parametrize("trusted, address", [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_the_sign_in_address_comes_from_trusted_proxies_only(
    db_path, app_db, people, trusted, address
):
    app = create_app({"DATABASE": str(db_path), "TESTING": True, "TRUSTED_PROXIES": trusted})
    browser = app.test_client()
    response = browser.post(
        "/sign-in",
        data={"username": "rita", "password": PASSWORD},
        headers={
            "X-CSRFToken": csrf_token_for(browser),
            "X-Forwarded-For": "198.51.100.7, 203.0.113.9",
        },
    )
    assert response.status_code == 303
    assert [row["address"] for row in session_rows(app_db)] == [address]


@pytest.mark.parametrize("trusted", [0, 1])
def test_https_comes_from_trusted_proxies_only(db_path, trusted):
    app = create_app({"DATABASE": str(db_path), "TESTING": True, "TRUSTED_PROXIES": trusted})
    response = app.test_client().get("/sign-in", headers={"X-Forwarded-Proto": "https"})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-factcheck_session=") == bool(trusted)
    assert ("; Secure" in cookie) == bool(trusted)


@pytest.mark.parametrize("value", [-1, "one", True, 1.5])
def test_a_bad_proxy_count_stops_the_app_and_names_it(db_path, value):
    with pytest.raises(ValueError, match="FACTCHECK_TRUSTED_PROXIES must be the number"):
        create_app({"DATABASE": str(db_path), "TESTING": True, "TRUSTED_PROXIES": value})


def test_each_session_a_change_ends_has_its_own_end_in_the_trail(app, client_as, app_db, people):
    """Disabling someone, an admin's reset and a person's own new password each end sessions:
    each end is audited in the change's transaction, through the session it ends, and the
    trail still matches the sessions table."""
    from factcheck.store import audit, users

    here, there = client_as("rita"), client_as("rita")
    users.set_disabled(app_db, "rita", True, actor=people["ada"], why="Left the paper")
    ends = audit_rows(app_db, "session.end")
    rows = session_rows(app_db)
    assert [(end["record_type"], end["record_id"]) for end in ends] == [
        ("session", row["id"]) for row in rows
    ]
    [disabled] = audit_rows(app_db, "user.disable")
    assert all(end["id"] > disabled["id"] for end in ends), "after the change that ended them"
    for end, row in zip(ends, rows, strict=True):
        assert end["actor"] == "system" and row["id_hash"].startswith(end["channel"][4:])
        assert json.loads(end["after"]) == {
            "user": "rita",
            "reason": "disabled",
            "ended_at": row["ended_at"],
        }
    assert audit.verify(app_db).ok
    assert here.get("/").status_code == there.get("/").status_code == 303

    users.set_disabled(app_db, "rita", False, actor=people["ada"])
    rita = client_as("rita")
    users.change_password(app_db, "rita", "another long password", actor=people["ada"])
    assert json.loads(audit_rows(app_db, "session.end")[-1]["after"])["reason"] == (
        "password_changed"
    )
    assert audit.verify(app_db).ok
    assert rita.get("/").status_code == 303


def change_own_password(browser):
    """Change the signed-in person's password from the Account page."""
    return browser.post(
        "/account/password",
        data={
            "csrf_token": page_token(browser, "/account"),
            "current_password": PASSWORD,
            "new_password": "a quite different long password",
            "confirm_password": "a quite different long password",
        },
    )


def test_ones_own_new_password_audits_the_end_of_each_session_it_ends(app, client_as, app_db):
    """From the Account page: it ends this browser's session too (and starts it afresh), and the
    change's own row goes through the session it ends."""
    from factcheck.store import audit

    rita, elsewhere = client_as("rita"), client_as("rita")
    changed = change_own_password(rita)
    assert changed.status_code == 303, changed.get_data(as_text=True)
    ends = audit_rows(app_db, "session.end")
    assert [json.loads(end["after"])["reason"] for end in ends] == ["password_changed"] * 2
    report = audit.verify(app_db)
    assert report.ok, report.problems
    assert rita.get("/").status_code == 200 and elsewhere.get("/").status_code == 303


def test_the_audit_pages_sign_ins_show_a_session_ended_by_disabling(client_as, app_db, people):
    from factcheck.store import users

    client_as("rita")
    users.set_disabled(app_db, "rita", True, actor=people["ada"])
    page = parse(client_as("ed").get("/audit?kind=session"))
    ends = [
        words(entry) for entry in page.cssselect(".audit-entry") if "session.end" in words(entry)
    ]
    assert len(ends) == 1 and "reason—disabled user—rita" in ends[0]
    assert "system ended a session: its person was disabled · session 1 (rita)" in ends[0]


def test_a_sign_out_button_from_an_earlier_session_says_who_is_still_signed_in(client_as):
    """A tab opened before the password was changed in another: its Sign out button's token is
    of the session the change ended. Nobody is signed out by it, and the page says so, in a page
    whose own Sign out button works."""
    rita = client_as("rita")
    earlier = page_token(rita, "/")
    changed = change_own_password(rita)
    assert changed.status_code == 303
    refused = rita.post("/sign-out", data={"csrf_token": earlier})
    assert refused.status_code == 400
    [said] = parse(refused).cssselect("[data-error-message]")
    assert words(said) == (
        "400 You are still signed in as rita: that Sign out button's security token is not this"
        " session's (a page opened before the password was changed, or before signing in again,"
        " in another tab). This page's Sign out button signs out. Sign out"
    )
    [button] = parse(refused).cssselect("[data-error-message] form input[name=csrf_token]")
    button = button.get("value")
    assert rita.post("/sign-out", data={"csrf_token": button}).status_code == 303
    assert rita.get("/").status_code == 303


def test_a_session_left_for_longer_than_it_lasts_is_ended_with_its_reason(
    app, clock, client, app_db, monkeypatch
):
    """Back from a fortnight's leave: the cookie, signed two weeks ago, still reaches the session
    code, which records the end and says why, where Flask refused it unread (no session.end row,
    the session open in the table, no reason on the sign-in page)."""
    from itsdangerous.timed import TimestampSigner

    signed = TimestampSigner.get_timestamp
    fortnight = timedelta(days=14)
    monkeypatch.setattr(
        TimestampSigner, "get_timestamp", lambda self: signed(self) + int(fortnight.total_seconds())
    )
    clock.advance(days=14)
    response = client.get("/", follow_redirects=True)
    message = "Your session ended after 7 days, the longest a session lasts; sign in again."
    assert words(parse(response).cssselect(".flash")[0]) == message
    assert [row["end_reason"] for row in session_rows(app_db)] == ["lifetime"]
    assert len(audit_rows(app_db, "session.end")) == 1
