"""Find quotations and the phrase that says who made a statement ("he said", "according to X")."""

import re
from typing import Final

from factcheck.text.role_words import PROFESSIONS, QUALIFIERS, ROLES
from factcheck.text.unit_words import COMPILED, lower_run_values, lower_runs, word_codes

# Verbs that attribute whatever follows them ("said 23 people died").
_SPEECH_VERBS: Final = (
    r"(?:said|says|say|told|tells|stated|wrote|writes|tweeted|insisted|insists|warned|warns"
    r"|argued|argues|alleged|testified|declared|asserted|cautioned)"
)
# Verbs that also have other senses ("the firm added 300 jobs"): they attribute only when the
# clause ends with them (", he added.") or a "that" clause follows.
_REPORTING_VERBS: Final = (
    r"(?:added|adds|announced|claimed|reported|explained|noted|posted|confirmed|confirms|denied"
    r"|estimated|acknowledged|admitted|maintained|revealed|disclosed|predicted|recalled)"
)
# Quick test before the slower patterns run: most sentences and clauses have no speech verb.
# The verbs are matched in lower case only, so runs of lower-case letters are enough.
_SPEECH_VERB_WORDS: Final = frozenset(re.findall(r"[a-z]+", _SPEECH_VERBS))
_VERB_WORDS: Final = _SPEECH_VERB_WORDS | frozenset(re.findall(r"[a-z]+", _REPORTING_VERBS))
# The same by their numbers, for lower_run_values: every verb gives _A_VERB, a speech verb also
# _A_SPEECH_VERB.
_A_VERB: Final = 1
_A_SPEECH_VERB: Final = 2
_VERB_CODES_BY_WORD: Final = {
    word: _A_VERB | (_A_SPEECH_VERB if word in _SPEECH_VERB_WORDS else 0) for word in _VERB_WORDS
}
_VERB_CODES: Final = word_codes(_VERB_CODES_BY_WORD)
# The same as bytes, for the runs of letters lower_runs gives (see _verb_kinds).
_SPEECH_VERB_BYTES: Final = frozenset(word.encode() for word in _SPEECH_VERB_WORDS)
_VERB_BYTES: Final = frozenset(word.encode() for word in _VERB_WORDS)


def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any of words as a whole run of lower-case letters; alternatives are
    grouped by first letter, which the regex engine tries faster than one long list."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda word: (-len(word), word)):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    groups = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items()))
    return re.compile(rf"(?<![a-z])(?:{groups})(?![a-z])")


# The verbs of a text, found in one pass.
_ANY_VERB: Final = _any_of(_VERB_WORDS)

