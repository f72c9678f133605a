"""The read-only pages: dashboard, article page, claim panel, their JSON twins, errors, health."""

import json
import re

import lxml.html
import pytest
from helpers import HX, SCRIPT, parse

from factcheck.app import HTMX_VERSION, create_app
from factcheck.store import articles as article_store
from factcheck.store import claim_reads

FLOOD = (
    "River breaks its banks in Eastford\n\n"
    "Residents were told to leave by noon\n\n"
    "The river rose 2.4 metres overnight, the council said. Forty homes were flooded.\n"
    "Photo: the high street under water\n\n"
    "Read more: our coverage of last year's storms"
)
FLOOD_UNITS = [
    ("River breaks its banks in Eastford", "headline", "claim", None, 0.4),
    ("Residents were told to leave by noon", "standfirst", "claim", None, 0.3),
    ("The river rose 2.4 metres overnight, the council said.", "body", "claim", None, 0.9),
    ("Forty homes were flooded.", "body", "claim", None, 0.6),
    ("Photo: the high street under water", "body", "not_a_claim", "photo caption", 0.0),
    ("Read more: our coverage of last year's storms", "body", "not_a_claim", "promo", 0.0),
]


def text_of(element) -> str:
    return element.text_content()


@pytest.fixture
def flood(store_article):
    return store_article(FLOOD, FLOOD_UNITS, title="Stored title", publisher="Eastford Echo")


def test_the_dashboard_says_what_to_do_when_there_are_no_articles(client):
    page = parse(client.get("/"))
    empty = page.cssselect(".empty-state")[0]
    assert "No articles yet" in text_of(empty)
    assert "factcheck import FILE|URL|-" in text_of(empty)


def test_the_dashboard_lists_articles_with_claims_and_progress(client, make_article, app_db):
    article_id = make_article()
    row = article_store.list_articles(app_db)[0]
    page = parse(client.get("/"))
    link = page.cssselect(f'a[href="/articles/{article_id}"]')[0]
    assert text_of(link) == row["title"]
    cells = page.cssselect(".articles-table tbody tr")[0].cssselect("td")
    assert text_of(cells[3]).split()[0] == str(row["claims"])
    moment = page.cssselect(".articles-table time")[0]
    assert moment.get("datetime") == row["imported_at"]
    assert text_of(moment) == "just now"
    bar = page.cssselect(".articles-summary .progress-bar")[0]
    assert f"{row['unreviewed']} unreviewed" in bar.get("aria-label")


def test_htmx_gets_the_article_table_alone_but_a_boosted_link_gets_the_page(client, make_article):
    make_article()
    fragment = client.get("/", headers=HX).get_data(as_text=True)
    assert "<html" not in fragment and "articles-table" in fragment
    boosted = client.get("/", headers={**HX, "HX-Boosted": "true"}).get_data(as_text=True)
    assert "<html" in boosted and "articles-table" in boosted


def test_articles_json_is_the_article_list(client, make_article, app_db):
    make_article()
    response = client.get("/articles.json")
    assert response.mimetype == "application/json"
    assert response.get_json() == article_store.list_articles(app_db)


def test_every_unit_wraps_exactly_its_slice_of_the_body(client, make_article, app_db):
    article_id = make_article()
    article = article_store.get_article(app_db, article_id)
    units = claim_reads.claims_for_article(app_db, article_id)
    page = parse(client.get(f"/articles/{article_id}"))
    for unit in units:
        span = page.get_element_by_id(f"claim-{unit['id']}")
        if unit["kind"] == "claim":  # j and k reach claims; Tab reaches the units set aside
            assert span.tag == "span" and span.get("tabindex") == "-1"
        else:
            assert span.tag == "a" and span.get("tabindex") is None
        assert span.get("data-claim-id") == str(unit["id"])
        assert text_of(span) == article["body"][unit["start"] : unit["end"]]


def test_paragraphs_follow_the_blank_lines_and_the_headline_is_the_heading(client, flood):
    page = parse(client.get(f"/articles/{flood}"))
    assert text_of(page.cssselect("h1")[0]) == "River breaks its banks in Eastford"
    paragraphs = page.cssselect(".article-body p.para")
    assert [text_of(p) for p in paragraphs] == [chunk for chunk in FLOOD.split("\n\n")[1:]]
    assert "standfirst" in paragraphs[0].get("class")


