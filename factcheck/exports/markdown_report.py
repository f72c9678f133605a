"""The Markdown report: the article with checked claims in bold, each verdict, and the chart as SVG.

Stored text is escaped so that it reads back as the same words and never becomes a link, an
image, raw HTML, a heading or a list; invisible characters in people's text (names, titles,
sources, rationales) show as markers such as ⟨U+202E⟩."""

import io
import re
from collections.abc import Iterator
from urllib.parse import quote

from factcheck.archive_words import copy_line
from factcheck.exports import svg_chart
from factcheck.exports.context import ExportContext
from factcheck.exports.records import web_url
from factcheck.exports.report_model import (
    DATES_NOTE,
    STANCE_WORDS,
    ArticleView,
    ClaimView,
    ReportModel,
    build_report,
    filters_words,
    selection_words,
)
from factcheck.reveal import reveal

# Characters with a meaning anywhere in a line of CommonMark or GitHub-flavoured Markdown
# ("!" needs no escape: an image needs the "[" after it, which is escaped).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# What makes a line a heading, quote, list item, thematic break or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape_inline(text: str) -> str:
    """Text for the middle of a line: specials backslash-escaped, line breaks made spaces."""
    flat = re.sub(r"[\r\n]+", " ", text or "")
    return _INLINE_SPECIAL.sub(r"\\\1", flat)


def protect_line_start(line: str) -> str:
    """Keep a line from reading as a heading, quote, list item or underline."""

    def escaped(match: re.Match) -> str:
        lead, mark = match.group(1), match.group(2)
        # Only punctuation can be backslash-escaped: "1." becomes "1\.", "#" becomes "\#".
        return f"{lead}{mark[:-1]}\\{mark[-1]}"

    return _LINE_START.sub(escaped, line, count=1)


