"""axe-core finds no serious or critical accessibility problem on any page, at phone and laptop
sizes, in the light theme and in the dark one that follows the system setting."""

import pytest
from axe_check import axe_source, blocking, violations
from page_checks import sign_in
from screens import SIZES, reviewed_article, signed_in_pages
from test_export_world import build_world, export_bytes

from factcheck.exports import ExportFilters

SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.fixture(scope="module")
def work(demo_articles):
    return reviewed_article(demo_articles["path"])


def _check(page, axe, name: str, found: dict) -> None:
    # Folded parts of the page (panel forms, earlier verdicts, removals) are checked open.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    problems = blocking(violations(page, axe))
    if problems:
        found[name] = problems


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_has_a_serious_accessibility_problem(browser, base_url, work, axe, scheme, size):
    found = {}
    options = {"base_url": base_url, "viewport": SIZES[size], "color_scheme": scheme}
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.goto("/sign-in")
        _check(page, axe, "sign-in", found)
        sign_in(page, base_url, "ed")
        for name, path in signed_in_pages(work).items():
            response = page.goto(path)
            assert response.status == (404 if name == "not found" else 200), name
            _check(page, axe, name, found)
        page.goto("/")
        page.keyboard.press("?")
        page.locator("#keyboard-help").wait_for()
        _check(page, axe, "keyboard help", found)
        if size == "phone":
            page.goto("/queue")
            page.get_by_role("button", name="Menu").click()
            _check(page, axe, "open menu", found)
        context.close()

        context = browser.new_context(**options)
        page = context.new_page()
        sign_in(page, base_url, "ada")
        assert page.goto("/admin/users").status == 200
        _check(page, axe, "admin", found)
        page.goto(f"/articles/{work['article']}")
        page.locator(f"#claim-{work['untouched']}").click()
        page.locator(f'#claim-panel .panel[data-claim-id="{work["untouched"]}"]').wait_for()
        _check(page, axe, "article with a fresh claim open", found)
    finally:
        context.close()
    assert found == {}


def test_a_report_of_several_articles_has_no_accessibility_problem(browser, axe, tmp_path):
    """Each article's parts of a printable report are named for their article, so a screen
    reader's list of landmarks tells one article's "What we checked" from another's."""
    world = build_world(tmp_path / "report.db")
    report = export_bytes(world, "html", ExportFilters()).decode()
    page = browser.new_page()
    try:
        page.set_content(report)
        assert page.locator("article.story").count() > 1
        assert violations(page, axe) == []
    finally:
        page.close()
