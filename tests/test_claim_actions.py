"""The claim panel's actions over HTTP: htmx and plain form posts, validation, roles, escaping."""

import re

import lxml.html
import pytest
from helpers import (
    HX,
    RATIONALE,
    SCRIPT,
    audit_count,
    claim_now,
    form_post,
    fragment,
    hx_post,
    parse,
    verdict_data,
    words,
)
from hypothesis import given
from hypothesis import strategies as st
from local_server import page

from factcheck import archive_jobs, jobs
from factcheck.history_words import HISTORY_WORDS, describe, detail, headline, version_after
from factcheck.network.fetch import FetchPolicy
from factcheck.network.urls import url_host, url_rest
from factcheck.scales import default_scale
from factcheck.store import claim_reads, triage, verdicts
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store.errors import Forbidden
from factcheck.views.error_words import sentence
from factcheck.views.scale_css import mix_with_white, rating_class, rating_styles, stylesheet_text

SOURCE_PAGE = (
    b"<!doctype html><html><head><title>County bulletin</title></head><body><article>"
    b"<h1>Emergency bulletin for Tuesday</h1>"
    b"<p>Fourteen schools in the river valley were closed on Tuesday because of flooding, and "
    b"3,200 homes lost power, the county emergency office said in its evening bulletin.</p>"
    b"<p>A reader wrote &lt;script&gt;alert(1)&lt;/script&gt; in the comments of the bulletin, "
    b"which the office removed later that evening after several complaints.</p>"
    b"</article></body></html>"
)

# Archiving evidence runs inside the request, so its outcome can be checked at once.
pytestmark = pytest.mark.usefixtures("immediate_jobs")


