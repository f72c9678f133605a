"""The HTML report of a large selection: CPU per article against a floor, and its memory.

The database is a copy of BENCH_DB (a generated one), or BENCH_ARTICLES articles made by
`factcheck dev generate` (300 by default, with review work on BENCH_REVIEW_SHARE of the claims so
plenty of them carry verdicts, evidence, comments and history). Two selections are written:
every claim, and the published ones. The floor is the JSON Lines export of the same selection,
which reads every selected claim's full record once in one statement and writes it out; the
report reads the same records (each article's claims twice: the marked-up text, then the checked
and pending lists) and renders them through Jinja. CPU is the process's own time (best of
BENCH_ROUNDS); the report's sha256 is printed so two runs of different code on the same
database can be compared byte for byte; peak Python memory comes from a separate tracemalloc run.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import BinaryIO, cast

from factcheck import db as database
from factcheck.exports import html_report, json_format
from factcheck.exports.context import ExportContext
from factcheck.exports.options import ExportConfig, ExportFilters

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "300"))
REVIEW_SHARE = os.environ.get("BENCH_REVIEW_SHARE", "0.3")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SOURCE = os.environ.get("BENCH_DB")


class Sink:
    """A binary file that keeps only the sha256 and the size of what is written to it."""

    def __init__(self):
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return len(data)


def build(folder: Path) -> Path:
    path = folder / "report.db"
    if SOURCE:
        shutil.copyfile(SOURCE, path)
        return path
    subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(path), "dev", "generate"]
        + ["--articles", str(ARTICLES), "--review-share", REVIEW_SHARE],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


def context_for(db, status: str | None) -> ExportContext:
    filters = ExportFilters(status=status)
    provenance = {
        "format": "html",
        "created_at": "2026-01-01T00:00:00Z",
        "exported_by": "bench",
        "filters": filters.as_dict(),
        "audit_head": {"row": 0, "hash": "0" * 64},
        "generator": "factcheck bench",
    }
    return ExportContext(db, filters, ExportConfig.from_env(org_name="Bench desk"), provenance)


def cpu(write, context) -> tuple[float, Sink]:
    best, sink = float("inf"), Sink()
    for _ in range(ROUNDS):
        sink = Sink()
        start = time.process_time()
        write(sink, context)
        best = min(best, time.process_time() - start)
    return best, sink


def peak_mib(write, context) -> float:
    tracemalloc.start()
    write(Sink(), context)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = database.connect(build(Path(folder)))
        articles = db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        for label, status in (("every claim", None), ("published claims", "published")):
            context = context_for(db, status)
            floor, _ = cpu(json_format.write_jsonl, context)
            report, sink = cpu(html_report.write, context)
            claims = html_report.write(cast(BinaryIO, Sink()), context)["claims"]
            print(
                f"html report, {label} ({claims} claims; {articles} articles in the database):"
                f" {report:.2f} s CPU"
                f" ({report / articles * 1000:.1f} ms an article) against the JSON Lines floor"
                f" {floor:.2f} s: {report / floor:.2f}x the floor; {sink.size / 2**20:.1f} MiB,"
                f" sha256 {sink.hash.hexdigest()[:16]}; peak Python memory"
                f" {peak_mib(html_report.write, context):.1f} MiB"
            )


if __name__ == "__main__":
    main()
