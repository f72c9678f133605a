"""The safe HTTP client: address vetting, redirects, limits, against servers on 127.0.0.1."""

import gzip
import ipaddress
import logging
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from helpers import refusal_text, refused_saying
from hypothesis import given
from hypothesis import strategies as st
from local_server import PAGE, Server, page, redirect

from factcheck.network import deadlines
from factcheck.network import fetch as fetch_module
from factcheck.network.addresses import address_refusal
from factcheck.network.fetch import (
    DEFAULT_POLICY,
    FetchError,
    FetchPolicy,
    ResponseTooLarge,
    fetch,
    refused_without_network,
)

# Every IPv4 range that is not publicly routable, written out from the RFCs, not from fetch.py.
NON_PUBLIC_V4 = [
    ipaddress.IPv4Network(network)
    for network in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
]
REFUSED_V6 = ["::1/128", "::/128", "fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32"]


def in_non_public_v4(address: ipaddress.IPv4Address) -> bool:
    return any(address in network for network in NON_PUBLIC_V4)


def mapped(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address((0xFFFF << 32) | int(v4))


def nat64(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | int(v4))


def sixtofour(v4: ipaddress.IPv4Address, low_bits: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address((0x2002 << 112) | (int(v4) << 80) | low_bits)


def teredo(server: ipaddress.IPv4Address, client: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    # 2001:0000:<server>:<flags>:<port xor ffff>:<client xor ffffffff>
    return ipaddress.IPv6Address(
        (0x20010000 << 96) | (int(server) << 64) | (0xFFFF << 16 << 32) | (int(client) ^ 0xFFFFFFFF)
    )


non_public_v4 = st.sampled_from(NON_PUBLIC_V4).flatmap(lambda net: st.ip_addresses(network=net))
public_v4 = st.ip_addresses(v=4).filter(lambda address: not in_non_public_v4(address))


@given(non_public_v4)
def test_every_non_public_ipv4_address_is_refused(address):
    assert address_refusal(address) is not None


@given(public_v4)
def test_public_ipv4_addresses_are_allowed(address):
    assert address_refusal(address) is None


@given(st.sampled_from(REFUSED_V6).flatmap(lambda net: st.ip_addresses(network=net)))
def test_loopback_private_link_local_and_multicast_ipv6_are_refused(address):
    assert address_refusal(address) is not None


@given(st.ip_addresses(v=4), st.integers(min_value=0, max_value=2**80 - 1))
def test_ipv4_hidden_in_ipv6_is_judged_as_the_ipv4_address(v4, low_bits):
    expected_refused = in_non_public_v4(v4)
    for wrapped in (mapped(v4), nat64(v4), sixtofour(v4, low_bits)):
        assert (address_refusal(wrapped) is not None) == expected_refused, wrapped


@given(public_v4, st.ip_addresses(v=4))
def test_teredo_is_refused_when_either_embedded_address_is_not_public(server, client):
    expected_refused = in_non_public_v4(client)
    assert (address_refusal(teredo(server, client)) is not None) == expected_refused


@pytest.mark.parametrize(
    "text",
    [
        "100.64.0.1",  # shared address space: Python's is_private says False
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:c0a8:101::1",
        "::127.0.0.1",
        "fd00:ec2::254",
        "255.255.255.255",
    ],
)
def test_addresses_that_python_is_global_gets_wrong_are_refused(text):
    assert address_refusal(ipaddress.ip_address(text)) is not None


def test_the_metadata_address_is_named():
    assert address_refusal(ipaddress.ip_address("169.254.169.254")) == "the cloud metadata address"


@pytest.fixture
def secret_server():
    """A server that must never be reached: it stands for an internal service."""
    running = Server()
    running.routes["/"] = lambda handler: handler.reply(200, b"<p>internal secrets</p>")
    yield running
    running.close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Names the test resolves itself; anything else is an error, so no real lookup happens."""
    table = {}
    calls = []

    def resolve(host, port):
        calls.append(host)
        if host in table:
            answer = table[host]
            return answer(len(calls)) if callable(answer) else answer
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        raise FetchError("host_not_found", {"host": host, "detail": "unknown to the test resolver"})

    monkeypatch.setattr(fetch_module, "resolve_host", resolve)
    table["calls"] = calls
    return table


# --- fetching -------------------------------------------------------------------------------


def test_fetches_a_page_from_an_allowed_server(site):
    site.routes["/story"] = page(PAGE, "text/html; charset=ISO-8859-1")
    result = fetch(site.url("/story"), policy=FetchPolicy.local_test(site.port))
    assert result.url == site.url("/story")
    assert (result.status, result.content_type, result.encoding) == (200, "text/html", "ISO-8859-1")
    assert result.body == PAGE


@pytest.mark.parametrize("body", [b"", b" \r\n\t\n"])
def test_a_success_with_an_empty_body_is_no_page(site, body):
    """Nothing, or blank lines only, is no copy of a page whatever the status says; markup with
    no text in it is a page."""
    site.routes["/empty"] = page(body)
    with pytest.raises(FetchError) as refused:
        fetch(site.url("/empty"), policy=FetchPolicy.local_test(site.port))
    assert refused.value.code == "empty"
    assert refusal_text(refused.value) == (
        f"{site.url('/empty')} came back empty, with no page in it; try again later"
    )
    site.routes["/shell"] = page(b"<html><body></body></html>")
    assert fetch(site.url("/shell"), policy=FetchPolicy.local_test(site.port)).body


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "the cloud metadata address"),
        ("http://10.1.2.3/", "a private address"),
        ("http://192.168.0.1/", "a private address"),
        ("http://100.64.0.7/", "carrier-grade NAT"),
        ("http://0.0.0.0/", "'this network'"),
        ("http://[fd00::1]/", "unique local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "hiding 127.0.0.1, a loopback address"),
        ("https://[64:ff9b::a9fe:a9fe]/", "hiding 169.254.169.254, the cloud metadata"),
        ("http://224.0.0.1/", "multicast"),
        ("http://255.255.255.255/", "broadcast"),
    ],
)
def test_default_policy_refuses_internal_addresses(url, reason):
    with refused_saying(FetchError, "refused") as refused:
        fetch(url)
    assert reason in refusal_text(refused.value)


def test_default_policy_refuses_localhost_by_name():
    with refused_saying(FetchError, "refused: localhost resolves to .*loopback"):
        fetch("http://localhost/")


def test_a_name_that_resolves_to_a_private_address_is_refused(fake_dns):
    fake_dns["intranet.example"] = ["10.0.0.5"]
    with pytest.raises(FetchError) as refused:
        fetch("https://intranet.example/report")
    assert (
        refusal_text(refused.value)
        == "refused: intranet.example resolves to 10.0.0.5, a private address"
    )


def test_every_resolved_address_is_checked_before_connecting(site, fake_dns):
    site.routes["/"] = page()
    fake_dns["mixed.example"] = ["127.0.0.1", "10.0.0.5"]
    with refused_saying(FetchError, "10.0.0.5, a private address"):
        fetch(site.url(host="mixed.example"), policy=FetchPolicy.local_test(site.port))
    assert site.seen == []


def test_connects_to_the_vetted_address_and_keeps_the_host_name(site, fake_dns):
    site.routes["/story"] = page()
    # A rebinding resolver: a second lookup would answer with a private address.
    fake_dns["news.test"] = lambda call: ["127.0.0.1"] if call == 1 else ["10.0.0.5"]
    result = fetch(site.url("/story", host="news.test"), policy=FetchPolicy.local_test(site.port))
    assert result.body == PAGE
    assert fake_dns["calls"] == ["news.test"]
    assert site.seen == [("/story", f"news.test:{site.port}")]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://10.0.0.8:{secret}/",
        "http://127.0.0.1:{secret}/",
        "http://intranet.example:{secret}/",
        "file:///etc/passwd",
        "ftp://127.0.0.1:{secret}/",
        "gopher://127.0.0.1:{secret}/",
        "http://admin:admin@127.0.0.1:{secret}/",
    ],
)
def test_redirects_to_internal_targets_are_refused(site, secret_server, fake_dns, target):
    fake_dns["intranet.example"] = ["192.168.1.20"]
    site.routes["/go"] = redirect(target.format(secret=secret_server.port))
    target = target.format(secret=secret_server.port)
    with pytest.raises(FetchError) as refused:
        fetch(site.url("/go"), policy=FetchPolicy.local_test(site.port))
    assert site.seen == [("/go", f"127.0.0.1:{site.port}")]
    assert secret_server.seen == []
    # The address given is not the one refused: the refusal names where the page redirected,
    # without a password the redirect carried.
    shown = target.replace("admin:admin@", "")
    assert refused.value.facts["redirected_to"] == shown
    assert refusal_text(refused.value).startswith(f"refused: the page redirects to {shown}; ")
    assert "admin:admin" not in refusal_text(refused.value)


def test_a_redirect_to_an_address_with_a_space_in_its_host_is_refused(site):
    site.routes["/go"] = redirect("http://valley post.example/story")
    with refused_saying(FetchError, "is not a valid web address"):
        fetch(site.url("/go"), policy=FetchPolicy.local_test(site.port))


def chain(site, length):
    for hop in range(length):
        site.routes[f"/hop/{hop}"] = redirect(
            f"/hop/{hop + 1}", status=(301, 302, 303, 307)[hop % 4]
        )
    site.routes[f"/hop/{length}"] = page()


def test_follows_up_to_five_redirects(site):
    chain(site, 5)
    result = fetch(site.url("/hop/0"), policy=FetchPolicy.local_test(site.port))
    assert result.url == site.url("/hop/5")
    assert len(site.seen) == 6


def test_refuses_a_sixth_redirect(site):
    chain(site, 6)
    with refused_saying(FetchError, "redirects more than 5 times"):
        fetch(site.url("/hop/0"), policy=FetchPolicy.local_test(site.port))
    assert len(site.seen) == 6


@pytest.mark.parametrize("with_length", [True, False])
def test_refuses_a_body_over_the_byte_cap(site, with_length):
    big = b"<p>" + b"x" * 5000 + b"</p>"
    if with_length:
        site.routes["/big"] = page(big)
    else:

        def stream(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(big)

        site.routes["/big"] = stream
    policy = FetchPolicy.local_test(site.port)
    with refused_saying(ResponseTooLarge, "larger than the limit of 4,000 bytes"):
        fetch(site.url("/big"), policy=policy, max_bytes=4000)
    assert fetch(site.url("/big"), policy=policy, max_bytes=len(big)).body == big


def test_the_byte_cap_counts_decompressed_bytes(site):
    bomb = gzip.compress(b"<p>" + b"a" * 2_000_000 + b"</p>")
    site.routes["/bomb"] = page(bomb, headers=[("Content-Encoding", "gzip")])
    with pytest.raises(ResponseTooLarge):
        fetch(site.url("/bomb"), policy=FetchPolicy.local_test(site.port), max_bytes=100_000)


def test_a_redirect_body_is_never_read(site):
    """A redirect that declares a huge body and then stalls is followed at once: its body is not
    read (requests' Session.send would read it whole, with no byte cap and no time limit)."""
    release = threading.Event()

    def huge_redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", "/landing")
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(50_000_000))
        handler.end_headers()
        try:
            handler.wfile.write(b"x" * 1024)
            handler.wfile.flush()
        except OSError:
            return
        release.wait(10)

    site.routes["/moved"] = huge_redirect
    site.routes["/landing"] = page()
    try:
        result = fetch(site.url("/moved"), policy=FetchPolicy.local_test(site.port), timeout=(2, 1))
    finally:
        release.set()
    assert result.url == site.url("/landing") and result.body == PAGE


@pytest.mark.parametrize("content_type", ["application/json", "image/png", "text/plain", None])
def test_refuses_unexpected_content_types(site, content_type):
    site.routes["/data"] = page(b"{}", content_type)
    with refused_saying(FetchError, "not the expected application/xhtml\\+xml or text/html"):
        fetch(site.url("/data"), policy=FetchPolicy.local_test(site.port))


def test_callers_choose_the_accepted_content_types(site):
    site.routes["/notes.txt"] = page(b"plain notes", "Text/Plain; charset=utf-8")
    result = fetch(
        site.url("/notes.txt"),
        policy=FetchPolicy.local_test(site.port),
        accept={"text/plain", "application/pdf"},
    )
    assert (result.content_type, result.body) == ("text/plain", b"plain notes")


def test_each_hop_sends_the_same_headers_and_the_cookies_set_on_the_way(site):
    sent = []

    def remember(reply):
        def route(handler):
            sent.append((handler.path, list(handler.headers.items())))
            reply(handler)

        return route

    site.routes["/moved"] = remember(
        lambda handler: handler.reply(
            302, b"", None, [("Location", "/story?from=moved#top"), ("Set-Cookie", "seen=1")]
        )
    )
    site.routes["/story?from=moved"] = remember(page())
    fetch(
        site.url("/moved"),
        policy=FetchPolicy.local_test(site.port),
        accept={"text/plain", "text/html"},
    )
    common = [
        ("Host", f"127.0.0.1:{site.port}"),
        ("User-Agent", fetch_module.USER_AGENT),
        ("Accept-Encoding", "gzip, deflate"),
        ("Accept", "text/html, text/plain, */*;q=0.1"),
        ("Connection", "keep-alive"),
    ]
    assert sent == [("/moved", common), ("/story?from=moved", [*common, ("Cookie", "seen=1")])]


def test_a_non_2xx_final_status_is_an_error(site):
    with refused_saying(FetchError, "answered 404"):
        fetch(site.url("/missing"), policy=FetchPolicy.local_test(site.port))


@pytest.mark.parametrize(
    ("status", "body"), [(204, b""), (205, b""), (206, PAGE[:20])], ids=["204", "205", "206"]
)
def test_an_answer_with_no_page_or_part_of_one_is_an_error(site, status, body):
    # No range was asked for: a 206 is a piece of the page, never a copy of it.
    site.routes["/story"] = page(body, status=status)
    with refused_saying(FetchError, f"answered {status}"):
        fetch(site.url("/story"), policy=FetchPolicy.local_test(site.port))


def test_a_server_that_does_not_answer_times_out(site):
    release = threading.Event()

    def stall(handler):
        release.wait(5)
        handler.reply(200)

    site.routes["/slow"] = stall
    try:
        with refused_saying(FetchError, "did not answer in time"):
            fetch(site.url("/slow"), policy=FetchPolicy.local_test(site.port), timeout=(2, 0.2))
    finally:
        release.set()


def test_a_download_that_trickles_hits_the_time_limit(site):
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(100):
            try:
                handler.wfile.write(b"<p>a</p>" * 10_000)
                handler.wfile.flush()
            except OSError:
                return
            time.sleep(0.05)

    site.routes["/trickle"] = trickle
    with refused_saying(FetchError, "took too long"):
        fetch(site.url("/trickle"), policy=FetchPolicy.local_test(site.port), time_limit=0.2)


def _byte_by_byte(head: bytes, body: bytes, sent_all: threading.Event, stop: threading.Event):
    """A route that sends its answer a byte at a time, each well within the read timeout; it says
    it has sent all but the last byte before it sends that one."""

    def dribble(handler):
        answer = head + body
        for index in range(len(answer)):
            if stop.is_set():
                return
            if index == len(answer) - 1:
                sent_all.set()
            try:
                handler.wfile.write(answer[index : index + 1])
                handler.wfile.flush()
            except OSError:
                return
            time.sleep(0.02)

    return dribble


@pytest.mark.parametrize("slow", ["head", "body"])
def test_an_answer_sent_a_byte_at_a_time_is_cut_off_at_the_time_limit(site, slow):
    # The read timeout bounds each wait for a byte, not the answer: the time limit must hold
    # while the status line, the headers and the body come in.
    body = b"<p>" + b"a" * 400 + b"</p>"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    head += b"X-Padding: " + b"p" * 400 + b"\r\n" if slow == "head" else b""
    head += b"Content-Length: %d\r\n\r\n" % len(body)
    sent_all, stop = threading.Event(), threading.Event()
    if slow == "head":
        site.routes["/slow"] = _byte_by_byte(head, body, sent_all, stop)
    else:

        def head_then_dribble(handler):
            handler.wfile.write(head)
            _byte_by_byte(b"", body, sent_all, stop)(handler)

        site.routes["/slow"] = head_then_dribble
    try:
        with refused_saying(FetchError, "took too long"):
            fetch(site.url("/slow"), policy=FetchPolicy.local_test(site.port), time_limit=0.3)
        assert not sent_all.is_set()
    finally:
        stop.set()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file.html",
        "gopher://example.com:70/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "example.com/story",
    ],
)
def test_refuses_schemes_other_than_http_and_https(url):
    with refused_saying(FetchError, "only http and https"):
        fetch(url)


@pytest.mark.parametrize(
    "url",
    ["http://user:secret@example.com/", "https://token@example.com/", "http://a\\@127.0.0.1/"],
)
def test_refuses_urls_with_credentials(url):
    with refused_saying(FetchError, "user name or password"):
        fetch(url)


@pytest.mark.parametrize(
    "url", ["http://\u24d4xample.com/", "http://ex\u200bample.com/", "http://127.0.0.1\u3002/"]
)
def test_a_host_name_that_cannot_be_encoded_is_refused_in_words(url, fake_dns):
    # The address parses, but its host is no valid internationalised name (IDNA).
    with refused_saying(FetchError, "is not a valid web address"):
        fetch(url)
    assert fake_dns["calls"] == []


@pytest.mark.parametrize("location", [b"http://[::1", "http://\u24d4xample.com/".encode()])
def test_a_redirect_to_an_address_that_cannot_be_parsed_is_refused_in_words(
    site, location, fake_dns
):
    def moved(handler):
        handler.send_response(302)
        handler._headers_buffer.append(b"Location: " + location + b"\r\n")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.routes["/go"] = moved
    with refused_saying(FetchError, "is not a valid web address"):
        fetch(site.url("/go"), policy=FetchPolicy.local_test(site.port))
    assert len(site.seen) == 1


@pytest.mark.parametrize(
    "url", ["http://example.com:8080/", "https://example.com:22/", "http://example.com:6379/"]
)
def test_default_policy_refuses_other_ports(url):
    with refused_saying(FetchError, "is not allowed, only 80 and 443"):
        fetch(url)


def test_the_default_policy_refuses_the_test_server(site):
    site.routes["/"] = page()
    with refused_saying(FetchError, "refused"):
        fetch(site.url(), policy=DEFAULT_POLICY)
    assert site.seen == []


def test_each_fetch_connects_under_its_own_policy(site):
    # The connection classes bound to a policy are made once and kept: a fetch under another
    # policy must still be vetted by that one, at connect time.
    site.routes["/"] = page()
    assert fetch(site.url(), policy=FetchPolicy.local_test(site.port)).body == PAGE
    other_port = FetchPolicy(allowed_ports=None, loopback_ports=frozenset({site.port + 1}))
    with refused_saying(FetchError, "loopback"):
        fetch(site.url(), policy=other_port)
    assert fetch(site.url(), policy=FetchPolicy.local_test(site.port)).body == PAGE
    assert len(site.seen) == 2


def test_proxies_from_the_environment_are_ignored(site, monkeypatch):
    site.routes["/"] = page()
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://10.9.9.9:3128")
    assert fetch(site.url(), policy=FetchPolicy.local_test(site.port)).body == PAGE


def test_refusals_are_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="factcheck.network.fetch"):
        with pytest.raises(FetchError):
            fetch("http://169.254.169.254/")
    # In the words the command line prints, not as a code and a dict.
    assert "fetch refused: 169.254.169.254 is the cloud metadata address" in caplog.text


