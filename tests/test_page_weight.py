"""Page weight: the queue (a full page of rows) and the dashboard stay under 40 KB however long the
newsroom's titles, claims, addresses and names are, with ids as wide as at a million claims."""

from datetime import datetime, timedelta

import pytest
from helpers import PASSWORD, add_people, new_database, parse, signed_in_client

from factcheck.app import create_app
from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store import bulk, claim_reads, evidence, users, verdicts
from factcheck.store.actors import SYSTEM
from factcheck.store.queue_reads import PAGE_SIZE, QueueFilters, queue_page
from factcheck.views import formatting
from factcheck.views.articles import DASHBOARD_ARTICLES, WORK_SHOWN

PAGE_LIMIT = 40_000
# Longer than anything a list shows whole, so every clipped field is at its widest.
LONG_WORDS = " ".join(["wide"] * 60)
LONGEST_USERNAME = "a" + "b" * 31  # the longest a username may be


def long_article(number: int) -> str:
    """A headline and three long check-worthy sentences, each longer than a queue row shows."""
    sentences = [
        f"The regional transport authority said on Tuesday that {number * 7 + 3:,} new buses would"
        f" cost {number * 11 + 40} million euros by 2031, according to its {LONG_WORDS} report.",
        f"Unemployment in the county rose by {number % 40 + 2} percent to {number * 13 + 900:,}"
        f" people last year, the statistics office said in its {LONG_WORDS} bulletin.",
        f"The council said {number * 3 + 12} schools would close by June, saving about"
        f" {number * 5 + 7} million dollars a year, officials said in a {LONG_WORDS} statement.",
    ]
    headline = f"Story {number}: council budget {LONG_WORDS} leaves {number + 9} million gap"
    return "\n\n".join([headline, *sentences])


def widen_ids(db) -> None:
    """Make every id from here on as wide as on a database of a million claims: a placeholder
    article and unit with high ids (rowids continue from the largest)."""
    db.execute(
        "INSERT INTO articles (id, title, body, body_hash, import_format, imported_at, imported_by)"
        " VALUES (99999, 'placeholder', 'placeholder', 'placeholder', 'text',"
        " '2000-01-01T00:00:00Z', 'system')"
    )
    db.execute(
        'INSERT INTO claims (id, article_id, seq, start, "end", text, section, kind,'
        " checkworthiness) VALUES (9999999, 99999, 1, 0, 11, 'placeholder', 'body',"
        " 'not_a_claim', 0)"
    )


def publish(db, people, claim_id: int, number: int) -> None:
    url = f"https://statistics.example/{'long-path/' * 20}bulletin-{number}"
    evidence.add_evidence(db, claim_id, url=url, stance="supports", actor=people["rita"])
    evidence.record_snapshot(db, url, actor=SYSTEM, status="failed", error=LONG_WORDS)
    rationale = f"The bulletin gives the same figure for claim {number}; {LONG_WORDS}."
    verdicts.set_verdict(
        db, claim_id, rating="mostly-accurate", rationale=rationale, actor=people["rita"]
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])


