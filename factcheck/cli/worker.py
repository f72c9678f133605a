"""CLI command that runs the background jobs in a process of their own."""

import signal
import threading

import click

from factcheck import settings
from factcheck.cli.base import main
from factcheck.cli.serve import check_database, use_job_queue
from factcheck.scales import load_scale
from factcheck.shared_words import counted

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
#: The exit status of a worker stopped at once by a second Ctrl+C, leaving jobs in hand.
INTERRUPTED = 130


@main.command()
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Jobs run at once."
)
@click.pass_context
def worker(ctx, workers):
    """Run queued jobs (URL imports, big pastes, evidence archiving, link checks) until TERM or
    Ctrl+C; the jobs in hand finish first. The queue is FACTCHECK_JOBS_URL's Redis, else the jobs
    file beside --db."""
    from factcheck import job_presence, job_recovery

    settings.check()
    load_scale()
    check_database()
    queue = use_job_queue(ctx.find_root().obj["db_path"])
    stop, at_once = threading.Event(), threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    consumer = job_recovery.start_workers(workers)
    click.echo(f"factcheck worker: running jobs from {queue} with {counted(workers, 'worker')}")
    try:
        while not stop.wait(1.0):
            pass
        # A second Ctrl+C or TERM stops at once, abandoning the jobs in hand.
        signal.signal(signal.SIGINT, _stop_at_once(at_once))
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        click.echo(_stopping_words(job_presence.in_hand()))
    finally:
        consumer.stop(graceful=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    left = job_presence.in_hand() if at_once.is_set() else []
    if left:
        # A supervisor or script tells this from a clean stop by its status, as for `import`.
        click.echo(
            f"factcheck worker: stopped at once, leaving the jobs in hand"
            f" ({', '.join(sorted(left))}); the next worker takes them back",
            err=True,
        )
        raise click.exceptions.Exit(INTERRUPTED)
    click.echo("factcheck worker: stopped")


def _stop_at_once(at_once: threading.Event):
    """The handler of a second Ctrl+C: noted, then the interrupt that stops the wait for the jobs
    in hand."""

    def interrupt(signum, frame):
        at_once.set()
        raise KeyboardInterrupt

    return interrupt


def _stopping_words(jobs: list[str]) -> str:
    """What a stopping worker waits for: the jobs in hand, named (a second signal stops at once)."""
    if not jobs:
        return "factcheck worker: stopping"
    listed = ", ".join(sorted(jobs))
    return (
        f"factcheck worker: stopping once the jobs in hand finish ({listed}); Ctrl+C or TERM again"
        " stops at once, and the next worker takes them back"
    )
