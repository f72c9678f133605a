"""Split an article body into sentence-level units with offsets, sections, kinds and scores."""

import re
from typing import Final, NamedTuple

import sentencex

from factcheck.text.attribution import find_attribution, outside_quotes, quote_spans
from factcheck.text.boilerplate import classify_boilerplate, stripped_reason
from factcheck.text.checkworthiness import scored
from factcheck.text.furniture_runs import FurnitureRuns

DEFAULT_LANGUAGE: Final = "en"
LANGUAGE: Final = DEFAULT_LANGUAGE  # what the benchmarks' floor splits with
STANDFIRST_MAX_CHARS: Final = 320
# The headline limit publishing tools apply to structured data (Google's for AMP articles): a
# first line longer than this that reads as prose is a paragraph, not a headline.
HEADLINE_MAX_CHARS: Final = 110


class Unit(NamedTuple):
    """One unit of an article; a named tuple because an article makes hundreds of them."""

    seq: int  # 0-based position in document order
    start: int  # code-point offset into the body
    end: int  # body[start:end] == text
    text: str
    section: str  # 'headline' | 'standfirst' | 'body'
    kind: str  # 'claim' | 'not_a_claim'
    reason: str | None  # why a not_a_claim unit is not a claim
    attribution: str | None  # who made the statement: "he said", "according to the ministry"
    checkworthiness: float  # 0..1; 0.0 for non-claims
    reasons: tuple[str, ...]  # what raised or lowered the score, as words for reviewers


# A blank line (a newline, optional spaces, another newline) separates paragraphs.
_PARAGRAPH_BREAK: Final = re.compile(r"(\n[^\S\n]*\n(?:[^\S\n]*\n)*)")
_NON_SPACE: Final = re.compile(r"\S")
# Full stops, question and exclamation marks of the scripts news is written in: Latin, the
# ideographic and fullwidth ones (Chinese, Japanese), the danda (Hindi, Bengali, Nepali), Arabic
# and Urdu, Ethiopic, Myanmar, and the doubled ones; then closing quotation marks and brackets.
_SENTENCE_END_MARKS: Final = ".!?…。｡！？．؟۔।॥።፧။‼⁇⁈⁉"
_CLOSING_MARKS: Final = "\"'”’)\\]」』）】〕〉》"
_FINAL_PUNCTUATION: Final = re.compile(rf"[{_SENTENCE_END_MARKS}][{_CLOSING_MARKS}]*\s*$")
# A single newline inside a paragraph is a unit boundary unless the text runs on across it:
# the line ends mid-phrase (a comma, a dash, "of", "the") or the next line starts in lower case.
_LINE_RUNS_ON: Final = re.compile(
    r"(?:[,;:(/&\-–—]|\b(?:a|an|the|of|to|in|on|at|for|by|with|from|and|or|but|as|that|than"
    r"|into|about|over|after|before|under|between|his|her|its|their|our|is|are|was|were|has"
    r"|have|had|be|been|will|would|who|which))\s*$",
    re.IGNORECASE,
)
_NEXT_LINE_RUNS_ON: Final = re.compile(r"[^\S\n]*[a-z]")
_LIST_ITEM: Final = re.compile(r"[^\S\n]*(?:[-*•▪●·–—]\s|\d{1,3}[.)]\s)")
# A list marker on its own ("1.", "2.)", "b)", "• 4.", "⁃5."): it stays with the item after it.
_BULLETS: Final = "•⁃▪●·*"
_ENUMERATOR: Final = re.compile(rf"\s*[{_BULLETS}]?\s*(?:\d{{1,3}}|[a-z])(?:[.)]|\.\))\s*")
# A line that starts as a list ("1. ...", "a) ...", "• 4. ..."): later items on the same line
# ("... 2. ...") are cut where the count goes on, as a reader sees them.
_INLINE_LIST_START: Final = re.compile(r"\s*([•⁃▪●·*]?)\s*(\d{1,3}|[a-z])(?:[.)]|\.\))\s")
_INLINE_ITEM: Final = re.compile(r"\s([•⁃▪●·*]?)\s*(\d{1,3}|[a-z])(?:[.)]|\.\))\s")
# Titles that sentencex takes for a sentence end before a name ("Ms. Lind", "M. Bernard"), per
# language, as a cut sees them (with or without the space after).
_TITLES: Final = {
    language: tuple(f" {title}{space}" for title in titles.split() for space in ("", " "))
    for language, titles in {
        "en": "Ms. Cllr. Pte. Atty. Const.",
        "fr": "M. MM. Mgr. Me. Pr.",
        "de": "Hr. Fr. Abg.",
        "es": "Sra. Srta. Dña.",
    }.items()
}
# An English clock time runs on into a weekday or a time zone ("3 a.m. Sunday", "8 p.m. ET"),
# where sentencex ends the sentence at the capital; a cut after a.m. or p.m. is kept otherwise.
_CLOCK_ENDS: Final = tuple(
    f"{clock}{space}" for clock in ("a.m.", "p.m.", "A.M.", "P.M.") for space in ("", " ")
)
_AFTER_CLOCK: Final = re.compile(
    r"\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[ECMP][SD]?T|GMT|UTC|BST)\b"
)
_QUOTE_MARKS: Final = '"“”«»„'
# Sentence-final punctuation followed by a space, or an ideographic one (Chinese and Japanese
# put no space after it): only then can a quotation hold two sentences.
_SENTENCE_GAP: Final = re.compile(
    rf"[{_SENTENCE_END_MARKS}](?:[{_CLOSING_MARKS}]*\s|(?<=[。｡！？]))"
)


