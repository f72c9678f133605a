"""A fingerprint of an article body that ignores differences in whitespace and Unicode form."""

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalise_body(body: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", body)).strip()


def body_hash(body: str) -> str:
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()
