"""Finding the @username mentions in a comment's text."""

import re
from collections.abc import Collection

# A username as factcheck.store.users accepts it, after an @ that does not follow a word
# character (so an e-mail address mentions nobody). A trailing dot or hyphen ends the sentence
# or runs into what follows; it is not part of the name, unless it is part of the name of
# someone whose account is older than the rule that usernames end in a letter or digit.
_MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9._-]{1,31})(?![\w-])", re.IGNORECASE)
#: What ends a typed name as the sentence's, not the name's (usernames may not end so).
TRAILING = ".-"


# A web address: its @ is a handle on that site ("tiktok.com/@omar/video/7312"), no mention.
_ADDRESS = re.compile(
    r"(?:(?<![a-z])(?:https?|ftp)://|www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)\S*", re.IGNORECASE
)


def _typed(text: str) -> list[str]:
    """Each name typed after an @, lower-cased, trailing dots and hyphens and all."""
    text = _ADDRESS.sub(" ", text or "")
    return [match.group(1).lower() for match in _MENTION.finditer(text)]


def _readings(typed: str) -> list[str]:
    """The names a typed name with trailing dots or hyphens may be, the longest first: "kim.-"
    may be "kim.-", "kim." or "kim"."""
    cut = typed.rstrip(TRAILING)
    return [typed[:end] for end in range(len(typed), len(cut) - 1, -1)]


def uncertain_names(text: str) -> set[str]:
    """Every name a mention in `text` may be, where a trailing dot or hyphen leaves it open:
    the ones to look up before calling mentioned() with `known`."""
    return {name for typed in _typed(text) if typed[-1] in TRAILING for name in _readings(typed)}


def mentioned(text: str, known: Collection[str] = ()) -> list[str]:
    """The usernames mentioned in `text`, lower-cased, each once, in the order they appear (an
    @ inside a web address mentions nobody).

    A trailing dot or hyphen is the sentence's ("ask @kim."), unless `known` (the usernames among
    uncertain_names) holds the name with it and not the name without: an account made before
    usernames had to end in a letter or digit ("kim.") is reached by its whole name then, and
    "@kim." at the end of a sentence still means kim wherever a "kim" exists."""
    found: list[str] = []
    for typed in _typed(text):
        readings = _readings(typed)
        name = readings[-1]
        if name not in known:
            name = next((longer for longer in readings if longer in known), name)
        if len(name) >= 2 and name not in found:
            found.append(name)
    return found
