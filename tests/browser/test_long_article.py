"""A long article in a real browser: parts, j and k across their edges, links to claims elsewhere."""

import re

import pytest
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads
from factcheck.views.article_parts import PART_UNITS


def long_body() -> str:
    lines = [
        f"Road {n} cost the council {n} million dollars in {1990 + n % 30}." for n in range(900)
    ]
    return "Browser test: the council's roads, one by one\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def long_article(demo_articles) -> dict:
    db = database.connect(demo_articles["path"])
    try:
        article_id = ingest_text(db, long_body()).article_id
        units = claim_reads.claims_for_article(db, article_id)
    finally:
        db.close()
    assert len(units) > PART_UNITS
    return {"id": article_id, "ids": [unit["id"] for unit in units]}


def current_id(page) -> str:
    current = page.locator('#article-text .unit[aria-current="true"]')
    expect(current).to_have_count(1)
    return current.get_attribute("data-claim-id")


def test_j_and_k_carry_on_into_the_next_and_previous_part(watched_page, long_article):
    page = watched_page
    article_id, ids = long_article["id"], long_article["ids"]
    page.goto(f"/articles/{article_id}")
    units = page.locator("#article-text .unit.is-claim")
    last_of_first_part = units.last.get_attribute("data-claim-id")
    position = ids.index(int(last_of_first_part))

    page.goto(f"/articles/{article_id}?claim={last_of_first_part}")
    assert current_id(page) == last_of_first_part
    page.keyboard.press("j")
    following = str(ids[position + 1])
    expect(page).to_have_url(re.compile(rf"\?claim={following}$"))
    # The next part is a new page: its keys work once its deferred script has run.
    page.wait_for_load_state("load")
    assert current_id(page) == following
    expect(page.locator("#part-choice")).to_have_value("2")
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", following)

    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"\?claim={last_of_first_part}$"))
    page.wait_for_load_state("load")
    assert current_id(page) == last_of_first_part
    expect(page.locator("#part-choice")).to_have_value("1")

    # Within a part, j moves without reloading the page.
    page.evaluate("window.stillTheSamePage = true")
    page.keyboard.press("k")
    assert current_id(page) == str(ids[position - 1])
    assert page.evaluate("window.stillTheSamePage") is True
    assert_no_problems(page)


def test_a_link_to_a_claim_in_another_part_opens_that_part(watched_page, long_article):
    page = watched_page
    article_id, ids = long_article["id"], long_article["ids"]
    far = str(ids[-2])
    page.goto(f"/articles/{article_id}#claim-{far}")
    expect(page).to_have_url(re.compile(rf"\?claim={far}$"))
    assert current_id(page) == far
    expect(page.locator("#part-choice")).not_to_have_value("1")

    # A ranked claim outside the part shown opens its part too.
    page.goto(f"/articles/{article_id}?part=2")
    shown = set(
        page.locator("#article-text .unit").evaluate_all("us => us.map(u => u.dataset.claimId)")
    )
    ranked = page.locator(".ranked-claim")
    elsewhere = next(
        index
        for index in range(ranked.count())
        if ranked.nth(index).get_attribute("data-select-claim") not in shown
    )
    target = ranked.nth(elsewhere).get_attribute("data-select-claim")
    ranked.nth(elsewhere).click()
    expect(page).to_have_url(re.compile(rf"\?claim={target}$"))
    assert current_id(page) == target
    expect(page.locator("#part-choice")).to_have_value("1")

    # The part menu works without script too: it is a plain form.
    page.select_option("#part-choice", "2")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?part=2$"))
    assert_no_problems(page)


