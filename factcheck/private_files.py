"""Small secrets kept in files only their owner can read: made once, atomically, and checked."""

import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32


class PrivateFileError(RuntimeError):
    """The file cannot be used; the message says how to fix it."""


class NoUsableSecret(PrivateFileError):
    """The file is private but holds nothing long enough to be a secret."""

    def __init__(self, message: str, length: int) -> None:
        super().__init__(message)
        self.length = length


def make_private_folder(folder: Path) -> None:
    """Create the folder (and any missing parents) unless it exists; the folder made is 0700.
    An existing folder keeps its mode: people may share it on purpose."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner can read and write (0600: a umask can only take bits
    away), unless it exists already. SQLite gives a database's -wal and -shm files the database's
    own mode."""
    make_private_folder(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def read_secret(path: Path) -> str:
    """The secret in `path`; refused when other users could read it or it is too short."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PrivateFileError(f"{path} can be read by other users; run `chmod 600 {path}`")
    key = path.read_text(encoding="ascii").strip()
    if len(key) < KEY_BYTES:
        raise NoUsableSecret(
            f"{path} holds no usable key; delete it and a new one will be made", len(key)
        )
    return key


def load_or_create_secret(path: Path) -> str:
    """Read the secret; on first use write a random one with mode 0600.

    The new secret is written to a temporary file and linked into place, so two processes
    starting at once agree on one secret and nobody ever reads a half-written file."""
    if path.exists():
        return read_secret(path)
    make_private_folder(path.parent)
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
    return read_secret(path)