def test_an_article_without_a_headline_unit_uses_its_title(client, store_article):
    article_id = store_article("Just one sentence here.", [], title="The stored title")
    page = parse(client.get(f"/articles/{article_id}"))
    assert text_of(page.cssselect("h1")[0]) == "The stored title"
    assert text_of(page.cssselect(".article-body")[0]).strip() == "Just one sentence here."


def test_non_claims_are_muted_with_their_reason_and_left_out_of_the_ranking(client, flood):
    page = parse(client.get(f"/articles/{flood}"))
    muted = page.cssselect(".unit.is-not-claim")
    assert [span.get("data-label") for span in muted] == ["photo caption", "promo"]
    ranked = [text_of(a.cssselect(".rank-text")[0]) for a in page.cssselect(".ranked-claim")]
    assert ranked == [
        text
        for text, _, kind, _, _ in sorted(FLOOD_UNITS, key=lambda spec: -spec[4])
        if kind == "claim"
    ]


def test_claims_carry_their_status_in_words_not_only_colour(client, flood):
    page = parse(client.get(f"/articles/{flood}"))
    for link in page.cssselect(".ranked-claim"):
        assert text_of(link.cssselect(".status-text")[0]) == "Unreviewed"
    for span in page.cssselect(".unit.is-claim"):
        assert "status-unreviewed" in span.get("class")


def test_the_metadata_line_links_the_source_safely(client, store_article):
    article_id = store_article(
        "A sentence.",
        [],
        title="T",
        publisher="Eastford Echo",
        author="Sam Reporter",
        published_date="2025-03-14",
        source_url="https://news.example/story",
    )
    page = parse(client.get(f"/articles/{article_id}"))
    meta = text_of(page.cssselect(".meta")[0])
    for part in ("Eastford Echo", "Sam Reporter", "2025-03-14"):
        assert part in meta
    source = page.cssselect('.meta a[href="https://news.example/story"]')[0]
    assert set(source.get("rel").split()) == {"noopener", "noreferrer", "nofollow"}


def test_the_claim_query_selects_a_claim_and_shows_its_panel(client, flood, app_db):
    units = claim_reads.claims_for_article(app_db, flood)
    chosen = units[3]
    page = parse(client.get(f"/articles/{flood}?claim={chosen['id']}"))
    assert page.get_element_by_id(f"claim-{chosen['id']}").get("aria-current") == "true"
    assert len(page.cssselect('#article-text [aria-current="true"]')) == 1
    current = page.cssselect('.ranked-claim[aria-current="true"]')
    assert [link.get("data-select-claim") for link in current] == [str(chosen["id"])]
    panel = page.get_element_by_id("claim-panel")
    assert text_of(panel.cssselect(".panel-quote")[0]) == chosen["text"]
    assert "Claim 4 of 4" in text_of(panel)


def test_without_a_selection_the_panel_says_how_to_start(client, flood):
    panel = parse(client.get(f"/articles/{flood}")).get_element_by_id("claim-panel")
    assert "Press j" in " ".join(text_of(panel).split())
    assert not parse(client.get(f"/articles/{flood}")).cssselect('[aria-current="true"].unit')


