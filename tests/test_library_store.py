"""The library in the store: the desk's own verdicts entering it on publish and following
corrections, claims matched after imports and library changes, and claims grouped across articles."""

import json
import re
from pathlib import Path

import pytest
from helpers import RATIONALE, first_checkable_claim, import_sample, refused_with
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import library_formats, previous_checks
from factcheck.store import (
    audit,
    claim_groups,
    claim_matches,
    claim_reads,
    evidence,
    library_browse,
    verdicts,
)
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import Invalid
from factcheck.store.rows import LibraryItem

MIGRATION = Path(__file__).resolve().parents[1] / "db" / "migrations" / "026_text_key.sql"


def _publish(db, people, claim_id, rating="Accurate"):
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/report", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating=rating, rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])


def _own_items(db):
    return library_store.list_items(db, origin="own")


def _import(db, text: str, file_format: str = "csv"):
    parsed = list(library_formats.parse(text.encode("utf-8"), file_format))
    return library_store.import_records(
        db, parsed, actor=SYSTEM, source="test.csv", file_format=file_format
    )


def test_a_published_verdict_enters_the_library_and_follows_its_correction(claim_world):
    db, people, claim_id = claim_world
    assert _own_items(db) == []
    _publish(db, people, claim_id)
    [item] = _own_items(db)
    claim = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    first_verdict = verdicts.verdicts_for_claim(db, claim_id)[-1]
    assert item["claim"] == claim and item["claim_id"] == claim_id
    assert item["verdict_id"] == first_verdict["id"] and item["rating"] == "Accurate"
    assert item["review_date"] == first_verdict["published_at"][:10]
    approval = db.execute(
        "SELECT after FROM audit WHERE action = 'review.approve' ORDER BY id DESC"
    ).fetchone()[0]
    assert json.loads(approval)["library_id"] == item["id"]

    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="The office revised its count",
        actor=people["rita"],
    )
    assert _own_items(db)[0]["rating"] == "Accurate"  # a correction counts once it is published
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["eve"])
    [corrected] = _own_items(db)
    assert corrected["id"] == item["id"] and corrected["rating"] == "Mostly accurate"
    assert corrected["verdict_id"] == verdicts.verdicts_for_claim(db, claim_id)[-1]["id"]


def test_a_corrected_own_entry_keeps_the_date_it_was_first_published(claim_world, monkeypatch):
    # An imported fact-check's date is its first publication's; the desk's own entry's too.
    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    first = verdicts.verdicts_for_claim(db, claim_id)[-1]["published_at"][:10]
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mostly accurate",
        rationale=RATIONALE,
        reason="The office revised its count",
        actor=people["rita"],
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    monkeypatch.setattr(verdicts, "utc_now", lambda: "2031-05-06T07:08:09.000000Z")
    verdicts.approve(db, claim_id, actor=people["eve"])
    [corrected] = _own_items(db)
    assert corrected["rating"] == "Mostly accurate" and corrected["review_date"] == first
    assert audit.verify(db).ok


def test_an_item_is_shown_with_its_own_fields_only(claim_world):
    """The words kept to find checks of the same words are the store's: an item as the CLI's
    and the web's JSON show it has the fields of a fact-check."""
    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    [listed] = library_store.list_items(db)
    shown = library_store.get_item(db, listed["id"])
    [browsed] = library_browse.browse(db)["items"]
    [found] = library_browse.browse(db, words=listed["claim"].split()[0])["items"]
    assert set(shown) == set(listed) == set(browsed) == set(found)
    assert set(shown) == set(LibraryItem.__annotations__)


def test_own_verdicts_cannot_be_removed_by_hand(claim_world):
    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    [item] = _own_items(db)
    with refused_with(Invalid, "correction"):
        library_store.remove_item(db, item["id"], actor=SYSTEM)


def _second_article(db, sentence: str) -> int:
    body = f"Schools reopen across the valley\n\n{sentence}\n\nBuses ran on 5 of the 9 routes."
    return import_sample(db, body)


