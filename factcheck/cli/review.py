"""CLI commands for the review loop: verdicts, second review, triage, comments, history (evidence
is in cli/evidence.py)."""

import click

from factcheck import settings
from factcheck.cli.base import (
    UserError,
    acting_user,
    embed_library,
    emit_json,
    main,
    open_db,
    read_password,
)
from factcheck.cli.ids import ID
from factcheck.db import Database
from factcheck.history_words import channel_words, describe, merged_unit
from factcheck.lifecycle import KINDS, status_words
from factcheck.reveal import reveal
from factcheck.scales import load_scale
from factcheck.shared_words import not_told_words
from factcheck.store import claim_reads, triage, verdicts
from factcheck.store import comments as comment_store
from factcheck.store.errors import NotFound

as_option = click.option(
    "--as", "as_user", metavar="USERNAME", required=True, help="Who is making the change."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
version_option = click.option(
    "--expect-version",
    type=ID,
    metavar="VERSION",
    help="Refuse the change if the claim is no longer at this version (someone else changed it).",
)


evidence_option = click.option(
    "--evidence",
    "evidence_ids",
    type=ID,
    multiple=True,
    help="Evidence it rests on, by id; repeat for more. Left out, it rests on the sources the"
    " draft rested on (every live source of the claim for a new draft).",
)


def _show_claim(
    db: Database, claim_id: int, as_json: bool, message: str, also: dict | None = None
) -> None:
    """The claim as it now is: as JSON, or the message and its status in words. `also` is what
    the step returned beside the claim: the disabled people its note mentioned (`not_told`), the
    colleague whose draft it replaced (`replaced_author`); listed in the JSON, said in words."""
    row = claim_reads.get_claim(db, claim_id)
    claim = claim_reads.claims_with_reviews(db, [row], scale=load_scale())[0]
    also = also or {}
    if as_json:
        emit_json({**claim, **also})
        return
    click.echo(f"{message} Claim {claim_id} is now {status_words(claim['status'])}.")
    if not_told_line := not_told_words(also.get("not_told") or []):
        click.echo(not_told_line)
    if author := also.get("replaced_author"):
        click.echo(
            f"It replaced {author}'s draft: factcheck history {claim_id} keeps it, and {author}'s"
            " inbox says so."
        )


@main.group("verdict")
def verdict_group():
    """Rate a claim, or correct a published rating."""


@verdict_group.command("set")
@click.argument("claim_id", type=ID)
@click.option("--rating", required=True, help="A rating's label or key, e.g. 'Mostly accurate'.")
@click.option("--rationale", required=True, help="Why the evidence supports this rating.")
@evidence_option
@as_option
@version_option
@json_option
def set_verdict(claim_id, rating, rationale, evidence_ids, as_user, expect_version, as_json):
    """Write or revise the draft verdict on a claim; saving the same draft again changes nothing."""
    db = open_db()
    version_before = claim_reads.get_claim(db, claim_id)["version"]
    saved = verdicts.set_verdict(
        db,
        claim_id,
        rating=rating,
        rationale=rationale,
        evidence_ids=list(evidence_ids) or None,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
        scale=load_scale(),
    )
    if saved["version"] == version_before and not as_json:
        click.echo("Nothing changed: the draft verdict is the same as before.")
        return
    _show_claim(
        db,
        claim_id,
        as_json,
        "Saved the verdict.",
        {"replaced_author": saved.get("replaced_author")},
    )


@verdict_group.command("correct")
@click.argument("claim_id", type=ID)
@click.option("--rating", required=True, help="The corrected rating's label or key.")
@click.option("--rationale", required=True, help="The corrected rationale.")
@click.option("--reason", required=True, help="Why the published verdict is being corrected.")
@evidence_option
@as_option
@version_option
@json_option
def correct_verdict(
    claim_id, rating, rationale, reason, evidence_ids, as_user, expect_version, as_json
):
    """Start a correction of a published verdict; it needs second review again."""
    db = open_db()
    started = verdicts.correct_verdict(
        db,
        claim_id,
        rating=rating,
        rationale=rationale,
        reason=reason,
        evidence_ids=list(evidence_ids) or None,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
        scale=load_scale(),
    )
    _show_claim(
        db,
        claim_id,
        as_json,
        "Started a correction.",
        {"replaced_author": started["replaced_author"]},
    )


@verdict_group.command("withdraw")
@click.argument("claim_id", type=ID)
@click.option("--reason", required=True, help="Why the correction is dropped.")
@as_option
@version_option
@json_option
def withdraw_correction(claim_id, reason, as_user, expect_version, as_json):
    """Withdraw a correction still in draft; the published verdict stands as it was."""
    db = open_db()
    verdicts.withdraw_correction(
        db,
        claim_id,
        reason=reason,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
    )
    _show_claim(db, claim_id, as_json, "Withdrew the correction.")


@verdict_group.command("scale")
@json_option
def show_scale(as_json):
    """Show the rating scale in use (FACTCHECK_SCALE names an organisation's own file)."""
    scale = load_scale()
    if as_json:
        emit_json(
            {
                "name": scale.name,
                "best_rating": scale.best_rating,
                "worst_rating": scale.worst_rating,
                "ratings": [rating.__dict__ for rating in scale.ratings],
            }
        )
        return
    click.echo(
        f"{scale.name}: ClaimReview values from {scale.best_rating} (best)"
        f" to {scale.worst_rating} (worst)"
    )
    for rating in scale.ratings:
        value = f"value {rating.value}" if rating.numeric else "in words only, no value"
        click.echo(f"  {rating.label} [{rating.key}] ({value}) - {rating.description}")


password_option = click.option(
    "--password-stdin",
    is_flag=True,
    help="With FACTCHECK_CLI_REVIEW_PASSWORD set, read the editor's password from standard input.",
)


def _reviewing_editor(db: Database, as_user: str, password_stdin: bool):
    """The editor named by --as. With FACTCHECK_CLI_REVIEW_PASSWORD=true, approving and returning
    on the command line also need that editor's password, as signing in would."""
    actor = acting_user(db, as_user)
    if settings.value("CLI_REVIEW_PASSWORD"):
        from factcheck.store.users import authenticate

        password = read_password(
            password_stdin, prompt=f"Password for {actor.username}", confirm=False
        )
        if authenticate(db, actor.username, password) is None:
            raise UserError(f"that is not {actor.username}'s password; nothing was changed")
    return actor


@main.group("review")
def review_group():
    """Second review: submit a verdict, approve it, or return it."""


@review_group.command("submit")
@click.argument("claim_id", type=ID)
@click.option("--comment", help="A note for the second reviewer.")
@as_option
@version_option
@json_option
def submit(claim_id, comment, as_user, expect_version, as_json):
    """Send the draft verdict for second review."""
    db = open_db()
    submitted = verdicts.submit_for_review(
        db,
        claim_id,
        comment=comment,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
        scale=load_scale(),
    )
    _show_claim(db, claim_id, as_json, "Submitted for review.", {"not_told": submitted["not_told"]})


@review_group.command("recall")
@click.argument("claim_id", type=ID)
@as_option
@version_option
@json_option
def recall(claim_id, as_user, expect_version, as_json):
    """Take your verdict back from review, before an editor acts on it: it is a draft again."""
    db = open_db()
    verdicts.recall_from_review(
        db, claim_id, actor=acting_user(db, as_user), expected_version=expect_version
    )
    _show_claim(db, claim_id, as_json, "Taken back from review: the verdict is a draft again.")


@review_group.command("approve")
@click.argument("claim_id", type=ID)
@click.option("--comment", help="A note on the approval.")
@as_option
@password_option
@version_option
@json_option
def approve(claim_id, comment, as_user, password_stdin, expect_version, as_json):
    """Publish the verdict (editors only, never your own)."""
    from factcheck import previous_checks

    db = open_db()
    actor = _reviewing_editor(db, as_user, password_stdin)
    approved = verdicts.approve(
        db, claim_id, comment=comment, actor=actor, expected_version=expect_version
    )
    embed_library(db)
    previous_checks.after_publish(db, claim_id, actor=actor)
    _show_claim(
        db, claim_id, as_json, "Approved and published.", {"not_told": approved["not_told"]}
    )


@review_group.command("return")
@click.argument("claim_id", type=ID)
@click.option("--comment", required=True, help="What the author should change.")
@as_option
@password_option
@version_option
@json_option
def return_claim(claim_id, comment, as_user, password_stdin, expect_version, as_json):
    """Send the verdict back to its author with a comment."""
    db = open_db()
    returned = verdicts.return_for_changes(
        db,
        claim_id,
        comment=comment,
        actor=_reviewing_editor(db, as_user, password_stdin),
        expected_version=expect_version,
    )
    _show_claim(
        db, claim_id, as_json, "Returned to the author.", {"not_told": returned["not_told"]}
    )


@main.group("claim")
def claim_group():
    """Classify, assign and comment on a claim; merge it with the next sentence or split it."""


@claim_group.command("classify")
@click.argument("claim_id", type=ID)
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--reason", required=True, help="Why it is (or is not) a claim.")
@as_option
@version_option
@json_option
def classify(claim_id, kind, reason, as_user, expect_version, as_json):
    """Mark a unit as a claim or as not a claim."""
    db = open_db()
    triage.classify(
        db,
        claim_id,
        kind=kind,
        reason=reason,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
    )
    _show_claim(db, claim_id, as_json, f"Classified as {kind}.")


@claim_group.command("assign")
@click.argument("claim_id", type=ID)
@click.argument("username")
@as_option
@version_option
@json_option
def assign(claim_id, username, as_user, expect_version, as_json):
    """Assign a claim to a reviewer ('-' to unassign)."""
    db = open_db()
    version_before = claim_reads.get_claim(db, claim_id)["version"]
    assigned = triage.assign(
        db,
        claim_id,
        assignee=None if username == "-" else username,
        actor=acting_user(db, as_user),
        expected_version=expect_version,
    )
    if assigned["version"] == version_before and not as_json:
        whom = "no one" if username == "-" else username.strip().lower()
        click.echo(f"Nothing changed: claim {claim_id} is already assigned to {whom}.")
        return
    _show_claim(db, claim_id, as_json, "Unassigned." if username == "-" else "Assigned.")


@claim_group.command("comment")
@click.argument("claim_id", type=ID)
@click.argument("text")
@as_option
@json_option
def comment(claim_id, text, as_user, as_json):
    """Add a comment to a claim's conversation."""
    db = open_db()
    actor = acting_user(db, as_user)
    row = comment_store.add_comment(db, claim_id, body=text, actor=actor)
    if as_json:
        # People by username, as in `claims --json`.
        shown = {key: value for key, value in row.items() if key != "author_id"}
        emit_json({**shown, "author": actor.username})
    else:
        click.echo(f"Added comment {row['id']} to claim {claim_id}.")
        if not_told := not_told_words(row["not_told"]):
            click.echo(not_told)


@main.command("history")
@click.argument("claim_id", type=ID)
@json_option
def history(claim_id, as_json):
    """Show a claim's whole story from the audit trail."""
    db = open_db()
    try:
        entries = claim_reads.claim_history(db, claim_id)
    except NotFound as error:
        if error.code != "claim.merged":
            raise
        # Its story went with its evidence, to the claim it was merged into, even when its words
        # are in another claim since a split.
        survivor = error.facts.get("merged_into", error.facts["claim_id"])
        row = error.facts["audit_id"]
        raise UserError(
            f"claim {claim_id} was merged into claim {survivor} (audit row {row}); its story is"
            f" part of `factcheck history {survivor}`"
        ) from None
    if as_json:
        emit_json(entries)
        return
    for entry in entries:
        line = f"{entry['at']}  {entry['actor']:<12}  {describe(entry)}"
        via = channel_words(entry.get("channel"))
        if via:
            line += f"  [{via}]"
        if entry["reason"]:
            line += f"  (why: {entry['reason']})"
        if (unit := merged_unit(entry, claim_id)) is not None:
            line += f"  (on claim {unit} before it was merged into this one)"
        # Names, reasons and details are people's text: invisible characters show as markers,
        # and their own line breaks (a carriage return too, which would take a terminal back over
        # the line) are indented beneath the entry, so no line of theirs passes for an entry.
        lines = reveal(line).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        click.echo("\n    ".join(lines))
