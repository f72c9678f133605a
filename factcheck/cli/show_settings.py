"""CLI command that shows every setting's value in use and where it came from, or the README table."""

from dataclasses import replace

import click

from factcheck import settings
from factcheck.cli.base import UserError, emit_json, main


def _plain(value: object) -> object:
    """A setting's value as JSON can hold it (a host list becomes a list)."""
    return list(value) if isinstance(value, tuple) else value


def _with_db_option(
    ctx: click.Context, found: list[settings.Effective]
) -> list[settings.Effective]:
    """The database a `--db` option names wins over FACTCHECK_DB, so show that one."""
    root = ctx.find_root()
    if root.get_parameter_source("db_path") is not click.core.ParameterSource.COMMANDLINE:
        return found
    path = str(root.obj["db_path"])
    return [
        replace(item, value=path, source="--db option", problem=None)
        if item.setting.name == "DB"
        else item
        for item in found
    ]


@main.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@click.option(
    "--markdown", is_flag=True, help="Print the settings table the README holds, from the code."
)
@click.pass_context
def show_settings(ctx: click.Context, as_json: bool, markdown: bool) -> None:
    """Show every FACTCHECK_* setting: the value in use (secrets hidden) and whether it came from
    the environment or is the default. A value that cannot be used is an error."""
    if markdown and as_json:
        raise UserError(
            "give --json (every setting's value in use) or --markdown (the README's table),"
            " not both"
        )
    if markdown:
        click.echo(settings.markdown_table(), nl=False)
        return
    found = _with_db_option(ctx, settings.effective())
    unknown = settings.unknown()
    if as_json:
        emit_json(
            {
                "settings": [
                    {
                        "variable": item.setting.env,
                        "value": None if item.setting.secret else _plain(item.value),
                        "shown": item.shown(),
                        "source": item.source,
                        "secret": item.setting.secret,
                        "problem": item.problem,
                    }
                    for item in found
                ],
                "unknown": unknown,
            }
        )
    else:
        width = max(len(item.setting.env) for item in found)
        for item in found:
            click.echo(f"{item.setting.env:<{width}}  {item.source:<11}  {item.shown()}")
        for name in unknown:
            click.echo(f"{name:<{width}}  (unknown: factcheck does not read it; a typo?)")
    problems = [item.problem for item in found if item.problem] + _refused_at_start(ctx)
    if problems:
        raise UserError("; ".join(problems))


def _refused_at_start(ctx: click.Context) -> list[str]:
    """What `serve` and `worker` refuse beyond a value's form: a job queue address that is no
    Redis address, and a rating scale file that cannot be read or used."""
    from factcheck.job_storage import JOBS_URL, JobQueueError, storage_for
    from factcheck.scales import ScaleError, load_scale

    problems = []
    url = settings.value(JOBS_URL)
    if url:
        try:
            storage_for("", url)  # builds the client only: nothing is connected to
        except JobQueueError as error:
            problems.append(str(error))
    try:
        load_scale()
    except ScaleError as error:
        problems.append(str(error))
    key = _audit_key_problem(ctx)
    if key:
        problems.append(key)
    return problems


def _audit_key_problem(ctx: click.Context) -> str | None:
    """What `serve` would refuse of the audit trail's key and checkpoint (missing, another
    desk's, out of step), when the database is there."""
    from factcheck import db as database
    from factcheck.store import audit, audit_seal

    path = ctx.find_root().obj["db_path"]
    if not path.is_file() or database.file_kind(path) != database.OUR_DATABASE:
        return None
    db = database.connect(path)
    try:
        audit.check_anchors(db)
    except audit_seal.SealError as error:
        return str(error)
    finally:
        db.close()
    return None