@pytest.fixture
def sources(app, site):
    """A local web server for evidence pages, which the app is allowed to fetch from."""
    site.routes["/bulletin"] = page(SOURCE_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    return site


def panel_of(client, claim_id: int) -> lxml.html.HtmlElement:
    return fragment(client.get(f"/claims/{claim_id}/panel", headers=HX))


def publish(app_db, people, claim_id: int, *, author="rita", approver="ed") -> None:
    """Take a claim through the store to a published 'Unverifiable' verdict."""
    verdicts.set_verdict(
        app_db, claim_id, rating="unverifiable", rationale=RATIONALE, actor=people[author]
    )
    verdicts.submit_for_review(app_db, claim_id, actor=people[author])
    verdicts.approve(app_db, claim_id, actor=people[approver])


def in_review(app_db, people, claim_id: int, author="rita") -> None:
    verdicts.set_verdict(
        app_db, claim_id, rating="unverifiable", rationale=RATIONALE, actor=people[author]
    )
    verdicts.submit_for_review(app_db, claim_id, actor=people[author])


# The panel as a place to work


def test_every_panel_form_carries_the_claim_version_and_a_csrf_token(client, claim):
    panel = panel_of(client, claim["id"])
    forms = panel.cssselect("form[method=post]")
    assert len(forms) >= 5
    for form in forms:
        assert form.cssselect('input[name="csrf_token"]')[0].get("value")
        version = form.cssselect('input[name="expected_version"]')[0].get("value")
        assert version == str(claim["version"])
        assert form.get("hx-post") == form.get("action")


def test_every_panel_control_has_a_label(client, claim):
    panel = panel_of(client, claim["id"])
    labelled = {label.get("for") for label in panel.cssselect("label[for]")}
    for control in panel.cssselect("input:not([type=hidden]), textarea, select"):
        inside_label = any(parent.tag == "label" for parent in control.iterancestors())
        assert inside_label or control.get("id") in labelled, lxml.html.tostring(control)


def test_the_rating_scale_is_offered_with_labels_and_number_keys(client, claim):
    panel = panel_of(client, claim["id"])
    options = panel.cssselect(".verdict-form .rating-option")
    scale = default_scale()
    assert [words(option.cssselect(".rating-text")[0]) for option in options] == [
        rating.label for rating in scale.ratings
    ]
    for number, (option, rating) in enumerate(zip(options, scale.ratings, strict=True), 1):
        radio = option.cssselect("input[type=radio]")[0]
        assert radio.get("value") == rating.key
        assert radio.get("aria-keyshortcuts") == str(number)
        assert rating_class(rating.key) in option.get("class")


# Triage


def test_classifying_via_htmx_refreshes_the_panel_and_the_highlight(client, claim, app_db):
    response = hx_post(
        client,
        f"/claims/{claim['id']}/classify",
        {"expected_version": claim["version"], "kind": "not_a_claim", "reason": "a forecast"},
    )
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#claim-panel"
    assert response.headers["HX-Reswap"] == "innerHTML"
    html = fragment(response)
    assert "a forecast" in words(html.cssselect(".panel-note")[0])
    span = html.get_element_by_id(f"claim-{claim['id']}")
    assert span.get("hx-swap-oob") == "outerHTML"
    assert "is-not-claim" in span.get("class") and span.get("aria-current") == "true"
    assert span.text_content() == claim["text"]
    assert html.get_element_by_id("ranked-claims").get("hx-swap-oob") == "innerHTML"
    assert html.get_element_by_id("article-progress").get("hx-swap-oob") == "outerHTML"
    assert claim_now(app_db, claim["id"])["kind"] == "not_a_claim"


def test_classifying_via_a_plain_form_redirects_back_to_the_claim(client, claim, app_db):
    response = form_post(
        client,
        f"/claims/{claim['id']}/classify",
        {"expected_version": claim["version"], "kind": "not_a_claim", "reason": "a forecast"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/articles/{claim['article_id']}?claim={claim['id']}"
    assert claim_now(app_db, claim["id"])["kind"] == "not_a_claim"


def test_assigning_offers_active_people_and_saves_either_way(client, claim, app_db):
    panel = panel_of(client, claim["id"])
    options = [o.get("value") for o in panel.cssselect(f"#assign-{claim['id']} option")]
    assert options == ["", "ada", "ed", "eve", "rita"]
    response = hx_post(
        client,
        f"/claims/{claim['id']}/assign",
        {"expected_version": claim["version"], "assignee": "eve"},
    )
    assert response.status_code == 200
    chosen = fragment(response).cssselect(f"#assign-{claim['id']} option[selected]")
    assert [o.get("value") for o in chosen] == ["eve"]
    current = claim_now(app_db, claim["id"])
    response = form_post(
        client,
        f"/claims/{claim['id']}/assign",
        {"expected_version": current["version"], "assignee": ""},
    )
    assert response.status_code == 303
    assert claim_now(app_db, claim["id"])["assignee_id"] is None


def test_a_unit_set_aside_in_another_tab_is_not_assigned(client, claim, app_db, people):
    triage.classify(
        app_db, claim["id"], kind="not_a_claim", reason="A byline, not a claim", actor=people["ed"]
    )
    current = claim_now(app_db, claim["id"])
    before = audit_count(app_db)
    response = hx_post(
        client,
        f"/claims/{claim['id']}/assign",
        {"expected_version": current["version"], "assignee": "eve"},
    )
    assert response.status_code == 422
    assert "marked as not a claim (A byline, not a claim); classify it as a claim first" in words(
        fragment(response)
    )
    assert claim_now(app_db, claim["id"])["assignee_id"] is None
    assert audit_count(app_db) == before


def test_a_form_without_its_version_is_refused_and_changes_nothing(client, claim, app_db):
    before = audit_count(app_db)
    response = hx_post(client, f"/claims/{claim['id']}/assign", {"assignee": "eve"})
    assert response.status_code == 422
    assert "reload the page" in words(fragment(response))
    assert audit_count(app_db) == before


def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(client, claim, app_db):
    before = audit_count(app_db)
    response = client.post(
        f"/claims/{claim['id']}/assign",
        data={"expected_version": claim["version"], "assignee": "eve"},
        headers=HX,
    )
    assert response.status_code == 400
    assert audit_count(app_db) == before


# Evidence


def test_added_evidence_is_listed_and_its_page_archived(client, claim, sources, app_db):
    url = sources.url("/bulletin")
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {
            "expected_version": claim["version"],
            "url": url,
            "stance": "supports",
            "quote": "Fourteen schools in the river valley were closed",
            "note": "official source",
        },
    )
    assert response.status_code == 200
    item = fragment(response).cssselect(".evidence-item")[0]
    assert words(item.cssselect(".stance")[0]) == "Supports"
    assert item.cssselect(".evidence-url")[0].get("href") == url
    assert "Fourteen schools" in words(item.cssselect(".evidence-quote")[0])
    assert "Rita" in words(item.cssselect(".evidence-meta")[0])
    archived = item.cssselect("a.archive-status.is-archived")[0]
    assert words(archived) == "Archived copy"
    snapshot = client.get(archived.get("href"))
    assert snapshot.status_code == 200
    html = snapshot.get_data(as_text=True)
    assert "3,200 homes lost power" in html
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="/claims/{claim["id"]}"' in html, "the copy links back to its claim"
    assert ("/bulletin", f"127.0.0.1:{sources.port}") in sources.seen


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (None, "The page was not found: it may have moved or been taken down (HTTP 404)."),
        # A page that answers 200 with nothing (or blank lines only) is no copy of a page.
        (b"", "The page came back empty: the site sent nothing to copy; try again later."),
        (b"\r\n \n", "The page came back empty: the site sent nothing to copy; try again later."),
    ],
)
def test_a_source_that_cannot_be_fetched_says_the_archive_failed(
    client, claim, sources, app_db, body, said
):
    if body is not None:
        sources.routes["/gone"] = page(body)
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {"expected_version": claim["version"], "url": sources.url("/gone"), "stance": "refutes"},
    )
    badge = fragment(response).cssselect(".evidence-item .archive-badge")[0]
    status = badge.cssselect(".archive-status")[0]
    assert "is-failed" in status.get("class")
    assert words(status) == said
    assert not app_db.execute("SELECT count(*) FROM snapshot_files").fetchone()[0]
    retry = badge.cssselect("button.archive-retry")[0]
    assert words(retry) == "Try again" and retry.get("hx-post").endswith("/archive")
    assert badge.cssselect("details.own-copy form[enctype='multipart/form-data']")


def test_evidence_is_archived_under_the_strict_policy_unless_told_otherwise(client, claim):
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {"expected_version": claim["version"], "url": "http://127.0.0.1:9/x", "stance": "mixed"},
    )
    item = fragment(response).cssselect(".evidence-item")[0]
    assert "is-failed" in item.cssselect(".archive-status")[0].get("class")
    # Fetching a refused address again is refused again: only one's own copy is offered.
    assert not item.cssselect("button.archive-retry")
    assert item.cssselect("details.own-copy form[enctype='multipart/form-data']")


