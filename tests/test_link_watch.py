"""The link watch: re-checks of evidence pages, kept one by one, flags on the card, the queue and
the dashboard, acknowledgement, and politeness to the sites checked."""

import hashlib
import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from helpers import DAM_ARTICLE_PAGE, HX, RATIONALE, hx_post
from hypothesis import given
from hypothesis import strategies as st
from local_server import page, redirect

from factcheck import archive_jobs, link_watch
from factcheck.cli import links as links_cli
from factcheck.cli import main
from factcheck.network.fetch import FetchPolicy
from factcheck.store import evidence as evidence_store
from factcheck.store import link_checks, verdicts
from factcheck.store.actors import SYSTEM

QUOTE = "none of the cracks was deeper than 4 centimetres"
REWRITTEN = (
    b"<!doctype html><html><head><title>Dam inspection finds 7 cracks</title></head><body>"
    b"<article><h1>Dam to close</h1><p>The water board will close the Upper Valley dam for a year"
    b" while engineers replace the spillway, it announced on Friday after a long meeting.</p>"
    b"<p>Residents downstream were told to expect lower water levels all summer long.</p>"
    b"</article></body></html>"
)
NOW_PLUS = timedelta(seconds=-1)  # "not checked since a second from now": every page is due


paragraphs = st.lists(st.text(alphabet="abc xyz\n", min_size=1, max_size=20), max_size=6)


@given(paragraphs.map("\n".join), paragraphs.map("\n".join))
def test_text_change_is_a_symmetric_share(old, new):
    change = link_watch.text_change(old, new)
    assert 0 <= change <= 1
    assert change == link_watch.text_change(new, old)
    assert link_watch.text_change(old, old) == 0


def test_text_change_ignores_spacing_and_case_and_counts_what_differs():
    assert link_watch.text_change("One  two.\nThree", "one two.\n\nTHREE") == 0
    assert link_watch.text_change("aaaa\nbbbb", "cccc\ndddd") == 1
    assert 0.4 < link_watch.text_change("aaaa\nbbbb", "aaaa\ncccc") < 0.6


def test_text_change_sets_aside_punctuation_but_not_figures_or_words():
    page = (
        "The council said on Tuesday, after a long meeting, that 1,200 homes would get 4.1% "
        "more water – “soon”."
    )
    # One long paragraph: a comma taken out, or quotes and dashes typed otherwise, is no change.
    assert link_watch.text_change(page, page.replace("Tuesday, after", "Tuesday after")) == 0
    assert link_watch.text_change(page, page.replace("“soon”", '"soon"').replace("–", "-")) == 0
    assert (
        link_watch.text_change("上海房价上涨了12%。人口增长。", "上海房价上涨了12%，人口增长。")
        == 0
    )
    # A figure, its sign or a word is still a change of the paragraph.
    for edited in ("1,300 homes", "1200 homes", "12,00 homes"):
        assert link_watch.text_change(page, page.replace("1,200 homes", edited)) == 1
    assert link_watch.text_change(page, page.replace("4.1%", "41%")) == 1
    assert link_watch.text_change(page, page.replace("4.1%", "4.1")) == 1
    assert link_watch.text_change(page, page.replace("would get", "would not get")) == 1
    assert link_watch.text_change("٣٫٥ مليون", "٣٥ مليون") == 1
    assert link_watch.text_change("It fell to -5 degrees.", "It fell to 5 degrees.") == 1
    assert link_watch.text_change("A well-known 5-7 win.", "A well known 5-7 win") == 0
    # Signs of a figure or of a question, and quotation marks taken out, are changes too.
    for before, after in [
        ("Growth was –0.3% year on year.", "Growth was 0.3% year on year."),
        ("It rose by .5 per cent in May.", "It rose by 5 per cent in May."),
        ("Net income: (1,200).", "Net income: 1,200."),
        ("Recession coming?", "Recession coming."),
        ("The figures were “fake”.", "The figures were fake."),
    ]:
        assert link_watch.text_change(before, after) == 1, before
    # A mark taken out of a script written without spaces leaves none behind.
    assert link_watch.text_change("据统计，去年增长了三成。", "据统计去年增长了三成。") == 0
    assert link_watch.text_change("首相は、来年", "首相は来年") == 0
    assert link_watch.text_change("他说“不”", "他说「不」") == 0


@pytest.mark.parametrize(
    ("final", "moved"),
    [
        ("https://www.news.example/story/", False),
        ("http://news.example/story", False),
        ("https://news.example/", True),
        ("https://other.example/story", True),
        ("https://news.example/story?page=2", True),
    ],
)
def test_a_redirect_counts_as_moved_only_when_it_leads_to_another_page(final, moved):
    assert link_watch.moved_elsewhere("http://news.example/story", final) is moved


@pytest.mark.parametrize(
    ("original", "final"),
    [
        ("http://b\u00fccher.example/story", "https://xn--bcher-kva.example/story"),
        ("http://stra\u00dfe.example/story", "https://xn--strae-oqa.example/story"),
        (
            "http://news.example/caf\u00e9?q=\u00e9t\u00e9",
            "https://news.example/caf%C3%A9?q=%C3%A9t%C3%A9",
        ),
        ("http://news.example/caf%c3%a9", "https://news.example/caf%C3%A9"),
        ("http://news.example./story", "https://news.example/story"),
    ],
)
def test_a_redirect_to_the_same_address_written_otherwise_is_not_a_move(original, final):
    # A server writes its Location in ASCII: the host in punycode, the path percent-encoded.
    assert not link_watch.moved_elsewhere(original, final)
    assert link_watch.moved_elsewhere(
        original, final.replace("story", "other").replace("caf", "bar")
    )


def test_ages_are_read_in_days_hours_and_minutes():
    assert link_watch.parse_age("7d") == timedelta(days=7)
    assert link_watch.parse_age(" 12h") == timedelta(hours=12)
    assert link_watch.parse_age("30m") == timedelta(minutes=30)
    with pytest.raises(link_watch.SettingError, match="such as 7d"):
        link_watch.parse_age("a week")


@pytest.mark.parametrize("text", ["99999999999d", "3000000d", "999999999999999999999m"])
def test_an_age_beyond_a_hundred_years_is_refused_in_words(text):
    with pytest.raises(link_watch.SettingError, match="at most 36500d"):
        link_watch.parse_age(text)


def test_a_site_is_one_host_however_its_name_is_written():
    due = [
        {"url": url}
        for url in (
            "https://news.example/1",
            "https://www.news.example/2",
            "https://NEWS.example./3",
            "https://b\u00fccher.example/4",
            "https://xn--bcher-kva.example/5",
        )
    ]
    chosen, skipped = link_watch.plan(due, limit=10, per_host=1)
    assert [row["url"] for row in chosen] == [
        "https://news.example/1",
        "https://b\u00fccher.example/4",
    ]
    assert skipped == {"news.example": 2, "xn--bcher-kva.example": 1}


