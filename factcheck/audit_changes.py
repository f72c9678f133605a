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
        was = shown(old.get(name)) if name in old or before is None or absent else NOT_RECORDED
        rows.append((name, was, shown(new.get(name))))
    return rows
