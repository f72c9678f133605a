"""`factcheck dev generate`: generated articles go through the real pipeline, review work reaches
every state through the store, the audit trail verifies, and a seed always gives the same data."""

import json

import pytest
from click.testing import CliRunner
from helpers import SAMPLE_ARTICLE, new_database

from factcheck.cli import main
from factcheck.devdata.articles import article
from factcheck.devdata.generate import GenerateRefused, generate, prepare_article
from factcheck.devdata.people import ADMIN, EDITORS, REVIEWERS
from factcheck.ingest import ingest_text, store_prepared
from factcheck.scales import default_scale
from factcheck.store import articles as article_store
from factcheck.store import audit, claim_reads
from factcheck.store.bulk_load import SEARCH_INSERT_TRIGGER, bulk_load

ARTICLES = 30
SHARE = 0.3  # more than a real run, so that 30 articles reach every state


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    db = new_database(tmp_path_factory.mktemp("devdata") / "generated.db")
    summary = generate(db, articles=ARTICLES, seed=7, review_share=SHARE, workers=0)
    return db, summary


def _rows(db, sql: str) -> list[tuple]:
    return db.execute(sql).fetchall()


def test_every_claim_is_the_text_at_its_offsets(generated):
    db, summary = generated
    listed = article_store.list_articles(db)
    assert len(listed) == summary.articles == ARTICLES
    units = []
    for row in listed:
        body = article_store.get_article(db, row["id"])["body"]
        claims = claim_reads.claims_for_article(db, row["id"])
        assert [c["seq"] for c in claims] == list(range(len(claims)))
        assert all(body[c["start"] : c["end"]] == c["text"] for c in claims)
        units.append(len(claims))
    assert sum(units) == summary.units
    assert 30 <= summary.units / ARTICLES <= 50
    assert min(units) >= 10


def test_articles_look_like_news(generated):
    db, _ = generated
    row = article_store.get_article(db, article_store.list_articles(db)[0]["id"])
    assert row["source_url"].startswith("https://") and ".example/" in row["source_url"]
    assert row["publisher"] and row["author"] and row["published_date"][:2] == "20"
    assert row["title"] == row["body"].split("\n", 1)[0]
    sections = {s for (s,) in _rows(db, "SELECT DISTINCT section FROM claims")}
    assert sections == {"headline", "standfirst", "body"}
    attributed = _rows(db, "SELECT count(*) FROM claims WHERE attribution LIKE '%said%'")[0][0]
    assert attributed > ARTICLES


def test_page_furniture_is_set_aside_as_not_a_claim(generated):
    db, _ = generated
    reasons = [r for (r,) in _rows(db, "SELECT reason FROM claims WHERE kind = 'not_a_claim'")]
    assert any(r.startswith("Cross-promotion line") for r in reasons)
    assert "Photo caption or credit" in reasons
    assert "Byline or reporting credit" in reasons


def test_review_work_reaches_every_state(generated):
    db, summary = generated
    states = {s for (s,) in _rows(db, "SELECT DISTINCT state FROM verdicts")}
    assert states == {"draft", "in_review", "published", "superseded"}
    statuses = {s for (s,) in _rows(db, "SELECT DISTINCT status FROM claims")}
    assert statuses == {"unreviewed", "in_progress", "in_review", "published"}
    actions = {a for (a,) in _rows(db, "SELECT DISTINCT action FROM audit")}
    assert {"claim.assign", "evidence.add", "evidence.remove", "verdict.set", "review.submit"} <= (
        actions
    )
    assert {"review.approve", "review.return", "verdict.correct", "comment.add"} <= actions
    assert "claim.classify" in actions
    assert _rows(db, "SELECT count(*) FROM claims WHERE corrected_at IS NOT NULL")[0][0] > 0
    assert summary.reviewed > 0 and summary.review_actions > summary.reviewed


def test_published_verdicts_were_approved_by_another_editor(generated):
    db, _ = generated
    rows = _rows(
        db,
        "SELECT a.username, p.username, p.role FROM verdicts v JOIN users a ON a.id = v.author_id"
        " JOIN users p ON p.id = v.approved_by WHERE v.state IN ('published', 'superseded')",
    )
    assert rows
    assert all(
        author != approver and role in ("editor", "admin") for author, approver, role in rows
    )


