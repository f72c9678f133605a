"""The queue's reads (ranking, filters, search, keyset pages) and bulk actions with undo."""

import json

import pytest
from helpers import RATIONALE, add_people, import_sample, new_database

from factcheck.store import bulk, claim_reads, evidence, users, verdicts
from factcheck.store.errors import Forbidden, Invalid
from factcheck.store.queue_reads import QueueFilters, queue_count, queue_page
from factcheck.store.search_words import search_expression

SECOND_ARTICLE = """Bridge repairs to cost 48 million

The city said on Monday that repairs to the old bridge would cost 48 million dollars.

Traffic will be limited to one lane until June, officials said.
"""


@pytest.fixture
def world(tmp_path):
    db = new_database(tmp_path / "q.db")
    people = add_people(db)
    first = import_sample(db)
    second = import_sample(db, SECOND_ARTICLE)
    return db, people, first, second


def _all_pages(db, filters, limit):
    seen, after = [], None
    while True:
        rows, after = queue_page(db, filters, after=after, limit=limit)
        seen.extend(rows)
        if after is None:
            return seen


def test_pages_cover_every_claim_once_in_rank_order(world):
    db, *_ = world
    filters = QueueFilters()
    rows = _all_pages(db, filters, limit=2)
    assert len(rows) == len({r["id"] for r in rows}) == queue_count(db, filters)
    # Most check-worthy first; among equal scores, the newest article's last unit first.
    keys = [(r["checkworthiness"], r["article_id"], r["seq"]) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert all(r["kind"] == "claim" for r in rows)


def test_filters_combine(world):
    db, people, first, second = world
    only_second = _all_pages(db, QueueFilters(article_id=second), limit=50)
    assert {r["article_id"] for r in only_second} == {second}
    target = only_second[0]["id"]
    bulk.bulk_update(db, [target], action="assign", value="rita", actor=people["ed"])
    mine = _all_pages(db, QueueFilters(assignee="rita"), limit=50)
    assert [r["id"] for r in mine] == [target]
    unassigned = queue_count(db, QueueFilters(assignee="none"))
    assert unassigned == queue_count(db, QueueFilters()) - 1
    headlines = _all_pages(db, QueueFilters(section="headline"), limit=50)
    assert len(headlines) == 2


def test_search_matches_prefixes_and_is_safe(world):
    db, *_ = world
    found = _all_pages(db, QueueFilters(search="bridg repair"), limit=50)
    assert found and all("bridge" in r["text"].lower() for r in found)
    assert search_expression('") OR 1=1; --') == '"1"* AND "1"*'
    assert queue_page(db, QueueFilters(search='"unbalanced'), limit=5)[0] == []


def test_words_such_as_the_and_of_do_not_narrow_a_search(world):
    db, *_ = world
    bridge = _all_pages(db, QueueFilters(search="bridg"), limit=50)
    assert bridge and any(" the " not in f" {r['text'].lower()} " for r in bridge)
    assert _all_pages(db, QueueFilters(search="the bridg of"), limit=50) == bridge
    # Typed alone, such a word is still searched for.
    assert search_expression("The") == '"The"*'
    assert _all_pages(db, QueueFilters(search="the"), limit=50)


def test_names_with_letters_of_their_own_are_found_as_typed_in_ascii(world):
    """The index takes accents off ("ó" is "o") but keeps "ł", "ø", "ß" and "ı" as letters of
    their own: "lodz" found no "Łódź", nor "strauss" "Strauß"."""
    db, *_ = world
    article = import_sample(
        db,
        "Ports report record cargo\n\nThe port of Łódź handled 4 million tonnes, its chief said."
        "\n\nDockers in Strauß and Diyarbakır struck for 3 days, the union said."
        "\n\nWind farms off Ørsted's coast made 12% of the power, officials said."
        "\n\nĐoković gave 2 million euros to the Ærø hospital, his office said."
        "\n\nDjokovic won 3 titles in 2011, his coach said.\n",
    )
    typed_ways = (
        "lodz",
        "LODZ million",
        '"lodz"',
        '"port of lodz"',
        "strauss",
        "diyarbakir",
        '"dockers in strauss"',
        "orsted",
        '"orsted\'s coast"',
        "djokovic",
        "dokovic",
        '"djokovic gave"',
        '"dokovic gave"',
        '"aero hospital"',
        "aero",
    )
    found = {
        typed: {r["text"] for r in _all_pages(db, QueueFilters(search=typed), limit=50)}
        for typed in typed_ways
    }
    texts = {r["text"] for r in _all_pages(db, QueueFilters(article_id=article), limit=50)}
    lodz, dockers, wind, gift, titles = (
        next(t for t in texts if word in t)
        for word in ("Łódź", "Dockers", "Wind", "gave", "titles")
    )
    assert found == {
        "lodz": {lodz},
        "LODZ million": {lodz},
        '"lodz"': {lodz},
        '"port of lodz"': {lodz},
        "strauss": {dockers},
        "diyarbakir": {dockers},
        '"dockers in strauss"': {dockers},
        "orsted": {wind},
        '"orsted\'s coast"': {wind},
        "djokovic": {gift, titles},
        "dokovic": {gift, titles},
        '"djokovic gave"': {gift},
        '"dokovic gave"': {gift},
        '"aero hospital"': {gift},
        "aero": {gift},
    }
    assert {r["text"] for r in _all_pages(db, QueueFilters(search='"ærø hospital"'), limit=50)} == {
        gift
    }


def test_greek_words_are_found_typed_without_their_accents_or_in_capitals(world):
    """The index takes accents off Latin letters only: "δημαρχος", as Greek is typed in haste
    and printed in capitals, found no "δήμαρχος"."""
    db, *_ = world
    article = import_sample(
        db,
        "Δημοτικά οικονομικά\n\nΟ δήμαρχος της Αθήνας είπε ότι ο προϋπολογισμός αυξήθηκε"
        " κατά 12% φέτος.\n\nΟι Ευρωπαϊκές εκλογές κόστισαν 4 εκατομμύρια ευρώ, σύμφωνα με το"
        " υπουργείο.\n\nΤΟ ΛΙΜΑΝΙ ΤΟΥ ΠΕΙΡΑΙΑ ΔΕΧΤΗΚΕ 5 ΕΚΑΤΟΜΜΥΡΙΑ ΕΠΙΒΑΤΕΣ, ΕΙΠΕ Ο ΔΗΜΑΡΧΟΣ."
        "\n\nΤον Μάιο του 2024 το τσάι ακρίβυνε κατά 8%, σύμφωνα με την ένωση εισαγωγέων.\n",
    )
    texts = {r["text"] for r in _all_pages(db, QueueFilters(article_id=article), limit=50)}
    mayor, elections, port, tea = (
        next(t for t in texts if word in t) for word in ("δήμαρχος", "Ευρωπαϊκές", "ΛΙΜΑΝΙ", "τσάι")
    )
    typed_ways = {
        "δημαρχος": {mayor, port},
        "ΑΘΗΝΑΣ": {mayor},
        "προυπολογισμος": {mayor},
        "ευρωπαικες": {elections},
        '"ευρωπαικες εκλογες"': {elections},
        "λιμάνι πειραιά": {port},
        "δήμαρχος αθήνας": {mayor},
        "μαιο τσαι": {tea},
        "ΜΑΙΟ": {tea},
    }
    found = {
        typed: {r["text"] for r in _all_pages(db, QueueFilters(search=typed), limit=50)}
        for typed in typed_ways
    }
    assert found == typed_ways


def test_a_search_of_only_marks_finds_nothing_instead_of_everything(world):
    db, *_ = world
    assert queue_count(db, QueueFilters()) > 0
    for typed in ('"', "?!", "  --  "):
        assert queue_count(db, QueueFilters(search=typed)) == 0
        assert queue_page(db, QueueFilters(search=typed), limit=5)[0] == []
    assert queue_count(db, QueueFilters(search="   ")) == queue_count(db, QueueFilters())


def test_verdict_filter_uses_published_rating(world):
    db, people, first, _ = world
    claim = _all_pages(db, QueueFilters(article_id=first), limit=50)[0]
    evidence.add_evidence(
        db, claim["id"], url="https://a.example/", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim["id"], actor=people["rita"])
    verdicts.approve(db, claim["id"], actor=people["ed"])
    rated = _all_pages(db, QueueFilters(verdict="accurate"), limit=50)
    assert [r["id"] for r in rated] == [claim["id"]]


def test_bulk_not_a_claim_then_undo(world):
    db, people, first, _ = world
    ids = [r["id"] for r in _all_pages(db, QueueFilters(article_id=first), limit=50)][:3]
    versions = {i: claim_reads.get_claim(db, i)["version"] for i in ids}
    done = bulk.bulk_update(
        db, ids, action="not_a_claim", value="Colour, not a claim", actor=people["rita"]
    )
    assert sorted(done["claim_ids"]) == sorted(ids)
    assert all(claim_reads.get_claim(db, i)["kind"] == "not_a_claim" for i in ids)
    assert bulk.last_bulk_action(db, "rita")["id"] == done["audit_id"]
    # Each claim's story says why, as for one claim set aside.
    [entry] = [e for e in claim_reads.claim_history(db, ids[0]) if e["action"].startswith("bulk.")]
    assert entry["reason"] == "Colour, not a claim"
    with pytest.raises(Forbidden):
        bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["rita"])
    assert sorted(undone["claim_ids"]) == sorted(ids)
    for claim_id in ids:
        claim = claim_reads.get_claim(db, claim_id)
        assert claim["kind"] == "claim" and claim["version"] == versions[claim_id] + 2
    assert bulk.last_bulk_action(db, "rita") is None


