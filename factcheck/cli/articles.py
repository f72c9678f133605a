"""CLI commands for the database, importing articles and reading their claims."""

import sys
from pathlib import Path, PurePath

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
    refuse_unless_factcheck,
    start_database,
    system_actor,
    terminate_as_interrupt,
)
from factcheck.cli.ids import ID
from factcheck.refusal_lines import import_refusal_line
from factcheck.reveal import reveal
from factcheck.scales import load_scale
from factcheck.shared_words import url_problem_words
from factcheck.store import articles as article_store
from factcheck.store import claim_reads


@main.command()
@click.pass_context
def init(ctx):
    """Create the database, or bring an older one up to date."""
    path = ctx.find_root().obj["db_path"]
    if path.exists():
        refuse_unless_factcheck(path, empty_is_new=True)
    _db, applied = start_database(path)
    if applied:
        click.echo(f"{path}: applied {', '.join(applied)}")
    else:
        click.echo(f"{path}: up to date")


# The most an import may be allowed to read (1 GiB): more than any article, and a size Python can
# still ask a file for in one read.
LARGEST_MAX_BYTES = settings.LARGEST_IMPORT_BYTES


@main.command("import")
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@click.option("--title", help="Use this title instead of the detected one (one article only).")
@click.option(
    "--url", "source_url", help="The article's address, recorded as its source (one article only)."
)
@click.option(
    "--format",
    "source_format",
    type=click.Choice(["text", "html", "jsonl", "csv"]),
    help="Read each SOURCE as plain text or HTML instead of guessing by its name, or read one"
    " JSON Lines or CSV file of articles (fields title, body, url, published_date, author).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=LARGEST_MAX_BYTES),
    help="Largest article accepted (default 5 MB, or FACTCHECK_MAX_IMPORT_BYTES).",
)
@click.option(
    "--language",
    metavar="CODE",
    help="The articles' language as an ISO 639 code (en, de, fr, es...) instead of the detected"
    " one; it chooses the sentence rules and the score's word lists.",
)
@click.option("--as", "as_user", metavar="USERNAME", help="Who is importing (default: system).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_article(
    sources, title, source_url, source_format, max_bytes, language, as_user, as_json
):
    """Import articles: text or HTML files, folders of them, URLs, - for standard input, or one
    JSON Lines or CSV file of articles (a .jsonl or .csv name, or --format jsonl|csv).

    \b
    Examples:
      factcheck import story.txt
      factcheck import https://news.example/2026/12/budget-speech
      factcheck import saved-pages/ --as alice
      factcheck import articles.csv
      xclip -o | factcheck import - --title "Budget speech"
    """
    from factcheck import importers  # trafilatura is loaded only when an HTML page is read

    if any(not source.strip() for source in sources):
        # An unset shell variable ("$FILE") must not read as this folder, whose every file would
        # be imported.
        raise UserError(
            "an empty name was given for what to import; name a file, a folder, an address or -"
        )
    limit = max_bytes or settings.value("MAX_IMPORT_BYTES")
    if source_format is None and len(sources) == 1 and "://" not in sources[0]:
        # A file of articles is read as one, as the workbench reads an upload, never stored as
        # one article whose text is JSON or comma-separated cells.
        suffix = PurePath(sources[0]).suffix.lower().removeprefix(".")
        source_format = suffix if suffix in ("jsonl", "csv") else None
    records = source_format in ("jsonl", "csv")
    if language is not None:
        from factcheck.text.language import checked_code

        try:
            language = checked_code(language)
        except ValueError as error:
            raise UserError(f"--language: {error}") from None
    if title is not None and not title.strip():
        raise UserError(
            "--title is blank; give the headline, or leave --title out to use the detected one"
        )
    if source_url is not None:
        source_url = _source_url(source_url)
    one = len(sources) == 1 and not records and not importers.is_folder(sources[0])
    if not one and (title or source_url):
        raise UserError("--title and --url name one article; leave them out to import several")
    if records and len(sources) != 1:
        raise UserError(f"--format {source_format} reads one file of articles; give just one")
    with terminate_as_interrupt():
        if one:
            _import_one(
                sources[0], title, source_url, source_format, limit, language, as_user, as_json
            )
        else:
            _import_many(sources, source_format, limit, language, as_user, as_json)