def test_a_pending_archive_badge_asks_again_until_the_copy_is_kept(client, claim, app_db, people):
    added = evidence_store.add_evidence(
        app_db, claim["id"], url="https://example.org/report", stance="context", actor=people["ed"]
    )
    # Queued, as `factcheck evidence add` leaves it for a worker.
    jobs.huey.put(
        archive_jobs._archiving_key(added["url"]), {"job_id": "j1", "db_path": "", "policy": None}
    )
    try:
        badge = panel_of(client, claim["id"]).cssselect(".archive-status.is-pending")[0]
    finally:
        jobs.huey.delete(archive_jobs._archiving_key(added["url"]))
    status_url = f"/claims/{claim['id']}/evidence/{added['id']}/archive-status"
    assert badge.get("hx-get") == status_url and badge.get("hx-trigger").startswith("every")
    evidence_store.record_snapshot(
        app_db, added["url"], actor=people["ed"], status="archived", text="kept"
    )
    answer = fragment(client.get(status_url, headers=HX))
    assert answer.cssselect("a.archive-status.is-archived")
    assert not answer.cssselect("[hx-trigger]")


def test_a_copy_queued_long_ago_says_it_waits_for_a_worker_and_stops_asking(
    client, claim, app_db, people
):
    added = evidence_store.add_evidence(
        app_db, claim["id"], url="https://example.org/slow", stance="context", actor=people["ed"]
    )
    marker = {"job_id": "j2", "db_path": "", "policy": None, "queued_at": 0}
    jobs.huey.put(archive_jobs._archiving_key(added["url"]), marker)
    try:
        badge = panel_of(client, claim["id"]).cssselect(f"#archive-badge-{added['id']}")[0]
    finally:
        jobs.huey.delete(archive_jobs._archiving_key(added["url"]))
    assert words(badge.cssselect(".archive-status")[0]).startswith("Queued for archiving, waiting")
    assert not badge.cssselect("[hx-trigger]"), "a badge nobody will answer stops polling"
    assert words(badge.cssselect("button")[0]) == "Check again"


def test_evidence_nobody_asked_to_archive_says_so_and_offers_to_archive_it_now(
    client, claim, app_db, people, sources
):
    added = evidence_store.add_evidence(
        app_db, claim["id"], url=sources.url("/bulletin"), stance="context", actor=people["ed"]
    )
    badge = panel_of(client, claim["id"]).cssselect(f"#archive-badge-{added['id']}")[0]
    assert not badge.cssselect("[hx-trigger]"), "nothing is running, so nothing polls"
    assert words(badge.cssselect(".archive-status")[0]) == "Not archived yet"
    button = badge.cssselect("button.archive-retry")[0]
    assert words(button) == "Archive now"
    answer = fragment(hx_post(client, button.get("hx-post"), {}))
    assert words(answer.cssselect("a.archive-status.is-archived")[0]) == "Archived copy"


def post_evidence(client, claim, url: str, quote: str):
    """The panel's Add evidence form sent with a supporting source and its quote."""
    return hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {"expected_version": claim["version"], "url": url, "stance": "supports", "quote": quote},
    )


def test_bad_evidence_is_refused_beside_the_field_with_the_input_kept(client, claim, app_db):
    before = audit_count(app_db)
    response = post_evidence(client, claim, "ftp://files.example/report", "the passage I copied")
    assert response.status_code == 422
    assert "HX-Retarget" not in response.headers
    html = fragment(response)
    form = html.cssselect("form.evidence-form")[0]
    assert form.getparent() is html, "the 422 answer is the form alone"
    prefix = f"evidence-{claim['id']}"
    assert "http" in words(html.get_element_by_id(f"{prefix}-url-error"))
    url_field = html.get_element_by_id(f"{prefix}-url")
    assert url_field.get("value") == "ftp://files.example/report"
    assert url_field.get("aria-invalid") == "true"
    assert html.get_element_by_id(f"{prefix}-quote").text == "the passage I copied"
    assert html.cssselect(f"#{prefix}-stance option[selected]")[0].get("value") == "supports"
    assert audit_count(app_db) == before
    assert evidence_store.evidence_for_claim(app_db, claim["id"]) == []


@pytest.mark.parametrize("quote", [" \u2026 ", "\u2014", "[...]"])
def test_a_quote_with_no_words_is_refused_beside_the_field(client, claim, app_db, quote):
    before = audit_count(app_db)
    response = post_evidence(client, claim, "https://example.org/report", quote)
    assert response.status_code == 422
    html = fragment(response)
    prefix = f"evidence-{claim['id']}"
    assert "no words to look for" in words(html.get_element_by_id(f"{prefix}-quote-error"))
    assert html.get_element_by_id(f"{prefix}-quote").get("aria-invalid") == "true"
    assert audit_count(app_db) == before
    assert evidence_store.evidence_for_claim(app_db, claim["id"]) == []


@pytest.mark.parametrize("quote", ["\U0001f44d", "\U0001f1fa\U0001f1e6", "\u20ac"])
def test_a_quote_of_an_emoji_or_a_sign_is_kept(client, claim, sources, app_db, quote):
    # A thumbs-up, a flag or a currency sign is what the page shows, not punctuation.
    response = post_evidence(client, claim, sources.url("/bulletin"), quote)
    assert response.status_code == 200
    [item] = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert item["quote"] == quote


def test_removing_evidence_needs_a_reason(client, claim, app_db, people):
    added = evidence_store.add_evidence(
        app_db, claim["id"], url="https://example.org/a", stance="context", actor=people["ed"]
    )
    path = f"/claims/{claim['id']}/evidence/{added['id']}/remove"
    refused = hx_post(client, path, {"expected_version": claim["version"], "reason": ""})
    assert refused.status_code == 422
    error = fragment(refused).get_element_by_id(f"remove-reason-{added['id']}-error")
    assert words(error) == "Say why the evidence is removed, in at least 10 characters."
    response = hx_post(
        client, path, {"expected_version": claim["version"], "reason": "the page was a parody"}
    )
    assert response.status_code == 200
    html = fragment(response)
    assert not html.cssselect(".evidence-item")
    assert "removed evidence" in words(html.cssselect(".timeline")[0])
    assert "the page was a parody" in words(html.cssselect(".timeline")[0])


