"""Archiving evidence with quote checks, against a floor of plain fetches that write each page's
bytes to disk, measured in the same run on pages served from 127.0.0.1 (page by page in turn, so
the machine's load falls on both alike); then the link watch's re-check rate for pages that have
not changed.

Ours: the safe fetcher (address vetting, manual redirects, byte cap), article extraction,
the copy's bytes stored once per sha256, the quote looked up in its text, and one durable
transaction with its audit row per page. The floor: one plain GET per page and a file write,
also timed with each file synced to disk (our commit is durable)."""

import hashlib
import html
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck import archive_jobs, link_watch  # noqa: E402
from factcheck import db as database  # noqa: E402
from factcheck.network.fetch import FetchPolicy  # noqa: E402
from factcheck.store import evidence as evidence_store  # noqa: E402
from factcheck.store.actors import SYSTEM  # noqa: E402
from factcheck.store.users import actor_for, add_user  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "2000"))
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
        db, "bench", role="reviewer", password="bench-password-1", display_name=None, actor=SYSTEM
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


def interleaved(urls: list[str], folder: Path, path: Path, policy: FetchPolicy) -> dict:
    """Seconds for the floor, the synced floor and our archive, page by page in turn, so that a
    change in the machine's load falls on all three alike."""
    totals = {"floor": 0.0, "synced": 0.0, "ours": 0.0}
    for number, url in enumerate(urls):
        totals["floor"] += floor_page(url, folder / f"{number}.html", durable=False)
        totals["synced"] += floor_page(url, folder / f"{number}.synced.html", durable=True)
        started = time.perf_counter()
        archive_jobs.archive_evidence.call_local(str(path), url, policy)
        totals["ours"] += time.perf_counter() - started
    return totals


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
            totals = interleaved(urls, folder, path, policy)
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
    finally:
        server.shutdown()
        server.server_close()
    print(f"pages: {PAGES} generated articles served from 127.0.0.1")
    print(f"floor (plain GET + write the bytes to disk): {PAGES / floor_seconds:8.1f} pages/s")
    print(f"  the same, each file synced to disk:       {PAGES / durable_seconds:8.1f} pages/s")
    print(
        f"archive + quote check (safe fetch, extraction, audit): {PAGES / ours_seconds:8.1f}"
        f" pages/s; {found[0]} of {found[1]} quotes found; {stored[0]} files,"
        f" {stored[1] / 1e6:.1f} MB stored"
    )
    print(
        f"ratio: {ours_seconds / floor_seconds:.2f}x the floor's time,"
        f" {ours_seconds / durable_seconds:.2f}x the synced floor's"
        f" (aim: within {TARGET_RATIO:.0f}x)"
    )
    print(
        f"recheck of unchanged pages: {PAGES / recheck_seconds:8.1f} pages/s"
        f" ({counts['unchanged']} unchanged, {counts['changed']} changed,"
        f" {counts['failed']} failing)"
    )
    digest = hashlib.sha256(b"".join(pages.values())).hexdigest()[:12]
    print(f"corpus digest: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
