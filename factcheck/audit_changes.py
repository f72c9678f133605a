"""What an audit row changed, field by field: the values of its before and after states that
differ, for a reader of the trail (the audit page, `factcheck audit log`)."""

import json
from typing import Any

#: Past this, a value is cut short for reading (the trail keeps it whole).
SHOWN_CHARS = 160


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
    """(field, before, after) for every field whose value differs, in the after state's order
    and then the fields only the before state has; a row that records only what it made lists
    every field it made."""
    old, new = _flat(before), _flat(after)
    names = list(new) + [name for name in old if name not in new]
    return [
        (name, shown(old.get(name)), shown(new.get(name)))
        for name in names
        if old.get(name) != new.get(name)
    ]
