"""Stale edits on the claim panel: a 409 that shows their change next to yours, loses nothing, and
lets you apply yours on top."""

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

from factcheck.store import evidence, triage, verdicts

MINE = "The office's own bulletin gives fourteen closed schools, which matches the claim exactly."
THEIRS = "No public record of the closures exists yet; the office has not published a bulletin."


@pytest.fixture
def stale(claim, app_db, people):
    """The claim as rita opened it, after which ed saved his own draft verdict."""
    opened = claim_now(app_db, claim["id"])
    verdicts.set_verdict(
        app_db, claim["id"], rating="unverifiable", rationale=THEIRS, actor=people["ed"]
    )
    return opened


def reapply_form(html) -> lxml.html.HtmlElement:
    return html.cssselect("form.reapply-form")[0]


def hidden(form, name: str) -> str:
    return form.cssselect(f'input[name="{name}"]')[0].get("value")


def apply_mine_on_top(client, stale: dict):
    """Save my verdict over a stale version, then press the conflict's "Apply mine on top"."""
    conflict = fragment(
        hx_post(
            client,
            f"/claims/{stale['id']}/verdict",
            verdict_data(stale, rating="accurate", rationale=MINE),
        )
    )
    form = reapply_form(conflict)
    data = {field.get("name"): field.get("value") for field in form.cssselect("input")}
    return client.post(form.get("action"), data=data, headers=HX)


def test_a_stale_verdict_shows_their_change_next_to_yours(client, stale, app_db):
    before = audit_count(app_db)
    mine = verdict_data(stale, rating="accurate", rationale=MINE)
    response = hx_post(client, f"/claims/{stale['id']}/verdict", mine)
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#claim-panel"
    assert audit_count(app_db) == before

    html = fragment(response)
    conflict = html.cssselect("[data-conflict]")[0]
    assert conflict.get("role") == "alert"
    assert "Ed rated Unverifiable" in words(conflict.cssselect(".conflict-lead")[0])
    theirs = conflict.cssselect(".conflict-side.is-theirs")[0]
    assert "Unverifiable" in words(theirs.cssselect(".verdict-badge")[0])
    assert THEIRS in words(theirs)
    assert "Ed rated Unverifiable" in words(theirs.cssselect(".conflict-changes")[0])
    yours = conflict.cssselect(".conflict-side.is-yours")[0]
    assert "Accurate" in words(yours.cssselect(".verdict-badge")[0])
    assert MINE in words(yours)

    form = reapply_form(html)
    now = claim_now(app_db, stale["id"])
    assert hidden(form, "expected_version") == str(now["version"]) != str(stale["version"])
    assert hidden(form, "rationale") == MINE and hidden(form, "rating") == "accurate"
    assert form.get("hx-post") == f"/claims/{stale['id']}/verdict"
    # Below the conflict, the panel shows the claim as it is now, ready for the next edit.
    rationale = html.get_element_by_id(f"verdict-{stale['id']}-rationale")
    assert words(rationale) == THEIRS


def test_applying_yours_on_top_saves_your_values(client, stale, app_db):
    response = apply_mine_on_top(client, stale)
    assert response.status_code == 200
    html = fragment(response)
    assert not html.cssselect("[data-conflict]")
    assert words(html.get_element_by_id(f"verdict-{stale['id']}-rationale")) == MINE
    history = [words(item) for item in html.cssselect(".timeline-item")]
    assert history[0].startswith("Rita rated Accurate") and any(
        line.startswith("Ed rated Unverifiable") for line in history
    )


