"""Reading files of published fact-checks (CSV, TSV, JSON Lines, schema.org ClaimReview JSON-LD)
into library records, each good one ready to store and each bad one refused with where it is."""

import codecs
import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from factcheck import json_input
from factcheck.importers import binary_kind, decode_html
from factcheck.network.urls import UrlProblem, clean_web_url
from factcheck.shared_words import save_as_utf8, url_problem_words
from factcheck.text.language import NO_LANGUAGE, checked_code

FORMATS = ("csv", "tsv", "jsonl", "claimreview")
#: The fields of a library record, in the order files and listings show them.
FIELDS = ("external_id", "claim", "title", "rating", "url", "review_date", "publisher", "language")
#: Column (or JSON key) names a file may use for each field; `id` and `date` are the documented ones.
COLUMN_NAMES = {
    "id": "external_id",
    "external_id": "external_id",
    "claim": "claim",
    "title": "title",
    "rating": "rating",
    "url": "url",
    "date": "review_date",
    "review_date": "review_date",
    "publisher": "publisher",
    "language": "language",
}
SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "claimreview",
    ".jsonld": "claimreview",
    ".html": "claimreview",
    ".htm": "claimreview",
}
MAX_CLAIM_CHARS = 5000
MAX_FIELD_CHARS = {"title": 1000, "rating": 200, "publisher": 300, "language": 40}
MAX_ID_CHARS = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The region or script after a language code: "GB" in en-GB, "419" in es-419, "Latn" in sr-Latn.
_REGION = re.compile(r"[A-Za-z]{2}|[0-9]{3}|[A-Za-z]{4}")


class FormatRefused(ValueError):
    """The whole file cannot be read in this format; str() says why and what to do."""


@dataclass(frozen=True)
class Parsed:
    """One record of the file: where it is ("line 4", "item 2"), and either its fields or why it
    was refused."""

    where: str
    record: dict | None = None
    problem: str | None = None


def format_for(name: str) -> str | None:
    """The format a file's extension implies, or None when it implies none."""
    return SUFFIXES.get(PurePath(name).suffix.lower())


_JSON_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def clean_text(value) -> str | None:
    """One line of text: NFC, control characters removed, runs of space made one; None if empty.
    Anything but text (a JSON number, list or object) is a ValueError: `{"claim": 5}` is a
    mistake in the file, not the claim "5"."""
    if value is None:
        return None
    if not isinstance(value, str):
        kind = _JSON_TYPES.get(type(value), type(value).__name__)
        raise ValueError(f"must be text in quotes, not {kind}")
    value = unicodedata.normalize("NFC", _CONTROL.sub(" ", value))
    return " ".join(value.split()) or None


def clean_language(value: str | None) -> str | None:
    """A language as its ISO 639 code, lower case: "en", "EN" and "en-GB" are all "en" (the
    library records languages, not regions); ValueError for anything else, such as "English"."""
    if not value:
        return None
    code, dash, region = value.replace("_", "-").partition("-")
    if code.strip().lower() in NO_LANGUAGE:
        return None  # "und", as ClaimReview files often say: the item is kept, its language unsaid
    try:
        if dash and not _REGION.fullmatch(region):
            raise ValueError(f"{value!r} is not a language code")
        return checked_code(code)
    except ValueError:
        raise ValueError(
            f"the language {value[:40]!r} is not an ISO 639 language code; write it as two or"
            " three letters such as en, de, fr or es"
        ) from None


