"""The link watch: re-fetch evidence pages through the safe fetcher and keep what each check
found (failing, moved elsewhere, changed beyond a threshold, quotes still found or not).

Polite by construction: pages are fetched one at a time (so never two requests at once to one
host), at most `per_host` pages of one host per run, a pause of `host_delay` seconds before
going back to a host, and at most `limit` pages a run."""

import fcntl
import hashlib
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from factcheck import copies, quote_check, settings
from factcheck.db import Database
from factcheck.importers import ImportRefused
from factcheck.network.fetch import (
    DEFAULT_POLICY,
    HTML_TYPES,
    FetchError,
    FetchPolicy,
    fetch,
    refused_without_network,
)
from factcheck.refusal_lines import error_line
from factcheck.store import link_checks
from factcheck.store.actors import SYSTEM
from factcheck.store.audit_seal import database_file
from factcheck.text.scripts import SPACELESS_ALPHABETS

CHECK_TYPES = HTML_TYPES | {"text/plain", "application/pdf"}
CHECK_MAX_BYTES = 10 * 1024 * 1024
# Refusals of an address that answered, with something a check does not read.
NOT_READ = frozenset({"wrong_type", "too_large"})
#: A quote the page still says.
FOUND = frozenset({quote_check.FOUND, quote_check.APPROXIMATE})
DEFAULT_OLDER_THAN = timedelta(days=7)
DEFAULT_LIMIT = 100
DEFAULT_PER_HOST = 10
DEFAULT_HOST_DELAY = 1.0
#: Share of the copy's main text that may differ before a page counts as changed.
DEFAULT_THRESHOLD = 0.1
THRESHOLD_SETTING = "FACTCHECK_LINK_CHANGE_THRESHOLD"
EVERY_SETTING = "FACTCHECK_LINK_CHECK_HOURS"

_AGE = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
_AGE_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
_AGE_MAX = {"d": 36_500, "h": 36_500 * 24, "m": 36_500 * 24 * 60}


SettingError = settings.SettingError


def parse_age(text: str) -> timedelta:
    """'7d', '12h' or '30m' as a timedelta."""
    match = _AGE.match(text or "")
    if not match:
        raise SettingError(f"{text!r} is not an age; write a number and d, h or m, such as 7d")
    number = int(match.group(1))
    # Past a century the cutoff date would fall before year 1 (or overflow timedelta).
    if number > _AGE_MAX[match.group(2)]:
        raise SettingError(f"{text!r} is too long an age; write at most 36500d (a hundred years)")
    return timedelta(**{_AGE_UNITS[match.group(2)]: number})


def change_threshold() -> float:
    """FACTCHECK_LINK_CHANGE_THRESHOLD, a share from 0 to 1 (default 0.1)."""
    return float(settings.value(THRESHOLD_SETTING))


def check_every() -> timedelta | None:
    """FACTCHECK_LINK_CHECK_HOURS: how often the job consumer runs the link watch by itself;
    None (the default, and 0) leaves it to `factcheck links check`."""
    hours = settings.value(EVERY_SETTING)
    return timedelta(hours=hours) if hours else None


def _paragraphs(text: str) -> Counter:
    return Counter(" ".join(line.split()).casefold() for line in text.splitlines() if line.strip())


# Signs that say how much or which ("23%", "#3", "R&D", "km/h") and whether a sentence asks
# ("Recession coming?") are words, not punctuation.
_KEPT_MARKS = "%‰‱٪؉؊﹪％#＃&＆@＠/／*＊†‡§¶?¿؟？"
# Marks a figure starts with or holds ("4.1", ".5", "1,000", "10:30", "٣٫٥", "(1,200)"): kept
# before a digit. Dashes too, which are also minus signs ("-5", "–0.3%", "5–7").
_FIGURE_MARKS = ".,:٫٬("
# Scripts written without spaces, where a mark taken out leaves no space behind.
_SPACELESS = f"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff{SPACELESS_ALPHABETS}"


