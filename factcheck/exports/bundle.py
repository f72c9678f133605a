"""The verifiable bundle: a zip of the JSON, CSV, ClaimReview and HTML exports, and the archived
copies of the evidence pages the verdicts rest on (copies/<sha256>.<ext>), with a manifest of
their sha256 hashes and the audit chain head they were taken at, and the check of such a zip.

The manifest's own sha256 is recorded in the export's audit row, so a database that still holds
the chain can show the manifest (and so every file) is the one the export wrote."""

import hashlib
import io
import json
import lzma
import os
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from factcheck import json_input
from factcheck.copies import COPY_EXTENSIONS
from factcheck.db import Database
from factcheck.exports import claimreview, csv_format, html_report, json_format
from factcheck.exports.context import ExportContext
from factcheck.exports.hashing import HashingWriter
from factcheck.shared_words import size_words
from factcheck.store import audit, export_reads

MANIFEST = "manifest.json"
PARTS = (
    ("report.json", json_format.write_json),
    ("claims.csv", csv_format.write),
    ("claimreview.json", claimreview.write),
    ("report.html", html_report.write),
)
CHUNK = 1 << 16
# Archived copies of evidence pages, each named by the sha256 of its bytes.
COPIES_FOLDER = "copies/"
# What reading a member whose bytes were damaged raises: a compressed stream that no longer
# decompresses (zlib, lzma; bz2 raises OSError), a failed CRC or header check, data that ends
# early, or a compression method or encryption no bundle is written with.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
DAMAGED = "is damaged or was changed after the bundle was made"


class NotABundle(ValueError):
    """The file is not a zip with a readable manifest; the message says what is wrong."""


@dataclass
class BundleCheck:
    ok: bool
    files: dict[str, str]
    manifest: dict
    manifest_sha256: str
    problems: list[str] = field(default_factory=list)
    export_rows: list[int] = field(default_factory=list)
    database_checked: bool = False
    #: The folder ('b5/') the bundle's files sit in, when the zip wraps them in one.
    folder: str = ""


def manifest_bytes(manifest: dict) -> bytes:
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"


def write(out: io.BufferedIOBase, context: ExportContext) -> dict:
    context.config.require_publisher()
    files = {}
    claims = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, writer in PARTS:
            with archive.open(name, "w", force_zip64=True) as entry:
                sink = HashingWriter(entry)
                outcome = writer(sink, context)
                sink.flush()
            files[name] = sink.hexdigest()
            if name == "report.json":
                claims = outcome["claims"]
        files.update(_write_copies(archive, context))
        provenance = context.provenance
        manifest = {
            "created_at": provenance["created_at"],
            "filters": provenance["filters"],
            "exported_by": provenance["exported_by"],
            "audit_head": provenance["audit_head"],
            "generator": provenance["generator"],
            "claims": claims,
            "files": files,
        }
        content = manifest_bytes(manifest)
        archive.writestr(MANIFEST, content)
    return {
        "claims": claims,
        "files": files,
        "manifest_sha256": hashlib.sha256(content).hexdigest(),
    }


def _write_copies(archive: zipfile.ZipFile, context: ExportContext) -> dict[str, str]:
    """The archived copies the exported verdicts rest on, each named by its own sha256."""
    files = {}
    db = context.db
    for stored in export_reads.verdict_copies(db, **context.store_arguments()):
        data = export_reads.copy_bytes(db, stored["sha256"])
        if data is None:
            continue
        extension = COPY_EXTENSIONS.get(stored["content_type"], "bin")
        name = f"{COPIES_FOLDER}{stored['sha256']}.{extension}"
        archive.writestr(name, data)
        files[name] = hashlib.sha256(data).hexdigest()
    return files


def wrapping_folder(archive: zipfile.ZipFile) -> str:
    """'' for a bundle with its files at the top of the zip; 'b5/' for one unpacked into the
    folder b5 and that folder compressed (Finder's and Windows' "Compress" do that), whose
    manifest is b5/manifest.json."""
    names = archive.namelist()
    if MANIFEST in names:
        return ""
    folders = {name.removesuffix(MANIFEST) for name in names if name.endswith(f"/{MANIFEST}")}
    folders = {folder for folder in folders if folder.count("/") == 1}
    if len(folders) != 1:
        return ""
    folder = folders.pop()
    return "" if _unsafe_name(folder) else folder


#: The largest manifest.json read. A manifest lists each file of its bundle with its sha256,
#: about 152 bytes a copy: a generated desk of 50,667 claims whose verdicts rest on 51,172
#: copies wrote 7.8 MB; three copies a claim would be 23 MB.
MANIFEST_LIMIT = 128 << 20