_AUXILIARY: Final = (
    r"(?:(?:has|have|had|also|later|earlier|previously|repeatedly|reportedly|then|once|recently"
    r"|publicly|privately|separately|again|further|first|will|would|did not|didn't)\s+)*"
)
# A capital letter of the Latin, Greek or Cyrillic alphabets, accented ones too ("Émile",
# "Łukasz", "Ángela"), as a character class.
UPPER: Final = (
    "[" + "".join(re.escape(chr(code)) for code in range(0x41, 0x530) if chr(code).isupper()) + "]"
)
# And a small letter of the same alphabets.
LOWER: Final = (
    "[" + "".join(re.escape(chr(code)) for code in range(0x61, 0x530) if chr(code).islower()) + "]"
)
# A word, allowing "U.S.", titles such as "Dr." and initials before a name ("T. D. Jakes") but
# not a sentence's final full stop. The group is atomic: once a word is read the engine never
# tries shorter pieces of it.
_WORD: Final = (
    rf"(?>(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St)\.|{UPPER}\.(?=\s+{UPPER})"
    r"|[^\W\d_][\w'’-]*(?:\.(?=\w)[\w'’-]*)*(?:(?<=\.\w)\.)?)"
)
_NAME: Final = rf"(?={UPPER}){_WORD}"
# Words for a post between "said" and a name, in lower case: "said councillor José Álvarez",
# "said fire chief Oskar Hale".
_ROLE_BEFORE_NAME: Final = rf"(?:(?:{'|'.join(sorted(ROLES | QUALIFIERS))})\s+){{1,3}}"
# The names of days and months, which say when, not who.
_DAYS: Final = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS: Final = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# Whose or where a speaker is, as a phrase of names: "of the U.S. Department of Transportation",
# "at the Bank of England", "from Acme", "of the Treasury". Its words between names are few and
# lower case, so there is one way to read it, and its repeats are bounded; "on Tuesday" after it
# says when.
_OF_WHOM: Final = (
    rf"(?:\s+(?:of|at|from|for)\s+(?:the\s+)?{_NAME}"
    rf"(?:\s+(?:(?:of|and|for|on(?!\s+(?:{_DAYS}|{_MONTHS})\b)|&)\s+(?:the\s+)?)?{_NAME}){{0,5}})"
)
# Who "told" is part of the attribution: "told reporters", "told the BBC", "told Reuters".
_TOLD_WHOM: Final = (
    r"(?:\s+(?:reporters|journalists|lawmakers|legislators|parliament|congress|doctors|police"
    r"|investigators|officials|jurors|colleagues|supporters|staff|him|her|them|us|me"
    rf"|(?:the|a)\s+[\w'’-]+(?:\s+{_NAME}){{0,2}}|{_NAME}(?:\s+{_NAME}){{0,3}}))?"
)
_CHANNEL: Final = (
    r"(?:\s+(?:in (?:a|an|the|its|his|her|their) (?:statement|interview|post|tweet|briefing"
    r"|press release|letter|report)|on (?:Twitter|X|Facebook|Instagram|Telegram|social media"
    r"|television)))?"
)
# When it was said, between the attribution and the clause's end: "said Powell on Tuesday",
# "the ministry announced last week". A month alone is left out: "said Theresa May".
_WHEN: Final = (
    rf"(?:\s+(?:(?:on\s+)?(?:{_DAYS})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:on\s+|in\s+)?(?:{_MONTHS})\s+\d{{1,2}}(?!\d)|in\s+(?:{_MONTHS})"
    r"|(?:last|this|earlier this|late last|early this)\s+(?:week|month|year|weekend|morning)"
    r"|yesterday|today|earlier|later|last night|tonight))?"
)
# Not an attribution when the verb is passive or an infinitive: "wasn't announced", "to say".
_NOT_PASSIVE: Final = (
    r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bnot )"
    r"(?<!n't )(?<!n’t )(?<!\bto )"
)
# A reporting verb that attributes: it ends its clause or takes a "that" clause.
_REPORTING_PHRASE: Final = (
    rf"{_REPORTING_VERBS}{_CHANNEL}(?={_WHEN}\s*(?:[,.;:!?—–)\"”]|$)|{_WHEN}\s+that\b)"
)


