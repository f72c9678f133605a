"""`factcheck demo` loads the demo articles and accounts, and running it again adds nothing."""

import json

from click.testing import CliRunner

from factcheck.cli import main


def test_demo_twice_adds_nothing_the_second_time(tmp_path):
    database = str(tmp_path / "demo.db")

    def run(*args):
        result = CliRunner().invoke(main, ["--db", database, *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("demo")
    articles = json.loads(run("articles", "--json"))
    people = json.loads(run("user", "list", "--json"))
    assert len(articles) == 3
    assert {p["role"] for p in people} == {"reviewer", "editor", "admin"}
    assert "already there" in run("demo")
    assert json.loads(run("articles", "--json")) == articles
    assert json.loads(run("user", "list", "--json")) == people
    formats = {a["import_format"] for a in articles}
    assert formats == {"text", "html"}