def test_a_run_takes_at_most_per_host_pages_of_a_site_and_limit_in_all():
    due = [{"url": f"https://a.example/{n}"} for n in range(5)] + [
        {"url": f"https://b.example/{n}"} for n in range(5)
    ]
    chosen, skipped = link_watch.plan(due, limit=4, per_host=2)
    assert [row["url"] for row in chosen] == [
        "https://a.example/0",
        "https://a.example/1",
        "https://b.example/0",
        "https://b.example/1",
    ]
    assert skipped == {"a.example": 3, "b.example": 3}


def _watch(app, app_db, people, claim, site, path="/report", archive_path=None) -> dict:
    """The claim's quoted source at `path` on the local site, archived from there (or from its
    copy at `archive_path`, as from a web archive)."""
    site.routes.setdefault("/report", page(DAM_ARTICLE_PAGE))
    policy = FetchPolicy.local_test(site.port)
    app.config["FETCH_POLICY"] = policy
    url = site.url(path)
    item = evidence_store.add_evidence(
        app_db, claim["id"], url=url, stance="supports", quote=QUOTE, actor=people["rita"]
    )
    archive_url = site.url(archive_path) if archive_path else None
    archive_jobs.archive_evidence(app.config["DATABASE"], url, policy, archive_url).get()
    return {"item": item, "url": url, "policy": policy}


@pytest.fixture
def watched(app, app_db, people, claim, site, immediate_jobs):
    """A claim with one quoted source, archived from the local site."""
    return _watch(app, app_db, people, claim, site)


def _run(app_db, watched, **options):
    options.setdefault("host_delay", 0)
    return link_watch.check_links(
        app_db, older_than=NOW_PLUS, policy=watched["policy"], **options
    ).checked


def test_an_unchanged_page_is_kept_as_a_check_with_its_quote_still_found(app_db, watched, site):
    first = _run(app_db, watched)
    second = _run(app_db, watched)
    assert [c["outcome"] for c in first + second] == ["unchanged", "unchanged"]
    check = first[0]
    assert check["http_status"] == 200 and check["final_url"] == watched["url"]
    assert len(check["content_sha256"]) == 64
    assert check["quotes"] == {str(watched["item"]["id"]): "found"}
    assert len(link_checks.checks_for(app_db, watched["url"])) == 2
    row = evidence_store.evidence_for_claim(app_db, watched["item"]["claim_id"])[0]
    assert row["link_outcome"] == "unchanged" and not row["link_flagged"]


def test_an_address_that_redirected_from_the_start_has_not_moved(
    app, app_db, people, claim, site, immediate_jobs, client
):
    """A short link, or http to another path: the copy keeps where the address led, and a
    re-check landing there again is unchanged, not "moved"."""
    site.routes["/go/dam"] = redirect("/report")
    watched = _watch(app, app_db, people, claim, site, "/go/dam")
    [row] = evidence_store.evidence_for_claim(app_db, claim["id"])
    snapshot = client.get(f"/snapshots/{row['snapshot_id']}").get_data(as_text=True)
    assert f"Fetched from</dt><dd><bdi>{site.url('/report')}</bdi>" in snapshot
    assert [c["outcome"] for c in _run(app_db, watched)] == ["unchanged"]
    site.routes["/go/dam"] = page(DAM_ARTICLE_PAGE)  # it answers at its own address: not moved
    assert [c["outcome"] for c in _run(app_db, watched)] == ["unchanged"]
    site.routes["/go/dam"] = redirect("/elsewhere")  # now it leads somewhere else: moved
    site.routes["/elsewhere"] = page(DAM_ARTICLE_PAGE)
    assert [c["outcome"] for c in _run(app_db, watched)] == ["moved"]


def test_a_page_backed_by_a_web_archive_copy_is_compared_at_its_own_address(
    app, app_db, people, claim, site, immediate_jobs
):
    """The archive's copy was fetched from the archive: the live page answering at its own
    address has not moved."""
    site.routes["/web/2026/report"] = page(DAM_ARTICLE_PAGE)
    watched = _watch(app, app_db, people, claim, site, archive_path="/web/2026/report")
    [row] = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert row["snapshot_kind"] == "web_archive"
    assert [c["outcome"] for c in _run(app_db, watched)] == ["unchanged"]


def test_pages_checked_recently_wait_for_a_later_run(app_db, watched):
    assert _run(app_db, watched)
    again = link_watch.check_links(
        app_db, older_than=timedelta(days=7), policy=watched["policy"], host_delay=0
    )
    assert again.checked == []


def test_a_rewritten_page_is_flagged_changed_and_its_quote_no_longer_found(
    app_db, watched, site, client, claim
):
    site.routes["/report"] = page(REWRITTEN)
    check = _run(app_db, watched)[0]
    assert check["outcome"] == "changed" and check["text_change"] > 0.5
    assert check["quotes"] == {str(watched["item"]["id"]): "not_found"}
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "the page changed since it was archived" in panel
    assert "The quote is no longer found." in panel
    snapshot_id = evidence_store.evidence_for_claim(app_db, claim["id"])[0]["snapshot_id"]
    history = client.get(f"/snapshots/{snapshot_id}").get_data(as_text=True)
    assert "Link checks of this address (1 most recent)" in history and "Changed" in history


# The dam story with 250 paragraphs more: one figure changed is less than a hundredth of it.
LONG_REPORT = DAM_ARTICLE_PAGE.replace(
    b"</article>",
    b"".join(
        b"<p>Paragraph %d of the board's report describes the inspection of section %d of the"
        b" spillway and the work its engineers plan for it over the coming months.</p>" % (n, n)
        for n in range(250)
    )
    + b"</article>",
)


def test_a_quoted_passage_gone_from_a_long_page_is_flagged_however_little_else_changed(
    app, app_db, people, claim, site, immediate_jobs, client, monkeypatch
):
    site.routes["/report"] = page(LONG_REPORT)
    watched = _watch(app, app_db, people, claim, site)
    assert [c["outcome"] for c in _run(app_db, watched)] == ["unchanged"]
    site.routes["/report"] = page(
        LONG_REPORT.replace(b"than 4 centimetres", b"than 40 centimetres")
    )
    check = _run(app_db, watched)[0]
    assert check["text_change"] < 0.005
    assert check["outcome"] == "changed"
    assert check["quotes"] == {str(watched["item"]["id"]): "not_found"}
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "(less than 1% of its text differs)." in panel
    assert "The quote is no longer found." in panel
    assert client.get("/queue.json?evidence=changed").get_json()["count"] == 1
    # Said wherever the flag is: a share of the text that differs hides it.
    assert "The quote is no longer found" in client.get("/").get_data(as_text=True)
    evidence_id = watched["item"]["id"]
    flagged = _cli(app, "links", "flagged")
    assert f"(claim {claim['id']}); the quote is no longer found" in flagged.output
    [row] = json.loads(_cli(app, "links", "flagged", "--json").output)
    assert row["quote_status"] == "not_found"
    _cli_checks_on(monkeypatch, watched["policy"])
    printed = _cli(app, "links", "check", "--older-than", "0m").output
    assert (
        f"(the quote is no longer found (evidence {evidence_id}); less than 1% of the text differs)"
        in printed
    )


