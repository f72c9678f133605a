"""CLI commands for the link watch: re-check evidence pages, now or through the job queue."""

from collections.abc import Iterator
from contextlib import contextmanager

import click

from factcheck.cli.base import UserError, emit_json, main, open_db, terminate_as_interrupt
from factcheck.reveal import reveal
from factcheck.shared_words import link_quote_news

OUTCOME_WORDS = {
    "unchanged": "unchanged",
    "changed": "CHANGED",
    "moved": "MOVED",
    "failed": "FAILING",
}
#: The exit status of a run stopped by Ctrl+C or TERM, as `import` has it.
INTERRUPTED = 130


@main.group("links")
def links_group():
    """Watch evidence pages for pages that fail, move or change."""


@links_group.command("check")
@click.option(
    "--older-than",
    default="7d",
    show_default=True,
    metavar="AGE",
    help="Re-check pages not checked for this long (7d, 12h, 30m).",
)
@click.option(
    "--limit",
    default=100,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Pages checked at most this run.",
)
@click.option(
    "--per-host",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Pages of one site checked at most this run.",
)
@click.option(
    "--queue", "queued", is_flag=True, help="Leave the run to `factcheck worker` (or `serve`)."
)
@click.option("--json", "as_json", is_flag=True, help="Print each check as JSON.")
@click.pass_context
def check_links(ctx, older_than, limit, per_host, queued, as_json):
    """Fetch evidence pages again through the safe fetcher, one at a time, and keep what each
    check finds: a page that fails, redirects elsewhere, or whose main text changed (beyond
    FACTCHECK_LINK_CHANGE_THRESHOLD) is flagged on its evidence. Pages behind published verdicts
    go first."""
    from factcheck import link_watch

    age = link_watch.parse_age(older_than)
    db = open_db()  # before queueing too: the worker must find a database there
    if queued:
        from factcheck import link_jobs
        from factcheck.cli.serve import use_job_queue

        where = use_job_queue(ctx.find_root().obj["db_path"])
        path = str(ctx.find_root().obj["db_path"])
        link_jobs.check_links(path, int(age.total_seconds()), limit, per_host)
        if as_json:
            emit_json({"queued": True, "queue": where})
        else:
            click.echo(f"Queued a link check on {where}; `factcheck worker` runs it.")
        return

    told: list[dict] = []  # the checks made so far, for a run that is stopped

    def shout(result: dict) -> None:
        told.append(result)
        if as_json:
            return
        detail = result["error"] or (
            f"now {result['final_url']}" if result["outcome"] == "moved" else ""
        )
        if result["outcome"] == "changed" and result["text_change"] is not None:
            share = result["text_change"]
            detail = f"{'less than 1%' if share < 0.005 else f'{share:.0%}'} of the text differs"
        # What became of each quote from this page, first: the news a share of the text hides.
        kept = _kept_quotes(db, result["snapshot_id"])
        news = [
            (evidence_id, link_quote_news(kept.get(int(evidence_id)), status))
            for evidence_id, status in sorted(
                result["quotes"].items(), key=lambda item: int(item[0])
            )
        ]
        lost = [f"{words} (evidence {evidence_id})" for evidence_id, words in news if words]
        detail = "; ".join([*lost, detail] if detail else lost)
        line = f"{OUTCOME_WORDS[result['outcome']]:<9} {result['url']}"
        click.echo(reveal(f"{line} ({detail})" if detail else line))

    try:
        # TERM (`timeout`, systemd, cron) stops a run as Ctrl+C does, with words.
        with terminate_as_interrupt(), _one_run_at_a_time(db):
            summary = link_watch.check_links(
                db, older_than=age, limit=limit, per_host=per_host, progress=shout
            )
    except KeyboardInterrupt:
        done = len(told)
        click.echo(
            f"Stopped after checking {done:,} {'page' if done == 1 else 'pages'}, whose checks are"
            " kept; run it again for the rest"
            if done
            else "Stopped before any page was checked",
            err=True,
        )
        raise click.exceptions.Exit(INTERRUPTED) from None
    if as_json:
        emit_json(
            {
                "checks": summary.checked,
                "left_for_later": summary.skipped_hosts,
                "refused": [{"url": url, "error": line} for url, line in summary.refused.items()],
            }
        )
        return
    if not summary.checked and not summary.refused:
        from factcheck.store.evidence import has_live_evidence

        click.echo(
            f"Nothing to check: every evidence page was added or checked in the last {older_than}."
            if has_live_evidence(db)
            else "Nothing to check: no claim cites a source yet."
        )
        return
    counts, checked = summary.counts(), len(summary.checked)
    if checked:
        click.echo(
            f"Checked {checked:,} {'page' if checked == 1 else 'pages'}: {counts['unchanged']}"
            f" unchanged, {counts['changed']} changed, {counts['moved']} moved,"
            f" {counts['failed']} failing."
        )
    for host, left in sorted(summary.skipped_hosts.items()):
        click.echo(
            reveal(
                f"Left {left:,} more {'page' if left == 1 else 'pages'} of {host} for a later run."
            )
        )
    if summary.refused:
        click.echo(reveal(_refused_line(summary.refused)))


