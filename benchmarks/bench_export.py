"""JSONL export speed and memory: our export against a floor of one SQL json_object query.

The fixture database holds BENCH_CLAIMS claims (a million by default) loaded directly with
sqlite3 executemany, plus a few hundred claims taken through evidence, verdict, second review and
publication with the store functions, so the export meets real verdicts, evidence and history.
The floor writes one json_object per claim (the claim's own columns) line by line to a file; our
export writes the full record (article, verdicts, evidence, comments, audit history) through
factcheck.exports.write_export. Times are the best of BENCH_ROUNDS alternating runs; memory is
the peak of Python allocations (tracemalloc, in separate runs so it does not slow the timed ones)
and the process's high-water mark, which stays put when the export streams. Last, `factcheck
export` runs as its own process twice, a JSON Lines export of everything and the HTML report of
the published claims, and each one's peak resident memory is printed (aim: under 200 MiB).
"""

import multiprocessing
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import sentencex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck import db as database  # noqa: E402
from factcheck.exports import ExportConfig, ExportFilters, write_export  # noqa: E402
from factcheck.store import evidence, users, verdicts  # noqa: E402
from factcheck.store.actors import SYSTEM  # noqa: E402

CLAIMS = int(os.environ.get("BENCH_CLAIMS", "1000000"))
REVIEWED = int(os.environ.get("BENCH_REVIEWED", "300"))
CLAIMS_PER_ARTICLE = 25
TARGET_RATIO = 2.0
RSS_AIM_MIB = 200
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RATIONALE = (
    "The council's published accounts and the minutes of the March meeting both give this"
    " figure, and no later document revises it."
)

FLOOR_SQL = """
SELECT json_object('id', id, 'article_id', article_id, 'seq', seq, 'start', start, 'end', "end",
                   'text', text, 'section', section, 'kind', kind, 'reason', reason,
                   'attribution', attribution, 'checkworthiness', checkworthiness,
                   'reasons', json(reasons), 'status', status, 'verdict', verdict,
                   'version', version, 'updated_at', updated_at, 'assignee_id', assignee_id,
                   'corrected_at', corrected_at)
FROM claims ORDER BY id
"""


def sentence_pool() -> list[str]:
    sentences = []
    for text in corpus(200):
        sentences.extend(s.strip() for s in sentencex.segment("en", text) if s.strip())
    return sentences


def article_rows(article_id: int, count: int, rng: random.Random, pool: list[str]):
    """One article's row and its claim rows, with offsets that point into its body."""
    parts, claims, position = [], [], 0
    for seq in range(count):
        text = rng.choice(pool)
        if seq:
            separator = "\n\n" if seq % 4 == 0 else " "
            parts.append(separator)
            position += len(separator)
        section = "headline" if seq == 0 else "standfirst" if seq == 1 else "body"
        claims.append(
            (
                article_id,
                seq,
                position,
                position + len(text),
                text,
                section,
                "claim",
                round(rng.random(), 3),
                "[]",
            )
        )
        parts.append(text)
        position += len(text)
    body = "".join(parts)
    article = (
        article_id,
        f"Generated article {article_id}",
        f"https://news.example/a/{article_id}",
        "The Example Courier",
        body,
        f"hash-{article_id}",
        "text",
        "2025-01-01T00:00:00.000000Z",
        "system",
    )
    return article, claims


