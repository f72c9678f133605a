"""Importing from the dashboard and working the queue in a real browser: paste, progress,
active search, keyboard selection, a bulk action and its undo."""

import re
import uuid

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck import job_progress
from factcheck.ingest import ingest_text


def _unique_word() -> str:
    """A made-up word, so this test's claims are the only ones a search finds."""
    return "Quarrow" + uuid.uuid4().hex[:8]


def test_pasting_an_article_on_the_dashboard_opens_it_highlighted(watched_page):
    page = watched_page
    word = _unique_word()
    pasted = (
        f"Dredging the {word} channel will cost 12 million euros\n\n"
        f"The port authority said on Tuesday that dredging the {word} channel would cost 12 million"
        " euros and take 18 months. Shipping traffic fell by 9 percent last year, officials said."
        " The notice read <b>closed</b> in bold."
    )
    page.goto("/")
    paste_tab = page.get_by_role("radio", name="Paste text")
    expect(paste_tab).to_be_checked()
    paste_tab.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Upload file")).to_be_checked()
    expect(page.get_by_label("HTML or text file")).to_be_visible()
    expect(page.get_by_label("Article text")).to_be_hidden()
    page.keyboard.press("ArrowLeft")
    page.get_by_label("Article text").fill(pasted)
    page.get_by_role("button", name="Import").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+$"))
    claims = page.locator("#article-text .unit.is-claim")
    expect(claims.first).to_be_visible()
    expect(claims.nth(1)).to_be_attached()
    expect(page.locator("#article-text")).to_contain_text("The notice read <b>closed</b> in bold.")
    expect(page.locator("#article-text b")).to_have_count(0)
    assert_no_problems(page)


def test_a_background_import_shows_each_stage_then_opens_the_article(watched_page, demo_articles):
    page = watched_page
    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "rita")
    job_progress.set_progress(job_id, "fetching", "Fetching https://news.example/harbour")
    page.goto(f"/imports/{job_id}")
    expect(page.get_by_role("heading", name="Fetching…")).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_have_text("Reading")

    job_progress.set_progress(job_id, "saving", "Splitting into claims and saving")
    expect(page.get_by_role("heading", name="Splitting into claims…")).to_be_visible()

    story = demo_articles["story"]
    job_progress.set_progress(
        job_id, "done", "Imported", article_id=story, claims=20, duplicate=False
    )
    expect(page).to_have_url(re.compile(rf"/articles/{story}$"))
    assert_no_problems(page)


def test_searching_the_queue_then_a_bulk_action_and_its_undo(watched_page, demo_articles):
    page = watched_page
    word = _unique_word()
    body = (
        f"{word} council cuts 40 bus routes\n\n"
        f"The {word} council said on Monday it would cut 40 of its 212 bus routes by June. "
        f"Fares in {word} rose by 14 percent last year, according to the transport office. "
        f"The {word} mayor said 3,000 residents had signed a petition against the cuts."
    )
    db = database.connect(demo_articles["path"])
    ingest_text(db, body)
    db.close()

    page.goto("/queue")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Search", exact=True).fill(word.lower())
    rows = page.locator("#queue-table tbody tr")
    expect(page).to_have_url(re.compile(rf"q={word.lower()}"))
    expect(rows.first).to_contain_text(word)
    found = rows.count()
    assert found >= 3
    for text in rows.locator("a.queue-claim").all_inner_texts():
        assert word in text

    # Keyboard: j moves to a row, x selects it.
    page.get_by_label("Search", exact=True).blur()
    page.keyboard.press("j")
    expect(rows.nth(0).locator("a.queue-claim")).to_be_focused()
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(rows.locator('input[name="claim"]:checked')).to_have_count(2)
    expect(page.locator("[data-selected-count]")).to_have_text("· 2 selected")
    boxes = rows.locator('input[name="claim"]')
    chosen = [boxes.nth(i).get_attribute("value") for i in (0, 1)]

    page.get_by_label("Reason it is not a claim").fill("headline wording")
    page.get_by_role("button", name="Mark not a claim").click()
    notice = page.locator(".queue-notice")
    expect(notice).to_contain_text("2 claims marked not a claim")
    expect(rows).to_have_count(found - 2)
    for claim_id in chosen:
        expect(page.locator(f'#queue-table input[value="{claim_id}"]')).to_have_count(0)

    page.get_by_role("button", name="Undo").click()
    expect(notice).to_have_text(re.compile(r"Undone: 2 claims put back as they were\."))
    expect(rows).to_have_count(found)
    assert page.evaluate("window.stillTheSamePage") is True

    page.get_by_label("Search", exact=True).blur()
    page.keyboard.press("j")
    page.keyboard.press("j")
    opened = rows.nth(1).locator("a.queue-claim").get_attribute("id")[1:]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/\d+\?claim=\d+$"))
    # The claim opened has the focus, as after j or k on the article page.
    expect(page.locator(f"#claim-{opened}")).to_be_focused()
    assert_no_problems(page)

    # Back to the queue, the keyboard goes on from the row the claim was opened from.
    page.go_back()
    expect(page.locator(f"#c{opened}")).to_be_focused()
    page.keyboard.press("j")
    expect(rows.nth(2).locator("a.queue-claim")).to_be_focused()


