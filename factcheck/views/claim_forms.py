"""The claim panel's forms as data: their fields, how store errors land beside those fields, and
what a refused form shows (the message and the input kept, or the other person's change next to
yours)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import request

from factcheck.ids import parse_id
from factcheck.scales import Scale
from factcheck.store.errors import Invalid, StoreError
from factcheck.views.error_words import store_error_words


@dataclass(frozen=True)
class PanelForm:
    """One form on the panel; its partial is partials/panel_<name>.html."""

    name: str
    fields: tuple[str, ...]
    doing: str
    #: The permission in `claim_panel.permissions` that puts this form on the panel.
    shown_when: str
    #: Store error fields that this form calls by another name.
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"partials/panel_{self.name}.html"


FORMS = {
    form.name: form
    for form in (
        PanelForm("classify", ("kind", "reason"), "reclassify the claim", "classify"),
        PanelForm("assign", ("assignee",), "change who the claim is assigned to", "is_claim"),
        PanelForm("evidence", ("url", "stance", "quote", "note"), "add evidence", "is_claim"),
        PanelForm("remove_evidence", ("reason",), "remove evidence", "is_claim"),
        PanelForm(
            "verdict",
            ("rating", "rationale", "comment", "intent"),
            "save the verdict",
            "edit_verdict",
        ),
        PanelForm(
            "correct", ("rating", "rationale", "reason"), "correct the published verdict", "correct"
        ),
        PanelForm("withdraw", ("reason",), "withdraw the correction", "withdraw"),
        PanelForm("recall", (), "take the verdict back from review", "recall"),
        PanelForm("approve", ("comment",), "approve the verdict", "review"),
        PanelForm(
            "return",
            ("comment",),
            "return the verdict for changes",
            "review",
            renamed={"reason": "comment"},
        ),
        PanelForm("comment", ("comment",), "add a comment", "always"),
        PanelForm(
            "merge",
            ("reason", "next_id", "next_version"),
            "merge the unit with the next one",
            "edit_units",
        ),
        PanelForm("split", ("at", "reason"), "split the unit in two", "edit_units"),
    )
}

FIELD_LABELS = {
    "kind": "Classify as",
    "reason": "Reason",
    "assignee": "Assign to",
    "url": "Source URL",
    "stance": "Stance",
    "quote": "Quoted passage",
    "note": "Note",
    "rating": "Rating",
    "rationale": "Rationale",
    "comment": "Comment",
    "at": "Split after",
}

#: Fields whose text can run long: the conflict panel shows them as paragraphs.
LONG_FIELDS = ("rationale", "quote", "note", "comment", "reason")


def form_values(form: PanelForm, submitted: Mapping) -> dict[str, str]:
    """The form's fields as submitted, every one present (missing ones as empty text)."""
    return {name: str(submitted.get(name) or "") for name in form.fields}


def ticked_evidence(submitted) -> set[int] | None:
    """The evidence ticked on a verdict or correction form as sent; None when the form listed no
    evidence (the claim had none), so the panel ticks its defaults."""
    if not submitted.get("evidence_listed"):
        return None
    return {i for i in map(parse_id, submitted.getlist("evidence")) if i is not None}


def refused_state(form: PanelForm, values: dict, error: StoreError, shown: bool) -> dict:
    """What a form shows after a 422: the message beside its field (or above the form when it
    is about no one field), and the input as typed. `shown` says whether the form is on the panel
    now; when it is not, the panel shows the message at its top."""
    field_name = form.renamed.get(error.field or "", error.field)
    message = store_error_words(error)
    beside = field_name in form.fields
    return {
        "name": form.name,
        "typed": values,
        "ticked": ticked_evidence(request.form),
        "errors": {field_name: message} if beside else {},
        "message": None if beside else message,
        "shown": shown,
    }


def _kind_words(kind: str) -> str:
    return {"claim": "a claim", "not_a_claim": "not a claim"}.get(kind, kind)


def what_you_did(form: PanelForm, values: dict) -> str:
    """The refused change in words: 'save the verdict and submit it for review'."""
    if form.name == "verdict" and values.get("intent") == "submit":
        return "save the verdict and submit it for review"
    if form.name == "classify":
        return f"mark it as {_kind_words(values.get('kind', ''))}"
    if form.name == "assign":
        return f"assign it to {values['assignee']}" if values.get("assignee") else "unassign it"
    return form.doing


def what_was_done(form: PanelForm, values: dict) -> str:
    """A saved change in words, for the panel's status region: 'Evidence added.'"""
    if form.name == "verdict":
        submitted = values.get("intent") == "submit"
        return "Verdict saved and submitted for review." if submitted else "Draft verdict saved."
    if form.name == "classify":
        return f"Marked as {_kind_words(values.get('kind', ''))}."
    if form.name == "assign":
        return "Assigned." if values.get("assignee") else "Unassigned."
    return DONE_WORDS.get(form.name, "Saved.")


DONE_WORDS = {
    "evidence": "Evidence added.",
    "remove_evidence": "Evidence removed.",
    "correct": "Correction started as a draft: submit it for review when it is ready.",
    "withdraw": "Correction withdrawn: the published verdict stands.",
    "recall": "Verdict taken back from review: it is a draft again.",
    "approve": "Verdict approved and published.",
    "return": "Verdict returned for changes.",
    "comment": "Comment added.",
}


def your_values(form: PanelForm, values: dict, scale: Scale) -> list[dict]:
    """The refused form's values as labelled rows for the conflict panel, ratings by label."""
    rows = []
    for name in form.fields:
        text = values.get(name, "").strip()
        # Fields without a label (the intent, the merge form's next unit) are not shown.
        if name not in FIELD_LABELS or not text:
            continue
        row = {"label": FIELD_LABELS.get(name, name), "value": text, "long": name in LONG_FIELDS}
        if name == "rating":
            rating = scale.find(text)
            row["value"] = rating.label if rating else text
            row["rating_key"] = rating.key if rating else None
        elif name == "kind":
            row["value"] = _kind_words(text)
        rows.append(row)
    return rows


def expected_version() -> int:
    """The claim version a panel form was opened at (its hidden expected_version field)."""
    version = parse_id(request.form.get("expected_version"))
    if version is None:
        raise Invalid("form.no_version")
    return version
