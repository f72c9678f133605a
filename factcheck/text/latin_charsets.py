"""Which Latin legacy charset a page's bytes read best in: windows-1252 (Western), windows-1250
or ISO-8859-2 (Central European) or windows-1254 (Turkish), by which reading gives the letters
of one language rather than a mix of several languages' letters and symbols inside words."""

import re

#: The charsets weighed, windows-1252 first: it is taken unless another reads clearly better.
CANDIDATES = ("cp1252", "cp1250", "iso8859_2", "cp1254")
#: How many more of one language's letters another charset must give to be taken.
MARGIN = 2

# The letters beyond ASCII each language writes (lower case). A reading in the wrong charset
# mixes letters of several (Czech read as Western gives "poèet", "øekl": è, ø and ì are in no
# one language together) or puts symbols inside words (Polish read as Western: "w³adza").
# Quotation marks, which every language here writes (in ISO-8859-2 the bytes of « and » are
# letters: "»Zitat«" reads "ťZitatŤ").
_QUOTES = "«»‹›‘’‚“”„"
# Signs written against a word or a figure in Western text, which other charsets read as letters
# ("nº 5" as "nş 5", "5µg" as "5ľg").
_WESTERN_SIGNS = "µºª"
_ALPHABETS = tuple(
    letters + _QUOTES + _WESTERN_SIGNS
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü¿¡",  # Spanish, with its opening question and exclamation marks
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëïóöü",  # Dutch
        "æøåé",  # Danish and Norwegian
        "åäöé",  # Swedish and Finnish
        "áðéíóúýþæö",  # Icelandic
    )
) + (
    _QUOTES + "ąćęłńóśźż",  # Polish
    _QUOTES + "áčďéěíňóřšťúůýž",  # Czech
    _QUOTES + "áäčďéíĺľňóôŕšťúýž",  # Slovak
    _QUOTES + "áéíóöőúüű",  # Hungarian
    _QUOTES + "čćđšž",  # Croatian, Bosnian, Serbian in Latin letters, Slovene
    _QUOTES + "ăâîşţșț",  # Romanian
    _QUOTES + "çğıöşü",  # Turkish (its capital dotted İ counts as one of them)
)
_PUNCTUATION_OF_WORDS = _QUOTES + _WESTERN_SIGNS + "¿¡"
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
# Signs of windows-1252 whose byte is a letter in another of CANDIDATES ("³", "¹", "¯").
_LETTERS_ELSEWHERE = frozenset(
    sign
    for byte in range(0x80, 0x100)
    if not (sign := bytes([byte]).decode("cp1252", errors="replace")).isalpha()
    and any(bytes([byte]).decode(other, errors="replace").isalpha() for other in CANDIDATES[1:])
)
# Counted against every language: a capital letter straight after a small one ("MicrosoftŽ",
# "Microsoft®" read as Central European), or a sign inside a word.
_CASE_BREAK = "\x00"


def _language_score(text: str, western: str | None = None) -> int:
    """How well the text's letters beyond ASCII fit one language: for the best fitting, one point
    for each of its letters, one off for any other. Only letters in words count: one beside
    figures and marks alone is a sign read as a letter ("£50m" as "Ł50m", "±3" as "ą3"), and a
    capital straight after a small letter counts against, as does a sign inside a word. Other
    signs do not count, but quotation marks count for every language, and the signs Western
    text writes against words (º, µ) for its languages.

    `western` is the same bytes read as windows-1252, for another reading: there a letter at a
    word's edge counts only where the Western reading has a letter too ("è" for "č"); where it
    has a sign ("IBM®" as "IBMŽ", "m³" as "mł", "percent¹" as "percentą") the letter is no
    evidence for either."""
    counted = []
    for found in _BEYOND_ASCII.finditer(text):
        at, char = found.start(), found.group()
        before = text[at - 1] if at > 0 else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        touches_letter = before.isalpha() or after.isalpha()
        if char in _PUNCTUATION_OF_WORDS:
            counted.append(char)
        elif char.isalpha() and touches_letter:
            inside = before.isalpha() and after.isalpha()
            if western is not None and not inside and not western[at].isalpha():
                continue
            broken = char.isupper() and before.isalpha() and before.islower()
            counted.append(_CASE_BREAK if broken else "ı" if char == "İ" else char.lower())
        elif char in _LETTERS_ELSEWHERE and before.isalpha() and after.isalpha():
            # A sign inside a word ("w³adza" for "władza") is a letter read in the wrong charset.
            counted.append(_CASE_BREAK)
    if not counted:
        return 0
    return max(sum(1 if char in alphabet else -1 for char in counted) for alphabet in _ALPHABETS)


def best_latin_charset(data: bytes) -> str:
    """The charset of CANDIDATES the bytes read best in; windows-1252 unless another gives at
    least MARGIN more letters of one language (a short text that reads alike either way stays
    Western)."""
    western, *others = CANDIDATES
    # Each byte is one character in every one of these charsets, so the readings line up.
    western_text = data.decode(western, errors="replace")
    western_score = _language_score(western_text)
    readings = {name: data.decode(name, errors="replace") for name in others}
    # Against the Western reading, only letters it does not read as signs are evidence...
    against = {name: _language_score(text, western_text) for name, text in readings.items()}
    if max(against.values()) < western_score + MARGIN:
        return western
    # ...and among the others, which reads best is told by all their letters (ISO-8859-2 keeps
    # many of its letters where windows-1252 has signs).
    return max(others, key=lambda name: _language_score(readings[name]))
