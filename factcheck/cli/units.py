"""CLI commands that mend the splitter's cuts: `claim merge` and `claim split`."""

import re

import click

from factcheck import previous_checks
from factcheck.cli.base import UserError, acting_user, embed_library, emit_json, open_db
from factcheck.cli.ids import ID
from factcheck.cli.review import as_option, claim_group, json_option, version_option
from factcheck.reveal import reveal
from factcheck.scales import load_scale
from factcheck.store import claim_reads
from factcheck.store import unit_edits as unit_store
from factcheck.store.rows import ClaimRow
from factcheck.text.unit_cuts import cut_choices

reason_option = click.option("--reason", required=True, help="Why the cut was wrong.")


def _echo_units(db, units: list[dict], message: str, as_json: bool) -> None:
    if as_json:
        # Named as `claims --json` and the JSON export name a claim's fields.
        rows = [claim_reads.get_claim(db, unit["id"]) for unit in units]
        emit_json({"units": claim_reads.claims_with_reviews(db, rows, scale=load_scale())})
        return
    click.echo(message)
    for unit in units:
        click.echo(f"  claim {unit['id']} [{unit['start']}:{unit['end']}] {reveal(unit['text'])}")


@claim_group.command("merge")
@click.argument("claim_id", type=ID)
@reason_option
@as_option
@version_option
@click.option(
    "--expect-next",
    "next_id",
    type=ID,
    metavar="CLAIM_ID",
    help="Refuse the merge unless the next unit is still this claim (someone split or merged it).",
)
@click.option(
    "--expect-next-version",
    type=ID,
    help="With --expect-next: refuse unless the next unit is also still at this version.",
)
@json_option
def merge(claim_id, reason, as_user, expect_version, next_id, expect_next_version, as_json):
    """Merge a unit with the next one in its paragraph (it keeps this unit's id)."""
    if expect_next_version is not None and next_id is None:
        raise UserError("--expect-next-version needs --expect-next with the next unit's id")
    db = open_db()
    actor = acting_user(db, as_user)
    merged = unit_store.merge_with_next(
        db,
        claim_id,
        reason=reason,
        actor=actor,
        expected_version=expect_version,
        expected_next=(next_id, expect_next_version) if next_id is not None else None,
    )
    embed_library(db)
    previous_checks.after_unit_edit(db, [merged["id"]], actor=actor)
    _echo_units(db, [merged], "Merged with the next unit:", as_json)


def _offset_after(unit: ClaimRow, after: str) -> int:
    """The body offset just after `after` in the unit's text; refused when it is not there, or
    there more than once (which one was meant is a guess)."""
    if not after.strip():
        raise UserError(
            f"--after needs the words just before the cut, as they stand in claim {unit['id']}"
        )
    found = unit["text"].find(after)
    if found < 0:
        choices = "; ".join(repr(unit["text"][:cut][-30:]) for cut in cut_choices(unit["text"]))
        hint = f" (sentence ends: {choices})" if choices else ""
        raise UserError(f"--after {after!r} is not in claim {unit['id']}'s text{hint}")
    # Only a place between two words is a cut: "the" inside "others" is none.
    ends = [m.end() for m in re.finditer(re.escape(after) + r"(?!\w)", unit["text"])]
    times = len(ends)
    if times > 1:
        raise UserError(
            f"--after {after!r} is in claim {unit['id']}'s text {times} times; give more of the"
            " words before the cut, or the cut's place with --at OFFSET"
        )
    return unit["start"] + (ends[0] if ends else found + len(after))


@claim_group.command("split")
@click.argument("claim_id", type=ID)
@click.option("--after", metavar="TEXT", help="Cut just after these words of the unit's text.")
@click.option("--at", "at", type=int, help="Cut at this character offset into the unit's text.")
@reason_option
@as_option
@version_option
@json_option
def split(claim_id, after, at, reason, as_user, expect_version, as_json):
    """Split a unit in two between two words; the first part keeps its id, evidence and history."""
    if (after is None) == (at is None):
        raise UserError("give where to cut: either --after TEXT or --at OFFSET")
    db = open_db()
    unit = claim_reads.get_claim(db, claim_id)
    offset = _offset_after(unit, after) if after is not None else unit["start"] + at
    actor = acting_user(db, as_user)
    first, second = unit_store.split_unit(
        db,
        claim_id,
        at=offset,
        reason=reason,
        actor=actor,
        expected_version=expect_version,
    )
    embed_library(db)
    previous_checks.after_unit_edit(db, [first["id"], second["id"]], actor=actor)
    _echo_units(db, [first, second], "Split in two:", as_json)
