"""In a real browser: a reviewer merges a quotation the splitter cut at its full stop and splits it
again, from the claim panel with the keyboard, and the text shows the units as they now are."""

import re

from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.store import claim_reads

QUOTE_START = '"The river rose 2.4 metres in six hours.'


def _units(path, article_id) -> list[dict]:
    db = database.connect(path)
    try:
        body = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        units = claim_reads.claims_for_article(db, article_id)
        assert all(body[u["start"] : u["end"]] == u["text"] for u in units)
        return units
    finally:
        db.close()


def test_merging_and_splitting_a_unit_from_the_keyboard(watched_page, article):
    page = watched_page
    quote = next(u for u in _units(article["path"], article["id"]) if u["text"] == QUOTE_START)
    count = len(_units(article["path"], article["id"]))
    page.goto(f"/articles/{article['id']}?claim={quote['id']}")
    panel = page.locator("#claim-panel")

    summary = panel.get_by_text("Cut wrongly? Merge or split")
    summary.focus()
    page.keyboard.press("Enter")  # opens the details
    reason = panel.get_by_label("Why they are one claim")
    reason.focus()
    page.keyboard.type("One quotation cut at its full stop")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Merge with the next sentence")).to_be_focused()
    page.keyboard.press("Enter")

    unit = page.locator(f"#claim-{quote['id']}")
    expect(unit).to_have_text(re.compile(r"^\"The river rose .* flood officer\.$"))
    expect(unit).to_have_attribute("aria-current", "true")
    assert len(_units(article["path"], article["id"])) == count - 1
    # The reloaded page gives the merged claim the focus and tells a screen reader what was done.
    expect(unit).to_be_focused()
    expect(page.locator("#panel-said")).to_have_text("Merged with the next sentence.")

    # Split it again at the sentence end the panel offers.
    panel.get_by_text("Cut wrongly? Merge or split").click()
    choice = panel.get_by_role("radio", name=re.compile("in six hours"))
    choice.check()
    panel.get_by_label("Why it is two claims").fill("Two sentences, two claims")
    panel.get_by_role("button", name="Split here").click()
    expect(unit).to_have_text(QUOTE_START)
    expect(page.locator("#panel-said")).to_have_text("Split in two; this is the first part.")
    units = _units(article["path"], article["id"])
    assert len(units) == count
    following = units[[u["id"] for u in units].index(quote["id"]) + 1]
    expect(page.locator(f"#claim-{following['id']}")).to_have_text(
        re.compile(r"^We have never seen it rise")
    )
    assert_no_problems(page)


def test_a_second_merge_right_after_the_first_is_no_clash_with_oneself(watched_page, article):
    """The page drawn after a merge carries the unit's new version, even though the browser
    puts back the values its forms had before the reload."""
    from factcheck.ingest import ingest_text

    db = database.connect(article["path"])
    try:
        body = (
            "Council figures for the year\n\nThe governor said taxes rose 5% in 2023. Spending"
            " rose 7% in 2024. Debt fell by 12 million euros last year. Jobs grew by 3,400."
        )
        article_id = ingest_text(db, body).article_id
    finally:
        db.close()
    first = next(u for u in _units(article["path"], article_id) if u["text"].startswith("The gov"))
    page = watched_page
    page.goto(f"/articles/{article_id}?claim={first['id']}")
    panel = page.locator("#claim-panel")
    unit = page.locator(f"#claim-{first['id']}")
    for joined in ("Spending rose 7% in 2024.", "Debt fell by 12 million euros last year."):
        reason = panel.get_by_label("Why they are one claim")
        panel.locator("details.unit-edit").evaluate("details => { details.open = true; }")
        reason.fill("One claim cut at its full stop")
        panel.get_by_role("button", name="Merge with the next sentence").click()
        expect(unit).to_contain_text(joined)
        expect(panel.get_by_text("Changed while you were working")).to_have_count(0)
        # The reason given for this merge was saved with it: not offered again as unsaved.
        expect(reason).to_have_value("")
    assert _units(article["path"], article_id)[1]["text"].endswith("last year.")
    assert_no_problems(page)
