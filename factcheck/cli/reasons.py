"""The `reasons` command: why the queue is ordered as it is, reason by reason."""

from dataclasses import asdict

import click

from factcheck.cli.base import emit_json, main, open_db


@main.command("reasons")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def reasons(as_json):
    """How each check-worthiness reason weighs, how many claims it fires on in this database,
    and how much it moves their score on average."""
    from factcheck.reason_effects import reason_effects
    from factcheck.store.reasons import reason_combinations

    db = open_db()
    combinations = reason_combinations(db)
    effects = reason_effects(combinations)
    claims = sum(count for _, count in combinations)
    if as_json:
        emit_json({"claims": claims, "reasons": [asdict(effect) for effect in effects]})
        return
    click.echo(f"{claims} claims. Weight is in log-odds; 'moves' is the average change of the")
    click.echo("score (0 to 100) of the claims the reason fires on.")
    click.echo(f"{'weight':>7} {'claims':>9} {'share':>7} {'moves':>7}  reason")
    for effect in effects:
        click.echo(
            f"{effect.weight:+7.2f} {effect.fires:9d} {effect.share:7.1%}"
            f" {effect.mean_change * 100:+7.1f}  {effect.reason}"
        )
