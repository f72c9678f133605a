"""How each check-worthiness reason acts on a set of units: how often it fires and how much it
moves their score (the score with the reason minus the score without it, in points of 0..1)."""

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.text.checkworthiness import BIAS, REASONS, WEIGHTS, weighted


@dataclass(frozen=True)
class ReasonEffect:
    reason: str
    weight: float  # log-odds
    fires: int  # units it applies to
    share: float  # of all units counted
    mean_change: float  # average change of those units' scores, -1..1


def reason_effects(
    combinations: Iterable[tuple[tuple[str, ...], int]],
    bias: float = BIAS,
    weights: dict[str, float] = WEIGHTS,
) -> list[ReasonEffect]:
    """Effects in the order of REASONS, from (reasons of a unit, how many units have them)."""
    fires = dict.fromkeys(REASONS, 0)
    moved = dict.fromkeys(REASONS, 0.0)
    total = 0
    for reasons, count in combinations:
        total += count
        known = tuple(reason for reason in reasons if reason in weights)
        with_all = weighted(known, bias, weights)
        for reason in known:
            without = weighted(tuple(r for r in known if r != reason), bias, weights)
            fires[reason] += count
            moved[reason] += count * (with_all - without)
    return [
        ReasonEffect(
            reason=reason,
            weight=round(weights[reason], 4),
            fires=fires[reason],
            share=round(fires[reason] / total, 4) if total else 0.0,
            mean_change=round(moved[reason] / fires[reason], 4) if fires[reason] else 0.0,
        )
        for reason in REASONS
    ]