def test_back_from_the_next_queue_page_puts_the_focus_on_its_link(watched_page, demo_articles):
    """htmx puts the first page back from its history, with no page load: the keyboard goes on
    from the link that was followed, not from the page's top."""
    page = watched_page
    word = _unique_word()
    sentences = [
        f"The {word} council said {number} schools would close by June, officials said."
        for number in range(3, 63)
    ]
    db = database.connect(demo_articles["path"])
    ingest_text(db, f"{word} schools to close\n\n" + " ".join(sentences))
    db.close()
    page.goto(f"/queue?q={word.lower()}")
    following = page.locator(".queue-pages a[rel=next]")
    following.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/queue\?.*after="))
    expect(page.locator("#queue-table tbody tr").first.locator("a.queue-claim")).to_be_focused()
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/queue\?q={word.lower()}$"))
    expect(page.locator(".queue-pages a[rel=next]")).to_be_focused()
    assert_no_problems(page)


def test_uploading_two_files_lists_both_articles(watched_page, tmp_path):
    page = watched_page
    word = _unique_word()
    files = []
    for number, place in enumerate(("harbour", "bridge"), 1):
        path = tmp_path / f"{place}-{word}.txt"
        path.write_text(
            f"The {place} of {word} will cost {number * 7} million euros\n\n"
            f"The council said on Monday that the {place} of {word} would cost {number * 7} million"
            f" euros and take {number * 9} months, officials said.\n"
        )
        files.append(path)
    page.goto("/")
    page.get_by_role("radio", name="Paste text").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Upload file")).to_be_checked()
    page.get_by_label("HTML or text file").set_input_files(files)
    page.get_by_role("button", name="Import").click()

    imported = page.locator('.import-summary-list[data-status="imported"] a')
    expect(imported).to_have_text([path.name for path in files])
    expect(page.locator(".import-summary .import-note")).to_have_text("Imported 2 articles.")
    imported.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/\d+$"))
    expect(page.locator("#article-text")).to_contain_text(f"The harbour of {word}")
    assert_no_problems(page)


def test_an_import_refused_from_the_keyboard_puts_the_focus_on_the_field_at_fault(watched_page):
    page = watched_page
    page.goto("/import")
    page.get_by_role("radio", name="Paste text").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Article text")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Import")).to_be_focused()
    page.keyboard.press("Enter")

    # The form is drawn again with its message: the empty field takes the focus, so a screen
    # reader reads the message with it, and typing goes straight into it.
    text = page.get_by_label("Article text")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_be_focused()
    expect(text).to_have_accessible_description(re.compile("Paste"))
    assert_no_problems(page, expected_status=422)


def test_a_background_import_started_from_the_keyboard_keeps_the_focus_on_its_progress(
    watched_page,
):
    page = watched_page
    page.goto("/import")
    page.get_by_role("radio", name="Paste text").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="From URL")).to_be_checked()
    page.keyboard.press("Tab")
    # A loopback address is refused by the fetcher itself: the job fails without any network.
    page.keyboard.type("http://127.0.0.1/harbour-story")
    page.keyboard.press("Enter")

    # The form gives way to the progress, whose heading holds the focus through every poll, so
    # the outcome and what to do next are a Tab away, not back at the page's start. An address
    # refused as such is not offered again, only another address or another source.
    heading = page.get_by_role("heading", name="Import failed")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Change the address")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Import something else")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Import an article")).to_be_focused()
    assert_no_problems(page)