# --- TLS: connecting to a vetted IP must still verify the certificate for the host name --------


def _test_certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
def tls_server(tmp_path):
    context = _test_certificate(tmp_path)
    server_names = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    running = Server(wrap=lambda sock: context.wrap_socket(sock, server_side=True))
    running.server_names = server_names
    yield running
    running.close()


def test_tls_sends_the_host_name_and_verifies_the_certificate(tls_server, fake_dns):
    tls_server.routes["/"] = page()
    fake_dns["news.test"] = ["127.0.0.1"]
    url = tls_server.url(host="news.test", scheme="https")
    with refused_saying(FetchError, "could not verify the secure connection to news.test"):
        fetch(url, policy=FetchPolicy.local_test(tls_server.port))
    assert tls_server.server_names == ["news.test"]
    assert tls_server.seen == []


def test_a_length_in_digits_that_are_not_ascii_is_not_taken_for_a_number(site):
    # "²" is a digit to str.isdigit, not to int(): the declared length is ignored, as any
    # length that is not a number is, and the body read with its cap.
    def superscript_length(handler):
        handler.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \xb2\r\n"
            b"Connection: close\r\n\r\n<p>Fares rose.</p>"
        )
        handler.close_connection = True

    site.routes["/odd-length"] = superscript_length
    page = fetch(site.url("/odd-length"), policy=FetchPolicy.local_test(site.port))
    assert page.body == b"<p>Fares rose.</p>"


