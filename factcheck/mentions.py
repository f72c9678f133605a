"""Finding the @username mentions in a comment's text."""

import re

# A username as factcheck.store.users accepts it, after an @ that does not follow a word
# character (so an e-mail address mentions nobody). A trailing dot or hyphen ends the sentence
# or runs into what follows; it is not part of the name.
_MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9._-]{1,31})(?![\w-])", re.IGNORECASE)


# A web address: its @ is a handle on that site ("tiktok.com/@omar/video/7312"), no mention.
_ADDRESS = re.compile(
    r"(?:(?<![a-z])(?:https?|ftp)://|www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/)\S*", re.IGNORECASE
)


def mentioned(text: str) -> list[str]:
    """The usernames mentioned in `text`, lower-cased, each once, in the order they appear (an
    @ inside a web address mentions nobody)."""
    text = _ADDRESS.sub(" ", text or "")
    found: list[str] = []
    for match in _MENTION.finditer(text):
        name = match.group(1).lower().rstrip(".-")
        if len(name) >= 2 and name not in found:
            found.append(name)
    return found
