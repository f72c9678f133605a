"""A small HTTP server on 127.0.0.1 for tests that fetch pages: routes are set per test."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"<!doctype html><html><body><p>Hello from the test server.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("Host")))
        route = self.server.routes.get(self.path)
        if route is None:
            self.reply(404, b"not here", "text/plain")
        else:
            route(self)

    def reply(self, status, body=PAGE, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.server.open_connections.add(self.connection)

    def finish(self):
        super().finish()
        self.server.open_connections.discard(self.connection)
        self.server.ended.append(self.client_address[1])  # the client's port, connection closed


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up or fail a TLS handshake are part of the tests


class Server:
    def __init__(self, wrap=None):
        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        if wrap is not None:
            self.httpd.socket = wrap(self.httpd.socket)
        self.httpd.routes = {}
        self.httpd.seen = []
        self.httpd.ended = []
        self.httpd.open_connections = set()
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def routes(self):
        return self.httpd.routes

    @property
    def seen(self):
        return self.httpd.seen

    @property
    def ended(self):
        """The client ports of the connections that have closed."""
        return self.httpd.ended

    def url(self, path="/", host="127.0.0.1", scheme="http"):
        return f"{scheme}://{host}:{self.port}{path}"

    def close(self):
        """Stop serving, and end the connections a client kept open: a closed server answers
        no more, on a kept connection either."""
        self.httpd.shutdown()
        self.httpd.server_close()
        for connection in list(self.httpd.open_connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # the client closed it already


def page(body=PAGE, content_type="text/html; charset=utf-8", status=200, headers=()):
    return lambda handler: handler.reply(status, body, content_type, headers)


def redirect(location, status=302):
    return lambda handler: handler.reply(status, b"", None, [("Location", location)])
