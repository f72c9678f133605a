"""The library in the audit replay: items imported, published, corrected or removed through
factcheck are checked against the trail, and a library row edited, added or deleted with plain
sqlite3 is named by `audit verify`."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import RATIONALE, add_people, first_checkable_claim, import_sample, tamper
from helpers import new_database as open_database

from factcheck import library_formats
from factcheck.audit_words import field_words
from factcheck.cli import main
from factcheck.store import audit, evidence, verdicts
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM

FIXTURES = Path(__file__).parent / "fixtures" / "library"
CHANGED = (
    "id,claim,rating,url\n"
    "lk-1,The harbour bridge toll rose by 40 percent in one year,Mostly false,"
    "https://checks.example/bridge-toll\n"
    ",Half of the region's bakeries closed during the winter,False,"
    "https://checks.example/bakeries\n"
    "lk-9,A brand new claim about the marina,True,https://checks.example/marina\n"
)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "library.db"
    db = open_database(path)
    people = add_people(db)
    claim_id = first_checkable_claim(db, import_sample(db))["id"]
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    db.close()
    assert _cli(path, "library", "import", str(FIXTURES / "checks.csv")).exit_code == 0
    return path


def _cli(path, *args):
    return CliRunner().invoke(main, ["--db", str(path), *args])


def _items(path) -> dict[str, dict]:
    """The library's rows by their claim's first words (own and imported alike)."""
    db = open_database(path)
    try:
        rows = db.query("SELECT * FROM library_items ORDER BY id")
        return {" ".join(row["claim"].split()[:3]): row for row in rows}
    finally:
        db.close()


def _failure(path) -> str:
    result = _cli(path, "audit", "verify")
    assert result.exit_code == 1, result.output
    assert "a table was changed outside the audit trail" in result.output
    return result.output


def _messages(path) -> str:
    db = open_database(path)
    try:
        report = audit.verify(db)
    finally:
        db.close()
    assert not report.ok and report.kind == "live"
    return " ".join(problem.message for problem in report.problems)


def test_an_untouched_library_verifies_clean(path):
    result = _cli(path, "audit", "verify")
    assert result.exit_code == 0, result.output
    assert "Audit trail intact" in result.output and "Not fully checked" not in result.output


@pytest.mark.parametrize(
    ("field", "value"),
    [("claim", "The toll fell"), ("rating", "True"), ("url", "https://evil.example/")],
)
def test_an_imported_item_edited_directly_is_named_with_its_field(path, field, value):
    bridge = _items(path)["The harbour bridge"]
    tamper(path, f"UPDATE library_items SET {field} = '{value}' WHERE id = {bridge['id']}")
    output = _failure(path)
    assert f"library item {bridge['id']}: its {field_words(field)} is {value!r}" in output
    assert f"the audit trail says {bridge[field]!r}" in output


def test_an_imported_item_deleted_or_inserted_directly_is_named(path):
    bakeries = _items(path)["Half of the"]
    tamper(path, f"DELETE FROM library_items WHERE id = {bakeries['id']}")
    assert f"library item {bakeries['id']}: it was deleted outside the audit trail" in (
        _failure(path)
    )
    tamper(
        path,
        "INSERT INTO library_items (id, origin, claim, rating, url, created_at, updated_at)"
        " VALUES (900, 'imported', 'Made up', 'True', 'https://evil.example/', 'now', 'now')",
    )
    assert "library item 900: it is in the table but the audit trail never recorded it" in (
        _messages(path)
    )


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE library_items SET rating = 'False' WHERE origin = 'own'", "its rating is 'False'"),
        ("UPDATE library_items SET claim = 'Other' WHERE origin = 'own'", "its claim is 'Other'"),
        (
            "UPDATE library_items SET url = 'https://evil.example/' WHERE origin = 'own'",
            "its address is 'https://evil.example/'",
        ),
        ("DELETE FROM library_items WHERE origin = 'own'", "it was deleted outside the audit"),
    ],
)
def test_the_desks_own_published_entry_edited_or_deleted_directly_is_named(path, statement, words):
    own = next(item for item in _items(path).values() if item["origin"] == "own")
    tamper(path, statement)
    assert f"library item {own['id']}: {words}" in _failure(path)


def test_an_own_entry_inserted_directly_is_named(path):
    db = open_database(path)
    claim_id = first_checkable_claim(db, 1)["id"] + 1
    db.close()
    tamper(
        path,
        "INSERT INTO library_items (id, origin, claim, rating, claim_id, created_at, updated_at)"
        f" VALUES (901, 'own', 'Made up', 'Accurate', {claim_id}, 'now', 'now')",
    )
    assert "library item 901: it is in the table but the audit trail never recorded it" in (
        _failure(path)
    )


def test_a_reimport_a_removal_and_a_correction_verify_clean_and_are_then_checked(path, tmp_path):
    changed = tmp_path / "changed.csv"
    changed.write_text(CHANGED, encoding="utf-8")
    assert _cli(path, "library", "import", str(changed)).exit_code == 0
    items = _items(path)
    assert items["The harbour bridge"]["rating"] == "Mostly false"
    assert _cli(path, "library", "remove", str(items["A brand new"]["id"])).exit_code == 0
    db = open_database(path)
    people = {name: _actor(db, name) for name in ("rita", "eve")}
    own = next(item for item in items.values() if item["origin"] == "own")
    verdicts.correct_verdict(
        db,
        own["claim_id"],
        rating="mostly-accurate",
        rationale=RATIONALE,
        reason="The office revised its count",
        actor=people["rita"],
    )
    verdicts.submit_for_review(db, own["claim_id"], actor=people["rita"])
    verdicts.approve(db, own["claim_id"], actor=people["eve"])
    assert audit.verify(db).ok, audit.verify(db).problems
    db.close()
    # The trail's word is the re-import's and the correction's, not the first one's.
    bridge = _items(path)["The harbour bridge"]
    tamper(
        path,
        f"UPDATE library_items SET rating = 'False' WHERE id = {bridge['id']}",
        "UPDATE library_items SET rating = 'Accurate' WHERE origin = 'own'",
    )
    messages = _messages(path)
    assert f"library item {bridge['id']}: its rating is 'False'" in messages
    assert "the audit trail says 'Mostly false'" in messages
    assert f"library item {own['id']}: its rating is 'Accurate'" in messages


def _actor(db, name):
    from factcheck.store.users import actor_for

    return actor_for(db, name)


def _import_as_before(db, monkeypatch, claims: list[str]) -> None:
    """Import as factcheck recorded it before the trail held each item's values: the range of
    ids added, no values."""
    record = audit.record

    def record_as_before(*args, after=None, **kwargs):
        after = {k: v for k, v in after.items() if k not in ("item_fields", "items")}
        return record(*args, after=after, **kwargs)

    text = "claim,rating\n" + "".join(f"{claim},True\n" for claim in claims)
    parsed = list(library_formats.parse(text.encode("utf-8"), "csv"))
    with monkeypatch.context() as before:
        before.setattr(audit, "record", record_as_before)
        library_store.import_records(db, parsed, actor=SYSTEM, source="old.csv", file_format="csv")
    after = db.execute("SELECT after FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert '"items"' not in after and '"first_added"' in after


def test_items_imported_before_their_values_were_recorded_are_counted_as_not_checkable(
    path, monkeypatch
):
    db = open_database(path)
    _import_as_before(db, monkeypatch, ["An old claim", "Another old claim"])
    report = audit.verify(db)
    db.close()
    assert report.ok, report.problems
    assert report.unchecked == [
        "2 library items written before the audit trail recorded their values, so only that"
        " they are still there is checked"
    ]
    result = _cli(path, "audit", "verify")
    assert result.exit_code == 0
    assert "Not fully checked: 2 library items written before" in result.output
    old = _items(path)["An old claim"]
    # Their values were never recorded, so a changed rating cannot be told; a deletion can.
    tamper(path, f"UPDATE library_items SET rating = 'False' WHERE id = {old['id']}")
    assert _cli(path, "audit", "verify").exit_code == 0
    tamper(path, f"DELETE FROM library_items WHERE id = {old['id']}")
    assert f"library item {old['id']}: it was deleted outside the audit trail" in _failure(path)