def test_evidence_someone_removed_first_says_who_and_when_in_words(client, claim, app_db, people):
    added = evidence_store.add_evidence(
        app_db, claim["id"], url="https://example.org/a", stance="context", actor=people["rita"]
    )
    evidence_store.remove_evidence(
        app_db, added["id"], reason="the page was a parody", actor=people["ed"]
    )
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence/{added['id']}/remove",
        {"expected_version": claim["version"], "reason": "a parody site, not the office"},
    )
    assert response.status_code == 422
    assert f"Evidence {added['id']} was already removed by Ed just now." in words(
        fragment(response)
    )


def test_evidence_of_another_claim_cannot_be_removed_through_this_one(
    client, claim, app_db, people
):
    other = [
        c
        for c in claim_reads.claims_for_article(app_db, claim["article_id"])
        if c["kind"] == "claim" and c["id"] != claim["id"]
    ][0]
    added = evidence_store.add_evidence(
        app_db, other["id"], url="https://example.org/b", stance="context", actor=people["ed"]
    )
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence/{added['id']}/remove",
        {"expected_version": claim["version"], "reason": "not the right claim at all"},
    )
    assert response.status_code == 404
    assert evidence_store.get_evidence(app_db, added["id"])["removed_at"] is None


# Verdicts


def test_saving_a_verdict_via_htmx_updates_the_panel_text_list_and_progress(client, claim, app_db):
    response = hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim))
    assert response.status_code == 200
    html = fragment(response)
    form = html.cssselect(".verdict-form")[0]
    assert form.cssselect("input[value=unverifiable]")[0].get("checked") is not None
    assert words(form.cssselect("textarea[name=rationale]")[0]) == RATIONALE
    current = claim_now(app_db, claim["id"])
    assert current["status"] == "in_progress"
    assert form.cssselect("input[name=expected_version]")[0].get("value") == str(current["version"])
    span = html.get_element_by_id(f"claim-{claim['id']}")
    assert "status-in_progress" in span.get("class")
    assert span.get("data-label") == "in progress"
    entry = html.get_element_by_id(f"ranked-{claim['id']}")
    assert entry.get("hx-swap-oob") == "outerHTML"
    assert "In progress" in words(entry)
    assert "1 in progress" in html.cssselect("#article-progress svg")[0].get("aria-label")


def test_saving_a_verdict_via_a_plain_form_redirects(client, claim, app_db):
    response = form_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim))
    assert response.status_code == 303
    assert claim_now(app_db, claim["id"])["status"] == "in_progress"


def test_saving_an_unchanged_draft_writes_nothing(client, claim, app_db):
    hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim))
    current = claim_now(app_db, claim["id"])
    before = audit_count(app_db)
    response = hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(current))
    assert response.status_code == 200
    assert audit_count(app_db) == before


def test_a_note_for_the_editor_saved_with_a_draft_becomes_a_comment(client, claim, app_db):
    data = {**verdict_data(claim), "comment": "Please check the second figure too."}
    html = fragment(hx_post(client, f"/claims/{claim['id']}/verdict", data))
    comments = html.cssselect(".comment-body")
    assert [words(c) for c in comments] == ["Please check the second figure too."]


def test_a_thin_rationale_is_refused_beside_the_field_and_nothing_is_written(client, claim, app_db):
    before = audit_count(app_db)
    response = hx_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(claim, rating="false", rationale="Wrong."),
    )
    assert response.status_code == 422
    html = fragment(response)
    assert html.cssselect("form.verdict-form")[0].getparent() is html
    prefix = f"verdict-{claim['id']}"
    assert "at least 6 words" in words(html.get_element_by_id(f"{prefix}-rationale-error"))
    rationale = html.get_element_by_id(f"{prefix}-rationale")
    assert rationale.text == "Wrong." and rationale.get("aria-invalid") == "true"
    assert f"{prefix}-rationale-error" in rationale.get("aria-describedby")
    assert html.cssselect("input[value=false]")[0].get("checked") is not None
    assert audit_count(app_db) == before
    assert claim_now(app_db, claim["id"])["version"] == claim["version"]


def test_a_refused_verdict_keeps_the_sources_left_out_unticked(client, claim, app_db, people):
    kept, dropped = (
        evidence_store.add_evidence(
            app_db, claim["id"], url=url, stance="supports", actor=people["ed"]
        )["id"]
        for url in ("https://county.example/bulletin", "https://rumour.example/post")
    )
    opened = claim_now(app_db, claim["id"])
    data = {
        **verdict_data(opened, rationale="Too thin."),
        "evidence_listed": "1",
        "evidence": [str(kept)],
    }
    for response in (
        hx_post(client, f"/claims/{claim['id']}/verdict", data),
        form_post(client, f"/claims/{claim['id']}/verdict", data),
    ):
        assert response.status_code == 422
        form = lxml.html.fromstring(response.get_data(as_text=True)).cssselect("form.verdict-form")
        ticked = [b.get("value") for b in form[0].cssselect('input[name="evidence"]') if b.checked]
        assert ticked == [str(kept)], f"{dropped} was ticked again after the refusal"


