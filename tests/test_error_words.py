"""Refusals in the workbench's own words: store errors carry a code and facts, the browser gets
plain sentences, and command-line hints (options, settings, commands) never reach it."""

import re

import pytest
from helpers import fragment, hx_post, parse, verdict_data, words
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli.error_words import error_words
from factcheck.store import triage, verdicts
from factcheck.store.errors import Invalid, NotFound
from factcheck.views.error_words import fetch_failure_words, for_browser, store_error_words

CLI_HINT = re.compile(r"--[a-z]|`|FACTCHECK_|factcheck [a-z]")


def _error_beside(response, field_id: str) -> str:
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    return words(fragment(response).get_element_by_id(f"{field_id}-error"))


def test_a_verdict_without_a_rating_says_choose_a_rating(client, claim):
    response = hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim, rating=""))
    assert _error_beside(response, f"verdict-{claim['id']}-rating") == "Choose a rating."


def test_a_thin_rationale_says_what_is_missing(client, claim):
    data = verdict_data(claim, rationale="It is true.")
    response = hx_post(client, f"/claims/{claim['id']}/verdict", data)
    message = _error_beside(response, f"verdict-{claim['id']}-rationale")
    assert message.startswith("Say a little more: a rationale needs at least 6 words")
    empty = hx_post(client, f"/claims/{claim['id']}/verdict", verdict_data(claim, rationale=""))
    assert _error_beside(empty, f"verdict-{claim['id']}-rationale") == (
        "Write the rationale: how the evidence supports the rating."
    )


def test_evidence_without_a_stance_says_what_to_choose(client, claim):
    data = {"expected_version": claim["version"], "url": "https://a.example/r", "stance": ""}
    response = hx_post(client, f"/claims/{claim['id']}/evidence", data)
    assert _error_beside(response, f"evidence-{claim['id']}-stance").startswith(
        "Choose whether the source supports or refutes the claim"
    )


def test_an_empty_comment_and_an_unknown_assignee(client, claim, app_db, people):
    response = hx_post(client, f"/claims/{claim['id']}/comments", {"comment": "  "})
    assert "Write something in the comment first." in words(fragment(response))
    with pytest.raises(NotFound) as refused:
        triage.assign(app_db, claim["id"], assignee="nobody", actor=people["ed"])
    assert store_error_words(refused.value) == "There is no one called nobody to assign to."


def test_store_messages_keep_their_command_line_hints_for_the_command_line(claim_world):
    db, people, claim_id = claim_world
    with pytest.raises(Invalid) as refused:
        verdicts.set_verdict(db, claim_id, rating="", rationale="x" * 50, actor=people["rita"])
    assert refused.value.code == "rating.missing"
    assert "--rating" in error_words(refused.value)  # the command line's words name its option
    assert store_error_words(refused.value) == "Choose a rating."


def test_missing_records_and_pages_answer_in_words(client):
    for path, expected in (
        ("/articles/424242", "There is no article 424242. The dashboard lists every article."),
        ("/claims/424242", "There is no claim 424242. The dashboard lists every article."),
    ):
        page = parse(client.get(path))
        message = words(page.cssselect("[data-error-message]")[0])
        assert message.endswith(expected), path
        assert not CLI_HINT.search(message)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "a ClaimReview needs the public address where fact-checks are published: set"
            " FACTCHECK_PUBLIC_URL or give --public-url https://factcheck.example.org",
            "A ClaimReview needs the public address where fact-checks are published.",
        ),
        ("comments are written by people: give --as USERNAME", "Comments are written by people."),
        ("there is no user 'x'; run `factcheck user list` to see them", "There is no user 'x'."),
        ("the article is empty", "The article is empty."),
    ],
)
def test_command_line_hints_are_cut_from_messages_without_a_code(message, expected):
    assert for_browser(message) == expected


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(st.lists(st.sampled_from(["set FACTCHECK_X", "give --as U", "run `factcheck a`", "it is"
                                 " wrong", "try again", "x"]), min_size=1, max_size=4),
       st.sampled_from(["; ", ": "]))  # fmt: skip
def test_no_command_line_hint_survives(parts, joiner):
    shown = for_browser(joiner.join(parts))
    assert not CLI_HINT.search(shown)
    assert shown[:1].isupper() and shown.endswith(".")


def test_fetch_failures_in_words():
    assert fetch_failure_words("host_not_found", {"host": "x"}) == (
        "The site could not be found. Check the address."
    )
    assert fetch_failure_words("too_large", {"limit": 10 * 1024 * 1024}) == (
        "The page is larger than 10 MB."
    )
    assert fetch_failure_words("http_status", {"status": 503}).startswith(
        "The site had an error of its own (HTTP 503)"
    )
    message = "refused: the host said no; run `factcheck x`"
    assert fetch_failure_words(None, None, message) == "Refused: the host said no."