def test_a_quote_never_found_in_the_kept_copy_is_not_said_to_be_no_longer_found(
    app, app_db, people, claim, site, immediate_jobs, client, monkeypatch
):
    """A misquote stays a misquote: the link watch said "the quote is no longer found" of it,
    even for a page that had not changed."""
    site.routes["/report"] = page(LONG_REPORT)
    policy = FetchPolicy.local_test(site.port)
    app.config["FETCH_POLICY"] = policy
    item = evidence_store.add_evidence(
        app_db, claim["id"], url=site.url("/report"), stance="supports",
        quote="none of the cracks was deeper than 9 centimetres", actor=people["rita"],
    )  # fmt: skip
    archive_jobs.archive_evidence(app.config["DATABASE"], item["url"], policy).get()
    assert evidence_store.evidence_for_claim(app_db, claim["id"])[0]["quote_status"] == "not_found"
    _cli_checks_on(monkeypatch, policy)
    assert "quote" not in _cli(app, "links", "check", "--older-than", "0m").output
    site.routes["/report"] = page(LONG_REPORT.replace(b"describes the inspection", b"covers"))
    printed = _cli(app, "links", "check", "--older-than", "0m").output
    assert "CHANGED" in printed and "no longer found" not in printed
    assert "no longer found" not in _cli(app, "links", "flagged").output
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "no longer found" not in panel
    assert "no longer found" not in client.get("/").get_data(as_text=True)


def _cli(app, *args):
    result = CliRunner().invoke(main, ["--db", app.config["DATABASE"], *args])
    assert result.exit_code == 0, result.output
    return result


def _cli_checks_on(monkeypatch, policy):
    """`factcheck links check` runs the watch under the test site's fetch policy, without pauses."""
    checked = link_watch.check_links
    monkeypatch.setattr(
        link_watch,
        "check_links",
        lambda db, **options: checked(db, **options, policy=policy, host_delay=0),
    )


@pytest.mark.parametrize(
    ("route", "outcome", "words"),
    [
        (page(b"gone", "text/plain", status=404), "failed", "The page was not found"),
        (redirect("/elsewhere"), "moved", "the page now redirects to"),
        (page(b""), "failed", "the page now fails. The page came back empty"),
    ],
)
def test_a_failing_or_moved_page_is_flagged_until_acknowledged(
    app_db, watched, site, client, claim, route, outcome, words
):
    site.routes["/report"] = route
    site.routes["/elsewhere"] = page(DAM_ARTICLE_PAGE)
    assert _run(app_db, watched)[0]["outcome"] == outcome
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert words in panel
    queue = client.get("/queue?evidence=changed", headers=HX).get_data(as_text=True)
    assert f'data-claim-id="{claim["id"]}"' in queue or f"claim={claim['id']}" in queue
    assert link_checks.flagged_count(app_db)["total"] == 1
    dashboard = client.get("/").get_data(as_text=True)
    assert "Evidence broken or changed" in dashboard and watched["url"] in dashboard

    item = watched["item"]
    answer = hx_post(client, f"/claims/{claim['id']}/evidence/{item['id']}/acknowledge-change", {})
    assert answer.status_code == 200
    assert "link-flag" not in answer.get_data(as_text=True)
    assert link_checks.flagged_count(app_db)["total"] == 0
    assert f"claim={claim['id']}" not in client.get("/queue?evidence=changed").get_data(
        as_text=True
    )
    audit = app_db.execute("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(audit) == ("rita", "evidence.acknowledge_change")
    # A later check that finds the page just as it was acknowledged stays quiet...
    assert _run(app_db, watched)[0]["outcome"] == outcome
    assert link_checks.flagged_count(app_db)["total"] == 0
    # ...until the page changes again.
    site.routes["/report"] = redirect("/moved-again")
    site.routes["/moved-again"] = page(DAM_ARTICLE_PAGE)
    assert _run(app_db, watched)[0]["outcome"] == "moved"
    assert link_checks.flagged_count(app_db)["total"] == 1


def test_a_quote_check_kept_by_an_earlier_rule_does_not_make_an_unchanged_page_changed(
    app, app_db, watched, site, people, claim
):
    """A copy's quote checks are kept as the version of the day made them: "one of the cracks"
    was once found inside "none of the cracks". Compared with today's check of the same page,
    every such quote read as gone, and unchanged pages were flagged changed."""
    from factcheck.store import claim_reads

    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    other = next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])
    item = evidence_store.add_evidence(
        app_db, other["id"], url=watched["url"], stance="supports",
        quote="one of the cracks was deeper than 4 centimetres", actor=people["rita"],
    )  # fmt: skip
    app_db.execute("UPDATE quote_checks SET status = 'found' WHERE evidence_id = ?", [item["id"]])
    check = _run(app_db, watched)[0]
    assert check["outcome"] == "unchanged"
    assert check["quotes"][str(item["id"])] != "found"
    assert link_checks.flagged_count(app_db)["total"] == 0


def test_a_failure_acknowledged_is_flagged_again_when_the_page_fails_otherwise(
    app_db, watched, site, client, claim
):
    """Acknowledging "the server answered 500" once hid every later failure: all failures kept
    no bytes or address, so each looked like the one acknowledged."""
    site.routes["/report"] = page(b"busy", "text/plain", status=500)
    assert _run(app_db, watched)[0]["outcome"] == "failed"
    link_checks.acknowledge_change(app_db, watched["item"]["id"], actor=SYSTEM)
    assert _run(app_db, watched)[0]["outcome"] == "failed"
    assert link_checks.flagged_count(app_db)["total"] == 0
    site.routes["/report"] = page(b"gone", "text/plain", status=404)
    assert _run(app_db, watched)[0]["outcome"] == "failed"
    assert link_checks.flagged_count(app_db)["total"] == 1


def test_an_acknowledgement_is_of_the_check_the_card_showed(app_db, watched, site, client, claim):
    """A page that was gone, then redirected to another site while the card was open: the
    reviewer's "Acknowledge" accepted the move unseen."""
    site.routes["/report"] = page(b"gone", "text/plain", status=404)
    shown = _run(app_db, watched)[0]
    site.routes["/report"] = redirect("/elsewhere")
    site.routes["/elsewhere"] = page(DAM_ARTICLE_PAGE)
    assert _run(app_db, watched)[0]["outcome"] == "moved"
    item = watched["item"]
    address = f"/claims/{claim['id']}/evidence/{item['id']}/acknowledge-change"
    answer = hx_post(client, address, {"check": str(shown["id"])})
    said = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "checked this source&#39;s page again" in said
    assert "the page now redirects to" in said
    assert link_checks.flagged_count(app_db)["total"] == 1
    newest = link_checks.checks_for(app_db, watched["url"], limit=1)[0]["id"]
    assert f'"check": "{newest}"' in said
    assert hx_post(client, address, {"check": str(newest)}).status_code == 200
    assert link_checks.flagged_count(app_db)["total"] == 0


