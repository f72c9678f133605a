"""A claim's audit entries in words, for the CLI's history and the claim panel's timeline."""

from factcheck.network.urls import shown_address

HISTORY_WORDS = {
    "import": "imported the article",
    "claim.classify": "classified",
    "claim.assign": "assigned",
    "verdict.set": "rated",
    "verdict.correct": "started a correction",
    "verdict.withdraw": "withdrew the correction in draft",
    "review.submit": "submitted for review",
    "review.approve": "approved and published",
    "review.return": "returned for changes",
    "review.recall": "took the verdict back from review",
    "evidence.add": "added evidence",
    "evidence.remove": "removed evidence",
    "evidence.acknowledge_change": "acknowledged a change to the page of evidence",
    "evidence.copy_received": "attached their own copy of evidence",
    "evidence.copy": "attached their own copy of evidence",
    "evidence.archive": "gave a web archive's copy of the source",
    "comment.add": "commented",
    "bulk.not_a_claim": "marked as not a claim in a bulk action",
    "bulk.claim": "made a claim again in a bulk action",
    "bulk.assign": "assigned in a bulk action",
    "bulk.status": "set the status in a bulk action",
    "bulk.undo": "undid a bulk action",
    "unit.merge": "merged with the next unit",
    "unit.split": "split in two",
    "previous.dismiss": "dismissed a previous check as not this claim",
    "previous.restore": "restored a dismissed previous check",
}

VERDICT_ACTIONS = ("verdict.set", "verdict.correct")
#: The same, naming the earlier check's library id.
PREVIOUS_CHECK_WORDS = {
    "previous.dismiss": "dismissed previous check {} as not this claim",
    "previous.restore": "restored previous check {}",
}
COPY_RECEIVED = "evidence.copy_received"
# A reviewer's own copy: an HTML page on receipt, a PDF or an image once kept.
OWN_COPY_ACTIONS = (COPY_RECEIVED, "evidence.copy")
WEB_ARCHIVE_COPY = "evidence.archive"
FAILED_WEB_ARCHIVE_COPY = "tried to give a web archive's copy of the source, which was not kept"
COMMAND_LINE = "via command line"


def channel_words(channel: str | None) -> str | None:
    """How a change reached factcheck, where a reader must not mistake it for a signed-in action:
    a change made on the command line names its person with --as, not by signing in."""
    if channel and channel.startswith("cli:"):
        return f"{COMMAND_LINE} ({channel[4:]})" if channel[4:] else COMMAND_LINE
    return None


def _after(entry: dict) -> dict:
    after = entry.get("after")
    return after if isinstance(after, dict) else {}


def _draft(after: dict) -> dict:
    draft = after.get("verdict_draft")
    return draft if isinstance(draft, dict) else {}


def _kind_words(kind) -> str:
    return str(kind or "").replace("_", " ")


def _bulk_words(entry: dict) -> str | None:
    """What a bulk action, or its undo, did to this claim: "assigned to omar in a bulk action",
    "set from unreviewed to in progress in a bulk action", "undid a bulk action: back to ..."."""
    action = entry["action"]
    change = entry.get("change")
    if not isinstance(change, dict):
        change = {}
    before, after = change.get("before") or {}, change.get("after") or {}
    if action == "bulk.assign":
        assignee = _after(entry).get("value")
        if assignee:
            return f"assigned to {assignee} in a bulk action"
        return "removed the assignment in a bulk action"
    if action == "bulk.status" and before.get("status") and after.get("status"):
        return (
            f"set the status from {_kind_words(before['status'])} to"
            f" {_kind_words(after['status'])} in a bulk action"
        )
    if action == "bulk.undo" and after:
        put_back = [
            f"{name} {_kind_words(after[key])}"
            for key, name in (("status", "status"), ("kind", "kind"))
            if after.get(key) != before.get(key) and after.get(key)
        ]
        if after.get("assignee_id") != before.get("assignee_id"):
            put_back.append("the earlier assignment")
        return "undid a bulk action" + (f": back to {' and '.join(put_back)}" if put_back else "")
    return None


def describe(entry: dict) -> str:
    """One line saying what happened in an audit entry about a claim."""
    after = _after(entry)
    action = entry["action"]
    words = action_words(entry) or action
    if bulk := _bulk_words(entry):
        return bulk
    if action == "claim.classify":
        words += f" as {_kind_words(after.get('kind'))}"
    elif action == "claim.assign":
        words += f" to {after.get('assignee') or 'nobody'}"
    elif action in VERDICT_ACTIONS:
        draft = _draft(after)
        words += f" {draft.get('rating_label')!r}: {draft.get('rationale', '')}"
    elif action in OWN_COPY_ACTIONS:
        words += f" {after.get('evidence_id')}: {_copy_words(after)}"
    elif action == WEB_ARCHIVE_COPY:
        words += f" {after.get('url')}: {after.get('archive_url')}{_why_not_kept(after)}"
    elif action.startswith("evidence."):
        words += f" {after.get('id')} ({after.get('stance')}) {after.get('url')}"
    elif action == "comment.add":
        words += f": {after.get('body')}"
    return words


