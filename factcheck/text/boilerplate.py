"""Recognise page furniture that is not a claim: promos, calls to subscribe, captions, bylines."""

import re
from typing import Final

from factcheck.text.unit_words import COMPILED, lower_run_values, word_codes

# Patterns are anchored to the whole unit, or to its start or end, and most need a separator
# such as ":" or "|", so that ordinary news sentences ("Read more than 300 pages", "The photo was
# taken in 2019.") never match. Start-anchored ones run with match(), which fails fast; the few
# that can match anywhere run on the lower-cased text and only after a cheap substring test.

CAPTION: Final = "Photo caption or credit"
CROSS_PROMOTION: Final = "Cross-promotion line"

_CROSS_PROMO: Final = re.compile(
    r"\W{0,3}(?P<marker>also read|read also|also see|see also|must read|don'?t miss"
    r"|(?:read|more|watch|listen)(?: more)?(?: on this| on this story| about this)?"
    r"|related(?: stories| articles| coverage| news| content)?"
    r"|recommended(?: reading| stories| for you)?|more from [\w .'’-]{1,30}"
    r"|(?:top|more|latest|trending) (?:stories|news|videos|headlines))"
    r"\s*(?:[:|»›>]|[-–—]\s|$)",
    re.IGNORECASE,
)
# Written in capitals these markers are promos even without a separator ("ALSO READ Modi ...").
_CROSS_PROMO_CAPITALS: Final = re.compile(
    r"\W{0,3}(?P<marker>ALSO READ|READ ALSO|READ MORE|ALSO SEE)\b"
)

_CALL_TO_ACTION_START: Final = re.compile(
    r"\W{0,3}(?:subscribe|sign up|register)\b.{0,80}"
    r"\b(?:newsletters?|channel|podcast|alerts|updates|our|us|today|now|free)\b"
    r"|\W{0,3}(?:have|got) an? (?:news |story )?tip\b"
    r"|\W{0,3}download (?:the|our) [\w ]{0,30}\bapp\b"
    r"|\W{0,3}(?:get|stay)\b.{0,60}\b(?:on whatsapp|on telegram|on google news|newsletter"
    r"|in your inbox|alerts)\b"
)
_CALL_TO_ACTION_ANYWHERE: Final = re.compile(
    r"\b(?:follow|join|like)\s+us\s+(?:on|at|for)\b"
    r"|\b(?:follow|contact|reach)\s+(?:him|her|them|me)\s+(?:on|at)\s+(?:twitter|x|facebook"
    r"|instagram|threads|bluesky|linkedin|@)"
    r"|\b(?:may|can) be (?:reached|contacted) at\s+[\w.+-]+@"
    r"|\b(?:join|follow)\s+(?:our|the)\s+[\w ]{0,30}?(?:channel|group|community|page|account)\b"
    r"|\bsubscribe (?:now|today|here)\b"
    r"|\b(?:click|tap) here\b"
)
_CALL_TO_ACTION_MAX_LENGTH: Final = 200
# Each alternative of _CALL_TO_ACTION_ANYWHERE holds one of these verbs as a whole run of the
# letters a to z (between \b and a space): one walk over a unit that finds none of them settles
# it without the substring tests and the pattern (compiled; in plain Python the walk costs more).
_CALL_TO_ACTION_VERBS: Final = word_codes(
    dict.fromkeys("follow join like contact reach reached contacted subscribe click tap".split(), 1)
)

