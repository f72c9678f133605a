"""CLI command that serves the workbench."""

import click

from factcheck.cli.base import main, open_db


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@click.pass_context
def serve(ctx, host, port, threads):
    """Serve the workbench in the browser."""
    import waitress

    from factcheck.app import create_app

    path = ctx.find_root().obj["db_path"]
    open_db().close()
    app = create_app({"DATABASE": str(path)})
    click.echo(f"factcheck: serving {path} on http://{host}:{port}/ (Ctrl+C to stop)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="factcheck")
