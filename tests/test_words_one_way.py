"""Numbers, people and scores written one way: agreeing plurals, non-claims counted as such,
display names with the username on hover, scores out of 100 on the queue."""

from helpers import parse, words
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.store import triage
from factcheck.views.formatting import counted
from factcheck.views.review_queue import count_label


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(["sentence", "claim", "unit"]))
def test_a_count_agrees_with_its_noun(count, noun):
    text = counted(count, noun)
    number, word = text.split(" ")
    assert int(number.replace(",", "")) == count
    assert word == (noun if count == 1 else noun + "s")


def test_queue_counts_name_what_they_count():
    assert count_label(1, False) == "1 claim"
    assert count_label(13, False, "not_a_claim") == "13 non-claims"
    assert count_label(1, False, "not_a_claim") == "1 non-claim"
    assert count_label(10_000, True, "not_a_claim") == "more than 10,000 non-claims"


def test_the_not_claims_view_counts_non_claims(client, claim):
    page = parse(client.get("/queue?kind=not_a_claim"))
    assert words(page.cssselect(".queue-count strong")[0]) == "1 non-claim"


def test_the_queue_names_people_and_writes_scores_as_the_article_does(
    client, claim, app_db, people
):
    triage.assign(app_db, claim["id"], assignee="eve", actor=people["ed"])
    page = parse(client.get(f"/queue?article={claim['article_id']}"))
    # Cells are found by their column's heading, so the test holds however the rows are built.
    headings = [words(th) for th in page.cssselect(".queue-table thead th")]
    row = [r for r in page.cssselect(".queue-table tbody tr") if f"claim={claim['id']}" in
           " ".join(a.get("href") for a in r.cssselect("a"))][0]  # fmt: skip
    cells = row.cssselect("td")
    assignee = cells[headings.index("Assignee")]
    assert words(assignee) == "Eve"
    assert [e.get("title") for e in assignee.iter() if e.get("title")] == ["eve"]
    score = words(cells[headings.index("Score")])
    assert score == str(round(claim["checkworthiness"] * 100))
    panel = parse(client.get(f"/articles/{claim['article_id']}?claim={claim['id']}"))
    assert words(panel.cssselect("#claim-panel .score-line .num")[0]) == score


def test_one_non_claim_is_one_sentence_on_the_dashboard(client, claim):
    titles = [span.get("title") for span in parse(client.get("/")).cssselect(".num .sub")]
    assert titles == ["1 sentence judged not to be a claim"]
