"""CLI command that serves the workbench: waitress with in-process job workers, or gunicorn."""

import errno
import signal
from pathlib import Path

import click

from factcheck import settings
from factcheck.cli.base import UserError, main, open_db, terminate_as_interrupt
from factcheck.scales import load_scale
from factcheck.shared_words import counted


def _busy(host: str, port: int, error: OSError) -> UserError:
    if error.errno == errno.EADDRNOTAVAIL:
        return UserError(
            f"cannot listen on {host}:{port} ({error.strerror}): {host} is not an address of this"
            " machine; give one of its addresses with --host, such as 127.0.0.1"
        )
    return UserError(
        f"cannot listen on {host}:{port} ({error.strerror}); stop the other server there or"
        " choose another --port"
    )


def check_host(host: str, port: int) -> None:
    """Refuse a --host that names no address before a server tries it."""
    from factcheck.production import unknown_host

    reason = unknown_host(host, port)
    if reason:
        raise UserError(
            f"cannot find the host {host!r} ({reason}); give an address of this machine with"
            " --host, such as 127.0.0.1"
        )


def _in_url(host: str) -> str:
    """The host as an address names it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def check_database() -> None:
    """Bring the database up to date and make sure changes can be signed: a signed audit trail
    whose key file is missing, or that no longer matches its checkpoint, would refuse every
    change, so say so before starting."""
    from factcheck.store import audit

    db = open_db()
    try:
        audit.check_anchors(db)
    finally:
        db.close()


def use_job_queue(path) -> str:
    """Point the job queue where FACTCHECK_JOBS_URL (or the database's folder) says, check that
    it answers, and say where it is."""
    from factcheck import db as database
    from factcheck import job_storage, jobs
    from factcheck.store.desk import desk_id

    queue = jobs.configure_for(path)
    job_storage.check_reachable(queue.storage)
    db = database.connect(path)
    try:
        job_storage.claim_for_desk(queue, desk_id(db), str(Path(path).resolve()))
    finally:
        db.close()
    return job_storage.describe(queue.storage)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="0: any free port.",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    help="Threads serving requests, per process with --production.  [default: 8, or 4 with"
    " --production]",
)
@click.option(
    "--production",
    is_flag=True,
    help="gunicorn with several worker processes; jobs run in `factcheck worker`.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Web processes with --production.  [default: 2 a core, between 2 and 8]",
)
@click.pass_context
def serve(ctx, host, port, threads, production, workers):
    """Serve the workbench in the browser. Plain `serve` runs URL imports and big pastes in
    background workers of its own; `--production` leaves them to `factcheck worker`."""
    if workers is not None and not production:
        raise UserError("--workers is for --production; plain serve is one process")
    path = ctx.find_root().obj["db_path"]
    # Refuse a bad setting here, in one line, rather than in every web process after the fork.
    settings.check()
    load_scale()
    check_host(host, port)
    check_database()
    if production:
        _serve_production(str(path), host, port, workers, threads)
    else:
        _serve_simple(path, host, port, threads or 8)


def _serve_simple(path, host: str, port: int, threads: int) -> None:
    """waitress and the job consumer in this one process: what `make demo` runs."""
    import waitress

    from factcheck import job_recovery
    from factcheck.app import create_app

    try:
        app = create_app({"DATABASE": str(path)})
    except ValueError as error:
        raise UserError(str(error)) from None
    try:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="factcheck"
        )
    except OSError as error:
        raise _busy(host, port, error) from None
    use_job_queue(path)
    # Jobs a crash or restart cut off are marked failed (with a retry) before workers start.
    consumer = job_recovery.start_workers()
    click.echo(
        f"factcheck: serving {path} on http://{_in_url(host)}:{server.effective_port}/ (Ctrl+C to stop)"
    )
    try:
        with terminate_as_interrupt():
            server.run()
    finally:
        # The jobs in hand finish before the process ends (a long matching job stores the claims
        # it has matched and queues the rest); a second TERM stops at once.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        consumer.stop(graceful=True)


def _serve_production(path: str, host: str, port: int, workers, threads) -> None:
    """gunicorn: HUP reloads the workers gracefully, TERM stops after the requests in flight."""
    from factcheck import jobs, production

    queue = use_job_queue(path)
    # Each web worker opens its own queue connection after the fork.
    jobs.huey.storage.close()
    try:
        listener = production.listen(host, port)
    except OSError as error:
        raise _busy(host, port, error) from None
    port = listener.getsockname()[1]
    workers = workers or production.default_workers()
    threads = threads or production.DEFAULT_THREADS
    server = production.ProductionServer(path, listener, workers, threads)
    click.echo(
        f"factcheck: serving {path} on http://{_in_url(host)}:{port}/ with {counted(workers, 'process', 'processes')}"
        f" of {counted(threads, 'thread')}; `factcheck worker` runs the jobs from {queue}"
        " (HUP reloads, TERM stops)"
    )
    server.run()