# --- Kept connections: a worker's fetches from one site share one --------------------------------


def _answer_once_a_connection(then):
    """A route that answers the first request on each connection with a page, and hands any
    later request on the same connection to `then`; the client ports of its answers are kept."""
    ports = []

    def route(handler):
        if getattr(handler, "answered", False):
            then(handler)
            return
        handler.answered = True
        ports.append(handler.client_address[1])
        handler.reply(200, b"<p>Fares rose by 4%.</p>")

    route.ports = ports
    return route


def _page_comes_on_a_new_connection(site, second_answer) -> None:
    """Two fetches of one page, the second on the connection the first kept, where the server
    answers with `second_answer`: the page comes all the same, on a new connection."""
    route = _answer_once_a_connection(second_answer)
    site.routes["/page"] = route
    policy = FetchPolicy.local_test(site.port)
    fetch(site.url("/page"), policy=policy)
    assert fetch(site.url("/page"), policy=policy).body == b"<p>Fares rose by 4%.</p>"
    assert len(route.ports) == 2 and route.ports[0] != route.ports[1]


def test_fetches_from_one_site_share_a_kept_connection(site):
    ports = []

    def remember(handler):
        ports.append(handler.client_address[1])
        handler.reply(200, b"<p>Fares rose by 4%.</p>")

    site.routes["/a"] = remember
    site.routes["/b"] = remember
    policy = FetchPolicy.local_test(site.port)
    for path in ("/a", "/b", "/a"):
        assert fetch(site.url(path), policy=policy).body == b"<p>Fares rose by 4%.</p>"
    assert len(ports) == 3 and len(set(ports)) == 1