def test_acknowledging_a_check_a_later_one_repeated_or_undid(app_db, watched, site, client, claim):
    """The same failure found twice: acknowledging the one shown was refused, and the flag stayed
    until a second click. A page that recovered since: refused with "look at the newest check",
    which has nothing to acknowledge. A check that is no id acknowledged the newest unseen."""
    item = watched["item"]
    address = f"/claims/{claim['id']}/evidence/{item['id']}/acknowledge-change"
    site.routes["/report"] = page(b"busy", "text/plain", status=500)
    shown = _run(app_db, watched)[0]
    _run(app_db, watched)
    for garbage in ("abc", "", "-1", "0", "99999999999999999999999"):
        assert "checked this source" in hx_post(client, address, {"check": garbage}).get_data(
            as_text=True
        )
    assert link_checks.flagged_count(app_db)["total"] == 1
    assert hx_post(client, address, {"check": str(shown["id"])}).status_code == 200
    assert link_checks.flagged_count(app_db)["total"] == 0
    site.routes["/report"] = page(b"gone", "text/plain", status=404)
    shown = _run(app_db, watched)[0]
    site.routes["/report"] = page(DAM_ARTICLE_PAGE)
    assert _run(app_db, watched)[0]["outcome"] == "unchanged"
    answer = hx_post(client, address, {"check": str(shown["id"])})
    said = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "nothing is left to acknowledge" in said
    assert "link-flag" not in said


