"""Every page at a million claims: p50 and p99 under 16 concurrent clients, as a ratio to /healthz.

The database is `factcheck dev generate --articles BENCH_ARTICLES` (25,000 by default, about a
million units). BENCH_PAGES_DB names one to reuse: when the file exists it is copied (sign-in
writes sessions, so the original is never served); when it does not, it is generated there and
kept for the next run. Without BENCH_PAGES_DB the database is generated in a temporary folder.

`factcheck serve --production` (gunicorn) serves the copy on a free port of 127.0.0.1.
BENCH_CLIENTS clients (16), each a keep-alive requests.Session signed in through the form, ask
for every page in turn, each client starting at a different page, for BENCH_ROUNDS rounds after
one round of warm-up: /healthz, the dashboard, an article page, a claim panel, the queue (plain,
each filter, "Not claims", a rare and a common word search, and a page deep inside the largest
group of equal scores). The floor is /healthz measured in the same run: the aim is every page's
p99 within TARGET_RATIO of /healthz's p99. BENCH_SHORT=1 runs BENCH_SHORT_ROUNDS rounds instead.

While the clients run, the server's processes are sampled from /proc; after the run each one's
peak resident memory (VmHWM) is printed: the aim is under 200 MiB per process. Answers at the
query time limit (a 503 saying so) are counted apart: they are the server shedding load as
designed. Exit status 1 when any other answer was not a 200.
"""

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_writers import CSRF_FIELD, HOST, start_server, stop_server  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.store import users  # noqa: E402
from factcheck.store.actors import SYSTEM  # noqa: E402
from factcheck.store.queue_reads import page_key  # noqa: E402
from factcheck.store.search_words import search_expression  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "25000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
SHORT = os.environ.get("BENCH_SHORT", "") not in ("", "0")
ROUNDS = int(
    os.environ.get("BENCH_SHORT_ROUNDS", "8") if SHORT else os.environ.get("BENCH_ROUNDS", "25")
)
SOURCE = os.environ.get("BENCH_PAGES_DB")
COMMON_WORD = os.environ.get("BENCH_COMMON_WORD", "council")
TARGET_RATIO = 5.0
RSS_AIM_MIB = 200
USERNAME = "benchpages"
PASSWORD = "bench pages correct horse"
REQUEST_TIMEOUT = 60
FACTCHECK = Path(sys.executable).with_name("factcheck")
# The 503 a page answers when its SQL runs past FACTCHECK_QUERY_TIME_LIMIT_MS (views/errors.py).
TIME_LIMIT_MESSAGE = "The database took too long to answer this request"
UNSET = ("FACTCHECK_DB", "FACTCHECK_JOBS_URL")


