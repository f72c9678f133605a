"""CLI command that backs the database up while the workbench keeps running."""

import os
from pathlib import Path

import click

from factcheck.cli.base import UserError, emit_json, main, open_db


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def backup_command(target, as_json):
    """Copy the database to TARGET while it is in use, then check the copy (integrity and audit
    trail); exit 1 if the copy does not check out."""
    from factcheck.backup import BackupRefused, backup

    if target.endswith(("/", os.sep)):
        # A folder, which Path would take for a file of that name.
        raise UserError(
            f"{target} names a folder; give the backup a file name in it, such as"
            f" {target.rstrip('/' + os.sep)}/factcheck-monday.db"
        )
    try:
        report = backup(open_db(), Path(target))
    except BackupRefused as error:
        raise UserError(str(error)) from None
    if as_json:
        emit_json(
            {
                "ok": report.ok,
                "path": str(report.path),
                "checkpoint": str(report.checkpoint),
                "counts": report.counts,
                "audit_rows": report.audit_rows,
                "audit_head": report.audit_head,
                "integrity": report.integrity,
                "problems": report.problems,
            }
        )
    elif report.ok:
        counts = ", ".join(f"{count} {table}" for table, count in report.counts.items())
        click.echo(
            f"Backed up to {report.path} ({counts}); integrity ok; audit trail verified up to"
            f" row {report.audit_rows}. Its checkpoint is {report.checkpoint}."
        )
    else:
        click.echo(f"Backup written to {report.path} but it does not check out: "
                   + "; ".join(report.problems), err=True)  # fmt: skip
    if not report.ok:
        raise SystemExit(1)