_new_unit: Final = tuple.__new__


def split_article(
    body: str, *, first_line_is_headline: bool = True, language: str = DEFAULT_LANGUAGE
) -> list[Unit]:
    """Split a normalised body into ordered units that cover every non-space character once.

    language (an ISO 639 code) chooses sentencex's rules, the attribution markers and the word
    lists of the score; a language without its own falls back to language-neutral signals."""
    units: list[Unit] = []
    runs = FurnitureRuns(body)
    # The quotation marks the article holds at all: each paragraph looks only for those.
    quote_marks = [mark for mark in _QUOTE_MARKS if mark in body]
    # The speaker of a quotation left open at a paragraph's end, which the next paragraph goes
    # on with when it opens with a quotation mark (as English prints a quotation over paragraphs).
    open_speaker: tuple[int, int] | None = None
    for block_start, block_end, section in _blocks(body, first_line_is_headline, language):
        # A list starts with a space, a bullet, a digit or a lower-case letter, never a capital.
        if body.find("\n", block_start, block_end) == -1 and (
            body[block_start].isupper()
            or not _INLINE_LIST_START.match(body, block_start, block_end)
        ):
            # The common paragraph: one line, no list.
            pieces = _one_line_pieces(body, block_start, block_end, language)
        else:
            spans = _sentence_spans(body, block_start, block_end, language)
            pieces = [(start, end, body[start:end]) for start, end in spans]
        # None: each sentence's attribution is its own, found as it is added.
        attributions = None
        quoted = False
        for mark in quote_marks:
            if body.find(mark, block_start, block_end) != -1:
                quoted = True
                break
        carried: tuple[int, int] | None = open_speaker
        open_speaker = None
        if quoted:
            block = body[block_start:block_end]
            quotes = quote_spans(block)
            if quotes:
                spans = [(start, end) for start, end, _ in pieces]
                spans = _split_quotations(body, block_start, quotes, spans, language)
                attributions, open_speaker = _attributions(
                    body, block_start, block, spans, quotes, language, carried
                )
                pieces = [(start, end, body[start:end]) for start, end in spans]
        _add_units(units, pieces, attributions, section, runs, language)
    return units


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """Paragraph ranges that contain some text, in order."""
    # Split with its group, the pattern gives paragraph, break, paragraph, ..., paragraph: the
    # pieces' lengths give the offsets without a match object for every break.
    pieces = _PARAGRAPH_BREAK.split(body)
    ranges = []
    start = 0
    for index in range(0, len(pieces) - 1, 2):
        text = pieces[index]
        end = start + len(text)
        if text and not text.isspace():
            ranges.append((start, end))
        start = end + len(pieces[index + 1])
    last = pieces[-1]
    if last and not last.isspace():
        ranges.append((start, len(body)))
    return ranges


