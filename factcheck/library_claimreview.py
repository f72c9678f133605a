"""Reading schema.org ClaimReview JSON-LD (one review, a list, a page's @graph, or the ld+json
scripts of an HTML page) into library records."""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck import json_input
from factcheck.library_formats import FormatRefused, Parsed, checked

_LD_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)

_FEW_LEVELS = "a ClaimReview needs only a few"


@dataclass(frozen=True)
class _Broken:
    """A script of the page that cannot be read: what is wrong with it."""

    number: int
    problem: str


def _documents(text: str) -> tuple[list, bool]:
    """The JSON-LD in a file: the file itself, or every ld+json script of an HTML page; and
    whether it came from a page (where scripts of other types are expected)."""
    if text.lstrip().startswith("<"):
        scripts = _LD_SCRIPT.findall(text)
        if not scripts:
            raise FormatRefused(
                "the page holds no ClaimReview JSON-LD (no application/ld+json script); give a"
                " page that publishes its fact-checks as ClaimReview, or a CSV or JSON Lines file"
            )
        documents: list = []
        for number, script in enumerate(scripts, start=1):
            try:
                # strict=False: publishers' templates often leave line breaks inside strings.
                # Each item's depth is checked on its own (claim_reviews).
                documents.append(json_input.loads(script, max_depth=None, strict=False))
            except json_input.TooDeep as error:
                documents.append(_Broken(number, f"is {error}; {_FEW_LEVELS}"))
            except ValueError as error:
                # One broken script (often not a ClaimReview) does not hide the others.
                documents.append(_Broken(number, f"is not JSON ({error.args[0].split(':')[0]})"))
        return documents, True
    try:
        return [json_input.loads(text, max_depth=None, strict=False)], False
    except json_input.TooDeep as error:
        raise FormatRefused(f"the file's JSON is {error}; {_FEW_LEVELS}") from None
    except ValueError as error:
        where = f" (line {error.lineno:,})" if isinstance(error, json.JSONDecodeError) else ""
        raise FormatRefused(
            f"the file is not JSON{where}; give a ClaimReview object, a list of them or a page's"
            " @graph, or import the file in its own format: JSON Lines (jsonl) for one JSON"
            " object a line, CSV or TSV for a table"
        ) from None


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def is_claim_review(node: dict) -> bool:
    return "ClaimReview" in _types(node)


def _nodes(documents: list, page: bool) -> Iterator[tuple[dict | object, bool]]:
    """Each candidate node and whether it came from a @graph or a page (where other types are
    expected)."""
    for document in documents:
        items = document if isinstance(document, list) else [document]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                for node in item["@graph"]:
                    yield node, True
            else:
                yield item, page


def claim_reviews(text: str) -> Iterator[Parsed]:
    """Each item of the JSON-LD in order: a ClaimReview's record, or why an item was refused."""
    documents, page = _documents(text)
    for number, (node, in_graph) in enumerate(_nodes(documents, page), start=1):
        where = f"item {number}"
        if isinstance(node, _Broken):
            yield Parsed(where, problem=f"JSON-LD script {node.number} of the page {node.problem}")
            continue
        if not isinstance(node, dict):
            yield Parsed(where, problem="the item is not a JSON object")
            continue
        try:
            json_input.check_depth(node)
        except json_input.TooDeep as error:
            yield Parsed(where, problem=f"the item is {error}; {_FEW_LEVELS}")
            continue
        if not is_claim_review(node):
            if not in_graph:
                yield Parsed(where, problem=_not_a_review(node))
            continue
        yield review_record(where, node)


def review_record(where: str, node: dict) -> Parsed:
    """A ClaimReview node's record, or why it was refused."""
    try:
        return checked(where, claim_review_fields(node))
    except ValueError as error:
        return Parsed(where, problem=str(error))


def _not_a_review(node: dict) -> str:
    kind = ", ".join(sorted(_types(node))) or "untyped"
    if kind == "untyped" and "claim" in node:
        return (
            "the item is a record with a claim field, not a ClaimReview; import a file of such"
            " records as JSON Lines (jsonl)"
        )
    return f"the item is {kind}, not a ClaimReview"


def _name(value):
    """The name of a schema.org thing given as text, an object or a list of either. A name that
    is not text comes back as it is, for the record's check to refuse."""
    if isinstance(value, list):
        names = [_name(item) for item in value]
        for name in names:
            if name and not isinstance(name, str):
                return name
        return ", ".join(name for name in names if name) or None
    if isinstance(value, dict):
        return value.get("name") or value.get("alternateName")
    return value


def _language(value) -> str | None:
    if isinstance(value, dict):
        return value.get("alternateName") or value.get("name")
    return value


def _number_text(value):
    """A JSON number as the text a reader would write (2, 3.5), anything else as it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


def _rating(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return value
    if value.get("alternateName"):
        return value["alternateName"]
    if value.get("name"):
        return value["name"]
    if value.get("ratingValue") not in (None, ""):
        best = value.get("bestRating")
        # schema.org gives ratingValue as a number or as text; the record keeps it as text.
        value_text = _number_text(value["ratingValue"])
        return f"{value_text}/{_number_text(best)}" if best not in (None, "") else value_text
    return None


def claim_review_fields(node: dict) -> dict:
    """A ClaimReview object's fields as a library record's (not yet checked)."""
    item = node.get("itemReviewed")
    if isinstance(item, list):
        item = item[0] if item else None
    item = item if isinstance(item, dict) else {}
    claim = node.get("claimReviewed") or item.get("text") or item.get("name")
    return {
        "external_id": _number_text(node.get("@id") or node.get("identifier")),
        "claim": claim,
        "title": node.get("headline") or node.get("name"),
        "rating": _rating(node.get("reviewRating")),
        "url": node.get("url"),
        "review_date": node.get("datePublished") or node.get("dateCreated"),
        "publisher": _name(node.get("author")) or _name(node.get("publisher")),
        "language": _language(node.get("inLanguage")),
    }
