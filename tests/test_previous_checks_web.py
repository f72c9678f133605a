"""The workbench's previous checks: the panel's "Previously checked" section, adding an earlier
check as evidence, the same claim in other articles, the queue filter and the dashboard count."""

import csv
import io
import json

import pytest
from helpers import HX, RATIONALE, audit_count, csrf_token_for, fragment, hx_post, parse, words
from local_server import page

from factcheck import library_formats, previous_checks
from factcheck.cli import error_words as cli_words
from factcheck.ingest import ingest_text
from factcheck.network.fetch import FetchPolicy
from factcheck.store import claim_matches, library_vectors, verdicts
from factcheck.store import evidence as evidence_store
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import NotFound
from factcheck.views import imports

pytestmark = pytest.mark.usefixtures("immediate_jobs")

CHECK_PAGE = b"<!doctype html><html><head><title>Check</title></head><body><p>A check.</p></body>"


@pytest.fixture
def checks_site(app, site):
    """A local server for the fact-check pages, which the app may archive."""
    site.routes["/checks/schools"] = page(CHECK_PAGE)
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    return site


@pytest.fixture
def matched_claim(app_db, claim, matcher, checks_site):
    """The sample claim, with an imported fact-check of the same words matched to it."""
    url = f"http://127.0.0.1:{checks_site.port}/checks/schools"
    record = {
        "external_id": "vc-7",
        "claim": claim["text"],
        "title": "Were 14 schools really closed?",
        "rating": "Mostly true",
        "url": url,
        "review_date": "2025-01-20",
        "publisher": "Valley Checkers",
    }
    _import_matched(app_db, claim, record)
    return claim


def _import_matched(app_db, claim, record: dict) -> None:
    """Import one fact-check into the library and match the claim against it."""
    library_store.import_records(
        app_db,
        [library_formats.Parsed("line 2", record=record)],
        actor=SYSTEM,
        source="checks.csv",
        file_format="csv",
    )
    previous_checks.match_claims(app_db, [claim["id"]], cause="test", actor=SYSTEM)


