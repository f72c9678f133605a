"""The queue and the library from the keyboard: / searches, Esc leaves the search with its words
kept, and j then moves through the rows it found instead of typing into the search; a bulk action
and its undo leave the focus on the notice that tells what they did; Enter in a row's checkbox
sends no bulk action."""

import re
import uuid

from helpers import add_library_records
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text


def _add_article(path, body: str) -> None:
    db = database.connect(path)
    ingest_text(db, body)
    db.close()


def test_escape_leaves_the_search_with_its_words_kept(watched_page, demo_articles):
    page = watched_page
    word = "Brellick" + uuid.uuid4().hex[:8]
    body = (
        f"{word} ferry fares rise\n\n"
        f"The {word} ferry company said on Monday it would raise fares by 12 percent in May. "
        f"The {word} harbour office said 4,000 people use the ferry each day."
    )
    _add_article(demo_articles["path"], body)

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


def test_a_bulk_action_from_the_keyboard_puts_the_focus_on_its_notice(watched_page, demo_articles):
    page = watched_page
    word = "Tarvell" + uuid.uuid4().hex[:8]
    body = (
        f"{word} library opens on Sundays\n\n"
        f"The {word} library said on Friday it would open on Sundays from March. "
        f"The {word} council said 2,500 people visited the library each week last year."
    )
    _add_article(demo_articles["path"], body)

    page.goto(f"/queue?q={word.lower()}")
    rows = page.locator("#queue-table tbody tr")
    expect(rows.first).to_contain_text(word)
    page.locator("body").press("j")
    page.keyboard.press("x")
    page.get_by_label("Reason it is not a claim").focus()
    page.keyboard.type("desk duplicate")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Mark not a claim")).to_be_focused()
    page.keyboard.press("Enter")

    # The button pressed went with the old results: the focus goes to the notice (a screen
    # reader reads it), not back to the page's start, and Tab reaches its Undo next.
    notice = page.locator(".queue-notice")
    expect(notice).to_contain_text("1 claim marked not a claim")
    expect(notice).to_be_focused()
    page.keyboard.press("Tab")
    expect(notice.get_by_role("button", name="Undo")).to_be_focused()
    page.keyboard.press("Enter")
    expect(notice).to_have_text(re.compile(r"Undone: 1 claim put back as it was\."))
    expect(notice).to_be_focused()
    assert_no_problems(page)


def test_the_next_page_of_the_queue_from_the_keyboard_starts_at_its_first_row(
    watched_page, demo_articles
):
    page = watched_page
    word = "Pellowick" + uuid.uuid4().hex[:8]
    sentences = " ".join(
        f"The {word} council said {n} new buses would run on route {n + 100} from May."
        for n in range(1, 56)
    )
    _add_article(demo_articles["path"], f"{word} council adds buses\n\n{sentences}")

    page.goto(f"/queue?q={word.lower()}")
    rows = page.locator("#queue-table tbody tr")
    expect(rows).to_have_count(50)
    first_of_page_one = rows.first.locator("a.queue-claim").inner_text()
    page.get_by_role("link", name="Next 50").focus()
    page.keyboard.press("Enter")

    # The link went with the page it was on: the focus goes to the first row of the new page,
    # where j and k carry on, not back to the page's start.
    expect(page).to_have_url(re.compile(r"after="))
    first = rows.first.locator("a.queue-claim")
    expect(first).not_to_have_text(first_of_page_one)
    expect(first).to_be_focused()
    page.keyboard.press("j")
    expect(rows.nth(1).locator("a.queue-claim")).to_be_focused()
    assert_no_problems(page)


