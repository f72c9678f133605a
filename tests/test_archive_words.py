"""Why an archive failed, in words: the safe fetcher's messages turned into sentences."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.archive_words import (
    copy_line,
    failure_words,
    fetched_again,
    quote_words,
    worth_retrying,
)
from factcheck.network.fetch import FetchError, fetch
from factcheck.refusal_lines import error_line


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            "could not find the server gone.example: [Errno -2] Name or service not known",
            "The site could not be found: check the address",
        ),
        (
            "refused: https://x.example/big is larger than the limit of 10,485,760 bytes",
            "The page is larger than 10 MB",
        ),
        ("https://x.example/a answered 404 Not Found", "The page was not found"),
        ("https://x.example/a answered 503 Service Unavailable", "The site had an error"),
        ("https://x.example/a answered 204 No Content", "The site answered with no page"),
        ("https://x.example/a answered 206 Partial Content", "only part of the page"),
        ("refused: 10.0.0.8 is a private address", "The address leads into a private network"),
        ("refused: intranet resolves to 10.0.0.8, a private address", "private network"),
        ("refused: https://x.example/v is video/mp4, not the expected text/html", "video/mp4"),
        ("timed out connecting to x.example; try again later", "The site did not answer"),
        ("refused: https://x.example redirects more than 5 times", "too many redirects"),
        ("refused: only http and https links can be fetched, not ftp: links", "Only http"),
        ("refused: port 8080 is not allowed, only 80 and 443", "port 8080"),
        (
            "refused: the page redirects to http://10.0.0.8/; 10.0.0.8 is a private address",
            "The page redirects to http://10.0.0.8/: the address leads into a private network",
        ),
        (
            "refused: the page redirects to file:///etc/passwd; only http and https links can be"
            " fetched, not file: links",
            "The page redirects to file:///etc/passwd: only http and https pages can be copied",
        ),
        (
            "http://x.example/a came back empty, with no page in it; try again later",
            "The page came back empty",
        ),
        # A page served as text/plain that is not text: no advice about importing articles
        (
            "this looks like a binary file, not text; import a .txt or .html file",
            "The page is served as text but holds binary data; attach your own copy",
        ),
        (
            "this file is a ZIP archive, not text; import the article as an HTML or text file",
            "is a file of another kind; attach your own copy",
        ),
    ],
)
def test_fetch_errors_read_as_words(error, words):
    assert words in failure_words(error)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::ffff:10.0.0.8]/",
        "http://localhost/",
        "http://news.example:8080/",
        "ftp://news.example/story",
        "http://editor:secret@news.example/",
    ],
)
def test_an_address_the_fetcher_refuses_is_not_offered_again(url):
    with pytest.raises(FetchError) as refused:
        fetch(url)
    assert not worth_retrying(error_line(refused.value))
    assert (
        failure_words(error_line(refused.value)) != "The address is not one the workbench may fetch"
    )


@pytest.mark.parametrize(
    "error",
    [
        "could not find the server gone.example: [Errno -2] Name or service not known",
        "https://x.example/a answered 503 Service Unavailable",
        "refused: https://x.example redirects more than 5 times",
        "refused: https://x.example/big is larger than the limit of 10,485,760 bytes",
        "timed out connecting to x.example; try again later",
        "http://x.example/a came back empty, with no page in it; try again later",
        "",
    ],
)
def test_a_failure_that_may_pass_is_offered_again(error):
    assert worth_retrying(error)


@given(st.text() | st.sampled_from([".", " ", "...", "\n"]))
def test_every_error_gives_a_sentence_to_end_with_a_full_stop(error):
    words = failure_words(error)
    assert words.strip() and not words.endswith(".")
    assert words[:1] == words[:1].upper()


def test_quote_and_copy_phrases():
    assert quote_words("approximate") == "Quote found approximately in the archived copy"
    assert quote_words(None) is None
    item = {
        "snapshot": {"status": "archived", "kind": "upload"},
        "quote_check": {"status": "found"},
    }
    assert copy_line(item) == "Quote found in the archived copy · copy uploaded by a reviewer"
    assert copy_line({"snapshot": None, "quote_check": None}) == "No archived copy"
    unchecked = {"snapshot": None, "quote_check": None, "quote": "14 schools closed"}
    assert copy_line(unchecked) == "No archived copy · the quote was not checked"
    failed = {"snapshot": {"status": "failed"}, "quote_check": None, "quote": "14 schools"}
    assert copy_line(failed) == (
        "No archived copy: the last attempt failed · the quote was not checked"
    )


def test_a_quote_check_names_the_kind_of_copy_it_was_made_in():
    """A file the reviewer uploaded was not archived by the workbench: the card says so."""
    assert quote_words("found") == "Quote found in the archived copy"
    assert quote_words("found", "upload") == "Quote found in the uploaded copy"
    assert quote_words("no_text", "upload") == (
        "The uploaded copy has no text to check the quote against"
    )
    assert quote_words("not_found", "web_archive") == "Quote not found in the web archive's copy"


PORT_REFUSED = "refused: port 8080 is not allowed, only 80 and 443"
PRIVATE = "refused: 10.0.0.5 is a private address"
NO_DNS = "could not find the server stats.example: no answer"


@pytest.mark.parametrize(
    ("kind", "error", "page_error", "again"),
    [
        ("fetched", NO_DNS, NO_DNS, "page"),
        ("fetched", PRIVATE, PRIVATE, None),
        (
            "web_archive",
            "https://web.archive.org/web/2026/x answered 404 Not Found",
            None,
            "archive",
        ),
        ("web_archive", PORT_REFUSED, NO_DNS, "page"),  # the typo is not the page's
        ("web_archive", PORT_REFUSED, None, "page"),  # the page was never fetched
        ("web_archive", PORT_REFUSED, PRIVATE, None),
        ("upload", "refused: the file is empty", PRIVATE, None),
    ],
)
def test_try_again_fetches_what_would_not_only_be_refused_again(kind, error, page_error, again):
    assert fetched_again(kind, error, page_error) == again
