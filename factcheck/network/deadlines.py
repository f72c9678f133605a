"""A fetch's time limit held while a server answers: one thread shuts connections past their limit.

A socket's timeout bounds each wait for data, not the whole answer, so a server that sends a byte
now and then could hold a fetch (and the worker running it) for ever. Shutting the connection
down from another thread ends the read that is blocked on it."""

import heapq
import itertools
import os
import socket
import threading
import time


class _Watch:
    def __init__(self) -> None:
        self.due: list[tuple[float, int]] = []  # (deadline, ticket), the soonest first
        self.sockets: dict[int, socket.socket] = {}  # ticket -> a duplicate of the socket
        self.tickets = itertools.count()
        self.wake = threading.Condition()
        self.thread: threading.Thread | None = None


_watch = _Watch()


def _forget_in_child() -> None:
    # A forked child has no watching thread and may have a held lock: it starts afresh.
    global _watch
    _watch = _Watch()


os.register_at_fork(after_in_child=_forget_in_child)


def watch(sock: socket.socket, deadline: float) -> int:
    """Shut `sock` down at `deadline` (a time.monotonic() time) unless released first; returns
    the ticket that releases it."""
    # A duplicate of its descriptor, since TLS takes the original's (and a TLS socket has no
    # dup()); shutting down either ends both.
    duplicate = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
    watching = _watch
    with watching.wake:
        ticket = next(watching.tickets)
        watching.sockets[ticket] = duplicate
        heapq.heappush(watching.due, (deadline, ticket))
        if watching.thread is None:
            watching.thread = threading.Thread(
                target=_run, args=(watching,), name="fetch-time-limits", daemon=True
            )
            watching.thread.start()
        elif watching.due[0][1] == ticket:
            watching.wake.notify()
    return ticket


def release(ticket: int) -> None:
    """The fetch ended in time: stop watching its connection."""
    with _watch.wake:
        duplicate = _watch.sockets.pop(ticket, None)
    if duplicate is not None:
        duplicate.close()


def _run(watching: _Watch) -> None:
    with watching.wake:
        while True:
            while watching.due and watching.due[0][1] not in watching.sockets:
                heapq.heappop(watching.due)  # released in time
            if not watching.due:
                watching.wake.wait()
                continue
            deadline, ticket = watching.due[0]
            wait = deadline - time.monotonic()
            if wait > 0:
                watching.wake.wait(wait)
                continue
            heapq.heappop(watching.due)
            duplicate = watching.sockets.pop(ticket)
            try:
                duplicate.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the server
            duplicate.close()
