"""Which text modules the install compiles with mypyc, and running their sources when a build is stale."""

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

# The per-sentence work of split_article: compiled together, so calls between them skip the
# interpreter.
COMPILED_MODULES = (
    "splitting",
    "checkworthiness",
    "attribution",
    "boilerplate",
    "calls_to_action",
    "unit_words",
    "furniture_runs",
    "unit_cuts",
    "reason_words",
)
PACKAGE = "factcheck.text"
# Written by the build beside the sources: the digest of the sources it compiled.
STAMP = "compiled-sources.sha256"
FOLDER = Path(__file__).resolve().parent


def sources_digest(folder: Path = FOLDER) -> str:
    digest = hashlib.sha256()
    for name in COMPILED_MODULES:
        digest.update(name.encode() + b"\0")
        digest.update((folder / f"{name}.py").read_bytes())
    return digest.hexdigest()


def build_is_stale(folder: Path = FOLDER) -> bool:
    """True when a compiled build is present but was made from other sources than these (an
    edit or a checkout since the last install). No stamp means no compiled build."""
    try:
        compiled_from = (folder / STAMP).read_text().strip()
    except FileNotFoundError:
        return False
    return compiled_from != sources_digest(folder)


class SourcesFirst(importlib.abc.MetaPathFinder):
    """Loads the compiled modules from their .py files, ahead of the extension modules that
    Python's own finder would prefer. All of them or none: compiled modules call each other
    directly, so a fresh one would still run a stale neighbour's code."""

    def find_spec(self, fullname, path, target=None):
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in COMPILED_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, FOLDER / f"{name}.py")


def prefer_sources_when_stale() -> None:
    if build_is_stale() and not any(isinstance(f, SourcesFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, SourcesFirst())


def is_compiled(module) -> bool:
    """Whether a module was loaded from a compiled extension rather than its source."""
    return any(
        module.__file__.endswith(suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )
