"""One log line a minute, not a traceback a poll, while the job queue's Redis cannot be reached:
huey's workers log every failed read of the queue with its whole traceback, thousands of lines
in a short outage, which bury whatever else went wrong."""

import logging
import time

from redis.exceptions import RedisError

#: huey's words for a failed read of the queue (huey.consumer.Worker.loop).
READ_FAILED = "Error reading from queue"
#: What else says the queue is away, each poll or beat: huey's scheduler reading its schedule
#: or queuing the link watch's tick, and a worker telling the queue it is alive (job_presence).
ALSO_AWAY = (
    "Error reading schedule.",
    "Error enqueueing %s.",
    "Error enqueueing periodic task %s.",
    "could not tell the job queue this worker is alive",
)
#: huey's words for a job that failed on an error, and ours for it with the queue away: the job
#: itself stopped (huey.api.Huey._execute), or huey's bookkeeping after the job ran failed
#: (huey.consumer.Worker.loop).
JOB_FAILED = {
    "Unhandled exception in task %s.": "job %s stopped: the job queue cannot be reached (%s: %s)",
    "Unhandled error during execution of task %s.": (
        "job %s ran, but the job queue could not be told (%s: %s)"
    ),
}
#: How often an outage that goes on is said again.
EVERY_SECONDS = 60.0


class QueueOutageNotes(logging.Filter):
    """Turns huey's "Error reading from queue" with a Redis error into one line without its
    traceback, said once, then at most every EVERY_SECONDS with how many reads failed between;
    drops the other records of the same outage (ALSO_AWAY), says a job stopped by it in one line
    without its traceback (JOB_FAILED), and lets any other record pass as it is."""

    def __init__(self, clock=time.monotonic):
        super().__init__()
        self._clock = clock
        self._said_at: float | None = None
        self._unsaid = 0

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, RedisError):
            return True
        if record.msg in ALSO_AWAY:
            # Said by the line about the queue's reads, with the same cause.
            return False
        if record.msg in JOB_FAILED:
            record.msg = JOB_FAILED[record.msg]
            record.args = (
                *tuple(record.args or ()),
                type(error).__name__,
                " ".join(str(error).split()),
            )
            record.exc_info = record.exc_text = None
            return True
        if record.msg != READ_FAILED:
            return True
        now = self._clock()
        if self._said_at is not None and now - self._said_at < EVERY_SECONDS:
            self._unsaid += 1
            return False
        since = (
            f"; {self._unsaid:,} more failed reads since it was last said" if self._unsaid else ""
        )
        record.msg = "the job queue cannot be reached (%s: %s); its workers keep trying%s"
        record.args = (type(error).__name__, " ".join(str(error).split()), since)
        record.exc_info = record.exc_text = None
        self._said_at, self._unsaid = now, 0
        return True


def install(handler: logging.Handler) -> None:
    """Put the filter on the handler the long-running commands log through: huey's workers log
    under loggers of their own ("huey.consumer.Worker-1"), and a logger's filter is not asked
    about its children's records, a handler's is."""
    if not any(isinstance(f, QueueOutageNotes) for f in handler.filters):
        handler.addFilter(QueueOutageNotes())
