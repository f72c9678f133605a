"""While the job queue's Redis is down, the workers say so once a minute in one line, not with a
traceback on every poll of the queue."""

import logging
import sys

from redis.exceptions import ConnectionError as RedisDown

from factcheck.queue_outage_log import EVERY_SECONDS, READ_FAILED, QueueOutageNotes


def _failed_read(error: Exception) -> logging.LogRecord:
    try:
        raise error
    except Exception:
        exc_info = sys.exc_info()
    return logging.LogRecord("huey.consumer", logging.ERROR, __file__, 1, READ_FAILED, (), exc_info)


def test_an_outage_is_said_in_one_line_then_once_a_minute_with_the_reads_between():
    now = [100.0]
    notes = QueueOutageNotes(clock=lambda: now[0])
    first = _failed_read(RedisDown("Error 111 connecting to 127.0.0.1:6379.\nConnection refused."))
    assert notes.filter(first)
    assert first.exc_info is None
    assert first.getMessage() == (
        "the job queue cannot be reached (ConnectionError: Error 111 connecting to"
        " 127.0.0.1:6379. Connection refused.); its workers keep trying"
    )
    for _ in range(40):
        now[0] += 1
        assert not notes.filter(_failed_read(RedisDown("refused")))
    now[0] = 100.0 + EVERY_SECONDS
    again = _failed_read(RedisDown("refused"))
    assert notes.filter(again)
    assert again.getMessage().endswith("; 40 more failed reads since it was last said")


def test_other_records_pass_as_they_are():
    notes = QueueOutageNotes()
    other = _failed_read(ValueError("a bug"))  # not the queue's store: its traceback matters
    assert notes.filter(other) and other.exc_info is not None
    record = logging.LogRecord("huey.consumer", logging.ERROR, __file__, 1, "Unhandled", (), None)
    assert notes.filter(record) and record.getMessage() == "Unhandled"


def test_a_workers_failed_reads_reach_the_log_as_one_line(monkeypatch):
    """Through the handler serve and worker log with: huey's workers log under loggers of their
    own, whose records a filter on "huey.consumer" would never see."""
    import io

    from factcheck.cli.base import configure_logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    stream = io.StringIO()
    configure_logging(False, "worker", stream=stream)
    worker = logging.getLogger("huey.consumer.Worker-1")
    for _ in range(3):
        try:
            raise RedisDown("Connection refused")
        except RedisDown:
            worker.exception(READ_FAILED)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 and "the job queue cannot be reached" in lines[0]
    assert "Traceback" not in stream.getvalue()


def test_the_scheduler_and_the_workers_beat_add_nothing_to_the_outages_line():
    """huey's scheduler reads its schedule every second and each worker beats every few: while
    Redis is down they fail too, and the one line about the queue already says why."""
    from factcheck.queue_outage_log import ALSO_AWAY

    notes = QueueOutageNotes()
    for words in ALSO_AWAY:
        record = _failed_read(RedisDown("Connection refused"))
        record.msg = words
        assert not notes.filter(record)
    # Not about the queue's store: still logged whole.
    beat = _failed_read(ValueError("a bug"))
    beat.msg = ALSO_AWAY[-1]
    assert notes.filter(beat) and beat.exc_info is not None


def test_a_job_stopped_by_the_outage_is_one_line_naming_the_job():
    """A job that was running when Redis went away fails on its next use of the queue: the log
    names the job and the cause, without a traceback for each."""
    from factcheck.queue_outage_log import JOB_FAILED

    notes = QueueOutageNotes()
    said = []
    for words in JOB_FAILED:
        record = _failed_read(RedisDown("Error 111 connecting to 127.0.0.1:6379.\nRefused."))
        record.msg, record.args = words, ("5c1d",)
        assert notes.filter(record) and record.exc_info is None
        said.append(record.getMessage())
    cause = "(ConnectionError: Error 111 connecting to 127.0.0.1:6379. Refused.)"
    assert said == [
        f"job 5c1d stopped: the job queue cannot be reached {cause}",
        f"job 5c1d ran, but the job queue could not be told {cause}",
    ]
    # A job's own bug keeps its traceback.
    bug = _failed_read(ValueError("a bug"))
    bug.msg, bug.args = "Unhandled exception in task %s.", ("5c1d",)
    assert notes.filter(bug) and bug.exc_info is not None
