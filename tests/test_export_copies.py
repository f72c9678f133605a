"""Bundles carry the archived copies their verdicts rest on, and `export verify` checks them."""

import hashlib
import json
import zipfile

import pytest
from click.testing import CliRunner
from helpers import keep_copy
from test_export_world import ORG_NAME, PUBLIC_URL, build_world

from factcheck.cli import main
from factcheck.exports.bundle import verify_bundle
from factcheck.store import evidence, verdicts
from factcheck.store.actors import SYSTEM

BULLETIN = (
    b"<html><body><p>14 schools closed; 3,200 homes cut off, the county said.</p></body></html>"
)
GAUGE = b"%PDF-1.4 river gauge readings"
UNCITED = b"<html><body><p>A page no verdict rests on.</p></body></html>"


def _keep(db, url, body, content_type, text=None):
    keep_copy(db, url, body, content_type=content_type, text=text)


def _world(tmp_path, monkeypatch):
    db_path = tmp_path / "copies.db"
    world = build_world(db_path)
    _keep(
        world.db,
        "https://county.example/bulletin",
        BULLETIN,
        "text/html",
        "14 schools closed; 3,200 homes cut off.",
    )
    _keep(world.db, "https://gauges.example/millford", GAUGE, "application/pdf")
    _keep(world.db, "https://rumour.example/post", UNCITED, "text/html")  # removed evidence
    monkeypatch.setenv("FACTCHECK_ORG_NAME", ORG_NAME)
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", PUBLIC_URL)
    return world, db_path


def _export(db_path, out):
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", "--format", "bundle", "--as", "ed", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture
def bundle(tmp_path, monkeypatch):
    world, db_path = _world(tmp_path, monkeypatch)
    out = tmp_path / "out.zip"
    _export(db_path, out)
    return world, db_path, out


def _name(body, extension):
    return f"copies/{hashlib.sha256(body).hexdigest()}.{extension}"


def test_the_bundle_holds_the_copies_its_verdicts_rest_on_and_verifies(bundle):
    world, db_path, out = bundle
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read(_name(BULLETIN, "html")) == BULLETIN
        assert archive.read(_name(GAUGE, "pdf")) == GAUGE
        report = json.loads(archive.read("report.json"))
    assert _name(UNCITED, "html") not in names, "removed evidence is no verdict's source"
    assert manifest["files"][_name(GAUGE, "pdf")] == hashlib.sha256(GAUGE).hexdigest()
    check = verify_bundle(out, world.db)
    assert check.ok, check.problems
    # Each evidence item says what backs it.
    claims = report["claims"]
    items = [e for c in claims for e in c.get("evidence", [])]
    backed = {e["url"]: (e["snapshot"] or {}).get("kind") for e in items}
    assert backed["https://county.example/bulletin"] == "fetched"
    quote = next(e for e in items if e["url"] == "https://county.example/bulletin")["quote_check"]
    assert quote["status"] == "found"
    result = CliRunner().invoke(main, ["--db", str(db_path), "export", "verify", str(out)])
    assert result.exit_code == 0, result.output


def test_reports_say_what_backs_each_source_and_whether_its_quote_was_found(bundle):
    world, db_path, _ = bundle
    for name in ("markdown", "html"):
        result = CliRunner().invoke(
            main, ["--db", str(db_path), "export", "--format", name, "--as", "ed", "-o", "-"]
        )
        assert result.exit_code == 0, result.output
        assert "Quote found in the archived copy · copy fetched by the workbench" in result.output


