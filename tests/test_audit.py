"""The audit trail: append-only, keyed, checkpointed, replayed against the live tables, and
tamper-evident against someone who holds the database file."""

import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import stat
import zipfile
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from helpers import (
    PASSWORD,
    RATIONALE,
    add_people,
    first_checkable_claim,
    import_sample,
    keep_copy,
    tamper,
)
from helpers import new_database as open_database

from factcheck.cli import main
from factcheck.store import (
    articles,
    audit,
    audit_seal,
    evidence,
    link_checks,
    sessions,
    triage,
    users,
    verdicts,
)
from factcheck.store.actors import SYSTEM
from factcheck.store.comments import add_comment


@pytest.fixture
def path(tmp_path):
    return tmp_path / "audit.db"


@pytest.fixture
def db(path):
    database = open_database(path)
    add_people(database)
    import_sample(database)
    return database


@pytest.fixture
def published(db):
    """A claim with evidence and a verdict approved by ed; returns its id."""
    people = {name: _actor(db, name) for name in ("rita", "ed")}
    claim_id = first_checkable_claim(db, 1)["id"]
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        db, claim_id, rating="mostly-accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    return claim_id


def _actor(db, name):
    from factcheck.store.users import actor_for

    return actor_for(db, name)


def _verify_cli(path, *extra):
    return CliRunner().invoke(main, ["--db", str(path), "audit", "verify", *extra])


def _attack(path, *statements, drop_triggers=True):
    """Change the file the way someone holding it would: with plain sqlite3, around the triggers."""
    drops = ("DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete")
    tamper(path, *(drops if drop_triggers else ()), *statements)


