"""No id is given twice: a verdict withdrawn in draft, a fact-check removed from the library and a
unit merged away keep their ids (and their rows in the audit trail) to themselves."""

from helpers import RATIONALE, import_sample

from factcheck import db as database
from factcheck import library_formats
from factcheck.store import audit, claim_reads, evidence, library, verdicts
from factcheck.store.actors import SYSTEM

LIBRARY_CSV = "claim,rating,url\n{claim},False,https://checks.example/{slug}\n"


def _publish(db, people, claim_id):
    rita = people["rita"]
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=rita
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(db, claim_id, actor=rita)
    verdicts.approve(db, claim_id, actor=people["ed"])


def _correct(db, people, claim_id) -> int:
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Misleading",
        rationale="The county's final report puts the figure well below the claim's.",
        reason="New figures from the county",
        actor=people["rita"],
    )
    return verdicts.verdicts_for_claim(db, claim_id)[-1]["id"]


def _import_item(db, claim: str, slug: str) -> int:
    parsed = list(library_formats.parse(LIBRARY_CSV.format(claim=claim, slug=slug).encode(), "csv"))
    summary = library.import_records(
        db, parsed, actor=SYSTEM, source=f"{slug}.csv", file_format="csv"
    )
    [item_id] = summary["changed_ids"]
    return item_id


def test_a_withdrawn_correction_keeps_its_id_and_its_history_to_itself(claim_world):
    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    withdrawn = _correct(db, people, claim_id)
    verdicts.withdraw_correction(db, claim_id, reason="Opened by mistake", actor=people["rita"])
    # SQLite would give the next verdict the largest id in the table plus one: the withdrawn one's.
    again = _correct(db, people, claim_id)
    assert again > withdrawn
    ids = [v["id"] for v in verdicts.verdicts_for_claim(db, claim_id)]
    assert withdrawn not in ids and again in ids
    report = audit.verify(db)
    assert report.ok, report.problems


def test_a_removed_fact_check_keeps_its_id_and_its_history_to_itself(claim_world):
    db, _, _ = claim_world
    _import_item(db, "The harbour handled 4 million tonnes of grain in 2024.", "grain")
    removed = _import_item(db, "Bus fares rose by 30 percent in one year.", "fares")
    library.remove_item(db, removed, actor=SYSTEM)
    added = _import_item(db, "The valley lost 12 schools in a decade.", "schools")
    assert added > removed
    history = db.execute(
        "SELECT action FROM audit WHERE record_type = 'library' AND record_id = ?", [added]
    ).fetchall()
    assert ("library.remove",) not in history
    report = audit.verify(db)
    assert report.ok, report.problems


def _merge_newest_unit_away(db, people, article_id) -> int:
    """Split the article's last unit in two and merge them back: the part split off, the newest
    unit of all, is deleted."""
    from factcheck.store import unit_edits

    rita = people["rita"]
    last = claim_reads.claims_for_article(db, article_id)[-1]
    at = last["start"] + last["text"].index(" ", 3)
    kept, split_off = unit_edits.split_unit(
        db, last["id"], at=at, reason="Two claims here", actor=rita
    )
    unit_edits.merge_with_next(db, kept["id"], reason="One claim after all", actor=rita)
    return split_off["id"]


def test_deletions_made_before_the_store_noted_them_are_read_from_the_audit_trail(claim_world):
    """A desk upgraded from before migration 019 has its past deletions in the audit trail only."""
    db, people, claim_id = claim_world
    article_id = claim_reads.get_claim(db, claim_id)["article_id"]
    merged_away = _merge_newest_unit_away(db, people, article_id)
    _publish(db, people, claim_id)
    withdrawn = _correct(db, people, claim_id)
    verdicts.withdraw_correction(db, claim_id, reason="Opened by mistake", actor=people["rita"])
    removed = _import_item(db, "Bus fares rose by 30 percent in one year.", "fares")
    library.remove_item(db, removed, actor=SYSTEM)
    noted = db.execute("SELECT * FROM retired_ids ORDER BY table_name").fetchall()
    assert noted == [("claims", merged_away), ("library_items", removed), ("verdicts", withdrawn)]

    with database.transaction(db):
        db.execute("DROP TABLE retired_ids")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '019_retired_ids'")
    assert database.migrate(db) == ["019_retired_ids"]
    assert db.execute("SELECT * FROM retired_ids ORDER BY table_name").fetchall() == noted
    newer = import_sample(db, "Buses ran late\n\nTen buses ran late on Monday, the council said.")
    assert min(unit["id"] for unit in claim_reads.claims_for_article(db, newer)) > merged_away
