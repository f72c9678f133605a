"""A long article is read a part at a time, its ranked list is bounded, its report lists every
claim; and the queries behind the claim lists."""

import re

import pytest
from helpers import HX, RATIONALE, parse

from factcheck.exports.options import ExportFilters
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads, verdicts
from factcheck.views.article_parts import PART_UNITS
from factcheck.views.articles import RANKED_SHOWN

PARAGRAPHS = 1200


def long_body(paragraphs: int = PARAGRAPHS) -> str:
    lines = [
        f"The council spent {n} million dollars on road number {n} in {1990 + n % 30}."
        for n in range(1, paragraphs + 1)
    ]
    return "Council spending, road by road\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture
def long_article(app_db, people) -> tuple[int, str, list[dict]]:
    body = long_body()
    article_id = ingest_text(app_db, body).article_id
    return article_id, body, claim_reads.claims_for_article(app_db, article_id)


def text_units(page) -> list:
    return page.cssselect("#article-text .unit")


def check_spans(page, body: str, units_by_id: dict) -> list[int]:
    """Every unit span on the page holds exactly body[start:end]; returns their ids in order."""
    ids = []
    for span in text_units(page):
        unit = units_by_id[int(span.get("data-claim-id"))]
        assert span.text_content() == body[unit["start"] : unit["end"]]
        ids.append(unit["id"])
    return ids


def test_a_long_article_shows_one_part_at_a_time_and_every_unit_in_exactly_one(
    client, long_article
):
    article_id, body, units = long_article
    by_id = {unit["id"]: unit for unit in units}
    first = parse(client.get(f"/articles/{article_id}"))
    options = first.cssselect("#part-choice option")
    assert len(options) > 2
    seen = []
    for number in range(1, len(options) + 1):
        page = parse(client.get(f"/articles/{article_id}?part={number}"))
        body_div = page.cssselect("#article-text .article-body")[0]
        assert body_div.get("data-part") == str(number)
        shown = check_spans(page, body, by_id)
        assert 0 < len(shown) <= PART_UNITS
        seen.extend(shown)
    assert seen == [unit["id"] for unit in units]


def test_the_part_navigation_links_the_parts_before_and_after(client, long_article):
    article_id, _, units = long_article
    page = parse(client.get(f"/articles/{article_id}?part=2"))
    nav = page.cssselect("nav.part-nav-top")[0]
    assert nav.cssselect('a[rel="prev"]')[0].get("href") == f"/articles/{article_id}?part=1"
    assert nav.cssselect('a[rel="next"]')[0].get("href") == f"/articles/{article_id}?part=3"
    assert nav.cssselect("option[selected]")[0].get("value") == "2"
    assert nav.cssselect("label")[0].get("for") == "part-choice"
    first = parse(client.get(f"/articles/{article_id}"))
    assert not first.cssselect('nav.part-nav-top a[rel="prev"]')
    assert first.cssselect("#article-heading .unit"), "part 1 carries the headline as the heading"
    # Past the last claim of a part, j goes on to the first claim of the next.
    ids = [int(s.get("data-claim-id")) for s in text_units(page)]
    body_div = page.cssselect("#article-text .article-body")[0]
    order = [unit["id"] for unit in units]
    assert int(body_div.get("data-next-claim")) == order[order.index(ids[-1]) + 1]
    assert int(body_div.get("data-previous-claim")) == order[order.index(ids[0]) - 1]
    assert body_div.get("data-claim-url") == f"/articles/{article_id}?claim="


