"""CLI command that serves the workbench, with the background job workers alongside it."""

import click

from factcheck.cli.base import UserError, main, open_db


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.pass_context
def serve(ctx, host, port, threads):
    """Serve the workbench in the browser; URL imports and big pastes run in background workers."""
    import waitress

    from factcheck import job_recovery, jobs
    from factcheck.app import create_app

    path = ctx.find_root().obj["db_path"]
    open_db().close()
    try:
        app = create_app({"DATABASE": str(path)})
    except ValueError as error:
        raise UserError(str(error)) from None
    try:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="factcheck"
        )
    except OSError as error:
        raise UserError(
            f"cannot listen on {host}:{port} ({error.strerror}); stop the other server there or"
            " choose another --port"
        ) from None
    # Jobs a crash or restart cut off are marked failed (with a retry) before workers start.
    consumer = job_recovery.start_workers(jobs.jobs_path_for(path))
    click.echo(f"factcheck: serving {path} on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.run()
    finally:
        # Let a job that is writing an article finish its transaction before the process ends.
        consumer.stop(graceful=True)
