"""The queue page: ranking, filters, active search, keyset pages, the .json twin, and bulk actions
with undo, as htmx and as plain form posts."""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest
from helpers import HX, RATIONALE, first_checkable_claim, fragment, parse, words
from hypothesis import given
from hypothesis import strategies as st

from factcheck.lifecycle import STATUSES
from factcheck.store import articles as article_store
from factcheck.store import audit, bulk, claim_reads, evidence, triage, users, verdicts
from factcheck.views import review_queue
from factcheck.views.formatting import clip

SHORT = (
    "Bridge repairs to cost 48 million\n\n"
    "The city said on Monday that repairs to the old bridge would cost 48 million dollars.\n\n"
    "Traffic will be limited to one lane until June, officials said."
)


def row_ids(element) -> list[int]:
    """The claims the queue lists, in order: each row's checkbox carries its claim's id."""
    boxes = element.cssselect('#queue-table tbody input[name="claim"]')
    return [int(box.get("value")) for box in boxes]


def cell(page, claim_id: int, column: str):
    """The cell of the claim's row under the column with this heading."""
    headings = [th.text_content() for th in page.cssselect("#queue-table thead th")]
    box = page.cssselect(f'#queue-table tbody input[name="claim"][value="{claim_id}"]')[0]
    return box.getparent().getparent().cssselect("td")[headings.index(column)]


def notice_text(element) -> str:
    return " ".join(element.cssselect(".queue-notice")[0].text_content().split())


def page_token(test_client) -> str:
    page = parse(test_client.get("/queue"))
    return page.cssselect('#queue-bulk input[name="csrf_token"]')[0].get("value")


def long_article(sentences: int) -> str:
    lines = ["Council publishes 60 figures on the new budget", ""]
    for number in range(1, sentences + 1):
        lines.append(
            f"Line {number} of the budget rose by {number * 3} percent to {number} million."
        )
        lines.append("")
    return "\n".join(lines)


@pytest.fixture
def two_articles(make_article, app_db) -> tuple[int, int]:
    return make_article(), make_article(SHORT)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def expected_order(db, limit: int | None = 50, **filters) -> list[int]:
    """The queue worked out by hand from every claim's own row, not by the store's queue query:
    claims (not other units) matching each filter, every searched word the start of a word of
    the claim, most check-worthy first, then newest article, then last unit."""
    wanted = {"kind": "claim"} | filters
    if "assignee" in wanted:
        name = wanted.pop("assignee")
        users = {user["username"]: user["id"] for user in db["users"].rows}
        wanted["assignee_id"] = None if name == "none" else users[name]
    searched = _words(wanted.pop("search", ""))
    chosen = [
        claim
        for claim in db["claims"].rows
        if all(claim[field] == value for field, value in wanted.items())
        and all(any(w.startswith(s) for w in _words(claim["text"])) for s in searched)
    ]
    chosen.sort(key=lambda c: (c["checkworthiness"], c["article_id"], c["seq"]), reverse=True)
    return [claim["id"] for claim in chosen][:limit]


def test_the_queue_ranks_claims_across_articles(client, two_articles, app_db):
    page = parse(client.get("/queue"))
    assert row_ids(page) == expected_order(app_db)
    first = page.cssselect("#queue-table tbody tr")[0]
    claim = claim_reads.get_claim(app_db, row_ids(page)[0])
    link = first.cssselect("a.queue-claim")[0]
    assert link.get("href") == f"/articles/{claim['article_id']}?claim={claim['id']}"
    assert link.text_content() == clip(claim["text"], 80)
    assert first.cssselect(".badge.status-unreviewed")
    assert cell(page, claim["id"], "Score").text_content() == str(
        round(claim["checkworthiness"] * 100)
    )
    headers = [th.text_content() for th in page.cssselect("#queue-table thead th")][1:]
    assert headers == ["Score", "Claim", "Article", "Status", "Assignee", "Age"]
    box = first.cssselect('input[name="claim"]')[0]
    assert box.get("aria-labelledby") == link.get("id"), "a row's checkbox is named by its claim"


