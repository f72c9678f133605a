"""People: adding, listing, disabling and re-roling users, passwords, and turning a name into an Actor."""

import re
from collections.abc import Iterable

from factcheck.db import Database, inserted_id, placeholders, utc_now
from factcheck.mentions import TRAILING, mentioned
from factcheck.passwords import dummy_hash, hash_password, password_refusal, verify_password
from factcheck.store import audit
from factcheck.store.actors import RESERVED_USERNAMES, Actor
from factcheck.store.audit_replay import password_digest
from factcheck.store.errors import Forbidden, Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.sessions import end_user_sessions
from factcheck.text.plain_letters import one_d, unaccented

ROLES = ("reviewer", "editor", "admin")
#: Words the queue's and exports' "assigned to" filters read as the signed-in person and as
#: nobody: a person called so could never be picked there.
FILTER_WORDS = frozenset({"me", "none"})
#: The longest username there can be: the sign-in answers a longer one without looking it up.
MAX_USERNAME_CHARS = 32
_USERNAME = re.compile(rf"^[a-z0-9][a-z0-9._-]{{1,{MAX_USERNAME_CHARS - 1}}}$")
PUBLIC_FIELDS = ("id", "username", "display_name", "role", "disabled", "created_at")
#: The longest display name, in characters once its spaces are made single: the history, the
#: queue and the reports name people by it.
MAX_NAME_CHARS = 80


def _public(row: dict) -> dict:
    return {key: row[key] for key in PUBLIC_FIELDS} | {"disabled": bool(row["disabled"])}


def _require_admin(actor: Actor) -> None:
    if not actor.is_system and actor.role != "admin":
        raise Forbidden("user.admin_only", {"username": actor.username, "role": actor.role})


def _row(db: Database, username: str) -> dict:
    rows = list(db.query("SELECT * FROM users WHERE username = ?", [username]))
    if not rows:
        raise NotFound("user.not_found", {"username": username})
    return rows[0]


def _keep_an_admin(db: Database, row: dict, change: str) -> None:
    """Refuse a change that would leave no enabled admin, so someone can still manage people."""
    if row["role"] != "admin" or row["disabled"]:
        return
    others = db.execute(
        "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?", [row["id"]]
    ).fetchone()[0]
    if not others:
        raise Invalid("user.last_admin", {"username": row["username"], "change": change})


def _check_password(password: str, username: str, display_name: str, *, field: str) -> None:
    refused = password_refusal(password, username, display_name, field=field)
    if refused is not None:
        raise refused


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise Invalid("role.unknown", {"given": role, "roles": list(ROLES)}, field="role")


