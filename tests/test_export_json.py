"""JSON and JSON Lines exports: full records that match the database, filters, provenance."""

import inspect
import json
from datetime import date

import pytest
from helpers import RATIONALE
from test_export_world import LATER, build_world, checkable, correct_later, export_bytes

from factcheck.exports import ExportFilters
from factcheck.store import audit, claim_reads, comments, evidence, export_reads, verdicts

VERDICT_FIELDS = (
    "id",
    "rating",
    "rating_label",
    "rating_value",
    "rationale",
    "evidence_ids",
    "state",
    "created_at",
    "submitted_at",
    "published_at",
    "correction_of",
    "correction_reason",
)
EVIDENCE_FIELDS = (
    "id",
    "url",
    "title",
    "publisher",
    "stance",
    "quote",
    "note",
    "added_at",
    "removed_at",
    "removal_reason",
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("json") / "json.db")


def _jsonl(data: bytes) -> tuple[dict, list[dict]]:
    """The export line and the claim lines; article lines come first and are checked here."""
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == "", "the file ends with a newline"
    records = [json.loads(line) for line in lines[:-1]]
    kinds = [r["record"] for r in records]
    assert kinds == sorted(kinds, key=["export", "article", "claim"].index)
    articles = {r["id"]: r for r in records if r["record"] == "article"}
    claims_ = [r for r in records if r["record"] == "claim"]
    assert set(articles) == {c["article_id"] for c in claims_}
    return records[0], claims_