def test_a_verdict_citing_evidence_removed_since_says_who_took_it_off_and_redraws_the_panel(
    client, claim, app_db, people
):
    kept, removed = (
        evidence_store.add_evidence(
            app_db, claim["id"], url=url, stance="supports", actor=people["ed"]
        )["id"]
        for url in ("https://county.example/bulletin", "https://rumour.example/post")
    )
    opened = claim_now(app_db, claim["id"])
    evidence_store.remove_evidence(
        app_db, removed, reason="a parody of the county site", actor=people["ed"]
    )
    before = audit_count(app_db)
    data = {
        **verdict_data(opened, rationale=RATIONALE),
        "evidence_listed": "1",
        "evidence": [str(kept), str(removed)],
    }
    response = hx_post(client, f"/claims/{claim['id']}/verdict", data)
    assert response.status_code == 422
    html = fragment(response)
    said = words(html)
    assert f"Evidence {removed} was taken off this claim by Ed just now" in said
    assert "a parody of the county site" in said and "reload" not in said
    # The whole panel, as the claim is now: the removed source's card and box are gone, the
    # rationale typed is kept.
    assert html.cssselect(".evidence-item") and len(html.cssselect(".evidence-item")) == 1
    boxes = [box.get("value") for box in html.cssselect('input[name="evidence"]')]
    assert boxes == [str(kept)]
    assert words(html.get_element_by_id(f"verdict-{claim['id']}-rationale")) == RATIONALE
    assert audit_count(app_db) == before


def test_a_refusal_without_script_shows_the_whole_article_with_the_error(client, claim, app_db):
    response = form_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(claim, rating="nonsense"),
    )
    assert response.status_code == 422
    page = parse(response)
    assert page.get_element_by_id("article-text") is not None
    error = page.get_element_by_id(f"verdict-{claim['id']}-rating-error")
    assert words(error).startswith("Choose one of the ratings on the scale: Accurate,")
    assert words(page.get_element_by_id(f"verdict-{claim['id']}-rationale")) == RATIONALE


def test_submitting_then_approving_publishes_with_both_names_in_the_history(
    client, client_as, claim, app_db
):
    response = hx_post(
        client, f"/claims/{claim['id']}/verdict", verdict_data(claim, intent="submit")
    )
    assert response.status_code == 200
    html = fragment(response)
    assert claim_now(app_db, claim["id"])["status"] == "in_review"
    assert "Waiting for an editor" in words(html.cssselect(".verdict-section")[0])
    assert not html.xpath("//button[normalize-space()='Approve']")

    editor = client_as("ed")
    panel = panel_of(editor, claim["id"])
    buttons = panel.xpath("//button[normalize-space()='Approve']")
    assert len(buttons) == 1
    version = buttons[0].getparent().cssselect("input[name=expected_version]")[0].get("value")
    approved = hx_post(editor, f"/claims/{claim['id']}/approve", {"expected_version": version})
    assert approved.status_code == 200
    html = fragment(approved)
    assert claim_now(app_db, claim["id"])["status"] == "published"
    card = html.cssselect(".verdict-card.is-published")[0]
    assert "Unverifiable" in words(card) and "by Rita, approved by Ed" in words(card)
    timeline = [words(item) for item in html.cssselect(".timeline-item")]
    assert timeline[0].startswith("Ed approved and published")
    assert any(line.startswith("Rita submitted for review") for line in timeline)
    assert any(line.startswith("Rita rated Unverifiable") for line in timeline)
    span = html.get_element_by_id(f"claim-{claim['id']}")
    assert span.get("data-label") == "published: Unverifiable"
    assert rating_class("unverifiable") in span.get("class")


def test_a_reviewer_cannot_approve_on_the_route_or_in_the_store(client, claim, app_db, people):
    in_review(app_db, people, claim["id"], author="ed")
    current = claim_now(app_db, claim["id"])
    assert not panel_of(client, claim["id"]).xpath("//button[normalize-space()='Approve']")
    response = hx_post(
        client, f"/claims/{claim['id']}/approve", {"expected_version": current["version"]}
    )
    assert response.status_code == 403
    assert "editor" in words(fragment(response))
    with pytest.raises(Forbidden):
        verdicts.approve(app_db, claim["id"], actor=people["rita"])
    assert claim_now(app_db, claim["id"])["status"] == "in_review"


def test_nobody_approves_their_own_verdict(client_as, claim, app_db, people):
    in_review(app_db, people, claim["id"], author="ed")
    editor = client_as("ed")
    panel = panel_of(editor, claim["id"])
    assert not panel.xpath("//button[normalize-space()='Approve']")
    assert "another editor must approve" in words(panel)
    version = claim_now(app_db, claim["id"])["version"]
    response = form_post(editor, f"/claims/{claim['id']}/approve", {"expected_version": version})
    assert response.status_code == 403
    assert claim_now(app_db, claim["id"])["status"] == "in_review"


def test_returning_needs_a_comment_and_sends_the_verdict_back(client_as, claim, app_db, people):
    in_review(app_db, people, claim["id"])
    editor = client_as("ed")
    version = claim_now(app_db, claim["id"])["version"]
    path = f"/claims/{claim['id']}/return"
    refused = hx_post(editor, path, {"expected_version": version, "comment": ""})
    assert refused.status_code == 422
    error = fragment(refused).get_element_by_id(f"return-comment-{claim['id']}-error")
    assert words(error) == "Say what should change, in at least 10 characters."
    response = hx_post(
        editor, path, {"expected_version": version, "comment": "Cite the bulletin itself."}
    )
    assert response.status_code == 200
    assert claim_now(app_db, claim["id"])["status"] == "in_progress"
    html = fragment(response)
    assert "Cite the bulletin itself." in [words(c) for c in html.cssselect(".comment-body")]
    assert html.cssselect(".verdict-form")