def _rehash_with_sha256(path, *, relabel: bool):
    """Recompute every hash from row 1 on with plain SHA-256 over the same content, as someone
    without the key would; `relabel` also marks every row as an old unkeyed one."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    prev = audit.GENESIS_HASH
    for row in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
        row = dict(row)
        if relabel:
            row["hash_scheme"] = audit.LEGACY_SCHEME
            new_hash = audit.row_hash(row, prev)
        else:
            fields = ("id", "at", "actor", "channel", "record_type", "record_id", "action")
            content = [prev, *(row[k] for k in fields)]
            content += [row[k] for k in ("before", "after", "reason", "hash_scheme")]
            new_hash = hashlib.sha256(
                json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
            ).hexdigest()
        conn.execute(
            "UPDATE audit SET prev_hash = ?, hash = ?, hash_scheme = ? WHERE id = ?",
            [prev, new_hash, row["hash_scheme"], row["id"]],
        )
        prev = new_hash
    conn.commit()
    conn.close()


# The chain as written


def test_chain_verifies_and_links_each_row(db):
    report = audit.verify(db)
    rows = list(db.query("SELECT * FROM audit ORDER BY id"))
    assert report.ok, report.problems
    assert report.rows == len(rows) == 5
    assert rows[0]["prev_hash"] == audit.GENESIS_HASH
    for earlier, later in zip(rows, rows[1:], strict=False):
        assert later["prev_hash"] == earlier["hash"]
    assert report.head_hash == rows[-1]["hash"]
    assert {row["hash_scheme"] for row in rows} == {audit.KEYED_SCHEME}


def test_hashes_are_keyed_with_a_private_key_outside_the_database(db, path):
    key_file = audit_seal.files_for(db).key
    assert key_file == path.with_name("audit.db.audit_key")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    row = next(iter(db.query("SELECT * FROM audit ORDER BY id LIMIT 1")))
    assert (
        audit.row_hash(row, row["prev_hash"], key_file.read_text().strip().encode()) == row["hash"]
    )
    assert audit.row_hash(row, row["prev_hash"], b"another key" * 4) != row["hash"]


def test_rows_and_checkpoint_are_written_in_their_documented_form(db, published):
    """Each keyed hash is the HMAC-SHA256 of the row's content as compact JSON, its states are
    compact JSON with sorted keys, and the checkpoint is one compact JSON line: worked out here
    with the standard library alone."""
    key = audit_seal.files_for(db).key.read_text().strip().encode()
    fields = ("id", "at", "actor", "channel", "record_type", "record_id", "action")
    for row in db.query("SELECT * FROM audit ORDER BY id"):
        content = [row["prev_hash"], *(row[k] for k in fields)]
        content += [row[k] for k in ("before", "after", "reason", "hash_scheme")]
        canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
        assert hmac.new(key, canonical, hashlib.sha256).hexdigest() == row["hash"]
        for state in (row["before"], row["after"]):
            if state is not None:
                compact = json.dumps(
                    json.loads(state), sort_keys=True, ensure_ascii=False, separators=(",", ":")
                )
                assert state == compact
    head_id, head_hash = audit.head(db)
    at = db.execute("SELECT at FROM audit WHERE id = ?", [head_id]).fetchone()[0]
    # Its tag: the same keyed hash of "checkpoint ROW HASH AT", telling this trail's checkpoint
    # from another database's.
    tag = hmac.new(key, f"checkpoint {head_id} {head_hash} {at}".encode(), hashlib.sha256)
    head = {"row": head_id, "hash": head_hash, "at": at, "tag": tag.hexdigest()}
    line = json.dumps(head, separators=(",", ":"))
    assert audit_seal.files_for(db).checkpoint.read_text() == line.ljust(255) + "\n"


def test_the_checkpoint_follows_the_head(db):
    checkpoint = audit_seal.read_checkpoint(db)
    assert (checkpoint.row, checkpoint.hash) == audit.head(db)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit SET actor = 'mallory' WHERE id = 2", "DELETE FROM audit WHERE id = 2"],
)
def test_triggers_refuse_changes(db, statement):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(statement)


def test_verify_command_reports_count_and_head(db, path):
    head_id, head_hash = audit.head(db)
    result = _verify_cli(path, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True and report["problems"] == []
    assert (report["rows"], report["head_hash"]) == (head_id, head_hash)
    assert f"{head_id} rows" in _verify_cli(path).output


# The three ways in that an attacker with the database file has, and missing triggers


def test_newest_rows_deleted_with_the_triggers_dropped_are_caught(db, path, published):
    head_id, _ = audit.head(db)
    db.close()
    _attack(path, f"DELETE FROM audit WHERE id > {head_id - 2}")
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "rows were removed from the end" in result.output
    assert f"the trail ends at row {head_id - 2}, but row {head_id} was written" in result.output
    assert "treat the records named as unreliable and compare them with the newest backup" in (
        result.output
    )
    report = audit.verify(open_database(path))
    assert {p.kind for p in report.problems} >= {"truncated", "triggers"}


def test_a_rewritten_row_with_every_later_hash_recomputed_is_caught(db, path, published):
    approval = db.execute("SELECT id FROM audit WHERE action = 'review.approve'").fetchone()[0]
    db.close()
    _attack(path, f"UPDATE audit SET actor = 'eve' WHERE id = {approval}")
    _rehash_with_sha256(path, relabel=False)
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "row 1: its content does not match its hash" in result.output


def test_a_chain_relabelled_as_unkeyed_and_rehashed_is_caught_by_the_checkpoint(
    db, path, published
):
    head_id, _ = audit.head(db)
    db.close()
    _attack(path, "UPDATE audit SET actor = 'eve' WHERE action = 'review.approve'")
    _rehash_with_sha256(path, relabel=True)
    result = _verify_cli(path, "--json")
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert any(p["row"] == head_id and p["kind"] == "rewritten" for p in problems)


def test_a_published_rating_changed_in_the_live_tables_is_caught(db, path, published):
    db.close()
    _attack(
        path,
        f"UPDATE claims SET verdict = 'false' WHERE id = {published}",
        f"UPDATE verdicts SET rating = 'false', rating_label = 'False' WHERE claim_id = {published}",
        drop_triggers=False,
    )
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "a table was changed outside the audit trail" in result.output
    assert f"claim {published}: its verdict is 'false'" in result.output
    report = audit.verify(open_database(path))
    messages = " ".join(p.message for p in report.problems)
    assert "its rating is 'false' but the audit trail says 'mostly-accurate'" in messages


def test_a_publication_date_changed_in_the_live_tables_is_caught(db, path, published):
    # The date readers see on a fact-check (and ClaimReview's datePublished) comes from here.
    db.close()
    _attack(
        path,
        f"UPDATE verdicts SET published_at = '2020-01-01T00:00:00.000000Z'"
        f" WHERE claim_id = {published} AND state = 'published'",
        drop_triggers=False,
    )
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "its published at is '2020-01-01T00:00:00.000000Z' but the audit trail says" in (
        result.output
    )


def test_missing_append_only_triggers_are_caught_on_their_own(db, path):
    db.close()
    _attack(path, "DROP TRIGGER audit_no_delete", drop_triggers=False)
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "the trigger audit_no_delete is missing" in result.output
    _attack(
        path,
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END",
        drop_triggers=False,
    )
    assert "audit_no_delete no longer refuses changes" in _verify_cli(path).output


@pytest.mark.parametrize(
    "trigger",
    [
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0"
        " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted'); END",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN old.actor = 'nobody'"
        " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted'); END",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
        " BEGIN SELECT RAISE(IGNORE); SELECT RAISE(ABORT, 'x'); END",
    ],
)
def test_an_append_only_trigger_that_lets_rows_go_is_caught(db, path, trigger):
    """A trigger still named so and still mentioning RAISE(ABORT, but that no longer fires (a
    WHEN clause) or gives up first, lets rows be deleted: verify says so."""
    db.close()
    _attack(path, "DROP TRIGGER audit_no_delete", drop_triggers=False)
    _attack(path, trigger, drop_triggers=False)
    result = _verify_cli(path)
    assert result.exit_code == 1
    assert "audit_no_delete no longer refuses changes" in result.output


def test_a_correction_reason_changed_in_the_live_tables_is_caught(db, path, published):
    """Readers are shown it ("Corrected on ...: <reason>"); revising the draft keeps it."""
    rita = _actor(db, "rita")
    verdicts.correct_verdict(
        db,
        published,
        rating="false",
        rationale=RATIONALE,
        reason="Ministry revised figures",
        actor=rita,
    )
    verdicts.set_verdict(db, published, rating="false", rationale=RATIONALE + " Again.", actor=rita)
    assert audit.verify(db).ok
    db.close()
    _attack(path, "UPDATE verdicts SET correction_reason = 'Typo'", drop_triggers=False)
    result = _verify_cli(path, "--json")
    assert result.exit_code == 1
    said = [problem["message"] for problem in json.loads(result.output)["problems"]]
    assert any(
        "its reason for the correction is 'Typo' but the audit trail says 'Ministry revised"
        " figures'" in words
        for words in said
    )
    # The published verdict it corrects was never a correction: a reason there is caught too.
    assert any(
        "verdict 1 on claim" in words
        and "its reason for the correction is 'Typo' but the audit trail says not set" in words
        for words in said
    )


# The replay of the live tables


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE users SET role = 'admin' WHERE username = 'rita'", "its role is 'admin'"),
        (
            "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username ="
            " 'rita') WHERE username = 'ed'",
            "its password was changed outside the audit trail",
        ),
        ("DELETE FROM evidence", "evidence 1: it was deleted outside the audit trail"),
        (
            "INSERT INTO evidence (claim_id, url, stance, added_by, added_at)"
            " VALUES (1, 'https://x.example/', 'supports', 1, 'now')",
            "evidence 2: it is in the table but the audit trail never recorded it",
        ),
        ("UPDATE evidence SET quote = 'made up'", "its quote is 'made up'"),
        ("UPDATE verdicts SET rationale = 'short'", "its rationale is 'short'"),
        ("UPDATE verdicts SET state = 'draft'", "its state is 'draft'"),
        ("UPDATE claims SET status = 'published' WHERE id = 1", "claim 1: its status"),
        (
            "UPDATE claims SET text = 'Rewritten' WHERE id = 2",
            "the text, offsets, order or section of its units were changed; claim 2 no longer"
            " matches the article's text",
        ),
        (
            "UPDATE claims SET seq = seq + 100 WHERE id = 2",
            "claim 2 is out of the article's order",
        ),
        (
            "UPDATE claims SET section = 'headline' WHERE id = 3",
            "claim 3's section was changed: the import put it in the body, and it is now in the"
            " headline",
        ),
        (
            "UPDATE claims SET section = 'headline' WHERE id IN (3, 4)",
            "every unit's text is still the article's at its offsets and in order, so sections"
            " (headline, standfirst or body) of more than one unit were changed",
        ),
        (
            'UPDATE claims SET start = start + 1, "end" = "end" + 1 WHERE id IN (2, 3)',
            "claims 2 and 3 no longer match the article's text",
        ),
        ("UPDATE claims SET attribution = 'the mayor' WHERE id = 2", "who its units are"),
        ("UPDATE claims SET kind = 'not_a_claim', reason = 'x' WHERE id = 3", "claim 3: its kind"),
        ("UPDATE articles SET body = body || ' And more.'", "its text was changed"),
        # Changes the duplicate check's loose hash does not see: spacing, one character's form.
        ("UPDATE articles SET body = replace(body, ' ', '  ')", "its text was changed"),
        ("UPDATE articles SET body = replace(body, ' ', char(9))", "its text was changed"),
        ("UPDATE articles SET body = body || ' '", "its text was changed"),
        ("UPDATE articles SET imported_by = 'ed'", "article 1: its imported by is 'ed'"),
        (
            "UPDATE articles SET imported_at = '2019-01-01T00:00:00Z'",
            "its imported at is '2019-01-01T00:00:00Z'",
        ),
        ("UPDATE comments SET body = 'edited'", "its body is 'edited'"),
        (
            "UPDATE comments SET created_at = '2026-01-01T09:00:00.000000Z'",
            "its time is '2026-01-01T09:00:00.000000Z' but the audit trail says '20",
        ),
    ],
)
def test_every_table_the_trail_speaks_for_is_replayed(db, path, published, statement, words):
    add_comment(db, published, body="Checked against the ministry archive", actor=_actor(db, "ed"))
    assert words in _live_problems_after(db, path, statement)


def test_a_trail_without_the_exact_texts_hash_still_sees_units_moved_off_their_text(
    path, monkeypatch
):
    # Imports before the exact text's hash was recorded: a change of spacing that the loose
    # hash passes over still moves the units after it off their sentences.
    monkeypatch.setattr(articles, "text_digest", lambda text: None)
    database = open_database(path)
    import_sample(database)
    words = _live_problems_after(
        database, path, "UPDATE articles SET body = replace(body, '. ', '.  ')"
    )
    assert "article 1: its text no longer holds its units at their offsets; claims" in words


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE quote_checks SET passage = 'passed by 8 votes to 4'",
        "UPDATE quote_checks SET passage = NULL",
    ],
)
def test_a_quote_checks_passage_is_the_copys_text_at_its_place(db, path, statement):
    """The passage is what the desk shows as "what the page says"; it is read from the copy at
    the check's offsets, so a passage rewritten in the table is caught."""
    from factcheck.store import snapshots

    claim_id = first_checkable_claim(db, 1)["id"]
    url = "https://council.example/minutes"
    evidence.add_evidence(
        db, claim_id, url=url, stance="supports", quote="passed by 9 votes to 4",
        actor=_actor(db, "rita"),
    )  # fmt: skip
    text = "The motion passed by 9 votes to 4 after a long debate."
    snapshots.record_snapshot(
        db, url, actor=SYSTEM, status="archived", http_status=200, content_type="text/html",
        content_sha256=hashlib.sha256(text.encode()).hexdigest(), title="Minutes", text=text,
        body=text.encode(),
    )  # fmt: skip
    words = _live_problems_after(db, path, statement)
    assert "its passage is not the archived copy's text at its place" in words


def _live_problems_after(db, path, statement: str) -> str:
    """What verify says of the live tables once `statement` has changed them outside the trail
    (the trail intact before)."""
    assert audit.verify(db).ok
    db.close()
    _attack(path, statement, drop_triggers=False)
    report = audit.verify(open_database(path))
    assert not report.ok and report.kind == "live"
    return " ".join(p.message for p in report.problems)


@pytest.fixture
def reworked(db):
    """A verdict returned once, revised and published, and three sessions: one signed out, one
    open, one ended when its owner was disabled."""
    people = {name: _actor(db, name) for name in ("rita", "ed", "eve", "ada")}
    claim_id = first_checkable_claim(db, 1)["id"]
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/table-4", stance="refutes", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="false", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.return_for_changes(
        db, claim_id, comment="Say which table the figure is from", actor=people["ed"]
    )
    verdicts.set_verdict(
        db, claim_id, rating="false", rationale=RATIONALE + " Table 4.", actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    now = datetime.now(UTC)
    signed_out = sessions.start_session(db, people["rita"], address="10.0.0.5", now=now)
    sessions.end_session(db, signed_out, reason="sign_out", actor=people["rita"], now=now)
    sessions.start_session(db, people["ed"], address="10.0.0.6", now=now)
    sessions.start_session(db, people["eve"], address="10.0.0.7", now=now)
    users.set_disabled(db, "eve", True, actor=people["ada"])
    return claim_id


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE verdicts SET rating_value = 5", "its rating's place on the scale is 5"),
        ("UPDATE verdicts SET created_at = '2020-01-01T00:00:00.000000Z'", "its created at is"),
        ("UPDATE verdicts SET submitted_at = '2020-01-01T00:00:00.000000Z'", "its submitted at is"),
        ("UPDATE verdicts SET returned_at = NULL", "its returned at is not set"),
        (
            "UPDATE verdicts SET returned_by = (SELECT id FROM users WHERE username = 'eve')",
            "its returner is 'eve' but the audit trail says 'ed'",
        ),
        ("UPDATE verdicts SET return_comment_id = NULL", "its return's comment (id) is not set"),
        (
            # A comment written with a return: its time is that of the return's row.
            "UPDATE comments SET created_at = '2020-01-01T00:00:00.000000Z'",
            "its time is '2020-01-01T00:00:00.000000Z' but the audit trail says between",
        ),
        (
            "UPDATE sessions SET ended_at = NULL, end_reason = NULL WHERE end_reason = 'sign_out'",
            "its end reason is not set but the audit trail says 'sign_out'",
        ),
        (
            "UPDATE sessions SET ended_at = NULL, end_reason = NULL WHERE end_reason = 'disabled'",
            "its end reason is not set but the audit trail says 'disabled'",
        ),
        (
            "UPDATE sessions SET end_reason = 'idle' WHERE end_reason = 'sign_out'",
            "its end reason is 'idle' but the audit trail says 'sign_out'",
        ),
        (
            "UPDATE sessions SET user_id = (SELECT id FROM users WHERE username = 'ada')"
            " WHERE end_reason IS NULL",
            "its user is 'ada' but the audit trail says 'ed'",
        ),
        ("UPDATE sessions SET id_hash = 'f' || id_hash WHERE end_reason IS NULL", "its id was"),
        (
            "UPDATE sessions SET created_at = '2020-01-01T00:00:00.000000Z' WHERE end_reason"
            " IS NULL",
            "its created at is",
        ),
        (
            "INSERT INTO sessions (id_hash, user_id, address, created_at, last_seen_at) SELECT"
            " 'forged', id, '10.9.9.9', '2026-01-01', '2026-01-01' FROM users WHERE username ="
            " 'ada'",
            "of 'ada': it is in the table but the audit trail never recorded it",
        ),
        ("DELETE FROM sessions WHERE end_reason IS NULL", "it was deleted outside the audit"),
    ],
)
def test_review_times_returns_and_sessions_are_replayed(db, path, reworked, statement, words):
    assert words in _live_problems_after(db, path, statement)


