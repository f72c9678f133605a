"""CLI commands that export claims and verdicts, and check an export bundle."""

import os
import sys
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from factcheck import db as database
from factcheck import settings
from factcheck.cli.base import (
    UserError,
    acting_user,
    emit_json,
    main,
    open_db,
    refuse_unless_factcheck,
    system_actor,
)
from factcheck.cli.ids import ID
from factcheck.db import Database
from factcheck.export_names import FORMAT_NAMES, ORG_NAME_ENV, ORG_URL_ENV, PUBLIC_URL_ENV
from factcheck.lifecycle import STATUSES
from factcheck.store import audit, audit_seal

EXPORT_HELP = f"""Export claims with their verdicts, evidence and history.

\b
Formats:
  csv          one row per claim (UTF-8 with a byte-order mark, RFC 4180;
               formula-like cells neutralised)
  json         one document: the export's details, articles, and each claim's
               full record (verdicts, evidence, comments, audit history)
  jsonl        the same as lines, streamed: the export's details, then one
               line per article, then one line per claim
  claimreview  schema.org ClaimReview JSON-LD for each published verdict
  markdown     a report: the article with claims marked, each verdict, a chart
  html         the same report as one printable, self-contained HTML file
  bundle       a zip of json, csv, claimreview and html with a manifest of
               sha256 hashes; check one with `factcheck export verify BUNDLE`

\b
ClaimReview and bundles name the publishing organisation and link each review
to PUBLIC_URL/claims/CLAIM_ID. Set them in the environment or with options:
  {ORG_NAME_ENV}    the organisation's name (--org-name)
  {ORG_URL_ENV}     the organisation's home page (--org-url; default: the public URL)
  {PUBLIC_URL_ENV}  where fact-checks are published (--public-url)

--since DATE keeps claims whose last change (a verdict, review, assignment or
classification step; never earlier than publication) or, for claims nobody has
touched, whose import falls on or after DATE (UTC).

Every export records in the audit trail who made it, when, with which filters,
the audit chain head it was taken at (the head before that export row) and the
sha256 of the file written. JSON, JSON Lines, the reports and bundles also say
so inside the file; CSV and ClaimReview have no place for it."""


def _evidence_filter(changed: bool, not_archived: bool) -> str | None:
    if changed and not_archived:
        raise UserError(
            "give --evidence-changed or --evidence-not-archived, not both: a claim's evidence is"
            " filtered one way at a time, as in the queue"
        )
    return "changed" if changed else "not_archived" if not_archived else None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _refuse_database_files(db: Database, path: Path) -> None:
    """Refuse to write over the database, or a file SQLite or the audit trail keeps beside it:
    the export would take its place and destroy it."""
    database = audit_seal.database_file(db)
    if database is None:
        return
    seal = audit_seal.files_for(db)
    kept = {
        database: "the database itself",
        database.with_name(database.name + "-wal"): "the database's write-ahead log",
        database.with_name(database.name + "-shm"): "the database's shared-memory file",
        database.with_name(database.name + "-journal"): "the database's journal",
        seal.key: "the audit key",
        seal.checkpoint: "the audit checkpoint",
    }
    for kept_path, what in kept.items():
        if kept_path is not None and _same_file(path, kept_path):
            raise UserError(
                f"{path} is {what}; writing the export there would destroy it; choose another"
                " -o path"
            )


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them does not exist (yet)
        return path.resolve() == other.resolve()


