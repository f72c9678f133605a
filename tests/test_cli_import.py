"""The import, articles and claims commands, as a newsroom user runs them."""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SAMPLE_ARTICLE
from processes import PATIENCE, factcheck_env

from factcheck.cli import main
from factcheck.resources import demo_dir


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "cli.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database), *args], input=input)

    # Commands that only read refuse a database that is not there; `init` creates it.
    assert invoke("init").exit_code == 0
    invoke.database = database
    return invoke


def _count_articles(run):
    result = run("articles", "--json")
    assert result.exit_code == 0, result.output
    return len(json.loads(result.output))


def test_import_text_file_then_claims_json(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    result = run("import", str(story), "--json")
    assert result.exit_code == 0, result.output
    imported = json.loads(result.output)
    assert imported["duplicate"] is False and imported["claims"] > 5
    shown = json.loads(run("claims", str(imported["article_id"]), "--json").output)
    body = shown["article"]["body"]
    assert shown["article"]["title"] == "Flooding closes 14 schools in the river valley"
    assert len(shown["claims"]) == imported["claims"]
    for claim in shown["claims"]:
        assert body[claim["start"] : claim["end"]] == claim["text"]
        expected = {"id", "seq", "start", "end", "text", "section", "kind", "reason"}
        expected |= {"attribution", "checkworthiness", "reasons", "status", "verdicts"}
        assert expected <= claim.keys()
    assert [c["seq"] for c in shown["claims"]] == sorted(c["seq"] for c in shown["claims"])
    promo = next(c for c in shown["claims"] if c["text"].startswith("ALSO READ"))
    assert promo["kind"] == "not_a_claim" and promo["reason"]


def test_text_pasted_without_its_headline_has_no_headline_claims(run):
    pasted = (
        "The town council voted seven to two on Wednesday night to keep the island ferry"
        " running all year. Opponents said the cost per passenger had doubled since 2019."
        " Supporters said about 300 islanders depend on the winter crossings.\n\n"
        "Winter timetable\n\nThe first winter sailing leaves at 7 a.m. on 1 November.\n"
    )
    result = run("import", "-", "--json", input=pasted)
    assert result.exit_code == 0, result.output
    shown = json.loads(run("claims", str(json.loads(result.output)["article_id"]), "--json").output)
    assert [claim["section"] for claim in shown["claims"]] == ["body"] * 5
    story = json.loads(run("import", "-", "--json", input=SAMPLE_ARTICLE).output)
    claims = json.loads(run("claims", str(story["article_id"]), "--json").output)["claims"]
    assert claims[0]["section"] == "headline"


def test_importing_twice_reports_the_existing_article(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    first = json.loads(run("import", str(story), "--json").output)
    story.write_text(SAMPLE_ARTICLE.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    second = json.loads(run("import", str(story), "--json").output)
    assert second == {**first, "duplicate": True}
    assert _count_articles(run) == 1


def test_import_from_standard_input_with_title(run):
    result = run("import", "-", "--title", "Valley floods", "--json", input=SAMPLE_ARTICLE)
    assert result.exit_code == 0, result.output
    article_id = json.loads(result.output)["article_id"]
    article = json.loads(run("claims", str(article_id), "--json").output)["article"]
    assert article["title"] == "Valley floods" and article["import_format"] == "text"


def test_import_html_demo_keeps_metadata_and_drops_chrome(run):
    page = demo_dir() / "council-budget.html"
    result = run("import", str(page), "--format", "html", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("claims", str(json.loads(result.output)["article_id"]), "--json").output)
    article = shown["article"]
    assert article["publisher"] == "The Riverside Courier"
    assert article["author"] == "Priya Natarajan"
    assert article["published_date"] == "2026-11-19"
    assert "Most read" not in article["body"] and "Privacy" not in article["body"]
    assert "412 million dollars" in article["body"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"\x00\x01\x02binary\x00\x00" * 20, "binary"),
        (b"caf\xe9 au lait is \xff\xfe not utf-8 text at all", "UTF-8"),
    ],
)
def test_bad_files_are_refused_with_exit_2_and_nothing_written(run, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert message.lower() in result.output.lower()
    assert "Traceback" not in result.output
    assert _count_articles(run) == 0


def test_size_limit_is_configurable(run, tmp_path, monkeypatch):
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    refused = run("import", str(story), "--max-bytes", "100")
    assert refused.exit_code == 2 and "100" in refused.output
    monkeypatch.setenv("FACTCHECK_MAX_IMPORT_BYTES", "100")
    assert run("import", str(story)).exit_code == 2
    assert run("import", str(story), "--max-bytes", "100000").exit_code == 0


def test_missing_file_and_refused_url(run):
    assert run("import", "/no/such/file.txt").exit_code == 2
    refused = run("import", "http://127.0.0.1/admin")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    metadata = run("import", "http://169.254.169.254/latest/meta-data/")
    assert metadata.exit_code == 2
    assert _count_articles(run) == 0


def test_unknown_article_is_a_clear_error(run):
    result = run("claims", "42")
    assert result.exit_code == 2 and "no article 42" in result.output


def test_readable_listings(run, tmp_path):
    assert "No articles yet" in run("articles").output
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    run("import", str(story))
    listing = run("articles").output
    assert "Flooding closes 14 schools" in listing
    table = run("claims", "1").output
    assert "headline" in table and "ALSO READ" in table


def test_init_is_idempotent(tmp_path):
    fresh = ["--db", str(tmp_path / "fresh.db"), "init"]
    assert "applied" in CliRunner().invoke(main, fresh).output
    assert "up to date" in CliRunner().invoke(main, fresh).output


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 200)
    result = CliRunner().invoke(main, ["--db", str(bogus), "articles"])
    assert result.exit_code == 2
    assert "not a database" in result.output and "--db" in result.output


def test_a_database_another_program_keeps_locked_says_to_try_again(run, monkeypatch):
    from factcheck import db as database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)  # wait a moment, not ten seconds
    holder = sqlite3.connect(run.database, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = run("import", "-", input=SAMPLE_ARTICLE)
    finally:
        holder.close()
    assert result.exit_code == 2, result.output
    assert result.output == (
        "Error: the database is busy: another program (the workbench, a worker, a backup) kept"
        " it locked for 0.05 seconds; try again in a moment\n"
    )
    assert _count_articles(run) == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a disk always full")
@pytest.mark.parametrize("command", [["claims", "1", "--json"], ["export", "--format", "csv"]])
def test_output_to_a_full_disk_is_a_clear_error(run, tmp_path, command):
    assert run("import", "-", input=SAMPLE_ARTICLE).exit_code == 0
    with open("/dev/full", "wb") as full:
        finished = subprocess.run(
            [sys.executable, "-m", "factcheck", "--db", str(run.database), *command],
            cwd=tmp_path,
            env=factcheck_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=PATIENCE,
        )
    assert finished.returncode == 2, finished.stderr
    assert finished.stderr == (
        "Error: the output could not be written (No space left on device); free some space or"
        " write it somewhere else\n"
    )
    with sqlite3.connect(run.database) as db:  # an export that was not written is not recorded
        assert db.execute("SELECT count(*) FROM audit WHERE action = 'export'").fetchone() == (0,)


def test_serve_on_a_busy_port_is_a_clear_error(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "init"]).exit_code == 0
        result = CliRunner().invoke(
            main, ["--db", str(tmp_path / "s.db"), "serve", "--port", str(port)]
        )
    assert result.exit_code == 2
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output


