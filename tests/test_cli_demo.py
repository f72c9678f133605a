"""`factcheck demo` loads the demo articles, library and accounts, and running it again adds
nothing."""

import json

from click.testing import CliRunner

from factcheck.cli import main


def test_demo_twice_adds_nothing_the_second_time(tmp_path):
    database = str(tmp_path / "demo.db")

    def run(*args):
        result = CliRunner().invoke(main, ["--db", database, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("demo")
    articles = json.loads(run("articles", "--json"))
    people = json.loads(run("user", "list", "--json"))
    assert len(articles) == 3
    assert {p["role"] for p in people} == {"reviewer", "editor", "admin"}
    library = json.loads(run("library", "list", "--json"))
    matched = json.loads(run("export", "--format", "json", "--previous-check"))["claims"]
    assert len(library) == 8
    # Each earlier fact-check was written about a claim of the demo articles.
    assert "61 percent of residents would cycle more" in " ".join(c["text"] for c in matched)
    assert len(matched) >= 5
    again = run("demo")
    assert "already there" in again and "0 earlier fact-checks added, 0 updated" in again
    # The accounts are left as they are, so no sign-in line is printed that may be untrue.
    assert "sign in as" not in again and "alice is already there, as it was left" in again
    assert json.loads(run("articles", "--json")) == articles
    assert json.loads(run("user", "list", "--json")) == people
    assert json.loads(run("library", "list", "--json")) == library
    formats = {a["import_format"] for a in articles}
    assert formats == {"text", "html"}
