"""Carrying out a review plan through the store's public functions, as the people it names."""

from factcheck.db import Database
from factcheck.devdata.review_plan import Step
from factcheck.scales import Scale
from factcheck.store import comments, evidence, triage, verdicts
from factcheck.store.actors import Actor


def carry_out(
    db: Database, steps: list[Step], claim_ids: list[int], people: dict[str, Actor], scale: Scale
):
    """Run each step as its person would in the workbench; claim_ids maps seq to claim id."""
    added: dict[int, list[int]] = {}  # evidence ids each claim was given, oldest first
    for step in steps:
        claim_id, actor, args = claim_ids[step.seq], people[step.actor], step.args
        match step.action:
            case "assign":
                triage.assign(db, claim_id, assignee=args["assignee"], actor=actor)
            case "evidence":
                row = evidence.add_evidence(db, claim_id, actor=actor, **args)
                added.setdefault(claim_id, []).append(row["id"])
            case "remove_evidence":
                evidence_id = added[claim_id].pop(args["which"])
                evidence.remove_evidence(db, evidence_id, reason=args["reason"], actor=actor)
            case "verdict":
                verdicts.set_verdict(db, claim_id, actor=actor, scale=scale, **args)
            case "correct":
                verdicts.correct_verdict(db, claim_id, actor=actor, scale=scale, **args)
            case "submit":
                verdicts.submit_for_review(db, claim_id, actor=actor, scale=scale, **args)
            case "approve":
                verdicts.approve(db, claim_id, actor=actor, **args)
            case "return":
                verdicts.return_for_changes(db, claim_id, actor=actor, **args)
            case "comment":
                comments.add_comment(db, claim_id, actor=actor, **args)
            case "classify":
                triage.classify(db, claim_id, actor=actor, **args)
            case _:
                raise ValueError(f"unknown review step {step.action!r}")
