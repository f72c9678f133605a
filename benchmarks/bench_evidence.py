"""Archiving evidence with quote checks, against a floor of plain fetches that write each page's
bytes to disk, measured in the same run on pages served from 127.0.0.1 (page by page in turn, so
the machine's load falls on both alike); then the link watch's re-check rate for pages that have
not changed.

Ours: the safe fetcher (address vetting, manual redirects, byte cap), article extraction,
the copy's bytes stored once per sha256, the quote looked up in its text, and one durable
transaction with its audit row per page. The floor: one plain GET per page and a file write,
also timed with each file synced to disk (our commit is durable). Our fetcher keeps a
connection to each site between fetches, which a plain GET does not: the same GETs on one kept
http.client connection are timed too, so that the gain of that alone is seen.

Times are wall-clock, with the CPU time of this process beside them (the local server's threads
included, on both sides alike): under a shared machine's load the CPU ratio moves less. Last,
a sample of pages is archived again step by step (the steps archive_jobs takes, timed one by one)
to show where our time goes, and the quote check is timed on the real pages of extraction-dev,
whose curly quotes, dashes and accents the generated pages (plain ASCII) do not have."""

import gzip
import hashlib
import html
import http.client
import os
import random
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extraction import corpus_dir  # noqa: E402
from corpus import corpus  # noqa: E402

from factcheck import archive_jobs, copies, link_watch, quote_check  # noqa: E402
from factcheck import db as database  # noqa: E402
from factcheck.network.fetch import FetchPolicy, fetch  # noqa: E402
from factcheck.store import evidence as evidence_store  # noqa: E402
from factcheck.store import snapshots as snapshot_store  # noqa: E402
from factcheck.store.actors import SYSTEM  # noqa: E402
from factcheck.store.users import actor_for, add_user  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "2000"))
STEP_PAGES = int(os.environ.get("BENCH_STEP_PAGES", "300"))
TARGET_RATIO = 2.0