def test_a_kept_connection_the_server_closed_is_replaced_by_a_new_one(site):
    # A server's keep-alive time runs out as the next request goes out: it reads the request
    # and hangs up without an answer. The request is sent again on a new connection.
    def hang_up(handler):
        handler.close_connection = True

    _page_comes_on_a_new_connection(site, hang_up)


def test_a_kept_connection_is_held_to_the_time_limit_of_the_fetch_using_it(site):
    # The limit is watched when a fetch opens a connection: one kept from an earlier fetch must
    # be watched again, or a server dribbling its answer there holds the worker for as long as
    # it likes (here its headers, a byte at a time, for some nine seconds).
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 400
    head += b"\r\nContent-Length: 10\r\n\r\n"
    sent_all, stop = threading.Event(), threading.Event()
    site.routes["/page"] = _answer_once_a_connection(_byte_by_byte(head, b"", sent_all, stop))
    policy = FetchPolicy.local_test(site.port)
    fetch(site.url("/page"), policy=policy)
    try:
        with refused_saying(FetchError, "took too long"):
            fetch(site.url("/page"), policy=policy, time_limit=0.3)
        assert not sent_all.is_set()
    finally:
        stop.set()


def test_a_kept_connection_idle_for_a_while_is_not_used_again(site, monkeypatch):
    # After a pause a firewall on the way may have dropped it without a word: the fetch would
    # wait out its read timeout and record a working page as failing.
    route = _answer_once_a_connection(lambda handler: handler.reply(500, b"stale"))
    site.routes["/page"] = route
    policy = FetchPolicy.local_test(site.port)
    fetch(site.url("/page"), policy=policy)
    monkeypatch.setattr(fetch_module, "KEEP_IDLE_SECONDS", 0.0)
    time.sleep(0.01)
    assert fetch(site.url("/page"), policy=policy).body == b"<p>Fares rose by 4%.</p>"
    assert len(route.ports) == 2


