"""The HTML report in a real browser: it prints on A4 and Letter without spilling off the page."""

import re

import pytest
from test_export_world import build_world, export_bytes

from factcheck.store import evidence, verdicts

# Printable width at 96 CSS pixels per inch, after the report's @page side margins (15 mm each).
PAGES = {"A4": (210 - 30) / 25.4 * 96, "Letter": (215.9 - 30) / 25.4 * 96}


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    world = build_world(folder / "print.db")
    # Words too long for a line (an address pasted into a rationale, a hash quoted as evidence)
    # must wrap rather than run off the page.
    rita = world.people["rita"]
    address = "https://archive.example/" + "records-of-the-county-flood-office-" * 8
    evidence.add_evidence(
        world.db, world.draft, url=address, stance="refutes", quote="0f" * 90, actor=rita
    )
    rationale = f"The county's own archive at {address} records no such rise in any year."
    verdicts.set_verdict(world.db, world.draft, rating="False", rationale=rationale, actor=rita)
    verdicts.submit_for_review(world.db, world.draft, actor=rita)
    verdicts.approve(world.db, world.draft, actor=world.people["ed"])
    report = folder / "report.html"
    report.write_bytes(export_bytes(world, "html"))
    return report


@pytest.fixture
def report_page(browser, report_file):
    tab = browser.new_page()
    tab.goto(report_file.as_uri())
    yield tab
    tab.close()


@pytest.mark.parametrize("paper", sorted(PAGES))
def test_print_layout_fits_the_paper(report_page, paper):
    report_page.emulate_media(media="print")
    report_page.set_viewport_size({"width": int(PAGES[paper]), "height": 1000})
    overflow = report_page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .map(el => el.tagName + '.' + el.className);
        }"""
    )
    assert overflow == []
    cards = report_page.evaluate(
        "() => [...document.querySelectorAll('.claim-card')]"
        ".map(el => getComputedStyle(el).breakInside)"
    )
    assert cards and set(cards) == {"avoid"}


@pytest.mark.parametrize("paper", sorted(PAGES))
def test_report_prints_to_pdf(report_page, paper):
    report_page.emulate_media(media="print")
    pdf = report_page.pdf(format=paper, print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    pages = re.search(rb"/Count (\d+)", pdf)
    assert pages and int(pages.group(1)) >= 2


def test_screen_shows_every_claim_card_without_scripts(report_page):
    report_page.emulate_media(media="screen")
    assert report_page.evaluate("() => document.scripts.length") == 0
    ratings = report_page.locator(".claim-card .rating-label").all_inner_texts()
    assert {"Accurate", "Mixed", "False"} <= set(ratings)
    assert "Unverifiable" not in ratings  # in second review: not yet the desk's word