def _starts(words: frozenset[str]) -> str:
    """A look-ahead for any of words, its alternatives grouped by first letter (the engine tries
    a dozen letters faster than forty words)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    groups = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items()))
    return f"(?={groups})"


# The look-ahead for a verb changes nothing the phrase matches; it spares the engine the
# look-behinds of _NOT_PASSIVE and the long lists of verbs after every word that is no verb.
_VERB_PHRASE: Final = (
    rf"{_AUXILIARY}{_starts(_VERB_WORDS)}{_NOT_PASSIVE}(?:(?:told{_TOLD_WHOM}|{_SPEECH_VERBS})"
    rf"{_CHANNEL}|{_REPORTING_PHRASE})"
)
# Leading words that belong to the clause, not to the speaker: "And though the CDC has said".
_LEAD_IN: Final = (
    r"(?:(?:[Aa]nd|[Bb]ut|[Ss]o|[Yy]et|[Tt]hough|[Aa]lthough|[Ww]hile|[Ww]hen|[Ii]f|[Aa]s)\s+)*"
)
# A relative pronoun or "That said," is never a speaker.
_NOT_A_SPEAKER: Final = r"(?!(?:[Ww]ho|[Ww]hich|[Tt]hat)\s)"
_PHRASE_END: Final = r"(?![\w'’-])"

# Clauses start at the beginning of the text and after a comma, colon, dash or bracket; the
# patterns below are tried with match() at those places only.
_CLAUSE_START: Final = re.compile(r"[,;:—–(]")
# A speaker before a phrase of names (_OF_WHOM): a name, "the/a" and up to three words, or one
# or two words the second of which is lower case ("Senior officials"). Never a clause: "Prices
# in the city rose after officials" is none of these.
_SPEAKER_HEAD: Final = (
    rf"(?:(?:[Tt]he|[Aa]n?)\s+(?:{_WORD}\s+){{0,2}}?{_WORD}|{_NAME}(?:\s+{_NAME}){{0,4}}"
    rf"|{_WORD}(?:\s+(?=[a-z]){_WORD})?)"
)
# "the health ministry said", "Ramos said", "he told reporters": a short subject that starts a
# clause, directly before the speech verb; or a speaker with the phrase of names that says whose
# they are ("Jane Smith of the Department of Transportation said").
_SUBJECT_FIRST: Final = re.compile(
    rf"\s*{_LEAD_IN}{_NOT_A_SPEAKER}"
    rf"(?P<phrase>(?:(?:{_WORD}\s+){{0,5}}?{_WORD}|{_SPEAKER_HEAD}{_OF_WHOM})\s+{_VERB_PHRASE})"
    rf"{_PHRASE_END}"
)
# "Jane Doe, the agency's director, said": a name, a short aside between commas, the verb; and
# "the mayor, Joan Baptiste, said": a post, then the name between commas.
_SUBJECT_WITH_ASIDE: Final = re.compile(
    rf"(?P<phrase>(?:{_NAME}(?:\s+{_NAME}){{0,3}}{_OF_WHOM}?"
    rf"|(?:[Tt]he|[Aa]n?)\s+(?:{_WORD}\s+){{0,2}}{_WORD}(?=,\s*{_NAME}))"
    rf",[^,;\"“”]{{1,80}},\s+{_VERB_PHRASE}){_PHRASE_END}"
)
# "said Ramos", "said the minister", "says the report", "said John Doe of the Treasury" at the
# start of a clause, the clause ending there or with the channel ("in a statement"); the names
# may be a body's, then a post and a name ("said Bank of England governor Andrew Bailey").
_VERB_FIRST: Final = re.compile(
    rf"\s*(?P<phrase>(?:{_SPEECH_VERBS}|{_REPORTING_VERBS})\s+"
    rf"(?:(?:the|a|an)\s+(?:{_WORD}\s+){{0,3}}?{_WORD}"
    rf"|(?:{_ROLE_BEFORE_NAME})?{_NAME}(?:\s+{_NAME}){{0,4}}?){_OF_WHOM}?"
    rf"(?:\s+{_ROLE_BEFORE_NAME}{_NAME}(?:\s+{_NAME}){{0,3}}?)?)"
    rf"(?={_CHANNEL}{_WHEN}{_CHANNEL}\s*(?:[,.;:!?—–)]|$))"
)
# Small words that are no word of a post: of when, where, to whom, whose, how or with whom
# something was said ("said on Monday", "said alongside police chief John Smith", "said his
# director", "said again"), and a clause's words.
_NOT_OF_A_POST: Final = (
    "a|about|above|across|after|again|against|ago|all|along|alongside|already|also|always|amid"
    "|among|amongst|an|and|any|are|around|as|at|be|been|before|behind|below|beneath|beside"
    "|besides|between|beyond|but|by|despite|down|during|each|earlier|every|first|for|from"
    "|further|had|has|have|he|her|here|him|his|in|including|inside|instead|into|is|it|its|just"
    "|last|later|like|many|me|more|most|my|near|never|next|no|not|now|of|off|on|once|one|only"
    "|onto|or|our|out|outside|over|past|per|previously|privately|publicly|recently|repeatedly"
    "|reportedly|separately|she|since|so|some|still|than|that|the|their|them|then|there|these"
    "|they|this|those|through|to|today|tomorrow|tonight|too|toward|towards|under|unlike|until"
    "|up|upon|us|via|was|we|were|when|which|while|who|whose|will|with|within|without|would"
    "|yesterday|yet|you|your"
)
# "Rents rose 9%, said council leader Priya Nair.": "said", or another verb that says who said
# it when it opens a clause after the statement ("wrote", "added", "warned"), then up to three
# small words and a word for a post or a profession ("highways director", "award-winning
# historian"; none of the words one of _NOT_OF_A_POST), then a name that ends the clause.
# find_attribution tries it only where one clause or a quotation comes before the verb: after
# "Smith, the mayor," or "The mayor, who took office in May," the words are the verb's object
# ("... warned opposition leader Peter Dutton"). Not "told" nor "cautioned", whose object a post
# and a name usually are, nor "announced" ("announced new director Jane Doe").
_SMALL_WORD_OF_A_POST: Final = rf"(?!(?:{_NOT_OF_A_POST})\s)[a-z][a-z-]*"
_POST_THEN_NAME: Final = re.compile(
    r"\s*(?P<phrase>(?:said|says|wrote|writes|added|adds|warned|warns)\s+"
    rf"(?:{_SMALL_WORD_OF_A_POST}\s+){{0,3}}"
    rf"(?:{'|'.join(sorted(ROLES | PROFESSIONS))})\s+{_NAME}(?:\s+{_NAME}){{0,3}}?{_OF_WHOM}?)"
    rf"(?={_CHANNEL}{_WHEN}{_CHANNEL}\s*(?:[,.;:!?—–)]|$))"
)
# A mark that starts a clause, but not a comma in a figure ("1,200").
_CLAUSE_MARK: Final = re.compile(r"[;:—–(]|,(?!\d)")
_ACCORDING_TO: Final = re.compile(
    r"(?P<phrase>\b[Aa]ccording to\s+(?:[^\s,;:.!?()\"“”]+\s+){0,7}?[^\s,;:.!?()\"“”]+)"
    r"(?=\s*(?:[,;:.!?()\"“”]|\s+(?:who|which|that|on|in|since|as)\b|$))"
)
# Anywhere in the sentence: a pronoun, a capitalised name or "the ..." right before the verb, the
# name or "the ..." perhaps with the phrase of names that says whose they are.
_NEAR_VERB: Final = re.compile(
    rf"(?P<phrase>\b(?:(?:[Tt]he|[Aa]n?)\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+{_OF_WHOM}?\s+"
    rf"|[Hh]e\s+|[Ss]he\s+|[Tt]hey\s+|[Ww]e\s+"
    rf"|{_NOT_A_SPEAKER}{_NAME}(?:\s+{_NAME}){{0,3}}{_OF_WHOM}?\s+){_VERB_PHRASE}){_PHRASE_END}"
)

# Every pattern but _VERB_FIRST ends in _VERB_PHRASE, so without a speech verb they can only
# match where this does ("the firm added 300 jobs" is not an attribution).
_ATTRIBUTING_REPORTING_VERB: Final = re.compile(_REPORTING_PHRASE)

_QUOTE_MARKS: Final = re.compile(r"[\"“”«»„]")
# German quotations open with „ and close with “.
_OPENING: Final = {"“": "”", "«": "»", "„": "“"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of double-quoted passages, quote marks included; an unclosed quote runs to the end.

    Straight quotes alternate between opening and closing; curly and angle quotes pair with
    their own closing mark."""
    if text.isascii():
        return _straight_quote_spans(text)
    return _marked_quote_spans(text)


