"""The queue from the keyboard: / searches, Esc leaves the search with its words kept, and j
then moves through the rows it found instead of typing into the search."""

import re
import uuid

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text


def test_escape_leaves_the_search_with_its_words_kept(watched_page, demo_articles):
    page = watched_page
    word = "Brellick" + uuid.uuid4().hex[:8]
    body = (
        f"{word} ferry fares rise\n\n"
        f"The {word} ferry company said on Monday it would raise fares by 12 percent in May. "
        f"The {word} harbour office said 4,000 people use the ferry each day."
    )
    db = database.connect(demo_articles["path"])
    ingest_text(db, body)
    db.close()

    page.goto("/queue")
    page.locator("body").press("/")
    search = page.get_by_label("Search", exact=True)
    expect(search).to_be_focused()
    page.keyboard.type(word.lower())
    rows = page.locator("#queue-table tbody tr")
    expect(page).to_have_url(re.compile(rf"q={word.lower()}"))
    expect(rows.first).to_contain_text(word)

    page.keyboard.press("Escape")
    expect(search).not_to_be_focused()
    expect(search).to_have_value(word.lower())
    page.keyboard.press("j")
    expect(rows.first.locator("a.queue-claim")).to_be_focused()
    expect(search).to_have_value(word.lower())
    expect(page).to_have_url(re.compile(rf"q={word.lower()}"))
    assert_no_problems(page)
