"""Results drawn again are said once, and the focus lands on what replaced the control used: the
queue's, the library's and the audit trail's results are said by a live region that stays on the
page, with the count alone; the library's pages start at their first item; the Audit page's check
of the trail keeps the focus on its heading and says its outcome once; a message flashed after a
form sent without htmx is said once the page has loaded."""

import re
import uuid

from axe_check import axe_source, blocking, violations
from helpers import add_library_records
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import audit_jobs
from factcheck import db as database
from factcheck.ingest import ingest_text

# Every text a live region is given, in order (the emptying before each is left out).
RECORD_SAID = """(selector) => {
    window.said = [];
    const region = document.querySelector(selector);
    new MutationObserver(() => {
        const words = region.textContent.trim();
        if (words) { window.said.push(words); }
    }).observe(region, {childList: true, characterData: true, subtree: true});
}"""


def _add_article(path, body: str) -> None:
    db = database.connect(path)
    ingest_text(db, body)
    db.close()


def _add_library_items(path, word: str, count: int) -> None:
    records = [
        {
            "claim": f"The {word} bridge carried {n},000 cars in week {n}",
            "url": f"https://c.example/{word}/{n}",
        }
        for n in range(1, count + 1)
    ]
    add_library_records(path, records)


def _assert_axe_passes(page) -> None:
    assert blocking(violations(page, axe_source())) == []


def test_a_queue_search_is_said_by_its_count_alone(watched_page, demo_articles):
    page = watched_page
    word = "Varrick" + uuid.uuid4().hex[:8]
    _add_article(
        demo_articles["path"],
        f"{word} ferry fares\n\nThe {word} ferry company said fares would rise by 12 percent in May. "
        f"The {word} harbour office said 4,000 people use the ferry each day.",
    )
    page.goto("/queue")
    region = page.locator("#page-said")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_text("")
    page.locator("body").press("/")
    page.keyboard.type(word.lower())
    expect(page.locator("#queue-table tbody tr").first).to_contain_text(word)
    # The region stays on the page (the results are drawn inside another element), and says the
    # count, not the JSON link or the selection beside it.
    expect(region).to_have_text(re.compile(r"^\d+ claims? match(es)?$"))
    expect(page.locator("#queue-results [role=status]")).to_have_count(0)
    _assert_axe_passes(page)
    assert_no_problems(page)


def test_the_librarys_next_page_starts_at_its_first_item_and_is_said(watched_page, demo_articles):
    page = watched_page
    word = "Ostrell" + uuid.uuid4().hex[:8]
    _add_library_items(demo_articles["path"], word, 55)
    page.goto(f"/library?q={word.lower()}")
    items = page.locator("#library-results .library-claim")
    expect(items).to_have_count(50)
    next_page = page.get_by_role("link", name="Next page")
    next_page.focus()
    page.keyboard.press("Enter")

    # The link went with the page it was on: the focus goes to the first item of the new page,
    # with the results' top in view, not to the page's start with the window left at its bottom.
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(items).to_have_count(5)
    expect(items.first).to_be_focused()
    expect(page.locator("#library-results")).to_be_in_viewport()
    top = page.evaluate("document.getElementById('library-results').getBoundingClientRect().top")
    assert 0 <= top < 200
    region = page.locator("#page-said")
    expect(region).to_have_text(re.compile(rf"^51–55 of 55 best matching “{word.lower()}”$"))

    page.get_by_role("link", name="Previous page").focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(50)
    expect(items.first).to_be_focused()
    expect(region).to_have_text(re.compile(r"^1–50 of 55"))
    _assert_axe_passes(page)
    assert_no_problems(page)


def test_filtering_the_audit_trail_is_said(signed_in_as):
    page = signed_in_as("ed")
    page.goto("/audit")
    region = page.locator("#page-said")
    expect(region).to_have_text("")
    page.locator("#audit-person").select_option("ed")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"person=ed"))
    expect(region).to_have_text(re.compile(r"^(\d+ changes?, newest first|No change in the trail)"))
    page.locator("#audit-record").fill("nothing:1")
    page.get_by_role("button", name="Show").click()
    expect(region).to_have_text(re.compile(r"^No change in the trail matches these filters"))
    assert_no_problems(page)


