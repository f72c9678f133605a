"""A non-editable install finds its migrations, static files and demo articles outside the checkout."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# What a build reads. setuptools writes build/ and factcheck.egg-info/ beside the sources it
# builds, so the wheel is built from a copy of these, never from the checkout itself.
BUILD_SOURCES = ("pyproject.toml", "setup.py", "README.md", "factcheck", "db", "static", "demo")
BUILD_LEFTOVERS = ("build", "dist", "*.egg-info")


def leftovers(folder: Path) -> set[str]:
    return {path.name for pattern in BUILD_LEFTOVERS for path in folder.glob(pattern)}


@pytest.fixture(scope="module")
def checkout_before():
    """The build leftovers the checkout had before the wheel was built (normally none)."""
    return leftovers(ROOT)


@pytest.fixture(scope="module")
def installed(tmp_path_factory, checkout_before):
    """The project built as a wheel (from a copy of its sources) and installed into a folder of
    its own."""
    work = tmp_path_factory.mktemp("wheel")
    sources = work / "sources"
    sources.mkdir()
    for name in BUILD_SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, sources / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, sources / name)
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist")]
    if importlib.util.find_spec("setuptools") and importlib.util.find_spec("wheel"):
        build.append("--no-build-isolation")
    subprocess.run([*build, str(sources)], check=True, cwd=work)
    assert (sources / "build").is_dir(), "the build ran in the copy"
    wheel = next((work / "dist").glob("factcheck-*.whl"))
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def _run(installed, cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(installed), "FACTCHECK_DB": str(cwd / "x.db")}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_installed_package_runs_from_anywhere(installed, tmp_path):
    probe = _run(
        installed,
        tmp_path,
        "--version",
    )
    assert probe.returncode == 0, probe.stderr
    script = (
        "import factcheck, json; from factcheck import resources as r;"
        "print(json.dumps([factcheck.__file__, str(r.migrations_dir()), str(r.static_dir()),"
        " str(r.demo_dir())]))"
    )
    env = {**os.environ, "PYTHONPATH": str(installed)}
    located = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert located.returncode == 0, located.stderr
    package, migrations, static, demo = map(Path, json.loads(located.stdout))
    for path in (package, migrations, static, demo):
        assert installed in path.parents, path
    assert sorted(p.name for p in migrations.glob("*.sql")) == sorted(
        p.name for p in (ROOT / "db" / "migrations").glob("*.sql")
    )
    assert (static / "vendor").is_dir()
    assert _run(installed, tmp_path, "init").returncode == 0
    imported = _run(
        installed, tmp_path, "import", str(demo / "harbour-warehouse-fire.txt"), "--json"
    )
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["claims"] > 10


def test_building_the_wheel_leaves_the_checkout_as_it_was(installed, checkout_before):
    assert leftovers(ROOT) == checkout_before