def _page(number: int, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>Report {number}</title></head><body><nav>Home</nav>"
        f"<article><h1>Report {number}</h1>{paragraphs}</article><footer>About us</footer>"
        "</body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = self.server.pages.get(self.path)
        status = 200 if body is not None else 404
        body = body if body is not None else b"not here"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(pages: dict[str, bytes]):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.pages = pages
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def floor_page(url: str, out: Path, *, durable: bool) -> float:
    """One plain GET and a file write of its bytes; `durable` also syncs the file to the disk,
    as our archive's commit does (SQLite with synchronous=FULL). Returns the seconds taken."""
    started = time.perf_counter()
    with requests.get(url, timeout=10) as response:
        body = response.content
    with open(out, "wb") as handle:
        handle.write(body)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    return time.perf_counter() - started


def prepare(urls: list[str], quotes: list[str], path: Path) -> None:
    """One quoted evidence item citing each page."""
    db = database.connect(path)
    add_user(
        db,
        "bench",
        role="reviewer",
        password="archive bench correct horse",
        display_name=None,
        actor=SYSTEM,
    )
    actor = actor_for(db, "bench")
    claims = [
        row[0] for row in db.execute("SELECT id FROM claims WHERE kind = 'claim' ORDER BY id")
    ]
    for url, quote, claim_id in zip(urls, quotes, claims, strict=False):
        evidence_store.add_evidence(
            db, claim_id, url=url, stance="supports", quote=quote, actor=actor
        )
    db.close()


def _timed(totals: Counter, cpu: Counter, name: str, started: tuple[float, float]) -> None:
    totals[name] += time.perf_counter() - started[0]
    cpu[name] += time.process_time() - started[1]


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def kept_floor_page(connection: http.client.HTTPConnection, url: str, out: Path) -> None:
    """One GET on a kept connection and a file write of its bytes. Its acknowledgements go out
    at once, as our fetcher's do: the local server writes headers and page apart, and would
    otherwise wait some 40 ms for a delayed one."""
    connection.request("GET", urlsplit(url).path)
    if hasattr(socket, "TCP_QUICKACK"):  # Linux's
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    body = connection.getresponse().read()
    with open(out, "wb") as handle:
        handle.write(body)


def interleaved(urls: list[str], folder: Path, path: Path, policy: FetchPolicy):
    """Seconds (wall and CPU) for the floor, the synced floor, the floor on a kept connection
    and our archive, page by page in turn, so that a change in the machine's load falls on all
    four alike."""
    totals: Counter = Counter()
    cpu: Counter = Counter()
    kept = http.client.HTTPConnection("127.0.0.1", urlsplit(urls[0]).port, timeout=10)
    for number, url in enumerate(urls):
        started = _now()
        floor_page(url, folder / f"{number}.html", durable=False)
        _timed(totals, cpu, "floor", started)
        started = _now()
        floor_page(url, folder / f"{number}.synced.html", durable=True)
        _timed(totals, cpu, "synced", started)
        started = _now()
        kept_floor_page(kept, url, folder / f"{number}.kept.html")
        _timed(totals, cpu, "kept", started)
        started = _now()
        archive_jobs.archive_evidence.call_local(str(path), url, policy)
        _timed(totals, cpu, "ours", started)
    kept.close()
    return totals, cpu


def steps(urls: list[str], quotes: list[str], path: Path, policy: FetchPolicy):
    """Archive these pages again, timing each step archive_jobs takes: the safe fetch, the copy's
    title and text, its sha256, and the one durable transaction (copy, bytes, quote checks and
    audit row, then the audit checkpoint). The quote check inside that transaction is also timed
    on its own, outside it."""
    totals: Counter = Counter()
    cpu: Counter = Counter()
    db = database.kept_connection(path)
    for url, quote in zip(urls, quotes, strict=True):
        started = _now()
        page = fetch(
            url,
            policy=policy,
            accept=archive_jobs.ARCHIVE_TYPES,
            max_bytes=archive_jobs.ARCHIVE_MAX_BYTES,
        )
        _timed(totals, cpu, "safe fetch", started)
        started = _now()
        title, text = copies.title_and_text(page.body, page.content_type, page.encoding, page.url)
        _timed(totals, cpu, "title and text (trafilatura)", started)
        started = _now()
        sha256 = hashlib.sha256(page.body).hexdigest()
        _timed(totals, cpu, "sha256", started)
        started = _now()
        snapshot_store.record_snapshot(
            db,
            url,
            actor=SYSTEM,
            status="archived",
            http_status=page.status,
            content_type=page.content_type,
            content_sha256=sha256,
            title=title,
            text=text,
            body=page.body,
        )
        _timed(totals, cpu, "durable transaction and checkpoint", started)
        started = _now()
        quote_check.check_quote(quote, text)
        _timed(totals, cpu, "  of which the quote check", started)
    return totals, cpu


def real_page_quotes() -> tuple[int, float, float] | None:
    """CPU ms a page for the quote check on the real pages of extraction-dev, with a quote taken
    from each page's text and with that quote misquoted (a word changed, one dropped); None
    without the corpus."""
    pages = sorted(corpus_dir().glob("*.html.gz"))
    if not pages:
        return None
    texts = []
    for page in pages:
        _, text = copies.title_and_text(gzip.decompress(page.read_bytes()), "text/html", None, None)
        texts.append(text or "")
    rng = random.Random(13)
    exact, misquoted = [], []
    for text in texts:
        words = text.split()
        first = rng.randrange(max(1, len(words) - 12))
        quote = words[first : first + 12]
        exact.append(" ".join(quote))
        misquoted.append(" ".join([*quote[:2], "misquoted", *quote[3:5], *quote[6:]]))
    times = []
    for quotes in (exact, misquoted):
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for quote, text in zip(quotes, texts, strict=True):
                quote_check.check_quote(quote, text)
            best = min(best, time.process_time() - started)
        times.append(best / len(texts) * 1000)
    return len(texts), times[0], times[1]


def main() -> int:
    from factcheck.importers import from_text
    from factcheck.ingest import ingest_imported

    texts = corpus(PAGES)
    pages = {f"/report/{n}": _page(n, text) for n, text in enumerate(texts)}
    quotes = [text.split("\n\n")[1].split(". ")[0] for text in texts]
    server = _serve(pages)
    port = server.server_address[1]
    urls = [f"http://127.0.0.1:{port}{route}" for route in pages]
    policy = FetchPolicy.local_test(port)
    try:
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            path = folder / "bench.db"
            db = database.connect(path)
            database.migrate(db)
            # Enough claims to hang one page of evidence on each.
            for text in texts:
                ingest_imported(db, from_text(text.encode()), actor=SYSTEM)
                if (
                    db.execute("SELECT count(*) FROM claims WHERE kind = 'claim'").fetchone()[0]
                    >= PAGES
                ):
                    break
            db.close()
            prepare(urls, quotes, path)
            # The database stays open while the pages are archived, as a running server's is.
            db = database.connect(path)
            totals, cpu = interleaved(urls, folder, path, policy)
            db.close()
            floor_seconds, durable_seconds = totals["floor"], totals["synced"]
            ours_seconds = totals["ours"]
            db = database.connect(path)
            found = db.execute(
                "SELECT count(*) FILTER (WHERE status IN ('found', 'approximate')), count(*)"
                " FROM quote_checks"
            ).fetchone()
            started = time.perf_counter()
            summary = link_watch.check_links(
                db,
                older_than=link_watch.parse_age("0m"),
                limit=PAGES,
                per_host=PAGES,
                host_delay=0,
                policy=policy,
            )
            recheck_seconds = time.perf_counter() - started
            counts = summary.counts()
            stored = db.execute("SELECT count(*), sum(size) FROM snapshot_files").fetchone()
            db.close()
            sample = min(STEP_PAGES, PAGES)
            step_totals, step_cpu = steps(urls[:sample], quotes[:sample], path, policy)
    finally:
        server.shutdown()
        server.server_close()
    print(f"pages: {PAGES} generated articles served from 127.0.0.1")
    print(f"floor (plain GET + write the bytes to disk): {PAGES / floor_seconds:8.1f} pages/s")
    print(f"  the same, each file synced to disk:       {PAGES / durable_seconds:8.1f} pages/s")
    print(
        f"  the same, on one kept connection:         {PAGES / totals['kept']:8.1f} pages/s"
        " (as our fetcher keeps one a site)"
    )
    print(
        f"archive + quote check (safe fetch, extraction, audit): {PAGES / ours_seconds:8.1f}"
        f" pages/s; {found[0]} of {found[1]} quotes found; {stored[0]} files,"
        f" {stored[1] / 1e6:.1f} MB stored"
    )
    print(
        f"ratio: {ours_seconds / floor_seconds:.2f}x the floor's time,"
        f" {ours_seconds / durable_seconds:.2f}x the synced floor's,"
        f" {ours_seconds / totals['kept']:.2f}x the kept connection's (aim: within"
        f" {TARGET_RATIO:.0f}x the floor's)"
    )
    print(
        f"CPU time a page: floor {cpu['floor'] / PAGES * 1000:.2f} ms, synced floor"
        f" {cpu['synced'] / PAGES * 1000:.2f} ms, ours {cpu['ours'] / PAGES * 1000:.2f} ms;"
        f" ratio {cpu['ours'] / cpu['floor']:.2f}x the floor's, {cpu['ours'] / cpu['synced']:.2f}x"
        " the synced floor's"
    )
    print(
        f"recheck of unchanged pages: {PAGES / recheck_seconds:8.1f} pages/s"
        f" ({counts['unchanged']} unchanged, {counts['changed']} changed,"
        f" {counts['failed']} failing)"
    )
    print(f"where our time goes, {sample} pages archived again step by step (wall, CPU a page):")
    for name in step_totals:
        print(
            f"  {name:38s} {step_totals[name] / sample * 1000:6.2f} ms"
            f" {step_cpu[name] / sample * 1000:6.2f} ms"
        )
    real = real_page_quotes()
    if real is not None:
        print(
            f"quote check on {real[0]} real pages (extraction-dev, typography as published):"
            f" {real[1]:.2f} ms a page for a quote from the page, {real[2]:.2f} ms misquoted"
        )
    digest = hashlib.sha256(b"".join(pages.values())).hexdigest()[:12]
    print(f"corpus digest: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
