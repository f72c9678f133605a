"""Changes someone holding the database file (not the audit key) might make so that the records
say something else while `audit verify` still reads "intact": each one is named."""

import sqlite3
from datetime import UTC, datetime

import pytest
from helpers import PASSWORD, RATIONALE, add_people, import_sample, keep_copy, tamper
from helpers import new_database as open_database

from factcheck.store import (
    audit,
    claim_reads,
    evidence,
    sessions,
    unit_edits,
    users,
    verdicts,
)
from factcheck.store.articles import edit_details
from factcheck.store.comments import add_comment


@pytest.fixture
def path(tmp_path):
    return tmp_path / "desk.db"


@pytest.fixture
def desk(path):
    db = open_database(path)
    people = add_people(db)
    article_id = import_sample(db)
    units = [u for u in claim_reads.claims_for_article(db, article_id) if u["kind"] == "claim"]
    yield db, people, units
    db.close()


def _findings(db) -> tuple[str, str]:
    report = audit.verify(db)
    assert not report.ok
    return report.kind, " ".join(p.message for p in report.problems)


def _publish(db, people, claim_id) -> int:
    item = evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    return item["id"]


def test_a_trigger_planted_in_the_database_is_named(desk, path):
    db, people, units = desk
    assert audit.verify(db).ok
    tamper(
        path,
        "CREATE TRIGGER verdicts_touch AFTER INSERT ON verdicts BEGIN"
        " UPDATE verdicts SET rating = 'accurate' WHERE id = new.id; END",
    )
    kind, words = _findings(db)
    assert kind == "schema"
    assert "the trigger verdicts_touch on verdicts was added outside factcheck" in words


def test_a_search_trigger_rewritten_is_named(desk, path):
    db, _, _ = desk
    tamper(
        path,
        "DROP TRIGGER claims_fts_update",
        "CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN"
        " UPDATE claims SET status = 'published' WHERE id = new.id AND 0; END",
    )
    kind, words = _findings(db)
    assert "the trigger claims_fts_update on claims was changed outside factcheck" in words


def test_two_units_swapped_under_their_ids_are_caught(desk, path):
    """A published verdict moved onto another sentence by swapping what two units say."""
    db, people, units = desk
    first, second = units[0], units[1]
    _publish(db, people, first["id"])
    assert audit.verify(db).ok
    columns = ("seq", "start", "end", "text", "section", "attribution", "checkworthiness")

    def set_to(claim_id, unit):
        values = ", ".join(f'"{name}" = ?' for name in columns)
        return f"UPDATE claims SET {values} WHERE id = {claim_id}", [unit[c] for c in columns]

    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE claims SET seq = -1 WHERE id = {first['id']}")
    conn.execute(*set_to(second["id"], first))
    conn.execute(*set_to(first["id"], second))
    conn.commit()
    conn.close()
    swapped = claim_reads.get_claim(db, first["id"])
    assert swapped["text"] == second["text"]
    _, words = _findings(db)
    assert "its units were given other ids outside the audit trail" in words
    assert (
        f"claim {first['id']}: its text is not the sentence its verdict was published on" in words
    )


def test_an_evidence_item_edited_then_removed_is_caught(desk, path):
    db, people, units = desk
    item = evidence.add_evidence(
        db, units[0]["id"], url="https://stats.example/a", stance="supports", actor=people["rita"]
    )
    tamper(
        path,
        "UPDATE evidence SET url = 'https://forged.example/', stance = 'refutes'"
        f" WHERE id = {item['id']}",
    )
    evidence.remove_evidence(db, item["id"], reason="Not the right report", actor=people["rita"])
    _, words = _findings(db)
    assert f"evidence {item['id']}: audit row" in words
    assert "starts from its stance 'refutes', but the trail had left it 'supports'" in words


def test_an_articles_title_edited_then_corrected_again_is_caught(desk, path):
    """The next correction writes the forged title into its row's "before", and leaves the
    table agreeing with the trail again."""
    db, people, units = desk
    article_id = units[0]["article_id"]
    tamper(path, f"UPDATE articles SET title = 'Forged headline' WHERE id = {article_id}")
    edit_details(
        db,
        article_id,
        {"title": "Flooding closes 14 schools"},
        reason="Shorter headline as printed",
        actor=people["ed"],
    )
    _, words = _findings(db)
    assert f"article {article_id}: audit row" in words
    assert "starts from its title 'Forged headline'" in words


def test_a_draft_rewritten_then_revised_is_caught(desk, path):
    db, people, units = desk
    claim_id = units[0]["id"]
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"])
    verdict_id = verdicts.verdicts_for_claim(db, claim_id)[-1]["id"]
    tamper(
        path,
        "UPDATE verdicts SET rationale = 'Nothing supports it, the reviewer said so.'"
        f" WHERE id = {verdict_id}",
    )
    verdicts.set_verdict(
        db, claim_id, rating="misleading", rationale=RATIONALE, actor=people["rita"]
    )
    _, words = _findings(db)
    assert f"verdict {verdict_id} on claim {claim_id}: audit row" in words
    assert "starts from its rationale 'Nothing supports it" in words


