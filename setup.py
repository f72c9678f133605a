"""Build hook: copy the top-level db/, static/ and demo/ folders into the wheel's package."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("db", "static", "demo")


class BuildWithBundledData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "factcheck" / "_bundled"
        for name in BUNDLED:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithBundledData})