def test_a_long_claim_and_title_are_clipped_in_the_row(client, app_db, make_article):
    words = " ".join(["considerable"] * 20)
    body = (
        f"Council budget {words} leaves 40 million gap\n\n"
        f"The council said on Monday that repairs would cost 48 million dollars, {words}."
    )
    article_id = make_article(body)
    page = parse(client.get("/queue"))
    claim = claim_reads.ranked_claims(app_db, article_id, 1)[0]
    text = cell(page, claim["id"], "Claim").text_content()
    title = cell(page, claim["id"], "Article").text_content()
    assert len(claim["text"]) > 80 and len(text) <= 80 and text.endswith("…")
    assert claim["text"].startswith(text.removesuffix("…"))
    assert len(title) <= 28 and title.endswith("…")


def test_every_filter_control_is_labelled(client, two_articles):
    form = parse(client.get("/queue")).cssselect("form.queue-filters")[0]
    controls = form.cssselect("input, select")
    assert {control.get("name") for control in controls} == set(review_queue.FILTER_NAMES)
    for control in controls:
        assert form.cssselect(f'label[for="{control.get("id")}"]')


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("status=in_progress", {"status": "in_progress"}),
        ("assignee=me", {"assignee": "rita"}),
        ("assignee=none", {"assignee": "none"}),
        ("section=headline", {"section": "headline"}),
        ("kind=not_a_claim", {"kind": "not_a_claim"}),
        ("verdict=accurate", {"verdict": "accurate"}),
        ("status=nonsense&section=footer", {}),
        ("previous=maybe&evidence=moved", {}),
    ],
)
def test_each_filter_lists_exactly_its_claims_in_rank_order(
    client, two_articles, app_db, people, query, filters
):
    first, _ = two_articles
    claim = first_checkable_claim(app_db, first)
    bulk.bulk_update(app_db, [claim["id"]], action="assign", value="rita", actor=people["ed"])
    bulk.bulk_update(
        app_db, [claim["id"]], action="status", value="in_progress", actor=people["ed"]
    )
    rows = row_ids(parse(client.get(f"/queue?{query}")))
    expected = expected_order(app_db, **filters)
    assert rows == expected
    assert expected or "verdict" in filters, "the world has a claim for every filter but verdict"


def test_the_article_filter_and_a_row_link_to_it(client, two_articles, app_db):
    _, second = two_articles
    page = parse(client.get(f"/queue?article={second}"))
    assert row_ids(page) == expected_order(app_db, article_id=second)
    assert page.cssselect("#queue-article")[0].get("value") == str(second)
    title = article_store.get_article(app_db, second)["title"]
    assert page.cssselect(f'#queue-article-list option[value="{second}"]')[0].text == title
    assert page.cssselect(".queue-count .queue-article-name")[0].text_content() == title
    first_row = row_ids(page)[0]
    article_link = cell(page, first_row, "Article").cssselect("a")[0]
    assert urljoin("/queue?q=x", article_link.get("href")) == f"/queue?article={second}"


def test_search_answers_htmx_with_the_results_alone(client, two_articles, app_db):
    response = client.get("/queue?q=bridge", headers=HX)
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment and "queue-filters" not in fragment
    ids = row_ids(lxml.html.fromstring(f"<div>{fragment}</div>"))
    assert ids and ids == expected_order(app_db, search="bridge")
    assert all("bridge" in claim_reads.get_claim(app_db, i)["text"].lower() for i in ids)


def test_the_search_box_updates_as_you_type(client):
    search = parse(client.get("/queue")).cssselect("#queue-search")[0]
    assert search.get("hx-get") == "/queue"
    assert search.get("hx-trigger") == "input changed delay:300ms, search"
    form = search.getparent().getparent()
    assert form.get("hx-target") == "#queue-results" and form.get("hx-push-url") == "true"


def test_no_matches_says_what_to_do(client, two_articles):
    empty = parse(client.get("/queue?q=zebra"))
    assert "No claims match" in empty.cssselect(".empty-state")[0].text_content()


def test_an_empty_queue_points_to_import(client):
    empty = parse(client.get("/queue")).cssselect(".empty-state")[0]
    assert empty.cssselect('a[href="/import"]')


def test_keyset_pages_carry_the_filters_and_cover_every_claim(client, make_article, app_db):
    make_article(long_article(60))
    make_article(SHORT)
    seen = []
    url = "/queue?status=unreviewed"
    while url:
        page = parse(client.get(url))
        seen.extend(row_ids(page))
        nexts = page.cssselect('a[rel="next"]')
        url = nexts[0].get("href") if nexts else None
        if url:
            query = parse_qs(urlsplit(url).query)
            assert query["status"] == ["unreviewed"] and query["after"]
            assert nexts[0].text_content() == "Next 50"
    assert seen == expected_order(app_db, limit=None, status="unreviewed") and len(seen) > 50


