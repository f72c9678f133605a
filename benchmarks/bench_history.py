"""The claim panel's history as bulk actions pile up, against a floor of reading the claim's own
audit rows by index, measured in the same run.

One article's claims; bulk actions (assignments through the store, each on BENCH_BULK_WIDTH other
claims of the article) are added until the trail holds each of BENCH_BULK_SIZES of them. At each
size the script times, best of BENCH_ROUNDS: `claim_history` for a claim that one bulk action
changed (what the panel runs), the floor (the same audit rows read by their ids, known in
advance, and decoded: what any history must do), the way the history found bulk rows before migration 013 (parsing the JSON
of every bulk audit row), and the queue's "undo the last bulk action" lookup. The ratio to the
floor should stay flat however many bulk rows there are.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import audit, bulk, claim_reads
from factcheck.store.actors import SYSTEM
from factcheck.store.bulk_load import bulk_load
from factcheck.store.users import actor_for, add_user

SIZES = [int(size) for size in os.environ.get("BENCH_BULK_SIZES", "0,500,2000").split(",")]
WIDTH = int(os.environ.get("BENCH_BULK_WIDTH", "20"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
TARGET_RATIO = 3.0
# How the history found a claim's bulk actions before migration 013: every bulk row's JSON.
BEFORE_SQL = (
    "SELECT * FROM audit WHERE (record_type = 'claim' AND record_id = :claim)"
    " OR (record_type = 'article' AND record_id = :article AND action = 'import')"
    " OR (record_type = 'claims' AND EXISTS ("
    "     SELECT 1 FROM json_each(audit.after, '$.claim_ids') WHERE value = :claim))"
    " ORDER BY id"
)


def article_text(sentences: int) -> str:
    lines = ["Council budget review finds overspending", ""]
    for n in range(sentences):
        lines.append(
            f"The council spent {n + 12} million dollars on roads in {1990 + n % 30},"
            f" {n % 7 + 2} times the figure the finance office reported, the auditor said."
        )
    return "\n\n".join(lines)


def by_ids(db, audit_ids: list[int]) -> list[dict]:
    """The floor: these audit rows by primary key, decoded."""
    rows = db.query(
        "SELECT * FROM audit WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        [json.dumps(audit_ids)],
    )
    return [audit.decoded_entry(row) for row in rows]


def before_013(db, claim_id: int, article_id: int) -> list:
    return db.execute(BEFORE_SQL, {"claim": claim_id, "article": article_id}).fetchall()


def best(run, *args) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = database.connect(Path(folder) / "history.db")
        database.migrate(db)
        for name in ("ed", "rita"):
            add_user(
                db,
                name,
                role="editor",
                password="bench-password-1",
                display_name=name,
                actor=SYSTEM,
            )
        ed = actor_for(db, "ed")
        article_id = ingest_text(db, article_text(WIDTH + 5)).article_id
        ids = [c["id"] for c in claim_reads.claims_for_article(db, article_id)]
        ids = [i for i in ids if claim_reads.get_claim(db, i)["kind"] == "claim"]
        mine, others = ids[0], ids[1 : WIDTH + 1]
        bulk.bulk_update(db, [mine, *others], action="status", value="in_progress", actor=ed)
        made = 1
        print(
            f"{'bulk rows':>9s} {'floor':>9s} {'history':>9s} {'ratio':>6s}"
            f" {'before 013':>10s} {'last bulk action':>16s}"
        )
        worst = 0.0
        for size in SIZES:
            with bulk_load(db):
                while made < size:
                    who = ("rita", "ed")[made % 2]
                    bulk.bulk_update(db, others, action="assign", value=who, actor=ed)
                    made += 1
            shown = [entry["id"] for entry in claim_reads.claim_history(db, mine)]
            floor = best(by_ids, db, shown)
            ours = best(claim_reads.claim_history, db, mine)
            before = best(before_013, db, mine, article_id)
            last = best(bulk.last_bulk_action, db, "ed")
            ratio = ours / floor
            worst = max(worst, ratio)
            print(
                f"{made:9,d} {floor * 1000:7.3f}ms {ours * 1000:7.3f}ms {ratio:5.1f}x"
                f" {before * 1000:8.3f}ms {last * 1000:14.3f}ms"
            )
        db.close()
    print(f"panel history: worst {worst:.1f}x the floor (target: within {TARGET_RATIO:.0f}x)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
