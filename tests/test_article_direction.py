"""Arabic and Hebrew articles on the workbench: the article's headline and text carry its language
and run right to left, every quotation of a claim (the panel, the ranked list, the queue, the
dashboard, the library) isolates its own direction and names its language, and the workbench's own
words around them stay English, left to right."""

from helpers import HX, fragment, hx_post, parse, words

from factcheck import library_formats
from factcheck.store import bulk, claim_reads, comments, evidence, verdicts
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.store.users import actor_for

ARABIC = (
    "عنوان المقال عن السكان\n\n"
    "قالت الوزارة إن عدد السكان ارتفع بنسبة 3.5 في المئة في عام 2023.\n\n"
    "وأضاف الوزير أن البطالة انخفضت إلى 7 في المئة خلال العام الماضي.\n"
)
HEBREW = (
    "כותרת הכתבה על האוכלוסייה\n\n"
    "המשרד אמר כי האוכלוסייה גדלה ב-3.5 אחוזים בשנת 2023.\n\n"
    "השר הוסיף כי האבטלה ירדה ל-7 אחוזים בשנה שעברה.\n"
)
ENGLISH = (
    "Council cuts 40 bus routes\n\n"
    "The council said on Monday it would cut 40 of its 212 bus routes by June.\n\n"
    "Fares rose by 14 percent last year, according to the transport office.\n"
)
# Too little text to tell its language.
UNKNOWN = "Vote 2024\n\nTurnout 71%, up 4.\n"


def claims_of(app_db, article_id: int) -> list[dict]:
    units = claim_reads.claims_for_article(app_db, article_id)
    return [unit for unit in units if unit["kind"] == "claim" and unit["section"] == "body"]


def test_an_arabic_article_runs_right_to_left_inside_an_english_page(client, make_article):
    article_id = make_article(ARABIC)
    page = parse(client.get(f"/articles/{article_id}"))
    assert page.get("lang") == "en" and page.get("dir") in (None, "ltr")
    headline = page.get_element_by_id("article-heading")
    assert (headline.get("lang"), headline.get("dir")) == ("ar", "rtl")
    body = page.cssselect(".article-body")[0]
    assert (body.get("lang"), body.get("dir")) == ("ar", "rtl")
    assert "قالت الوزارة" in words(body)
    # The workbench's own words around the text keep the page's language and direction.
    own = page.cssselect(".topbar, .crumbs, .meta, .legend, .export-form, .side, .panel-nav")
    assert len(own) >= 6
    for element in own:
        around = [element, *element.iterancestors()]
        assert [el.get("dir") for el in around if el.get("dir")] == []
        assert [el.get("lang") for el in around if el.get("lang")] == ["en"]


def test_each_quoted_claim_beside_the_text_isolates_its_direction(client, app_db, make_article):
    article_id = make_article(ARABIC)
    claim = claims_of(app_db, article_id)[0]
    page = parse(client.get(f"/articles/{article_id}?claim={claim['id']}"))
    quote = page.cssselect("#claim-panel .panel-quote")[0]
    assert (quote.get("dir"), quote.get("lang")) == ("auto", "ar")
    assert words(quote) == claim["text"]
    ranked = page.cssselect("#ranked-claims .rank-text")
    assert ranked and all((row.get("dir"), row.get("lang")) == ("auto", "ar") for row in ranked)
    # The panel's facts and forms around the quotation stay the page's.
    assert page.cssselect("#claim-panel .panel")[0].get("dir") is None


def test_the_panel_alone_and_after_a_write_quote_the_claim_in_its_language(
    client, app_db, people, make_article
):
    article_id = make_article(HEBREW)
    claim = claims_of(app_db, article_id)[0]
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    quote = panel.cssselect(".panel-quote")[0]
    assert (quote.get("dir"), quote.get("lang")) == ("auto", "he")

    answer = fragment(
        hx_post(
            client,
            f"/claims/{claim['id']}/assign",
            {"expected_version": claim["version"], "assignee": "rita"},
        )
    )
    assert answer.cssselect(".panel-quote")[0].get("lang") == "he"
    row = answer.get_element_by_id(f"ranked-{claim['id']}")
    assert [(t.get("dir"), t.get("lang")) for t in row.cssselect(".rank-text")] == [("auto", "he")]


def test_an_english_article_is_marked_left_to_right_and_an_unknown_one_finds_its_own_way(
    client, app_db, make_article
):
    english = parse(client.get(f"/articles/{make_article(ENGLISH)}"))
    body = english.cssselect(".article-body")[0]
    assert (body.get("lang"), body.get("dir")) == ("en", "ltr")

    article_id = make_article(UNKNOWN)
    assert (
        app_db.execute("SELECT language FROM articles WHERE id = ?", [article_id]).fetchone()[0]
        is None
    )
    unknown = parse(client.get(f"/articles/{article_id}"))
    for part in (
        unknown.get_element_by_id("article-heading"),
        unknown.cssselect(".article-body")[0],
    ):
        assert (part.get("lang"), part.get("dir")) == (None, "auto")
    for quoted in unknown.cssselect(".rank-text, .panel-quote"):
        assert (quoted.get("lang"), quoted.get("dir")) == (None, "auto")


