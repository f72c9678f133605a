"""Background jobs: importing a URL or a big paste with progress, archiving evidence pages."""

from helpers import DAM_ARTICLE_PAGE as ARTICLE_PAGE
from helpers import SAMPLE_ARTICLE, add_people, first_checkable_claim, import_sample, new_database
from local_server import page

from factcheck import jobs
from factcheck.network.fetch import FetchPolicy
from factcheck.store import articles, evidence


def test_url_import_job_reports_progress_and_stores_the_article(tmp_path, immediate_jobs, site):
    path = tmp_path / "j.db"
    new_database(path).close()
    site.routes["/dam"] = page(ARTICLE_PAGE)
    result = jobs.import_url(str(path), site.url("/dam"), None, FetchPolicy.local_test(site.port))
    outcome = result.get()
    assert outcome["claims"] >= 3 and outcome["duplicate"] is False
    done = jobs.progress(result.id)
    assert done["stage"] == "done" and done["article_id"] == outcome["article_id"]
    stored = articles.get_article(new_database(path), outcome["article_id"])
    assert stored["import_format"] == "url" and "seven cracks" in stored["body"]
    assert stored["publisher"] == "Valley Post"


def test_refused_url_fails_with_a_message_and_writes_nothing(tmp_path, immediate_jobs):
    path = tmp_path / "j.db"
    new_database(path).close()
    result = jobs.import_url(str(path), "http://10.0.0.8/internal", None)
    assert "error" in result.get()
    failed = jobs.progress(result.id)
    assert failed["stage"] == "failed" and "private" in failed["message"]
    assert articles.list_articles(new_database(path)) == []


def test_text_job_imports_a_paste(tmp_path, immediate_jobs):
    path = tmp_path / "j.db"
    new_database(path).close()
    result = jobs.import_text(str(path), SAMPLE_ARTICLE.encode(), "Valley floods", None)
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
    archived = jobs.archive_evidence(str(path), url, FetchPolicy.local_test(site.port)).get()
    assert archived["status"] == "archived"
    snapshot = evidence.get_snapshot(db, archived["snapshot_id"])
    assert "seven cracks" in snapshot["text"] and len(snapshot["content_sha256"]) == 64
    assert snapshot["title"] == "Dam inspection finds 7 cracks"
    listed = evidence.evidence_for_claim(db, claim["id"])[0]
    assert listed["snapshot_status"] == "archived"
    failed = jobs.archive_evidence(str(path), "http://192.168.1.1/router").get()
    assert failed["status"] == "failed"
    assert "private" in evidence.get_snapshot(db, failed["snapshot_id"])["error"]
