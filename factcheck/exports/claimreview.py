"""schema.org ClaimReview JSON-LD for published verdicts, as search engines read fact-checks.

The claim's appearance is the article it was found in; `firstAppearance` is left out because an
article quoting a claim is rarely where it first appeared. Each review links to
`{public_url}/claims/{claim_id}`. A corrected verdict is re-issued with its new rating, says what
was corrected, and keeps `datePublished` at the first publication, the correction's date going to
`dateModified` (as schema.org and Google's fact-check guidance ask). The file is a JSON array of
standalone JSON-LD objects, each ready to go into a page's `<script type="application/ld+json">`."""

import io
import json
from collections.abc import Mapping
from typing import Any

from factcheck.exports.context import ExportContext
from factcheck.exports.options import ExportConfig, ExportRefused
from factcheck.exports.records import (
    correction_note,
    first_published_at,
    published_verdict,
    web_url,
)
from factcheck.shared_words import capitalised
from factcheck.store import articles as article_store
from factcheck.store import export_reads
from factcheck.text.attribution import quote_spans, speaker
from factcheck.text.speaker_names import ORGANIZATION, PERSON, named_speaker, names_an_outlet


def _iso_datetime(stamp: str | None) -> str | None:
    """Our stored UTC stamps to the second, which every ClaimReview reader parses."""
    if not stamp:
        return None
    return stamp[:19] + "Z" if len(stamp) >= 19 and stamp[10] == "T" else stamp


# Quotation marks that open and close, each with its partner; a straight double quote is both.
_PAIRS = {"“": "”", "‘": "’", "«": "»", "„": "“", "‹": "›", '"': '"'}


def standalone_claim(text: str) -> str:
    """A claim as a sentence on its own: the opening mark of a quotation that runs on into the
    next sentence, or the closing mark of one begun in the sentence before, is left off (with
    the space beside it at either end of the claim); marks that pair up inside the sentence stay.
    (Each sentence of a quotation is a claim of its own.)"""
    original, trimmed = text, _trim_unpaired(text)
    while trimmed != text:
        text, trimmed = trimmed, _trim_unpaired(trimmed)
    return text if text.strip() else original


def _trim_unpaired(text: str) -> str:
    text = _drop_at(text, _unpaired_double_mark(text))
    for opening, closing in _PAIRS.items():
        if opening == closing:
            unpaired = text.count(opening) % 2 == 1
            if unpaired and text.startswith(opening):
                text = text[1:].lstrip()
            elif unpaired and text.endswith(closing):
                text = text[:-1].rstrip()
            continue
        if text.startswith(opening) and closing not in text[1:]:
            text = text[1:].lstrip()
        if text.endswith(closing) and opening not in text[:-1]:
            text = text[:-1].rstrip()
    return text


# Double quotation marks that are never an apostrophe, so one inside a sentence can be told
# apart: “ ” and « » pair up; a straight one opens or closes by the spaces beside it.
_DOUBLE_PAIRS = {"“": "”", "«": "»"}


def _unpaired_double_mark(text: str) -> int | None:
    """Where a double quotation mark inside the claim has no partner in it: a closing mark
    before any opening one (`fire," fire chief Oskar Hale told reporters`), or an opening mark
    never closed. None when every mark pairs up, or when which one is alone is unclear."""
    if "„" not in text:  # German quotations close with “, which English ones open with
        for opening, closing in _DOUBLE_PAIRS.items():
            open_at: list[int] = []
            for at, mark in enumerate(text):
                if mark == opening:
                    open_at.append(at)
                elif mark == closing:
                    if not open_at:
                        return at
                    open_at.pop()
            if open_at:
                return open_at[-1]
    # A mark right after a digit is a measure (55" across), not a quotation's.
    straight = [
        at for at, mark in enumerate(text) if mark == '"' and not (at and text[at - 1].isdigit())
    ]
    if len(straight) % 2 == 0:
        return None
    first, last = straight[0], straight[-1]
    if first > 0 and not text[first - 1].isspace() and _ends_word(text, first + 1):
        return first  # shaped as a closing mark, and nothing before it opens
    if (last == 0 or text[last - 1].isspace()) and not _ends_word(text, last + 1):
        return last  # shaped as an opening mark, and nothing after it closes
    return None


def _ends_word(text: str, at: int) -> bool:
    return at >= len(text) or text[at].isspace() or text[at] in ".,;:!?)"


def _drop_at(text: str, at: int | None) -> str:
    """The text without the character at `at`; at either end, without the space beside it."""
    if at is None:
        return text
    if at == 0:
        return text[1:].lstrip()
    if at == len(text) - 1:
        return text[:-1].rstrip()
    return text[:at] + text[at + 1 :]


def _compact(value: dict) -> dict:
    return {key: item for key, item in value.items() if item not in (None, "", [], {})}


