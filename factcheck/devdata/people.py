"""The generated newsroom: reviewers, editors and an admin, added through the store like anyone."""

from factcheck.db import Database
from factcheck.store import users
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid, NotFound

# For a database on your own machine only, like the demo accounts.
DEV_PASSWORD = "factcheck-dev"
ADMIN = ("ruth", "admin", "Ruth Abernethy")
STAFF = (
    ("nadia", "reviewer", "Nadia Mensah"),
    ("jonas", "reviewer", "Jonas Lindqvist"),
    ("priya", "reviewer", "Priya Kaur"),
    ("tomasz", "reviewer", "Tomasz Wojcik"),
    ("lena", "reviewer", "Lena Fontaine"),
    ("grace", "editor", "Grace Osei"),
    ("hugo", "editor", "Hugo Marchetti"),
    ("mei", "editor", "Mei Nakamura"),
)
REVIEWERS = tuple(username for username, role, _ in STAFF if role == "reviewer")
EDITORS = tuple(username for username, role, _ in STAFF if role == "editor")


def _existing(db: Database, username: str, role: str) -> bool:
    """Whether the user is there already, refusing one with another role or disabled."""
    try:
        user = users.get_user(db, username)
    except NotFound:
        return False
    if user["role"] != role or user["disabled"]:
        state = "disabled" if user["disabled"] else f"a {user['role']}"
        raise Invalid(
            f"the generator needs {username!r} as an active {role}, but the database has them"
            f" as {state}; generate into another --db"
        )
    return True


def ensure_people(db: Database, actor: Actor) -> tuple[dict[str, Actor], int]:
    """The generated people as Actors acting through `actor`'s channel, adding those missing (the
    admin by `actor`, the rest by the admin); returns them and how many were added."""
    added = 0
    for username, role, name in (ADMIN, *STAFF):
        if _existing(db, username, role):
            continue
        by = actor if username == ADMIN[0] else users.actor_for(db, ADMIN[0]).via(actor.channel)
        users.add_user(db, username, role=role, password=DEV_PASSWORD, display_name=name, actor=by)
        added += 1
    people = {
        username: users.actor_for(db, username).via(actor.channel)
        for username, _, _ in (ADMIN, *STAFF)
    }
    return people, added
