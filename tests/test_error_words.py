"""Refusals in the workbench's own words: store errors carry a code and facts, the browser gets
plain sentences, and command-line hints (options, settings, commands) never reach it."""

import re

import pytest
from helpers import fragment, hx_post, parse, verdict_data, words
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli.error_words import error_words
from factcheck.refusal_lines import refusal_line
from factcheck.store import triage, verdicts
from factcheck.store.errors import Invalid, NotFound
from factcheck.views import import_words
from factcheck.views.error_words import store_error_words

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


# Facts an import refusal or a failed fetch may carry, as text of any kind.
_fact_text = st.text(max_size=30)
_fetch_facts = st.fixed_dictionaries(
    {
        "host": _fact_text,
        "url": _fact_text,
        "limit": st.integers(1, 2**40),
        "port": st.integers(1, 65535),
        "status": st.integers(100, 599),
        "content_type": _fact_text,
        "kind": _fact_text,
        "expected": st.sampled_from(["text", "html"]),
        "position": st.integers(0, 10**9),
        "line": st.integers(1, 10**6),
        "encoding": st.sampled_from(["UTF-8", "UTF-16"]),
        "problem": st.sampled_from(["empty", "scheme", "no_host", "unparsable", "too_long"]),
        "suffixes": st.just([".txt", ".html", ".htm"]),
        "fields": st.just(["title", "body"]),
        "name": _fact_text,
        "record": _fact_text,
        "type": _fact_text,
        "given": _fact_text,
        "cells": st.integers(2, 99),
        "columns": st.integers(1, 9),
    }
)


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(st.sampled_from(sorted(set(import_words._IMPORT_WORDS) | set(import_words._FETCH_WORDS))),
       _fetch_facts)  # fmt: skip
def test_import_and_fetch_refusals_read_as_sentences_without_command_line_hints(code, facts):
    shown = import_words.refusal_words(code, facts)
    assert shown not in ("The article could not be imported.", "The page could not be fetched.")
    assert shown[:1].isupper() and shown.endswith("."), shown
    assert not any(hint in shown for hint in ("--max-bytes", "--format", "FACTCHECK_")), shown


def test_fetch_failures_in_words():
    assert import_words.fetch_failure_words("host_not_found", {"host": "x"}) == (
        "The site could not be found. Check the address."
    )
    assert import_words.fetch_failure_words("too_large", {"limit": 10 * 1024 * 1024}) == (
        "The page is larger than 10 MB."
    )
    assert import_words.fetch_failure_words("http_status", {"status": 503}).startswith(
        "The site had an error of its own (HTTP 503)"
    )
    assert import_words.fetch_failure_words("http_status", {"status": 204}) == (
        "The site answered with no page at all (HTTP 204)."
    )
    assert import_words.fetch_failure_words("no_such_failure", {}) == (
        "The page could not be fetched."
    )


def test_an_import_too_large_says_the_limit_and_what_to_do_in_each_front_end():
    facts = {"limit": 5 * 1024 * 1024, "url": "https://news.example/big"}
    assert import_words.refusal_words("import.too_large", facts) == (
        "The page (its markup and scripts with the article) is larger than the import limit of"
        " 5 MB. Paste the article text instead, or ask an administrator to raise the limit."
    )
    assert refusal_line("import.too_large", facts) == (
        "the page at https://news.example/big (its markup and scripts with the article) is larger"
        " than the import limit of 5,242,880 bytes; import the article's text instead, or raise"
        " the limit with --max-bytes or FACTCHECK_MAX_IMPORT_BYTES"
    )
    # A saved page is counted whole, scripts and all, not only the article it holds.
    page = {"limit": 5 * 1024 * 1024, "what": "page"}
    assert refusal_line("import.too_large", page).startswith(
        "the HTML page (its markup and scripts with the article) is larger"
    )
    text = {"limit": 5 * 1024 * 1024, "what": "text"}
    assert refusal_line("import.too_large", text) == (
        "the text is larger than the import limit of 5,242,880 bytes; raise it with --max-bytes"
        " or FACTCHECK_MAX_IMPORT_BYTES"
    )


@pytest.mark.parametrize(
    ("detail", "said"),
    [
        ("[Errno -2] Name or service not known", "no such name is registered; check the address"),
        (
            "[Errno -3] Temporary failure in name resolution",
            "its name could not be looked up just now; check the network and try again",
        ),
    ],
)
def test_a_name_that_does_not_resolve_is_said_in_words_not_an_error_number(detail, said):
    line = refusal_line("host_not_found", {"host": "gone.example", "detail": detail})
    assert line == f"could not find the server gone.example: {said}"