_AGENCIES: Final = (
    r"(?:getty images|afp|ap|ap photo|afp photo|reuters|epa|epa-efe|shutterstock|alamy"
    r"|anadolu(?: agency)?|sopa images|pti|ani|ians|xinhua|bloomberg|nurphoto|zuma press)"
)
_CAPTION_START: Final = re.compile(
    # "Photo: Reuters", "Image credit: ...", "Pic | ...", "Photograph - ..."
    r"\W{0,3}(?:photos?|photographs?|pictures?|pics?|images?|videos?|graphics?|illustrations?"
    r"|file (?:photo|image|picture))(?:\s+(?:credits?|courtesy|source|captions?))?"
    r"\s*(?:[:|/]|[-–—]\s)"
    r"|\W{0,3}(?:credits?|courtesy|photo courtesy|image courtesy|captions?)\s*:"
    # "File photo", "Representative image" on its own
    r"|\W{0,3}(?:file (?:photo|image|picture)|representative image|representational image"
    r"|representational photo|photo for representation)\b\W*$"
    rf"|\(?{_AGENCIES}\)?$"
)
_CAPTION_END: Final = re.compile(
    # "... (Photo by Jane Doe / Getty Images)", "(File photo)"
    r"\((?:photos?|pictures?|images?|pics?|videos?)(?:\s+by|\s+credits?|\s+courtesy|\s*:)[^()]*\)"
    r"\W*$"
    r"|\((?:file|file photo|file image|representational image|representative image)\)\W*$"
    # "... | X/@handle", "... | Photo: PTI", "... | Reuters"
    r"|\|\s*(?:(?:x|twitter|instagram|facebook|threads)\s*/\s*)?@[\w.]+\W*$"
    r"|\|\s*(?:photos?|pictures?|images?|pics?|file|credits?)\b[^|]{0,80}$"
    rf"|\|\s*{_AGENCIES}\W*$"
    # "... Jane Doe / Getty Images", "(Jane Doe/AFP via Getty Images)"
    rf"|/\s*{_AGENCIES}(?:\s+via\s+getty images)?\W*$"
)

_NAME: Final = r"(?:[A-Z][\w'’.-]*|de|van|von|da|al|bin|el|la|le|del|dos)"
_PERSON: Final = rf"{_NAME}(?:\s+{_NAME}){{0,4}}"
_BYLINE: Final = re.compile(
    rf"\W{{0,3}}(?:[Bb][Yy]|[Ww]ritten by|[Ee]dited by|[Ww]ords by):?\s+{_PERSON}"
    rf"(?:\s*(?:,|&|\band\b)\s*{_PERSON})*"
    r"(?:\s*[,|/–—-]\s*[A-Z][\w&.'’ -]{0,40})?(?:\s+in\s+[A-Z][\w .'’-]{0,30})?\s*$"
    r"|\W{0,3}(?i:additional )?(?i:reporting|writing|editing)\s+by\s+[A-Z][^!?]{0,200}$"
)

_MONTH: Final = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY: Final = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_DATELINE: Final = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
    rf"(?P<date>,?\s+(?i:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?P<agency>\([A-Za-z.& ]{1,40}\))?\s*(?P<dash>[-–—:]+)?\s*$"
)
_TIMESTAMP: Final = re.compile(
    r"\W{0,3}(?:(?:first |last )?(?:published|updated|posted|modified)(?:\s+(?:on|at))?\s*:?\s*)?"
    rf"(?:(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|ist|gmt|utc|bst|cet|cest"
    r"|[ecmp][sd]?t|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)[\s,./|:-]*)+$"
)
# A time stamp names a month or weekday, says "ago", or has a year or a d/m or h:m number.
_TIMESTAMP_NEEDS: Final = re.compile(rf"\b{_MONTH}|\b{_WEEKDAY}|\bago\b|\d[-/.:]\d|\d{{4}}")
_SECTION_LABEL: Final = re.compile(
    r"\W{0,3}(?:breaking(?: news)?|update[ds]?|exclusive|live|watch|opinion|analysis|explainer"
    r"|editorial|sponsored|advertisement|advertisment|promoted|ad)\W*$"
)
_SHARING: Final = re.compile(
    r"\W{0,3}(?:share(?: this(?: article| story)?)?(?: on \w+)?|tweet|email|print|comments?"
    r"|copy link|save)\W*$"
)
_COPYRIGHT: Final = re.compile(r"\W{0,3}(?:©|\(c\)\s|copyright\b)")
_HAS_WORD: Final = re.compile(r"[^\W\d_]")
_FIRST_WORD: Final = re.compile(r"\W{0,3}(\w+)")


def classify_boilerplate(text: str) -> str | None:
    """Return why this unit is not a claim (a short readable reason), or None if it may be one."""
    text = text.strip()
    return stripped_reason(text, text.lower())


