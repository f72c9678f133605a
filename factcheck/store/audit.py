"""The append-only audit trail: recording a change, reading a record's history, verifying the chain.

Rows written since migration 003 are keyed: each hash is an HMAC-SHA256, under a key kept outside
the database, of the row's content and the previous row's hash. Earlier rows keep their plain
sha256 chain. `verify` checks the chain, the append-only triggers, the checkpoint of the head kept
outside the database, and replays the trail against the live tables (see audit_replay)."""

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck import db as database
from factcheck import settings
from factcheck.db import Connection, Database, read_snapshot, utc_now
from factcheck.store import audit_seal
from factcheck.store.actors import Actor
from factcheck.store.errors import Forbidden, Invalid
from factcheck.store.mutation import mutation, note_audit_row, query

if TYPE_CHECKING:
    # audit_replay imports this module; the type is needed for annotations only.
    from factcheck.store.audit_replay import Replay

GENESIS_HASH = "0" * 64
#: Past this, a reason pasted into --why went wrong.
MAX_WHY_CHARS = 1_000
LEGACY_SCHEME = "sha256"
KEYED_SCHEME = audit_seal.KEYED_SCHEME


def _refusing_trigger(name: str, event: str, table: str, message: str) -> str:
    """A trigger's SQL as SQLite keeps it, spaces made single."""
    return f"CREATE TRIGGER {name} {event} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END"


#: The append-only triggers, as migrations 001 and 010 made them (spaces made single); verify
#: checks each is still there word for word: a WHEN clause, or a body that no longer raises,
#: would let rows be changed.
APPEND_ONLY_TRIGGERS = {
    name: _refusing_trigger(name, event, table, message)
    for name, event, table, message in (
        (
            "audit_no_update",
            "BEFORE UPDATE",
            "audit",
            "the audit trail is append-only: rows cannot be changed",
        ),
        (
            "audit_no_delete",
            "BEFORE DELETE",
            "audit",
            "the audit trail is append-only: rows cannot be deleted",
        ),
        # Archived copies and their stored bytes are records too: written once, never changed.
        (
            "evidence_snapshots_immutable_update",
            "BEFORE UPDATE",
            "evidence_snapshots",
            "archived copies cannot be changed",
        ),
        (
            "evidence_snapshots_immutable_delete",
            "BEFORE DELETE",
            "evidence_snapshots",
            "archived copies cannot be deleted",
        ),
        (
            "snapshot_files_immutable_update",
            "BEFORE UPDATE",
            "snapshot_files",
            "stored copies cannot be changed",
        ),
        (
            "snapshot_files_immutable_delete",
            "BEFORE DELETE",
            "snapshot_files",
            "stored copies cannot be deleted",
        ),
    )
}


# What json.dumps(value, sort_keys=..., ensure_ascii=False, separators=(",", ":")) uses, made
# once: json.dumps makes a new encoder for every call given options.
_STATE_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _as_json(value: object) -> str | None:
    if value is None:
        return None
    return _STATE_JSON.encode(value)


def _canonical(values: list) -> bytes:
    return _CANONICAL_JSON.encode(values).encode("utf-8")


def row_hash(row: dict, prev_hash: str, key: bytes | None = None) -> str:
    """The hash a row should carry: keyed rows need the key, legacy rows are plain sha256."""
    if row.get("hash_scheme", LEGACY_SCHEME) == LEGACY_SCHEME:
        content = [prev_hash, row["id"], row["at"], row["actor"], row["record_type"]]
        content += [row["record_id"], row["action"], row["before"], row["after"], row["reason"]]
        return hashlib.sha256(_canonical(content)).hexdigest()
    if key is None:
        raise audit_seal.SealError("a keyed audit row cannot be hashed without the audit key")
    content = [prev_hash, row["id"], row["at"], row["actor"], row["channel"], row["record_type"]]
    content += [row["record_id"], row["action"], row["before"], row["after"], row["reason"]]
    content.append(row["hash_scheme"])
    return hmac.digest(key, _canonical(content), "sha256").hex()


