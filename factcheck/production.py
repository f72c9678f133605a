"""The production web server: gunicorn's threaded workers, each building the app with create_app."""

import os
import socket

from gunicorn.app.base import BaseApplication

MAX_DEFAULT_WORKERS = 8
DEFAULT_THREADS = 4


def cores() -> int:
    """The cores this process may run on (a container's limit, not the whole machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_workers() -> int:
    """Two processes a core, between 2 and 8: SQLite takes one writer at a time, so more
    processes add memory, not throughput."""
    return max(2, min(2 * cores(), MAX_DEFAULT_WORKERS))


def unknown_host(host: str, port: int) -> str | None:
    """Why the server cannot listen on `host` because it names no address (a mistyped name), or
    None when it does. Both servers ask first: waitress answers such a name with a traceback."""
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return error.strerror
    except UnicodeError:
        return "not a host name"
    return None


def listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket before gunicorn starts, so a busy port is one clear OSError
    (gunicorn itself would retry for five seconds and log several lines)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=2048)


class ProductionServer(BaseApplication):
    """gunicorn running the workbench from a socket we bound; jobs run in `factcheck worker`.

    gunicorn's own signals apply: HUP starts new workers and retires the old ones gracefully,
    TERM stops gracefully (requests in flight finish), INT and QUIT stop at once."""

    def __init__(self, database: str, listener: socket.socket, workers: int, threads: int):
        self.database = database
        # gunicorn takes the socket over by its file descriptor and closes it when it stops.
        descriptor = listener.detach()
        os.set_inheritable(descriptor, True)
        self.options = {
            "bind": [f"fd://{descriptor}"],
            "worker_class": "gthread",
            "workers": workers,
            "threads": threads,
            "proc_name": "factcheck",
            "graceful_timeout": 30,
            # The control socket (gunicorn 27) is not needed, and cannot be created in sandboxes.
            "control_socket_disable": True,
        }
        super().__init__(prog="factcheck serve --production")

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Runs in each worker after the fork: its own app, database connections and queue."""
        from factcheck import jobs
        from factcheck.app import create_app

        jobs.configure_for(self.database)
        app = create_app({"DATABASE": self.database})
        # Every template compiled now, with the code it was written for: a new install's
        # templates must not reach a process still running the old code before HUP replaces it.
        for name in app.jinja_env.list_templates(extensions=["html"]):
            app.jinja_env.get_template(name)
        return app
