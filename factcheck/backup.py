"""Online backups: a consistent copy taken while the server writes, checked before it is trusted.

The copy is made with SQLite's backup API from one read snapshot (writers carry on under WAL);
then it must pass `PRAGMA integrity_check` and `audit verify` (under the live
database's key) before it counts. Its audit head is checkpointed beside it, so the copy can be
verified on its own later without looking truncated."""

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import db as database
from factcheck.db import Database
from factcheck.store import audit, audit_seal
from factcheck.store.backups import table_counts


class BackupRefused(ValueError):
    """The backup cannot be written where asked; the message says what to do."""


@dataclass
class BackupReport:
    path: Path
    checkpoint: Path
    counts: dict[str, int]
    audit_rows: int
    audit_head: str
    integrity: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _exists(path: Path) -> bool:
    """Whether something is at `path`; a name the system cannot take (too long, say) is not,
    and creating the backup then says why."""
    try:
        return path.exists()
    except OSError:
        return False


def backup(db: Database, target: Path) -> BackupReport:
    """Copy the live database `db` to `target` and check the copy."""
    target = Path(target)
    if target.name in ("", ".", ".."):
        raise BackupRefused("give the backup a file name, such as backups/factcheck-monday.db")
    # The copy's checkpoint goes beside it: one already there belongs to something else (another
    # backup's copy that was moved away), and is not overwritten.
    checkpoint = target.with_name(target.name + audit_seal.CHECKPOINT_SUFFIX)
    if _exists(checkpoint) and not _exists(target):
        raise BackupRefused(
            f"{checkpoint} already exists (the audit checkpoint of an earlier backup?); choose a"
            " new file name for the backup"
        )
    try:
        # Owner-only from the first byte: a backup holds everything the database does.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupRefused(f"{target} already exists; choose a new file for the backup") from None
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not target.parent.exists():
            raise BackupRefused(
                f"the folder {target.parent} does not exist; create it first"
            ) from None
        raise BackupRefused(
            f"cannot write the backup in {target.parent} ({error.strerror}); choose another file"
        ) from None
    copy_conn = sqlite3.connect(target)
    try:
        # In one step: under WAL this reads one consistent snapshot without blocking writers,
        # where a stepped copy would start over each time another connection wrote.
        db.conn.backup(copy_conn)
    finally:
        copy_conn.close()
    copy = database.connect(target)
    try:
        head_row, head_hash = audit.head(copy)
        audit_seal.use_files(copy, key=audit_seal.files_for(db).key, checkpoint=checkpoint)
        if head_row:
            at = copy.execute("SELECT at FROM audit WHERE id = ?", [head_row]).fetchone()[0]
            audit_seal.write_checkpoint(copy, head_row, head_hash, at)
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        report = BackupReport(
            path=target,
            checkpoint=checkpoint,
            counts=table_counts(copy),
            audit_rows=head_row,
            audit_head=head_hash,
            integrity=integrity,
        )
        if integrity != "ok":
            report.problems.append(f"the copy fails SQLite's integrity check: {integrity}")
        chain = audit.verify(copy)
        if not chain.ok:
            report.problems.append(f"the copy's audit trail does not verify: {chain.problem}")
        return report
    finally:
        copy.close()