def test_a_claim_link_opens_the_part_that_holds_it(client, long_article):
    article_id, body, units = long_article
    wanted = units[-3]
    page = parse(client.get(f"/articles/{article_id}?claim={wanted['id']}"))
    current = page.cssselect('#article-text .unit[aria-current="true"]')
    assert [int(span.get("data-claim-id")) for span in current] == [wanted["id"]]
    assert current[0].text_content() == body[wanted["start"] : wanted["end"]]
    panel = page.get_element_by_id("claim-panel")
    assert f"Claim {len(units) - 2:,} of {len(units):,}" in panel.text_content()
    step = panel.cssselect('a.step[aria-keyshortcuts="k"]')[0]
    assert step.get("data-select-claim") == str(units[-4]["id"])
    # The permalink goes to the same place.
    response = client.get(f"/claims/{wanted['id']}")
    assert response.headers["Location"] == f"/articles/{article_id}?claim={wanted['id']}"


def test_an_out_of_range_part_shows_the_nearest_one(client, long_article):
    article_id, _, _ = long_article
    last = parse(client.get(f"/articles/{article_id}?part=9999"))
    assert not last.cssselect('nav.part-nav-top a[rel="next"]')
    assert last.cssselect('nav.part-nav-top a[rel="prev"]')
    assert (
        parse(client.get(f"/articles/{article_id}?part=-3"))
        .cssselect("#part-choice option[selected]")[0]
        .get("value")
        == "1"
    )


def test_the_ranked_list_shows_the_top_claims_and_links_to_the_rest(client, long_article):
    article_id, _, units = long_article
    page = parse(client.get(f"/articles/{article_id}"))
    ranked = page.cssselect(".ranked-claim")
    assert len(ranked) == RANKED_SHOWN
    expected = sorted(units, key=lambda u: (-u["checkworthiness"], u["seq"]))[:RANKED_SHOWN]
    assert [int(a.get("data-select-claim")) for a in ranked] == [u["id"] for u in expected]
    assert page.cssselect("#ranked-heading .count")[0].text_content() == f"{len(units):,}"
    more = page.cssselect(".ranked-more a")[0]
    assert more.get("href") == f"/queue?article={article_id}"


def test_a_short_article_has_no_parts_and_lists_every_claim(client, make_article, app_db):
    article_id = make_article()
    page = parse(client.get(f"/articles/{article_id}"))
    assert not page.cssselect(".part-nav")
    assert page.cssselect("#article-text .article-body")[0].get("data-part") is None
    claims = [u for u in claim_reads.claims_for_article(app_db, article_id) if u["kind"] == "claim"]
    assert len(page.cssselect(".ranked-claim")) == len(claims)
    assert not page.cssselect(".ranked-more")


