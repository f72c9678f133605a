"""The lifecycle machine on its own: every entry of the transition table, who may make each move,
the guards beyond status, and the invariants `problems` checks."""

import pytest
from helpers import refused_with

from factcheck.cli.error_words import error_words
from factcheck.lifecycle import MOVES, STATUSES, Situation, permit, refusal
from factcheck.lifecycle_checks import problems
from factcheck.store.actors import SYSTEM, Actor
from factcheck.store.errors import Forbidden, Invalid

RITA = Actor(id=1, username="rita", role="reviewer")
ED = Actor(id=2, username="ed", role="editor")
EVE = Actor(id=3, username="eve", role="editor")
ADA = Actor(id=4, username="ada", role="admin")


def verdict(
    verdict_id: int, state: str, evidence=(1,), correction_of=None, rating="false", author=ADA
):
    return {
        "id": verdict_id,
        "author_id": author.id,
        "state": state,
        "rating": rating,
        "evidence_ids": list(evidence),
        "correction_of": correction_of,
        "created_at": "2026-01-01T00:00:00Z",
    }


def claim(status: str, *, kind="claim", rating=None, corrected_at=None) -> dict:
    return {
        "id": 7,
        "kind": kind,
        "reason": None if kind == "claim" else "a question",
        "status": status,
        "verdict": rating,
        "corrected_at": corrected_at,
    }


# One sound situation per status, with a verdict in the state that status expects.
SOUND = {
    "unreviewed": Situation(claim("unreviewed"), (), frozenset({1, 2})),
    "in_progress": Situation(claim("in_progress"), (verdict(1, "draft"),), frozenset({1, 2})),
    "in_review": Situation(claim("in_review"), (verdict(1, "in_review"),), frozenset({1, 2})),
    "published": Situation(
        claim("published", rating="false"), (verdict(1, "published"),), frozenset({1, 2})
    ),
}
CORRECTING = Situation(
    claim("in_progress", rating="false"),
    (verdict(1, "published"), verdict(2, "draft", evidence=(2,), correction_of=1)),
    frozenset({1, 2}),
)

# Written out by hand, not read from MOVES: (the statuses a move starts from, where it ends).
TABLE = {
    "verdict.set": ({"unreviewed", "in_progress"}, "in_progress"),
    "verdict.correct": ({"published"}, "in_progress"),
    "verdict.withdraw": (set(), "published"),  # only a correction's draft: see CORRECTING
    "review.submit": ({"in_progress"}, "in_review"),
    "review.approve": ({"in_review"}, "published"),
    "review.return": ({"in_review"}, "in_progress"),
    "review.recall": ({"in_review"}, "in_progress"),  # by ada, who submitted every verdict here
    "status.unreviewed": (set(), "unreviewed"),  # its only start, in progress, has a draft here
    "status.in_progress": ({"unreviewed"}, "in_progress"),
    "claim.classify": ({"unreviewed"}, None),  # not a claim: refused while a draft is open
    "claim.assign": (set(STATUSES), None),
    "evidence.add": ({"unreviewed", "in_progress", "in_review"}, None),
    "evidence.remove": (set(STATUSES), None),  # evidence 2, which no verdict cites
    "unit.edit": ({"unreviewed"}, None),  # in progress here has a draft, which stops it
}
FACTS = {"claim.classify": {"kind": "not_a_claim"}, "evidence.remove": {"evidence_id": 2}}


def test_the_table_names_every_move():
    assert set(MOVES) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_move_starts_and_ends_where_the_table_says(name):
    starts, ends = TABLE[name]
    allowed = {
        status
        for status, now in SOUND.items()
        if refusal(name, now, ADA, **FACTS.get(name, {})) is None
    }
    assert allowed == starts
    assert MOVES[name].ends == ends


def test_a_draft_may_go_back_to_unreviewed_only_without_its_draft():
    empty = Situation(claim("in_progress"), (), frozenset())
    assert permit("status.unreviewed", empty, RITA).ends == "unreviewed"
    refused = refusal("status.unreviewed", SOUND["in_progress"], RITA)
    assert (refused.code, refused.facts["move"]) == ("verdict.open_draft", "status.unreviewed")
    with refused_with(Invalid, "claim 7 has a draft verdict"):
        permit("status.unreviewed", SOUND["in_progress"], RITA)


