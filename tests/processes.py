"""`factcheck` commands running in processes of their own, for tests of servers and workers."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Generous bounds: a test fails only if a step never happens, not because it was slow.
PATIENCE = 60.0


def wait_until(condition, what: str, timeout: float = PATIENCE):
    """Poll `condition` until it returns something true, and return that; fail saying `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def factcheck_env(**settings: str) -> dict:
    """The test's environment with the tree under test first on the path, and no FACTCHECK_*
    settings but the ones given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")} | settings
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return env


def run_factcheck(folder: Path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    """`factcheck ARGS` to the end; a command that never ends fails the test instead of hanging."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=folder,
        env=factcheck_env(**settings),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )


class Running:
    """`factcheck ARGS` in the background; its output goes to files the test can read."""

    def __init__(
        self,
        folder: Path,
        *args: str,
        name: str = "factcheck",
        program: tuple[str, ...] = ("-m", "factcheck"),
        **settings: str,
    ):
        """`program` is what Python runs with ARGS: `factcheck`, or a script of the test's that
        ends by running it."""
        self.stdout_path = folder / f"{name}.out"
        self.stderr_path = folder / f"{name}.err"
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            # cwd is the test's folder, so `-m factcheck` cannot pick up another checkout.
            self.process = subprocess.Popen(
                [sys.executable, *program, *args],
                cwd=folder,
                env=factcheck_env(**settings),
                stdout=out,
                stderr=err,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    def errors(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition, what: str):
        """Poll `condition` as wait_until does, failing at once if the process ends; a failure
        shows what the process printed."""

        def met():
            value = condition()
            if not value and self.process.poll() is not None:
                raise AssertionError(
                    f"factcheck exited ({self.process.returncode}) before {what}:\n"
                    f"{self.output()}{self.errors()}"
                )
            return value

        try:
            return wait_until(met, what)
        except AssertionError as failure:
            if self.process.poll() is None:
                failure.add_note(f"factcheck printed:\n{self.output()}{self.errors()}")
            raise

    def wait_for_output(self, text: str) -> str:
        """The standard output once it contains `text`."""
        return self.wait_for(lambda: text in self.output() and self.output(), f"{text!r}")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Send `sig` and return the exit status once the process has ended."""
        self.process.send_signal(sig)
        return self.process.wait(timeout=PATIENCE)

    def close(self) -> None:
        """Make sure nothing outlives the test (a test that passed has stopped it already)."""
        if self.process.poll() is None:
            self.process.terminate()  # a server's own processes go with it
            try:
                self.process.wait(timeout=PATIENCE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=PATIENCE)


def live_children(pid: int) -> set[int]:
    """The running (not yet reaped) child processes of `pid`, read from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        state, parent = fields[0], int(fields[1])
        if parent == pid and state != "Z":
            children.add(int(stat.parent.name))
    return children
