"""What the claim panel shows: the selected unit, its place among the claims, its neighbours, and
the work on it (verdicts, evidence, comments, history) with what the viewer may do."""

from factcheck.history_words import VERDICT_ACTIONS, channel_words, detail, headline
from factcheck.store import claims as claim_store
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store import users as user_store
from factcheck.views.auth_guard import current_actor
from factcheck.views.scale_css import current_scale


def claims_only(units: list[dict]) -> list[dict]:
    """The units that are claims, in document order."""
    return [unit for unit in units if unit["kind"] == "claim"]


def ranked(units: list[dict]) -> list[dict]:
    """Claims by check-worthiness, highest first; ties keep document order."""
    return sorted(claims_only(units), key=lambda unit: (-unit["checkworthiness"], unit["seq"]))


def find_unit(units: list[dict], unit_id: int | None) -> dict | None:
    return next((unit for unit in units if unit["id"] == unit_id), None)


def panel_context(units: list[dict], selected: dict | None) -> dict:
    """Template context for partials/claim_panel.html.

    `position` counts claims only; a selected non-claim has no position, and its neighbours are
    the claims just before and after it in the text. With nothing selected, "next" is the first
    claim."""
    claims = claims_only(units)
    if selected is None:
        before, after = [], claims
    else:
        before = [claim for claim in claims if claim["seq"] < selected["seq"]]
        after = [claim for claim in claims if claim["seq"] > selected["seq"]]
    return {
        "claim": selected,
        "position": len(before) + 1 if selected and selected["kind"] == "claim" else None,
        "claim_total": len(claims),
        "previous_claim": before[-1] if before else None,
        "next_claim": after[0] if after else None,
    }


def reviewed(db, selected: dict | None) -> dict | None:
    """The selected unit's review record (verdict, evidence, people) as the JSON shows it, plus
    `work`: what the working panel needs for the signed-in person (see `workspace`)."""
    if selected is None:
        return None
    review = claim_store.claims_with_reviews(db, [selected])[0]
    return {**review, "work": workspace(db, selected, current_actor())}


OPEN_STATES = ("draft", "in_review")


def verdict_writers(history: list[dict], verdict_id: int | None) -> set[str]:
    """Usernames of everyone who wrote or revised this verdict, as the audit trail tells it."""
    if verdict_id is None:
        return set()
    writers = set()
    for entry in history:
        if entry["action"] not in VERDICT_ACTIONS:
            continue
        draft = (entry.get("after") or {}).get("verdict_draft") or {}
        if draft.get("id") == verdict_id:
            writers.add(entry["actor"])
    return writers


def timeline(history: list[dict], names: dict[str, str]) -> list[dict]:
    """The claim's history for the panel, newest first: who, when, what, and why."""
    items = []
    for entry in reversed(history):
        items.append(
            {
                "id": entry["id"],
                "at": entry["at"],
                "actor": entry["actor"],
                "actor_name": names.get(entry["actor"]) or entry["actor"],
                "via": channel_words(entry.get("channel")),
                "action": entry["action"],
                "headline": headline(entry),
                "detail": detail(entry),
                "reason": entry.get("reason"),
            }
        )
    return items


def permissions(claim: dict, actor, working: dict | None, writers: set[str]) -> dict:
    """Which forms the panel offers this person. The store enforces every rule again: this only
    keeps buttons away from people who cannot use them."""
    is_claim = claim["kind"] == "claim"
    status = claim["status"]
    in_review = status == "in_review" and working is not None and working["state"] == "in_review"
    wrote_it = actor is not None and actor.username in writers
    return {
        "is_claim": is_claim,
        "classify": status not in ("in_review", "published"),
        "edit_verdict": is_claim and status in ("unreviewed", "in_progress"),
        "review": bool(in_review and actor is not None and actor.is_editor and not wrote_it),
        "wrote_it": wrote_it,
        "correct": is_claim and status == "published",
    }


def workspace(db, claim: dict, actor) -> dict:
    """Everything the working panel shows beyond the claim itself: verdicts, evidence with their
    archived copies, comments, history, the people it can be assigned to, and what this person
    may do."""
    record = claim_store.review_records(db, [claim["id"]])[claim["id"]]
    working = (
        record["verdict"]
        if record["verdict"] and record["verdict"]["state"] in OPEN_STATES
        else None
    )
    history = claim_store.claim_history(db, claim["id"])
    people = user_store.list_users(db)
    names = {person["username"]: person["display_name"] or person["username"] for person in people}
    writers = verdict_writers(history, working["id"] if working else None)
    return {
        "scale": current_scale(),
        "working_verdict": working,
        "published_verdict": record["published_verdict"],
        "earlier_verdicts": list(reversed(record["earlier_verdicts"])),
        "evidence": evidence_store.evidence_for_claim(db, claim["id"]),
        "comments": comment_store.comments_for_claim(db, claim["id"]),
        "timeline": timeline(history, names),
        "assignable": [person for person in people if not person["disabled"]],
        "writers": writers,
        "can": permissions(claim, actor, working, writers),
    }
