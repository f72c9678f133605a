"""Checking a claim's situation against the invariants listed in factcheck.lifecycle."""

from factcheck.lifecycle import KINDS, STATUSES, VERDICT_STATES, Situation, cited, status_words


def problems(situation: Situation) -> list[str]:
    """Every invariant (see the module docstring) this situation breaks, in words; [] when sound."""
    claim = situation.claim
    claim_id, status = claim["id"], claim["status"]
    found = []
    if status not in STATUSES:
        found.append(f"claim {claim_id} has an unknown status {status!r}")
    if claim["kind"] not in KINDS:
        found.append(f"claim {claim_id} has an unknown kind {claim['kind']!r}")
    by_state: dict[str, list[dict]] = {state: [] for state in VERDICT_STATES}
    for verdict in situation.verdicts:
        if verdict["state"] not in by_state:
            found.append(f"verdict {verdict['id']} has an unknown state {verdict['state']!r}")
            continue
        by_state[verdict["state"]].append(verdict)
    open_ = by_state["draft"] + by_state["in_review"]
    published = by_state["published"]
    if len(open_) > 1:
        found.append(f"claim {claim_id} has {len(open_)} open verdicts")
    if len(published) > 1:
        found.append(f"claim {claim_id} has {len(published)} published verdicts")
    draft = by_state["draft"][-1] if by_state["draft"] else None
    in_review = by_state["in_review"][-1] if by_state["in_review"] else None
    live = published[-1] if published else None
    expected = {
        "unreviewed": not open_ and live is None,
        "in_progress": in_review is None and (live is None or draft is not None),
        "in_review": in_review is not None and draft is None,
        "published": live is not None and not open_,
    }
    if status in expected and not expected[status]:
        found.append(
            f"claim {claim_id} is {status_words(status)} with"
            f" {len(by_state['draft'])} draft, {len(by_state['in_review'])} in review and"
            f" {len(published)} published verdicts"
        )
    for verdict in open_:
        corrects = verdict["correction_of"]
        if live is not None and corrects != live["id"]:
            found.append(
                f"open verdict {verdict['id']} on claim {claim_id} does not correct published"
                f" verdict {live['id']}"
            )
        if live is None and corrects is not None:
            found.append(
                f"open verdict {verdict['id']} corrects verdict {corrects}, which is not published"
            )
    rating = live["rating"] if live else None
    if claim["verdict"] != rating:
        found.append(
            f"claim {claim_id} shows the verdict {claim['verdict']!r} but its published rating"
            f" is {rating!r}"
        )
    if bool(claim["corrected_at"]) != bool(by_state["superseded"]):
        found.append(f"claim {claim_id} has corrected_at out of step with superseded verdicts")
    if claim["kind"] != "claim" and (open_ or live is not None):
        found.append(f"unit {claim_id} is not a claim but has a verdict")
    for verdict in by_state["in_review"] + published:
        gone = sorted(cited(verdict) - situation.live_evidence)
        if gone:
            found.append(
                f"verdict {verdict['id']} ({verdict['state']}) on claim {claim_id} cites evidence"
                f" {gone} that is removed or not on the claim"
            )
    replaced = {v["correction_of"] for v in published + by_state["superseded"]}
    for verdict in by_state["superseded"]:
        if verdict["id"] not in replaced:
            found.append(f"verdict {verdict['id']} is superseded but no correction replaced it")
    return found
