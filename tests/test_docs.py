"""The README documents every command and every setting a user can reach."""

import re
from pathlib import Path

import click

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_top_level_command_is_in_the_readme():
    missing = [f"factcheck {name}" for name in main.commands if f"factcheck {name}" not in README]
    assert missing == []


def test_every_subcommand_is_in_the_readme():
    missing = []
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            for sub in command.commands:
                if not re.search(rf"factcheck {name} [^\n]*\b{sub}\b", README):
                    missing.append(f"factcheck {name} {sub}")
    assert missing == []


def test_every_environment_setting_is_in_the_readme():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "factcheck").rglob("*.py"))
    settings = set(re.findall(r"FACTCHECK_[A-Z_]+[A-Z]", source))
    assert settings, "the settings search found nothing: the test would pass vacuously"
    assert sorted(s for s in settings if s not in README) == []


def test_every_option_says_what_it_does_in_its_help():
    def undocumented(command, path):
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and not param.help:
                yield f"{path} {param.opts[0]}"
        for name, sub in getattr(command, "commands", {}).items():
            yield from undocumented(sub, f"{path} {name}")

    assert list(undocumented(main, "factcheck")) == []
