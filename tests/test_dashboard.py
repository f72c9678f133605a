"""The dashboard: the import form at the top, articles with progress, and each person's work:
assigned claims, reviews waiting, fresh verdicts and evidence that could not be archived."""

from helpers import HX, RATIONALE, first_checkable_claim, parse, words

from factcheck.store import articles as article_store
from factcheck.store import claim_reads, evidence, triage, verdicts
from factcheck.store.actors import SYSTEM


def section(page, heading_id: str):
    """The dashboard section labelled by this heading."""
    return page.cssselect(f'section[aria-labelledby="{heading_id}"]')[0]


def links_to_claims(element) -> list[str]:
    return [link.get("href") for link in element.cssselect("a.work-claim")]


def claim_href(claim: dict) -> str:
    return f"/articles/{claim['article_id']}?claim={claim['id']}"


def submit_verdict(db, people, claim_id, author="rita"):
    evidence.add_evidence(
        db, claim_id, url="https://county.example/bulletin", stance="supports", actor=people[author]
    )
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people[author])
    verdicts.submit_for_review(db, claim_id, actor=people[author])


def test_an_empty_dashboard_says_what_to_do_in_every_section(client):
    page = parse(client.get("/"))
    assert "Paste an article above" in page.cssselect(".empty-state")[0].text_content()
    expected = {
        "assigned-heading": "Nothing is assigned to you",
        "reviews-heading": "None of your verdicts is waiting",
        "published-heading": "No verdicts published yet",
        "evidence-heading": "Every evidence page has an archived copy",
    }
    for heading, said in expected.items():
        assert said in section(page, heading).cssselect(".work-empty")[0].text_content()


def test_the_import_form_sits_above_the_articles(client, make_article):
    make_article()
    page = parse(client.get("/"))
    main = page.cssselect(".dashboard-main")[0]
    order = [child.get("id") or child.get("class") for child in main]
    assert order == ["import-area", "dashboard-articles"]
    checked = main.cssselect('input[name="source"][checked]')
    assert [radio.get("value") for radio in checked] == ["paste"]


def test_what_is_assigned_to_me_and_only_me(client, claim, app_db, people):
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    page = parse(client.get("/"))
    assigned = section(page, "assigned-heading")
    assert links_to_claims(assigned) == [claim_href(claim)]
    assert assigned.cssselect(".count")[0].text_content() == "1"
    assert "Unreviewed" in assigned.cssselect(".work-meta")[0].text_content()
    triage.assign(app_db, claim["id"], assignee="eve", actor=people["ed"])
    assert links_to_claims(section(parse(client.get("/")), "assigned-heading")) == []


def test_an_editor_sees_what_waits_for_their_review(client_as, claim, app_db, people):
    submit_verdict(app_db, people, claim["id"])
    waiting = section(parse(client_as("ed").get("/")), "reviews-heading")
    assert waiting.cssselect("h2")[0].text_content().startswith("Waiting for your review")
    assert links_to_claims(waiting) == [claim_href(claim)]
    meta = waiting.cssselect(".work-meta")[0].text_content()
    assert "Accurate" in meta and "by Rita" in meta  # the display name; the username on hover


def test_a_reviewer_sees_their_own_verdicts_waiting(client, claim, app_db, people):
    submit_verdict(app_db, people, claim["id"])
    mine = section(parse(client.get("/")), "reviews-heading")
    assert mine.cssselect("h2")[0].text_content().startswith("Your verdicts awaiting review")
    assert links_to_claims(mine) == [claim_href(claim)]


def test_an_editor_does_not_see_their_own_verdict_as_waiting(client_as, claim, app_db, people):
    submit_verdict(app_db, people, claim["id"], author="ed")
    waiting = section(parse(client_as("ed").get("/")), "reviews-heading")
    assert links_to_claims(waiting) == []
    assert links_to_claims(section(parse(client_as("eve").get("/")), "reviews-heading")) == [
        claim_href(claim)
    ]


