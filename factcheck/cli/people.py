"""CLI commands for managing users."""

import click

from factcheck.cli.base import (
    UserError,
    acting_user,
    emit_json,
    main,
    open_db,
    read_password,
    system_actor,
    why_option,
)
from factcheck.db import Database
from factcheck.reveal import reveal
from factcheck.store import users as user_store

admin_option = click.option(
    "--as", "as_user", metavar="USERNAME", help="The admin making the change."
)


@main.group("user")
def user_group():
    """Add and list the people who use factcheck; change their role or password, disable or
    enable them."""


def _operator(db: Database, username: str | None):
    """The admin named by --as, or the system when an operator runs the command at the shell."""
    return acting_user(db, username) if username else system_actor()


@user_group.command("add")
@click.argument("username")
@click.option(
    "--role", type=click.Choice(user_store.ROLES), required=True, help="What the person may do."
)
@click.option("--name", "display_name", help="Display name (defaults to the username).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@admin_option
@why_option
@click.option("--json", "as_json", is_flag=True, help="Print the new user as JSON.")
def add_user(username, role, display_name, password_stdin, as_user, why, as_json):
    """Add a user; the password is asked for, or read with --password-stdin."""
    db = open_db()
    actor = _operator(db, as_user)
    password = read_password(password_stdin)
    user = user_store.add_user(
        db, username, role=role, password=password, display_name=display_name, actor=actor, why=why
    )
    if as_json:
        emit_json(user)
    else:
        click.echo(f"Added {user['username']} ({user['role']}).")


@user_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the users as JSON.")
def list_users(as_json):
    """List users with their roles."""
    users = user_store.list_users(open_db())
    if as_json:
        emit_json(users)
        return
    if not users:
        click.echo("No users yet: add one with `factcheck user add USERNAME --role admin`.")
        return
    click.echo(f"{'USERNAME':<20}  {'ROLE':<9}  {'STATE':<8}  NAME")
    for user in users:
        state = "disabled" if user["disabled"] else "active"
        click.echo(
            reveal(f"{user['username']:<20}  {user['role']:<9}  {state:<8}  {user['display_name']}")
        )


@user_group.command("disable")
@click.argument("username")
@admin_option
@why_option
@click.option("--json", "as_json", is_flag=True, help="Print the user as JSON.")
def disable_user(username, as_user, why, as_json):
    """Disable a user: they can no longer sign in and their sessions end."""
    db = open_db()
    user = user_store.set_disabled(db, username, True, actor=_operator(db, as_user), why=why)
    _say_done(user, as_json, f"Disabled {user['username']}.", why)


@user_group.command("enable")
@click.argument("username")
@admin_option
@why_option
@click.option("--json", "as_json", is_flag=True, help="Print the user as JSON.")
def enable_user(username, as_user, why, as_json):
    """Enable a disabled user again."""
    db = open_db()
    user = user_store.set_disabled(db, username, False, actor=_operator(db, as_user), why=why)
    _say_done(user, as_json, f"Enabled {user['username']}.", why)


@user_group.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(user_store.ROLES))
@admin_option
@why_option
@click.option("--json", "as_json", is_flag=True, help="Print the user as JSON.")
def set_role(username, role, as_user, why, as_json):
    """Change a user's role."""
    db = open_db()
    user = user_store.set_role(db, username, role, actor=_operator(db, as_user), why=why)
    _say_done(user, as_json, f"{user['username']} is now {user['role']}.", why)


def _say_done(user: dict, as_json: bool, done: str, why: str | None) -> None:
    """What a change to a user did, as the store says; one that changed nothing (and wrote
    nothing, the reason neither) says so."""
    changed = user.pop("changed")
    if as_json:
        emit_json(user)
    elif changed:
        click.echo(done)
    else:
        state = "disabled" if user["disabled"] else "enabled"
        lost = ", so your reason was not kept" if (why or "").strip() else ""
        click.echo(
            f"Nothing changed: {user['username']} is already {state}, with the role"
            f" {user['role']}{lost}."
        )


@user_group.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@admin_option
@why_option
def set_password(username, password_stdin, as_user, why):
    """Reset a user's password; their sessions end."""
    db = open_db()
    actor = _operator(db, as_user)
    if actor.username == username.strip().lower():
        # The store asks people for their current password; this command resets, it does not ask.
        raise UserError(
            "to set your own password here, leave out --as (the command line may reset anyone's),"
            " or change it on the Account page, which asks for the current one"
        )
    user_store.change_password(db, username, read_password(password_stdin), actor=actor, why=why)
    click.echo(f"Changed the password of {username}.")