def _claim_author(record: Mapping[str, Any], article: Mapping[str, Any]) -> dict | None:
    """Who made the claim, as far as the record shows. An attributed claim is its speaker's
    ("the health ministry said"; "Noem said" is the Kristi Noem the article names earlier; "Lee,
    Acme's chief engineer, said" is Lee, chief engineer, of Acme), or no one's when the phrase
    names no one ("he said"): never the reporter who quoted it. So is a quotation the article
    does not say whose it is. The article's own words are its byline's (an Organization when
    the byline names a newspaper), else its publisher's."""
    if record.get("attribution"):
        who = speaker(record["attribution"], article.get("language") or "en")
        body, sentence = article.get("body") or "", record.get("text") or ""
        named = named_speaker(who, body, sentence) if who else None
        if named is None:
            return None
        affiliation = named.affiliation
        return _compact(
            {
                "@type": named.kind,
                "name": named.name,
                "jobTitle": named.job_title,
                "affiliation": (
                    {"@type": "Organization", "name": capitalised(affiliation)}
                    if affiliation
                    else None
                ),
            }
        )
    if _quoted(record.get("text") or ""):
        return None  # someone's words the article quotes without saying whose
    if article.get("author"):
        # A byline naming a newspaper ("Le Monde", "The Argus Leader") is no person's.
        kind = ORGANIZATION if names_an_outlet(article["author"]) else PERSON
        return {"@type": kind, "name": article["author"]}
    if article.get("publisher"):
        return {"@type": "Organization", "name": article["publisher"]}
    return None


def _quoted(text: str) -> bool:
    """Whether most of the sentence is inside quotation marks."""
    inside = sum(end - start for start, end in quote_spans(text))
    return inside * 2 > len(text.strip())


def _appearance(article: Mapping[str, Any]) -> dict | None:
    url = web_url(article.get("source_url"))
    if url is None:
        return None
    publisher = article.get("publisher")
    return _compact(
        {
            "@type": "CreativeWork",
            "url": url,
            "headline": article.get("title"),
            "datePublished": article.get("published_date"),
            "publisher": {"@type": "Organization", "name": publisher} if publisher else None,
        }
    )


def review_rating(verdict: dict, config: ExportConfig) -> dict:
    """The verdict as a schema.org Rating: its words, and its value on the desk's scale. A rating
    that is no point on the scale (Unverifiable, say) is given in words only, as schema.org and
    Google's fact-check markup allow, so no reader takes "we could not tell" for the worst
    rating."""
    words = {"alternateName": verdict["rating_label"], "name": verdict["rating_label"]}
    # No value: a rating in words only, or one the desk's scale no longer has (the verdict's
    # stored value belongs to the scale of its day, whose bounds are not these).
    rating = config.scale.find(verdict["rating"])
    if verdict["rating_value"] is None or rating is None or not rating.numeric:
        return {"@type": "Rating", **words}
    return {
        "@type": "Rating",
        "ratingValue": verdict["rating_value"],
        "bestRating": config.scale.best_rating,
        "worstRating": config.scale.worst_rating,
        **words,
    }


def claim_review(record: dict, article: Mapping[str, Any], config: ExportConfig) -> dict:
    """The ClaimReview of a claim's published verdict (`article` is the one it appears in);
    refuses when it would lack a rating or a URL, which every consumer of ClaimReview requires."""
    if not config.public_url:
        config.require_publisher()
    verdict = published_verdict(record)
    if verdict is None or not verdict.get("rating_label"):
        raise ExportRefused("export.no_published_rating", {"claim_id": record["id"]})
    appearance = _appearance(article)
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": config.claim_url(record["id"]),
            "claimReviewed": standalone_claim(record["text"]),
            # The language the claim was made in: its article's ISO 639 code, where known.
            "inLanguage": article.get("language"),
            "datePublished": _iso_datetime(first_published_at(record)),
            "dateModified": (
                _iso_datetime(verdict["published_at"]) if verdict.get("correction_of") else None
            ),
            "author": _compact(
                {"@type": "Organization", "name": config.org_name, "url": config.publisher_url}
            ),
            "reviewRating": review_rating(verdict, config),
            "itemReviewed": _compact(
                {
                    "@type": "Claim",
                    "author": _claim_author(record, article),
                    "datePublished": article.get("published_date"),
                    "appearance": appearance,
                }
            ),
            "correction": correction_note(record),
        }
    )


# Claim texts come from other people's articles: one quoting "</script>" or "<!--" would end or
# derail the <script> element the review is pasted into. These escapes keep the same JSON value.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_safe_json(review: dict) -> str:
    """The review as indented JSON that can go inside a `<script>` element as it is."""
    return json.dumps(review, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)


def write(out: io.BufferedIOBase, context: ExportContext) -> dict:
    context.config.require_publisher()
    batches = export_reads.claim_record_batches(
        context.db, **context.store_arguments(), published_only=True, scale=context.config.scale
    )
    count = 0
    article: Mapping[str, Any] = {"id": None}
    out.write(b"[")
    for batch in batches:
        for line in batch:
            record = json.loads(line)
            if record["article_id"] != article["id"]:
                article = article_store.get_article(context.db, record["article_id"])
            review = claim_review(record, article, context.config)
            text = script_safe_json(review)
            out.write((",\n" if count else "\n").encode() + text.encode("utf-8"))
            count += 1
    out.write(b"\n]\n")
    return {"claims": count}