def test_a_verdict_is_offered_to_the_same_claim_in_other_articles(claim_world, matcher):
    db, people, claim_id = claim_world
    claim = db.execute("SELECT * FROM claims WHERE id = ?", [claim_id]).fetchone()
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    other_article = _second_article(db, text.upper().replace(",", " ,"))
    other = first_checkable_claim(db, other_article)
    assert other["id"] != claim_id
    group = claim_groups.same_text_claims(db, other)
    assert [row["id"] for row in group] == [claim_id]
    assert claim is not None

    _publish(db, people, claim_id)
    previous_checks.after_publish(db, claim_id, actor=people["ed"])
    [check] = claim_matches.previous_checks(db, other["id"])
    assert check["own_claim_id"] == claim_id and check["rating"] == "Accurate"
    # A claim is never offered its own verdict.
    assert all(c["own_claim_id"] != claim_id for c in claim_matches.previous_checks(db, claim_id))
    assert claim_groups.same_text_claims(db, other)[0]["published_rating"] == "Accurate"


def test_claims_are_matched_when_an_article_is_imported(claim_world, matcher):
    db, _, claim_id = claim_world
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    summary = _import(db, f'id,claim,rating\nx-1,"{text}",False\n')
    assert summary["added"] == 1
    # The library changed after this article was imported: nothing matched it yet.
    assert claim_matches.previous_checks(db, claim_id) == []
    new_article = _second_article(db, text)
    new_claim = first_checkable_claim(db, new_article)
    [check] = claim_matches.previous_checks(db, new_claim["id"])
    assert check["external_id"] == "x-1" and check["score"] >= matcher.MATCH_THRESHOLD
    rows = db.execute("SELECT after FROM audit WHERE action = 'matches.refresh'").fetchall()
    assert len(rows) == 1 and json.loads(rows[0][0])["cause"] == f"import of article {new_article}"
    assert claim_matches.claims_with_previous_check(db) == 1


def test_a_library_change_matches_the_affected_claims_again(claim_world, matcher):
    db, _, claim_id = claim_world
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    summary = _import(db, f'id,claim,rating\nx-1,"{text}",False\n')
    result = previous_checks.after_library_change(
        db, summary["changed_ids"], cause="library import", actor=SYSTEM
    )
    assert result["changed"] == 1
    [check] = claim_matches.previous_checks(db, claim_id)
    audit_rows = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    again = previous_checks.after_library_change(
        db, summary["changed_ids"], cause="library import", actor=SYSTEM
    )
    assert again["changed"] == 0
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows
    removed = library_store.remove_item(db, check["library_id"], actor=SYSTEM)
    assert removed["matched_claims"] == [claim_id]
    assert claim_matches.previous_checks(db, claim_id) == []


def test_the_text_key_index_is_the_one_the_store_queries(claim_world):
    db, _, claim_id = claim_world
    sql = MIGRATION.read_text(encoding="utf-8")
    indexed = re.search(r"ON claims \((.*)\) WHERE", sql, re.DOTALL).group(1)
    assert " ".join(indexed.split()) == claim_groups.TEXT_KEY_SQL
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE"
        f" {claim_groups.TEXT_KEY_SQL} = {claim_groups.text_key_sql('?')} AND kind = 'claim'",
        ["x"],
    ).fetchall()
    assert any("claims_by_text_key" in row[-1] for row in plan)


def _key(text: str) -> str:
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        sql = f"SELECT {claim_groups.text_key_sql('?')}"
        return connection.execute(sql, [text]).fetchone()[0]
    finally:
        connection.close()


_words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789%", min_size=1), min_size=1)


@settings(deadline=None)
@given(_words, st.data())
def test_the_text_key_ignores_case_spacing_and_punctuation(words, data):
    plain = " ".join(words)
    noisy = ""
    for word in words:
        cased = "".join(data.draw(st.sampled_from([ch, ch.upper()])) for ch in word)
        gap = data.draw(st.sampled_from([" ", "  ", ", ", "; ", "\n", "’ ", "…"]))
        noisy += cased + gap
    noisy = data.draw(st.sampled_from(["", "“", "("])) + noisy + "."
    assert _key(noisy) == _key(plain)
    # Other words make another key.
    assert _key(plain + " x9") != _key(plain)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The decree sets 2.5 million euros.", "The decree sets 25 million euros."),
        ("The plant employs 1,500 people.", "The plant employs 15.00 people."),
        ("Output fell -5% in May.", "Output fell 5% in May."),
        ("One in 1/2 homes.", "One in 12 homes."),
        ("The polls closed at 10:30 pm.", "The polls closed at 1030 pm."),
    ],
)
def test_a_figure_keeps_its_marks_in_the_text_key(one, other):
    # Ten times the money is another claim, never the same one published elsewhere.
    assert _key(one) != _key(other)
    assert _key(f"“{one}”") == _key(one.lower().rstrip("."))


