"""The audit chain's anchors outside the database: the key its hashes are made with, and a
checkpoint of its head (row number and hash) rewritten after every change.

Both live beside the database by default (`factcheck.db.audit_key`, mode 0600, and
`factcheck.db.audit_checkpoint`); FACTCHECK_AUDIT_KEY_FILE and FACTCHECK_AUDIT_CHECKPOINT_FILE
put them elsewhere, which is what makes them worth having: someone who copies or edits the
database file alone can neither recompute a keyed hash nor hide a shorter chain."""

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from factcheck import settings
from factcheck.db import Database
from factcheck.private_files import (
    KEY_BYTES,
    NoUsableSecret,
    PrivateFileError,
    load_or_create_secret,
    read_secret,
)

KEY_SUFFIX = ".audit_key"
CHECKPOINT_SUFFIX = ".audit_checkpoint"
#: The hash scheme of audit rows signed with the key (store/audit writes and checks them).
KEYED_SCHEME = "hmac-sha256"
# A checkpoint is one fixed-width line rewritten in place, so a reader never sees half of one.
CHECKPOINT_WIDTH = 255
# A database in memory has no folder to keep a key in; it lives as long as this process.
_MEMORY_KEY = secrets.token_hex(32).encode("ascii")
_keys: dict[Path, tuple[tuple[int, int], bytes]] = {}
# json.dumps(..., separators=(",", ":")) makes a new encoder for every call given options.
_CHECKPOINT_JSON = json.JSONEncoder(separators=(",", ":"))


@dataclass(frozen=True)
class SealFiles:
    key: Path | None
    checkpoint: Path | None


@dataclass(frozen=True)
class Checkpoint:
    row: int
    hash: str
    at: str
    #: A keyed hash of the three with the trail's key (checkpoints written since it was added):
    #: a checkpoint another database wrote, with its own key, is told apart from this trail cut
    #: short or rewritten.
    tag: str | None = None


# Each connection's files, for as long as the connection lives.
_files: weakref.WeakKeyDictionary[Database, SealFiles] = weakref.WeakKeyDictionary()


class SealError(RuntimeError):
    """A key or checkpoint file cannot be used; the message says what to do."""


class TrailMismatch(SealError):
    """The trail no longer matches its checkpoint or its key (rows removed or rewritten, an older
    copy of the database put back, another database's files): no change is written until an
    administrator has looked, since writing on would move the checkpoint past the evidence."""


def database_file(db: Database) -> Path | None:
    """The main database file of a connection, or None for a database in memory."""
    for _seq, name, filename in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(filename) if filename else None
    return None


def files_for(db: Database) -> SealFiles:
    """Where this database's key and checkpoint live (remembered on the connection)."""
    files = _files.get(db)
    if files is None:
        path = database_file(db)
        key = settings.value("AUDIT_KEY_FILE")
        checkpoint = settings.value("AUDIT_CHECKPOINT_FILE")
        files = SealFiles(
            key=Path(key) if key else _beside(path, KEY_SUFFIX),
            checkpoint=Path(checkpoint) if checkpoint else _beside(path, CHECKPOINT_SUFFIX),
        )
        _files[db] = files
    return files


def use_files(db: Database, *, key: Path | None = None, checkpoint: Path | None = None) -> None:
    """Check this connection's chain against other copies of the key or checkpoint (say, those
    kept with a backup)."""
    current = files_for(db)
    _files[db] = SealFiles(key or current.key, checkpoint or current.checkpoint)


def _beside(database: Path | None, suffix: str) -> Path | None:
    return database.with_name(database.name + suffix) if database else None


def writing_key(db: Database) -> bytes:
    """The key for new rows, made on first use."""
    path = files_for(db).key
    if path is None:
        return _MEMORY_KEY
    cached = _cached(path)
    if cached is None and trail_is_keyed(db):
        # A new key here would sign the next rows so that no one key verifies the whole trail.
        raise SealError(
            f"the audit key {path} is missing, but this database's audit trail is signed with a"
            f" key; point {settings.PREFIX}AUDIT_KEY_FILE at that key (or restore it)"
        )
    if cached is None:
        load_or_create_secret(path)
        cached = _cached(path)
    if cached is None:
        raise SealError(f"the audit key {path} was removed as soon as it was made; make it again")
    return cached


def trail_is_keyed(db: Database) -> bool:
    """Whether any audit row is signed with a key (so a missing key file is a problem)."""
    row = db.execute("SELECT 1 FROM audit WHERE hash_scheme = ? LIMIT 1", [KEYED_SCHEME])
    return row.fetchone() is not None


def existing_key(db: Database) -> bytes | None:
    """The key for checking rows, or None when there is no key file."""
    path = files_for(db).key
    if path is None:
        return _MEMORY_KEY
    try:
        return _cached(path)
    except FileNotFoundError:
        return None


def _cached(path: Path) -> bytes | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    signature = (info.st_ino, info.st_mtime_ns)
    hit = _keys.get(path)
    if hit and hit[0] == signature:
        return hit[1]
    try:
        if path.is_dir():
            raise SealError(_unusable(path, "is a folder, not a key file"))
        key = read_secret(path).encode("ascii")
    except NoUsableSecret as error:
        what = (
            f"is too short to be a key ({error.length} characters)" if error.length else "is empty"
        )
        raise SealError(_unusable(path, what)) from None
    except UnicodeDecodeError:
        raise SealError(_unusable(path, "is not a text file, so it holds no key")) from None
    except PermissionError:
        raise SealError(
            f"the audit key {path} cannot be read by this user; run factcheck as the user who owns"
            " it, or give that user read access (the key must stay private to it)"
        ) from None
    except (OSError, ValueError, PrivateFileError) as error:
        raise SealError(_unusable(path, f"cannot be read ({error})")) from None
    _keys[path] = (signature, key)
    return key


