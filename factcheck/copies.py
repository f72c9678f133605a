"""Copies of evidence pages: the text of a fetched or uploaded copy, a reviewer's own file checked
by its content (never by its name or the type the browser claims), and public web archive
addresses."""

import functools
import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from factcheck import importers
from factcheck.network.fetch import HTML_TYPES
from factcheck.network.urls import UrlProblem, clean_web_url
from factcheck.shared_words import url_problem_words
from factcheck.text.article_chunks import page_paragraphs, with_left_out_chunks

MAX_COPY_BYTES = 10 * 1024 * 1024

#: The file name extension of each type a copy may have (downloads and bundles name files by it).
COPY_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "text/plain": "txt",
}

#: Hosts of public web archives whose copies may stand in for an evidence page (and subdomains).
WEB_ARCHIVE_HOSTS = (
    "web.archive.org",
    "archive.org",
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.md",
    "ghostarchive.org",
    "perma.cc",
    "arquivo.pt",
    "webarchive.org.uk",
    "webarchive.nationalarchives.gov.uk",
    "webarchive.loc.gov",
)

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!doctype\s+html|<html|<head|<body|<meta|<title)",
    re.IGNORECASE | re.DOTALL,
)
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
# A browser's "Webpage, Single File" (.mhtml, .mht): a MIME message of the page and its parts.
# Its header lines may be folded onto lines that start with a space or a tab, as a browser
# folds a long or non-ASCII title ("Subject: =?utf-8?Q?...?=").
_MHTML = re.compile(rb"^\s*(?:(?:[\w-]+:|[ \t])[^\n]*\n)*?MIME-Version:", re.IGNORECASE)


class CopyRefused(Exception):
    """An own copy that cannot be kept; str() says what is wrong and what to do."""


@dataclass
class Copy:
    """An uploaded file that may be kept as a copy: its bytes, their type and their sha256."""

    data: bytes
    content_type: str
    sha256: str