def _source_url(given: str) -> str:
    """The --url address, checked as the url field of a file of articles is."""
    from factcheck.network.urls import UrlProblem, clean_web_url

    try:
        return clean_web_url(given)
    except UrlProblem as error:
        facts = {"problem": error.problem, **error.facts}
        raise UserError(f"--url: {url_problem_words(facts)}") from None


def _import_one(source, title, source_url, source_format, limit, language, as_user, as_json):
    """One file, link or standard input: refused with exit status 2 when it cannot be imported."""
    from factcheck import importers
    from factcheck.ingest import prepare_unless_stored, store_prepared
    from factcheck.network.fetch import FetchError

    try:
        imported = importers.load(
            source, format=source_format, stdin=sys.stdin.buffer, max_bytes=limit
        )
    except (FetchError, importers.ImportRefused) as error:
        raise UserError(import_refusal_line(error.code, error.facts)) from None
    if title:
        imported.title = title.strip()
    if source_url:
        imported.source_url = source_url
    if language:
        imported.language = language
    db = open_db(create=True)
    actor = acting_user(db, as_user) if as_user else system_actor()
    result = store_prepared(db, prepare_unless_stored(db, imported), actor=actor)
    if not as_json and not result.duplicate:
        _say_imported(result)
    if not result.duplicate:
        _match_with_progress(db, result.article_id, actor)
    if as_json:
        emit_json(
            {
                "article_id": result.article_id,
                "claims": result.claims,
                "duplicate": result.duplicate,
                "near_copies": result.near_copies,
            }
        )
    elif result.duplicate:
        click.echo(f"Already imported as article {result.article_id} ({_units(result.claims)}).")


def _units(count: int) -> str:
    return f"{count} unit{'' if count == 1 else 's'}"


def _say_imported(result) -> None:
    click.echo(f"Imported article {result.article_id} with {_units(result.claims)}.")
    for earlier in result.near_copies:
        click.echo(
            f"This is a near copy: its text is {earlier['resemblance']:.0%} the same as"
            f" article {earlier['id']} “{reveal(earlier['title'])}”, imported"
            f" {earlier['imported_at']} (`factcheck claims {earlier['id']}` shows it)."
        )


def _match_with_progress(db, article_id: int, actor) -> None:
    """Match the stored article's claims against the library, with a progress bar on standard
    error when they are many: the article is already in the workbench meanwhile."""
    from factcheck import previous_checks
    from factcheck.store import claim_matches

    if claim_matches.library_is_empty(db):
        return
    claim_count = len(claim_matches.article_claim_ids(db, [article_id]))
    try:
        embed_library(db)
        if claim_count > previous_checks.CHUNK_CLAIMS and sys.stderr.isatty():
            label = f"Checking its {claim_count:,} claims against the library"
            with click.progressbar(length=claim_count, label=label, file=sys.stderr) as bar:
                previous_checks.after_import(db, [article_id], actor=actor, progress=bar.update)
            return
        progress = _matching_lines(db, [article_id])
        previous_checks.after_import(db, [article_id], actor=actor, progress=progress)
    except KeyboardInterrupt:
        # Importing it again finds it stored, and would not match it: say how to finish.
        click.echo(
            f"Stopped while checking its claims against the library: article {article_id} is"
            " stored, but some of its claims have no previous checks yet; finish with"
            f" `factcheck library rematch --article {article_id}`",
            err=True,
        )
        raise click.exceptions.Exit(130) from None