def test_the_panel_endpoint_returns_the_fragment_for_htmx(client, flood, app_db):
    units = claim_reads.claims_for_article(app_db, flood)
    response = client.get(f"/claims/{units[2]['id']}/panel", headers=HX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<body" not in html
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    assert fragment.cssselect(".panel")[0].get("data-claim-id") == str(units[2]["id"])
    assert "Claim 3 of 4" in text_of(fragment)
    steps = {
        a.get("aria-keyshortcuts"): a.get("data-select-claim") for a in fragment.cssselect("a.step")
    }
    assert steps == {"k": str(units[1]["id"]), "j": str(units[3]["id"])}


def test_the_panel_of_a_non_claim_says_why_it_is_not_one(client, flood, app_db):
    caption = claim_reads.claims_for_article(app_db, flood)[4]
    html = client.get(f"/claims/{caption['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Not a claim" in html and "photo caption" in html


def test_a_browser_asking_for_a_panel_or_a_claim_is_sent_to_the_article(client, flood, app_db):
    claim = claim_reads.claims_for_article(app_db, flood)[2]
    for path in (f"/claims/{claim['id']}/panel", f"/claims/{claim['id']}"):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["Location"] == f"/articles/{flood}?claim={claim['id']}"


def test_article_json_is_what_the_cli_prints(client, flood, app):
    from click.testing import CliRunner

    from factcheck.cli import main

    result = CliRunner().invoke(
        main, ["--db", app.config["DATABASE"], "claims", str(flood), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = client.get(f"/articles/{flood}.json").get_json()
    assert data == json.loads(result.output)
    assert [claim["text"] for claim in data["claims"]] == [spec[0] for spec in FLOOD_UNITS]


def test_claim_json_names_its_article(client, flood, app_db):
    claim = claim_reads.claims_for_article(app_db, flood)[0]
    data = client.get(f"/claims/{claim['id']}.json").get_json()
    assert data["claim"]["article_id"] == flood and data["claim"]["text"] == claim["text"]


@pytest.mark.parametrize(
    "path", ["/articles/999", "/claims/999", "/claims/999/panel", "/no/such/page"]
)
def test_unknown_addresses_get_a_404_page_in_the_usual_layout(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = parse(response)
    assert page.cssselect(".topbar") and page.cssselect("[data-error-message]")
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_claim_asked_for_on_another_article_opens_where_it_is(
    client, flood, make_article, app_db
):
    other = make_article("Ferry fares rise\n\nThe ferry company said fares rise by 12 percent.")
    claim = claim_reads.claims_for_article(app_db, flood)[2]
    response = client.get(f"/articles/{other}?claim={claim['id']}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/articles/{flood}?claim={claim['id']}"
    missing = client.get(f"/articles/{flood}?claim=999999")
    assert missing.status_code == 404
    assert "There is no claim 999999" in text_of(
        parse(missing).cssselect("[data-error-message]")[0]
    )
    unreadable = parse(client.get(f"/articles/{flood}?claim=abc"))
    assert text_of(unreadable.cssselect("h1")[0]) == "Cannot be shown"


def test_a_missing_article_says_how_to_find_one(client):
    page = parse(client.get("/articles/999"))
    assert "There is no article 999. The dashboard" in text_of(
        page.cssselect("[data-error-message]")[0]
    )


@pytest.mark.parametrize("path", ["/exports", "/claims/1/verdict", "/queue/bulk"])
def test_opening_a_form_only_address_says_to_use_the_form(client, path):
    response = client.get(path)
    assert response.status_code == 405
    message = text_of(parse(response).cssselect("[data-error-message]")[0])
    assert "only takes what a form sends" in message and "use its form again" in message


def test_unknown_json_gets_a_json_404(client):
    for path in ("/articles/999.json", "/claims/999.json"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.get_json()["status"] == 404
        assert "999" in response.get_json()["error"]


def test_htmx_gets_a_404_fragment(client):
    response = client.get("/claims/999/panel", headers=HX)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "<html" not in html and "data-error-message" in html


def test_markup_in_an_article_is_shown_as_text(client, make_article, app_db):
    body = (
        f"Officials said {SCRIPT} was found in 3 files on Monday.\n\n"
        f'A second paragraph with <img src=x onerror="alert(2)"> and 45% growth.'
    )
    article_id = make_article(body, title=f"Title with {SCRIPT}")
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for claim in claim_reads.claims_for_article(app_db, article_id):
        panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
        assert "<script>alert" not in panel and "<img src=x" not in panel
    dashboard = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in dashboard and "Title with &lt;script&gt;" in dashboard


def test_pages_carry_no_inline_script_style_or_event_handlers(client, flood, app_db):
    claim = claim_reads.claims_for_article(app_db, flood)[2]
    for path in ("/", f"/articles/{flood}?claim={claim['id']}", "/articles/999"):
        page = parse(client.get(path))
        for script in page.iter("script"):
            assert script.get("src") and not (script.text or "").strip()
        assert not page.cssselect("style, [style]")
        for element in page.iter():
            if isinstance(element.tag, str):
                assert not [name for name in element.attrib if name.startswith(("on", "hx-on"))]


def _htmx_config(client) -> dict:
    """The settings static/js/htmx_config.js gives htmx, from the file every page loads."""
    page = parse(client.get("/"))
    sources = [script.get("src") for script in page.iter("script")]
    assert (
        sources.index("/static/js/htmx_config.js")
        == sources.index(f"/static/vendor/htmx-{HTMX_VERSION}.min.js") + 1
    ), "right after htmx, before it starts"
    script = client.get("/static/js/htmx_config.js").get_data(as_text=True)
    settings = script[script.index("Object.assign(window.htmx.config, ") :].split(", ", 1)[1]
    return json.loads(settings[: settings.rindex(");")])


def _handling_for(config: dict, status: int) -> dict:
    """The first responseHandling rule whose code matches, as htmx picks it."""
    return next(rule for rule in config["responseHandling"] if re.search(rule["code"], str(status)))


def test_htmx_swaps_conflicts_and_validation_errors_but_not_other_failures(client):
    config = _htmx_config(client)
    assert config["allowEval"] is False and config["includeIndicatorStyles"] is False
    assert config["historyCacheSize"] == 0
    for status in (200, 409, 422):
        assert _handling_for(config, status)["swap"] is True
        assert not _handling_for(config, status).get("error")
    for status in (204, 400, 403, 404, 500, 503):
        assert _handling_for(config, status)["swap"] is False
    for status in (400, 403, 404, 500):
        assert _handling_for(config, status)["error"] is True


def test_every_htmx_request_carries_the_csrf_token(client):
    body = parse(client.get("/")).cssselect("body")[0]
    headers = json.loads(body.get("hx-headers"))
    assert len(headers["X-CSRFToken"]) > 20


def test_healthz_reports_a_readable_current_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_fails_when_the_database_is_not_set_up(tmp_path):
    client = create_app({"DATABASE": str(tmp_path / "empty.db"), "TESTING": True}).test_client()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] == "error"


def test_healthz_fails_when_the_database_cannot_be_opened(tmp_path):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    app = create_app({"DATABASE": str(folder), "TESTING": True, "SECRET_KEY": "k" * 40})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] == "unreadable"


def test_a_database_that_was_never_set_up_gives_a_page_saying_so(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "empty.db"), "TESTING": True})
    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/sign-in", data={"username": "a", "password": "b"})
    assert response.status_code == 503
    assert "factcheck init" in text_of(parse(response).cssselect("[data-error-message]")[0])


def test_the_keyboard_help_button_is_named_in_words(client):
    # Its visible text is "?", which a screen reader would read as "question mark".
    page = parse(client.get("/"))
    (button,) = page.cssselect("button.help-button")
    assert button.get("aria-label") == "Keyboard shortcuts"


def test_healthz_fails_while_the_audit_key_is_missing_and_every_change_is_refused(
    client, app_db, db_path
):
    from factcheck.store import audit_seal

    key = audit_seal.files_for(app_db).key
    assert key is not None and key.exists()
    moved = key.with_name(key.name + ".away")
    key.rename(moved)
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json()["audit"] == "the audit key file is missing: changes are refused"
    finally:
        moved.rename(key)
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_an_article_of_thousands_of_claims_writes_every_count_with_its_separator(
    client, make_article
):
    body = "Road report\n\n" + " ".join(
        f"The council repaired {n} roads in ward {n}." for n in range(1, 1202)
    )
    article_id = make_article(body)
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    # 1,201 sentences and the headline
    for shown in (
        "1,202 unreviewed",
        "0 of 1,202 claims published",
        '<span class="count">1,202</span>',
    ):
        assert shown in page, shown
    assert "1202" not in page


def test_a_save_kept_waiting_by_a_long_change_says_it_was_not_saved(client, claim, monkeypatch):
    """A write that waited past the busy timeout (a large import held the database): the
    person is told their change was not saved, not that something could not be read."""
    import sqlite3

    from helpers import hx_post

    from factcheck.store import comments

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(comments, "add_comment", locked)
    response = hx_post(client, f"/claims/{claim['id']}/comments", {"body": "Asked the council."})
    assert response.status_code == 503
    said = text_of(parse(response).cssselect("[data-error-message]")[0])
    assert "what you sent was not saved" in said and "could not be read" not in said
