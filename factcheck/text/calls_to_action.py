"""Calls to action: a unit that asks the reader to subscribe, follow, join or click.

A call to action is an imperative addressed to the reader ("Sign up for our newsletter", "For
updates, follow us on X", "— follow her on Instagram"). When someone or something is the subject
of the verb ("40 million people follow her on Instagram", "Sign-up rates rose 20%") or the
sentence reports what someone said, it is a claim."""

import re
from typing import Final

from factcheck.text.unit_words import COMPILED, lower_run_values, word_codes

CALL_TO_ACTION: Final = "Call to subscribe, follow or join"

_CALL_TO_ACTION_START: Final = re.compile(
    # The verb is followed by what an imperative takes ("for", "to", "now", a colon, the end),
    # not by a noun it qualifies ("Sign up rates rose 20%").
    r"\W{0,3}(?:subscribe|sign up|register)(?=\s*(?:[:!,–—-]|$)|\s+(?:for|to|now|today|here|and"
    r"|with|at|on|via|below|free|using|in|by)\b)"
    r".{0,80}\b(?:newsletters?|channel|podcast|alerts|updates|our|us|today|now|free|youtube"
    r"|more\b[\w'’ ]{0,30}\bnews)\b"
    r"|\W{0,3}(?:have|got) an? (?:news |story )?tip\b"
    r"|\W{0,3}download (?:the|our) [\w ]{0,30}\bapp\b"
    r"|\W{0,3}(?:get|stay)\b.{0,60}\b(?:on whatsapp|on telegram|on google news|newsletter"
    r"|(?:in|to|into) your inbox|alerts"
    r"|delivered (?:to|through|into|straight to) (?:your|the) (?:inbox|letterbox|mailbox|door"
    r"|doorstep))\b"
    # An invitation to comment, and nothing more: "Tell us what you think..."
    r"|\W{0,3}(?:tell us|let us know) what you think(?: (?:below|in the comments(?: below)?))?"
    r"\W*$"
    r"|\W{0,3}(?:leave|post|add) (?:a|your) comment(?: below)?\W*$"
    # German, French and Spanish address the reader in the verb's own form: "Abonnieren Sie",
    # "Folgen Sie uns", "Abonnez-vous", "Suivez-nous", "Suscríbete", "Síguenos".
    r"|\W{0,3}(?:abonnieren sie|folgen sie uns|abonnez-vous|suivez-nous|inscrivez-vous"
    r"|suscr[ií]bete|s[ií]guenos)\b"
)
# What a call to action asks: to follow, join, like, contact, subscribe or click. It calls the
# reader only from where an imperative stands (_IMPERATIVE_BEFORE); a contact line ("She can be
# reached at j@x.com") is no imperative, but its address makes it one wherever it stands.
_CALL_TO_ACTION_ANYWHERE: Final = re.compile(
    r"\b(?:follow|join|like)\s+us\s+(?:on|at|for)\b"
    r"|\b(?:follow|contact|reach)\s+(?:him|her|them|me)\s+(?:on|at)\s+(?:twitter|x|facebook"
    r"|instagram|threads|bluesky|linkedin|@)"
    r"|\b(?:may|can) be (?:reached|contacted) at\s+[\w.+-]+@"
    r"|\b(?:join|follow)\s+(?:our|the)\s+[\w ]{0,30}?(?:channel|group|community|page|account)\b"
    r"|\bsubscribe (?:now|today|here)\b"
    r"|\b(?:click|tap) here\b"
)
# How the contact line starts; every other phrase starts with its verb. (A named group to tell
# them apart would make the search much slower.)
_CONTACT_LINE: Final = ("may ", "can ")
# The text before such a verb when it is an imperative: it starts the unit or a clause (after a
# comma, colon, bar, bracket or dash), after an opening for the reader ("For the latest news",
# "To stay updated", "Stay informed and") and words that go with an imperative ("please",
# "also", "you can", "like and"). Matched in full, up to the verb.
_IMPERATIVE_BEFORE: Final = re.compile(
    r"(?:.*(?:[,;:!?(|•»–—]|\s-))?\W{0,3}"
    r"(?:(?:for|to (?:get|stay|receive|keep up with|read|see|know|find|learn))\b[^,;:.!?]{0,50}?"
    r"\b(?:updates?|updated|news|stories|information|info|coverage|videos?|content|details"
    r"|analysis|insights|alerts|headlines|articles|posts|pictures|photos|informed|tips|offers)\s+"
    r"|(?:stay|get|like|share|subscribe|download|visit|check|read|watch|listen|bookmark)\b"
    r"[^,;:.!?]{0,60}?\s(?:and|or|&)\s+)?"
    r"(?:(?:please|also|and|or|then|so|now|just|simply|do|(?:you|readers) (?:can|may|could|should)"
    r"|be sure to|make sure to|make sure you|don'?t forget to|do not forget to|remember to"
    r"|feel free to|why not|(?:like|share|subscribe|comment)(?:\s*[,&]|\s+and))\s+)*",
    re.DOTALL,
)
# A sentence that reports what someone said is a claim, whatever it asks.
REPORTED: Final = re.compile(r"\b(?:said|says|told|according to|reported|reportedly)\b")
_CALL_TO_ACTION_MAX_LENGTH: Final = 200
# Each alternative of _CALL_TO_ACTION_ANYWHERE holds one of these verbs as a whole run of the
# letters a to z (between \b and a space): one walk over a unit that finds none of them settles
# it without the substring tests and the pattern (compiled; in plain Python the walk costs more).
_CALL_TO_ACTION_VERBS: Final = word_codes(
    dict.fromkeys("follow join like contact reach reached contacted subscribe click tap".split(), 1)
)