@cache
def _reading_marks() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str]]:
    """Punctuation that only marks how a sentence reads (commas, stops, dashes, brackets): a
    table that makes it a space and every quotation mark one kind (a quote taken out is a change,
    a quote made curly is not); a pattern for the marks figures also use, kept before a digit;
    and the space a mark left between two letters of a script written without spaces."""
    table: dict[int, str] = {}
    dashes = ""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if not category.startswith("P") or char in _KEPT_MARKS + _FIGURE_MARKS:
            continue
        if category in ("Pi", "Pf") or char in "\"'＂＇「」『』〝〞〟‚„":
            table[code] = '"'
        elif category == "Pd":
            dashes += char
        else:
            table[code] = " "
    marks = re.escape(_FIGURE_MARKS + dashes)
    return (
        table,
        re.compile(f"[{marks}](?!\\d)"),
        re.compile(f"(?<=[{_SPACELESS}]) (?=[{_SPACELESS}])"),
    )


def _without_reading_marks(paragraph: str) -> str:
    table, figure_marks, spaceless_gap = _reading_marks()
    spaced = " ".join(figure_marks.sub(" ", paragraph.translate(table)).split())
    return spaceless_gap.sub("", spaced)


def _length(paragraphs: Counter) -> int:
    return sum(len(p) * n for p, n in paragraphs.items())


def text_change(old: str | None, new: str | None) -> float:
    """How much of two texts differs, from 0 (the same paragraphs) to 1 (none in common),
    weighing paragraphs by length and ignoring spacing, case and punctuation that stands in no
    figure: a comma taken out or quotation marks made curly change nothing."""
    before, after = _paragraphs(old or ""), _paragraphs(new or "")
    alike = before & after
    # Only the paragraphs that differ are read again without their reading marks, so a page
    # with one paragraph edited costs no more than its edit.
    rest_before: Counter[str] = Counter()
    rest_after: Counter[str] = Counter()
    for paragraphs, rest in ((before - alike, rest_before), (after - alike, rest_after)):
        for paragraph, count in paragraphs.items():
            rest[_without_reading_marks(paragraph)] += count
    total = 2 * _length(alike) + _length(rest_before) + _length(rest_after)
    if total == 0:
        return 0.0
    common = 2 * _length(alike) + 2 * _length(rest_before & rest_after)
    return round(1 - common / total, 4)


def text_fingerprint(text: str | None) -> str | None:
    """The sha256 of a page's text as a check compares it (spacing and case aside): a page
    whose bytes differ on every request (a time stamp, a token, an ad) keeps one while its
    text does."""
    if text is None:
        return None
    return hashlib.sha256("\n".join(_paragraphs(text)).encode("utf-8")).hexdigest()


def _label(label: str) -> str:
    """A host name's label as it reads: 'xn--bcher-kva' as 'bücher'."""
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except UnicodeError:
            pass
    return label


def _comparable(url: str) -> tuple[str, str, str]:
    # A server writes its Location in ASCII (the host in punycode, the path percent-encoded), so
    # both addresses are compared as they read.
    parts = urlsplit(url)
    labels = (parts.hostname or "").lower().rstrip(".").split(".")
    host = ".".join(map(_label, labels)).removeprefix("www.")
    return host, unquote(parts.path).rstrip("/") or "/", unquote(parts.query)


def moved_elsewhere(original: str, final: str) -> bool:
    """Whether a redirect led to another page: not just http to https, www. or a trailing
    slash."""
    return _comparable(original) != _comparable(final)


@dataclass
class RunSummary:
    checked: list[dict] = field(default_factory=list)
    skipped_hosts: dict[str, int] = field(default_factory=dict)
    #: Due addresses the fetcher refuses whatever the network says (refused_without_network),
    #: not fetched: each with the line of its refusal.
    refused: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counted = Counter(result["outcome"] for result in self.checked)
        return {outcome: counted.get(outcome, 0) for outcome in link_checks.OUTCOMES}


