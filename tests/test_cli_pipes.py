"""Output to a pipe its reader closed early (`factcheck articles | head -1`), as a shell pipeline
does: the command stops quietly with status 0, and an export cut off writes no audit row. An
export started with no standard output at all (`>&-`) is refused in one line."""

import os
import sqlite3
import subprocess
import sys

import pytest
from helpers import SAMPLE_ARTICLE
from processes import PATIENCE, factcheck_env, run_factcheck


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pipes")
    path = folder / "pipes.db"
    story = folder / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    assert run_factcheck(folder, "--db", str(path), "init").returncode == 0
    assert run_factcheck(folder, "--db", str(path), "import", str(story)).returncode == 0
    return path


def _to_a_closed_pipe(database, *args: str) -> subprocess.CompletedProcess:
    """`factcheck ARGS` writing to a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", "--db", str(database), *args],
            cwd=database.parent,
            env=factcheck_env(),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=PATIENCE,
        )
    finally:
        os.close(write_end)


def _exports(database) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM audit WHERE action = 'export'").fetchone()[
            0
        ]


@pytest.mark.parametrize(
    "command",
    [["articles"], ["claims", "1"], ["claims", "1", "--json"], ["reasons"], ["settings"]],
    ids=" ".join,
)
def test_a_reader_that_stops_early_ends_the_command_quietly(database, command):
    result = _to_a_closed_pipe(database, *command)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_cut_off_by_its_reader_is_not_recorded(database, fmt):
    before = _exports(database)
    result = _to_a_closed_pipe(database, "export", "--format", fmt)
    assert (result.returncode, result.stderr) == (0, "")
    assert _exports(database) == before
    # Read to the end, the same export is recorded.
    whole = run_factcheck(database.parent, "--db", str(database), "export", "--format", fmt)
    assert whole.returncode == 0 and _exports(database) == before + 1


@pytest.mark.parametrize("output", [[], ["-o", "-"]], ids=["default", "-o -"])
def test_an_export_with_standard_output_closed_is_refused_in_one_line(database, output):
    before = _exports(database)
    result = subprocess.run(
        # `>&-` starts the command with no standard output at all, as `factcheck ... >&-` does.
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "factcheck"]
        + ["--db", str(database), "export", "--format", "jsonl", *output],
        cwd=database.parent,
        env=factcheck_env(),
        stderr=subprocess.PIPE,
        text=True,
        timeout=PATIENCE,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "Error: standard output is closed; give -o FILE to write the export to a file\n"
    )
    assert _exports(database) == before
