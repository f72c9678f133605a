"""Plain helpers the tests share: a fresh database, people in each role, a sample article, and
reading pages and posting forms as a browser would."""

import atexit
import functools
import hashlib
import re
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import pytest

from factcheck import db as database
from factcheck.cli.error_words import error_words
from factcheck.ingest import ingest_text
from factcheck.private_files import create_private_file
from factcheck.store import claim_reads, snapshots, users
from factcheck.store.actors import SYSTEM

PASSWORD = "correct horse battery"

SAMPLE_ARTICLE = """Flooding closes 14 schools in the river valley

Officials expect the water to fall by the weekend

Heavy rain closed 14 schools and cut power to 3,200 homes on Tuesday, the county emergency office said.

"The river rose 2.4 metres in six hours. We have never seen it rise that fast," said Dana Whitfield, the county's flood officer.

The mood in the town was calm.

ALSO READ | How the valley rebuilt after the 2011 floods
"""

# A small news page to serve from a local test server.
DAM_ARTICLE_PAGE = (
    b"<!doctype html><html><head><title>Dam inspection finds 7 cracks | Valley Post</title>"
    b'<meta property="og:site_name" content="Valley Post"></head><body><nav><a href="/">Home</a>'
    b"</nav><article><h1>Dam inspection finds 7 cracks</h1>"
    b"<p>Engineers found seven cracks in the spillway of the Upper Valley dam during an inspection"
    b" on Monday, the water board said in a statement.</p>"
    b"<p>The board said none of the cracks was deeper than 4 centimetres and that the dam, built in"
    b" 1962, remained safe to operate while repairs were planned.</p>"
    b"<p>Repairs are expected to cost about 1.2 million dollars and to start in the spring.</p>"
    b"</article><footer>Contact us</footer></body></html>"
)

# Markup quoted in an article, a rationale or a source: it must always show as text.
SCRIPT = "<script>alert(1)</script>"

# The header htmx adds to every request it makes.
HX = {"HX-Request": "true"}

RATIONALE = (
    "The county emergency office's bulletin lists fourteen closed schools and 3,200 homes"
    " without power on Tuesday, matching the claim."
)


def new_database(path):
    """A database at `path` brought up to date by the migrations. A new file is a copy of one
    migrated once in this process: migrating takes about a tenth of a second, and most tests
    start from an empty database."""
    if not Path(path).exists():
        create_private_file(Path(path))  # as connect() makes one: its owner's only
        shutil.copyfile(_migrated_template(), path)
    db = database.connect(path)
    database.migrate(db)  # nothing to apply on a copy; brings an existing file up to date
    return db


@functools.cache
def _migrated_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="factcheck-migrated-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "migrated.db"
    db = database.connect(path)
    database.migrate(db)
    db.close()  # the last connection out folds the WAL into the file
    return path


def add_people(db) -> dict:
    """A reviewer, two editors and an admin, as Actors keyed by username."""
    people = {}
    for username, role in (
        ("rita", "reviewer"),
        ("ed", "editor"),
        ("eve", "editor"),
        ("ada", "admin"),
    ):
        users.add_user(
            db, username, role=role, password=PASSWORD, display_name=username.title(), actor=SYSTEM
        )
        people[username] = users.actor_for(db, username)
    return people


def keep_copy(db, url: str, body: bytes, *, content_type="text/html", text=None, title=None):
    """A copy of the page at `url` archived by the workbench, as an archive job keeps one."""
    return snapshots.record_snapshot(
        db,
        url,
        actor=SYSTEM,
        status="archived",
        http_status=200,
        content_type=content_type,
        content_sha256=hashlib.sha256(body).hexdigest(),
        title=title,
        text=text,
        body=body,
    )