def test_a_claim_with_a_draft_is_not_set_aside_as_not_a_claim():
    assert refusal("claim.classify", SOUND["in_progress"], RITA, kind="not_a_claim").code == (
        "verdict.open_draft"
    )
    no_draft = Situation(claim("in_progress"), (), frozenset())
    assert refusal("claim.classify", no_draft, RITA, kind="not_a_claim") is None
    assert refusal("claim.classify", no_draft, RITA, kind="claim").code == "claim.already_kind"
    with refused_with(Invalid, "kind must be"):
        permit("claim.classify", no_draft, RITA, kind="opinion")


@pytest.mark.parametrize("name", sorted(TABLE))
def test_only_people_make_moves(name):
    start = next(iter(TABLE[name][0] or {"in_progress"}))
    with refused_with(Forbidden, "give --as USERNAME"):
        permit(name, SOUND[start], SYSTEM, **FACTS.get(name, {}))
    assert refusal(name, SOUND[start], None, **FACTS.get(name, {})).error is Forbidden


@pytest.mark.parametrize("name", ["review.approve", "review.return"])
def test_only_editors_approve_or_return(name):
    with refused_with(Forbidden, "only an editor can"):
        permit(name, SOUND["in_review"], RITA)
    assert refusal(name, SOUND["in_review"], ED) is None
    assert refusal(name, SOUND["in_review"], ADA) is None


def test_the_writer_of_a_verdict_cannot_approve_it_but_can_return_it():
    with refused_with(Forbidden, "you wrote or submitted this verdict"):
        permit("review.approve", SOUND["in_review"], ED, writers={"ed"})
    assert refusal("review.approve", SOUND["in_review"], EVE, writers={"ed"}) is None
    assert refusal("review.return", SOUND["in_review"], ED, writers={"ed"}) is None


def test_only_the_person_who_submitted_a_verdict_takes_it_back_from_review():
    sent_by_rita = Situation(
        claim("in_review"), (verdict(1, "in_review", author=RITA),), frozenset({1, 2})
    )
    assert permit("review.recall", sent_by_rita, RITA).ends == "in_progress"
    for other in (ED, ADA):  # an editor returns it instead, with a word on what to change
        with refused_with(Forbidden, "only the person who submitted claim 7's verdict"):
            permit("review.recall", sent_by_rita, other)
    with refused_with(Invalid, "not waiting for review; nothing to take back"):
        permit("review.recall", SOUND["in_progress"], ADA)


def test_only_a_correction_still_in_draft_is_withdrawn():
    assert permit("verdict.withdraw", CORRECTING, RITA).ends == "published"
    in_review = Situation(
        claim("in_review", rating="false"),
        (verdict(1, "published"), verdict(2, "in_review", correction_of=1)),
        frozenset({1, 2}),
    )
    with refused_with(Invalid, "an editor returns it first"):
        permit("verdict.withdraw", in_review, RITA)
    # A first verdict's draft is no correction: there is nothing published to fall back on.
    with refused_with(Invalid, "no correction in draft to withdraw"):
        permit("verdict.withdraw", SOUND["in_progress"], RITA)


def test_a_reviewer_writes_submits_and_corrects():
    assert refusal("verdict.set", SOUND["unreviewed"], RITA) is None
    assert refusal("review.submit", SOUND["in_progress"], RITA) is None
    assert refusal("verdict.correct", SOUND["published"], RITA) is None


def test_a_unit_that_is_not_a_claim_gets_no_verdict_nor_evidence():
    aside = Situation(claim("unreviewed", kind="not_a_claim"), (), frozenset())
    with refused_with(Invalid, "classify it as a claim first"):
        permit("verdict.set", aside, RITA)
    # Its panel has no evidence section: evidence added to it would be out of sight.
    with refused_with(Invalid, "classify it as a claim first"):
        permit("evidence.add", aside, RITA)


def test_submit_needs_a_draft_resting_on_evidence_still_attached():
    no_draft = Situation(claim("in_progress"), (), frozenset())
    with refused_with(Invalid, "no draft verdict to submit"):
        permit("review.submit", no_draft, RITA)
    gone = Situation(claim("in_progress"), (verdict(1, "draft", evidence=(1, 2)),), frozenset({1}))
    with refused_with(Invalid, "cites evidence 2, which was removed"):
        permit("review.submit", gone, RITA)


