"""huey's real consumer as plain `serve` runs it: worker threads in the web server's process on the
SQLite jobs file beside the database. A URL import sent through the import form runs on one of
those threads, its article lands in the database, and the consumer stops cleanly."""

import threading

import pytest
from helpers import DAM_ARTICLE_PAGE, page_token, signed_in_client
from local_server import page
from processes import wait_until

from factcheck import importers, job_recovery, job_storage, jobs
from factcheck.app import create_app
from factcheck.network.fetch import FetchPolicy
from factcheck.store import articles as article_store


@pytest.fixture
def consumer(db_path, monkeypatch):
    """The queue configured and the workers started as `serve` does; stopped afterwards."""
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    queue = jobs.configure_for(db_path)
    assert not queue.immediate
    running = job_recovery.start_workers(workers=2)
    yield running
    running.stop(graceful=True)
    jobs.configure(None, immediate=True)


def test_a_url_import_runs_on_a_consumer_thread_and_lands_in_the_database(
    db_path, people, app_db, site, consumer, monkeypatch
):
    site.routes["/dam"] = page(DAM_ARTICLE_PAGE)
    ran_on = []
    fetch_page = importers.from_url

    def noting_the_thread(*args, **kwargs):
        ran_on.append(threading.current_thread())
        return fetch_page(*args, **kwargs)

    monkeypatch.setattr(importers, "from_url", noting_the_thread)
    app = create_app({"DATABASE": str(db_path), "TESTING": True})
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    client = signed_in_client(app, "rita")

    response = client.post(
        "/imports",
        data={"csrf_token": page_token(client, "/"), "source": "url", "url": site.url("/dam")},
    )
    assert response.status_code == 303
    progress_url = response.headers["Location"]
    assert jobs.jobs_path_for(db_path).exists(), "the job went to the jobs file"

    done = wait_until(
        lambda: client.get(f"{progress_url}.json").get_json()["stage"] == "done",
        "a consumer thread to finish the import",
    )
    assert done
    [article] = article_store.list_articles(app_db)
    assert article["title"] == "Dam inspection finds 7 cracks" and article["imported_by"] == "rita"
    [thread] = ran_on
    workers = {worker for _, worker in consumer.consumer.worker_threads}
    assert thread in workers and thread is not threading.main_thread()
    assert client.get(progress_url).headers["Location"] == f"/articles/{article['id']}"

    consumer.stop(graceful=True)
    assert not any(worker.is_alive() for worker in workers)
    assert not consumer.consumer.scheduler.is_alive()