def test_undo_skips_claims_changed_since(world):
    db, people, first, _ = world
    ids = [r["id"] for r in _all_pages(db, QueueFilters(article_id=first), limit=50)][:2]
    done = bulk.bulk_update(db, ids, action="status", value="in_progress", actor=people["rita"])
    bulk.bulk_update(db, [ids[0]], action="assign", value="ed", actor=people["ed"])
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["rita"])
    assert undone["claim_ids"] == [ids[1]] and [s["claim_id"] for s in undone["skipped"]] == [
        ids[0]
    ]
    assert claim_reads.get_claim(db, ids[0])["status"] == "in_progress"


def test_undo_gives_no_claim_back_to_someone_disabled_since(world):
    """Undoing a reassignment gave a claim back to a colleague who had left the paper."""
    db, people, first, _ = world
    ids = [r["id"] for r in _all_pages(db, QueueFilters(article_id=first), limit=50)][:3]
    bulk.bulk_update(db, [ids[0]], action="assign", value="eve", actor=people["ed"])
    bulk.bulk_update(db, [ids[1]], action="assign", value="ed", actor=people["ed"])
    done = bulk.bulk_update(db, ids, action="assign", value="rita", actor=people["rita"])
    users.set_disabled(db, "eve", True, actor=people["ada"])
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["rita"])
    assert undone["skipped"] == [
        {"claim_id": ids[0], "code": "undo.assignee_disabled", "username": "eve", "name": "Eve"}
    ]
    assert sorted(undone["claim_ids"]) == sorted(ids[1:])
    assignees = [claim_reads.get_claim(db, i)["assignee_id"] for i in ids]
    assert assignees == [people["rita"].id, people["ed"].id, None]
    [after] = db.execute("SELECT after FROM audit WHERE action = 'bulk.undo'").fetchone()
    trail = json.loads(after)
    assert trail["skipped"] == undone["skipped"]


