"""What a bulk action on the queue did, and what it left alone, in words for its notice."""

from collections import Counter

from factcheck.lifecycle import STATUS_LABELS, status_words


def claims_count(count: int) -> str:
    """'1 claim', '2,400 claims'."""
    return f"{count:,} claim{'' if count == 1 else 's'}"


# Refusals that come down to the claim's status: worded by the status ("2 are in review").
_BY_STATUS = frozenset(
    {
        "claim.wrong_status",
        "claim.has_verdict",
        "verdict.in_review",
        "verdict.published",
        "verdict.nothing_published",
        "verdict.not_in_review",
        "verdict.no_draft",
    }
)


def _skip_group(skip: dict) -> tuple[str, str]:
    """What a skipped claim is counted under: its code, and for a refusal that comes down to its
    status, the status."""
    code = str(skip.get("code"))
    if code in _BY_STATUS:
        return ":status", str(skip.get("status"))
    if code == "undo.breaks_lifecycle":
        return code, str(skip.get("back_to"))
    if code == "undo.assignee_disabled":
        return code, str(skip.get("name") or skip.get("username") or "someone")
    return code, ""


def _skip_words(group: tuple[str, str], count: int) -> str:
    code, detail = group
    one = count == 1
    if code == "unchanged":
        return f"{count:,} already {'was' if one else 'were'} that way"
    if code == ":status":
        return f"{count:,} {'is' if one else 'are'} {status_words(detail)}"
    if code == "verdict.open_draft":
        return f"{count:,} {'has' if one else 'have'} a draft verdict"
    if code == "claim.not_a_claim":
        return f"{count:,} {'is' if one else 'are'} marked not a claim"
    if code == "claim.changed_since":
        return f"{count:,} {'was' if one else 'were'} changed by someone since"
    if code == "claim.merged_away":
        return f"{count:,} {'was' if one else 'were'} merged into the unit before since"
    if code == "undo.breaks_lifecycle":
        return (
            f"{count:,} cannot go back to {status_words(detail)} without breaking"
            f" {'its' if one else 'their'} lifecycle"
        )
    if code == "undo.assignee_disabled":
        return (
            f"{count:,} would go back to {detail}, who is disabled now: assign"
            f" {'it' if one else 'them'} to someone else"
        )
    return f"{count:,} could not be changed"


def describe_skips(skipped: list[dict]) -> str | None:
    """Why claims were left alone, in words from each skip's code and facts: '2 claims left as
    they were: 1 is published; 1 has a draft verdict.'"""
    if not skipped:
        return None
    groups = Counter(_skip_group(skip) for skip in skipped)
    parts = [
        _skip_words(group, count)
        for group, count in sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    ]
    how = "it was" if len(skipped) == 1 else "they were"
    return f"{claims_count(len(skipped))} left as {how}: {'; '.join(parts)}."


def describe_bulk(summary: dict, display_names: dict[str, str], names_by_id: dict) -> str:
    """What a bulk action changed, in words: '12 claims marked not a claim'; an assignment says
    whom claims were taken from ('2 claims assigned to Erin Walsh, 1 of them taken from Alice
    Ng'), which the queue drawn before may not have shown."""
    words = _changed_words(summary, display_names)
    if summary["bulk_action"] != "assign":
        return words
    taken = Counter(
        names_by_id.get(change["before"]["assignee_id"], "someone")
        for change in summary["changes"]
        if change["before"]["assignee_id"] is not None
    )
    if not taken:
        return words
    people = ", ".join(f"{count:,} from {name}" for name, count in sorted(taken.items()))
    return f"{words}, taken from whoever held them: {people}"


def _changed_words(summary: dict, display_names: dict[str, str]) -> str:
    changed = claims_count(len(summary["claim_ids"]))
    action, value = summary["bulk_action"], summary.get("value")
    if action == "not_a_claim":
        return f"{changed} marked not a claim"
    if action == "claim":
        return f"{changed} made claims again"
    if action == "assign":
        if not value:
            return f"{changed} unassigned"
        return f"{changed} assigned to {display_names.get(value, value)}"
    status = str(value)
    return f"{changed} set to {STATUS_LABELS.get(status, status).lower()}"


def describe_undo(summary: dict) -> str:
    restored = len(summary["claim_ids"])
    if not restored:
        if all(skip.get("code") == "claim.changed_since" for skip in summary["skipped"]):
            return "Nothing was undone: each of these claims has changed since the bulk action."
        return "Nothing was undone."
    how = "it was" if restored == 1 else "they were"
    return f"Undone: {claims_count(restored)} put back as {how}."