def test_the_same_claim_published_elsewhere_is_offered_whatever_the_matcher_says(
    claim_world, monkeypatch
):
    class NoMatches:
        MATCH_THRESHOLD = 0.5

        @staticmethod
        def find_matches_many(db, texts, top=5, min_score=0.0, leave_out=None):
            return [[] for _ in texts]

    monkeypatch.setattr(previous_checks, "engine", lambda: NoMatches)
    db, people, claim_id = claim_world
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    other = first_checkable_claim(db, _second_article(db, f"  {text.lower()}!"))
    _publish(db, people, claim_id)
    previous_checks.after_publish(db, claim_id, actor=people["ed"])
    [check] = claim_matches.previous_checks(db, other["id"])
    assert check["own_claim_id"] == claim_id and check["score"] == 1.0
    assert claim_matches.previous_checks(db, claim_id) == []


def test_the_audit_trail_still_verifies_after_library_work(claim_world, matcher):
    from factcheck.store import audit

    db, people, claim_id = claim_world
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    summary = _import(db, f'id,claim,rating\nx-1,"{text}",False\n')
    previous_checks.after_library_change(
        db, summary["changed_ids"], cause="library import", actor=SYSTEM
    )
    _second_article(db, text)
    _publish(db, people, claim_id)
    previous_checks.after_publish(db, claim_id, actor=people["ed"])
    library_store.remove_item(db, summary["changed_ids"][0], actor=SYSTEM)
    report = audit.verify(db)
    assert report.ok, report.problems


def test_a_new_items_telling_words_find_its_claims_not_its_rare_little_words(db_path):
    """Which claims a new item may match is looked up by its rarest words; "its", "own", "were"
    are rare among a small desk's claims yet tell nothing, and must not crowd out the words
    that do."""
    from factcheck import db as database
    from factcheck.ingest import ingest_text

    db = database.connect(db_path)
    body = (
        "Harbour report\n\nHarbour grain exports fell by 12 percent in 2024.\n\n"
        "Its own figures were never ours, she said on Monday.\n\n"
        "Harbour grain stocks rose by 3 percent in March."
    )
    article_id = ingest_text(db, body).article_id
    exports = db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND text LIKE 'Harbour grain exports%'",
        [article_id],
    ).fetchone()[0]
    found = claim_matches.claims_like(db, "Its own were never ours: harbour grain exports", 100)
    assert exports in found
    db.close()


def _desk_claim(db, body: str, starts: str) -> int:
    from factcheck.ingest import ingest_text

    article_id = ingest_text(db, body).article_id
    return db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND text LIKE ?", [article_id, f"{starts}%"]
    ).fetchone()[0]


FIRE_STORY = (
    "Warehouse fire\n\nWe had 86 firefighters on the scene by midnight, the station said.\n\n"
    "The fire chief praised the crews for their work on Tuesday.\n\n"
    "Residents of the street were told to keep their windows shut."
)


@pytest.mark.parametrize(
    "checks",
    [
        # "86" is among the most telling words a claim and a fact-check can share; a short
        # number was left out of the words that find the claims a library change may affect,
        # so a claim that then matched at 0.99 waited for a full rematch.
        "id,claim,rating\nf-1,The fire chief said 86 firefighters attended,True\n",
        # The matcher reads an item's title as well as its claim, so the title's words look for
        # claims too.
        "id,claim,title,rating\nf-2,Crews worked through the night,86 firefighters?,True\n",
    ],
)
def test_a_new_items_telling_words_find_the_claims_it_may_match(db_path, monkeypatch, checks):
    from factcheck import db as database

    # A desk too big to match every claim again, where the candidates are looked up by word.
    monkeypatch.setattr(previous_checks, "ALL_CLAIMS_UP_TO", 0)
    db = database.connect(db_path)
    claim_id = _desk_claim(db, FIRE_STORY, "We had 86")
    summary = _import(db, checks)
    assert claim_id in previous_checks.affected_claims(db, summary["changed_ids"])
    db.close()