@pytest.fixture
def archived(db):
    """A claim's source archived, its quote checked against the copy (evidence 1); the same page
    cited for another claim after, checked against the same copy (2); a third source of another
    page (3)."""
    claim_id = first_checkable_claim(db, 1)["id"]
    rita = _actor(db, "rita")
    body = b"<html><body><p>The bulletin says 3,200 homes lost power.</p></body></html>"
    url = "https://county.example/b"
    evidence.add_evidence(db, claim_id, url=url, stance="supports", quote="3,200 homes", actor=rita)
    keep_copy(db, url, body, title="B", text="The bulletin says 3,200 homes lost power.")
    other = db.execute(
        "SELECT id FROM claims WHERE kind = 'claim' AND id != ? LIMIT 1", [claim_id]
    ).fetchone()[0]
    evidence.add_evidence(db, other, url=url, stance="supports", quote="lost power", actor=rita)
    evidence.add_evidence(db, claim_id, url="https://county.example/c", stance="mixed", actor=rita)
    assert audit.verify(db).ok
    return claim_id


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (
            ["UPDATE evidence_snapshots SET text = 'The bulletin says nothing of the kind.'"],
            "archived copy 1: its text was changed outside the audit trail",
        ),
        (["UPDATE snapshot_files SET data = x'2550'"], "its bytes were changed outside"),
        (
            ["UPDATE quote_checks SET status = 'not_found' WHERE evidence_id = 1"],
            "quote check of evidence 1 against archived copy 1: its status is 'not_found'",
        ),
        (
            ["DELETE FROM quote_checks WHERE evidence_id = 2"],
            "quote check of evidence 2 against archived copy 1: it was deleted",
        ),
        (
            [
                "INSERT INTO quote_checks (evidence_id, snapshot_id, status, score, checked_at)"
                " VALUES (3, 1, 'found', 1.0, '2026-01-01T00:00:00Z')"
            ],
            "quote check of evidence 3 against archived copy 1: it is in the table but",
        ),
        ([], "the trigger snapshot_files_immutable_update is missing"),
    ],
)
def test_archived_copies_and_their_quote_checks_are_replayed(db, path, archived, statements, words):
    db.close()
    _attack(
        path,
        "DROP TRIGGER evidence_snapshots_immutable_update",
        "DROP TRIGGER snapshot_files_immutable_update",
        "DROP TRIGGER snapshot_files_immutable_delete",
        *statements,
        drop_triggers=False,
    )
    report = audit.verify(open_database(path))
    assert not report.ok
    assert words in " ".join(p.message for p in report.problems)


