"""Learn the check-worthiness weights from labelled debates, and measure how each reason acts.

Shared by train_checkworthiness.py (which writes the weights file) and bench_checkworthiness.py
(which trains on all debates but one and scores the one left out)."""

import bisect
from collections import Counter
from pathlib import Path

from factcheck.logistic import fit
from factcheck.reason_effects import reason_effects as effects_of
from factcheck.text.checkworthiness import REASONS, weighted
from factcheck.text.splitting import split_article

L2 = 1.0
# Every learned weight moves the score the way its reason's name says, by at least this much in
# log-odds, so that no reason shown to a reviewer is one that does nothing.
FLOOR = 0.1
# Reasons the debates cannot teach (none at present: every reason occurs in them), with weights
# set by hand that training keeps as they are.
SET_BY_HAND: dict[str, float] = {}

Lines = list[list[tuple[str, ...]]]  # per line, the reasons of each of its claim units


def read_debate(path: Path) -> tuple[list[str], list[int]]:
    """The utterances and their labels; the speaker column is not part of the text."""
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        _number, _speaker, text, label = line.split("\t")
        texts.append(text)
        labels.append(int(label))
    return texts, labels


def paragraph_starts(body: str) -> list[int]:
    starts = [0]
    position = body.find("\n\n")
    while position != -1:
        starts.append(position + 2)
        position = body.find("\n\n", position + 2)
    return starts


def debate_lines(texts: list[str]) -> Lines:
    """Split a debate as an article (one paragraph per utterance) and group units by line."""
    body = "\n\n".join(texts)
    starts = paragraph_starts(body)
    lines: Lines = [[] for _ in texts]
    for unit in split_article(body):
        if unit.kind == "claim":
            lines[bisect.bisect_right(starts, unit.start) - 1].append(unit.reasons)
    return lines


def train(debates: list[tuple[Lines, list[int]]]) -> tuple[float, dict[str, float]]:
    """Logistic regression of a line's label on the reasons of each of its units."""
    index = {reason: i for i, reason in enumerate(REASONS)}
    rows, labels = [], []
    for lines, line_labels in debates:
        for units, label in zip(lines, line_labels, strict=True):
            for reasons in units:
                rows.append(tuple(index[reason] for reason in reasons))
                labels.append(label)
    signs = [-1 if reason.endswith("(lowers)") else 1 for reason in REASONS]
    fixed = {index[reason]: weight for reason, weight in SET_BY_HAND.items()}
    bias, weights = fit(rows, labels, len(REASONS), l2=L2, signs=signs, floor=FLOOR, fixed=fixed)
    return bias, dict(zip(REASONS, weights, strict=True))


def line_scores(lines: Lines, bias: float, weights: dict[str, float]) -> list[float]:
    """A line scores as its best unit; a line without claims scores 0."""
    return [max((weighted(r, bias, weights) for r in units), default=0.0) for units in lines]


def reason_effects(
    units: list[tuple[str, ...]], bias: float, weights: dict[str, float]
) -> dict[str, dict[str, float]]:
    """Per reason: on how many units it fires, their share, and by how much it moves their score
    on average (see factcheck/reason_effects.py)."""
    effects = effects_of(Counter(units).items(), bias, weights)
    return {
        effect.reason: {
            "fires": effect.fires,
            "share": effect.share,
            "mean_change": effect.mean_change,
        }
        for effect in effects
    }
