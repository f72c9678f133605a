"""The database (with its -wal and -shm), the jobs file and the key files are created readable by
their owner only, in a folder only the owner can enter, even under a permissive umask."""

import os
import stat

import pytest
from click.testing import CliRunner

from factcheck import db as database
from factcheck import job_progress, jobs
from factcheck.app import create_app
from factcheck.cli import main


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask():
    """A umask that lets group and others read new files, as many servers run with."""
    previous = os.umask(0o002)
    yield
    os.umask(previous)


def test_a_new_database_and_its_wal_files_are_owner_only(tmp_path, permissive_umask):
    path = tmp_path / "instance" / "factcheck.db"
    db = database.connect(path)
    database.migrate(db)  # a write: the -wal and -shm files now exist
    try:
        assert mode(path.parent) == 0o700
        for name in ("factcheck.db", "factcheck.db-wal", "factcheck.db-shm"):
            assert (path.parent / name).exists(), name
            assert mode(path.parent / name) == 0o600, name
    finally:
        db.close()


def test_an_existing_database_and_folder_keep_their_modes(tmp_path, permissive_umask):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o770)
    os.chmod(folder, 0o770)
    path = folder / "team.db"
    path.touch()
    os.chmod(path, 0o660)
    database.connect(path).close()
    assert (mode(folder), mode(path)) == (0o770, 0o660)


@pytest.mark.parametrize("configure", ["configure", "configure_for"])
def test_the_jobs_file_is_owner_only(tmp_path, permissive_umask, configure):
    """Both ways the queue is set up: by its file (tests) and for a database (serve, worker)."""
    database = tmp_path / "instance" / "factcheck.db"
    path = jobs.jobs_path_for(database)
    try:
        jobs.configure(path) if configure == "configure" else jobs.configure_for(database)
        job_progress.set_progress("some-job", "queued", "Waiting for a worker")
        assert mode(path.parent) == 0o700
        for candidate in (path, path.with_name(path.name + "-wal")):
            if candidate.exists():
                assert mode(candidate) == 0o600, candidate.name
        assert path.exists()
    finally:
        jobs.configure(None, immediate=True)


def test_everything_the_workbench_makes_in_its_folder_is_owner_only(tmp_path, permissive_umask):
    path = tmp_path / "instance" / "factcheck.db"
    result = CliRunner().invoke(main, ["--db", str(path), "init"])
    assert result.exit_code == 0, result.output
    create_app({"DATABASE": str(path)})  # makes the session key beside the database
    made = sorted(p.name for p in path.parent.iterdir())
    assert "factcheck.db" in made and any("secret" in name or "key" in name for name in made)
    assert mode(path.parent) == 0o700
    for name in made:
        assert mode(path.parent / name) == 0o600, name