def test_a_link_check_changed_or_deleted_outside_the_trail_is_caught(db, path, archived):
    link_checks.record_link_checks(
        db,
        "https://county.example/b",
        actor=SYSTEM,
        checks=[{"outcome": "failed", "error": "answered 404"}],
    )
    assert audit.verify(db).ok
    db.close()
    for statement, words in [
        ("UPDATE link_checks SET outcome = 'unchanged', error = NULL", "its outcome is"),
        ("DELETE FROM link_checks", "link check 1: it was deleted outside the audit trail"),
    ]:
        copy = path.with_name(f"copy-{len(words)}.db")
        shutil.copy(path, copy)
        for suffix in (".audit_key", ".audit_checkpoint"):
            shutil.copy(f"{path}{suffix}", f"{copy}{suffix}")
        _attack(copy, statement, drop_triggers=False)
        report = audit.verify(open_database(copy))
        assert words in " ".join(p.message for p in report.problems), statement


def test_an_articles_language_changed_outside_the_trail_is_caught(db, path):
    db.close()
    _attack(path, "UPDATE articles SET language = 'de'", drop_triggers=False)
    report = audit.verify(open_database(path))
    assert "article 1: its language is 'de' but the audit trail says 'en'" in " ".join(
        p.message for p in report.problems
    )


def test_every_unit_of_an_article_nobody_reviewed_deleted_is_caught(db, path):
    assert audit.verify(db).ok
    db.close()
    _attack(path, "DELETE FROM claims WHERE article_id = 1", drop_triggers=False)
    report = audit.verify(open_database(path))
    assert not report.ok
    assert "article 1: it has 0 units but" in " ".join(p.message for p in report.problems)


def test_changes_committed_while_the_trail_is_checked_are_no_false_alarm(
    db, path, published, monkeypatch
):
    """A desk keeps working while `audit verify` runs: a comment committed (with its audit row
    and checkpoint) between reading the trail and comparing the tables is not taken for a row
    written outside the trail, nor its checkpoint for a truncated trail."""
    from factcheck.store.audit_replay import Replay

    writer = open_database(path)
    compare = Replay.compare
    read_checkpoint = audit_seal.read_checkpoint

    def comment_now(body):
        add_comment(writer, published, body=body, actor=_actor(writer, "ed"))

    def compare_after_a_comment(self, database):
        comment_now("Added while the trail was being read")
        return compare(self, database)

    def checkpoint_then_a_comment(database):
        checkpoint = read_checkpoint(database)
        if database is db:  # verify's read; the comment's own change reads it too
            comment_now("Added just after the checkpoint was read")
        return checkpoint

    monkeypatch.setattr(Replay, "compare", compare_after_a_comment)
    monkeypatch.setattr(audit_seal, "read_checkpoint", checkpoint_then_a_comment)
    report = audit.verify(db)
    assert report.ok, report.problems
    monkeypatch.undo()
    after = audit.verify(db)
    assert after.ok and after.rows == report.rows + 1
    writer.close()


# Keys, checkpoints and older trails


@pytest.mark.parametrize("table", ["audit", "comments"])
def test_a_dropped_table_fails_the_check_rather_than_the_command(db, path, table):
    """The most thorough way to remove a trail is to drop it: that is tampering found (exit 1),
    not a mistyped --db (exit 2)."""
    db.close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"DROP TABLE {table}")
    result = _verify_cli(path)
    assert result.exit_code == 1, result.output
    assert f"Audit check failed, tables are missing: {table}" in result.output
    assert json.loads(_verify_cli(path, "--json").output)["kind"] == "missing_tables"


