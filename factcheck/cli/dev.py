"""CLI commands for developers: filling a database with generated articles and review work."""

import sys

import click

from factcheck.cli.base import UserError, command_line_channel, emit_json, main, open_db

# 40 million claims: past what one SQLite file is meant to hold here (see docs/scaling.md).
MAX_ARTICLES = 1_000_000


@main.group("dev")
def dev_group():
    """Tools for development and scale tests."""


def _show_progress(progress) -> None:
    rate = progress.done / progress.seconds if progress.seconds else 0.0
    click.echo(
        f"\r{progress.done:,} / {progress.total:,} articles ({rate:,.1f} articles/s)",
        nl=False,
        err=True,
    )


@dev_group.command("generate")
@click.option(
    "--articles",
    type=click.IntRange(min=1, max=MAX_ARTICLES),
    required=True,
    help=f"How many articles to generate (at most {MAX_ARTICLES:,}).",
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="The same seed, the same data."
)
@click.option(
    "--review-share",
    type=click.FloatRange(0, 1),
    default=0.03,
    show_default=True,
    help="About this share of the claims gets review work (assignments, evidence, verdicts).",
)
@click.option("--append", is_flag=True, help="Add to a database that already holds articles.")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Worker processes that write articles and split them into claims (default: one per"
    " core from 200 articles; 0 does it all in this process).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def generate(articles, seed, review_share, append, workers, as_json):
    """Fill the database with generated articles, people and review work, all audited."""
    from factcheck.devdata.generate import GenerateRefused
    from factcheck.devdata.generate import generate as generate_data
    from factcheck.devdata.people import DEV_PASSWORD
    from factcheck.scales import ScaleError, load_scale

    db = open_db(create=True)
    show = _show_progress if sys.stderr.isatty() and not as_json else None
    try:
        summary = generate_data(
            db,
            articles=articles,
            seed=seed,
            review_share=review_share,
            append=append,
            channel=command_line_channel(),
            workers=workers,
            progress=show,
            scale=load_scale(),
        )
    except (GenerateRefused, ScaleError) as error:
        raise UserError(str(error)) from None
    finally:
        if show is not None:
            click.echo("", err=True)
    if as_json:
        emit_json({**summary.__dict__, "articles_per_second": summary.articles_per_second})
    else:
        click.echo(f"{summary.text()} Generated people sign in with {DEV_PASSWORD}.")