def _blocks(body: str, first_line_is_headline: bool, language: str) -> list[tuple[int, int, str]]:
    """Paragraph ranges with their section: the headline is the first line, then a standfirst,
    unless that line is a paragraph (an article pasted without its headline)."""
    paragraphs = _paragraphs(body)
    if not first_line_is_headline or not paragraphs:
        return [(s, e, "body") for s, e in paragraphs]
    first_start, first_end = paragraphs[0]
    # A paragraph always holds a non-space character (_paragraphs skips blank stretches).
    first_text = _NON_SPACE.search(body, first_start, first_end)
    text_start = first_text.start() if first_text else first_start
    line_end = body.find("\n", text_start, first_end)
    if _is_paragraph_line(body, text_start, first_end if line_end == -1 else line_end, language):
        return [(s, e, "body") for s, e in paragraphs]
    blocks = []
    rest = paragraphs[1:]
    if line_end == -1:
        blocks.append((first_start, first_end, "headline"))
    else:
        blocks.append((first_start, line_end, "headline"))
        if _NON_SPACE.search(body, line_end, first_end):
            rest = [(line_end, first_end), *rest]
    if rest and _is_standfirst(body[rest[0][0] : rest[0][1]]):
        blocks.append((*rest[0], "standfirst"))
        rest = rest[1:]
    blocks.extend((s, e, "body") for s, e in rest)
    return blocks


def _is_paragraph_line(body: str, start: int, end: int, language: str) -> bool:
    """Whether a first line is prose rather than a headline: longer than any headline, and
    ending with sentence punctuation or holding more than one sentence. A short line is left a
    headline even so ("Markets tumble. Is a recession next?"), and so is a long one that is
    neither (a press release's title)."""
    line = body[start:end].rstrip()
    return len(line) > HEADLINE_MAX_CHARS and (
        _FINAL_PUNCTUATION.search(line) is not None
        or len(_sentence_spans(body, start, start + len(line), language)) > 1
    )


def _is_standfirst(text: str) -> bool:
    """A short paragraph without final punctuation that is not page furniture."""
    text = text.strip()
    return (
        len(text) <= STANDFIRST_MAX_CHARS
        and not _FINAL_PUNCTUATION.search(text)
        and classify_boilerplate(text) is None
    )


