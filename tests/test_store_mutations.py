"""Every public store function that writes records exactly one audit row, in the same transaction."""

import importlib
import inspect
import pkgutil
from datetime import UTC, datetime

import pytest
from helpers import PASSWORD, RATIONALE

import factcheck.store
from factcheck.store import (
    articles,
    audit,
    audit_seal,
    bulk,
    claim_reads,
    comments,
    evidence,
    link_checks,
    sessions,
    snapshots,
    triage,
    unit_edits,
    users,
    verdicts,
)
from factcheck.store.actors import SYSTEM
from factcheck.store.mutation import (
    DERIVED_INDEX,
    MUTATIONS,
    QUERIES,
    READING_STATE,
    MissingAuditRow,
    mutation,
)
from factcheck.text.unit_cuts import cut_choices


def _store_modules():
    for info in pkgutil.iter_modules(factcheck.store.__path__):
        yield importlib.import_module(f"factcheck.store.{info.name}")


def _public_functions():
    for module in _store_modules():
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            yield module.__name__, name, value


# Functions in store modules that are neither reads nor writes of records: helpers that must be
# called inside a mutation and so cannot skip its audit row.
INTERNAL_HELPERS = {
    ("factcheck.store.articles", "unit_row"),
    ("factcheck.store.audit", "record"),
    ("factcheck.store.audit_seal", "trail_is_keyed"),
    ("factcheck.store.audit", "row_hash"),
    ("factcheck.store.audit", "head"),
    ("factcheck.store.audit", "decoded_entry"),
    ("factcheck.store.mutation", "mutation"),
    ("factcheck.store.mutation", "query"),
    ("factcheck.store.mutation", "note_audit_row"),
    ("factcheck.store.mutation", "reading_state"),
    ("factcheck.store.mutation", "derived_index"),
    ("factcheck.store.claim_state", "load_claim"),
    ("factcheck.store.claim_state", "state_of"),
    ("factcheck.store.claim_state", "check_version"),
    ("factcheck.store.claim_state", "update_claim"),
    ("factcheck.store.claim_state", "assignment"),
    ("factcheck.store.comments", "insert_comment"),
    ("factcheck.store.sessions", "end_user_sessions"),
    ("factcheck.store.sessions", "id_hash"),
    ("factcheck.store.sessions", "channel"),
    ("factcheck.store.sessions", "why_ended"),
    ("factcheck.store.verdicts", "rationale_thin"),
    ("factcheck.store.snapshots", "store_file"),
    ("factcheck.store.snapshots", "check_quotes"),
    ("factcheck.store.snapshots", "check_new_evidence"),
    ("factcheck.store.snapshots", "text_digest"),
    ("factcheck.store.link_checks", "item_check"),
    ("factcheck.store.link_checks", "check_before_copy"),
    ("factcheck.store.link_checks", "link_flagged"),
    ("factcheck.store.library", "claim_words"),
    ("factcheck.store.verdicts", "require_reason"),
    ("factcheck.store.audit", "optional_why"),
    ("factcheck.store.search_words", "search_expression"),
    ("factcheck.store.search_words", "index_marks"),
    ("factcheck.store.search_words", "typed_words"),
    ("factcheck.store.search_words", "parse_search"),
    ("factcheck.store.queue_reads", "page_key"),
    ("factcheck.store.queue_reads", "parse_page_key"),
    ("factcheck.store.inbox", "page_key"),
    ("factcheck.store.inbox", "parse_page_key"),
    ("factcheck.store.queue_reads", "filter_clauses"),
    ("factcheck.store.queue_search", "search_sql"),
    # The SQL of a claim's story (its audit rows), for the history and the exports' statements.
    ("factcheck.store.claim_story", "merged_units"),
    ("factcheck.store.claim_story", "story_ids"),
    ("factcheck.store.claim_story", "own_change"),
    # The audit trail's hashing and replay helpers, and its anchors in files outside the database.
    ("factcheck.store.audit_replay", "units_digest"),
    ("factcheck.store.audit_replay", "password_digest"),
    ("factcheck.store.audit_seal", "database_file"),
    ("factcheck.store.audit_seal", "files_for"),
    ("factcheck.store.audit_seal", "use_files"),
    ("factcheck.store.audit_seal", "writing_key"),
    ("factcheck.store.audit_seal", "check_checkpoint_place"),
    ("factcheck.store.audit_seal", "existing_key"),
    ("factcheck.store.audit_seal", "write_checkpoint"),
    ("factcheck.store.audit_seal", "replace_checkpoint"),
    ("factcheck.store.audit_seal", "set_aside_earlier_checkpoint"),
    ("factcheck.store.audit_seal", "read_checkpoint"),
    ("factcheck.store.audit_seal", "usable_key"),
    ("factcheck.store.audit_seal", "written_with_another_key"),
    ("factcheck.store.audit_seal", "is_default_checkpoint"),
    # A transaction around many mutations, each of which writes its own audit row.
    ("factcheck.store.bulk_load", "bulk_load"),
    # The library entry of a verdict, written by the mutation that publishes it.
    ("factcheck.store.library", "keep_own_verdict"),
    # The postings of library items written by the mutation that changed them.
    ("factcheck.store.library_postings", "write_pending"),
    # The index of a bulk action's claims, written by the mutation that records its audit row.
    ("factcheck.store.bulk_records", "note"),
    ("factcheck.store.bulk_records", "move_claim_links"),
    # Work taken from someone, noted by the mutation that records the change's audit row.
    ("factcheck.store.work_taken", "note_claims_given"),
    ("factcheck.store.work_taken", "note_draft_replaced"),
    ("factcheck.store.work_taken", "move_claim"),
    ("factcheck.store.inbox", "move_assignment_read"),
    # A unit's score for its words, worked out inside the mutation that changes them.
    ("factcheck.store.claim_state", "unit_score"),
    # An id a deletion took out, noted by the mutation that deletes its row.
    ("factcheck.store.retired_ids", "retire"),
    ("factcheck.store.claim_groups", "text_key_sql"),
}


