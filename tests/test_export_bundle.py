"""Bundles: the zip's contents and manifest, and `factcheck export verify` on intact and altered ones."""

import csv
import hashlib
import io
import json
import sqlite3
import struct
import warnings
import zipfile
import zlib

import pytest
from click.testing import CliRunner
from test_export_world import ORG_NAME, PUBLIC_URL, build_world, export_bytes

from factcheck.cli import main
from factcheck.exports.bundle import MANIFEST_LIMIT, NotABundle, manifest_bytes, verify_bundle
from factcheck.store import audit

FILES = ("report.json", "claims.csv", "claimreview.json", "report.html")


@pytest.fixture
def exported(tmp_path, monkeypatch):
    """A world on disk, a bundle exported from it by the CLI, and the path of each."""
    db_path = tmp_path / "bundle.db"
    world = build_world(db_path)
    monkeypatch.setenv("FACTCHECK_ORG_NAME", ORG_NAME)
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL", PUBLIC_URL)
    head = audit.head(world.db)
    bundle = tmp_path / "out.zip"
    result = CliRunner().invoke(
        main,
        ["--db", str(db_path), "export", "--format", "bundle", "--as", "ed", "-o", str(bundle)],
    )
    assert result.exit_code == 0, result.output
    return world, db_path, bundle, head


def _verify(*args):
    return CliRunner().invoke(main, [*args])


def _rewrite(bundle, name, change):
    """Copy the zip with one member's bytes changed (or the member dropped when change is None)."""
    with zipfile.ZipFile(bundle) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(bundle, "w") as target:
        for member, data in members.items():
            if member == name and change is None:
                continue
            target.writestr(member, change(data) if member == name else data)


def test_bundle_holds_every_part_and_a_manifest(exported):
    world, _, bundle, head = exported
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == sorted([*FILES, "manifest.json"])
        manifest = json.loads(archive.read("manifest.json"))
        for name in FILES:
            assert manifest["files"][name] == hashlib.sha256(archive.read(name)).hexdigest()
        report = json.loads(archive.read("report.json"))
        rows = list(
            csv.DictReader(io.StringIO(archive.read("claims.csv").decode("utf-8-sig"), newline=""))
        )
        reviews = json.loads(archive.read("claimreview.json"))
        html = archive.read("report.html").decode()
    assert manifest["exported_by"] == "ed"
    assert manifest["audit_head"] == {"row": head[0], "hash": head[1]}
    assert manifest["filters"] == {"article": None, "status": None, "since": None}
    assert manifest["created_at"].endswith("Z")
    assert manifest["claims"] == len(report["claims"]) == len(rows)
    assert {int(r["url"].rsplit("/", 1)[1]) for r in reviews} == {
        world.published,
        world.corrected,
        world.harbour_published,
    }
    assert report["export"]["audit_head"] == manifest["audit_head"]
    assert "<svg" in html


def test_export_row_records_the_bundle(exported):
    world, _, bundle, head = exported
    last = list(world.db.query("SELECT * FROM audit ORDER BY id DESC LIMIT 1"))[0]
    details = json.loads(last["after"])
    assert last["id"] == head[0] + 1 and last["actor"] == "ed"
    assert last["record_type"] == "export" and last["action"] == "export"
    assert details["sha256"] == hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert details["audit_head"] == {"row": head[0], "hash": head[1]}
    with zipfile.ZipFile(bundle) as archive:
        manifest = archive.read("manifest.json")
    assert details["manifest_sha256"] == hashlib.sha256(manifest).hexdigest()
    assert audit.verify(world.db).ok