def test_checking_the_trail_keeps_the_focus_on_its_box_and_says_the_outcome_once(
    signed_in_as, demo_articles, immediate_jobs
):
    for key in (audit_jobs.LAST_CHECK, audit_jobs.RUNNING):
        audit_jobs.huey.delete(key)
    page = signed_in_as("ed")
    page.goto("/audit")
    page.evaluate(RECORD_SAID, "#page-said")
    region = page.locator("#page-said")
    heading = page.locator("#trail-check-title")

    # A check answered at once: the button went with the box; its heading takes the focus, and
    # the outcome is said.
    outcome = page.locator("#trail-check [data-said]")
    page.get_by_role("button", name="Check the trail now").focus()
    page.keyboard.press("Enter")
    expect(outcome).to_contain_text(re.compile(r"^(Intact|Tampering found)"))
    expect(region).to_have_text(outcome.inner_text())
    expect(heading).to_be_focused()
    _assert_axe_passes(page)

    # A check under way: the box asks every 2 seconds until it ends; the focus stays on its
    # heading through every poll, and the outcome is said once, when it ends.
    audit_jobs.huey.put(
        audit_jobs.RUNNING,
        {
            "asked_by": "eve",
            "queued": __import__("time").time(),
            "queued_at": "2026-01-01T00:00:00Z",
        },
    )
    page.evaluate("window.said = []")
    page.get_by_role("button", name="Check again").click()
    expect(page.locator("#trail-check[hx-trigger]")).to_have_count(1)
    expect(heading).to_be_focused()
    page.wait_for_timeout(4500)  # two polls, the check still under way
    expect(heading).to_be_focused()
    audit_jobs.huey.delete(audit_jobs.RUNNING)
    audit_jobs.check_trail.call_local(str(demo_articles["path"]), "eve")
    expect(page.locator("#trail-check:not([hx-trigger])")).to_be_visible(timeout=5000)
    expect(region).to_contain_text("asked by eve")
    expect(heading).to_be_focused()
    said = page.evaluate("window.said")
    assert len(said) == 2, said
    assert "by eve" in said[0] and said[1] == outcome.inner_text()
    assert_no_problems(page)


def test_a_message_flashed_after_a_form_is_said_once_the_page_has_loaded(
    signed_in_as, demo_articles
):
    word = "Brannock" + uuid.uuid4().hex[:8]
    _add_library_items(demo_articles["path"], word, 1)
    page = signed_in_as("ed")
    page.goto(f"/library?q={word.lower()}")
    page.locator("#library-results .library-claim").first.click()
    page.locator(".library-remove summary").click()
    page.get_by_role("button", name="Remove from the library").click()
    flashed = page.locator(".flash")
    expect(flashed).to_contain_text(re.compile(r"Removed library item \d+\."))
    # There as the page loaded, it would not be announced: the page's live region says it.
    expect(page.locator("#page-said")).to_have_text(flashed.inner_text())
    _assert_axe_passes(page)
    assert_no_problems(page)


def test_results_a_failed_search_did_not_redraw_are_not_shown_as_its_results(
    watched_page, demo_articles
):
    page = watched_page
    page.goto("/queue")
    results = page.locator("#queue-results")
    expect(page.locator("#queue-table tbody tr").first).to_be_visible()
    # The database takes too long to answer this search.
    page.route(
        re.compile(r"/queue\?.*q=slow"),
        lambda route: route.fulfill(
            status=503,
            content_type="text/html",
            body="<p>The database took too long to answer; try a narrower search.</p>",
        ),
    )
    page.locator("body").press("/")
    page.keyboard.type("slow")
    expect(page.locator("#notice")).to_be_visible()
    expect(results).to_have_class(re.compile(r"\bis-stale\b"))
    assert page.evaluate("document.getElementById('queue-results').inert")
    # The next answer draws the results again, within reach.
    page.unroute(re.compile(r"/queue\?.*q=slow"))
    page.locator("#queue-search").fill("")
    page.locator("#queue-search").type("ferry")
    expect(results).not_to_have_class(re.compile(r"\bis-stale\b"))
    assert not page.evaluate("document.getElementById('queue-results').inert")
    assert_no_problems(page, expected_status=503)
