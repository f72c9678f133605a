"""Every path that moves a claim goes through the lifecycle machine: bulk actions and their undo,
classifying, and second review, from the store and from the queue page."""

import lxml.html
from helpers import HX, RATIONALE, claim_now, page_token, refused_with

from factcheck.lifecycle_checks import problems
from factcheck.store import bulk, evidence, triage, verdicts
from factcheck.store.claim_state import situation
from factcheck.store.errors import Invalid


def _draft(db, people, claim_id):
    evidence.add_evidence(
        db, claim_id, url="https://county.example/bulletin", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])


def test_bulk_unreviewed_skips_a_claim_with_a_draft_so_it_can_still_be_submitted(claim_world):
    db, people, claim_id = claim_world
    _draft(db, people, claim_id)
    summary = bulk.bulk_update(
        db, [claim_id], action="status", value="unreviewed", actor=people["ed"]
    )
    assert summary["claim_ids"] == []
    assert [(s["claim_id"], s["code"]) for s in summary["skipped"]] == [
        (claim_id, "verdict.open_draft")
    ]
    assert claim_now(db, claim_id)["status"] == "in_progress"
    assert verdicts.submit_for_review(db, claim_id, actor=people["rita"])["status"] == "in_review"


def test_bulk_not_a_claim_skips_a_claim_with_a_draft(claim_world):
    db, people, claim_id = claim_world
    _draft(db, people, claim_id)
    summary = bulk.bulk_update(
        db, [claim_id], action="not_a_claim", value="An opinion, not a fact", actor=people["ed"]
    )
    assert [(s["claim_id"], s["code"]) for s in summary["skipped"]] == [
        (claim_id, "verdict.open_draft")
    ]
    with refused_with(Invalid, "has a draft verdict"):
        triage.classify(
            db, claim_id, kind="not_a_claim", reason="It is an opinion", actor=people["rita"]
        )
    assert claim_now(db, claim_id)["kind"] == "claim"


def test_bulk_assign_skips_a_unit_set_aside_since_the_queue_was_drawn(claim_world):
    """Another editor marked it not a claim: it was assigned all the same, to someone whose
    inbox never showed it."""
    db, people, claim_id = claim_world
    triage.classify(db, claim_id, kind="not_a_claim", reason="A photo caption", actor=people["ed"])
    summary = bulk.bulk_update(db, [claim_id], action="assign", value="rita", actor=people["eve"])
    assert [(s["claim_id"], s["code"]) for s in summary["skipped"]] == [
        (claim_id, "claim.not_a_claim")
    ]
    assert claim_now(db, claim_id)["assignee_id"] is None


def test_bulk_still_moves_a_claim_someone_only_started(claim_world):
    db, people, claim_id = claim_world
    bulk.bulk_update(db, [claim_id], action="status", value="in_progress", actor=people["ed"])
    summary = bulk.bulk_update(
        db, [claim_id], action="status", value="unreviewed", actor=people["ed"]
    )
    assert summary["claim_ids"] == [claim_id]
    assert claim_now(db, claim_id)["status"] == "unreviewed"


def test_undo_never_puts_a_claim_back_into_a_state_the_machine_forbids(claim_world):
    db, people, claim_id = claim_world
    done = bulk.bulk_update(
        db, [claim_id], action="status", value="in_progress", actor=people["ed"]
    )
    # A draft written behind the store's back (as an older release could), leaving the claim's
    # version as the bulk action left it: undo would make it unreviewed with a live draft.
    db.execute(
        "INSERT INTO verdicts (claim_id, rating, rating_label, rating_value, rationale,"
        " author_id, created_at) VALUES (?, 'accurate', 'Accurate', 5, ?, ?, '2026-01-01')",
        [claim_id, RATIONALE, people["rita"].id],
    )
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    assert undone["claim_ids"] == []
    assert [(s["claim_id"], s["code"], s["back_to"]) for s in undone["skipped"]] == [
        (claim_id, "undo.breaks_lifecycle", "unreviewed")
    ]
    assert claim_now(db, claim_id)["status"] == "in_progress"
    assert problems(situation(db, claim_now(db, claim_id))) == []


def test_undo_puts_back_what_the_machine_allows(claim_world):
    db, people, claim_id = claim_world
    done = bulk.bulk_update(
        db, [claim_id], action="not_a_claim", value="An opinion, not a fact", actor=people["ed"]
    )
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    assert undone["claim_ids"] == [claim_id]
    assert claim_now(db, claim_id)["kind"] == "claim"


def test_the_queue_says_why_a_claim_with_a_draft_kept_its_status(client, claim, app_db, people):
    _draft(app_db, people, claim["id"])
    response = client.post(
        "/queue/bulk",
        data={
            "csrf_token": page_token(client, "/queue"),
            "claim": [claim["id"]],
            "action": "status",
            "set_status": "unreviewed",
        },
        headers=HX,
    )
    assert response.status_code == 200
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    notice = " ".join(results.cssselect(".queue-notice")[0].text_content().split())
    assert "Nothing changed." in notice
    assert "1 claim left as it was: 1 has a draft verdict." in notice
    assert claim_now(app_db, claim["id"])["status"] == "in_progress"


def test_the_status_list_offered_in_bulk_is_the_machines(client, claim):
    from factcheck.lifecycle import SETTABLE_STATUSES

    page = lxml.html.fromstring(client.get("/queue").get_data(as_text=True))
    offered = [option.get("value") for option in page.cssselect("#bulk-status option")]
    assert tuple(offered) == SETTABLE_STATUSES


def test_correcting_again_while_a_correction_is_open_says_so(claim_world):
    """Not "no published verdict to correct": there is one, and its correction is a draft."""
    from factcheck.cli.error_words import error_words

    db, people, claim_id = claim_world
    _draft(db, people, claim_id)
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    correction = {"rating": "False", "rationale": RATIONALE, "reason": "New ministry figures"}
    verdicts.correct_verdict(db, claim_id, **correction, actor=people["rita"])
    try:
        verdicts.correct_verdict(db, claim_id, **correction, actor=people["rita"])
    except Invalid as refused:
        assert refused.code == "verdict.correction_open"
        assert "already under way; change its draft with `factcheck verdict set`" in error_words(
            refused
        )
    else:
        raise AssertionError("a second correction was opened")
