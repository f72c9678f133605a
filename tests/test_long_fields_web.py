"""Over-long text typed into the claim panel: a 422 naming the field and its limit, nothing saved."""

from helpers import RATIONALE, form_post, fragment, hx_post, verdict_data, words

from factcheck.store import claim_reads, verdicts


def test_an_over_long_rationale_is_refused_next_to_the_field(client, app_db, claim):
    huge = RATIONALE + " And more." * 1_000
    response = hx_post(
        client, f"/claims/{claim['id']}/verdict", verdict_data(claim, rationale=huge)
    )
    assert response.status_code == 422
    html = fragment(response)
    assert "The rationale can be at most 10,000 characters." in words(html)
    assert html.cssselect("#verdict-{}-rationale[aria-invalid]".format(claim["id"]))
    assert verdicts.verdicts_for_claim(app_db, claim["id"]) == []


def test_an_over_long_reason_is_refused_without_script_too(client, app_db, claim):
    data = {
        "expected_version": claim["version"],
        "kind": "not_a_claim",
        "reason": "Scene-setting " * 100,
    }
    response = form_post(client, f"/claims/{claim['id']}/classify", data)
    assert response.status_code == 422
    assert "The reason can be at most 1,000 characters." in response.get_data(as_text=True)
    assert claim_reads.get_claim(app_db, claim["id"])["kind"] == "claim"
