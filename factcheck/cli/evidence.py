"""CLI commands for evidence: attaching and removing sources, archiving their pages, and a
reviewer's own copy when the archive failed."""

import sys
from pathlib import Path

import click

from factcheck import settings
from factcheck.archive_words import failure_words, quote_words, worth_retrying
from factcheck.cli.base import USAGE_ERROR, UserError, acting_user, emit_json, main, open_db
from factcheck.cli.ids import ID
from factcheck.cli.review import as_option, json_option
from factcheck.reveal import reveal
from factcheck.store import evidence as evidence_store
from factcheck.store.evidence import STANCES
from factcheck.store.rows import EvidenceRow


@main.group("evidence")
def evidence_group():
    """Attach sources to a claim or remove them; archive their pages, or keep your own copy."""


@evidence_group.command("add")
@click.argument("claim_id", type=ID)
@click.argument("url")
@click.option(
    "--stance",
    type=click.Choice(STANCES),
    required=True,
    help="How the source bears on the claim.",
)
@click.option("--quote", help="The passage of the source the claim is checked against.")
@click.option("--note", help="A note for other reviewers.")
@click.option("--title", help="The source's title.")
@click.option("--publisher", help="Who published the source.")
@click.option(
    "--archive/--no-archive",
    default=True,
    show_default=True,
    help="Queue a copy of the page for `factcheck worker` (or `serve`) to keep.",
)
@as_option
@json_option
@click.pass_context
def add_evidence(
    ctx, claim_id, url, stance, quote, note, title, publisher, archive, as_user, as_json
):
    """Attach a source (http or https URL) to a claim."""
    db = open_db()
    actor = acting_user(db, as_user)
    evidence = evidence_store.add_evidence(
        db,
        claim_id,
        url=url,
        stance=stance,
        quote=quote,
        note=note,
        title=title,
        publisher=publisher,
        actor=actor,
    )
    queued = _queue_archive(ctx, evidence) if archive else None
    if as_json:
        # People by username, as in `claims --json`.
        emit_json({**evidence, "added_by": actor.username, "archive_queued": bool(queued)})
        return
    click.echo(f"Added evidence {evidence['id']} to claim {claim_id}.")
    if queued:
        click.echo(
            f"Its page is queued for archiving on {queued}: `factcheck worker` (or `serve`) keeps"
            f" the copy, or run `factcheck evidence archive {evidence['id']}` now."
        )


def _job_queue(ctx) -> str | None:
    """The job queue beside the database (or FACTCHECK_JOBS_URL's), when it can be used."""
    from factcheck.cli.serve import use_job_queue
    from factcheck.job_storage import UNREACHABLE, JobQueueError

    try:
        return use_job_queue(ctx.find_root().obj["db_path"])
    except (JobQueueError, *UNREACHABLE):
        return None


def _queue_archive(ctx: click.Context, evidence: EvidenceRow) -> str | None:
    """Queue the evidence page's copy; the evidence stays saved if the queue cannot take it."""
    from factcheck import archive_jobs
    from factcheck.cli.serve import use_job_queue
    from factcheck.job_storage import UNREACHABLE, JobQueueError

    path = ctx.find_root().obj["db_path"]
    try:
        where = use_job_queue(path)
        archive_jobs.queue_archive(str(path), evidence["url"])
    except (JobQueueError, *UNREACHABLE) as error:
        click.echo(
            f"warning: the page was not queued for archiving ({error}); run"
            f" `factcheck evidence archive {evidence['id']}`",
            err=True,
        )
        return None
    return where


@evidence_group.command("remove")
@click.argument("evidence_id", type=ID)
@click.option("--reason", required=True, help="Why the source no longer counts.")
@as_option
@json_option
def remove_evidence(evidence_id, reason, as_user, as_json):
    """Remove a source from its claim (the record of it is kept)."""
    db = open_db()
    evidence = evidence_store.remove_evidence(
        db, evidence_id, reason=reason, actor=acting_user(db, as_user)
    )
    emit_json(evidence) if as_json else click.echo(f"Removed evidence {evidence_id}.")