def test_undo_leaves_a_disabled_persons_claim_with_them_when_it_gives_nothing_back(world):
    db, people, first, _ = world
    ids = [r["id"] for r in _all_pages(db, QueueFilters(article_id=first), limit=50)][:1]
    bulk.bulk_update(db, ids, action="assign", value="eve", actor=people["ed"])
    done = bulk.bulk_update(db, ids, action="status", value="in_progress", actor=people["ed"])
    users.set_disabled(db, "eve", True, actor=people["ada"])
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    assert undone["claim_ids"] == ids and undone["skipped"] == []
    claim = claim_reads.get_claim(db, ids[0])
    assert (claim["status"], claim["assignee_id"]) == ("unreviewed", people["eve"].id)


def test_bulk_refuses_bad_requests(world):
    db, people, *_ = world
    with pytest.raises(Invalid):
        bulk.bulk_update(db, [], action="assign", value="rita", actor=people["rita"])
    with pytest.raises(Invalid):
        bulk.bulk_update(db, [1], action="status", value="published", actor=people["rita"])


@pytest.mark.parametrize(
    "filters",
    [
        QueueFilters(),
        QueueFilters(kind="not_a_claim"),
        QueueFilters(section="headline"),
        QueueFilters(status="unreviewed"),
        QueueFilters(assignee="none"),
        QueueFilters(search="bridge"),
        QueueFilters(search="the", section="body"),
    ],
)
def test_counts_read_from_indexes_match_the_rows(world, filters):
    """Counts tell claims from non-claims through the index of non-claims, without reading rows:
    they must still agree with the pages, before and after units change kind."""
    db, people, first, second = world
    assert queue_count(db, filters) == len(_all_pages(db, filters, limit=3))
    some = [row["id"] for row in _all_pages(db, QueueFilters(article_id=second), limit=50)][:2]
    bulk.bulk_update(
        db, some, action="not_a_claim", value="Left out: background", actor=people["ed"]
    )
    assert queue_count(db, filters) == len(_all_pages(db, filters, limit=3))
