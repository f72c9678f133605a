"""Four eyes on what is published: the evidence a published verdict rests on changes only through
a correction that a second editor approves, in the store, on the web panel and on the command
line."""

import json

import pytest
from click.testing import CliRunner
from helpers import (
    HX,
    PASSWORD,
    RATIONALE,
    SAMPLE_ARTICLE,
    claim_now,
    fragment,
    hx_post,
    refused_with,
    words,
)

from factcheck.cli import main
from factcheck.cli.error_words import error_words
from factcheck.store import audit, evidence, verdicts
from factcheck.store.errors import Invalid

BULLETIN = "https://county.example/bulletin"
RUMOUR = "https://rumour.example/post"


def _published_on_two_sources(db, people, claim_id) -> tuple[int, int]:
    """Publish a verdict on the claim that rests on two sources; return their ids."""
    first = evidence.add_evidence(
        db, claim_id, url=BULLETIN, stance="supports", actor=people["rita"]
    )
    second = evidence.add_evidence(db, claim_id, url=RUMOUR, stance="refutes", actor=people["rita"])
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    return first["id"], second["id"]


def test_evidence_behind_a_published_verdict_goes_only_after_an_approved_correction(claim_world):
    db, people, claim_id = claim_world
    kept, dropped = _published_on_two_sources(db, people, claim_id)
    with pytest.raises(Invalid) as refused:
        evidence.remove_evidence(db, dropped, reason="An anonymous post", actor=people["ed"])
    assert error_words(refused.value) == (
        f"evidence {dropped} backs the published verdict on claim {claim_id}; start a correction"
        " that leaves it out, and remove it once an editor has approved the correction"
    )
    with refused_with(Invalid, "changes only through a correction"):
        evidence.add_evidence(
            db, claim_id, url="https://x.example/new", stance="context", actor=people["rita"]
        )

    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="The post was anonymous and cannot back the verdict",
        evidence_ids=[kept],
        actor=people["rita"],
    )
    added = evidence.add_evidence(
        db, claim_id, url="https://x.example/new", stance="context", actor=people["rita"]
    )
    with refused_with(Invalid, "leave it out of the correction in progress"):
        evidence.remove_evidence(db, dropped, reason="An anonymous post", actor=people["rita"])
    verdicts.set_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        evidence_ids=[kept, added["id"]],
        actor=people["rita"],
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    with refused_with(Invalid, "the correction in review leaves it out"):
        evidence.remove_evidence(db, dropped, reason="An anonymous post", actor=people["rita"])
    with refused_with(Invalid, "backs the verdict waiting for review"):
        evidence.remove_evidence(db, added["id"], reason="Checking a refusal", actor=people["rita"])

    verdicts.approve(db, claim_id, actor=people["eve"])
    states = [v["state"] for v in verdicts.verdicts_for_claim(db, claim_id)]
    assert states == ["superseded", "published"]
    gone = evidence.remove_evidence(db, dropped, reason="An anonymous post", actor=people["rita"])
    assert gone["removed_at"] is not None
    assert claim_now(db, claim_id)["status"] == "published"
    assert audit.verify(db).ok


