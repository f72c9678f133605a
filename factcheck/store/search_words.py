"""The full-text query for what someone typed in a search box: the queue's and the library's."""

import re

from factcheck.matching.stopwords import STOPWORDS

# Letters and digits only, each quoted: no character typed can make an FTS5 syntax error.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


def search_expression(text: str) -> str | None:
    """An FTS5 query matching every typed word as a prefix (a search runs as the words are
    typed); quoting keeps user input inert. Words such as "the" and "of" are left out when others
    were typed, so "cost of living" finds a claim that says "living costs". None when nothing was
    typed; a search of only marks (no word to look for) is an empty phrase, which matches nothing
    rather than dropping the search and listing everything."""
    if not (text or "").strip():
        return None
    words = _WORD.findall(text)
    words = [word for word in words if word.lower() not in STOPWORDS] or words
    return " ".join(f'"{word}"*' for word in words[:MAX_WORDS]) or '""'
