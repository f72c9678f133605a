"""`factcheck export`: options, output files, the export's own audit row, names and settings."""

import hashlib
import json
import os
import stat
import tempfile
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner
from helpers import refused_with
from test_export_world import ORG_NAME, PUBLIC_URL, build_world

from factcheck.cli import main
from factcheck.cli.error_words import error_words
from factcheck.exports import (
    FORMATS,
    ExportConfig,
    ExportFilters,
    ExportRefused,
    download_name,
)
from factcheck.store import audit


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "cli.db"
    build_world(path).db.close()
    for name in ("FACTCHECK_ORG_NAME", "FACTCHECK_ORG_URL", "FACTCHECK_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    return path


def _run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), "export", *args])


def _audit_rows(db_path):
    from helpers import new_database

    return list(new_database(db_path).query("SELECT * FROM audit ORDER BY id"))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("claimreview", "bundle")])
def test_each_format_writes_a_file_and_one_audit_row(db_path, tmp_path, fmt):
    before = _audit_rows(db_path)
    out = tmp_path / f"export.{fmt}"
    result = _run(db_path, "--format", fmt, "--status", "published", "--as", "rita", "-o", str(out))
    assert result.exit_code == 0, result.output
    after = _audit_rows(db_path)
    assert len(after) == len(before) + 1
    row = after[-1]
    details = json.loads(row["after"])
    assert (row["record_type"], row["action"], row["actor"]) == ("export", "export", "rita")
    assert details["format"] == fmt
    assert details["filters"] == {"article": None, "status": "published", "since": None}
    assert details["audit_head"] == {"row": before[-1]["id"], "hash": before[-1]["hash"]}
    assert details["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert details["bytes"] == out.stat().st_size
    assert details["claims"] == 3
    assert f"audit row {row['id']}" in result.output
    assert list(tmp_path.glob("*.part")) == []


def test_default_exporter_is_the_system_and_stdout_is_the_default_output(db_path):
    result = _run(db_path, "--format", "csv", "--article", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeffclaim_id,article_id,")
    assert _audit_rows(db_path)[-1]["actor"] == "system"


def test_a_dash_for_output_means_standard_output(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run(db_path, "--format", "csv", "--article", "2", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeffclaim_id,article_id,")
    assert not (tmp_path / "-").exists()


def test_a_refused_export_leaves_no_file_and_no_audit_row(db_path, tmp_path):
    before = _audit_rows(db_path)
    out = tmp_path / "reviews.json"
    result = _run(db_path, "--format", "claimreview", "--org-name", ORG_NAME, "-o", str(out))
    assert result.exit_code == 2
    assert "public address" in result.output
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    assert len(_audit_rows(db_path)) == len(before)


def test_an_export_the_trail_cannot_record_writes_nothing_to_standard_output(db_path, tmp_path):
    """With the audit key gone, the export's own audit row cannot be written: to standard
    output it still handed out the whole export, which nothing recorded."""
    key = db_path.with_name(db_path.name + ".audit_key")
    key.rename(tmp_path / "key.away")
    before = _audit_rows(db_path)
    result = _run(db_path, "--format", "json", "--as", "rita")
    assert result.exit_code == 2
    assert result.stdout == "" and "key" in result.output
    assert len(_audit_rows(db_path)) == len(before)


def test_a_named_pipe_for_output_is_written_into_not_replaced(db_path, tmp_path):
    # Renaming a finished file over the target would put a plain file where the pipe (or, for
    # root, /dev/null) was; a reader waiting on the pipe would never get the export.
    pipe = tmp_path / "to-the-desk"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = _run(db_path, "--format", "csv", "--article", "2", "-o", str(pipe))
        assert result.exit_code == 0, result.output
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received.startswith("\ufeffclaim_id,article_id,".encode())
    assert list(tmp_path.glob("*.part")) == []


def test_a_folder_the_export_cannot_write_in_is_refused_in_one_line(db_path, tmp_path, monkeypatch):
    # Tests may run as root, who can write anywhere: the refusal is made here instead.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = _audit_rows(db_path)
    result = _run(db_path, "--format", "csv", "-o", str(tmp_path / "claims.csv"))
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: cannot write in {tmp_path} (Permission denied); choose another -o path"
    )
    assert len(_audit_rows(db_path)) == len(before)


@pytest.mark.parametrize(
    "target",
    ["cli.db", "sub/../cli.db", "link.db", "cli.db-wal", "cli.db-shm", "cli.db.audit_key"]
    + ["cli.db.audit_checkpoint"],
)
def test_the_database_and_the_files_beside_it_are_never_written_over(db_path, target):
    # The export used to replace the database itself with a CSV file and report success.
    (db_path.parent / "sub").mkdir()
    (db_path.parent / "link.db").symlink_to(db_path)
    kept = {path: path.read_bytes() for path in db_path.parent.glob("cli.db*")}
    before = _audit_rows(db_path)
    for fmt in ("csv", "bundle"):
        result = _run(db_path, "--format", fmt, "-o", str(db_path.parent / target))
        assert result.exit_code == 2, result.output
        assert "choose another -o path" in result.output and "Traceback" not in result.output
    assert {path: path.read_bytes() for path in kept} == kept
    assert len(_audit_rows(db_path)) == len(before)


def test_options_override_the_environment(db_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "From the environment")
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://env.example")
    result = _run(db_path, "--format", "claimreview", "--public-url", PUBLIC_URL + "/")
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    assert reviews[0]["url"].startswith(PUBLIC_URL + "/claims/")
    assert reviews[0]["author"]["name"] == "From the environment"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "published"], "--format"),
        (["--format", "csv", "--since", "last week"], "YYYY-MM-DD"),
        (["--format", "csv", "--since", "2025-02-30"], "YYYY-MM-DD"),
        (["--format", "csv", "--as", "nobody"], "nobody"),
        (["--format", "pdf"], "pdf"),
        (["--format", "csv", "--status", "done"], "done"),
        (["--format", "claimreview", "--org-name", "X", "--public-url", "ftp://x"], "http"),
        (["--format", "csv", "--article", "99999"], "there is no article 99999"),
        (["--format", "csv", "--verdict", "bogus"], "'bogus' is not on the rating scale"),
        (["--format", "csv", "--assignee", "ritta"], "there is no user 'ritta'"),
    ],
)
def test_bad_requests_exit_2_with_one_line(db_path, args, message):
    before = _audit_rows(db_path)
    result = _run(db_path, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert len(_audit_rows(db_path)) == len(before)


def test_an_assignee_is_a_known_username_or_none(db_path):
    for assignee in ("rita", "none"):
        result = _run(db_path, "--format", "json", "--assignee", assignee)
        assert result.exit_code == 0, result.output
        claims = json.loads(result.stdout)["claims"]
        assert claims and {c["assignee"] for c in claims} == {
            None if assignee == "none" else assignee
        }


def test_a_verdict_is_chosen_by_its_label_or_its_key(db_path):
    keys = [
        json.loads(_run(db_path, "--format", "json", "--verdict", given).stdout)
        for given in ("False", " false ", "false")
    ]
    chosen = [[claim["id"] for claim in export["claims"]] for export in keys]
    assert chosen[0] and chosen[0] == chosen[1] == chosen[2]


def test_help_documents_every_option_and_setting():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    for word in (
        "--format",
        "--article",
        "--status",
        "--since",
        "--output",
        "--as",
        "--org-name",
        "--org-url",
        "--public-url",
        "--previous-check",
        "--evidence-changed",
        "FACTCHECK_ORG_NAME",
        "FACTCHECK_ORG_URL",
        "FACTCHECK_PUBLIC_URL",
        "verify",
        *FORMATS,
    ):
        assert word in result.output, word


def test_export_row_comes_after_the_head_it_names(tmp_path):
    import io

    from factcheck.exports import write_export

    world = build_world(tmp_path / "head.db")
    head = audit.head(world.db)
    result = write_export(
        world.db,
        "jsonl",
        io.BytesIO(),
        filters=ExportFilters(),
        actor=world.people["ed"],
        config=ExportConfig(),
    )
    assert result.audit_head == head
    assert result.audit_row == head[0] + 1 == audit.head(world.db)[0]
    assert audit.verify(world.db).ok


def test_download_names_describe_the_export():
    at = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    filters = ExportFilters(article_id=12, status="in_review", since=date(2025, 1, 1))
    assert download_name("csv", filters, at=at) == (
        "factcheck-article-12-in-review-since-2025-01-01-20250314T093000Z.csv",
        "text/csv; charset=utf-8; header=present",
    )
    # Every filter shows in the name, so two downloads of different selections tell apart.
    narrowed = ExportFilters(
        verdict="mostly_false",
        assignee="rita",
        section="headline",
        search="Café prices, 2024!",
        previous=True,
        evidence="changed",
    )
    assert download_name("json", narrowed, at=at)[0] == (
        "factcheck-mostly-false-for-rita-headline-search-cafe-prices-2024-previously-checked"
        "-evidence-changed-20250314T093000Z.json"
    )
    unassigned = ExportFilters(assignee="none", search="“ ”")
    assert download_name("csv", unassigned, at=at)[0] == "factcheck-unassigned-20250314T093000Z.csv"
    names = {fmt: download_name(fmt, ExportFilters(), at=at) for fmt in FORMATS}
    assert names["bundle"] == ("factcheck-20250314T093000Z.zip", "application/zip")
    assert names["claimreview"][1] == "application/ld+json"
    assert names["html"][0].endswith(".html") and names["markdown"][0].endswith(".md")
    assert len({name for name, _ in names.values()}) == len(FORMATS)
    with pytest.raises(ExportRefused):
        download_name("pdf", ExportFilters())


def test_filters_parse_from_text():
    assert ExportFilters.parse(article="3", status="", since=" 2025-06-01 ") == ExportFilters(
        3, None, date(2025, 6, 1)
    )
    with pytest.raises(ExportRefused):
        ExportFilters.parse(article="three")
    with pytest.raises(ExportRefused):
        ExportFilters(status="finished")


def test_config_reads_the_environment(monkeypatch):
    monkeypatch.setenv("FACTCHECK_ORG_NAME", "  Valley   Verify ")
    monkeypatch.setenv("FACTCHECK_ORG_URL", "https://valley.example/")
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", "https://checks.valley.example/")
    settings = ExportConfig.from_env()
    assert settings.org_name == "Valley Verify"
    assert settings.publisher_url == "https://valley.example"
    assert settings.claim_url(5) == "https://checks.valley.example/claims/5"
    settings.require_publisher()
    monkeypatch.delenv("FACTCHECK_ORG_NAME")
    with refused_with(ExportRefused, "FACTCHECK_ORG_NAME"):
        ExportConfig.from_env().require_publisher()


def test_a_rating_key_from_an_older_scale_still_selects_its_claims(db_path):
    from helpers import new_database

    db = new_database(db_path)
    claim_id = db.execute("SELECT id FROM claims WHERE verdict = 'false' LIMIT 1").fetchone()[0]
    db.execute("UPDATE claims SET verdict = 'retired-rating' WHERE id = ?", [claim_id])
    db.conn.commit()
    db.close()
    result = _run(db_path, "--format", "json", "--verdict", "retired-rating")
    assert result.exit_code == 0, result.output
    assert [claim["id"] for claim in json.loads(result.stdout)["claims"]] == [claim_id]


def _matched_and_flagged(db_path) -> dict[str, set[int]]:
    """Give one claim a previous check, and flag the evidence of another (and of a third whose
    change a reviewer then acknowledged): the two filters the queue's export menu honours."""
    from helpers import new_database

    from factcheck.library_formats import Parsed
    from factcheck.store import claim_matches, evidence, library, link_checks
    from factcheck.store.actors import SYSTEM

    db = new_database(db_path)
    claims = [row[0] for row in db.execute("SELECT claim_id FROM evidence ORDER BY id")]
    record = {"claim": "Fourteen schools closed in the valley", "url": "https://checks.example/1"}
    imported = library.import_records(
        db, [Parsed("line 2", record=record)], actor=SYSTEM, source="t.csv", file_format="csv"
    )
    matched = claims[-1]
    claim_matches.store_matches(
        db, {matched: [(imported["changed_ids"][0], 0.9)]}, actor=SYSTEM, cause="test"
    )
    flagged, acknowledged = claims[0], next(c for c in claims if c != claims[0])
    for claim_id in (flagged, acknowledged):
        item = evidence.evidence_for_claim(db, claim_id)[0]
        link_checks.record_link_checks(
            db, item["url"], actor=SYSTEM, checks=[{"outcome": "failed"}]
        )
    for item in evidence.evidence_for_claim(db, acknowledged):
        if item["link_flagged"]:
            link_checks.acknowledge_change(db, item["id"], actor=SYSTEM)
    db.close()
    return {"previous": {matched}, "changed": {flagged}}


def test_the_queues_previous_check_and_changed_evidence_filters(db_path):
    wanted = _matched_and_flagged(db_path)

    def exported(*options):
        result = _run(db_path, "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return {claim["id"] for claim in json.loads(result.stdout)["claims"]}

    everything = exported()
    assert wanted["previous"] | wanted["changed"] < everything
    assert exported("--previous-check") == wanted["previous"]
    assert exported("--evidence-changed") == wanted["changed"]
    assert exported("--previous-check", "--evidence-changed") == (
        wanted["previous"] & wanted["changed"]
    )
    details = json.loads(_audit_rows(db_path)[-1]["after"])
    assert details["filters"]["previous"] is True and details["filters"]["evidence"] == "changed"


def test_an_unknown_assignee_is_refused_by_the_export_and_pointed_to_the_user_list(db_path):
    """One check, in write_export, for both front ends; the command line words its refusal as a
    user that does not exist, rather than spelling out every username as the workbench does."""
    refused = ExportRefused(
        "export.unknown_value",
        {"name": "assignee", "given": "ritta", "accepted": ["none", "rita", "ed"]},
    )
    said = "there is no user 'ritta'; run `factcheck user list` to see them"
    assert error_words(refused) == said
    before = _audit_rows(db_path)
    result = _run(db_path, "--format", "csv", "--assignee", "ritta")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {said}"
    assert len(_audit_rows(db_path)) == len(before)
