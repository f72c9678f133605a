"""Units set aside as not a claim: greyed in the text but reachable (a link Tab reaches, which works
without script), opening a panel that says why and can make the unit a claim again."""

import json

from helpers import claim_now, form_post, parse, words

from factcheck.store import claim_reads


def _set_aside(db, article_id: int) -> list[dict]:
    return [c for c in claim_reads.claims_for_article(db, article_id) if c["kind"] != "claim"]


def test_greyed_units_are_links_to_their_panel_and_keep_their_exact_text(
    client, app_db, make_article
):
    article_id = make_article()
    body = app_db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    set_aside = _set_aside(app_db, article_id)
    assert set_aside, "the sample article has a promo line set aside"
    page = parse(client.get(f"/articles/{article_id}"))
    for unit in set_aside:
        element = page.get_element_by_id(f"claim-{unit['id']}")
        assert element.tag == "a" and "is-not-claim" in element.get("class")
        assert element.get("href") == f"/articles/{article_id}?claim={unit['id']}"
        assert element.get("data-panel-url") == f"/claims/{unit['id']}/panel"
        assert element.get("tabindex") is None  # in the Tab order, as a link is
        assert element.text_content() == body[unit["start"] : unit["end"]]
        assert element.get("data-label") == unit["reason"]
    claims = page.cssselect("#article-text .unit.is-claim")
    assert claims and all(element.tag == "span" for element in claims)


def test_following_a_greyed_unit_shows_why_and_marking_it_a_claim_is_audited(
    client, app_db, make_article
):
    article_id = make_article()
    unit = next(u for u in _set_aside(app_db, article_id) if "ALSO READ" in u["text"])
    page = parse(client.get(f"/articles/{article_id}?claim={unit['id']}"))
    panel = page.get_element_by_id("claim-panel")
    assert words(panel.cssselect(".panel-position")[0]) == "Not a claim"
    assert unit["reason"] in words(panel.cssselect(".panel-note")[0])
    assert page.get_element_by_id(f"claim-{unit['id']}").get("aria-current") == "true"
    form = panel.cssselect("form.classify-form")[0]
    assert form.cssselect("input[name=kind]")[0].get("value") == "claim"
    assert words(form.cssselect("button")[0]) == "Mark as a claim"

    fields = {"expected_version": unit["version"], "kind": "claim"}
    refused = form_post(client, f"/claims/{unit['id']}/classify", {**fields, "reason": ""})
    assert refused.status_code == 422
    assert claim_now(app_db, unit["id"])["kind"] == "not_a_claim"

    reason = "It names a year the floods happened"
    done = form_post(client, f"/claims/{unit['id']}/classify", {**fields, "reason": reason})
    assert done.status_code == 303
    assert claim_now(app_db, unit["id"])["kind"] == "claim"
    row = app_db.execute(
        "SELECT action, reason, actor FROM audit WHERE record_type = 'claim' AND record_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [unit["id"]],
    ).fetchone()
    assert tuple(row) == ("claim.classify", reason, "rita")
    again = parse(client.get(f"/articles/{article_id}"))
    assert again.get_element_by_id(f"claim-{unit['id']}").tag == "span"


def test_a_unit_made_a_claim_is_scored_and_one_set_aside_scores_nothing(
    app_db, people, make_article
):
    """Set aside at import a unit scores 0; made a claim it takes its place in the queue, with
    reasons to check it, one at a time or in bulk (and an undo puts the score back too)."""
    from factcheck.store import bulk, triage
    from factcheck.text import checkworthiness

    article_id = make_article(
        "Court figures\n\nPhoto: the bridge cost 40 million pounds to build, the council"
        " said.\n\nAlso read: the council's budget rose 14% to £2.3bn, the auditor said.\n"
    )
    first, second = _set_aside(app_db, article_id)
    assert first["checkworthiness"] == second["checkworthiness"] == 0
    rita = people["rita"]
    made = triage.classify(
        app_db, first["id"], kind="claim", reason="A figure, not a caption", actor=rita
    )
    expected = checkworthiness.score(
        first["text"], attribution=first["attribution"], section=first["section"], language="en"
    )
    assert made["checkworthiness"] == expected[0] > 0
    assert json.loads(made["reasons"]) == list(expected[1]) != []
    summary = bulk.bulk_update(
        app_db, [second["id"]], action="claim", value="A budget figure", actor=rita
    )
    assert claim_now(app_db, second["id"])["checkworthiness"] > 0
    bulk.undo_bulk(app_db, summary["audit_id"], actor=rita)
    assert claim_now(app_db, second["id"])["checkworthiness"] == 0
    again = triage.classify(
        app_db, first["id"], kind="not_a_claim", reason="A notice after all", actor=rita
    )
    assert again["checkworthiness"] == 0 and json.loads(again["reasons"]) == []
