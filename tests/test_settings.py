"""Settings live in one module: every FACTCHECK_ variable is declared there with its type, default
and meaning, every reader goes through it, bad values are one clear error, and the README's
table and `factcheck settings` come from it."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck import db as database
from factcheck import importers, link_watch, settings
from factcheck.app import create_app
from factcheck.cli import main
from factcheck.store import sessions
from factcheck.views import connection

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "factcheck").rglob("*.py"))
TABLE = re.compile(
    r"<!-- settings table:[^\n]*-->\n(?P<table>.*?)<!-- end of settings table -->", re.DOTALL
)
# Ways a module could read the environment itself instead of asking factcheck.settings.
ENVIRONMENT_READS = re.compile(r"os\.environ|getenv\(|from_prefixed_env|envvar\s*=")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith(settings.PREFIX):
            monkeypatch.delenv(name)


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_the_readme_table_is_the_one_the_module_makes():
    found = TABLE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert found, "the README has lost its marked settings table"
    assert found.group("table") == settings.markdown_table(), (
        "README's settings table differs from factcheck/settings.py: paste the output of"
        " `factcheck settings --markdown` between the markers"
    )
    assert run("settings", "--markdown").output == settings.markdown_table()


def test_every_variable_named_in_the_code_is_declared():
    named = set()
    for path in SOURCES:
        named |= set(re.findall(r"FACTCHECK_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8")))
    assert len(named) > 10, "the search found too few names: the test would pass vacuously"
    declared = {chosen.env for chosen in settings.SETTINGS}
    assert sorted(named - declared) == []


def test_only_the_settings_module_reads_the_environment():
    readers = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if path.name != "settings.py" and ENVIRONMENT_READS.search(path.read_text("utf-8"))
    ]
    assert readers == []


def test_each_setting_has_a_meaning_and_one_name():
    assert len(settings.BY_NAME) == len(settings.SETTINGS)
    for chosen in settings.SETTINGS:
        assert re.fullmatch(r"[A-Z][A-Z_]*[A-Z]", chosen.name)
        assert chosen.meaning.endswith(".") and "\n" not in chosen.meaning


def test_the_declared_defaults_are_the_ones_the_readers_use():
    assert Path(settings.value("DB")) == database.DEFAULT_DB == database.default_path()
    assert settings.value("MAX_IMPORT_BYTES") == importers.DEFAULT_MAX_BYTES
    assert settings.value("QUERY_TIME_LIMIT_MS") == connection.DEFAULT_QUERY_TIME_LIMIT_MS
    assert timedelta(hours=settings.value("SESSION_IDLE_HOURS")) == sessions.DEFAULT_IDLE
    assert timedelta(days=settings.value("SESSION_LIFETIME_DAYS")) == sessions.DEFAULT_LIFETIME
    assert settings.value("LINK_CHANGE_THRESHOLD") == link_watch.DEFAULT_THRESHOLD
    assert link_watch.check_every() is None


def test_values_are_typed_and_blank_means_the_default(monkeypatch):
    monkeypatch.setenv("FACTCHECK_LINK_CHECK_HOURS", " 24 ")
    monkeypatch.setenv("FACTCHECK_LINK_CHANGE_THRESHOLD", "0.25")
    monkeypatch.setenv("FACTCHECK_CLI_REVIEW_PASSWORD", "Yes")
    monkeypatch.setenv("FACTCHECK_WEB_ARCHIVE_HOSTS", " Archive.example, ,b.example")
    monkeypatch.setenv("FACTCHECK_DB", "  ")
    assert link_watch.check_every() == timedelta(hours=24)
    assert link_watch.change_threshold() == 0.25
    assert settings.value("CLI_REVIEW_PASSWORD") is True
    assert settings.value("WEB_ARCHIVE_HOSTS") == ("archive.example", "b.example")
    assert database.default_path() == database.DEFAULT_DB


@pytest.mark.parametrize(
    "name, raw, accepts",
    [
        ("LINK_CHECK_HOURS", "abc", "a whole number of hours"),
        ("LINK_CHECK_HOURS", "-3", "a whole number of hours"),
        ("LINK_CHANGE_THRESHOLD", "1.5", "a share from 0 to 1"),
        ("MAX_IMPORT_BYTES", "0", "a whole number of bytes from 1 to"),
        ("SESSION_IDLE_HOURS", "nan", "a number of hours from 0.25"),
        ("SESSION_IDLE_HOURS", "0.0000001", "a number of hours from 0.25"),
        ("TRUSTED_PROXIES", "1.5", "the number of proxies"),
        ("CLI_REVIEW_PASSWORD", "maybe", "true or false"),
        ("PUBLIC_URL", "notaurl", "an http:// or https:// address"),
        ("PUBLIC_URL", "factcheck.example.org", "an http:// or https:// address"),
        ("ORG_URL", "ftp://desk.example", "an http:// or https:// address"),
        ("ORG_URL", "https://", "an http:// or https:// address"),
        ("ORG_URL", "https://desk example.org", "an http:// or https:// address"),
        ("WEB_ARCHIVE_HOSTS", "web.archive.org/", "host names separated by commas"),
        ("WEB_ARCHIVE_HOSTS", "archive.ph, foo bar", "host names separated by commas"),
        ("WEB_ARCHIVE_HOSTS", "http://x.org/", "host names separated by commas"),
        ("QUERY_TIME_LIMIT_MS", "1e3", "a whole number of milliseconds"),
        ("QUERY_TIME_LIMIT_MS", "0.5", "a whole number of milliseconds"),
        ("QUERY_TIME_LIMIT_MS", "100000000", "a whole number of milliseconds"),
    ],
)
def test_a_bad_value_names_the_variable_and_what_it_accepts(monkeypatch, name, raw, accepts):
    monkeypatch.setenv(f"FACTCHECK_{name}", raw)
    with pytest.raises(settings.SettingError) as refused:
        settings.value(name)
    message = str(refused.value)
    assert message.startswith(f"FACTCHECK_{name} must be {accepts}")
    assert repr(raw) in message and "\n" not in message


@example(next(s for s in settings.SETTINGS if s.env.endswith("TRUSTED_PROXIES")), "²")
@given(st.sampled_from(settings.SETTINGS), st.text(max_size=30))
def test_any_text_is_a_value_or_a_setting_error_naming_the_variable(chosen, raw):
    try:
        chosen.parse(raw)
    except settings.SettingError as error:
        assert str(error).startswith(f"{chosen.env} must be ")


def test_a_secret_is_never_echoed_even_when_it_is_bad(monkeypatch):
    monkeypatch.setenv("FACTCHECK_SECRET_KEY", "very-secret-key" * 3)
    monkeypatch.setenv("FACTCHECK_JOBS_URL", "redis://:hunter2@queue.example/0")
    shown = run("settings")
    as_json = run("settings", "--json")
    assert shown.exit_code == 0 and as_json.exit_code == 0
    for output in (shown.output, as_json.output):
        assert "very-secret-key" not in output and "hunter2" not in output
    monkeypatch.setenv("FACTCHECK_SECRET_KEY", "very-secret-key")
    short = run("settings")
    assert short.exit_code == 2 and "very-secret-key" not in short.output
    assert "FACTCHECK_SECRET_KEY must be text of at least 32 characters" in short.output
    rows = {row["variable"]: row for row in json.loads(as_json.output)["settings"]}
    assert rows["FACTCHECK_SECRET_KEY"]["shown"] == "(hidden)"
    assert rows["FACTCHECK_SECRET_KEY"]["value"] is None


def test_settings_says_where_each_value_came_from(monkeypatch):
    monkeypatch.setenv("FACTCHECK_LINK_CHECK_HOURS", "6")
    monkeypatch.setenv("FACTCHECK_LINK_CHEK_HOURS", "6")
    result = run("settings", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    rows = {row["variable"]: row for row in shown["settings"]}
    assert rows["FACTCHECK_LINK_CHECK_HOURS"] | {} == {
        "variable": "FACTCHECK_LINK_CHECK_HOURS",
        "value": 6,
        "shown": "6",
        "source": "environment",
        "secret": False,
        "problem": None,
    }
    assert rows["FACTCHECK_SESSION_IDLE_HOURS"]["source"] == "default"
    assert rows["FACTCHECK_SESSION_IDLE_HOURS"]["value"] == 12
    assert shown["unknown"] == ["FACTCHECK_LINK_CHEK_HOURS"]
    plain = run("settings").output
    assert re.search(r"^FACTCHECK_LINK_CHECK_HOURS +environment +6$", plain, re.MULTILINE)
    assert "FACTCHECK_LINK_CHEK_HOURS" in plain and "unknown" in plain


@pytest.mark.parametrize(
    "args",
    [("settings",), ("import", "-"), ("serve", "--port", "0"), ("worker",)],
)
def test_the_command_line_refuses_a_bad_value_in_one_line(monkeypatch, tmp_path, args):
    monkeypatch.setenv("FACTCHECK_LINK_CHECK_HOURS", "abc")
    monkeypatch.setenv("FACTCHECK_MAX_IMPORT_BYTES", "lots")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), *args], input="Text.")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    (line,) = result.output.splitlines()[-1:]
    assert line.startswith("Error: FACTCHECK_")
    assert "must be a whole number of" in line
    assert "not 'abc'" in line or "not 'lots'" in line


def test_the_web_app_takes_its_settings_from_the_module(db_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("FACTCHECK_TRUSTED_PROXIES", "1")
    monkeypatch.setenv("FACTCHECK_MAX_IMPORT_BYTES", "2048")
    monkeypatch.setenv("FACTCHECK_WEB_ARCHIVE_HOSTS", "archive.example")
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "Desk")
    app = create_app({"DATABASE": str(db_path)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["TRUSTED_PROXIES"] == 1
    assert app.config["MAX_IMPORT_BYTES"] == 2048
    assert app.config["WEB_ARCHIVE_HOSTS"] == ("archive.example",)
    assert "ORG_NAME" not in app.config, "only the app's own settings become app config"
    assert (
        create_app({"DATABASE": str(db_path), "TRUSTED_PROXIES": 0}).config["TRUSTED_PROXIES"] == 0
    ), "the app's own config still wins over the environment"
    monkeypatch.setenv("FACTCHECK_SESSION_COOKIE_SECURE", "sometimes")
    with pytest.raises(settings.SettingError, match="FACTCHECK_SESSION_COOKIE_SECURE must be"):
        create_app({"DATABASE": str(db_path)})


def test_settings_shows_the_database_the_db_option_names(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "from-environment.db"))
    chosen = tmp_path / "from-option.db"
    result = run("--db", str(chosen), "settings", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["variable"]: row for row in json.loads(result.output)["settings"]}
    assert rows["FACTCHECK_DB"]["value"] == str(chosen)
    assert rows["FACTCHECK_DB"]["source"] == "--db option"
    plain = run("--db", str(chosen), "settings").output
    assert re.search(rf"^FACTCHECK_DB +--db option +{re.escape(str(chosen))}$", plain, re.M)
    without = json.loads(run("settings", "--json").output)["settings"]
    assert {row["variable"]: row for row in without}["FACTCHECK_DB"]["source"] == "environment"


def test_json_and_markdown_together_are_refused_rather_than_one_ignored():
    result = run("settings", "--json", "--markdown")
    assert result.exit_code == 2, result.output
    assert result.output == (
        "Error: give --json (every setting's value in use) or --markdown (the README's table),"
        " not both\n"
    )


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("FACTCHECK_JOBS_URL", "http://queue.example", "must start with redis://"),
        ("FACTCHECK_SCALE", "/no/such/scale.json", "the rating scale /no/such/scale.json cannot"),
        ("FACTCHECK_SESSION_LIFETIME_DAYS", "100000000", "at most 3650"),
    ],
)
def test_settings_refuses_what_serve_would_refuse(monkeypatch, name, value, said):
    """The README has an administrator run `settings` before a restart: it must fail where the
    server would."""
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 2
    assert said in result.output


def test_settings_refuses_a_missing_key_for_a_signed_trail(monkeypatch, tmp_path):
    """serve refuses to start on a signed trail whose key file is not where the setting says;
    the check before a restart says so too."""
    path = tmp_path / "desk.db"
    assert CliRunner().invoke(main, ["--db", str(path), "init"]).exit_code == 0
    assert CliRunner().invoke(main, ["--db", str(path), "settings"]).exit_code == 0
    added = ["--db", str(path), "user", "add", "ada", "--role", "admin", "--password-stdin"]
    assert CliRunner().invoke(main, added, input="a long enough passphrase\n").exit_code == 0
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(tmp_path / "nowhere" / "key"))
    result = CliRunner().invoke(main, ["--db", str(path), "settings"])
    assert result.exit_code == 2
    assert "the audit key" in result.output and "is missing" in result.output


def test_settings_refuses_another_desks_key(monkeypatch, tmp_path):
    for name in ("one.db", "two.db"):
        assert CliRunner().invoke(main, ["--db", str(tmp_path / name), "init"]).exit_code == 0
        added = ["--db", str(tmp_path / name), "user", "add", "ada", "--role", "admin"]
        result = CliRunner().invoke(main, [*added, "--password-stdin"], input="a long passphrase\n")
        assert result.exit_code == 0, result.output
    monkeypatch.setenv("FACTCHECK_AUDIT_KEY_FILE", str(tmp_path / "two.db.audit_key"))
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "one.db"), "settings"])
    assert result.exit_code == 2
    assert "is not the key this trail is signed with" in result.output
