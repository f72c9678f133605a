"""Jobs a crash or restart cut off: marked failed when the workers start again, with a "Try again"
that queues the same input as a new job."""

import pytest
from helpers import DAM_ARTICLE_PAGE, HX, SAMPLE_ARTICLE, fragment, page_token, parse
from local_server import page
from test_imports_web import big_text

from factcheck import archive_jobs, job_progress, job_recovery, jobs
from factcheck.network.fetch import FetchPolicy
from factcheck.store import articles as article_store
from factcheck.store import audit
from factcheck.store import evidence as evidence_store
from factcheck.views.imports import DIRECT_IMPORT_MAX_BYTES


@pytest.fixture
def jobs_file(tmp_path):
    """Jobs wait in a real queue file, as under `factcheck serve`, until the test runs them."""
    path = tmp_path / "factcheck-jobs.db"
    jobs.configure(path)
    yield path
    jobs.configure(None, immediate=True)


def crash_while_running(stage: str | None = None):
    """A worker takes the next job and the server dies before it finishes."""
    task = jobs.huey.dequeue()
    assert task is not None, "no job is waiting"
    if stage:
        job_progress.set_progress(task.id, stage, "Splitting into claims and saving")
    return task.id


def restart(jobs_path) -> None:
    """What `factcheck serve` does when it starts: queue file, recovery, then the workers."""
    jobs.configure(jobs_path)
    consumer = job_recovery.start_workers(workers=1)
    consumer.stop(graceful=True)


def run_next_job() -> None:
    task = jobs.huey.dequeue()
    assert task is not None, "no job is waiting"
    jobs.huey.execute(task)


def start_big_paste(client, text: str) -> str:
    response = client.post(
        "/imports",
        data={"csrf_token": page_token(client, "/"), "source": "paste", "text": text},
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Location"].removeprefix("/imports/")


def test_an_import_cut_off_while_saving_is_failed_with_a_retry_that_works(
    client, app_db, jobs_file
):
    text = big_text(DIRECT_IMPORT_MAX_BYTES + 1000)
    job_id = start_big_paste(client, text)
    assert crash_while_running("saving") == job_id

    restart(jobs_file)

    assert job_progress.progress(job_id)["stage"] == "failed"
    progress = parse(client.get(f"/imports/{job_id}"))
    assert progress.cssselect("h2")[0].text_content() == "Import failed"
    message = progress.cssselect("[data-error-message]")[0].text_content()
    assert message.startswith("The server stopped while this import was running")
    form = progress.cssselect("form.import-again")[0]
    assert form.get("action") == f"/imports/{job_id}/retry"
    assert form.cssselect("button")[0].text_content() == "Try again"
    assert client.get(f"/imports/{job_id}.json").get_json()["can_retry"] is True

    retried = client.post(form.get("action"), data={"csrf_token": page_token(client, "/")})
    assert retried.status_code == 303
    new_id = retried.headers["Location"].removeprefix("/imports/")
    assert new_id != job_id and job_progress.progress(new_id)["stage"] == "queued"
    assert article_store.list_articles(app_db) == []
    run_next_job()
    assert job_progress.progress(new_id)["stage"] == "done"
    (article,) = article_store.list_articles(app_db)
    assert article["title"] == "A long report from the valley"
    # The input moved to the new job: the old one cannot be queued a second time.
    again = client.post(f"/imports/{job_id}/retry", data={"csrf_token": page_token(client, "/")})
    assert again.status_code == 404
    assert audit.verify(app_db).ok


def test_a_job_taken_but_not_started_is_recovered_too(client, jobs_file):
    job_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    crash_while_running()  # progress still says "queued", but the queue no longer holds it
    restart(jobs_file)
    assert job_progress.progress(job_id)["stage"] == "failed"
    assert job_progress.progress(job_id)["interrupted"] is True


def test_only_the_owner_can_retry(client, client_as, jobs_file):
    job_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    crash_while_running("saving")
    restart(jobs_file)
    eve = client_as("eve")
    response = eve.post(f"/imports/{job_id}/retry", data={"csrf_token": page_token(eve, "/")})
    assert response.status_code == 404
    assert (
        job_progress.progress(job_id)["stage"] == "failed"
        and job_progress.kept_input(job_id) is not None
    )


def test_an_archive_cut_off_is_failed_and_can_be_fetched_again(
    app, client, claim, people, app_db, jobs_file, site
):
    site.routes["/bulletin"] = page(DAM_ARTICLE_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    url = site.url("/bulletin")
    evidence = evidence_store.add_evidence(
        app_db, claim["id"], url=url, stance="supports", actor=people["rita"]
    )
    archive_jobs.queue_archive(app.config["DATABASE"], url, FetchPolicy.local_test(site.port))
    assert archive_jobs.archive_queued(url)
    crash_while_running()

    restart(jobs_file)

    assert not archive_jobs.archive_queued(url)
    (item,) = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert item["snapshot_status"] == "failed"
    assert item["snapshot_error"] == job_recovery.INTERRUPTED_ARCHIVE
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    badge = panel.cssselect(f"#archive-badge-{evidence['id']}")[0]
    assert "The server stopped while the page was being copied" in badge.text_content()
    retry = badge.cssselect("button.archive-retry")[0]
    assert retry.text_content() == "Try again"

    pending = client.post(
        retry.get("hx-post"), headers={**HX, "X-CSRFToken": page_token(client, "/")}
    )
    assert pending.status_code == 200
    assert "Archiving…" in fragment(pending).text_content()  # queued: the badge polls
    run_next_job()
    polled = client.get(
        f"/claims/{claim['id']}/evidence/{evidence['id']}/archive-status", headers=HX
    )
    assert "Archived copy" in fragment(polled).text_content()
    assert audit.verify(app_db).ok


def test_finished_and_waiting_jobs_are_left_alone(client, jobs_file):
    done_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    run_next_job()
    waiting_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000, "Later"))
    assert job_recovery.recover_interrupted() == {"imports": [], "archives": [], "matching": []}
    assert job_progress.progress(done_id)["stage"] == "done"
    assert job_progress.progress(waiting_id)["stage"] == "queued"


