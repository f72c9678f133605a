"""Each claim's history in the full-record exports (JSON, JSON Lines, the bundle, the reports) is
the story `factcheck history` and the claim panel tell: the same audit rows, but the article's
import, which the article's own record carries."""

import hashlib
import io
import json

import pytest
from click.testing import CliRunner
from helpers import add_people, import_sample, new_database

from factcheck.cli import main
from factcheck.exports import ExportConfig, ExportFilters, write_export
from factcheck.store import (
    bulk,
    claim_reads,
    comments,
    evidence,
    export_reads,
    snapshots,
    unit_edits,
)
from factcheck.store.actors import SYSTEM

ARTICLE = """Prices rise again in the valley

Prices rose 4 percent in May. Rents rose 6 percent over the year. Wages rose 2 percent, the statistics office said.
"""

SOURCE = "https://stats.example/prices-may"
PAGE = (
    b"<!doctype html><html><body><article><p>Prices rose 4 percent in May, the statistics office"
    b" said in its monthly bulletin, the largest rise since the winter.</p></article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.fixture
def desk(tmp_path):
    """A desk with one article: its headline, then three sentences of one paragraph."""
    path = tmp_path / "desk.db"
    db = new_database(path)
    people = add_people(db)
    article_id = import_sample(db, ARTICLE)
    sentences = [u["id"] for u in claim_reads.claims_for_article(db, article_id)][1:]
    yield db, people, article_id, sentences, path
    db.close()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _told(db, claim_id: int) -> list[dict]:
    """The claim's story as `factcheck history` tells it, without its article's import."""
    return [e for e in claim_reads.claim_history(db, claim_id) if e["record_type"] != "article"]


def _exported_history(db, people, article_id: int, claim_id: int) -> list[dict]:
    """The claim's history as the JSON export gives it, checked to be the one the reports give
    and to hold the rows `factcheck history` lists, a bulk action or unit edit narrowed to its
    part of it."""
    out = io.BytesIO()
    config = ExportConfig.from_env(org_name="Desk", public_url="https://desk.example")
    write_export(db, "json", out, filters=ExportFilters(), actor=people["ed"], config=config)
    [record] = [c for c in json.loads(out.getvalue())["claims"] if c["id"] == claim_id]
    [reported] = [
        r for _, r in export_reads.numbered_claim_records(db, article_id) if r["id"] == claim_id
    ]
    assert reported["history"] == record["history"]
    told = _told(db, claim_id)
    assert [(e["id"], e["action"], e["actor"], e["hash"]) for e in record["history"]] == [
        (e["id"], e["action"], e["actor"], e["hash"]) for e in told
    ]
    for exported, entry in zip(record["history"], told, strict=True):
        if entry["record_type"] == "claims":
            change = entry["change"]
            assert (exported["before"], exported["after"]) == (change["before"], change["after"])
        else:
            assert (exported["before"], exported["after"]) == (entry["before"], entry["after"])
    return record["history"]


def test_every_copy_kept_of_a_source_is_in_the_exported_history_of_each_claim_citing_it(desk):
    db, people, article_id, (first, second, _), _ = desk
    rita, ed = people["rita"], people["ed"]
    item = evidence.add_evidence(db, first, url=SOURCE, stance="supports", actor=rita)
    evidence.add_evidence(db, second, url=SOURCE, stance="context", actor=ed)
    # A saved page on receipt, and once read (that second row is not repeated); a screenshot;
    # a web archive's copy; and the workbench's own fetch, which no person gave.
    snapshots.receive_copy(
        db,
        item["id"],
        actor=rita,
        data=PAGE,
        content_type="text/html",
        content_sha256=_sha256(PAGE),
        file_name="saved.html",
    )
    snapshots.attach_copy(
        db,
        item["id"],
        actor=rita,
        content_type="text/html",
        content_sha256=_sha256(PAGE),
        text="Prices rose 4 percent in May.",
    )
    snapshots.attach_copy(
        db,
        item["id"],
        actor=ed,
        content_type="image/png",
        content_sha256=_sha256(PNG),
        data=PNG,
        file_name="shot.png",
    )
    snapshots.record_snapshot(
        db,
        SOURCE,
        actor=ed,
        status="archived",
        kind="web_archive",
        archive_url=f"https://web.archive.org/web/2026/{SOURCE}",
        content_type="text/html",
        content_sha256=_sha256(PAGE),
        body=PAGE,
        text="Prices rose 4 percent in May.",
    )
    snapshots.record_snapshot(db, SOURCE, actor=SYSTEM, status="failed", error="timed out")
    for claim_id in (first, second):
        history = _exported_history(db, people, article_id, claim_id)
        copies = [e for e in history if e["action"] != "evidence.add"]
        assert [(e["action"], e["actor"]) for e in copies] == [
            ("evidence.copy_received", "rita"),
            ("evidence.copy", "ed"),
            ("evidence.archive", "ed"),
        ]
        assert {e["claim_id"] for e in copies} == {None}
        assert copies[0]["after"]["file_name"] == "saved.html"
        assert copies[1]["after"]["file_name"] == "shot.png"
        assert copies[2]["after"]["archive_url"] == f"https://web.archive.org/web/2026/{SOURCE}"


def test_a_merge_into_a_unit_merged_on_later_is_in_the_exported_history_of_the_claim(desk):
    db, people, article_id, (first, second, third), _ = desk
    rita = people["rita"]
    comments.add_comment(db, third, body="Said of the wages.", actor=rita)
    unit_edits.merge_with_next(db, second, reason="Rents and wages are one claim", actor=rita)
    unit_edits.merge_with_next(db, first, reason="The three rises are one claim", actor=rita)
    history = _exported_history(db, people, article_id, first)
    # The comment came with the unit the first merge brought in; so does that merge's record.
    assert [(e["action"], e["reason"], e["claim_id"]) for e in history] == [
        ("comment.add", None, third),
        ("unit.merge", "Rents and wages are one claim", second),
        ("unit.merge", "The three rises are one claim", first),
    ]
    # The earlier merge was made on the second unit: its part is that unit's change.
    [row] = db.execute("SELECT after FROM audit WHERE id = ?", [history[1]["id"]]).fetchall()
    [change] = json.loads(row[0])["changes"]
    assert change["id"] == second and history[1]["after"] == change["after"]


def _bulk_then_merge(db, people, first: int, second: int) -> None:
    ed = people["ed"]
    bulk.bulk_update(db, [second], action="assign", value="rita", actor=ed)
    bulk.bulk_update(db, [second], action="status", value="in_progress", actor=ed)
    unit_edits.merge_with_next(db, first, reason="Prices and rents are one claim", actor=ed)


def test_bulk_actions_on_a_unit_merged_away_are_in_the_exported_history_of_the_claim(desk):
    db, people, article_id, (first, second, _), _ = desk
    _bulk_then_merge(db, people, first, second)
    history = _exported_history(db, people, article_id, first)
    assert [(e["action"], e["claim_id"]) for e in history] == [
        ("bulk.assign", second),
        ("bulk.status", second),
        ("unit.merge", first),
    ]
    # Each narrowed to what it did to the unit merged in.
    assert history[0]["after"]["assignee_id"] == people["rita"].id
    assert (history[1]["before"]["status"], history[1]["after"]["status"]) == (
        "unreviewed",
        "in_progress",
    )


def test_the_history_says_a_bulk_action_was_on_the_unit_merged_in_later(desk):
    db, people, _, (first, second, _), path = desk
    _bulk_then_merge(db, people, first, second)
    db.close()
    result = CliRunner().invoke(main, ["--db", str(path), "history", str(first)])
    assert result.exit_code == 0, result.output
    merged_in = f"(on claim {second} before it was merged into this one)"
    lines = result.output.splitlines()
    assert [line for line in lines if merged_in in line] == [
        next(line for line in lines if "assigned to rita in a bulk action" in line),
        next(
            line
            for line in lines
            if "set the status from unreviewed to in progress in a bulk action" in line
        ),
    ]
    merge = next(line for line in lines if "merged with the next unit" in line)
    assert "before it was merged" not in merge


def test_the_panels_history_says_so_too(desk):
    from factcheck.views.claim_panel import timeline

    db, people, _, (first, second, _), _path = desk
    _bulk_then_merge(db, people, first, second)
    items = timeline(claim_reads.claim_history(db, first), {}, first)
    marked = [item["headline"] for item in items if item["merged_unit"] == second]
    assert "assigned to rita in a bulk action" in marked
    merge = next(item for item in items if item["action"] == "unit.merge")
    assert merge["merged_unit"] is None
