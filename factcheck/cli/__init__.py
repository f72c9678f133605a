"""The `factcheck` command line: a thin layer over the store and the import pipeline."""

from factcheck.cli import articles as _articles  # noqa: F401  (registers commands)
from factcheck.cli import audit as _audit  # noqa: F401
from factcheck.cli import backup as _backup  # noqa: F401
from factcheck.cli import demo as _demo  # noqa: F401
from factcheck.cli import dev as _dev  # noqa: F401
from factcheck.cli import evidence as _evidence  # noqa: F401
from factcheck.cli import export as _export  # noqa: F401
from factcheck.cli import library as _library  # noqa: F401
from factcheck.cli import links as _links  # noqa: F401
from factcheck.cli import people as _people  # noqa: F401
from factcheck.cli import reasons as _reasons  # noqa: F401
from factcheck.cli import review as _review  # noqa: F401
from factcheck.cli import serve as _serve  # noqa: F401
from factcheck.cli import show_settings as _show_settings  # noqa: F401
from factcheck.cli import units as _units  # noqa: F401
from factcheck.cli import worker as _worker  # noqa: F401
from factcheck.cli.base import main

__all__ = ["main"]