def test_the_count_is_exact_on_one_page_and_capped_beyond(client, make_article, monkeypatch):
    make_article(long_article(60))
    line = parse(client.get("/queue?q=council")).cssselect(".queue-count")[0]
    assert line.cssselect("strong")[0].text_content() == "1 claim"
    assert words(line).startswith("1 claim matches ")
    line = parse(client.get("/queue?q=budget")).cssselect(".queue-count")[0]
    assert line.cssselect("strong")[0].text_content() == "61 claims"
    assert words(line).startswith("61 claims match ")
    monkeypatch.setattr(review_queue, "COUNT_CAP", 20)
    capped = parse(client.get("/queue")).cssselect(".queue-count strong")[0]
    assert capped.text_content() == "more than 20 claims"
    data = client.get("/queue.json").get_json()
    assert (data["count"], data["count_capped"]) == (20, True)
    assert data["count_label"] == "more than 20 claims"
    searched = parse(client.get("/queue?q=budget")).cssselect(".queue-count strong")[0]
    assert searched.text_content() == "more than 20 claims"


def test_the_json_twin_has_the_same_page(client, two_articles, app_db):
    data = client.get("/queue.json?section=body").get_json()
    assert [row["id"] for row in data["claims"]] == expected_order(app_db, section="body")
    assert data["filters"] == {"section": "body"} and data["next_key"] is None
    assert client.get("/queue.json?assignee=me").get_json()["claims"] == []


# Bulk actions and undo


@pytest.fixture
def bulk_post(client):
    token = page_token(client)

    def post(path: str, form: dict, *, htmx: bool = True):
        return client.post(path, data={"csrf_token": token, **form}, headers=HX if htmx else {})

    return post


def test_mark_not_a_claim_then_undo_with_htmx(bulk_post, two_articles, app_db):
    chosen = expected_order(app_db)[:2]
    response = bulk_post(
        "/queue/bulk",
        {
            "claim": chosen,
            "action": "not_a_claim",
            "reason": "an opinion piece",
            "view": "status=unreviewed",
        },
    )
    assert response.status_code == 200
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert notice_text(results).startswith("2 claims marked not a claim")
    assert not set(chosen) & set(row_ids(results))
    assert all(claim_reads.get_claim(app_db, i)["reason"] == "an opinion piece" for i in chosen)
    audit_id = results.cssselect('input[name="audit_id"]')[0].get("value")
    undone = bulk_post("/queue/undo", {"audit_id": audit_id, "view": "status=unreviewed"})
    results = lxml.html.fromstring(f"<div>{undone.get_data(as_text=True)}</div>")
    assert notice_text(results) == "Undone: 2 claims put back as they were."
    assert set(chosen) <= set(row_ids(results))
    assert all(claim_reads.get_claim(app_db, i)["kind"] == "claim" for i in chosen)


@pytest.mark.parametrize(
    ("chosen_count", "eves", "notice"),
    [
        (
            3,
            2,
            "Undone: 1 claim put back as it was. 2 claims left as they were: 2 would go back to"
            " Eve, who is disabled now: assign them to someone else.",
        ),
        # Nothing given back: the notice does not blame changes made since.
        (
            1,
            1,
            "Nothing was undone. 1 claim left as it was: 1 would go back to Eve, who is disabled"
            " now: assign it to someone else.",
        ),
    ],
)
def test_an_undo_says_which_claims_it_did_not_give_back_to_someone_disabled(
    bulk_post, two_articles, app_db, people, chosen_count, eves, notice
):
    chosen = expected_order(app_db)[:chosen_count]
    bulk.bulk_update(app_db, chosen[:eves], action="assign", value="eve", actor=people["ed"])
    summary = bulk.bulk_update(app_db, chosen, action="assign", value="rita", actor=people["rita"])
    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    undone = bulk_post("/queue/undo", {"audit_id": summary["audit_id"], "view": ""})
    results = lxml.html.fromstring(f"<div>{undone.get_data(as_text=True)}</div>")
    assert notice_text(results) == notice