def tamper(path, *statements) -> None:
    """Change the database file the way someone holding it would: plain sqlite3, no factcheck."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit").fetchone()[0]


def claim_now(db, claim_id: int) -> dict:
    """The claim as the database holds it now."""
    return claim_reads.get_claim(db, claim_id)


def verdict_data(claim: dict, rating="unverifiable", rationale=RATIONALE, intent="save") -> dict:
    """The verdict form's fields, as the claim panel sends them for this claim."""
    return {
        "expected_version": claim["version"],
        "rating": rating,
        "rationale": rationale,
        "intent": intent,
        "comment": "",
    }


def add_library_records(path, records: list[dict]) -> None:
    """Import fact-checks (dicts of the CSV columns: claim, url, ...) into the library of the
    database at `path`, as a CSV file of them would be."""
    from factcheck.library_formats import Parsed
    from factcheck.store import library

    db = database.connect(path)
    library.import_records(
        db,
        [Parsed(f"line {n}", record=record) for n, record in enumerate(records, 2)],
        actor=SYSTEM,
        source="checks.csv",
        file_format="csv",
    )
    db.close()


def import_sample(db, body: str = SAMPLE_ARTICLE) -> int:
    return ingest_text(db, body).article_id


def first_checkable_claim(db, article_id: int) -> dict:
    claims = [c for c in claim_reads.claims_for_article(db, article_id) if c["kind"] == "claim"]
    return max(claims, key=lambda c: c["checkworthiness"])


def signed_in_client(app, username: str):
    """A test client of `app` signed in through the form as `username` (password PASSWORD)."""
    test_client = app.test_client()
    response = test_client.post(
        "/sign-in",
        data={"username": username, "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(test_client)},
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return test_client


def csrf_token_for(test_client) -> str:
    """Read the CSRF token a browser would send back: from the sign-in form when signed out, or
    from the page's htmx headers when signed in."""
    page = test_client.get("/sign-in", follow_redirects=True).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(
        r'"X-CSRFToken": "([^"]+)"', page
    )
    assert match, "the page has no CSRF token"
    return match.group(1)


def parse(response) -> lxml.html.HtmlElement:
    """A whole page from a test client response."""
    return lxml.html.fromstring(response.get_data(as_text=True))


def fragment(response) -> lxml.html.HtmlElement:
    """A partial (an htmx swap) from a test client response, under one <div>."""
    return lxml.html.fragment_fromstring(response.get_data(as_text=True), create_parent="div")


def words(element) -> str:
    """The element's text with its whitespace collapsed, as a reader sees it."""
    return " ".join(element.text_content().split())


def page_token(test_client, path: str = "/account") -> str:
    """The CSRF token of the first form on the page at `path`."""
    fields = parse(test_client.get(path)).cssselect('input[name="csrf_token"]')
    assert fields, f"the page at {path} carries no CSRF token"
    return fields[0].get("value")


def hx_post(test_client, path: str, data: dict):
    """A POST as htmx sends it: HX-Request and the token in the X-CSRFToken header."""
    return test_client.post(
        path, data=data, headers={**HX, "X-CSRFToken": page_token(test_client, "/")}
    )


def form_post(test_client, path: str, data: dict):
    """A POST as a browser without script sends it: the token as a form field."""
    return test_client.post(path, data={**data, "csrf_token": page_token(test_client, "/")})


@contextmanager
def refused_with(kind, pattern: str):
    """Expect the store to refuse with `kind`, in command-line words matching `pattern` (store
    errors carry a code and facts; factcheck/cli/error_words.py words them)."""
    with pytest.raises(kind) as caught:
        yield caught
    said = error_words(caught.value)
    assert re.search(pattern, said), f"{pattern!r} not in {said!r}"


def refusal_text(error) -> str:
    """The command line's line for an ImportRefused or a FetchError (they carry codes, not words)."""
    from factcheck.refusal_lines import error_line

    return error_line(error)


@contextmanager
def refused_saying(kind, pattern: str):
    """Like pytest.raises(kind, match=pattern), matched against the command line's words for the
    refusal's code and facts."""
    with pytest.raises(kind) as refused:
        yield refused
    line = refusal_text(refused.value)
    assert re.search(pattern, line), line