def test_review_notes_mentioning_a_disabled_colleague_say_they_were_not_told(
    client, client_as, claim, app_db, people
):
    """A note sent with a submission, a return or an approval is a comment like any other: a
    disabled colleague it mentions gets no inbox item, and whoever sent it is told so."""
    from factcheck.store import users

    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    path = f"/claims/{claim['id']}"

    def said(answer) -> str:
        assert answer.status_code == 200
        return words(fragment(answer).cssselect("#panel-said")[0])

    sent = {**verdict_data(claim, intent="submit"), "comment": "@eve @ed the table is on p. 4"}
    assert said(hx_post(client, f"{path}/verdict", sent)).endswith(
        "eve is disabled and was not told."
    )
    editor = client_as("ed")
    version = claim_now(app_db, claim["id"])["version"]
    back = {"expected_version": version, "comment": "@rita and @eve: cite the bulletin itself."}
    assert said(hx_post(editor, f"{path}/return", back)).endswith(
        "eve is disabled and was not told."
    )
    again = {**verdict_data(claim_now(app_db, claim["id"]), intent="submit"), "comment": "@ed"}
    assert "not told" not in said(hx_post(client, f"{path}/verdict", again))
    version = claim_now(app_db, claim["id"])["version"]
    note = {"expected_version": version, "comment": "Fine by me, @EVE"}
    assert said(hx_post(editor, f"{path}/approve", note)).endswith(
        "eve is disabled and was not told."
    )
    assert claim_now(app_db, claim["id"])["status"] == "published"


def test_correcting_a_published_verdict_keeps_the_earlier_one_on_record(
    client, client_as, claim, app_db, people
):
    publish(app_db, people, claim["id"])
    panel = panel_of(client, claim["id"])
    assert panel.cssselect(".correct-form") and not panel.cssselect(".verdict-form")
    current = claim_now(app_db, claim["id"])
    correction = {
        "expected_version": current["version"],
        "rating": "false",
        "rationale": "The bulletin was revised: eleven schools closed, not fourteen as reported.",
        "reason": "the county revised its bulletin",
    }
    refused = hx_post(client, f"/claims/{claim['id']}/correct", {**correction, "reason": ""})
    assert refused.status_code == 422
    assert fragment(refused).get_element_by_id(f"correct-{claim['id']}-reason-error") is not None
    response = hx_post(client, f"/claims/{claim['id']}/correct", correction)
    assert response.status_code == 200
    html = fragment(response)
    published = html.cssselect(".verdict-card.is-published")[0]
    assert "Unverifiable" in words(published)
    assert "the county revised its bulletin" in words(html.cssselect(".verdict-section")[0])
    evidence_store.add_evidence(
        app_db,
        claim["id"],
        url="https://example.org/revised",
        stance="refutes",
        actor=people["rita"],
    )
    current = claim_now(app_db, claim["id"])
    submitted = hx_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(current, rating="false", rationale=correction["rationale"], intent="submit"),
    )
    assert submitted.status_code == 200
    current = claim_now(app_db, claim["id"])
    html = fragment(
        hx_post(
            client_as("eve"),
            f"/claims/{claim['id']}/approve",
            {"expected_version": current["version"]},
        )
    )
    card = html.cssselect(".verdict-card.is-published")[0]
    assert "False" in words(card) and "corrected" in words(card)
    # Published when readers first had a verdict; the correction's own date beside it.
    first, correction = verdicts.verdicts_for_claim(app_db, claim["id"])
    published_at, corrected_at = card.cssselect(".verdict-meta time")[:2]
    assert published_at.get("datetime") == first["published_at"]
    assert corrected_at.get("datetime") == correction["published_at"]
    earlier = html.cssselect(".earlier-verdicts")[0]
    assert "Unverifiable" in words(earlier) and "superseded" in words(earlier)


@pytest.mark.parametrize("blank", ["  ", "\x01\x02", " \u200b\u202e\t"])
def test_comments_are_added_and_an_empty_one_is_refused(client, claim, app_db, blank):
    path = f"/claims/{claim['id']}/comments"
    refused = hx_post(client, path, {"expected_version": claim["version"], "comment": blank})
    assert refused.status_code == 422
    error = fragment(refused).get_element_by_id(f"comment-{claim['id']}-body-error")
    assert words(error) == "Write something in the comment first."
    assert comment_store.comments_for_claim(app_db, claim["id"]) == []
    response = hx_post(
        client, path, {"expected_version": claim["version"], "comment": "Called the office."}
    )
    html = fragment(response)
    assert [words(c) for c in html.cssselect(".comment-body")] == ["Called the office."]
    assert "Rita" in words(html.cssselect(".comment-meta")[0])


def test_markup_people_type_is_shown_as_text_everywhere_on_the_panel(
    client, client_as, claim, app_db, sources
):
    rationale = f"The bulletin shows {SCRIPT} is quoted, and fourteen schools did close."
    hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {
            "expected_version": claim["version"],
            "url": sources.url("/bulletin"),
            "stance": "supports",
            "quote": f"quoted {SCRIPT} here",
            "note": f"note {SCRIPT}",
        },
    )
    hx_post(
        client,
        f"/claims/{claim['id']}/comments",
        {"expected_version": claim["version"], "comment": f"comment {SCRIPT}"},
    )
    response = hx_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(claim, rating="accurate", rationale=rationale, intent="submit"),
    )
    approved = hx_post(
        client_as("ed"),
        f"/claims/{claim['id']}/approve",
        {"expected_version": claim_now(app_db, claim["id"])["version"]},
    )
    page = client.get(f"/articles/{claim['article_id']}?claim={claim['id']}")
    for answer in (response, approved, page):
        html = answer.get_data(as_text=True)
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert not fragment(answer).cssselect("script:not([src])")