def _host(url: str) -> str:
    """The site an address is on, for politeness: one name however it is written ("www."
    or not, a final dot, Unicode or its ASCII form)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".").removeprefix("www.")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def plan(due: list[dict], limit: int, per_host: int) -> tuple[list[dict], dict[str, int]]:
    """The pages to check this run, in their order of urgency, at most `per_host` of one host and
    `limit` in all; and how many of each host were left for a later run."""
    chosen: list[dict] = []
    per: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for row in due:
        host = _host(row["url"])
        if per[host] >= per_host or len(chosen) >= limit:
            skipped[host] += 1
            continue
        per[host] += 1
        chosen.append(row)
    return chosen, dict(skipped)


def copies_to_compare(
    items: list[dict], newest: int | None, lost: frozenset[int | None] = frozenset()
) -> list[int | None]:
    """The copies one fetch of a page is compared with: each copy its live evidence items are
    compared with (`compared`), those published verdicts rest on first, then those of verdicts in
    review, the oldest of each first (an item whose copy is left out reads the newest copy's
    check, which tells least about the oldest), then the others, the newest first, at most
    MAX_COPIES in all; and the newest copy fetched (`newest`, None without one) last, which an
    item resting on none of the others reads. A copy in `lost` (an item's quote, found in it, is
    gone from the page) is compared whatever that bound, up to MOST_CHECKS copies in all: a
    quote lost is a change, which the newest copy's check may not show."""

    def rank(item: dict) -> tuple[bool, bool, int]:
        copy = item["compared"] or 0
        fixed = item["published"] or item["in_review"]
        return (not item["published"], not item["in_review"], copy if fixed else -copy)

    ranked: list[int | None] = []
    for item in sorted(items, key=rank):
        if item["compared"] != newest and item["compared"] not in ranked:
            ranked.append(item["compared"])
    forced = [copy for copy in ranked if copy in lost][: link_checks.MOST_CHECKS - 1]
    room = min(link_checks.MAX_COPIES, link_checks.MOST_CHECKS - len(forced)) - 1
    others = [copy for copy in ranked if copy not in lost][: max(room, 0)]
    return [copy for copy in ranked if copy in forced or copy in others] + [newest]


def _live_quotes(items: list[dict], text: str | None) -> dict[int, str]:
    """Each quote's status in the page as fetched now."""
    statuses = {}
    for item in items:
        result = quote_check.check_quote(item["quote"], text) if item["quote"] else None
        if result is not None:
            statuses[item["id"]] = result.status
    return statuses


def _lost_quotes(items: list[dict], statuses: dict[int, str]) -> set[int | None]:
    """The copies compared with for items whose quote, found in the copy the item rests on, the
    page no longer holds."""
    lost: set[int | None] = set()
    for item in items:
        if item["id"] not in statuses:
            continue
        # The copy is read again by the same rule as the page: a quote check made when the copy
        # was kept, by an earlier version's rule, would call an unchanged page changed.
        kept = (
            quote_check.check_quote(item["quote"], item["copy_text"])
            if item["copy_text"] is not None
            else None
        )
        kept_status = kept.status if kept is not None else item["kept"]
        if kept_status in FOUND and statuses[item["id"]] not in FOUND:
            lost.add(item["compared"])
    return lost


#: The types read as pages of text. An answer or copy of another type (a PDF) with no text to
#: compare, whose bytes differ from the copy's, is another file.
TEXT_TYPES = HTML_TYPES | {"text/plain"}


def _not_read(error: FetchError, copy: dict | None) -> dict:
    # The record keeps the one-line wording; archive_words reads it for the evidence card.
    # A picture, a video or a file over the cap still answers: it is there, only not read,
    # which is no failing page; but where the kept copy had text to read, the page is no
    # longer what was kept, and that is a change.
    if error.code not in NOT_READ:
        outcome = "failed"
    elif copy is not None and (copy["text"] or "").strip():
        outcome = "changed"
    else:
        outcome = "unchanged"
    return {"outcome": outcome, "error": error_line(error)}


