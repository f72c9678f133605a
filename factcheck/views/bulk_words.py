"""What a bulk action on the queue did, and what it left alone, in words for its notice."""

from collections import Counter

from factcheck.lifecycle import STATUS_LABELS


def claims_count(count: int) -> str:
    """'1 claim', '2,400 claims'."""
    return f"{count:,} claim{'' if count == 1 else 's'}"


def describe_skips(skipped: dict) -> str | None:
    """Why claims were left alone, in words: '2 claims left as they were: 1 is published, ...'."""
    if not skipped:
        return None
    reasons = Counter(str(reason) for reason in skipped.values())
    parts = []
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        if reason == "unchanged":
            parts.append(f"{count:,} already {'was' if count == 1 else 'were'} that way")
        elif reason.startswith("it is "):
            verb = "is" if count == 1 else "are"
            parts.append(f"{count:,} {verb} {reason.removeprefix('it is ')}")
        elif reason.startswith("it has "):
            verb = "has" if count == 1 else "have"
            parts.append(f"{count:,} {verb} {reason.removeprefix('it has ')}")
        else:
            parts.append(f"{count:,}: {reason}")
    return f"{claims_count(len(skipped))} left as they were: {'; '.join(parts)}."


def describe_bulk(summary: dict, display_names: dict[str, str]) -> str:
    """What a bulk action changed, in words: '12 claims marked not a claim'."""
    changed = claims_count(len(summary["claim_ids"]))
    action, value = summary["bulk_action"], summary.get("value")
    if action == "not_a_claim":
        return f"{changed} marked not a claim"
    if action == "assign":
        if not value:
            return f"{changed} unassigned"
        return f"{changed} assigned to {display_names.get(value, value)}"
    status = str(value)
    return f"{changed} set to {STATUS_LABELS.get(status, status).lower()}"


def describe_undo(summary: dict) -> str:
    restored = len(summary["claim_ids"])
    if not restored:
        return "Nothing was undone: each of these claims has changed since the bulk action."
    return f"Undone: {claims_count(restored)} put back as they were."
