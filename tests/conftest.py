"""Shared fixtures: the web app on a fresh temporary database, its client, article makers, a
local web server, background jobs that run at once, Debian's Chromium for browser tests and its
redis-server for the Redis job queue."""

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from helpers import (
    SAMPLE_ARTICLE,
    add_people,
    first_checkable_claim,
    import_sample,
    new_database,
    signed_in_client,
)
from hypothesis import settings
from local_server import Server
from processes import wait_until

from factcheck import db as database
from factcheck import jobs, passwords
from factcheck.app import create_app
from factcheck.ingest import ingest_text

# No per-example deadline: it is a timing assertion, and these machines are shared and noisy.
settings.register_profile("factcheck", deadline=None)
settings.load_profile("factcheck")

CHROMIUM = Path("/usr/bin/chromium")
REDIS_SERVER = Path("/usr/bin/redis-server")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser is Debian's Chromium: Playwright cannot download its own here."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if _in_ci():
            pytest.fail(f"browser tests cannot run in CI: {message}")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Cheap argon2 settings for every test: they are about behaviour, not the cost of hashing.
    Hashes record their own settings, so verifying works the same either way."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        yield


@pytest.fixture
def db_path(tmp_path):
    """Where the test's database lives; migrated before the app starts."""
    path = tmp_path / "factcheck.db"
    new_database(path).close()
    return path


@pytest.fixture
def app(db_path):
    """The workbench in testing mode. CSRF protection stays on, as in production."""
    return create_app({"DATABASE": str(db_path), "TESTING": True})


@pytest.fixture
def people(app_db) -> dict:
    """A reviewer (rita), two editors (ed, eve) and an admin (ada), as Actors by username."""
    return add_people(app_db)


@pytest.fixture
def anonymous_client(app):
    """A browser that has not signed in."""
    return app.test_client()


@pytest.fixture
def statements(app, monkeypatch) -> list[str]:
    """Every SQL statement the app's connections run from now on, as SQLite traces them. Each
    serving thread keeps its connection, so the ones already open are dropped first."""
    seen: list[str] = []
    connect = database.connect

    def traced(path):
        db = connect(path)
        db.conn.set_trace_callback(seen.append)
        return db

    monkeypatch.setattr(database, "connect", traced)
    monkeypatch.setitem(app.extensions, "factcheck.connections", threading.local())
    return seen


@pytest.fixture
def client_as(app, people):
    """client_as(username) is a test client already signed in as that person."""

    return lambda username: signed_in_client(app, username)


@pytest.fixture
def client(client_as):
    """A test client signed in as the reviewer rita."""
    return client_as("rita")


@pytest.fixture
def app_db(app):
    """A separate connection to the app's database, for arranging data before a request."""
    connection = database.connect(app.config["DATABASE"])
    yield connection
    connection.close()


@pytest.fixture
def make_article(app_db):
    """make_article(body=SAMPLE_ARTICLE, title=None) imports plain text and returns its id."""

    def make(body: str = SAMPLE_ARTICLE, title: str | None = None) -> int:
        return ingest_text(app_db, body, title=title).article_id

    return make


@pytest.fixture
def claim(app_db, people, make_article) -> dict:
    """The most check-worthy claim of the sample article, with everyone's accounts in place."""
    return first_checkable_claim(app_db, make_article())


@pytest.fixture
def claim_world(db_path):
    """(db, people, claim_id) for store tests without the web app: everyone's accounts and the
    most check-worthy claim of the sample article."""
    db = database.connect(db_path)
    people = add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    yield db, people, claim["id"]
    db.close()


@pytest.fixture(autouse=True)
def jobs_left_immediate():
    """A command run in-process (`evidence add`, `links check --queue`) points the job queue at a
    file beside its database; put it back for the next test."""
    yield
    if not jobs.huey.immediate:
        jobs.configure(None, immediate=True)


@pytest.fixture
def immediate_jobs():
    """Background jobs run inside the call that queues them, so their outcome can be checked at
    once; the queue is left that way for the next test."""
    jobs.configure(None, immediate=True)
    yield jobs
    jobs.configure(None, immediate=True)


@pytest.fixture
def redis_url():
    """A redis-server of the test's own, on a unix socket only (no TCP port), nothing saved to
    disk; stopped by its PID afterwards. Skipped without Debian's redis-server, except in CI."""
    from redis import Redis
    from redis.exceptions import RedisError

    if not REDIS_SERVER.exists():
        message = f"{REDIS_SERVER} is missing: apt-get install -y redis-server"
        if _in_ci():
            pytest.fail(f"the Redis tests cannot run in CI: {message}")
        pytest.skip(message)
    # A unix socket path must stay under 108 bytes, which pytest's tmp_path can exceed.
    folder = Path(tempfile.mkdtemp(prefix="factcheck-redis-"))
    sock = folder / "redis.sock"
    with open(folder / "redis.log", "wb") as log:
        server = subprocess.Popen(
            [REDIS_SERVER, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
             "--save", "", "--appendonly", "no", "--dir", str(folder)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    client = Redis(unix_socket_path=str(sock))

    def answers():
        if server.poll() is not None:
            raise AssertionError(f"redis-server exited: {(folder / 'redis.log').read_text()}")
        try:
            return client.ping()
        except RedisError:
            return False

    try:
        wait_until(answers, "redis-server to answer")
        yield f"unix://{sock}"
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site():
    """A local web server on 127.0.0.1; a test sets its routes."""
    server = Server()
    yield server
    server.close()


@pytest.fixture
def store_article(app_db):
    """store_article(body, [(text, section, kind, reason, score), ...], title=...) stores an
    article with exactly these units (found in order in the body), bypassing the splitter."""
    from factcheck.store import articles
    from factcheck.store.actors import SYSTEM
    from factcheck.text.fingerprint import body_hash
    from factcheck.text.splitting import Unit

    def store(body: str, specs: list[tuple], title: str = "A stored article", **metadata) -> int:
        units = []
        position = 0
        for seq, (text, section, kind, reason, score) in enumerate(specs, start=1):
            start = body.index(text, position)
            position = start + len(text)
            units.append(
                Unit(
                    seq=seq,
                    start=start,
                    end=position,
                    text=text,
                    section=section,
                    kind=kind,
                    reason=reason,
                    attribution=None,
                    checkworthiness=score,
                    reasons=("number or quantity",),
                )
            )
        record = {
            "title": title,
            "body": body,
            "body_hash": body_hash(body),
            "import_format": "text",
            **metadata,
        }
        article_id, _, _ = articles.add_article(app_db, record, units, SYSTEM)
        return article_id

    return store


@pytest.fixture
def matcher(monkeypatch):
    """A matcher whose scores a test can predict (word overlap, library_fakes) in place of the
    real one, whose calibration is tuned on other data: tests of how matches are stored, shown
    and refreshed then do not hang on it."""
    import library_fakes

    from factcheck import previous_checks

    monkeypatch.setattr(previous_checks, "engine", lambda: library_fakes)
    return library_fakes
