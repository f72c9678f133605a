"""Which job consumers are alive, and which job each has in hand, kept in huey's key-value store
beside the queue. A worker starting beside others, and each consumer's sweep every half minute,
take back only the jobs of consumers that stopped (job_recovery.py); a page can tell that no
worker is taking jobs at all."""

import logging
import threading
import time
import uuid
from collections.abc import Callable

from huey import signals

from factcheck import job_storage
from factcheck.jobs import huey

log = logging.getLogger(__name__)

CONSUMER_PREFIX = "consumer:"
RUNNING_PREFIX = "running:"
#: How often a consumer says it is alive.
BEAT_SECONDS = 5.0
#: A consumer not heard from for this long has stopped (it crashed, was killed or switched off).
GONE_SECONDS = 30.0
#: How many beats apart a consumer sweeps up the jobs of consumers that stopped.
SWEEP_BEATS = 6

#: This process's consumer, named once: its beats and the jobs its threads take carry the name.
ME = uuid.uuid4().hex
_ENDS = (
    signals.SIGNAL_COMPLETE,
    signals.SIGNAL_ERROR,
    signals.SIGNAL_CANCELED,
    signals.SIGNAL_REVOKED,
    signals.SIGNAL_EXPIRED,
    signals.SIGNAL_LOCKED,
    signals.SIGNAL_INTERRUPTED,
    signals.SIGNAL_RATE_LIMITED,
    signals.SIGNAL_TIMEOUT,
    signals.SIGNAL_RETRYING,
)


#: The jobs this process's threads are running now: task id -> task name.
_in_hand: dict[str, str] = {}
#: What a worker stopping says it waits for, by task name.
_JOB_WORDS = {
    "import_url": "an import",
    "import_text": "an import",
    "import_files": "an import",
    "import_article": "an import",
    "archive_evidence": "a copy of a source",
    "read_copy": "the reading of an uploaded copy",
    "rematch_claims": "claims being checked against the library",
    "match_library_change": "claims being checked against the library",
    "check_links": "a link check",
    "link_watch_tick": "a link check",
    "check_trail": "a check of the audit trail",
}


@huey.signal(signals.SIGNAL_EXECUTING)
def _taken(signal, task, *args, **kwargs) -> None:
    _in_hand[task.id] = task.name
    huey.put(RUNNING_PREFIX + task.id, ME)


@huey.signal(*_ENDS)
def _done(signal, task, *args, **kwargs) -> None:
    _in_hand.pop(task.id, None)
    huey.delete(RUNNING_PREFIX + task.id)


def in_hand() -> list[str]:
    """The jobs this process is running now, in words ("an import", "a link check")."""
    return [_JOB_WORDS.get(name, "a job") for name in list(_in_hand.values())]


def alive(items: dict) -> set[str]:
    """The consumers heard from lately, from huey's stored items (its result_items())."""
    now = time.time()
    return {
        key.removeprefix(CONSUMER_PREFIX)
        for key, value in items.items()
        if key.startswith(CONSUMER_PREFIX)
        and now - huey.serializer.deserialize(value) < GONE_SECONDS
    }


def owners(items: dict) -> dict[str, str]:
    """Each running job's id, with the consumer that took it."""
    return {
        key.removeprefix(RUNNING_PREFIX): huey.serializer.deserialize(value)
        for key, value in items.items()
        if key.startswith(RUNNING_PREFIX)
    }


def forget_gone(items: dict, live: set[str]) -> None:
    """Drop what consumers that stopped left behind: their beats, and the marks of the jobs they
    had in hand (the caller has taken those jobs back)."""
    for key, value in items.items():
        if key.startswith(CONSUMER_PREFIX) and key.removeprefix(CONSUMER_PREFIX) not in live:
            huey.delete(key)
        elif key.startswith(RUNNING_PREFIX) and huey.serializer.deserialize(value) not in live:
            huey.delete(key)


#: (the queue's store, when it was asked, the answer): a page polling a job asks once a beat.
_asked: tuple[object, float, bool] = (None, 0.0, False)


def _forget_answer() -> None:
    global _asked
    _asked = (None, 0.0, False)


def any_alive() -> bool:
    """Whether any consumer is taking jobs from the queue now (asked of the queue at most once a
    beat in each process)."""
    global _asked
    store, when, answer = _asked
    now = time.monotonic()
    if store is not huey.storage or now - when > BEAT_SECONDS:
        answer = bool(alive(huey.storage.result_items()))
        _asked = (huey.storage, now, answer)
    return answer


class Beating:
    """This consumer saying it is alive, until stop()."""

    def __init__(self, sweep: Callable[[], object]) -> None:
        self._sweep = sweep
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="factcheck-job-presence", daemon=True
        )
        huey.put(CONSUMER_PREFIX + ME, time.time())  # alive from the start, not a beat later
        _forget_answer()
        self._thread.start()

    def _run(self) -> None:
        beats = 0
        while not self._stop.wait(BEAT_SECONDS):
            try:
                huey.put(CONSUMER_PREFIX + ME, time.time())
                job_storage.keep_claim(huey)
                beats += 1
                if beats % SWEEP_BEATS == 0:
                    self._sweep()
            except Exception:  # the queue's store is away for a while: beat again later
                log.warning("could not tell the job queue this worker is alive", exc_info=True)

    def stop(self) -> None:
        """Stop beating and say this consumer has stopped, before returning."""
        self._stop.set()
        self._thread.join()
        try:
            huey.delete(CONSUMER_PREFIX + ME)
        except Exception:
            log.warning("could not tell the job queue this worker stopped", exc_info=True)
        _forget_answer()
