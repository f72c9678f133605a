"""Build hooks: copy the top-level db/, static/ and demo/ folders into the wheel's package, and
compile the text pipeline's per-sentence modules with mypyc."""

import importlib.util
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


def compiled_text_modules():
    """The modules factcheck/text/compiled_build.py names, as mypyc extensions. Each is optional:
    where no C compiler works, the install goes on and those modules run as plain Python.
    The stamp records which sources were compiled, so that an edited source runs as written
    until the next install rather than as the stale build."""
    from mypyc.build import mypycify

    root = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location(
        "compiled_build", root / "factcheck" / "text" / "compiled_build.py"
    )
    compiled_build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compiled_build)
    folder = root / "factcheck" / "text"
    (folder / compiled_build.STAMP).write_text(compiled_build.sources_digest(folder) + "\n")
    extensions = mypycify(
        [f"factcheck/text/{name}.py" for name in compiled_build.COMPILED_MODULES],
        opt_level="3",
        group_name="factcheck_text",
    )
    for extension in extensions:
        extension.optional = True
    return extensions


setup(cmdclass={"build_py": BuildWithBundledData}, ext_modules=compiled_text_modules())