def test_evidence_behind_a_published_verdict_is_removed_only_after_a_correction():
    published = SOUND["published"]
    with pytest.raises(Invalid) as refused:
        permit("evidence.remove", published, ED, evidence_id=1)
    assert error_words(refused.value) == (
        "evidence 1 backs the published verdict on claim 7; start a correction that leaves it"
        " out, and remove it once an editor has approved the correction"
    )
    with refused_with(Invalid, "leave it out of the correction in progress"):
        permit("evidence.remove", CORRECTING, ED, evidence_id=1)
    assert refusal("evidence.remove", CORRECTING, ED, evidence_id=2) is None
    corrected = Situation(
        claim("published", rating="false", corrected_at="2026-01-02T00:00:00Z"),
        (verdict(1, "superseded"), verdict(2, "published", evidence=(2,), correction_of=1)),
        frozenset({1, 2}),
    )
    assert problems(corrected) == []
    assert refusal("evidence.remove", corrected, ED, evidence_id=1) is None


def test_evidence_behind_a_verdict_in_review_stays_until_it_is_returned():
    with refused_with(Invalid, "an editor must return the verdict"):
        permit("evidence.remove", SOUND["in_review"], RITA, evidence_id=1)
    assert refusal("evidence.remove", SOUND["in_review"], RITA, evidence_id=2) is None


def test_a_published_verdict_takes_new_evidence_only_in_a_correction():
    with refused_with(Invalid, "changes only through a correction"):
        permit("evidence.add", SOUND["published"], RITA)
    assert refusal("evidence.add", CORRECTING, RITA) is None


# The invariants


@pytest.mark.parametrize("status", sorted(SOUND))
def test_each_sound_situation_has_no_problems(status):
    assert problems(SOUND[status]) == []


def test_a_correction_in_progress_is_sound():
    assert problems(CORRECTING) == []
    in_review = Situation(
        claim("in_review", rating="false"),
        (verdict(1, "published"), verdict(2, "in_review", evidence=(2,), correction_of=1)),
        frozenset({1, 2}),
    )
    assert problems(in_review) == []


BROKEN = {
    "unreviewed with a draft": Situation(claim("unreviewed"), (verdict(1, "draft"),), {1}),
    "in progress with a verdict in review": Situation(
        claim("in_progress"), (verdict(1, "in_review"),), {1}
    ),
    "in review without a verdict in review": Situation(
        claim("in_review"), (verdict(1, "draft"),), {1}
    ),
    "published without a published verdict": Situation(claim("published", rating="false"), ()),
    "published with an open verdict that corrects nothing": Situation(
        claim("published", rating="false"), (verdict(1, "published"), verdict(2, "draft")), {1}
    ),
    "in progress beside a published verdict with no correction": Situation(
        claim("in_progress", rating="false"), (verdict(1, "published"),), {1}
    ),
    "two open verdicts": Situation(
        claim("in_progress"), (verdict(1, "draft"), verdict(2, "draft")), {1}
    ),
    "a rating that is not the published one": Situation(
        claim("published", rating="true"), (verdict(1, "published"),), {1}
    ),
    "a rating shown while nothing is published": Situation(
        claim("in_progress", rating="false"), (verdict(1, "draft"),), {1}
    ),
    "not a claim with a draft": Situation(
        claim("in_progress", kind="not_a_claim"), (verdict(1, "draft"),), {1}
    ),
    "a published verdict citing removed evidence": Situation(
        claim("published", rating="false"), (verdict(1, "published", evidence=(1, 3)),), {1}
    ),
    "a superseded verdict nobody replaced": Situation(
        claim("published", rating="false", corrected_at="x"),
        (verdict(1, "superseded"), verdict(2, "published")),
        {1},
    ),
    "corrected without a superseded verdict": Situation(
        claim("published", rating="false", corrected_at="x"), (verdict(1, "published"),), {1}
    ),
    "a correction of a verdict that is not published": Situation(
        claim("in_progress"), (verdict(2, "draft", correction_of=1),), {1}
    ),
    "an unknown status": Situation(claim("archived"), ()),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_invariant_is_reported(case):
    situation = BROKEN[case]
    situation = Situation(situation.claim, situation.verdicts, frozenset(situation.live_evidence))
    assert problems(situation), case
