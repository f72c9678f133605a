"""What the busiest pages cost to build: CPU per request split into Jinja and SQL, statements run
and HTML bytes, for the queue, the dashboard, the article page and a verdict saved on the claim
panel, each against /healthz's CPU in the same run (its floor).

Requests run in process through Flask's test client, signed in through the form; CPU is the
thread's own time (time.thread_time), so other work on the machine does not count, and neither
does waiting for the disk. The database is a copy of BENCH_DB (a generated one, e.g.
`factcheck --db X dev generate --articles 25000`), or, without it, BENCH_ARTICLES generated
articles (2,000 by default). Each figure is the median of BENCH_ROUNDS requests.
"""

import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
SPENT: Counter = Counter()


class TimedCursor(sqlite3.Cursor):
    """A cursor that adds the CPU its statements and fetches take to SPENT["sql"]."""

    def _timed(self, method, *args):
        start = time.thread_time()
        try:
            return method(*args)
        finally:
            SPENT["sql"] += time.thread_time() - start

    def execute(self, *args):
        SPENT["statements"] += 1
        return self._timed(super().execute, *args)

    def executemany(self, *args):
        SPENT["statements"] += 1
        return self._timed(super().executemany, *args)

    def fetchone(self):
        return self._timed(super().fetchone)

    def fetchmany(self, *args):
        return self._timed(super().fetchmany, *args)

    def fetchall(self):
        return self._timed(super().fetchall)

    def __next__(self):
        return self._timed(super().__next__)


from factcheck.db import Connection  # noqa: E402


class TimedConnection(Connection):
    """The store's connection, its statements timed: the store connects with its own factory,
    which this one extends."""

    def cursor(self, factory=TimedCursor):
        return super().cursor(factory)

    def execute(self, *args):
        return self.cursor().execute(*args)

    def executemany(self, *args):
        return self.cursor().executemany(*args)


_connect = sqlite3.connect


def timed_connect(*args, **kwargs):
    kwargs["factory"] = TimedConnection
    return _connect(*args, **kwargs)


sqlite3.connect = timed_connect

import flask.templating  # noqa: E402

_render = flask.templating._render


def timed_render(app, template, context):
    start = time.thread_time()
    try:
        return _render(app, template, context)
    finally:
        SPENT["jinja"] += time.thread_time() - start


flask.templating._render = timed_render

from factcheck.app import create_app  # noqa: E402
from factcheck.devdata.people import DEV_PASSWORD  # noqa: E402


def database_copy(folder: Path) -> Path:
    path = folder / "factcheck.db"
    given = os.environ.get("BENCH_DB")
    if given:
        for suffix in ("", ".audit_key", ".audit_checkpoint"):
            if Path(given + suffix).exists():
                shutil.copy(given + suffix, str(path) + suffix)
        return path
    subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(path), "dev", "generate"]
        + ["--articles", str(ARTICLES)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


def signed_in(app, username: str):
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = client.post(
        "/sign-in",
        data={"username": username, "password": DEV_PASSWORD},
        headers={"X-CSRFToken": token},
    )
    assert answer.status_code == 303, "sign-in failed: is this a generated database?"
    token = re.search(r'"X-CSRFToken": "([^"]+)"', client.get("/").get_data(as_text=True))
    return client, {"HX-Request": "true", "X-CSRFToken": token.group(1)}


def measure(request) -> dict:
    """Medians over ROUNDS requests (after two to warm up) of CPU, Jinja, SQL and bytes."""
    rounds = []
    for number in range(ROUNDS + 2):
        SPENT.clear()
        start = time.thread_time()
        answer = request(number)
        total = time.thread_time() - start
        assert answer.status_code == 200, answer.status_code
        if number >= 2:
            rounds.append({**SPENT, "total": total, "bytes": len(answer.get_data())})
    return {key: statistics.median(r.get(key, 0) for r in rounds) for key in rounds[0]}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = database_copy(Path(folder))
        app = create_app({"DATABASE": str(path), "TESTING": True, "QUERY_TIME_LIMIT_MS": 0})
        editor, _ = signed_in(app, "grace")
        reviewer, hx = signed_in(app, "nadia")
        db = sqlite3.connect(path)
        claim_id, article_id = db.execute(
            "SELECT id, article_id FROM claims WHERE kind = 'claim' AND status = 'unreviewed'"
            " AND article_id = (SELECT article_id FROM claims GROUP BY article_id"
            "   ORDER BY count(*) DESC LIMIT 1) LIMIT 1"
        ).fetchone()

        def verdict(number: int):
            version = db.execute("SELECT version FROM claims WHERE id = ?", [claim_id])
            return reviewer.post(
                f"/claims/{claim_id}/verdict",
                data={
                    "expected_version": version.fetchone()[0],
                    "rating": "unverifiable",
                    "rationale": f"No public record gives this figure; checked again, round {number}.",
                    "intent": "save",
                    "comment": "",
                },
                headers=hx,
            )

        floor = measure(lambda _: editor.get("/healthz"))
        cases = [
            ("queue page", lambda _: editor.get("/queue")),
            ("queue results (htmx)", lambda _: editor.get("/queue", headers=hx)),
            ("dashboard", lambda _: editor.get("/")),
            ("article page", lambda _: editor.get(f"/articles/{article_id}?claim={claim_id}")),
            ("verdict on the panel (htmx)", verdict),
        ]
        claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
        print(f"render cost on {claims:,} claims, median of {ROUNDS} requests, thread CPU:")
        print(f"  /healthz (floor): {floor['total'] * 1000:.2f} ms")
        for name, request in cases:
            cost = measure(request)
            print(
                f"  {name}: {cost['total'] * 1000:.1f} ms CPU"
                f" (Jinja {cost['jinja'] * 1000:.1f} ms, SQL {cost['sql'] * 1000:.1f} ms,"
                f" {cost['statements']:.0f} statements), {cost['bytes'] / 1024:.1f} KB HTML,"
                f" {cost['total'] / floor['total']:.1f}x /healthz"
            )
        db.close()


if __name__ == "__main__":
    main()