def test_verify_passes_an_intact_bundle(exported):
    _, db_path, bundle, head = exported
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 0, result.output
    assert "4 files match" in result.output and f"audit row {head[0]}" in result.output
    result = _verify("--db", str(db_path), "export", "verify", str(bundle), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and report["database_checked"] and report["problems"] == []
    assert report["export_rows"] == [head[0] + 1]


def test_factcheck_db_names_the_database_to_check_against_as_the_help_says(exported, monkeypatch):
    _, db_path, bundle, head = exported
    monkeypatch.setenv("FACTCHECK_DB", str(db_path))
    result = _verify("export", "verify", str(bundle), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and report["database_checked"]
    assert report["export_rows"] == [head[0] + 1]
    monkeypatch.setenv("FACTCHECK_DB", str(db_path.with_name("nope.db")))
    missing = _verify("export", "verify", str(bundle))
    assert missing.exit_code == 2 and "there is no database at" in missing.output


@pytest.mark.parametrize("name", FILES)
def test_verify_names_the_changed_file(exported, name):
    _, _, bundle, _ = exported
    _rewrite(bundle, name, lambda data: data.replace(b"Accurate", b"Inaccurate", 1) + b" ")
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 1
    assert f"{name} was changed" in result.output
    assert all(f"{other} was changed" not in result.output for other in FILES if other != name)


def _damage(bundle, name, error):
    """Flip one byte of `name`'s compressed data, as a bad disk or transfer would: the first, from
    200 bytes in, whose flip makes reading the member raise `error` (zlib's own check or the CRC
    catches it, depending on where it falls)."""
    data = bundle.read_bytes()
    with zipfile.ZipFile(bundle) as archive:
        info = archive.getinfo(name)
    header = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[header + 26 : header + 30])
    start = header + 30 + name_length + extra_length
    # A short member (the manifest) may hold fewer than 200 compressed bytes: start halfway then.
    for offset in range(start + min(200, info.compress_size // 2), start + info.compress_size):
        damaged = bytearray(data)
        damaged[offset] ^= 0xFF
        try:
            with zipfile.ZipFile(io.BytesIO(damaged)) as archive:
                archive.read(name)
        except error:
            bundle.write_bytes(damaged)
            return
        except Exception:
            continue
    pytest.fail(f"no flipped byte in {name} raises {error}")


def _cut_short(bundle, name):
    """Store the members uncompressed, then have the central directory say `name` runs past the
    end of the file, so reading it ends early (EOFError)."""
    _rewrite(bundle, name, lambda data: data)
    with zipfile.ZipFile(bundle) as archive:
        directory = archive.start_dir
    data = bytearray(bundle.read_bytes())
    entry = data.index(name.encode(), directory) - 46
    data[entry + 20 : entry + 28] = struct.pack("<II", len(data) * 2, len(data) * 2)
    bundle.write_bytes(data)


@pytest.mark.parametrize("database", [False, True], ids=["alone", "with --db"])
@pytest.mark.parametrize("error", [zlib.error, zipfile.BadZipFile, EOFError])
def test_verify_names_a_damaged_member_in_one_line(exported, error, database):
    _, db_path, bundle, _ = exported
    if error is EOFError:
        _cut_short(bundle, "report.json")
    else:
        _damage(bundle, "report.json", error)
    with_db = ["--db", str(db_path)] if database else []
    result = _verify(*with_db, "export", "verify", str(bundle))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"{bundle}: report.json is damaged or was changed after the bundle was made\n" in (
        result.output
    )


def test_verify_refuses_a_damaged_manifest_in_one_line(exported):
    _, _, bundle, _ = exported
    _damage(bundle, "manifest.json", (zlib.error, zipfile.BadZipFile))
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.output == (
        f"Error: {bundle}: its manifest.json is damaged or was changed after the bundle was made\n"
    )


@pytest.mark.parametrize("name", ["report.html", "manifest.json"])
def test_verify_refuses_a_member_that_appears_twice(exported, name):
    """Python reads the last copy of a repeated name, other unzip tools may show the first: a
    changed copy put before the original must not pass."""
    _, _, bundle, _ = exported
    with zipfile.ZipFile(bundle) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(bundle, "w") as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile's "Duplicate name" warning: the point here
        for member, data in members:
            if member == name:
                target.writestr(member, data.replace(b"Accurate", b"False") + b" ")
            target.writestr(member, data)
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 1, result.output
    assert f"{name} appears 2 times in the bundle" in result.output
    assert "Bundle intact" not in result.output


def test_a_bundle_packed_again_with_folder_entries_still_verifies(exported):
    """Unpacked and zipped again by Finder, Windows or `zip -r`, which add an entry for each
    folder: those hold nothing, so the bundle is still intact. A file in one is not."""
    _, db_path, bundle, _ = exported
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr(zipfile.ZipInfo("copies/"), b"")
        archive.writestr(zipfile.ZipInfo("notes/"), b"")
    result = _verify("--db", str(db_path), "export", "verify", str(bundle))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr("notes/extra.txt", b"slipped in")
    assert "notes/extra.txt was added" in _verify("export", "verify", str(bundle)).output


def test_a_bundle_compressed_inside_its_folder_verifies_there(exported, tmp_path):
    """Unpacked into a folder and that folder compressed (Finder's and Windows' "Compress"):
    every file sits inside b5/, which is checked as the bundle; a file beside the folder is
    one the manifest lacks."""
    _, db_path, bundle, _ = exported
    wrapped = tmp_path / "wrapped.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(wrapped, "w") as target:
        target.writestr(zipfile.ZipInfo("b5/"), b"")
        for member in source.namelist():
            target.writestr(f"b5/{member}", source.read(member))
    result = _verify("--db", str(db_path), "export", "verify", str(wrapped))
    assert result.exit_code == 0, result.output
    assert "Bundle intact (inside the folder b5/): 4 files match the manifest" in result.output
    report = json.loads(_verify("export", "verify", str(wrapped), "--json").output)
    assert report["ok"] and report["folder"] == "b5/"
    _rewrite(wrapped, "b5/claims.csv", lambda data: data + b" ")
    with zipfile.ZipFile(wrapped, "a") as archive:
        archive.writestr("notes.txt", b"slipped in")
    result = _verify("export", "verify", str(wrapped))
    assert result.exit_code == 1
    assert "claims.csv was changed" in result.output and "notes.txt was added" in result.output


def test_a_bundle_compressed_again_by_finder_is_not_intact_and_says_why(exported, tmp_path):
    """Finder's "Compress" adds each unpacked file's extended attributes under __MACOSX/, and
    the folder's view settings in .DS_Store. Files all the same, whose bytes after their first
    could be a forged report: not intact, with a word on where they may come from."""
    _, db_path, bundle, _ = exported
    wrapped = tmp_path / "Archive.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(wrapped, "w") as target:
        for member in source.namelist():
            target.writestr(f"b5/{member}", source.read(member))
        target.writestr("__MACOSX/b5/._report.html", b"\x00\x05\x16\x07<h1>Claim 3: True</h1>")
        target.writestr("b5/.DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00")
        target.writestr("__MACOSX/b5/._notes.html", b"<p>A note slipped in.</p>")
    result = _verify("--db", str(db_path), "export", "verify", str(wrapped))
    assert result.exit_code == 1 and "Bundle intact" not in result.output
    finder = "macOS Finder adds a file like it when it compresses a folder"
    assert f"__MACOSX/b5/._report.html was added: the manifest does not list it ({finder}" in (
        result.output
    )
    assert f".DS_Store was added: the manifest does not list it ({finder}" in result.output
    assert "__MACOSX/b5/._notes.html was added: the manifest does not list it\n" in result.output


def test_verify_notices_missing_and_added_files(exported):
    _, _, bundle, _ = exported
    _rewrite(bundle, "claims.csv", None)
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr("extra.txt", b"slipped in")
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 1
    assert "claims.csv is listed in the manifest but missing" in result.output
    assert "extra.txt was added" in result.output


@pytest.mark.parametrize("name", ["../evil.txt", "copies/../../evil.txt", "/etc/evil", "C:\\evil"])
def test_verify_refuses_a_member_that_would_unpack_outside_its_folder(exported, name):
    _, _, bundle, _ = exported
    evil = b"written where it should not be"

    def list_it(data):
        manifest = json.loads(data)
        manifest["files"][name] = hashlib.sha256(evil).hexdigest()
        return json.dumps(manifest).encode()

    _rewrite(bundle, "manifest.json", list_it)
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr(name, evil)
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 1
    assert f"{name} is not a name a bundle holds" in result.output


def test_a_rewritten_manifest_fools_the_zip_but_not_the_database(exported):
    _, db_path, bundle, _ = exported

    with zipfile.ZipFile(bundle) as archive:
        forged_html = archive.read("report.html").replace(b"Accurate", b"False")

    def forge(data):
        manifest = json.loads(data)
        manifest["files"]["report.html"] = hashlib.sha256(forged_html).hexdigest()
        return json.dumps(manifest).encode()

    _rewrite(bundle, "manifest.json", forge)
    _rewrite(bundle, "report.html", lambda _: forged_html)
    fooled = _verify("export", "verify", str(bundle))
    assert fooled.exit_code == 0
    assert f"`factcheck --db DATABASE export verify {bundle}`" in fooled.output
    result = _verify("--db", str(db_path), "export", "verify", str(bundle))
    assert result.exit_code == 1
    # The export's own audit row says what it wrote: the file changed with the manifest is named.
    written = json.loads(
        sqlite3.connect(db_path)
        .execute("SELECT after FROM audit WHERE action = 'export' ORDER BY id DESC LIMIT 1")
        .fetchone()[0]
    )["files"]["report.html"]
    assert (
        "report.html was changed after the export, and the manifest rewritten to match: the"
        f" export wrote sha256 {written}, the bundle's is {hashlib.sha256(forged_html).hexdigest()}"
    ) in result.output
    assert "claims.csv" not in result.output


def test_a_manifest_rewritten_without_a_file_or_with_one_more_names_it(exported):
    _, db_path, bundle, _ = exported

    def swap(data):
        manifest = json.loads(data)
        manifest["files"]["notes.txt"] = hashlib.sha256(b"added").hexdigest()
        del manifest["files"]["claims.csv"]
        return json.dumps(manifest).encode()

    _rewrite(bundle, "claims.csv", None)
    _rewrite(bundle, "manifest.json", swap)
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr("notes.txt", b"added")
    result = _verify("--db", str(db_path), "export", "verify", str(bundle))
    assert result.exit_code == 1
    assert "notes.txt was added after the export" in result.output
    assert "claims.csv was taken out after the export" in result.output
    # A manifest whose export the trail does not record at all is said so.
    _rewrite(
        bundle, "manifest.json", lambda data: data.replace(b'"created_at": "', b'"created_at": "1')
    )
    unknown = _verify("--db", str(db_path), "export", "verify", str(bundle))
    assert "no export in this database's audit trail wrote this manifest" in unknown.output


def test_another_desks_bundle_is_said_to_come_from_another_database(exported, tmp_path):
    _, _, bundle, head = exported
    other = tmp_path / "other.db"
    build_world(other).db.close()
    result = _verify("--db", str(other), "export", "verify", str(bundle))
    assert result.exit_code == 1
    assert "the bundle comes from another database" in result.output
    assert "rewritten" not in result.output and "is broken" not in result.output


def test_verify_with_db_notices_a_tampered_audit_trail(exported):
    world, db_path, bundle, head = exported
    world.db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET hash = ? WHERE id = ?", ["f" * 64, head[0]])
    conn.commit()
    conn.close()
    result = _verify("--db", str(db_path), "export", "verify", str(bundle))
    assert result.exit_code == 1
    assert f"audit row {head[0]} has hash {'f' * 64}" in result.output
    assert "the audit trail is broken" in result.output


def test_verify_refuses_what_is_not_a_bundle(tmp_path):
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("just text")
    result = _verify("export", "verify", str(not_zip))
    assert result.exit_code == 2 and "not a zip file" in result.output
    plain_zip = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    result = _verify("export", "verify", str(plain_zip))
    assert result.exit_code == 2 and "no manifest.json" in result.output
    with pytest.raises(NotABundle):
        verify_bundle(io.BytesIO(b"PK\x03\x04 truncated"))


@pytest.mark.parametrize("levels", [150, 100_000])
def test_verify_refuses_a_manifest_nested_too_deeply(tmp_path, levels):
    bundle = tmp_path / "deep.zip"
    nested = "[" * levels + "]" * levels
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("manifest.json", f'{{"files": {{}}, "audit_head": {{}}, "x": {nested}}}')
    result = _verify("export", "verify", str(bundle))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.output == (
        f"Error: {bundle}: its manifest.json is nested too deeply (lists or objects more than 100"
        " levels inside one another), which no export writes\n"
    )


def test_verify_refuses_a_manifest_larger_than_any_export_writes(exported):
    """A manifest padded with spaces (still valid JSON) packs into a small zip and would be read
    whole: its declared size is refused before a byte of it is read."""
    _, _, bundle, _ = exported
    padded = bundle.with_name("padded.zip")
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            if name != "manifest.json":
                z.writestr(name, source.read(name))
        body = source.read("manifest.json").rstrip()
        with z.open("manifest.json", "w", force_zip64=True) as manifest:
            manifest.write(body[:-1])
            for _ in range(MANIFEST_LIMIT * 3 // 2 >> 20):
                manifest.write(b" " * (1 << 20))
            manifest.write(b"}")
    assert padded.stat().st_size < 1 << 20
    result = _verify("export", "verify", str(padded))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.output == (
        f"Error: {padded}: its manifest.json is 192 MB, larger than any export writes\n"
    )


def test_a_big_desks_manifest_is_well_within_the_bound():
    """About 150 bytes a copy: a desk of 50,000 claims whose verdicts rest on three copies each."""
    copies = (hashlib.sha256(str(n).encode()).hexdigest() for n in range(150_000))
    files = {f"copies/{digest}.html": digest for digest in copies}
    files |= dict.fromkeys(FILES, "0" * 64)
    head = {"row": 10**9, "hash": "0" * 64}
    size = len(manifest_bytes({"files": files, "audit_head": head, "claims": 50_000}))
    assert 20 << 20 < size < MANIFEST_LIMIT // 4


def test_verify_with_a_missing_database_is_refused(exported, tmp_path):
    _, _, bundle, _ = exported
    result = _verify("--db", str(tmp_path / "nope.db"), "export", "verify", str(bundle))
    assert result.exit_code == 2 and "no database" in result.output
    assert not (tmp_path / "nope.db").exists()


def test_bundle_in_memory_matches_the_manifest(tmp_path):
    world = build_world(tmp_path / "memory.db")
    data = export_bytes(world, "bundle")
    check = verify_bundle(io.BytesIO(data), db=world.db)
    assert check.ok, check.problems
    assert sorted(check.files) == sorted(FILES)