def run(*args: str, env: dict) -> None:
    done = subprocess.run(
        [str(FACTCHECK), *args], env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    if done.returncode:
        raise SystemExit(f"factcheck {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def generate(path: Path, env: dict) -> None:
    started = time.perf_counter()
    print(f"generating {ARTICLES:,} articles into {path} (once; BENCH_PAGES_DB keeps it)")
    run("--db", str(path), "init", env=env)
    run("--db", str(path), "dev", "generate", "--articles", str(ARTICLES), env=env)
    print(f"generated in {time.perf_counter() - started:.0f} s")


def copy_database(source: Path, target: Path) -> None:
    """SQLite's backup API (safe even if the source has a WAL), plus the key files beside it, so
    the copy's audit trail goes on with the same key."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()
    for sibling in source.parent.glob(source.name + ".*"):
        if sibling.name.endswith(("-wal", "-shm")):
            continue
        shutil.copy2(sibling, target.parent / (target.name + sibling.name[len(source.name) :]))


def prepare(path: Path, env: dict) -> dict:
    """Bring the copy up to date, add the clients' account, and choose what to ask for."""
    run("--db", str(path), "init", env=env)
    db = database.connect(path)
    if not db.execute("SELECT 1 FROM users WHERE username = ?", [USERNAME]).fetchone():
        users.add_user(
            db, USERNAME, role="editor", password=PASSWORD, display_name="Bench", actor=SYSTEM
        )
    claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    article = db.execute(
        "SELECT article_id FROM claims GROUP BY article_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    claim = db.execute(
        "SELECT id FROM claims WHERE kind = 'claim' ORDER BY checkworthiness DESC LIMIT 1"
    ).fetchone()[0]
    score, tie = db.execute(
        "SELECT checkworthiness, count(*) FROM claims WHERE kind = 'claim'"
        " GROUP BY checkworthiness ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    # The row halfway down the largest tie: the next page starts inside the tie.
    row = db.execute(
        "SELECT checkworthiness, article_id, seq FROM claims"
        " WHERE kind = 'claim' AND checkworthiness = ?"
        " ORDER BY article_id DESC, seq DESC LIMIT 1 OFFSET ?",
        [score, tie // 2],
    ).fetchone()
    deep_key = page_key({"checkworthiness": row[0], "article_id": row[1], "seq": row[2]})
    rare = rare_word(db)
    rare_count, common = (
        db.execute(
            "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", [search_expression(word)]
        ).fetchone()[0]
        for word in (rare, COMMON_WORD)
    )
    db.close()
    print(
        f"database: {claims:,} units; article {article}; tie of {tie:,} claims at {score};"
        f" rare word {rare!r} in {rare_count:,} units; common word {COMMON_WORD!r} in {common:,} units"
    )
    return {"article": article, "claim": claim, "deep_key": deep_key, "rare": rare}


def rare_word(db) -> str:
    """The alphabetic word of four letters or more that the fewest units hold (the generated
    vocabulary is small, so this still matches hundreds)."""
    db.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, claims_fts, 'row')")
    row = db.execute(
        "SELECT term FROM temp.words WHERE term GLOB '[a-z][a-z][a-z][a-z]*' ORDER BY doc LIMIT 1"
    ).fetchone()
    db.execute("DROP TABLE temp.words")
    return row[0] if row else "zeppelin"


def pages(choice: dict) -> list[tuple[str, str]]:
    return [
        ("/healthz", "/healthz"),
        ("dashboard", "/"),
        ("article page", f"/articles/{choice['article']}"),
        ("claim panel", f"/claims/{choice['claim']}/panel"),
        ("queue", "/queue"),
        ("queue status=in_review", "/queue?status=in_review"),
        ("queue status=published", "/queue?status=published"),
        ("queue verdict=false", "/queue?verdict=false"),
        ("queue assignee=me", "/queue?assignee=me"),
        ("queue assignee=none", "/queue?assignee=none"),
        ("queue article", f"/queue?article={choice['article']}"),
        ("queue section=headline", "/queue?section=headline"),
        ("queue Not claims", "/queue?kind=not_a_claim"),
        ("queue rare word", f"/queue?q={choice['rare']}"),
        ("queue common word", f"/queue?q={COMMON_WORD}"),
        ("queue common word, page 2", f"/queue?q={COMMON_WORD}&after=PAGE2"),
        ("queue deep page in a tie", f"/queue?after={choice['deep_key']}"),
    ]


def sign_in(base: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    form = session.get(f"{base}/sign-in", timeout=REQUEST_TIMEOUT)
    token = CSRF_FIELD.search(form.text).group(1)
    answer = session.post(
        f"{base}/sign-in",
        data={"csrf_token": token, "username": USERNAME, "password": PASSWORD},
        timeout=REQUEST_TIMEOUT,
    )
    if answer.status_code != 200 or "/sign-in" in answer.url:
        raise SystemExit(f"could not sign in: {answer.status_code}")
    return session


def second_page(base: str, session: requests.Session) -> str:
    """The key of the common-word search's second page, from its first page's link."""
    answer = session.get(f"{base}/queue.json", params={"q": COMMON_WORD}, timeout=REQUEST_TIMEOUT)
    return answer.json().get("next_key") or ""


def server_processes(group: int) -> list[int]:
    """The ids of the processes in the server's process group (gunicorn's arbiter and workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            found.append(int(entry.name))
    return found


def memory_kib(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    except OSError:
        pass
    return values


def client(base, session, order, rounds, timings, errors, lock) -> None:
    for round_number in range(rounds + 1):
        for label, path in order:
            started = time.perf_counter()
            try:
                answer = session.get(base + path, timeout=REQUEST_TIMEOUT)
                status = answer.status_code
                if status == 503 and TIME_LIMIT_MESSAGE in answer.text:
                    status = "503 (query time limit)"
            except requests.RequestException as error:
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                if status != 200:
                    errors[(label, status)] += 1
                elif round_number:  # the first round warms caches and is not counted
                    timings[label].append(elapsed)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(path: Path, env: dict, choice: dict) -> int:
    process, port, how = start_server(path, env)
    base = f"http://{HOST}:{port}"
    peaks: dict[int, int] = {}
    try:
        sessions = [sign_in(base) for _ in range(CLIENTS)]
        listed = pages(choice)
        key = second_page(base, sessions[0])
        listed = [(label, url.replace("PAGE2", key)) for label, url in listed]
        timings, errors, lock = defaultdict(list), defaultdict(int), threading.Lock()
        threads = []
        for number, session in enumerate(sessions):
            shift = number % len(listed)
            order = listed[shift:] + listed[:shift]
            threads.append(
                threading.Thread(
                    target=client,
                    args=(base, session, order, ROUNDS, timings, errors, lock),
                )
            )
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        for pid in server_processes(process.pid):
            peaks[pid] = memory_kib(pid).get("VmHWM", 0)
    finally:
        stop_server(process)
    requests_made = sum(len(values) for values in timings.values())
    print(
        f"{how}: {CLIENTS} clients x {ROUNDS} rounds (+1 warm-up) of {len(listed)} pages,"
        f" {requests_made:,} timed requests in {seconds:.0f} s, load average"
        f" {os.getloadavg()[0]:.1f}"
    )
    floor = percentile(timings["/healthz"], 0.99)
    print(f"{'page':30} {'p50 ms':>8} {'p99 ms':>8} {'p99 / healthz p99':>18}")
    worst = ("", 0.0)
    for label, _ in listed:
        values = timings[label]
        if not values:
            print(f"{label:30} no successful answers")
            continue
        p50, p99 = statistics.median(values), percentile(values, 0.99)
        ratio = p99 / floor
        if ratio > worst[1]:
            worst = (label, ratio)
        print(f"{label:30} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {ratio:17.1f}x")
    for (label, status), count in sorted(errors.items(), key=str):
        print(f"error: {label}: {status} x{count}")
    limited = sum(count for (_, status), count in errors.items() if str(status).startswith("503 ("))
    mib = {pid: kib / 1024 for pid, kib in peaks.items()}
    peak = max(mib.values(), default=0.0)
    print(
        "server processes' peak RSS (VmHWM): "
        + ", ".join(f"{value:.0f} MiB" for value in sorted(mib.values(), reverse=True))
    )
    print(
        f"bench_pages: worst p99 {worst[1]:.1f}x /healthz's p99 ({worst[0]}; aim {TARGET_RATIO:g}x);"
        f" /healthz p99 {floor * 1000:.1f} ms; peak process RSS {peak:.0f} MiB"
        f" (aim {RSS_AIM_MIB}); {sum(errors.values()) - limited} errors, {limited} answers at"
        " the query time limit"
    )
    return 1 if sum(errors.values()) > limited else 0


def main() -> int:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        served = Path(folder) / "factcheck.db"
        if SOURCE and Path(SOURCE).exists():
            started = time.perf_counter()
            copy_database(Path(SOURCE), served)
            print(f"copied {SOURCE} in {time.perf_counter() - started:.0f} s")
        elif SOURCE:
            Path(SOURCE).parent.mkdir(parents=True, exist_ok=True)
            generate(Path(SOURCE), env)
            copy_database(Path(SOURCE), served)
        else:
            generate(served, env)
        choice = prepare(served, env)
        return measure(served, env, choice)


if __name__ == "__main__":
    sys.exit(main())
