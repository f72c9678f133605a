"""One line for an import that was refused or a fetch that failed: its code and facts said as a line that names what is wrong and the option or path that fixes it.
The command line prints it; a failed archive or link check keeps it as its record
(archive_jobs.py, link_watch.py), which factcheck/archive_words.py reads back into plain words for
the evidence card. The workbench words the same codes in factcheck/views/import_words.py."""

from collections.abc import Callable

from factcheck.shared_words import (
    LOOKS_LIKE_A_SITE,
    redirected_to,
    save_as_utf8,
    url_problem_words,
)

Facts = dict

_EXPECTED = {"text": "a text file", "html": "an HTML page"}


def _url(facts: Facts) -> str:
    return str(facts.get("url") or facts.get("host") or "the address")


def _bad_address(facts: Facts) -> str:
    url, problem = facts.get("url", ""), facts.get("problem")
    if problem == "scheme":
        scheme = facts.get("scheme")
        shown = f"{scheme}: links" if scheme else "links without http:// or https://"
        return f"refused: only http and https links can be fetched, not {shown}"
    if problem == "userinfo":
        return (
            "refused: links with a user name or password are not fetched; remove the part before"
            " '@'"
        )
    if problem == "no_host":
        return f"refused: {url} has no server name"
    if problem == "bad_port":
        return f"refused: {url} has an invalid port"
    return f"refused: {url} is not a valid web address"


def _private_address(facts: Facts) -> str:
    if facts.get("address"):
        return f"refused: {facts['host']} resolves to {facts['address']}, {facts['reason']}"
    return f"refused: {facts['host']} is {facts['reason']}"


_TIMEOUTS = {
    "connect": "timed out connecting to {where}; try again later",
    "answer": "{where} did not answer in time; try again later",
    "download": "{where} took too long to download; try again later",
    "fetch": "{where} took too long to fetch; try again later",
}


def _http_status(facts: Facts) -> str:
    reason = f" {facts['reason']}" if facts.get("reason") else ""
    return f"{_url(facts)} answered {facts['status']}{reason}"


def _wrong_type(facts: Facts) -> str:
    shown = facts.get("content_type") or "a response without a content type"
    expected = " or ".join(facts.get("expected") or ["a web page"])
    return f"refused: {_url(facts)} is {shown}, not the expected {expected}"


def _unresolved(facts: Facts) -> str:
    """Why a name did not resolve, in words: the resolver's own ("[Errno -2] Name or service not
    known") names its error number, not what to do."""
    detail = str(facts.get("detail") or "")
    if "Temporary failure" in detail or "-3]" in detail:
        return "its name could not be looked up just now; check the network and try again"
    return "no such name is registered; check the address"


FETCH_WORDS: dict[str, Callable[[Facts], str]] = {
    "host_not_found": lambda f: f"could not find the server {f['host']}: {_unresolved(f)}",
    "private_address": _private_address,
    "port": lambda f: (
        f"refused: port {f['port']} is not allowed, only {' and '.join(map(str, f['allowed']))}"
    ),
    "bad_address": _bad_address,
    "timeout": lambda f: _TIMEOUTS.get(f.get("stage", ""), _TIMEOUTS["fetch"]).format(
        where=_url(f)
    ),
    "tls": lambda f: f"could not verify the secure connection to {f['host']}",
    "connect_failed": lambda f: (
        f"could not connect to {f['host']}: the site refused or dropped the connection; try again"
        " in a moment"
    ),
    "broke_off": lambda f: f"the download of {f['url']} broke off: {f['error']}",
    "too_large": lambda f: f"refused: {f['url']} is larger than the limit of {f['limit']:,} bytes",
    "redirects": lambda f: f"refused: {f['url']} redirects more than {f['limit']} times",
    "http_status": _http_status,
    "wrong_type": _wrong_type,
    "empty": lambda f: f"{_url(f)} came back empty, with no page in it; try again later",
}


def _too_large(facts: Facts) -> str:
    if facts.get("url") or facts.get("what") == "page":
        # The page's markup and scripts count, not only its article.
        page = f"the page at {facts['url']}" if facts.get("url") else "the HTML page"
        return (
            f"{page} (its markup and scripts with the article) is larger than the import limit"
            f" of {facts['limit']:,} bytes; import the article's text instead, or raise the limit"
            " with --max-bytes or FACTCHECK_MAX_IMPORT_BYTES"
        )
    return (
        f"the text is larger than the import limit of {facts['limit']:,} bytes; raise it with"
        " --max-bytes or FACTCHECK_MAX_IMPORT_BYTES"
    )


def _unreadable(facts: Facts) -> str:
    if facts.get("detail"):
        return f"cannot read {facts['path']}: {facts['detail']}; check the path"
    return f"cannot read {facts['path']}: permission denied"


def _no_article(facts: Facts) -> str:
    fix = "copy the article text and import it with --format text"
    if facts.get("chars"):
        return (
            f"the page's article text is only {facts['chars']} characters, fewer than the"
            f" {facts['least']} an article needs (an error or sign-in page, a brief, or a page"
            f" that draws its text with script); {fix}"
        )
    return f"no article text found on this page; {fix}"


