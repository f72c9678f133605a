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
SUBMITTER = "the person who submitted the verdict"


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
            "verdict.withdraw",
            "withdraw a correction",
            ("in_progress",),
            "published",
            ANYONE,
            "deletes the correction's draft; the published verdict stands as it was",
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
            "review.recall",
            "take a verdict back from review",
            ("in_review",),
            "in_progress",
            SUBMITTER,
            "in_review -> draft, before an editor has acted on it",
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
        Move(
            "unit.edit",
            "merge or split a unit",
            ("unreviewed", "in_progress"),
            None,
            ANYONE,
            "none; refused while the unit has any verdict, which rates the words it was given",
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
    """Why a move is not allowed: the error to raise, a code naming the refusal and its facts.
    Front ends word it (factcheck/cli/error_words.py, factcheck/views/error_words.py); a bulk
    action keeps the code and facts for each claim it leaves alone."""

    error: type[StoreError]
    code: str
    facts: dict = field(default_factory=dict)
    field: str | None = None

    def exception(self) -> StoreError:
        return self.error(self.code, self.facts, field=self.field)


def status_words(status: str) -> str:
    return status.replace("_", " ")


# Refusals for a claim in the wrong status that have a code of their own: (move, status) -> code;
# a status of None stands for any.
_STATUS_CODES = {
    ("verdict.set", "in_review"): "verdict.in_review",
    ("verdict.set", "published"): "verdict.published",
    ("verdict.correct", None): "verdict.nothing_published",
    ("verdict.withdraw", None): "verdict.no_correction_draft",
    ("review.submit", None): "verdict.no_draft",
    ("review.approve", None): "verdict.not_in_review",
    ("review.return", None): "verdict.not_in_review",
    ("review.recall", None): "verdict.not_in_review",
    ("claim.classify", None): "claim.has_verdict",
    ("evidence.add", "published"): "evidence.published_verdict",
}


def _status_refusal(move: Move, claim: Mapping[str, Any]) -> Refusal:
    status = claim["status"]
    code = _STATUS_CODES.get((move.name, status)) or _STATUS_CODES.get((move.name, None))
    facts: dict[str, Any] = {
        "claim_id": claim["id"],
        "status": status,
        "move": move.name,
        "task": move.task,
    }
    if code is None:
        code = "claim.wrong_status"
        facts["starts"] = list(move.starts)
    return Refusal(Invalid, code, facts)


def _who_refusal(move: Move, actor) -> Refusal | None:
    if actor is None or actor.id is None:
        return Refusal(Forbidden, "actor.not_a_person", {"task": move.task})
    if move.who in (EDITOR, SECOND_EDITOR) and not actor.is_editor:
        return Refusal(
            Forbidden,
            "actor.not_editor",
            {"task": move.task, "username": actor.username, "role": actor.role},
        )
    return None


def evidence_refusal(situation: Situation, evidence_id: int) -> Refusal | None:
    """Why this evidence cannot be removed now: a published or in-review verdict rests on it.
    `then` says what would let it go: "correct" (start a correction that leaves it out),
    "leave_out" (leave it out of the correction in progress), "return" (an editor returns the
    correction in review), "approve" (the correction in review already leaves it out)."""
    facts = {"claim_id": situation.claim["id"], "evidence_id": evidence_id}
    published, open_ = situation.published_verdict, situation.open_verdict
    if evidence_id in cited(published):
        if open_ is None:
            then = "correct"
        elif open_["state"] == "draft":
            then = "leave_out"
        elif evidence_id in cited(open_):
            then = "return"
        else:
            then = "approve"
        return Refusal(Invalid, "evidence.backs_published", {**facts, "then": then})
    if open_ is not None and open_["state"] == "in_review" and evidence_id in cited(open_):
        return Refusal(Invalid, "evidence.backs_in_review", facts)
    return None


def _guard(
    move: Move, situation: Situation, actor, *, kind, writers, evidence_id
) -> Refusal | None:
    """Conditions beyond the claim's status."""
    claim = situation.claim
    claim_id = claim["id"]
    open_ = situation.open_verdict
    # Work starts on claims only; a unit set aside can still be put back to unreviewed.
    working = ("verdict.set", "verdict.correct", "evidence.add", "status.in_progress")
    if move.name in working and claim["kind"] != "claim":
        return Refusal(
            Invalid, "claim.not_a_claim", {"claim_id": claim_id, "reason": claim["reason"]}
        )
    if move.name == "unit.edit" and situation.verdicts:
        return Refusal(Invalid, "unit.has_verdict", {"claim_id": claim_id})
    if move.name == "review.submit":
        if open_ is None or open_["state"] != "draft":
            return _status_refusal(move, claim)
        gone = sorted(cited(open_) - situation.live_evidence)
        if gone:
            return Refusal(
                Invalid, "verdict.cites_removed", {"claim_id": claim_id, "evidence_ids": gone}
            )
    if move.name == "verdict.withdraw" and (
        open_ is None
        or open_["state"] != "draft"
        or not open_["correction_of"]
        or situation.published_verdict is None
    ):
        return _status_refusal(move, claim)
    if move.name in ("review.approve", "review.return", "review.recall") and (
        open_ is None or open_["state"] != "in_review"
    ):
        return _status_refusal(move, claim)
    if move.who == SUBMITTER and open_ is not None and open_.get("author_id") != actor.id:
        # Whoever sent it vouches for it as it stands; anyone else asks an editor to return it.
        return Refusal(Forbidden, "verdict.not_submitter", {"claim_id": claim_id})
    if move.name == "claim.classify":
        if kind not in KINDS:
            return Refusal(
                Invalid, "kind.unknown", {"given": kind, "kinds": list(KINDS)}, field="kind"
            )
        if claim["kind"] == kind:
            return Refusal(Invalid, "claim.already_kind", {"claim_id": claim_id, "kind": kind})
    opens_nothing = move.name == "status.unreviewed" or (
        move.name == "claim.classify" and kind == "not_a_claim"
    )
    if opens_nothing and open_ is not None:
        return Refusal(
            Invalid,
            "verdict.open_draft",
            {"claim_id": claim_id, "move": move.name, "status": claim["status"]},
        )
    if move.who == SECOND_EDITOR and actor.username in writers:
        return Refusal(Forbidden, "verdict.own", {"claim_id": claim_id})
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
        if name == "verdict.correct" and situation.published_verdict is not None:
            # A correction is open already: it is changed as any draft is.
            refused = Refusal(Invalid, "verdict.correction_open", refused.facts)
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
