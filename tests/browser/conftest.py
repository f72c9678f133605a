"""A live workbench on 127.0.0.1 over a temporary database, and Debian's Chromium to drive it."""

import os
import threading
from pathlib import Path

import pytest
from helpers import PASSWORD, add_people, new_database
from werkzeug.serving import make_server

from factcheck.app import create_app
from factcheck.ingest import ingest_text
from factcheck.resources import demo_dir

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCRIPT_TEXT = "<script>alert(1)</script>"
SCRIPT_ARTICLE = (
    "Council website defaced with injected code\n\n"
    f"Visitors to the council's website on Monday saw the text {SCRIPT_TEXT} on 3 pages, "
    "officials said.\n\n"
    "The council said no personal data of its 41,000 residents was exposed."
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if _in_ci():
            pytest.fail(f"browser tests cannot run in CI: {message}")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}}


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
    return {"path": path, "script_text": SCRIPT_TEXT, **ids}


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


def sign_in(page, base_url: str, username: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


@pytest.fixture
def watched_page(page, base_url):
    """The page signed in as the reviewer rita, recording console errors, uncaught exceptions
    and dialogs (dismissed)."""
    sign_in(page, base_url, "rita")
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
