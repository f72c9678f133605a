"""The workbench's words for refusals and failures: a store error's or a failed fetch's code and
facts, said plainly for someone at a browser. The store's own messages are written for the command
line (they name options, settings and commands) and reach the browser only with those hints cut
away, when a refusal has no code of its own yet."""

import re

from factcheck.store.errors import StoreError

# What a reason is for, by the `what` a store function gives require_reason.
_REASON_FOR = {
    "returning a verdict": "Say what should change",
    "a correction": "Say why the verdict is corrected",
    "reclassifying": "Give the reason",
    "removing evidence": "Say why the evidence is removed",
}
_TEXT_NAMES = {"comment": "A comment", "quote": "The quoted passage", "note": "The note"}


def _size(byte_count: int) -> str:
    megabytes = byte_count / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:,.1f}".removesuffix(".0") + " MB"
    return f"{max(1, byte_count // 1024):,} kB"


def _reason(facts: dict) -> str:
    lead = _REASON_FOR.get(facts.get("what", ""), "Give a reason")
    return f"{lead}, in at least {facts.get('min_chars', 10)} characters."


_STORE_WORDS = {
    "rating.missing": lambda facts: "Choose a rating.",
    "rating.unknown": lambda facts: (
        f"Choose one of the ratings on the scale: {', '.join(facts.get('labels', []))}."
    ),
    "rationale.missing": lambda facts: "Write the rationale: how the evidence supports the rating.",
    "rationale.too_short": lambda facts: (
        f"Say a little more: a rationale needs at least {facts['min_words']} words"
        f" ({facts['min_chars']} characters) on how the evidence supports the rating."
    ),
    "reason.missing": _reason,
    "reason.too_short": _reason,
    "comment.missing": lambda facts: "Write something in the comment first.",
    "text.too_long": lambda facts: (
        f"{_TEXT_NAMES.get(facts.get('what'), 'This text')} can be at most"
        f" {facts['limit']:,} characters."
    ),
    "stance.missing": lambda facts: (
        "Choose whether the source supports or refutes the claim, gives context, or is mixed."
    ),
    "stance.unknown": lambda facts: (
        "Choose whether the source supports or refutes the claim, gives context, or is mixed."
    ),
    "assignee.unknown": lambda facts: f"There is no one called {facts['username']} to assign to.",
    "assignee.disabled": lambda facts: (
        f"{facts['username']}'s account is switched off, so they cannot be given claims."
    ),
    "article.not_found": lambda facts: (
        f"There is no article {facts['id']}. The dashboard lists every article."
    ),
    "claim.not_found": lambda facts: (
        f"There is no claim {facts['id']}. The dashboard lists every article."
    ),
    "user.not_found": lambda facts: f"There is no one with the username {facts['username']}.",
    "actor.not_a_person": lambda facts: "Sign in to do this.",
    "export.not_set_up": lambda facts: (
        "ClaimReview and the bundle need the organisation's name and the public address where"
        " its fact-checks are published; an administrator sets them."
    ),
}

_HTTP_WORDS = {
    401: "The site asks for a sign-in, so the page could not be fetched",
    403: "The site refused to show the page",
    404: "The page was not found: check the address, or the page may have moved",
    410: "The page has been taken down",
    429: "The site asked us to slow down",
}

_FETCH_WORDS = {
    "host_not_found": lambda facts: "The site could not be found. Check the address.",
    "timeout": lambda facts: "The site did not answer in time. Try again in a moment.",
    "tls": lambda facts: "The site's secure connection could not be verified.",
    "connect_failed": lambda facts: "The site could not be reached. Try again in a moment.",
    "broke_off": lambda facts: "The download broke off before the end. Try again.",
    "too_large": lambda facts: f"The page is larger than {_size(facts['limit'])}.",
    "redirects": lambda facts: "The address sends us round too many redirects.",
    "wrong_type": lambda facts: (
        "The address is not a web page (it gives "
        f"{facts.get('content_type') or 'a file of no stated kind'}). Paste the text instead."
    ),
    "private_address": lambda facts: "That address is on a private network, which is not fetched.",
    "port": lambda facts: (
        f"Addresses on port {facts['port']} are not fetched, only the usual web ports."
    ),
    "bad_address": lambda facts: (
        "That is not a web address we can fetch: give one starting with https://."
    ),
    "refused": lambda facts: "That address is not one we may fetch.",
}

# A clause that speaks to the command line: an option, a setting, a command to run.
_CLI_HINT = re.compile(r"--[a-z]|`|\bFACTCHECK_[A-Z_]+|\bfactcheck [a-z]")


def sentence(text: str) -> str:
    """Text as a sentence: capital first letter, full stop at the end."""
    text = " ".join(str(text).split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def for_browser(message: str) -> str:
    """A command-line message with its clauses about options, settings and commands cut away."""
    parts = re.split(r";\s+|:\s+(?=set |give |run |add )", message)
    kept = [part for part in parts if not _CLI_HINT.search(part)]
    return sentence("; ".join(kept) if kept else "That cannot be done here")


def store_error_words(error: StoreError) -> str:
    """What the workbench says for a refused request."""
    words = _STORE_WORDS.get(error.code or "")
    if words is not None:
        try:
            return words(error.facts)
        except KeyError:
            pass
    return for_browser(error.message)


def fetch_failure_words(code: str | None, facts: dict | None, message: str = "") -> str:
    """What the workbench says when fetching a page failed, from the failure's code and facts."""
    facts = facts or {}
    if code == "http_status":
        status = facts.get("status", 0)
        if status in _HTTP_WORDS:
            return f"{_HTTP_WORDS[status]} (HTTP {status})."
        if status >= 500:
            return f"The site had an error of its own (HTTP {status}). Try again later."
        return f"The site answered with an error (HTTP {status})."
    words = _FETCH_WORDS.get(code or "")
    if words is not None:
        try:
            return words(facts)
        except KeyError:
            pass
    return for_browser(message) if message else "The page could not be fetched."
