"""The workbench's words for an import that was refused, a fetch that failed and an address that
cannot be used: their codes and facts said plainly for someone at a browser, with what to do next.
The command line words the same codes in factcheck/refusal_lines.py, with its options."""

from collections.abc import Callable

from factcheck.refusal_lines import NEVER_FETCHED
from factcheck.shared_words import as_sentence, redirected_to, save_as_utf8, size_words

Facts = dict


_URL_PROBLEMS: dict[str, Callable[[Facts], str]] = {
    "empty": lambda f: "Give the address of the page, starting with https://.",
    "too_long": lambda f: f"That address is longer than {f['limit']:,} characters.",
    "spaces": lambda f: "An address cannot contain spaces.",
    "unparsable": lambda f: "That is not a web address: give one starting with https://.",
    "scheme": lambda f: "Only addresses starting with https:// or http:// can be used.",
    "no_host": lambda f: "That address has no site name: give one like https://example.org/page.",
    "userinfo": lambda f: "Leave the user name and password out of the address.",
    "query": lambda f: (
        "The address ends in a ?query or #fragment, after which each fact-check's /claims/ID"
        " would land: give it without that part."
    ),
}


def url_problem_words(facts: Facts) -> str:
    """Why a typed address cannot be used, from clean_web_url's problem and its facts."""
    words = _URL_PROBLEMS.get(facts.get("problem", ""))
    try:
        return words(facts) if words else "That address cannot be used."
    except KeyError:
        return "That address cannot be used."


_HTTP_WORDS = {
    204: "The site answered with no page at all",
    205: "The site answered with no page at all",
    206: "The site sent only part of the page",
    401: "The site asks for a sign-in, so the page could not be fetched",
    403: "The site refused to show the page",
    404: "The page was not found: check the address, or the page may have moved",
    410: "The page has been taken down",
    429: "The site asked us to slow down",
}

_SAVE_INSTEAD = "Save the page from your browser and upload the file, or paste its text."

_FETCH_WORDS: dict[str, Callable[[Facts], str]] = {
    "host_not_found": lambda f: "The site could not be found. Check the address.",
    "timeout": lambda f: "The site did not answer in time. Try again in a moment.",
    "tls": lambda f: "The site's secure connection could not be verified.",
    "connect_failed": lambda f: "The site could not be reached. Try again in a moment.",
    "broke_off": lambda f: "The download broke off before the end. Try again.",
    "empty": lambda f: "The page came back empty: the site sent nothing. Try again in a moment.",
    "too_large": lambda f: f"The page is larger than {size_words(f['limit'])}.",
    "redirects": lambda f: "The address sends us round too many redirects.",
    "wrong_type": lambda f: (
        "The address is not a web page (it gives "
        f"{f.get('content_type') or 'a file of no stated kind'}). Paste the text instead."
    ),
    "private_address": lambda f: (
        f"That address is on a private network, which is not fetched. {_SAVE_INSTEAD}"
    ),
    "port": lambda f: (
        f"Addresses on port {f['port']} are not fetched, only the usual web ports. {_SAVE_INSTEAD}"
    ),
    "bad_address": lambda f: (
        "That is not a web address we can fetch: give one starting with https://."
    ),
}
# The same refusals of an address the page redirected to: the typed address is not at fault, so
# no advice to give another one.
_REDIRECT_WORDS: dict[str, Callable[[Facts], str]] = {
    "private_address": _FETCH_WORDS["private_address"],
    "port": _FETCH_WORDS["port"],
    "bad_address": lambda f: f"That is not a web address we can fetch. {_SAVE_INSTEAD}",
}
#: Fetch refusals of the address itself: fetching it again can only fail again.
REFUSED_BY_DESIGN = NEVER_FETCHED | {"bad_address"}
#: Refusals that an import tried again would meet again: the address, or the PDF, image or other
#: binary data it gives under a web page's content type.
NOT_WORTH_RETRYING = REFUSED_BY_DESIGN | {"import.binary_file"}


def _http_status(facts: Facts) -> str:
    status = facts.get("status", 0)
    if status in _HTTP_WORDS:
        return f"{_HTTP_WORDS[status]} (HTTP {status})."
    if status >= 500:
        return f"The site had an error of its own (HTTP {status}). Try again later."
    return f"The site answered with an error (HTTP {status})."


_FETCH_WORDS["http_status"] = _http_status

_EXPECTED = {"text": "a text file", "html": "an HTML page"}


def _too_large(facts: Facts) -> str:
    limit = size_words(facts["limit"])
    if facts.get("url") or facts.get("what") == "page":
        return (
            f"The page (its markup and scripts with the article) is larger than the import limit"
            f" of {limit}. Paste the article text instead, or ask an administrator to raise the"
            " limit."
        )
    return (
        f"This is larger than the import limit of {limit}; import a shorter text or ask an"
        " administrator to raise the limit."
    )