def test_every_public_store_function_is_declared_a_mutation_or_a_query():
    undeclared = [
        f"{module}.{name}"
        for module, name, function in _public_functions()
        if function not in MUTATIONS
        and function not in QUERIES
        and function not in READING_STATE
        and function not in DERIVED_INDEX
        and (module, name) not in INTERNAL_HELPERS
    ]
    assert undeclared == [], "declare these with @mutation or @query"


def _with_evidence(db, people, claim_id):
    return evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )


def _in_review(db, people, claim_id):
    _with_evidence(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])


def _published(db, people, claim_id):
    _in_review(db, people, claim_id)
    verdicts.approve(db, claim_id, actor=people["ed"])


# For each mutation: bring the world to where the call makes sense, then return the call.
SCENARIOS = {}


def scenario(func):
    SCENARIOS[func.__name__] = func
    return func


@scenario
def add_article(db, p, c):
    record = {"title": "T", "body": "New body.", "body_hash": "new", "import_format": "text"}
    return lambda: articles.add_article(db, record, [], SYSTEM)


@scenario
def edit_details(db, p, c):
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [c]).fetchone()[0]
    return lambda: articles.edit_details(
        db, article_id, {"author": "Mara Lindqvist"}, reason="The byline names her", actor=p["ed"]
    )


@scenario
def add_user(db, p, c):
    return lambda: users.add_user(
        db, "newbie", role="reviewer", password=PASSWORD, display_name=None, actor=p["ada"]
    )


@scenario
def reset_checkpoint(db, p, c):
    audit_seal.files_for(db).checkpoint.unlink()  # lost; verify has said so
    return lambda: audit.reset_checkpoint(db, actor=p["ada"], why="Checkpoint volume replaced")


@scenario
def start_session(db, p, c):
    return lambda: sessions.start_session(db, p["rita"], address="10.0.0.1", now=datetime.now(UTC))


@scenario
def end_session(db, p, c):
    started = sessions.start_session(db, p["rita"], address="10.0.0.1", now=datetime.now(UTC))
    return lambda: sessions.end_session(
        db, started, reason="sign_out", actor=p["rita"], now=datetime.now(UTC)
    )


@scenario
def set_disabled(db, p, c):
    return lambda: users.set_disabled(db, "rita", True, actor=p["ada"])


@scenario
def set_role(db, p, c):
    return lambda: users.set_role(db, "rita", "editor", actor=p["ada"])


@scenario
def change_password(db, p, c):
    return lambda: users.change_password(db, "rita", "another long password", actor=p["ada"])


