"""The one safe outbound HTTP client: vetted addresses, manual redirects, size and type limits."""

import functools
import ipaddress
import logging
import os
import re
import socket
import ssl
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar, merge_cookies
from requests.sessions import SessionRedirectMixin
from requests.utils import default_headers
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection as urllib3_connection

from factcheck import __version__
from factcheck.coded_errors import CodedError
from factcheck.network import deadlines
from factcheck.network.addresses import address_refusal
from factcheck.refusal_lines import refusal_line

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}
# Successes that are no page: 204 and 205 carry none, 206 a piece of one (no range is asked for).
NOT_A_PAGE = frozenset({204, 205, 206})
USER_AGENT = f"factcheck/{__version__} (newsroom fact-checking workbench)"


class FetchError(CodedError):
    """A fetch that was refused or failed, never words: `code` says which failure it is
    ("timeout", "http_status", ...) and `facts` carries its details (host, url, status, limit).
    The command line words it in factcheck/refusal_lines.py, the workbench in
    factcheck/views/import_words.py."""


class ResponseTooLarge(FetchError):
    """The response body is larger than the byte cap."""


@dataclass(frozen=True)
class FetchPolicy:
    """Where fetch() may connect. The default is strict; loosen it only in tests."""

    allowed_ports: frozenset[int] | None = frozenset({80, 443})  # None allows any port
    loopback_ports: frozenset[int] = frozenset()  # loopback is allowed only on these ports
    max_redirects: int = 5

    @classmethod
    def local_test(cls, *ports: int) -> "FetchPolicy":
        """A policy for tests that serve pages from 127.0.0.1 on the given ports."""
        return cls(allowed_ports=None, loopback_ports=frozenset(ports))


DEFAULT_POLICY = FetchPolicy()

# The time limit of the fetch running in this thread, the tickets of the connections it uses
# (deadlines.py shuts them down when the limit passes), whether its request went out on a kept
# connection, and the thread's kept adapter of each policy.
_fetching = threading.local()


def _forget_in_child() -> None:
    # A forked child must not talk over its parent's kept connections.
    global _fetching
    _fetching = threading.local()


os.register_at_fork(after_in_child=_forget_in_child)


@dataclass
class FetchedPage:
    url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host, in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError("host_not_found", {"host": host, "detail": str(error)}) from error
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])  # an IP address as text (port and scope come apart)
        if address not in addresses:
            addresses.append(address)
    return addresses


def _refuse(code: str, facts: dict, kind: type[FetchError] = FetchError) -> FetchError:
    # The line the command line prints ("refused: port 8080 is not allowed, only 80 and 443").
    log.warning("fetch %s", refusal_line(code, facts))
    return kind(code, facts)


