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
# Quotation marks that touch the word they open or close, in the Western languages' own
# reading ("»Zitat«", "‘yes’"): in ISO-8859-2 the same bytes are letters ("ťZitatŤ").
_WESTERN_QUOTES = "«»‹›‘’‚“”„"
_ALPHABETS = tuple(
    letters + _WESTERN_QUOTES
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
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Croatian, Bosnian, Serbian in Latin letters, Slovene
    "ăâîşţșț",  # Romanian
    "çğıöşü",  # Turkish (its capital dotted İ counts as one of them)
)
_PUNCTUATION_OF_WORDS = _WESTERN_QUOTES + "¿¡"
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _language_score(text: str) -> int:
    """How well the text's characters beyond ASCII fit one language: for the best fitting, one
    point for each of its letters, one off for any other letter or a symbol touching a letter."""
    counted = []
    for found in _BEYOND_ASCII.finditer(text):
        at, char = found.start(), found.group()
        if char.isspace():
            continue
        touches_letter = (at > 0 and text[at - 1].isalpha()) or (
            at + 1 < len(text) and text[at + 1].isalpha()
        )
        if char.isalpha() or touches_letter or char in _PUNCTUATION_OF_WORDS:
            counted.append("ı" if char == "İ" else char.lower())
    if not counted:
        return 0
    return max(sum(1 if char in alphabet else -1 for char in counted) for alphabet in _ALPHABETS)


def best_latin_charset(data: bytes) -> str:
    """The charset of CANDIDATES the bytes read best in; windows-1252 unless another gives at
    least MARGIN more letters of one language (a short text that reads alike either way stays
    Western)."""
    scores = {name: _language_score(data.decode(name, errors="replace")) for name in CANDIDATES}
    western, *others = CANDIDATES
    best = max(others, key=lambda name: scores[name])
    return best if scores[best] >= scores[western] + MARGIN else western
