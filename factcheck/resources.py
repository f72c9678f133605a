"""Locate the migrations, static files and demo articles, from a source checkout or an installed wheel."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
# A wheel carries copies of the top-level folders inside the package (see setup.py).
_BUNDLED = _PACKAGE / "_bundled"


def _locate(name: str) -> Path:
    for base in (_CHECKOUT, _BUNDLED):
        candidate = base / name
        if candidate.is_dir() and (base is _BUNDLED or (_CHECKOUT / "pyproject.toml").exists()):
            return candidate
    raise FileNotFoundError(f"factcheck cannot find its {name!r} folder; reinstall the package")


def migrations_dir() -> Path:
    return _locate("db") / "migrations"


def static_dir() -> Path:
    return _locate("static")


def demo_dir() -> Path:
    return _locate("demo")