_IMPORT_WORDS: dict[str, Callable[[Facts], str]] = {
    # One article
    "import.binary_file": lambda f: (
        f"The address is not a web page (it gives {f['kind']}). Paste the text instead."
        if f.get("url")
        else f"This file is {f['kind']}, not {_EXPECTED.get(f['expected'], 'an article')}."
        " Import the article as an HTML or text file."
    ),
    "import.binary_text": lambda f: (
        "This looks like a binary file, not text. Import a .txt or .html file."
    ),
    "import.bad_encoding": lambda f: (
        f"The text is not valid {f['encoding']} (its first bad byte is on line {f['line']}). Save it"
        " as UTF-8 and import it again."
    ),
    "import.empty_text": lambda f: "The text is empty. Paste or upload the article text.",
    "import.no_words": lambda f: (
        "The text has no words, only marks or figures. Paste or upload the article text."
    ),
    "import.too_large": _too_large,
    "import.empty_html": lambda f: "The HTML page is empty. Check the file or the link.",
    "import.no_article": lambda f: (
        f"The page's article text is only {f['chars']} characters, too short to be read as an"
        " article. Copy the article text and paste it instead."
        if f.get("chars")
        else "No article text was found on this page. Copy the article text and paste it instead."
    ),
    "import.no_file": lambda f: "That file was not found.",
    "import.is_folder": lambda f: "That is a folder. Choose one file.",
    "import.unreadable": lambda f: "That file cannot be read.",
    "import.unknown_format": lambda f: "Choose whether the article is plain text or HTML.",
    "import.not_web_link": lambda f: "Only http and https links can be imported.",
    "import.link_as_text": lambda f: (
        "Links are imported as web pages. Paste the article text to import it as text."
    ),
    # Many articles
    "import.unreadable_folder": lambda f: "That folder cannot be read.",
    "import.empty_folder": lambda f: (
        f"That folder holds no {', '.join(f['suffixes'][:-1])} or {f['suffixes'][-1]} files."
    ),
    "import.not_records": lambda f: (
        f"This file is {f['kind']}, not a file of articles. Upload a .jsonl or .csv file."
    ),
    "import.no_records": lambda f: "This file holds no articles.",
    "import.records_among_files": lambda f: (
        "A .jsonl or .csv file of articles is imported on its own, not with other files."
    ),
    "import.not_stored": lambda f: (
        "This article could not be saved. Try again, and tell your administrator if it happens"
        " twice."
    ),
    "import.field_not_text": lambda f: (
        f"The {f['name']} field must be text in quotes, not {f['type']}."
    ),
    "import.field_not_utf8": lambda f: (
        f"The {f['name']} column is not valid UTF-8 text. {as_sentence(save_as_utf8(table=True))}"
        if f.get("table")
        else f"The {f['name']} field is not valid UTF-8 text."
    ),
    "import.bad_date": lambda f: (
        f"The published_date {f['given']!r} is not a date. Write it as YYYY-MM-DD."
    ),
    "import.bad_url": lambda f: f"The url field cannot be used. {url_problem_words(f)}",
    "import.no_body": lambda f: "This record has no body. Give the article text in its body field.",
    "import.export_record": lambda f: (
        f"This is an export's “{f['record']}” line, not an article. Only an export's article"
        " lines are imported; their claims are split again from the text."
    ),
    "import.record_not_utf8": lambda f: (
        f"This line is not valid UTF-8 (bad byte at position {f['position']})."
    ),
    "import.bad_json": lambda f: f"This line is not valid JSON ({f['problem']}).",
    "import.not_json_object": lambda f: "This line is not a JSON object with a body field.",
    "import.json_too_deep": lambda f: (
        f"This line's JSON is nested too deeply (lists or objects more than {f['limit']} levels"
        " inside one another). Give each field as text."
    ),
    "import.too_many_cells": lambda f: (
        f"This row has {f['cells']} cells under a header of {f['columns']} columns."
    ),
    "import.no_body_column": lambda f: (
        "The CSV file has no body column. Its first row must name the columns"
        f" ({', '.join(f['fields'])})."
    ),
    "import.bad_csv_row": lambda f: f"This row cannot be read as CSV ({f['problem']}).",
}


# An import job cut off by a restart (job_recovery.py marks it `interrupted`).
INTERRUPTED = "The server stopped while this import was running, so it did not finish. Try again."


def fetch_failure_words(code: str | None, facts: Facts | None) -> str:
    """What the workbench says when fetching a page failed, from the failure's code and facts."""
    if facts and facts.get("redirected_to") and code in _REDIRECT_WORDS:
        # The address given is fine: the one it redirected to is refused.
        where = as_sentence(redirected_to(str(facts["redirected_to"])))
        try:
            return f"{where} {_REDIRECT_WORDS[code](facts)}"
        except (KeyError, TypeError):
            return f"{where} That address is not fetched. {_SAVE_INSTEAD}"
    words = _FETCH_WORDS.get(code or "")
    if words is not None:
        try:
            return words(facts or {})
        except (KeyError, TypeError):
            pass
    return "The page could not be fetched."


def refusal_words(code: str | None, facts: Facts | None) -> str:
    """What the workbench says for an import refusal's code (its own, or a failed fetch's)."""
    words = _IMPORT_WORDS.get(code or "")
    if words is None:
        return fetch_failure_words(code, facts)
    try:
        return words(facts or {})
    except (KeyError, TypeError):
        return "The article could not be imported."