def _unusable(path: Path, what: str) -> str:
    # Unlike other secrets, this one must never be replaced: a new key cannot check the rows the
    # old one signed, so the advice is to bring the old one back.
    return (
        f"the audit key {path} {what}; restore this desk's audit key (at least {KEY_BYTES}"
        " characters, as factcheck wrote it) from its backup: a new key cannot check the rows"
        " already signed"
    )


def check_checkpoint_place(db: Database) -> None:
    """Refuse a change before it is made when its checkpoint could not be written once it is
    committed: the path names a folder, or a folder that does not exist."""
    path = files_for(db).checkpoint
    if path is None:
        return
    if path.is_dir():
        problem = "is a folder, not a file"
    elif not path.parent.is_dir():
        problem = f"is in {path.parent}, which is not a folder that exists"
    else:
        return
    raise SealError(
        f"the audit checkpoint {path} {problem}; point {settings.PREFIX}AUDIT_CHECKPOINT_FILE at"
        " a file in an existing folder"
    )


def write_checkpoint(db: Database, row: int, row_hash: str, at: str) -> None:
    """Record the head after a committed change, unless a newer head is already recorded (two
    writers can finish their commits in either order)."""
    _record_head(db, row, row_hash, at, unless_newer=True)


def replace_checkpoint(db: Database, row: int, row_hash: str, at: str) -> None:
    """Record this head whatever the checkpoint held (an administrator's reset, audited by its
    caller)."""
    _record_head(db, row, row_hash, at, unless_newer=False)


def _record_head(db: Database, row: int, row_hash: str, at: str, *, unless_newer: bool) -> None:
    path = files_for(db).checkpoint
    if path is None:
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        current = _parse(os.pread(descriptor, CHECKPOINT_WIDTH + 1, 0))
        if unless_newer and current is not None and current.row >= row:
            return
        head: dict = {"row": row, "hash": row_hash, "at": at}
        key = usable_key(db)
        if key is not None:
            head["tag"] = _tag(key, row, row_hash, at)
        line = _CHECKPOINT_JSON.encode(head)
        os.pwrite(descriptor, (line.ljust(CHECKPOINT_WIDTH) + "\n").encode("ascii"), 0)
        os.ftruncate(descriptor, CHECKPOINT_WIDTH + 1)  # whatever a damaged file held after it
    finally:
        os.close(descriptor)


def is_default_checkpoint(db: Database) -> bool:
    """Whether the checkpoint in use is the file beside the database (no setting names another)."""
    path = files_for(db).checkpoint
    return path is not None and path == _beside(database_file(db), CHECKPOINT_SUFFIX)


def set_aside_earlier_checkpoint(db: Database) -> Path | None:
    """For a database just created: keep a checkpoint left where its own will go (by an earlier
    database at this path) under another name, which is returned, rather than take it for
    this trail's; None when there was none."""
    path = files_for(db).checkpoint
    if path is None or not path.exists():
        return None
    if path != _beside(database_file(db), CHECKPOINT_SUFFIX):
        # Named by FACTCHECK_AUDIT_CHECKPOINT_FILE: another database's (a live desk's) whose
        # setting this one shares, never to be moved; this trail's first change is refused.
        return None
    if db.execute("SELECT 1 FROM audit LIMIT 1").fetchone() is not None:
        return None  # not a new trail: a checkpoint beside it is its own
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.earlier-{stamp}")
    path.rename(kept)
    return kept


def read_checkpoint(db: Database) -> Checkpoint | None:
    """The recorded head, or None when no checkpoint file exists. Raises SealError when the file
    exists but does not hold a checkpoint."""
    path = files_for(db).checkpoint
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)  # not half of a line being rewritten
            checkpoint = _parse(handle.read(CHECKPOINT_WIDTH + 1))
    except FileNotFoundError:
        return None
    if checkpoint is None:
        raise SealError(f"the audit checkpoint {path} does not hold a row number and hash")
    return checkpoint


def _parse(raw: bytes) -> Checkpoint | None:
    try:
        value = json.loads(raw.decode("ascii").strip() or "null")
        tag = value.get("tag")
        return Checkpoint(
            int(value["row"]), str(value["hash"]), str(value["at"]), str(tag) if tag else None
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _tag(key: bytes, row: int, row_hash: str, at: str) -> str:
    return hmac.new(key, f"checkpoint {row} {row_hash} {at}".encode(), hashlib.sha256).hexdigest()


def usable_key(db: Database) -> bytes | None:
    """The key for checking rows, or None when there is none that can be read (what is wrong
    with it is said where the key itself is checked)."""
    try:
        return existing_key(db)
    except (SealError, OSError):
        return None


def written_with_another_key(db: Database, checkpoint: Checkpoint) -> bool:
    """Whether the checkpoint carries a tag this database's key does not reproduce: another
    database wrote it (its file named by mistake, or copied over this one's)."""
    key = usable_key(db)
    if checkpoint.tag is None or key is None:
        return False
    expected = _tag(key, checkpoint.row, checkpoint.hash, checkpoint.at)
    return not hmac.compare_digest(checkpoint.tag, expected)
