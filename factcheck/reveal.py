"""Invisible characters made visible: bidi overrides, zero-width and other format characters in
names, titles, URLs and notes are shown as markers such as ⟨U+202E⟩, so they cannot hide text or
reorder what a reviewer reads around them.

`reveal` is for plain text (the CLI, Markdown and text reports, HTML attributes); `reveal_html`
is for a page: escaped, each marker explained, the whole value isolated in <bdi>. Stored values are
never changed: data exports keep them exact."""

import re
import unicodedata

from markupsafe import Markup, escape

from factcheck.text.scripts import script_of

# Format (bidi controls, zero-width characters, soft hyphen, ...), control and surrogate
# characters: none of them shows as itself.
HIDDEN_CATEGORIES = frozenset({"Cf", "Cc", "Cs"})
# Line breaks and tabs are layout, not hidden text.
KEPT_CONTROLS = frozenset("\t\n\r")
# Letters and signs that print as blank space though they are neither spaces nor format
# characters: the Hangul fillers and the braille blank. Outside old Hangul spelled letter by
# letter and braille, they are used to make text, a name or a rationale, look empty.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_BLANK_LETTER = re.compile("[" + "".join(sorted(BLANK_LETTERS)) + "]")


def is_hidden(ch: str) -> bool:
    if ch in BLANK_LETTERS:
        return True
    return (
        not ch.isprintable()
        and ch not in KEPT_CONTROLS
        and unicodedata.category(ch) in HIDDEN_CATEGORIES
    )


def _shows_as_itself(text: str) -> bool:
    """Whether no character of the text is hidden: the fast path of reveal and reveal_html."""
    return text.isprintable() and _BLANK_LETTER.search(text) is None


ZERO_WIDTH_JOINER = "\u200d"
ZERO_WIDTH_NON_JOINER = "\u200c"


# Scripts whose spelling uses the joiners: Arabic (Persian, Urdu, Kurdish), Syriac and the Indic
# scripts. In any other a joiner inside a word is hidden text ("Пу‌тин" found by no search).
_JOINING_SCRIPTS = frozenset(
    "ARABIC SYRIAC DEVANAGARI BENGALI GURMUKHI GUJARATI ORIYA TAMIL TELUGU KANNADA MALAYALAM"
    " SINHALA".split()
)


def _spelling_joiner(text: str, at: int) -> bool:
    """Whether the joiner at text[at] is part of how the words around it are written, not
    hidden text: a zero-width joiner inside an emoji sequence ("👩‍⚕️", a family), or either
    joiner between two letters of a script whose spelling uses them (Persian "می‌خواهم", Indic
    conjuncts)."""
    ch = text[at]
    if ch not in (ZERO_WIDTH_JOINER, ZERO_WIDTH_NON_JOINER) or not 0 < at < len(text) - 1:
        return False
    before, after = text[at - 1], text[at + 1]
    if ch == ZERO_WIDTH_JOINER and _pictographic(before) and _pictographic(after):
        return True
    # Before it, a letter or the mark that ends one (an Indic virama).
    lettered = before.isalpha() or unicodedata.category(before) in ("Mn", "Mc")
    return (
        lettered
        and after.isalpha()
        and script_of(before) == script_of(after)
        and script_of(before) in _JOINING_SCRIPTS
    )


def _pictographic(ch: str) -> bool:
    # A symbol (an emoji), or what closes one before a joiner: its variation selector or skin tone.
    return unicodedata.category(ch) == "So" or ch == "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff"


def is_marked(text: str, at: int) -> bool:
    """Whether text[at] is shown as a marker: a hidden character, unless it is a joiner that is
    part of the spelling around it."""
    return is_hidden(text[at]) and not _spelling_joiner(text, at)


def visible_only(text: str) -> str:
    """The text without its hidden characters, nor the marks that have no letter to sit on (a
    variation selector or a grapheme joiner on its own shows nothing), for counting what a
    reader sees of it."""
    kept: list[str] = []
    for ch in text:
        if is_hidden(ch):
            continue
        if unicodedata.category(ch)[0] == "M" and (not kept or kept[-1].isspace()):
            continue
        kept.append(ch)
    return "".join(kept)


def has_visible_text(value) -> bool:
    """Whether the text shows anything: some character that is neither a space nor hidden, nor
    a mark with no letter to sit on. Text made only of control, format, space and blank
    characters ("\\x00\\x01", a zero-width space, a Hangul filler) reads as empty, and is
    refused where empty text is."""
    return any(not ch.isspace() for ch in visible_only(_text(value)))


def marker(ch: str) -> str:
    """'⟨U+202E⟩' for one hidden character."""
    return f"⟨U+{ord(ch):04X}⟩"


def describe(ch: str) -> str:
    """What the marker stands for, for a tooltip or a screen reader."""
    name = unicodedata.name(ch, "") or {"Cc": "control character", "Cs": "unpaired surrogate"}.get(
        unicodedata.category(ch), "formatting character"
    )
    return f"invisible character U+{ord(ch):04X} {name.lower()}"


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def reveal(value) -> str:
    """The text with every hidden character replaced by its marker; other text unchanged."""
    text = _text(value)
    if _shows_as_itself(text):
        return text
    return "".join(marker(ch) if is_marked(text, at) else ch for at, ch in enumerate(text))


def reveal_html(value) -> Markup:
    """The text escaped for HTML, each hidden character as an explained marker, isolated in <bdi>
    so its direction cannot spill into the text around it. Markup we wrote ourselves passes
    through as it is."""
    if hasattr(value, "__html__"):
        return Markup(value)
    text = _text(value)
    if not text:
        return Markup("")
    if _shows_as_itself(text):
        return Markup("<bdi>%s</bdi>") % text
    pieces = []
    for at, ch in enumerate(text):
        if is_marked(text, at):
            label = describe(ch)
            pieces.append(
                Markup('<span class="hidden-char" role="img" aria-label="%s" title="%s">%s</span>')
                % (label, label, marker(ch))
            )
        else:
            pieces.append(escape(ch))
    return Markup("<bdi>%s</bdi>") % Markup("").join(pieces)