def head(db: Database) -> tuple[int, str]:
    """The newest row's id and hash, or (0, genesis) for an empty trail."""
    row = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def optional_why(why: str | None) -> str | None:
    """A reason given for a change where one is optional (an administrator's to a person, an
    editor's removal from the library), as the trail keeps it: spaces made single, None if
    blank, refused when longer than MAX_WHY_CHARS."""
    text = " ".join((why or "").split())
    if len(text) > MAX_WHY_CHARS:
        raise Invalid("text.too_long", {"what": "reason", "limit": MAX_WHY_CHARS}, field="why")
    return text or None


def record(
    db: Database,
    actor: Actor,
    record_type: str,
    record_id: int | None,
    action: str,
    *,
    before: object = None,
    after: object = None,
    reason: str | None = None,
    follows: bool = False,
) -> int:
    """Append one audit row; call only inside a @mutation, which holds the write lock. Refused
    (TrailMismatch) while the trail does not match its checkpoint or its key. A row that
    `follows` records what the mutation's own row made happen to another record (see
    mutation.note_audit_row)."""
    newest = _newest_row(db)
    last_id, prev_hash = (newest["id"], newest["hash"]) if newest else (0, GENESIS_HASH)
    written_here = getattr(db.conn, "audit_row_written", None)
    # Checked once a transaction: the rows a batch wrote before this one in the same
    # transaction are its own, and no checkpoint covers them until it commits.
    first_row_here = newest is None or written_here != (newest["id"], newest["hash"])
    if first_row_here and not action.startswith("session."):
        _refuse_changed_actor(db, actor)
    audit_seal.check_checkpoint_place(db)
    if first_row_here:
        # Before the key is made (an older trail's first signed row is written with it).
        _refuse_out_of_step(db, newest)
    key = audit_seal.writing_key(db)
    if first_row_here:
        _refuse_another_key(db, newest, key)
    row: dict[str, Any] = {
        "id": last_id + 1,
        "at": utc_now(),
        "actor": actor.username,
        "channel": actor.channel,
        "record_type": record_type,
        "record_id": record_id,
        "action": action,
        "before": _as_json(before),
        "after": _as_json(after),
        "reason": reason,
        "hash_scheme": KEYED_SCHEME,
        "prev_hash": prev_hash,
    }
    row["hash"] = row_hash(row, prev_hash, key)
    note_audit_row(row["id"], row["hash"], row["at"], follows=follows)
    db.execute(
        "INSERT INTO audit (id, at, actor, channel, record_type, record_id, action, before, after,"
        " reason, hash_scheme, prev_hash, hash) VALUES (:id, :at, :actor, :channel, :record_type,"
        " :record_id, :action, :before, :after, :reason, :hash_scheme, :prev_hash, :hash)",
        row,
    )
    if isinstance(db.conn, Connection):
        db.conn.audit_row_written = (row["id"], row["hash"])
    return row["id"]


def decoded_entry(row: dict) -> dict:
    """An audit row with its before and after states turned back from JSON."""
    return {
        **row,
        "before": json.loads(row["before"]) if row["before"] else None,
        "after": json.loads(row["after"]) if row["after"] else None,
    }


@query
def history(db: Database, record_type: str, record_id: int) -> list[dict]:
    """Every audit row about one record, oldest first, with before/after decoded."""
    rows = db.query(
        "SELECT * FROM audit WHERE record_type = ? AND record_id = ? ORDER BY id",
        [record_type, record_id],
    )
    return [decoded_entry(row) for row in rows]


@dataclass
class Problem:
    """One thing verify found wrong: its kind, the audit row it concerns (if one), and words."""

    kind: str
    message: str
    row: int | None = None


#: The kinds of problem verify can find, most telling first, each with the words for it.
PROBLEM_KINDS = {
    "chain": "a row was changed, removed or forged",
    "rewritten": "the chain was rewritten since its last checkpoint",
    "truncated": "rows were removed from the end",
    "edited_checkpoint": "the checkpoint kept outside the database was edited",
    "unsealed_checkpoint": "the checkpoint kept outside the database carries no seal",
    "schema": "a trigger was added, changed or dropped outside factcheck",
    "live": "a table was changed outside the audit trail",
    "key": "the audit key cannot be used",
    "checkpoint": "the checkpoint kept outside the database cannot be used",
    "foreign_checkpoint": "the checkpoint kept outside the database is another database's",
    "triggers": "the append-only protection of the trail was removed",
}


