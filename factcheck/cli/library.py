"""CLI commands for the library of known fact-checks and for matching text against it."""

import json
import math
import sys
from collections.abc import Iterator
from typing import BinaryIO

import click

from factcheck import settings
from factcheck.cli.base import (
    USAGE_ERROR,
    UserError,
    acting_user,
    embed_library,
    emit_json,
    main,
    open_db,
    system_actor,
    why_option,
)
from factcheck.cli.ids import ID
from factcheck.db import Database
from factcheck.reveal import reveal
from factcheck.shared_words import counted
from factcheck.store import library as library_store

as_option = click.option(
    "--as", "as_user", metavar="USERNAME", help="Who is making the change (default: system)."
)
# A line of the summary names at most this many refused records; --json lists them all.
SHOWN_REFUSALS = 20


@main.group("library")
def library_group():
    """The library of known fact-checks that claims are matched against: the desk's own
    published verdicts and fact-checks imported from other publishers."""


# The most a library file may hold, as the most an article import may: a wrong file, or a device
# that never ends (/dev/zero), is refused rather than read into memory whole.
MAX_LIBRARY_BYTES = settings.LARGEST_IMPORT_BYTES


def _read_capped(stream: BinaryIO, path: str) -> bytes:
    """The whole file, read a megabyte at a time, refused past the limit."""
    from factcheck.importers import read_capped

    data = read_capped(stream, MAX_LIBRARY_BYTES)
    if len(data) > MAX_LIBRARY_BYTES:
        raise UserError(
            f"{path} is larger than {MAX_LIBRARY_BYTES:,} bytes, more than a library file may"
            " hold; split it into smaller files"
        )
    return data


def _read(path: str) -> bytes:
    try:
        if path == "-":
            return _read_capped(sys.stdin.buffer, path)
        with open(path, "rb") as stream:
            return _read_capped(stream, path)
    except OSError as error:
        raise UserError(f"cannot read {path} ({error.strerror}); check the path") from None


def _progress_bar(total: int):
    """A progress line on a terminal, nothing otherwise (a pipe or a log gets the summary)."""
    if total and sys.stderr.isatty():
        return click.progressbar(length=total, label="Matching claims", file=sys.stderr)
    return None


def _match_again(db: Database, claim_ids: list[int], actor, cause: str) -> dict:
    """Match these claims again here and now, with a progress line on a terminal."""
    from factcheck import previous_checks

    bar = _progress_bar(len(claim_ids))
    if bar is None:
        return previous_checks.refresh(db, claim_ids, cause=cause, actor=actor)
    with bar:
        return previous_checks.refresh(db, claim_ids, cause=cause, actor=actor, progress=bar.update)


def load_library_file(db: Database, file: str, file_format: str | None, actor) -> dict:
    """Import the fact-checks in file (- for standard input) and match the claims they touch
    again: the import's summary, with "records" (how many the file held) and "matching"."""
    from factcheck import library_files, library_formats, previous_checks

    if file_format is None:
        file_format = library_formats.format_for(file) if file != "-" else None
        if file_format is None:
            raise UserError(
                f"cannot tell the format of {file} from its name; give --format"
                " csv|tsv|jsonl|claimreview"
            )
    data = _read(file)
    try:
        summary = library_files.import_file(
            db, data, name=file, file_format=file_format, actor=actor
        )
    except library_formats.FormatRefused as error:
        raise UserError(f"{file}: {error}") from None
    except library_files.NoFactChecks:
        raise UserError(f"{file} holds no fact-checks; check the file and its --format") from None
    changed = summary.pop("changed_ids")
    if changed:
        embed_library(db)
        claim_ids = previous_checks.affected_claims(db, changed)
        summary["matching"] = _match_again(db, claim_ids, actor, f"library import of {file}")
    return summary


@library_group.command("import")
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "tsv", "jsonl", "claimreview"]),
    help="How FILE is written; by default its extension says (.csv, .tsv, .jsonl, .json).",
)
@as_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_library(file, file_format, as_user, as_json):
    """Import fact-checks from FILE (- for standard input): CSV or TSV with a header row, JSON
    Lines, or schema.org ClaimReview JSON-LD. An item with the same id, or else the same url,
    as one imported before is updated, not added again; refused rows are reported with their
    line (or item) number and the rest still land. Claims are then matched again."""
    db = open_db(create=True)
    actor = acting_user(db, as_user) if as_user else system_actor()
    summary = load_library_file(db, file, file_format, actor)
    refused_all = summary["refused"] == summary["records"]
    if as_json:
        emit_json(summary)
        if refused_all:
            sys.exit(USAGE_ERROR)
        return
    for refusal in summary["refusals"][:SHOWN_REFUSALS]:
        click.echo(reveal(f"{file} {refusal['where']}: {refusal['problem']}"), err=True)
    if summary["refused"] > SHOWN_REFUSALS:
        click.echo(f"… and {summary['refused'] - SHOWN_REFUSALS:,} more refused", err=True)
    line = _import_line(summary)
    if refused_all:
        raise UserError(line)
    click.echo(line)