def _sentence_spans(body: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Stripped sentence ranges inside one paragraph, cut at its lines and list items
    (quotations are cut afterwards, by _split_quotations)."""
    cuts = []
    for segment_start, segment_end in _lines(body, start, end):
        for item_start, item_end in _list_items(body, segment_start, segment_end):
            cuts.extend(_sentencex_cuts(body, item_start, item_end, language))
            cuts.append(item_end)
    return _stripped_pieces(body, start, sorted(set(cuts)))


def _lines(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph at the single newlines that end a line of its own (see _LINE_RUNS_ON)."""
    segments = []
    segment_start = line_start = start
    newline = body.find("\n", start, end)
    while newline != -1:
        next_line = newline + 1
        runs_on = not _LIST_ITEM.match(body, next_line, end) and (
            _FINAL_PUNCTUATION.search(body, line_start, newline)
            or _LINE_RUNS_ON.search(body, line_start, newline)
            # Lower case carries a sentence over a line break, but lines that all start in
            # lower case ("timetable", "bus routes") are a list of labels.
            or (
                _NEXT_LINE_RUNS_ON.match(body, next_line, end) and not body[segment_start].islower()
            )
        )
        if not runs_on:
            segments.append((segment_start, newline))
            segment_start = next_line
        line_start = next_line
        newline = body.find("\n", next_line, end)
    segments.append((segment_start, end))
    return segments


def _list_items(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a line that starts as a numbered or lettered list, else the line itself.

    An item starts where the next number or letter in sequence follows a space, with the same
    bullet as the first item: "1. Tyres 2. Tank", "a) Tyres b) Tank", "• 4. Tyres • 5. Tank"."""
    first = _INLINE_LIST_START.match(body, start, end)
    if first is None:
        return [(start, end)]
    bullet, marker = first.groups()
    expected = _next_marker(marker)
    items = []
    item_start = start
    for found in _INLINE_ITEM.finditer(body, first.end(), end):
        if found.group(1) == bullet and found.group(2) == expected:
            items.append((item_start, found.start()))
            item_start = found.start() + 1
            expected = _next_marker(expected)
    items.append((item_start, end))
    return items


def _next_marker(marker: str) -> str:
    return str(int(marker) + 1) if marker.isdigit() else chr(ord(marker) + 1)


def _sentencex_cuts(body: str, start: int, end: int, language: str) -> list[int]:
    """Sentence ends that sentencex finds in body[start:end], as body offsets.

    Newlines are passed as spaces (_lines has already decided which ones end a unit), and a
    list number on its own ("1. ") stays with the item that follows it."""
    text = body[start:end].replace("\n", " ")
    length = len(text)
    titles = _TITLES.get(language)
    cuts = []
    previous = 0
    for cut in _sentence_ends(text, language):
        if _ENUMERATOR.fullmatch(text, previous, cut):
            continue
        if titles and text.endswith(titles, 0, cut) and cut < length:
            continue
        if _runs_on(text, cut, language):
            continue
        cuts.append(start + cut)
        previous = cut
    return cuts


# A German ordinal after a preposition joined to its article ("im 2. Halbjahr", "zum 10. Mal"):
# a sentence does not end on one, unless the next word opens a sentence (below). After an article
# alone it often does ("... landete auf dem 5. Viele Fans ..."), so "in der 2. Bundesliga" is cut
# as sentencex cuts it.
_GERMAN_ORDINAL: Final = re.compile(
    r"(?<![\w.])(?:im|am|vom|zum|zur|beim|ins|ans)\s+\d{1,3}\.\s*$", re.IGNORECASE
)

# A word that opens a German sentence rather than follows an ordinal (an article, a pronoun, a
# preposition with its article, a conjunction): "... im 3. Die Trainer ...".
_GERMAN_SENTENCE_START: Final = re.compile(
    r"\s*(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Einem|Einer|Er|Sie|Es|Wir|Ich|Ihr|Man|Dies"
    r"|Diese|Dieser|Dieses|Dabei|Damit|Danach|Dann|Doch|Aber|Und|Auch|So|Nun|Jetzt|Heute"
    r"|Sein|Seine|Seinen|Seinem|Seiner|Ihre|Ihren|Ihrem|Ihrer|Unser|Unsere|Mein|Meine|Im|Am"
    r"|Beim|Zum|Vom|Nach|Vor|Mit|Bei|Wie|Was|Wer|Wo|Als|Wenn|Weil|Obwohl|Trotzdem|Deshalb)\s"
)


def _runs_on(text: str, cut: int, language: str) -> bool:
    """Whether the sentence runs on over a cut of sentencex: in a clock time with its weekday or
    time zone, in a figure, or after a table's cell of one word cut short ("Player | Avg. |
    Runs")."""
    return (
        _clock_runs_on(text, cut, language)
        or _figure_runs_on(text, cut, language)
        or (
            _NEXT_CELL.match(text, cut) is not None
            and _SHORT_WORD_CELL.search(text, max(0, cut - 12), cut) is not None
        )
    )


def _figure_runs_on(text: str, cut: int, language: str) -> bool:
    """Whether a cut of sentencex falls inside a figure: after the full-width point of a decimal
    as Japanese and Chinese papers write it ("０．５％"), or after a German ordinal."""
    if cut < 2 or cut >= len(text):
        return False
    if text[cut - 1] == "．" and text[cut - 2].isdigit() and text[cut].isdigit():
        return True
    return (
        language == "de"
        and _GERMAN_ORDINAL.search(text, max(0, cut - 12), cut) is not None
        and _GERMAN_SENTENCE_START.match(text, cut) is None
    )


def _clock_runs_on(text: str, cut: int, language: str) -> bool:
    """Whether a cut of sentencex falls between a clock time and the weekday or time zone that
    goes with it."""
    return (
        language == "en"
        and text.endswith(_CLOCK_ENDS, 0, cut)
        and _AFTER_CLOCK.match(text, cut) is not None
    )


# A table's rows are imported as lines of cells parted by " | " (html_paragraphs). The first
# row of a table names its columns when its cells are a few words each, none a sentence, with no
# figure but years, and the row after it has at least as many cells: no claim.
_CELLS: Final = " | "
_NEXT_CELL: Final = re.compile(r"\s*\| ")
# A cell that is one word cut short ("Avg.", "No."): no sentence ends with it.
_SHORT_WORD_CELL: Final = re.compile(r"(?:^|\| )[^\W\d_]{1,5}\.\s*$")
# A digit after a letter is part of a label ("Q1", "H2", "FY24"), not a figure.
_FIGURE_BUT_A_YEAR: Final = re.compile(r"(?<![^\W_])(?!(?:1[89]|20)\d\d(?!\d))\d")
_HEADER_CELL_WORDS: Final = 4
TABLE_HEADER: Final = "Table header (the names of a table's columns)"


def _is_table_header(pieces: list[tuple[int, int, str]], index: int) -> bool:
    """Whether piece `index` is the first of a table's rows and names its columns."""
    text = pieces[index][2]
    if index + 1 >= len(pieces) or (index > 0 and _CELLS in pieces[index - 1][2]):
        return False
    cells = text.split(_CELLS)
    return (
        len(cells) > 1
        # Not fewer: a header's empty corner or a cell over two columns is imported as one cell.
        and len(pieces[index + 1][2].split(_CELLS)) >= len(cells)
        and all(0 < len(cell.split()) <= _HEADER_CELL_WORDS for cell in cells)
        # A sentence's end, but a word cut short ("Avg.", "No.") may end a cell.
        and not any(
            cell.rstrip()[-1:] in "!?" or (cell.rstrip()[-1:] == "." and len(cell.split()) > 1)
            for cell in cells
        )
        and _FIGURE_BUT_A_YEAR.search(text) is None
    )


# sentencex takes "May." for an abbreviation before most capitalised words ("affected since
# May. Residents said ..."), though the month's name is never shortened: it ends the sentence.
_MAY_END: Final = re.compile(r"(?<![\w.])May\.\s+(?=[A-Z])")
# sentencex ends a sentence at "..." before a capital, but not at "…", the one character most web
# text writes it with ("cost €4.5 million… Critics disagreed."); a capital must follow here too.
# One standing alone marks words left out ("dinner. … Our parents"), and ends nothing.
_ELLIPSIS_END: Final = re.compile(r"(?<=\S)…\s+(?=[^\W\d_])")


# An opening quotation mark that sentencex left at the end of a sentence, when the quotation it
# opens is not closed in the text ("He left. “Not once." gives "He left. “" and "Not once.").
_OPENING_LEFT_BEHIND: Final = re.compile(r"(?<=\s)[“«„\"]$")


# sentencex (1.0.32) panics on a space other than ASCII's before a full stop after a capital
# ("plan B\u00a0."): such spaces are given to it as plain spaces, one character for one, so the
# sentences it gives keep their lengths.
_SPACE_BEFORE_STOP: Final = re.compile(r"[^\S\x00-\x7f]+(?=\s*\.)")


def _without_spaces_sentencex_fails_on(text: str) -> str:
    if text.isascii() or _SPACE_BEFORE_STOP.search(text) is None:
        return text
    return _SPACE_BEFORE_STOP.sub(lambda spaces: " " * len(spaces.group()), text)


def _segment(language: str, text: str) -> list[str]:
    """sentencex's sentences of text (which together are the whole text), also ended after "…"
    before a capital and, in English, after the month "May"; an opening quotation mark starts
    the sentence it opens."""
    sentences: list[str] = sentencex.segment(language, _without_spaces_sentencex_fails_on(text))
    for index in range(len(sentences) - 1):
        left = _OPENING_LEFT_BEHIND.search(sentences[index])
        if left is not None and not sentences[index + 1][:1].isspace():
            sentences[index + 1] = left.group() + sentences[index + 1]
            sentences[index] = sentences[index][: left.start()]
    may = language == "en" and "May." in text
    if not may and "…" not in text:
        return sentences
    out: list[str] = []
    for sentence in sentences:
        cuts = [m.end() for m in _ELLIPSIS_END.finditer(sentence) if sentence[m.end()].isupper()]
        if may:
            cuts += [m.end() for m in _MAY_END.finditer(sentence)]
        last = 0
        for cut in sorted(cuts):
            out.append(sentence[last:cut])
            last = cut
        out.append(sentence[last:])
    return [sentence for sentence in out if sentence]


def _sentence_ends(text: str, language: str) -> list[int]:
    """Where sentencex ends each sentence of text.

    sentencex.segment gives the sentences themselves, which together are the whole text; their
    running lengths are the ends, got faster than from get_sentence_boundaries' dictionaries."""
    ends = []
    end = 0
    for sentence in _segment(language, text):
        end += len(sentence)
        ends.append(end)
    if end == len(text):
        return ends
    # Never seen, but should the sentences not add up to the text, ask for the boundaries.
    return [
        min(max(boundary["end_index"], 0), len(text))
        for boundary in sentencex.get_sentence_boundaries(
            language, _without_spaces_sentencex_fails_on(text)
        )
    ]


def _one_line_pieces(body: str, start: int, end: int, language: str) -> list[tuple[int, int, str]]:
    """The sentences of a paragraph of one line that is not a list, with their text: what
    _sentence_spans finds for it (the same cuts, kept or not as _sentencex_cuts keeps them),
    without going through its general steps."""
    text = body[start:end]
    length = len(text)
    sentences = _segment(language, text)
    if sum(map(len, sentences)) != length:
        return [(s, e, body[s:e]) for s, e in _sentence_spans(body, start, end, language)]
    titles = _TITLES.get(language)
    pieces = []
    previous = cut = 0
    for sentence in sentences:
        cut += len(sentence)
        piece = text[previous:cut].lstrip()
        # The paragraph's end is always a cut; before it, a list number on its own or a title
        # does not end a sentence. A list number is at most five characters after its bullet,
        # so most pieces skip the pattern.
        if cut < length and (
            (
                (len(piece) <= 5 or piece[5].isspace() or piece[0] in _BULLETS)
                and _ENUMERATOR.fullmatch(text, previous, cut)
            )
            or (titles and text.endswith(titles, 0, cut))
            or _runs_on(text, cut, language)
        ):
            continue
        if piece:
            piece_start = start + cut - len(piece)
            piece = piece.rstrip()
            pieces.append((piece_start, piece_start + len(piece), piece))
        previous = cut
    if previous < length:
        piece = text[previous:].lstrip()
        if piece:
            piece_start = start + length - len(piece)
            piece = piece.rstrip()
            pieces.append((piece_start, piece_start + len(piece), piece))
    return pieces


def _stripped_pieces(body: str, start: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The text between consecutive cuts, without surrounding whitespace, skipping blank pieces."""
    pieces = []
    previous = start
    for cut in cuts:
        if cut <= previous:
            continue
        piece = body[previous:cut]
        text = piece.lstrip()
        if text:
            piece_start = previous + len(piece) - len(text)
            pieces.append((piece_start, piece_start + len(text.rstrip())))
        previous = cut
    return pieces


def _split_quotations(
    body: str,
    start: int,
    quotes: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    language: str,
) -> list[tuple[int, int]]:
    """Cut each sentence at the sentence ends inside a quotation it contains."""
    in_body = [(start + quote_start, start + quote_end) for quote_start, quote_end in quotes]
    result = []
    for unit_start, unit_end in spans:
        cuts = []
        for quote_start, quote_end in in_body:
            # The inside of the quotation (after its opening mark) within the sentence; the
            # comparisons are max() and min() without the calls.
            inner_start = quote_start + 1 if quote_start >= unit_start else unit_start
            inner_end = quote_end if quote_end < unit_end else unit_end
            if inner_start < inner_end and _SENTENCE_GAP.search(body, inner_start, inner_end):
                # The last end is the end of the quotation itself, where the sentence goes on.
                cuts.extend(_sentencex_cuts(body, inner_start, inner_end, language)[:-1])
        if cuts:
            result.extend(_stripped_pieces(body, unit_start, [*sorted(set(cuts)), unit_end]))
        else:
            result.append((unit_start, unit_end))
    return result


# Marks that close a quotation ("“" closes a German one).
_QUOTATION_CLOSERS: Final = '”»"“'


def _attributions(
    body: str,
    start: int,
    block: str,
    spans: list[tuple[int, int]],
    quotes: list[tuple[int, int]],
    language: str,
    carried: tuple[int, int] | None = None,
) -> tuple[list[tuple[int, int] | None], tuple[int, int] | None]:
    """The attribution phrase of each sentence as body offsets, quoted sentences inheriting
    theirs, and the speaker of a quotation the block leaves open at its end. `carried` is the
    speaker of the quotation the block opens with, left open by the paragraph before, which
    it goes on with only when it is quotation and nothing else (“We,” Jones replied, “...” names
    its own speaker; “Fake news” is a phrase ... is no quotation going on)."""
    blanked = outside_quotes(block, quotes)
    if quotes and (quotes[0][0] != 0 or any(character.isalnum() for character in blanked)):
        carried = None
    own = []
    for unit_start, unit_end in spans:
        found = find_attribution(blanked[unit_start - start : unit_end - start], language)
        own.append(None if found is None else (unit_start + found[0], unit_start + found[1]))
    if not quotes:
        return own, None
    # A sentence without its own attribution takes the speaker named around the quotation it
    # touches; one that starts inside a quotation falls back to the paragraph's first speaker.
    touching = []
    paragraph_speaker = None
    for quote_start, quote_end in quotes:
        quote_start += start
        quote_end += start
        members = [i for i, (us, ue) in enumerate(spans) if us < quote_end and quote_start < ue]
        # The speaker is named by the last sentence touching the quotation, else the first,
        # else any of them.
        speaker = (own[members[-1]] or own[members[0]]) if members else None
        if speaker is None:
            speaker = next((own[i] for i in members if own[i]), None)
        if speaker is None and quote_start == start:
            speaker = carried
        if paragraph_speaker is None:
            paragraph_speaker = speaker
        touching.append((quote_start, quote_end, members, speaker))
    result = list(own)
    for quote_start, quote_end, members, speaker in touching:
        fallback = None if _led_in(block, quote_start - start) else paragraph_speaker
        for i in members:
            if result[i] is None:
                starts_inside = quote_start <= spans[i][0] < quote_end
                result[i] = speaker or (fallback if starts_inside else None)
    last_start, last_end, _, last_speaker = touching[-1]
    if _led_in(block, last_start - start):
        paragraph_speaker = None
    closed = last_end - last_start > 1 and block.rstrip()[-1:] in _QUOTATION_CLOSERS
    # An opening mark starts a word ('12" across' is no quotation).
    opens = last_start == start or not block[last_start - start - 1].isalnum()
    left_open = last_end - start == len(block) and not closed and opens
    return result, (last_speaker or paragraph_speaker if left_open else None)


def _led_in(block: str, quote_start: int) -> bool:
    """Whether a quotation follows a lead-in of its own ("The opposition hit back: “...”"):
    someone else's words, whoever the paragraph quoted before."""
    return block[:quote_start].rstrip().endswith((":", "："))


def _add_units(
    units: list[Unit],
    pieces: list[tuple[int, int, str]],
    attributions: list[tuple[int, int] | None] | None,
    section: str,
    runs: FurnitureRuns,
    language: str,
) -> None:
    """Classify and score each piece (start, end, text) and add it to units; attributions None
    means that each one's attribution is found in its own text (no quotations around)."""
    body = runs.body
    for index, (unit_start, unit_end, text) in enumerate(pieces):
        if attributions is None:
            own = find_attribution(text, language)
            attribution = None if own is None else text[own[0] : own[1]]
        else:
            found = attributions[index]
            attribution = None if found is None else body[found[0] : found[1]]
        # A unit is stripped (see _stripped_pieces); its lower case serves both tests.
        lower = text.lower()
        reason = stripped_reason(text, lower)
        if reason is not None or runs.active:
            reason = runs.reason(unit_start, text, reason)
        if reason is None and _CELLS in text and _is_table_header(pieces, index):
            reason = TABLE_HEADER
        if reason is None:
            value, reasons = scored(text, attribution, section, language, lower)
            kind = "claim"
        else:
            value, reasons, kind = 0.0, (), "not_a_claim"
        # In the order of Unit's fields: seq, start, end, text, section, kind, reason,
        # attribution, checkworthiness, reasons; tuple.__new__ skips the keyword handling.
        units.append(
            _new_unit(
                Unit,
                (
                    len(units),
                    unit_start,
                    unit_end,
                    text,
                    section,
                    kind,
                    reason,
                    attribution,
                    value,
                    reasons,
                ),
            )
        )