@dataclass
class ChainReport:
    ok: bool
    rows: int
    head_hash: str
    first_bad_id: int | None = None
    problem: str | None = None
    kind: str | None = None
    problems: list[Problem] = field(default_factory=list)
    #: What the trail cannot speak for (records written before it recorded their values): said,
    #: not counted as a problem.
    unchecked: list[str] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        order = list(PROBLEM_KINDS)
        self.problems.sort(key=lambda found: order.index(found.kind))
        first = self.problems[0]
        self.ok = False
        self.kind, self.problem, self.first_bad_id = first.kind, first.message, first.row

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "head_hash": self.head_hash,
            "first_bad_id": self.first_bad_id,
            "kind": self.kind,
            "problem": self.problem,
            "problems": [problem.__dict__ for problem in self.problems],
            "unchecked": self.unchecked,
        }


#: The tables the trail speaks for, and the trail itself: one of them gone was dropped outside
#: factcheck (its migrations made them all).
@query
def missing_tables(db: Database) -> list[str]:
    """The tables factcheck makes that this database no longer has."""
    present = database.schema(db).tables
    return sorted(database.migrated_schema().tables - present)


@query
def verify(db: Database, *, replay: bool = True) -> ChainReport:
    """Check everything someone holding the database file could have changed: each row's hash and
    link, the append-only triggers, the head against the checkpoint kept outside the database,
    and (with `replay`) the live tables against what the trail says they should hold."""
    from factcheck.store.audit_replay import Replay

    report = ChainReport(ok=True, rows=0, head_hash=GENESIS_HASH)
    key_unusable = False
    try:
        key = audit_seal.existing_key(db)
    except audit_seal.SealError as error:
        report.add(Problem("key", str(error)))
        key, key_unusable = None, True
    # The checkpoint is read before the database, and the database in one read transaction: a
    # change committed meanwhile (its checkpoint is written after its commit) is then either in
    # what is read or after the checkpoint read, never half in the tables and not in the trail.
    checkpoint = _read_checkpoint(db)
    replayer = Replay() if replay else None
    with read_snapshot(db):
        for problem in _trigger_problems(db):
            report.add(problem)
        _walk_chain(db, key, report, replayer, key_unusable=key_unusable)
        for problem in _checkpoint_problems(db, checkpoint):
            report.add(problem)
        if replayer is not None:
            for problem in replayer.compare(db):
                report.add(problem)
            report.unchecked = replayer.unchecked
    return report


def _walk_chain(
    db: Database,
    key: bytes | None,
    report: ChainReport,
    replayer: "Replay | None",
    *,
    key_unusable: bool = False,
) -> None:
    prev_hash = GENESIS_HASH
    expected_id = 1
    keyed_seen = False
    chain_ok = True
    for row in db.query("SELECT * FROM audit ORDER BY id"):
        report.rows += 1
        if replayer is not None:
            replayer.feed(row)
        if not chain_ok:
            continue
        problem = None
        scheme = row.get("hash_scheme") or LEGACY_SCHEME
        if row["id"] != expected_id:
            problem = Problem("chain", f"row {expected_id} is missing", row["id"])
        elif row["prev_hash"] != prev_hash:
            problem = Problem("chain", "it does not link to the row before it", row["id"])
        elif scheme not in (LEGACY_SCHEME, KEYED_SCHEME):
            problem = Problem("chain", f"its hash scheme {scheme!r} is unknown", row["id"])
        elif scheme == LEGACY_SCHEME and keyed_seen:
            problem = Problem("chain", "an unkeyed row follows keyed ones", row["id"])
        elif scheme == KEYED_SCHEME and key is None and key_unusable:
            # The key file is there but unusable, as already reported: the walk stops here.
            chain_ok = False
            continue
        elif scheme == KEYED_SCHEME and key is None:
            path = audit_seal.files_for(db).key
            problem = Problem("key", f"the audit key {path} is missing", row["id"])
        elif row_hash(row, prev_hash, key) != row["hash"]:
            words = "its content does not match its hash"
            # A wrong key fails the first keyed row and every one after it.
            if scheme == KEYED_SCHEME and not keyed_seen and _later_rows_fail(db, row["id"], key):
                words += (
                    ", nor do the rows after it: every row was rewritten, or this is not the key"
                    " the trail was signed with (give the desk's audit key with --key-file)"
                )
            problem = Problem("chain", words, row["id"])
        if problem is not None:
            report.add(problem)
            chain_ok = False
            continue
        keyed_seen = keyed_seen or scheme == KEYED_SCHEME
        prev_hash = row["hash"]
        report.head_hash = prev_hash
        expected_id += 1
    report.rows = report.rows if chain_ok else expected_id - 1