def _import_line(summary: dict) -> str:
    parts = [
        f"{summary['added']:,} added",
        f"{summary['updated']:,} updated",
        f"{summary['unchanged']:,} unchanged",
        f"{summary['refused']:,} refused",
    ]
    matched = summary.get("matching")
    tail = ""
    if matched and matched["claims"]:
        tail = (
            f"; {counted(matched['claims'], 'claim')} matched again, {matched['changed']:,} changed"
        )
    return f"Library import of {summary['source']}: {', '.join(parts)}{tail}."


@library_group.command("list")
@click.option(
    "--origin", type=click.Choice(["own", "imported"]), help="Only the desk's own, or imported."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0, max=1_000_000_000),
    default=library_store.LIST_LIMIT,
    show_default=True,
    help="Newest items shown; 0 for all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the items as JSON.")
def list_library(origin, limit, as_json):
    """List the library, newest first."""
    db = open_db()
    items = library_store.list_items(db, limit=limit or None, origin=origin)
    if as_json:
        emit_json(items)
        return
    if not items:
        counts = library_store.item_count(db)
        if origin and any(counts.values()):
            others = ", ".join(f"{n:,} {kind}" for kind, n in counts.items() if n)
            click.echo(f"The library holds no {origin} fact-checks ({others}).")
        else:
            click.echo(
                "The library is empty: run `factcheck library import FILE` to add fact-checks."
            )
        return
    click.echo(f"{'ID':>6}  {'ORIGIN':<8}  {'RATING':<18}  CLAIM")
    for item in items:
        rating = _clip(item["rating"] or "-", 18)
        click.echo(
            f"{item['id']:>6}  {item['origin']:<8}  {reveal(rating):<18}  "
            f"{reveal(_clip(item['claim'], 80))}"
        )


@library_group.command("show")
@click.argument("library_id", metavar="ID", type=ID)
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
def show_library_item(library_id, as_json):
    """Show one library item."""
    item = library_store.get_item(open_db(), library_id)
    if as_json:
        emit_json(item)
        return
    for name in ("id", "origin", *library_store.FIELDS, "claim_id", "verdict_id", "updated_at"):
        value = item.get(name)
        if value is not None:
            click.echo(reveal(f"{name + ':':<13} {value}"))


@library_group.command("remove")
@click.argument("library_id", metavar="ID", type=ID)
@as_option
@why_option
@click.option("--json", "as_json", is_flag=True, help="Print the removed item as JSON.")
def remove_library_item(library_id, as_user, why, as_json):
    """Remove an imported fact-check (the desk's own verdicts change only by correction); the
    claims it matched are matched again."""
    from factcheck import previous_checks

    db = open_db()
    actor = acting_user(db, as_user) if as_user else system_actor()
    result = library_store.remove_item(db, library_id, actor=actor, why=why)
    claim_ids = result["matched_claims"]
    # The claims that matched it, and on a small desk every claim, as after any library change:
    # every score moves a little when the library does.
    affected = previous_checks.affected_claims(db, [library_id], matched=claim_ids)
    matched = _match_again(db, affected, actor, f"removal of library item {library_id}")
    if as_json:
        emit_json({**result, "matching": matched})
        return
    were = "was" if len(claim_ids) == 1 else "were"
    again = (
        f"; {counted(len(claim_ids), 'claim')} that matched it {were} matched again"
        if claim_ids
        else ""
    )
    click.echo(f"Removed library item {library_id}{again}.")


@library_group.command("dismiss")
@click.argument("claim_id", type=ID)
@click.argument("library_id", type=ID)
@click.option("--as", "as_user", metavar="USERNAME", required=True, help="Who says so.")
@why_option
def dismiss_previous_check(claim_id, library_id, as_user, why):
    """Say that the previous check LIBRARY_ID (an earlier fact-check the claim was matched with)
    is not the claim's: it leaves the claim's matches, and later matching never brings it back."""
    from factcheck.store import claim_matches

    db = open_db()
    actor = acting_user(db, as_user)
    claim_matches.dismiss_previous_check(db, claim_id, library_id, actor=actor, reason=why)
    click.echo(f"Dismissed library item {library_id} as a previous check of claim {claim_id}.")


@library_group.command("restore")
@click.argument("claim_id", type=ID)
@click.argument("library_id", type=ID)
@click.option("--as", "as_user", metavar="USERNAME", required=True, help="Who says so.")
def restore_previous_check(claim_id, library_id, as_user):
    """Take back a dismissal: the claim is matched again, and the earlier check is among its
    previous checks if it still matches."""
    from factcheck import previous_checks

    db = open_db()
    actor = acting_user(db, as_user)
    embed_library(db)
    matched = previous_checks.restore(db, claim_id, library_id, actor=actor)
    click.echo(
        f"Restored library item {library_id} for claim {claim_id}; "
        + ("it is a previous check of the claim again." if matched else "it no longer matches it.")
    )