def test_a_missing_key_or_checkpoint_is_reported(db, path):
    db.close()
    audit_seal.files_for(open_database(path)).key.rename(path.with_name("elsewhere"))
    result = _verify_cli(path)
    assert result.exit_code == 1 and "audit key" in result.output
    assert _verify_cli(path, "--key-file", str(path.with_name("elsewhere"))).exit_code == 0
    path.with_name("audit.db.audit_checkpoint").unlink()
    result = _verify_cli(path, "--key-file", str(path.with_name("elsewhere")))
    assert result.exit_code == 1 and "checkpoint" in result.output


def test_a_key_that_is_not_the_trails_says_so_beside_the_first_row(db, path, tmp_path):
    db.close()
    other = tmp_path / "other.key"
    other.write_text("ab" * 32 + "\n")
    other.chmod(0o600)
    result = _verify_cli(path, "--key-file", str(other))
    assert result.exit_code == 1
    assert "row 1: its content does not match its hash" in result.output
    assert "nor do the rows after it" in result.output and "--key-file" in result.output
    # One row changed with the right key in use is named alone.
    _attack(path, "UPDATE audit SET reason = 'changed' WHERE id = 2")
    result = _verify_cli(path)
    assert "row 2: its content does not match its hash." in result.output
    assert "rows after it" not in result.output


@pytest.mark.parametrize(
    "spoil, what",
    [
        (lambda key: key.write_text(""), "is empty"),
        (lambda key: key.write_text("abc\n"), "too short"),
        (lambda key: key.write_bytes(b"\xff\xfe" * 40), "not a text file"),
        (lambda key: (key.unlink(), key.mkdir()), "is a folder"),
    ],
    ids=["empty", "short", "binary", "folder"],
)
def test_an_unusable_key_file_says_what_is_wrong_and_to_restore_it(db, path, spoil, what):
    db.close()
    key = path.with_name("audit.db.audit_key")
    spoil(key)
    runs = [[], ["--json"]] + ([] if key.is_dir() else [["--key-file", str(key)]])
    for extra in runs:
        result = _verify_cli(path, *extra)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert what in result.output and "restore" in result.output
        # A new key cannot check the rows already signed: never advise deleting this one.
        assert "delete" not in result.output and "new one will be made" not in result.output
        assert "is missing" not in result.output


def test_a_key_file_this_user_cannot_read_says_so_and_is_not_called_missing(db, path, monkeypatch):
    db.close()

    def refuse(key_path):
        raise PermissionError(13, "Permission denied", str(key_path))

    # Tests may run as root, who can read any file: refuse the read the way the system would.
    monkeypatch.setattr(audit_seal, "read_secret", refuse)
    monkeypatch.setattr(audit_seal, "_keys", {})  # the key read while building the database
    result = _verify_cli(path, "--key-file", str(path.with_name("audit.db.audit_key")))
    assert result.exit_code == 1 and "cannot be read by this user" in result.output
    assert "delete" not in result.output and "is missing" not in result.output


def test_key_and_checkpoint_can_live_outside_the_instance_folder(tmp_path, monkeypatch):
    vault = tmp_path / "vault"
    vault.mkdir()
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(vault / "key"))
    monkeypatch.setenv("FACTCHECK_AUDIT_CHECKPOINT_FILE", str(vault / "head"))
    db = open_database(tmp_path / "a.db")
    add_people(db)
    assert (vault / "key").exists() and (vault / "head").exists()
    assert not list(tmp_path.glob("a.db.audit_*"))
    assert audit.verify(db).ok


