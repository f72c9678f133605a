"""Why an archive or a link check failed, in words a reviewer can act on.

The safe fetcher's messages are precise but technical ("could not find the server x: [Errno -2]
Name or service not known"); the evidence card shows the sentence this module makes of them and
keeps the original for anyone who opens the detail."""

import re

from factcheck.shared_words import capitalised

_HTTP = re.compile(r" answered (\d{3})\b")
_LIMIT = re.compile(r"larger than the limit of ([\d,]+) bytes")
_TYPE = re.compile(r" is ([\w.+-]+/[\w.+-]+|a response without a content type), not the expected")
_PORT = re.compile(r"port (\d+) is not allowed")

_HTTP_WORDS = {
    204: "The site answered with no page at all, so there was nothing to copy",
    205: "The site answered with no page at all, so there was nothing to copy",
    206: "The site sent only part of the page, so it was not kept as a copy",
    401: "The site asks for a sign-in, so the page could not be copied",
    403: "The site refused to show the page to the workbench",
    404: "The page was not found: it may have moved or been taken down",
    410: "The page has been taken down",
    429: "The site asked the workbench to slow down; try again later",
    451: "The page is withheld for legal reasons",
}

_PLAIN = (
    ("could not find the server", "The site could not be found: check the address"),
    ("timed out connecting", "The site did not answer; try again later"),
    ("did not answer in time", "The site did not answer in time; try again later"),
    ("took too long", "The page took too long to download; try again later"),
    (
        "could not verify the secure connection",
        "The site's secure connection could not be verified",
    ),
    ("broke off", "The download broke off before the end; try again"),
    ("came back empty", "The page came back empty: the site sent nothing to copy; try again later"),
    ("could not connect to", "The site refused the connection; try again later"),
    (
        "its text could not be compared",
        "The file at this address is not the file archived, and its text could not be compared",
    ),
    ("redirects more than", "The page sends the workbench round too many redirects"),
    ("only http and https", "Only http and https pages can be copied"),
    ("user name or password", "Addresses with a user name or password are not fetched"),
    ("resolves to", "The address leads into a private network, so it is not fetched"),
    ("refused: ", "The address is not one the workbench may fetch"),
    (
        "uploaded copy could not be read",
        "The text of the uploaded copy could not be read; upload a PDF of the page or a"
        " screenshot of the passage instead",
    ),
    (
        "server stopped while the uploaded copy",
        "The server stopped while the uploaded copy was being read; upload it again",
    ),
    ("server stopped while", "The server stopped while the page was being copied"),
    # A page served as text that turns out to be a file of another kind: the import's refusal
    # advises importing a text file, which means nothing for an evidence page.
    (
        "looks like a binary file",
        "The page is served as text but holds binary data; attach your own copy",
    ),
    (
        "import the article as an HTML or text file",
        "The page is served as text but is a file of another kind; attach your own copy",
    ),
)


# Refusals of the address itself (its scheme, form, port, or where it leads): fetching it again
# is refused again, so the card offers only the reviewer's own copy.
_ADDRESS_REFUSED = re.compile(
    r"^refused: (?:the page redirects to .*?; )?(only http and https|links with a user name|\S+ has no server name"
    r"|\S+ has an invalid port|\S+ is not a valid web address|\S+ resolves to "
    r"|\S+ is (?:an?|the) [^;:]*address\b|port \d+ is not allowed)"
)


def worth_retrying(error: str | None) -> bool:
    """Whether fetching the page again could end otherwise than this stored error."""
    return not _ADDRESS_REFUSED.search(error or "")


def fetched_again(kind: str | None, error: str | None, page_error: str | None) -> str | None:
    """What "Try again" fetches after a failed copy of kind `kind` with `error`: "archive" (the
    web archive's address a reviewer gave), "page" (the page's own address, whose newest fetch
    ended with `page_error`) or None when that would only be refused again. A web archive's
    address refused by design (a typed port 8080) leaves the page itself worth fetching."""
    if kind == "web_archive" and worth_retrying(error):
        return "archive"
    return "page" if worth_retrying(page_error) else None