def _read_manifest(archive: zipfile.ZipFile, folder: str = "") -> tuple[dict, bytes]:
    # A bundle to check may come from anyone: a manifest padded with spaces packs into a small
    # zip and, read whole, would take the machine's memory. Its declared size is refused before
    # a byte is read, and the read stops at the bound whatever the zip declares.
    try:
        declared = archive.getinfo(folder + MANIFEST).file_size
        if declared > MANIFEST_LIMIT:
            raise NotABundle(
                f"its {MANIFEST} is {size_words(declared)}, larger than any export writes"
            )
        with archive.open(folder + MANIFEST) as member:
            content = member.read(MANIFEST_LIMIT + 1)
    except KeyError:
        raise NotABundle(f"it has no {MANIFEST}, so it is not a factcheck export bundle") from None
    except UNREADABLE:
        raise NotABundle(f"its {MANIFEST} {DAMAGED}") from None
    if len(content) > MANIFEST_LIMIT:
        raise NotABundle(f"its {MANIFEST} holds more than its zip says, which no export writes")
    try:
        manifest = json_input.loads(content)
    except json_input.TooDeep as error:
        raise NotABundle(f"its {MANIFEST} is {error}, which no export writes") from None
    except ValueError:
        raise NotABundle(f"its {MANIFEST} is not valid JSON") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    head = manifest.get("audit_head") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not isinstance(head, dict):
        raise NotABundle(f"its {MANIFEST} does not list files and an audit head")
    return manifest, content


def _sha256_of(archive: zipfile.ZipFile, name: str) -> str | None:
    """The member's sha256, or None when its bytes cannot be read back."""
    digest = hashlib.sha256()
    try:
        with archive.open(name) as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
    except UNREADABLE:
        return None
    return digest.hexdigest()


