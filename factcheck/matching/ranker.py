"""The re-ranker: logistic regression over lexical and semantic features, giving each candidate
the probability that it is a fact-check of the query's claim. Trained here, in pure Python."""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from factcheck.matching.features import MODEL_FEATURE_NAMES

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "matcher_weights.json"


@dataclass(frozen=True)
class Model:
    """Per-feature mean and spread (to standardise), a weight per feature and an intercept."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def score(self, row: list[float]) -> float:
        """The probability, in [0, 1], that the candidate with these features is a match."""
        z = self.intercept
        for x, mean, scale, weight in zip(row, self.means, self.scales, self.weights, strict=True):
            z += weight * (x - mean) / scale
        return _sigmoid(z)

    def to_json(self) -> dict:
        return {
            "features": list(self.names),
            "means": [round(v, 6) for v in self.means],
            "scales": [round(v, 6) for v in self.scales],
            "weights": [round(v, 6) for v in self.weights],
            "intercept": round(self.intercept, 6),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        names = tuple(data["features"])
        if names != MODEL_FEATURE_NAMES:
            raise ValueError(
                "the matcher's weights were trained on other features: "
                "run `python benchmarks/train_matcher.py` to train them again"
            )
        return cls(
            names,
            tuple(data["means"]),
            tuple(data["scales"]),
            tuple(data["weights"]),
            float(data["intercept"]),
        )


@cache
def default_model() -> Model:
    """The model shipped in factcheck/data, read once per process."""
    return Model.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def train(rows: list[list[float]], labels: list[int], l2: float = 1.0, rounds: int = 25) -> Model:
    """Fit logistic regression with an L2 penalty by Newton's method on standardised features."""
    data = np.asarray(rows, dtype=np.float64)
    truth = np.asarray(labels, dtype=np.float64)
    means = data.mean(axis=0)
    scales = data.std(axis=0)
    scales[scales == 0] = 1.0
    design = np.hstack([np.ones((len(data), 1)), (data - means) / scales])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0  # the intercept is not penalised
    beta = np.zeros(design.shape[1])
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (truth - p) - penalty @ beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return Model(
        MODEL_FEATURE_NAMES,
        tuple(float(v) for v in means),
        tuple(float(v) for v in scales),
        tuple(float(v) for v in beta[1:]),
        float(beta[0]),
    )
