"""Fit an L2-regularised logistic regression on binary features by Newton's method, in pure Python."""

import math
from collections import Counter


def fit(
    rows: list[tuple[int, ...]],
    labels: list[int],
    features: int,
    *,
    l2: float = 1.0,
    signs: list[int] | None = None,
    floor: float = 0.0,
    fixed: dict[int, float] | None = None,
    iterations: int = 30,
) -> tuple[float, list[float]]:
    """The bias and one weight per feature that best predict labels (0 or 1) from rows.

    A row lists the indexes of the features that are on. Rows with the same features are grouped
    first, so a step costs one pass over the distinct combinations (a few thousand at most) rather
    than over every row. The bias is not regularised.

    signs, when given, holds +1 for a feature whose weight must be at least floor, -1 for one that
    must be at most -floor, and 0 for a free one. A feature that comes out on the wrong side is
    held at its bound and the rest are fitted again, until every weight keeps to its side. fixed
    maps features to weights that are set beforehand and not fitted."""
    if len(rows) != len(labels):
        raise ValueError("rows and labels differ in length")
    signs = signs or [0] * features
    if len(signs) != features:
        raise ValueError("give one sign per feature")
    positives: Counter = Counter()
    totals: Counter = Counter()
    for row, label in zip(rows, labels, strict=True):
        key = tuple(sorted(set(row)))
        totals[key] += 1
        positives[key] += 1 if label else 0
    groups = [(key, totals[key], positives[key]) for key in totals]
    held: dict[int, float] = dict(fixed or {})
    while True:
        bias, weights = _newton(groups, features, l2, iterations, held)
        wrong = {
            index: sign * floor
            for index, (weight, sign) in enumerate(zip(weights, signs, strict=True))
            if index not in held and sign and weight * sign < floor
        }
        if not wrong:
            return bias, weights
        held.update(wrong)


def _newton(groups, features: int, l2: float, iterations: int, held: dict[int, float]):
    """Newton's method with the held features fixed at their values; index 0 is the bias."""
    size = features + 1
    weights = [0.0] * size
    for index, value in held.items():
        weights[index + 1] = value
    free = [i for i in range(size) if i - 1 not in held]
    for _ in range(iterations):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for key, count, hits in groups:
            on = (0, *(index + 1 for index in key))
            p = _sigmoid(sum(weights[i] for i in on))
            residual = count * p - hits
            curvature = count * p * (1 - p)
            for i in on:
                gradient[i] += residual
                row = hessian[i]
                for j in on:
                    row[j] += curvature
        for i in range(1, size):
            gradient[i] += l2 * weights[i]
            hessian[i][i] += l2
        hessian[0][0] += 1e-9  # keeps the system solvable when every row has the same label
        step = _solve([[hessian[i][j] for j in free] for i in free], [gradient[i] for i in free])
        for i, change in zip(free, step, strict=True):
            weights[i] -= change
        if max(abs(change) for change in step) < 1e-8:
            break
    return weights[0], weights[1:]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    z = math.exp(x)
    return z / (1 + z)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for column in range(n):
        pivot = max(range(column, n), key=lambda r: abs(a[r][column]))
        if abs(a[pivot][column]) < 1e-12:
            continue
        a[column], a[pivot] = a[pivot], a[column]
        head = a[column]
        for r in range(column + 1, n):
            factor = a[r][column] / head[column]
            if factor:
                row = a[r]
                for c in range(column, n + 1):
                    row[c] -= factor * head[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) < 1e-12:
            continue
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x
