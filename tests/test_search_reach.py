"""Search reaches every match: with more matching claims than any cap, the newest one is found by
search plus a filter in the queue, its JSON twin and exports, and paging walks to the last one."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from helpers import parse

from factcheck.cli import main
from factcheck.store import bulk, queue_reads
from factcheck.store.queue_reads import QueueFilters, queue_count, queue_page
from factcheck.views import review_queue

# More than the 5,000 full-text matches the queue once took (the oldest) before filtering.
MATCHES = 5_101


@pytest.fixture
def many(store_article, app_db, people) -> dict:
    """One article of MATCHES claims that all mention the budget, in one large group of equal
    scores; the newest (last) claim scores lowest, so it is the last match in the queue's order,
    and it is the only one assigned to rita."""
    texts = [f"Budget line {n} rose by {n} percent." for n in range(1, MATCHES + 1)]
    specs = [(text, "body", "claim", None, 0.5) for text in texts]
    specs[-1] = (texts[-1], "body", "claim", None, 0.25)
    article_id = store_article("\n\n".join(texts), specs, title="The whole budget")
    ids = [row["id"] for row in app_db.query("SELECT id FROM claims ORDER BY id")]
    newest = ids[-1]
    bulk.bulk_update(app_db, [newest], action="assign", value="rita", actor=people["ed"])
    return {"article_id": article_id, "ids": ids, "newest": newest}


def row_ids(page) -> list[int]:
    boxes = page.cssselect('#queue-table tbody input[name="claim"]')
    return [int(box.get("value")) for box in boxes]


def count_text(page) -> str:
    return page.cssselect(".queue-count strong")[0].text_content()


def test_search_and_a_filter_find_the_newest_match_in_the_queue(client, many):
    page = parse(client.get("/queue?q=budget&assignee=rita"))
    assert row_ids(page) == [many["newest"]]
    assert count_text(page) == "1 claim"
    data = client.get("/queue.json?q=budget&assignee=rita").get_json()
    assert [row["id"] for row in data["claims"]] == [many["newest"]]
    assert (data["count"], data["count_capped"]) == (1, False)


def test_the_count_is_exact_below_the_bound_and_says_more_than_beyond(client, many, monkeypatch):
    page = parse(client.get("/queue?q=budget"))
    assert count_text(page) == f"{MATCHES:,} claims"
    assert f"Covers the {MATCHES:,} claims" in page.cssselect(".export-note")[0].text_content()
    monkeypatch.setattr(review_queue, "COUNT_CAP", 5_000)
    page = parse(client.get("/queue?q=budget"))
    assert count_text(page) == "more than 5,000 claims"
    assert "every one of the more than 5,000" in page.cssselect(".export-note")[0].text_content()
    data = client.get("/queue.json?q=budget").get_json()
    assert (data["count"], data["count_capped"]) == (5_000, True)


@pytest.mark.parametrize("walk", [False, True])
def test_paging_a_search_reaches_every_match_once(app_db, many, walk):
    filters = QueueFilters(search="budg")
    seen, after = [], None
    for _ in range(MATCHES // 700 + 2):  # a key that does not move on must not loop forever
        rows, after = queue_page(app_db, filters, after=after, limit=700, walk=walk)
        seen.extend(rows)
        if after is None:
            break
    ids = [row["id"] for row in seen]
    assert sorted(ids) == many["ids"] and len(set(ids)) == MATCHES == queue_count(app_db, filters)
    keys = [(row["checkworthiness"], row["article_id"], row["seq"]) for row in seen]
    assert keys == sorted(keys, reverse=True)
    assert ids[-1] == many["newest"]
    rita = QueueFilters(search="budget", assignee="rita")
    assert [row["id"] for row in queue_page(app_db, rita, walk=walk)[0]] == [many["newest"]]


def test_the_next_page_link_continues_where_the_page_ended(client, app_db, many):
    first = client.get("/queue.json?q=budget").get_json()
    second = client.get(first["next_url"]).get_json()
    expected, _ = queue_page(app_db, QueueFilters(search="budget"), limit=100)
    assert [row["id"] for row in first["claims"] + second["claims"]] == [r["id"] for r in expected]


def vm_steps(db, run) -> int:
    """How many SQLite virtual-machine steps `run` takes: a measure of work, not of time."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 1)
    try:
        run()
    finally:
        db.conn.set_progress_handler(None, 1)
    return steps[0]


