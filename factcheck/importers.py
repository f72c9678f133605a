"""Text, HTML file and URL -> ImportedArticle: decoding, limits, article extraction, tidy body."""

import codecs
import datetime
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from factcheck.coded_errors import CodedError
from factcheck.network.fetch import (
    DEFAULT_POLICY,
    HTML_TYPES,
    FetchError,
    FetchPolicy,
    ResponseTooLarge,
    fetch,
)
from factcheck.text.article_chunks import apart_again, page_paragraphs, with_left_out_chunks
from factcheck.text.attribution import UPPER
from factcheck.text.boilerplate import BYLINE, OTHER_STAMP_WORD, WHOLE_MONTH, classify_boilerplate
from factcheck.text.byline_people import byline_people
from factcheck.text.html_paragraphs import article_paragraphs
from factcheck.text.language import checked_code, detect
from factcheck.text.latin_charsets import best_latin_charset
from factcheck.text.scripts import reading_length, script_of

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
FORMATS = ("text", "html")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_ARTICLE_CHARS = 150
# A title taken from the article's first line is cut there (with "…"): a text pasted without
# line breaks is all one line.
TITLE_MAX_CHARS = 200
CONTROL_SHARE_LIMIT = 0.05

_LINE_BREAKS = str.maketrans(
    {
        **dict.fromkeys(("\x0b", "\x0c", "\x85", "\u2028"), "\n"),
        # Invisible hints of where a line may break or not (soft hyphen, zero-width space, word
        # joiner, a byte-order mark inside the text): left in, they cut words in two for search
        # and matching. Joiners (ZWJ, ZWNJ) and direction marks change what is shown, and stay.
        **dict.fromkeys(("\u00ad", "\u200b", "\u2060", "\ufeff"), None),
    }
)
# Unicode category Cc apart from tab, line feed and carriage return.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Control characters, and the invisible marks that reorder text (embeddings, overrides and
# isolates): with them, the words shown differ from the words stored, quoted and exported.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes, which are only ever those characters in UTF-8.
_HTML_CONTROL_BYTES = bytes(code for code in range(128) if _HTML_CONTROL.match(chr(code)))
_BLANK_LINES = re.compile(r"\n{3,}")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class ImportRefused(CodedError):
    """An import that cannot go ahead, never words: `code` names the refusal ("import.empty_text",
    or a failed fetch's own code such as "http_status") and `facts` carries its details. The
    command line words it in factcheck/refusal_lines.py, the workbench in
    factcheck/views/import_words.py."""


