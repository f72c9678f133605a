"""Near-duplicate bodies: a small signature of an article's text (the smallest hashes of its
five-word shingles, a bottom-k MinHash sketch) and how much two signatures say the texts share.

Two copies of a wire story with a line changed share most of their shingles, so most of their
smallest hashes too; unrelated stories share next to none. Signatures are stored at import, one
row per hash (migration 015), so finding earlier near-copies reads a few index entries per hash
instead of comparing every body."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar

#: How many hashes a signature keeps: the estimate's error is about 0.5 / sqrt(SIZE).
SIZE = 64
#: Words per shingle: long enough that unrelated news shares few, short enough that a changed
#: line disturbs few.
SHINGLE_WORDS = 5
#: Estimated share of shingles (Jaccard resemblance) from which a body counts as nearly the same.
#: Measured: of 1,770 pairs of distinct real news articles none came above 0.05, while one sentence
#: rewritten in an 80-word story leaves about 0.69 and in a 600-word one about 0.9.
NEAR = 0.6

_WORD = re.compile(r"\w+")
# What _WORD finds in ASCII text once lowered (NFKC and casefold change no ASCII character),
# matched on bytes so the shingles need no encoding.
_ASCII_WORD = re.compile(rb"[a-z0-9_]+")
# Copying a hasher made once is cheaper than making one with its digest size for every shingle.
_BLANK = hashlib.blake2b(digest_size=8)
T = TypeVar("T")


def words(body: str) -> list[str]:
    """The body's words in order, case and Unicode form folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", body).casefold())


def signature(body: str) -> list[int]:
    """The SIZE smallest shingle hashes of the body, ascending (fewer for a short body; a body
    shorter than one shingle is one shingle)."""
    return _smallest(map(_digest, _shingles(body)))


def _shingles(body: str) -> set[bytes]:
    """Each distinct shingle of the body (its words joined by one space), UTF-8 encoded."""
    if body.isascii():
        return set(map(b" ".join, _runs(_ASCII_WORD.findall(body.lower().encode("ascii")))))
    return {" ".join(run).encode("utf-8") for run in _runs(words(body))}


def _runs(found: list[T]) -> Iterator[tuple[T, ...]]:
    """Every run of SHINGLE_WORDS consecutive words, or the one run of all of them when fewer."""
    width = min(SHINGLE_WORDS, len(found))
    # The shorter slices end the runs: the last run starts `width` words from the end.
    return zip(*(found[start:] for start in range(width)), strict=False)


def _digest(shingle: bytes) -> bytes:
    hasher = _BLANK.copy()
    hasher.update(shingle)
    return hasher.digest()


def _smallest(digests: Iterable[bytes]) -> list[int]:
    """The SIZE smallest distinct hashes from 8-byte digests, each digest read as a big-endian
    number less its lowest bit (63 bits, so every hash fits SQLite's signed 64-bit integer).
    Bytes sort as the numbers they spell and dropping a bit keeps that order (two digests may
    fall together), so only the smallest are turned into numbers."""
    values: list[int] = []
    for digest in sorted(digests):
        value = int.from_bytes(digest, "big") >> 1
        if not values or values[-1] != value:
            values.append(value)
            if len(values) == SIZE:
                break
    return values


def resemblance(first: list[int], second: list[int]) -> float:
    """The estimated share of shingles two bodies have in common (0 to 1), from their signatures:
    of the SIZE smallest hashes of both together, the fraction found in both."""
    if not first or not second:
        return 0.0
    a, b = set(first), set(second)
    union = sorted(a | b)[:SIZE]
    return sum(1 for value in union if value in a and value in b) / len(union)


def least_shared(size: int) -> int:
    """How many hashes a signature of `size` must share with another's to possibly reach NEAR:
    a cheap first cut before the estimate (generous, so no near-copy is lost)."""
    return max(1, int(size * NEAR / 2))