def _unsafe_name(name: str) -> bool:
    """A member name no bundle is written with: one that unpacking would place outside the
    folder it is unpacked into (absolute, a drive, or a `..` step)."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def _check_files(archive: zipfile.ZipFile, listed: dict, folder: str = "") -> list[str]:
    # Each member by the name the manifest gives it: inside the folder that wraps the bundle,
    # if one does (a member outside it keeps its whole name, and is one the manifest lacks).
    members = [member for member in archive.namelist() if not folder or member != folder]
    full = {member.removeprefix(folder): member for member in members}
    names = Counter(member.removeprefix(folder) for member in members)
    present = set(names)
    problems = [
        f"{name} is not a name a bundle holds: unpacked, it would land outside its folder"
        for name in sorted(present | set(listed))
        if _unsafe_name(name)
    ]
    # Only the last copy of a repeated name is checked here, and other unzip tools may show the
    # first, so a changed copy could sit in front of the original.
    problems.extend(
        f"{name} appears {count} times in the bundle, which holds each file once: another unzip"
        " tool may show a copy other than the one checked"
        for name, count in sorted(names.items())
        if count > 1
    )
    for name, expected in sorted(listed.items()):
        if name not in present:
            problems.append(f"{name} is listed in the manifest but missing from the bundle")
            continue
        actual = _sha256_of(archive, full[name])
        if actual is None:
            problems.append(f"{name} {DAMAGED}")
        elif actual != expected:
            problems.append(f"{name} was changed: its sha256 no longer matches the manifest")
        elif name.startswith(COPIES_FOLDER) and not _named_by(name, actual):
            problems.append(
                f"{name} is not the archived copy its name says: its sha256 is {actual}"
            )
    for name in sorted(present - set(listed) - {MANIFEST}):
        if _empty_folder_entry(archive, full[name]):
            continue  # zip tools that pack the unpacked bundle again (Finder's, Windows') add them
        if _finder_file(archive, full[name]):
            # Still a file added: what follows its first bytes could be anything, a report too.
            problems.append(
                f"{name} was added: the manifest does not list it (macOS Finder adds a file like"
                " it when it compresses a folder: check the bundle as it was exported, not a copy"
                " zipped again on a Mac)"
            )
            continue
        problems.append(f"{name} was added: the manifest does not list it")
    return problems


# What macOS Finder adds when it compresses a folder: each file's extended attributes (the
# "downloaded from" mark of every unpacked file) as an AppleDouble file under __MACOSX/ named
# "._" and the file's name, and the folder's view settings in .DS_Store. Known by their first
# bytes as well as their names, to say where they may have come from.
_APPLE_DOUBLE = b"\x00\x05\x16\x07"
_DS_STORE = b"\x00\x00\x00\x01Bud1"


def _finder_file(archive: zipfile.ZipFile, name: str) -> bool:
    """A file that looks like one macOS Finder adds to a zip it makes (none of the bundle's)."""
    parts = name.split("/")
    if parts[0] == "__MACOSX" and parts[-1].startswith("._"):
        signature = _APPLE_DOUBLE
    elif parts[-1] == ".DS_Store":
        signature = _DS_STORE
    else:
        return False
    try:
        with archive.open(name) as member:
            return member.read(len(signature)) == signature
    except UNREADABLE:
        return False


def _empty_folder_entry(archive: zipfile.ZipFile, name: str) -> bool:
    """A folder's own entry ('copies/'), which holds nothing, of a folder the manifest lists
    files in or that is empty."""
    info = archive.getinfo(name)
    return info.is_dir() and info.file_size == 0 and not _unsafe_name(name)


def _named_by(name: str, sha256: str) -> bool:
    return name.removeprefix(COPIES_FOLDER).split(".", 1)[0] == sha256


def _check_copies(db: Database, files: dict) -> list[str]:
    """Each archived copy in the bundle is one the database holds, byte for byte."""
    problems = []
    for name in sorted(files):
        if name.startswith(COPIES_FOLDER):
            digest = name.removeprefix(COPIES_FOLDER).split(".", 1)[0]
            if export_reads.copy_bytes(db, digest) is None:
                problems.append(f"{name} is not an archived copy this database holds")
    return problems


def _check_database(
    db: Database, manifest: dict, manifest_sha256: str
) -> tuple[list[str], list[int]]:
    problems = _check_copies(db, manifest["files"])
    head = manifest["audit_head"]
    row, recorded = head.get("row"), head.get("hash")
    chain = audit.verify(db)
    other_trail = False
    if row:
        stored = export_reads.audit_row_hash(db, row)
        if stored is None:
            problems.append(
                f"the audit trail has no row {row}, the head this bundle was taken at: its newest"
                " rows were removed, or an older copy of the database was put back, since the"
                " export (or the bundle comes from another database)"
            )
        elif stored != recorded and chain.ok:
            # An intact trail was not rewritten: its row is another trail's row of that number.
            other_trail = True
            problems.append(
                f"the bundle was taken at audit row {row} with hash {recorded}, and this"
                f" database's row {row} has hash {stored}: the bundle comes from another database"
                " (check it against the desk that exported it), or its manifest was changed"
            )
        elif stored != recorded:
            problems.append(
                f"audit row {row} has hash {stored}, not the {recorded} recorded in the bundle:"
                " the database's trail was rewritten since the export, or the bundle was changed"
            )
    if not chain.ok:
        problems.append(f"the audit trail is broken at row {chain.first_bad_id}: {chain.problem}")
    rows = export_reads.export_rows_with_manifest(db, manifest_sha256)
    if rows or other_trail:
        return problems, rows
    exported = export_reads.recorded_bundle(db, manifest.get("created_at"), row)
    if exported is not None:
        # The export's own row says what it wrote: the files whose sha256 the manifest now
        # gives otherwise were changed with it.
        audit_id, written = exported
        changed = _changed_since_export(manifest["files"], written)
        problems.extend(f"{problem} (see audit row {audit_id})" for problem in changed)
    else:
        problems.append(
            "no export in this database's audit trail wrote this manifest: the bundle was"
            " changed after it was exported, the database's trail lost that export's row since"
            " (rewritten, or an older copy put back), or the bundle comes from another database"
        )
    return problems, rows


def _changed_since_export(listed: dict, written: dict) -> list[str]:
    """How the files a manifest lists differ from the ones its export recorded writing."""
    changed = [
        f"{name} was changed after the export, and the manifest rewritten to match: the export"
        f" wrote sha256 {written[name]}, the bundle's is {listed[name]}"
        for name in sorted(set(listed) & set(written))
        if listed[name] != written[name]
    ]
    changed += [
        f"{name} was added after the export, and the manifest rewritten to list it"
        for name in sorted(set(listed) - set(written))
    ]
    changed += [
        f"{name} was taken out after the export, and the manifest rewritten without it"
        for name in sorted(set(written) - set(listed))
    ]
    if not changed:
        changed.append(
            "the manifest was changed after the export (its files are the ones the export wrote,"
            " its other details are not)"
        )
    return changed


def verify_bundle(source: str | os.PathLike | IO[bytes], db: Database | None = None) -> BundleCheck:
    """Recompute every listed file's sha256; with `db`, also check the audit head the bundle was
    taken at is still in an intact chain and the export that wrote it is recorded there.

    `source` is a path or a binary file object. Raises NotABundle for anything that is not one."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise NotABundle(f"it is not a zip file ({error})") from None
    with archive:
        folder = wrapping_folder(archive)
        manifest, content = _read_manifest(archive, folder)
        files = {str(name): str(value) for name, value in manifest["files"].items()}
        problems = _check_files(archive, files, folder)
    check = BundleCheck(
        ok=False,
        files=files,
        manifest=manifest,
        manifest_sha256=hashlib.sha256(content).hexdigest(),
        problems=problems,
        folder=folder,
    )
    if db is not None:
        found, rows = _check_database(db, manifest, check.manifest_sha256)
        check.problems.extend(found)
        check.export_rows = rows
        check.database_checked = True
    check.ok = not check.problems
    return check
