"""Rules live in the store, so every front end keeps them: an unchanged draft writes nothing from the
command line as from the web, and the panel and the store agree on who wrote a verdict."""

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, RATIONALE, SAMPLE_ARTICLE, audit_count, claim_now, hx_post

import factcheck
from factcheck import db as database
from factcheck import importers, lifecycle, passwords, refusal_lines, shared_words
from factcheck.cli import error_words as cli_words
from factcheck.cli import main
from factcheck.importers import ImportRefused
from factcheck.store import bulk, evidence, verdicts
from factcheck.store.actors import SYSTEM
from factcheck.store.errors import Forbidden
from factcheck.views import bulk_words, claim_panel
from factcheck.views import error_words as web_words
from factcheck.views import import_words as web_import_words


def _source(db, people, claim_id, url="https://county.example/bulletin"):
    return evidence.add_evidence(
        db, claim_id, url=url, stance="supports", quote="14 schools closed", actor=people["rita"]
    )


def test_the_store_writes_nothing_for_an_unchanged_draft(claim_world):
    db, people, claim_id = claim_world
    _source(db, people, claim_id)
    saved = verdicts.set_verdict(
        db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    before = audit_count(db)
    again = verdicts.set_verdict(
        db, claim_id, rating="Accurate", rationale=f"  {RATIONALE} ", actor=people["ed"]
    )
    assert again["version"] == saved["version"]
    assert audit_count(db) == before
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["author_id"] == people["rita"].id


def test_a_draft_that_changes_in_any_part_is_written(claim_world):
    db, people, claim_id = claim_world
    first = _source(db, people, claim_id)
    second = _source(db, people, claim_id, url="https://county.example/second")
    saved = verdicts.set_verdict(
        db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"]
    )
    changes = (
        {"rating": "false", "rationale": RATIONALE},
        {"rating": "false", "rationale": RATIONALE + " Checked twice."},
        {
            "rating": "false",
            "rationale": RATIONALE + " Checked twice.",
            "evidence_ids": [first["id"]],
        },
    )
    version = saved["version"]
    for change in changes:
        before = audit_count(db)
        version = verdicts.set_verdict(db, claim_id, actor=people["rita"], **change)["version"]
        assert audit_count(db) == before + 1
    assert version == saved["version"] + len(changes)
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"] == [first["id"]]
    assert second["id"] not in verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"]


@pytest.fixture
def cli(tmp_path):
    path = tmp_path / "cli.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(path), *args], input=input)

    assert invoke("init").exit_code == 0
    added = invoke("user", "add", "rita", "--role", "reviewer", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0, added.output
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    article_id = json.loads(invoke("import", str(story), "--json").output)["article_id"]
    claims = json.loads(invoke("claims", str(article_id), "--json").output)["claims"]
    invoke.claim_id = str(next(c["id"] for c in claims if c["kind"] == "claim"))
    invoke.path = path
    return invoke


def _audit_rows(path) -> int:
    db = database.connect(path)
    try:
        return audit_count(db)
    finally:
        db.close()


def test_the_command_line_saving_an_unchanged_draft_writes_nothing_and_says_so(cli):
    verdict = ("verdict", "set", cli.claim_id, "--rating", "false", "--rationale", RATIONALE)
    first = cli(*verdict, "--as", "rita")
    assert first.exit_code == 0, first.output
    assert "Saved the verdict." in first.output
    before = _audit_rows(cli.path)
    again = cli(*verdict, "--as", "rita")
    assert again.exit_code == 0, again.output
    assert again.output.strip() == "Nothing changed: the draft verdict is the same as before."
    assert _audit_rows(cli.path) == before
    changed = cli(*verdict[:-1], RATIONALE + " Checked twice.", "--as", "rita")
    assert "Saved the verdict." in changed.output
    assert _audit_rows(cli.path) == before + 1


def test_the_web_saving_an_unchanged_draft_writes_nothing(client, claim, app_db):
    data = {"rating": "false", "rationale": RATIONALE, "intent": "save", "comment": ""}
    hx_post(client, f"/claims/{claim['id']}/verdict", {**data, "expected_version": 1})
    saved = claim_now(app_db, claim["id"])
    before = audit_count(app_db)
    again = {**data, "expected_version": saved["version"]}
    assert hx_post(client, f"/claims/{claim['id']}/verdict", again).status_code == 200
    assert audit_count(app_db) == before
    assert claim_now(app_db, claim["id"])["version"] == saved["version"]


def test_the_panel_and_the_store_agree_on_who_wrote_a_verdict(app, app_db, people, claim):
    claim_id = claim["id"]
    _source(app_db, people, claim_id)
    for author, rating in (("rita", "accurate"), ("ed", "false")):
        verdicts.set_verdict(
            app_db, claim_id, rating=rating, rationale=RATIONALE, actor=people[author]
        )
    verdicts.submit_for_review(app_db, claim_id, actor=people["rita"])
    with app.test_request_context():
        work = claim_panel.workspace(app_db, claim_now(app_db, claim_id), people["eve"])
        ed_work = claim_panel.workspace(app_db, claim_now(app_db, claim_id), people["ed"])
    verdict_id = work["working_verdict"]["id"]
    assert work["writers"] == verdicts.verdict_writers(app_db, claim_id, verdict_id)
    assert work["writers"] == {"rita", "ed"}
    assert work["can"]["review"] and not ed_work["can"]["review"]
    with pytest.raises(Forbidden) as refused:
        verdicts.approve(app_db, claim_id, actor=people["ed"])
    assert refused.value.code == "verdict.own"


# Store errors carry a code and facts; each front end words every code, and only the command
# line's words name its options and commands.

_ERRORS = {"Invalid", "NotFound", "Forbidden", "Conflict", "StoreError", "ExportRefused"}
_CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
_WORDING_MODULES = {
    "cli/error_words.py",
    "refusal_lines.py",
    "views/error_words.py",
    "views/import_words.py",
    "views/bulk_words.py",
}


def _source_files():
    root = Path(factcheck.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix() not in _WORDING_MODULES:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _constants(node) -> list[str]:
    """The strings an argument can be: a constant, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def _code_arguments():
    """(where, the code argument) for every store error raised and every refusal built."""
    for path, tree in _source_files():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            position = 0 if name in _ERRORS else 1 if name == "Refusal" else None
            if position is None or len(node.args) <= position:
                continue
            yield f"{path.name}:{node.lineno}", node.args[position]


def raised_codes() -> set[str]:
    codes = {code for _, argument in _code_arguments() for code in _constants(argument)}
    codes |= set(lifecycle._STATUS_CODES.values()) | {"claim.wrong_status"}
    codes |= set(passwords.PROBLEMS)
    return codes


def test_every_store_error_is_a_code_never_words():
    for where, argument in _code_arguments():
        for text in _constants(argument):
            assert _CODE.match(text), f"{where} raises words, not a code: {text!r}"
        assert not isinstance(argument, ast.JoinedStr), f"{where} raises an f-string"


# One set of facts with every key a refusal uses, so that every wording can be tried.
_FACTS = {
    "claim_id": 7, "id": 9, "evidence_id": 3, "evidence_ids": [3, 4], "library_id": 5,
    "audit_id": 11, "status": "in_review", "move": "review.approve", "task": "approve a verdict",
    "starts": ["in_progress"], "username": "rita", "role": "reviewer", "roles": ["editor"],
    "then": "correct", "reason": "an opinion", "kind": "claim", "kinds": ["claim", "not_a_claim"],
    "given": "x", "what": "comment", "min_chars": 10, "min_words": 6, "labels": ["False"],
    "keys": ["false"], "limit": 500, "choices": ["supports"], "problem": "no_host", "url": "x",
    "name": "claim", "minimum": 1, "maximum": 2**63 - 1, "statuses": ["unreviewed"],
    "removed_at": "2026-01-01", "doing": "copy", "expected": 2, "version": 3, "rating": "False",
    "names": ["colour"], "formats": ["csv"], "missing": "org_name", "state": "disabled",
    "actions": ["assign"], "actor": "ed", "cut": "inside_a_word", "next_id": 8, "now_id": 10, "accepted": ["yes"],
    "kept_at": "2026-01-01T09:00:00Z", "path": "/srv/desk.db.audit_checkpoint", "beside": True,
    "today": "2026-12-05", "since": "2026-12-06", "until": "2026-12-01", "since_name": "since",
    "until_name": "until", "removed_by": "ed", "removed_by_name": "Ed",
}  # fmt: skip


def test_both_front_ends_word_every_code_the_code_base_raises():
    codes = raised_codes()
    assert "claim.not_found" in codes and "verdict.own" in codes  # the scan finds them
    assert codes - set(cli_words.WORDS) == set(), "codes the command line cannot word"
    assert codes - set(web_words._STORE_WORDS) == set(), "codes the workbench cannot word"
    assert set(cli_words.WORDS) - codes == set(), "command-line words for codes nobody raises"
    assert set(web_words._STORE_WORDS) - codes == set(), "web words for codes nobody raises"


def test_every_wording_reads_its_facts_and_only_the_command_line_names_options():
    for code in sorted(raised_codes()):
        line = cli_words.words_for(code, _FACTS)
        shown = web_words.store_words(code, _FACTS)
        assert line != f"refused ({code})", code
        assert shown != "That cannot be done here.", code
        assert not web_words.CLI_HINT.search(shown), (code, shown)
        assert shown.endswith("."), (code, shown)
        assert "\n" not in line and line == line.strip(), code


def test_store_errors_hold_no_command_line_words(claim_world):
    db, people, claim_id = claim_world
    with pytest.raises(Forbidden) as refused:
        verdicts.set_verdict(db, claim_id, rating="false", rationale=RATIONALE, actor=SYSTEM)
    error = refused.value
    assert (error.code, error.facts) == ("actor.not_a_person", {"task": "write a verdict"})
    assert not web_words.CLI_HINT.search(str(error))
    assert cli_words.error_words(error) == "only people can write a verdict: give --as USERNAME"
    assert web_words.store_error_words(error) == "Sign in to do this."


# Imports and fetches refuse the same way: a code (an importer's "import.*", or a fetch's own, such
# as "http_status") and facts, worded once by each front end; so do typed addresses.

_IMPORT_RAISERS = {"ImportRefused", "FetchError", "ResponseTooLarge", "_refuse", "_refusal"}
_IMPORT_CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)?$")


def _import_code_arguments():
    """(where, the code argument) for every import refusal, failed fetch and URL problem built."""
    for path, tree in _source_files():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            if node.args and (name in _IMPORT_RAISERS or name == "UrlProblem"):
                yield name, f"{path.name}:{node.lineno}", node.args[0]
            for keyword in node.keywords if name == "ItemResult" else ():
                if keyword.arg == "code":  # an item of a bulk import refused as it was stored
                    yield name, f"{path.name}:{node.lineno}", keyword.value


def _import_codes(url_problems: bool = False) -> set[str]:
    return {
        code
        for name, _, argument in _import_code_arguments()
        if (name == "UrlProblem") == url_problems
        for code in _constants(argument)
    }


def test_import_refusals_and_fetch_failures_are_codes_never_words():
    seen = 0
    for _, where, argument in _import_code_arguments():
        seen += 1
        for text in _constants(argument):
            assert _IMPORT_CODE.match(text), f"{where} raises words, not a code: {text!r}"
        # A code is a constant, or one passed on from another refusal (error.code): never text
        # made on the spot.
        assert isinstance(argument, ast.Constant | ast.IfExp | ast.Attribute | ast.Name), (
            f"{where} builds its code: {ast.unparse(argument)}"
        )
    assert seen > 50  # the scan finds them


def test_both_front_ends_word_every_import_and_fetch_code():
    codes = _import_codes()
    assert {"import.no_article", "http_status", "too_large", "import.no_body"} <= codes
    cli_codes = set(refusal_lines.IMPORT_WORDS) | set(refusal_lines.FETCH_WORDS)
    web_codes = set(web_import_words._IMPORT_WORDS) | set(web_import_words._FETCH_WORDS)
    assert codes - cli_codes == set(), "codes the command line cannot word"
    assert codes - web_codes == set(), "codes the workbench cannot word"
    assert cli_codes - codes == set(), "command-line words for codes nobody raises"
    assert web_codes - codes == set(), "web words for codes nobody raises"
    problems = _import_codes(url_problems=True)
    assert "no_host" in problems
    assert problems == set(shared_words.URL_PROBLEMS) == set(web_import_words._URL_PROBLEMS)


_IMPORT_FACTS = {
    "host": "news.example", "detail": "Name or service not known", "reason": "a private address",
    "address": "10.0.0.5", "port": 8080, "allowed": [80, 443], "url": "https://news.example/a",
    "problem": "no_host", "scheme": "ftp", "stage": "connect", "error": "ConnectionError",
    "limit": 5 * 1024 * 1024, "status": 404, "content_type": "application/pdf",
    "expected": "html", "kind": "a ZIP archive", "encoding": "UTF-8", "position": 7, "line": 2,
    "path": "story.txt", "given": "pdf", "formats": ["text", "html"],
    "suffixes": [".txt", ".html", ".htm"], "name": "title", "type": "a number", "cells": 4,
    "columns": 3, "fields": ["title", "body"], "record": "claim",
}  # fmt: skip


def test_every_import_and_fetch_wording_reads_its_facts():
    for code in sorted(_import_codes()):
        line = refusal_lines.refusal_line(code, _IMPORT_FACTS)
        shown = web_import_words.refusal_words(code, _IMPORT_FACTS)
        assert line != f"refused ({code})", code
        assert "\n" not in line and line == line.strip(), code
        assert shown not in ("The article could not be imported.", "The page could not be fetched.")
        assert not web_words.CLI_HINT.search(shown), (code, shown)
        assert shown[:1].isupper() and shown.endswith("."), (code, shown)
    for problem in sorted(_import_codes(url_problems=True)):
        facts = {**_IMPORT_FACTS, "problem": problem, "limit": 2048}
        assert shared_words.url_problem_words(facts) != "that address cannot be used", problem
        assert web_import_words.url_problem_words(facts) != "That address cannot be used."


def test_an_import_refusal_holds_no_words_and_each_front_end_words_it(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        importers.from_text(b"  \n ")
    error = refused.value
    assert (error.code, error.facts) == ("import.empty_text", {})
    assert refusal_lines.error_line(error) == "the text is empty; paste or import the article text"
    assert web_import_words.refusal_words(error.code, error.facts) == (
        "The text is empty. Paste or upload the article text."
    )
    with pytest.raises(ImportRefused) as refused:
        importers.from_text(b"x" * 20, max_bytes=10)
    assert "--max-bytes" in refusal_lines.error_line(refused.value)
    assert "--max-bytes" not in web_import_words.refusal_words(
        refused.value.code, refused.value.facts
    )


def test_bulk_skips_are_codes_and_facts_worded_by_the_queue(claim_world):
    db, people, claim_id = claim_world
    _source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="false", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    summary = bulk.bulk_update(
        db, [claim_id], action="not_a_claim", value="an opinion piece", actor=people["ed"]
    )
    assert summary["skipped"] == [
        {
            "claim_id": claim_id,
            "code": "claim.has_verdict",
            "status": "in_review",
            "move": "claim.classify",
            "task": "classify a claim",
        }
    ]
    assert bulk_words.describe_skips(summary["skipped"]) == (
        "1 claim left as it was: 1 is in review."
    )


def test_only_the_command_line_imports_the_command_line():
    """The workbench and the background jobs take shared words from neutral modules, never from
    factcheck.cli (importing it loads every command, and a lazy import there hid the cycle)."""
    root = Path(factcheck.__file__).parent
    reaching = set()
    for path in root.rglob("*.py"):
        where = path.relative_to(root).as_posix()
        if where.startswith("cli/") or where == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            if any(name == "factcheck.cli" or name.startswith("factcheck.cli.") for name in names):
                reaching.add(f"{where}:{node.lineno}")
    assert reaching == set()
