"""Bulk actions are read from their own indexed tables, not by parsing the audit trail: a claim's
history reads only the bulk rows that changed it, the queue's Undo finds the last action in a few
steps, the migration rebuilds the tables from the trail, and `audit verify` checks them."""

import sqlite3

import pytest
from helpers import add_people, import_sample, new_database

from factcheck.resources import migrations_dir
from factcheck.store import audit, bulk, claim_reads


@pytest.fixture
def world(tmp_path):
    db = new_database(tmp_path / "bulk.db")
    people = add_people(db)
    import_sample(db)
    ids = [claim["id"] for claim in claim_reads.claims_for_article(db, 1)]
    return db, people, ids


def _work(db, run) -> tuple[int, list[str]]:
    """How many SQLite virtual-machine steps `run()` takes, and the statements it runs: a count
    of the work done, not a time."""
    steps, statements = [0], []

    def step() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(step, 1)
    db.conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        db.conn.set_progress_handler(None, 1)
        db.conn.set_trace_callback(None)
    return steps[0], statements


def _assign_each(db, actor, claim_ids, times: int) -> None:
    for turn in range(times):
        who = ("rita", "ed")[turn % 2]
        bulk.bulk_update(db, claim_ids, action="assign", value=who, actor=actor)


def test_claim_history_reads_no_bulk_rows_of_other_claims(world):
    db, people, ids = world
    mine, others = ids[0], ids[1:]
    bulk.bulk_update(db, [mine, *others], action="status", value="in_progress", actor=people["ed"])

    def history():
        return claim_reads.claim_history(db, mine)

    before, statements_before = _work(db, history)
    _assign_each(db, people["ed"], others, 40)
    after, statements_after = _work(db, history)
    # Forty more bulk rows in the trail, none about this claim: the same statements, the same work.
    assert statements_after == statements_before
    assert after == before
    # Work does grow with the bulk actions that did change the claim (so the count can tell).
    _assign_each(db, people["ed"], [mine], 2)
    assert _work(db, history)[0] > before
    actions = [entry["action"] for entry in history()]
    assert actions == ["import", "bulk.status", "bulk.assign", "bulk.assign"]


def test_claim_history_keeps_bulk_actions_and_undos_in_order(world):
    db, people, ids = world
    done = bulk.bulk_update(db, ids[:2], action="assign", value="rita", actor=people["ed"])
    bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    entries = claim_reads.claim_history(db, ids[0])
    assert [e["action"] for e in entries] == ["import", "bulk.assign", "bulk.undo"]
    assert entries[1]["after"]["claim_ids"] == ids[:2]
    assert [e["action"] for e in claim_reads.claim_history(db, ids[2])] == ["import"]


def test_a_claims_history_says_what_each_bulk_action_did_to_it(world):
    """Who a claim went to, its status from and to, and what an undo put back: "assigned in a
    bulk action" left a reader unable to tell who holds the claim."""
    from factcheck.history_words import describe

    db, people, ids = world
    bulk.bulk_update(db, ids[:2], action="assign", value="rita", actor=people["ed"])
    done = bulk.bulk_update(db, ids[:2], action="status", value="in_progress", actor=people["ed"])
    bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    lines = [describe(entry) for entry in claim_reads.claim_history(db, ids[0])][1:]
    assert lines == [
        "assigned to rita in a bulk action",
        "set the status from unreviewed to in progress in a bulk action",
        "undid a bulk action: back to status unreviewed",
    ]


def test_last_bulk_action_is_found_without_walking_older_ones(world):
    db, people, ids = world
    _assign_each(db, people["ed"], ids[:1], 2)
    newest = bulk.bulk_update(db, ids[:2], action="status", value="in_progress", actor=people["ed"])
    before, _ = _work(db, lambda: bulk.last_bulk_action(db, "ed"))
    _assign_each(db, people["ed"], ids[1:2], 30)
    bulk.bulk_update(db, ids[2:3], action="assign", value="rita", actor=people["rita"])
    newest = bulk.bulk_update(db, ids[:2], action="status", value="unreviewed", actor=people["ed"])
    after, _ = _work(db, lambda: bulk.last_bulk_action(db, "ed"))
    assert after == before
    assert bulk.last_bulk_action(db, "ed")["id"] == newest["audit_id"]