def test_a_matching_job_cut_off_is_queued_again_once(claim_world, jobs_file, caplog):
    """Matching a big article's claims takes minutes; a restart (a stop that timed out, a crash)
    must not leave its claims without their previous checks, and nothing said of it."""
    from factcheck import matching_jobs

    db, people, claim_id = claim_world
    path = str(db.conn.execute("PRAGMA database_list").fetchone()[2])
    matching_jobs.queue_rematch(path, [claim_id], people["rita"], "import of a big article")
    crash_while_running()
    assert job_recovery.recover_interrupted()["matching"] == ["rematch"]
    assert "queued again 1 matching job(s) cut off when their worker stopped" in caplog.text
    assert [task.name for task in jobs.huey.pending()] == ["rematch_claims"]
    crash_while_running()  # cut off again: it may be what brings the worker down
    assert job_recovery.recover_interrupted()["matching"] == []
    assert jobs.huey.pending() == []
    assert "run `factcheck library rematch`" in caplog.text
    matching_jobs.queue_rematch(path, [claim_id], people["rita"], "again")
    run_next_job()  # a job that ends leaves no marker to queue again
    assert job_recovery.recover_interrupted()["matching"] == []


def _taken_by(consumer: str, *, heard_seconds_ago: float, stage: str = "saving") -> str:
    """Another consumer (another `factcheck worker`) takes the next job and is last heard from
    `heard_seconds_ago`."""
    import time

    from factcheck import job_presence

    task = jobs.huey.dequeue()
    assert task is not None, "no job is waiting"
    job_progress.set_progress(task.id, stage, "Splitting into claims and saving")
    jobs.huey.put(job_presence.RUNNING_PREFIX + task.id, consumer)
    jobs.huey.put(job_presence.CONSUMER_PREFIX + consumer, time.time() - heard_seconds_ago)
    return task.id


def test_a_worker_starting_beside_another_leaves_its_running_jobs_alone(client, jobs_file):
    """Several workers may serve one queue: one starting must not call another's import cut off,
    nor run its matching a second time."""
    job_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    _taken_by("worker-a", heard_seconds_ago=2)
    assert job_recovery.recover_interrupted()["imports"] == []
    assert job_progress.progress(job_id)["stage"] == "saving"
    # A job nobody has marked as taken (taken a moment ago) is left too while another is alive.
    later = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000, "Later"))
    jobs.huey.dequeue()
    assert job_recovery.recover_interrupted()["imports"] == []
    assert job_progress.progress(later)["stage"] == "queued"


def test_the_jobs_of_a_worker_that_stopped_are_taken_back_by_the_sweep(client, jobs_file):
    from factcheck import job_presence

    job_id = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    _taken_by("worker-a", heard_seconds_ago=job_presence.GONE_SECONDS + 5)
    assert job_recovery.recover_interrupted(starting=False)["imports"] == [job_id]
    assert job_progress.progress(job_id)["interrupted"] is True
    items = jobs.huey.storage.result_items()
    assert not [key for key in items if key.startswith(("running:", "consumer:"))]


def test_running_workers_say_so_and_mark_the_jobs_they_take(client, jobs_file, monkeypatch):
    from factcheck import job_presence

    seen = []
    set_progress = job_progress.set_progress

    def noting_the_mark(job_id, stage, *args, **kwargs):
        if stage != "queued":  # the job is running on a worker's thread
            items = jobs.huey.storage.result_items()
            marked = items.get(job_presence.RUNNING_PREFIX + job_id)
            seen.append(marked and jobs.huey.serializer.deserialize(marked))
        return set_progress(job_id, stage, *args, **kwargs)

    monkeypatch.setattr(job_progress, "set_progress", noting_the_mark)
    start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    assert not job_presence.any_alive()
    workers = job_recovery.start_workers(workers=1)
    try:
        assert job_presence.any_alive()
        assert _eventually(lambda: seen), "the worker to take the job"
    finally:
        workers.stop(graceful=True)
    assert seen[0] == job_presence.ME
    assert not job_presence.any_alive()
    assert not [k for k in jobs.huey.storage.result_items() if k.startswith("running:")]


