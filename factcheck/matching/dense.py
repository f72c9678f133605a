"""The library's sentence embeddings in memory: nearest items by cosine, and the vectors of any."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

# One BLAS thread: the search multiplies one text at a time against memory-bound rows, and BLAS
# threads spinning between calls take the two cores from ONNX Runtime and SQLite (a match took
# 35 ms instead of 26 at 10,375 items).
threadpool_limits(limits=1, user_api="blas")

#: Query vectors multiplied against the library at once (a product of about 25 MB at 100,000).
_QUERY_CHUNK = 64
#: Up to this many items every claim vector is compared with each query. In a larger library the
#: claims are first compared in REDUCED_DIMENSIONS (their principal components), and only the
#: SHORTLIST nearest that way are compared in full: a quarter of the memory to read per query.
EXACT_UP_TO = 20_000
REDUCED_DIMENSIONS = 96
SHORTLIST = 200


@dataclass(frozen=True)
class Nearest:
    """One text's nearest items by the cosine with their claims, nearest first, and the highest
    cosine of any item (the first's, or 0.0 in an empty library)."""

    ids: list[int]
    cosines: list[float]

    @property
    def best(self) -> float:
        return self.cosines[0] if self.cosines else 0.0


@dataclass(frozen=True)
class Projection:
    """Principal components of claim vectors: a centre and REDUCED_DIMENSIONS directions."""

    centre: np.ndarray
    directions: np.ndarray

    @classmethod
    def of(cls, sample: np.ndarray) -> "Projection":
        centre = sample.mean(axis=0)
        _, _, rows = np.linalg.svd(sample - centre, full_matrices=False)
        return cls(centre.astype(np.float32), rows[:REDUCED_DIMENSIONS].T.astype(np.float32))

    def reduce(self, vectors: np.ndarray) -> np.ndarray:
        """The vectors' coordinates along the directions, less the centre's (the centre adds
        the same amount to every item's product with one query, so the order is kept)."""
        return np.ascontiguousarray((vectors - self.centre) @ self.directions)


@dataclass(frozen=True)
class DenseIndex:
    """Every embedded item: ids ascending, claim vectors as float32 rows (what the search
    multiplies), title vectors as float16 (read a few at a time), and in a library of more than
    EXACT_UP_TO items the claims reduced by `projection`."""

    version: int
    ids: np.ndarray
    claims: np.ndarray
    titles: np.ndarray
    projection: Projection | None = None
    reduced: np.ndarray | None = None

    @classmethod
    def of(
        cls,
        version: int,
        ids: np.ndarray,
        claims: np.ndarray,
        titles: np.ndarray,
        projection: Projection,
    ) -> "DenseIndex":
        if len(ids) <= EXACT_UP_TO:
            return cls(version, ids, claims, titles)
        return cls(version, ids, claims, titles, projection, projection.reduce(claims))

    def nearest(
        self, queries: np.ndarray, k: int, leave_out: Sequence[Collection[int] | int | None] = ()
    ) -> list[Nearest]:
        """For each query vector, the `k` items whose claims are nearest; `leave_out` names, per
        query, an item or items to act as if the library did not hold."""
        results: list[Nearest] = []
        count = len(self.ids)
        if not count or k <= 0:
            return [Nearest([], []) for _ in range(len(queries))]
        for start in range(0, len(queries), _QUERY_CHUNK):
            chunk = queries[start : start + _QUERY_CHUNK]
            if self.projection is not None and self.reduced is not None:
                scores = self.reduced @ self.projection.reduce(chunk).T
            else:
                scores = self.claims @ chunk.T
            for j in range(len(chunk)):
                column = scores[:, j]
                absent = item_set(leave_out[start + j]) if leave_out else frozenset()
                positions = [p for p in map(self._position, absent) if p is not None]
                column[positions] = -np.inf
                rows = _best(column, min(k if self.reduced is None else SHORTLIST, count))
                if self.reduced is not None:
                    rows = rows[~np.isin(rows, positions)]
                    column = np.full(count, -np.inf, dtype=np.float32)
                    column[rows] = self.claims[rows] @ chunk[j]
                    rows = rows[_best(column[rows], min(k, len(rows)))]
                rows = rows[np.isfinite(column[rows])]
                results.append(
                    Nearest([int(i) for i in self.ids[rows]], [float(c) for c in column[rows]])
                )
        return results

    def vectors(self, item_ids: Sequence[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """The claim and title vectors (float32) of those of these items that are held."""
        found = {}
        for item_id in item_ids:
            position = self._position(item_id)
            if position is not None:
                found[item_id] = (self.claims[position], self.titles[position].astype(np.float32))
        return found

    def _position(self, item_id: int | None) -> int | None:
        if item_id is None or not len(self.ids):
            return None
        position = int(np.searchsorted(self.ids, item_id))
        if position < len(self.ids) and self.ids[position] == item_id:
            return position
        return None


def item_set(items: Collection[int] | int | None) -> frozenset[int]:
    """An item, several or none (None) as a set of ids."""
    if items is None:
        return frozenset()
    return frozenset((items,)) if isinstance(items, int) else frozenset(items)


def _best(values: np.ndarray, k: int) -> np.ndarray:
    """The positions of the `k` highest values, highest first (ties: the lower position)."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < len(values):
        top = np.argpartition(-values, k - 1)[:k]
    else:
        top = np.arange(len(values))
    return top[np.lexsort((top, -values[top]))]