def escape_markdown(text: str) -> str:
    """Text that renders as itself, line by line; blank and indented lines are tidied away so no
    line starts a new block."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            lines.append(protect_line_start(escape_inline(line)))
    return "\n".join(lines)


def _link_target(url: str) -> str:
    """A link destination in angle brackets, with anything that could end it percent-encoded."""
    return "<" + quote(url, safe="/:?#[]@!$&'()*+,;=%~.-_") + ">"


def link(text: str, url: str | None) -> str:
    safe = web_url(url)
    if safe is None:
        return escape_markdown(reveal(text))
    return f"[{escape_markdown(reveal(text))}]({_link_target(safe)})"


def _paragraph(block) -> str:
    """One paragraph of the article on one line: checked claims in bold, others in italics, each
    followed by its number linking to its verdict."""
    parts = []
    for segment in block.segments:
        if segment.unit is None:
            parts.append(escape_inline(segment.text))
            continue
        claim = segment.unit["claim"]
        words = escape_inline(segment.text.strip())
        marker = f"[\\[{claim.number}\\]](#claim-{claim.id})"
        parts.append(f"**{words}** {marker}" if claim.published else f"*{words}* {marker}")
    return protect_line_start(re.sub(r" +", " ", "".join(parts)).strip())


def _verdict_lines(claim: ClaimView) -> Iterator[str]:
    verdict = claim.verdict
    if verdict is None:
        raise ValueError(f"claim {claim.id} is listed as checked but has no published verdict")
    state = (
        ""
        if claim.published
        else (
            " (in second review, not yet published)"
            if verdict["state"] == "in_review"
            else " (draft, not yet published)"
        )
    )
    label = escape_inline(verdict["rating_label"])
    yield f'#### <a id="claim-{claim.id}"></a>{claim.number}. {label}{state}'
    yield ""
    yield f"> {escape_markdown(claim.record['text']).replace(chr(10), chr(10) + '> ')}"
    yield ""
    if claim.record.get("attribution"):
        yield f"*Attributed:* {escape_markdown(reveal(claim.record['attribution']))}"
        yield ""
    # Its lines as the reviewer wrote them: a hard break (a backslash) ends each but the last.
    why = escape_markdown(reveal(verdict["rationale"])).replace("\n", "\\\n")
    yield f"**Why:** {why}"
    yield ""
    if claim.correction_note:
        yield f"**Correction:** {escape_markdown(reveal(claim.correction_note))}"
        yield ""
    if claim.correction_words:
        yield f"*{claim.correction_words}*"
        yield ""
    if claim.evidence:
        yield "**Evidence:**"
        yield ""
        for item in claim.evidence:
            source = link(item.get("title") or item["url"], item["url"])
            if item.get("publisher"):
                source += f", {escape_markdown(reveal(item['publisher']))}"
            yield f"- *{STANCE_WORDS.get(item['stance'], item['stance'])}:* {source}"
            if item.get("title") and web_url(item["url"]):
                yield f"  {_link_target(item['url'])}"
            if item.get("quote"):
                quoted = escape_markdown(reveal(item["quote"])).replace("\n", "\n  > ")
                yield f"  > {quoted}"
            yield f"  *{copy_line(item)}.*"
        yield ""
    people = f"Checked by {verdict.get('author_name') or verdict.get('author')}"
    if verdict.get("approved_by"):
        people += f" · approved by {verdict.get('approved_by_name') or verdict['approved_by']}"
    if claim.first_published_on:
        people += f" · published {claim.first_published_on}"
    if claim.corrected_on:
        people += f" · corrected {claim.corrected_on}"
    yield f"*{escape_markdown(reveal(people))} · claim {claim.id}*"
    yield ""


def _article_lines(view: ArticleView) -> Iterator[str]:
    article = view.article
    yield f"## {escape_markdown(reveal(article['title']))}"
    yield ""
    byline = [
        escape_markdown(reveal(value))
        for value in (
            article.get("author"),
            article.get("publisher"),
            article.get("published_date"),
        )
        if value
    ]
    if web_url(article.get("source_url")):
        byline.append(link("Original article", article["source_url"]))
    if byline:
        yield "*" + " · ".join(byline) + "*"
        yield ""
    for block in view.blocks():
        yield _paragraph(block)
        yield ""
    if view.checked_count:
        yield "### What we checked"
        yield ""
        for claim in view.checked():
            yield from _verdict_lines(claim)
    if view.pending_count:
        yield "### Not yet published"
        yield ""
        for mark in view.pending():
            text = escape_markdown(mark.record["text"]).replace("\n", " ")
            yield f'- <a id="claim-{mark.id}"></a>{mark.number}. {text} ({mark.status_words})'
        yield ""


def report_lines(report: ReportModel) -> Iterator[str]:
    provenance = report.provenance
    yield f"# {escape_markdown(reveal(report.title))}"
    yield ""
    organisation = escape_inline(reveal(report.organisation or "factcheck"))
    if report.article_without_claims:
        counts = "nothing in this article was checked: none of its sentences is a claim"
    elif report.claim_count:
        counts = f"{report.checked_count} of {report.claim_count} claims checked"
        selection = selection_words(provenance["filters"])
        if selection:
            counts += f"; selected claims only: {selection}"
    else:
        counts = f"no claims match this export ({filters_words(provenance['filters'])})"
    yield f"*{organisation} · {escape_inline(counts)} · exported {provenance['created_at'][:10]}*"
    yield ""
    yield "## Verdicts at a glance"
    yield ""
    yield svg_chart.render(report.bars, title="Verdicts in this report")
    yield ""
    yield "| Verdict | Claims |"
    yield "| --- | ---: |"
    for bar in report.bars:
        yield f"| {escape_markdown(bar.label)} | {bar.count} |"
    yield ""
    for view in report.articles:
        yield from _article_lines(view)
    yield "---"
    yield ""
    yield "## About this report"
    yield ""
    exported_by = escape_markdown(reveal(provenance["exported_by"]))
    yield f"- Exported: {report.exported_at} by {exported_by}"
    yield f"- Dates: {DATES_NOTE}"
    yield f"- Covers: {escape_markdown(filters_words(provenance['filters']))}"
    head = provenance["audit_head"]
    yield f"- Audit trail: row {head['row']}, hash `{head['hash']}`"
    yield ""


def write(out: io.BufferedIOBase, context: ExportContext) -> dict:
    report = build_report(context)
    for line in report_lines(report):
        out.write(line.encode("utf-8") + b"\n")
    return {"claims": report.claim_count}