@pytest.mark.parametrize("production", [[], ["--production"]])
@pytest.mark.parametrize(
    ("host", "words"),
    [
        ("localhots.invalid", "cannot find the host 'localhots.invalid'"),
        ("999.1.1.1", "cannot find the host '999.1.1.1'"),
        ("192.0.2.1", "192.0.2.1 is not an address of this machine"),
    ],
)
def test_serve_on_a_host_that_is_not_this_machine_is_a_clear_error(
    tmp_path, host, words, production
):
    assert CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "init"]).exit_code == 0
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "s.db"), "serve", "--host", host, "--port", "0", *production]
    )
    assert result.exit_code == 2, result.output
    assert words in result.output and "--host" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("url", ["notaurl", "javascript:alert(1)", "ftp://files.example/story"])
def test_a_source_url_that_is_not_a_web_address_is_refused_as_in_a_file_of_articles(run, url):
    result = run("import", "-", "--url", url, input=SAMPLE_ARTICLE)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "Error: --url: only http:// and https:// addresses can be used"
    )
    assert _count_articles(run) == 0
    kept = run(
        "import", "-", "--url", " https://news.example/storm ", "--json", input=SAMPLE_ARTICLE
    )
    assert kept.exit_code == 0, kept.output
    article = json.loads(run("claims", str(json.loads(kept.output)["article_id"]), "--json").output)
    assert article["article"]["source_url"] == "https://news.example/storm"


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_blank_title_is_refused_rather_than_stored_empty(run, title):
    result = run("import", "-", "--title", title, input=SAMPLE_ARTICLE)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "Error: --title is blank; give the headline, or leave --title out to use the detected one"
    )
    assert _count_articles(run) == 0