def _marked_quote_spans(text: str) -> list[tuple[int, int]]:
    """quote_spans of any text, its quotation marks found with a pattern."""
    spans = []
    opened_at = -1
    closing = ""
    for mark in _QUOTE_MARKS.finditer(text):
        char = mark.group()
        if opened_at < 0:
            if char in _OPENING or char == '"':
                opened_at = mark.start()
                closing = _OPENING.get(char, '"')
        elif char == closing or (closing == '"' and char == "”"):
            spans.append((opened_at, mark.end()))
            opened_at = -1
    if opened_at >= 0:
        spans.append((opened_at, len(text)))
    return spans


def _straight_quote_spans(text: str) -> list[tuple[int, int]]:
    """quote_spans of an ASCII text, whose only quotation mark is the straight one: the marks
    pair up in order, found with str.find rather than a pattern scan of every character."""
    spans = []
    opened_at = text.find('"')
    while opened_at != -1:
        closed_at = text.find('"', opened_at + 1)
        if closed_at == -1:
            spans.append((opened_at, len(text)))
            break
        spans.append((opened_at, closed_at + 1))
        opened_at = text.find('"', closed_at + 1)
    return spans


def outside_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every quoted passage blanked out (same length, so offsets still hold)."""
    if not spans:
        return text
    pieces = []
    previous = 0
    for start, end in spans:
        pieces.append(text[previous:start])
        pieces.append(" " * (end - start))
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


# Attribution markers of other languages: a speech verb or "according to" and the words after
# it that name the speaker ("sagte Innenministerin Weber", "según el ministerio", "selon la
# police"), or the words before a speech verb and the colon that opens a quotation ("Der
# Minister sagte: „...“", "Le ministre a déclaré : « ... »").
_NAME_AFTER: Final = (
    r"(?:\s+(?:(?:der|die|das|el|la|los|las|le|les|l['’]|del|de|des|du)\s*)?[\w'’-]+){1,3}"
)
# The speaker before the verb stops at a word that starts a clause ("Le rapport explique", not
# "La question est simple et le rapport explique", "Pedro Sánchez dijo", not "La situación es
# grave y Pedro Sánchez dijo"). A word joining two names is part of it, after a word of a name
# ("Das Bundesministerium für Wirtschaft und Klimaschutz", "Le ministre de l'Économie et des
# Finances", "Die Industrie- und Handelskammer"); and so is a name or title set off by commas
# ("La ministra de Hacienda, María Jesús Montero, declaró", "Robert Habeck, der Bundesminister
# für Wirtschaft und Klimaschutz, sagte").
_JOINING_WORDS: Final = "and|or|et|ou|und|oder|y|e|o"
_CLAUSE_WORDS: Final = (
    "but|that|because|while|which|who|mais|que|qui|car|donc|puis|aber|dass|weil|denn|sondern"
    "|doch|pero|porque|sino|cuando"
)
_NAME_THEN_JOIN: Final = rf"(?:[dl]['’])?(?-i:{UPPER})[\w'’-]*\s+(?:{_JOINING_WORDS})(?![\w'’-])"
_SPEAKER_WORD: Final = (
    rf"(?:{_NAME_THEN_JOIN}"
    rf"|(?!(?:{_JOINING_WORDS}|{_CLAUSE_WORDS})(?![\w'’-]))[\w'’-]+)"
)
_NAME_BEFORE: Final = (
    rf"(?<![\w'’-])(?:(?:{_SPEAKER_WORD}\s+){{1,7}}"
    rf"|(?:{_SPEAKER_WORD}\s+){{0,6}}{_SPEAKER_WORD},\s+(?:{_SPEAKER_WORD}\s+){{0,7}}"
    rf"{_SPEAKER_WORD},\s+)"
)


def _markers(according: str, verbs: str) -> re.Pattern[str]:
    """A language's attribution markers, from its words for "according to" and its verbs."""
    return re.compile(
        rf"\b(?:{according}){_NAME_AFTER}|\b(?:{verbs}){_NAME_AFTER}"
        rf"|{_NAME_BEFORE}(?:{verbs})(?=\s*:)",
        re.IGNORECASE,
    )


