"""CLI command that verifies the audit trail: its chain, its checkpoint and the live tables."""

import sqlite3
from pathlib import Path

import click

from factcheck.cli.base import UserError, acting_user, emit_json, main, open_db
from factcheck.cli.ids import ID
from factcheck.store import audit as audit_store
from factcheck.store import audit_seal


@main.group("audit")
def audit_group():
    """Check the tamper-evident audit trail."""


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print the result, every problem, as JSON.")
@click.option(
    "--key-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The audit key to check with (default: beside the database, or FACTCHECK_AUDIT_KEY_FILE).",
)
@click.option(
    "--checkpoint-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The head checkpoint to compare with (default: beside the database, or"
    " FACTCHECK_AUDIT_CHECKPOINT_FILE).",
)
def verify(as_json, key_file, checkpoint_file):
    """Check every row's hash and link, the append-only triggers, the head against the checkpoint
    kept outside the database, and the live tables against the trail; exit 1 naming the first
    problem found."""
    try:
        db = open_db()
        audit_seal.use_files(db, key=key_file, checkpoint=checkpoint_file)
        missing = audit_store.missing_tables(db)
        if missing:
            # Dropped outside factcheck, which made them all: the check fails (exit 1), as for
            # any tampering found, rather than the command.
            problem = (
                f"tables are missing: {', '.join(missing)} (dropped outside factcheck, which made"
                " them all)"
            )
            if as_json:
                emit_json({"ok": False, "kind": "missing_tables", "problem": problem})
            else:
                click.echo(
                    f"Audit check failed, {problem}: restore the newest backup and verify it.",
                    err=True,
                )
            raise SystemExit(1)
        report = audit_store.verify(db)
    except sqlite3.DatabaseError as error:
        if not getattr(error, "sqlite_errorname", "").startswith("SQLITE_CORRUPT"):
            raise
        # A damaged file fails the check (exit 1, as any problem found), not the command.
        click.echo(
            f"Audit check failed, the database is damaged ({error}): restore the newest backup"
            " and verify it.",
            err=True,
        )
        raise SystemExit(1) from None
    if as_json:
        emit_json(report.as_dict())
    elif report.ok:
        click.echo(f"Audit trail intact: {report.rows} rows, head {report.head_hash}.")
        for words in report.unchecked:
            click.echo(f"Not fully checked: {words}.")
    else:
        where = f"row {report.first_bad_id}: " if report.kind == "chain" else ""
        more = len(report.problems) - 1
        also = f" ({more} more; --json lists them all)" if more else ""
        # A backup or a copy has no key beside it: say how to check it with the original's.
        fix = (
            "; give the trail's key with --key-file (backups do not copy it)"
            if report.kind == "key" and key_file is None
            else ""
        )
        click.echo(
            f"Audit check failed, {audit_store.PROBLEM_KINDS.get(report.kind or '', 'a problem')}:"
            f" {where}"
            f"{report.problem}{fix}.{also}",
            err=True,
        )
        if report.kind not in ("key", "checkpoint", "foreign_checkpoint"):
            click.echo(
                "Until the cause is known, treat the records named as unreliable and compare them"
                ' with the newest backup (docs/audit.md, "Backups and restores").',
                err=True,
            )
    if not report.ok:
        raise SystemExit(1)


@audit_group.command("reset-checkpoint")
@click.option(
    "--why",
    required=True,
    help="What was found and decided (say, which backup was restored): kept in the trail.",
)
@click.option(
    "--as", "as_user", metavar="USERNAME", required=True, help="The administrator deciding it."
)
def reset_checkpoint(why, as_user):
    """Anchor the checkpoint at the trail's head again once `audit verify` has shown why they
    differ (rows removed or rewritten, an older copy put back, a lost or another database's
    checkpoint). Until then every change is refused; the reset is itself an audit row, with the
    checkpoint it replaces and why."""
    if not why.strip():
        raise UserError('say what was found and decided with --why "..."')
    db = open_db()
    result = audit_store.reset_checkpoint(
        db, actor=acting_user(db, as_user), why=" ".join(why.split())
    )
    click.echo(
        f"Checkpoint reset to row {result['row']} (head {result['hash'][:12]}…); the one it"
        f" replaces said: {result['replaced']['words']}."
    )
    click.echo(
        "The reset is in the audit trail with the old checkpoint and the reason given; changes"
        " are written again."
    )


@audit_group.command("log")
@click.option("--by", "actor", metavar="USERNAME", help="Only the changes this person made.")
@click.option(
    "--kind",
    metavar="KIND",
    help="Only this kind of change: an action (user.role) or its first part (user, verdict).",
)
@click.option("--record", metavar="TYPE[:ID]", help="Only changes to this record: claim:16, user.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only changes made on or after this day (UTC).")
@click.option("--until", metavar="YYYY-MM-DD", help="Only changes made on or before this day.")
@click.option("--before", "before_row", type=ID, metavar="ROW", help="Only rows older than this.")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="The most rows."
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows, before and after, as JSON.")
def audit_log(actor, kind, record, since, until, before_row, limit, as_json):
    """Read the audit trail, newest first: who changed what, when and why, and each field before
    and after."""
    from factcheck.audit_changes import row_changes
    from factcheck.history_words import channel_words
    from factcheck.reveal import reveal
    from factcheck.store.audit_browse import not_in_trail, trail, typed_filter

    db = open_db()
    chosen = typed_filter(
        db,
        person=actor,
        kind=kind,
        record=record,
        since=since,
        until=until,
        before=str(before_row) if before_row else None,
    )
    rows, older = trail(db, chosen, limit=limit)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("No change in the trail matches these filters.")
        hints = not_in_trail(db, chosen)
        if hints["record_types"]:
            click.echo(
                f"The trail's records are of these types: {', '.join(hints['record_types'])}."
            )
        if hints["actions"]:
            family = (chosen.action or "").partition(".")[0]
            click.echo(f"The trail's changes of the kind {family}: {', '.join(hints['actions'])}.")
        return
    for row in rows:
        where = f" {row['record_type']} {row['record_id']}" if row["record_id"] else ""
        via = channel_words(row.get("channel"))
        actor = f"{row['actor']} {via}" if via else row["actor"]
        click.echo(reveal(f"row {row['id']}  {row['at']}  {actor}  {row['action']}{where}"))
        if row["reason"]:
            click.echo(reveal(f"    why: {row['reason']}"))
        for field, before, after in row_changes(row):
            click.echo(reveal(f"    {field}: {before} -> {after}"))
    if older is not None:
        click.echo(f"Older rows match too: add --before {older} to read on.")
