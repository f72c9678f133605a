"""Online backups: taken under write load, checked, and restorable."""

import gc
import shutil
import sqlite3
import threading

from click.testing import CliRunner
from helpers import add_people, first_checkable_claim, import_sample, new_database

from factcheck.cli import main
from factcheck.store import audit, audit_seal
from factcheck.store.comments import add_comment


def _busy_database(path):
    db = new_database(path)
    people = add_people(db)
    claim_id = first_checkable_claim(db, import_sample(db))["id"]
    return db, people, claim_id


def test_a_backup_under_write_load_is_whole_and_verifies(tmp_path):
    live = tmp_path / "live.db"
    db, people, claim_id = _busy_database(live)
    stop = threading.Event()
    written = []

    def writer():
        conn = new_database(live)
        while not stop.is_set() and len(written) < 400:
            add_comment(conn, claim_id, body=f"note {len(written)}", actor=people["rita"])
            written.append(1)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 20:
        stop.wait(0.01)
    result = CliRunner().invoke(main, ["--db", str(live), "backup", str(tmp_path / "copy.db")])
    stop.set()
    thread.join()
    assert result.exit_code == 0, result.output
    assert "integrity ok; audit trail verified" in result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    source = sqlite3.connect(live)
    copied = copy.execute("SELECT id, hash FROM audit ORDER BY id").fetchall()
    assert (
        copied
        == source.execute(
            "SELECT id, hash FROM audit WHERE id <= ? ORDER BY id", [copied[-1][0]]
        ).fetchall()
    )
    comments = copy.execute("SELECT count(*) FROM comments").fetchone()[0]
    assert 20 <= comments <= len(written)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert oct((tmp_path / "copy.db").stat().st_mode & 0o777) == "0o600"


def test_a_restored_backup_verifies_and_takes_new_work(tmp_path):
    live = tmp_path / "instance" / "factcheck.db"
    live.parent.mkdir()
    db, people, claim_id = _busy_database(live)
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(live), "backup", str(tmp_path / "b.db")]).exit_code == 0
    add_comment(db, claim_id, body="written after the backup", actor=people["rita"])
    db.close()
    gc.collect()  # the backup command's own connection, as a stopped server would have closed it
    # The documented restore: stop the server, put the copy and its checkpoint in place, keep the
    # key, verify.
    shutil.copyfile(tmp_path / "b.db", live)
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(
        tmp_path / "b.db.audit_checkpoint", live.with_name(live.name + ".audit_checkpoint")
    )
    result = runner.invoke(main, ["--db", str(live), "audit", "verify"])
    assert result.exit_code == 0, result.output
    restored = new_database(live)
    assert "written after the backup" not in {
        row[0] for row in restored.execute("SELECT body FROM comments")
    }
    add_comment(restored, claim_id, body="written after the restore", actor=people["ed"])
    assert audit.verify(restored).ok


def test_backup_refuses_to_overwrite_and_a_copy_needs_the_live_key(tmp_path):
    live = tmp_path / "live.db"
    _busy_database(live)
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(live), "backup", str(tmp_path / "b.db")]).exit_code == 0
    again = runner.invoke(main, ["--db", str(live), "backup", str(tmp_path / "b.db")])
    assert again.exit_code == 2 and "already exists" in again.output
    # The key stays with the live database: a backup alone cannot be checked (or forged).
    alone = runner.invoke(main, ["--db", str(tmp_path / "b.db"), "audit", "verify"])
    assert alone.exit_code == 1 and "audit key" in alone.output
    assert "give the trail's key with --key-file (backups do not copy it)" in alone.output
    key = audit_seal.files_for(new_database(live)).key
    with_key = runner.invoke(
        main, ["--db", str(tmp_path / "b.db"), "audit", "verify", "--key-file", str(key)]
    )
    assert with_key.exit_code == 0, with_key.output


def test_backup_keeps_a_file_already_where_its_checkpoint_would_go(tmp_path):
    live = tmp_path / "live.db"
    _busy_database(live)
    kept = tmp_path / "b.db.audit_checkpoint"
    kept.write_text("an earlier backup's checkpoint\n")
    refused = CliRunner().invoke(main, ["--db", str(live), "backup", str(tmp_path / "b.db")])
    assert refused.exit_code == 2
    assert f"{kept} already exists" in refused.output
    assert kept.read_text() == "an earlier backup's checkpoint\n"
    assert not (tmp_path / "b.db").exists()
    nameless = CliRunner().invoke(main, ["--db", str(live), "backup", ""])
    assert nameless.exit_code == 2 and "give the backup a file name" in nameless.output


def test_backup_names_a_missing_folder_and_does_not_call_a_refusing_one_missing(tmp_path):
    live = tmp_path / "live.db"
    _busy_database(live)
    runner = CliRunner()
    missing = runner.invoke(main, ["--db", str(live), "backup", str(tmp_path / "no" / "b.db")])
    assert missing.exit_code == 2
    assert (
        missing.output.strip()
        == f"Error: the folder {tmp_path / 'no'} does not exist; create it first"
    )
    # /proc exists but takes no new files (the kernel answers "no such file").
    refused = runner.invoke(main, ["--db", str(live), "backup", "/proc/factcheck-backup.db"])
    assert refused.exit_code == 2 and len(refused.output.strip().splitlines()) == 1
    assert "does not exist" not in refused.output
    assert refused.output.startswith("Error: cannot write the backup in /proc")


def test_a_backup_target_ending_in_a_slash_is_taken_for_a_folder(tmp_path):
    """Not written as a file of the folder's name: the person meant a folder."""
    live = tmp_path / "live.db"
    _busy_database(live)
    folder = f"{tmp_path / 'backups'}/"
    result = CliRunner().invoke(main, ["--db", str(live), "backup", folder])
    assert result.exit_code == 2
    assert "names a folder; give the backup a file name in it" in result.output
    assert not (tmp_path / "backups").exists()