# The stylesheet of the rating scale


def test_the_scale_stylesheet_has_a_class_per_rating_in_its_colour(client):
    response = client.get("/scale.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    css = response.get_data(as_text=True)
    for rating in default_scale().ratings:
        assert re.search(
            rf"\.{re.escape(rating_class(rating.key))} {{ --verdict: {rating.colour.lower()};", css
        )


@given(st.text(max_size=30), st.text(max_size=30))
def test_rating_classes_are_safe_css_and_never_shared(first, second):
    for key in (first, second):
        assert re.fullmatch(r"verdict-[a-z0-9_-]*", rating_class(key))
    assert (rating_class(first) == rating_class(second)) == (first == second)


@given(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True), st.floats(0, 1))
def test_a_tint_lies_between_the_colour_and_white(colour, share):
    tint = mix_with_white(colour, share)
    assert re.fullmatch(r"#[0-9a-f]{6}", tint)
    for i in (1, 3, 5):
        assert int(colour[i : i + 2], 16) <= int(tint[i : i + 2], 16) <= 255
    assert mix_with_white(colour, 1.0) == colour.lower()
    assert mix_with_white(colour, 0.0) == "#ffffff"


def test_the_stylesheet_text_names_every_rating_once():
    styles = rating_styles(default_scale())
    css = stylesheet_text(styles)
    for style in styles:
        assert css.count(f".{style['css_class']} ") == 1


# Words for the history and for messages


_entries = st.fixed_dictionaries(
    {
        "action": st.sampled_from(sorted(HISTORY_WORDS)) | st.text(max_size=12),
        "after": st.none()
        | st.dictionaries(
            st.sampled_from(["kind", "assignee", "verdict_draft", "stance", "url", "body"]),
            st.none() | st.text(max_size=20) | st.dictionaries(st.just("rating_label"), st.text()),
        ),
        "record_type": st.sampled_from(["claim", "claims", "article"]),
    }
)


@given(_entries)
def test_any_audit_entry_can_be_put_into_words(entry):
    assert isinstance(describe(entry), str)
    line = headline(entry)
    assert line and isinstance(line, str)
    assert detail(entry) is None or isinstance(detail(entry), str)
    assert version_after(entry, 1) is None or isinstance(version_after(entry, 1), int)


@given(st.text(min_size=1).filter(str.strip))
def test_a_message_becomes_one_sentence(text):
    said = sentence(text)
    assert said[0] == said[0].upper()
    assert said.endswith((".", "?", "!"))
    assert "  " not in said and "\n" not in said


_hosts = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,8}){1,2}", fullmatch=True)
_paths = st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,4}", fullmatch=True)


@given(
    _hosts,
    st.none() | st.integers(1, 65535),
    _paths,
    st.from_regex(r"[a-z0-9=&]{0,12}", fullmatch=True),
)
def test_a_source_address_splits_into_host_and_the_rest(host, port, path, query):
    url = f"https://{host}{f':{port}' if port else ''}{path}{f'?{query}' if query else ''}"
    assert url_host(url) == host
    assert url_host(url) + url_rest(url) == url.removeprefix("https://")


def test_evidence_sent_from_a_panel_drawn_before_publication_redraws_the_panel(
    client, claim, app_db, people
):
    """Refused because the verdict was published meanwhile: the answer is the whole panel as the
    claim now is, where the correction its message asks for can be started."""
    drawn_at = claim_now(app_db, claim["id"])["version"]
    publish(app_db, people, claim["id"])
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {
            "expected_version": drawn_at,
            "url": "https://example.org/minutes",
            "stance": "supports",
        },
    )
    assert response.status_code == 422
    panel = fragment(response)
    assert panel.cssselect(".verdict-card.is-published") and panel.cssselect(".correct-form")
    assert "correction" in words(panel).lower()


def test_a_correction_in_draft_is_withdrawn_from_the_panel_with_a_reason(
    client, claim, app_db, people
):
    publish(app_db, people, claim["id"])
    verdicts.correct_verdict(
        app_db,
        claim["id"],
        rating="false",
        rationale="The bulletin was revised: eleven schools closed, not fourteen as reported.",
        reason="the county revised its bulletin",
        actor=people["rita"],
    )
    panel = panel_of(client, claim["id"])
    assert words(panel.cssselect(".withdraw-details summary")[0]) == "Withdraw this correction"
    path = f"/claims/{claim['id']}/withdraw-correction"
    version = claim_now(app_db, claim["id"])["version"]
    refused = hx_post(client, path, {"expected_version": version, "reason": ""})
    assert refused.status_code == 422
    error = fragment(refused).get_element_by_id(f"withdraw-reason-{claim['id']}-error")
    assert words(error).startswith("Say why the correction is withdrawn")
    response = hx_post(
        client, path, {"expected_version": version, "reason": "Opened on the wrong claim"}
    )
    assert response.status_code == 200
    html = fragment(response)
    assert "Correction withdrawn: the published verdict stands." in words(html)
    assert claim_now(app_db, claim["id"])["status"] == "published"
    assert html.cssselect(".correct-form") and not html.cssselect(".withdraw-form")
    assert "withdrew the correction in draft" in words(html.cssselect(".timeline")[0])