@pytest.mark.parametrize(
    "second_answer",
    [
        # Bytes sent late after the first answer (a length counted in characters, a stray
        # newline), read where the second answer should start.
        b"-->\n",
        # A server that cannot answer a second request on one connection.
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: 1\r\n" % n for n in range(120)) + b"\r\n",
    ],
)
def test_an_answer_spoiled_on_a_kept_connection_is_asked_for_again_on_a_new_one(
    site, second_answer
):
    # A fetch on a connection of its own would have had the page.
    def spoiled(handler):
        handler.wfile.write(second_answer)
        handler.close_connection = True

    _page_comes_on_a_new_connection(site, spoiled)


def test_a_request_timeout_on_a_kept_connection_is_asked_for_again_on_a_new_one(site):
    # A server that closes a connection for idling as the request comes in may answer 408
    # (HAProxy does), which says the request may be sent again on a new connection.
    def timed_out(handler):
        handler.reply(408, b"", "text/plain", [("Connection", "close")])
        handler.close_connection = True

    _page_comes_on_a_new_connection(site, timed_out)


def test_a_request_timeout_on_a_new_connection_is_the_answer(site):
    site.routes["/page"] = lambda handler: handler.reply(408, b"", "text/plain")
    with refused_saying(FetchError, "408"):
        fetch(site.url("/page"), policy=FetchPolicy.local_test(site.port))
    assert len(site.seen) == 1