def test_a_password_swapped_then_changed_again_is_caught(desk, path):
    db, people, _ = desk
    from factcheck.passwords import hash_password

    tamper(path, f"UPDATE users SET password_hash = '{hash_password('attacker known pw')}'"
            " WHERE username = 'ed'")  # fmt: skip
    users.change_password(
        db, "ed", "a new password for ed", actor=people["ed"], current_password="attacker known pw"
    )
    _, words = _findings(db)
    assert "the password of user" in words and "it was changed outside the trail" in words


def test_a_signed_out_session_opened_again_and_used_is_caught(desk, path):
    db, people, units = desk
    now = datetime.now(UTC)
    session_id = sessions.start_session(db, people["rita"], address="10.0.0.8", now=now)
    through = people["rita"].via(sessions.channel(session_id))
    sessions.end_session(db, session_id, reason="sign_out", actor=through, now=now)
    assert audit.verify(db).ok
    tamper(path, "UPDATE sessions SET ended_at = NULL, end_reason = NULL")
    add_comment(db, units[0]["id"], body="Checked the county bulletin again.", actor=through)
    sessions.end_session(db, session_id, reason="sign_out", actor=through, now=now)
    _, words = _findings(db)
    assert "it was opened again outside the audit trail" in words


def test_a_copys_stored_file_deleted_is_caught(desk, path):
    db, _, _ = desk
    keep_copy(db, "https://stats.example/report", b"<html><body><p>Some text.</p></body></html>")
    assert audit.verify(db).ok
    tamper(
        path,
        "DROP TRIGGER snapshot_files_immutable_delete",
        "DELETE FROM snapshot_files",
        "CREATE TRIGGER snapshot_files_immutable_delete BEFORE DELETE ON snapshot_files"
        " BEGIN SELECT RAISE(ABORT, 'stored copies cannot be deleted'); END",
    )
    # The trigger put back as it was made: only the deleted file is left to find.
    db.execute("SELECT 1")
    _, words = _findings(db)
    assert "its stored file was deleted outside the audit trail" in words


def test_the_retired_ids_emptied_are_caught_before_and_after_an_id_is_given_again(desk, path):
    db, people, units = desk
    last = units[-1]
    at = last["start"] + last["text"].index(" ", 3)
    kept, split_off = unit_edits.split_unit(
        db, last["id"], at=at, reason="Two claims here", actor=people["rita"]
    )
    unit_edits.merge_with_next(db, kept["id"], reason="One claim after all", actor=people["rita"])
    assert audit.verify(db).ok
    tamper(path, "DELETE FROM retired_ids")
    _, words = _findings(db)
    assert f"claim {split_off['id']} was deleted at audit row" in words
    import_sample(db, "Buses ran late\n\nTen buses ran late on Monday, the council said.")
    _, words = _findings(db)
    assert f"claim {split_off['id']}: it has the id of a claim deleted at audit row" in words


