"""The lighter pages in a real browser: a verdict swaps its one row of the ranked list out of band,
and the queue's article filter suggests articles as you type and filters to the one picked."""

import re
import uuid

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text

RATIONALE = (
    "The county emergency office bulletin lists fourteen closed schools on Tuesday,"
    " exactly as the claim says."
)


def test_a_verdict_updates_its_row_of_the_ranked_list_in_place(watched_page, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    rows = page.locator("#ranked-claims .ranked-list > li")
    listed = rows.count()
    target = page.locator(".ranked-claim").nth(1)
    claim_id = target.get_attribute("data-select-claim")
    row = page.locator(f"#ranked-{claim_id}")
    expect(row.locator(".rank-meta")).to_contain_text("Unreviewed")
    page.evaluate(
        "id => { window.untouchedRow = document.querySelector('#ranked-claims li:not(#ranked-'"
        " + id + ')'); }",
        claim_id,
    )
    target.click()
    panel = page.locator("#claim-panel")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", claim_id)
    panel.get_by_role("radio", name=re.compile("^Unverifiable")).check()
    panel.get_by_label("Rationale").fill(RATIONALE)
    panel.get_by_role("button", name="Save draft").click()

    expect(row.locator(".rank-meta")).to_contain_text("In progress")
    expect(row.locator(".ranked-claim")).to_have_attribute("aria-current", "true")
    expect(rows).to_have_count(listed)
    assert page.evaluate("window.untouchedRow.isConnected"), "the other rows were not replaced"
    expect(page.locator("#article-progress")).to_contain_text("0 of")
    assert_no_problems(page)


def test_the_article_filter_suggests_titles_and_filters_to_the_one_picked(
    watched_page, demo_articles
):
    page = watched_page
    word = "Quellmoor" + uuid.uuid4().hex[:6]
    db = database.connect(demo_articles["path"])
    for place, money in (("harbour", 12), ("bridge", 48)):
        ingest_text(
            db,
            f"{word} {place} repairs to cost {money} million\n\n"
            f"The council said the {place} repairs in {word} would cost {money} million euros.",
        )
    db.close()

    page.goto("/queue")
    box = page.get_by_label("Article", exact=True)
    box.fill(f"{word} bridge")
    options = page.locator("#queue-article-list option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text(f"{word} bridge repairs to cost 48 million")
    article_id = options.first.get_attribute("value")

    box.fill(article_id)
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"article={article_id}"))
    rows = page.locator("#queue-table tbody tr")
    # The headline or the body sentence, whichever ranks first: both name the place and the word.
    expect(rows.first).to_contain_text(word)
    expect(rows.first).to_contain_text("bridge")
    for text in rows.locator("a.queue-claim").all_inner_texts():
        assert word in text and "harbour" not in text
    expect(page.locator(".queue-count .queue-article-name")).to_have_text(
        f"{word} bridge repairs to cost 48 million"
    )

    # Words that match two titles ask which one.
    box.fill(word)
    box.press("Enter")
    matches = page.locator(".article-matches a")
    expect(matches).to_have_count(2)
    matches.first.click()
    expect(page).to_have_url(re.compile(r"article=\d+"))
    expect(page.locator("#queue-table tbody tr").first).to_contain_text(word)
    assert_no_problems(page)
