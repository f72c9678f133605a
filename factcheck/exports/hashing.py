"""A write-only stream that passes bytes on while counting them and hashing them with sha256."""

import hashlib
import io
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class ByteSink(Protocol):
    """Where an export writes its bytes: a file, a zip entry, or a HashingWriter around one."""

    def write(self, data: "ReadableBuffer", /) -> object: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class HashingWriter(io.BufferedIOBase):
    """Wraps a binary file object; it cannot seek, so a zip written through it streams."""

    def __init__(self, target: ByteSink) -> None:
        super().__init__()
        self._target = target
        self._sha256 = hashlib.sha256()
        self.bytes_written = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        view = memoryview(data)
        self._target.write(view)
        self._sha256.update(view)
        self.bytes_written += view.nbytes
        return view.nbytes

    def flush(self) -> None:
        # Closing this wrapper (or collecting it) leaves the wrapped stream to whoever opened it.
        if not getattr(self._target, "closed", False):
            self._target.flush()

    def hexdigest(self) -> str:
        return self._sha256.hexdigest()
