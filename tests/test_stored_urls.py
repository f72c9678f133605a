"""Evidence and source addresses: an IPv6 literal keeps its brackets, and a stored address that
cannot be parsed shows as text on every page and export instead of breaking it."""

import pytest
from helpers import HX, RATIONALE, fragment, hx_post, page_token, parse, refused_saying
from hypothesis import given
from hypothesis import strategies as st

from factcheck.db import utc_now
from factcheck.network.fetch import FetchError, fetch
from factcheck.network.urls import clean_web_url, link_target, url_host, url_rest
from factcheck.store import evidence as evidence_store
from factcheck.store import verdicts
from factcheck.store.actors import SYSTEM

IPV6_SOURCE = "https://[2001:db8::1]/report.pdf"

# Addresses that could only get into the database around the store's checks (an older version
# stored the first one), each of which used to take down every page showing its claim.
UNREADABLE = [
    "https://2001:db8::1/report.pdf",
    "https://[2001:db8::1/report.pdf",
    "https://[not-an-address]/x",
    "https://example.org:99999/x",
    "javascript:alert(1)",
    "no scheme at all",
]

pytestmark = pytest.mark.usefixtures("immediate_jobs")


def test_an_ipv6_literal_keeps_its_brackets():
    assert clean_web_url(IPV6_SOURCE) == IPV6_SOURCE
    assert clean_web_url("HTTPS://[2001:DB8::1]:8443/a?b=1") == "https://[2001:db8::1]:8443/a?b=1"
    assert url_host(IPV6_SOURCE) == "[2001:db8::1]"
    assert url_rest("https://[2001:db8::1]:8443/a?b=1") == ":8443/a?b=1"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        # One Cyrillic "а" in a Latin name: shown as the browser's address bar shows it.
        ("http://w\u0430shingtonpost.com/x", "xn--wshingtonpost-w1k.com"),
        # All Cyrillic, every letter drawn like a Latin one, under ".com".
        ("https://\u0430\u0440\u0440\u04cf\u0435.com/", "xn--80ak6aa92e.com"),
        # Latin letters drawn like plain ones ("ı", "ɑ"), and Cyrillic ones like "google".
        ("https://g\u0131thub.com/x", "xn--gthub-n4a.com"),
        ("https://p\u0251yp\u0251l.com/", "xn--pypl-q5bc.com"),
        ("https://\u050d\u043e\u043e\u050d\u04cf\u0435.com/r", "xn--e1ara49ctjc.com"),
        ("https://\u0461\u0456\u043a\u0456\u0440\u0435\u0501\u0456\u0430.org/x", "xn--80ajoy2ibc6fu9e.org"),
        # Names in one script, read as they are.
        ("https://wroc\u0142aw.pl/", "wroc\u0142aw.pl"),
        ("https://\u0111a-nang.vn/", "\u0111a-nang.vn"),
        ("https://b\u00fccher.example/a", "b\u00fccher.example"),
        ("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/", "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"),
        ("https://\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac.gr/", "\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac.gr"),
    ],
)  # fmt: skip
def test_a_host_that_may_pass_for_another_is_shown_in_its_ascii_form(url, shown):
    """ "wаshingtonpost.com" with a Cyrillic "а" read as the trusted outlet on the card."""
    assert url_host(url) == shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # A direction override would show the address's end first ("/live.exe" as "exe.evil/").
        ("https://news.example/\u202eexe.evil", "https://news.example/%E2%80%AEexe.evil"),
        (
            "https://news.example/a?q=\u200bx#\u2066y",
            "https://news.example/a?q=%E2%80%8Bx#%E2%81%A6y",
        ),
        # Letters outside ASCII are no trick, and stay as typed.
        ("https://news.example/café", "https://news.example/café"),
    ],
)
def test_invisible_characters_in_an_address_are_written_as_a_browser_sends_them(typed, stored):
    assert clean_web_url(typed) == stored


def test_an_invisible_character_in_a_host_is_refused():
    with pytest.raises(ValueError):
        clean_web_url("https://news\u202e.example/report")


def test_the_fetcher_still_refuses_the_documentation_address():
    with refused_saying(FetchError, "documentation address"):
        fetch(IPV6_SOURCE)


@given(st.text(max_size=60))
def test_taking_any_stored_text_apart_never_fails(text):
    for value in (text, "https://" + text, "https://[" + text, "http://x.org:" + text):
        host, rest = url_host(value), url_rest(value)
        if link_target(value) is None:
            assert (host, rest) == (value, "")
        else:
            assert link_target(value).lower().startswith(("http://", "https://"))


