"""User administration for admins: list, add, disable or enable, change role, reset password."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from factcheck.passwords import MIN_LENGTH, password_refusal
from factcheck.store import audit, users
from factcheck.store.errors import Invalid
from factcheck.views.auth_guard import require_role, signed_in_actor
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.rendering import json_response

bp = Blueprint("admin", __name__, url_prefix="/admin")

NEW_USER_FIELDS = ("username", "display_name", "role", "password", "why")


@bp.before_request
@require_role("admin")
def admins_only():
    """Every route here, including any added later, refuses everyone but admins with 403."""


def _page(
    *,
    add_errors: dict | None = None,
    new_user: dict | None = None,
    row_error: tuple[str, str, str] | None = None,
    kept_why: str = "",
    status: int = 200,
):
    """The users page; `row_error` is (username, action, words) for a row's refused change, whose
    form is drawn open with the reason as typed."""
    return render_template(
        "admin_users.html",
        people=users.list_users(get_db()),
        roles=users.ROLES,
        add_errors=add_errors or {},
        new_user=new_user or {"role": "reviewer"},
        row_error=row_error,
        kept_why=kept_why,
        max_why=audit.MAX_WHY_CHARS,
        min_length=MIN_LENGTH,
    ), status


def _with_article(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


def _back(message: str):
    flash(message)
    return redirect(url_for("admin.users_page"), 303)


@bp.get("/users")
def users_page():
    return _page()


@bp.get("/users.json")
def users_json():
    return json_response({"users": users.list_users(get_db())})


@bp.post("/users")
def add_user():
    form = {name: request.form.get(name, "") for name in NEW_USER_FIELDS}
    try:
        user = users.add_user(
            get_db(),
            form["username"],
            role=form["role"],
            password=form["password"],
            display_name=form["display_name"],
            actor=signed_in_actor(),
            why=form["why"],
        )
    except Invalid as problem:
        # The password is never sent back into the page.
        kept = {name: form[name] for name in ("username", "display_name", "role", "why")}
        # Every field's problem at once, not one a submit: the username's and the password's
        # beside whatever the store refused first.
        username = form["username"].strip().lower()
        found = [
            problem,
            users.username_problem(get_db(), username),
            password_refusal(form["password"], username, form["display_name"], field="password"),
        ]
        errors: dict[str, str] = {}
        for refused in found:
            if refused is not None:
                errors.setdefault(refused.field or "username", store_error_words(refused))
        return _page(add_errors=errors, new_user=kept, status=422)
    return _back(
        f"Added {user['username']} as {_with_article(user['role'])}. Give them their password in person "
        "or by phone, and ask them to change it on their Account page."
    )


def _row_action(username: str, action: str, change, done, already=None):
    """Make an administrator's change to one person, with the reason they gave (kept in the audit
    trail); a refusal redraws the page with that row's form open and the reason kept.

    `done` words the change for the person's stored username; `already` says, from the person as
    the store left them, what they already are when the store made no change (they already were
    so, or another admin made the same change a moment before)."""
    why = request.form.get("why", "")
    name = users.get_user(get_db(), username)["username"]
    try:
        outcome = change(why)
    except Invalid as problem:
        words = store_error_words(problem)
        return _page(row_error=(name, action, words), kept_why=why, status=422)
    if already is not None and not outcome["changed"]:
        # The store writes nothing for a change that makes none, so the reason is not kept either.
        lost = " and your reason was not kept" if why.strip() else ""
        return _back(
            f"Nothing changed: {name} is already {already(outcome)}, so nothing was added to the"
            f" audit trail{lost}."
        )
    return _back(done(name))


@bp.post("/users/<username>/disable")
def disable_user(username: str):
    return _row_action(
        username,
        "status",
        lambda why: users.set_disabled(get_db(), username, True, actor=signed_in_actor(), why=why),
        lambda name: f"Disabled {name}: they are signed out everywhere and cannot sign in.",
        lambda person: "disabled",
    )


@bp.post("/users/<username>/enable")
def enable_user(username: str):
    return _row_action(
        username,
        "status",
        lambda why: users.set_disabled(get_db(), username, False, actor=signed_in_actor(), why=why),
        lambda name: f"Enabled {name}: they can sign in again with their password.",
        lambda person: "enabled",
    )


@bp.post("/users/<username>/role")
def change_role(username: str):
    role = request.form.get("role", "")
    return _row_action(
        username,
        "role",
        lambda why: users.set_role(get_db(), username, role, actor=signed_in_actor(), why=why),
        lambda name: (
            f"{name} is now {_with_article(role)}; the change applies from their next click."
        ),
        lambda person: _with_article(person["role"]),
    )


@bp.post("/users/<username>/password")
def reset_password(username: str):
    password = request.form.get("password", "")
    name = users.get_user(get_db(), username)["username"]
    if name == signed_in_actor().username:
        # The store asks for the current password when people change their own.
        return _page(
            row_error=(name, "password", "change your own password on your Account page"),
            status=422,
        )
    return _row_action(
        username,
        "password",
        lambda why: users.change_password(
            get_db(), username, password, actor=signed_in_actor(), why=why
        ),
        lambda name: (
            f"Reset the password of {name} and signed them out everywhere. Give them the "
            "new password in person or by phone."
        ),
    )
