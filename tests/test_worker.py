"""`factcheck worker`: the job consumer in a process of its own, on the jobs file beside the
database or on Redis (FACTCHECK_JOBS_URL), finishing the job in hand when stopped."""

import signal
import subprocess
import threading

import pytest
from helpers import (
    DAM_ARTICLE_PAGE,
    HX,
    add_people,
    first_checkable_claim,
    form_post,
    import_sample,
    parse,
    signed_in_client,
    words,
)
from processes import PATIENCE, Running, run_factcheck

from factcheck import archive_jobs, import_jobs, job_progress, job_storage, jobs
from factcheck import db as database
from factcheck.network.fetch import FetchPolicy
from factcheck.store import evidence

PASTE = "Harbour dredging report\n\n" + "\n\n".join(
    f"The port authority removed {n} thousand tonnes of silt from berth {n + 2} in 2025."
    for n in range(1, 200)
)


def _rows(db_path, sql: str) -> list[dict]:
    db = database.connect(db_path)
    try:
        return list(db.query(sql))
    finally:
        db.close()


def _articles(db_path) -> list[dict]:
    return _rows(db_path, "SELECT id, title FROM articles")


def _snapshots(db_path) -> list[dict]:
    return _rows(db_path, "SELECT url, status, title FROM evidence_snapshots")


@pytest.fixture
def report_page(site):
    site.routes["/report"] = lambda handler: handler.reply(200, DAM_ARTICLE_PAGE)
    return site.url("/report")


def test_a_worker_on_redis_runs_jobs_queued_by_another_process(
    redis_url, db_path, tmp_path, site, report_page, monkeypatch, immediate_jobs
):
    monkeypatch.setenv(job_storage.JOBS_URL, redis_url)
    queue = jobs.configure_for(db_path)
    assert job_storage.describe(queue.storage).startswith("Redis at ")
    paste = import_jobs.import_text(str(db_path), PASTE.encode(), None, None)
    job_progress.set_progress(paste.id, "queued", "Waiting for a worker")
    archive = archive_jobs.archive_evidence(
        str(db_path), report_page, FetchPolicy.local_test(site.port)
    )
    assert not jobs.jobs_path_for(db_path).exists(), "the jobs went to SQLite, not Redis"

    worker = Running(tmp_path, "--db", str(db_path), "worker", **{job_storage.JOBS_URL: redis_url})
    try:
        assert "Redis at" in worker.wait_for_output("running jobs from")
        worker.wait_for(
            lambda: _articles(db_path) and _snapshots(db_path), "the article and the copy landed"
        )
        assert worker.stop(signal.SIGTERM) == 0
    finally:
        worker.close()
    assert [a["title"] for a in _articles(db_path)] == ["Harbour dredging report"]
    assert _snapshots(db_path) == [
        {"url": report_page, "status": "archived", "title": "Dam inspection finds 7 cracks"}
    ]
    # The results and progress live in Redis, where the web app reads them.
    assert job_progress.progress(paste.id)["stage"] == "done"
    assert archive.get()["status"] == "archived"


def _slow_archive_queued(db_path, site):
    """An archive queued for a page that answers only once the event returned is set; and the
    job's result."""
    release = threading.Event()

    def slow_page(handler):
        release.wait(PATIENCE)
        handler.reply(200, DAM_ARTICLE_PAGE)

    site.routes["/slow"] = slow_page
    jobs.configure_for(db_path)
    archive = archive_jobs.archive_evidence(
        str(db_path), site.url("/slow"), FetchPolicy.local_test(site.port)
    )
    return release, archive