def test_j_and_k_into_another_part_put_the_focus_on_the_claim(watched_page, long_article):
    # QA: the next part opened with its claim current, and the focus on the page's body.
    page = watched_page
    article_id, ids = long_article["id"], long_article["ids"]
    page.goto(f"/articles/{article_id}")
    last_of_first_part = page.locator("#article-text .unit.is-claim").last
    last_id = last_of_first_part.get_attribute("data-claim-id")
    following = str(ids[ids.index(int(last_id)) + 1])

    page.goto(f"/articles/{article_id}?claim={last_id}")
    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(rf"\?claim={following}$"))
    page.wait_for_load_state("load")
    expect(page.locator(f"#claim-{following}")).to_be_focused()
    expect(page.locator(f"#claim-{following}")).to_be_in_viewport()

    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"\?claim={last_id}$"))
    page.wait_for_load_state("load")
    expect(page.locator(f"#claim-{last_id}")).to_be_focused()

    # Only a move hands the focus on: the same part opened afresh starts at the page's start.
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement === document.body")
    assert_no_problems(page)


def test_a_claim_past_the_ranked_lists_first_200_opens_its_panel(watched_page, long_article):
    """Only the 200 most check-worthy claims have a row in the ranked list; a click on another,
    or j onto it, marked it current and left the panel on the claim before."""
    page = watched_page
    page.goto(f"/articles/{long_article['id']}")
    listed = set(
        page.locator(".ranked-claim[data-select-claim]").evaluate_all(
            "links => links.map(link => link.dataset.selectClaim)"
        )
    )
    shown = page.locator("#article-text .unit.is-claim").evaluate_all(
        "units => units.map(unit => unit.dataset.claimId)"
    )
    unlisted = next(claim_id for claim_id in shown if claim_id not in listed)
    page.locator(f"#claim-{unlisted}").click()
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{unlisted}"]')).to_be_visible()
    assert f"claim={unlisted}" in page.url
    page.locator("body").press("j")
    following = shown[shown.index(unlisted) + 1]
    expect(panel.locator(f'.panel[data-claim-id="{following}"]')).to_be_visible()
    assert_no_problems(page)


def _split_by_another_editor(path, claim_id: int) -> int:
    """Split the claim in two at a space near its middle, as the editor ed; the new part's id."""
    from factcheck.store import unit_edits
    from factcheck.store.users import actor_for

    db = database.connect(path)
    try:
        claim = claim_reads.get_claim(db, claim_id)
        space = claim["start"] + claim["text"].index(" ", len(claim["text"]) // 2)
        _, new_part = unit_edits.split_unit(
            db, claim_id, at=space, reason="Two claims in one", actor=actor_for(db, "ed")
        )
    finally:
        db.close()
    return new_part["id"]


def test_j_and_k_across_a_part_edge_step_onto_a_split_made_while_the_page_is_open(
    watched_page, demo_articles
):
    """The last claim of a part is split by someone else while its page is open: j from it goes
    to the new part, which the page never drew, not on to the next part; k from the next part's
    first claim goes back to the newest part, not to the claim the page named before it."""
    db = database.connect(demo_articles["path"])
    try:
        article_id = ingest_text(db, long_body() + "A copy split while open.\n").article_id
    finally:
        db.close()
    page = watched_page
    page.goto(f"/articles/{article_id}")
    edge = page.locator("#article-text .unit.is-claim").last.get_attribute("data-claim-id")
    following = page.locator("#article-text .article-body").get_attribute("data-next-claim")
    page.goto(f"/articles/{article_id}?claim={edge}")
    expect(page.locator(f'#claim-panel .panel[data-claim-id="{edge}"]')).to_be_visible()
    new_part = _split_by_another_editor(demo_articles["path"], int(edge))

    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(rf"\?claim={new_part}$"))
    page.wait_for_load_state("load")
    assert current_id(page) == str(new_part)
    expect(page.locator("#panel-said")).to_contain_text("This article changed")

    page.goto(f"/articles/{article_id}?claim={following}")
    expect(page.locator(f'#claim-panel .panel[data-claim-id="{following}"]')).to_be_visible()
    newest = _split_by_another_editor(demo_articles["path"], new_part)
    page.keyboard.press("k")
    expect(page).to_have_url(re.compile(rf"\?claim={newest}$"))
    page.wait_for_load_state("load")
    assert current_id(page) == str(newest)
    assert_no_problems(page)