def test_undoing_twice_says_it_was_already_undone(bulk_post, two_articles, app_db, people):
    chosen = expected_order(app_db)[:2]
    summary = bulk.bulk_update(app_db, chosen, action="assign", value="eve", actor=people["rita"])
    form = {"audit_id": summary["audit_id"], "view": ""}
    assert bulk_post("/queue/undo", form).status_code == 200
    trail = app_db.execute("SELECT count(*) FROM audit").fetchone()[0]
    # The Undo button pressed again, in another tab or by a double click without script.
    again = bulk_post("/queue/undo", form)
    assert again.status_code == 422
    results = lxml.html.fromstring(f"<div>{again.get_data(as_text=True)}</div>")
    assert notice_text(results) == "That bulk action was undone already; nothing was changed."
    assert row_ids(results)
    assert app_db.execute("SELECT count(*) FROM audit").fetchone()[0] == trail


def test_a_plain_bulk_post_redirects_and_shows_the_notice_once(
    client, bulk_post, two_articles, app_db, people
):
    chosen = expected_order(app_db)[:3]
    response = bulk_post(
        "/queue/bulk",
        {"claim": chosen, "action": "assign", "assign_to": "eve", "view": "q=river&after="},
        htmx=False,
    )
    assert response.status_code == 303 and response.headers["Location"] == "/queue?q=river"
    page = parse(client.get(response.headers["Location"]))
    assert notice_text(page).startswith("3 claims assigned to Eve")
    assert page.cssselect(".queue-notice form button")[0].text_content() == "Undo"
    assert not parse(client.get("/queue")).cssselect(".queue-notice")
    assert {claim_reads.get_claim(app_db, i)["assignee_id"] for i in chosen} == {people["eve"].id}


