"""Clauses that the command line and the web put inside their own sentences, worded once."""

import re
from collections.abc import Callable

# What could not be done with evidence that was removed, by the refused action.
REMOVED_EVIDENCE_DOING = {
    "copy": "there is nothing to keep a copy of",
    "archive": "there is nothing to archive",
    "acknowledge": "there is nothing to acknowledge",
}

# How evidence that backs a published verdict can still be removed, by lifecycle's "then" fact.
BACKS_PUBLISHED_THEN = {
    "correct": "start a correction that leaves it out",
    "leave_out": "leave it out of the correction in progress",
    "return": "an editor must return the correction in review so it can leave it out",
    "approve": "the correction in review leaves it out",
}

# Quote statuses that say the quote is there.
_QUOTE_THERE = ("found", "approximate")


def link_quote_news(kept: str | None, now: str | None) -> str | None:
    """What a link check found of an evidence item's quote, where it is news: the quote the kept
    copy holds is no longer in the page, or the page has no text now where the copy had some.
    `kept` is the quote's status in the kept copy, `now` in the page as checked; None when
    nothing changed for the quote (one never found in the copy is not "no longer" found)."""
    if now == "not_found" and kept in _QUOTE_THERE:
        return "the quote is no longer found"
    if now == "no_text" and kept not in (None, "no_text"):
        return "the quote cannot be looked for: the page has no text to read now"
    return None


# What a move on a verdict in review does, said of a claim that has no verdict in review.
REVIEW_VERB = {
    "review.approve": "approve",
    "review.return": "return",
    "review.recall": "take back",
}


def save_as_utf8(table: bool) -> str:
    """What to do with a file whose bytes are not UTF-8: a table's (an article CSV, a library
    CSV or TSV) is most often Excel's "CSV", saved in a Windows code page."""
    excel = " (in Excel: CSV UTF-8)" if table else ""
    return f"save the file as UTF-8{excel} and import it again"


def redirected_to(target: str) -> str:
    """'the page redirects to http://10.0.0.5/': where a fetch was sent that was refused (the
    address given was not). The evidence card's link check words where a link now leads in its
    own template, around the address's markup."""
    shown = target if len(target) <= 200 else target[:200] + "…"
    return f"the page redirects to {shown}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 sentence', '2 sentences', '1,200 claims': the number with its noun, agreeing."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def capitalised(text: str) -> str:
    """The text with its first letter a capital, the rest as written ("iPhone" stays)."""
    return text[:1].upper() + text[1:]


def as_sentence(clause: str) -> str:
    """A clause worded for the command line ("the file is empty") as the workbench says it:
    capitalised, with its full stop."""
    return capitalised(clause) + "."


def copy_published_words(facts: dict) -> str:
    """Why evidence a published verdict rests on takes no new copy, and what to do instead."""
    given = (
        "the first kept after publication, when none could be kept before"
        if facts.get("after_publication")
        else "which readers were given"
    )
    return (
        f"the published verdict rests on the copy of evidence {facts['id']} kept on"
        f" {str(facts['kept_at'])[:10]}, {given}; a newer copy can be kept once a correction is"
        " under way, and the correction rests on it when it is published"
    )


# Why a typed address cannot be used, by clean_web_url's problem (factcheck/network/urls.py): the
# command line's refusals and the refusals of copies and library records, which both front ends show.
# The workbench's forms say it in sentences of their own (factcheck/views/import_words.py).
# What someone types for a web page without its https://: "www.example.com/story",
# "example.org/news/1"; not a file name such as "notes.txt" or "story.html".
LOOKS_LIKE_A_SITE = re.compile(
    r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*"
    r"\.(?!(?:txt|html?|xhtml|jsonl?|csv|md|pdf|xml|zip|docx?|rtf|gz|mht|mhtml)(?:$|/))[a-z]{2,}"
    r"(?:/\S*)?$",
    re.I,
)

URL_PROBLEMS: dict[str, Callable[[dict], str]] = {
    "empty": lambda f: "give the address of the page, starting with https://",
    "too_long": lambda f: f"that address is longer than {f['limit']} characters",
    "spaces": lambda f: "an address cannot contain spaces or control characters",
    "unparsable": lambda f: f"{f['url']!r} is not a valid web address",
    "scheme": lambda f: "only http:// and https:// addresses can be used",
    "no_host": lambda f: f"{f['url']!r} has no host name",
    "userinfo": lambda f: "an address with a user name or password in it cannot be used",
    "query": lambda f: (
        f"{f['url']!r} ends in a ?query or #fragment, after which the /claims/ID of each"
        " fact-check would land; give the address without it"
    ),
}


def url_problem_words(facts: dict) -> str:
    """Why a typed address cannot be used, from clean_web_url's problem and its facts."""
    words = URL_PROBLEMS.get(facts.get("problem", ""))
    try:
        return words(facts) if words else "that address cannot be used"
    except KeyError:
        return "that address cannot be used"


def not_told_words(usernames: list[str]) -> str:
    """A saved comment's note on the disabled people it mentions (no inbox tells them); empty
    when it mentions none."""
    if not usernames:
        return ""
    if len(usernames) == 1:
        return f"{usernames[0]} is disabled and was not told."
    names = ", ".join(usernames[:-1]) + f" and {usernames[-1]}"
    return f"{names} are disabled and were not told."


def size_words(byte_count: int) -> str:
    """A byte count as people read it: "1.5 GB", "5 MB", "1.5 MB", "300 kB"."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20)):
        if byte_count >= size:
            return f"{byte_count / size:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{max(1, byte_count // 1024):,} kB"