# A word processor's Rich Text: its markup would be read as the article's words.
_RTF = "an RTF document (save it from the word processor as plain text)"
# How common binary formats begin, so that one renamed .html or .txt is named, not parsed.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
    (b"OggS", "an Ogg media file"),
)
_SNIFF_BYTES = 1024


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file this is ('a ZIP archive', ..., 'binary data'), or None for text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:8] == b"ftyp":
        return "a video or image file (MP4, MOV or HEIC)"
    if data[:64].lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{\\rtf"):
        return _RTF  # perhaps after a byte-order mark or blank lines
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data"
    return None


def _refuse_binary(data: bytes, expected: str, url: str | None = None) -> None:
    """Refuse a file or a fetched page (`url`) that holds a PDF, an image or other binary data."""
    kind = binary_kind(data)
    if kind is not None:
        facts = {"kind": kind, "expected": expected} | ({"url": url} if url else {})
        raise ImportRefused("import.binary_file", facts)


@dataclass
class ImportedArticle:
    title: str | None
    source_url: str | None
    publisher: str | None
    author: str | None
    published_date: str | None
    body: str
    import_format: str
    first_line_is_headline: bool
    language: str | None = None  # ISO 639 code; detected when the article is split if None


def tidy_text(text: str) -> str:
    """Newline line endings, NFC, no control characters, direction overrides, invisible break
    hints or trailing spaces, at most 1 blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text.translate(_LINE_BREAKS))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _check_size(data: bytes, max_bytes: int, what: str = "text") -> None:
    """Refuse more than `max_bytes` of `what` ("text", or "page": an HTML page's markup and
    scripts count, not only its article)."""
    if len(data) > max_bytes:
        raise ImportRefused("import.too_large", {"limit": max_bytes, "what": what})


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with a BOM; refuse anything else or binary data."""
    _refuse_binary(data, "text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif b"\x00" in data:
        raise ImportRefused("import.binary_text")
    else:
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        encoding = codec.removesuffix("-sig").upper()
        before = data[: error.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        raise ImportRefused(
            "import.bad_encoding", {"encoding": encoding, "position": error.start, "line": line}
        ) from None
    controls = len(_CONTROL_CHARACTERS.findall(text))
    if "\x00" in text or controls > CONTROL_SHARE_LIMIT * len(text):
        raise ImportRefused("import.binary_text")
    return text


def from_text(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedArticle:
    """A plain-text article; its first non-empty line is the headline."""
    _check_size(data, max_bytes)
    return _text_article(decode_text(data))


def from_decoded_text(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedArticle:
    """A plain-text article from text that is no file (a JSON or CSV record's body): nothing to
    decode or sniff for binary data, and its control characters are dropped as in any text."""
    _check_size(text.encode("utf-8"), max_bytes)
    return _text_article(text)


def _text_article(text: str) -> ImportedArticle:
    body = tidy_text(text)
    if not body:
        raise ImportRefused("import.empty_text")
    if not any(character.isalpha() for character in body):
        raise ImportRefused("import.no_words")
    return ImportedArticle(
        _first_line(body), None, None, byline_author(body), None, body, "text", True
    )


def byline_author(body: str) -> str | None:
    """Who wrote a pasted article, from a byline among its first lines ("By Mara Lindqvist",
    "By Jo Ames and Li Wei, Harbour Reporters", "BY JANE DOE in Washington"): the people it
    names, without what follows them (a title, a place, a reading time)."""
    for line in body.split("\n", _BYLINE_LINES)[:_BYLINE_LINES]:
        stripped = line.strip()
        found = _BYLINE.match(stripped)
        # Only a line set aside as a byline: "By Sunday, the fire had burned 4,000 hectares." is
        # the story's first sentence, not its author.
        if found and classify_boilerplate(stripped) == BYLINE:
            # Never read surname first: "By Agencies, Dhaka" and "By Jane Doe, London" give
            # a place after the comma far more often than "By Doe, Jane" a given name.
            names = _AFTER_THE_NAMES.split(stripped[found.end() :], maxsplit=1)[0]
            return byline_people(names)
    return None


# A byline line: "By" or "Written by" (or "Von", "Por", "Par", "Door", "Di") and a capitalised
# name; the names end where a title, a place or a note starts ("By Jane Doe in Washington", "...
# – Health Editor", "... · 5 min read", "..., Harbour Reporters", "... / March 3, 2024"), or the
# word saying when ("By Jane Doe Updated 5:30 PM EST", "... Last updated 3 hours ago", "Par Jean
# Dupont Mis à jour le 03/03/2024"), or a date ("By Jane Doe March 3, 2024", "Von Anna Schmidt
# 3. März 2024").
_BYLINE_LINES = 6
_BYLINE = re.compile(
    rf"(?:[Ww]ritten\s+|[Ww]ords\s+)?(?:[Bb]y|BY|Von|Por|Par|Door|[Dd]i)\s+(?={UPPER})"
)
_MONTH_NAME = f"(?i:{WHOLE_MONTH})"
_AFTER_THE_NAMES = re.compile(
    r"\s+(?:in|at|for|from)\s+|\s*[,/–—|·•]\s*|\s+-\s+"
    r"|\s+(?=(?i:(?:last\s+|first\s+)?(?:updated|published|posted|modified))\b)"
    rf"|\s+(?=(?i:{OTHER_STAMP_WORD}))"
    # "By Theresa May 12 March 2024": a month before a day and a month is a surname.
    rf"|\s+(?=(?:(?i:le|el|am)\s+)?\d|{_MONTH_NAME}\s+\d(?!\d?\.?\s+{_MONTH_NAME}))"
    # A weekday's short form with its mark ("By Jane Doe Tue, March 3"), but for those that are
    # surnames too ("By Lena H. Sun, March 3, 2024", "Nguyen Thi Thu").
    r"|\s+(?=(?i:mon|tues?|wed|thurs?|fri)[.,])"
)


def _html_charset(data: bytes, declared: str | None) -> str | None:
    """The charset to decode with: BOM, then the HTTP header, then a <meta> tag."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    candidates = [declared]
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii"))
    for name in candidates:
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        # As browsers do: Latin-1 and ASCII labels mean windows-1252, and a <meta> cannot
        # honestly declare UTF-16 in a document that was readable enough to find it.
        if codec in ("latin_1", "ascii", "iso8859-1"):
            return "cp1252"
        return "utf-8" if codec.startswith("utf-16") else codec
    return None


def _is_utf8_with_accents(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 holding more than ASCII: text in a legacy charset next
    to never is, so such a page is UTF-8 whatever its server or template declares."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML document by its declared charset, else UTF-8, else windows-1252; valid
    UTF-8 with accents is read as UTF-8 even when a legacy charset is declared."""
    charset = _html_charset(data, declared)
    if charset not in (None, "utf-8", "utf-8-sig", "utf-16") and _is_utf8_with_accents(data):
        charset = "utf-8"
    if charset in (None, "utf-8"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _not_utf8_after_all(data)
    else:
        text = data.decode(charset, errors="replace")
    return _without_html_controls(text)


# Enough of a page to tell its charset by.
LEGACY_SAMPLE_BYTES = 200_000
# A guessed charset is taken when it reads at least this many letters beyond ASCII, nearly all
# of a script other than Latin.
LEGACY_MIN_LETTERS = 10
OTHER_SCRIPT_SHARE = 0.9
# A character that valid UTF-8 gave: neither ASCII nor the mark of a broken byte.
_BEYOND_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _not_utf8_after_all(data: bytes) -> str:
    """A page that is not valid UTF-8, whether or not it says it is. When more of it is broken
    than reads as UTF-8, read in the legacy charset its bytes show when that is a script other
    than Latin (a Chinese, Japanese, Korean or Cyrillic page saved without its charset) or a
    Latin charset other than Western (a Polish, Czech, Hungarian or Turkish one); else
    as UTF-8 with each byte that is not read as windows-1252: a UTF-8 page with a footer saved
    by an older template keeps both, and a Western legacy page under a template's or server's
    wrong label keeps its letters ("€150", not "�150")."""
    as_utf8 = data.decode("utf-8", errors="replace")
    readable = len(_BEYOND_ASCII.findall(as_utf8))
    if as_utf8.count("\ufffd") > readable:
        legacy = _legacy_charset(data) or best_latin_charset(data[:LEGACY_SAMPLE_BYTES])
        if legacy != "cp1252":
            return data.decode(legacy, errors="replace")
    return data.decode("utf-8", errors=_WINDOWS_1252_BYTES)


def _as_windows_1252(error: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


_WINDOWS_1252_BYTES = "factcheck-windows-1252-bytes"
codecs.register_error(_WINDOWS_1252_BYTES, _as_windows_1252)


def _legacy_charset(data: bytes) -> str | None:
    """The charset a page's bytes read best in (charset_normalizer's guess) when that reads them
    as a script other than Latin (Chinese, Japanese, Korean, Cyrillic, Greek, Arabic, Hebrew,
    Thai...), whose letters are not to be had from windows-1252; else None, since a guess among
    the Latin charsets is unsure on a short page and the Western letters and the euro sign are
    the likeliest ("€150" guessed as Baltic reads "Ć150")."""
    from charset_normalizer import from_bytes

    sample = data[:LEGACY_SAMPLE_BYTES]
    best = from_bytes(sample).best()
    if best is None:
        return None
    decoded = sample.decode(best.encoding, errors="replace")
    letters = [c for c in decoded if ord(c) > 127 and c.isalpha()]
    other_script = sum(1 for c in letters if script_of(c) != "LATIN")
    if len(letters) >= LEGACY_MIN_LETTERS and other_script >= OTHER_SCRIPT_SHARE * len(letters):
        return best.encoding
    return None


def _without_html_controls(text: str) -> str:
    """The text without the control characters HTML has no use for (tab, line feed and carriage
    return stay). Most pages have none, which a pass over their UTF-8 bytes in C finds several
    times quicker than the pattern's search over the text."""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, _HTML_CONTROL_BYTES)) == len(encoded):
        return text
    return _HTML_CONTROL.sub("", text)


def _first_line(body: str, limit: int = TITLE_MAX_CHARS) -> str:
    line = body.split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _iso_date(value: str | None) -> str | None:
    try:
        return datetime.date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


# The calendar runs furthest ahead at UTC+14 (Kiribati).
_AHEAD_OF_UTC = datetime.timedelta(hours=14)
# The bound htmldate is given: a page's date is read whole up to then, never cut to its year
# and month (2026-12-01 for a 2026-12-07 past htmldate's bound: a day the page never gave).
_FAR_DATE = "2999-12-31"


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def latest_page_date(now: datetime.datetime) -> datetime.date:
    """The latest date a page can truly carry at `now` (an aware time): the local date of the
    time zone furthest ahead."""
    return (now.astimezone(datetime.UTC) + _AHEAD_OF_UTC).date()


def _page_date(value: str | None, page: str, url: str | None) -> str | None:
    """The page's date (YYYY-MM-DD). One later than any place's today is an event's (in the
    address or before the byline) or the page's error: the page is read again for the latest
    date up to today, as htmldate reads with that bound, but for the 1st of the later date's
    month, which htmldate makes of a date past its bound (a day the page never gave)."""
    date = _iso_date(value)
    latest = latest_page_date(_utc_now()).isoformat()
    if date is None or date <= latest:
        return date
    from htmldate import find_date

    earlier = _iso_date(
        find_date(page, original_date=True, extensive_search=False, max_date=latest, url=url)
    )
    return None if earlier is None or earlier == date[:8] + "01" else earlier


# Reasons of furniture that ends a page (a copyright line or a date may belong to the article).
_TRAILING_FURNITURE = re.compile(r"Call to subscribe|Cross-promotion line|Sharing or page button")


def without_trailing_furniture(paragraphs: list[str]) -> list[str]:
    """The paragraphs without those at the end that are page furniture through and through
    ("Subscribe to our newsletters", "Follow her on Twitter"): the article has ended there.
    Furniture between paragraphs of the article stays, marked as not a claim."""
    from factcheck.text.splitting import split_article

    end = len(paragraphs)
    while end > 1:
        units = split_article(paragraphs[end - 1], first_line_is_headline=False)
        if not units or not all(_TRAILING_FURNITURE.match(unit.reason or "") for unit in units):
            break
        end -= 1
    return paragraphs[:end]


def _extract(page, url, page_paragraphs=()):
    """trafilatura's document for a page (markup or a parsed tree) and the body we keep of it;
    `page_paragraphs` (article_chunks.page_paragraphs) lets the story's left-out blocks back in."""
    import trafilatura  # takes a moment to load: plain-text imports never need it
    from trafilatura.settings import Document, set_date_params

    document = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_links=True,
        with_metadata=True,
        # The date the page's markup gives, never one guessed from a year in its text ("rose in
        # 2022", "Copyright 2026", an embedded post's date), which reports and ClaimReview would
        # publish as when the article appeared: an editor adds a missing one.
        # Its latest date is checked here: htmldate's own (the machine's today) refuses a page
        # dated tomorrow in Sydney or Tokyo in the European evening, and then gives the 1st of
        # the month the page's date is in.
        date_extraction_params={**set_date_params(extensive=False), "max_date": _FAR_DATE},
    )
    # A Document unless as_dict is asked for; the annotation also allows a dict.
    if not isinstance(document, Document) or document.body is None:
        return document, ""
    page = list(page_paragraphs)
    paragraphs = article_paragraphs(document.body, document.title)
    paragraphs = with_left_out_chunks(apart_again(paragraphs, page, document.title), page)
    return document, tidy_text("\n\n".join(without_trailing_furniture(paragraphs)))


def _article_from_html(data: bytes, url, encoding, import_format, max_bytes) -> ImportedArticle:
    _check_size(data, max_bytes, "page")
    # A page fetched from an address is told apart from an uploaded file: a PDF its server calls
    # a web page is refused in words about the address.
    _refuse_binary(data, "html", url if import_format == "url" else None)
    html = decode_html(data, encoding)
    if not html.strip():
        raise ImportRefused("import.empty_html")
    from factcheck.text.embedded_posts import keep_embedded_posts
    from factcheck.text.hidden_html import visible_tree
    from factcheck.text.superscripts import read_superscripts

    tree = visible_tree(html)
    paragraphs = []
    if tree is not None:
        keep_embedded_posts(tree)
        read_superscripts(tree)
        paragraphs = page_paragraphs(tree)
    document, body = _extract(html if tree is None else tree, url, paragraphs)
    # Chinese and Japanese say as much in half the characters.
    if reading_length(body) < MIN_ARTICLE_CHARS and tree is not None:
        # A page that keeps its whole article out of sight until a script shows it.
        document, body = _extract(html, url)
    if reading_length(body) < MIN_ARTICLE_CHARS:
        raise ImportRefused("import.no_article", {"chars": len(body), "least": MIN_ARTICLE_CHARS})
    return ImportedArticle(
        # A page without a <title> is named by its first line, as a text import is.
        title=tidy_text(document.title or "") or _first_line(body),
        # The text's own words decide; the language the page declares when they cannot tell
        # (too short, or a language without word lists here).
        language=detect(body) or _declared_language(tree),
        # A fetched page is kept by its own address for itself, not the short link or the
        # tracking address a redirect gave; a given address wins over a file's.
        source_url=(
            article_address(url, _canonical_link(tree)) if import_format == "url" and url else url
        )
        or document.url,
        publisher=document.sitename or None,
        # The page's metadata names its author, else a byline among the article's first lines.
        author=byline_people(document.author, document.sitename, body) or byline_author(body),
        published_date=_page_date(document.date, html, url),
        body=body,
        import_format=import_format,
        first_line_is_headline=False,
    )


def _canonical_link(tree) -> str | None:
    """The address the page names as its own: <link rel=canonical>, else og:url (never the
    <base> or another language's version, which trafilatura's document.url may be)."""
    if tree is None:
        return None
    for path in (
        './/head//link[@rel="canonical"]/@href',
        './/head//meta[@property="og:url"]/@content',
    ):
        for address in tree.xpath(path):
            if str(address).strip():
                return str(address).strip()
    return None


def _declared_language(tree) -> str | None:
    """The language of <html lang="..."> as an ISO 639 code ("pt" of "pt-BR"), if it is one."""
    if tree is None:
        return None
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    try:
        return checked_code(declared)
    except ValueError:
        return None


def from_html(
    data: bytes,
    *,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> ImportedArticle:
    """An article from an HTML page; encoding is the HTTP header's charset when known."""
    return _article_from_html(data, url, encoding, "html", max_bytes)


# Query parameters that say where a reader came from, never which page: utm_source and its
# kin, and the click ids of ad and mail services.
_TRACKING_PARAMETER = re.compile(
    r"utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id"
    r"|mc_cid|mc_eid|igshid|mkt_tok|_ga|_gl|xtor|at_(?:medium|campaign|custom\d*|link_\w+)"
    r"|cmp|cmpid|smid|ocid|ncid|guccounter|guce_\w+",
    re.IGNORECASE,
)


def without_tracking(url: str) -> str:
    """The address without its tracking parameters; the others stay as they were written."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and not _TRACKING_PARAMETER.fullmatch(unquote(piece.split("=", 1)[0]))
    ]
    return urlunsplit(parts._replace(query="&".join(kept)))


def _site(url: str) -> str | None:
    """The registrable domain ("bbc.co.uk" of news.bbc.co.uk; "user.github.io" stays whole),
    else the host (an address or a name under no known suffix)."""
    from courlan.urlutils import extract_domain  # trafilatura's own, with the suffix list

    return extract_domain(url) or urlsplit(url).hostname


def article_address(fetched: str, canonical: str | None) -> str:
    """The address an article imported from `fetched` (where its redirects ended) is kept by,
    without tracking parameters ("?utm_source=twitter"): the page's canonical address
    (<link rel=canonical>, og:url) where it names the same article (_names_the_same), as an AMP
    or mobile page's does, else the fetched one."""
    try:
        if canonical:
            named = urljoin(fetched, canonical.strip()).split("#", 1)[0]
            if _names_the_same(named, fetched):
                return without_tracking(named)
        return without_tracking(fetched)
    except ValueError:  # an address urllib cannot take apart ("http://[::1")
        return fetched


# What an AMP or mobile version adds to its article's address ("/amp", "story.amp.html").
_AMP_ENDING = re.compile(r"(?:[./-]amp(?:\.html?)?(?:/\d+)?|/index\.html?)$", re.IGNORECASE)


def _slug(path: str) -> str:
    return _AMP_ENDING.sub("", unquote(path).rstrip("/")).rsplit("/", 1)[-1].lower()


def _names_the_same(canonical: str, fetched: str) -> bool:
    """Whether a page's canonical address names the article fetched: a web address of the same
    site (registrable domain), no less secure, with no credentials, ending with the same name
    (an AMP or mobile page's "/amp" and "index.html" aside) and keeping what the fetched
    address's query chooses ("?id=4521"). Not the home page, a section or tag page, "/404",
    "/undefined" or a template's "{{slug}}" that some sites name as every page's canonical
    address."""
    named, got = urlsplit(canonical), urlsplit(fetched)
    site = _site(canonical)
    if named.scheme.lower() not in ("http", "https") or named.username or named.password:
        return False
    if site is None or site != _site(fetched) or (got.scheme == "https" != named.scheme):
        return False
    slug = _slug(named.path)
    if not slug or slug != _slug(got.path):
        return False
    # A query beside a slug of words ("budget-vote/?outputType=amp") does not choose the article;
    # beside a script's name ("article.php?id=4521") it does.
    chosen = set(urlsplit(without_tracking(fetched)).query.split("&")) - {""}
    return bool(re.search(r"[-_]", slug)) or chosen <= set(named.query.split("&"))


def from_url(
    url: str, *, policy: FetchPolicy = DEFAULT_POLICY, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportedArticle:
    """Fetch a web page safely and import its article."""
    try:
        page = fetch(url, policy=policy, accept=HTML_TYPES, max_bytes=max_bytes)
    except ResponseTooLarge as error:
        raise ImportRefused("import.too_large", {"limit": max_bytes, "url": url}) from error
    except FetchError as error:
        raise ImportRefused(error.code, error.facts) from error
    return _article_from_html(page.body, page.url, page.encoding, "url", max_bytes)


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes:
    """Up to one byte past the limit, a megabyte at a time: read(max_bytes + 1) would ask for all
    of that memory up front, even for a small file."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def open_path(source: str) -> BinaryIO:
    """Open a file to read; a missing, unreadable or unnameable one is refused with the reason."""
    try:
        return Path(source).open("rb")
    except FileNotFoundError:
        raise ImportRefused("import.no_file", {"path": source}) from None
    except IsADirectoryError:
        raise ImportRefused("import.is_folder", {"path": source}) from None
    except PermissionError:
        raise ImportRefused("import.unreadable", {"path": source}) from None
    except OSError as error:
        raise ImportRefused(
            "import.unreadable", {"path": source[:200], "detail": error.strerror}
        ) from None


def _read_path(source: str, max_bytes: int) -> bytes:
    with open_path(source) as stream:
        return read_capped(stream, max_bytes)


def is_folder(source: str) -> bool:
    """Whether a source names a folder; a name the system cannot look up is not one, nor an
    empty one (which Path reads as the current folder)."""
    if source == "-" or not source.strip():
        return False
    try:
        return Path(source).is_dir()
    except OSError:
        return False


def looks_like_html(data: bytes) -> bool:
    start = data.removeprefix(codecs.BOM_UTF8).lstrip()[:64].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def load(
    source: str,
    *,
    format: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    policy: FetchPolicy = DEFAULT_POLICY,
) -> ImportedArticle:
    """Import from a path, an http(s) URL, or "-" for stdin; format overrides detection."""
    if format is not None and format not in FORMATS:
        raise ImportRefused("import.unknown_format", {"given": format, "formats": list(FORMATS)})
    if _URL_SCHEME.match(source):
        if not source.lower().startswith(("http://", "https://")):
            raise ImportRefused("import.not_web_link")
        if format == "text":
            raise ImportRefused("import.link_as_text")
        return from_url(source, policy=policy, max_bytes=max_bytes)
    if source == "-":
        data = read_capped(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        is_html = looks_like_html(data)
    else:
        data = _read_path(source, max_bytes)
        is_html = source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data)
    if format == "html" or (format is None and is_html):
        return from_html(data, max_bytes=max_bytes)
    return from_text(data, max_bytes=max_bytes)
