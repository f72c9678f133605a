"""Rules live in the store, so every front end keeps them: an unchanged draft writes nothing from the
command line as from the web, and the panel and the store agree on who wrote a verdict."""

import json

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, RATIONALE, SAMPLE_ARTICLE, audit_count, claim_now, hx_post

from factcheck import db as database
from factcheck.cli import main
from factcheck.store import evidence, verdicts
from factcheck.store.errors import Forbidden
from factcheck.views import claim_panel


def _source(db, people, claim_id, url="https://county.example/bulletin"):
    return evidence.add_evidence(
        db, claim_id, url=url, stance="supports", quote="14 schools closed", actor=people["rita"]
    )


def test_the_store_writes_nothing_for_an_unchanged_draft(claim_world):
    db, people, claim_id = claim_world
    _source(db, people, claim_id)
    saved = verdicts.set_verdict(
        db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    before = audit_count(db)
    again = verdicts.set_verdict(
        db, claim_id, rating="Accurate", rationale=f"  {RATIONALE} ", actor=people["ed"]
    )
    assert again["version"] == saved["version"]
    assert audit_count(db) == before
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["author_id"] == people["rita"].id


def test_a_draft_that_changes_in_any_part_is_written(claim_world):
    db, people, claim_id = claim_world
    first = _source(db, people, claim_id)
    second = _source(db, people, claim_id, url="https://county.example/second")
    saved = verdicts.set_verdict(
        db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    changes = (
        {"rating": "false", "rationale": RATIONALE},
        {"rating": "false", "rationale": RATIONALE + " Checked twice."},
        {
            "rating": "false",
            "rationale": RATIONALE + " Checked twice.",
            "evidence_ids": [first["id"]],
        },
    )
    version = saved["version"]
    for change in changes:
        before = audit_count(db)
        version = verdicts.set_verdict(db, claim_id, actor=people["rita"], **change)["version"]
        assert audit_count(db) == before + 1
    assert version == saved["version"] + len(changes)
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"] == [first["id"]]
    assert second["id"] not in verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"]


@pytest.fixture
def cli(tmp_path):
    path = tmp_path / "cli.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(path), *args], input=input)

    added = invoke("user", "add", "rita", "--role", "reviewer", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0, added.output
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    article_id = json.loads(invoke("import", str(story), "--json").output)["article_id"]
    claims = json.loads(invoke("claims", str(article_id), "--json").output)["claims"]
    invoke.claim_id = str(next(c["id"] for c in claims if c["kind"] == "claim"))
    invoke.path = path
    return invoke


def _audit_rows(path) -> int:
    db = database.connect(path)
    try:
        return audit_count(db)
    finally:
        db.close()


def test_the_command_line_saving_an_unchanged_draft_writes_nothing_and_says_so(cli):
    verdict = ("verdict", "set", cli.claim_id, "--rating", "false", "--rationale", RATIONALE)
    first = cli(*verdict, "--as", "rita")
    assert first.exit_code == 0, first.output
    assert "Saved the verdict." in first.output
    before = _audit_rows(cli.path)
    again = cli(*verdict, "--as", "rita")
    assert again.exit_code == 0, again.output
    assert again.output.strip() == "Nothing changed: the draft verdict is the same as before."
    assert _audit_rows(cli.path) == before
    changed = cli(*verdict[:-1], RATIONALE + " Checked twice.", "--as", "rita")
    assert "Saved the verdict." in changed.output
    assert _audit_rows(cli.path) == before + 1


def test_the_web_saving_an_unchanged_draft_writes_nothing(client, claim, app_db):
    data = {"rating": "false", "rationale": RATIONALE, "intent": "save", "comment": ""}
    hx_post(client, f"/claims/{claim['id']}/verdict", {**data, "expected_version": 1})
    saved = claim_now(app_db, claim["id"])
    before = audit_count(app_db)
    again = {**data, "expected_version": saved["version"]}
    assert hx_post(client, f"/claims/{claim['id']}/verdict", again).status_code == 200
    assert audit_count(app_db) == before
    assert claim_now(app_db, claim["id"])["version"] == saved["version"]


def test_the_panel_and_the_store_agree_on_who_wrote_a_verdict(app, app_db, people, claim):
    claim_id = claim["id"]
    _source(app_db, people, claim_id)
    for author, rating in (("rita", "accurate"), ("ed", "false")):
        verdicts.set_verdict(
            app_db, claim_id, rating=rating, rationale=RATIONALE, actor=people[author]
        )
    verdicts.submit_for_review(app_db, claim_id, actor=people["rita"])
    with app.test_request_context():
        work = claim_panel.workspace(app_db, claim_now(app_db, claim_id), people["eve"])
        ed_work = claim_panel.workspace(app_db, claim_now(app_db, claim_id), people["ed"])
    verdict_id = work["working_verdict"]["id"]
    assert work["writers"] == verdicts.verdict_writers(app_db, claim_id, verdict_id)
    assert work["writers"] == {"rita", "ed"}
    assert work["can"]["review"] and not ed_work["can"]["review"]
    with pytest.raises(Forbidden):
        verdicts.approve(app_db, claim_id, actor=people["ed"])