@query
def username_problem(db: Database, username: str) -> Invalid | None:
    """Why a new person cannot have this username (as typed: spaces around it and capitals are
    dropped), or None: not the form usernames take, kept for the workbench, or taken."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        return Invalid("username.invalid", {"given": username}, field="username")
    if username[-1] in TRAILING:
        # An @-mention reads a dot or dash at the end as the sentence's: "@kim." would be kim.
        return Invalid("username.bad_end", {"username": username}, field="username")
    if username in RESERVED_USERNAMES:
        return Invalid("username.reserved", {"username": username}, field="username")
    if username in FILTER_WORDS:
        return Invalid("username.filter_word", {"username": username}, field="username")
    if db.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
        return Invalid("username.taken", {"username": username}, field="username")
    return None


@mutation
def add_user(
    db: Database,
    username: str,
    *,
    role: str,
    password: str,
    display_name: str | None,
    actor: Actor,
    why: str | None = None,
) -> dict:
    _require_admin(actor)
    username = username.strip().lower()
    refused = username_problem(db, username)
    if refused is not None:
        raise refused
    _check_role(role)
    display_name = " ".join((display_name or username).split()) or username
    if len(display_name) > MAX_NAME_CHARS:
        raise Invalid(
            "text.too_long", {"what": "display name", "limit": MAX_NAME_CHARS}, field="display_name"
        )
    _check_password(password, username, display_name, field="password")
    if display_name.lower() in RESERVED_USERNAMES:  # the history names people by this name
        raise Invalid("name.reserved", {"name": display_name}, field="display_name")
    # The history and the reports name people by this name: two alike could not be told apart
    # ("approved by Erin Walsh"), whoever did the second review. A name that is another
    # person's username reads as that person too, and so does a username another person is
    # called by.
    taken = {
        spelling.casefold(): {"name": spelling, "username": other}
        for other, name in db.execute("SELECT username, display_name FROM users")
        for spelling in (other, name)
    }
    for field, wanted in (("display_name", display_name), ("username", username)):
        if wanted.casefold() in taken:
            raise Invalid("name.taken", taken[wanted.casefold()], field=field)
    cursor = db.execute(
        "INSERT INTO users (username, display_name, role, password_hash, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [username, display_name, role, hash_password(password), utc_now()],
    )
    row = _row(db, username)
    user = _public(row)
    audit.record(
        db,
        actor,
        "user",
        inserted_id(cursor),
        "user.add",
        after={**user, "password_sha256": password_digest(row["password_hash"])},
        reason=audit.optional_why(why),
    )
    return user


@mutation
def set_disabled(
    db: Database, username: str, disabled: bool, *, actor: Actor, why: str | None = None
) -> dict:
    """Disable or enable a person; returns them as they now are, with `changed` False when they
    already were so (another admin got there first): nothing is written then, nor the reason."""
    _require_admin(actor)
    row = _row(db, username)
    if actor.id == row["id"] and disabled:
        raise Invalid("user.disable_self", {"username": username})
    if bool(row["disabled"]) == disabled:
        return _public(row) | {"changed": False}
    if disabled:
        _keep_an_admin(db, row, "disable")
    db.execute("UPDATE users SET disabled = ? WHERE id = ?", [int(disabled), row["id"]])
    after = _public(_row(db, username))
    action = "user.disable" if disabled else "user.enable"
    audit.record(
        db,
        actor,
        "user",
        row["id"],
        action,
        before=_public(row),
        after=after,
        reason=audit.optional_why(why),
    )
    if disabled:  # each end's own row after the change's
        end_user_sessions(db, row["id"], "disabled")
    return after | {"changed": True}


@mutation
def set_role(
    db: Database, username: str, role: str, *, actor: Actor, why: str | None = None
) -> dict:
    """Give a person another role; returns them as they now are, with `changed` False when they
    already had it: nothing is written then, nor the reason."""
    _require_admin(actor)
    _check_role(role)
    row = _row(db, username)
    if row["role"] == role:
        return _public(row) | {"changed": False}
    if actor.id == row["id"]:
        raise Invalid("user.role_self", {"username": username})
    _keep_an_admin(db, row, "role")
    db.execute("UPDATE users SET role = ? WHERE id = ?", [role, row["id"]])
    after = _public(_row(db, username))
    audit.record(
        db,
        actor,
        "user",
        row["id"],
        "user.role",
        before=_public(row),
        after=after,
        reason=audit.optional_why(why),
    )
    return after | {"changed": True}


@mutation
def change_password(
    db: Database,
    username: str,
    new_password: str,
    *,
    actor: Actor,
    current_password: str | None = None,
    why: str | None = None,
) -> None:
    """Set a new password and end the user's sessions. People changing their own password must
    give the current one; admins and the command line may reset anyone's."""
    row = _row(db, username)
    own = actor.id == row["id"]
    if own:
        if current_password is None or not verify_password(row["password_hash"], current_password):
            raise Invalid("password.wrong", field="current_password")
    else:
        _require_admin(actor)
    _check_password(new_password, row["username"], row["display_name"], field="new_password")
    # Only to its owner: told to someone resetting it, "unchanged" would confirm a guess at a
    # colleague's password. A reset to the same one is made, and signs them out as any does.
    if own and verify_password(row["password_hash"], new_password):
        raise Invalid("password.unchanged", field="new_password")
    new_hash = hash_password(new_password)
    db.execute("UPDATE users SET password_hash = ? WHERE id = ?", [new_hash, row["id"]])
    audit.record(
        db,
        actor,
        "user",
        row["id"],
        "user.password",
        before={"password_sha256": password_digest(row["password_hash"])},
        after={"password": "changed", "password_sha256": password_digest(new_hash)},
        reason=audit.optional_why(why),
    )
    end_user_sessions(db, row["id"], "password_changed")  # each end's own row after the change's