def stripped_reason(text: str, lower: str) -> str | None:
    """classify_boilerplate of a text without surrounding whitespace, given its lower case."""
    # Most units start with a letter, which settles it without a search, and most then start
    # with a whole word and a space: the word _FIRST_WORD would find.
    word = text.partition(" ")[0]
    if not (text[:1].isalpha() and word.isalnum()):
        if not (text[:1].isalpha() or _HAS_WORD.search(text)):
            return "No words (symbols, numbers or punctuation only)"
        first = _FIRST_WORD.match(text)
        word = first.group(1) if first else ""
    if word:
        # Time stamps are the rules for a unit that starts with a number ("3 March 2024").
        rules = _RULES_BY_FIRST_WORD.get("digit" if word[0].isdigit() else word.lower(), ())
        if len(word) > 1 and word.isupper():
            rules = (*rules, _dateline)
        for rule in rules:
            reason = rule(text, lower)
            if reason:
                return reason
    if "©" in text[:4]:
        return "Copyright notice"
    if _is_call_to_action(lower):
        return "Call to subscribe, follow or join"
    if ("|" in lower or "(" in lower or "/" in lower) and _CAPTION_END.search(lower):
        return CAPTION
    if "all rights reserved" in lower:
        return "Copyright notice"
    return None


def _cross_promotion(text: str, lower: str) -> str | None:
    promo = _CROSS_PROMO.match(text) or _CROSS_PROMO_CAPITALS.match(text)
    return f'{CROSS_PROMOTION} ("{promo.group("marker").strip()}")' if promo else None


def _call_to_action_start(text: str, lower: str) -> str | None:
    if len(lower) <= _CALL_TO_ACTION_MAX_LENGTH and _CALL_TO_ACTION_START.match(lower):
        return "Call to subscribe, follow or join"
    return None


def _is_call_to_action(lower: str) -> bool:
    return (
        len(lower) <= _CALL_TO_ACTION_MAX_LENGTH
        and (not COMPILED or lower_run_values(lower, _CALL_TO_ACTION_VERBS) != 0)
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
        )
        and _CALL_TO_ACTION_ANYWHERE.search(lower) is not None
    )


def _caption_start(text: str, lower: str) -> str | None:
    return CAPTION if _CAPTION_START.match(lower) else None


def _byline(text: str, lower: str) -> str | None:
    return "Byline or reporting credit" if _BYLINE.match(text) else None


def _section_label(text: str, lower: str) -> str | None:
    return "Section label or advertisement marker" if _SECTION_LABEL.match(lower) else None


def _dateline(text: str, lower: str) -> str | None:
    found = _DATELINE.match(text)
    if found and (found["date"] or found["agency"] or found["dash"]):
        return "Dateline on its own"
    return None


def _timestamp(text: str, lower: str) -> str | None:
    if _TIMESTAMP.match(lower) and _TIMESTAMP_NEEDS.search(lower):
        return "Date or time stamp"
    return None


def _sharing(text: str, lower: str) -> str | None:
    return "Sharing or page button" if _SHARING.match(lower) else None


def _copyright(text: str, lower: str) -> str | None:
    return "Copyright notice" if _COPYRIGHT.match(lower) else None


# Start-anchored rules run only for units whose first word could begin them, which keeps the
# cost per ordinary sentence to one dictionary look-up. Order here is the order rules are tried.
_FIRST_WORDS: Final = (
    (
        _cross_promotion,
        "also read see must don dont more watch listen related recommended top latest trending",
    ),
    (_call_to_action_start, "subscribe sign register download get stay have got"),
    (
        _caption_start,
        "photo photos photograph photographs picture pictures pic pics image images video videos"
        " graphic graphics illustration illustrations file credit credits courtesy caption captions"
        " representative"
        " representational getty afp ap reuters epa shutterstock alamy anadolu sopa pti ani ians"
        " xinhua bloomberg nurphoto zuma",
    ),
    (_byline, "by written edited words additional reporting writing editing"),
    (
        _section_label,
        "breaking update updates updated exclusive live watch opinion analysis explainer editorial"
        " sponsored advertisement advertisment promoted ad",
    ),
    (
        _timestamp,
        "digit published updated posted modified first last jan january feb february mar march apr"
        " april may jun june jul july aug august sep sept september oct october nov november dec"
        " december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday"
        " sat saturday sun sunday",
    ),
    (_sharing, "share tweet email print comment comments copy save"),
    (_copyright, "c copyright"),
)


def _rules_by_first_word() -> dict[str, tuple]:
    by_word: dict[str, tuple] = {}
    for rule, words in _FIRST_WORDS:
        for word in words.split():
            by_word[word] = (*by_word.get(word, ()), rule)
    return by_word


_RULES_BY_FIRST_WORD: Final = _rules_by_first_word()
