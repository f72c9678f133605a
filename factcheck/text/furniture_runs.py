"""Page furniture that spans several units: the rest of a promo or caption line, a caption's
credit split off after it, and a run of related-story headlines under a "Related" heading."""

import re
from typing import Final

from factcheck.text.boilerplate import CAPTION, CROSS_PROMOTION

# Headings that introduce a list of other stories, on a line of their own.
_RUN_HEADING: Final = re.compile(
    r"\W{0,3}(?:related|more|read more|recommended|top|latest|trending|also read|more from|see also"
    r"|must read|don'?t miss)\b[\w .'’-]{0,30}?\s*[:|»›>-]?\s*$",
    re.IGNORECASE,
)
# A headline: no full stop, colon or comma at the end, and not many words.
_HEADLINE_END: Final = re.compile(r"[^.!:;,]\s*$")
HEADLINE_MAX_WORDS: Final = 20
_CREDIT_START: Final = ("|", "/", "©")


class FurnitureRuns:
    """Carries a non-claim reason from one unit to the next ones that belong with it; call
    reason() for each unit in document order."""

    __slots__ = ("body", "carry", "carry_line", "run", "last_caption_end", "active")

    def __init__(self, body: str) -> None:
        self.body = body
        self.carry: str | None = None  # the reason of the promo or caption line being read
        self.carry_line = -1  # where that line starts
        self.run: str | None = None  # the reason of a "Related" run being read
        self.last_caption_end = -1
        self.active = False  # whether a unit without a reason of its own may still get one

    def reason(self, start: int, text: str, own: str | None) -> str | None:
        """The reason for the unit at start: its own, or the one of the furniture it belongs to."""
        body = self.body
        line_start = body.rfind("\n", 0, start) + 1
        starts_line = not body[line_start:start].strip()
        if own is None:
            if self.carry is not None and line_start == self.carry_line:
                own = self.carry
            elif (
                self.last_caption_end >= 0
                and text.startswith(_CREDIT_START)
                and not body[self.last_caption_end : start].strip()
            ):
                own = CAPTION
            elif self.run is not None and starts_line and _is_headline(text):
                own = self.run
        if own is None:
            self.carry = self.run = None
            self.last_caption_end = -1
            self.active = False
            return None
        promo = own.startswith(CROSS_PROMOTION)
        if starts_line and (promo or own == CAPTION):
            self.carry, self.carry_line = own, line_start
        if promo and starts_line and _RUN_HEADING.match(text.split("\n", 1)[0]):
            self.run = own
        self.last_caption_end = start + len(text) if own == CAPTION else -1
        self.active = self.carry is not None or self.run is not None or own == CAPTION
        return own


def _is_headline(text: str) -> bool:
    return (
        "\n" not in text
        and _HEADLINE_END.search(text) is not None
        and len(text.split()) <= HEADLINE_MAX_WORDS
    )
