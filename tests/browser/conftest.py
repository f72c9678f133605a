"""A live workbench on 127.0.0.1 over a temporary database, and pages to drive it with."""

import itertools
import threading

import pytest
from helpers import SAMPLE_ARTICLE, SCRIPT, add_people, new_database
from page_checks import sign_in
from werkzeug.serving import make_server

from factcheck import db as database
from factcheck.app import create_app
from factcheck.ingest import ingest_text
from factcheck.resources import demo_dir
from factcheck.store import claim_reads

VIEWPORT = {"width": 1366, "height": 768}
SCRIPT_ARTICLE = (
    "Council website defaced with injected code\n\n"
    f"Visitors to the council's website on Monday saw the text {SCRIPT} on 3 pages, "
    "officials said.\n\n"
    "The council said no personal data of its 41,000 residents was exposed."
)
_copies = itertools.count(1)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def demo_articles(tmp_path_factory) -> dict:
    """The database file and the ids of its articles: a news story and one quoting markup."""
    path = tmp_path_factory.mktemp("browser") / "factcheck.db"
    db = new_database(path)
    add_people(db)
    story = (demo_dir() / "harbour-warehouse-fire.txt").read_text(encoding="utf-8")
    ids = {
        "story": ingest_text(db, story).article_id,
        "script": ingest_text(db, SCRIPT_ARTICLE).article_id,
    }
    db.close()
    return {"path": path, "script_text": SCRIPT, **ids}


@pytest.fixture(scope="session")
def live_server(demo_articles):
    """The app served by werkzeug on a free port in a background thread."""
    app = create_app({"DATABASE": str(demo_articles["path"])})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture
def article(demo_articles) -> dict:
    """A fresh copy of the sample article for this test alone (every test shares the database):
    its id, its claims in order, and the database path."""
    db = database.connect(demo_articles["path"])
    try:
        body = SAMPLE_ARTICLE + f"\nBrowser test copy {next(_copies)} of the sample."
        article_id = ingest_text(db, body).article_id
        claims = [c for c in claim_reads.claims_for_article(db, article_id) if c["kind"] == "claim"]
    finally:
        db.close()
    return {"id": article_id, "claims": claims, "path": demo_articles["path"]}


@pytest.fixture
def claim(article) -> dict:
    """The most check-worthy claim of a fresh article of this test's own."""
    return max(article["claims"], key=lambda c: c["checkworthiness"])


def watch(page):
    """Record the page's console errors and warnings, uncaught exceptions and dialogs
    (dismissed); page_checks.assert_no_problems reads them."""
    problems = {"console": [], "errors": [], "dialogs": []}

    def on_console(message):
        if message.type in ("error", "warning"):
            problems["console"].append(message.text)

    def on_dialog(dialog):
        problems["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems["errors"].append(str(error)))
    page.on("dialog", on_dialog)
    page.problems = problems
    return page


@pytest.fixture
def watched(page):
    """The page, watched (see watch)."""
    return watch(page)


@pytest.fixture
def watched_page(watched, base_url):
    """The watched page, signed in as the reviewer rita."""
    sign_in(watched, base_url, "rita")
    return watched


@pytest.fixture
def signed_in_as(browser, base_url):
    """signed_in_as(username) is a page of a second person, in a browser context of their own,
    signed in through the form and watched (see watch); the context closes after the test."""
    contexts = []

    def open_page(username: str):
        context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
        contexts.append(context)
        page = watch(context.new_page())
        sign_in(page, base_url, username)
        return page

    yield open_page
    for context in contexts:
        context.close()
