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
    "Error enqueueing periodic task %s.",
    "could not tell the job queue this worker is alive",
)
#: How often an outage that goes on is said again.
EVERY_SECONDS = 60.0


class QueueOutageNotes(logging.Filter):
    """Turns huey's "Error reading from queue" with a Redis error into one line without its
    traceback, said once, then at most every EVERY_SECONDS with how many reads failed between;
    drops the other records of the same outage (ALSO_AWAY), and lets any other pass as it is."""

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