@pytest.fixture(scope="module")
def crowded_newsroom(tmp_path_factory):
    """A database whose lists are all full and whose every shown field is at its longest: more
    articles than the dashboard lists, a first queue page of published and assigned claims, and
    more reviews, assignments and unarchived evidence than the side column shows."""
    path = tmp_path_factory.mktemp("weight") / "factcheck.db"
    db = new_database(path)
    people = add_people(db)
    for number in range(8):  # a newsroom of a dozen people
        users.add_user(
            db,
            f"{LONGEST_USERNAME[:30]}{number:02d}",
            role="reviewer",
            password=PASSWORD,
            display_name=f"Reviewer {number} {LONG_WORDS}"[:80],
            actor=SYSTEM,
        )
    widen_ids(db)
    for number in range(DASHBOARD_ARTICLES + 5):
        imported = from_text(long_article(number).encode())
        imported.publisher = f"The {LONG_WORDS} Gazette"
        ingest_imported(db, imported)
    ranked = [row["id"] for row in queue_page(db, QueueFilters(), limit=PAGE_SIZE * 2)[0]]
    assert len(ranked) == PAGE_SIZE * 2
    first_page, rest = ranked[:PAGE_SIZE], ranked[PAGE_SIZE:]
    assignee = f"{LONGEST_USERNAME[:30]}00"
    bulk.bulk_update(db, first_page, action="assign", value=assignee, actor=people["ed"])
    for number, claim_id in enumerate(first_page):
        publish(db, people, claim_id, number)
    reviews = rest[: WORK_SHOWN["reviews"] + 1]
    for claim_id in reviews:
        claim = claim_reads.get_claim(db, claim_id)
        verdicts.set_verdict(
            db,
            claim_id,
            rating="unverifiable",
            rationale=f"No public record gives this figure; {LONG_WORDS}.",
            actor=people["rita"],
            expected_version=claim["version"],
        )
        verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    assigned = rest[len(reviews) : len(reviews) + WORK_SHOWN["assigned_to_me"] + 1]
    bulk.bulk_update(db, assigned, action="assign", value="ed", actor=people["ed"])
    rest = [row["id"] for row in queue_page(db, QueueFilters(), limit=PAGE_SIZE * 3)[0]]
    not_claims = [
        claim_id for claim_id in rest if claim_id not in {*first_page, *reviews, *assigned}
    ]
    not_claims = not_claims[:PAGE_SIZE]
    assert len(not_claims) == PAGE_SIZE
    bulk.bulk_update(db, not_claims, action="assign", value=assignee, actor=people["ed"])
    bulk.bulk_update(
        db,
        not_claims,
        action="not_a_claim",
        value=f"opinion, {LONG_WORDS}"[:200],
        actor=people["ed"],
    )
    db.close()
    return path


class _AnHourLater(datetime):
    """The clock as the pages read it, 59 minutes on: every "when" reads "59 minutes ago", the
    widest way the workbench says a time ("just now" is six characters shorter a row)."""

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(minutes=59, seconds=30)


@pytest.fixture
def editor(crowded_newsroom, monkeypatch):
    """The editor ed, signed in on the crowded newsroom: an editor's dashboard shows the most."""
    monkeypatch.setattr(formatting, "datetime", _AnHourLater)
    app = create_app({"DATABASE": str(crowded_newsroom), "TESTING": True})
    return signed_in_client(app, "ed")


def test_a_full_queue_page_stays_under_the_limit(editor):
    response = editor.get("/queue")
    page = parse(response)
    rows = page.cssselect("#queue-table tbody tr")
    assert len(rows) == PAGE_SIZE
    assert all(row.cssselect(".verdict-chip") for row in rows), "every row shows a verdict"
    claim_ids = [
        int(box.get("value")) for box in page.cssselect('#queue-table input[name="claim"]')
    ]
    assert len(claim_ids) == PAGE_SIZE and min(claim_ids) > 9999999
    assert all(row.cssselect("td")[-1].text_content() == "59 minutes ago" for row in rows)
    size = len(response.get_data())
    assert size < PAGE_LIMIT, f"the queue page is {size:,} bytes"


def test_a_full_page_of_not_claims_stays_under_the_limit(editor):
    response = editor.get("/queue?kind=not_a_claim")
    rows = parse(response).cssselect("#queue-table tbody tr")
    assert len(rows) == PAGE_SIZE
    assert all("opinion" in row.cssselect(".not-claim-reason")[0].text_content() for row in rows)
    size = len(response.get_data())
    assert size < PAGE_LIMIT, f"the queue of not claims is {size:,} bytes"


def test_the_dashboard_stays_under_the_limit(editor):
    response = editor.get("/")
    page = parse(response)
    assert len(page.cssselect(".articles-table tbody tr")) == DASHBOARD_ARTICLES
    for heading, shown in [
        ("assigned-heading", WORK_SHOWN["assigned_to_me"]),
        ("reviews-heading", WORK_SHOWN["reviews"]),
        ("published-heading", WORK_SHOWN["recently_published"]),
        ("evidence-heading", WORK_SHOWN["evidence_needing_attention"]),
    ]:
        items = page.cssselect(f'section[aria-labelledby="{heading}"] li')
        assert len(items) == shown, heading
    size = len(response.get_data())
    assert size < PAGE_LIMIT, f"the dashboard is {size:,} bytes"