@library_group.command("dismissed")
@click.argument("claim_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
def list_dismissed(claim_id, as_json):
    """The previous checks dismissed as not the claim's, with who dismissed them and when."""
    from factcheck.store import claim_matches, claim_reads

    db = open_db()
    claim_reads.get_claim(db, claim_id)
    dismissed = claim_matches.dismissed_checks(db, claim_id)
    if as_json:
        emit_json(dismissed)
        return
    if not dismissed:
        click.echo(f"No previous check of claim {claim_id} was dismissed.")
        return
    for item in dismissed:
        click.echo(
            reveal(
                f"{item['library_id']:>6}  {item['dismissed_at'][:16].replace('T', ' ')}"
                f"  {item['dismissed_by_name']}  {item['claim']}"
                + (f"\n        why: {item['reason']}" if item["reason"] else "")
            )
        )


@library_group.command("rematch")
@click.option(
    "--article",
    "article_ids",
    type=ID,
    multiple=True,
    metavar="ID",
    help="Only this article's claims (an import stopped while matching); repeat for more.",
)
@as_option
def rematch(article_ids, as_user):
    """Match every claim against the library again (after a large change or an upgrade), or
    only the claims of the articles given."""
    from factcheck.store import claim_matches
    from factcheck.store.export_reads import require_article

    db = open_db()
    actor = acting_user(db, as_user) if as_user else system_actor()
    for article_id in article_ids:
        require_article(db, article_id)
    if article_ids:
        claim_ids = claim_matches.article_claim_ids(db, list(dict.fromkeys(article_ids)))
        cause = f"rematch of {counted(len(set(article_ids)), 'article')}"
    else:
        claim_ids, cause = claim_matches.all_claim_ids(db), "rematch of every claim"
    embed_library(db)
    result = _match_again(db, claim_ids, actor, cause)
    click.echo(f"Matched {result['claims']:,} claims; {result['changed']:,} changed.")


def _match_json(match: dict) -> dict:
    keys = ("library_id", "external_id", "claim", "rating", "url", "score", "own")
    return {key: match.get(key) for key in keys}


def _a_number(ctx, param, value):
    """NaN passes FloatRange (every comparison with it is false), then leaves out every match."""
    if value is not None and math.isnan(value):
        raise UserError("--min-score must be a number from 0 to 1, such as 0.5")
    return value


@main.command("match")
@click.argument("text", metavar="TEXT|-")
@click.option(
    "--top",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="Matches shown for each query.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    callback=_a_number,
    help="Leave out matches scoring below this (default: the threshold the workbench uses).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON line for each query.")
def match_text(text, top, min_score, as_json):
    """Find the library's best matches for TEXT, or, with -, for each line of standard input
    (one query a line, answered in order)."""
    from factcheck import previous_checks

    if not text.strip():
        raise UserError(
            "the text to match is empty; give the words of a claim, or - to read one query"
            " a line from standard input"
        )
    engine = previous_checks.engine()
    threshold = engine.MATCH_THRESHOLD if min_score is None else min_score
    db = open_db()
    embed_library(db)
    # Each query is answered (and echo flushes it) before the next line is read: a reader on the
    # other end of a pipe gets its answers as they come, and standard input is never held whole.
    for query in _stdin_queries() if text == "-" else [text]:
        [matches] = engine.find_matches_many(db, [query], top=top, min_score=threshold)
        if as_json:
            line = {"query": query, "matches": [_match_json(m) for m in matches]}
            click.echo(json.dumps(line, ensure_ascii=False).translate(_LINE_BREAKS))
        else:
            _print_matches(query, matches)


# Characters str.splitlines() breaks a line at that JSON leaves unescaped: escaped, every answer
# stays on one line for any reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


# The longest line `match -` reads as one query: far more than any claim (the library keeps claims
# of up to 5,000 characters); a line that never ends is refused here, not read into memory.
MAX_QUERY_BYTES = 64 * 1024


def _stdin_queries() -> Iterator[str]:
    """Each line of standard input as a query, read only when the one before it is answered."""
    stream = sys.stdin.buffer
    number = 0
    while raw := stream.readline(MAX_QUERY_BYTES + 1):
        number += 1
        line = raw.removesuffix(b"\n")
        if len(line) > MAX_QUERY_BYTES:
            raise UserError(
                f"line {number} of standard input is longer than {MAX_QUERY_BYTES:,} bytes, more"
                " than one query may be; give one claim a line"
            )
        try:
            # A byte-order mark (Notepad and PowerShell write one) is not part of the first query.
            query = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise UserError(
                f"line {number} of standard input is not UTF-8 text; save the queries as UTF-8,"
                " one a line"
            ) from None
        yield query.rstrip("\r")


def _print_matches(query: str, matches: list[dict]) -> None:
    click.echo(reveal(f"Query: {_clip(query, 90)}"))
    if not matches:
        click.echo("  no previous check matches")
        return
    click.echo(f"  {'SCORE':>5}  {'ID':>6}  {'RATING':<18}  CLAIM")
    for match in matches:
        origin = " (own)" if match.get("own") else ""
        rating = _clip(match.get("rating") or "-", 18)
        click.echo(
            f"  {match['score']:>5.2f}  {match['library_id']:>6}  {reveal(rating):<18}  "
            f"{reveal(_clip(match['claim'], 70))}{origin}"
        )


def _clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