def _write_to_file(db: Database, path: Path, fmt: str, **kwargs):
    """Write next to the target and rename into place, so a failed export leaves no half file;
    a device or pipe is written into as it is."""
    from factcheck.exports import write_export

    _refuse_database_files(db, path)
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, a named pipe, /dev/stdout) is written into: a file
        # renamed over it would take its place, and for root that includes /dev/null.
        try:
            device = path.open("wb")
        except OSError as error:
            raise UserError(
                f"cannot write to {path} ({error.strerror or error}); choose another -o path"
            ) from None
        with device as out:
            return write_export(db, fmt, out, **kwargs)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise UserError(f"the folder {folder} does not exist; create it or choose another -o path")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise UserError(
            f"cannot write in {folder} ({error.strerror or error}); choose another -o path"
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            result = write_export(db, fmt, out, **kwargs)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


def _standard_output():
    """Standard output for bytes; refused when the command was started with it closed (`>&-`),
    which leaves Python no stream for it at all."""
    if sys.stdout is None:
        raise UserError("standard output is closed; give -o FILE to write the export to a file")
    return sys.stdout.buffer


@main.group("export", invoke_without_command=True, help=EXPORT_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), help="What to write.")
@click.option("--article", "article_id", type=ID, help="Only this article's claims.")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only claims changed on or after this date.")
@click.option("--verdict", metavar="KEY", help="Only claims with this published rating key.")
@click.option(
    "--assignee", metavar="USERNAME", help="Only claims assigned to them ('none': nobody)."
)
@click.option(
    "--section", type=click.Choice(["headline", "standfirst", "body"]), help="Only this section."
)
@click.option("--search", metavar="WORDS", help="Only claims containing these words.")
@click.option(
    "--previous-check",
    is_flag=True,
    help="Only claims with a previous check: a known fact-check in the library matches them"
    " (the queue's Previous check: Has one).",
)
@click.option(
    "--evidence-changed",
    is_flag=True,
    help="Only claims with evidence whose page the link watch found broken, moved or changed,"
    " not yet acknowledged (the queue's Evidence broken or changed).",
)
@click.option(
    "--evidence-not-archived",
    is_flag=True,
    help="Only claims citing a page no copy of was kept: its archive failed or has not run"
    " (the queue's Evidence not archived).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default, or '-': standard output).",
)
@click.option("--as", "as_user", metavar="USERNAME", help="Who is exporting (default: system).")
@click.option("--org-name", help=f"Publishing organisation (default: ${ORG_NAME_ENV}).")
@click.option("--org-url", help=f"The organisation's home page (default: ${ORG_URL_ENV}).")
@click.option("--public-url", help=f"Where fact-checks are published (default: ${PUBLIC_URL_ENV}).")
@click.pass_context
def export(
    ctx,
    fmt,
    article_id,
    status,
    since,
    verdict,
    assignee,
    section,
    search,
    previous_check,
    evidence_changed,
    evidence_not_archived,
    output,
    as_user,
    org_name,
    org_url,
    public_url,
):
    if ctx.invoked_subcommand is not None:
        return
    from factcheck.exports import ExportConfig, ExportFilters, write_export  # loads every exporter

    if fmt is None:
        raise UserError(f"say what to write with --format ({'|'.join(FORMAT_NAMES)})")
    filters = ExportFilters.parse(
        article=article_id,
        status=status,
        since=since,
        verdict=verdict,
        assignee=assignee,
        section=section,
        search=search,
        previous="yes" if previous_check else None,
        evidence=_evidence_filter(evidence_changed, evidence_not_archived),
    )
    config = ExportConfig.from_env(org_name=org_name, org_url=org_url, public_url=public_url)
    db = open_db()
    actor = acting_user(db, as_user) if as_user else system_actor()
    # Refused before a byte is written: the export's audit row, written last, could not be,
    # and standard output (or a device) would have handed out a whole export nobody recorded.
    audit.check_anchors(db)
    arguments = {"filters": filters, "actor": actor, "config": config}
    if output is None or str(output) == "-":
        stdout = _standard_output()
        if fmt == "bundle" and stdout.isatty():
            raise UserError("a bundle is a zip file: write it to a file with -o FILE.zip")
        result = write_export(db, fmt, stdout, **arguments)
        stdout.flush()
        where = "standard output"
    else:
        result = _write_to_file(db, output, fmt, **arguments)
        where = str(output)
    click.echo(
        f"Exported {result.claims} {'claim' if result.claims == 1 else 'claims'} as {fmt} to"
        f" {where} (sha256 {result.sha256}; audit row {result.audit_row}).",
        err=True,
    )


def _database_for_verify(ctx: click.Context):
    """The database named with --db or FACTCHECK_DB, or None when neither was given."""
    root = ctx.find_root()
    named = root.get_parameter_source("db_path") not in (None, ParameterSource.DEFAULT)
    # --db's default reads FACTCHECK_DB, so click calls a database from there a default too.
    if not named and not settings.is_set("DB"):
        return None
    path = root.obj["db_path"]
    if not path.is_file():
        raise UserError(f"there is no database at {path}; check --db")
    refuse_unless_factcheck(path)
    return database.connect(path)


@export.command("verify")
@click.argument("bundle_path", metavar="BUNDLE", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def verify(ctx, bundle_path, as_json):
    """Check a bundle against its manifest, and against the audit trail with --db.

    Every file's sha256 must match the manifest. When --db (or FACTCHECK_DB) names the database,
    the audit head the bundle was taken at must still be in an intact chain, and an export
    recorded there must have written this manifest. Exit 0 when it all matches, 1 naming what
    changed, 2 when the file is not a bundle."""
    from factcheck.exports.bundle import NotABundle, verify_bundle

    try:
        check = verify_bundle(bundle_path, db=_database_for_verify(ctx))
    except NotABundle as error:
        raise UserError(f"{bundle_path}: {error}") from None
    head = check.manifest["audit_head"]
    if as_json:
        emit_json(
            {
                "ok": check.ok,
                "problems": check.problems,
                "files": check.files,
                "audit_head": head,
                "manifest_sha256": check.manifest_sha256,
                "database_checked": check.database_checked,
                "export_rows": check.export_rows,
                "folder": check.folder or None,
            }
        )
    elif check.ok:
        inside = f" (inside the folder {check.folder})" if check.folder else ""
        summary = (
            f"Bundle intact{inside}: {len(check.files)} files match the manifest; exported"
            f" {check.manifest.get('created_at')} by {check.manifest.get('exported_by')} at audit"
            f" row {head.get('row')}."
        )
        if check.database_checked:
            rows = ", ".join(map(str, check.export_rows))
            summary += (
                f" The audit trail still holds that head and records the export (row {rows})."
            )
        else:
            summary += (
                " This shows the files agree with the manifest, not that the manifest is the one"
                " exported: check that against the audit trail of the database it came from with"
                f" `factcheck --db DATABASE export verify {bundle_path}`."
            )
        click.echo(summary)
    else:
        for problem in check.problems:
            click.echo(f"{bundle_path}: {problem}", err=True)
    if not check.ok:
        sys.exit(1)
