"""Plain helpers the tests share: a fresh database, people in each role, and a sample article."""

import re

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import users
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

RATIONALE = (
    "The county emergency office's bulletin lists fourteen closed schools and 3,200 homes"
    " without power on Tuesday, matching the claim."
)


def new_database(path):
    db = database.connect(path)
    database.migrate(db)
    return db


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


def import_sample(db, body: str = SAMPLE_ARTICLE) -> int:
    return ingest_text(db, body).article_id


def first_checkable_claim(db, article_id: int) -> dict:
    from factcheck.store.claims import claims_for_article

    claims = [c for c in claims_for_article(db, article_id) if c["kind"] == "claim"]
    return max(claims, key=lambda c: c["checkworthiness"])


def csrf_token_for(test_client) -> str:
    """Read the CSRF token a browser would send back: from the sign-in form when signed out, or
    from the page's htmx headers when signed in."""
    page = test_client.get("/sign-in", follow_redirects=True).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page) or re.search(
        r'"X-CSRFToken": "([^"]+)"', page
    )
    assert match, "the page has no CSRF token"
    return match.group(1)