def _size(byte_count: int) -> str:
    megabytes = byte_count / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{byte_count // 1024} KB"


# A refusal of the address a redirect led to (refusal_lines.refusal_line).
_REDIRECTED = re.compile(r"^refused: (the page redirects to .*?); (.+)$", re.S)


def failure_words(error: str | None) -> str:
    """One plain sentence (no full stop) for a stored fetch error."""
    if not error or not error.strip():
        return "The page could not be copied"
    if match := _REDIRECTED.match(error):
        # "The page redirects to http://10.0.0.5/: the address leads into a private network..."
        refused = failure_words("refused: " + match.group(2))
        return f"{capitalised(match.group(1))}: {refused[:1].lower()}{refused[1:]}"
    if match := _HTTP.search(error):
        code = int(match.group(1))
        if code in _HTTP_WORDS:
            return f"{_HTTP_WORDS[code]} (HTTP {code})"
        if code >= 500:
            return f"The site had an error of its own (HTTP {code}); try again later"
        return f"The site answered with an error (HTTP {code})"
    if match := _LIMIT.search(error):
        return f"The page is larger than {_size(int(match.group(1).replace(',', '')))}"
    if match := _TYPE.search(error):
        kind = match.group(1)
        return (
            f"The address gives {kind}, which the workbench does not copy; attach your own copy"
            if "/" in kind
            else "The site did not say what kind of file the page is; attach your own copy"
        )
    if match := _PORT.search(error):
        return f"The address uses port {match.group(1)}; only the usual web ports are fetched"
    if error.startswith("refused: ") and any(f" is {a} " in error for a in ("a", "an", "the")):
        return "The address leads into a private network, so it is not fetched"
    for needle, words in _PLAIN:
        if needle in error:
            return words
    plain = " ".join(error.split()).rstrip(".")
    return capitalised(plain) if plain else "The page could not be copied"


_QUOTE_WORDS = {
    "found": "Quote found in the archived copy",
    "approximate": "Quote found approximately in the archived copy",
    "not_found": "Quote not found in the archived copy",
    "no_text": "The archived copy has no text to check the quote against",
}
_COPY_WORDS = {
    "fetched": "copy fetched by the workbench",
    "upload": "copy uploaded by a reviewer",
    "web_archive": "copy from a public web archive",
}


# The copy a quote was looked up in, by the kind of copy, where "the archived copy" would
# mislead (a file the reviewer uploaded was not archived by the workbench).
_COPY_NAMES = {"upload": "the uploaded copy", "web_archive": "the web archive's copy"}


def quote_words(status: str | None, kind: str | None = None) -> str | None:
    """The quote check's outcome as a phrase, naming the kind of copy it was made in, or None
    when the quote was not checked."""
    words = _QUOTE_WORDS.get(status or "")
    if words and kind in _COPY_NAMES:
        name = _COPY_NAMES[kind]
        words = words.replace("the archived copy", name).replace(
            "The archived copy", capitalised(name)
        )
    return words


def copy_words(kind: str | None) -> str | None:
    """Which kind of copy backs an evidence item, as a phrase."""
    return _COPY_WORDS.get(kind or "")


def copy_line(item: dict) -> str:
    """For a report: what backs an exported evidence item and whether its quote was found
    ('Quote found in the archived copy · copy uploaded by a reviewer'; 'No archived copy · the
    quote was not checked')."""
    snapshot = item.get("snapshot") or {}
    check = item.get("quote_check") or {}
    parts = []
    if snapshot.get("status") == "archived":
        parts.append(quote_words(check.get("status")))
        kind = copy_words(snapshot.get("kind"))
        if kind and snapshot.get("kind") == "web_archive" and snapshot.get("archive_url"):
            kind += f" ({snapshot['archive_url']})"
        parts.append(kind)
        if snapshot.get("kept_after_publication"):
            # No copy could be kept before: this one was added since, without a correction.
            parts.append(f"kept on {str(snapshot.get('fetched_at'))[:10]}, after publication")
    else:
        # A reader must not take a quote nobody could check for one that was checked.
        failed = snapshot.get("status") == "failed"
        parts.append("No archived copy: the last attempt failed" if failed else "No archived copy")
        if (item.get("quote") or "").strip():
            parts.append("the quote was not checked")
    return capitalised(" · ".join(part for part in parts if part))