def clean_date(value: str | None) -> str | None:
    """YYYY-MM-DD from a date or an ISO date and time; ValueError for anything else."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text).isoformat()
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise ValueError(f"the date {text[:40]!r} is not a date; write it as YYYY-MM-DD") from None


def clean_record(raw: dict) -> dict:
    """A library record from a file's fields (already renamed to FIELDS); ValueError says what is
    wrong with it."""
    record: dict[str, Any] = {}
    for name in FIELDS:
        try:
            record[name] = clean_text(raw.get(name))
        except ValueError as error:
            raise ValueError(f"{_label(name)} {error}") from None
    if not record["claim"] and not record["external_id"]:
        # A record with an id and no claim (no claim field, or its cell left empty, as in a
        # partner's file of ids and ratings) may update the fact-check of that id, keeping its
        # claim; the import refuses it if there is none.
        raise ValueError("the claim is empty; every fact-check needs the claim it checked")
    if record["claim"] and len(record["claim"]) > MAX_CLAIM_CHARS:
        raise ValueError(f"the claim is longer than {MAX_CLAIM_CHARS:,} characters")
    if record["external_id"] and len(record["external_id"]) > MAX_ID_CHARS:
        raise ValueError(f"the id is longer than {MAX_ID_CHARS} characters")
    for name, limit in MAX_FIELD_CHARS.items():
        if record[name] and len(record[name]) > limit:
            raise ValueError(f"the {name} is longer than {limit:,} characters")
    if record["url"]:
        try:
            record["url"] = clean_web_url(record["url"])
        except UrlProblem as error:
            # Library records are refused in plain words, the same for both front ends.
            problem = url_problem_words({**error.facts, "problem": error.problem})
            raise ValueError(f"the url cannot be used: {problem}") from None
    record["review_date"] = clean_date(record["review_date"])
    record["language"] = clean_language(record["language"])
    return record


def _label(name: str) -> str:
    return {"external_id": "the id", "review_date": "the date"}.get(name, f"the {name}")


def decode(data: bytes, format: str = "csv") -> str:
    kind = binary_kind(data[:1024])
    if kind is not None:
        raise FormatRefused(f"this file is {kind}, not a file of fact-checks")
    if format == "claimreview" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        # A fact-checker's page, read in the charset it declares (<meta charset="windows-1252">,
        # Shift_JIS), as the page of an article is.
        return decode_html(data)
    # Excel's "Unicode text" is UTF-16 with a byte-order mark.
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    codec = "utf-16" if utf16 else "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(codec, errors="ignore").count("\n") + 1
        fix = save_as_utf8(table=format in ("csv", "tsv"))
        raise FormatRefused(
            f"line {line:,} is not {'UTF-16' if utf16 else 'UTF-8'} text; {fix}"
        ) from None


def parse(data: bytes, format: str) -> Iterator[Parsed]:
    """Every record of the file in order, good or refused. FormatRefused when the file as a whole
    cannot be read this way (not text, no claim column, not JSON)."""
    if format not in FORMATS:
        raise FormatRefused(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    text = decode(data, format)
    # Imported here: the table and ClaimReview readers build on this module's records.
    if format in ("csv", "tsv"):
        from factcheck.library_tables import table_rows

        return _each_id_once(table_rows(text, format))
    if format == "jsonl":
        return _each_id_once(_json_lines(text))
    from factcheck.library_claimreview import claim_reviews

    return _each_id_once(claim_reviews(text))


def _each_id_once(parsed: Iterator[Parsed]) -> Iterator[Parsed]:
    """The records in order, each one whose id an earlier record already gave refused, and each
    one without an id whose claim an earlier record without an id gave at the same address: which
    of the two is meant cannot be told, and the later one would silently overwrite the first."""
    first: dict[str, str] = {}
    first_at_page: dict[tuple[str, str], str] = {}
    for item in parsed:
        record = item.record
        own_id = record and record["external_id"]
        page = (
            (record["url"], " ".join(str(record["claim"]).lower().split()))
            if record and not own_id and record["url"] and record["claim"]
            else None
        )
        earlier = first.get(own_id) if own_id else first_at_page.get(page) if page else None
        if earlier is not None:
            place = f"on {earlier}" if earlier.startswith("line") else "in " + earlier
            given = f"the id {own_id!r}" if own_id else "this claim at this address"
            problem = f"{given} was already given {place}; give each fact-check once"
            yield Parsed(item.where, problem=problem)
            continue
        if own_id:
            first[own_id] = item.where
        elif page:
            first_at_page[page] = item.where
        yield item


def _renamed(raw: dict) -> dict:
    renamed: dict[str, Any] = {}
    for key, value in raw.items():
        field = COLUMN_NAMES.get(str(key).strip().lower())
        if field and renamed.get(field) is None:
            renamed[field] = value
    return renamed


def checked(where: str, raw: dict) -> Parsed:
    """The record at `where`, cleaned, or refused with what is wrong with it."""
    try:
        return Parsed(where, record=clean_record(raw))
    except ValueError as error:
        return Parsed(where, problem=str(error))


def _json_lines(text: str) -> Iterator[Parsed]:
    too_deep = None
    if text.lstrip().startswith("["):
        # One JSON array of records rather than one record a line: read its items.
        try:
            # Each item's depth is checked on its own, so one too deep refuses only that item.
            items = json_input.loads(text, max_depth=None)
        except json_input.TooDeep as error:
            # Perhaps only a first line that is too deep: the lines are read one by one below.
            items, too_deep = None, error
        except ValueError:
            items = None
        if isinstance(items, list):
            return iter([_array_item(f"item {n}", item) for n, item in enumerate(items, 1)])
    parsed, json_lines = [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            # A comma after the object is left from a JSON array taken apart, a byte-order mark
            # before it from files joined together.
            value = json_input.loads(line.strip().lstrip("\ufeff").removesuffix(","))
        except json_input.TooDeep as error:
            json_lines += 1  # JSON all the same, only too deep to read
            parsed.append(Parsed(where, problem=f"the line is {error}; give each field as text"))
            continue
        except ValueError as error:
            parsed.append(
                Parsed(where, problem=f"the line is not JSON ({error.args[0].split(':')[0]})")
            )
            continue
        json_lines += 1
        parsed.append(_json_record(where, value))
    if parsed and not json_lines and too_deep is not None:
        raise FormatRefused(f"the file is one JSON array {too_deep}; give each field as text")
    if parsed and not json_lines:
        raise FormatRefused(
            "no line of the file is JSON; JSON Lines holds one JSON object a line. Import the"
            " file in its own format: CSV, TSV or ClaimReview JSON-LD (csv, tsv, claimreview)"
        )
    return iter(parsed)


def _array_item(where: str, value) -> Parsed:
    try:
        json_input.check_depth(value, json_input.MAX_DEPTH - 1)
    except json_input.TooDeep as error:
        return Parsed(where, problem=f"the item is {error}; give each field as text")
    return _json_record(where, value)


def _json_record(where: str, value) -> Parsed:
    if not isinstance(value, dict):
        kind = where.split()[0]  # "line" or "item"
        return Parsed(where, problem=f"the {kind} is not a JSON object with a claim field")
    from factcheck.library_claimreview import is_claim_review, review_record

    if is_claim_review(value):  # a ClaimReview object a line
        return review_record(where, value)
    return checked(where, _renamed(value))