def test_a_draft_resting_on_removed_evidence_is_saved_again_before_it_is_submitted(claim_world):
    db, people, claim_id = claim_world
    source = evidence.add_evidence(
        db, claim_id, url=BULLETIN, stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    evidence.remove_evidence(
        db, source["id"], reason="The page was withdrawn", actor=people["rita"]
    )
    with refused_with(Invalid, f"cites evidence {source['id']}, which was removed"):
        verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    assert claim_now(db, claim_id)["status"] == "in_progress"


# The web panel


def _panel(client, claim_id: int):
    return fragment(client.get(f"/claims/{claim_id}/panel", headers=HX))


def test_the_panel_refuses_to_remove_evidence_behind_a_published_verdict(
    client_as, claim, app_db, people
):
    kept, dropped = _published_on_two_sources(app_db, people, claim["id"])
    editor = client_as("eve")
    panel = _panel(editor, claim["id"])
    item = panel.get_element_by_id(f"evidence-{dropped}")
    assert not item.cssselect("form.remove-evidence-form")
    assert "start a correction that leaves it out" in words(item.cssselect(".evidence-locked")[0])
    assert not panel.cssselect("form.evidence-form")

    response = hx_post(
        editor,
        f"/claims/{claim['id']}/evidence/{dropped}/remove",
        {"expected_version": claim_now(app_db, claim["id"])["version"], "reason": "Anonymous"},
    )
    assert response.status_code == 422
    assert f"Evidence {dropped} backs the published verdict" in response.get_data(as_text=True)
    assert evidence.get_evidence(app_db, dropped)["removed_at"] is None

    added = hx_post(
        editor,
        f"/claims/{claim['id']}/evidence",
        {
            "expected_version": claim_now(app_db, claim["id"])["version"],
            "url": "https://x.example/new",
            "stance": "context",
        },
    )
    assert added.status_code == 422
    assert "only through a correction" in added.get_data(as_text=True)


def test_a_correction_on_the_panel_leaves_out_the_sources_unticked(
    client_as, claim, app_db, people
):
    kept, dropped = _published_on_two_sources(app_db, people, claim["id"])
    reviewer = client_as("rita")
    form = _panel(reviewer, claim["id"]).cssselect("form.correct-form")[0]
    ticked = [box.get("value") for box in form.cssselect('input[name="evidence"]') if box.checked]
    assert ticked == [str(kept), str(dropped)]

    response = reviewer.post(
        f"/claims/{claim['id']}/correct",
        data={
            "expected_version": claim_now(app_db, claim["id"])["version"],
            "rating": "mostly-accurate",
            "rationale": RATIONALE,
            "reason": "The post was anonymous and cannot back the verdict",
            "evidence_listed": "1",
            "evidence": [str(kept)],
        },
        headers={**HX, "X-CSRFToken": _token(reviewer)},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    draft = verdicts.verdicts_for_claim(app_db, claim["id"])[-1]
    assert draft["correction_of"] and draft["evidence_ids"] == [kept]
    verdict_form = _panel(reviewer, claim["id"]).cssselect("form.verdict-form")[0]
    ticked = [b.get("value") for b in verdict_form.cssselect('input[name="evidence"]') if b.checked]
    assert ticked == [str(kept)]


def _token(client) -> str:
    from helpers import page_token

    return page_token(client, "/")


# The command line


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "four-eyes.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database), *args], input=input)

    assert invoke("init").exit_code == 0
    for username, role in (("rita", "reviewer"), ("ed", "editor"), ("eve", "editor")):
        assert invoke("user", "add", username, "--role", role, "--password-stdin", input=PASSWORD)
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    article = json.loads(invoke("import", str(story), "--json").output)["article_id"]
    claims = json.loads(invoke("claims", str(article), "--json").output)["claims"]
    invoke.claim_id = str(next(c["id"] for c in claims if c["kind"] == "claim"))
    return invoke


def test_the_command_line_refuses_to_change_evidence_behind_a_published_verdict(run):
    claim = run.claim_id
    added = run(
        "evidence", "add", claim, BULLETIN, "--stance", "supports", "--as", "rita", "--json"
    )
    source = str(json.loads(added.output)["id"])
    run("verdict", "set", claim, "--rating", "Accurate", "--rationale", RATIONALE, "--as", "rita")
    run("review", "submit", claim, "--as", "rita")
    assert run("review", "approve", claim, "--as", "ed").exit_code == 0

    removed = run("evidence", "remove", source, "--reason", "An anonymous post", "--as", "ed")
    assert removed.exit_code == 2
    assert removed.output.strip() == (
        f"Error: evidence {source} backs the published verdict on claim {claim}; start a"
        " correction that leaves it out, and remove it once an editor has approved the correction"
    )
    more = run("evidence", "add", claim, RUMOUR, "--stance", "refutes", "--as", "rita")
    assert more.exit_code == 2 and "only through a correction" in more.output
    assert len(more.output.strip().splitlines()) == 1


def test_reports_show_only_the_sources_the_published_verdict_rests_on(claim_world, tmp_path):
    """A source added during a correction not yet approved is not part of what is published."""
    db, people, claim_id = claim_world
    kept, _ = _published_on_two_sources(db, people, claim_id)
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="A new report changes the figure slightly",
        actor=people["rita"],
    )
    evidence.add_evidence(
        db, claim_id, url="https://late.example/new-report", stance="context", actor=people["rita"]
    )
    db_path = db.conn.execute("PRAGMA database_list").fetchone()[2]

    def exported(fmt: str) -> str:
        target = tmp_path / f"report.{fmt}"
        result = CliRunner().invoke(
            main, ["--db", db_path, "export", "--format", fmt, "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        return target.read_text()

    for fmt in ("html", "markdown", "csv"):
        text = exported(fmt)
        assert BULLETIN in text and RUMOUR in text, fmt
        assert "late.example" not in text, fmt
    # Saved again, the correction cites the new source; once approved, the report shows it.
    verdicts.set_verdict(
        db, claim_id, rating="Mostly accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    assert "late.example" in exported("html") and "late.example" in exported("csv")
    assert kept


def test_a_verdict_drawn_without_evidence_rests_on_none_added_after(
    client_as, app_db, people, claim
):
    """The writer opened the claim when it had no source; someone added one meanwhile. The
    verdict sent from that form rests on what its writer saw, not on the newcomer."""
    editor = client_as("ed")
    panel = fragment(editor.get(f"/claims/{claim['id']}/panel", headers=HX))
    [form] = [f for f in panel.cssselect("form") if f.cssselect("[name=rationale]")]
    drawn = {
        field.get("name"): field.get("value") for field in form.cssselect("input[type=hidden]")
    }
    assert drawn.get("evidence_listed") and not form.cssselect("[name=evidence]")
    evidence.add_evidence(app_db, claim["id"], url=RUMOUR, stance="refutes", actor=people["rita"])
    sent = {**drawn, "rating": "Accurate", "rationale": RATIONALE, "intent": "submit"}
    response = hx_post(editor, form.get("action"), sent)
    # Accurate needs a source: the draft is kept resting on none, and the form drawn again
    # lists the newcomer for its writer to look at and tick.
    assert response.status_code == 422, response.get_data(as_text=True)
    [verdict] = verdicts.verdicts_for_claim(app_db, claim["id"])
    assert (verdict["state"], verdict["evidence_ids"]) == ("draft", [])
    answer = fragment(response)
    [listed] = answer.cssselect("input[name=evidence]")
    assert listed.get("checked") is None
    assert "tick the sources it rests on" in words(answer.cssselect("[data-error-message]")[0])