def vetted_addresses(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """Resolve host and return its addresses if every one of them may be fetched from."""
    _check_port(port, policy)
    host = host.strip("[]")
    addresses = resolve_host(host, port)
    if not addresses:
        raise FetchError("host_not_found", {"host": host, "detail": "no addresses"})
    for text in addresses:
        refused = _address_refused(host, text, port, policy)
        if refused is not None:
            raise _refuse(refused.code, refused.facts)
    return addresses


def _address_refused(host: str, text: str, port: int, policy: FetchPolicy) -> FetchError | None:
    """The refusal of connecting to `text`, an address of `host`, on `port`; None when the policy
    allows it."""
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if address.is_loopback and port in policy.loopback_ports:
        return None
    reason = address_refusal(address)
    if reason is None:
        return None
    facts = {"host": host, "reason": reason}
    if not _is_ip_literal(host):
        facts["address"] = text
    return FetchError("private_address", facts)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _check_port(port: int, policy: FetchPolicy) -> None:
    refused = _port_refused(port, policy)
    if refused is not None:
        raise _refuse(refused.code, refused.facts)


def _port_refused(port: int, policy: FetchPolicy) -> FetchError | None:
    if policy.allowed_ports is not None and port not in policy.allowed_ports:
        return FetchError("port", {"port": port, "allowed": sorted(policy.allowed_ports)})
    return None


if TYPE_CHECKING:
    # What the mixin is mixed into, so the checker knows the connection's attributes.
    _ConnectionBase = HTTPConnection
else:
    _ConnectionBase = object


class _VettedConnectionMixin(_ConnectionBase):
    """Resolve, vet and connect in one step, so DNS cannot change between check and connect."""

    policy: FetchPolicy

    def _new_conn(self) -> socket.socket:
        # _dns_host keeps a trailing dot that self.host drops; urllib3 resolves it the same way.
        addresses = vetted_addresses(self._dns_host, self.port, self.policy)
        last_error: OSError | None = None
        for address in addresses:
            try:
                sock = urllib3_connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from error
            except OSError as error:
                last_error = error
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            if getattr(_fetching, "deadline", None) is not None:
                _fetching.tickets.append(deadlines.watch(sock, _fetching.deadline))
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {last_error}")

    def getresponse(self, *args, **kwargs):
        # Acknowledge what comes in at once. A server that writes its headers and its page apart
        # (Python's own http.server, some small sites) holds the page until the headers are
        # acknowledged, and on a kept connection Linux delays that acknowledgement some 40 ms.
        if self.sock is not None and hasattr(socket, "TCP_QUICKACK"):
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return super().getresponse(*args, **kwargs)


class _VettedHTTPConnection(_VettedConnectionMixin, HTTPConnection):
    pass


class _VettedHTTPSConnection(_VettedConnectionMixin, HTTPSConnection):
    pass


#: A kept connection idle longer than this is closed rather than used: within a run of fetches
#: (a link check, a queue of archives) it is used again; after a pause, a firewall or NAT on the
#: way may have dropped it without a word, and the fetch would wait out its read timeout.
#: Shorter than the usual keep-alive of servers (Apache's 5 s), which close it themselves.
KEEP_IDLE_SECONDS = 4.0


def fit_to_reuse(connection, now: float) -> bool:
    """Whether a kept connection may carry another request: open, idle for less than
    KEEP_IDLE_SECONDS, and holding no bytes the server sent after its last answer (which a TLS
    socket holds decrypted where urllib3's check for a closed connection cannot see them), so
    that nothing but the next answer is read as the next answer."""
    sock = getattr(connection, "sock", None)
    if sock is None or now - getattr(connection, "idle_since", now) > KEEP_IDLE_SECONDS:
        return False
    return not (isinstance(sock, ssl.SSLSocket) and sock.pending())


class _VettedPool(HTTPConnectionPool):
    """A pool whose kept connection, vetted when it was opened, is used again only while it is
    fit to (fit_to_reuse), and is then held to the time limit of the fetch using it (the limit
    it was opened under has been released)."""

    def _put_conn(self, conn) -> None:
        if conn is not None:
            conn.idle_since = time.monotonic()
        super()._put_conn(conn)

    def _get_conn(self, timeout: float | None = None):
        connection = super()._get_conn(timeout)
        # A connection the server closed was dropped above: it is opened when the request goes
        # out, vetted afresh, as is one closed here.
        sock = getattr(connection, "sock", None)
        if sock is None:
            return connection
        if not fit_to_reuse(connection, time.monotonic()):
            connection.close()
            return connection
        _fetching.reused = True
        if getattr(_fetching, "deadline", None) is not None:
            _fetching.tickets.append(deadlines.watch(sock, _fetching.deadline))
        return connection


class _VettedTLSPool(_VettedPool, HTTPSConnectionPool):
    pass


@functools.cache
def _vetted_pool_classes(policy: FetchPolicy) -> dict[str, type[HTTPConnectionPool]]:
    """The connection pool classes for each scheme, whose connections carry `policy`: made once
    per policy (a policy cannot change), not again for every fetch."""
    bound = {"policy": policy}
    http_connection = type("BoundHTTPConnection", (_VettedHTTPConnection,), bound)
    https_connection = type("BoundHTTPSConnection", (_VettedHTTPSConnection,), bound)
    return {
        "http": type("VettedPool", (_VettedPool,), {"ConnectionCls": http_connection}),
        "https": type("VettedTLSPool", (_VettedTLSPool,), {"ConnectionCls": https_connection}),
    }


class _VettingAdapter(HTTPAdapter):
    """A transport adapter whose connections only reach addresses the policy allows. A thread
    keeps one a policy (_kept_adapter), with the connections its fetches left open."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        # A fetch sends one request at a time, so one kept connection a host is all it can use;
        # each slot more is a queue entry made with the pool and taken out again at its close.
        super().__init__(max_retries=0, pool_maxsize=1)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        # A copy: urllib3 shares its default mapping between pool managers.
        self.poolmanager.pool_classes_by_scheme = dict(_vetted_pool_classes(self.policy))


#: The policies a thread keeps an adapter (and its connections) for: one in production, one a
#: local server in tests.
KEPT_POLICIES = 4


def _kept_adapter(policy: FetchPolicy) -> _VettingAdapter:
    """This thread's adapter for `policy`. A worker fetches page after page, often from one
    site (a desk cites the same few), and a connection kept between fetches saves its TCP and
    TLS handshakes. The adapter keeps at most one open connection for each of its ten most
    recent hosts; a server that has closed one is found out before it is used again."""
    adapters = getattr(_fetching, "adapters", None)
    if adapters is None:
        adapters = _fetching.adapters = {}
    adapter = adapters.get(policy)
    if adapter is None:
        if len(adapters) >= KEPT_POLICIES:
            adapters.pop(next(iter(adapters))).close()  # the one made longest ago
        adapter = adapters[policy] = _VettingAdapter(policy)
    return adapter


def check_url(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> tuple[str, int]:
    """Refuse a URL that fetch() must not request; return its host and port."""
    try:
        return _host_and_port(url, policy)
    except FetchError as error:
        raise _refuse(error.code, error.facts) from None


def _host_and_port(url: str, policy: FetchPolicy) -> tuple[str, int]:
    """check_url's checks, raising a FetchError that is not logged."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        raise FetchError("bad_address", {"url": url, "problem": "unparsable"}) from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise FetchError("bad_address", {"url": url, "problem": "scheme", "scheme": scheme})
    if "@" in parts.netloc:
        raise FetchError("bad_address", {"url": url, "problem": "userinfo"})
    if not parts.hostname:
        raise FetchError("bad_address", {"url": url, "problem": "no_host"})
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise FetchError("bad_address", {"url": url, "problem": "bad_port"}) from None
    refused = _port_refused(port, policy)
    if refused is not None:
        raise refused
    return parts.hostname, port


def refused_without_network(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> FetchError | None:
    """The refusal fetch(url, policy=policy) is bound to give before any request goes out, found
    without the network: the address's form or scheme, a port the policy refuses, or a host
    written as an IP address the policy refuses (10.0.0.1, [::1]). None when only a fetch can
    tell: a host name is vetted by what it resolves to as each fetch goes out, and names
    resolve otherwise over time. Nothing is logged."""
    try:
        host, port = _host_and_port(url, policy)
    except FetchError as error:
        return error
    if _is_ip_literal(host):
        return _address_refused(host, host, port, policy)
    try:
        requests.PreparedRequest().prepare_url(url.strip(), None)
    except requests.exceptions.InvalidURL:
        # A host that IDNA cannot encode, which _request refuses as unparsable.
        return FetchError("bad_address", {"url": url, "problem": "unparsable"})
    return None


class _Hops(SessionRedirectMixin):
    """What one fetch carries from hop to hop: the headers it sends, the cookies its redirects
    set, and the thread's vetting adapter. It stands in for a requests.Session, which would also
    make two adapters (and their pool managers) of its own that a fetch never uses, and would read
    proxies, netrc and CA bundles from the environment if asked to send."""

    def __init__(self, policy: FetchPolicy, accept: frozenset[str]):
        self.adapter = _kept_adapter(policy)
        self.headers = default_headers()  # Accept-Encoding and Connection as a session sends them
        self.headers["User-Agent"] = USER_AGENT
        self.headers["Accept"] = ", ".join(sorted(accept)) + ", */*;q=0.1"
        self.cookies = RequestsCookieJar()


def _parse_content_type(header: str) -> tuple[str, str | None]:
    """'text/html; charset=UTF-8' -> ('text/html', 'UTF-8')."""
    media_type, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _prepared(hops: _Hops, url: str) -> requests.PreparedRequest:
    """The GET that requests.Session.get(url) would send: the fetch's headers, and its cookies
    (those a redirect of this fetch set). Made here without requests' merging of the call's
    parameters, headers and proxies with the session's, since the call has none of its own: on
    Python 3.11 requests checks each of those mappings against a typing protocol, eight checks a
    request that cost more than the rest of preparing it."""
    prepared = requests.PreparedRequest()
    prepared.prepare(
        method="GET",
        url=url,
        headers=hops.headers,
        cookies=merge_cookies(RequestsCookieJar(), hops.cookies),
    )
    return prepared


def _request(hops: _Hops, url: str, host: str, timeout, deadline: float) -> requests.Response:
    """One hop's GET, its body not read yet. Sent through the vetting adapter itself, not
    Session.send: with allow_redirects=False, Session.send still reads a redirect's whole body
    (to find the next request), with no byte cap and no time limit."""
    try:
        prepared = _prepared(hops, url)
        response = _send(hops, prepared, timeout, deadline)
    except requests.exceptions.InvalidURL:
        # A host that urlsplit takes but IDNA cannot encode ('ⓔxample.com', a zero-width space).
        raise _refuse("bad_address", {"url": url, "problem": "unparsable"}) from None
    except requests.exceptions.RequestException as error:
        if time.monotonic() > deadline:  # the time limit shut the connection (deadlines.py)
            raise FetchError("timeout", {"url": url, "stage": "fetch"}) from error
        raise _request_failure(error, host) from error
    if time.monotonic() > deadline:  # headers the time limit cut short read as if they ended
        response.close()
        raise FetchError("timeout", {"url": url, "stage": "fetch"})
    extract_cookies_to_jar(hops.cookies, prepared, response.raw)
    return response


def _send(hops: _Hops, prepared, timeout, deadline: float) -> requests.Response:
    _fetching.reused = False
    try:
        response = hops.adapter.send(prepared, stream=True, timeout=timeout)
    except requests.exceptions.ConnectionError:
        if not _fetching.reused or time.monotonic() > deadline:
            raise
    else:
        # 408 on a kept connection: the server closed it for idling as the request came in
        # (HAProxy, Kestrel), which says the request may be sent again on a new one.
        if response.status_code != 408 or not _fetching.reused or time.monotonic() > deadline:
            return response
        response.close()
    # The kept connection failed: the server closed it as the request went out (its keep-alive
    # time ran out), bytes it sent late after its last answer stood before this one, or it
    # cannot answer a second request on one connection. Sent once more, on a new connection
    # (vetted afresh), as a browser does: a fetch that opened its own connection would have had
    # the page. Its connecting waits no longer than the fetch's time limit has left.
    _fetching.reused = False
    connect = min(timeout[0], max(deadline - time.monotonic(), 0.01))
    return hops.adapter.send(prepared, stream=True, timeout=(connect, timeout[1]))


def _request_failure(error: requests.exceptions.RequestException, host: str) -> FetchError:
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return FetchError("timeout", {"host": host, "stage": "connect"})
    if isinstance(error, requests.exceptions.ReadTimeout):
        return FetchError("timeout", {"host": host, "stage": "answer"})
    if isinstance(error, requests.exceptions.SSLError):
        return FetchError("tls", {"host": host})
    return FetchError("connect_failed", {"host": host, "error": type(error).__name__})


def _read_body(response: requests.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isascii() and declared.isdigit() and "Content-Encoding" not in response.headers:
        if int(declared) > max_bytes:
            raise _refuse("too_large", {"url": url, "limit": max_bytes}, ResponseTooLarge)
    chunks = []
    size = 0
    try:
        # iter_content decompresses as it goes, so the cap also stops compression bombs.
        for chunk in response.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise _refuse("too_large", {"url": url, "limit": max_bytes}, ResponseTooLarge)
            if time.monotonic() > deadline:
                raise FetchError("timeout", {"url": url, "stage": "download"})
            chunks.append(chunk)
    except requests.exceptions.RequestException as error:
        if time.monotonic() > deadline:  # the time limit shut the connection (deadlines.py)
            raise FetchError("timeout", {"url": url, "stage": "download"}) from error
        raise FetchError("broke_off", {"url": url, "error": type(error).__name__}) from error
    if time.monotonic() > deadline:  # a body read to the connection's end, which the limit cut
        raise FetchError("timeout", {"url": url, "stage": "download"})
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    policy: FetchPolicy = DEFAULT_POLICY,
    accept: frozenset[str] | set[str] = HTML_TYPES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: tuple[float, float] = (5, 15),
    time_limit: float = 60.0,
) -> FetchedPage:
    """GET url within the policy, following up to policy.max_redirects redirects by hand.

    timeout is (connect, read) per network step; time_limit bounds the whole fetch.
    """
    deadline = time.monotonic() + time_limit
    _fetching.deadline, _fetching.tickets = deadline, []
    try:
        return _fetch(
            url, policy, frozenset(t.lower() for t in accept), max_bytes, timeout, deadline
        )
    finally:
        for ticket in _fetching.tickets:
            deadlines.release(ticket)
        _fetching.deadline, _fetching.tickets = None, []


#: Refusals of an address itself: after a redirect, of the address the page redirected to, not
#: of the one given (their facts then say `redirected_to`).
ADDRESS_REFUSALS = frozenset({"bad_address", "private_address", "port"})


def _fetch(url, policy, accept, max_bytes, timeout, deadline) -> FetchedPage:
    current = url.strip()
    hops = _Hops(policy, accept)
    for hop in range(policy.max_redirects + 1):
        try:
            host, _port = check_url(current, policy)
            if time.monotonic() > deadline:
                raise FetchError("timeout", {"url": url, "stage": "fetch"})
            response = _request(hops, current, host, timeout, deadline)
        except FetchError as error:
            if hop and error.code in ADDRESS_REFUSALS:
                raise _redirected(error, current) from error
            raise
        with response:
            target = hops.get_redirect_target(response)
            if target is None:
                return _finish(response, current, accept, max_bytes, deadline)
            try:
                current = urldefrag(urljoin(current, target)).url
            except ValueError:  # a Location such as 'http://[::1'
                refused = _refuse("bad_address", {"url": target, "problem": "unparsable"})
                raise _redirected(refused, target) from None
    raise _refuse("redirects", {"url": url, "limit": policy.max_redirects})


# The user name and password an address may carry ("http://user:secret@host/"), up to its '@'.
_CREDENTIALS = re.compile(r"^([a-zA-Z][\w+.-]*://)[^/?#@]*@")


def _redirected(error: FetchError, target: str) -> FetchError:
    """A refusal of the address a redirect led to, saying so: the address given is not the one
    refused, and a reviewer should not look for what is wrong with it. A password the redirect
    carried is not shown, stored or logged."""
    return type(error)(
        error.code, {**error.facts, "redirected_to": _CREDENTIALS.sub(r"\1", target)}
    )


def _finish(response, url: str, accept, max_bytes: int, deadline: float) -> FetchedPage:
    if not 200 <= response.status_code < 300 or response.status_code in NOT_A_PAGE:
        raise FetchError(
            "http_status",
            {"url": url, "status": response.status_code, "reason": response.reason or ""},
        )
    header = response.headers.get("Content-Type", "")
    content_type, encoding = _parse_content_type(header)
    if content_type not in accept:
        raise _refuse(
            "wrong_type",
            {"url": url, "content_type": content_type, "expected": sorted(accept)},
        )
    body = _read_body(response, url, max_bytes, deadline)
    if not body.strip():
        # Nothing, or only blank lines (a server's blank "white screen" when its page failed): no
        # copy of any page, whatever its status says. A page of markup with no text in it (one a
        # script fills in) is what the site serves, and is kept.
        raise FetchError("empty", {"url": url})
    return FetchedPage(url, response.status_code, content_type, body, encoding)
