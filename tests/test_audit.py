"""The audit trail: append-only, hash-chained, verifiable, and tamper-evident."""

import json
import sqlite3

import pytest
from click.testing import CliRunner
from helpers import add_people, import_sample, new_database

from factcheck.cli import main
from factcheck.store import audit


@pytest.fixture
def db(tmp_path):
    database = new_database(tmp_path / "audit.db")
    add_people(database)
    import_sample(database)
    return database


def test_chain_verifies_and_links_each_row(db):
    report = audit.verify(db)
    rows = list(db.query("SELECT * FROM audit ORDER BY id"))
    assert report.ok and report.rows == len(rows) == 5
    assert rows[0]["prev_hash"] == audit.GENESIS_HASH
    for earlier, later in zip(rows, rows[1:], strict=False):
        assert later["prev_hash"] == earlier["hash"]
    assert report.head_hash == rows[-1]["hash"]


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit SET actor = 'mallory' WHERE id = 2", "DELETE FROM audit WHERE id = 2"],
)
def test_triggers_refuse_changes(db, statement):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(statement)


def _tamper(path, sql):
    """Change the trail the way an attacker with file access would: around the triggers."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("sql", "bad_row"),
    [
        ("UPDATE audit SET after = json_set(after, '$.role', 'admin') WHERE id = 1", 1),
        ("UPDATE audit SET actor = 'mallory' WHERE id = 3", 3),
        ("DELETE FROM audit WHERE id = 2", 3),
    ],
)
def test_verify_names_the_first_tampered_row(tmp_path, sql, bad_row):
    path = tmp_path / "t.db"
    db = new_database(path)
    add_people(db)
    db.close()
    _tamper(path, sql)
    result = CliRunner().invoke(main, ["--db", str(path), "audit", "verify"])
    assert result.exit_code == 1
    assert f"row {bad_row}" in result.output
    report = audit.verify(new_database(path))
    assert not report.ok and report.first_bad_id == bad_row


def test_verify_command_reports_count_and_head(tmp_path):
    path = tmp_path / "v.db"
    db = new_database(path)
    add_people(db)
    head_id, head_hash = audit.head(db)
    result = CliRunner().invoke(main, ["--db", str(path), "audit", "verify", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) | {} == {
        "ok": True,
        "rows": head_id,
        "head_hash": head_hash,
        "first_bad_id": None,
        "problem": None,
    }
