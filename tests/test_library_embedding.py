"""Embedding the library's missing vectors: one process at a time, a batch stored as it is made,
and a long embedding told as it goes. The model is a stand-in: what is tested is who embeds
what, not the vectors."""

import logging
import multiprocessing
import os
import threading
import time

import numpy as np
import pytest
from helpers import new_database
from test_library_search import add_item

from factcheck import db as database
from factcheck import library_embedding
from factcheck.matching import embedding
from factcheck.store import library_vectors

ITEMS = 6
BATCH = 2


def _library(path):
    db = new_database(path)
    for n in range(ITEMS):
        add_item(db, f"c-{n}", f"The bridge in town number {n} was rebuilt in {1900 + n}.")
    return db


def _stand_in_model(calls: list, seconds: float = 0.0, die_at_call: int | None = None):
    """An embedding model giving every text the same unit vector; it can be slow, or end its
    process (as a crash or `kill -9` would, no clean-up run) when called the nth time."""

    def embed(texts):
        calls.append(list(texts))
        if len(calls) == die_at_call:
            os._exit(1)
        time.sleep(seconds)
        vectors = np.zeros((len(texts), embedding.DIMENSIONS), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors

    return embed


def _embed_in_a_process(path, barrier, results, seconds=0.0, die_at_call=None):
    calls: list = []
    library_embedding.embed = _stand_in_model(calls, seconds, die_at_call)
    library_embedding.BATCH = BATCH
    lines: list[str] = []
    db = database.connect(path)
    if barrier is not None:
        barrier.wait()
    done = library_embedding.embed_missing(db, say=lines.append)
    results.put((os.getpid(), done, len(calls), lines))


@pytest.fixture
def stand_in(monkeypatch):
    calls: list = []
    monkeypatch.setattr(library_embedding, "embed", _stand_in_model(calls))
    monkeypatch.setattr(library_embedding, "BATCH", BATCH)
    monkeypatch.setattr(library_embedding, "TOLD_AFTER", BATCH)
    return calls


def test_a_waiter_that_finds_no_id_in_the_lock_yet_says_another_process(
    tmp_path, stand_in, monkeypatch
):
    """The holder writes its id just after taking the lock: one who comes between waits a
    moment for it, and says "another process" should it not come."""
    import fcntl

    monkeypatch.setattr(library_embedding, "HOLDER_READS", 2)
    path = tmp_path / "library.db"
    db = _library(path)
    lock = os.open(f"{path}{library_embedding.LOCK_SUFFIX}", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)  # taken, its id not written
    lines: list[str] = []

    def say(line):
        if not lines:
            os.close(lock)  # the holder ends
        lines.append(line)

    assert library_embedding.embed_missing(db, say=say) == ITEMS
    assert lines[0] == "waiting for another process, which is embedding earlier checks for matching"


def test_a_holder_that_is_stopped_is_told_and_the_waiter_embeds_without_it(
    tmp_path, stand_in, monkeypatch
):
    """A process stopped while it holds the lock (Ctrl+Z, kill -STOP) keeps it: the waiter says
    so, and what to do, and embeds the library itself instead of waiting for it."""
    import signal
    import subprocess
    import sys

    monkeypatch.setattr(library_embedding, "LOCK_WAIT_SECONDS", 0.01)
    path = tmp_path / "library.db"
    db = _library(path)
    holds_the_lock = (
        "import fcntl, os, sys, time\n"
        f"lock = os.open({str(path) + library_embedding.LOCK_SUFFIX!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(lock, fcntl.LOCK_EX)\n"
        "os.pwrite(lock, f'{os.getpid()}\\n'.encode(), 0)\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", holds_the_lock], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        holder.send_signal(signal.SIGSTOP)
        lines: list[str] = []
        assert library_embedding.embed_missing(db, say=lines.append) == ITEMS
    finally:
        holder.kill()
        holder.wait()
    assert lines[:2] == [
        f"waiting for process {holder.pid}, which is embedding earlier checks for matching",
        f"process {holder.pid}, which holds the lock on embedding earlier checks, is stopped:"
        f" this process embeds them itself; resume that one (kill -CONT {holder.pid}) or end it",
    ]
    assert library_vectors.count_missing(db) == 0


def test_a_long_wait_for_the_lock_is_told_again(tmp_path, stand_in, monkeypatch):
    import fcntl

    monkeypatch.setattr(library_embedding, "LOCK_WAIT_SECONDS", 0.01)
    monkeypatch.setattr(library_embedding, "PROGRESS_SECONDS", 0.05)
    path = tmp_path / "library.db"
    db = _library(path)
    lock = os.open(f"{path}{library_embedding.LOCK_SUFFIX}", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.pwrite(lock, b"1\n", 0)  # a process that is running (init), not stopped
    lines: list[str] = []

    def say(line):
        lines.append(line)
        if line.startswith("still waiting"):
            os.close(lock)  # the holder ends

    assert library_embedding.embed_missing(db, say=say) == ITEMS
    assert lines[:2] == [
        "waiting for process 1, which is embedding earlier checks for matching",
        "still waiting for process 1 (1 s)",
    ]


def test_two_processes_needing_the_vectors_at_once_embed_each_item_once(tmp_path):
    path = tmp_path / "library.db"
    _library(path).close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=_embed_in_a_process, args=(str(path), barrier, results, 0.05))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    first, second = sorted((results.get(timeout=5) for _ in processes), key=lambda r: -r[1])
    assert first[1] == ITEMS and first[2] == 2 * ITEMS // BATCH  # claims and titles, per batch
    # The other waited for it, saying for whom, and found nothing left to embed.
    assert second[1:3] == (0, 0)
    assert second[3] == [
        f"waiting for process {first[0]}, which is embedding earlier checks for matching"
    ]
    db = database.connect(path)
    assert library_vectors.count_missing(db) == 0


def test_a_process_that_died_embedding_leaves_its_batches_and_no_lock(tmp_path, stand_in):
    path = tmp_path / "library.db"
    db = _library(path)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    # Two batches stored, then gone while embedding the third, holding the lock.
    dying = context.Process(target=_embed_in_a_process, args=(str(path), None, results, 0.0, 5))
    dying.start()
    dying.join(timeout=60)
    assert dying.exitcode == 1
    assert library_vectors.count_missing(db) == ITEMS - 2 * BATCH
    finished: list[int] = []
    after = threading.Thread(target=lambda: finished.append(library_embedding.embed_missing(db)))
    after.start()
    after.join(timeout=30)
    assert finished == [ITEMS - 2 * BATCH]  # not held up, and only the rest embedded
    assert stand_in[0] == [
        "The bridge in town number 4 was rebuilt in 1904.",
        "The bridge in town number 5 was rebuilt in 1905.",
    ]
    assert library_vectors.count_missing(db) == 0


def test_a_long_embedding_is_told_at_its_start_as_it_goes_and_at_its_end(
    tmp_path, stand_in, monkeypatch, caplog
):
    db = _library(tmp_path / "library.db")
    monkeypatch.setattr(library_embedding, "PROGRESS_SECONDS", 0.0)
    with caplog.at_level(logging.WARNING, logger="factcheck"):
        assert library_embedding.embed_missing(db) == ITEMS
    lines = [record.getMessage() for record in caplog.records]
    assert lines[0] == "embedding 6 earlier checks for matching, once"
    assert lines[1].startswith("embedded 2 of 6 earlier checks for matching (")
    assert lines[2].startswith("embedded 4 of 6 earlier checks for matching (")
    assert lines[3].startswith("embedded 6 earlier checks for matching in ")
    assert len(lines) == 4
    assert {record.levelno for record in caplog.records} == {logging.WARNING}


def test_a_few_items_to_embed_are_embedded_without_a_word(tmp_path, stand_in):
    db = _library(tmp_path / "library.db")
    library_embedding.embed_missing(db)
    db["library_items"].update(1, {"claim": "The bridge was never rebuilt."})
    lines: list[str] = []
    assert library_embedding.embed_missing(db, say=lines.append) == 1
    assert lines == []
