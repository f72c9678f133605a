"""The life of a claim in one place: its statuses, its verdict's states, the moves between them and
who may make each move. Pure: the store reads a claim's `Situation` and asks `permit` before every
change; views ask `refusal` to decide which buttons to show.

A claim moves unreviewed -> in_progress -> in_review -> published; an editor's return sends it from
in_review back to in_progress, and a correction takes a published claim back to in_progress with a
draft that corrects the published verdict. A verdict moves draft -> in_review -> published ->
superseded (when a correction of it is approved); return sends it from in_review back to draft.

Invariants every move keeps (`lifecycle_checks.problems` lists the ones a situation breaks):
1. A claim has at most one open verdict (draft or in_review) and at most one published verdict.
2. unreviewed: no open verdict and no published verdict.
3. in_progress: no verdict in review. A draft may exist or not (someone is working on it); when a
   published verdict exists, the draft exists and is its correction.
4. in_review: exactly one verdict in review, and no draft.
5. published: a published verdict and no open verdict.
6. An open verdict next to a published one corrects it (correction_of is the published id); an
   open verdict with correction_of set has that published verdict beside it.
7. claims.verdict is the published verdict's rating, and empty while nothing is published;
   corrected_at is set exactly when a published verdict has replaced (superseded) an earlier one.
8. A unit that is not a claim has no open and no published verdict.
9. A verdict in review or published cites only evidence attached to its claim and not removed:
   four eyes saw what it rests on, so that evidence stays until an approved correction leaves it
   out. While a verdict is published (and no correction is open), evidence is neither added nor
   removed except through a correction.
10. Every superseded verdict was replaced by an approved correction of it.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from factcheck.store.errors import Forbidden, Invalid, StoreError

STATUSES = ("unreviewed", "in_progress", "in_review", "published")
STATUS_LABELS = {
    "unreviewed": "Unreviewed",
    "in_progress": "In progress",
    "in_review": "In review",
    "published": "Published",
}
#: Statuses a person sets by hand (in bulk); the others are reached only through second review.
SETTABLE_STATUSES = ("unreviewed", "in_progress")
VERDICT_STATES = ("draft", "in_review", "published", "superseded")
OPEN_STATES = ("draft", "in_review")
KINDS = ("claim", "not_a_claim")

ANYONE = "anyone signed in"
EDITOR = "an editor"
SECOND_EDITOR = "an editor who did not write the verdict"


@dataclass(frozen=True)
class Move:
    """One entry of the transition table."""

    name: str
    task: str
    #: The claim statuses the move starts from.
    starts: tuple[str, ...]
    #: The status it leaves the claim in; None keeps the status.
    ends: str | None
    who: str
    #: What it does to the claim's verdicts, in words.
    verdict: str


MOVES = {
    move.name: move
    for move in (
        Move(
            "verdict.set",
            "write a verdict",
            ("unreviewed", "in_progress"),
            "in_progress",
            ANYONE,
            "writes a draft, or revises the open draft",
        ),
        Move(
            "verdict.correct",
            "correct a verdict",
            ("published",),
            "in_progress",
            ANYONE,
            "opens a draft that corrects the published verdict",
        ),
        Move(
            "review.submit",
            "submit a verdict",
            ("in_progress",),
            "in_review",
            ANYONE,
            "draft -> in_review",
        ),
        Move(
            "review.approve",
            "approve a verdict",
            ("in_review",),
            "published",
            SECOND_EDITOR,
            "in_review -> published; the verdict it corrects -> superseded",
        ),
        Move(
            "review.return",
            "return a verdict",
            ("in_review",),
            "in_progress",
            EDITOR,
            "in_review -> draft",
        ),
        Move(
            "status.unreviewed",
            "set a status",
            ("in_progress",),
            "unreviewed",
            ANYONE,
            "none; refused while a verdict is open",
        ),
        Move(
            "status.in_progress",
            "set a status",
            ("unreviewed",),
            "in_progress",
            ANYONE,
            "none",
        ),
        Move(
            "claim.classify",
            "classify a claim",
            ("unreviewed", "in_progress"),
            None,
            ANYONE,
            "none; marking not a claim is refused while a verdict is open",
        ),
        Move("claim.assign", "assign a claim", STATUSES, None, ANYONE, "none"),
        Move(
            "evidence.add",
            "add evidence",
            ("unreviewed", "in_progress", "in_review"),
            None,
            ANYONE,
            "none; a published verdict takes new evidence only through a correction",
        ),
        Move(
            "evidence.remove",
            "remove evidence",
            STATUSES,
            None,
            ANYONE,
            "none; refused for evidence a verdict in review or published cites",
        ),
    )
}


@dataclass(frozen=True)
class Situation:
    """A claim as the machine reads it: the claim row, its verdicts (oldest first, evidence ids
    decoded) and the ids of its evidence that is not removed."""

    claim: Mapping[str, Any]
    verdicts: tuple[dict, ...] = ()
    live_evidence: frozenset[int] = field(default_factory=frozenset)

    def _latest(self, states: tuple[str, ...]) -> dict | None:
        chosen = [verdict for verdict in self.verdicts if verdict["state"] in states]
        return chosen[-1] if chosen else None

    @property
    def open_verdict(self) -> dict | None:
        return self._latest(OPEN_STATES)

    @property
    def published_verdict(self) -> dict | None:
        return self._latest(("published",))


def permitted(verdict: dict | None) -> dict:
    """The verdict a permitted move acts on. `permit` refuses a move that needs a verdict the
    claim does not have, so a None here is a mistake in the rules, not something a person did."""
    if verdict is None:
        raise RuntimeError("a move was permitted on a verdict the claim does not have")
    return verdict


def cited(verdict: Mapping[str, Any] | None) -> set[int]:
    """The evidence ids a verdict rests on."""
    if verdict is None:
        return set()
    ids = verdict["evidence_ids"]
    return set(json.loads(ids) if isinstance(ids, str) else ids)


@dataclass(frozen=True)
class Refusal:
    """Why a move is not allowed: the message for a person, and a short reason for bulk notices."""

    error: type[StoreError]
    message: str
    short: str
    field: str | None = None
    code: str | None = None

    def exception(self) -> StoreError:
        return self.error(self.message, field=self.field, code=self.code)


def status_words(status: str) -> str:
    return status.replace("_", " ")


def _status_refusal(move: Move, claim: Mapping[str, Any], short: str | None = None) -> Refusal:
    claim_id, status = claim["id"], claim["status"]
    messages = {
        ("verdict.set", "in_review"): (
            f"claim {claim_id} is waiting for second review; an editor must return it before"
            " the verdict can change"
        ),
        ("verdict.set", "published"): (
            f"claim {claim_id} has a published verdict; correct it with a reason instead"
        ),
        ("verdict.correct", None): (
            f"claim {claim_id} has no published verdict to correct; set a verdict instead"
        ),
        ("review.submit", None): (
            f"claim {claim_id} has no draft verdict to submit; set a verdict first"
        ),
        ("review.approve", None): (
            f"claim {claim_id} is not waiting for review; nothing to approve"
        ),
        ("review.return", None): f"claim {claim_id} is not waiting for review; nothing to return",
        ("claim.classify", None): (
            f"claim {claim_id} has a verdict {status_words(status)}; it cannot be reclassified"
        ),
        ("evidence.add", "published"): (
            f"claim {claim_id} has a published verdict, and its evidence changes only through a"
            " correction; start a correction, then add the source"
        ),
    }
    message = messages.get((move.name, status)) or messages.get((move.name, None))
    if message is None:
        message = (
            f"claim {claim_id} is {status_words(status)}, so you cannot {move.task};"
            f" that needs a claim that is {' or '.join(map(status_words, move.starts))}"
        )
    return Refusal(Invalid, message, short or f"it is {status_words(status)}")


def _who_refusal(move: Move, actor) -> Refusal | None:
    if actor is None or actor.id is None:
        return Refusal(
            Forbidden,
            f"only people can {move.task}: give --as USERNAME",
            "no one signed in",
            code="actor.not_a_person",
        )
    if move.who in (EDITOR, SECOND_EDITOR) and not actor.is_editor:
        return Refusal(
            Forbidden,
            f"only an editor can {move.task}; {actor.username} is a {actor.role}",
            "you are not an editor",
        )
    return None


def evidence_refusal(situation: Situation, evidence_id: int) -> Refusal | None:
    """Why this evidence cannot be removed now: a published or in-review verdict rests on it."""
    claim_id = situation.claim["id"]
    published, open_ = situation.published_verdict, situation.open_verdict
    if evidence_id in cited(published):
        if open_ is None:
            advice = "start a correction that leaves it out"
        elif open_["state"] == "draft":
            advice = "leave it out of the correction in progress"
        elif evidence_id in cited(open_):
            advice = "an editor must return the correction in review so it can leave it out"
        else:
            advice = "the correction in review leaves it out"
        return Refusal(
            Invalid,
            f"evidence {evidence_id} backs the published verdict on claim {claim_id}; {advice},"
            " and remove it once an editor has approved the correction",
            "it backs the published verdict",
        )
    if open_ is not None and open_["state"] == "in_review" and evidence_id in cited(open_):
        return Refusal(
            Invalid,
            f"evidence {evidence_id} backs the verdict waiting for review on claim {claim_id};"
            " an editor must return the verdict before the evidence can be removed",
            "it backs the verdict in review",
        )
    return None


def _guard(
    move: Move, situation: Situation, actor, *, kind, writers, evidence_id
) -> Refusal | None:
    """Conditions beyond the claim's status."""
    claim = situation.claim
    claim_id = claim["id"]
    open_ = situation.open_verdict
    if move.name in ("verdict.set", "verdict.correct") and claim["kind"] != "claim":
        return Refusal(
            Invalid,
            f"claim {claim_id} is marked as not a claim ({claim['reason']});"
            " classify it as a claim first",
            "it is not a claim",
        )
    if move.name == "review.submit":
        if open_ is None or open_["state"] != "draft":
            return _status_refusal(move, claim, "it has no draft verdict")
        gone = sorted(cited(open_) - situation.live_evidence)
        if gone:
            return Refusal(
                Invalid,
                f"the draft verdict on claim {claim_id} cites evidence"
                f" {', '.join(map(str, gone))}, which was removed; save the verdict again on the"
                " evidence the claim has now, then submit it",
                "its draft cites removed evidence",
            )
    if move.name in ("review.approve", "review.return") and (
        open_ is None or open_["state"] != "in_review"
    ):
        return _status_refusal(move, claim, "it has no verdict in review")
    if move.name == "claim.classify":
        if kind not in KINDS:
            return Refusal(
                Invalid,
                f"kind must be 'claim' or 'not_a_claim', not {kind!r}",
                "unknown kind",
                field="kind",
            )
        if claim["kind"] == kind:
            return Refusal(
                Invalid, f"claim {claim_id} is already classified as {kind}", "unchanged"
            )
    opens_nothing = move.name == "status.unreviewed" or (
        move.name == "claim.classify" and kind == "not_a_claim"
    )
    if opens_nothing and open_ is not None:
        doing = "go back to unreviewed" if move.name == "status.unreviewed" else "be set aside"
        return Refusal(
            Invalid,
            f"claim {claim_id} has a draft verdict, so it cannot {doing}; finish the verdict"
            " and send it for review instead",
            "it has a draft verdict",
        )
    if move.who == SECOND_EDITOR and actor.username in writers:
        return Refusal(
            Forbidden,
            "you wrote this verdict, so you cannot approve it; another editor must review it",
            "you wrote its verdict",
        )
    if move.name == "evidence.remove":
        return evidence_refusal(situation, evidence_id)
    return None


def refusal(
    name: str,
    situation: Situation,
    actor,
    *,
    kind: str | None = None,
    writers: frozenset[str] = frozenset(),
    evidence_id: int | None = None,
) -> Refusal | None:
    """Why `actor` may not make move `name` on this claim now, or None when they may.

    `kind` is the new kind (classify), `writers` the usernames who wrote the verdict in review
    (approve), `evidence_id` the evidence to remove."""
    move = MOVES[name]
    refused = _who_refusal(move, actor)
    if refused is None and situation.claim["status"] not in move.starts:
        refused = _status_refusal(move, situation.claim)
    if refused is None:
        refused = _guard(
            move, situation, actor, kind=kind, writers=frozenset(writers), evidence_id=evidence_id
        )
    return refused


def permit(name: str, situation: Situation, actor, **facts) -> Move:
    """The move, when `actor` may make it now; otherwise raise the refusal (Invalid or Forbidden)."""
    refused = refusal(name, situation, actor, **facts)
    if refused is not None:
        raise refused.exception()
    return MOVES[name]
