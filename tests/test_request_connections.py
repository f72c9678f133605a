"""Each serving thread reuses one database connection, and nothing of one request's reading or
writing survives into the next: commits made elsewhere are seen at once, on every thread."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import jsonify
from helpers import HX, page_token

from factcheck import db as database
from factcheck.app import create_app
from factcheck.views import auth_guard, connection
from factcheck.views.connection import get_db


def _count_connects(monkeypatch) -> list:
    opened = []
    real = database.connect

    def counting(path):
        opened.append(path)
        return real(path)

    monkeypatch.setattr(connection.database, "connect", counting)
    return opened


def test_requests_on_one_thread_share_one_connection(client, monkeypatch):
    opened = _count_connects(monkeypatch)
    for path in ("/", "/queue", "/healthz", "/queue.json"):
        assert client.get(path).status_code == 200
    assert opened == [], "signing in opened this thread's connection; nothing opens another"


def test_each_thread_has_its_own_connection(app, monkeypatch):
    opened = _count_connects(monkeypatch)
    with ThreadPoolExecutor(1) as first, ThreadPoolExecutor(1) as second:
        for pool in (first, second, first, second):
            assert pool.submit(app.test_client().get, "/healthz").result().status_code == 200
    assert len(opened) == 2


def test_a_write_on_one_thread_is_read_at_once_on_another(app, people, claim, client_as):
    """Thread B reads the claim, thread A comments on it, thread B's next read shows the comment."""
    with ThreadPoolExecutor(1) as thread_a, ThreadPoolExecutor(1) as thread_b:
        reader = thread_b.submit(client_as, "ed").result()
        writer = thread_a.submit(client_as, "rita").result()
        panel = f"/claims/{claim['id']}/panel"
        before = thread_b.submit(reader.get, panel, headers=HX).result()
        assert "Ask the council" not in before.get_data(as_text=True)
        token = thread_a.submit(page_token, writer).result()
        posted = thread_a.submit(
            writer.post,
            f"/claims/{claim['id']}/comments",
            data={"expected_version": claim["version"], "comment": "Ask the council first."},
            headers={**HX, "X-CSRFToken": token},
        ).result()
        assert posted.status_code == 200, posted.get_data(as_text=True)[:300]
        after = thread_b.submit(reader.get, panel, headers=HX).result()
        assert "Ask the council first." in after.get_data(as_text=True)


@pytest.fixture
def leaky_app(db_path):
    """The workbench with two pages that leave a read unfinished: one inside a transaction it
    never ends, one with a query's rows half read."""
    app = create_app({"DATABASE": str(db_path), "TESTING": True})

    def open_transaction():
        db = get_db()
        db.conn.execute("BEGIN")
        return jsonify(db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def half_read():
        rows = get_db().query("SELECT id FROM articles")
        first = next(rows, None)
        return jsonify(first)

    def count():
        return jsonify(get_db().execute("SELECT count(*) FROM articles").fetchone()[0])

    app.add_url_rule("/open-transaction", "open_transaction", open_transaction)
    app.add_url_rule("/half-read", "half_read", half_read)
    app.add_url_rule("/count", "count", count)
    return app


@pytest.mark.parametrize("leak", ["/open-transaction", "/half-read"])
def test_a_request_cannot_leave_a_snapshot_open_for_the_next(
    leaky_app, db_path, make_article, leak, monkeypatch
):
    monkeypatch.setattr(auth_guard, "PUBLIC_ENDPOINTS", {"open_transaction", "half_read", "count"})
    make_article()
    make_article("The council spent 4 million pounds on roads in 2023, the report said.")
    client = leaky_app.test_client()
    assert client.get(leak).status_code == 200
    assert client.get("/count").get_json() == 2
    make_article("Unemployment fell to 3.9 percent in March, the statistics office said.")
    # Same thread, same connection: the commit made on another connection is visible.
    assert client.get("/count").get_json() == 3
    # And the connection was left without a transaction, so other writers are not blocked.
    writer = database.connect(db_path)
    with database.transaction(writer):
        writer.execute("CREATE TABLE scratch (n INTEGER)")
    writer.close()


def test_healthz_answers_from_two_small_statements_once_it_knows_the_schema(client, app):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    statements = []
    with app.app_context():
        get_db().conn.set_trace_callback(statements.append)
    try:
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    finally:
        with app.app_context():
            get_db().conn.set_trace_callback(None)
    assert statements == ["PRAGMA schema_version", "SELECT count(*) FROM _sqlite_migrations"]


def test_healthz_looks_again_when_the_schema_changes(client, app, app_db):
    assert client.get("/healthz").status_code == 200
    with database.transaction(app_db):
        app_db.execute("CREATE TABLE notes_added_later (n INTEGER)")
    statements = []
    with app.app_context():
        get_db().conn.set_trace_callback(statements.append)
    try:
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    finally:
        with app.app_context():
            get_db().conn.set_trace_callback(None)
    assert len(statements) > 1, "the migrations were read again"


def test_healthz_sees_a_newer_versions_migration_recorded_while_it_runs(client, app, app_db):
    """A migration recorded without a schema change left the schema version as it was."""
    assert client.get("/healthz").status_code == 200
    with database.transaction(app_db):
        app_db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('factcheck', '999_from_the_future', '2030-01-01')"
        )
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.get_json()["database"] == "written by a newer factcheck: upgrade"


def test_the_database_file_is_checked_once_per_process(tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(database, "create_private_file", made.append)
    path = tmp_path / "once.db"
    for _ in range(3):
        database.connect(path).close()
    assert made == [path]
