"""Background jobs: importing a URL or a big paste with progress, archiving evidence pages, and
the names huey stores them by."""

import json
import subprocess
import sys

from helpers import DAM_ARTICLE_PAGE as ARTICLE_PAGE
from helpers import SAMPLE_ARTICLE, add_people, first_checkable_claim, import_sample, new_database
from huey.registry import Message
from local_server import page
from processes import factcheck_env

from factcheck import archive_jobs, import_jobs, job_progress, jobs
from factcheck.network.fetch import FetchPolicy
from factcheck.store import articles, evidence


def test_url_import_job_reports_progress_and_stores_the_article(tmp_path, immediate_jobs, site):
    path = tmp_path / "j.db"
    new_database(path).close()
    site.routes["/dam"] = page(ARTICLE_PAGE)
    result = import_jobs.import_url(
        str(path), site.url("/dam"), None, FetchPolicy.local_test(site.port)
    )
    outcome = result.get()
    assert outcome["claims"] >= 3 and outcome["duplicate"] is False
    done = job_progress.progress(result.id)
    assert done["stage"] == "done" and done["article_id"] == outcome["article_id"]
    stored = articles.get_article(new_database(path), outcome["article_id"])
    assert stored["import_format"] == "url" and "seven cracks" in stored["body"]
    assert stored["publisher"] == "Valley Post"


def test_refused_url_fails_with_a_message_and_writes_nothing(tmp_path, immediate_jobs):
    path = tmp_path / "j.db"
    new_database(path).close()
    result = import_jobs.import_url(str(path), "http://10.0.0.8/internal", None)
    assert "error" in result.get()
    failed = job_progress.progress(result.id)
    assert failed["stage"] == "failed" and "private" in failed["message"]
    assert articles.list_articles(new_database(path)) == []


def test_text_job_imports_a_paste(tmp_path, immediate_jobs):
    path = tmp_path / "j.db"
    new_database(path).close()
    result = import_jobs.import_text(str(path), SAMPLE_ARTICLE.encode(), "Valley floods", None)
    article = articles.get_article(new_database(path), result.get()["article_id"])
    assert article["title"] == "Valley floods"


def test_archiving_keeps_a_copy_or_the_failure(tmp_path, immediate_jobs, site):
    path = tmp_path / "j.db"
    db = new_database(path)
    people = add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    site.routes["/report"] = page(ARTICLE_PAGE)
    url = site.url("/report")
    evidence.add_evidence(db, claim["id"], url=url, stance="supports", actor=people["rita"])
    archived = archive_jobs.archive_evidence(
        str(path), url, FetchPolicy.local_test(site.port)
    ).get()
    assert archived["status"] == "archived"
    snapshot = evidence.get_snapshot(db, archived["snapshot_id"])
    assert "seven cracks" in snapshot["text"] and len(snapshot["content_sha256"]) == 64
    assert snapshot["title"] == "Dam inspection finds 7 cracks"
    listed = evidence.evidence_for_claim(db, claim["id"])[0]
    assert listed["snapshot_status"] == "archived"
    failed = archive_jobs.archive_evidence(str(path), "http://192.168.1.1/router").get()
    assert failed["status"] == "failed"
    assert "private" in evidence.get_snapshot(db, failed["snapshot_id"])["error"]


# The names huey has stored queued jobs by; a job waiting in a queue when factcheck is upgraded
# must still find its task.
STORED_TASK_NAMES = [
    "factcheck.audit_jobs.check_trail",
    "factcheck.jobs.archive_evidence",
    "factcheck.jobs.import_article",
    "factcheck.jobs.import_files",
    "factcheck.jobs.import_text",
    "factcheck.jobs.import_url",
    "factcheck.jobs.match_library_change",
    "factcheck.jobs.read_copy",
    "factcheck.jobs.rematch_claims",
    "factcheck.link_jobs.check_links",
    "factcheck.link_jobs.link_watch_tick",
]


def test_a_fresh_worker_knows_every_task_by_its_stored_name():
    script = (
        "import json; from factcheck import jobs; jobs.load_tasks();"
        " print(json.dumps(sorted(jobs.huey._registry._registry)))"
    )
    known = subprocess.run(
        [sys.executable, "-c", script], env=factcheck_env(), capture_output=True, text=True
    )
    assert known.returncode == 0, known.stderr
    assert json.loads(known.stdout) == STORED_TASK_NAMES


def test_a_job_queued_before_the_jobs_were_split_up_still_runs(tmp_path):
    path = tmp_path / "factcheck.db"
    new_database(path).close()
    jobs.configure(tmp_path / "jobs.db")
    try:
        # The message exactly as the version with every task in jobs.py queued it.
        message = Message(
            id="queued-before-the-upgrade",
            name="factcheck.jobs.import_text",
            eta=None,
            retries=0,
            retry_delay=0,
            priority=None,
            args=(str(path), SAMPLE_ARTICLE.encode(), "Valley floods", None),
            kwargs={},
        )
        jobs.huey.storage.enqueue(jobs.huey.serializer.serialize(message))
        task = jobs.huey.dequeue()
        jobs.huey.execute(task)
        assert job_progress.progress(task.id)["stage"] == "done"
    finally:
        jobs.configure(None, immediate=True)
    db = new_database(path)
    assert [a["title"] for a in articles.list_articles(db)] == ["Valley floods"]