def test_ipv6_evidence_is_stored_with_brackets_and_shown(client, claim, app_db):
    response = hx_post(
        client,
        f"/claims/{claim['id']}/evidence",
        {"expected_version": claim["version"], "url": IPV6_SOURCE, "stance": "supports"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    (stored,) = evidence_store.evidence_for_claim(app_db, claim["id"])
    assert stored["url"] == IPV6_SOURCE
    # The archive job asked the safe fetcher, which refused the documentation address.
    assert stored["snapshot_status"] == "failed"
    assert "documentation address" in stored["snapshot_error"]
    link = fragment(response).cssselect("a.evidence-url")[0]
    assert link.get("href") == IPV6_SOURCE
    assert link.cssselect(".evidence-host")[0].text_content() == "[2001:db8::1]"
    page = client.get(f"/articles/{claim['article_id']}?claim={claim['id']}")
    assert page.status_code == 200


def _store_unreadable(app_db, claim, people) -> None:
    """Evidence and a source address that bypassed the checks, written as an old version did."""
    for url in UNREADABLE:
        app_db.execute(
            "INSERT INTO evidence (claim_id, url, stance, added_by, added_at)"
            " VALUES (?, ?, 'supports', ?, ?)",
            [claim["id"], url, people["rita"].id, utc_now()],
        )
    app_db.execute(
        "UPDATE articles SET source_url = ? WHERE id = ?", [UNREADABLE[0], claim["article_id"]]
    )


def _no_unsafe_link(html: str) -> None:
    assert 'href="javascript:' not in html
    assert 'href="https://2001:db8::1' not in html


def test_unreadable_stored_addresses_show_as_text_on_every_page(client, claim, app_db, people):
    _store_unreadable(app_db, claim, people)
    claim_id, article_id = claim["id"], claim["article_id"]
    panel = client.get(f"/claims/{claim_id}/panel", headers=HX)
    assert panel.status_code == 200
    shown = [item.text_content() for item in fragment(panel).cssselect(".evidence-url")]
    assert shown == UNREADABLE
    assert not fragment(panel).cssselect("a.evidence-url")
    article = client.get(f"/articles/{article_id}?claim={claim_id}")
    assert article.status_code == 200
    meta = parse(article).cssselect(".meta")[0]
    assert UNREADABLE[0] in meta.text_content() and not meta.cssselect("a[title]")
    for path in ("/", "/queue", f"/claims/{claim_id}.json", f"/articles/{article_id}.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        _no_unsafe_link(response.get_data(as_text=True))
    _no_unsafe_link(panel.get_data(as_text=True) + article.get_data(as_text=True))


def test_an_unreadable_snapshot_address_shows_as_text(client, app_db):
    row = evidence_store.record_snapshot(
        app_db, UNREADABLE[0], actor=SYSTEM, status="failed", error="x"
    )
    response = client.get(f"/snapshots/{row['id']}")
    assert response.status_code == 200
    assert UNREADABLE[0] in response.get_data(as_text=True)
    _no_unsafe_link(response.get_data(as_text=True))


@pytest.mark.parametrize("fmt", ["html", "markdown", "csv", "json", "jsonl", "claimreview"])
def test_exports_and_reports_carry_unreadable_addresses_as_text(
    client, claim, app_db, people, fmt, monkeypatch
):
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://factcheck.example")
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Valley Checks")
    _store_unreadable(app_db, claim, people)
    # Reports show evidence under a verdict, and ClaimReview only a published one.
    verdicts.set_verdict(
        app_db, claim["id"], rating="Unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])
    response = client.post(
        "/exports",
        data={"format": fmt, "article": str(claim["article_id"])},
        headers={"X-CSRFToken": page_token(client, "/")},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_data(as_text=True)
    if fmt != "claimreview":  # ClaimReview names no evidence
        assert "not-an-address" in body
    _no_unsafe_link(body)
    assert "](javascript:" not in body and "](<javascript:" not in body


def test_a_claims_history_names_a_look_alike_source_as_its_card_does():
    """The card showed "xn--gthub-n4a.com" while the history beside it showed "gıthub.com"."""
    from factcheck.history_words import detail

    entry = {"action": "evidence.add", "after": {"url": "https://g\u0131thub.com/report"}}
    assert detail(entry) == "https://xn--gthub-n4a.com/report"
    plain = {"action": "evidence.add", "after": {"url": "https://news.example/a?b=1"}}
    assert detail(plain) == "https://news.example/a?b=1"
