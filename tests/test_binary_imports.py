"""A ZIP, an image or a PDF renamed .html is refused with a one-line reason, from the web (directly
and as a background job) and from `factcheck import`, and nothing is written."""

import io
import struct
import zipfile
import zlib

import pytest
from click.testing import CliRunner
from helpers import DAM_ARTICLE_PAGE, SAMPLE_ARTICLE, audit_count, page_token, parse, refused_saying

from factcheck import job_progress
from factcheck.cli import main
from factcheck.importers import ImportRefused, binary_kind, from_html, from_text
from factcheck.store import articles as article_store
from factcheck.views.imports import DIRECT_IMPORT_MAX_BYTES

pytestmark = pytest.mark.usefixtures("immediate_jobs")


def zip_bytes(min_size: int = 0) -> bytes:
    """A real ZIP holding an article page (deflated, as a browser download or a .docx is)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.html", DAM_ARTICLE_PAGE)
        archive.writestr("notes.txt", SAMPLE_ARTICLE)
        if min_size:
            # Stored, not compressed, so the file is as big as a job-sized upload.
            archive.writestr(
                "padding.bin", bytes(range(256)) * (min_size // 256 + 1), zipfile.ZIP_STORED
            )
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A real 2x2 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = zlib.compress(b"\x00\xff\x00\x00\xff\x00\x00" * 2)
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    """A small real PDF: its body is readable text, which is what made it slip through."""
    text = " ".join(["Heavy rain closed 14 schools on Tuesday, officials said."] * 8)
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length "
        + str(len(stream)).encode()
        + b" >> stream\n"
        + stream
        + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


BINARIES = {
    "ZIP archive": zip_bytes(),
    "PNG image": png_bytes(),
    "PDF document": pdf_bytes(),
}


@pytest.mark.parametrize(("kind", "data"), BINARIES.items(), ids=list(BINARIES))
def test_each_kind_is_named(kind, data):
    assert binary_kind(data) in (f"a {kind}",)
    with refused_saying(ImportRefused, f"^this file is a {kind}, not an HTML page; "):
        from_html(data)
    with refused_saying(ImportRefused, f"^this file is a {kind}, not a text file; "):
        from_text(data)


@pytest.mark.parametrize(("kind", "data"), BINARIES.items(), ids=list(BINARIES))
def test_binary_data_fetched_as_a_web_page_is_named_by_its_address(monkeypatch, kind, data):
    from factcheck import importers
    from factcheck.network.fetch import FetchedPage

    url = "https://news.example/report"
    monkeypatch.setattr(
        importers,
        "fetch",
        lambda address, **kwargs: FetchedPage(url, 200, "text/html", data, None),
    )
    with refused_saying(
        ImportRefused,
        f"^refused: {url} is a {kind}, not a web page .*; copy the article's text and import it"
        " with --format text$",
    ):
        importers.from_url(url)


def test_text_and_html_are_not_binary():
    for data in (DAM_ARTICLE_PAGE, SAMPLE_ARTICLE.encode(), "Ünïcødé".encode("utf-16")):
        assert binary_kind(data) is None
    assert binary_kind(b"plain words\x00 and a NUL") == "binary data"


def test_a_page_without_a_title_is_named_by_its_first_line():
    page = DAM_ARTICLE_PAGE.replace(b"<title>", b"<x-title>").replace(b"</title>", b"</x-title>")
    page = page.replace(b"<h1>Dam inspection finds 7 cracks</h1>", b"")
    article = from_html(page)
    assert article.title == article.body.split("\n", 1)[0]


@pytest.fixture
def post_upload(client):
    token = page_token(client, "/")

    def post(filename: str, content: bytes):
        return client.post(
            "/imports",
            data={"csrf_token": token, "source": "file", "file": (io.BytesIO(content), filename)},
            content_type="multipart/form-data",
        )

    return post


@pytest.mark.parametrize(("kind", "data"), BINARIES.items(), ids=list(BINARIES))
def test_a_renamed_binary_upload_is_refused_beside_the_file_field(post_upload, app_db, kind, data):
    before = audit_count(app_db)
    response = post_upload("story.html", data)
    assert response.status_code == 422
    message = parse(response).cssselect("#import-file-error")[0].text_content()
    assert message == (
        f"This file is a {kind}, not an HTML page. Import the article as an HTML or text file."
    )
    assert "\n" not in message.strip()
    assert article_store.list_articles(app_db) == [] and audit_count(app_db) == before


def test_a_big_renamed_zip_fails_its_job_with_the_reason(post_upload, client, app_db):
    data = zip_bytes(DIRECT_IMPORT_MAX_BYTES + 1000)
    assert len(data) > DIRECT_IMPORT_MAX_BYTES
    before = audit_count(app_db)
    response = post_upload("story.html", data)
    assert response.status_code == 303 and response.headers["Location"].startswith("/imports/")
    job_id = response.headers["Location"].removeprefix("/imports/")
    assert job_progress.progress(job_id)["stage"] == "failed"
    progress = parse(client.get(response.headers["Location"]))
    message = progress.cssselect("[data-error-message]")[0].text_content()
    assert message.startswith("This file is a ZIP archive, not an HTML page. Import the article")
    assert "unexpected" not in message
    assert article_store.list_articles(app_db) == [] and audit_count(app_db) == before


@pytest.mark.parametrize(("kind", "data"), BINARIES.items(), ids=list(BINARIES))
@pytest.mark.parametrize("name", ["story.html", "story.txt"])
def test_the_cli_refuses_a_renamed_binary_in_one_line(tmp_path, kind, data, name):
    database = tmp_path / "cli.db"
    assert CliRunner().invoke(main, ["--db", str(database), "init"]).exit_code == 0
    source = tmp_path / name
    source.write_bytes(data)
    result = CliRunner().invoke(main, ["--db", str(database), "import", str(source)])
    assert result.exit_code == 2
    expected = "an HTML page" if name.endswith(".html") else "a text file"
    assert result.output.startswith(f"Error: this file is a {kind}, not {expected}; ")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    listed = CliRunner().invoke(main, ["--db", str(database), "articles", "--json"])
    assert listed.exit_code == 0 and listed.output.strip() == "[]"
