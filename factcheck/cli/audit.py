"""CLI command that verifies the audit trail's hash chain."""

import click

from factcheck.cli.base import emit_json, main, open_db
from factcheck.store import audit as audit_store


@main.group("audit")
def audit_group():
    """Check the tamper-evident audit trail."""


@audit_group.command("verify")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify(as_json):
    """Walk the hash chain; exit 1 naming the first row that does not match."""
    report = audit_store.verify(open_db())
    if as_json:
        emit_json(report.__dict__)
    elif report.ok:
        click.echo(f"Audit trail intact: {report.rows} rows, head {report.head_hash}")
    else:
        click.echo(
            f"Audit trail broken at row {report.first_bad_id}: {report.problem}."
            f" The {report.rows - 1} rows before it verify (last good hash {report.head_hash}).",
            err=True,
        )
    if not report.ok:
        raise SystemExit(1)