def _later_rows_fail(db: Database, row_id: int, key: bytes | None, sample: int = 3) -> bool:
    """Whether the next few keyed rows fail too, each checked against the hash it links to: one
    changed row leaves the others intact, while a wrong key fails them all."""
    later = list(
        db.query(
            "SELECT * FROM audit WHERE id > ? AND hash_scheme = ? ORDER BY id LIMIT ?",
            [row_id, KEYED_SCHEME, sample],
        )
    )
    return bool(later) and all(row_hash(row, row["prev_hash"], key) != row["hash"] for row in later)


def _refuse_changed_actor(db: Database, actor: Actor) -> None:
    """Refuse a change by a person disabled, or given another role, since their request began
    (the admin's change committed first): the trail would show it made by someone who could
    not make it, and so does audit verify (signing in and out is never refused)."""
    if actor.id is None:
        return
    row = db.execute("SELECT role, disabled FROM users WHERE id = ?", [actor.id]).fetchone()
    if row is not None and (row[1] or row[0] != actor.role):
        raise Forbidden(
            "actor.changed",
            {
                "username": actor.username,
                "role": row[0],
                "state": "disabled" if row[1] else "active",
            },
        )


def _trigger_problems(db: Database) -> list[Problem]:
    """The append-only triggers missing or changed, and any other trigger that is not as the
    migrations made it: a trigger planted in the database could rewrite what each later change
    writes (and so what its audit row records), or drop the audit row itself."""
    found = database.schema(db).triggers
    problems = []
    for name, expected in APPEND_ONLY_TRIGGERS.items():
        sql = found.get(name, (None, None))[1]
        if sql is None:
            problems.append(Problem("triggers", f"the trigger {name} is missing"))
        elif sql != expected:
            problems.append(Problem("triggers", f"the trigger {name} no longer refuses changes"))
    made = database.migrated_schema().triggers
    for name, (table, sql) in sorted(made.items()):
        if name in APPEND_ONLY_TRIGGERS:
            continue
        if name not in found:
            problems.append(
                Problem(
                    "schema",
                    f"the trigger {name} on {table} is missing: it was dropped outside factcheck",
                )
            )
        elif found[name][1] != sql:
            problems.append(
                Problem(
                    "schema",
                    f"the trigger {name} on {table} was changed outside factcheck: it may change"
                    f" what is written to {table}",
                )
            )
    for name, (table, _) in sorted(found.items()):
        if name not in made:
            problems.append(
                Problem(
                    "schema",
                    f"the trigger {name} on {table} was added outside factcheck: it can change"
                    f" or drop what is written to {table} (and what the audit trail records of"
                    " it). See what it does with sqlite3 (.schema), drop it, and check the"
                    f" records of {table} written since it was added",
                )
            )
    return problems


def _read_checkpoint(db: Database) -> audit_seal.Checkpoint | Problem | None:
    """The checkpoint file's head, None when there is none, or why it cannot be read."""
    try:
        return audit_seal.read_checkpoint(db)
    except (audit_seal.SealError, OSError) as error:
        return Problem("checkpoint", str(error))


