"""A write sent after the session ended (signed out in another tab, or idled out): it is refused
in words that say so, nothing is stored, and signing in leads back to the page it came from."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import (
    HX,
    PASSWORD,
    audit_count,
    claim_now,
    csrf_token_for,
    parse,
    verdict_data,
    words,
)

from factcheck.views import web_session
from factcheck.views.auth_guard import NOT_SAVED


def next_of(address: str) -> str:
    return parse_qs(urlsplit(address).query)["next"][0]


def sign_in_from(test_client, address: str):
    """Follow the sign-in address the refusal gave, and sign in there as rita."""
    page = parse(test_client.get(address))
    flashed = [words(item) for item in page.cssselect(".flash p")]
    token = page.cssselect('input[name="csrf_token"]')[0].get("value")
    response = test_client.post(
        address,
        data={"username": "rita", "password": PASSWORD, "csrf_token": token},
    )
    return flashed, response


@pytest.fixture
def verdict_post(claim):
    """An htmx save of the claim's verdict sent from its article page, with the given token."""
    page = f"/articles/{claim['article_id']}?claim={claim['id']}"

    def send(test_client, token: str):
        return test_client.post(
            f"/claims/{claim['id']}/verdict",
            data=verdict_data(claim),
            headers={**HX, "X-CSRFToken": token, "HX-Current-URL": f"http://localhost{page}"},
        )

    return page, send


def test_a_save_after_signing_out_in_another_tab_leads_back_to_its_page(
    client, verdict_post, app_db
):
    page, send = verdict_post
    token = csrf_token_for(client)
    client.post("/sign-out", headers={"X-CSRFToken": token})
    before = audit_count(app_db)

    refused = send(client, token)

    assert refused.status_code == 401
    assert "security token" not in refused.get_data(as_text=True)
    assert next_of(refused.headers["HX-Redirect"]) == page
    assert audit_count(app_db) == before
    flashed, signed_in = sign_in_from(client, refused.headers["HX-Redirect"])
    assert NOT_SAVED in flashed
    assert signed_in.status_code == 303 and signed_in.headers["Location"] == page


def test_a_save_after_the_session_idled_out_leads_back_to_its_page(
    app, client, claim, verdict_post, app_db
):
    page, send = verdict_post
    token = csrf_token_for(client)
    later = datetime.now(UTC) + timedelta(hours=13)
    web_session.use_clock(app, lambda: later)
    before = claim_now(app_db, claim["id"])

    refused = send(client, token)

    assert refused.status_code == 401
    assert refused.get_json()["error"].startswith("Your session ended after 12 hours")
    assert next_of(refused.headers["HX-Redirect"]) == page
    assert claim_now(app_db, claim["id"]) == before, "only the session's end is recorded"
    flashed, signed_in = sign_in_from(client, refused.headers["HX-Redirect"])
    assert NOT_SAVED in flashed
    assert signed_in.headers["Location"] == page


def test_a_plain_form_sent_after_signing_out_goes_back_to_its_referrer(client, claim):
    token = csrf_token_for(client)
    client.post("/sign-out", headers={"X-CSRFToken": token})
    page = f"/articles/{claim['article_id']}"
    refused = client.post(
        f"/claims/{claim['id']}/comments",
        data={"comment": "Checked the bulletin.", "csrf_token": token},
        headers={"Referer": f"http://localhost{page}"},
    )
    assert refused.status_code == 303
    assert next_of(refused.headers["Location"]) == page


def test_another_sites_referrer_is_not_followed(client, claim):
    token = csrf_token_for(client)
    client.post("/sign-out", headers={"X-CSRFToken": token})
    refused = client.post(
        f"/claims/{claim['id']}/comments",
        data={"comment": "Checked the bulletin.", "csrf_token": token},
        headers={"Referer": "https://elsewhere.example/articles/1"},
    )
    assert next_of(refused.headers["Location"]) == "/"


def test_signing_out_again_in_a_stale_tab_just_leads_to_sign_in(client):
    token = csrf_token_for(client)
    client.post("/sign-out", headers={"X-CSRFToken": token})
    again = client.post("/sign-out", data={"csrf_token": token})
    assert again.status_code == 303
    assert urlsplit(again.headers["Location"]).path == "/sign-in"
    page = parse(client.get(again.headers["Location"]))
    assert NOT_SAVED not in [words(item) for item in page.cssselect(".flash p")]


def test_a_part_of_a_page_asked_for_after_signing_out_leads_back_to_the_page(client, claim):
    """A note asking again every few seconds meets the ended session first: signing in opens the
    page it is on, not the note's own address."""
    page = f"/articles/{claim['article_id']}?claim={claim['id']}"
    client.post("/sign-out", headers={"X-CSRFToken": csrf_token_for(client)})
    refused = client.get(
        f"/articles/{claim['article_id']}/matching-note",
        headers={**HX, "HX-Current-URL": f"http://localhost{page}"},
    )
    assert refused.status_code == 401
    assert next_of(refused.headers["HX-Redirect"]) == page