def _matching_lines(db, article_ids: list[int]):
    """For a long match of these articles' claims against the library, a line on standard error
    at its start and at each tenth (a sign of life in a log or a script's pipe); None when the
    match is quick or there is no library."""
    from factcheck import previous_checks
    from factcheck.store import claim_matches

    if claim_matches.library_is_empty(db):
        return None
    claim_count = len(claim_matches.article_claim_ids(db, article_ids))
    if claim_count <= previous_checks.CHUNK_CLAIMS:
        return None
    whose = "its" if len(article_ids) == 1 else "their"
    click.echo(f"Checking {whose} {claim_count:,} claims against the library", err=True)
    tenth = max(1, claim_count // 10)
    matched = 0

    def progress(count: int) -> None:
        nonlocal matched
        before, matched = matched, matched + count
        if matched // tenth > before // tenth or matched == claim_count:
            # Checked, not matched: most claims have no earlier fact-check at all.
            click.echo(f"  {matched:,} of {claim_count:,} claims checked", err=True)

    return progress


def _in_language(items, language):
    """The same items, each article read as written in language."""
    for label, load in items:

        def load_in_language(load=load):
            imported = load()
            imported.language = language
            return imported

        yield label, load_in_language


def _import_many(sources, source_format, limit, language, as_user, as_json):
    """Many articles, stored in batches; a refused one is named in the summary, the rest land.
    Exit status 2 only when every one was refused."""
    from factcheck import article_records, bulk_import

    db = open_db(create=True)
    actor = acting_user(db, as_user) if as_user else system_actor()
    stream = None
    if source_format in article_records.RECORD_FORMATS:
        source = sources[0]
        stream = article_records.open_records(source, sys.stdin.buffer)
        items = article_records.records(stream, source_format, max_bytes=limit)
        total = None
        if source != "-" and sys.stderr.isatty():
            total = article_records.count_records(source, source_format)
    else:
        items = bulk_import.file_items(
            sources, format=source_format, max_bytes=limit, stdin=sys.stdin.buffer
        )
        total = len(items)
    if language:
        items = _in_language(items, language)
    try:

        def matching(article_ids: list[int]):
            if article_ids:
                embed_library(db)
            return _matching_lines(db, article_ids)

        if total and sys.stderr.isatty():
            with click.progressbar(length=total, label="Importing", file=sys.stderr) as bar:
                summary = bulk_import.import_items(
                    db, items, actor=actor, progress=bar.update, match_progress=matching
                )
        else:
            summary = bulk_import.import_items(db, items, actor=actor, match_progress=matching)
    except bulk_import.ImportStopped as stop:
        _say_stopped(db, stop.summary)
        sys.exit(INTERRUPTED)
    finally:
        if stream is not None:
            stream.close()
    if not summary.results:
        raise UserError(f"{sources[0]} holds no articles; check the file")
    for source in sources:
        _say_left_out(source)
    if as_json:
        emit_json(summary.as_json(import_refusal_line))
    elif not summary.all_refused:
        click.echo(summary.text(import_refusal_line))
    if summary.all_refused:
        if as_json:
            sys.exit(USAGE_ERROR)
        raise UserError(summary.text(import_refusal_line))


def _say_left_out(source: str) -> None:
    """Name what a folder import left in the folder (subfolders, files of other kinds), so a
    Markdown or PDF copy of an article is not taken for imported."""
    from factcheck import bulk_import
    from factcheck.importers import is_folder

    if not is_folder(source):
        return
    try:
        left = bulk_import.left_out_of_folder(Path(source))
    except OSError:
        return
    if not left:
        return
    names = [reveal(f"{path.name}/" if path.is_dir() else path.name) for path in left[:5]]
    more = f" and {len(left) - 5} more" if len(left) > 5 else ""
    click.echo(
        f"Left in {source}: {', '.join(names)}{more}. A folder gives its .txt, .html and .htm"
        " files, not its subfolders'; import another file by name, with --format text or html.",
        err=True,
    )


# The status a shell gives a command stopped by Ctrl+C (128 + SIGINT).
INTERRUPTED = 130


def _say_stopped(db, summary) -> None:
    """What a bulk import stopped by Ctrl+C left stored, and how to finish it."""
    from factcheck.store.claim_matches import library_is_empty

    imported = summary.imported
    if not imported:
        click.echo("Stopped: no article was imported before the stop.", err=True)
        return
    claims = sum(result.claims or 0 for result in imported)
    line = (
        f"Stopped: {len(imported):,} {'article was' if len(imported) == 1 else 'articles were'}"
        f" imported before the stop ({claims:,} claims); running the same import again skips"
        " them as duplicates and imports the rest."
    )
    if not library_is_empty(db):
        line += (
            " Their claims may not be matched against the library yet: `factcheck library"
            " rematch` matches them."
        )
    click.echo(line, err=True)


@main.command("articles")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def list_articles(as_json):
    """List imported articles with their claim counts."""
    rows = article_store.list_articles(open_db())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("No articles yet: run `factcheck import FILE|URL|-` to add one.")
        return
    click.echo(f"{'ID':>5}  {'UNITS':>5}  {'CLAIMS':>6}  {'PUBLISHED':>9}  TITLE")
    for row in rows:
        click.echo(
            f"{row['id']:>5}  {row['units']:>5}  {row['claims']:>6}  {row['published']:>9}  "
            f"{_clip(reveal(row['title']), 70)}"
        )


@main.command("claims")
@click.argument("article_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="Print the article and its claims as JSON.")
def list_claims(article_id, as_json):
    """Show an article's claims in document order."""
    db = open_db()
    article = article_store.get_article(db, article_id)
    claims = claim_reads.claims_for_article(db, article_id)
    if as_json:
        emit_json(
            {
                "article": article,
                "claims": claim_reads.claims_with_reviews(db, claims, scale=load_scale()),
            }
        )
        return
    click.echo(f"Article {article['id']}: {reveal(article['title'])}")
    click.echo(f"{'ID':>6}  {'SEQ':>4}  {'SCORE':>5}  {'SECTION':<10}  {'STATUS':<11}  TEXT")
    for claim in claims:
        score = "-" if claim["kind"] == "not_a_claim" else f"{claim['checkworthiness']:.2f}"
        text = claim["text"] if claim["kind"] == "claim" else f"[{claim['reason']}] {claim['text']}"
        click.echo(
            f"{claim['id']:>6}  {claim['seq']:>4}  {score:>5}  {claim['section']:<10}  "
            f"{claim['status']:<11}  {_clip(reveal(text), 80)}"
        )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.group("article")
def article_group():
    """Correct an article's details."""


_DETAIL_OPTIONS = {
    "title": "title",
    "author": "author",
    "publisher": "publisher",
    "date": "published_date",
    "url": "source_url",
    "language": "language",
}


@article_group.command("edit")
@click.argument("article_id", type=ID)
@click.option("--title", help="The headline.")
@click.option("--author", help="Who wrote it ('' to clear a byline the page got wrong).")
@click.option("--publisher", help="The outlet that published it ('' to clear).")
@click.option("--date", "date", help="When it was published, YYYY-MM-DD ('' to clear).")
@click.option("--url", help="Where it was published ('' to clear).")
@click.option(
    "--language",
    help="Its language as an ISO 639 code (en, de, fr...) where it was told wrong; its claims are"
    " scored again in it.",
)
@click.option("--reason", required=True, help="Why the details change (kept in the audit trail).")
@click.option("--as", "as_user", metavar="USERNAME", required=True, help="The editor or admin.")
@click.option("--json", "as_json", is_flag=True, help="Print the article's details as JSON.")
def edit_article(article_id, reason, as_user, as_json, **given):
    """Correct an article's details as its page should have given them (a byline taken from the
    wrong part of a page, a missing date, a language told wrong). Editors and admins; only the
    options given change."""
    changes = {_DETAIL_OPTIONS[name]: value for name, value in given.items() if value is not None}
    if not changes:
        raise UserError(
            "give at least one of --title, --author, --publisher, --date, --url and --language"
        )
    db = open_db()
    before: dict = dict(article_store.get_article(db, article_id))
    after = article_store.edit_details(
        db, article_id, changes, reason=reason, actor=acting_user(db, as_user)
    )
    if as_json:
        emit_json({name: after[name] for name in ("id", *article_store.EDITABLE_FIELDS)})
        return
    for name in article_store.EDITABLE_FIELDS:
        if before[name] != after[name]:
            click.echo(f"{name}: {_shown(before[name])} -> {_shown(after[name])}")
    click.echo(f"Corrected the details of article {article_id}.")
    if before["language"] != after["language"]:
        click.echo(f"Its claims were scored again in {after['language']}.")


def _shown(value: str | None) -> str:
    return "(none)" if value is None else f"“{reveal(value)}”"