def _compare(
    url: str, copy: dict | None, page: Any, digest: str, texts: dict, threshold: float
) -> dict:
    """What the page at `url` as fetched now is, against one copy (`texts` keeps the page's type
    and text once read, for the next copy)."""
    # Moved when it leads neither to the address itself nor to where the fetch of the
    # workbench's own copy ended: an address that redirected from the start has not moved, nor
    # one that has stopped redirecting. (A web archive's copy ended at the archive.)
    landed = copy["final_url"] if copy is not None and copy["kind"] == "fetched" else None
    if moved_elsewhere(url, page.url) and moved_elsewhere(landed or url, page.url):
        return {"outcome": "moved"}
    if copy is not None and copy["content_sha256"] == digest and "text" not in texts:
        # The same bytes: the same text, so the same quote answers, without extracting again.
        texts["text"] = copy["text"]
    if "text" not in texts:
        texts["type"] = copies.fetched_type(page.body, page.content_type)
        try:
            _, texts["text"] = copies.title_and_text(
                page.body, texts["type"], page.encoding, page.url
            )
        except ImportRefused:
            texts["text"] = None
    text = texts["text"]
    if copy is None:
        return {"outcome": "unchanged", "text_change": None}
    if copy["content_sha256"] == digest:
        return {"outcome": "unchanged", "text_change": 0.0}
    if "type" not in texts:
        texts["type"] = copies.fetched_type(page.body, page.content_type)
    if (
        not text
        and not (copy["text"] or "").strip()
        and {texts["type"], copy["content_type"]} - TEXT_TYPES - {None, ""}
    ):
        # A PDF replaced by another: neither has text to compare, yet the file is not the
        # one kept. (An HTML page whose text could not be read stays unchanged: its bytes
        # differ on every request.)
        return {"outcome": "changed", "text_change": None, "error": link_checks.FILE_DIFFERS}
    change = text_change(copy["text"], text)
    return {"outcome": "changed" if change > threshold else "unchanged", "text_change": change}


#: Outcomes in the order a page's result reports them: what needs a reviewer first.
_NEWS = ("failed", "moved", "changed", "unchanged")


def check_page(db: Database, row: dict, *, policy: FetchPolicy, threshold: float) -> dict:
    """Fetch one evidence page again, compare it with each copy its evidence is compared with
    (copies_to_compare), and keep what was found: one check per copy, in one transaction.
    Returns the page's result: the check that is the most news (failing, moved, changed, of a
    copy a published verdict rests on first), with every check of the fetch as `checks`."""
    url = row["url"]
    items = link_checks.watched_evidence(db, url)
    copy_ids = copies_to_compare(items, row.get("snapshot_id"))
    compared = [link_checks.comparison_copy(db, copy) for copy in copy_ids]
    found: list[dict] = []
    try:
        page = fetch(url, policy=policy, accept=CHECK_TYPES, max_bytes=CHECK_MAX_BYTES)
    except FetchError as error:
        found = [_not_read(error, copy) for copy in compared]
    else:
        digest = hashlib.sha256(page.body).hexdigest()
        texts: dict[str, Any] = {}
        found = [_compare(url, copy, page, digest, texts, threshold) for copy in compared]
        quotes: dict[int, str] = {}
        lost: set[int | None] = set()
        if "text" in texts:
            quotes = _live_quotes(items, texts["text"])
            lost = _lost_quotes(items, quotes)
            if lost - set(copy_ids):
                # A copy left out (past MAX_COPIES) whose item's quote the page lost is
                # compared too: its item would read the newest copy's check, which may not show
                # the loss.
                done = dict(zip(copy_ids, found, strict=True))
                loaded = dict(zip(copy_ids, compared, strict=True))
                copy_ids = copies_to_compare(items, row.get("snapshot_id"), frozenset(lost))
                compared = [
                    loaded[copy] if copy in loaded else link_checks.comparison_copy(db, copy)
                    for copy in copy_ids
                ]
                found = [
                    done[copy_id]
                    if copy_id in done
                    else _compare(url, copy, page, digest, texts, threshold)
                    for copy_id, copy in zip(copy_ids, compared, strict=True)
                ]
            # A copy still left out (past MOST_CHECKS) changes no check: its quote lost says
            # nothing of the newest copy (the quote's status is still kept).
            lost &= set(copy_ids)
        fingerprint = text_fingerprint(texts.get("text"))
        for copy_id, check in zip(copy_ids, found, strict=True):
            check.update(http_status=page.status, final_url=page.url, content_sha256=digest)
            if check["outcome"] == "moved":
                continue
            check.update(quotes=quotes, text_sha256=fingerprint)
            # A quoted passage gone from the page is a change however little else moved: "23
            # people were injured" become "32" is a hundredth of a long page.
            if copy_id in lost:
                check["outcome"] = "changed"
    for copy, check in zip(compared, found, strict=True):
        check["snapshot_id"] = copy["id"] if copy is not None else None
    checks = link_checks.record_link_checks(db, url, actor=SYSTEM, checks=found)
    # The first of the most news: the copies are in order, a published verdict's first.
    result = min(checks, key=lambda check: _NEWS.index(check["outcome"]))
    return {**result, "checks": checks}


