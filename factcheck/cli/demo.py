"""CLI command that loads the demo articles and demo accounts (safe to run again)."""

import click

from factcheck.cli.base import main, open_db, system_actor
from factcheck.resources import demo_dir
from factcheck.store import users as user_store
from factcheck.store.errors import NotFound

# Demo accounts for trying the workbench on your own machine; never use these on a real server.
DEMO_PEOPLE = (
    ("alice", "reviewer", "Alice Ng"),
    ("erin", "editor", "Erin Walsh"),
    ("omar", "editor", "Omar Haddad"),
    ("admin", "admin", "Newsroom Admin"),
)
DEMO_PASSWORD = "factcheck-demo"
DEMO_ARTICLES = (
    ("harbour-warehouse-fire.txt", "text"),
    ("council-budget.html", "html"),
    ("opinion-cycle-lanes.txt", "text"),
)
# Earlier fact-checks, made up for the demo like its articles, that some of its claims match.
DEMO_LIBRARY = "library.csv"


@main.command()
def demo():
    """Load the demo articles, a small library of earlier fact-checks and the demo accounts
    (password: factcheck-demo)."""
    from factcheck import importers
    from factcheck.cli.library import load_library_file
    from factcheck.ingest import ingest_imported

    db = open_db(create=True)
    for name, source_format in DEMO_ARTICLES:
        imported = importers.load(str(demo_dir() / name), format=source_format)
        result = ingest_imported(db, imported)
        state = "already there" if result.duplicate else f"{result.claims} units"
        click.echo(f"article {result.article_id}: {imported.title} ({state})")
    library = load_library_file(db, str(demo_dir() / DEMO_LIBRARY), "csv", system_actor())
    matched = library.get("matching", {}).get("changed", 0)
    click.echo(
        f"library: {library['added']} earlier fact-checks added, {library['updated']} updated;"
        f" {matched} claims matched"
    )
    for username, role, display_name in DEMO_PEOPLE:
        try:
            user_store.get_user(db, username)
        except NotFound:
            user_store.add_user(
                db,
                username,
                role=role,
                password=DEMO_PASSWORD,
                display_name=display_name,
                actor=system_actor(),
            )
            click.echo(f"sign in as {username} ({role}) with the password {DEMO_PASSWORD}")
        else:
            # Its role or password may have been changed since: say nothing that may be untrue.
            click.echo(f"{username} is already there, as it was left")