def test_a_published_verdict_does_not_match_a_small_desk_over_again(claim_world):
    """Every approval adds the desk's own entry to the library: matching every claim again for
    it would rescan a small desk on each one. An imported fact-check still does."""
    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    [own] = _own_items(db)
    every = set(claim_matches.all_claim_ids(db))
    after_publish = set(previous_checks.affected_claims(db, [own["id"]]))
    assert after_publish < every
    summary = _import(db, "id,claim,rating\nx-9,A ferry fare doubled in one spring,False\n")
    assert set(previous_checks.affected_claims(db, summary["changed_ids"])) == every


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A range is not the number its figures run together into, nor a minus sign nothing,
        # however the dash is written.
        ("Food prices rose 1-2% last year.", "Food prices rose 12% last year."),
        ("Food prices rose 1 – 2% last year.", "Food prices rose 12% last year."),
        ("Between 2-3 million people left.", "Between 23 million people left."),
        ("Prices rose 2—3% in May.", "Prices rose 23% in May."),
        ("The court ruled 5 - 4 on Monday.", "The court ruled 54 on Monday."),
        ("Output fell –5% in May.", "Output fell 5% in May."),
        ("-5% growth was recorded.", "5% growth was recorded."),
    ],
)
def test_a_range_or_a_minus_sign_keeps_its_dash_in_the_text_key(one, other):
    assert _key(one) != _key(other)


def test_an_upgrade_stops_offering_a_verdict_on_another_figure_as_the_same_claim(
    claim_world,
):
    from factcheck.db import _drop_twins_of_another_figure

    db, people, claim_id = claim_world
    _publish(db, people, claim_id)
    [own] = _own_items(db)
    text = db.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    same = first_checkable_claim(db, _second_article(db, f"  {text.lower()}!"))
    figure = re.search(r"\d+", text).group()
    other = first_checkable_claim(db, _second_article(db, text.replace(figure, figure + "0", 1)))
    # As the key before 022 paired them: both offered at 1 (written as that version left them).
    for claim in (same, other):
        db.execute("DELETE FROM claim_matches WHERE claim_id = ?", [claim["id"]])
        db.execute("INSERT INTO claim_matches VALUES (?, ?, 1.0)", [claim["id"], own["id"]])
    db.conn.commit()
    _drop_twins_of_another_figure(db)
    assert [c["library_id"] for c in claim_matches.previous_checks(db, same["id"])] == [own["id"]]
    assert claim_matches.previous_checks(db, other["id"]) == []


def test_publishing_a_verdict_keeps_other_publishers_checks_of_the_claim(db_path):
    """With the real matcher: the desk's own published verdict was the best match every other
    check was scored against, so publishing it pushed another desk's check of the same claim
    (rated otherwise) out of the claim's previous checks and out of its twins' in other
    articles."""
    from helpers import add_people

    from factcheck import db as database

    db = database.connect(db_path)
    people = add_people(db)
    sentence = (
        "Under the plan, the city will fund 1,150 new affordable homes over three years and hire"
        " 40 additional building inspectors."
    )
    body = f"Council passes its budget\n\n{sentence}\n\nThe vote was 7 to 2, the clerk said."
    claim_id = next(
        c["id"]
        for c in claim_reads.claims_for_article(db, import_sample(db, body))
        if c["text"] == sentence
    )
    summary = _import(
        db,
        "id,claim,rating,publisher\n"
        'other-1,"Riverside will build 1,150 affordable homes within three years",'
        "Unverifiable,Other Desk\n",
    )
    previous_checks.after_library_change(db, summary["changed_ids"], cause="import", actor=SYSTEM)
    [other_check] = summary["changed_ids"]

    def offered(claim):
        return [check["library_id"] for check in claim_matches.previous_checks(db, claim)]

    assert offered(claim_id) == [other_check]
    _publish(db, people, claim_id)
    previous_checks.after_publish(db, claim_id, actor=people["ed"])
    assert offered(claim_id) == [other_check]
    twin = first_checkable_claim(db, _second_article(db, sentence))
    previous_checks.match_claims(db, [twin["id"]], cause="import")
    own = library_store.own_item_for(db, claim_id)
    assert set(offered(twin["id"])) == {own, other_check}
    db.close()


def test_a_row_with_its_claim_cell_left_empty_updates_the_rating_and_keeps_the_claim(claim_world):
    """README: "a cell left empty keeps what the library has". An id with an empty claim cell
    was refused ("the claim is empty"), so a partner's file of ratings with a blank claim column
    could not be imported."""
    db, _, _ = claim_world
    _import(db, 'id,claim,rating\nx-1,"The toll rose by 40 percent in one year",False\n')
    summary = _import(db, "id,claim,rating\nx-1,,Accurate\n")
    assert summary["updated"] == 1 and not summary["refusals"]
    [item] = library_store.list_items(db, origin="imported")
    assert (item["claim"], item["rating"]) == (
        "The toll rose by 40 percent in one year",
        "Accurate",
    )
