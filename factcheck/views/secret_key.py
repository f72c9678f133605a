"""The session-signing key: configured, or kept in a private file beside the database."""

import os
from pathlib import Path

from factcheck.private_files import PrivateFileError as SecretKeyError
from factcheck.private_files import load_or_create_secret as load_or_create

__all__ = ["SecretKeyError", "key_path_for", "load_or_create"]


def key_path_for(database: str | os.PathLike) -> Path:
    """`instance/factcheck.db` keeps its key in `instance/factcheck.db.secret_key`."""
    database = Path(database)
    return database.with_name(database.name + ".secret_key")