def test_a_big_import_is_stored_first_then_matched_with_progress(run, tmp_path, monkeypatch):
    from factcheck import previous_checks

    monkeypatch.setattr(previous_checks, "CHUNK_CLAIMS", 2)
    library = Path(__file__).parent / "fixtures" / "library" / "checks.csv"
    assert run("library", "import", str(library)).exit_code == 0
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    result = run("import", str(story))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported article 1 with ")
    # Said before the matching starts: the article is in the workbench meanwhile.
    assert result.output.index("Imported article 1") < result.output.index("Checking its ")
    assert "claims against the library" in result.stderr
    # Not on a terminal (a log, a script's pipe): a line at each tenth instead of a bar.
    count = int(re.search(r"Checking its ([\d,]+) claims", result.stderr)[1].replace(",", ""))
    assert f"  {count:,} of {count:,} claims checked" in result.stderr.splitlines()


def test_a_bulk_import_says_how_its_long_match_against_the_library_goes(run, tmp_path, monkeypatch):
    from factcheck import previous_checks

    monkeypatch.setattr(previous_checks, "CHUNK_CLAIMS", 2)
    library = Path(__file__).parent / "fixtures" / "library" / "checks.csv"
    assert run("library", "import", str(library)).exit_code == 0
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE_ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(SAMPLE_ARTICLE.replace("14", "15"), encoding="utf-8")
    result = run("import", str(folder))
    assert result.exit_code == 0, result.output
    count = int(re.search(r"Checking their ([\d,]+) claims", result.stderr)[1].replace(",", ""))
    assert f"  {count:,} of {count:,} claims checked" in result.stderr.splitlines()


def test_a_one_unit_article_is_counted_in_the_singular(run, tmp_path):
    story = tmp_path / "one.txt"
    story.write_text("Bus fares rose by 12 percent in 2024, the council said.\n", encoding="utf-8")
    result = run("import", str(story))
    assert result.stdout == "Imported article 1 with 1 unit.\n"
    assert run("import", str(story)).stdout == "Already imported as article 1 (1 unit).\n"


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://10.1.2.3/story", "refused: 10.1.2.3 is a private address"),
        ("https://example.com:8443/a", "refused: port 8443 is not allowed, only 80 and 443"),
    ],
)
def test_an_address_never_fetched_is_refused_with_the_way_in_that_is_left(run, url, refused):
    result = run("import", url)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {refused}; save the page from a browser and import the file, or its text"
        " with `import -`\n"
    )
    assert _count_articles(run) == 0


def test_an_empty_name_to_import_is_refused_not_read_as_this_folder(run, tmp_path, monkeypatch):
    """`factcheck import "$FILE"` with FILE unset imported every file in the current folder."""
    (tmp_path / "notes.txt").write_text(SAMPLE_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for sources in ([""], ["  "], [str(tmp_path / "notes.txt"), ""]):
        result = run("import", *sources)
        assert result.exit_code == 2, result.output
        assert "an empty name was given for what to import" in result.output
    assert _count_articles(run) == 0