def test_a_stopped_worker_finishes_the_job_in_hand(
    db_path, tmp_path, site, monkeypatch, immediate_jobs
):
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    release, archive = _slow_archive_queued(db_path, site)
    assert jobs.jobs_path_for(db_path).exists()

    worker = Running(tmp_path, "--db", str(db_path), "worker")
    try:
        worker.wait_for(lambda: any(p == "/slow" for p, _ in site.seen), "the page was fetched")
        worker.process.send_signal(signal.SIGTERM)
        worker.wait_for_output("stopping once the jobs in hand finish")
        assert worker.process.poll() is None, "the worker quit in the middle of a job"
        release.set()
        assert worker.process.wait(timeout=PATIENCE) == 0
    finally:
        release.set()
        worker.close()
    assert "stopped" in worker.output()
    assert _snapshots(db_path) == [
        {"url": site.url("/slow"), "status": "archived", "title": "Dam inspection finds 7 cracks"}
    ]
    assert archive.get() == {"snapshot_id": 1, "status": "archived"}


def test_a_second_ctrl_c_stops_the_worker_at_once_and_says_it_left_the_job_in_hand(
    db_path, tmp_path, site, monkeypatch, immediate_jobs
):
    """A supervisor or script must tell a stop that dropped work from a clean one."""
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    release, _ = _slow_archive_queued(db_path, site)
    worker = Running(tmp_path, "--db", str(db_path), "worker", "--workers", "1")
    try:
        worker.wait_for(lambda: any(p == "/slow" for p, _ in site.seen), "the page was fetched")
        worker.process.send_signal(signal.SIGINT)
        worker.wait_for_output("stopping once the jobs in hand finish")
        assert worker.stop(signal.SIGINT) == 130
    finally:
        release.set()
        worker.close()
    assert "factcheck worker: stopped\n" not in worker.output()
    assert worker.errors().splitlines()[-1] == (
        "factcheck worker: stopped at once, leaving the jobs in hand (a copy of a source); the"
        " next worker takes them back"
    )
    assert _snapshots(db_path) == [], "the copy was left, not kept"


def test_serve_stopped_with_term_finishes_the_job_in_hand(
    db_path, tmp_path, site, monkeypatch, immediate_jobs
):
    """systemd stops a service with TERM: `serve` lets the job in hand end, as for Ctrl+C,
    where TERM ended it mid-job."""
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    release, _ = _slow_archive_queued(db_path, site)
    server = Running(tmp_path, "--db", str(db_path), "serve", "--port", "0")
    try:
        server.wait_for(lambda: any(p == "/slow" for p, _ in site.seen), "the page was fetched")
        server.process.send_signal(signal.SIGTERM)
        with pytest.raises(subprocess.TimeoutExpired):
            server.process.wait(timeout=1)  # still running: the job is in hand
        release.set()
        assert server.process.wait(timeout=PATIENCE) == 0
    finally:
        release.set()
        server.close()
    assert _snapshots(db_path) == [
        {"url": site.url("/slow"), "status": "archived", "title": "Dam inspection finds 7 cracks"}
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://queue.example/0", "must start with redis://, rediss:// or unix://"),
        ("unix:///nonexistent/factcheck-redis.sock", "cannot reach the job queue"),
        ("redis://:hunter2@127.0.0.1:1/0", "cannot reach the job queue, Redis at 127.0.0.1:1"),
        ("redis://127.0.0.1:6379/newsroom", "a Redis database is a number"),
    ],
)
def test_a_job_queue_that_cannot_be_used_is_a_one_line_error(tmp_path, url, message):
    assert run_factcheck(tmp_path, "--db", str(tmp_path / "w.db"), "init").returncode == 0
    # In a process of its own: a worker that wrongly starts would otherwise run forever.
    result = run_factcheck(
        tmp_path, "--db", str(tmp_path / "w.db"), "worker", **{job_storage.JOBS_URL: url}
    )
    assert result.returncode == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1 and message in result.stderr
    assert "hunter2" not in result.stderr


