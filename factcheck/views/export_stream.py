"""Sending a web export while it is written: a thread writes it from its own read snapshot into a
temporary file, the response sends the file as it grows, and the last bytes go only once the
export's audit row is in, so a download that completes is one the trail records.

The file decouples the two: the snapshot is held as long as writing takes, however slowly the
browser reads. A browser that goes away stops the writing at its next write, and no audit row is
written for an export nobody received."""

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

# Bytes passed to the file at a time, and the most the response sends at once.
CHUNK = 256 * 1024


class Cancelled(Exception):
    """The browser stopped reading: the export ends without its audit row."""


class ExportFailed(Exception):
    """The export failed after its first bytes were sent: the response is cut off, so the
    browser reports the download as failed rather than keep a short file."""


class _Spool:
    """The file between the writing thread (a ByteSink) and the response (chunks). Whichever
    side ends last closes it."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=0)
        self._pending = bytearray()
        self._written = 0
        self._finished = False
        self._error: BaseException | None = None
        self._cancelled = False
        self._changed = threading.Condition()

    # The writing thread's side.

    @property
    def started(self) -> bool:
        """Whether bytes have gone to the file, for the response to send."""
        return self._written > 0

    def write(self, data) -> int:
        if self._cancelled:
            raise Cancelled
        self._pending += data
        if len(self._pending) >= CHUNK:
            self.flush()
        return memoryview(data).nbytes

    def flush(self) -> None:
        if self._pending:
            self._file.write(self._pending)
            with self._changed:
                self._written += len(self._pending)
                self._changed.notify_all()
            self._pending.clear()

    def close(self) -> None:
        """The export's sink is the caller's to close (see HashingWriter.flush)."""

    def finish(self, error: BaseException | None) -> None:
        if error is None:
            self.flush()
        with self._changed:
            self._finished, self._error = True, error
            self._changed.notify_all()
            if self._cancelled:
                self._file.close()

    # The response's side.

    def wait_for_start(self) -> BaseException | None:
        """Wait for the first bytes, or the end; the error the export failed with before it
        wrote anything, if it did (the file is then closed)."""
        with self._changed:
            while not self._written and not self._finished:
                self._changed.wait()
            if self._written:
                return None
        self._let_go()
        return self._error

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes as they are written. The last byte waits for the end of the export,
        audit row and all; an export that fails raises ExportFailed instead."""
        sent = 0
        try:
            while True:
                with self._changed:
                    while not self._finished and self._written - 1 <= sent:
                        self._changed.wait()
                    finished, error = self._finished, self._error
                    ready = self._written if finished else self._written - 1
                if error is not None:
                    raise ExportFailed(str(error) or type(error).__name__) from error
                if finished and sent >= ready:
                    return
                data = os.pread(self._file.fileno(), min(CHUNK, ready - sent), sent)
                sent += len(data)
                yield data
        finally:
            self._let_go()

    def _let_go(self) -> None:
        with self._changed:
            self._cancelled = True
            if self._finished:
                self._file.close()


def stream_export(write: Callable[[_Spool], object]) -> Iterator[bytes]:
    """Run `write(sink)` (an export written to the sink, its audit row last) in a thread, and
    return the chunks to send. An error raised before the first byte is raised here, for the
    request's own error pages; one raised later cuts the response off."""
    spool = _Spool()

    def run() -> None:
        error: BaseException | None = None
        try:
            write(spool)
        except Cancelled:
            log.info("export stopped: the browser went away before it was written")
            error = Cancelled()
        except BaseException as caught:  # handed to the response, which raises or logs it
            error = caught
        spool.finish(error)

    threading.Thread(target=run, name="export", daemon=True).start()
    early = spool.wait_for_start()
    if early is not None:
        raise early
    return spool.chunks()