#: Beside the database: whoever holds a lock on it is running the link watch on that database.
LOCK_SUFFIX = ".link_check_lock"


class AnotherRun(Exception):
    """Another process (or another worker of this one) is checking the links of this database;
    `holder` is its process id, when it could be read."""

    def __init__(self, holder: int | None) -> None:
        super().__init__(holder)
        self.holder = holder


class LockUnavailable(Exception):
    """The lock file beside the database cannot be opened by this account (one left by another
    account, such as a run under sudo): `words` say which file, why, and what to do."""

    def __init__(self, words: str) -> None:
        super().__init__(words)
        self.words = words


@contextmanager
def one_run_at_a_time(db: Database) -> Iterator[None]:
    """Hold the lock on checking this database's links, or raise AnotherRun at once: one run at a
    time across the command line and every worker, so no site gets two requests at once. The
    system lets go of the lock when its holder ends, however it ends (Ctrl+C, TERM, KILL, a
    crash), so nothing is left to clear; a holder that is stopped (Ctrl+Z, kill -STOP) keeps it.
    A database in memory has one connection, and no lock."""
    path = database_file(db)
    if path is None:
        yield
        return
    path = path.resolve()
    # Opened anew each time: a lock held through another descriptor, even in this process (a
    # worker thread, `serve`'s own workers), is refused too.
    descriptor, writable = _open_lock(path.with_name(path.name + LOCK_SUFFIX))
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            # A file this account cannot write holds no process id of a holder of this account,
            # only what another account left there: naming it could name an unrelated process.
            raise AnotherRun(_holder(descriptor) if writable else None) from None
        if writable:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            if writable:
                os.ftruncate(descriptor, 0)  # no process id left to name once it is free
    finally:
        os.close(descriptor)  # lets go of the lock


def _open_lock(lock: Path) -> tuple[int, bool]:
    """The lock file opened to take the lock, and whether the holder's process id can be
    written in it. A file another account left (a run under sudo) is locked read-only where it
    may be read: a lock needs no more."""
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644), True
    except OSError:
        pass
    try:
        return os.open(lock, os.O_RDONLY), False
    except OSError as error:
        raise LockUnavailable(
            f"cannot open the link check's lock file {lock} ({error.strerror}); give the account"
            " that runs factcheck access to it, or remove it while no link check runs"
        ) from None


def _holder(descriptor: int) -> int | None:
    """The process id the holder wrote just after taking the lock (not there yet for a moment)."""
    written = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    return int(written) if written.isdigit() else None


def check_links(
    db: Database,
    *,
    older_than: timedelta = DEFAULT_OLDER_THAN,
    limit: int = DEFAULT_LIMIT,
    per_host: int = DEFAULT_PER_HOST,
    host_delay: float = DEFAULT_HOST_DELAY,
    policy: FetchPolicy = DEFAULT_POLICY,
    threshold: float | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[dict], None] | None = None,
) -> RunSummary:
    """Re-check the evidence pages not checked for `older_than`, most urgent first."""
    threshold = change_threshold() if threshold is None else threshold
    cutoff = ((now or datetime.now(UTC)) - older_than).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    refused: dict[str, str] = {}

    def fetchable(row: dict) -> bool:
        # An address the fetcher refuses by its form, port or IP address alone would only be
        # refused again: it is never reachable, so it is no page that "now fails", and it takes
        # no turn of its site. A host name is fetched, since what it resolves to may change.
        refusal = refused_without_network(row["url"], policy)
        if refusal is None:
            return True
        refused[row["url"]] = error_line(refusal)
        return False

    due = link_checks.due_for_check(db, cutoff, limit * 4 + per_host, keep=fetchable)
    chosen, skipped = plan(due, limit, per_host)
    summary = RunSummary(skipped_hosts=skipped, refused=refused)
    last_visit: dict[str, float] = {}
    for row in chosen:
        host = _host(row["url"])
        if host in last_visit:
            wait = host_delay - (time.monotonic() - last_visit[host])
            if wait > 0:
                sleep(wait)
        result = check_page(db, row, policy=policy, threshold=threshold)
        last_visit[host] = time.monotonic()
        summary.checked.append(result)
        if progress is not None:
            progress(result)
    return summary
