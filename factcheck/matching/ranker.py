"""The re-ranker: logistic regression over the lexical features, giving each candidate the
probability that it is a fact-check of the query's claim. Trained here, in pure Python."""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factcheck.matching.features import FEATURE_NAMES

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
        if names != FEATURE_NAMES:
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
    width = len(rows[0])
    count = len(rows)
    means = [sum(row[j] for row in rows) / count for j in range(width)]
    scales = []
    for j in range(width):
        variance = sum((row[j] - means[j]) ** 2 for row in rows) / count
        scales.append(math.sqrt(variance) or 1.0)
    data = [[1.0] + [(row[j] - means[j]) / scales[j] for j in range(width)] for row in rows]
    beta = [0.0] * (width + 1)
    for _ in range(rounds):
        gradient = [0.0] * (width + 1)
        hessian = [[0.0] * (width + 1) for _ in range(width + 1)]
        for x, y in zip(data, labels, strict=True):
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            residual = y - p
            curvature = p * (1 - p)
            for a in range(width + 1):
                gradient[a] += residual * x[a]
                weighted = curvature * x[a]
                hessian[a][a:] = [
                    h + weighted * v for h, v in zip(hessian[a][a:], x[a:], strict=True)
                ]
        for a in range(width + 1):
            for b in range(a):
                hessian[a][b] = hessian[b][a]
        for a in range(1, width + 1):  # the intercept is not penalised
            gradient[a] -= l2 * beta[a]
            hessian[a][a] += l2
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return Model(FEATURE_NAMES, tuple(means), tuple(scales), tuple(beta[1:]), beta[0])


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting."""
    size = len(vector)
    augmented = [list(matrix[i]) + [vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(augmented[r][col]))
        augmented[col], augmented[pivot] = augmented[pivot], augmented[col]
        lead = augmented[col][col]
        for r in range(col + 1, size):
            factor = augmented[r][col] / lead
            if factor:
                for c in range(col, size + 1):
                    augmented[r][c] -= factor * augmented[col][c]
    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        total = augmented[r][size] - sum(augmented[r][c] * solution[c] for c in range(r + 1, size))
        solution[r] = total / augmented[r][r]
    return solution