IMPORT_WORDS: dict[str, Callable[[Facts], str]] = {
    # One article: a file, standard input or a link
    "import.binary_file": lambda f: (
        f"refused: {f['url']} is {f['kind']}, not a web page (whatever its server calls it);"
        " copy the article's text and import it with --format text"
        if f.get("url")
        else f"this file is {f['kind']}, not {_EXPECTED.get(f['expected'], f['expected'])};"
        " import the article as an HTML or text file"
    ),
    "import.binary_text": lambda f: (
        "this looks like a binary file, not text; import a .txt or .html file"
    ),
    "import.bad_encoding": lambda f: (
        f"the text is not valid {f['encoding']} (its first bad byte is on line {f['line']}); save it"
        " as UTF-8 and import it again"
    ),
    "import.empty_text": lambda f: "the text is empty; paste or import the article text",
    "import.no_words": lambda f: (
        "the text has no words, only marks or figures; paste or import the article text"
    ),
    "import.too_large": _too_large,
    "import.empty_html": lambda f: "the HTML page is empty; check the file or link",
    "import.no_article": _no_article,
    "import.no_file": lambda f: (
        f"no such file: {f['path']}; check the path"
        + (
            f", or for a web page give its address with https:// (https://{f['path']})"
            if LOOKS_LIKE_A_SITE.match(str(f["path"]))
            else ""
        )
    ),
    "import.is_folder": lambda f: f"{f['path']} is a folder; give the path of one file",
    "import.unreadable": _unreadable,
    "import.unknown_format": lambda f: (
        f"unknown format {f['given']!r}; use {' or '.join(f['formats'])}"
    ),
    "import.not_web_link": lambda f: "only http and https links can be imported",
    "import.link_as_text": lambda f: "links are imported as web pages; leave out --format text",
    # Many articles: folders, JSON Lines and CSV files
    "import.unreadable_folder": lambda f: f"cannot read the folder {f['path']}",
    "import.empty_folder": lambda f: (
        f"this folder holds no {', '.join(f['suffixes'][:-1])} or {f['suffixes'][-1]} files"
    ),
    "import.not_records": lambda f: (
        f"{f['path']} is {f['kind']}, not a file of articles; give a .jsonl or .csv file"
    ),
    "import.no_records": lambda f: "this file holds no articles",
    "import.records_among_files": lambda f: (
        f"a .jsonl or .csv file of articles is imported on its own: run factcheck import {f['path']}"
        " by itself"
    ),
    "import.not_stored": lambda f: f"could not be stored ({f['error']})",
    "import.field_not_text": lambda f: f"{f['name']} must be text in quotes, not {f['type']}",
    "import.field_not_utf8": lambda f: (
        f"{f['name']} is not valid UTF-8 text"
        + (f"; {save_as_utf8(table=True)}" if f.get("table") else "")
    ),
    "import.bad_date": lambda f: (
        f"published_date {f['given']!r} is not a date; write it as YYYY-MM-DD"
    ),
    "import.bad_url": lambda f: f"url: {url_problem_words(f)}",
    "import.no_body": lambda f: "no body: give the article text in the body field",
    "import.export_record": lambda f: (
        f"an export's “{f['record']}” line, not an article: only an export's article lines"
        " are imported, and their claims are split again from the text"
    ),
    "import.record_not_utf8": lambda f: f"not valid UTF-8 (bad byte at position {f['position']})",
    "import.bad_json": lambda f: f"not valid JSON ({f['problem']})",
    "import.not_json_object": lambda f: "not a JSON object with a body field",
    "import.json_too_deep": lambda f: (
        f"JSON nested too deeply (lists or objects more than {f['limit']} levels inside one"
        " another); give each field as text"
    ),
    "import.too_many_cells": lambda f: (
        f"{f['cells']} cells under a header of {f['columns']} columns"
    ),
    "import.no_body_column": lambda f: (
        "the CSV file has no body column; its first row must name the columns"
        f" ({', '.join(f['fields'])})"
    ),
    "import.bad_csv_row": lambda f: f"not a readable CSV row ({f['problem']})",
}


def refusal_line(code: str, facts: Facts) -> str:
    """One line for an import refusal's or a failed fetch's code with these facts."""
    words = IMPORT_WORDS.get(code) or FETCH_WORDS.get(code)
    if words is not None:
        try:
            line = words(facts)
        except (KeyError, TypeError, ValueError):
            return f"refused ({code})"
        if facts.get("redirected_to"):
            # "refused: the page redirects to http://10.0.0.5/; 10.0.0.5 is a private address"
            line = f"refused: {redirected_to(str(facts['redirected_to']))}; " + line.removeprefix(
                "refused: "
            )
        return line
    return f"refused ({code})"


#: Fetch refusals of an address that is well formed but never fetched: the page must be brought
#: in another way (saved from a browser, or its text pasted).
NEVER_FETCHED = frozenset({"private_address", "port"})


def import_refusal_line(code: str, facts: Facts) -> str:
    """refusal_line for an import, with the way in that is left when the address is never
    fetched."""
    line = refusal_line(code, facts)
    if code in NEVER_FETCHED:
        line += "; save the page from a browser and import the file, or its text with `import -`"
    return line


def error_line(error: Exception) -> str:
    """One line for an ImportRefused or a FetchError."""
    return refusal_line(getattr(error, "code", ""), getattr(error, "facts", {}))
