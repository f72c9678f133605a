"""Concurrent writers: 16 signed-in clients posting comments, evidence and verdicts to the real
server, against a floor of 16 threads committing one-row INSERTs on plain sqlite3, same run.

The fixture is `factcheck dev generate --articles 300 --review-share 0` plus BENCH_CLIENTS people
(reviewers and editors). `factcheck serve --production` runs as a subprocess on a free port of
127.0.0.1; each client signs in through the form, then for BENCH_SECONDS posts what the claim
panel posts (with HX-Request and the page's X-CSRFToken) on claims drawn from a hot set of
BENCH_CLAIMS, so verdicts meet each other: a verdict is sent at the claim version the client last
saw in a panel, and a 409 is a conflict the client resolves by reading the panel again. Every
write carries a unique token. After the server stops (SIGTERM), the database must hold every
acknowledged (2xx) comment and evidence, every acknowledged verdict's rationale (in the audit
trail; the draft holds the newest), each claim's draft equal to its newest audited verdict.set,
a chain that `audit verify` accepts, and a clean integrity_check.

The floor: BENCH_CLIENTS threads on their own sqlite3 connections (WAL, synchronous=FULL,
busy_timeout), each committing one single-row INSERT per BEGIN IMMEDIATE transaction into a
scratch table in the same folder, for the same BENCH_SECONDS: rows/s. Exit status 1 when there
are errors (5xx, connection failures, unexpected answers), missing writes or a failed check.
"""

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

from factcheck import db as database
from factcheck.store import audit, users
from factcheck.store.actors import SYSTEM

SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "300"))
HOT_CLAIMS = int(os.environ.get("BENCH_CLAIMS", "48"))
# A bound on each client's writes, besides the clock.
MAX_WRITES_PER_CLIENT = 200_000
PASSWORD = "bench writers correct horse"
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 30
# The share of each kind of write; the rest are verdicts.
COMMENT_SHARE = 0.4
EVIDENCE_SHARE = 0.3
FACTCHECK = Path(sys.executable).with_name("factcheck")
# Settings from the caller's shell that would point the server elsewhere.
UNSET = ("FACTCHECK_DB", "FACTCHECK_JOBS_URL")

VERSION = re.compile(r'name="expected_version"\s+value="(\d+)"')
CSRF_FIELD = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_HEADER = re.compile(r'"X-CSRFToken":\s*"([^"]+)"')
PORT = re.compile(r"http://127\.0\.0\.1:(\d+)/")
TOKEN = re.compile(r"bw-[0-9a-f]{32}")


@dataclass
class Tally:
    """One client's results: what the server acknowledged, and every other outcome."""

    acknowledged: dict = field(
        default_factory=lambda: {"comment": [], "evidence": [], "verdict": []}
    )
    sent_verdicts: set = field(default_factory=set)
    conflicts: int = 0
    refusals: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    panel_reads: int = 0
    latencies: list = field(default_factory=list)