def test_a_second_desk_on_the_same_redis_queue_is_refused(redis_url, tmp_path):
    """Two desks pointed at one Redis database would run each other's jobs against the wrong
    database: the second to start is told, and the first goes on."""
    first, second = tmp_path / "a" / "desk.db", tmp_path / "b" / "desk.db"
    for path in (first, second):
        path.parent.mkdir()
        assert run_factcheck(tmp_path, "--db", str(path), "init").returncode == 0
    on_redis = {job_storage.JOBS_URL: redis_url}

    def started(path):
        worker = Running(tmp_path, "--db", str(path), "worker", **on_redis)
        try:
            worker.wait_for_output("running jobs from")
        finally:
            worker.close()

    started(first)
    refused = run_factcheck(tmp_path, "--db", str(second), "worker", **on_redis)
    assert refused.returncode == 2
    assert "already used by another desk" in refused.stderr and str(first) in refused.stderr
    socket = redis_url.removeprefix("unix://")
    assert f"redis-cli -s {socket} -n 0 HDEL huey.results.factcheck desk" in refused.stderr
    assert refused.stderr.count("\n") == 1
    started(first)  # the desk the queue is noted for starts again


def test_a_desks_note_on_the_queue_is_written_again_when_redis_lost_it(redis_url, monkeypatch):
    """Redis restarted without saving (or emptied): the running desk's heartbeat notes it again,
    so a second desk starting then is still refused."""
    from redis import Redis

    monkeypatch.setattr(job_storage, "_claim", None)
    from huey import RedisHuey

    queue = RedisHuey(name=job_storage.QUEUE_NAME, url=redis_url)
    job_storage.claim_for_desk(queue, "desk-a", "/srv/a.db")
    Redis(unix_socket_path=redis_url.removeprefix("unix://")).flushdb()
    assert queue.get(job_storage.DESK_KEY, peek=True) is None
    job_storage.keep_claim(queue)
    with pytest.raises(job_storage.JobQueueError, match="already used by another desk"):
        job_storage.claim_for_desk(queue, "desk-b", "/srv/b.db")


def test_redis_gone_after_the_server_started_is_said_in_words_and_nothing_is_lost(
    redis_url, db_path, monkeypatch
):
    """Adding evidence still saves it (its copy is queued later), every claim panel still opens,
    a big paste keeps its text with a 503 that says why, and /healthz says the queue is gone."""
    from redis import Redis

    from factcheck.app import create_app
    from factcheck.views.imports import DIRECT_IMPORT_MAX_BYTES

    monkeypatch.setenv(job_storage.JOBS_URL, redis_url)
    jobs.configure_for(db_path)
    db = database.connect(db_path)
    add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    app = create_app({"DATABASE": str(db_path), "TESTING": True})
    client = signed_in_client(app, "rita")
    assert client.get("/healthz").status_code == 200
    Redis(unix_socket_path=redis_url.removeprefix("unix://")).shutdown(nosave=True)

    added = form_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {"url": "https://stats.example/report", "stance": "supports", "version": claim["version"]},
    )
    assert added.status_code in (200, 303), added.get_data(as_text=True)[:300]
    [item] = evidence.evidence_for_claim(db, claim["id"])
    assert item["url"] == "https://stats.example/report"
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX)
    assert panel.status_code == 200 and "stats.example" in panel.get_data(as_text=True)

    text = "Harbour report\n\n" + "The harbour moved 9 million tonnes. " * (
        DIRECT_IMPORT_MAX_BYTES // 30
    )
    refused = form_post(client, "/imports", {"source": "paste", "text": text})
    assert refused.status_code == 503
    page = parse(refused)
    assert "The job queue does not answer just now" in words(page)
    assert page.cssselect("textarea[name=text]")[0].text_content().startswith("Harbour report")
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["jobs"] == "the job queue (Redis) does not answer"
    db.close()


def test_a_stopping_worker_names_every_kind_of_job_it_waits_for():
    from factcheck import job_presence
    from factcheck.cli.worker import _stopping_words

    jobs.load_tasks()
    names = {name.rsplit(".", 1)[1] for name in jobs.huey._registry._registry}
    assert names - set(job_presence._JOB_WORDS) == set(), "jobs a stopping worker cannot name"
    assert _stopping_words(["an import", "a link check"]) == (
        "factcheck worker: stopping once the jobs in hand finish (a link check, an import);"
        " Ctrl+C or TERM again stops at once, and the next worker takes them back"
    )
    assert _stopping_words([]) == "factcheck worker: stopping"