def test_a_page_deep_in_a_group_of_equal_scores_starts_with_a_seek(app_db, many, store_article):
    store_article(
        "Hello there. Goodbye now.",
        [
            ("Hello there.", "body", "not_a_claim", "greeting", 0.0),
            ("Goodbye now.", "body", "not_a_claim", "farewell", 0.0),
        ],
    )
    everyone = QueueFilters()
    _, deep_key = queue_page(app_db, everyone, limit=MATCHES - 100)
    first = vm_steps(app_db, lambda: queue_page(app_db, everyone))
    deep = vm_steps(app_db, lambda: queue_page(app_db, everyone, after=deep_key))
    assert deep < 2 * first
    # The "Not claims" view reads its own small index instead of walking every claim.
    not_claims = vm_steps(app_db, lambda: queue_page(app_db, QueueFilters(kind="not_a_claim")))
    assert not_claims < first


def _export(db_path, *args) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_exports_hold_every_match(db_path, many):
    rows = list(
        csv.DictReader(
            io.StringIO(_export(db_path, "--format", "csv", "--search", "budget").lstrip("\ufeff"))
        )
    )
    assert sorted(int(row["claim_id"]) for row in rows) == many["ids"]
    document = json.loads(_export(db_path, "--format", "json", "--search", "budget"))
    assert sorted(claim["id"] for claim in document["claims"]) == many["ids"]


def test_an_export_finds_the_newest_match_by_search_and_a_filter(db_path, many):
    found = _export(db_path, "--format", "csv", "--search", "budget", "--assignee", "rita")
    assert [
        int(row["claim_id"]) for row in csv.DictReader(io.StringIO(found.lstrip("\ufeff")))
    ] == [many["newest"]]
    document = json.loads(
        _export(db_path, "--format", "json", "--search", "budget", "--assignee", "rita")
    )
    assert [claim["id"] for claim in document["claims"]] == [many["newest"]]


def test_more_than_the_bound_is_counted_once_for_all_later_pages(client, many, monkeypatch):
    monkeypatch.setattr(review_queue, "COUNT_CAP", 5_000)
    first = client.get("/queue.json?q=budget").get_json()
    assert first["count_capped"] and first["next_key"].endswith(":more")

    def no_recount(*args, **kwargs):
        raise AssertionError("a later page counted the matches again")

    monkeypatch.setattr(queue_reads, "queue_count_upto", no_recount)
    second = client.get(first["next_url"]).get_json()
    assert (second["count"], second["count_capped"]) == (5_000, True)
    assert second["next_key"].endswith(":more")
    assert not {row["id"] for row in first["claims"]} & {row["id"] for row in second["claims"]}


def test_below_the_bound_every_page_is_counted_afresh(client, many):
    first = client.get("/queue.json?q=budget").get_json()
    assert not first["next_key"].endswith(":more")
    second = client.get(first["next_url"]).get_json()
    assert (second["count"], second["count_capped"]) == (MATCHES, False)


def test_counts_tell_claims_from_non_claims_inside_a_tie(app_db, many, people):
    """Counts find non-claims through their index by (score, article, seq): units of one article
    with equal scores must still be told apart one by one."""
    reclassified = many["ids"][:3]
    bulk.bulk_update(
        app_db, reclassified, action="not_a_claim", value="Left out: background", actor=people["ed"]
    )
    article = many["article_id"]
    assert queue_count(app_db, QueueFilters()) == MATCHES - 3
    assert queue_count(app_db, QueueFilters(article_id=article)) == MATCHES - 3
    assert queue_count(app_db, QueueFilters(article_id=article, kind="not_a_claim")) == 3
    assert queue_count(app_db, QueueFilters(assignee="none")) == MATCHES - 4
