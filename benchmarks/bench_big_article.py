"""Big articles: the article page and the printable report of a 50,000-paragraph article, against
the same for a 100-paragraph one.

Both articles are HTML news pages of short paragraphs (one corpus sentence each), imported into a
temporary database through the real pipeline (importers.load, then ingest_imported), and read
through the Flask test client as a signed-in reviewer. The floor is the 100-paragraph article's
time per paragraph for the same request, measured in the same run; the target is that the big
article costs at most TARGET_RATIO times as much per paragraph. Each kind of request runs in its
own child process, big and small in turn, BENCH_ROUNDS times after one warm-up, and the best round
counts. Memory is the child's growth: its high-water mark at the end (reset before the first
request, Linux only) minus its resident size before its first request.
"""

import multiprocessing
import os
import queue
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import _sentence  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck import importers  # noqa: E402
from factcheck.app import create_app  # noqa: E402
from factcheck.ingest import ingest_imported  # noqa: E402
from factcheck.store import (
    claim_reads,  # noqa: E402
    users,  # noqa: E402
)
from factcheck.store.actors import SYSTEM  # noqa: E402

SMALL = 100
BIG = int(os.environ.get("BENCH_PARAGRAPHS", "50000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TARGET_RATIO = 10.0
PASSWORD = "a long enough password"


def news_page(paragraphs: int) -> bytes:
    """An HTML article of `paragraphs` short paragraphs, like a long live blog."""
    rng = random.Random(paragraphs)
    body = "".join(f"<p>{_sentence(rng)}</p>\n" for _ in range(paragraphs))
    return (
        f"<!doctype html><html><head><title>Live: {paragraphs} updates</title></head><body>"
        f"<article><h1>Live: {paragraphs} updates from the council</h1>\n{body}</article>"
        "</body></html>"
    ).encode()


def build(db_path: Path, folder: Path, results) -> None:
    """Import both articles (in a child process, so the parent stays small for the others)."""
    db = database.connect(db_path)
    database.migrate(db)
    users.add_user(db, "rita", role="reviewer", password=PASSWORD, display_name=None, actor=SYSTEM)
    for paragraphs in (SMALL, BIG):
        page = folder / f"article-{paragraphs}.html"
        page.write_bytes(news_page(paragraphs))
        started = time.perf_counter()
        imported = importers.load(str(page), format="html")
        result = ingest_imported(db, imported)
        seconds = time.perf_counter() - started
        units = claim_reads.claims_for_article(db, result.article_id)
        middle = units[len(units) // 2]["id"]
        results.put(
            (paragraphs, result.article_id, len(units), middle, seconds, page.stat().st_size)
        )
    db.close()


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    """Start this process's high-water mark afresh (a forked child inherits its parent's)."""
    Path("/proc/self/clear_refs").write_text("5")


def _client(db_path: Path):
    app = create_app({"DATABASE": str(db_path), "TESTING": True})
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/sign-in", data={"username": "rita", "password": PASSWORD}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 303, response.status_code
    home = client.get("/").get_data(as_text=True)
    return client, re.search(r'"X-CSRFToken": "([^"]+)"', home).group(1)


def request_for(kind: str, article: dict, token: str):
    """The request a kind of measurement makes, as a function of the test client."""
    article_id, middle = article["id"], article["middle"]
    if kind == "article page, first part":
        return lambda c: c.get(f"/articles/{article_id}")
    if kind == "article page, part holding the middle claim":
        return lambda c: c.get(f"/articles/{article_id}?claim={middle}")
    if kind == "article page, last part":
        return lambda c: c.get(f"/articles/{article_id}?part=1000000")
    if kind == "claim panel (j/k), middle claim":
        return lambda c: c.get(f"/claims/{middle}/panel", headers={"HX-Request": "true"})
    if kind == "HTML report of the article":
        data = {"format": "html", "article": str(article_id), "csrf_token": token}
        return lambda c: c.post("/exports", data=data)
    raise ValueError(kind)


KINDS = (
    "article page, first part",
    "article page, part holding the middle claim",
    "article page, last part",
    "claim panel (j/k), middle claim",
    "HTML report of the article",
)


def measure(db_path: Path, kind: str, articles: dict, results) -> None:
    """In a child process: warm up, then time small and big in turn; report times, sizes and the
    growth of this process's memory."""
    client, token = _client(db_path)
    requests = {size: request_for(kind, article, token) for size, article in articles.items()}
    _reset_peak()
    resident_before = _status_kib("VmRSS")
    times = {size: [] for size in articles}
    sizes = {}
    for size, make in requests.items():
        response = make(client)
        assert response.status_code == 200, (kind, size, response.status_code)
    for _ in range(ROUNDS):
        for size, make in requests.items():
            started = time.perf_counter()
            response = make(client)
            times[size].append(time.perf_counter() - started)
            assert response.status_code == 200, (kind, size, response.status_code)
            sizes[size] = len(response.get_data())
    growth_mib = (_status_kib("VmHWM") - resident_before) / 1024
    results.put((kind, {size: min(values) for size, values in times.items()}, sizes, growth_mib))


def in_child(target, *args) -> list:
    """Run `target(*args, results)` in a forked child and return what it put on `results`."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=target, args=(*args, results))
    child.start()
    out = []
    while child.is_alive() or not results.empty():
        try:
            out.append(results.get(timeout=0.5))
        except queue.Empty:
            continue
    child.join()
    if child.exitcode:
        raise SystemExit(f"the child process for {target.__name__} failed ({child.exitcode})")
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db_path = folder / "bench.db"
        articles = {}
        imports = {}
        for paragraphs, article_id, units, middle, seconds, size in in_child(
            build, db_path, folder
        ):
            articles[paragraphs] = {"id": article_id, "middle": middle}
            imports[paragraphs] = (units, seconds, size)
        for paragraphs, (units, seconds, size) in imports.items():
            print(
                f"fixture: {paragraphs:>6} paragraphs, {size / 1e6:.2f} MB of HTML, {units} units,"
                f" imported in {seconds:.2f} s"
            )
        small_import = imports[SMALL][1] / SMALL
        print(
            f"import: {imports[BIG][1] / BIG * 1000:.3f} ms per paragraph against"
            f" {small_import * 1000:.3f} ms for {SMALL}:"
            f" ratio {imports[BIG][1] / BIG / small_import:.2f}x"
        )
        worst = 0.0
        for kind in KINDS:
            [(kind, best, sizes, growth)] = in_child(measure, db_path, kind, articles)
            floor = best[SMALL] / SMALL
            ours = best[BIG] / BIG
            ratio = ours / floor
            worst = max(worst, ratio)
            print(
                f"{kind}: {best[BIG] * 1000:.0f} ms for {BIG} paragraphs"
                f" ({sizes[BIG] / 1e6:.2f} MB), {best[SMALL] * 1000:.1f} ms for {SMALL}"
                f" ({sizes[SMALL] / 1e6:.2f} MB); per paragraph {ours * 1e6:.2f} us against"
                f" {floor * 1e6:.1f} us: ratio {ratio:.3f}x; memory growth {growth:.0f} MiB"
            )
    print(
        f"ratio: worst {worst:.3f}x the 100-paragraph article's time per paragraph, best of"
        f" {ROUNDS} (target: within {TARGET_RATIO:.0f}x)"
    )
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
