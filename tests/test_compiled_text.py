"""The install compiles the splitter's modules with mypyc, and an edited source never runs as a stale build."""

import importlib
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from factcheck.text import compiled_build

ROOT = Path(__file__).resolve().parents[1]


def compiler_available() -> bool:
    command = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(command) is not None


def test_the_install_compiled_the_text_pipeline():
    if not compiler_available():
        pytest.skip("no C compiler here: the text modules run as plain Python")
    not_compiled = [
        name
        for name in compiled_build.COMPILED_MODULES
        if not compiled_build.is_compiled(importlib.import_module(f"factcheck.text.{name}"))
    ]
    assert not not_compiled, (
        f"{', '.join(not_compiled)} ran from source: the build is missing or older than the "
        "sources; `make install-test` compiles them again"
    )


def test_the_stamp_tells_an_edited_source_from_the_one_compiled(tmp_path):
    for name in compiled_build.COMPILED_MODULES:
        (tmp_path / f"{name}.py").write_text(f"VALUE = {name!r}\n")
    assert not compiled_build.build_is_stale(tmp_path), "no stamp: nothing was compiled"
    (tmp_path / compiled_build.STAMP).write_text(compiled_build.sources_digest(tmp_path) + "\n")
    assert not compiled_build.build_is_stale(tmp_path)
    with open(tmp_path / "attribution.py", "a") as source:
        source.write("# edited\n")
    assert compiled_build.build_is_stale(tmp_path)


def loaded_from(package_root: Path) -> str:
    """Where a fresh interpreter, importing factcheck from package_root, loads the splitter and
    one of its neighbours from."""
    script = (
        "import factcheck.text.splitting as s, factcheck.text.unit_cuts as u\n"
        "print(s.__file__.rsplit('.', 1)[-1], u.__file__.rsplit('.', 1)[-1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=package_root,
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_an_edited_source_runs_as_written_until_the_next_install(tmp_path):
    if not compiled_build.is_compiled(importlib.import_module("factcheck.text.splitting")):
        pytest.skip("the text modules are not compiled here")
    shutil.copytree(
        ROOT / "factcheck", tmp_path / "factcheck", ignore=shutil.ignore_patterns("__pycache__")
    )
    for shared_library in ROOT.glob("factcheck_text__mypyc*"):
        shutil.copy2(shared_library, tmp_path)
    assert loaded_from(tmp_path) == "so so"
    with open(tmp_path / "factcheck" / "text" / "unit_cuts.py", "a") as source:
        source.write("# edited after the install\n")
    # All of them from source, not only the edited one: compiled modules call each other
    # directly, so a compiled splitter would still run the old unit_cuts.
    assert loaded_from(tmp_path) == "py py"