@scenario
def classify(db, p, c):
    return lambda: triage.classify(
        db, c, kind="not_a_claim", reason="Background colour only", actor=p["rita"]
    )


def _units_of(db, claim_id):
    return claim_reads.claims_for_article(db, claim_reads.get_claim(db, claim_id)["article_id"])


@scenario
def merge_with_next(db, p, c):
    quote = next(u for u in _units_of(db, c) if u["text"].startswith('"The river'))
    return lambda: unit_edits.merge_with_next(
        db, quote["id"], reason="One quotation cut in two", actor=p["rita"]
    )


@scenario
def split_unit(db, p, c):
    unit = next(u for u in _units_of(db, c) if cut_choices(u["text"]))
    at = unit["start"] + cut_choices(unit["text"])[0]
    return lambda: unit_edits.split_unit(
        db, unit["id"], at=at, reason="Two claims in one sentence", actor=p["rita"]
    )


@scenario
def assign(db, p, c):
    return lambda: triage.assign(db, c, assignee="rita", actor=p["ed"])


@scenario
def add_comment(db, p, c):
    return lambda: comments.add_comment(db, c, body="Checking the bulletin.", actor=p["rita"])


@scenario
def add_evidence(db, p, c):
    return lambda: _with_evidence(db, p, c)


@scenario
def remove_evidence(db, p, c):
    added = _with_evidence(db, p, c)
    return lambda: evidence.remove_evidence(
        db, added["id"], reason="The page was a duplicate", actor=p["rita"]
    )


@scenario
def record_snapshot(db, p, c):
    return lambda: evidence.record_snapshot(
        db, "https://stats.example/report", actor=SYSTEM, status="failed", error="timed out"
    )


@scenario
def attach_copy(db, p, c):
    added = _with_evidence(db, p, c)
    return lambda: snapshots.attach_copy(
        db,
        added["id"],
        actor=p["rita"],
        data=b"%PDF-1.4 a copy",
        content_type="application/pdf",
        content_sha256="a" * 64,
        file_name="copy.pdf",
    )


@scenario
def receive_copy(db, p, c):
    added = _with_evidence(db, p, c)
    return lambda: snapshots.receive_copy(
        db,
        added["id"],
        actor=p["rita"],
        data=b"<!doctype html><p>a copy</p>",
        content_type="text/html",
        content_sha256="b" * 64,
        file_name="copy.html",
    )


def _link_checked(db, p, c, outcome="failed"):
    added = _with_evidence(db, p, c)
    link_checks.record_link_checks(
        db, added["url"], actor=SYSTEM, checks=[{"outcome": outcome, "error": "gone"}]
    )
    return added


@scenario
def record_link_checks(db, p, c):
    added = _with_evidence(db, p, c)
    # One copy compared: one row (each further copy's check follows it, see test_link_watch).
    checks = [{"outcome": "changed", "text_change": 0.5}]
    return lambda: link_checks.record_link_checks(db, added["url"], actor=SYSTEM, checks=checks)


@scenario
def acknowledge_change(db, p, c):
    added = _link_checked(db, p, c)
    return lambda: link_checks.acknowledge_change(db, added["id"], actor=p["rita"])


@scenario
def set_verdict(db, p, c):
    return lambda: verdicts.set_verdict(db, c, rating="Mixed", rationale=RATIONALE, actor=p["rita"])


@scenario
def submit_for_review(db, p, c):
    _with_evidence(db, p, c)
    verdicts.set_verdict(db, c, rating="Accurate", rationale=RATIONALE, actor=p["rita"])
    return lambda: verdicts.submit_for_review(db, c, actor=p["rita"])


@scenario
def approve(db, p, c):
    _in_review(db, p, c)
    return lambda: verdicts.approve(db, c, actor=p["ed"])


@scenario
def return_for_changes(db, p, c):
    _in_review(db, p, c)
    return lambda: verdicts.return_for_changes(
        db, c, comment="Please cite the bulletin itself.", actor=p["ed"]
    )


@scenario
def recall_from_review(db, p, c):
    _in_review(db, p, c)
    return lambda: verdicts.recall_from_review(db, c, actor=p["rita"])


@scenario
def correct_verdict(db, p, c):
    _published(db, p, c)
    return lambda: verdicts.correct_verdict(
        db,
        c,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="The office revised its count",
        actor=p["rita"],
    )


