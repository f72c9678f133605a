"""The root command group, its shared options, and turning refused requests into one-line errors."""

import errno
import getpass
import json
import logging
import os
import signal
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from factcheck import db as database
from factcheck import settings
from factcheck.db import Database
from factcheck.reveal import reveal
from factcheck.store.errors import StoreError

USAGE_ERROR = 2


class UserError(click.ClickException):
    """A one-line message, exit status 2."""

    exit_code = USAGE_ERROR

    def show(self, file=None):
        click.echo(f"Error: {reveal(self.format_message())}", err=True)


def refusals() -> tuple[type[Exception], ...]:
    """Exceptions whose message is meant for the user."""
    from factcheck.copies import CopyRefused
    from factcheck.importers import ImportRefused
    from factcheck.job_storage import JobQueueError
    from factcheck.matching.embedding import ModelUnavailable
    from factcheck.network.fetch import FetchError
    from factcheck.scales import ScaleError
    from factcheck.store.audit_seal import SealError

    return (
        StoreError,
        ImportRefused,
        FetchError,
        JobQueueError,
        CopyRefused,
        settings.SettingError,
        ScaleError,
        SealError,
        ModelUnavailable,
    )


def refusal_words(error: Exception) -> str:
    """The one line for a refusal: an import's or a fetch's code and facts in the command line's
    words; the other refusals carry their own message."""
    from factcheck.importers import ImportRefused
    from factcheck.network.fetch import FetchError

    if isinstance(error, StoreError):
        from factcheck.cli.error_words import error_words

        return error_words(error)
    if isinstance(error, ImportRefused | FetchError):
        from factcheck.refusal_lines import error_line

        return error_line(error)
    return str(error)


def _argument_problem(argument: str) -> str | None:
    """Why a command-line argument cannot be used, or None."""
    if "\x00" in argument:
        return "an argument holds a NUL character, which no name, path or text can contain"
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return (
            f"the argument {argument!r} is not valid UTF-8 text; set a UTF-8 locale"
            " (LANG=C.UTF-8) or rename the file"
        )
    return None


# A disk (or a quota, or the largest file allowed) that is full: output that cannot be written.
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class FactcheckGroup(click.Group):
    def parse_args(self, ctx, args):
        for argument in args:
            problem = _argument_problem(argument)
            if problem:
                raise UserError(problem)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            # Output still buffered is written here, where a closed pipe is caught, not at exit.
            if sys.stdout is not None:  # None when the command was started with it closed
                sys.stdout.flush()
            return result
        except BrokenPipeError:
            # The reader stopped early (`factcheck articles | head -1`): usual in a pipeline.
            _discard_output()
            ctx.exit(0)
        except StoreError as error:
            from factcheck.cli.error_words import error_words

            raise UserError(error_words(error)) from None
        except refusals() as error:
            raise UserError(refusal_words(error)) from None
        except sqlite3.DatabaseError as error:
            name = getattr(error, "sqlite_errorname", "")
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise UserError(
                    "the database is busy: another program (the workbench, a worker, a backup)"
                    f" kept it locked for {database.BUSY_TIMEOUT_MS / 1000:g} seconds; try again"
                    " in a moment"
                ) from None
            path = (ctx.find_root().obj or {}).get("db_path")
            if (
                name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY"))
                and path
                and os.path.isfile(path)
            ):
                raise UserError(
                    f"the database {path} cannot be written ({error}); factcheck writes the file"
                    " and its -wal and -shm files beside it: check that the file and"
                    f" {path.resolve().parent} are writable, or copy the database to a folder"
                    " that is"
                ) from None
            if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                raise UserError(
                    f"the database is damaged ({error}); restore the newest backup (`factcheck"
                    " backup` makes them) and check it with `factcheck audit verify`"
                ) from None
            raise UserError(f"the database could not be used ({error}); check --db") from None
        except OSError as error:
            if error.errno not in _DISK_FULL:
                raise
            raise UserError(
                f"the output could not be written ({error.strerror}); free some space or write it"
                " somewhere else"
            ) from None


def _discard_output() -> None:
    """Send what standard output still holds nowhere, so Python's last flush at exit does not
    fail on the closed pipe too."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's captured output)
        pass


@click.group(cls=FactcheckGroup)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=lambda: Path(settings.value("DB")),
    show_default=str(database.DEFAULT_DB),
    help="SQLite database file (or set FACTCHECK_DB).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what factcheck does (fetches, refusals).")
@click.version_option(package_name="factcheck")
@click.pass_context
def main(ctx, db_path: Path, verbose: bool):
    """factcheck: split news articles into claims and review them."""
    ctx.obj = {"db_path": db_path}
    configure_logging(verbose, ctx.invoked_subcommand)


#: Commands that keep running unattended: their failures (a page that failed with a 500, a job
#: that stopped) go to standard error even without --verbose, or nobody would ever see them.
LONG_RUNNING = frozenset({"serve", "worker"})


def configure_logging(verbose: bool, command: str | None, stream=None) -> None:
    """INFO and up with --verbose; warnings and errors for the long-running commands; nothing
    for the rest, whose errors reach the user as one line through UserError."""
    logger = logging.getLogger("factcheck")
    if verbose or command in LONG_RUNNING:
        from factcheck import queue_outage_log

        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        queue_outage_log.install(handler)
        logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    elif not logger.handlers:
        logger.addHandler(logging.NullHandler())


def open_db(ctx: click.Context | None = None, *, create: bool = False):
    """Connect to the configured database, bringing its schema up to date first. Only the
    commands that start a newsroom (`create`) make one where none is; the others refuse, so a
    mistyped --db is not taken for an empty newsroom. A file that is not a factcheck database is
    refused by all of them rather than given factcheck's tables."""
    ctx = ctx or click.get_current_context()
    path = ctx.find_root().obj["db_path"]
    if path.exists():
        refuse_unless_factcheck(path)
    elif not create:
        raise UserError(
            f"there is no database at {path}; check --db (or FACTCHECK_DB), or create one with"
            " `factcheck init`"
        )
    db, _ = start_database(path)
    return db


