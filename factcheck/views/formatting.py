"""Jinja filters for dates, statuses, scores, stored addresses and text with invisible characters,
so templates show the same words everywhere."""

import re
from datetime import UTC, datetime

from flask import Flask

from factcheck.archive_words import (
    copy_words,
    failure_words,
    fetched_again,
    quote_words,
    worth_retrying,
)
from factcheck.copies import MAX_COPY_BYTES
from factcheck.lifecycle import SETTABLE_STATUSES, STATUS_LABELS
from factcheck.lifecycle import STATUSES as STATUS_ORDER
from factcheck.network.urls import link_target, shown_address, url_host, url_rest
from factcheck.reveal import reveal, reveal_html
from factcheck.shared_words import counted, link_quote_news

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


def parse_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp as an aware UTC datetime; None when it cannot be read."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'} ago"


def relative_time(value: str | None, now: datetime | None = None) -> str:
    """'just now', '5 minutes ago', 'yesterday', '3 days ago', then the date itself."""
    moment = parse_timestamp(value)
    if moment is None:
        return value or ""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 0:
        return moment.strftime("%d %b %Y")
    if seconds < _MINUTE:
        return "just now"
    if seconds < _HOUR:
        return _plural(int(seconds // _MINUTE), "minute")
    if seconds < _DAY:
        return _plural(int(seconds // _HOUR), "hour")
    if seconds < 2 * _DAY:
        return "yesterday"
    if seconds < 7 * _DAY:
        return _plural(int(seconds // _DAY), "day")
    return moment.strftime("%d %b %Y")


def when_words(value: str | None, now: datetime | None = None) -> str:
    """relative_time inside a sentence: 'just now', '5 minutes ago', 'yesterday', or, for an
    older time, 'on 05 Dec 2026'."""
    words = relative_time(value, now)
    if words in ("just now", "yesterday") or words.endswith(" ago") or not words:
        return words
    return f"on {words}"


def exact_time(value: str | None) -> str:
    """The full timestamp in UTC, for a tooltip."""
    moment = parse_timestamp(value)
    if moment is None:
        return value or ""
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


def score_percent(score: float) -> int:
    """A check-worthiness between 0 and 1 as a whole percentage."""
    return max(0, min(100, round(score * 100)))


def clip(text: str | None, limit: int) -> str:
    """The text cut to at most `limit` characters, at a word break when one is near, ending in an
    ellipsis when anything was cut; shorter text is unchanged. Lists show a long claim or title
    this way and link to the whole."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if not text[limit - 1].isspace() and space >= limit * 2 // 3:
        cut = cut[:space]  # the cut falls inside a word: end at the word before it
    return cut.rstrip() + "…"


def clip_start(text: str | None, limit: int) -> str:
    """The end of the text in at most `limit` characters, starting at a word break when one is
    near and with an ellipsis before it when anything was cut: `clip` from the other side, for
    the words before a point (a split's first part)."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[len(text) - limit + 1 :]
    space = cut.find(" ")
    if not text[len(text) - limit].isspace() and 0 <= space <= limit // 3:
        cut = cut[space + 1 :]  # the cut falls inside a word: start at the word after it
    return "…" + cut.lstrip()


# A sentence's last mark, in the scripts we show, and the quotes and brackets that may close after it.
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»」』)\]]*\Z")


def ends_sentence(text: str | None) -> bool:
    """Whether a title or a name ends as a sentence does ("... opened in 2024.", "Who pays?"),
    so that a full stop written after it would be a second one."""
    return bool(_SENTENCE_END.search((text or "").rstrip()))


def progress_segments(counts: dict) -> list[dict]:
    """Stacked-bar pieces for an article's claim statuses, furthest along first, in percent."""
    total = sum(counts.get(status, 0) for status in STATUS_ORDER)
    pieces = []
    offset = 0.0
    for status in reversed(STATUS_ORDER):
        count = counts.get(status, 0)
        if not count:
            continue
        width = 100 * count / total
        pieces.append({"status": status, "count": count, "x": offset, "width": width})
        offset += width
    return pieces


def init_app(app: Flask) -> None:
    app.add_template_filter(relative_time)
    app.add_template_filter(exact_time)
    app.add_template_filter(status_label)
    app.add_template_filter(counted)
    app.add_template_filter(score_percent)
    app.add_template_filter(clip)
    # People's text (names, titles, notes, addresses): `reveal` in page content, `reveal_text`
    # inside attributes and <option>s, where markup cannot go.
    app.add_template_filter(reveal_html, "reveal")
    app.add_template_filter(reveal, "reveal_text")
    app.add_template_filter(link_target)
    app.add_template_filter(url_host)
    app.add_template_test(ends_sentence)
    app.add_template_filter(url_rest)
    app.add_template_filter(shown_address)
    app.jinja_env.globals["STATUS_ORDER"] = STATUS_ORDER
    app.jinja_env.globals["SETTABLE_STATUSES"] = SETTABLE_STATUSES
    app.add_template_global(progress_segments)
    app.add_template_filter(failure_words)
    app.add_template_filter(quote_words)
    app.add_template_filter(copy_words)
    app.add_template_filter(worth_retrying)
    app.add_template_global(fetched_again)
    app.add_template_global(link_quote_news)
    app.jinja_env.globals["copy_limit_words"] = f"{MAX_COPY_BYTES // (1024 * 1024)} MB"