@evidence_group.command("acknowledge")
@click.argument("evidence_id", type=ID)
@as_option
@json_option
def acknowledge_evidence(evidence_id, as_user, as_json):
    """Accept what the link watch last found on a source's page (it fails, moved or changed), so
    it stops being flagged until a later check finds something new; `links flagged` lists them."""
    from factcheck.store import link_checks

    db = open_db()
    before = evidence_store.get_evidence(db, evidence_id)["link_acknowledged_check"]
    evidence = link_checks.acknowledge_change(db, evidence_id, actor=acting_user(db, as_user))
    if as_json:
        emit_json(evidence)
    elif evidence["link_acknowledged_check"] == before:
        click.echo(f"The change to the page of evidence {evidence_id} was acknowledged already.")
    else:
        click.echo(f"Acknowledged the change to the page of evidence {evidence_id}.")


@evidence_group.command("archive")
@click.argument("evidence_ids", type=ID, nargs=-1)
@click.option(
    "--pending", is_flag=True, help="Every source not archived yet, or whose archive failed."
)
@click.option(
    "--limit",
    default=100,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="With --pending, the most sources archived this run.",
)
@json_option
@click.pass_context
def archive_evidence(ctx, evidence_ids, pending, limit, as_json):
    """Fetch evidence pages now and keep a copy of each (the workbench does this by itself)."""
    from factcheck import archive_jobs
    from factcheck.store.queue_reads import evidence_needing_attention

    if pending and evidence_ids:
        raise UserError(
            "give evidence ids or --pending, not both; --pending archives every source"
            " still without a copy"
        )
    db = open_db()
    refused: set[str] = set()
    if pending:
        urls = [
            row["url"]
            for row in evidence_needing_attention(db, limit=limit, keep=_worth_fetching(refused))
        ]
    elif evidence_ids:
        urls = [_live_evidence(db, evidence_id)["url"] for evidence_id in evidence_ids]
    else:
        raise UserError("name the evidence to archive by id, or give --pending")
    path = str(ctx.find_root().obj["db_path"])
    queue = _job_queue(ctx)
    results = []
    for url in dict.fromkeys(urls):
        outcome = archive_jobs.archive_evidence.call_local(path, url)
        if queue:
            archive_jobs.archived_now(url)
        snapshot = evidence_store.get_snapshot(db, outcome["snapshot_id"])
        checks = _quote_checks(db, snapshot["id"])
        results.append({"url": url, **outcome, "error": snapshot["error"], "quote_checks": checks})
    if as_json:
        emit_json(results)
        return _exit_on_failure(results)
    if not results and not refused:
        click.echo(
            "Nothing to archive: every source has a copy."
            if evidence_store.has_live_evidence(db)
            else "Nothing to archive: no claim cites a source yet."
        )
    for result in results:
        detail = (
            f": {failure_words(result['error'])} ({result['error']})" if result["error"] else ""
        )
        click.echo(reveal(f"{result['status']:<9} {result['url']}{detail}"))
        _say_quote_checks(result["quote_checks"], "fetched")
    if refused:
        click.echo(
            f"Left {len(refused)} source{'s' if len(refused) > 1 else ''} whose address is"
            " refused by design (it would be refused again); give each your own copy with"
            " `factcheck evidence copy`."
        )
    _exit_on_failure(results)


def _quote_checks(db, snapshot_id: int, evidence_id: int | None = None) -> list[dict]:
    """What the quote of each evidence item citing the page (or of one) was found as in a copy."""
    from factcheck.store.snapshots import quote_checks_for

    return [
        {
            "evidence_id": check["evidence_id"],
            "status": check["status"],
            "passage": check["passage"],
        }
        for check in quote_checks_for(db, snapshot_id)
        if evidence_id is None or check["evidence_id"] == evidence_id
    ]


def _say_quote_checks(checks: list[dict], kind: str | None) -> None:
    for check in checks:
        words = quote_words(check["status"], kind)
        if words:
            click.echo(f"  {words} (evidence {check['evidence_id']}).")


def _exit_on_failure(results: list[dict]) -> None:
    """Exit 1 when a page this run fetched could not be archived."""
    if any(result["status"] == "failed" for result in results):
        raise SystemExit(1)