@scenario
def withdraw_correction(db, p, c):
    correct_verdict(db, p, c)()
    return lambda: verdicts.withdraw_correction(
        db, c, reason="Opened on the wrong claim", actor=p["rita"]
    )


@scenario
def bulk_update(db, p, c):
    return lambda: bulk.bulk_update(db, [c], action="assign", value="rita", actor=p["ed"])


@scenario
def undo_bulk(db, p, c):
    done = bulk.bulk_update(db, [c], action="status", value="in_progress", actor=p["ed"])
    return lambda: bulk.undo_bulk(db, done["audit_id"], actor=p["ed"])


@scenario
def record_export(db, p, c):
    from factcheck.store import export_reads

    details = {"format": "csv", "claims": 1, "audit_head": {"row": 1, "hash": "0" * 64}}
    return lambda: export_reads.record_export(db, actor=p["ed"], details=details)


def _library_item(db):
    from factcheck.library_formats import Parsed
    from factcheck.store import library

    record = {"claim": "The bridge toll rose by 40 percent", "url": "https://checks.example/1"}
    summary = library.import_records(
        db, [Parsed("line 2", record=record)], actor=SYSTEM, source="t.csv", file_format="csv"
    )
    return summary["changed_ids"][0]


@scenario
def import_records(db, p, c):
    from factcheck.library_formats import Parsed
    from factcheck.store import library

    parsed = [Parsed("line 2", record={"claim": "Ferries carried 2 million people"})]
    return lambda: library.import_records(
        db, parsed, actor=p["ed"], source="t.csv", file_format="csv"
    )


@scenario
def remove_item(db, p, c):
    from factcheck.store import library

    item = _library_item(db)
    return lambda: library.remove_item(db, item, actor=p["ed"], why="A duplicate of item 1")


@scenario
def store_matches(db, p, c):
    from factcheck.store import claim_matches

    item = _library_item(db)
    return lambda: claim_matches.store_matches(db, {c: [(item, 0.9)]}, actor=SYSTEM, cause="test")


@scenario
def dismiss_previous_check(db, p, c):
    from factcheck.store import claim_matches

    item = _library_item(db)
    claim_matches.store_matches(db, {c: [(item, 0.9)]}, actor=SYSTEM, cause="test")
    return lambda: claim_matches.dismiss_previous_check(db, c, item, actor=p["rita"])


@scenario
def restore_previous_check(db, p, c):
    from factcheck.store import claim_matches

    item = _library_item(db)
    claim_matches.store_matches(db, {c: [(item, 0.9)]}, actor=SYSTEM, cause="test")
    claim_matches.dismiss_previous_check(db, c, item, actor=p["rita"])
    return lambda: claim_matches.restore_previous_check(db, c, item, actor=p["rita"])


def test_every_mutation_has_a_scenario():
    assert sorted(f.__name__ for f in MUTATIONS) == sorted(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_mutation_writes_exactly_one_audit_row(claim_world, name):
    db, people, claim_id = claim_world
    call = SCENARIOS[name](db, people, claim_id)
    before = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    call()
    after = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert after - before == 1


def test_a_mutation_that_skips_its_audit_row_is_rolled_back(claim_world):
    db, _, claim_id = claim_world

    @mutation
    def sneaky_update(db, claim_id):
        db.execute("UPDATE claims SET status = 'published' WHERE id = ?", [claim_id])

    MUTATIONS.remove(sneaky_update)
    with pytest.raises(MissingAuditRow):
        sneaky_update(db, claim_id)
    status = db.execute("SELECT status FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    assert status == "unreviewed"


def test_a_row_that_follows_a_change_needs_the_change_s_own_row_first(claim_world):
    """Disabling someone writes one row for the change, then one for each session it ended;
    rows that follow are no stand-in for the change's own."""
    db, people, claim_id = claim_world

    @mutation
    def ends_without_its_change(db, claim_id):
        db.execute("UPDATE claims SET status = 'published' WHERE id = ?", [claim_id])
        audit.record(db, people["ed"], "claim", claim_id, "claim.edit", follows=True)

    MUTATIONS.remove(ends_without_its_change)
    with pytest.raises(MissingAuditRow):
        ends_without_its_change(db, claim_id)
    status = db.execute("SELECT status FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    assert status == "unreviewed"