def test_applying_yours_on_top_keeps_the_sources_you_left_out(client, claim, app_db, people):
    kept, dropped = (
        evidence.add_evidence(app_db, claim["id"], url=url, stance="supports", actor=people["ed"])
        for url in ("https://county.example/bulletin", "https://rumour.example/post")
    )
    opened = claim_now(app_db, claim["id"])
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    mine = {**verdict_data(opened, rationale=MINE), "evidence_listed": "1", "evidence": kept["id"]}
    html = fragment(hx_post(client, f"/claims/{claim['id']}/verdict", mine))
    yours = words(html.cssselect(".conflict-side.is-yours")[0])
    assert "county.example/bulletin" in yours and "rumour.example" not in yours
    form = reapply_form(html)
    data: dict[str, list] = {}
    for field in form.cssselect("input"):
        data.setdefault(field.get("name"), []).append(field.get("value"))
    response = client.post(form.get("action"), data=data, headers=HX)
    assert response.status_code == 200, response.get_data(as_text=True)
    draft = verdicts.verdicts_for_claim(app_db, claim["id"])[-1]
    assert draft["rationale"] == MINE
    assert draft["evidence_ids"] == [kept["id"]], f"{dropped['url']} was cited on reapplying"


def test_a_stale_plain_form_gets_the_whole_page_with_the_conflict(client, stale, app_db):
    response = form_post(
        client,
        f"/claims/{stale['id']}/verdict",
        verdict_data(stale, rating="accurate", rationale=MINE),
    )
    assert response.status_code == 409
    page = parse(response)
    assert page.get_element_by_id("article-text") is not None
    conflict = page.get_element_by_id("claim-panel").cssselect("[data-conflict]")[0]
    assert MINE in words(conflict) and THEIRS in words(conflict)
    assert hidden(reapply_form(page), "csrf_token")


def test_a_stale_assignment_names_both_people(client, claim, app_db, people):
    opened = claim_now(app_db, claim["id"])
    triage.assign(app_db, claim["id"], assignee="eve", actor=people["ed"])
    response = hx_post(
        client,
        f"/claims/{claim['id']}/assign",
        {"expected_version": opened["version"], "assignee": "rita"},
    )
    assert response.status_code == 409
    conflict = fragment(response).cssselect("[data-conflict]")[0]
    assert "Ed assigned to eve" in words(conflict)
    assert "Assign it to rita" in words(conflict.cssselect(".is-yours")[0])
    assert claim_now(app_db, claim["id"])["assignee_id"] == people["eve"].id


