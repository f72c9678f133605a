"""An Arabic article in a real browser: its text runs right to left (lines start at the right, the
full stop at the left end of the sentence), a claim quoted in the panel, the ranked list and the
queue keeps its full stop where Arabic puts it, the panel's quotation bar moves to the side its
lines start from, and the workbench's own words stay left to right."""

import pytest
from page_checks import assert_no_problems
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads, users, verdicts

SENTENCE = "قالت الوزارة إن عدد السكان ارتفع بنسبة 3.5 في المئة في عام 2023."
ARABIC = f"عنوان المقال عن السكان\n\n{SENTENCE}\n\nوأضاف الوزير أن البطالة انخفضت إلى 7 في المئة.\n"

# Where the text's full stop is drawn against the text around it: "start" when it is at the left
# end of its line (as in Arabic), "end" when at the right end (as in English).
FULL_STOP_SIDE = """(element) => {
  const text = element.textContent.trimEnd();
  const node = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last = null, offset = 0, seen = 0;
  while (node.nextNode()) {
    const value = node.currentNode.nodeValue;
    if (seen + value.length >= text.length) { last = node.currentNode; offset = text.length - seen - 1; break; }
    seen += value.length;
  }
  const stop = document.createRange();
  stop.setStart(last, offset);
  stop.setEnd(last, offset + 1);
  if (stop.toString() !== ".") return "not a full stop: " + stop.toString();
  const dot = stop.getBoundingClientRect();
  const all = document.createRange();
  all.selectNodeContents(element);
  // The text's boxes on the full stop's line.
  const boxes = Array.from(all.getClientRects()).filter(
    box => box.width > 0 && Math.abs(box.top - dot.top) < dot.height);
  const left = Math.min(...boxes.map(box => box.left));
  const right = Math.max(...boxes.map(box => box.right));
  if (dot.left - left < 1) return "left";
  if (right - dot.right < 1) return "right";
  return `in the middle (${dot.left} between ${left} and ${right})`;
}"""


@pytest.fixture(scope="module")
def arabic(demo_articles) -> dict:
    db = database.connect(demo_articles["path"])
    try:
        article_id = ingest_text(db, ARABIC).article_id
        units = claim_reads.claims_for_article(db, article_id)
        claim = next(unit for unit in units if unit["text"] == SENTENCE)
        # The other sentence has a verdict being written, so its mark carries a label.
        labelled = units[-1]
        verdicts.set_verdict(
            db,
            labelled["id"],
            rating="accurate",
            rationale="The ministry's bulletin gives the same figure.",
            actor=users.actor_for(db, "rita"),
        )
    finally:
        db.close()
    return {"article": article_id, "claim": claim["id"], "labelled": labelled["id"]}


def _style(locator, prop: str) -> str:
    return locator.evaluate(f"element => getComputedStyle(element).{prop}")


def test_an_arabic_article_reads_right_to_left_beside_an_english_panel(watched_page, arabic):
    page = watched_page
    page.goto(f"/articles/{arabic['article']}?claim={arabic['claim']}")
    sentence = page.locator(f"#claim-{arabic['claim']}")
    expect(sentence).to_have_text(SENTENCE)

    body = page.locator(".article-body")
    assert _style(body, "direction") == "rtl"
    assert sentence.evaluate(FULL_STOP_SIDE) == "left"
    # Its lines start at the right: the short sentence sits against the right edge.
    text_box, body_box = sentence.bounding_box(), body.bounding_box()
    assert abs(text_box["x"] + text_box["width"] - (body_box["x"] + body_box["width"])) < 2
    assert text_box["x"] > body_box["x"] + 40
    headline = page.locator("#article-heading")
    assert _style(headline, "direction") == "rtl"
    # A mark's label follows its claim: to its left, with the gap on the claim's side.
    label = page.locator(f"#claim-{arabic['labelled']}")
    expect(label).to_have_attribute("data-label", "in progress")
    after = label.evaluate(
        "unit => [getComputedStyle(unit, '::after').marginLeft,"
        " getComputedStyle(unit, '::after').marginRight]"
    )
    assert after == ["0px", "5px"]

    quote = page.locator("#claim-panel .panel-quote")
    expect(quote).to_have_text(SENTENCE)
    assert _style(quote, "direction") == "rtl"
    assert quote.evaluate(FULL_STOP_SIDE) == "left"
    # The quotation's bar is on the side its lines start from: the right.
    assert _style(quote, "borderRightWidth") == "3px"
    assert _style(quote, "borderLeftWidth") == "0px"

    ranked = page.locator(f"#ranked-{arabic['claim']} .rank-text")
    assert _style(ranked, "direction") == "rtl"
    assert ranked.evaluate(FULL_STOP_SIDE) == "left"

    # The workbench's own words stay left to right.
    for own in (".topbar", ".article-head .meta", ".legend", "#claim-panel .panel-nav", ".facts"):
        assert _style(page.locator(own).first, "direction") == "ltr", own
    assert_no_problems(page)


def test_the_queue_keeps_an_arabic_claims_full_stop_at_its_end(watched_page, arabic):
    page = watched_page
    page.goto(f"/queue?article={arabic['article']}")
    link = page.locator(f"#c{arabic['claim']}")
    expect(link).to_have_text(SENTENCE)
    assert link.evaluate(FULL_STOP_SIDE) == "left"
    expect(link).to_have_attribute("lang", "ar")
    assert_no_problems(page)
