"""Embedding the library: vectors for every item that lacks them, a batch to a transaction, by
one process at a time."""

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from factcheck.db import Database
from factcheck.matching.embedding import embed, title_to_embed
from factcheck.store import library_vectors
from factcheck.store.audit_seal import database_file

#: Items embedded and written together: about 1 s of the model's time on this machine.
BATCH = 128
#: Past this many items to embed (a library imported by an older version, or after an upgrade
#: of the model: minutes of work), the work is told at its start, every PROGRESS_SECONDS and
#: at its end.
TOLD_AFTER = BATCH
PROGRESS_SECONDS = 30.0
#: Beside the database: whoever holds a lock on it is embedding that database's library.
LOCK_SUFFIX = ".embedding_lock"
HOLDER_READS = 50
HOLDER_WAIT_SECONDS = 0.02
LOCK_WAIT_SECONDS = 0.2

log = logging.getLogger(__name__)


def embed_missing(db: Database, say: Callable[[str], None] | None = None) -> int:
    """Write the vectors of every library item without them (new, changed, or embedded by
    another model), the model run outside the write transaction. One process embeds a library
    at a time: another that needs its vectors meanwhile waits, then embeds only what is still
    missing. A long embedding is told to `say` (by default a warning in the log, which `serve`
    and `worker` show). Returns how many were embedded."""
    say = say or log.warning
    if not library_vectors.count_missing(db):
        return 0
    with _embedding_lock(db, say):
        # Stored by the process this one waited for, or before a stop: not embedded again.
        to_embed = library_vectors.count_missing(db)
        if to_embed <= 0:
            return 0
        told = to_embed > TOLD_AFTER
        if told:
            say(f"embedding {to_embed:,} earlier checks for matching, once")
        started = last_told = time.monotonic()
        done = after = 0
        # Each batch is committed as it is made, so a stopped embedding leaves the work done.
        # An item changed while it was embedded is not written (see library_vectors.store): it
        # is left for the next call, which every match makes first.
        while items := library_vectors.missing(db, BATCH, after):
            claims = embed([item["claim"] for item in items])
            titles = embed([title_to_embed(item) for item in items])
            done += library_vectors.store(db, items, claims, titles)
            after = items[-1]["id"]
            now = time.monotonic()
            if told and now - last_told >= PROGRESS_SECONDS and done < to_embed:
                left = (now - started) / done * (to_embed - done) if done else 0.0
                say(
                    f"embedded {done:,} of {to_embed:,} earlier checks for matching"
                    f" ({_duration(left)} left)"
                )
                last_told = now
        if told:
            took = _duration(time.monotonic() - started)
            say(f"embedded {done:,} earlier checks for matching in {took}")
        return done


@contextmanager
def _embedding_lock(db: Database, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock on embedding this database's library, waiting for the process that holds
    it (told to `say`, with its process id). The system lets go of a lock when its process ends,
    however it ends; a holder that is stopped (suspended, not ended) keeps it, so a waiter then
    embeds without it rather than wait for as long as that process is stopped. A database in
    memory has one connection, and no lock."""
    path = database_file(db)
    if path is None:
        yield
        return
    descriptor = os.open(path.with_name(path.name + LOCK_SUFFIX), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not _wait_for_lock(descriptor, say):
                yield
                return
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # lets go of the lock


def _wait_for_lock(descriptor: int, say: Callable[[str], None]) -> bool:
    """Wait for the lock, saying for whom, and again every PROGRESS_SECONDS; True once it is
    held, False when its holder is found stopped (said, with what to do about it)."""
    holder = _holder(descriptor)
    who = f"process {holder}" if holder else "another process"
    say(f"waiting for {who}, which is embedding earlier checks for matching")
    started = last_told = time.monotonic()
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        if holder and _is_stopped(holder):
            say(
                f"process {holder}, which holds the lock on embedding earlier checks, is stopped:"
                f" this process embeds them itself; resume that one (kill -CONT {holder}) or end it"
            )
            return False
        now = time.monotonic()
        if now - last_told >= PROGRESS_SECONDS:
            say(f"still waiting for {who} ({_duration(now - started)})")
            last_told = now
        time.sleep(LOCK_WAIT_SECONDS)


def _holder(descriptor: int) -> str | None:
    """The id of the process that holds the lock, as it writes it just after taking it: the id
    may not be there yet, for a moment; None should it not come."""
    for _ in range(HOLDER_READS):
        holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
        if holder:
            return holder
        time.sleep(HOLDER_WAIT_SECONDS)
    return None


def _is_stopped(process_id: str) -> bool:
    """Whether that process is stopped (by SIGSTOP, Ctrl+Z or a debugger), as Linux's /proc
    shows it; False where it cannot be read."""
    try:
        with open(f"/proc/{int(process_id)}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[0]
    except (OSError, ValueError, IndexError):
        return False
    return state in (b"T", b"t")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{round(seconds / 60)} min"