@pytest.mark.parametrize("where", ["a folder", "a missing folder"])
def test_a_checkpoint_that_cannot_be_written_refuses_the_change_before_it_is_made(
    db, path, published, monkeypatch, where
):
    db.close()
    target = path.parent if where == "a folder" else path.parent / "nowhere" / "head"
    monkeypatch.setenv("FACTCHECK_AUDIT_CHECKPOINT_FILE", str(target))
    rows = len(list(open_database(path).query("SELECT id FROM audit")))
    result = CliRunner().invoke(
        main, ["--db", str(path), "claim", "comment", str(published), "A note", "--as", "rita"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert (
        "audit checkpoint" in result.output and "FACTCHECK_AUDIT_CHECKPOINT_FILE" in result.output
    )
    assert len(list(open_database(path).query("SELECT id FROM audit"))) == rows


def _old_rows(db, count: int) -> None:
    """Rows as a factcheck from before migration 003 wrote them: plain sha256, no channel."""
    prev = audit.GENESIS_HASH
    for row_id in range(1, count + 1):
        row = {
            "id": row_id,
            "at": "2026-01-01T00:00:00.000000Z",
            "actor": "system",
            "record_type": "note",
            "record_id": None,
            "action": "note",
            "before": None,
            "after": None,
            "reason": "written by an older factcheck",
        }
        row.update(prev_hash=prev, hash=audit.row_hash(row, prev))
        db["audit"].insert({**row, "hash_scheme": audit.LEGACY_SCHEME})
        prev = row["hash"]


def test_a_trail_started_before_keying_still_verifies_and_cannot_go_back(tmp_path):
    """Keyed rows follow the plain sha256 rows of an older trail, and an unkeyed row after a
    keyed one is refused."""
    path = tmp_path / "old.db"
    db = open_database(path)
    _old_rows(db, 2)
    # Its checkpoint as an older factcheck wrote it, with no key to seal it.
    _checkpoint_at_head(path)
    # serve checks the anchors before it starts: that makes no key, which would leave the
    # trail's first signed row to be refused.
    audit.check_anchors(db)
    assert not path.with_name("old.db.audit_key").exists()
    add_people(db)
    report = audit.verify(db)
    assert report.ok, report.problems
    schemes = [r[0] for r in db.execute("SELECT hash_scheme FROM audit ORDER BY id")]
    assert schemes[:2] == ["sha256", "sha256"] and set(schemes[2:]) == {"hmac-sha256"}
    db.close()
    _attack(path, "UPDATE audit SET hash_scheme = 'sha256' WHERE id = 4")
    report = audit.verify(open_database(path))
    assert report.kind == "chain" and report.first_bad_id == 4


def test_bundles_taken_before_and_after_keying_still_verify(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Desk")
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://desk.example")
    path = tmp_path / "b.db"
    db = open_database(path)
    _old_rows(db, 3)
    runner = CliRunner()
    bundles = []
    for name in ("before.zip", "after.zip"):
        result = runner.invoke(
            main, ["--db", str(path), "export", "--format", "bundle", "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
        bundles.append(tmp_path / name)
        if name == "before.zip":
            add_people(db)
    with zipfile.ZipFile(bundles[0]) as archive:
        # The first bundle was taken at the head of the unkeyed part of the chain.
        assert json.loads(archive.read("manifest.json"))["audit_head"]["row"] == 3
    for bundle in bundles:
        result = runner.invoke(main, ["--db", str(path), "export", "verify", str(bundle)])
        assert result.exit_code == 0, result.output


# Who did it, and through which door


def test_command_line_changes_record_their_channel_and_say_so(tmp_path):
    path = tmp_path / "cli.db"
    db = open_database(path)
    add_people(db)
    claim_id = first_checkable_claim(db, import_sample(db))["id"]
    runner = CliRunner()

    def cli(*args):
        result = runner.invoke(main, ["--db", str(path), *args])
        assert result.exit_code == 0, result.output
        return result.output

    cli("verdict", "set", str(claim_id), "--rating", "unverifiable", "--rationale", RATIONALE,
        "--as", "rita")  # fmt: skip
    cli("review", "submit", str(claim_id), "--as", "rita")
    cli("review", "approve", str(claim_id), "--as", "ed")
    row = next(iter(db.query("SELECT * FROM audit WHERE action = 'review.approve'")))
    assert row["channel"].startswith("cli:") and len(row["channel"]) > 4
    history = cli("history", str(claim_id))
    assert "approved and published" in history and "via command line" in history
    cli("export", "--format", "html", "-o", str(tmp_path / "report.html"))
    report_text = re.sub(r"<[^>]+>", "", (tmp_path / "report.html").read_text())
    # A report is for readers: it names the person, not the door or the server's account.
    assert "approved by Ed ·" in report_text and "command line" not in report_text
    cli("export", "--format", "json", "-o", str(tmp_path / "report.json"))
    exported = json.loads((tmp_path / "report.json").read_text())
    claim = next(c for c in exported["claims"] if c["id"] == claim_id)
    assert {item["channel"][:4] for item in claim["history"]} == {"cli:"}


def test_cli_approval_can_require_the_editors_password(tmp_path, monkeypatch):
    path = tmp_path / "pw.db"
    db = open_database(path)
    people = add_people(db)
    claim_id = first_checkable_claim(db, import_sample(db))["id"]
    verdicts.set_verdict(
        db, claim_id, rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    monkeypatch.setenv("FACTCHECK_CLI_REVIEW_PASSWORD", "true")
    approve = ["--db", str(path), "review", "approve", str(claim_id), "--as", "ed"]
    runner = CliRunner()
    refused = runner.invoke(main, [*approve, "--password-stdin"], input="wrong password\n")
    assert refused.exit_code == 2 and "not ed's password" in refused.output
    assert db.execute("SELECT status FROM claims WHERE id = ?", [claim_id]).fetchone()[0] == (
        "in_review"
    )
    accepted = runner.invoke(main, [*approve, "--password-stdin"], input=PASSWORD + "\n")
    assert accepted.exit_code == 0, accepted.output
    assert db.execute("SELECT status FROM claims WHERE id = ?", [claim_id]).fetchone()[0] == (
        "published"
    )


def test_files_the_trail_keeps_outside_the_database_are_private(db, path):
    for suffix in (".audit_key", ".audit_checkpoint"):
        mode = os.stat(path.with_name(path.name + suffix)).st_mode
        assert stat.S_IMODE(mode) == 0o600, suffix


def test_the_panel_tells_a_command_line_approval_from_a_signed_in_one(client, app_db, claim):
    from helpers import HX, fragment, words

    from factcheck.cli.base import command_line_channel
    from factcheck.store.users import actor_for

    claim_id = claim["id"]
    rita = actor_for(app_db, "rita")
    verdicts.set_verdict(app_db, claim_id, rating="unverifiable", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(app_db, claim_id, actor=rita)
    verdicts.approve(app_db, claim_id, actor=actor_for(app_db, "ed").via(command_line_channel()))
    panel = fragment(client.get(f"/claims/{claim_id}/panel", headers=HX))
    verdict_line = words(panel.cssselect(".verdict-meta")[0])
    assert "approved by Ed via command line" in verdict_line
    history = words(panel.cssselect(".history-section")[0])
    assert "Ed via command line" in history and "Rita via command line" not in history


def test_a_missing_key_file_is_not_replaced_by_a_new_key_once_rows_are_keyed(
    db, path, tmp_path, monkeypatch
):
    """A mistyped FACTCHECK_AUDIT_KEY_FILE (or a restore without the key) must not sign new rows
    with a fresh key: the trail could then never verify under either key."""
    db.close()
    before = _verify_cli(path)
    assert before.exit_code == 0, before.output
    elsewhere = tmp_path / "typo" / "audit.key"
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(elsewhere))
    result = CliRunner().invoke(
        main, ["--db", str(path), "user", "add", "newbie", "--role", "reviewer",
               "--password-stdin"], input=PASSWORD,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: the audit key {elsewhere} is missing, but this database's audit trail is"
        " signed with a key; point FACTCHECK_AUDIT_KEY_FILE at that key (or restore it)"
    )
    assert not elsewhere.exists()
    monkeypatch.delenv("FACTCHECK_AUDIT_KEY_FILE")
    after = _verify_cli(path)
    assert after.exit_code == 0 and after.output == before.output


@pytest.mark.parametrize("command", [("serve", "--port", "1"), ("worker",)])
def test_serve_and_worker_refuse_to_start_without_the_key_of_a_signed_trail(
    db, path, tmp_path, monkeypatch, command
):
    db.close()
    elsewhere = tmp_path / "typo.key"
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(elsewhere))

    def started(*args, **kwargs):
        raise AssertionError("started without the audit key")

    monkeypatch.setattr("factcheck.job_recovery.start_workers", started)
    monkeypatch.setattr("factcheck.cli.serve._serve_simple", started)
    result = CliRunner().invoke(main, ["--db", str(path), *command])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: the audit key {elsewhere} is missing")
    assert not elsewhere.exists()


# A trail out of step with its anchors: no change is written over the evidence


def _delete_newest_rows(path, count=1):
    """What someone holding the database file alone can do: remove the newest audit rows, then
    put the append-only trigger back as it was."""
    conn = sqlite3.connect(path)
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'"
    ).fetchone()[0]
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE id > (SELECT max(id) FROM audit) - ?", [count])
    conn.execute(trigger)
    conn.commit()
    conn.close()


def _comment_cli(path, body="An ordinary note", user="ed"):
    lookup = open_database(path)
    claim = first_checkable_claim(lookup, 1)["id"]
    lookup.close()
    return CliRunner().invoke(
        main, ["--db", str(path), "claim", "comment", str(claim), body, "--as", user]
    )


def test_after_the_newest_rows_are_removed_no_change_is_written_until_an_admin_resets(db, path):
    """Writing on would move the checkpoint past the removal and verify would say intact."""
    add_comment(
        db, first_checkable_claim(db, 1)["id"], body="To be removed", actor=_actor(db, "ed")
    )
    db.close()
    _delete_newest_rows(path)
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM audit").fetchone()[0]
    for _ in range(3):
        refused = _comment_cli(path)
        assert refused.exit_code == 2
        assert "the trail ends at row" in refused.output and "reset-checkpoint" in refused.output
    assert sqlite3.connect(path).execute("SELECT count(*) FROM audit").fetchone()[0] == rows
    assert "rows were removed from the end" in _verify_cli(path).output
    serve = CliRunner().invoke(main, ["--db", str(path), "serve", "--port", "0"])
    assert serve.exit_code == 2 and "the trail ends at row" in serve.output

    reset = ["--db", str(path), "audit", "reset-checkpoint"]
    by_reviewer = CliRunner().invoke(main, [*reset, "--why", "Seen", "--as", "rita"])
    assert by_reviewer.exit_code == 2 and "only an administrator" in by_reviewer.output
    done = CliRunner().invoke(main, [*reset, "--why", "Row removed in a drill", "--as", "ada"])
    assert done.exit_code == 0, done.output
    assert "the trail ends at row" in done.output
    # The reset is itself on the record, with the checkpoint it replaced and why.
    entry = (
        open_database(path)
        .execute("SELECT actor, action, before, reason FROM audit ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    assert entry[:2] == ("ada", "audit.checkpoint_reset") and entry[3] == "Row removed in a drill"
    assert json.loads(entry[2])["checkpoint"]["row"] == rows + 1
    # Whoever reads the trail later sees where the checkpoint stood, where it moved, and why.
    shown = CliRunner().invoke(main, ["--db", str(path), "audit", "log", "--kind", "audit"])
    assert f"checkpoint.row: {rows + 1} -> {rows}" in shown.output
    assert "problem found: " in shown.output and "removed" in shown.output
    assert "(not recorded)" not in shown.output
    assert _comment_cli(path).exit_code == 0
    again = CliRunner().invoke(main, [*reset, "--why", "Again", "--as", "ada"])
    assert again.exit_code == 2 and "nothing to reset" in again.output


def test_the_newest_row_rewritten_under_its_checkpoint_refuses_changes(db, path):
    """The checkpoint names the newest row, whose hash in the database is no longer the one
    checkpointed (the row rewritten, as someone holding the file alone can): nothing is written
    on it."""
    add_comment(db, first_checkable_claim(db, 1)["id"], body="Seen", actor=_actor(db, "ed"))
    db.close()
    conn = sqlite3.connect(path)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'")
    trigger = trigger.fetchone()[0]
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET hash = ? WHERE id = (SELECT max(id) FROM audit)", ["f" * 64])
    conn.execute(trigger)
    conn.commit()
    rows = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    conn.close()
    refused = _comment_cli(path)
    assert refused.exit_code == 2 and "no longer has the hash checkpointed" in refused.output
    assert sqlite3.connect(path).execute("SELECT count(*) FROM audit").fetchone()[0] == rows


def _checkpoint_at_head(path, *, tag=None) -> None:
    """A checkpoint written by hand to match the trail's head now, as someone without the key
    would (no seal, or the seal of another head kept)."""
    row_id, row_hash, at = (
        sqlite3.connect(path)
        .execute("SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1")
        .fetchone()
    )
    head = {"row": row_id, "hash": row_hash, "at": at, **({"tag": tag} if tag else {})}
    path.with_name(path.name + ".audit_checkpoint").write_text(json.dumps(head))


def test_rows_removed_with_an_unsealed_checkpoint_written_to_match_are_caught(db, path):
    add_comment(db, first_checkable_claim(db, 1)["id"], body="Leaked", actor=_actor(db, "ed"))
    db.close()
    _delete_newest_rows(path)
    _checkpoint_at_head(path)
    result = _verify_cli(path)
    assert result.exit_code == 1, result.output
    assert "carries no seal made with the audit key" in result.output
    refused = _comment_cli(path)
    assert refused.exit_code == 2 and "carries no seal" in refused.output


def test_rows_removed_with_the_checkpoint_edited_and_its_seal_kept_are_called_edited(db, path):
    """Its seal no longer matches the row it names, which is this trail's: not another
    database's checkpoint, whose advice (move it aside) would hide the removal."""
    add_comment(db, first_checkable_claim(db, 1)["id"], body="Leaked", actor=_actor(db, "ed"))
    db.close()
    sealed = json.loads(path.with_name(path.name + ".audit_checkpoint").read_text())
    _delete_newest_rows(path)
    _checkpoint_at_head(path, tag=sealed["tag"])
    result = _verify_cli(path)
    assert result.exit_code == 1, result.output
    assert "its seal does not match what it names: it was edited" in result.output
    assert "another audit key" not in result.output and "move the file aside" not in result.output


def test_a_trail_from_before_checkpoints_takes_changes_with_a_key_made_ahead(tmp_path):
    """An administrator may make the key before the upgrade (owned by another account): a trail
    with no checkpoint yet and no signed row is no forgery."""
    path = tmp_path / "old.db"
    db = open_database(path)
    _old_rows(db, 2)
    path.with_name("old.db.audit_key").write_text("ab" * 32 + "\n")
    path.with_name("old.db.audit_key").chmod(0o600)
    assert _verify_cli(path).exit_code == 0
    add_people(db)
    assert _verify_cli(path).exit_code == 0


def test_a_backup_from_before_the_trail_was_signed_restored_beside_the_key_takes_changes(tmp_path):
    """Its unsigned rows were written before the key was made: no rewrite."""
    path = tmp_path / "old.db"
    db = open_database(path)
    _old_rows(db, 2)
    _checkpoint_at_head(path)
    restored = tmp_path / "restored.db"
    with sqlite3.connect(restored) as kept:
        db.conn.backup(kept)
    shutil.copy(
        path.with_name("old.db.audit_checkpoint"), tmp_path / "restored.db.audit_checkpoint"
    )
    add_people(db)  # the desk goes on: its key is made, its rows are signed
    # Restored with its own checkpoint, beside the desk's key.
    shutil.copy(path.with_name("old.db.audit_key"), tmp_path / "restored.db.audit_key")
    result = _verify_cli(restored)
    assert result.exit_code == 0, result.output
    add_people(open_database(restored))
    assert _verify_cli(restored).exit_code == 0


def test_an_older_copy_of_the_database_put_back_without_its_checkpoint_refuses_changes(db, path):
    db.close()
    shutil.copy(path, path.with_name("older.db"))
    newer = open_database(path)
    add_comment(
        newer, first_checkable_claim(newer, 1)["id"], body="Newer", actor=_actor(newer, "ed")
    )
    newer.close()
    shutil.copy(path.with_name("older.db"), path)  # as a restore does, without its checkpoint
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    refused = _comment_cli(path)
    assert refused.exit_code == 2 and "the trail ends at row" in refused.output


def test_a_change_is_refused_with_another_databases_key_or_checkpoint(
    db, path, tmp_path, monkeypatch
):
    db.close()
    other = tmp_path / "other" / "other.db"
    other.parent.mkdir()
    other_db = open_database(other)
    add_people(other_db)
    other_db.close()
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", f"{other}.audit_key")
    refused = _comment_cli(path)
    assert refused.exit_code == 2
    assert "is not the key this trail is signed with" in refused.output
    monkeypatch.delenv("FACTCHECK_AUDIT_KEY_FILE")
    monkeypatch.setenv("FACTCHECK_AUDIT_CHECKPOINT_FILE", f"{other}.audit_checkpoint")
    before = open(f"{other}.audit_checkpoint").read()
    assert _comment_cli(path).exit_code == 2
    # Verify says whose it is, rather than that rows were removed or rewritten; the reset its
    # message used to lead to would have broken the other desk.
    verified = _verify_cli(path)
    assert verified.exit_code == 1
    assert "is another database's" in verified.output and "removed" not in verified.output
    reset = CliRunner().invoke(
        main, ["--db", str(path), "audit", "reset-checkpoint", "--as", "ada", "--why", "Verify"]
    )
    assert reset.exit_code == 2 and "so it is not overwritten" in reset.output
    assert open(f"{other}.audit_checkpoint").read() == before, "the other desk's is left alone"
    monkeypatch.delenv("FACTCHECK_AUDIT_CHECKPOINT_FILE")
    assert _comment_cli(path).exit_code == 0
    assert _verify_cli(path).exit_code == 0


def test_signing_in_on_a_trail_out_of_step_says_why_nothing_is_saved(app, app_db, people):
    from helpers import parse, words

    client = app.test_client()
    audit_seal.files_for(app_db).checkpoint.write_text(
        json.dumps({"row": 10_000, "hash": "f" * 64, "at": "2026-01-01T00:00:00Z"})
    )
    token = parse(client.get("/sign-in")).cssselect("input[name=csrf_token]")[0].get("value")
    answer = client.post(
        "/sign-in", data={"username": "rita", "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 503
    assert "no longer matches the record of it kept outside the database" in words(parse(answer))


def test_a_new_database_keeps_an_earlier_ones_checkpoint_aside_rather_than_fail_on_it(tmp_path):
    path = tmp_path / "desk.db"
    runner = CliRunner()
    first = runner.invoke(main, ["--db", str(path), "init"])
    assert first.exit_code == 0
    earlier = open_database(path)
    add_people(earlier)
    earlier.close()
    path.unlink()  # the desk starts again at the same path; the checkpoint file stays
    again = runner.invoke(main, ["--db", str(path), "init"])
    assert again.exit_code == 0, again.output
    kept = list(tmp_path.glob("desk.db.audit_checkpoint.earlier-*"))
    assert len(kept) == 1 and str(kept[0]) in again.output
    added = runner.invoke(
        main,
        ["--db", str(path), "user", "add", "newbie", "--role", "reviewer", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    assert _verify_cli(path).exit_code == 0


def test_a_new_database_never_moves_a_checkpoint_named_by_the_setting(tmp_path, monkeypatch):
    """Kept elsewhere for a live desk, as docs/audit.md advises: a scratch database made under
    the same setting must not set it aside (which locked the live desk), and is refused."""
    anchors = tmp_path / "anchors"
    anchors.mkdir()
    monkeypatch.setenv("FACTCHECK_AUDIT_CHECKPOINT_FILE", str(anchors / "checkpoint"))
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(anchors / "key"))
    live = tmp_path / "live.db"
    desk = open_database(live)
    add_people(desk)
    desk.close()
    before = (anchors / "checkpoint").read_text()
    scratch = CliRunner().invoke(main, ["--db", str(tmp_path / "scratch.db"), "init"])
    assert scratch.exit_code == 0
    assert "another database's checkpoint, so every change to this one is refused" in (
        scratch.output
    )
    assert (anchors / "checkpoint").read_text() == before
    assert not list(anchors.glob("checkpoint.earlier-*"))
    assert _verify_cli(live).exit_code == 0


@pytest.mark.parametrize(
    ("statement", "then", "words"),
    [
        (
            "UPDATE users SET role = 'admin' WHERE username = 'rita'",
            lambda db: users.set_role(db, "rita", "editor", actor=_actor(db, "ada")),
            "starts from its role 'admin', but the trail had left it 'reviewer'",
        ),
        (
            "UPDATE claims SET status = 'published' WHERE id = 3",
            lambda db: triage.assign(db, 3, assignee="rita", actor=_actor(db, "ed")),
            "starts from its status 'published', but the trail had left it",
        ),
    ],
)
def test_a_table_changed_outside_the_trail_is_caught_after_the_next_ordinary_change(
    db, path, statement, then, words
):
    """The next change copies the changed state into its own row's "before", so the live table
    agrees with the trail again: the replay reads each row's starting point too."""
    db.close()
    _attack(path, statement, drop_triggers=False)
    desk = open_database(path)
    then(desk)
    report = audit.verify(desk)
    assert not report.ok
    assert words in " ".join(p.message for p in report.problems)