def test_an_untouched_desk_with_every_kind_of_record_verifies(desk):
    """None of the checks above cries wolf on the changes factcheck makes itself."""
    db, people, units = desk
    _publish(db, people, units[0]["id"])
    now = datetime.now(UTC)
    session_id = sessions.start_session(db, people["rita"], address="10.0.0.8", now=now)
    through = people["rita"].via(sessions.channel(session_id))
    add_comment(db, units[1]["id"], body="Asked the council for its figures.", actor=through)
    sessions.end_session(db, session_id, reason="sign_out", actor=through, now=now)
    users.change_password(db, "ed", "a new password for ed", actor=people["ed"],
                          current_password=PASSWORD)  # fmt: skip
    keep_copy(db, "https://stats.example/report", b"<html><body><p>Report.</p></body></html>")
    verdicts.set_verdict(
        db, units[2]["id"], rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.set_verdict(
        db, units[2]["id"], rating="misleading", rationale=RATIONALE, actor=people["rita"]
    )
    edit_details(db, units[0]["article_id"], {"publisher": "Valley Post"}, reason="The publisher was missing",
                 actor=people["ed"])  # fmt: skip
    report = audit.verify(db)
    assert report.ok, report.problems


def test_the_copy_rule_moved_past_the_trail_is_caught(desk, path):
    db, _, _ = desk
    tamper(path, "UPDATE copy_rule SET submitted_copies_since = '2099-01-01T00:00:00Z'")
    _, words = _findings(db)
    assert "the rule of which copies a verdict rests on: it holds '2099-01-01T00:00:00Z'" in words
    tamper(path, "DELETE FROM copy_rule")
    _, words = _findings(db)
    assert "it holds no moment" in words


def test_a_dropped_table_of_any_kind_is_named_as_missing(desk, path):
    from click.testing import CliRunner

    from factcheck.cli import main

    tamper(path, "DROP TABLE copy_rule", "DROP TABLE dismissed_matches")
    result = CliRunner().invoke(main, ["--db", str(path), "audit", "verify"])
    assert result.exit_code == 1, result.output
    assert "tables are missing: copy_rule, dismissed_matches" in result.output


def _web_session(db, person):
    """A signed-in session's id and the actor acting through it."""
    session_id = sessions.start_session(db, person, address="10.0.0.8", now=datetime.now(UTC))
    return session_id, person.via(sessions.channel(session_id))


def test_a_change_made_through_anothers_session_is_caught(desk, path):
    """The session's person swapped in the table for one change, then put back."""
    db, people, units = desk
    session_id, _ = _web_session(db, people["rita"])
    through_rita = people["ed"].via(sessions.channel(session_id))
    user_id = people["ed"].id
    tamper(path, f"UPDATE sessions SET user_id = {user_id}")
    add_comment(
        db, units[0]["id"], body="Approved on the phone with the editor.", actor=through_rita
    )
    tamper(path, f"UPDATE sessions SET user_id = {people['rita'].id}")
    _, words = _findings(db)
    assert "a change was made through it in the name of 'ed'" in words


def test_a_role_raised_for_one_approval_and_put_back_is_caught(desk, path):
    db, people, units = desk
    claim_id = units[0]["id"]
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/a", stance="supports", actor=people["ed"]
    )
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["ed"])
    verdicts.submit_for_review(db, claim_id, actor=people["ed"])
    tamper(path, "UPDATE users SET role = 'editor' WHERE username = 'rita'")
    from factcheck.store.users import actor_for

    verdicts.approve(db, claim_id, actor=actor_for(db, "rita"))
    tamper(path, "UPDATE users SET role = 'reviewer' WHERE username = 'rita'")
    _, words = _findings(db)
    assert "review.approve by 'rita': it needs an editor and the trail had made them" in words


def test_a_password_swapped_for_a_sign_in_and_put_back_is_caught(desk, path):
    from factcheck.passwords import hash_password

    db, people, _ = desk
    real = db.execute("SELECT password_hash FROM users WHERE username = 'ed'").fetchone()[0]
    tamper(path, f"UPDATE users SET password_hash = '{hash_password('known to me now')}'"
           " WHERE username = 'ed'")  # fmt: skip
    _web_session(db, people["ed"])
    tamper(path, f"UPDATE users SET password_hash = '{real}' WHERE username = 'ed'")
    _, words = _findings(db)
    assert "it was signed in with a password other than the one the trail had left" in words


def test_a_stored_files_type_changed_is_caught(desk, path):
    db, _, _ = desk
    body = b"<html><body><p>Some text.</p></body></html>"
    keep_copy(db, "https://stats.example/report", body)
    tamper(
        path,
        "DROP TRIGGER snapshot_files_immutable_update",
        "UPDATE snapshot_files SET content_type = 'image/svg+xml'",
        "CREATE TRIGGER snapshot_files_immutable_update BEFORE UPDATE ON snapshot_files"
        " BEGIN SELECT RAISE(ABORT, 'stored copies cannot be changed'); END",
    )
    _, words = _findings(db)
    assert "it is served as 'image/svg+xml'" in words


def test_an_export_finishing_after_its_person_signed_out_is_no_alarm(desk):
    """A long export writes its row when it ends, perhaps after its person signed out in another
    tab: that is no session opened again."""
    from factcheck.store.export_reads import record_export

    db, people, _ = desk
    session_id, through = _web_session(db, people["ed"])
    sessions.end_session(db, session_id, reason="sign_out", actor=through, now=datetime.now(UTC))
    record_export(db, actor=through, details={"format": "html", "claims": 3})
    report = audit.verify(db)
    assert report.ok, report.problems


def test_a_change_by_someone_disabled_or_given_another_role_meanwhile_is_refused(desk):
    """The admin's change committed first, while the person's request was on its way: their
    change is refused (the trail would show it made by someone who could not make it), and
    signing out still works."""
    from factcheck.store.errors import Forbidden

    db, people, units = desk
    rita_as_she_began = people["rita"]
    users.set_role(db, "rita", "editor", actor=people["ada"])
    with pytest.raises(Forbidden) as refused:
        add_comment(db, units[0]["id"], body="Asked the council again.", actor=rita_as_she_began)
    assert refused.value.code == "actor.changed"
    ed_as_he_began = people["ed"]
    _web_session(db, ed_as_he_began)  # disabling him ends it: that row is no refused change
    users.set_disabled(db, "ed", True, actor=people["ada"])
    with pytest.raises(Forbidden):
        add_comment(db, units[0]["id"], body="Checked the minutes.", actor=ed_as_he_began)
    assert audit.verify(db).ok
