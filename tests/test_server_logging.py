"""The long-running commands log their failures to standard error without --verbose."""

import subprocess
import sys

SCRIPT = """
import logging, sys
from factcheck.cli.base import configure_logging
configure_logging(False, sys.argv[1])
try:
    raise RuntimeError("the page broke")
except RuntimeError:
    logging.getLogger("factcheck.views.errors").exception("database error")
logging.getLogger("factcheck.fetch").info("a routine fetch")
"""


def _stderr(command: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, command], capture_output=True, text=True, check=True
    )
    return run.stderr


def test_serve_and_worker_log_errors_with_their_traceback():
    for command in ("serve", "worker"):
        logged = _stderr(command)
        assert "ERROR factcheck.views.errors: database error" in logged
        assert "RuntimeError: the page broke" in logged
        assert "a routine fetch" not in logged


def test_one_shot_commands_stay_quiet_their_errors_are_one_line_refusals():
    assert _stderr("claims") == ""
