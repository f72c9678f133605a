"""The audit trail page for editors and admins: every change to the desk's records, newest first,
filtered by person, kind of change, record and dates, each with its reason and the fields it
changed, before and after."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from factcheck import audit_jobs, job_storage
from factcheck.audit_changes import row_changes
from factcheck.history_words import action_words, channel_words
from factcheck.store import audit_browse, users
from factcheck.store.audit_browse import (
    PAGE_ROWS,
    TrailFilter,
    not_in_trail,
    trail,
    typed_filter,
)
from factcheck.views.auth_guard import require_role, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.rendering import json_response, wants_fragment

bp = Blueprint("audit_trail", __name__)

#: Words for the kinds of change the filter offers (audit_browse.FAMILIES).
_FAMILY_WORDS = {
    "import": "Imports",
    "article": "Articles' details corrected",
    "claim": "Claims classified or assigned",
    "unit": "Units merged or split",
    "verdict": "Verdicts and corrections",
    "review": "Second review",
    "evidence": "Evidence and its copies",
    "comment": "Comments",
    "bulk": "Bulk actions and undos",
    "user": "People, roles and passwords",
    "session": "Sign-ins and sign-outs",
    "library": "The library",
    "matches": "Previous checks matched",
    "previous": "Previous checks dismissed or restored",
    "export": "Exports",
    "audit": "The audit checkpoint",
}
FAMILIES = {family: _FAMILY_WORDS[family] for family in audit_browse.FAMILIES}
#: Words for the changes a claim's history does not name.
OTHER_WORDS = {
    "article.edit": "corrected an article's details",
    "user.add": "added a person",
    "user.role": "changed a person's role",
    "user.disable": "disabled a person",
    "user.enable": "enabled a person",
    "user.password": "set a password",
    "session.start": "signed in",
    "session.end": "ended a session",
    "library.import": "imported fact-checks into the library",
    "library.remove": "removed a fact-check from the library",
    "matches.refresh": "matched claims against the library",
    "export": "exported",
    "evidence.link_check": "checked a source's link",
    "audit.checkpoint_reset": "reset the audit checkpoint to the trail's newest row",
}


#: A session's end by its reason: its person signing out, or the workbench ending it.
SESSION_END_WORDS = {
    "sign_out": "signed out",
    "idle": "ended a session left idle too long",
    "lifetime": "ended a session at its time limit",
    "disabled": "ended a session: its person was disabled",
    "password_changed": "ended a session: its person's password was changed",
}


def _session_end_words(entry: dict) -> str | None:
    after = entry["after"]
    if entry["action"] != "session.end" or not isinstance(after, dict):
        return None
    return SESSION_END_WORDS.get(str(after.get("reason")))


def _chosen() -> TrailFilter:
    args = request.args
    return typed_filter(
        get_db(),
        person=args.get("person"),
        kind=args.get("kind"),
        record=args.get("record"),
        since=args.get("since"),
        until=args.get("until"),
        before=args.get("before"),
        date_names=("from", "to"),
    )


def _rows(entries: list[dict]) -> list[dict]:
    rows = []
    for entry in entries:
        action = entry["action"]
        rows.append(
            {
                **entry,
                "words": action_words(entry)
                or _session_end_words(entry)
                or OTHER_WORDS.get(action)
                or action,
                "via": channel_words(entry.get("channel")),
                "changes": row_changes(entry),
                "name": _username(entry),
            }
        )
    return rows


def _username(entry: dict) -> str | None:
    """The person a row about a user or a session names, as the row itself recorded them."""
    for state in (entry["after"], entry["before"]):
        for key in ("username", "user"):
            if isinstance(state, dict) and isinstance(state.get(key), str):
                return state[key]
    return None


@bp.get("/audit")
@require_role("editor", "admin")
def audit_page():
    return _audit_page()


def _audit_page(problem: str | None = None, status: int = 200):
    chosen = _chosen()
    entries, older = trail(get_db(), chosen, limit=PAGE_ROWS)
    values = {
        "rows": _rows(entries),
        "chosen": chosen,
        "typed": request.args,
        "families": FAMILIES,
        "people": [person["username"] for person in users.list_users(get_db())],
        "older": older,
        # Said under "no change" when the record's type is not one the trail has: a typo?
        "record_types": [] if entries else not_in_trail(get_db(), chosen)["record_types"],
    }
    if wants_fragment():
        return render_template("partials/audit_results.html", **values)
    check = audit_jobs.check_state()
    return render_template("audit.html", check=check, problem=problem, **values), status


@bp.get("/audit/check")
@require_role("editor", "admin")
def trail_check():
    """Where the check of the whole trail stands: polled while one runs."""
    return render_template("partials/audit_check.html", check=audit_jobs.check_state())


@bp.post("/audit/check")
@require_role("editor", "admin")
def start_trail_check():
    """Check the whole trail in the background, as `factcheck audit verify` does."""
    problem = None
    try:
        audit_jobs.start_check(current_app.config["DATABASE"], signed_in_actor().username)
    except job_storage.UNREACHABLE:
        problem = "The job queue could not take the check; try again in a moment."
    status = 503 if problem else 200
    if not wants_fragment():
        if problem:
            return _audit_page(problem, status)
        return redirect(url_for("audit_trail.audit_page"), code=303)
    check = audit_jobs.check_state()
    return render_template("partials/audit_check.html", check=check, problem=problem), status


@bp.get("/audit.json")
@require_role("editor", "admin")
def audit_json():
    entries, older = trail(get_db(), _chosen(), limit=PAGE_ROWS)
    return json_response({"entries": entries, "older": older})