def _publish(app_db, people, claim_id, rating):
    """The claim's verdict, resting on one source, published by another editor."""
    evidence_store.add_evidence(
        app_db, claim_id, url="https://stats.example/r", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(app_db, claim_id, rating=rating, rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(app_db, claim_id, actor=people["rita"])
    verdicts.approve(app_db, claim_id, actor=people["ed"])


def _submitted_with_a_twin(app_db, people, claim) -> int:
    """The claim's verdict submitted for review, the same claim imported in another article;
    returns the other's id."""
    body = f"Valley schools reopen\n\n{claim['text']}\n\nBuses ran on 5 of the 9 routes."
    other_article = ingest_text(app_db, body).article_id
    other_id = app_db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND text = ?", [other_article, claim["text"]]
    ).fetchone()[0]
    evidence_store.add_evidence(
        app_db, claim["id"], url="https://stats.example/r", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    return other_id


def _section(client, claim_id):
    panel = fragment(client.get(f"/claims/{claim_id}/panel", headers=HX))
    found = panel.cssselect("section.previous-checks")
    return found[0] if found else None


def test_panel_shows_the_earlier_check_with_rating_date_publisher_and_link(client, matched_claim):
    section = _section(client, matched_claim["id"])
    assert section is not None
    text = words(section)
    assert "Previously checked" in text and "Mostly true" in text
    assert "Valley Checkers" in text and "2025-01-20" in text and "% match" in text
    [link] = section.cssselect("a[rel~=noopener]")
    assert link.get("href").endswith("/checks/schools")
    assert [b.get("value") for b in section.cssselect(".previous-form button")] == [
        "supports",
        "refutes",
    ]


def test_a_claim_without_matches_has_no_section(client, claim):
    assert _section(client, claim["id"]) is None


def test_one_click_adds_the_earlier_check_as_evidence(client, app_db, matched_claim):
    claim_id = matched_claim["id"]
    [item] = library_store.list_items(app_db)
    before = audit_count(app_db)
    response = hx_post(
        client, f"/claims/{claim_id}/previous-checks/{item['id']}/evidence", {"stance": "refutes"}
    )
    assert response.status_code == 200
    [added] = evidence_store.evidence_for_claim(app_db, claim_id)
    assert added["stance"] == "refutes" and added["url"] == item["url"]
    assert added["quote"] == item["claim"] and "Valley Checkers" in added["note"]
    assert added["added_by_username"] == "rita"
    rows = app_db.execute("SELECT action FROM audit WHERE id > ? ORDER BY id", [before]).fetchall()
    assert ("evidence.add",) in rows
    panel = fragment(response)
    assert "Added as evidence" in words(panel.cssselect("section.previous-checks")[0])
    assert panel.cssselect(f"#evidence-{added['id']}")
    # A screen reader is told, as after the evidence form.
    assert words(panel.cssselect("#panel-said")[0]) == (
        "Earlier check added as evidence that refutes the claim."
    )


def test_an_earlier_check_added_while_the_queue_is_away_says_it_was_not_queued(
    client, app_db, matched_claim, monkeypatch
):
    import sqlite3

    from factcheck import archive_jobs

    def away(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(archive_jobs, "queue_archive", away)
    claim_id = matched_claim["id"]
    [item] = library_store.list_items(app_db)
    response = hx_post(
        client, f"/claims/{claim_id}/previous-checks/{item['id']}/evidence", {"stance": "refutes"}
    )
    assert response.status_code == 200
    [added] = evidence_store.evidence_for_claim(app_db, claim_id)
    badge = fragment(response).cssselect(f"#archive-badge-{added['id']}")[0]
    assert words(badge.cssselect("[role=alert]")[0]).startswith("It was not queued for archiving")


def test_adding_the_earlier_check_twice_says_why_the_second_was_refused(
    client, app_db, matched_claim
):
    claim_id = matched_claim["id"]
    [item] = library_store.list_items(app_db)
    path = f"/claims/{claim_id}/previous-checks/{item['id']}/evidence"
    assert hx_post(client, path, {"stance": "refutes"}).status_code == 200
    # The same button in another tab, or pressed twice without script.
    again = hx_post(client, path, {"stance": "supports"})
    assert again.status_code == 422
    section = fragment(again).cssselect("section.previous-checks")[0]
    message = section.cssselect("[data-error-message]")
    assert message and "already" in words(message[0])
    assert len(evidence_store.evidence_for_claim(app_db, claim_id)) == 1


def test_a_stance_must_be_chosen_and_a_check_must_be_the_claims(client, app_db, matched_claim):
    claim_id = matched_claim["id"]
    [item] = library_store.list_items(app_db)
    path = f"/claims/{claim_id}/previous-checks/{item['id']}/evidence"
    refused = hx_post(client, path, {"stance": "context"})
    assert refused.status_code == 422
    assert "supports or refutes" in words(fragment(refused))
    assert evidence_store.evidence_for_claim(app_db, claim_id) == []
    other = hx_post(client, f"/claims/{claim_id}/previous-checks/{item['id'] + 1}/evidence", {})
    assert other.status_code == 404


def test_a_published_verdict_takes_no_earlier_check_outside_a_correction(
    client, app_db, people, matched_claim
):
    claim_id = matched_claim["id"]
    _publish(app_db, people, claim_id, "Accurate")
    section = _section(client, claim_id)
    assert section is not None and not section.cssselect("form.previous-form")
    imported = [i for i in library_store.list_items(app_db) if i["origin"] == "imported"]
    response = hx_post(
        client,
        f"/claims/{claim_id}/previous-checks/{imported[0]['id']}/evidence",
        {"stance": "supports"},
    )
    assert response.status_code == 422
    assert "correction" in words(fragment(response))
    assert len(evidence_store.evidence_for_claim(app_db, claim_id)) == 1


def test_the_same_claim_in_another_article_is_grouped_and_offered_the_verdict(
    client_as, app_db, people, claim, matcher
):
    body = f"Valley schools reopen\n\n{claim['text']}\n\nBuses ran on 5 of the 9 routes."
    other_article = ingest_text(app_db, body).article_id
    other = app_db.execute(
        "SELECT * FROM claims WHERE article_id = ? AND text = ?", [other_article, claim["text"]]
    ).fetchone()
    other_id = other[0]
    section = _section(client_as("rita"), other_id)
    assert "Also in 1 other article" in words(section)
    [link] = section.cssselect(".previous-elsewhere a")
    assert link.get("href") == f"/articles/{claim['article_id']}?claim={claim['id']}"

    evidence_store.add_evidence(
        app_db, claim["id"], url="https://stats.example/r", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    editor = client_as("ed")
    version = app_db.execute("SELECT version FROM claims WHERE id = ?", [claim["id"]]).fetchone()
    response = hx_post(
        editor, f"/claims/{claim['id']}/approve", {"expected_version": version[0], "comment": ""}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    section = _section(editor, other_id)
    text = words(section)
    assert "Our verdict" in text and "Accurate" in text and "published: Accurate" in text
    assert section.cssselect("a[href*='/articles/']")


def test_our_own_verdict_is_cited_by_its_public_address_and_not_without_one(
    client_as, app_db, people, claim, matcher, monkeypatch
):
    """Its page here is behind the sign-in, its address changes with the name the workbench is
    reached by, and no copy of it can be fetched: a reader follows the public one."""
    other_id = _submitted_with_a_twin(app_db, people, claim)
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    previous_checks.after_publish(app_db, claim["id"], actor=people["ed"], db_path=None)
    [check] = claim_matches.previous_checks(app_db, other_id)
    path = f"/claims/{other_id}/previous-checks/{check['library_id']}/evidence"
    reviewer = client_as("rita")
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL", raising=False)
    section = _section(reviewer, other_id)
    assert not section.cssselect("button[name=stance]")
    assert "FACTCHECK_PUBLIC_URL" in words(section)
    refused = hx_post(reviewer, path, {"stance": "supports"})
    assert refused.status_code == 422
    assert evidence_store.evidence_for_claim(app_db, other_id) == []
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://checks.example.org/desk")
    assert _section(reviewer, other_id).cssselect("button[name=stance]")
    assert hx_post(reviewer, path, {"stance": "supports"}).status_code == 200
    [cited] = evidence_store.evidence_for_claim(app_db, other_id)
    assert cited["url"] == f"https://checks.example.org/desk/claims/{claim['id']}"
    # Cited already, whatever public address is set now.
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL")
    assert "Added as evidence." in words(_section(reviewer, other_id))


def test_not_this_claim_holds_for_every_check_of_the_same_words(app_db, people, claim, matcher):
    first = {"external_id": "vc-1", "claim": claim["text"], "rating": "False", "url": None}
    _import_matched(app_db, claim, first)
    _import_matched(app_db, claim, {**first, "external_id": "vc-2", "publisher": "Other Desk"})
    checks = claim_matches.previous_checks(app_db, claim["id"])
    assert len(checks) == 2
    claim_matches.dismiss_previous_check(
        app_db, claim["id"], checks[0]["library_id"], actor=people["rita"], reason="not ours"
    )
    # The other check of those words goes with it, and a third one imported later never comes.
    assert claim_matches.previous_checks(app_db, claim["id"]) == []
    _import_matched(app_db, claim, {**first, "external_id": "vc-3", "publisher": "Third Desk"})
    assert claim_matches.previous_checks(app_db, claim["id"]) == []
    # Nor one that quotes those words (in any language's marks), or writes them in other
    # capitals or without a full stop.
    text = claim["text"]
    for number, written in enumerate(
        (f"“{text}”", f"«{text}»", f"„{text}“", text.upper(), text.rstrip("."))
    ):
        _import_matched(
            app_db,
            claim,
            {**first, "external_id": f"vc-{4 + number}", "claim": written, "publisher": "Desk 4"},
        )
    assert claim_matches.previous_checks(app_db, claim["id"]) == []
    # Restoring one left out with it names the one to restore.
    dismissed, left_out = checks[0]["library_id"], checks[1]["library_id"]
    with pytest.raises(NotFound) as refused:
        claim_matches.restore_previous_check(app_db, claim["id"], left_out, actor=people["rita"])
    assert refused.value.facts["same_words_as"] == dismissed
    assert f"the very words of library item {dismissed}, which was" in cli_words.error_words(
        refused.value
    )


def test_not_this_claim_holds_for_the_same_words_with_a_curly_apostrophe(
    app_db, people, claim, matcher
):
    [unit] = [
        u
        for u in app_db.query("SELECT * FROM claims WHERE article_id = ?", [claim["article_id"]])
        if "'" in u["text"]
    ]
    first = {"external_id": "vc-1", "claim": unit["text"], "rating": "False", "url": None}
    _import_matched(app_db, unit, first)
    [check] = claim_matches.previous_checks(app_db, unit["id"])
    claim_matches.dismiss_previous_check(
        app_db, unit["id"], check["library_id"], actor=people["rita"], reason="not ours"
    )
    curly = {**first, "external_id": "vc-2", "claim": unit["text"].replace("'", "’")}
    _import_matched(app_db, unit, {**curly, "publisher": "Other Desk"})
    assert claim_matches.previous_checks(app_db, unit["id"]) == []


def test_not_this_claim_holds_for_the_same_words_in_capitals_of_any_alphabet(
    app_db, people, matcher
):
    article_id = ingest_text(
        app_db, "Chômage\n\nLe chômage a baissé de 3 % à Montréal en 2024, selon l'État."
    ).article_id
    [unit] = app_db.query("SELECT * FROM claims WHERE article_id = ? LIMIT 1", [article_id])
    first = {"external_id": "vc-1", "claim": unit["text"], "rating": "False", "url": None}
    _import_matched(app_db, unit, first)
    [check] = claim_matches.previous_checks(app_db, unit["id"])
    claim_matches.dismiss_previous_check(
        app_db, unit["id"], check["library_id"], actor=people["rita"], reason="not ours"
    )
    shouted = {**first, "external_id": "vc-2", "claim": unit["text"].upper()}
    assert not shouted["claim"].isascii()
    _import_matched(app_db, unit, {**shouted, "publisher": "Other Desk"})
    assert claim_matches.previous_checks(app_db, unit["id"]) == []


def test_not_this_claim_holds_for_a_check_whose_words_are_not_kept(app_db, people, claim, matcher):
    """A library row written by another program has no claim_words: dismissing it still takes
    it out of the claim's checks, and matching again does not bring it back."""
    first = {"external_id": "vc-1", "claim": claim["text"], "rating": "False", "url": None}
    _import_matched(app_db, claim, first)
    [check] = claim_matches.previous_checks(app_db, claim["id"])
    app_db.execute(
        "UPDATE library_items SET claim_words = NULL WHERE id = ?", [check["library_id"]]
    )
    claim_matches.dismiss_previous_check(
        app_db, claim["id"], check["library_id"], actor=people["rita"], reason="not ours"
    )
    assert claim_matches.previous_checks(app_db, claim["id"]) == []
    previous_checks.match_claims(app_db, [claim["id"]], cause="test", actor=SYSTEM)
    assert claim_matches.previous_checks(app_db, claim["id"]) == []


def test_the_checks_of_the_same_words_are_found_through_their_index(app_db):
    sql = f"SELECT id FROM library_items l WHERE {claim_matches._has_the_words_of_item('l')}"
    plan = [row[-1] for row in app_db.execute(f"EXPLAIN QUERY PLAN {sql}", [1])]
    assert any("library_items_by_words" in step for step in plan), plan


def test_a_claim_in_more_articles_than_are_listed_counts_them_all(
    client_as, app_db, claim, monkeypatch
):
    """A stock line ("did not respond to a request for comment") may be in thousands of
    articles: the count is of them all, not of the places listed."""
    from factcheck.store import claim_groups

    monkeypatch.setattr(claim_groups, "MAX_GROUP", 2)
    for town in ("Ashby", "Brent", "Corby"):
        ingest_text(app_db, f"{town} schools reopen\n\n{claim['text']}")
    section = _section(client_as("rita"), claim["id"])
    assert "Also in 3 other articles (the newest 2 listed):" in words(section)
    assert len(section.cssselect(".previous-elsewhere a")) == 2


def test_queue_filter_and_dashboard_count(client, app_db, matched_claim):
    everything = client.get("/queue.json").get_json()
    only = client.get("/queue.json?previous=yes").get_json()
    assert everything["count"] > 1
    assert [c["id"] for c in only["claims"]] == [matched_claim["id"]]
    assert only["claims"][0]["previous_rating"] == "Mostly true"
    assert {c["previous_rating"] for c in everything["claims"]} == {None, "Mostly true"}
    assert only["filters"]["previous"] == "yes"
    queue = parse(client.get("/queue?previous=yes"))
    assert queue.cssselect("#queue-previous option[value=yes][selected]")
    [chip] = queue.cssselect("#queue-table .previous-chip")
    assert words(chip) == "Checked before: Mostly true"
    assert len(parse(client.get("/queue")).cssselect("#queue-table .previous-chip")) == 1
    dashboard = parse(client.get("/"))
    [count] = dashboard.cssselect("[data-previously-checked]")
    assert count.text_content().strip() == "1"
    assert client.get("/dashboard.json").get_json()["previously_checked"] == 1


@pytest.fixture
def queued_jobs(tmp_path):
    """Background jobs wait in a queue of the test's own until the test runs them."""
    from factcheck import jobs

    jobs.configure(tmp_path / "jobs.db")
    yield jobs
    jobs.configure(None, immediate=True)


def _run_next_job(jobs) -> None:
    task = jobs.huey.dequeue()
    assert task is not None, "no job is waiting"
    jobs.huey.execute(task)


def test_a_verdict_published_in_the_browser_is_matched_in_the_background(
    client_as, app_db, people, claim, matcher, queued_jobs
):
    other_id = _submitted_with_a_twin(app_db, people, claim)
    version = app_db.execute("SELECT version FROM claims WHERE id = ?", [claim["id"]]).fetchone()
    response = hx_post(
        client_as("ed"),
        f"/claims/{claim['id']}/approve",
        {"expected_version": version[0], "comment": ""},
    )
    assert response.status_code == 200
    # The request only queued the work.
    assert claim_matches.previous_checks(app_db, other_id) == []
    _run_next_job(queued_jobs)
    [check] = claim_matches.previous_checks(app_db, other_id)
    assert check["own_claim_id"] == claim["id"]
    actor = app_db.execute(
        "SELECT actor FROM audit WHERE action = 'matches.refresh' ORDER BY id DESC"
    ).fetchone()[0]
    assert actor == "ed"


def _pasted_claim(client, app_db, body: str, text: str) -> int:
    """Paste `body` in the browser's import form; returns the id of its claim reading `text`."""
    response = hx_post(client, "/imports", {"source": "paste", "text": body})
    assert response.status_code == 200
    article_id = int(response.headers["HX-Redirect"].rsplit("/", 1)[1])
    return app_db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND text = ?", [article_id, text]
    ).fetchone()[0]


def test_an_article_with_many_claims_pasted_in_the_browser_is_matched_in_the_background(
    client, app_db, matched_claim, queued_jobs, monkeypatch
):
    monkeypatch.setattr(previous_checks, "INLINE_CLAIMS", 1)
    body = f"Schools reopen\n\n{matched_claim['text']}\n\nBuses ran on 5 of the 9 routes."
    new_claim = _pasted_claim(client, app_db, body, matched_claim["text"])
    assert claim_matches.previous_checks(app_db, new_claim) == []
    _run_next_job(queued_jobs)
    [check] = claim_matches.previous_checks(app_db, new_claim)
    assert check["external_id"] == "vc-7"


def test_the_article_and_its_claims_say_earlier_checks_are_still_looked_for_until_matched(
    client, app_db, matched_claim, queued_jobs, monkeypatch
):
    """A claim showing no earlier check while its article is still being matched may yet have
    one: the page and the panel say so, and stop saying so once the job has matched them."""
    monkeypatch.setattr(previous_checks, "INLINE_CLAIMS", 1)
    body = f"Schools reopen\n\n{matched_claim['text']}\n\nBuses ran on 5 of the 9 routes."
    new_claim = _pasted_claim(client, app_db, body, matched_claim["text"])
    article_id = app_db.execute("SELECT article_id FROM claims WHERE id = ?", [new_claim])
    article_page = f"/articles/{article_id.fetchone()[0]}?claim={new_claim}"

    notice = parse(client.get(article_page)).cssselect(".article-head [data-still-looking]")
    assert "Still looking for earlier checks" in words(notice[0])
    section = _section(client, new_claim)
    assert section is not None, "the panel says nothing of earlier checks while they are sought"
    panel_note = section.cssselect("[data-still-looking]")[0]
    assert "none found yet" in words(panel_note)
    # The notes ask again while the search goes on, and then say what was found.
    asked = client.get(notice[0].get("hx-get"), headers=HX)
    assert parse(asked).cssselect("[data-still-looking]")[0].get("hx-trigger") == "every 5s"
    assert panel_note.get("hx-trigger") == "every 5s"

    _run_next_job(queued_jobs)
    # Its link opens the page as it is now, on the claim the reviewer has moved to since.
    moved_to = article_page.replace(f"claim={new_claim}", f"claim={matched_claim['id']}")
    done = parse(
        client.get(
            notice[0].get("hx-get"),
            headers={**HX, "HX-Current-URL": f"http://localhost{moved_to}"},
        )
    )
    assert done.get("hx-get") is None and done.get("hx-trigger") is None
    assert "The search for earlier checks is done: 1 claim of this article has one" in words(done)
    assert done.cssselect("a")[0].get("href") == moved_to
    panel_done = parse(client.get(panel_note.get("hx-get"), headers=HX))
    assert panel_done.get("hx-trigger") is None
    assert "The search for earlier checks is done: reload the article" in words(panel_done)
    # A panel that shows what was found since says only that the search is done.
    shown_since = parse(
        client.get(panel_note.get("hx-get").replace("shown=0", "shown=1"), headers=HX)
    )
    assert words(shown_since) == "The search for earlier checks is done."
    page = parse(client.get(article_page))
    assert page.cssselect("[data-still-looking]") == []
    section = _section(client, new_claim)
    assert section.cssselect("[data-still-looking]") == []
    assert len(section.cssselect(".previous-check")) == 1


def test_an_article_opens_when_the_queue_does_not_answer_whether_it_is_still_matched(
    client, matched_claim, monkeypatch
):
    """Nothing is said of its matching then, and the queue is waited on once for the page."""
    import sqlite3

    from factcheck import jobs

    asked = []

    def hung(key, peek=False):
        asked.append(key)
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(jobs.huey, "get", hung)
    article_page = f"/articles/{matched_claim['article_id']}?claim={matched_claim['id']}"
    response = client.get(article_page)
    assert response.status_code == 200
    assert parse(response).cssselect("[data-still-looking]") == []
    assert len(asked) == 1


def test_an_article_whose_matching_was_cut_off_twice_is_no_longer_said_to_be_matched(
    app_db, matched_claim, queued_jobs
):
    """A job dropped for good (cut off twice) leaves no notice that would never go away."""
    from factcheck import job_recovery, matching_jobs

    path = str(app_db.conn.execute("PRAGMA database_list").fetchone()[2])
    article_id = matched_claim["article_id"]
    marker = {"kind": "rematch", "attempt": 2}
    marker["arguments"] = [path, [matched_claim["id"]], None, "web", "import", [article_id]]
    queued_jobs.huey.put(f"{matching_jobs.MATCHING_PREFIX}cut-off", marker)
    queued_jobs.huey.put(f"{matching_jobs.ARTICLE_PREFIX}{article_id}", "cut-off")
    assert matching_jobs.still_matching(article_id)
    assert job_recovery.recover_interrupted()["matching"] == []
    assert not matching_jobs.still_matching(article_id)


def test_an_article_pasted_while_the_job_queue_is_down_opens_and_is_matched_at_once(
    client, app_db, matched_claim, monkeypatch
):
    """The article is stored before its matching is queued: with the queue's Redis gone, the
    reviewer is sent to it (not a 503 that hides that it was imported) and its claims are
    matched in the request."""
    from redis.exceptions import ConnectionError as RedisDown

    from factcheck import matching_jobs

    def queue_down(*args, **kwargs):
        raise RedisDown("Connection refused")

    monkeypatch.setattr(previous_checks, "INLINE_CLAIMS", 1)
    monkeypatch.setattr(matching_jobs, "queue_rematch", queue_down)
    body = f"Schools reopen\n\n{matched_claim['text']}\n\nBuses ran on 5 of the 9 routes."
    new_claim = _pasted_claim(client, app_db, body, matched_claim["text"])
    [check] = claim_matches.previous_checks(app_db, new_claim)
    assert check["external_id"] == "vc-7"


def test_a_big_paste_opens_as_soon_as_it_is_stored_and_is_matched_by_a_job_after(
    client, app_db, matched_claim, queued_jobs, monkeypatch
):
    monkeypatch.setattr(previous_checks, "INLINE_CLAIMS", 1)
    filler = "\n\n".join(f"Route {n} carried {n * 40} riders on Monday." for n in range(3000))
    body = f"Schools reopen\n\n{matched_claim['text']}\n\n{filler}"
    assert len(body.encode()) > imports.DIRECT_IMPORT_MAX_BYTES
    response = client.post(
        "/imports", data={"csrf_token": csrf_token_for(client), "source": "paste", "text": body}
    )
    progress = response.headers["Location"]
    assert progress.startswith("/imports/")
    _run_next_job(queued_jobs)  # the import: stored, and the article opens
    opened = client.get(progress)
    assert opened.status_code == 303 and opened.headers["Location"].startswith("/articles/")
    article_id = int(opened.headers["Location"].rsplit("/", 1)[1])
    new_claim = app_db.execute(
        "SELECT id FROM claims WHERE article_id = ? AND text = ?",
        [article_id, matched_claim["text"]],
    ).fetchone()[0]
    assert claim_matches.previous_checks(app_db, new_claim) == []
    _run_next_job(queued_jobs)  # then its claims are matched against the library
    [check] = claim_matches.previous_checks(app_db, new_claim)
    assert check["external_id"] == "vc-7"


def test_the_claims_json_twin_lists_its_previous_checks(client, matched_claim):
    data = client.get(f"/claims/{matched_claim['id']}.json").get_json()
    [check] = data["previous_checks"]
    assert check["external_id"] == "vc-7" and check["publisher"] == "Valley Checkers"
    assert 0 < check["score"] <= 1


def test_the_queue_export_keeps_the_previous_check_filter(client, app_db, matched_claim):
    queue = parse(client.get("/queue?previous=yes"))
    [kept] = queue.cssselect("form.export-form input[name=previous]")
    assert kept.get("value") == "yes"
    note = words(queue.cssselect(".export-note")[0])
    assert "Covers the 1 claim these filters match" in note
    form = {"csrf_token": csrf_token_for(client), "format": "csv", "previous": "yes"}
    response = client.post("/exports", data=form)
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [int(row["claim_id"]) for row in rows] == [matched_claim["id"]]
    report = client.post("/exports", data={**form, "format": "html"}).get_data(as_text=True)
    assert "with a previous check" in report


def test_an_article_pasted_while_the_library_awaits_its_vectors_is_matched_in_the_background(
    client, app_db, matched_claim, queued_jobs, monkeypatch
):
    # As after an upgrade: the library's vectors are not written yet, and writing them all would
    # hold the request for minutes.
    monkeypatch.setattr(previous_checks, "INLINE_EMBEDDING", 0)
    app_db.execute("DELETE FROM library_vectors")
    app_db.conn.commit()
    body = f"Schools reopen\n\n{matched_claim['text']}"
    new_claim = _pasted_claim(client, app_db, body, matched_claim["text"])
    assert claim_matches.previous_checks(app_db, new_claim) == []
    _run_next_job(queued_jobs)
    [check] = claim_matches.previous_checks(app_db, new_claim)
    assert check["external_id"] == "vc-7"
    assert library_vectors.count_missing(app_db) == 0


def test_a_fact_check_imported_without_an_address_is_not_offered_as_evidence(
    client, app_db, claim, matcher
):
    """Its page here is the workbench's, which no reader of a report could open."""
    record = {"claim": claim["text"], "title": "Fourteen schools?", "rating": "Mostly true"}
    _import_matched(app_db, claim, record)
    section = _section(client, claim["id"])
    assert not section.cssselect("button[name=stance]")
    assert "no page a reader could follow" in words(section)
    # Its one link is to its page in the library, named so (not by the workbench's address).
    [link] = section.cssselect(".previous-check .evidence-meta a")
    assert words(link) == "In the library"
    [item] = library_store.list_items(app_db)
    path = f"/claims/{claim['id']}/previous-checks/{item['id']}/evidence"
    refused = hx_post(client, path, {"stance": "supports"})
    assert refused.status_code == 422
    assert "cite the source it checked instead" in words(fragment(refused))
    assert evidence_store.evidence_for_claim(app_db, claim["id"]) == []


def test_an_article_saying_the_claim_twice_counts_once(client_as, app_db, claim, matcher):
    shout = claim["text"].upper().rstrip(".") + "!"
    body = f"Valley schools reopen\n\n{claim['text']}\n\n{shout}\n\nBuses ran on 5 of 9 routes."
    ingest_text(app_db, body)
    section = _section(client_as("rita"), claim["id"])
    assert "Also in 1 other article" in words(section)
    [item] = section.cssselect(".previous-elsewhere li")
    assert "(2 times)" in words(item)


def test_a_wrong_match_is_dismissed_everywhere_and_stays_dismissed(client, app_db, matched_claim):
    from factcheck.store import audit

    claim_id = matched_claim["id"]
    [check] = claim_matches.previous_checks(app_db, claim_id)
    section = _section(client, claim_id)
    [form] = section.cssselect("form.previous-dismiss")
    assert form.get("action") == f"/claims/{claim_id}/previous-checks/{check['library_id']}/dismiss"
    rows = audit_count(app_db)
    answer = hx_post(client, form.get("action"), {})
    assert answer.status_code == 200
    assert "Dismissed: that earlier check is not this claim's." in words(fragment(answer))
    assert audit_count(app_db) == rows + 1
    # Gone from the claim's matches, the queue's filter and chip, and the dashboard's count.
    assert claim_matches.previous_checks(app_db, claim_id) == []
    assert client.get("/queue.json?previous=yes").get_json()["count"] == 0
    assert client.get("/dashboard.json").get_json()["previously_checked"] == 0
    section = _section(client, claim_id)
    assert not section.cssselect("li.previous-check")
    [dismissed] = section.cssselect(".previous-dismissed li")
    assert "dismissed by" in words(dismissed) and check["claim"] in words(dismissed)
    # Matching again (an import, a library change, a rematch) never brings it back.
    previous_checks.match_claims(app_db, [claim_id], cause="test", actor=SYSTEM)
    assert claim_matches.previous_checks(app_db, claim_id) == []
    row = app_db.execute(
        "SELECT actor, before, after FROM audit WHERE action = 'previous.dismiss'"
    ).fetchone()
    assert row[0] == "rita" and json.loads(row[2])["library_id"] == check["library_id"]
    assert audit.verify(app_db).ok
    # Restored, it is matched again at once.
    [restore] = section.cssselect("form.previous-restore")
    answer = hx_post(client, restore.get("action"), {})
    assert "a previous check of this claim again" in words(fragment(answer))
    assert [c["library_id"] for c in claim_matches.previous_checks(app_db, claim_id)] == [
        check["library_id"]
    ]
    assert claim_matches.dismissed_checks(app_db, claim_id) == []
    assert audit.verify(app_db).ok


def test_a_dismissal_changed_outside_the_trail_is_caught(app_db, matched_claim, people):
    from factcheck.store import audit

    claim_id = matched_claim["id"]
    [check] = claim_matches.previous_checks(app_db, claim_id)
    claim_matches.dismiss_previous_check(
        app_db, claim_id, check["library_id"], actor=people["rita"], reason="Another county"
    )
    assert audit.verify(app_db).ok
    app_db.execute("DELETE FROM dismissed_matches")
    app_db.conn.commit()
    report = audit.verify(app_db)
    assert not report.ok
    assert any("deleted outside the audit trail" in str(p) for p in report.problems)
    app_db.execute(
        "INSERT INTO dismissed_matches VALUES (?, ?, 'ed', '2026-01-01T00:00:00Z')",
        [claim_id, check["library_id"]],
    )
    app_db.conn.commit()
    report = audit.verify(app_db)
    assert any("dismissed by" in str(p) or "dismissed at" in str(p) for p in report.problems)


def test_dismissing_from_the_command_line(app_db, matched_claim, db_path):
    from click.testing import CliRunner

    from factcheck.cli import main

    claim_id = matched_claim["id"]
    [check] = claim_matches.previous_checks(app_db, claim_id)
    run = CliRunner().invoke
    base = ["--db", str(db_path), "library"]
    ids = [str(claim_id), str(check["library_id"])]
    done = run(main, [*base, "dismiss", *ids, "--as", "rita", "--why", "Another county's schools"])
    assert done.exit_code == 0, done.output
    assert done.output == (
        f"Dismissed library item {check['library_id']} as a previous check of claim {claim_id}.\n"
    )
    listed = run(main, [*base, "dismissed", str(claim_id)])
    assert "Rita" in listed.output and check["claim"] in listed.output
    assert "why: Another county's schools" in listed.output
    trail = run(main, ["--db", str(db_path), "audit", "log", "--record", f"claim:{claim_id}"])
    library_id = check["library_id"]
    assert f"previous.dismiss claim {claim_id}" in trail.output
    assert f"    library_id: {library_id} -> {library_id}" in trail.output
    history = run(main, ["--db", str(db_path), "history", str(claim_id)]).output
    assert f"dismissed previous check {check['library_id']} as not this claim" in history
    again = run(main, [*base, "dismiss", *ids, "--as", "ed"])
    assert again.exit_code == 2 and "rita already dismissed library item" in again.output
    assert run(main, [*base, "restore", *ids, "--as", "rita"]).exit_code == 0
    twice = run(main, [*base, "restore", *ids, "--as", "rita"])
    assert twice.exit_code == 2 and "was not dismissed for claim" in twice.output
    for action in ("dismiss", "restore"):
        nowhere = run(main, [*base, action, "9999", str(check["library_id"]), "--as", "rita"])
        assert nowhere.exit_code == 2 and "there is no claim 9999" in nowhere.output


def test_removing_a_dismissed_fact_check_from_the_library_keeps_the_trail_whole(
    app_db, matched_claim, people
):
    from factcheck.store import audit

    claim_id = matched_claim["id"]
    [check] = claim_matches.previous_checks(app_db, claim_id)
    claim_matches.dismiss_previous_check(
        app_db, claim_id, check["library_id"], actor=people["rita"]
    )
    library_store.remove_item(app_db, check["library_id"], actor=people["ed"], why="A duplicate")
    assert claim_matches.dismissed_checks(app_db, claim_id) == []
    assert audit.verify(app_db).ok


def test_a_dismissal_reads_in_words_in_the_history_and_on_the_audit_page(
    client, client_as, app_db, matched_claim, people
):
    claim_id = matched_claim["id"]
    [check] = claim_matches.previous_checks(app_db, claim_id)
    claim_matches.dismiss_previous_check(
        app_db, claim_id, check["library_id"], actor=people["rita"], reason="Another county"
    )
    panel = words(fragment(client.get(f"/claims/{claim_id}/panel", headers=HX)))
    assert f"dismissed previous check {check['library_id']} as not this claim" in panel
    audit_page = words(parse(client_as("ed").get("/audit?kind=previous")))
    assert "Another county" in audit_page and "previous.dismiss" in audit_page
    claim_trail = parse(client_as("ed").get(f"/audit?record=claim:{claim_id}"))
    [entry] = [
        row
        for row in claim_trail.cssselect(".audit-entry")
        if "previous.dismiss" in words(row.cssselect(".audit-action")[0])
    ]
    library_id = str(check["library_id"])
    assert f"dismissed previous check {library_id} as not this claim" in words(entry)
    fields = [[words(cell) for cell in tr] for tr in entry.cssselect(".audit-changes tbody tr")]
    assert ["library_id", library_id, library_id] in fields
    [dismissed] = _section(client, claim_id).cssselect(".previous-dismissed li")
    assert "dismissed by Rita just now: “Another county”" in words(dismissed)


def test_a_dismissal_made_in_another_tab_meanwhile_redraws_the_panel_saying_so(
    client, app_db, matched_claim, people
):
    claim_id = matched_claim["id"]
    [form] = _section(client, claim_id).cssselect("form.previous-dismiss")
    [check] = claim_matches.previous_checks(app_db, claim_id)
    claim_matches.dismiss_previous_check(app_db, claim_id, check["library_id"], actor=people["ed"])
    answer = hx_post(client, form.get("action"), {})
    assert answer.status_code == 200
    panel = fragment(answer)
    assert "Ed has already dismissed that earlier check" in words(panel) or (
        "ed has already dismissed that earlier check" in words(panel)
    )
    assert not panel.cssselect("form.previous-dismiss") and panel.cssselect(".previous-dismissed")


def test_adding_an_earlier_check_dismissed_in_another_tab_meanwhile_redraws_the_panel(
    client, app_db, matched_claim, people
):
    claim_id = matched_claim["id"]
    [form] = _section(client, claim_id).cssselect("form.previous-form")
    [check] = claim_matches.previous_checks(app_db, claim_id)
    claim_matches.dismiss_previous_check(app_db, claim_id, check["library_id"], actor=people["ed"])
    answer = hx_post(client, form.get("action"), {"stance": "supports"})
    assert answer.status_code == 200
    panel = fragment(answer)
    assert "has already dismissed that earlier check as not this claim's just now" in words(panel)
    assert not panel.cssselect("li.previous-check") and panel.cssselect(".previous-dismissed")
    assert evidence_store.evidence_for_claim(app_db, claim_id) == []


def test_a_published_claims_wrong_match_is_dismissed_too(client, app_db, matched_claim, people):
    claim_id = matched_claim["id"]
    _publish(app_db, people, claim_id, "False")
    # Its matches are not its verdict: the panel offers the dismissal whatever the status.
    [form] = _section(client, claim_id).cssselect("form.previous-dismiss")
    assert hx_post(client, form.get("action"), {}).status_code == 200
    assert claim_matches.previous_checks(app_db, claim_id) == []


def test_a_merged_unit_is_matched_again_at_once(client, app_db, matcher, people):
    from helpers import SAMPLE_ARTICLE

    from factcheck.store import claim_reads

    article_id = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    units = claim_reads.claims_for_article(app_db, article_id)
    quote = next(u for u in units if u["text"].startswith('"The river rose 2.4 metres'))
    after = next(u for u in units if u["seq"] == quote["seq"] + 1)
    # An earlier check of the whole quotation, which the merge makes one unit.
    whole = app_db.execute(
        "SELECT substr(body, ? + 1, ? - ?) FROM articles WHERE id = ?",
        [quote["start"], after["end"], quote["start"], article_id],
    ).fetchone()[0]
    _import_matched(
        app_db, quote, {"claim": whole, "url": "https://checks.example/river", "rating": "True"}
    )
    before = claim_matches.previous_checks(app_db, quote["id"])
    merged = hx_post(
        client,
        f"/claims/{quote['id']}/merge",
        {"expected_version": quote["version"], "reason": "One quotation cut at its full stop"},
    )
    assert merged.status_code == 200
    # The merge took its matches with its old words; matching again finds the check of the new.
    now = claim_matches.previous_checks(app_db, quote["id"])
    assert [c["url"] for c in now] == ["https://checks.example/river"]
    assert now[0]["score"] > (before[0]["score"] if before else 0)