def _worth_fetching(refused: set[str]):
    """Whether --pending fetches a source again: not when its address was refused by design (the
    refusal would be the same, with another failed copy and audit row); those go in `refused`.
    Only the page's own fetches count: a web archive's address refused is not the page's."""

    def keep(row: dict) -> bool:
        if worth_retrying(row["page_error"]):
            return True
        refused.add(row["url"])
        return False

    return keep


def _live_evidence(db, evidence_id: int) -> EvidenceRow:
    evidence = evidence_store.get_evidence(db, evidence_id)
    if evidence["removed_at"]:
        raise UserError(f"evidence {evidence_id} was removed; there is nothing to keep a copy of")
    return evidence


@evidence_group.command("copy")
@click.argument("evidence_id", type=ID)
@click.option(
    "--file",
    "file_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A PDF, image (PNG, JPEG, GIF, WebP) or saved HTML page of the source.",
)
@click.option("--web-archive", "archive_url", help="The address of a copy in a public web archive.")
@as_option
@json_option
@click.pass_context
def copy_evidence(ctx, evidence_id, file_path, archive_url, as_user, as_json):
    """Keep your own copy of an evidence page whose archive failed: a file, or a public web
    archive's copy (fetched now through the safe fetcher)."""
    from factcheck import archive_jobs, copies
    from factcheck.store import snapshots

    if bool(file_path) == bool(archive_url):
        raise UserError("give either --file PATH or --web-archive URL")
    db = open_db()
    actor = acting_user(db, as_user)
    evidence = _live_evidence(db, evidence_id)
    # A copy under way is in the job queue, as the workbench sees it.
    if _job_queue(ctx) and archive_jobs.archive_state(evidence["url"]) is not None:
        # Kept after this one, the copy under way would set it aside (as the workbench refuses).
        raise UserError(
            f"a copy of {evidence['url']} is still being made or read; wait until it is kept"
            " (`factcheck worker` makes it), then give yours if it is not the right one"
        )
    if file_path:
        with file_path.open("rb") as handle:
            data = handle.read(copies.MAX_COPY_BYTES + 1)
        copy = copies.check_upload(data)
        stored = {
            "actor": actor,
            "data": copy.data,
            "content_type": copy.content_type,
            "content_sha256": copy.sha256,
            "file_name": file_path.name,
        }
        if copies.read_later(copy.content_type):
            # The web server reads an HTML copy in a job; here it is read at once, as `evidence
            # archive` and --web-archive fetch at once, by the same job run in this process.
            received = snapshots.receive_copy(db, evidence_id, **stored)
            outcome = archive_jobs.read_copy.call_local(
                str(ctx.find_root().obj["db_path"]),
                received["url"],
                evidence_id,
                received["content_type"],
                received["content_sha256"],
                received["file_name"],
                username=actor.username,
                channel=actor.channel,
            )
            row = evidence_store.get_snapshot(db, outcome["snapshot_id"])
        else:
            row = snapshots.attach_copy(db, evidence_id, **stored)
    else:
        archive_hosts = settings.value("WEB_ARCHIVE_HOSTS")
        address = copies.check_web_archive_url(archive_url, archive_hosts, of_page=evidence["url"])
        snapshots.refuse_new_copy(db, evidence_id)  # as an uploaded file is
        outcome = archive_jobs.archive_evidence.call_local(
            str(ctx.find_root().obj["db_path"]),
            evidence["url"],
            archive_url=address,
            archive_hosts=archive_hosts,
            username=actor.username,
            channel=actor.channel,
        )
        row = evidence_store.get_snapshot(db, outcome["snapshot_id"])
    checks = _quote_checks(db, row["id"], evidence_id)
    if as_json:
        shown = {k: v for k, v in row.items() if k != "text"}
        if shown.get("added_by") is not None:
            shown["added_by"] = actor.username  # by username, as in `claims --json`
        emit_json({**shown, "quote_checks": checks})
        if row["status"] != "archived":
            sys.exit(USAGE_ERROR)  # as without --json: the row says why
        return
    if row["status"] != "archived" and row["kind"] == "upload":
        raise UserError(f"{failure_words(row['error'])} ({row['error']})")
    if row["status"] != "archived":
        raise UserError(f"the web archive's copy could not be fetched: {row['error']}")
    click.echo(f"Kept copy {row['id']} ({row['content_type']}, sha256 {row['content_sha256']}).")
    _say_quote_checks(checks, row["kind"])
