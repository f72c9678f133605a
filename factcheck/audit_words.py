"""Words for what `audit verify` finds: a column as a finding names it, and a recorded value."""

#: Words for the columns a finding names where the column's own name would not do.
FIELD_WORDS = {
    "assignee_id": "assignee (a person's id)",
    "author_id": "author (a person's id)",
    "added_by": "adder (a person's id)",
    "removed_by": "remover (a person's id)",
    "disabled": "disabled state",
    "evidence_ids": "evidence it rests on (ids)",
    "rating_label": "rating's words",
    "rating_value": "rating's place on the scale",
    "correction_of": "verdict it corrects",
    "correction_reason": "reason for the correction",
    "return_comment_id": "return's comment (id)",
    "link_acknowledged_check": "acknowledged link check (id)",
    "body_hash": "text's hash",
    "body_sha256": "exact text's hash",
    "content_sha256": "bytes' sha256",
    "http_status": "HTTP status",
    "url": "address",
    "source_url": "source address",
    "final_url": "final address",
    "archive_url": "web archive address",
    "claim_id": "claim",
    "id_prefix": "id",
    "external_id": "id at its publisher",
    "review_date": "date of review",
}


def field_words(name: str) -> str:
    """A column as a finding names it: "published at" for published_at."""
    return FIELD_WORDS.get(name, name.replace("_", " "))


def shown(value) -> str:
    """A recorded value in a finding: quoted as written, "not set" for none."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "not set" if value is None else repr(value)