def content_type_of(data: bytes) -> str | None:
    """The type of an uploaded file as its first bytes show it: application/pdf, image/png,
    image/jpeg, image/gif, image/webp or text/html; None for anything else (SVG included, since
    it can carry script)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    for signature, content_type in _IMAGES:
        if data.startswith(signature):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:4096]
    if data.startswith(_UTF16_MARKS):
        # Saved as UTF-16 (with its byte-order mark), as some editors do: read as text to look.
        head = head[: len(head) // 2 * 2].decode("utf-16", "replace").encode("utf-8")
    if b"\x00" not in head and _HTML_START.match(head) and b"<svg" not in head[:200].lower():
        return "text/html"
    return None


def fetched_type(body: bytes, declared: str) -> str:
    """The type a fetched page is kept and read as: a PDF or a picture as its first bytes show it
    (a server may call a screenshot "text/html"), anything else as the server declared it."""
    shown = content_type_of(body)
    return shown if shown is not None and shown != "text/html" else declared


def title_and_text(body: bytes, content_type: str, encoding: str | None, url: str | None):
    """The title and main text of a copy, as far as they can be read: the article of an HTML
    page, the whole of a plain text file, nothing for PDFs and images."""
    if content_type in HTML_TYPES:
        return _html_title_and_text(importers.decode_html(body, encoding), url)
    if content_type == "text/plain":
        return None, importers.decode_text(body)
    return None, None


def _html_title_and_text(html: str, url: str | None) -> tuple[str | None, str | None]:
    """trafilatura's article text and the page's title. Its full metadata (author, date, site
    name, tags) would cost about a third of the extraction, and a copy keeps only the title: that
    is read the way trafilatura's metadata reads it (meta tags, then JSON-LD, then the page's
    headings and <title>), from the tree the text is extracted from, parsed once."""
    from trafilatura import bare_extraction
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None, None
    # bare_extraction works on its own copy of the tree, so the title and paragraphs are read
    # from the page as it came.
    document = bare_extraction(tree, options=_extraction_options(url))
    if not isinstance(document, Document):  # None; a dict only when as_dict is asked for
        return None, None
    text = document.text
    if text:  # a quote from a later block of a story cut into blocks is looked up too
        text = "\n".join(with_left_out_chunks(text.split("\n"), page_paragraphs(tree)))
    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura's JSON-LD reader fails on some malformed data; it skips it too
        pass
    metadata.title = metadata.title or extract_title(tree)
    metadata.clean_and_trim()  # entities, spaces and length, as trafilatura leaves its metadata
    return metadata.title, text


@functools.cache
def _default_extraction_options():
    from trafilatura.settings import Extractor

    # fast: no second opinion from readability and justext. On the 60 real pages of
    # extraction-dev it kept the same text on 59 and less page furniture on the 60th (mean
    # precision 0.940 -> 0.953, recall 0.977 on both, the same quote checks of the true
    # sentences), at about a quarter less CPU; benchmarks/RESULTS.md has the figures.
    return Extractor(output_format="python", comments=False, with_metadata=False, fast=True)


def _extraction_options(url: str | None):
    """The options bare_extraction(url=url, include_comments=False, with_metadata=False,
    fast=True) would make for itself, copied from one made once: making them reads trafilatura's
    settings anew each time. (The date limit they also hold is for metadata, which is not
    extracted.)"""
    default = _default_extraction_options()
    # What copy.copy(default) makes, slot by slot: copy.copy goes through __reduce_ex__ for a
    # class with __slots__, at about twice the cost.
    options = object.__new__(type(default))
    for name in type(default).__slots__:
        setattr(options, name, getattr(default, name))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def check_upload(data: bytes) -> Copy:
    """Check an uploaded copy by its size and first bytes; its text is read apart from this (see
    read_later)."""
    if not data:
        raise CopyRefused("the file is empty; choose the saved page, PDF or screenshot")
    if len(data) > MAX_COPY_BYTES:
        raise CopyRefused(
            f"the file is larger than {MAX_COPY_BYTES // (1024 * 1024)} MB; save a smaller copy"
            " (a PDF of the page, or a screenshot of the passage)"
        )
    content_type = content_type_of(data)
    if content_type is None and _MHTML.match(data[:4096]) and b"multipart/related" in data[:4096]:
        raise CopyRefused(
            "this is a web page saved as a single file (MHTML), which is not kept as it is; save"
            ' the page as "Webpage, HTML only", or print it to PDF, and upload that'
        )
    if content_type is None:
        kind = importers.binary_kind(data)
        shown = (
            f"it looks like {kind}" if kind else "it does not look like a PDF, image or HTML page"
        )
        raise CopyRefused(f"{shown}; upload a PDF, a PNG, JPEG, GIF or WebP image, or an HTML file")
    return Copy(data, content_type, hashlib.sha256(data).hexdigest())


def read_later(content_type: str) -> bool:
    """Whether reading a copy's text is work for a background job (an HTML page's extraction
    takes about a second a megabyte), rather than nothing at all (PDFs and images)."""
    return content_type in HTML_TYPES


def check_web_archive_url(
    address: str, extra_hosts: tuple[str, ...] = (), *, of_page: str | None = None
) -> str:
    """The address of a copy in a public web archive, cleaned; refused when it is not one, or
    when it names the page it copies (as web.archive.org/web/2026/https://… does) and that is
    not `of_page`, the evidence's own address."""
    address = (address or "").strip()
    if not address:
        raise CopyRefused("give the address of the copy, e.g. https://web.archive.org/web/…")
    try:
        address = clean_web_url(address)
    except UrlProblem as problem:
        if problem.problem == "scheme":
            raise CopyRefused("the copy's address must start with https:// (or http://)") from None
        words = url_problem_words({**problem.facts, "problem": problem.problem})
        raise CopyRefused(f"{words}; copy the address of the archived copy again") from None
    parts = urlsplit(address)
    host = (parts.hostname or "").rstrip(".")  # urlsplit gives it in lower case
    if not _on_hosts(host, WEB_ARCHIVE_HOSTS + tuple(extra_hosts)):
        raise CopyRefused(
            f"the copy's address is on {host}, which is not a public web archive the workbench"
            " knows (such as web.archive.org or archive.ph); upload the copy as a file instead"
        )
    if (host in ("archive.org", "www.archive.org") and _UPLOADED_ITEM.match(parts.path)) or (
        host.endswith(".us.archive.org")
    ):
        raise CopyRefused(
            "this is a file someone uploaded to archive.org, not the archive's capture of a web"
            " page; give the address of its capture (https://web.archive.org/web/…)"
        )
    original = _ORIGINAL.search(address[len(f"{parts.scheme}://{parts.netloc}") :])
    if of_page and original and _page_key(original.group(0)) != _page_key(of_page):
        shown = _page_key(original.group(0))
        raise CopyRefused(
            f"this is the archive's copy of {shown}, not of {_page_key(of_page)}; give the"
            " address of its copy of the evidence page itself"
        )
    return address


# archive.org's items (files anyone may upload), as opposed to web.archive.org's captures; their
# files are also served from the item servers, *.us.archive.org.
_UPLOADED_ITEM = re.compile(r"/+(?:download|details|compress|stream|embed)/", re.IGNORECASE)


def _on_hosts(host: str, hosts: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == known or host.endswith("." + known) for known in hosts)


def left_the_archive(
    archive_url: str, final_url: str, extra_hosts: tuple[str, ...] = ()
) -> str | None:
    """The host a web archive's address led to when that is neither the archive it names nor
    another public web archive, built in or one of `extra_hosts` (a redirect to the live site, or
    elsewhere); None when it stayed."""
    host = (urlsplit(final_url).hostname or "").rstrip(".")
    archive = (urlsplit(archive_url).hostname or "").rstrip(".")
    if _on_hosts(host, (archive, *WEB_ARCHIVE_HOSTS, *extra_hosts)):
        return None
    return host


# The page an archive's address names: Wayback-style archives put it after their own path
# ("/web/20260101000000/https://news.example/story"), sometimes with one slash after the scheme.
_ORIGINAL = re.compile(r"https?:/{1,2}[^/?#\s]+[^#\s]*", re.IGNORECASE)


def _page_key(url: str) -> str:
    """A page's address as people tell two apart: no scheme, no "www.", no trailing slash."""
    parts = urlsplit(re.sub(r"^(https?):/(?!/)", r"\1://", url, flags=re.IGNORECASE))
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    path = parts.path.rstrip("/")
    return f"{host}{port}{path}" + (f"?{parts.query}" if parts.query else "")