def start_database(path: Path) -> tuple[Database, list[str]]:
    """Connect to `path`, creating the database when there is none, and apply the migrations it
    lacks (returned). A new database does not take over the audit checkpoint an earlier one at
    this path left behind: that is kept under another name, and said so."""
    from factcheck.store import audit_seal

    new = not path.exists() or database.file_kind(path) == database.EMPTY_DATABASE
    db = connect(path)
    try:
        applied = database.migrate(db)
    except database.NewerDatabase as newer:
        db.close()
        raise UserError(
            f"{path} was written by a newer version of factcheck (it has migration"
            f" {newer}, which this version does not know); upgrade factcheck to use it"
        ) from None
    if new:
        kept = audit_seal.set_aside_earlier_checkpoint(db)
        checkpoint = audit_seal.files_for(db).checkpoint
        if kept is not None:
            click.echo(
                f"{path} is a new database: the audit checkpoint an earlier database there left"
                f" behind is kept as {kept}",
                err=True,
            )
        elif checkpoint is not None and checkpoint.exists():
            click.echo(
                f"{path} is a new database, but {settings.PREFIX}AUDIT_CHECKPOINT_FILE names"
                f" {checkpoint}, another database's checkpoint, so every change to this one is"
                " refused: give it a checkpoint of its own (point the setting elsewhere, or"
                " unset it)",
                err=True,
            )
    return db, applied


def refuse_unless_factcheck(path: Path, *, empty_is_new: bool = False) -> None:
    """Refuse a path that does not hold a factcheck database (with `empty_is_new`, as `init`
    reads it, an empty file may become one)."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; give --db the path of a database file")
    try:
        kind = database.file_kind(path)
    except OSError as error:
        raise UserError(
            f"cannot read the database {path} ({error.strerror or error}); check --db, or the"
            " file's permissions"
        ) from None
    if kind == database.EMPTY_DATABASE and not empty_is_new:
        raise UserError(
            f"{path} is an empty file, not a factcheck database; run `factcheck init` to set it"
            " up as a new one, or check --db (or FACTCHECK_DB)"
        )
    if kind == database.OTHER_FILE:
        raise UserError(
            f"{path} is not a factcheck database (another program's database, or not a database"
            " at all); check --db (or FACTCHECK_DB), or run `factcheck init` with --db naming a"
            " new file to start one"
        )


def connect(path: Path):
    """Connect to the database at `path`, creating it (and its folder) if it is not there; a
    path where nothing can be created is refused in one line."""
    try:
        return database.connect(path)
    except OSError as error:
        in_the_way = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if in_the_way is not None:
            problem = f"{in_the_way} is a file, not a folder; check --db"
        else:
            problem = f"{error.strerror or error}; check --db, or choose a folder you can write in"
        raise UserError(f"cannot create the database {path}: {problem}") from None


def embed_library(db: Database) -> None:
    """Embed the library items that lack vectors before claims are matched, saying on standard
    error when that takes a while (about 8 s per 1,000 items) or waits for another process."""
    from factcheck import library_embedding

    library_embedding.embed_missing(db, say=lambda line: click.echo(_sentence(line), err=True))


def _sentence(line: str) -> str:
    return line[:1].upper() + line[1:]


def emit_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def command_line_channel() -> str:
    """The door a command-line change comes through, with the operating-system user who ran it:
    `--as` names a person, so the audit trail also says who was at the keyboard."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = f"uid {os.getuid()}"
    return f"cli:{who}"


def system_actor():
    """factcheck itself, acting for whoever ran the command."""
    from factcheck.store.actors import SYSTEM

    return SYSTEM.via(command_line_channel())


def acting_user(db: Database, username: str | None):
    """The Actor for --as USERNAME; unknown and disabled users are refused."""
    from factcheck.store.users import actor_for

    if not username:
        raise UserError("say who is making this change with --as USERNAME")
    return actor_for(db, username).via(command_line_channel())


def read_password(from_stdin: bool, *, prompt: str = "Password", confirm: bool = True) -> str:
    """A password from one line of standard input, or asked for at the terminal."""
    if from_stdin:
        try:
            password = sys.stdin.buffer.readline().decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise UserError(
                "the password on standard input is not valid UTF-8 text; type it again"
            ) from None
        if not password:
            raise UserError("no password on standard input; pipe one line with the password")
        return password
    if not sys.stdin.isatty():
        raise UserError("there is no terminal to ask for a password; use --password-stdin")
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)


#: An optional reason for a change, kept in its audit row.
why_option = click.option(
    "--why", metavar="TEXT", help="Why, for the audit trail (the Audit page shows it)."
)


@contextmanager
def terminate_as_interrupt():
    """SIGTERM (systemd, `timeout`, a cancelled job) stops a command as Ctrl+C does: an import
    keeps what it stored and says how to finish the rest; the server lets its jobs in hand
    finish or set their work aside."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
