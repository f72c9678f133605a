"""The HTML report of right-to-left text: an Arabic article laid out from the right, and each
quoted claim keeping its own direction inside text that runs the other way."""

import lxml.html
import pytest
from helpers import RATIONALE, add_people, new_database
from test_export_world import World, checkable, export_bytes, publish

from factcheck.exports import ExportFilters
from factcheck.ingest import ingest_text

ARABIC = (
    "حريق في مستودع الميناء يدمر 40 طنا من الحبوب\n\n"
    "قالت سلطة الميناء إن الحريق دمر 40 طنا من الحبوب المخزنة ليلة الجمعة.\n\n"
    "وأمضى رجال الإطفاء ست ساعات في السيطرة عليه. وقال المحافظ إن 23 شخصا نقلوا إلى المستشفى.\n"
)
MIXED = (
    "Harbour fire: what the port authority said\n\n"
    "The port authority said 40 tonnes of grain were destroyed on Friday night.\n\n"
    "The governor told reporters: قال المحافظ إن 23 شخصا نقلوا إلى المستشفى يوم السبت."
    " Officials later said the number was 19.\n"
)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = new_database(tmp_path_factory.mktemp("direction") / "direction.db")
    people = add_people(db)
    arabic = ingest_text(db, ARABIC).article_id
    mixed = ingest_text(db, MIXED).article_id
    sources = [("https://port.example/log", "supports", "Estimated loss: 40 t")]
    for article_id in (arabic, mixed):
        claim = next(c for c in checkable(db, article_id) if "23" in c["text"])
        publish(db, people, claim["id"], "Accurate", RATIONALE, sources)
    return World(db, people, arabic, mixed, *([0] * 6))


def _page(world: World, article_id: int | None = None) -> lxml.html.HtmlElement:
    filters = ExportFilters(article_id=article_id)
    return lxml.html.fromstring(export_bytes(world, "html", filters).decode())


def _claim_quotes(page: lxml.html.HtmlElement) -> list:
    """Every place the report quotes a claim: in the article text, on its card and in the list of
    claims not yet published."""
    return page.cssselect("mark.claim, blockquote.claim-text, .pending li bdi")


def test_an_arabic_article_is_laid_out_right_to_left(world):
    page = _page(world, world.sample_article)
    assert page.get("dir") == "rtl" and page.get("lang") == "en"
    (text,) = page.cssselect(".story-text")
    assert (text.get("lang"), text.get("dir")) == ("ar", "rtl")
    assert page.cssselect(".story h2")[0].get("dir") == "rtl"
    quotes = _claim_quotes(page)
    assert {quote.tag for quote in quotes} == {"mark", "blockquote", "bdi"}
    assert all(quote.tag == "bdi" or quote.get("dir") == "auto" for quote in quotes)


def test_an_arabic_claim_in_an_english_article_keeps_its_own_direction(world):
    page = _page(world, world.harbour_article)
    assert page.get("dir") is None
    (text,) = page.cssselect(".story-text")
    assert (text.get("lang"), text.get("dir")) == ("en", None)
    (mark,) = [m for m in page.cssselect("mark.claim") if "المحافظ" in m.text_content()]
    assert mark.get("dir") == "auto"
    # The claim's number follows the mark, outside it, where its direction cannot move it.
    assert mark.getnext().get("class") == "ref"
    assert all(quote.tag == "bdi" or quote.get("dir") == "auto" for quote in _claim_quotes(page))


def test_a_report_of_several_articles_turns_only_the_arabic_one_right_to_left(world):
    page = _page(world)
    assert page.get("dir") is None
    directions = {text.get("lang"): text.get("dir") for text in page.cssselect(".story-text")}
    assert directions == {"ar": "rtl", "en": None}