def test_a_change_to_a_claim_sends_its_row_not_the_bounded_list(client, long_article, app_db):
    article_id, _, units = long_article
    claim = claim_reads.ranked_claims(app_db, article_id, RANKED_SHOWN)[-1]
    token = re.search(
        r'"X-CSRFToken": "([^"]+)"', client.get(f"/articles/{article_id}").get_data(as_text=True)
    ).group(1)
    response = client.post(
        f"/claims/{claim['id']}/assign",
        data={"expected_version": claim["version"], "assignee": "rita"},
        headers={**HX, "X-CSRFToken": token},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    fragment = response.get_data(as_text=True)
    assert fragment.count('class="ranked-claim"') == 1
    assert f'<li id="ranked-{claim["id"]}" hx-swap-oob="outerHTML">' in fragment
    assert 'id="ranked-claims"' not in fragment


def test_the_report_of_a_long_article_lists_every_claim_with_its_number(
    app_db, people, long_article, tmp_path
):
    article_id, _, units = long_article
    rated = [units[3], units[-2]]
    for unit in rated:  # published: reports show published verdicts only
        verdicts.set_verdict(
            app_db, unit["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
        )
        verdicts.submit_for_review(app_db, unit["id"], actor=people["rita"])
        verdicts.approve(app_db, unit["id"], actor=people["ed"])
    html = export_html(app_db, people, article_id)
    cards = re.findall(r'<section class="claim-card" id="claim-(\d+)"', html)
    assert [int(card) for card in cards] == [unit["id"] for unit in rated]
    pending = re.findall(r'<li id="claim-(\d+)"><span class="number">(\d+)</span>', html)
    assert len(pending) == len(units) - len(rated)
    numbers = {int(claim_id): int(number) for claim_id, number in pending}
    refs = re.findall(r'<a class="ref" href="#claim-(\d+)" aria-label="Claim (\d+)"', html)
    assert [int(claim_id) for claim_id, _ in refs] == [unit["id"] for unit in units]
    assert [int(number) for _, number in refs] == list(range(1, len(units) + 1))
    for claim_id, number in refs:
        if int(claim_id) in numbers:
            assert numbers[int(claim_id)] == int(number)


def test_claim_numbers_run_on_across_the_articles_of_a_report(app_db, people, make_article):
    first = make_article()
    second = make_article(long_body(3))
    html = export_html(app_db, people, None)
    refs = re.findall(r'<a class="ref" href="#claim-(\d+)" aria-label="Claim (\d+)"', html)
    claims = [
        unit["id"]
        for article_id in (first, second)
        for unit in claim_reads.claims_for_article(app_db, article_id)
        if unit["kind"] == "claim"
    ]
    assert [int(claim_id) for claim_id, _ in refs] == claims
    assert [int(number) for _, number in refs] == list(range(1, len(claims) + 1))


def export_html(db, people, article_id: int | None) -> str:
    import io

    from factcheck.exports.export import write_export
    from factcheck.exports.options import ExportConfig

    out = io.BytesIO()
    write_export(
        db,
        "html",
        out,
        filters=ExportFilters(article_id=article_id),
        actor=people["rita"],
        config=ExportConfig.from_env(),
    )
    return out.getvalue().decode("utf-8")


# The queries behind the claim lists and the panel's neighbours.

SPECS = [
    ("First claim 1.", "body", "claim", None, 0.2),
    ("Not one.", "body", "not_a_claim", "opinion", 0.9),
    ("Third claim 3.", "body", "claim", None, 0.7),
    ("Fourth claim 4.", "body", "claim", None, 0.7),
]


@pytest.fixture
def four(store_article, app_db) -> list[dict]:
    article_id = store_article(" ".join(spec[0] for spec in SPECS), SPECS)
    return claim_reads.claims_for_article(app_db, article_id)


def test_ranked_claims_puts_the_most_check_worthy_first_and_leaves_out_non_claims(app_db, four):
    ranked = claim_reads.ranked_claims(app_db, four[0]["article_id"], 10)
    assert [unit["id"] for unit in ranked] == [four[2]["id"], four[3]["id"], four[0]["id"]]
    assert len(claim_reads.ranked_claims(app_db, four[0]["article_id"], 2)) == 2


def test_neighbours_count_claims_only(app_db, four):
    article_id = four[0]["article_id"]
    third = claim_reads.claim_neighbours(app_db, article_id, four[2]["seq"])
    assert (third["claims_before"] + 1, third["claim_total"]) == (2, 3)
    assert (third["previous"]["id"], third["next"]["id"]) == (four[0]["id"], four[3]["id"])
    non_claim = claim_reads.claim_neighbours(app_db, article_id, four[1]["seq"])
    assert (non_claim["previous"]["id"], non_claim["next"]["id"]) == (four[0]["id"], four[2]["id"])
    first = claim_reads.claim_neighbours(app_db, article_id, four[0]["seq"])
    assert first["previous"] is None
    nothing = claim_reads.claim_neighbours(app_db, article_id, None)
    assert nothing["next"]["id"] == four[0]["id"] and nothing["previous"] is None


def test_article_counts_split_claims_by_status(app_db, four):
    counts = claim_reads.article_counts(app_db, four[0]["article_id"])
    assert (counts["units"], counts["claims"], counts["not_claims"]) == (4, 3, 1)
    assert counts["by_status"]["unreviewed"] == 3