_MARKERS: Final = {
    "de": _markers(
        r"laut|zufolge|nach Angaben(?:\s+(?:der|des|von))?",
        r"sagte|sagt|erklärte|erklärt|betonte|teilte|kritisierte|warnte",
    ),
    "es": _markers(
        r"según|de acuerdo con",
        r"dijo|afirmó|aseguró|explicó|señaló|declaró|indicó|advirtió",
    ),
    "fr": _markers(
        r"selon|d['’]après",
        r"(?:a|ont)\s+(?:déclaré|affirmé|expliqué|indiqué|assuré|précisé|dit)"
        r"|déclare|affirme|explique|indique|assure|précise",
    ),
}


def _verb_kinds(text: str) -> int:
    """lower_run_values(text, _VERB_CODES) from the runs cut out as bytes and a set
    intersection: the cheaper way when this module runs as plain Python."""
    verbs = _VERB_BYTES.intersection(lower_runs(text))
    if not verbs:
        return 0
    return _A_VERB | (0 if _SPEECH_VERB_BYTES.isdisjoint(verbs) else _A_SPEECH_VERB)


def find_attribution(text: str, language: str = "en") -> tuple[int, int] | None:
    """Where the attribution phrase is in text (already blanked of quotations), or None."""
    if language != "en":
        marker = _MARKERS.get(language)
        found = marker.search(text) if marker else None
        return found.span() if found else None
    if "ccording to" in text:
        match = _ACCORDING_TO.search(text)
        if match:
            return match.span("phrase")
    # _ANY_VERB finds the runs of lower-case letters that are verbs; these say which kinds.
    verbs = lower_run_values(text, _VERB_CODES) if COMPILED else _verb_kinds(text)
    if not verbs:
        return None
    has_verb_phrase = (
        verbs & _A_SPEECH_VERB != 0 or _ATTRIBUTING_REPORTING_VERB.search(text) is not None
    )
    # The clauses, cut at their one-character marks: their lengths give where each starts.
    pieces = _CLAUSE_START.split(text)
    if len(pieces) == 1:
        clauses = [0]  # the test above found a verb in this one clause
    else:
        clauses = []
        start = 0
        for piece in pieces:
            end = start + len(piece)
            # Each clause starts after a punctuation mark, so the look-behind sees no letter.
            if _ANY_VERB.search(text, start, end) is not None:
                clauses.append(start)
            start = end + 1
    for pattern in (_SUBJECT_FIRST, _VERB_FIRST) if has_verb_phrase else (_VERB_FIRST,):
        for start in clauses:
            match = pattern.match(text, start)
            if match:
                return match.span("phrase")
    # A post in small letters and a name after the verb, where the verb follows a quotation or
    # the one clause before its comma.
    first_mark = _CLAUSE_MARK.search(text)
    one_clause_ends = len(text) if first_mark is None else first_mark.start()
    for start in clauses:
        if start == 0 or (text[start - 1] == "," and start - 1 <= one_clause_ends):
            match = _POST_THEN_NAME.match(text, start)
            if match:
                return match.span("phrase")
    if not has_verb_phrase:
        return None
    if len(pieces) > 2:
        match = _SUBJECT_WITH_ASIDE.search(text)
        if match:
            return match.span("phrase")
    match = _NEAR_VERB.search(text)
    return match.span("phrase") if match else None