def test_a_site_that_went_down_fails_on_a_kept_connection_too():
    # The link watch must see a site go down, not a connection it kept from before.
    server = Server()
    server.routes["/"] = page()
    policy = FetchPolicy.local_test(server.port)
    try:
        fetch(server.url("/"), policy=policy)
    finally:
        server.close()
    with pytest.raises(FetchError):
        fetch(server.url("/"), policy=policy)


def test_a_thread_keeps_connections_for_a_few_policies_only():
    # Each local test server's policy is another: the connections kept for the earliest are
    # closed, not held open for the life of the thread.
    servers = [Server() for _ in range(fetch_module.KEPT_POLICIES + 2)]
    try:
        for server in servers:
            server.routes["/"] = page()
            fetch(server.url("/"), policy=FetchPolicy.local_test(server.port))
        deadline = time.monotonic() + 5
        while not servers[1].ended and time.monotonic() < deadline:
            time.sleep(0.01)
        assert servers[0].ended and servers[1].ended
        assert not servers[-1].ended
    finally:
        for server in servers:
            server.close()


def test_a_tls_connection_holding_bytes_after_its_answer_is_not_used_again(tls_pair):
    # Bytes the server sent after its answer wait decrypted inside the TLS socket, where the
    # check for a closed connection cannot see them; they would be read as the next answer.
    ours, theirs = tls_pair

    class Kept:
        sock = ours
        idle_since = time.monotonic()

    assert fetch_module.fit_to_reuse(Kept, time.monotonic())
    theirs.sendall(b"HTTP/1.1 200 OK\r\n")
    assert ours.recv(1) == b"H"
    assert fetch_module.fit_to_reuse(Kept, time.monotonic()) is False


