"""In a real browser: pasting a story nearly the same as one already imported is held back with a
link to the earlier one, and "Import anyway" imports it."""

import re

from helpers import SAMPLE_ARTICLE
from page_checks import assert_no_problems
from playwright.sync_api import expect


def test_a_near_copy_is_held_back_until_import_anyway(watched_page, article):
    page = watched_page
    republished = (
        SAMPLE_ARTICLE.replace(
            "The mood in the town was calm.",
            "Residents queued for sandbags outside the town hall until late on Tuesday evening.",
        )
        + "\nRepublished by the browser test."
    )
    page.goto("/import")
    page.get_by_label("Article text").fill(republished)
    page.get_by_role("button", name="Import", exact=True).click()
    warning = page.locator("[data-near-copies]")
    expect(warning).to_contain_text("nearly the same as")
    expect(warning.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/articles/\d+$")
    )
    expect(page.get_by_label("Article text")).to_have_value(republished)
    page.get_by_role("button", name="Import anyway").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert int(page.url.rsplit("/", 1)[1]) > article["id"]
    assert_no_problems(page)
