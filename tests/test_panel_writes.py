"""A write on the claim panel answers with what changed: the panel, the claim's highlight, its one
row of the ranked list and the progress bar, out of band. The whole list is sent again only when
the claim joins or leaves it, and the SQL run does not grow with the article."""

import re

import pytest
from helpers import HX, fragment, hx_post, verdict_data

from factcheck.ingest import ingest_text
from factcheck.store import claim_reads
from factcheck.views.articles import RANKED_SHOWN

RANKED_LIST_QUERY = re.compile(r"ORDER BY checkworthiness DESC, seq\s+LIMIT", re.IGNORECASE)


def article_of(claims: int) -> str:
    lines = [
        f"The council spent {n} million dollars on road {n} of {claims} in {1990 + n % 30}."
        for n in range(1, claims + 1)
    ]
    return "Council spending, road by road\n\n" + "\n\n".join(lines) + "\n"


def ranked(app_db, article_id: int) -> list[dict]:
    return claim_reads.ranked_claims(app_db, article_id, 10**6)


def test_a_verdict_answers_with_the_panel_and_the_one_changed_row(client, app_db, people):
    article_id = ingest_text(app_db, article_of(12)).article_id
    claim = ranked(app_db, article_id)[3]
    response = hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim))
    assert response.status_code == 200
    html = fragment(response)
    assert html.cssselect(".verdict-form")
    rows = html.cssselect(".ranked-claim")
    assert [int(row.get("data-select-claim")) for row in rows] == [claim["id"]]
    row = html.get_element_by_id(f"ranked-{claim['id']}")
    assert row.tag == "li" and row.get("hx-swap-oob") == "outerHTML"
    assert "In progress" in row.text_content()
    assert rows[0].get("aria-current") == "true"
    assert not html.cssselect("#ranked-claims"), "the list itself is not sent again"
    span = html.get_element_by_id(f"claim-{claim['id']}")
    assert span.get("hx-swap-oob") == "outerHTML" and "status-in_progress" in span.get("class")
    progress = html.get_element_by_id("article-progress")
    assert progress.get("hx-swap-oob") == "outerHTML"
    assert "1 in progress" in progress.cssselect("svg")[0].get("aria-label")


def test_every_row_of_the_list_page_has_the_id_an_answer_swaps(client, app_db, people):
    article_id = ingest_text(app_db, article_of(5)).article_id
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    for claim in ranked(app_db, article_id):
        assert f'<li id="ranked-{claim["id"]}">' in page


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("evidence", {"url": "https://county.example/roads", "stance": "supports"}),
        ("comments", {"comment": "The road numbers match the county register."}),
        ("assign", {"assignee": "rita"}),
    ],
)
def test_evidence_comments_and_assignment_answer_with_one_row_too(
    client, app_db, people, path, data
):
    article_id = ingest_text(app_db, article_of(6)).article_id
    claim = ranked(app_db, article_id)[0]
    response = hx_post(
        client, f"/claims/{claim['id']}/{path}", {"expected_version": claim["version"], **data}
    )
    assert response.status_code == 200
    html = fragment(response)
    assert len(html.cssselect(".ranked-claim")) == 1
    assert not html.cssselect("#ranked-claims")


def test_a_claim_leaving_the_list_sends_the_whole_list(client, app_db, people):
    article_id = ingest_text(app_db, article_of(6)).article_id
    claim = ranked(app_db, article_id)[0]
    data = {"expected_version": claim["version"], "kind": "not_a_claim", "reason": "a forecast"}
    html = fragment(hx_post(client, f"/claims/{claim['id']}/classify", data))
    assert html.get_element_by_id("ranked-claims").get("hx-swap-oob") == "innerHTML"
    listed = [int(a.get("data-select-claim")) for a in html.cssselect(".ranked-claim")]
    assert listed == [unit["id"] for unit in ranked(app_db, article_id)]
    assert claim["id"] not in listed


def test_a_claim_below_the_shown_list_sends_no_row(client, app_db, people):
    article_id = ingest_text(app_db, article_of(RANKED_SHOWN + 20)).article_id
    everything = ranked(app_db, article_id)
    last_shown, first_hidden = everything[RANKED_SHOWN - 1], everything[RANKED_SHOWN]
    for claim, rows in ((last_shown, 1), (first_hidden, 0)):
        html = fragment(hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim)))
        assert len(html.cssselect(".ranked-claim")) == rows
        assert not html.cssselect("#ranked-claims")


def test_a_verdict_runs_the_same_sql_however_long_the_article(client, app_db, people, statements):
    """The write never reads the ranked list, so its statements do not grow with the article;
    past RANKED_SHOWN claims one more asks whether the claim is among those shown."""
    counts = []
    # The first write on a fresh connection also reads what a connection caches: a warm-up.
    # Each article's sentences are its own (no claim is also in another article).
    for size in (4, 3, RANKED_SHOWN - 50, RANKED_SHOWN + 10, RANKED_SHOWN * 3):
        article_id = ingest_text(app_db, article_of(size)).article_id
        claim = ranked(app_db, article_id)[1]
        token = re.search(
            r'"X-CSRFToken": "([^"]+)"', client.get("/").get_data(as_text=True)
        ).group(1)
        statements.clear()
        response = client.post(
            f"/claims/{claim['id']}/verdict",
            data=verdict_data(claim),
            headers={**HX, "X-CSRFToken": token},
        )
        assert response.status_code == 200
        assert not [sql for sql in statements if RANKED_LIST_QUERY.search(sql)]
        counts.append(len(statements))
    _warm_up, short, shorter_than_the_list, long, longer = counts
    assert short == shorter_than_the_list and long == longer == short + 1, counts