def run(*args: str, env: dict) -> str:
    done = subprocess.run(
        [str(FACTCHECK), *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode:
        raise SystemExit(f"factcheck {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build_fixture(path: Path, env: dict) -> tuple[list[str], list[int]]:
    """The generated newsroom, our clients' accounts, and the hot set of claims they write on."""
    run("--db", str(path), "init", env=env)
    run(
        "--db",
        str(path),
        "dev",
        "generate",
        "--articles",
        str(ARTICLES),
        "--review-share",
        "0",
        env=env,
    )
    db = database.connect(path)
    names = []
    for number in range(CLIENTS):
        name = f"bench{number:02d}"
        role = "reviewer" if number % 2 == 0 else "editor"
        users.add_user(db, name, role=role, password=PASSWORD, display_name=name, actor=SYSTEM)
        names.append(name)
    claims = [
        row[0]
        for row in db.execute(
            "SELECT id FROM claims WHERE kind = 'claim' AND status = 'unreviewed' ORDER BY id"
        )
    ]
    db.close()
    return names, random.Random(11).sample(claims, min(HOT_CLAIMS, len(claims)))


def start_server(path: Path, env: dict) -> tuple[subprocess.Popen, int, str]:
    """`serve --production --port 0`, or plain `serve` if that fails; waits for the port."""
    for extra in (["--production"], []):
        process = subprocess.Popen(
            [str(FACTCHECK), "--db", str(path), "serve", *extra, "--host", HOST, "--port", "0"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        lines: list[str] = []
        found = threading.Event()

        def read(process=process, lines=lines, found=found):
            for line in process.stdout:
                lines.append(line)
                if PORT.search(line):
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not found.is_set() and process.poll() is None:
            found.wait(0.1)
        match = next((PORT.search(line) for line in lines if PORT.search(line)), None)
        if match:
            port = int(match.group(1))
            if wait_until_up(port):
                return process, port, "serve " + " ".join(extra) if extra else "serve"
        stop_server(process)
        print(f"serve {' '.join(extra)} did not start:\n{''.join(lines)}", file=sys.stderr)
    raise SystemExit("the server did not start")


def wait_until_up(port: int) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://{HOST}:{port}/sign-in", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return False


def stop_server(process: subprocess.Popen) -> int:
    """SIGTERM (gunicorn finishes the requests in flight), then SIGKILL after a minute."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    return process.returncode


class Client:
    """One person at the workbench: a session signed in through the form, posting as htmx does."""

    def __init__(self, base: str, username: str, claims: list[int], seed: int):
        self.base = base
        self.username = username
        self.claims = claims
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.session.trust_env = False
        self.versions: dict[int, int] = {}
        self.tally = Tally()
        self.headers: dict[str, str] = {}

    def sign_in(self) -> None:
        form = self.session.get(f"{self.base}/sign-in", timeout=REQUEST_TIMEOUT)
        token = CSRF_FIELD.search(form.text).group(1)
        answer = self.session.post(
            f"{self.base}/sign-in",
            data={"csrf_token": token, "username": self.username, "password": PASSWORD},
            timeout=REQUEST_TIMEOUT,
        )
        page = self.session.get(f"{self.base}/", timeout=REQUEST_TIMEOUT)
        match = CSRF_HEADER.search(page.text)
        if answer.status_code != 200 or not match:
            raise SystemExit(f"{self.username} could not sign in: {answer.status_code}")
        self.headers = {"HX-Request": "true", "X-CSRFToken": match.group(1)}

    def _remember_version(self, claim_id: int, html: str) -> None:
        match = VERSION.search(html)
        if match:
            self.versions[claim_id] = int(match.group(1))

    def _panel_version(self, claim_id: int) -> int | None:
        """Open the claim's panel, as a reviewer does before rating it."""
        self.tally.panel_reads += 1
        try:
            answer = self.session.get(
                f"{self.base}/claims/{claim_id}/panel",
                headers=self.headers,
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException as error:
            self.tally.errors[f"panel {type(error).__name__}"] += 1
            return None
        if answer.status_code != 200:
            self.tally.errors[f"panel {answer.status_code}"] += 1
            return None
        self._remember_version(claim_id, answer.text)
        return self.versions.get(claim_id)

    def write_once(self) -> None:
        claim_id = self.rng.choice(self.claims)
        token = f"bw-{uuid.uuid4().hex}"
        pick = self.rng.random()
        if pick < COMMENT_SHARE:
            kind, path = "comment", "comments"
            data = {"comment": f"{self.username} checked the figures, {token}"}
            identity = token
        elif pick < COMMENT_SHARE + EVIDENCE_SHARE:
            # A loopback address on the discard port: nothing outside this machine is touched,
            # even if something fetches it (in --production nothing runs the archive jobs).
            kind, path = "evidence", "evidence"
            identity = f"http://127.0.0.1:9/bench/{token}"
            data = {
                "url": identity,
                "stance": self.rng.choice(["supports", "refutes"]),
                "quote": "",
                "note": f"bench {token}",
            }
        else:
            kind, path = "verdict", "verdict"
            identity = token
            data = {
                "rating": self.rng.choice(["false", "accurate", "mixed", "unverifiable"]),
                "rationale": f"The records we checked by {self.username} settle this claim,"
                f" see {token}.",
                "intent": "save",
                "comment": "",
            }
        version = self.versions.get(claim_id)
        if version is None and kind == "verdict":
            version = self._panel_version(claim_id)
            if version is None:
                return
        data["expected_version"] = str(version if version is not None else 0)
        if kind == "verdict":
            self.tally.sent_verdicts.add(token)
        started = time.perf_counter()
        try:
            answer = self.session.post(
                f"{self.base}/claims/{claim_id}/{path}",
                data=data,
                headers=self.headers,
                timeout=REQUEST_TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            self.tally.errors[f"{kind} {type(error).__name__}"] += 1
            return
        self.tally.latencies.append(time.perf_counter() - started)
        status = answer.status_code
        if 200 <= status < 300:
            self.tally.acknowledged[kind].append((claim_id, identity))
            self._remember_version(claim_id, answer.text)
        elif status == 409:
            self.tally.conflicts += 1
            self.versions.pop(claim_id, None)
        elif 400 <= status < 500:
            self.tally.refusals[f"{kind} {status}"] += 1
            self.versions.pop(claim_id, None)
        else:
            self.tally.errors[f"{kind} {status}"] += 1

    def work(self, start: threading.Barrier, deadline_box: list) -> None:
        start.wait()
        deadline = deadline_box[0]
        for _ in range(MAX_WRITES_PER_CLIENT):
            if time.monotonic() >= deadline:
                break
            self.write_once()


def run_together(threads, start: threading.Barrier, deadline_box: list, join_seconds) -> float:
    """Start the threads, set the common deadline, release them at once; the seconds they ran."""
    for thread in threads:
        thread.start()
    deadline_box[0] = time.monotonic() + SECONDS
    started = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join(join_seconds)
    return time.perf_counter() - started


def load(base: str, names: list[str], claims: list[int]) -> tuple[list[Tally], float]:
    clients = [Client(base, name, claims, seed) for seed, name in enumerate(names)]
    for client in clients:
        client.sign_in()
    start = threading.Barrier(len(clients) + 1)
    deadline_box = [0.0]
    threads = [
        threading.Thread(target=c.work, args=(start, deadline_box), daemon=True) for c in clients
    ]
    elapsed = run_together(threads, start, deadline_box, SECONDS + REQUEST_TIMEOUT + 30)
    for client in clients:
        client.session.close()
    return [c.tally for c in clients], elapsed


def floor(folder: Path) -> tuple[int, float]:
    """16 threads, one durable single-row transaction at a time each, for SECONDS: rows written."""
    path = folder / "floor.db"
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode = WAL")
    setup.execute(
        "CREATE TABLE scratch (id INTEGER PRIMARY KEY, writer INTEGER, body TEXT, at TEXT)"
    )
    # Held open until the end, so the writers never race each other to open the WAL afresh.
    counts = [0] * CLIENTS
    failures = Counter()
    start = threading.Barrier(CLIENTS + 1)
    deadline_box = [0.0]

    def writer(number: int) -> None:
        conn = sqlite3.connect(path, isolation_level=None, timeout=database.BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {database.BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = FULL")
        start.wait()
        deadline = deadline_box[0]
        for _ in range(MAX_WRITES_PER_CLIENT * 10):
            if time.monotonic() >= deadline:
                break
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO scratch (writer, body, at) VALUES (?, ?, ?)",
                    [number, f"bw-{uuid.uuid4().hex}", database.utc_now()],
                )
                conn.execute("COMMIT")
                counts[number] += 1
            except sqlite3.Error as error:
                failures[str(error)] += 1
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        conn.close()

    threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(CLIENTS)]
    elapsed = run_together(threads, start, deadline_box, SECONDS + 60)
    stored = setup.execute("SELECT count(*) FROM scratch").fetchone()[0]
    setup.close()
    if failures or stored != sum(counts):
        # Seen: a few transactions that waited out the whole busy timeout, since SQLite's busy
        # wait is not first come, first served. They are retried, not counted.
        print(f"floor: {dict(failures)}; {stored} rows stored of {sum(counts)}", flush=True)
    return stored, elapsed


def check_database(path: Path, tallies: list[Tally]) -> dict:
    """What the database holds against what the clients were told was saved."""
    db = database.connect(path)
    comments = {
        (row[0], match.group(0))
        for row in db.execute("SELECT claim_id, body FROM comments WHERE body LIKE '%bw-%'")
        for match in [TOKEN.search(row[1])]
        if match
    }
    evidence = {
        (row[0], row[1])
        for row in db.execute("SELECT claim_id, url FROM evidence WHERE url LIKE '%/bench/bw-%'")
    }
    audited = {}  # (claim, token) -> audit id, for every verdict.set that was committed
    newest = {}  # claim -> token of its newest audited verdict.set
    for audit_id, claim_id, after in db.execute(
        "SELECT id, record_id, after FROM audit WHERE action = 'verdict.set' ORDER BY id"
    ):
        rationale = json.loads(after)["verdict_draft"]["rationale"]
        match = TOKEN.search(rationale)
        if match:
            audited[(claim_id, match.group(0))] = audit_id
            newest[claim_id] = match.group(0)
    drafts = {}
    for claim_id, rationale in db.execute(
        "SELECT claim_id, rationale FROM verdicts WHERE state = 'draft' AND rationale LIKE '%bw-%'"
    ):
        drafts[claim_id] = TOKEN.search(rationale).group(0)
    acknowledged = {kind: set() for kind in ("comment", "evidence", "verdict")}
    for tally in tallies:
        for kind, items in tally.acknowledged.items():
            acknowledged[kind].update(items)
    sent = set().union(*(t.sent_verdicts for t in tallies))
    missing = {
        "comment": len(acknowledged["comment"] - comments),
        "evidence": len(acknowledged["evidence"] - evidence),
        "verdict": len(acknowledged["verdict"] - set(audited)),
    }
    # A verdict the server saved but the client never heard about (it timed out) is extra.
    extra = {
        "comment": len(comments - acknowledged["comment"]),
        "evidence": len(evidence - acknowledged["evidence"]),
        "verdict": len(set(audited) - acknowledged["verdict"]),
    }
    stale_drafts = sorted(c for c in newest if drafts.get(c) != newest[c])
    unsent = sorted(c for c, token in drafts.items() if token not in sent)
    report = audit.verify(db)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    return {
        "missing": missing,
        "extra": extra,
        "stale_drafts": stale_drafts,
        "unsent_drafts": unsent,
        "verify_ok": report.ok,
        "verify_problems": [f"{p.kind} at row {p.row}: {p.message}" for p in report.problems][:5],
        "audit_rows": report.rows,
        "integrity": integrity,
    }


def main() -> int:
    env = {key: value for key, value in os.environ.items() if key not in UNSET}
    with tempfile.TemporaryDirectory(prefix="bench-writers-") as folder:
        folder = Path(folder)
        path = folder / "factcheck.db"
        started = time.perf_counter()
        names, claims = build_fixture(path, env)
        print(
            f"fixture: {ARTICLES} generated articles, {len(names)} clients, a hot set of"
            f" {len(claims)} claims, {time.perf_counter() - started:.1f} s"
        )
        process, port, how = start_server(path, env)
        try:
            tallies, elapsed = load(f"http://{HOST}:{port}", names, claims)
        finally:
            code = stop_server(process)
        floor_rows, floor_elapsed = floor(folder)
        result = check_database(path, tallies)

    writes = {
        kind: sum(len(t.acknowledged[kind]) for t in tallies)
        for kind in ("comment", "evidence", "verdict")
    }
    total = sum(writes.values())
    conflicts = sum(t.conflicts for t in tallies)
    refusals = sum((t.refusals for t in tallies), Counter())
    errors = sum((t.errors for t in tallies), Counter())
    latencies = sorted(x for t in tallies for x in t.latencies)
    rate = total / elapsed
    floor_rate = floor_rows / floor_elapsed
    missing = sum(result["missing"].values())

    def percentile(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    print(f"server: factcheck {how}, stopped with status {code}")
    print(
        f"writes acknowledged: {total:,} in {elapsed:.1f} s = {rate:8.1f} writes/s"
        f" ({writes['comment']:,} comments, {writes['evidence']:,} evidence,"
        f" {writes['verdict']:,} verdicts; {sum(t.panel_reads for t in tallies):,} panel reads)"
    )
    if latencies:
        print(
            f"latency per write: median {percentile(0.5):.0f} ms, p95 {percentile(0.95):.0f} ms,"
            f" p99 {percentile(0.99):.0f} ms, max {latencies[-1] * 1000:.0f} ms"
        )
    print(
        f"floor (16 threads, one-row INSERT + COMMIT, WAL, synchronous=FULL):"
        f" {floor_rate:8.1f} rows/s"
    )
    print(
        f"ratio: {rate / floor_rate:.3f} of the floor's rate"
        f" (the floor commits {floor_rate / rate if rate else 0:.1f}x as many rows a second)"
    )
    print(f"conflicts (409): {conflicts:,}")
    print(f"refusals (other 4xx): {sum(refusals.values()):,} {dict(refusals) or ''}")
    error_count = sum(errors.values())
    print(f"errors (5xx, connection, other; must be 0): {error_count:,} {dict(errors) or ''}")
    print(f"missing acknowledged writes (must be 0): {missing} {result['missing']}")
    print(f"saved but not acknowledged: {result['extra']}")
    print(
        f"drafts differing from their newest audited verdict (must be 0):"
        f" {len(result['stale_drafts'])}; drafts nobody sent: {len(result['unsent_drafts'])}"
    )
    print(
        f"audit verify ({result['audit_rows']:,} rows): {'ok' if result['verify_ok'] else 'FAILED'}"
        f"{' ' + '; '.join(result['verify_problems']) if result['verify_problems'] else ''};"
        f" integrity_check: {result['integrity']}"
    )
    failed = (
        error_count
        or missing
        or result["stale_drafts"]
        or result["unsent_drafts"]
        or not result["verify_ok"]
        or result["integrity"] != "ok"
        or total == 0
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