def _checkpoint_problems(
    db: Database, checkpoint: audit_seal.Checkpoint | Problem | None, newest: dict | None = None
) -> list[Problem]:
    if isinstance(checkpoint, Problem):
        return [checkpoint]
    path = audit_seal.files_for(db).checkpoint
    if checkpoint is None:
        if audit_seal.trail_is_keyed(db):
            return [
                Problem(
                    "checkpoint",
                    f"the checkpoint {path} is missing: restore it from where it is kept (or a"
                    " backup's copy); without it, removing the newest rows would go unseen. If"
                    " none was written (the server stopped between a trail's first signed change"
                    " and its checkpoint), an administrator anchors one with factcheck audit"
                    " reset-checkpoint",
                )
            ]
        return []
    if checkpoint.tag is None and audit_seal.trail_is_keyed(db):
        return [
            Problem(
                "unsealed_checkpoint",
                f"the checkpoint {path} carries no seal made with the audit key (its tag), which"
                " every checkpoint of a signed trail has: it was written by hand, or by a version"
                " of factcheck from before checkpoints were sealed (then, once that is known, an"
                " administrator anchors a sealed one with factcheck audit reset-checkpoint). Restore"
                " it from where it is kept; without a seal, removing the newest rows and writing a"
                " checkpoint to match would go unseen",
            )
        ]
    # The hash the trail holds at the checkpointed row (None: the trail ends before it); the
    # newest row, read already, when it is that row (the checkpoint is in step).
    if newest is not None and newest["id"] == checkpoint.row:
        stored = (newest["hash"],)
    else:
        stored = db.execute("SELECT hash FROM audit WHERE id = ?", [checkpoint.row]).fetchone()
    if audit_seal.written_with_another_key(db, checkpoint) and _key_fits(db):
        # Another database's checkpoint names a hash this trail does not have.
        if stored is not None and stored[0] == checkpoint.hash:
            return [
                Problem(
                    "edited_checkpoint",
                    f"the checkpoint {path} names row {checkpoint.row} of this trail, but its"
                    " seal does not match what it names: it was edited after it was written,"
                    " and rows after the one it names may have been removed. Restore it from"
                    " where it is kept (or a backup's copy)",
                    checkpoint.row,
                )
            ]
        return [
            Problem(
                "foreign_checkpoint",
                f"{path} was written with another audit key; {_foreign_advice(db, path)}; nothing"
                " in this trail is shown to be changed by it",
            )
        ]
    if stored is None:
        last = db.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
        return [
            Problem(
                "truncated",
                f"{f'the trail ends at row {last}' if last else 'the trail is empty'}, but row"
                f" {checkpoint.row} was written at {checkpoint.at} (checkpoint)",
                checkpoint.row,
            )
        ]
    if stored[0] != checkpoint.hash:
        return [
            Problem(
                "rewritten",
                f"row {checkpoint.row} no longer has the hash checkpointed at {checkpoint.at}",
                checkpoint.row,
            )
        ]
    return []


def _key_fits(db: Database) -> bool:
    """Whether the key in use reproduces the newest row's hash: then a checkpoint it does not
    reproduce is another database's, not a sign of the wrong key."""
    newest, key = _newest_row(db), audit_seal.usable_key(db)
    if newest is None or key is None or newest["hash_scheme"] != KEYED_SCHEME:
        return False
    return hmac.compare_digest(row_hash(newest, newest["prev_hash"], key), newest["hash"])


def _foreign_advice(db: Database, path) -> str:
    if audit_seal.is_default_checkpoint(db):
        return (
            "it was copied over this database's own: restore this database's checkpoint, or move"
            " the file aside and anchor a new one with factcheck audit reset-checkpoint"
        )
    return (
        f"point {settings.PREFIX}AUDIT_CHECKPOINT_FILE at this database's own checkpoint (by"
        " default the .audit_checkpoint file beside it)"
    )