def test_the_json_export_carries_the_latest_link_check(bundle, tmp_path):
    from factcheck.store import link_checks

    world, db_path, _ = bundle
    url = "https://county.example/bulletin"
    quoted = world.db.execute("SELECT id FROM evidence WHERE url = ?", [url]).fetchone()[0]
    link_checks.record_link_checks(
        world.db, url, actor=SYSTEM,
        checks=[{"outcome": "moved", "http_status": 200, "final_url": "https://county.example/",
                 "quotes": {quoted: "not_found"}}],
    )  # fmt: skip
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", "--format", "json", "--as", "ed", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    items = [e for c in json.loads(out.read_text())["claims"] for e in c["evidence"]]
    item = next(e for e in items if e["url"] == "https://county.example/bulletin")
    check = item["link_check"]
    assert check["outcome"] == "moved" and check["acknowledged"] is False  # JSON's false, not 0
    assert check["quote_status"] == ("not_found" if item["id"] == quoted else None)
    assert isinstance(item["snapshot"]["kept_after_publication"], bool)
    assert item["snapshot"]["error"] is None


def _tamper(out, old_name, new_name, data):
    """Swap one copy for other bytes and make the manifest agree, as a forger would."""
    with zipfile.ZipFile(out) as source:
        members = {i.filename: source.read(i.filename) for i in source.infolist()}
    manifest = json.loads(members.pop("manifest.json"))
    members.pop(old_name)
    del manifest["files"][old_name]
    members[new_name] = data
    manifest["files"][new_name] = hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
        target.writestr("manifest.json", json.dumps(manifest))


def test_a_copy_swapped_for_other_bytes_is_found_out(bundle):
    world, _, out = bundle
    name = _name(BULLETIN, "html")
    _tamper(out, name, name, b"<html>forged</html>")
    check = verify_bundle(out)
    assert not check.ok
    assert any("is not the archived copy its name says" in p for p in check.problems)


def test_a_copy_the_database_never_held_is_found_out(bundle):
    world, _, out = bundle
    forged = b"<html>made up afterwards</html>"
    _tamper(out, _name(BULLETIN, "html"), _name(forged, "html"), forged)
    assert verify_bundle(out).problems == [], "the zip agrees with itself"
    check = verify_bundle(out, world.db)
    assert any("is not an archived copy this database holds" in p for p in check.problems)


REVISED_RATIONALE = "The county revised its count of homes cut off to 2,900 a day later."
REVISED = b"<html><body><p>The county now says 2,900 homes were cut off.</p></body></html>"


def _correct_on_a_new_source(world, *, submit: bool) -> None:
    """A correction of the published verdict resting on its source and on a new one, archived."""
    rita = world.people["rita"]
    reason = "The county revised its figure"
    verdicts.correct_verdict(
        world.db, world.published, rating="Misleading", rationale=REVISED_RATIONALE,
        reason=reason, actor=rita,
    )  # fmt: skip
    added = evidence.add_evidence(
        world.db, world.published, url="https://county.example/revised", stance="refutes",
        quote="2,900 homes were cut off", actor=rita,
    )  # fmt: skip
    _keep(world.db, "https://county.example/revised", REVISED, "text/html", "2,900 homes.")
    cited = [e["id"] for e in evidence.evidence_for_claim(world.db, world.published)]
    assert added["id"] in cited
    verdicts.set_verdict(
        world.db, world.published, rating="Misleading", rationale=REVISED_RATIONALE,
        evidence_ids=cited, actor=rita,
    )  # fmt: skip
    if submit:
        verdicts.submit_for_review(world.db, world.published, actor=rita)


@pytest.mark.parametrize("submit", [True, False], ids=["in review", "drafted"])
def test_a_correction_under_way_brings_the_copies_it_rests_on(tmp_path, monkeypatch, submit):
    world, db_path = _world(tmp_path, monkeypatch)
    _correct_on_a_new_source(world, submit=submit)
    out = tmp_path / "out.zip"
    _export(db_path, out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        [claim] = [
            c for c in json.loads(archive.read("report.json"))["claims"]
            if c["id"] == world.published
        ]  # fmt: skip
    assert [v["state"] for v in claim["verdicts"]] == [
        "published", "in_review" if submit else "draft"
    ]  # fmt: skip
    assert _name(REVISED, "html") in names, "the correction's new source"
    assert _name(BULLETIN, "html") in names, "the published verdict's source"
    assert verify_bundle(out, world.db).ok
