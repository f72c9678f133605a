"""`factcheck serve --production`: gunicorn's worker processes answer, reload on HUP, stop on
TERM, and leave the jobs to `factcheck worker`."""

import re
import signal
import socket

import pytest
import requests
from click.testing import CliRunner
from helpers import PASSWORD, add_people
from processes import Running, live_children

from factcheck import db as database
from factcheck.cli import main
from factcheck.store import articles as article_store

# Bigger than what the web imports within the request, so it goes to the job queue.
BIG_PASTE = "Council roads report\n\n" + "\n\n".join(
    f"The council spent {n} million pounds on {n + 3} roads in 2024, the report said."
    for n in range(1, 1600)
)


@pytest.fixture
def production(db_path, tmp_path):
    """serve --production with two web processes on a free port of 127.0.0.1."""
    server = Running(
        tmp_path,
        "--db", str(db_path), "serve", "--production", "--port", "0", "--workers", "2",
        "--threads", "2",
        name="serve",
    )  # fmt: skip
    announced = server.wait_for_output("serving")
    server.url = re.search(r"http://127\.0\.0\.1:\d+", announced).group(0)
    yield server
    server.close()


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # never through a proxy: the server is on 127.0.0.1
    return session


def _answers(session, url: str) -> int:
    return session.get(url, timeout=30).status_code


def two_new_workers(pid: int, replacing: set[int] = frozenset()) -> set[int] | None:
    """The server's two web processes once none of them is one of `replacing`."""
    workers = live_children(pid)
    return workers if len(workers) == 2 and workers.isdisjoint(replacing) else None


def test_production_server_answers_reloads_on_hup_and_stops_on_term(production):
    browser = _session()
    assert _answers(browser, f"{production.url}/healthz") == 200
    sign_in = browser.get(f"{production.url}/sign-in", timeout=30)
    assert sign_in.status_code == 200 and 'name="password"' in sign_in.text
    before = production.wait_for(lambda: two_new_workers(production.pid), "two web processes")

    production.process.send_signal(signal.SIGHUP)
    after = production.wait_for(
        lambda: two_new_workers(production.pid, replacing=before),
        "two new web processes in place of the old ones after HUP",
    )
    assert production.process.poll() is None
    assert after.isdisjoint(before)
    assert _answers(browser, f"{production.url}/healthz") == 200
    assert _answers(browser, f"{production.url}/sign-in") == 200

    assert production.stop(signal.SIGTERM) == 0
    assert "Shutting down" in production.errors()


def test_a_paste_waits_in_the_queue_until_a_worker_takes_it(production, db_path, tmp_path):
    db = database.connect(db_path)
    add_people(db)
    browser = _session()
    page = browser.get(f"{production.url}/sign-in", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    signed_in = browser.post(
        f"{production.url}/sign-in",
        data={"username": "rita", "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 303
    token = re.search(r'"X-CSRFToken": "([^"]+)"', browser.get(production.url, timeout=30).text)

    # No worker runs yet: the web processes queue the import and do not run it themselves.
    posted = browser.post(
        f"{production.url}/imports",
        data={"source": "paste", "text": BIG_PASTE, "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert posted.status_code == 303, posted.text[:500]
    progress_url = production.url + posted.headers["Location"] + ".json"
    assert re.search(r"/imports/[0-9a-f-]{36}$", posted.headers["Location"])
    waiting = browser.get(progress_url, timeout=30).json()
    assert waiting["stage"] == "queued" and waiting["no_worker"] is True
    # The page says why it waits, and what gets it going.
    page = browser.get(production.url + posted.headers["Location"], timeout=30).text
    assert "No worker is taking jobs from the queue just now" in page

    def finished():
        job = browser.get(progress_url, timeout=30).json()
        return job if job["stage"] == "done" else None

    worker = Running(tmp_path, "--db", str(db_path), "worker", name="worker")
    try:
        done = worker.wait_for(finished, "the paste was imported")
        assert worker.stop(signal.SIGTERM) == 0
    finally:
        worker.close()
    article = article_store.get_article(db, done["article_id"])
    db.close()
    assert article["title"] == "Council roads report"
    assert done["claims"] > 1000 and done["no_worker"] is False


def test_a_busy_port_is_a_one_line_error(tmp_path, immediate_jobs):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "init"]).exit_code == 0
        result = CliRunner().invoke(
            main, ["--db", str(tmp_path / "s.db"), "serve", "--production", "--port", str(port)]
        )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output


def test_workers_are_only_for_production(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "serve", "--workers", "3"])
    assert result.exit_code == 2
    assert "--production" in result.output


def test_each_web_process_compiles_every_template_at_start(db_path):
    """A new install's templates must not reach a process running the old code before HUP
    replaces it (a template naming a view the old code lacks answered 500 on every page)."""
    from factcheck.production import ProductionServer

    listener = socket.socket()
    try:
        server = ProductionServer(str(db_path), listener, workers=1, threads=1)
        app = server.load()
    finally:
        listener.close()
    templates = app.jinja_env.list_templates(extensions=["html"])
    assert len(templates) > 40
    assert len(app.jinja_env.cache) == len(templates)