#: How many distinct refusals the line on addresses left names; --json gives each.
SHOWN_REASONS = 3


def _refused_line(refused: dict[str, str]) -> str:
    """'Left 1 address the fetcher refuses (10.0.0.1 is a private address): it cannot be
    checked.' for the due addresses a run did not fetch, with their reasons (the first few)."""
    reasons = list(dict.fromkeys(line.removeprefix("refused: ") for line in refused.values()))
    named = "; ".join(reasons[:SHOWN_REASONS])
    if len(reasons) > SHOWN_REASONS:
        named += f"; and {len(reasons) - SHOWN_REASONS:,} more"
    count = len(refused)
    if count == 1:
        return f"Left 1 address the fetcher refuses ({named}): it cannot be checked."
    return f"Left {count:,} addresses the fetcher refuses ({named}): they cannot be checked."


def _kept_quotes(db, snapshot_id: int | None) -> dict[int, str]:
    """Each quote's status in the copy a check compared the page with, by evidence id."""
    from factcheck.store.snapshots import quote_checks_for

    if snapshot_id is None:
        return {}
    return {check["evidence_id"]: check["status"] for check in quote_checks_for(db, snapshot_id)}


@links_group.command("flagged")
@click.option(
    "--limit", default=50, show_default=True, type=click.IntRange(1, 100_000), help="The most rows."
)
@click.option("--json", "as_json", is_flag=True, help="Print the flagged evidence as JSON.")
def flagged_links(limit, as_json):
    """List the evidence whose page now fails, moved elsewhere or changed, and that no one has
    acknowledged (`evidence acknowledge ID`): sources behind published verdicts first."""
    from factcheck.store import link_checks

    db = open_db()
    rows = link_checks.flagged_evidence(db, limit=limit)
    if as_json:
        emit_json([{**row, "published": bool(row["published"])} for row in rows])
        return
    count = link_checks.flagged_count(db)
    if not rows:
        click.echo("No evidence page has failed, moved or changed since it was checked.")
        return
    for row in rows:
        where = "published verdict" if row["published"] else f"claim {row['claim_id']}"
        quote = link_quote_news(row["kept_quote_status"], row["quote_status"])
        line = f"evidence {row['id']:<6} {OUTCOME_WORDS[row['outcome']]:<8} {row['url']} ({where})"
        line += f"; {quote}" if quote else ""
        click.echo(reveal(line))
    if count["total"] > len(rows):
        click.echo(f"{len(rows):,} of {count['total']:,}: add --limit to see more.")


@contextmanager
def _one_run_at_a_time(db) -> Iterator[None]:
    """Hold the link watch's lock beside the database, so a run never overlaps another one, in
    the command line or a worker, and no site gets two requests at once."""
    from factcheck import link_watch

    try:
        with link_watch.one_run_at_a_time(db):
            yield
    except link_watch.AnotherRun as running:
        who = f" (process {running.holder})" if running.holder else ""
        raise UserError(
            f"another link check is running{who}; try again when it has finished"
        ) from None
    except link_watch.LockUnavailable as unavailable:
        raise UserError(unavailable.words) from None