def test_last_bulk_action_skips_undone_ones(world):
    db, people, ids = world
    first = bulk.bulk_update(db, ids[:1], action="assign", value="rita", actor=people["ed"])
    second = bulk.bulk_update(db, ids[1:2], action="assign", value="rita", actor=people["ed"])
    bulk.bulk_update(db, ids[2:3], action="assign", value="ed", actor=people["rita"])
    assert bulk.last_bulk_action(db, "ed")["id"] == second["audit_id"]
    bulk.undo_bulk(db, second["audit_id"], actor=people["ed"])
    assert bulk.last_bulk_action(db, "ed")["id"] == first["audit_id"]
    bulk.undo_bulk(db, first["audit_id"], actor=people["ed"])
    assert bulk.last_bulk_action(db, "ed") is None
    assert bulk.last_bulk_action(db, "rita") is not None


def _tables(db) -> tuple[list, list]:
    return (
        db.execute("SELECT * FROM bulk_actions ORDER BY audit_id").fetchall(),
        db.execute("SELECT * FROM bulk_action_claims ORDER BY audit_id, claim_id").fetchall(),
    )


def test_the_migration_rebuilds_the_tables_from_the_trail(world):
    db, people, ids = world
    done = bulk.bulk_update(db, ids[:3], action="assign", value="rita", actor=people["ed"])
    bulk.bulk_update(db, ids[1:], action="status", value="in_progress", actor=people["rita"])
    bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    written = _tables(db)
    assert len(written[0]) == 3 and written[1]
    sql = (migrations_dir() / "013_bulk_actions.sql").read_text(encoding="utf-8")
    backfill = sql[sql.index("-- The bulk actions already in the trail.") :]
    db.execute("DELETE FROM bulk_action_claims")
    db.execute("DELETE FROM bulk_actions")
    db.conn.executescript(backfill)
    assert _tables(db) == written


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("DELETE FROM bulk_action_claims WHERE claim_id = 2", "its row or its claims differ"),
        ("INSERT INTO bulk_action_claims VALUES (5, 6)", "its row or its claims differ"),
        ("UPDATE bulk_actions SET actor = 'rita'", "its row or its claims differ"),
        (
            "DELETE FROM bulk_action_claims; DELETE FROM bulk_actions",
            "the table of bulk actions lost it",
        ),
    ],
)
def test_verify_checks_the_tables_against_the_trail(world, statement, words):
    db, people, ids = world
    bulk.bulk_update(db, ids[:3], action="assign", value="rita", actor=people["ed"])
    assert audit.verify(db).ok
    head = audit.head(db)
    db.conn.executescript(statement)
    report = audit.verify(db)
    assert not report.ok and report.kind == "live"
    assert words in " ".join(problem.message for problem in report.problems)
    assert audit.head(db) == head


def test_a_bulk_row_nobody_recorded_is_reported(world):
    db, people, ids = world
    done = bulk.bulk_update(db, ids[:1], action="assign", value="rita", actor=people["ed"])
    db.execute(
        "INSERT INTO bulk_actions (audit_id, actor, action) VALUES (?, 'ed', 'bulk.assign')",
        [done["audit_id"] - 1],
    )
    problems = [p.message for p in audit.verify(db).problems]
    assert any("never recorded it" in message for message in problems)


def test_tables_refuse_links_to_claims_or_actions_that_do_not_exist(world):
    db, people, ids = world
    done = bulk.bulk_update(db, ids[:1], action="assign", value="rita", actor=people["ed"])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO bulk_action_claims VALUES (999999, ?)", [done["audit_id"]])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO bulk_action_claims VALUES (?, 999999)", [ids[0]])