def _opened_in_review_then_returned(app_db, claim, people) -> dict:
    """Rita's verdict sent for review, the claim as an editor opened it then, and Eve's return
    of it since: the claim as opened."""
    verdicts.set_verdict(
        app_db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    opened = claim_now(app_db, claim["id"])
    verdicts.return_for_changes(
        app_db, claim["id"], comment="Needs the second source.", actor=people["eve"]
    )
    return opened


def test_a_stale_approval_is_refused_until_the_editor_looks_again(
    client_as,
    claim,
    app_db,
    people,
):
    opened = _opened_in_review_then_returned(app_db, claim, people)
    response = hx_post(
        client_as("ed"), f"/claims/{claim['id']}/approve", {"expected_version": opened["version"]}
    )
    assert response.status_code == 409
    conflict = fragment(response).cssselect("[data-conflict]")[0]
    assert "Eve returned for changes" in words(conflict)
    assert "Approve the verdict" in words(conflict)
    assert claim_now(app_db, claim["id"])["status"] == "in_progress"


def test_applying_yours_when_it_no_longer_fits_explains_why(client, stale, app_db, people):
    verdicts.submit_for_review(app_db, stale["id"], actor=people["ed"])
    response = apply_mine_on_top(client, stale)
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#claim-panel"
    alert = fragment(response).cssselect(".panel-alert [data-error-message]")[0]
    assert "waiting for second review" in words(alert)
    assert claim_now(app_db, stale["id"])["status"] == "in_review"


def test_markup_in_a_conflicting_edit_is_shown_as_text(client, stale):
    response = hx_post(
        client,
        f"/claims/{stale['id']}/verdict",
        verdict_data(stale, rating="accurate", rationale=f"{MINE} {SCRIPT}"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_return_sent_after_another_editor_approved_offers_no_apply_on_top(
    client_as, claim, app_db, people
):
    """Approved and published meanwhile, the verdict can no longer be returned: the conflict
    panel says so and how to change it, instead of a button that would be refused."""
    verdicts.set_verdict(
        app_db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    opened = claim_now(app_db, claim["id"])
    verdicts.approve(app_db, claim["id"], actor=people["eve"])
    answer = hx_post(
        client_as("ed"),
        f"/claims/{claim['id']}/return",
        {"expected_version": opened["version"], "comment": "The figure needs the ministry source."},
    )
    assert answer.status_code == 409
    html = fragment(answer)
    button = reapply_form(html).cssselect("button")[0]
    assert button.get("disabled") is not None
    why = words(html.get_element_by_id(button.get("aria-describedby")))
    assert "You can no longer return the verdict for changes: it is published now." in why
    assert "start a correction" in why


def test_an_approval_of_a_verdict_sent_again_on_other_sources_is_not_reapplied(
    client_as, claim, app_db, people
):
    """Returned and sent again on another source while the editor's page was open: the conflict
    panel shows what it rests on now, and offers no "Apply mine on top", which published the
    verdict on a source the editor never saw."""
    first = evidence.add_evidence(
        app_db, claim["id"], url="https://stats.example/c", stance="supports", actor=people["rita"]
    )
    opened = _opened_in_review_then_returned(app_db, claim, people)
    rumour = evidence.add_evidence(
        app_db, claim["id"], url="https://blog.example/rumour", stance="supports",
        actor=people["rita"],
    )  # fmt: skip
    verdicts.set_verdict(
        app_db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=people["rita"],
        evidence_ids=[rumour["id"]],
    )  # fmt: skip
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    # The quote checks as the page showed them differ too: the conflict panel still answers,
    # not "the quote checks changed", which would send the editor to the wrong cause.
    sent = {"expected_version": opened["version"], "quotes_seen": "1 of 1 quote found"}
    answer = hx_post(client_as("ed"), f"/claims/{claim['id']}/approve", sent)
    assert answer.status_code == 409
    html = fragment(answer)
    now = {
        words(row.cssselect("dt")[0]): words(row.cssselect("dd")[0])
        for row in html.cssselect(".conflict-side.is-theirs .conflict-values > div")
    }
    assert now["Rests on"] == "https://blog.example/rumour" and first["url"] not in str(now)
    button = reapply_form(html).cssselect("button")[0]
    assert button.get("disabled") is not None
    why = words(html.get_element_by_id(button.get("aria-describedby")))
    assert "approve it there" in why
    assert claim_now(app_db, claim["id"])["status"] == "in_review"


def test_an_approval_after_the_quote_checks_changed_is_refused_until_read(
    client_as, claim, app_db, people
):
    """The source's copy came in while the editor read "not checked (its source has no copy
    yet)", and its quote was not found in it: the approval published on a check the editor
    never saw."""
    import hashlib

    from factcheck.store import snapshots
    from factcheck.store.actors import SYSTEM

    url = "https://stats.example/c11"
    evidence.add_evidence(
        app_db, claim["id"], url=url, stance="supports", quote="fourteen schools closed",
        actor=people["rita"],
    )  # fmt: skip
    verdicts.set_verdict(
        app_db, claim["id"], rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    editor = client_as("ed")
    panel = fragment(editor.get(f"/claims/{claim['id']}/panel", headers=HX))
    form = panel.cssselect("form.approve-form")[0]
    sent = {field.get("name"): field.get("value") for field in form.cssselect("input")}
    assert "not checked" in sent["quotes_seen"]
    text = "The office said nine schools stayed open all week."
    snapshots.record_snapshot(
        app_db, url, actor=SYSTEM, status="archived", http_status=200, content_type="text/plain",
        content_sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, body=text.encode(),
    )  # fmt: skip
    refused = hx_post(editor, f"/claims/{claim['id']}/approve", sent)
    assert refused.status_code == 422
    assert "quote checks of this verdict" in words(fragment(refused))
    assert "1 not found" in words(fragment(refused))
    assert claim_now(app_db, claim["id"])["status"] == "in_review"
    form = fragment(refused).cssselect("form.approve-form")[0]
    again = {field.get("name"): field.get("value") for field in form.cssselect("input")}
    assert hx_post(editor, f"/claims/{claim['id']}/approve", again).status_code == 200
    assert claim_now(app_db, claim["id"])["status"] == "published"
