"""In a real browser: pasting a story nearly the same as one already imported is held back with a
link to the earlier one, and "Import anyway" imports it (an uploaded file too, without choosing
it again); a background import (a URL, a big text) is held the same way in its progress."""

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


def test_an_uploaded_near_copy_is_imported_anyway_in_one_press(watched_page, article):
    # The file input is empty once the warning is swapped in: "Import anyway" sends the file the
    # warning kept, with no need to choose it again.
    page = watched_page
    republished = (
        SAMPLE_ARTICLE.replace(
            "The mood in the town was calm.",
            "Residents queued for sandbags outside the town hall until late on Tuesday evening.",
        )
        + "\nUploaded again by the browser test."
    )
    page.goto("/import")
    page.locator("label[for=import-source-file]").click()
    page.set_input_files(
        "#import-file",
        {"name": "again.txt", "mimeType": "text/plain", "buffer": republished.encode()},
    )
    page.get_by_role("button", name="Import", exact=True).click()
    warning = page.locator("[data-near-copies]")
    expect(warning).to_contain_text("the file you chose, again.txt, is kept in this form")
    expect(warning.get_by_role("button", name="Cancel")).to_be_visible()
    assert page.locator("#import-file").evaluate("input => input.files.length") == 0
    assert_no_problems(page)
    warning.get_by_role("button", name="Import anyway").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert int(page.url.rsplit("/", 1)[1]) > article["id"]


def test_a_near_copy_in_a_background_import_is_held_until_import_anyway(
    watched_page, article, monkeypatch
):
    from factcheck.views import imports

    # Every paste runs as a background job, as a URL import or a big text does: the warning and
    # its buttons come in the job's progress, not in the form.
    monkeypatch.setattr(imports, "DIRECT_IMPORT_MAX_BYTES", 10)
    page = watched_page
    republished = (
        SAMPLE_ARTICLE.replace(
            "The mood in the town was calm.",
            "Residents queued for sandbags outside the town hall until late on Tuesday evening.",
        )
        + "\nRepublished in the background by the browser test."
    )
    page.goto("/import")
    page.get_by_label("Article text").fill(republished)
    page.get_by_role("button", name="Import", exact=True).click()
    area = page.locator("#import-area[data-job-stage=held]")
    expect(area.get_by_role("heading")).to_have_text("Nearly the same as an earlier article")
    warning = area.locator("[data-near-copies]")
    expect(warning.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/articles/\d+$")
    )
    expect(warning.get_by_role("button", name="Cancel")).to_be_visible()
    assert_no_problems(page)
    warning.get_by_role("button", name="Import anyway").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert int(page.url.rsplit("/", 1)[1]) > article["id"]
