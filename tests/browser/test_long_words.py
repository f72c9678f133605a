"""A word longer than a line (a headline pasted as one run of letters, a title, a source's address)
breaks where it has to on every page that shows it: at a phone's 390 px nothing scrolls sideways
and the claim panel keeps the window's width, and on a laptop the headline stays clear of the
panel. No box that shows the word is wider than the room it is given."""

import uuid

import pytest
from page_checks import sign_in
from screens import SIZES

from factcheck import db as database
from factcheck import job_progress, library_formats
from factcheck.ingest import ingest_text
from factcheck.store import bulk, claim_reads, comments, evidence, users
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM

WORD = "Supercalifragilistic" * 15

# Every box on the page that shows the word and is wider inside than it is drawn: text that runs
# out of its box, under its neighbours or out of the window. A box that cuts its text short with
# an ellipsis on purpose is left alone, as is text hidden from sight.
SPILLING = """(word) => {
  const spilling = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!element.textContent.includes(word)) continue;
    if (element.closest(".visually-hidden, [hidden], select, datalist, script, template")) continue;
    const style = getComputedStyle(element);
    if (style.display === "inline" || style.display === "none") continue;
    if (style.textOverflow === "ellipsis") continue;
    if (element.scrollWidth > element.clientWidth + 1) {
      spilling.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth} > ${element.clientWidth}`);
    }
  }
  return spilling;
}"""

# The right edge of the text an element holds.
TEXT_RIGHT = """(element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().right;
}"""


@pytest.fixture(scope="module")
def long_words(demo_articles) -> dict:
    """An article whose headline is one long word, its headline claim assigned to ed by eve (so
    it is on his dashboard and in his inbox) and mentioning him in a comment by someone with a
    long name, a source whose archived copy is titled with the
    word, a library fact-check full of it, and an import held as a near copy of the article."""
    marker = uuid.uuid4().hex[:8]
    body = (
        f"Long title word {WORD}\n\n"
        f"{WORD} council said 40 percent of its roads were repaired in 2023, ref {marker}.\n"
    )
    db = database.connect(demo_articles["path"])
    try:
        article_id = ingest_text(db, body).article_id
        units = claim_reads.claims_for_article(db, article_id)
        headline = next(unit for unit in units if unit["section"] == "headline")
        claim = next(unit for unit in units if unit["section"] == "body")
        eve = users.actor_for(db, "eve")
        bulk.bulk_update(db, [headline["id"]], action="assign", value="ed", actor=eve)
        # Names of ordinary words, but long: who mentioned ed, and when, must still fit a phone.
        long_name = users.add_user(
            db,
            f"long{marker}",
            role="reviewer",
            password="a long enough password",
            display_name="Alexandra Konstantinopoulou-Wojciechowska",
            actor=SYSTEM,
        )
        comments.add_comment(
            db,
            headline["id"],
            body=f"Could you look at this one, @ed? https://www.example.org/{WORD}/{marker}",
            actor=users.actor_for(db, long_name["username"]),
        )
        url = f"https://www.example.org/{WORD}/{marker}"
        evidence.add_evidence(db, claim["id"], url=url, stance="supports", actor=eve)
        snapshot = evidence.record_snapshot(
            db,
            url,
            actor=eve,
            status="archived",
            http_status=200,
            content_type="text/html",
            content_sha256="0" * 64,
            title=f"Bulletin {WORD}",
            text=f"The roads in {WORD} were repaired.",
        )
        record = {
            "external_id": f"long-{marker}",
            "claim": f"Roads in {WORD} were repaired",
            "title": f"Were the roads in {WORD} repaired?",
            "publisher": f"Checkers of {WORD}",
            "url": f"https://checks.example/{WORD}",
        }
        library_store.import_records(
            db,
            [library_formats.Parsed("line 2", record=record)],
            actor=SYSTEM,
            source="long.csv",
            file_format="csv",
        )
        library_id = db.execute(
            "SELECT id FROM library_items WHERE external_id = ?", [record["external_id"]]
        ).fetchone()[0]
    finally:
        db.close()
    job_id = str(uuid.uuid4())
    job_progress.set_owner(job_id, "ed")
    title = f"Long title word {WORD}"
    near = {"id": article_id, "title": title, "resemblance": 0.93, "imported_at": "2026-01-01"}
    job_progress.hold(job_id, "import_text", (), {}, near_copies=[near])
    return {
        "article": article_id,
        "headline": headline["id"],
        "claim": claim["id"],
        "pages": {
            "dashboard": "/",
            "article": f"/articles/{article_id}",
            "article with its headline claim open": f"/articles/{article_id}?claim={headline['id']}",
            "article with a body claim open": f"/articles/{article_id}?claim={claim['id']}",
            "claim permalink": f"/claims/{headline['id']}",
            "queue": f"/queue?q={marker}",
            "queue of the article": f"/queue?article={article_id}",
            "queue, assigned to me": "/queue?assignee=me",
            "inbox": "/inbox",
            "library": "/library",
            "library item": f"/library/{library_id}",
            "snapshot": f"/snapshots/{snapshot['id']}",
            "import held as a near copy": f"/imports/{job_id}",
        },
    }


@pytest.mark.parametrize("size", SIZES)
def test_a_long_word_breaks_instead_of_widening_any_page(browser, base_url, long_words, size):
    context = browser.new_context(base_url=base_url, viewport=SIZES[size])
    try:
        page = context.new_page()
        sign_in(page, base_url, "ed")
        wide, spilling = {}, {}
        for name, path in long_words["pages"].items():
            assert page.goto(path).status == 200, name
            assert WORD[:40] in page.locator("body").inner_text(), f"{name} shows no long word"
            wide[name] = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
            spilling[name] = page.evaluate(SPILLING, WORD[:40])
    finally:
        context.close()
    assert {name: px for name, px in wide.items() if px > 0} == {}
    assert {name: boxes for name, boxes in spilling.items() if boxes} == {}


def test_on_a_phone_the_panel_of_a_long_headline_keeps_the_windows_width(
    browser, base_url, long_words
):
    context = browser.new_context(base_url=base_url, viewport=SIZES["phone"])
    try:
        page = context.new_page()
        sign_in(page, base_url, "rita")
        page.goto(long_words["pages"]["article with its headline claim open"])
        panel = page.locator("#claim-panel")
        box = panel.bounding_box()
        assert box["x"] == 0 and box["width"] == SIZES["phone"]["width"]
        assert panel.evaluate("element => element.scrollWidth - element.clientWidth") <= 0
        quote = panel.locator(".panel-quote")
        assert WORD[:60] in quote.inner_text().replace("\n", "")
        # The whole word is in sight, broken over lines.
        assert quote.evaluate(TEXT_RIGHT) <= SIZES["phone"]["width"]
    finally:
        context.close()


def test_on_a_laptop_the_headline_stays_clear_of_the_panel(browser, base_url, long_words):
    context = browser.new_context(base_url=base_url, viewport=SIZES["laptop"])
    try:
        page = context.new_page()
        sign_in(page, base_url, "rita")
        page.goto(long_words["pages"]["article"])
        words_right = page.locator("#article-heading").evaluate(TEXT_RIGHT)
        assert words_right <= page.locator("aside.side").bounding_box()["x"]
        reading = page.locator(".reading")
        assert reading.evaluate("element => element.scrollWidth - element.clientWidth") <= 0
    finally:
        context.close()
