"""The session-signing key: configured, or kept in a private file beside the database."""

import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32


class SecretKeyError(RuntimeError):
    """The key file cannot be used; the message says how to fix it."""


def key_path_for(database: str | os.PathLike) -> Path:
    """`instance/factcheck.db` keeps its key in `instance/factcheck.db.secret_key`."""
    database = Path(database)
    return database.with_name(database.name + ".secret_key")


def _read(path: Path) -> str:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretKeyError(f"{path} can be read by other users; run `chmod 600 {path}`")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < KEY_BYTES:
        raise SecretKeyError(f"{path} holds no usable key; delete it and a new one will be made")
    return key


def load_or_create(path: Path) -> str:
    """Read the key; on first use write a random one with mode 0600.

    The new key is written to a temporary file and linked into place, so two servers starting at
    once agree on one key and nobody ever reads a half-written file."""
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)