@query
def list_users(db: Database) -> list[dict]:
    return [_public(row) for row in db.query("SELECT * FROM users ORDER BY username")]


@query
def get_user(db: Database, username: str) -> dict:
    return _public(_row(db, username))


@query
def users_by_id(db: Database, ids: Iterable[int | None]) -> dict[int | None, dict]:
    """The people with these ids, by id (a None id, say an unassigned claim's, finds no one)."""
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    rows = db.query(f"SELECT * FROM users WHERE id IN ({placeholders(ids)})", ids)
    return {row["id"]: _public(row) for row in rows}


def _typed_username(db: Database, username: str) -> dict | None:
    """The user row for a name as someone typed it (case and surrounding space ignored)."""
    rows = list(db.query("SELECT * FROM users WHERE username = ?", [username.strip().lower()]))
    return rows[0] if rows else None


def _actor(row: dict) -> Actor:
    return Actor(row["id"], row["username"], row["role"], row["display_name"])


@query
def actor_for(db: Database, username: str) -> Actor:
    """The enabled user with this name, as an Actor; unknown or disabled users are refused."""
    row = _typed_username(db, username)
    if row is None:
        raise NotFound("user.not_found", {"username": username, "acting": True})
    if row["disabled"]:
        raise Forbidden("user.disabled", {"username": username})
    return _actor(row)


@query
def authenticate(db: Database, username: str, password: str) -> Actor | None:
    """The Actor for a right username and password of an enabled user, else None."""
    row = _typed_username(db, username)
    if row is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(row["password_hash"], password) or row["disabled"]:
        return None
    return _actor(row)


def _case_folded(text: str) -> str:
    """Text case-folded, with Turkish's dotless "ı" read as "i": casefold() makes "Işık" "işık",
    so "ış" typed on a Turkish keyboard would never find it."""
    return text.casefold().replace("ı", "i")


@query
def mention_candidates(db: Database, typed: str, limit: int = 8) -> list[dict]:
    """Active people whose username or display name (or a word of it) starts with `typed`, for
    @-completion. Compared case-folded in Python, as SQLite's lower() and LIKE fold ASCII letters
    only: "фат" finds Фатима Орлова. Typed without accents, names are compared without theirs
    too, after those that start as typed: "alv" finds José Álvarez, "djen" Djénéba Traoré;
    "álv" finds Álvarez only. A newsroom's people are few; all are read."""
    typed = _case_folded((typed or "").strip())
    if not typed:
        return []
    folded = unaccented(typed)
    plain = folded == one_d(typed)  # no accent typed ("dj" is read as "d" on both sides)
    rows = db.query("SELECT username, display_name FROM users WHERE disabled = 0 ORDER BY username")
    # An older account "kim." cannot be mentioned beside a "kim" (disabled or not): "@kim." is
    # read as kim, so picking it here would tell someone else. Offered: who "@username" reaches.
    everyone = {row[0] for row in db.execute("SELECT username FROM users")}
    as_typed, without_accents = [], []
    for row in rows:
        if mentioned(f"@{row['username']}", everyone) != [row["username"]]:
            continue
        name = _case_folded(row["display_name"] or "")
        starts = [_case_folded(row["username"]), name, *name.split(" ")[1:]]
        if any(start.startswith(typed) for start in starts):
            as_typed.append(row)
            if len(as_typed) == limit:
                break
        elif plain and any(unaccented(start).startswith(folded) for start in starts):
            without_accents.append(row)
    return (as_typed + without_accents)[:limit]
