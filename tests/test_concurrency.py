"""Two processes editing the same claim at once: one wins, the other gets a conflict, nothing is lost."""

import multiprocessing

from helpers import RATIONALE, add_people, first_checkable_claim, import_sample, new_database

from factcheck import db as database
from factcheck.store import audit, claim_reads, users, verdicts
from factcheck.store.errors import Conflict


def _write_verdict(path, claim_id, username, rating, version, barrier, results):
    db = database.connect(path)
    actor = users.actor_for(db, username)
    barrier.wait()
    try:
        verdicts.set_verdict(
            db,
            claim_id,
            rating=rating,
            rationale=RATIONALE,
            actor=actor,
            expected_version=version,
        )
        results.put((username, "saved", None))
    except Conflict as conflict:
        results.put((username, "conflict", conflict.current["version"]))


def test_two_writers_on_one_claim(tmp_path):
    path = tmp_path / "race.db"
    db = new_database(path)
    add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    version = claim["version"]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    writers = [
        context.Process(
            target=_write_verdict,
            args=(str(path), claim["id"], name, rating, version, barrier, results),
        )
        for name, rating in (("rita", "False"), ("ed", "Accurate"))
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0
    outcomes = sorted(results.get(timeout=5) for _ in writers)
    kinds = sorted(outcome for _, outcome, _ in outcomes)
    assert kinds == ["conflict", "saved"]
    winner = next(name for name, outcome, _ in outcomes if outcome == "saved")
    loser_saw = next(seen for _, outcome, seen in outcomes if outcome == "conflict")
    assert loser_saw == version + 1
    stored = verdicts.verdicts_for_claim(db, claim["id"])
    assert len(stored) == 1
    assert stored[0]["rating"] == {"rita": "false", "ed": "accurate"}[winner]
    assert claim_reads.get_claim(db, claim["id"])["version"] == version + 1
    assert audit.verify(db).ok
