"""Previously checked in a real browser: the panel shows an earlier fact-check the claim matches,
and one click adds it as evidence with the stance the reviewer chose."""

import pytest
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck import library_formats, previous_checks
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM

# Refused by the strict fetch policy before any connection: archiving never leaves the machine.
CHECK_URL = "https://10.20.30.40/checks/flood-schools"
pytestmark = pytest.mark.usefixtures("immediate_jobs")


def _library_check_for(path, claim: dict, matcher) -> None:
    db = database.connect(path)
    try:
        record = {
            "external_id": f"browser-{claim['id']}",
            "claim": claim["text"],
            "title": "Did the flood close 14 schools?",
            "rating": "Accurate",
            "url": CHECK_URL + f"?claim={claim['id']}",
            "review_date": "2025-02-03",
            "publisher": "Riverside Fact Desk",
        }
        library_store.import_records(
            db,
            [library_formats.Parsed("line 2", record=record)],
            actor=SYSTEM,
            source="browser.csv",
            file_format="csv",
        )
        previous_checks.match_claims(db, [claim["id"]], cause="browser test", actor=SYSTEM)
    finally:
        db.close()


def test_the_panel_offers_an_earlier_check_and_adds_it_as_evidence(watched_page, article, matcher):
    page = watched_page
    claim = article["claims"][0]
    _library_check_for(article["path"], claim, matcher)
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    section = panel.locator("section.previous-checks")
    expect(section.get_by_role("heading", name="Previously checked")).to_be_visible()
    # Other tests share the database: a verdict published there on the same headline is offered
    # here too, so the earlier check is picked by its publisher.
    check = section.locator(".previous-check", has_text="Riverside Fact Desk")
    expect(check).to_have_count(1)
    expect(check.locator(".previous-rating")).to_have_text("Accurate")
    expect(check).to_contain_text("Riverside Fact Desk · 2025-02-03")
    expect(check.get_by_role("link", name="Did the flood close 14 schools?")).to_have_attribute(
        "href", CHECK_URL + f"?claim={claim['id']}"
    )
    expect(panel.locator(".evidence-section .evidence-item")).to_have_count(0)

    check.get_by_role("button", name="Add as evidence that refutes the claim").click()
    item = panel.locator(".evidence-section .evidence-item")
    expect(item).to_have_count(1)
    expect(item.locator(".stance")).to_have_text("Refutes")
    expect(item.locator(".evidence-quote")).to_have_text(claim["text"])
    expect(check.locator(".previous-added")).to_have_text("Added as evidence.")
    expect(check.locator("button")).to_have_count(0)
    assert_no_problems(page)
