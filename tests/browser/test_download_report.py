"""Downloading a verdict report from the article page, as an editor would hand it to a reader."""

from helpers import RATIONALE, first_checkable_claim
from markupsafe import escape
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import evidence, users, verdicts

STORY = (
    "Ferry fares rise by 9 percent on the island route\n\n"
    "Fares on the island ferry will rise by 9 percent from April, the operator said on Tuesday.\n\n"
    "The operator carried 412,000 passengers last year, its annual report said."
)


def _published_article(path) -> tuple[int, dict]:
    db = database.connect(path)
    article_id = ingest_text(db, STORY).article_id
    claim = first_checkable_claim(db, article_id)
    rita, ed = users.actor_for(db, "rita"), users.actor_for(db, "ed")
    evidence.add_evidence(
        db,
        claim["id"],
        url="https://ferry.example/fares-2027",
        stance="supports",
        quote="Fares rise 9% from 1 April",
        actor=rita,
    )
    verdicts.set_verdict(db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(db, claim["id"], actor=rita)
    verdicts.approve(db, claim["id"], actor=ed)
    db.close()
    return article_id, claim


def test_download_the_html_report_from_the_article_page(watched_page, demo_articles, tmp_path):
    page = watched_page
    article_id, claim = _published_article(demo_articles["path"])
    page.goto(f"/articles/{article_id}")
    page.get_by_label("Export", exact=True).select_option("html")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"factcheck-article-{article_id}-")
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    report = saved.read_text(encoding="utf-8")
    assert claim["text"] in report
    assert "Accurate" in report and str(escape(RATIONALE)) in report
    assert "https://ferry.example/fares-2027" in report and "Fares rise 9% from 1 April" in report
    assert "<svg" in report
    # The page is still the article: downloading does not navigate away.
    expect(page).to_have_url(f"{page.url.split('/articles/')[0]}/articles/{article_id}")
    assert_no_problems(page)
