"""CSV export: RFC 4180 layout, a round trip against the database, and formula neutralising."""

import codecs
import csv
import io
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_export_world import (
    FORMULA_RATIONALE,
    LATER,
    build_world,
    checkable,
    config,
    correct_later,
    export_bytes,
)

from factcheck.exports import ExportFilters
from factcheck.exports.csv_format import FORMULA_STARTS, neutralise
from factcheck.scales import default_scale
from factcheck.store import claim_reads, evidence, verdicts
from factcheck.store.export_reads import CSV_COLUMNS


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("csv") / "csv.db")


def _rows(data: bytes) -> list[dict]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    return list(reader)


def _cell(value) -> str:
    """What the export writes for a stored value, formula guard included."""
    return str(neutralise(value))


@given(st.text())
def test_neutralised_cells_never_start_a_formula(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)
    assert (cell != text) == text.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_gets_a_quote(start):
    assert neutralise(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


@pytest.mark.parametrize("value", [3, 0.5, -2, None])
def test_numbers_and_blanks_are_left_alone(value):
    assert neutralise(value) == ("" if value is None else value)


def test_starts_with_a_utf8_byte_order_mark_for_excel(world):
    data = export_bytes(world, "csv")
    assert data.startswith(codecs.BOM_UTF8 + b"claim_id,")
    assert data.count(codecs.BOM_UTF8) == 1


def test_rfc4180_layout(world):
    data = export_bytes(world, "csv").removeprefix(codecs.BOM_UTF8)
    assert data.count(b"\r\n") >= len(checkable(world.db, world.sample_article)) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    header = data.split(b"\r\n", 1)[0].decode()
    assert header == ",".join(CSV_COLUMNS)
    # A claim text with a comma is quoted, and a quotation mark in it is doubled.
    assert b'"Heavy rain closed 14 schools and cut power to 3,200 homes' in data
    assert b'"""The river rose 2.4 metres in six hours."' in data


def test_round_trip_matches_the_database(world):
    rows = {int(row["claim_id"]): row for row in _rows(export_bytes(world, "csv"))}
    expected_ids = [
        c["id"]
        for article in (world.sample_article, world.harbour_article)
        for c in checkable(world.db, article)
    ]
    assert sorted(rows) == sorted(expected_ids)
    for claim_id, row in rows.items():
        claim = claim_reads.get_claim(world.db, claim_id)
        assert row["text"] == _cell(claim["text"])
        assert (int(row["start"]), int(row["end"])) == (claim["start"], claim["end"])
        assert row["status"] == claim["status"]
        assert int(row["article_id"]) == claim["article_id"]
        history = verdicts.verdicts_for_claim(world.db, claim_id)
        published = [v for v in history if v["state"] == "published"]
        working = [v for v in history if v["state"] in ("draft", "in_review")]
        shown = (published or working or [None])[-1]
        if shown is None:
            assert row["rating"] == row["rationale"] == row["author"] == ""
            continue
        assert row["rating"] == shown["rating_label"]
        words_only = shown["rating"] == "unverifiable"
        assert row["rating_value"] == ("" if words_only else str(shown["rating_value"]))
        assert row["verdict_state"] == shown["state"]
        assert row["rationale"] == _cell(shown["rationale"])
        assert row["author"] == "rita"
        live = [e["url"] for e in evidence.evidence_for_claim(world.db, claim_id)]
        assert row["evidence_urls"] == "\n".join(live)


def test_a_rating_the_scale_gives_no_value_has_an_empty_value_cell(world):
    rows = {int(r["claim_id"]): r for r in _rows(export_bytes(world, "csv"))}
    assert rows[world.in_review]["rating"] == "Unverifiable"
    assert rows[world.in_review]["rating_value"] == ""
    assert rows[world.published]["rating_value"] != ""


def test_the_export_reads_which_ratings_have_no_value_from_its_own_scale(world):
    scale = default_scale()
    words_only = {r.key for r in scale.ratings if not r.numeric} | {"mixed"}
    ratings = tuple(replace(r, numeric=r.key not in words_only) for r in scale.ratings)
    data = export_bytes(world, "csv", config=config(scale=replace(scale, ratings=ratings)))
    rows = {int(r["claim_id"]): r for r in _rows(data)}
    assert rows[world.corrected]["rating"] == "Mixed"
    assert rows[world.corrected]["rating_value"] == ""


def test_published_row_names_approver_and_dates(world):
    rows = {int(r["claim_id"]): r for r in _rows(export_bytes(world, "csv"))}
    corrected = rows[world.corrected]
    assert corrected["rating"] == "Mixed" and corrected["approver"] == "eve"
    assert corrected["corrected_at"] and corrected["published_at"]
    assert rows[world.in_review]["approver"] == "" and rows[world.in_review]["published_at"] == ""
    assert rows[world.published]["evidence_urls"] == "https://county.example/bulletin"


def test_a_corrected_row_keeps_its_first_publication_date_beside_the_correction(
    tmp_path, monkeypatch
):
    world = build_world(tmp_path / "later.db")
    first = verdicts.verdicts_for_claim(world.db, world.published)[-1]["published_at"]
    claim_id = correct_later(world, monkeypatch)
    row = {int(r["claim_id"]): r for r in _rows(export_bytes(world, "csv"))}[claim_id]
    assert (row["published_at"], row["corrected_at"]) == (first, LATER)
    assert row["rating"] == "Misleading"


def test_formula_in_a_rationale_is_neutralised(world):
    rows = {int(r["claim_id"]): r for r in _rows(export_bytes(world, "csv"))}
    assert rows[world.draft]["rationale"] == "'" + FORMULA_RATIONALE
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value


def test_filters_select_rows(world):
    published = _rows(export_bytes(world, "csv", ExportFilters(status="published")))
    assert {int(r["claim_id"]) for r in published} == {
        world.published,
        world.corrected,
        world.harbour_published,
    }
    one_article = _rows(export_bytes(world, "csv", ExportFilters(article_id=world.harbour_article)))
    assert {int(r["article_id"]) for r in one_article} == {world.harbour_article}


def test_a_correction_under_way_is_in_its_own_columns_beside_what_readers_see(tmp_path):
    """The CSV with drafts showed the published verdict alone: a correction waiting for second
    review, the thing an editor exporting the review queue needs, was nowhere in it."""
    world = build_world(tmp_path / "corr.db")
    rita = world.people["rita"]
    verdicts.correct_verdict(
        world.db, world.published, rating="False", rationale=FORMULA_RATIONALE + " Revised.",
        reason="The county revised its count.", actor=rita,
    )  # fmt: skip
    verdicts.submit_for_review(world.db, world.published, actor=rita)
    rows = {int(r["claim_id"]): r for r in _rows(export_bytes(world, "csv"))}
    row = rows[world.published]
    assert row["verdict_state"] == "published"
    assert (row["correction_rating"], row["correction_state"]) == ("False", "in_review")
    assert row["correction_reason"] == "The county revised its count."
    assert row["correction_rationale"].endswith("Revised.")
    others = [r for claim_id, r in rows.items() if claim_id != world.published]
    assert all(r["correction_state"] == "" for r in others)