def call_to_action_start(text: str, lower: str) -> str | None:
    """The reason for a unit that opens with a call to subscribe, sign up or download, or None;
    lower is the unit's lower case."""
    if (
        len(lower) <= _CALL_TO_ACTION_MAX_LENGTH
        and _CALL_TO_ACTION_START.match(lower)
        and not REPORTED.search(lower)
    ):
        return CALL_TO_ACTION
    return None


def is_call_to_action(lower: str) -> bool:
    """Whether a unit (given as its lower case) asks the reader to follow, join, contact or
    click somewhere."""
    return (
        len(lower) <= _CALL_TO_ACTION_MAX_LENGTH
        # Compiled, one walk finds the verbs; in plain Python substring tests cost less.
        and (
            lower_run_values(lower, _CALL_TO_ACTION_VERBS) != 0
            if COMPILED
            else (
                "follow" in lower
                or "join" in lower
                or "like" in lower
                or "contact" in lower
                or "reach" in lower
                or "subscribe" in lower
                or "click" in lower
                or "tap" in lower
            )
        )
        and (
            " us" in lower
            or "our " in lower
            or "here" in lower
            or "subscribe" in lower
            or "reach" in lower
            or " him " in lower
            or " her " in lower
            or " them " in lower
            or " me " in lower
            or "join the" in lower
            or "follow the" in lower
        )
        and _asks_the_reader(lower)
        and REPORTED.search(lower) is None
    )


def _asks_the_reader(lower: str) -> bool:
    """Whether a call's verb phrase stands where an imperative does (or names an address)."""
    # Each place a phrase starts, overlapping ones too ("join our page to stay updated, join
    # the channel").
    found = _CALL_TO_ACTION_ANYWHERE.search(lower)
    while found is not None:
        start = found.start()
        if lower.startswith(_CONTACT_LINE, start) or _IMPERATIVE_BEFORE.fullmatch(lower, 0, start):
            return True
        found = _CALL_TO_ACTION_ANYWHERE.search(lower, start + 1)
    return False