def test_a_bulk_assignment_says_whom_it_took_claims_from(bulk_post, two_articles, app_db, people):
    """A colleague took two of the claims after the queue was drawn: the notice said only
    "3 claims assigned to Eve", and nobody learnt that Rita's claims had been taken from her."""
    chosen = expected_order(app_db)[:3]
    bulk.bulk_update(app_db, chosen[:2], action="assign", value="rita", actor=people["ed"])
    response = bulk_post("/queue/bulk", {"claim": chosen, "action": "assign", "assign_to": "eve"})
    said = notice_text(lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>"))
    assert said.startswith("3 claims assigned to Eve, taken from whoever held them: 2 from Rita")


def test_set_status_and_unassign(bulk_post, two_articles, app_db, people):
    chosen = expected_order(app_db)[:2]
    response = bulk_post(
        "/queue/bulk", {"claim": chosen, "action": "status", "set_status": "in_progress"}
    )
    assert "2 claims set to in progress" in response.get_data(as_text=True)
    assert {claim_reads.get_claim(app_db, i)["status"] for i in chosen} == {"in_progress"}
    bulk.bulk_update(app_db, chosen, action="assign", value="ed", actor=people["ed"])
    response = bulk_post("/queue/bulk", {"claim": chosen, "action": "assign", "assign_to": ""})
    assert "2 claims unassigned" in response.get_data(as_text=True)
    assert {claim_reads.get_claim(app_db, i)["assignee_id"] for i in chosen} == {None}


def _drafted(app_db, people, article_id: int) -> dict:
    """The article's first checkable claim, with a source and a draft verdict by rita."""
    claim = first_checkable_claim(app_db, article_id)
    evidence.add_evidence(
        app_db, claim["id"], url="https://x.example/a", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    return claim


def test_claims_in_review_are_skipped_and_said_so(bulk_post, two_articles, app_db, people):
    first, _ = two_articles
    locked = _drafted(app_db, people, first)
    verdicts.submit_for_review(app_db, locked["id"], actor=people["rita"])
    other = next(i for i in expected_order(app_db) if i != locked["id"])
    response = bulk_post(
        "/queue/bulk",
        {"claim": [locked["id"], other], "action": "not_a_claim", "reason": "an opinion piece"},
    )
    text = notice_text(lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>"))
    assert text.startswith("1 claim marked not a claim")
    assert "1 claim left as it was: 1 is in review." in text
    assert claim_reads.get_claim(app_db, locked["id"])["kind"] == "claim"


def test_units_set_aside_are_not_put_in_progress_and_said_so(
    bulk_post, two_articles, app_db, people
):
    """A queue page drawn before a colleague set a unit aside still lists it as a claim."""
    set_aside, other = expected_order(app_db)[:2]
    triage.classify(
        app_db, set_aside, kind="not_a_claim", reason="Quote fragment", actor=people["ed"]
    )
    response = bulk_post(
        "/queue/bulk",
        {"claim": [set_aside, other], "action": "status", "set_status": "in_progress"},
    )
    text = notice_text(lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>"))
    assert text.startswith("1 claim set to in progress")
    assert "1 claim left as it was: 1 is marked not a claim." in text
    assert claim_reads.get_claim(app_db, set_aside)["status"] == "unreviewed"
    assert claim_reads.get_claim(app_db, other)["status"] == "in_progress"


def test_a_bulk_action_with_nothing_selected_is_a_422_beside_the_table(bulk_post, two_articles):
    response = bulk_post("/queue/bulk", {"action": "not_a_claim", "view": ""})
    assert response.status_code == 422
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert notice_text(results) == "Select at least one claim first."
    assert results.cssselect(".queue-notice [data-error-message]")
    assert row_ids(results)


def test_nobody_undoes_someone_elses_bulk_action(client_as, two_articles, app_db, people):
    chosen = expected_order(app_db)[:1]
    summary = bulk.bulk_update(
        app_db, chosen, action="status", value="in_progress", actor=people["ed"]
    )
    browser = client_as("eve")
    response = browser.post(
        "/queue/undo",
        data={"csrf_token": page_token(browser), "audit_id": summary["audit_id"]},
        headers=HX,
    )
    assert response.status_code == 403
    assert "only undo your own" in response.get_data(as_text=True)
    assert claim_reads.get_claim(app_db, chosen[0])["status"] == "in_progress"


def test_a_bulk_action_without_its_token_changes_nothing(client, two_articles, app_db):
    chosen = expected_order(app_db)[:2]
    response = client.post("/queue/bulk", data={"claim": chosen, "action": "not_a_claim"})
    assert response.status_code == 400
    assert all(claim_reads.get_claim(app_db, i)["kind"] == "claim" for i in chosen)


def test_rows_carry_checkboxes_and_a_select_all(client, two_articles):
    page = parse(client.get("/queue"))
    boxes = page.cssselect('#queue-table tbody input[type="checkbox"][name="claim"]')
    assert len(boxes) == len(row_ids(page))
    for box in boxes:
        label = page.get_element_by_id(box.get("aria-labelledby"))
        assert label.get("class") == "queue-claim" and label.text_content()
    assert page.cssselect("#queue-table thead [data-select-all]")[0].get("aria-label")


_skips = st.one_of(
    st.fixed_dictionaries({"code": st.just("unchanged")}),
    st.fixed_dictionaries(
        {
            "code": st.sampled_from(["claim.has_verdict", "claim.wrong_status"]),
            "status": st.sampled_from(["in_review", "published", "in_progress"]),
        }
    ),
    st.fixed_dictionaries({"code": st.just("verdict.open_draft")}),
    st.fixed_dictionaries({"code": st.just("claim.changed_since")}),
    st.fixed_dictionaries({"code": st.just("claim.not_a_claim")}),
    st.fixed_dictionaries(
        {"code": st.just("undo.breaks_lifecycle"), "back_to": st.sampled_from(STATUSES)}
    ),
    st.fixed_dictionaries(
        {"code": st.just("undo.assignee_disabled"), "name": st.sampled_from(["Eve", "Bob R"])}
    ),
    st.fixed_dictionaries({"code": st.text(max_size=12)}),
)


@given(st.lists(_skips, max_size=30))
def test_skips_in_words_account_for_every_claim(skipped):
    skipped = [{**skip, "claim_id": number} for number, skip in enumerate(skipped, 1)]
    words = review_queue.describe_skips(skipped)
    if not skipped:
        assert words is None
        return
    assert words.startswith(f"{len(skipped):,} claim")
    counts = [int(part.split()[0].replace(",", "")) for part in words.split(": ", 1)[1].split("; ")]
    assert sum(counts) == len(skipped)
    assert "_" not in words  # statuses and codes are worded, never shown raw


def test_a_rating_not_yet_published_shows_as_pending(client, two_articles, app_db, people):
    first, _ = two_articles
    claim = first_checkable_claim(app_db, first)
    verdicts.set_verdict(
        app_db, claim["id"], rating="mixed", rationale=RATIONALE, actor=people["ed"]
    )
    status = cell(parse(client.get("/queue")), claim["id"], "Status")
    assert status.cssselect(".badge")[0].text_content() == "In progress"
    assert status.cssselect(".pending-verdict")[0].text_content() == "Mixed (draft)"
    assert not status.cssselect(".verdict-chip"), "a draft must not look like a published verdict"
    other = next(i for i in expected_order(app_db) if i != claim["id"])
    other_cell = cell(parse(client.get("/queue")), other, "Status")
    assert other_cell.text_content() == "Unreviewed"


def test_a_published_claim_shows_its_verdict_as_its_status(client, two_articles, app_db, people):
    first, _ = two_articles
    claim = first_checkable_claim(app_db, first)
    evidence.add_evidence(
        app_db, claim["id"], url="https://county.example/b", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="mixed", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    status = cell(parse(client.get("/queue")), claim["id"], "Status")
    assert status.cssselect(".verdict-chip")[0].text_content() == "Mixed"
    assert "verdict-mixed" in status.cssselect(".verdict-chip")[0].get("class")


# The article filter: a number, or words of a title; suggestions as you type


@pytest.fixture
def titled(make_article) -> dict[str, int]:
    """Three articles whose titles share words, by a short name."""
    bodies = {
        "harbour": "Harbour dredging to cost 12 million\n\nDredging will cost 12 million euros.",
        "bridge": "Bridge repairs to cost 48 million\n\nRepairs will cost 48 million dollars.",
        "tunnel": "Tunnel 100% closed for 3 weeks_end\n\nThe tunnel shuts for 3 weeks in May.",
    }
    return {name: make_article(body) for name, body in bodies.items()}


def test_words_matching_one_title_filter_the_queue_to_it(client, titled, app_db):
    page = parse(client.get("/queue?article=BRIDGE repairs"))
    assert row_ids(page) == expected_order(app_db, article_id=titled["bridge"])
    assert page.cssselect("#queue-article")[0].get("value") == str(titled["bridge"])
    json = client.get("/queue.json?article=bridge").get_json()
    assert json["filters"]["article"] == str(titled["bridge"]) and "article_matches" not in json


def test_a_title_is_found_in_any_case_and_with_or_without_its_accents(client, make_article):
    """LIKE folds ASCII letters only: "cafe" and "CAFÉ" found no "Café" before, and taking
    accents off left "Łódź" as "łodz"."""
    cafe = make_article(
        "Café prices soar in Kraków and Łódź as Đoković visits\n\nCoffee now costs 14 złoty,"
        " owners said."
    )
    typed_ways = ("cafe prices", "CAFÉ", "krakow", "CAFE PRICES SOAR", "lodz", "ŁÓDŹ")
    for typed in (*typed_ways, "djokovic visits", "Dokovic"):
        json = client.get("/queue.json", query_string={"article": typed}).get_json()
        assert json["filters"]["article"] == str(cafe), typed


def test_a_number_with_or_without_hash_is_the_article(client, titled, app_db):
    for typed in (str(titled["harbour"]), f"#{titled['harbour']}"):
        page = parse(client.get("/queue", query_string={"article": typed}))
        assert row_ids(page) == expected_order(app_db, article_id=titled["harbour"])


def test_words_matching_several_titles_ask_which_article(client, titled):
    response = client.get("/queue?article=cost&status=unreviewed")
    page = parse(response)
    assert row_ids(page) == []
    choices = page.cssselect(".article-matches a")
    assert [a.text_content() for a in choices] == [
        "Bridge repairs to cost 48 million",
        "Harbour dredging to cost 12 million",
    ]
    query = parse_qs(urlsplit(choices[0].get("href")).query)
    assert query == {"article": [str(titled["bridge"])], "status": ["unreviewed"]}
    assert "2 articles" in page.cssselect(".empty-state p")[0].text_content()
    assert not page.cssselect(".export-form"), "no export until the article is chosen"
    json = client.get("/queue.json?article=cost").get_json()
    assert [match["id"] for match in json["article_matches"]] == [
        titled["bridge"],
        titled["harbour"],
    ]
    assert json["claims"] == []


@pytest.mark.parametrize("typed", ["zeppelin", "²", "#²"])
def test_words_matching_no_title_say_so(client, titled, typed):
    # "²" is a digit to str.isdigit, but no article's number: words of a title, then.
    page = parse(client.get("/queue", query_string={"article": typed}))
    assert row_ids(page) == []
    empty = page.cssselect(".empty-state")[0]
    assert "No article matches" in empty.text_content()
    assert empty.cssselect('a[href="/queue"]')


def test_like_wildcards_in_the_words_match_only_themselves(client, titled):
    assert store_titles(client, "100%") == ["Tunnel 100% closed for 3 weeks_end"]
    assert store_titles(client, "e_k") == [], "'_' would match the 'eek' of 'weeks'"
    assert store_titles(client, "%") == ["Tunnel 100% closed for 3 weeks_end"]


def store_titles(client, typed: str) -> list[str]:
    html = client.get("/queue/articles", query_string={"article": typed}, headers=HX)
    options = lxml.html.fragment_fromstring(html.get_data(as_text=True), create_parent="div")
    return [option.text for option in options.cssselect("option")]


def test_suggestions_offer_titles_newest_first_and_a_number_first(client, titled):
    assert store_titles(client, "to cost") == [
        "Bridge repairs to cost 48 million",
        "Harbour dredging to cost 12 million",
    ]
    html = client.get("/queue/articles", query_string={"article": str(titled["harbour"])})
    options = lxml.html.fragment_fromstring(html.get_data(as_text=True), create_parent="div")
    assert options.cssselect("option")[0].get("value") == str(titled["harbour"])
    assert store_titles(client, "") == []


def test_the_article_box_asks_for_suggestions_as_you_type(client):
    box = parse(client.get("/queue")).cssselect("#queue-article")[0]
    assert box.get("list") == "queue-article-list"
    assert box.get("hx-get") == "/queue/articles"
    assert box.get("hx-target") == "#queue-article-list"
    form = parse(client.get("/queue")).cssselect("#queue-filters")[0]
    assert "change from:#queue-article" in form.get("hx-trigger")


def test_a_non_claims_status_is_why_it_is_not_a_claim(client, two_articles, app_db, people):
    claim_id = expected_order(app_db)[0]
    bulk.bulk_update(
        app_db, [claim_id], action="not_a_claim", value="an opinion piece", actor=people["ed"]
    )
    page = parse(client.get("/queue?kind=not_a_claim"))
    status = cell(page, claim_id, "Status")
    assert status.text_content() == "an opinion piece"
    assert not status.cssselect(".badge")


def test_marking_claims_not_claims_in_bulk_needs_a_reason(bulk_post, two_articles, app_db):
    chosen = expected_order(app_db)[:2]
    response = bulk_post(
        "/queue/bulk", {"claim": chosen, "action": "not_a_claim", "reason": " ", "view": ""}
    )
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert "reason" in notice_text(results).lower()
    assert all(claim_reads.get_claim(app_db, i)["kind"] == "claim" for i in chosen)


@pytest.mark.parametrize("audit_id", ["9" * 40, "abc", ""])
def test_an_undo_naming_no_bulk_action_is_told_in_the_queue_notice(
    bulk_post, two_articles, audit_id
):
    response = bulk_post("/queue/undo", {"audit_id": audit_id, "view": ""})
    assert response.status_code == 404
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert "no bulk action" in notice_text(results).lower()
    assert row_ids(results)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("police -officers", "a minus sign, OR and NOT are not read"),
        ("police OR hospital", "a minus sign, OR and NOT are not read"),
        (" ".join(f"word{n}" for n in range(14)), "Only the first 12 words are looked for."),
        (
            'council "said on" “In  the”',
            "“said on” and “In the” are made only of words found in most claims, so it is not"
            " held as a phrase",
        ),
    ],
)
def test_a_search_written_in_another_searchs_syntax_says_how_it_was_read(
    client, two_articles, typed, said
):
    page = parse(client.get("/queue", query_string={"q": typed}))
    assert said in words(page.cssselect(".queue-search-note")[0])


@pytest.mark.parametrize("typed", ["council", '"council said"', '"the" council'])
def test_a_plain_search_has_no_note(client, two_articles, typed):
    page = parse(client.get("/queue", query_string={"q": typed}))
    assert not page.cssselect(".queue-search-note")


def test_a_filter_value_no_claim_could_match_is_said_left_out(client, two_articles):
    """An edited or outdated link lists every claim: the page says which filter it did not read."""
    page = parse(client.get("/queue?status=bogus&verdict=nope"))
    said = words(page.cssselect(".queue-dropped-filters")[0])
    assert "Left out, as no claim could match: status “bogus”, verdict “nope”." in said
    assert not parse(client.get("/queue?status=unreviewed")).cssselect(".queue-dropped-filters")


def test_the_json_refuses_a_filter_value_no_claim_could_match(client, two_articles):
    """A script with a typo would take every claim for its filtered list: the JSON says what it
    cannot read, and lists nothing."""
    answer = client.get("/queue.json?status=publishd&section=footer&q=council")
    assert answer.status_code == 422
    refusal = answer.get_json()
    assert refusal["dropped_filters"] == [["status", "publishd"], ["section", "footer"]]
    assert (
        "status “publishd” is not one of unreviewed, in_progress, in_review, published"
        in (refusal["error"])
    )
    assert "claims" not in refusal
    assert client.get("/queue.json?status=published").status_code == 200


def test_an_assignee_no_one_is_called_is_said_so(client, two_articles):
    page = parse(client.get("/queue?assignee=nobody"))
    said = words(page)
    assert "No one is called “nobody”: choose from the Assignee list" in said
    assert "Try fewer words" not in said
    assert "No one is called" not in words(parse(client.get("/queue?assignee=none")))


def test_a_bulk_action_that_changes_nothing_keeps_the_selection_and_reason(
    bulk_post, two_articles, app_db, people
):
    first, _ = two_articles
    locked = _drafted(app_db, people, first)
    response = bulk_post(
        "/queue/bulk",
        {"claim": [locked["id"]], "action": "not_a_claim", "reason": "an opinion piece"},
    )
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert notice_text(results).startswith("Nothing changed. 1 claim left as it was")
    ticked = results.cssselect('input[name="claim"][checked]')
    assert [int(box.get("value")) for box in ticked] == [locked["id"]]
    assert results.get_element_by_id("bulk-reason").get("value") == "an opinion piece"


def test_units_set_aside_can_be_made_claims_again_in_bulk(
    client, bulk_post, two_articles, app_db, people
):
    chosen = expected_order(app_db)[:2]
    bulk.bulk_update(
        app_db, chosen, action="not_a_claim", value="an opinion piece", actor=people["ed"]
    )
    page = parse(client.get("/queue?kind=not_a_claim"))
    assert page.cssselect('button[name="action"][value="claim"]')
    assert not page.cssselect('button[name="action"][value="not_a_claim"]')
    refused = bulk_post(
        "/queue/bulk", {"claim": chosen, "action": "claim", "view": "kind=not_a_claim"}
    )
    assert refused.status_code == 422
    results = lxml.html.fromstring(f"<div>{refused.get_data(as_text=True)}</div>")
    assert "Give the reason these are claims after all" in notice_text(results)
    response = bulk_post(
        "/queue/bulk",
        {
            "claim": chosen,
            "action": "claim",
            "reason": "each has a figure to check",
            "view": "kind=not_a_claim",
        },
    )
    results = lxml.html.fromstring(f"<div>{response.get_data(as_text=True)}</div>")
    assert notice_text(results).startswith("2 claims made claims again")
    assert all(claim_reads.get_claim(app_db, i)["kind"] == "claim" for i in chosen)
    assert all(claim_reads.get_claim(app_db, i)["reason"] is None for i in chosen)
    audit_id = results.cssselect('input[name="audit_id"]')[0].get("value")
    bulk_post("/queue/undo", {"audit_id": audit_id, "view": "kind=not_a_claim"})
    assert all(claim_reads.get_claim(app_db, i)["reason"] == "an opinion piece" for i in chosen)
    assert audit.verify(app_db).ok


def test_a_claim_held_by_someone_disabled_still_names_them_in_the_panel_and_the_filter(
    client, two_articles, app_db, people
):
    from factcheck.store import triage, users

    claim_id = expected_order(app_db)[0]
    triage.assign(app_db, claim_id, assignee="eve", actor=people["ed"])
    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    panel = fragment(client.get(f"/claims/{claim_id}/panel", headers=HX))
    chosen = panel.cssselect("select[name=assignee] option[selected]")[0]
    assert chosen.get("value") == "eve" and "(disabled)" in words(chosen)
    page = parse(client.get("/queue?assignee=eve"))
    picked = page.cssselect("#queue-assignee option[selected]")[0]
    assert picked.get("value") == "eve" and "(disabled)" in words(picked)
    assert claim_id in row_ids(page)


def test_an_article_number_no_article_has_is_said(client, two_articles):
    page = parse(client.get("/queue?article=999999"))
    assert "There is no article 999999: check its number, or leave the article out." in words(page)