def _newest_row(db: Database) -> dict | None:
    # Not db.query, which runs each read inside a savepoint of its own: two statements more for
    # every change written.
    cursor = db.execute("SELECT * FROM audit ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def _refuse_out_of_step(db: Database, newest: dict | None = None) -> None:
    """Refuse a change, before it is written, while the trail fails what verify checks of its
    checkpoint outside the database: written on, the change would move the checkpoint past a
    removed or rewritten row and hide it. `newest` is the trail's newest row, when read already."""
    if audit_seal.files_for(db).checkpoint is None:
        return  # a database in memory: no file to keep a checkpoint in
    problems = _checkpoint_problems(db, _read_checkpoint(db), newest)
    if problems:
        raise audit_seal.TrailMismatch(f"{problems[0].message}; {_NOTHING_SAVED}")


def _refuse_another_key(db: Database, newest: dict | None, key: bytes) -> None:
    """Refuse a change to be signed with a key that is not the trail's: it would be taken for a
    forgery."""
    if audit_seal.files_for(db).checkpoint is None:
        return  # a database in memory: its key lives as long as the process
    if newest and newest["hash_scheme"] == KEYED_SCHEME:
        if row_hash(newest, newest["prev_hash"], key) != newest["hash"]:
            path = audit_seal.files_for(db).key
            raise audit_seal.TrailMismatch(
                f"the audit key {path} does not reproduce the hash of row {newest['id']}, the"
                " newest: it is not the key this trail is signed with (or that row was forged);"
                f" point {settings.PREFIX}AUDIT_KEY_FILE at this desk's key. No change is written"
                " with it; factcheck audit verify says more"
            )


_NOTHING_SAVED = (
    "no change is written while it is so, since writing on would hide it. Run factcheck audit"
    " verify to see what changed; once it is understood (say, a backup restored without its"
    " checkpoint), an administrator records that with factcheck audit reset-checkpoint --as ADMIN"
    ' --why "..."'
)


@query
def check_anchors(db: Database) -> None:
    """Raise TrailMismatch (or SealError) when a change would be refused: `serve` and `worker`
    say so before they start, rather than on every change."""
    _refuse_out_of_step(db)
    newest = _newest_row(db)
    audit_seal.existing_key(db)  # a key file that cannot be used is said now; none is made here
    if newest and newest["hash_scheme"] == KEYED_SCHEME:
        _refuse_another_key(db, newest, audit_seal.writing_key(db))


@mutation
def reset_checkpoint(db: Database, *, actor: Actor, why: str) -> dict:
    """Anchor the checkpoint at the trail's head again, after verify found it out of step (rows
    removed or rewritten, an older copy put back, a lost or foreign checkpoint file): an
    administrator's decision, recorded with the checkpoint it replaces and why. The key must
    still be the trail's (record checks it)."""
    old = _read_checkpoint(db)
    problems = _checkpoint_problems(db, old)
    if not problems:
        raise Invalid("audit.checkpoint_in_step", {})
    if problems[0].kind == "foreign_checkpoint":
        # Overwriting it would break the desk it belongs to.
        path = audit_seal.files_for(db).checkpoint
        raise Invalid(
            "audit.checkpoint_foreign",
            {"path": str(path), "beside": audit_seal.is_default_checkpoint(db)},
        )
    if actor.role != "admin":
        raise Forbidden("audit.reset_needs_admin", {})
    newest = _newest_row(db)
    # The key is checked before the checkpoint is replaced: record would refuse the reset's row
    # after it, and the checkpoint must not move without one.
    _refuse_another_key(db, newest, audit_seal.writing_key(db))
    head_id, head_hash = (newest["id"], newest["hash"]) if newest else (0, GENESIS_HASH)
    audit_seal.replace_checkpoint(db, head_id, head_hash, newest["at"] if newest else utc_now())
    replaced = {
        "problem": problems[0].kind,
        "words": problems[0].message,
        "checkpoint": vars(old) if isinstance(old, audit_seal.Checkpoint) else None,
    }
    record(
        db,
        actor,
        "audit",
        None,
        "audit.checkpoint_reset",
        before=replaced,
        after={"row": head_id, "hash": head_hash},
        reason=why,
    )
    return {"row": head_id, "hash": head_hash, "replaced": replaced}