def test_leaving_the_search_before_its_results_settle_keeps_the_focus_out_of_the_rows(
    watched_page, demo_articles
):
    page = watched_page
    word = "Quillon" + uuid.uuid4().hex[:8]
    _add_article(
        demo_articles["path"],
        f"{word} tram fares\n\nThe {word} tram company said fares would rise by 8 percent in June. "
        f"The {word} depot said 2,000 people ride the tram each day.",
    )
    page.goto("/queue")
    # Slow the settling, so Esc lands between the swap of the results and their settling.
    page.evaluate(
        """() => {
            htmx.config.defaultSettleDelay = 400;
            window.settled = 0;
            document.addEventListener("htmx:afterSettle", () => { window.settled += 1; });
        }"""
    )
    page.locator("body").press("/")
    page.keyboard.type(word.lower())
    expect(page).to_have_url(re.compile(rf"q={word.lower()}"))
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.settled > 0")
    # The results came from a search: the focus, left on the page by Esc, is not moved into them,
    # so j goes to the first row and not the second.
    page.keyboard.press("j")
    rows = page.locator("#queue-table tbody tr")
    expect(rows.first.locator("a.queue-claim")).to_be_focused()
    assert_no_problems(page)


def test_slash_searches_the_library_and_escape_leaves_it_with_its_words_kept(
    watched_page, demo_articles
):
    page = watched_page
    word = "Quennow" + uuid.uuid4().hex[:8]
    records = [
        {
            "claim": f"The {word} tunnel carries 40,000 cars a day",
            "url": f"https://c.example/{word}",
        },
        {"claim": "Ferry fares rose by a third last spring", "url": "https://c.example/ferry"},
    ]
    add_library_records(demo_articles["path"], records)

    page.goto("/library")
    page.locator("body").press("/")
    search = page.locator("#library-search")
    expect(search).to_be_focused()
    page.keyboard.type(word.lower())
    expect(page).to_have_url(re.compile(rf"q={word.lower()}"))
    results = page.locator("#library-results")
    expect(results).to_contain_text(f"The {word} tunnel")
    expect(results).not_to_contain_text("Ferry fares")

    page.keyboard.press("Escape")
    expect(search).not_to_be_focused()
    expect(search).to_have_value(word.lower())
    expect(results).to_contain_text(f"The {word} tunnel")
    assert_no_problems(page)


def test_j_k_and_x_work_from_a_rows_checkbox(watched_page, demo_articles):
    page = watched_page
    word = "Quellby" + uuid.uuid4().hex[:8]
    body = (
        f"{word} harbour dredging to cost 9 million\n\n"
        f"The {word} port said on Monday that dredging would cost 9 million euros. "
        f"The {word} council said 14 ships waited outside the harbour last week."
    )
    _add_article(demo_articles["path"], body)
    page.goto(f"/queue?q={word.lower()}")
    rows = page.locator("#queue-table tbody tr")
    expect(rows.first).to_contain_text(word)
    first_box = rows.first.locator('input[name="claim"]')
    first_box.focus()
    page.keyboard.press("x")
    expect(first_box).to_be_checked()
    page.keyboard.press("j")
    expect(rows.nth(1).locator("a.queue-claim")).to_be_focused()
    assert_no_problems(page)


def test_enter_in_a_rows_checkbox_sends_no_bulk_action(watched_page, demo_articles):
    page = watched_page
    word = "Tollary" + uuid.uuid4().hex[:8]
    _add_article(
        demo_articles["path"],
        f"{word} pool opens\n\nThe {word} council said the pool would open on 3 June. "
        f"The {word} pool cost 7 million euros to build, the council said.",
    )
    page.goto(f"/queue?q={word.lower()}")
    rows = page.locator("#queue-table tbody tr")
    expect(rows.first).to_contain_text(word)
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if request.method == "POST" else None
    )
    box = rows.first.locator('input[name="claim"]')
    box.focus()
    page.keyboard.press("x")
    expect(box).to_be_checked()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert sent == []
    expect(page.locator(".queue-notice")).to_have_count(0)
    expect(box).to_be_checked()
    expect(box).to_be_focused()
    assert_no_problems(page)