def test_recently_published_verdicts_appear(client, claim, app_db, people):
    submit_verdict(app_db, people, claim["id"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    published = section(parse(client.get("/")), "published-heading")
    assert links_to_claims(published) == [claim_href(claim)]
    assert published.cssselect(".verdict-chip")[0].text_content() == "Accurate"


def test_evidence_needing_attention_names_missing_and_failed_archives(
    client, claim, app_db, people
):
    for url in ("https://one.example/a", "https://two.example/b"):
        evidence.add_evidence(app_db, claim["id"], url=url, stance="context", actor=people["rita"])
    evidence.record_snapshot(
        app_db, "https://two.example/b", actor=SYSTEM, status="failed", error="timed out"
    )
    items = section(parse(client.get("/")), "evidence-heading").cssselect("li")
    described = {
        item.cssselect("a")[0].text_content(): item.cssselect(".work-meta")[0].text_content()
        for item in items
    }
    assert "Not archived yet" in described["https://one.example/a"]
    assert "Archive failed" in described["https://two.example/b"]
    assert "timed out" in described["https://two.example/b"].lower()
    evidence.record_snapshot(app_db, "https://one.example/a", actor=SYSTEM, status="archived")
    items = section(parse(client.get("/")), "evidence-heading").cssselect("li a")
    assert [a.text_content() for a in items] == ["https://two.example/b"]


def test_more_evidence_needing_attention_than_shown_links_to_the_queue_of_it_all(
    client, claim, app_db, people, monkeypatch
):
    from factcheck.views import articles

    monkeypatch.setitem(articles.WORK_SHOWN, "evidence_needing_attention", 1)
    for url in ("https://one.example/a", "https://two.example/b", "https://three.example/c"):
        evidence.add_evidence(app_db, claim["id"], url=url, stance="context", actor=people["rita"])
    evidence.record_snapshot(app_db, "https://three.example/c", actor=SYSTEM, status="archived")
    [more] = section(parse(client.get("/")), "evidence-heading").cssselect(".work-more a")
    assert more.get("href") == "/queue?evidence=not_archived"
    queue = parse(client.get(more.get("href")))
    listed = 'input[name="claim"]'
    assert [int(box.get("value")) for box in queue.cssselect(listed)] == [claim["id"]]
    # Once every page it cites has a copy, the claim leaves that queue.
    for url in ("https://one.example/a", "https://two.example/b"):
        evidence.record_snapshot(app_db, url, actor=SYSTEM, status="archived")
    assert not parse(client.get(more.get("href"))).cssselect(listed)


def test_every_article_shows_how_much_of_it_is_published(client, make_article, app_db, people):
    make_article("A second story about 40 new buses\n\nThe city bought 40 buses for 9 million.")
    first = first_checkable_claim(app_db, make_article())
    triage.assign(app_db, first["id"], assignee="rita", actor=people["ed"])
    page = parse(client.get("/"))
    rows = page.cssselect(".articles-table tbody tr")
    listed = article_store.list_articles(app_db)
    assert len(rows) == len(listed) == 2
    for row, article in zip(rows, listed, strict=True):
        meter = row.cssselect("meter")[0]
        assert (meter.get("value"), meter.get("max")) == (
            str(article["published"]),
            str(article["claims"]),
        )
        assert (
            f"{article['published']}/{article['claims']}" in row.cssselect("td")[4].text_content()
        )
    assert not page.cssselect(".articles-table svg"), "no chart per row: one for the whole page"


def test_one_chart_adds_up_the_listed_articles_by_status(client, make_article, app_db, people):
    make_article("A second story about 40 new buses\n\nThe city bought 40 buses for 9 million.")
    claim = first_checkable_claim(app_db, make_article())
    submit_verdict(app_db, people, claim["id"])
    listed = article_store.list_articles(app_db)
    summary = parse(client.get("/")).cssselect(".articles-summary")[0]
    charts = summary.cssselect("svg.progress-bar")
    assert len(charts) == 1
    label = charts[0].get("aria-label")
    for status in ("unreviewed", "in_review"):
        total = sum(article[status] for article in listed)
        assert f"{total} {status.replace('_', ' ')}" in label
    claims = sum(article["claims"] for article in listed)
    assert (
        summary.cssselect(".progress-text")[0]
        .text_content()
        .startswith(f"{claims} claims in these 2 articles:")
    )


def test_the_dashboard_json_twin_has_every_section(client, client_as, claim, app_db, people):
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    data = client.get("/dashboard.json").get_json()
    assert list(data) == [
        "articles",
        "assigned_to_me",
        "recently_published",
        "evidence_needing_attention",
        "previously_checked",
        "evidence_changed",
        "evidence_changed_count",
        "submitted_for_review",
        "inbox",
    ]
    assert [row["id"] for row in data["assigned_to_me"]] == [claim["id"]]
    assert "to_review" in client_as("ed").get("/dashboard.json").get_json()


def test_htmx_still_gets_the_article_table_alone(client, make_article):
    make_article()
    fragment = client.get("/", headers=HX).get_data(as_text=True)
    assert "articles-table" in fragment and "import-area" not in fragment


def test_the_top_bar_links_to_queue_and_import(client):
    nav = parse(client.get("/queue")).cssselect("nav.topnav")[0]
    links = {a.text_content(): a for a in nav.cssselect("a")}
    assert links["Queue"].get("href") == "/queue" and links["Queue"].get("aria-current") == "page"
    assert links["Import"].get("href") == "/import"


def test_only_the_newest_articles_are_listed_and_older_ones_a_page_away(
    client, make_article, app_db, monkeypatch
):
    from factcheck.views import articles as article_views

    for number in range(7):
        make_article(
            f"Story {number} about {number + 2} ferries\n\nThe port ran {number + 2} ferries."
        )
    monkeypatch.setattr(article_views, "DASHBOARD_ARTICLES", 3)
    everything = [row["title"] for row in article_store.list_articles(app_db)]

    def titles(page):
        return [a.text_content() for a in page.cssselect(".articles-table tbody td:first-child a")]

    page = parse(client.get("/"))
    assert titles(page) == everything[:3]
    assert page.cssselect(".page-summary")[0].text_content() == "The newest 3 articles"
    assert page.cssselect('.section-foot a[href="/articles.json"]')
    assert len(client.get("/dashboard.json").get_json()["articles"]) == 3

    pages = [titles(page)]
    while older := page.cssselect('.article-pages a[rel="next"]'):
        page = parse(client.get(older[0].get("href")))
        pages.append(titles(page))
        assert page.cssselect('.article-pages a[href="/"]'), "a way back to the newest"
    assert pages == [everything[0:3], everything[3:6], everything[6:7]]
    assert page.cssselect(".page-summary")[0].text_content() == "1 older article"


def test_a_list_of_work_says_when_it_has_more(client, make_article, app_db, people, monkeypatch):
    from factcheck.views import articles as article_views

    claims = [
        c for c in claim_reads.claims_for_article(app_db, make_article()) if c["kind"] == "claim"
    ]
    for claim in claims[:2]:
        triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    monkeypatch.setitem(article_views.WORK_SHOWN, "assigned_to_me", 1)
    assigned = section(parse(client.get("/")), "assigned-heading")
    assert len(assigned.cssselect("li")) == 1
    assert assigned.cssselect(".count")[0].text_content() == "1+"
    monkeypatch.setitem(article_views.WORK_SHOWN, "assigned_to_me", 2)
    assigned = section(parse(client.get("/")), "assigned-heading")
    assert assigned.cssselect(".count")[0].text_content() == "2"


def test_a_verdict_being_corrected_still_counts_and_shows_as_published(
    client, make_article, app_db, people
):
    article_id = make_article()
    claim = first_checkable_claim(app_db, article_id)
    submit_verdict(app_db, people, claim["id"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    verdicts.correct_verdict(
        app_db,
        claim["id"],
        rating="misleading",
        rationale=RATIONALE,
        reason="The county revised its figures",
        actor=people["rita"],
    )
    # Until the correction is approved, readers see the published verdict: every count says so.
    counts = claim_reads.article_counts(app_db, article_id)["by_status"]
    assert (counts["published"], counts["in_progress"]) == (1, 0)
    [listed] = article_store.list_articles(app_db)
    assert (listed["published"], listed["in_progress"]) == (1, 0)
    dashboard = parse(client.get("/"))
    assert "1 published" in dashboard.cssselect(".page-summary")[0].text_content()
    page = parse(client.get(f"/articles/{article_id}"))
    progress = page.cssselect(".progress-text")[0].text_content()
    # Said beside the count, since the queue lists the claim under the correction's status too.
    assert progress.startswith("1 of ") and "published (1 being corrected)" in progress
    unit = page.cssselect(f"#claim-{claim['id']}")[0]
    assert unit.get("data-label") == "published: Accurate · correction in progress"
    assert "has-verdict" in unit.get("class")

    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    unit = parse(client.get(f"/articles/{article_id}")).cssselect(f"#claim-{claim['id']}")[0]
    assert unit.get("data-label") == "published: Accurate · correction in review"
    # The queue lists it as published too ("Every published claim" on the dashboard leads
    # there), and under the correction's own status, where its reviewer looks for it.
    for status in ("published", "in_review"):
        for search in ("", claim["text"].split()[0]):
            listed = parse(client.get("/queue", query_string={"status": status, "q": search}))
            assert [row.get("href") for row in listed.cssselect("a.queue-claim")] == [
                f"/articles/{article_id}?claim={claim['id']}"
            ], (status, search)
    listed = parse(client.get("/queue", query_string={"status": "in_progress"}))
    assert not listed.cssselect("a.queue-claim")
    listed = parse(client.get("/queue", query_string={"status": "published"}))
    assert words(listed.cssselect(".pending-verdict")[0]) == "Misleading (correction in review)"


def test_a_cut_short_list_of_broken_sources_says_how_many_it_shows(client, claim, app_db, people):
    from factcheck.store import link_checks

    for number in range(12):
        url = f"https://stats.example/table-{number}"
        evidence.add_evidence(app_db, claim["id"], url=url, stance="supports", actor=people["rita"])
        link_checks.record_link_checks(
            app_db,
            url,
            actor=SYSTEM,
            checks=[{"outcome": "failed", "error": "http_status: HTTP 404"}],
        )
    broken = section(parse(client.get("/")), "evidence-changed-heading")
    assert broken.cssselect(".count")[0].text_content() == "12"
    assert len(broken.cssselect("li")) == 10
    assert words(broken.cssselect(".work-more")[0]).startswith(
        "The 10 most urgent of 12 sources shown."
    )