def insert_articles(conn, rng: random.Random, pool, total: int, claim=lambda row: row) -> None:
    """`total` claims in articles of CLAIMS_PER_ARTICLE, inserted 1000 articles at a time;
    `claim` may change each claim row before it is stored."""
    articles = -(-total // CLAIMS_PER_ARTICLE)
    for first in range(1, articles + 1, 1000):
        batch = [
            article_rows(
                i, min(CLAIMS_PER_ARTICLE, total - (i - 1) * CLAIMS_PER_ARTICLE), rng, pool
            )
            for i in range(first, min(first + 1000, articles + 1))
        ]
        conn.executemany(
            "INSERT INTO articles (id, title, source_url, publisher, body, body_hash,"
            " import_format, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article for article, _ in batch],
        )
        conn.executemany(
            'INSERT INTO claims (article_id, seq, start, "end", text, section, kind,'
            " checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim(row) for _, rows in batch for row in rows],
        )


def build_fixture(path: Path) -> None:
    db = database.connect(path)
    database.migrate(db)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    # Export never reads the full-text index, so the fixture skips filling it.
    (fts_trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claims_fts_insert'"
    ).fetchone()
    conn.execute("DROP TRIGGER claims_fts_insert")
    rng = random.Random(7)
    pool = sentence_pool()
    conn.execute("BEGIN")
    insert_articles(conn, rng, pool, CLAIMS)
    conn.execute("COMMIT")
    conn.execute(fts_trigger)
    review_some(db, rng)
    conn.execute("PRAGMA synchronous = FULL")
    db.close()


def review_some(db, rng: random.Random) -> None:
    """Take a few hundred claims through the real review loop, so the audit chain is genuine."""
    people = {}
    for username, role in (("rita", "reviewer"), ("ed", "editor")):
        users.add_user(
            db,
            username,
            role=role,
            password="a long enough password",
            display_name=None,
            actor=SYSTEM,
        )
        people[username] = users.actor_for(db, username)
    for claim_id in rng.sample(range(1, CLAIMS + 1), min(REVIEWED, CLAIMS)):
        evidence.add_evidence(
            db,
            claim_id,
            url=f"https://records.example/{claim_id}",
            stance="supports",
            quote="The figure appears on page 4.",
            actor=people["rita"],
        )
        verdicts.set_verdict(
            db,
            claim_id,
            rating=rng.choice(["Accurate", "Mixed", "False"]),
            rationale=RATIONALE,
            actor=people["rita"],
        )
        verdicts.submit_for_review(db, claim_id, actor=people["rita"])
        verdicts.approve(db, claim_id, actor=people["ed"])


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def peak_traced(run) -> int:
    """Peak bytes of Python allocations during `run` (SQLite's own page cache is not counted)."""
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(db_path: Path, out_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    lines = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for (line,) in conn.execute(FLOOR_SQL):
            out.write(line)
            out.write("\n")
            lines += 1
    conn.close()
    return lines


def ours(db_path: Path, out_path: Path) -> int:
    db = database.connect(db_path)
    with open(out_path, "wb") as out:
        result = write_export(
            db, "jsonl", out, filters=ExportFilters(), actor=SYSTEM, config=ExportConfig()
        )
    db.close()
    return result.claims


def cli_peak_rss_mib(db_path: Path, *args: str) -> tuple[float, float]:
    """Run `factcheck export ARGS` on the fixture as its own process: (seconds, peak RSS MiB)."""
    command = [str(Path(sys.executable).with_name("factcheck")), "--db", str(db_path), "export"]
    started = time.perf_counter()
    process = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"factcheck export {' '.join(args)} failed")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> int:
    mib = 1024 * 1024
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db_path = folder / "bench.db"
        started = time.perf_counter()
        # A child process builds the fixture, so this process's memory high-water mark is the
        # exports' alone.
        builder = multiprocessing.get_context("fork").Process(target=build_fixture, args=(db_path,))
        builder.start()
        builder.join()
        if builder.exitcode:
            return builder.exitcode
        print(
            f"fixture: {CLAIMS} claims, {REVIEWED} published, {time.perf_counter() - started:.1f} s"
        )
        floor_file, ours_file = folder / "floor.jsonl", folder / "ours.jsonl"
        rss_start = max_rss_mib()
        floor_times, ours_times = [], []
        for _ in range(ROUNDS):
            floor_times.append(timed(lambda: floor(db_path, floor_file)))
            ours_times.append(timed(lambda: ours(db_path, ours_file)))
        rss_end = max_rss_mib()
        floor_peak = peak_traced(lambda: floor(db_path, floor_file))
        ours_peak = peak_traced(lambda: ours(db_path, ours_file))
        floor_size, ours_size = floor_file.stat().st_size, ours_file.stat().st_size
        # The command line as people run it, each export in a process of its own.
        cli_jsonl = cli_peak_rss_mib(db_path, "--format", "jsonl", "-o", str(folder / "c.jsonl"))
        cli_html = cli_peak_rss_mib(
            db_path, "--format", "html", "--status", "published", "-o", str(folder / "r.html")
        )
        with open(ours_file, "rb") as exported:
            lines = sum(1 for line in exported if line.startswith(b'{"record":"claim"'))
    floor_seconds, ours_seconds = min(floor_times), min(ours_times)
    print(
        f"floor (one json_object query, line by line): {floor_seconds:6.2f} s"
        f" ({CLAIMS / floor_seconds:,.0f} claims/s), {floor_size / mib:,.0f} MiB,"
        f" peak Python memory {floor_peak / mib:.1f} MiB"
    )
    print(
        f"factcheck write_export jsonl (full records): {ours_seconds:6.2f} s"
        f" ({CLAIMS / ours_seconds:,.0f} claims/s), {ours_size / mib:,.0f} MiB, {lines} claims,"
        f" peak Python memory {ours_peak / mib:.1f} MiB"
    )
    print(
        f"process high-water mark: {rss_start:.0f} MiB before the runs, {rss_end:.0f} MiB after"
        f" {ROUNDS} rounds of each"
    )
    print(
        f"factcheck export --format jsonl (all {CLAIMS:,} claims): {cli_jsonl[0]:.1f} s, peak RSS"
        f" {cli_jsonl[1]:.0f} MiB; --format html --status published ({REVIEWED} claims):"
        f" {cli_html[0]:.1f} s, peak RSS {cli_html[1]:.0f} MiB (aim: under {RSS_AIM_MIB} MiB)"
    )
    ratio = ours_seconds / floor_seconds
    print(
        f"ratio: {ratio:.2f}x the floor's time, best of {ROUNDS} (target: within {TARGET_RATIO:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