def test_the_time_limit_shuts_a_tls_connection_down():
    # A kept connection to an https site is a TLS socket, which has no dup() of its own.
    ours, theirs = socket.socketpair()
    context = ssl.create_default_context()
    wrapped = context.wrap_socket(ours, do_handshake_on_connect=False, server_hostname="a.test")
    theirs.settimeout(5)
    try:
        deadlines.watch(wrapped, time.monotonic())
        assert theirs.recv(1) == b""  # shut down: the other end reads the end of the stream
    finally:
        wrapped.close()
        theirs.close()


@pytest.fixture
def tls_pair(tmp_path):
    """Two ends of a TLS connection over a socket pair: ours (the client's) and theirs."""
    server_context = _test_certificate(tmp_path)
    client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_context.check_hostname = False
    client_context.verify_mode = ssl.CERT_NONE
    ours, theirs = socket.socketpair()
    wrapped = {}
    handshake = threading.Thread(
        target=lambda: wrapped.update(theirs=server_context.wrap_socket(theirs, server_side=True))
    )
    handshake.start()
    ours = client_context.wrap_socket(ours, server_hostname="news.test")
    handshake.join(5)
    yield ours, wrapped["theirs"]
    ours.close()
    wrapped["theirs"].close()


# --- refusals known without the network ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/intranet/report",
        "http://127.0.0.1/x",
        "http://[::1]/",
        "http://[::ffff:10.0.0.8]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/",
        "http://news.example:8080/",
        "http://93.184.216.34:22/",
        "ftp://news.example/story",
        "http://editor:secret@news.example/",
        "http://\u24d4xample.com/",
        "http://127.0.0.1\u3002/",
    ],
)
def test_a_refusal_known_without_the_network_is_the_one_a_fetch_gives(url, fake_dns, caplog):
    with caplog.at_level(logging.WARNING, logger="factcheck.network.fetch"):
        known = refused_without_network(url)
    assert known is not None and caplog.text == ""  # said, not logged: nothing was fetched
    assert fake_dns["calls"] == []
    with pytest.raises(FetchError) as refused:
        fetch(url)
    assert (known.code, known.facts) == (refused.value.code, refused.value.facts)


@pytest.mark.parametrize(
    "url",
    [
        "https://intranet.example/report",  # resolves to a private address today
        "http://localhost/",
        "https://news.example/story",
        "http://93.184.216.34/",
        "http://[2606:2800:220:1:248:1893:25c8:1946]/",
        "http://127.1/",  # no address as Python reads one: the resolver's to judge
    ],
)
def test_a_host_name_or_a_public_address_waits_for_the_fetch(url, fake_dns):
    # What a name resolves to changes: it is judged as each fetch goes out, never ahead.
    fake_dns["intranet.example"] = ["10.0.0.5"]
    assert refused_without_network(url) is None
    assert fake_dns["calls"] == []


def test_an_opened_policy_refuses_without_the_network_only_what_it_still_refuses(site):
    opened = FetchPolicy.local_test(site.port)
    assert refused_without_network(site.url("/report"), opened) is None
    assert refused_without_network(site.url("/report")).code == "port"
    other_port = FetchPolicy(allowed_ports=None, loopback_ports=frozenset({site.port + 1}))
    assert refused_without_network(site.url("/report"), other_port).code == "private_address"
    assert refused_without_network("http://10.0.0.1/", opened).code == "private_address"
    assert site.seen == []