def test_evidence_and_comments_come_from_the_generated_people(generated):
    db, _ = generated
    urls = [u for (u,) in _rows(db, "SELECT url FROM evidence")]
    assert urls and all(u.startswith("https://") and ".example/" in u for u in urls)
    people = {u for (u,) in _rows(db, "SELECT username FROM users")}
    assert people == {ADMIN[0], *EDITORS, *REVIEWERS}
    commenters = {
        u
        for (u,) in _rows(
            db, "SELECT u.username FROM comments c JOIN users u ON u.id = c.author_id"
        )
    }
    assert commenters and commenters <= people


def test_audit_trail_verifies_with_one_row_per_change(generated):
    db, summary = generated
    report = audit.verify(db)
    assert report.ok, report.problem
    people = 1 + len(EDITORS) + len(REVIEWERS)
    assert report.rows == summary.articles + people + summary.review_actions


def test_search_index_holds_every_generated_claim(generated):
    db, _ = generated
    # FTS5 checks its index against the claims table and raises if a row is missing.
    db.execute("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)")
    indexed = _rows(db, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'said'")[0][0]
    assert indexed == _rows(db, "SELECT count(*) FROM claims WHERE text LIKE '%said%'")[0][0]
    assert _rows(db, f"SELECT count(*) FROM sqlite_master WHERE name = '{SEARCH_INSERT_TRIGGER}'")


def _content(db) -> dict:
    return {
        "articles": _rows(db, "SELECT title, body, source_url, publisher, author FROM articles"),
        "claims": _rows(db, "SELECT article_id, seq, text, kind, status, verdict FROM claims"),
        "verdicts": _rows(db, "SELECT claim_id, rating, rationale, state FROM verdicts"),
        "evidence": _rows(db, "SELECT claim_id, url, stance, removed_at IS NULL FROM evidence"),
        "comments": _rows(db, "SELECT claim_id, body FROM comments"),
    }


def test_the_same_seed_gives_the_same_data_with_or_without_workers(generated, tmp_path):
    db, _ = generated
    again = new_database(tmp_path / "again.db")
    generate(again, articles=ARTICLES, seed=7, review_share=SHARE, workers=1)
    assert _content(again) == _content(db)


def test_another_seed_gives_other_articles():
    assert article(7, 0).text != article(8, 0).text
    assert article(7, 0).text != article(7, 1).text
    assert article(7, 3) == article(7, 3)


def test_appending_continues_the_seeds_series(tmp_path):
    db = new_database(tmp_path / "append.db")
    generate(db, articles=2, seed=3, review_share=0)
    with pytest.raises(GenerateRefused, match="--append"):
        generate(db, articles=2, seed=3)
    summary = generate(db, articles=2, seed=3, review_share=0, append=True)
    assert summary.articles == 2 and summary.people_added == 0
    titles = [row["title"] for row in reversed(article_store.list_articles(db))]
    assert titles == [article(3, index).text.split("\n", 1)[0] for index in range(4)]


def test_a_failure_inside_a_bulk_load_keeps_nothing_and_keeps_the_search_trigger(tmp_path):
    db = new_database(tmp_path / "rollback.db")
    prepared = prepare_article(1, 0, 0.0, default_scale()).article
    with pytest.raises(RuntimeError, match="stop"), bulk_load(db):
        store_prepared(db, prepared)
        raise RuntimeError("stop")
    assert article_store.article_count(db) == 0
    assert _rows(db, f"SELECT count(*) FROM sqlite_master WHERE name = '{SEARCH_INSERT_TRIGGER}'")
    # The trigger still indexes an ordinary import.
    ingest_text(db, SAMPLE_ARTICLE)
    assert _rows(db, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'schools'")[0][0]


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "cli.db"

    def invoke(*args):
        return CliRunner().invoke(main, ["--db", str(database), *args])

    invoke.database = database
    return invoke


def test_cli_refuses_a_database_that_already_holds_articles(run):
    db = new_database(run.database)
    ingest_text(db, SAMPLE_ARTICLE)
    result = run("dev", "generate", "--articles", "2")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "already holds 1 article;" in result.output and "--append" in result.output
    assert article_store.article_count(db) == 1
    assert _rows(db, "SELECT count(*) FROM users")[0][0] == 0


def test_cli_generates_and_appends_with_a_summary(run):
    result = run("dev", "generate", "--articles", "2", "--review-share", "0.5", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["articles"] == 2 and summary["reviewed"] > 0
    result = run("dev", "generate", "--articles", "1", "--append")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Generated 1 article with") and result.output.count("\n") == 1
    history = audit.verify(new_database(run.database))
    assert history.ok, history.problem
    channels = {c for (c,) in _rows(new_database(run.database), "SELECT channel FROM audit")}
    assert all(channel.startswith("cli:") for channel in channels)