def test_a_quote_behind_a_published_verdict_is_watched_in_the_copy_it_rests_on(
    app, app_db, watched, site, people, claim, client
):
    """The page changed after publication, and someone archived it again for another claim:
    the re-check compared the quote with that newer copy, where it was already missing, and
    said nothing while the published verdict's quote was gone from the page."""
    verdicts.set_verdict(
        app_db, claim["id"], rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    site.routes["/report"] = page(
        DAM_ARTICLE_PAGE.replace(b"than 4 centimetres", b"than 40 centimetres")
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    check = _run(app_db, watched)[0]
    assert check["outcome"] == "changed"
    assert check["quotes"] == {str(watched["item"]["id"]): "not_found"}
    assert link_checks.flagged_count(app_db) == {"total": 1, "published": 1}


@pytest.mark.parametrize(
    ("route", "words"),
    [
        (page(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"), "image/png"),
        (page(b"x" * (link_watch.CHECK_MAX_BYTES + 1)), "larger than"),
    ],
)
def test_a_page_kept_as_text_that_is_now_a_picture_or_a_large_file_has_changed(
    app_db, watched, site, route, words, client, claim
):
    """It answers, so it is no failing page; but the copy kept had text, and the page is now
    something a check does not read: no longer what the verdict rests on, and said so."""
    site.routes["/report"] = route
    [check] = _run(app_db, watched)
    assert check["outcome"] == "changed" and words in check["error"]
    assert link_checks.flagged_count(app_db)["total"] == 1
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Link check: the page is no longer what was archived." in panel


def test_acknowledging_a_page_with_no_change_is_refused(app_db, watched, client, claim):
    _run(app_db, watched)
    item = watched["item"]
    answer = hx_post(client, f"/claims/{claim['id']}/evidence/{item['id']}/acknowledge-change", {})
    assert answer.status_code == 422
    assert "no change to acknowledge" in answer.get_data(as_text=True)


def test_evidence_behind_published_verdicts_is_checked_first(
    app_db, watched, site, people, claim, store_article
):
    site.routes["/other"] = page(DAM_ARTICLE_PAGE)
    other_url = site.url("/other")
    from factcheck.store import claim_reads

    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    second = next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])
    published_item = evidence_store.add_evidence(
        app_db, second["id"], url=other_url, stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, second["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, second["id"], actor=people["rita"])
    verdicts.approve(app_db, second["id"], actor=people["ed"])
    checked = _run(app_db, watched, limit=1)
    assert [c["url"] for c in checked] == [published_item["url"]]


def test_a_run_pauses_before_going_back_to_a_site(app_db, watched, site, people, claim):
    site.routes["/second"] = page(DAM_ARTICLE_PAGE)
    from factcheck.store import claim_reads

    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    second = next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])
    evidence_store.add_evidence(
        app_db, second["id"], url=site.url("/second"), stance="context", actor=people["rita"]
    )
    pauses = []
    checked = link_watch.check_links(
        app_db,
        older_than=NOW_PLUS,
        policy=watched["policy"],
        host_delay=30,
        sleep=pauses.append,
    ).checked
    assert len(checked) == 2
    assert len(pauses) == 1 and 0 < pauses[0] <= 30
    capped = link_watch.check_links(
        app_db, older_than=NOW_PLUS, policy=watched["policy"], per_host=1, host_delay=0
    )
    assert len(capped.checked) == 1 and capped.skipped_hosts == {"127.0.0.1": 1}


def _cite(app_db, people, claim, url):
    return evidence_store.add_evidence(
        app_db, claim["id"], url=url, stance="context", actor=people["ed"]
    )


@pytest.fixture
def fetched(monkeypatch):
    """Every address the link watch fetches, in order."""
    urls = []
    real = link_watch.fetch

    def fetch(url, **options):
        urls.append(url)
        return real(url, **options)

    monkeypatch.setattr(link_watch, "fetch", fetch)
    return urls


def test_an_address_the_fetcher_refuses_by_design_is_left_unfetched_unflagged_and_said(
    app, app_db, people, claim, client, fetched
):
    # The QA scenario: a source on an intranet address, refused when it was archived, backed by
    # the reviewer's own copy. It was never reachable, so it never "now fails".
    item = _cite(app_db, people, claim, "http://10.0.0.1/intranet/report")
    _cite(app_db, people, claim, "http://10.0.0.1/intranet/annex")
    archive_jobs.archive_evidence(app.config["DATABASE"], "http://10.0.0.1/intranet/report").get()
    summary = link_watch.check_links(app_db, older_than=NOW_PLUS, per_host=1, host_delay=0)
    assert summary.checked == [] and fetched == []
    assert summary.skipped_hosts == {}  # no turn of the site taken, none left for later
    assert summary.refused == {
        "http://10.0.0.1/intranet/report": "refused: 10.0.0.1 is a private address",
        "http://10.0.0.1/intranet/annex": "refused: 10.0.0.1 is a private address",
    }
    assert link_checks.checks_for(app_db, item["url"]) == []
    assert link_checks.flagged_count(app_db)["total"] == 0
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "now fails" not in panel and "leads into a private network" in panel

    printed = _cli(app, "links", "check", "--older-than", "0m", "--per-host", "1").output
    assert printed == (
        "Left 2 addresses the fetcher refuses (10.0.0.1 is a private address):"
        " they cannot be checked.\n"
    )
    assert fetched == []
    answer = json.loads(_cli(app, "links", "check", "--older-than", "0m", "--json").output)
    assert answer["checks"] == [] and answer["left_for_later"] == {}
    assert {row["url"]: row["error"] for row in answer["refused"]} == summary.refused
    assert "No evidence page" in _cli(app, "links", "flagged").output


def test_addresses_the_fetcher_refuses_do_not_crowd_out_pages_it_can_check(
    app_db, people, claim, site, fetched
):
    # The refused sources come first (checked longest ago), more of them than a run reads; the
    # policy opens any port of the local server, not these addresses.
    refused = [
        "http://10.0.0.1/a",
        "http://192.168.1.20:8080/b",
        "http://[::1]/c",
        "http://[fd12:3456::7]/d",
        "http://\u24d4xample.com/",
        "http://[::ffff:192.168.0.3]/e",
        "http://172.16.0.9/f",
    ]
    for url in refused:
        _cite(app_db, people, claim, url)
    site.routes["/report"] = page(DAM_ARTICLE_PAGE)
    _cite(app_db, people, claim, site.url("/report"))
    summary = link_watch.check_links(
        app_db,
        older_than=NOW_PLUS,
        limit=1,
        per_host=1,
        host_delay=0,
        policy=FetchPolicy.local_test(site.port),
    )
    assert [check["url"] for check in summary.checked] == [site.url("/report")]
    assert fetched == [site.url("/report")]
    assert sorted(summary.refused) == sorted(refused)
    assert summary.refused["http://192.168.1.20:8080/b"].endswith("a private address")
    assert "not a valid web address" in summary.refused["http://\u24d4xample.com/"]


def test_a_name_that_resolves_to_a_private_address_is_fetched_and_flagged_each_run(
    app, app_db, people, claim, monkeypatch, fetched
):
    # A public page whose name now leads into a private network does fail now, and DNS may
    # change again: it is no address refused by design.
    from factcheck.network import fetch as fetch_module

    monkeypatch.setattr(fetch_module, "resolve_host", lambda host, port: ["10.0.0.5"])
    url = "https://intranet.example/report"
    _cite(app_db, people, claim, url)
    for run in (1, 2):
        summary = link_watch.check_links(app_db, older_than=NOW_PLUS, host_delay=0)
        assert summary.refused == {}
        [check] = summary.checked
        assert check["outcome"] == "failed"
        assert check["error"] == "refused: intranet.example resolves to 10.0.0.5, a private address"
        assert fetched == [url] * run
    assert len(link_checks.checks_for(app_db, url)) == 2
    assert link_checks.flagged_count(app_db)["total"] == 1
    printed = _cli(app, "links", "check", "--older-than", "0m").output
    assert "FAILING" in printed and "fetcher refuses" not in printed


def test_a_local_address_is_checked_under_a_policy_that_opens_it(app_db, watched, site, fetched):
    # The default policy refuses the local test server (loopback, another port): not fetched.
    strict = link_watch.check_links(app_db, older_than=NOW_PLUS, host_delay=0)
    assert strict.checked == [] and fetched == []
    assert strict.refused[watched["url"]].endswith("is not allowed, only 80 and 443")
    # Under the policy that allows it, the same page is fetched and checked as ever.
    seen = len(site.seen)
    [check] = _run(app_db, watched)
    assert check["outcome"] == "unchanged" and fetched == [watched["url"]]
    assert len(site.seen) == seen + 1


PDF_ONE = b"%PDF-1.7\n1 0 obj << /Title (Budget grew by 4 per cent) >> endobj\n%%EOF\n"
PDF_TWO = b"%PDF-1.7\n1 0 obj << /Title (Budget fell by 9 per cent) >> endobj\n%%EOF\n"


def test_a_pdf_replaced_by_another_is_changed_though_no_text_can_be_compared(
    app, app_db, people, claim, site, immediate_jobs, client
):
    """Neither file has text to read, so the text compared was "" both times: "unchanged",
    0.0, flagged nowhere, while the ministry's report behind the verdict was another file."""
    site.routes["/report.pdf"] = page(PDF_ONE, "application/pdf")
    watched = _watch(app, app_db, people, claim, site, "/report.pdf")
    assert [c["outcome"] for c in _run(app_db, watched)] == ["unchanged"]
    site.routes["/report.pdf"] = page(PDF_TWO, "application/pdf")
    [check] = _run(app_db, watched)
    assert check["outcome"] == "changed" and check["text_change"] is None
    assert link_checks.flagged_count(app_db)["total"] == 1
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert (
        "Link check: the page is no longer what was archived. The file at this address is not"
        " the file archived, and its text could not be compared." in panel
    )
    link_checks.acknowledge_change(app_db, watched["item"]["id"], actor=SYSTEM)
    assert _run(app_db, watched)[0]["outcome"] == "changed"  # the same other file: quiet
    assert link_checks.flagged_count(app_db)["total"] == 0


def test_an_acknowledged_pdf_made_anew_on_each_request_stays_quiet(
    app, app_db, people, claim, site, immediate_jobs
):
    """A PDF stamped on each request (a download time, as court and report servers do) differs
    from the copy in its bytes every time: acknowledged once, it stays acknowledged, since no
    check can read more of it than that it is not the file archived."""
    site.routes["/stamped.pdf"] = page(PDF_ONE, "application/pdf")
    watched = _watch(app, app_db, people, claim, site, "/stamped.pdf")
    for stamp in (b"1", b"2"):
        site.routes["/stamped.pdf"] = page(PDF_ONE + b"%stamp " + stamp + b"\n", "application/pdf")
        [check] = _run(app_db, watched)
        assert check["outcome"] == "changed"
        if stamp == b"1":
            assert link_checks.flagged_count(app_db)["total"] == 1
            link_checks.acknowledge_change(app_db, watched["item"]["id"], actor=SYSTEM)
    assert link_checks.flagged_count(app_db)["total"] == 0


def _with_token(body: bytes, token: str) -> bytes:
    """The page as a news site serves it: a time stamp or token that differs on each request."""
    return body.replace(
        b"</body>", f'<input type="hidden" name="csrf" value="{token}"></body>'.encode()
    )


def test_an_acknowledgement_holds_while_the_text_is_as_acknowledged_though_the_bytes_differ(
    app_db, watched, site, client, claim
):
    """It was kept with the page's raw sha256: on a page whose bytes differ on every request it
    never held, and every run raised the flag again."""
    site.routes["/report"] = page(_with_token(REWRITTEN, "a1"))
    assert _run(app_db, watched)[0]["outcome"] == "changed"
    item = watched["item"]
    answer = hx_post(client, f"/claims/{claim['id']}/evidence/{item['id']}/acknowledge-change", {})
    assert answer.status_code == 200
    audit = app_db.execute("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(audit) == ("rita", "evidence.acknowledge_change")
    site.routes["/report"] = page(_with_token(REWRITTEN, "b2"))
    check = _run(app_db, watched)[0]
    assert check["outcome"] == "changed"
    assert link_checks.flagged_count(app_db)["total"] == 0
    # The text changing again shouts again.
    site.routes["/report"] = page(
        _with_token(REWRITTEN.replace(b"for a year", b"for two years"), "c3")
    )
    assert _run(app_db, watched)[0]["outcome"] == "changed"
    assert link_checks.flagged_count(app_db)["total"] == 1


def test_a_check_made_before_the_copy_an_item_rests_on_is_not_held_against_it(
    app, app_db, people, claim, site, immediate_jobs, client
):
    """ "Try again" kept a fresh copy, yet the card still said "the page now fails (HTTP 404)"
    and the item stayed flagged; a source added later, copied after the check, inherited its
    "changed"."""
    watched = _watch(app, app_db, people, claim, site)
    site.routes["/report"] = page(b"gone", "text/plain", status=404)
    assert _run(app_db, watched)[0]["outcome"] == "failed"
    assert link_checks.flagged_count(app_db)["total"] == 1
    site.routes["/report"] = page(DAM_ARTICLE_PAGE)
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    assert link_checks.flagged_count(app_db)["total"] == 0
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Link check" not in panel
    assert f"claim={claim['id']}" not in client.get("/queue?evidence=changed").get_data(
        as_text=True
    )
    # Changed, then cited by another claim, whose copy is kept after the check.
    site.routes["/report"] = page(REWRITTEN)
    assert _run(app_db, watched)[0]["outcome"] == "changed"
    from factcheck.store import claim_reads

    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    other = next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])
    evidence_store.add_evidence(
        app_db, other["id"], url=watched["url"], stance="context", actor=people["rita"]
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    assert link_checks.flagged_evidence(app_db) == []


def test_the_line_on_refused_addresses_names_a_few_and_counts_the_rest():
    refused = {f"http://10.0.0.{n}/": f"refused: 10.0.0.{n} is a private address" for n in range(5)}
    assert links_cli._refused_line(refused) == (
        "Left 5 addresses the fetcher refuses (10.0.0.0 is a private address; 10.0.0.1 is a"
        " private address; 10.0.0.2 is a private address; and 2 more): they cannot be checked."
    )


# The dam story with its last paragraph rewritten: a change of a quarter of the text, the quote
# still there.
EDITED = DAM_ARTICLE_PAGE.replace(
    b"Repairs are expected to cost about 1.2 million dollars and to start in the spring.",
    b"The board now says repairs will cost 3 million dollars and may wait until the autumn.",
)


def _second_claim(app_db, claim) -> dict:
    from factcheck.store import claim_reads

    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    return next(u for u in units if u["kind"] == "claim" and u["id"] != claim["id"])


def _rest_verdict(app_db, people, claim_id, state):
    verdicts.set_verdict(
        app_db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim_id, actor=people["rita"])
    if state == "published":
        verdicts.approve(app_db, claim_id, actor=people["ed"])


def _cited_again(app, app_db, people, claim, watched) -> dict:
    """Another claim cites the page, which is kept again for it (a newer copy)."""
    other = _second_claim(app_db, claim)
    item = evidence_store.add_evidence(
        app_db, other["id"], url=watched["url"], stance="context", actor=people["rita"]
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    return {"claim": other, "item": item}


@pytest.mark.parametrize("state", ["published", "in_review"])
def test_a_verdicts_flag_stays_when_another_claim_keeps_a_newer_copy_of_the_page(
    app, app_db, watched, site, people, claim, client, state, monkeypatch
):
    """The page changed after the verdict was given on its copy; another claim cited it, and
    the next check compared the page with that claim's newer copy only: "unchanged", and the
    verdict's flag was gone from its card, the queue, the dashboard and `links flagged`, though
    the page still differed from the copy the verdict rests on."""
    _rest_verdict(app_db, people, claim["id"], state)
    site.routes["/report"] = page(EDITED)
    assert _run(app_db, watched)[0]["outcome"] == "changed"
    other = _cited_again(app, app_db, people, claim, watched)
    before = len(site.seen)
    [result] = _run(app_db, watched)
    assert len(site.seen) == before + 1  # the page is fetched once, compared with both copies
    assert result["outcome"] == "changed" and result["text_change"] > 0.1
    assert [c["outcome"] for c in result["checks"]] == ["changed", "unchanged"]
    published = 1 if state == "published" else 0
    assert link_checks.flagged_count(app_db) == {"total": 1, "published": published}
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    verdict = "this published verdict" if state == "published" else "the verdict waiting for review"
    assert f"Link check: the page changed since the copy {verdict} rests on was archived" in panel
    queue = client.get("/queue?evidence=changed").get_data(as_text=True)
    assert f"claim={claim['id']}" in queue and f"claim={other['claim']['id']}" not in queue
    assert watched["url"] in client.get("/").get_data(as_text=True)
    [row] = json.loads(_cli(app, "links", "flagged", "--json").output)
    assert row["id"] == watched["item"]["id"]
    # The other claim's item rests on the newer copy, which the page still is: no flag.
    other_panel = client.get(f"/claims/{other['claim']['id']}/panel", headers=HX)
    assert "Link check" not in other_panel.get_data(as_text=True)
    flags = link_checks.flags_for_claim(app_db, other["claim"]["id"])
    assert not flags[other["item"]["id"]]["flagged"]
    # `links check` counts the page once, by the news it has for the verdict.
    _cli_checks_on(monkeypatch, watched["policy"])
    printed = _cli(app, "links", "check", "--older-than", "0m").output
    assert "Checked 1 page: 0 unchanged, 1 changed, 0 moved, 0 failing." in printed
    assert f"CHANGED   {watched['url']}" in printed
    [page_check] = json.loads(_cli(app, "links", "check", "--older-than", "0m", "--json").output)[
        "checks"
    ]
    assert page_check["outcome"] == "changed" and len(page_check["checks"]) == 2
    from factcheck.store import audit

    assert audit.verify(app_db).ok


def test_an_acknowledgement_is_of_the_check_of_its_own_copy(
    app, app_db, watched, site, people, claim, client
):
    """Two claims on two copies of one page, which now differs from both: acknowledging one
    item's change leaves the other's flag standing, and each stays quiet once acknowledged."""
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    other = _cited_again(app, app_db, people, claim, watched)
    site.routes["/report"] = page(REWRITTEN)
    _run(app_db, watched)
    first, second = watched["item"]["id"], other["item"]["id"]
    assert sorted(row["id"] for row in link_checks.flagged_evidence(app_db)) == [first, second]
    link_checks.acknowledge_change(app_db, first, actor=SYSTEM)
    assert [row["id"] for row in link_checks.flagged_evidence(app_db)] == [second]
    _run(app_db, watched)  # the page as it was: the acknowledgement holds, the other flag stays
    assert [row["id"] for row in link_checks.flagged_evidence(app_db)] == [second]
    address = f"/claims/{other['claim']['id']}/evidence/{second}/acknowledge-change"
    assert hx_post(client, address, {}).status_code == 200
    assert link_checks.flagged_evidence(app_db) == []
    _run(app_db, watched)
    assert link_checks.flagged_evidence(app_db) == []
    # The page as the newer copy has it: the published copy's difference is not the one
    # acknowledged, and is flagged again; the newer copy's item has nothing left to flag.
    site.routes["/report"] = page(EDITED)
    [result] = _run(app_db, watched)
    assert [row["id"] for row in link_checks.flagged_evidence(app_db)] == [first]
    assert [c["outcome"] for c in result["checks"]] == ["changed", "unchanged"]


def test_a_change_acknowledged_against_the_published_copy_says_nothing_of_a_newer_one(
    app, app_db, watched, site, people, claim, client
):
    """A correction rests on the newest copy: the page's difference from it was never
    acknowledged, though the published copy's, found the same way, was."""
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    _cited_again(app, app_db, people, claim, watched)
    site.routes["/report"] = page(REWRITTEN)
    _run(app_db, watched)
    item = watched["item"]["id"]
    link_checks.acknowledge_change(app_db, item, actor=SYSTEM)
    assert item not in [row["id"] for row in link_checks.flagged_evidence(app_db)]
    verdicts.correct_verdict(
        app_db, claim["id"], rating="false", rationale=RATIONALE, reason="Figures revised",
        actor=people["rita"],
    )  # fmt: skip
    _run(app_db, watched)
    assert item in [row["id"] for row in link_checks.flagged_evidence(app_db)]
    flags = link_checks.flags_for_claim(app_db, claim["id"])[item]
    newest = link_checks.checks_for(app_db, watched["url"], limit=1)[0]
    assert flags["id"] == newest["id"]  # the check of the newest copy, on which it now rests


def _acknowledge_then_correct(app_db, people, claim, watched, items):
    """Acknowledge each item's flag, start a correction of the published verdict (it rests on
    the newest copy), and run the watch again: nothing is flagged at any step."""
    for item in items:
        link_checks.acknowledge_change(app_db, item, actor=SYSTEM)
    assert link_checks.flagged_evidence(app_db) == []
    verdicts.correct_verdict(
        app_db, claim["id"], rating="false", rationale=RATIONALE, reason="Figures revised",
        actor=people["rita"],
    )  # fmt: skip
    assert link_checks.flagged_evidence(app_db) == []
    _run(app_db, watched)
    assert link_checks.flagged_evidence(app_db) == []


def test_a_change_acknowledged_holds_across_copies_holding_the_same_bytes(
    app, app_db, watched, site, people, claim
):
    """Another claim kept a copy while the page was as the published verdict's copy; the page
    changed and the change was acknowledged. Drafting a correction, which rests on the newer copy,
    brought the flag back, though the two copies hold the same bytes (as did the first run of a
    desk upgraded from an earlier version, whose acknowledgement was of the newest copy's check)."""
    _rest_verdict(app_db, people, claim["id"], "published")
    other = _cited_again(app, app_db, people, claim, watched)  # the page as the published copy
    first = evidence_store.evidence_for_claim(app_db, claim["id"])[0]["snapshot_id"]
    second = evidence_store.evidence_for_claim(app_db, other["claim"]["id"])[0]["snapshot_id"]
    assert first != second
    site.routes["/report"] = page(EDITED)
    [result] = _run(app_db, watched)
    assert [c["outcome"] for c in result["checks"]] == ["changed", "changed"]
    item = watched["item"]["id"]
    _acknowledge_then_correct(app_db, people, claim, watched, [item, other["item"]["id"]])
    # The page changes again: the flag is back, for both items.
    site.routes["/report"] = page(REWRITTEN)
    _run(app_db, watched)
    flagged = sorted(row["id"] for row in link_checks.flagged_evidence(app_db))
    assert flagged == sorted([item, other["item"]["id"]])


def test_copies_compared_are_the_published_ones_first_and_the_newest_last():
    items = [
        {"compared": 5, "published": False, "in_review": False},
        {"compared": 2, "published": True, "in_review": False},
        {"compared": 3, "published": False, "in_review": True},
        {"compared": 9, "published": False, "in_review": False},
        {"compared": 2, "published": False, "in_review": False},
    ]
    assert link_watch.copies_to_compare(items, 9) == [2, 3, 5, 9]
    assert link_watch.copies_to_compare([], None) == [None]
    many = [{"compared": n, "published": False, "in_review": False} for n in range(1, 60)]
    chosen = link_watch.copies_to_compare(many, 70)
    assert len(chosen) == link_checks.MAX_COPIES and chosen[-1] == 70
    assert chosen[:-1] == list(range(59, 59 - link_checks.MAX_COPIES + 1, -1))


def test_the_copies_of_published_verdicts_are_kept_the_oldest_first():
    """More copies than are compared: the published verdicts' are kept, the oldest first (the
    newest copy's check, which a left-out item reads, tells least about the oldest), before
    any draft's."""
    size = link_checks.MAX_COPIES
    published = [{"compared": n, "published": True, "in_review": False} for n in range(1, size)]
    drafts = [{"compared": n, "published": False, "in_review": False} for n in range(size, 90)]
    chosen = link_watch.copies_to_compare(drafts + published[::-1], 99)
    assert chosen == [*range(1, size), 99]
    more = [{"compared": 200 + n, "published": True, "in_review": False} for n in range(5)]
    chosen = link_watch.copies_to_compare(more + published, 300)
    assert chosen[:3] == [1, 2, 3] and 204 not in chosen and chosen[-1] == 300


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (page(b"gone", "text/plain", status=404), "failed"),
        (redirect("/elsewhere"), "moved"),
    ],
)
def test_an_acknowledged_failure_or_move_holds_whichever_copy_the_item_is_compared_with(
    app, app_db, watched, site, people, claim, answer, outcome
):
    """A failing or moved page is so whatever copy it is compared with: once acknowledged, the
    flag stays quiet when a correction is drafted on the newest copy (a check of another copy),
    as it did before checks were kept per copy."""
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    other = _cited_again(app, app_db, people, claim, watched)
    site.routes["/report"] = answer
    site.routes["/elsewhere"] = page(REWRITTEN)
    [result] = _run(app_db, watched)
    assert [c["outcome"] for c in result["checks"]] == [outcome, outcome]
    first, second = watched["item"]["id"], other["item"]["id"]
    _acknowledge_then_correct(app_db, people, claim, watched, [first, second])
    assert not link_checks.flags_for_claim(app_db, claim["id"])[first]["flagged"]


def test_a_quote_lost_from_a_copy_left_out_has_that_copy_compared(
    app, app_db, watched, site, people, claim, client, monkeypatch
):
    """More copies than are compared: a published verdict's copy is left out, and the quote
    found in it is gone from the page. Its copy was left out all the same, the item read the
    newest copy's check, which the page still matched, and no item was flagged for the loss
    (one check of the newest copy, before copies were compared, flagged it). Now its copy is
    compared whatever the bound; the draft resting on the newest copy is not flagged for it."""
    from factcheck.store import claim_reads

    monkeypatch.setattr(link_checks, "MAX_COPIES", 2)  # the oldest published copy and the newest
    units = claim_reads.claims_for_article(app_db, claim["article_id"])
    second, third = [u for u in units if u["kind"] == "claim" and u["id"] != claim["id"]][:2]
    _rest_verdict(app_db, people, claim["id"], "published")  # on copy 1, the dam story
    site.routes["/report"] = page(EDITED)
    left_out = evidence_store.add_evidence(
        app_db, second["id"], url=watched["url"], stance="supports", actor=people["rita"],
        quote="The board now says repairs will cost 3 million dollars",
    )  # fmt: skip
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    _rest_verdict(app_db, people, second["id"], "published")  # on copy 2, EDITED
    site.routes["/report"] = page(REWRITTEN)
    draft = evidence_store.add_evidence(
        app_db, third["id"], url=watched["url"], stance="context", actor=people["rita"]
    )
    archive_jobs.archive_evidence(app.config["DATABASE"], watched["url"], watched["policy"]).get()
    [result] = _run(app_db, watched)
    copies = [c["snapshot_id"] for c in result["checks"]]
    assert len(copies) == 3 and len(set(copies)) == 3
    assert [c["outcome"] for c in result["checks"]] == ["changed", "changed", "unchanged"]
    assert result["checks"][1]["quotes"][str(left_out["id"])] == "not_found"
    flagged = sorted(row["id"] for row in link_checks.flagged_evidence(app_db))
    assert flagged == sorted([watched["item"]["id"], left_out["id"]])
    panel = client.get(f"/claims/{second['id']}/panel", headers=HX).get_data(as_text=True)
    assert "rests on was archived" in panel
    # The quote back on the page: the copy is left out again, and the item reads the newest
    # copy's check (its card says no more than that the page changed).
    site.routes["/report"] = page(EDITED.replace(b"spillway", b"spill way and gates"))
    [result] = _run(app_db, watched)
    assert len(result["checks"]) == 2
    panel = client.get(f"/claims/{second['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Link check: the page changed since it was archived" in panel
    assert draft["id"] in [row["id"] for row in link_checks.flagged_evidence(app_db)]


def test_the_copies_of_items_whose_quote_was_lost_are_compared_whatever_the_bound():
    size = link_checks.MAX_COPIES
    published = [{"compared": n, "published": True, "in_review": False} for n in range(1, 90)]
    chosen = link_watch.copies_to_compare(published, 99, frozenset({60, 70, 99, None}))
    assert chosen == [*range(1, size), 60, 70, 99]
    everything = frozenset(range(1, 90))
    chosen = link_watch.copies_to_compare(published, 99, everything)
    assert chosen == [*range(1, link_checks.MOST_CHECKS), 99]


def test_a_verdict_resting_on_an_upload_is_not_said_to_differ_from_its_own_copy(
    app, app_db, watched, site, people, claim, client
):
    """The verdict rests on a reviewer's upload, which says nothing of the live page: its item
    reads the check of the newest copy fetched, and its card says only that the page changed."""
    from factcheck.store import snapshots as snapshot_store

    saved = b"<html><body><p>The saved dam report.</p></body></html>"
    snapshot_store.attach_copy(
        app_db, watched["item"]["id"], actor=people["rita"], content_type="text/html",
        content_sha256=hashlib.sha256(saved).hexdigest(), data=saved,
        text="The saved dam report: " + QUOTE + ".",
    )  # fmt: skip
    [row] = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert row["snapshot_kind"] == "upload"
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    _cited_again(app, app_db, people, claim, watched)
    site.routes["/report"] = page(REWRITTEN)
    _run(app_db, watched)
    [row] = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert row["newer_copy_at"] and row["link_outcome"] == "changed"
    panel = client.get(f"/claims/{claim['id']}/panel", headers=HX).get_data(as_text=True)
    assert "Link check: the page changed since it was archived" in panel
    assert "rests on was archived" not in panel


def test_a_copys_page_lists_one_check_a_fetch_its_own(
    app, app_db, watched, site, people, claim, client
):
    """A fetch compared with two copies keeps two checks at one time: the page of each copy
    lists the fetch once, with the check of that copy, and names the copy a check compared
    with when it was another (the newest then, before this copy was kept)."""
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    _run(app_db, watched)
    other = _cited_again(app, app_db, people, claim, watched)
    _run(app_db, watched)
    _run(app_db, watched)
    first = evidence_store.evidence_for_claim(app_db, claim["id"])[0]["snapshot_id"]
    second = evidence_store.evidence_for_claim(app_db, other["claim"]["id"])[0]["snapshot_id"]
    assert first != second
    rows = link_checks.checks_of_copy(app_db, watched["url"], first)
    assert [(r["outcome"], r["snapshot_id"]) for r in rows] == [("changed", first)] * 3
    rows = link_checks.checks_of_copy(app_db, watched["url"], second)
    assert [(r["outcome"], r["snapshot_id"]) for r in rows] == [
        ("unchanged", second),
        ("unchanged", second),
        ("changed", first),
    ]
    assert len(link_checks.checks_of_copy(app_db, watched["url"], second, limit=2)) == 2
    html = client.get(f"/snapshots/{first}").get_data(as_text=True)
    assert "Link checks of this address (3 most recent)" in html
    assert html.count("<td>Changed") == 3 and "Unchanged" not in html
    assert "data-other-copy" not in html
    html = client.get(f"/snapshots/{second}").get_data(as_text=True)
    assert html.count("<td>Unchanged") == 2 and html.count("data-other-copy") == 1
    assert f"copy {first}</a>, the newest then" in html


def test_the_export_names_the_copy_a_link_check_compared_with(
    app, app_db, watched, site, people, claim
):
    """While a correction is drafted, the export keeps the published copy as the item's, and
    its link check is of the newest copy, on which the correction rests: it says which."""
    _rest_verdict(app_db, people, claim["id"], "published")
    site.routes["/report"] = page(EDITED)
    _cited_again(app, app_db, people, claim, watched)
    verdicts.correct_verdict(
        app_db, claim["id"], rating="false", rationale=RATIONALE, reason="Figures revised",
        actor=people["rita"],
    )  # fmt: skip
    site.routes["/report"] = page(REWRITTEN)
    _run(app_db, watched)
    listed = json.loads(_cli(app, "claims", str(claim["article_id"]), "--json").output)
    [item] = next(c for c in listed["claims"] if c["id"] == claim["id"])["evidence"]
    newest = link_checks.checks_for(app_db, watched["url"], limit=1)[0]["snapshot_id"]
    assert item["link_check"]["snapshot_id"] == newest != item["snapshot"]["id"]
