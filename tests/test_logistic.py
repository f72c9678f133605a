"""The project's logistic regression: learns which features go with the label, keeps to signs."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.logistic import fit


def _rows(seed: int, n: int = 600):
    """Feature 0 raises the chance of a positive label, feature 1 lowers it, feature 2 is noise."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        on = tuple(i for i in range(3) if rng.random() < 0.5)
        chance = 0.1 + (0.6 if 0 in on else 0) - (0.08 if 1 in on else 0)
        rows.append(on)
        labels.append(1 if rng.random() < chance else 0)
    return rows, labels


def test_learns_the_direction_of_each_feature():
    rows, labels = _rows(1)
    bias, weights = fit(rows, labels, 3, l2=0.1)
    assert weights[0] > 1.5
    assert weights[1] < 0
    assert abs(weights[2]) < weights[0] / 3
    assert bias < 0


def test_a_feature_held_to_its_side_stops_at_the_floor():
    rows, labels = _rows(2)
    _, free = fit(rows, labels, 3, l2=0.1)
    assert free[1] < -0.1
    _, held = fit(rows, labels, 3, l2=0.1, signs=[1, 1, 0], floor=0.25)
    assert held[1] == 0.25
    assert held[0] > 1.5


def test_a_fixed_weight_is_not_fitted():
    rows, labels = _rows(3)
    _, weights = fit(rows, labels, 3, fixed={2: -1.5})
    assert weights[2] == -1.5


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sets(st.integers(0, 3)), st.booleans()), min_size=1, max_size=40))
def test_weights_are_finite_and_signs_are_kept(data):
    rows = [tuple(on) for on, _ in data]
    labels = [int(label) for _, label in data]
    bias, weights = fit(rows, labels, 4, signs=[1, -1, 1, 0], floor=0.1)
    assert all(abs(w) < 1e6 for w in (bias, *weights))
    assert weights[0] >= 0.1 and weights[1] <= -0.1 and weights[2] >= 0.1