def _eventually(check, seconds: float = 20.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_a_big_match_yields_to_the_jobs_queued_behind_it(
    client, app, app_db, people, make_article, jobs_file, monkeypatch
):
    """Matching a 20,000-claim article held every import and archive back for many minutes: a
    matching job does its share, then queues the rest behind what came in meanwhile."""
    from factcheck import matching_jobs
    from factcheck.store import claim_matches

    monkeypatch.setattr(matching_jobs, "JOB_SHARE", 2)
    path = app.config["DATABASE"]
    ids = claim_matches.article_claim_ids(app_db, [make_article()])
    assert len(ids) > 4
    matching_jobs.queue_rematch(path, ids, people["rita"], "import of a big article")
    paste = start_big_paste(client, big_text(DIRECT_IMPORT_MAX_BYTES + 1000))
    run_next_job()  # the first share of the matching
    assert [task.name for task in jobs.huey.pending()] == ["import_text", "rematch_claims"]
    run_next_job()  # the import a reporter waits on, before the rest of the matching
    assert job_progress.progress(paste)["stage"] == "done"
    while jobs.huey.pending():
        run_next_job()
    # Every claim was matched once, share by share; no marker is left to queue anything again.
    assert not [k for k in jobs.huey.storage.result_items() if k.startswith("matching:")]


def test_an_article_is_still_being_matched_until_the_share_holding_its_last_claim_ends(
    app, app_db, people, make_article, jobs_file, monkeypatch
):
    """Two articles imported together, matched share by share: the first is done once the share
    holding its last claim is, the second only when the last share is."""
    from factcheck import matching_jobs
    from factcheck.store import claim_matches

    first = make_article()
    second = make_article(SAMPLE_ARTICLE + "\nA second copy of the sample.")
    first_ids = claim_matches.article_claim_ids(app_db, [first])
    ids = first_ids + claim_matches.article_claim_ids(app_db, [second])
    monkeypatch.setattr(matching_jobs, "JOB_SHARE", len(first_ids))
    path = app.config["DATABASE"]
    matching_jobs.queue_rematch(path, ids, people["rita"], "import of 2 articles", [first, second])
    assert matching_jobs.still_matching(first) and matching_jobs.still_matching(second)
    run_next_job()  # the first article's claims
    assert not matching_jobs.still_matching(first)
    assert matching_jobs.still_matching(second)
    while jobs.huey.pending():
        run_next_job()
    assert not matching_jobs.still_matching(second)


def test_a_match_running_when_the_workers_stop_keeps_its_work_and_queues_the_rest_afresh(
    app, app_db, people, make_article, jobs_file, monkeypatch
):
    """A restart (TERM to `serve`) while a big article's claims were matched cut the job off,
    and one cut off twice was dropped for good: stopping workers make it store what it matched
    and queue the claims it had not begun as a new job, which no restart counts against."""
    from factcheck import matching_jobs, previous_checks
    from factcheck.store import claim_matches

    monkeypatch.setattr(previous_checks, "CHUNK_CLAIMS", 2)
    ids = claim_matches.article_claim_ids(app_db, [make_article()])
    assert len(ids) > 4
    # Stopping from the start: the job still does one chunk, so it always moves on.
    monkeypatch.setattr(jobs.STOPPING, "is_set", lambda: True)
    matching_jobs.queue_rematch(app.config["DATABASE"], ids, people["rita"], "a big article")
    run_next_job()
    [rest] = jobs.huey.pending()
    assert rest.name == "rematch_claims" and rest.args[1] == ids[2:]
    [marker] = [
        jobs.huey.serializer.deserialize(value)
        for key, value in jobs.huey.storage.result_items().items()
        if key.startswith(matching_jobs.MATCHING_PREFIX)
    ]
    assert marker["attempt"] == 1 and marker["arguments"][1] == ids[2:]


def test_the_rest_of_a_big_match_waits_out_a_short_queue_outage_or_says_what_is_left(
    client, app, app_db, people, make_article, jobs_file, monkeypatch, caplog
):
    from redis.exceptions import ConnectionError as RedisDown

    from factcheck import matching_jobs
    from factcheck.store import claim_matches

    monkeypatch.setattr(matching_jobs, "JOB_SHARE", 2)
    monkeypatch.setattr(matching_jobs, "REST_WAIT_SECONDS", 0)
    ids = claim_matches.article_claim_ids(app_db, [make_article()])
    matching_jobs.queue_rematch(app.config["DATABASE"], ids, people["rita"], "a big article")
    queue = matching_jobs._queue
    outage = {"left": 2}

    def flaky(kind, arguments, attempt=1):
        if outage["left"]:
            outage["left"] -= 1
            raise RedisDown("Connection refused")
        return queue(kind, arguments, attempt)

    monkeypatch.setattr(matching_jobs, "_queue", flaky)
    run_next_job()
    assert [task.name for task in jobs.huey.pending()] == ["rematch_claims"]
    outage["left"] = matching_jobs.REST_ATTEMPTS
    run_next_job()
    assert jobs.huey.pending() == []
    assert "run `factcheck library rematch` to match them" in caplog.text
