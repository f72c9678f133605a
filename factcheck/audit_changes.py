"""What an audit row changed, field by field: the values of its before and after states that
differ, for a reader of the trail (the audit page, `factcheck audit log`)."""

import json
from typing import Any

#: Past this, a value is cut short for reading (the trail keeps it whole): long enough for a
#: rationale, so that two are never told apart by their ends alone.
SHOWN_CHARS = 2_000
NOT_RECORDED = "(not recorded)"


def shown(value: Any) -> str:
    """A field's value as one short line of text."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _flat(state: Any) -> dict[str, Any]:
    """A state's fields, a nested record's one level down ("verdict_draft.rating")."""
    if not isinstance(state, dict):
        return {} if state is None else {"value": state}
    fields: dict[str, Any] = {}
    for name, value in state.items():
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                fields[f"{name}.{inner}"] = inner_value
        else:
            fields[name] = value
    return fields


def changed_fields(before: Any, after: Any) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field whose value differs. A row records the fields of
    the state it left; one it did not record before reads "not recorded", never as if it had
    been empty, and one it recorded only before (a published verdict beside the correction's
    draft) is not listed as removed, unless the row removed the record itself."""
    old, new = _flat(before), _flat(after)
    names = list(new) if after is not None else list(old)
    rows = []
    for name in names:
        if old.get(name) == new.get(name) and name in old:
            continue
        # A record the row says was not there ("verdict_draft": null before a first draft) had
        # none of its fields.
        record = name.split(".", 1)[0]
        absent = record != name and record in old and old[record] is None
        # A name read for the row beside its id ("assignee" beside "assignee_id") had none
        # where the id was none.
        unnamed = f"{name}_id" in old and old[f"{name}_id"] is None
        known = name in old or before is None or absent or unnamed
        was = shown(old.get(name)) if known else NOT_RECORDED
        rows.append((name, was, shown(new.get(name))))
    return rows


def row_changes(entry: dict) -> list[tuple[str, str, str]]:
    """changed_fields of an audit row (its action, before and after). A checkpoint reset keeps
    the checkpoint it replaced, and what was found wrong, inside its before: read as the row and
    hash the checkpoint moved from and to, and the problem it answered."""
    before, after = entry["before"], entry["after"]
    if entry["action"] == "audit.checkpoint_reset" and isinstance(before, dict):
        replaced = before.get("checkpoint")
        replaced = replaced if isinstance(replaced, dict) else {}
        now = after if isinstance(after, dict) else {}
        moved = [
            (f"checkpoint.{name}", shown(replaced.get(name)), shown(now.get(name)))
            for name in ("row", "hash")
        ]
        return [*moved, ("problem found", shown(before.get("words")), "—")]
    changes = changed_fields(before, after)
    if entry["action"] in ("previous.dismiss", "previous.restore") and isinstance(after, dict):
        # The earlier check is the same before and after, so it is no changed field: named all
        # the same, or the row would not say which check was dismissed or restored.
        library_id = shown(after.get("library_id"))
        return [("library_id", library_id, library_id), *changes]
    return changes
