"""One link check at a time, in the command line or any worker: a second run is refused while one
runs, and the lock goes with its holder however that ends (Ctrl+C, TERM, KILL), in processes of
their own, as `timeout`, systemd and the OOM killer stop them."""

import os
import signal

import pytest
from processes import Running, run_factcheck

from factcheck import job_storage, jobs, link_jobs

# `factcheck ARGS` whose link watch, once started, says so and waits to be stopped: while it
# waits, it holds the lock as a run fetching a slow page would.
STUCK = """
import threading

from factcheck import link_watch


def stuck(db, **options):
    print("checking links", flush=True)
    threading.Event().wait()


link_watch.check_links = stuck
from factcheck.cli import main

main(prog_name="factcheck")
"""
NOTHING_DUE = {"unchanged": 0, "changed": 0, "moved": 0, "failed": 0}


@pytest.fixture
def queue(db_path, monkeypatch, immediate_jobs):
    """The jobs file beside the database, as `factcheck worker` and the command line use it."""
    monkeypatch.delenv(job_storage.JOBS_URL, raising=False)
    jobs.configure_for(db_path)
    return db_path


def _running_check(folder, db_path) -> Running:
    running = Running(folder, "--db", str(db_path), "links", "check", program=("-c", STUCK))
    running.wait_for_output("checking links")
    return running


def test_a_second_link_check_is_refused_in_words_while_one_runs(queue, tmp_path):
    holder = _running_check(tmp_path, queue)
    try:
        second = run_factcheck(tmp_path, "--db", str(queue), "links", "check")
        assert (second.returncode, second.stdout) == (2, "")
        assert second.stderr == (
            f"Error: another link check is running (process {holder.pid}); try again when it"
            " has finished\n"
        )
        # A queued or periodic run in a worker is skipped, its result saying so.
        assert link_jobs.check_links.call_local(str(queue), 0, 10) == {
            "skipped": "another link check was running"
        }
    finally:
        holder.close()


def test_a_link_check_stopped_with_term_says_so_and_lets_go_of_the_lock(queue, tmp_path):
    """`timeout`, systemd and cron stop a run with TERM: as Ctrl+C, not a kill that said nothing
    and kept the link watch off until a restart."""
    holder = _running_check(tmp_path, queue)
    try:
        assert holder.stop(signal.SIGTERM) == 130
    finally:
        holder.close()
    assert holder.errors() == "Stopped before any page was checked\n"
    after = run_factcheck(tmp_path, "--db", str(queue), "links", "check")
    assert after.returncode == 0, after.stderr
    assert link_jobs.check_links.call_local(str(queue), 0, 10) == NOTHING_DUE


@pytest.mark.parametrize("where", ["command line", "worker"])
def test_a_link_check_killed_lets_go_of_the_lock(queue, tmp_path, where):
    """Killed (the OOM killer, `systemctl kill`) and its worker restarted at once, while the
    killed one still counts as alive: the lock is free all the same."""
    if where == "worker":
        link_jobs.check_links(str(queue), 0, 10)  # queued for the worker
        holder = Running(tmp_path, "--db", str(queue), "worker", program=("-c", STUCK))
        holder.wait_for_output("checking links")
    else:
        holder = _running_check(tmp_path, queue)
    try:
        assert holder.stop(signal.SIGKILL) == -signal.SIGKILL
    finally:
        holder.close()
    after = run_factcheck(tmp_path, "--db", str(queue), "links", "check")
    assert after.returncode == 0, after.stderr
    assert link_jobs.check_links.call_local(str(queue), 0, 10) == NOTHING_DUE


def test_a_link_check_stopped_midway_says_how_many_pages_it_checked(queue, monkeypatch):
    from click.testing import CliRunner

    from factcheck import db as database
    from factcheck import link_watch
    from factcheck.cli import main

    def one_then_ctrl_c(db, progress, **options):
        progress(
            {"url": "https://news.example/a", "outcome": "failed", "error": "it took too long",
             "final_url": None, "text_change": None, "snapshot_id": None, "quotes": {}}
        )  # fmt: skip
        raise KeyboardInterrupt

    monkeypatch.setattr(link_watch, "check_links", one_then_ctrl_c)
    result = CliRunner().invoke(main, ["--db", str(queue), "links", "check"])
    assert result.exit_code == 130
    assert result.output == (
        "FAILING   https://news.example/a (it took too long)\n"
        "Stopped after checking 1 page, whose checks are kept; run it again for the rest\n"
    )
    db = database.connect(queue)
    try:
        with link_watch.one_run_at_a_time(db):
            pass  # free again
    finally:
        db.close()


def test_a_lock_file_left_by_another_account_is_used_or_refused_in_words(queue, monkeypatch):
    """A lock file one `sudo factcheck links check` left behind: locked read-only where this
    account may read it, else refused in one line (the command) or a result saying why (a job),
    never a traceback that turns the link watch off."""
    from click.testing import CliRunner

    from factcheck import db as database
    from factcheck import link_watch
    from factcheck.cli import main

    opened = os.open
    lock = f"{queue}{link_watch.LOCK_SUFFIX}"
    readable = {"yes": True}

    def as_another_account(path, flags, *args):
        if str(path) == lock and (flags & os.O_RDWR or not readable["yes"]):
            raise PermissionError(13, "Permission denied")
        return opened(path, flags, *args)

    left = opened(lock, os.O_RDWR | os.O_CREAT, 0o644)
    os.write(left, b"4242\n")  # the process id a killed run under sudo left
    os.close(left)
    monkeypatch.setattr(link_watch.os, "open", as_another_account)
    assert link_jobs.check_links.call_local(str(queue), 0, 10) == NOTHING_DUE
    db = database.connect(queue)
    try:
        with link_watch.one_run_at_a_time(db), pytest.raises(link_watch.AnotherRun) as refused:
            with link_watch.one_run_at_a_time(db):
                pass
    finally:
        db.close()
    assert refused.value.holder is None, "4242 is not the holder: it was left in a file not ours"

    readable["yes"] = False
    words = (
        f"cannot open the link check's lock file {lock} (Permission denied); give the account"
        " that runs factcheck access to it, or remove it while no link check runs"
    )
    assert link_jobs.check_links.call_local(str(queue), 0, 10) == {"skipped": words}
    result = CliRunner().invoke(main, ["--db", str(queue), "links", "check"])
    assert (result.exit_code, result.output) == (2, f"Error: {words}\n")