def test_a_rationale_too_long_for_any_form_is_refused_in_words_about_typing(client, claim, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    answer = client.post(
        f"/claims/{claim['id']}/verdict",
        data={"rating": "false", "rationale": "x" * (limit + 10)},
    )
    assert answer.status_code == 413
    shown = words(parse(answer))
    assert "shorten what was typed or pasted into it" in shown
    assert "file" not in shown


def test_evidence_added_while_the_queue_is_away_says_it_was_not_queued_for_archiving(
    client, claim, app_db, sources, monkeypatch
):
    """It said "Evidence added." and "Not archived yet", and the page was never archived."""
    import sqlite3

    def away(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(archive_jobs, "queue_archive", away)
    asked = []
    monkeypatch.setattr(archive_jobs.huey, "get", lambda *args, **kwargs: asked.append(args))
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {
            "expected_version": claim["version"],
            "url": sources.url("/bulletin"),
            "stance": "context",
        },
    )
    assert response.status_code == 200
    [item] = evidence_store.evidence_for_claim(app_db, claim["id"])
    badge = fragment(response).cssselect(f"#archive-badge-{item['id']}")[0]
    said = words(badge.cssselect("[role=alert]")[0])
    assert said.startswith("It was not queued for archiving: the job queue does not answer")
    assert badge.cssselect("button.archive-retry")[0].text_content() == "Archive now"
    assert asked == []  # the queue that did not answer is not waited on again for the panel
    # Drawn again later, the card no longer says so: only this answer knows.
    assert not panel_of(client, claim["id"]).cssselect(f"#archive-badge-{item['id']} [role=alert]")


def test_a_panel_asks_a_queue_that_does_not_answer_once_not_once_for_every_source(
    client, claim, app_db, people, monkeypatch
):
    import sqlite3

    for number in range(3):
        evidence_store.add_evidence(
            app_db, claim["id"], url=f"https://example.org/{number}", stance="context",
            actor=people["ed"],
        )  # fmt: skip
    asked = []

    def hung(key, peek=False):
        asked.append(key)
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(archive_jobs.huey, "get", hung)
    assert len(panel_of(client, claim["id"]).cssselect(".evidence-item")) == 3
    assert len(asked) == 1


def test_archive_now_with_the_queue_away_says_nothing_was_fetched(
    client, claim, app_db, people, sources, monkeypatch
):
    """Not "Archiving the page." while nothing was queued: the reviewer would wait for a copy
    that never comes."""
    import sqlite3

    added = evidence_store.add_evidence(
        app_db, claim["id"], url=sources.url("/bulletin"), stance="context", actor=people["ed"]
    )
    button = panel_of(client, claim["id"]).cssselect("button.archive-retry")[0]

    def away(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(archive_jobs, "queue_archive", away)
    response = hx_post(client, button.get("hx-post"), {})
    assert response.status_code == 503
    said = words(fragment(response).cssselect("[data-error-message]")[0])
    assert "the page was not fetched again" in said
    assert evidence_store.get_evidence(app_db, added["id"])["removed_at"] is None
    # Without JavaScript, a page whose title names the queue, not the database.
    plain = form_post(client, button.get("hx-post"), {})
    assert plain.status_code == 503
    assert "Job queue unavailable" in parse(plain).cssselect("title")[0].text_content()


def test_a_submission_refused_after_its_draft_was_saved_says_the_draft_was_kept(
    client, claim, app_db
):
    """ "Submit for review" saves the draft, then submits it: refused for want of a source, the
    message said only what to add, and the draft saved in the history read as lost."""
    response = hx_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(claim, rating="accurate", intent="submit"),
    )
    assert response.status_code == 422
    said = words(fragment(response))
    assert "must rest on evidence" in said
    assert "Your draft verdict was saved; it was not submitted." in said
    now = claim_now(app_db, claim["id"])
    assert now["status"] == "in_progress" and now["verdict"] is None


def test_a_submission_that_meets_a_change_after_its_draft_was_saved_says_the_draft_was_kept(
    client, claim, app_db, people, monkeypatch
):
    """An editor's assignment landing between the save and the submission gave the conflict
    panel's "nothing of yours was saved", beside the draft saved in its history."""
    evidence_store.add_evidence(
        app_db, claim["id"], url="https://example.org/bulletin", stance="supports",
        actor=people["rita"],
    )  # fmt: skip
    submit = verdicts.submit_for_review

    def after_an_assignment(db, claim_id, **options):
        triage.assign(db, claim_id, assignee="eve", actor=people["ed"])
        return submit(db, claim_id, **options)

    monkeypatch.setattr(verdicts, "submit_for_review", after_an_assignment)
    response = hx_post(
        client,
        f"/claims/{claim['id']}/verdict",
        verdict_data(claim_now(app_db, claim["id"]), rating="accurate", intent="submit"),
    )
    assert response.status_code == 409
    lead = words(fragment(response).cssselect(".conflict-lead")[0])
    assert "your draft verdict was saved; it was not submitted." in lead
    assert "nothing of yours was saved" not in lead
    now = claim_now(app_db, claim["id"])
    assert now["status"] == "in_progress"
    [draft] = verdicts.verdicts_for_claim(app_db, claim["id"])
    assert (draft["state"], draft["rating"]) == ("draft", "accurate")


def test_the_copy_marks_a_found_quote_and_a_misquotes_closest_passage_apart():
    """Both were marked alike, so a closest passage ("123 people") read as the quote found."""
    from factcheck.views.claim_actions import _passages

    text = "Crews said 123 people were hurt. The mayor thanked the crews on Friday."
    checks = [
        {"start": 11, "end": 31, "status": "not_found"},  # "23 people were hurt" was quoted
        {"start": 33, "end": 60, "status": "found"},
        {"start": None, "end": None, "status": "not_found"},
    ]
    assert _passages(text, checks) == [
        ("Crews said ", None),
        ("123 people were hurt", "misquote"),
        (". ", None),
        ("The mayor thanked the crews", "found"),
        (" on Friday.", None),
    ]