def _jsonl_articles(data: bytes) -> list[dict]:
    lines = data.decode("utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["record"] == "article"]


def _usernames(db) -> dict[int, str]:
    return {row["id"]: row["username"] for row in db.query("SELECT id, username FROM users")}


def assert_matches_database(db, record: dict) -> None:
    """Compare one exported claim record with what the store functions read."""
    names = _usernames(db)
    claim = claim_reads.get_claim(db, record["id"])
    for field in ("article_id", "seq", "start", "end", "text", "section", "kind", "status"):
        expected = claim[field]
        assert record[field] == expected, field
    assert record["reasons"] == claim["reasons"]
    assert record["version"] == claim["version"]
    assert record["assignee"] == names.get(claim["assignee_id"])

    stored_verdicts = verdicts.verdicts_for_claim(db, record["id"])
    assert len(record["verdicts"]) == len(stored_verdicts)
    for exported, stored in zip(record["verdicts"], stored_verdicts, strict=True):
        # The default scale gives Unverifiable in words only: its stored value only orders it.
        value = None if stored["rating"] == "unverifiable" else stored["rating_value"]
        assert {f: exported[f] for f in VERDICT_FIELDS} == {
            **{f: stored[f] for f in VERDICT_FIELDS},
            "rating_value": value,
        }
        assert exported["author"] == names[stored["author_id"]]
        assert exported["approved_by"] == names.get(stored["approved_by"])

    stored_evidence = evidence.evidence_for_claim(db, record["id"], include_removed=True)
    assert [{f: e[f] for f in EVIDENCE_FIELDS} for e in record["evidence"]] == [
        {f: e[f] for f in EVIDENCE_FIELDS} for e in stored_evidence
    ]
    assert [e["added_by"] for e in record["evidence"]] == [
        e["added_by_username"] for e in stored_evidence
    ]

    stored_comments = comments.comments_for_claim(db, record["id"])
    assert [(c["id"], c["body"], c["author"]) for c in record["comments"]] == [
        (c["id"], c["body"], c["author"]) for c in stored_comments
    ]

    stored_history = [
        h for h in claim_reads.claim_history(db, record["id"]) if h["record_type"] != "article"
    ]
    assert [(h["id"], h["action"], h["actor"], h["hash"]) for h in record["history"]] == [
        (h["id"], h["action"], h["actor"], h["hash"]) for h in stored_history
    ]
    for exported, stored in zip(record["history"], stored_history, strict=True):
        if stored["record_type"] == "claims":
            # A bulk action's row is narrowed to this claim's own change.
            change = next(c for c in stored["after"]["changes"] if c["id"] == record["id"])
            assert (exported["before"], exported["after"]) == (change["before"], change["after"])
        else:
            assert (exported["before"], exported["after"]) == (stored["before"], stored["after"])


def _all_claim_ids(world) -> list[int]:
    return [
        c["id"]
        for article in (world.sample_article, world.harbour_article)
        for c in checkable(world.db, article)
    ]


def test_jsonl_round_trip(world):
    header, records = _jsonl(export_bytes(world, "jsonl"))
    assert header["record"] == "export" and header["format"] == "jsonl"
    assert [r["id"] for r in records] == sorted(_all_claim_ids(world))
    for record in records:
        assert record["record"] == "claim"
        assert_matches_database(world.db, record)


def test_json_round_trip(world):
    document = json.loads(export_bytes(world, "json"))
    assert document["export"]["format"] == "json"
    records = document["claims"]
    assert [r["id"] for r in records] == sorted(_all_claim_ids(world))
    for record in records:
        assert_matches_database(world.db, record)


def test_articles_come_with_their_bodies(world):
    data = export_bytes(world, "jsonl", ExportFilters(status="published"))
    articles = {a["id"]: a for a in _jsonl_articles(data)}
    _, records = _jsonl(data)
    assert set(articles) == {world.sample_article, world.harbour_article}
    for record in records:
        stored = world.db.execute(
            "SELECT title, source_url, author, body FROM articles WHERE id = ?",
            [record["article_id"]],
        ).fetchone()
        article = articles[record["article_id"]]
        assert (article["title"], article["source_url"], article["author"]) == stored[:3]
        assert article["body"][record["start"] : record["end"]] == record["text"]
    document = json.loads(export_bytes(world, "json", ExportFilters(status="published")))
    assert [a["id"] for a in document["articles"]] == sorted(articles)


def test_records_keep_removed_evidence_and_corrections(world):
    _, records = _jsonl(export_bytes(world, "jsonl"))
    by_id = {r["id"]: r for r in records}
    rain = by_id[world.published]
    removed = [e for e in rain["evidence"] if e["removed_at"]]
    assert removed and removed[0]["removal_reason"] == "An anonymous post, not a source"
    corrected = by_id[world.corrected]
    assert [v["state"] for v in corrected["verdicts"]] == ["superseded", "published"]
    assert corrected["verdicts"][1]["correction_of"] == corrected["verdicts"][0]["id"]
    assert corrected["verdicts"][1]["approved_by"] == "eve"


def test_a_corrected_claim_keeps_its_first_publication_date_beside_the_correction(
    tmp_path, monkeypatch
):
    world = build_world(tmp_path / "later.db")
    first = verdicts.verdicts_for_claim(world.db, world.published)[-1]["published_at"]
    claim_id = correct_later(world, monkeypatch)
    for fmt in ("json", "jsonl"):
        data = export_bytes(world, fmt)
        records = json.loads(data)["claims"] if fmt == "json" else _jsonl(data)[1]
        [record] = [r for r in records if r["id"] == claim_id]
        superseded, current = record["verdicts"]
        assert (superseded["state"], superseded["published_at"]) == ("superseded", first)
        assert (current["state"], current["published_at"]) == ("published", LATER)
        assert current["correction_of"] == superseded["id"] and record["corrected_at"] == LATER


def test_provenance_names_user_filters_and_head(world):
    head_before = audit.head(world.db)
    filters = ExportFilters(article_id=world.sample_article, status="published")
    header, records = _jsonl(export_bytes(world, "jsonl", filters, actor=world.people["rita"]))
    assert header["exported_by"] == "rita"
    assert header["filters"] == {
        "article": world.sample_article,
        "status": "published",
        "since": None,
    }
    assert header["audit_head"] == {"row": head_before[0], "hash": head_before[1]}
    assert header["created_at"].endswith("Z")
    assert {r["id"] for r in records} == {world.published, world.corrected}


def test_since_compares_with_the_last_change(world):
    _, everything = _jsonl(export_bytes(world, "jsonl"))
    assert everything
    future = ExportFilters(since=date(2999, 1, 1))
    assert _jsonl(export_bytes(world, "jsonl", future))[1] == []
    today = max(r["updated_at"] or "" for r in everything)[:10]
    _, recent = _jsonl(export_bytes(world, "jsonl", ExportFilters(since=date.fromisoformat(today))))
    assert {r["id"] for r in recent} == {r["id"] for r in everything}


def test_empty_selection_is_still_valid(world):
    nothing = ExportFilters(search="xylophone")
    header, records = _jsonl(export_bytes(world, "jsonl", nothing))
    assert header["record"] == "export" and records == []
    assert export_bytes(world, "jsonl", nothing).count(b"\n") == 1
    document = json.loads(export_bytes(world, "json", nothing))
    assert document["claims"] == [] and document["articles"] == []


def test_records_stream_from_a_cursor_in_bounded_batches(world, monkeypatch):
    monkeypatch.setattr(export_reads, "FETCH_BATCH", 3)
    batches = export_reads.claim_record_batches(world.db)
    assert inspect.isgenerator(batches)
    sizes = [len(batch) for batch in batches]
    assert max(sizes) == 3 and sum(sizes) == len(_all_claim_ids(world))
    _, records = _jsonl(export_bytes(world, "jsonl"))
    assert [r["id"] for r in records] == sorted(_all_claim_ids(world))


def test_an_export_of_claims_with_long_records_holds_only_a_few_at_a_time(tmp_path, monkeypatch):
    """Claims with long histories are tens of kilobytes of JSON each: a batch of records ends at
    BATCH_CHARS, so however many claims fit in FETCH_BATCH, the writer holds about that much."""
    import tracemalloc

    from helpers import add_people, import_sample, new_database
    from test_export_world import config

    from factcheck.exports import write_export

    class Counted:
        """A sink that keeps nothing, only how many bytes it was given."""

        size = 0

        def write(self, data) -> int:
            self.size += len(data)
            return len(data)

        def flush(self) -> None:
            pass

        def close(self) -> None:
            pass

    db = new_database(tmp_path / "long.db")
    people = add_people(db)
    import_sample(
        db,
        "Council budget review finds overspending\n\n"
        + "\n\n".join(
            f"The council spent {n + 12} million dollars on roads in {1990 + n},"
            f" {n % 7 + 2} times the figure the finance office reported, the auditor said."
            for n in range(40)
        ),
    )
    note = "The minutes of the March meeting say otherwise. " * 100
    claim_ids = [row[0] for row in db.execute("SELECT id FROM claims WHERE kind = 'claim'")]
    for claim_id in claim_ids:
        for _ in range(6):
            comments.add_comment(db, claim_id, body=note, actor=people["rita"])
    monkeypatch.setattr(export_reads, "BATCH_CHARS", 64 * 1024)
    out = Counted()
    tracemalloc.start()
    try:
        write_export(db, "json", out, filters=ExportFilters(), actor=people["ed"], config=config())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        db.close()
    assert out.size > 6 * len(claim_ids) * len(note) > 1_000_000
    # A few batches' worth (the records, joined, encoded), where it was all of them thrice over.
    assert peak < out.size / 2


def test_bulk_actions_appear_in_each_claims_history(world):
    _, records = _jsonl(export_bytes(world, "jsonl"))
    assigned = [r for r in records if r["id"] in world.bulk_assigned()]
    assert assigned
    for record in assigned:
        bulk_rows = [h for h in record["history"] if h["action"] == "bulk.assign"]
        assert len(bulk_rows) == 1 and bulk_rows[0]["actor"] == "ed"
        assert bulk_rows[0]["after"]["assignee_id"] == world.people["rita"].id


def test_not_a_claim_units_are_left_out(world):
    _, records = _jsonl(
        export_bytes(world, "jsonl", ExportFilters(article_id=world.sample_article))
    )
    kinds = {
        c["id"]: c["kind"] for c in claim_reads.claims_for_article(world.db, world.sample_article)
    }
    assert "not_a_claim" in kinds.values()
    assert {r["id"] for r in records} == {i for i, k in kinds.items() if k == "claim"}


def test_a_reports_per_article_records_are_the_full_export_records(world):
    """Reports read one article's claims with cheaper per-claim lookups (`_FEW_CLAIMS_RECORD`),
    and the article text reads only marks; each must agree with the record the JSON export holds,
    attachments and bulk history too."""
    full = {}
    for batch in export_reads.claim_record_batches(world.db):
        for text in batch:
            record = json.loads(text)
            full[record["id"]] = record
    seen = set()
    for article_id in {record["article_id"] for record in full.values()}:
        numbered = list(export_reads.numbered_claim_records(world.db, article_id))
        marks = list(export_reads.numbered_claim_marks(world.db, article_id))
        assert [number for number, _ in numbered] == list(range(1, len(numbered) + 1))
        assert len(marks) == len(numbered)
        for (number, record), mark in zip(numbered, marks, strict=True):
            assert record == full[record["id"]]
            published = [v for v in record["verdicts"] if v["state"] == "published"]
            own = {key: record[key] for key in ("id", "start", "end", "section", "text", "status")}
            rating = published[-1]["rating"] if published else None
            assert mark == (number, own, bool(published), rating)
            seen.add(record["id"])
    assert seen == set(full)
    for attached in ("verdicts", "evidence", "comments", "history"):
        assert any(record[attached] for record in full.values()), f"no claim has {attached}"
    assert set(world.bulk_assigned()) & seen
    assert any(len([v for v in r["verdicts"] if v["state"] == "published"]) for r in full.values())


def test_article_records_hold_every_stored_column(world):
    columns = {row[1] for row in world.db.execute("PRAGMA table_info(articles)")}
    for fmt in ("json", "jsonl"):
        data = export_bytes(world, fmt)
        articles = json.loads(data)["articles"] if fmt == "json" else _jsonl_articles(data)
        for article in articles:
            assert set(article) - {"record"} == columns
            stored = world.db.execute(
                "SELECT language FROM articles WHERE id = ?", [article["id"]]
            ).fetchone()
            assert article["language"] == stored[0]


def _key_drift(ours, exported, where: str) -> list[str]:
    """Where `claims --json` names a field the export does not, or an object shared with the
    export holds different fields; nested objects are compared when both sides have one."""
    if isinstance(ours, dict) and isinstance(exported, dict):
        drift = [f"{where}.{key}" for key in sorted(ours.keys() - exported.keys())]
        for key in ours.keys() & exported.keys():
            drift += _key_drift(ours[key], exported[key], f"{where}.{key}")
        return drift
    if isinstance(ours, list) and isinstance(exported, list):
        theirs = {item["id"]: item for item in exported if isinstance(item, dict) and "id" in item}
        drift = []
        for item in ours:
            if isinstance(item, dict) and item.get("id") in theirs:
                drift += _key_drift(item, theirs[item["id"]], f"{where}[{item['id']}]")
        return drift
    return []


def test_claims_json_names_every_field_as_the_export_does(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import main
    from factcheck.store import link_checks, snapshots

    path = tmp_path / "names.db"
    world = build_world(path)
    item = evidence.evidence_for_claim(world.db, world.published)[0]
    copy = snapshots.attach_copy(
        world.db,
        item["id"],
        actor=world.people["rita"],
        data=b"<p>text</p>",
        content_type="text/html",
        content_sha256="0" * 64,
        text=f"The county said {item['quote']} on Tuesday.",
    )
    link_checks.record_link_checks(
        world.db,
        item["url"],
        actor=world.people["rita"],
        checks=[{"outcome": "changed", "snapshot_id": copy["id"]}],
    )
    listed = CliRunner().invoke(
        main, ["--db", str(path), "claims", str(world.sample_article), "--json"]
    )
    assert listed.exit_code == 0, listed.output
    ours = {c["id"]: c for c in json.loads(listed.output)["claims"]}
    exported = {c["id"]: c for c in json.loads(export_bytes(world, "json"))["claims"]}

    claim, record = ours[world.published], exported[world.published]
    assert claim["verdicts"] and claim["evidence"][0]["snapshot"]
    assert claim["evidence"][0]["quote_check"] and claim["evidence"][0]["link_check"]
    for claim_id in ours.keys() & exported.keys():
        assert _key_drift(ours[claim_id], exported[claim_id], f"claim {claim_id}") == []
    # What the export adds is the record's own business, not another name for a shared field.
    assert record.keys() - claim.keys() == {"record", "comments", "history"}
    assert claim["verdicts"] == record["verdicts"]
    assert claim["evidence"] == [e for e in record["evidence"] if not e["removed_at"]]


def _verdict_of(records: list[dict], claim_id: int) -> dict:
    return next(r for r in records if r["id"] == claim_id)["verdicts"][-1]


def test_a_rating_the_scale_gives_no_value_is_exported_with_none(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import main

    path = tmp_path / "values.db"
    world = build_world(path)
    _, records = _jsonl(export_bytes(world, "jsonl"))
    document = json.loads(export_bytes(world, "json"))
    listed = CliRunner().invoke(
        main, ["--db", str(path), "claims", str(world.sample_article), "--json"]
    )
    for claims in (records, document["claims"], json.loads(listed.output)["claims"]):
        unverifiable = _verdict_of(claims, world.in_review)
        assert unverifiable["rating_label"] == "Unverifiable"
        assert unverifiable["rating_value"] is None
        assert _verdict_of(claims, world.corrected)["rating_value"] == 4
    # The verdict itself keeps its value: it orders the rating among the others.
    assert verdicts.verdicts_for_claim(world.db, world.in_review)[-1]["rating_value"] == 1


def test_the_json_export_reads_which_ratings_have_no_value_from_its_own_scale(world):
    from dataclasses import replace

    from test_export_world import config

    from factcheck.scales import default_scale

    scale = default_scale()
    ratings = tuple(replace(r, numeric=r.key != "mixed") for r in scale.ratings)
    data = export_bytes(world, "jsonl", config=config(scale=replace(scale, ratings=ratings)))
    _, records = _jsonl(data)
    assert _verdict_of(records, world.corrected)["rating_value"] is None
    assert _verdict_of(records, world.in_review)["rating_value"] == 1


def test_the_json_twins_of_pages_give_an_unverifiable_verdict_no_value(
    app_db, people, claim, client
):
    verdicts.set_verdict(
        app_db, claim["id"], rating="Unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    twin = client.get(f"/claims/{claim['id']}.json").get_json()["claim"]
    assert [(v["rating"], v["rating_value"]) for v in twin["verdicts"]] == [("unverifiable", None)]
    article = client.get(f"/articles/{claim['article_id']}.json").get_json()
    listed = next(c for c in article["claims"] if c["id"] == claim["id"])
    assert listed["verdicts"] == twin["verdicts"]