def test_the_queue_names_a_claims_language_where_it_is_not_the_pages(client, app_db, make_article):
    arabic_id = make_article(ARABIC)
    english_id = make_article(ENGLISH)
    for article_id, expected in ((arabic_id, "ar"), (english_id, None)):
        page = parse(client.get(f"/queue?article={article_id}"))
        links = page.cssselect("#queue-table a.queue-claim")
        assert links and all(link.get("lang") == expected for link in links)


def test_the_dashboard_quotes_claims_assigned_to_you_in_their_language(
    client_as, app_db, people, make_article
):
    article_id = make_article(ARABIC)
    claim = claims_of(app_db, article_id)[0]
    bulk.bulk_update(app_db, [claim["id"]], action="assign", value="rita", actor=people["ed"])
    page = parse(client_as("rita").get("/"))
    section = page.cssselect('section[aria-labelledby="assigned-heading"]')[0]
    link = section.cssselect("a.work-claim")[0]
    assert (link.get("dir"), link.get("lang")) == ("auto", "ar")
    assert words(link) == claim["text"]


def test_the_library_quotes_a_fact_check_in_its_own_language(client, app_db, people):
    parsed = [
        library_formats.Parsed(
            "line 2",
            record={
                "external_id": "ar-1",
                "claim": "ارتفع عدد السكان بنسبة 3.5 في المئة.",
                "title": "السكان",
                "language": "ar",
            },
        )
    ]
    library_store.import_records(app_db, parsed, actor=SYSTEM, source="ar.csv", file_format="csv")
    listed = parse(client.get("/library")).cssselect(".library-list .library-claim")
    assert [(link.get("dir"), link.get("lang")) for link in listed] == [("auto", "ar")]
    item = parse(client.get(listed[0].get("href")))
    quote = item.cssselect(".library-item-claim")[0]
    assert (quote.get("dir"), quote.get("lang")) == ("auto", "ar")


# Fields whose value is a name or a code typed in Latin letters, never free text.
NOT_FREE_TEXT = {"username", "record"}
CODED_TYPES = {"hidden", "checkbox", "radio", "submit", "button", "password", "file", "url"}


def free_text_fields(page) -> list:
    fields = page.cssselect("textarea") + [
        field
        for field in page.cssselect("input")
        if (field.get("type") or "text") not in CODED_TYPES
        and field.get("name") not in NOT_FREE_TEXT
    ]
    return fields


def test_every_free_text_field_takes_the_direction_of_what_is_typed(
    client, client_as, app_db, make_article
):
    # QA: Arabic typed into the rationale ran left to right, its full stop at its start.
    article_id = make_article(ARABIC)
    claim = claims_of(app_db, article_id)[0]
    pages = {
        "panel": (client, f"/articles/{article_id}?claim={claim['id']}"),
        "queue": (client, "/queue"),
        "library": (client, "/library"),
        "import": (client_as("ed"), "/"),
        "article details": (client_as("ed"), f"/articles/{article_id}/details"),
        "people": (client_as("ada"), "/admin/users"),
    }
    names = set()
    for what, (test_client, path) in pages.items():
        fields = free_text_fields(parse(test_client.get(path)))
        assert fields, what
        for field in fields:
            assert field.get("dir") == "auto", (what, field.get("id"))
            names.add(field.get("name"))
    assert {"rationale", "quote", "note", "comment", "reason", "q"} <= names


def test_saved_free_text_is_shown_in_its_own_direction(client, app_db, make_article):
    article_id = make_article(ARABIC)
    claim = claims_of(app_db, article_id)[0]
    rita = actor_for(app_db, "rita")
    said = "تقول وزارة العمل إن 320 ألف شخص فقدوا وظائفهم في العام الماضي وفق النشرة."
    evidence.add_evidence(
        app_db,
        claim["id"],
        url="https://example.org/a",
        stance="supports",
        actor=rita,
        quote=said,
        note=said,
    )
    comments.add_comment(app_db, claim["id"], body=said, actor=rita)
    verdicts.set_verdict(app_db, claim["id"], rating="accurate", rationale=said, actor=rita)
    verdicts.submit_for_review(app_db, claim["id"], actor=rita)  # its rationale shown as text
    page = parse(client.get(f"/articles/{article_id}?claim={claim['id']}"))
    for selector in (".evidence-quote", ".evidence-note", ".comment-body", "p.rationale"):
        shown = page.cssselect(f"#claim-panel {selector}")
        assert shown and all(element.get("dir") == "auto" for element in shown), selector