def action_words(entry: dict) -> str | None:
    """The history's words for a row's action (None when it has none), with the outcome of a
    copy told apart: a web archive's copy given or tried and not kept, a page's copy kept or
    not, and the earlier check a dismissal or its restoring is about named."""
    action = entry["action"]
    if action == WEB_ARCHIVE_COPY:
        return _web_archive_words(_after(entry))
    library_id = _after(entry).get("library_id")
    if action in PREVIOUS_CHECK_WORDS and isinstance(library_id, int):
        return PREVIOUS_CHECK_WORDS[action].format(library_id)
    return HISTORY_WORDS.get(action)


def _web_archive_words(after: dict) -> str:
    failed = after.get("status") == "failed"
    if after.get("kind") != "web_archive":  # the workbench's own copy of the page
        return "could not keep a copy of a source" if failed else "kept a copy of a source"
    return FAILED_WEB_ARCHIVE_COPY if failed else HISTORY_WORDS[WEB_ARCHIVE_COPY]


def _why_not_kept(after: dict) -> str:
    """ " (why)" after a copy that was not kept, as its row recorded it; "" for one kept."""
    return f" ({after['error']})" if after.get("status") == "failed" and after.get("error") else ""


def _copy_words(after: dict) -> str:
    """The file a reviewer gave as their own copy of a source, and the source's address."""
    return f"{after.get('file_name') or after.get('content_type')} for {after.get('url')}"


def headline(entry: dict) -> str:
    """A short phrase for a timeline row: what happened, without the long text that went with it."""
    after = _after(entry)
    action = entry["action"]
    words = action_words(entry) or action.replace(".", " ").replace("_", " ").strip()
    words = words or "changed the claim"
    if bulk := _bulk_words(entry):
        return bulk
    if action == "claim.classify":
        return f"{words} as {_kind_words(after.get('kind'))}"
    if action == "claim.assign":
        assignee = after.get("assignee")
        return f"{words} to {assignee}" if assignee else "removed the assignment"
    if action in VERDICT_ACTIONS:
        label = _draft(after).get("rating_label")
        return f"{words} {label}" if label else words
    if action in OWN_COPY_ACTIONS:
        return f"{words} {after.get('evidence_id')}"
    if action.startswith("evidence.") and after.get("stance"):
        return f"{words} ({after['stance']})"
    return words


def _shown_address(url: str) -> str:
    """A source's address as the evidence card shows it (shown_address), with its scheme."""
    shown = shown_address(url)
    if shown == url:  # not an address that parses: as it is
        return url
    return f"{url.split('://', 1)[0]}://{shown}"


def detail(entry: dict) -> str | None:
    """The text that went with the change (a rationale, a comment, a source), if any."""
    after = _after(entry)
    action = entry["action"]
    if action in VERDICT_ACTIONS:
        value = _draft(after).get("rationale")
    elif action in OWN_COPY_ACTIONS:
        value = _copy_words(after)
    elif action == WEB_ARCHIVE_COPY:
        value = f"{after.get('archive_url')} for {after.get('url')}{_why_not_kept(after)}"
    elif action.startswith("evidence."):
        # As the evidence card shows it: a host that may pass for another in its ASCII form.
        url = after.get("url")
        value = _shown_address(url) if isinstance(url, str) and url else None
    elif action == "comment.add":
        value = after.get("body")
    else:
        value = None
    return value if isinstance(value, str) and value else None


def merged_unit(entry: dict, claim_id: int) -> int | None:
    """The unit an entry of this claim's history was about when that unit was merged into the
    claim later (its own row, or its part of a bulk action or unit edit); None when the entry was
    about the claim itself, or not about a unit."""
    if entry.get("record_type") == "claim":
        unit = entry.get("record_id")
    else:
        change = entry.get("change")
        unit = change.get("id") if isinstance(change, dict) else None
    return unit if isinstance(unit, int) and unit != claim_id else None


def version_after(entry: dict, claim_id: int) -> int | None:
    """The claim's version once this entry's change was made; None when it did not change the
    claim itself (evidence and comments leave the version alone)."""
    after = _after(entry)
    if entry.get("record_type") == "claims":
        for change in after.get("changes") or []:
            if isinstance(change, dict) and change.get("id") == claim_id:
                version = (change.get("after") or {}).get("version")
                return version if isinstance(version, int) else None
        return None
    version = after.get("version")
    return version if isinstance(version, int) else None
