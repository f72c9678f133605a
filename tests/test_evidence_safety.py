"""Every evidence fetch (archive, web archive copy, link check) goes through the one safe
fetcher: a redirect into an internal address is refused at its hop, the internal server is never
reached, and the refusal is kept as a plain reason."""

import ast
from pathlib import Path

import pytest
from helpers import add_people, first_checkable_claim, import_sample, new_database
from local_server import Server, redirect

from factcheck import archive_jobs, link_watch
from factcheck.archive_words import failure_words, worth_retrying
from factcheck.network.fetch import FetchPolicy
from factcheck.store import evidence as evidence_store
from factcheck.store import snapshots

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"
NETWORK_MODULES = {"requests", "urllib3", "http.client", "urllib.request", "socket", "httpx"}


def test_only_the_safe_fetcher_talks_to_the_network():
    importers = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name in NETWORK_MODULES or name.split(".")[0] in {"requests", "urllib3"}:
                    importers.setdefault(name, set()).add(path.relative_to(PACKAGE).as_posix())
    clients = {path for name, paths in importers.items() if name != "socket" for path in paths}
    assert clients == {"network/fetch.py"}, importers
    # Sockets elsewhere only listen (production.py binds the server's port before gunicorn) or
    # shut the fetcher's own connections at its time limit (network/deadlines.py).
    assert importers["socket"] == {"network/fetch.py", "network/deadlines.py", "production.py"}


@pytest.fixture
def secret():
    running = Server()
    running.routes["/"] = lambda handler: handler.reply(200, b"<p>internal secrets</p>")
    yield running
    running.close()


@pytest.fixture
def world(tmp_path, immediate_jobs, site, secret):
    path = tmp_path / "safe.db"
    db = new_database(path)
    people = add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    # The secret server's port is not in the policy: only the evidence site is reachable.
    site.routes["/go"] = redirect(f"http://127.0.0.1:{secret.port}/")
    site.routes["/metadata"] = redirect("http://169.254.169.254/latest/meta-data/")
    site.routes["/mapped"] = redirect("http://[::ffff:10.0.0.1]/")
    site.routes["/file"] = redirect("file:///etc/passwd")
    return str(path), db, people, claim, FetchPolicy.local_test(site.port)


@pytest.mark.parametrize("hop", ["/go", "/metadata", "/mapped", "/file"])
def test_an_archive_refuses_a_redirect_inward(world, site, secret, hop):
    path, db, people, claim, policy = world
    url = site.url(hop)
    evidence_store.add_evidence(db, claim["id"], url=url, stance="context", actor=people["rita"])
    outcome = archive_jobs.archive_evidence(path, url, policy).get()
    kept = snapshots.get_snapshot(db, outcome["snapshot_id"])
    assert kept["status"] == "failed" and kept["error"].startswith("refused:")
    # The card names where the page redirected: the evidence address itself is not at fault.
    words = failure_words(kept["error"])
    assert words.startswith("The page redirects to ") and words.endswith(
        ("the address leads into a private network, so it is not fetched", "can be copied")
    )
    assert not worth_retrying(kept["error"])
    assert secret.seen == []


def test_a_web_archive_copy_and_a_link_check_refuse_it_too(world, site, secret):
    path, db, people, claim, policy = world
    item = evidence_store.add_evidence(
        db, claim["id"], url=site.url("/go"), stance="context", actor=people["rita"]
    )
    outcome = archive_jobs.archive_evidence(
        path, item["url"], policy, archive_url=site.url("/go"), username="rita"
    ).get()
    assert snapshots.get_snapshot(db, outcome["snapshot_id"])["error"].startswith("refused:")
    check = link_watch.check_links(db, older_than=link_watch.parse_age("0m"), policy=policy)
    assert check.checked[0]["outcome"] == "failed"
    assert check.checked[0]["error"].startswith("refused:")
    assert secret.seen == []
