"""The review loop from the command line: people, evidence, verdicts, second review, history."""

import json

import pytest
from click.testing import CliRunner
from helpers import PASSWORD, RATIONALE, SAMPLE_ARTICLE

from factcheck import db as sqlite_db
from factcheck.cli import main


@pytest.fixture
def run(tmp_path):
    database = tmp_path / "review.db"

    def invoke(*args, input=None):
        return CliRunner().invoke(main, ["--db", str(database), *args], input=input)

    assert invoke("init").exit_code == 0
    for username, role in (("rita", "reviewer"), ("ed", "editor"), ("eve", "editor")):
        added = invoke("user", "add", username, "--role", role, "--password-stdin", input=PASSWORD)
        assert added.exit_code == 0, added.output
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    invoke.path = database
    invoke.article_id = json.loads(invoke("import", str(story), "--json").output)["article_id"]
    claims = json.loads(invoke("claims", str(invoke.article_id), "--json").output)["claims"]
    invoke.claim_id = max(
        (c for c in claims if c["kind"] == "claim"), key=lambda c: c["checkworthiness"]
    )["id"]
    return invoke


def _ok(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if result.output.lstrip().startswith(("{", "[")) else None


def test_whole_loop_from_the_command_line(run):
    claim = str(run.claim_id)
    _ok(run("claim", "assign", claim, "rita", "--as", "ed", "--json"))
    evidence = _ok(
        run(
            "evidence",
            "add",
            claim,
            "https://county.example/bulletin",
            "--stance",
            "supports",
            "--quote",
            "14 schools closed",
            "--as",
            "rita",
            "--json",
        )
    )
    assert evidence["stance"] == "supports"
    rated = _ok(
        run(
            "verdict",
            "set",
            claim,
            "--rating",
            "mostly ACCURATE",
            "--rationale",
            RATIONALE,
            "--as",
            "rita",
            "--json",
        )
    )
    assert rated["status"] == "in_progress"
    assert [v["rating_label"] for v in rated["verdicts"]] == ["Mostly accurate"]
    _ok(run("review", "submit", claim, "--as", "rita", "--json"))
    own = run("review", "approve", claim, "--as", "rita")
    assert own.exit_code == 2 and "only an editor" in own.output
    published = _ok(run("review", "approve", claim, "--as", "ed", "--json"))
    assert published["status"] == "published"
    assert published["assignee"] == "rita"
    verdict = published["verdicts"][-1]
    assert verdict["state"] == "published"
    assert (verdict["author"], verdict["approved_by"]) == ("rita", "ed")
    listing = _ok(run("claims", str(run.article_id), "--json"))
    shown = next(c for c in listing["claims"] if c["id"] == run.claim_id)
    assert shown["verdicts"][-1]["rationale"] == RATIONALE
    assert shown["evidence"][0]["quote"] == "14 schools closed"
    history = run("history", claim).output
    for words in (
        "imported",
        "assigned to rita",
        "added evidence",
        "rated",
        "submitted",
        "approved",
    ):
        assert words in history
    entries = _ok(run("history", claim, "--json"))
    assert [e["actor"] for e in entries][-1] == "ed"
    assert _ok(run("audit", "verify", "--json"))["ok"] is True


def test_history_keeps_each_entry_on_lines_of_its_own(run):
    claim = str(run.claim_id)
    forged = "2026-01-01T00:00:00.000000Z  ed            approved and published"
    _ok(run("claim", "comment", claim, f"Looks fine.\n{forged}", "--as", "rita"))
    _ok(run("claim", "comment", claim, "abc\rXYZ over the line", "--as", "rita"))
    lines = run("history", claim).output.splitlines()
    # Every entry starts with its time; a comment's own lines are indented beneath it, so none
    # can pass for an entry, and a carriage return cannot take the cursor back over one.
    entries = [line for line in lines if not line.startswith(" ")]
    assert all(line[:4].isdigit() for line in entries) and len(entries) == 3
    assert not any(line.startswith(forged) for line in lines)
    assert any(line.strip().startswith(forged) for line in lines)
    assert "\r" not in "\n".join(lines)
    assert any(line.strip().startswith("XYZ over the line") for line in lines)


def test_editor_cannot_approve_own_verdict(run):
    claim = str(run.claim_id)
    run("evidence", "add", claim, "https://x.example/a", "--stance", "refutes", "--as", "ed")
    run("verdict", "set", claim, "--rating", "False", "--rationale", RATIONALE, "--as", "ed")
    run("review", "submit", claim, "--as", "ed")
    refused = run("review", "approve", claim, "--as", "ed")
    assert refused.exit_code == 2 and "you wrote or submitted this verdict" in refused.output
    assert _ok(run("review", "approve", claim, "--as", "eve", "--json"))["status"] == "published"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "nobody"], "no user"),
        (["--as", "rita", "--expect-version", "99"], "changed by someone else"),
    ],
)
def test_refusals_exit_2_and_change_nothing(run, args, message):
    claim = str(run.claim_id)
    result = run("verdict", "set", claim, "--rating", "False", "--rationale", RATIONALE, *args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert _ok(run("claims", str(run.article_id), "--json"))["claims"][0]["status"] == "unreviewed"


def test_a_verdict_resting_on_removed_evidence_says_who_removed_it(run):
    claim = str(run.claim_id)
    added = [
        _ok(run(
            "evidence", "add", claim, url, "--stance", "refutes", "--no-archive", "--as", "rita",
            "--json",
        ))["id"]
        for url in ("https://x.example/a", "https://x.example/b")
    ]  # fmt: skip
    _ok(run("evidence", "remove", str(added[1]), "--reason", "a parody of the site", "--as", "ed"))
    result = run(
        "verdict", "set", claim, "--rating", "False", "--rationale", RATIONALE,
        "--evidence", str(added[0]), "--evidence", str(added[1]), "--as", "rita",
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"evidence {added[1]} was removed from claim {claim} by ed on " in result.output
    assert "is not attached" not in result.output
    assert _ok(run("claims", str(run.article_id), "--json"))["claims"][0]["status"] == "unreviewed"


def test_an_assignment_that_changes_nothing_says_so(run):
    claim = str(run.claim_id)
    assert "Nothing changed: claim" in run("claim", "assign", claim, "-", "--as", "ed").output
    assert "Assigned." in run("claim", "assign", claim, "rita", "--as", "ed").output
    again = run("claim", "assign", claim, "Rita", "--as", "ed")
    assert again.exit_code == 0
    assert f"Nothing changed: claim {claim} is already assigned to rita." in again.output


def test_json_names_people_by_username_as_claims_json_does(run):
    claim = str(run.claim_id)
    comment = _ok(run("claim", "comment", claim, "Looking at it", "--as", "rita", "--json"))
    assert comment["author"] == "rita" and "author_id" not in comment
    added = run(
        "evidence", "add", claim, "https://x.example/a", "--stance", "context", "--no-archive",
        "--as", "rita", "--json",
    )  # fmt: skip
    assert _ok(added)["added_by"] == "rita"
    listed = _ok(run("claims", str(run.article_id), "--json"))["claims"]
    [mine] = [c for c in listed if c["id"] == run.claim_id]
    assert [e["added_by"] for e in mine["evidence"]] == ["rita"]


def test_disabled_user_is_refused(run):
    _ok(run("user", "disable", "rita"))
    result = run("claim", "comment", str(run.claim_id), "Looking at it", "--as", "rita")
    assert result.exit_code == 2 and "disabled" in result.output
    users = _ok(run("user", "list", "--json"))
    assert next(u for u in users if u["username"] == "rita")["disabled"] is True


def test_a_change_to_a_user_that_changes_nothing_says_so(run):
    """`user enable` of someone enabled printed "Enabled rita." with nothing done."""
    assert run("user", "enable", "rita").output == (
        "Nothing changed: rita is already enabled, with the role reviewer.\n"
    )
    assert run("user", "role", "rita", "reviewer").output.startswith("Nothing changed:")
    assert run("user", "disable", "rita").output == "Disabled rita.\n"
    assert run("user", "disable", "rita").output == (
        "Nothing changed: rita is already disabled, with the role reviewer.\n"
    )


def test_a_change_already_made_says_the_reason_was_not_kept(run):
    run("user", "role", "rita", "editor", "--why", "Night desk")
    said = run("user", "role", "rita", "editor", "--why", "Covering the weekend").output
    assert said == (
        "Nothing changed: rita is already enabled, with the role editor, so your reason was"
        " not kept.\n"
    )
    assert "changed" not in _ok(run("user", "role", "rita", "editor", "--json"))


def test_user_add_refuses_a_display_name_over_80_characters(run):
    name = (
        "Maria Fernanda de los Angeles Gutierrez-Villanueva y Castellanos, Investigations Desk,"
        " Weekend"
    )
    args = ("user", "add", "maria", "--role", "reviewer", "--password-stdin")
    refused = run(*args, "--name", name, input=PASSWORD)
    assert refused.exit_code == 2
    assert "the display name can be at most 80 characters" in refused.output
    assert "maria" not in [u["username"] for u in _ok(run("user", "list", "--json"))]
    assert run(*args, "--name", name[:80], input=PASSWORD).exit_code == 0


def test_user_add_keeps_the_reason_in_the_audit_trail(run):
    added = run(
        "user", "add", "nadia", "--role", "admin", "--password-stdin",
        "--why", "Standing in for the managing editor", input=PASSWORD,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    reason = (
        sqlite_db.connect(run.path)
        .execute("SELECT reason FROM audit WHERE action = 'user.add' ORDER BY id DESC LIMIT 1")
        .fetchone()[0]
    )
    assert reason == "Standing in for the managing editor"


def test_a_comment_mentioning_a_disabled_colleague_says_they_were_not_told(run):
    _ok(run("user", "disable", "eve"))
    said = run("claim", "comment", str(run.claim_id), "@eve @ed can you check?", "--as", "rita")
    assert said.exit_code == 0, said.output
    assert said.output.splitlines() == [
        f"Added comment {said.output.split()[2]} to claim {run.claim_id}.",
        "eve is disabled and was not told.",
    ]
    shown = _ok(run("claim", "comment", str(run.claim_id), "@eve again", "--as", "rita", "--json"))
    assert shown["not_told"] == ["eve"]
    plain = run("claim", "comment", str(run.claim_id), "@ed only", "--as", "rita")
    assert len(plain.output.splitlines()) == 1


def test_review_notes_mentioning_a_disabled_colleague_say_they_were_not_told(run):
    claim = str(run.claim_id)
    _ok(run("user", "disable", "eve"))
    _ok(
        run(
            "verdict",
            "set",
            claim,
            "--rating",
            "Unverifiable",
            "--rationale",
            RATIONALE,
            "--as",
            "rita",
        )
    )
    sent = run("review", "submit", claim, "--comment", "@eve @ed table on p. 4", "--as", "rita")
    assert sent.exit_code == 0, sent.output
    assert sent.output.splitlines()[1:] == ["eve is disabled and was not told."]
    back = run("review", "return", claim, "--comment", "@eve @rita cite it", "--as", "ed", "--json")
    assert _ok(back)["not_told"] == ["eve"]
    again = run("review", "submit", claim, "--comment", "@ed done", "--as", "rita")
    assert len(again.output.splitlines()) == 1, again.output
    approved = run("review", "approve", claim, "--comment", "Fine, @eve", "--as", "ed")
    assert approved.exit_code == 0, approved.output
    assert approved.output.splitlines()[1:] == ["eve is disabled and was not told."]


def test_saving_over_a_colleagues_draft_says_whose_it_was(run):
    """The browser shows the draft before anyone saves over it; the command line does not, so it
    says whose draft the new one replaced."""
    claim = str(run.claim_id)
    rated = ("--rating", "Unverifiable", "--rationale", RATIONALE)
    first = run("verdict", "set", claim, *rated, "--as", "rita")
    assert first.exit_code == 0 and len(first.output.splitlines()) == 1, first.output
    other = ("--rating", "False", "--rationale", RATIONALE + " The bulletin says otherwise.")
    replaced = run("verdict", "set", claim, *other, "--as", "ed")
    assert replaced.exit_code == 0, replaced.output
    assert replaced.output.splitlines()[1] == (
        f"It replaced rita's draft: factcheck history {claim} keeps it, and rita's inbox says so."
    )
    again = _ok(run("verdict", "set", claim, *rated, "--as", "ed", "--json"))
    assert again["replaced_author"] is None  # ed's own draft
    same = _ok(run("verdict", "set", claim, *rated, "--as", "ed", "--json"))
    assert same["replaced_author"] is None  # nothing changed


def test_classify_and_bad_transitions(run):
    claim = str(run.claim_id)
    bad_url = run(
        "evidence", "add", claim, "file:///etc/passwd", "--stance", "supports", "--as", "rita"
    )
    assert bad_url.exit_code == 2 and "http" in bad_url.output
    result = run(
        "claim",
        "classify",
        claim,
        "not_a_claim",
        "--reason",
        "Scene setting",
        "--as",
        "rita",
        "--json",
    )
    assert _ok(result)["kind"] == "not_a_claim"
    refused = run("review", "submit", claim, "--as", "rita")
    assert refused.exit_code == 2 and "no draft verdict" in refused.output
    aside = run(
        "evidence", "add", claim, "https://x.example/", "--stance", "supports", "--as", "rita"
    )
    assert aside.exit_code == 2 and "classify it as a claim first" in aside.output


def test_user_add_refuses_short_password_and_duplicate(run):
    short = run("user", "add", "newbie", "--role", "reviewer", "--password-stdin", input="short")
    assert short.exit_code == 2 and "at least" in short.output
    again = run("user", "add", "rita", "--role", "reviewer", "--password-stdin", input=PASSWORD)
    assert again.exit_code == 2 and "taken" in again.output


def test_scale_is_listed(run):
    scale = _ok(run("verdict", "scale", "--json"))
    assert [r["label"] for r in scale["ratings"]][:2] == ["Accurate", "Mostly accurate"]
    listed = run("verdict", "scale")
    assert listed.exit_code == 0
    text = listed.output
    assert "values from 6 (best) to 2 (worst)" in text
    assert "Accurate [accurate] (value 6)" in text
    assert "Unverifiable [unverifiable] (in words only, no value)" in text


def test_archive_pending_evidence_records_each_outcome(run):
    claim = str(run.claim_id)
    assert "Nothing to archive" in run("evidence", "archive", "--pending").output
    run("evidence", "add", claim, "http://10.0.0.9/report", "--stance", "supports", "--as", "rita")
    failed = run("evidence", "archive", "--pending", "--json")
    assert failed.exit_code == 1, failed.output
    results = json.loads(failed.output)
    assert [(r["url"], r["status"]) for r in results] == [("http://10.0.0.9/report", "failed")]
    assert "private" in results[0]["error"]
    # An address refused by design is not fetched again: it would only be refused again, with
    # another failed copy and audit row each run.
    audit_rows = _audit_count(run)
    again = run("evidence", "archive", "--pending")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("Left 1 source whose address is refused by design")
    assert _audit_count(run) == audit_rows
    # A failure that may pass stays pending, so the next run tries again.
    run("evidence", "add", claim, "http://gone.invalid/x", "--stance", "supports", "--as", "rita")
    assert run("evidence", "archive", "--pending").exit_code == 1
    retried = run("evidence", "archive", "--pending", "--json")
    assert [r["url"] for r in json.loads(retried.output)] == ["http://gone.invalid/x"]
    assert run("evidence", "archive").exit_code == 2


def _audit_count(run) -> int:
    db = sqlite_db.connect(run.path)
    try:
        return db.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        db.close()


def test_import_records_who_imported(run, tmp_path):
    story = tmp_path / "council.txt"
    story.write_text("Council adds 3 bus routes\n\nThe council added 3 bus routes on Monday.\n")
    refused = run("import", str(story), "--as", "nobody")
    assert refused.exit_code == 2 and "no user" in refused.output
    imported = _ok(run("import", str(story), "--as", "rita", "--json"))
    article = _ok(run("claims", str(imported["article_id"]), "--json"))["article"]
    assert article["imported_by"] == "rita"
    history = _ok(run("history", str(_first_claim(run, imported)), "--json"))
    assert [entry["actor"] for entry in history][:1] == ["rita"]


def _first_claim(run, imported) -> int:
    return _ok(run("claims", str(imported["article_id"]), "--json"))["claims"][0]["id"]


@pytest.mark.parametrize("scale_text", [None, '{"ratings": [', '{"ratings": []}'])
@pytest.mark.parametrize(
    "command",
    [
        ("verdict", "scale"),
        ("verdict", "set", "1", "--rating", "False", "--rationale", RATIONALE, "--as", "rita"),
        ("serve", "--production", "--port", "1"),
        ("worker",),
    ],
)
def test_an_unusable_scale_file_is_refused_in_one_line_before_anything_starts(
    run, tmp_path, monkeypatch, scale_text, command
):
    scale_file = tmp_path / "scale.json"
    if scale_text is not None:
        scale_file.write_text(scale_text, encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_SCALE", str(scale_file))

    def started(*args, **kwargs):
        raise AssertionError("started despite the unusable scale")

    monkeypatch.setattr("factcheck.job_recovery.start_workers", started)
    monkeypatch.setattr("factcheck.cli.serve._serve_production", started)
    result = run(*command)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line = result.output.strip()
    assert "\n" not in line and line.startswith("Error: the rating scale"), line
    assert str(scale_file) in line and "FACTCHECK_SCALE" in line


def test_assigning_from_the_command_line_says_unassigned_and_refuses_a_unit_set_aside(run):
    claim = str(run.claim_id)
    _ok(run("claim", "assign", claim, "rita", "--as", "ed"))
    unassigned = run("claim", "assign", claim, "-", "--as", "ed")
    assert unassigned.exit_code == 0 and "Unassigned." in unassigned.output
    assert "Assigned." not in unassigned.output
    _ok(
        run(
            "claim",
            "classify",
            claim,
            "not_a_claim",
            "--reason",
            "A byline, not a claim",
            "--as",
            "ed",
        )
    )
    trail = len(_ok(run("audit", "log", "--record", f"claim:{claim}", "--json")))
    refused = run("claim", "assign", claim, "rita", "--as", "ed")
    assert refused.exit_code == 2
    assert (
        f"claim {claim} is marked as not a claim (A byline, not a claim); classify it as a claim first"
        in (refused.output)
    )
    assert len(_ok(run("audit", "log", "--record", f"claim:{claim}", "--json"))) == trail