# The verb of an attribution phrase with the helping words before it ("has also said"), from the
# start of a word.
_PHRASE_VERB: Final = re.compile(
    rf"(?<![\w'’-]){_AUXILIARY}(?:{_SPEECH_VERBS}|{_REPORTING_VERBS})(?![\w'’-])"
)


def has_speech_verb(text: str) -> bool:
    """Whether the text has a verb an attribution phrase is made with ("said", "told")."""
    return _PHRASE_VERB.search(text) is not None


_ACCORDING_TO_WHOM: Final = re.compile(r"\s*[Aa]ccording to\s+(?P<who>.+)")
# Speakers that name no one: pronouns and words for an unnamed few.
_NOBODY_NAMED: Final = frozenset(
    "i we you he she it they me us him her them one some many others few several someone"
    " somebody everyone everybody nobody people".split()
)
# "an official at the Treasury", "a spokeswoman for NASA": a body that is named after all.
_NAMED_BODY: Final = re.compile(rf"\s(?:of|at|for|from)\s+(?:the\s+)?{UPPER}")
# Words that open a speaker but name no one in particular: "his office", "an official",
# "officials", "sources close to the talks", "figures released on Monday".
_UNNAMED_OPENING: Final = frozenset(
    "my our your his her its their a an some many several officials official sources source"
    " experts analysts critics residents witnesses observers insiders figures data reports"
    " studies people users locals".split()
)
# People named by what they do ("Doctors said", "Scientists said", "economists say"): people,
# not a body, unless a capitalised word names one ("Doctors Without Borders", "Doctors at the
# Mayo Clinic", "Teachers Union").
_PEOPLE_BY_WHAT_THEY_DO: Final = frozenset(
    "doctors physicians nurses scientists researchers economists lawyers teachers parents"
    " students workers farmers voters activists protesters campaigners lawmakers legislators"
    " diplomats".split()
)


def speaker(phrase: str, language: str = "en") -> str | None:
    """Who an English attribution phrase (as find_attribution gives it) names as the speaker:
    "the health ministry" in "the health ministry said", "Ines Baptiste" in "said Ines Baptiste",
    "the council's finance office" in "according to the council's finance office". None when it
    names no one in particular ("he said", "according to them", "officials said", "an official
    said") or is not English."""
    if language != "en":
        return None
    according = _ACCORDING_TO_WHOM.match(phrase)
    if according:
        who = according.group("who")
    else:
        verb = _PHRASE_VERB.search(phrase)
        if verb is None:
            return None
        who = phrase[: verb.start()]
        if not who.strip():  # "said Ines Baptiste", "told reporters" has no one after it
            who = phrase[verb.end() :] if phrase[verb.start() : verb.end()] != "told" else ""
        # "Jane Doe, the agency's director," names Jane Doe.
        who = who.split(",")[0]
    who = who.strip(" \t\n,;:—–-")
    if not who or who.lower() in _NOBODY_NAMED:
        return None
    words = who.split()
    if words[0].lower() in _UNNAMED_OPENING and not _NAMED_BODY.search(who):
        return None
    if words[0].lower() in _PEOPLE_BY_WHAT_THEY_DO and not any(w[:1].isupper() for w in words[1:]):
        return None
    return who
