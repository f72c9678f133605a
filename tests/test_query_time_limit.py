"""Every request's SQL has a time limit: a query that runs past it answers 503 with a plain message
as a page, an htmx fragment or JSON; writes are never cut off half-way."""

import sqlite3

import pytest
from flask import jsonify
from helpers import HX, PASSWORD, csrf_token_for, parse, signed_in_client
from test_long_articles import long_body

from factcheck import db as database
from factcheck.app import create_app
from factcheck.db import limit_time, transaction
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads
from factcheck.store import comments as comment_store
from factcheck.views.connection import get_db

MESSAGE = "The database took too long to answer this request; try again, or narrow the search."

# Counting to fifty million takes SQLite seconds on any machine; the limits below are far less.
SLOW_QUERY = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)"
    " SELECT count(*) FROM n"
)


def slow_view():
    return jsonify(get_db().execute(SLOW_QUERY).fetchone()[0])


@pytest.fixture
def slow_app(db_path):
    """The workbench with a 20 ms limit and a page (and its .json twin) that runs a slow query."""
    app = create_app({"DATABASE": str(db_path), "TESTING": True, "QUERY_TIME_LIMIT_MS": 20})
    app.add_url_rule("/slow", "slow", slow_view)
    app.add_url_rule("/slow.json", "slow_json", slow_view)
    return app


@pytest.fixture
def slow_client(slow_app, people):
    return signed_in_client(slow_app, "rita")


def test_a_slow_query_answers_503_with_a_plain_page(slow_client):
    response = slow_client.get("/slow")
    assert response.status_code == 503
    page = parse(response)
    assert MESSAGE in page.text_content()
    assert page.cssselect("nav, header"), "the error comes in the usual page layout"
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_log_names_the_request_with_its_query(slow_client, caplog):
    assert slow_client.get("/slow?q=%22the+council%22").status_code == 503
    assert "query time limit reached: GET /slow?q=%22the+council%22" in caplog.text


def test_htmx_gets_the_message_as_a_fragment(slow_client):
    response = slow_client.get("/slow", headers=HX)
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert MESSAGE in text and "<html" not in text


def test_json_gets_the_message_as_json(slow_client):
    response = slow_client.get("/slow.json")
    assert response.status_code == 503
    assert response.get_json() == {"error": MESSAGE, "status": 503}


@pytest.mark.parametrize("value", [-1, "soon", True])
def test_a_bad_limit_is_refused_when_the_app_starts(db_path, value):
    with pytest.raises(ValueError, match="FACTCHECK_QUERY_TIME_LIMIT_MS"):
        create_app({"DATABASE": str(db_path), "TESTING": True, "QUERY_TIME_LIMIT_MS": value})


def test_the_limit_comes_from_the_environment(db_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_QUERY_TIME_LIMIT_MS", "250")
    app = create_app({"DATABASE": str(db_path), "TESTING": True})
    assert app.config["QUERY_TIME_LIMIT_MS"] == 250
    monkeypatch.delenv("FACTCHECK_QUERY_TIME_LIMIT_MS")
    assert create_app({"DATABASE": str(db_path)}).config["QUERY_TIME_LIMIT_MS"] == 5000


def test_a_real_page_past_its_limit_answers_503(db_path, people, client_as, app, app_db):
    """The article page of a long article reads more than a tiny limit allows."""
    article_id = ingest_text(app_db, long_body()).article_id
    app.config["QUERY_TIME_LIMIT_MS"] = 0.000001
    client = client_as("rita")
    response = client.get(f"/articles/{article_id}")
    assert response.status_code == 503
    assert MESSAGE in parse(response).text_content()
    app.config["QUERY_TIME_LIMIT_MS"] = 0
    assert client.get(f"/articles/{article_id}").status_code == 200


def test_a_write_answers_in_full_however_little_time_is_left(people, client_as, app, app_db):
    """A request that has saved a change is not cut off afterwards (a 503 would invite saving it
    twice): the comment is stored once and the panel comes back."""
    article_id = ingest_text(app_db, long_body()).article_id
    claim = claim_reads.claims_for_article(app_db, article_id)[7]
    client = client_as("rita")
    page = client.get(f"/articles/{article_id}?claim={claim['id']}").get_data(as_text=True)
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]
    app.config["QUERY_TIME_LIMIT_MS"] = 0.000001
    response = client.post(
        f"/claims/{claim['id']}/comments",
        data={"expected_version": claim["version"], "comment": "Ask the council for its ledger."},
        headers={**HX, "X-CSRFToken": token},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    comments = comment_store.comments_for_claim(app_db, claim["id"])
    assert [comment["body"] for comment in comments] == ["Ask the council for its ledger."]


# The rule underneath, on one connection: reads are stopped, writes run to their end.

BIG_INSERT = (
    "INSERT INTO numbers (n) WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
    " WHERE i < 200000) SELECT i FROM c"
)


@pytest.fixture
def numbers_db(tmp_path):
    connection = database.connect(tmp_path / "numbers.db")
    connection.execute("CREATE TABLE numbers (n INTEGER)")
    yield connection
    connection.close()


def test_a_read_past_the_limit_is_interrupted(numbers_db):
    limit_time(numbers_db, 0)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        numbers_db.execute(SLOW_QUERY).fetchone()


def test_a_write_in_a_transaction_runs_to_its_end_past_the_limit(numbers_db):
    limit_time(numbers_db, 0)
    with transaction(numbers_db):
        numbers_db.execute(BIG_INSERT)
    assert numbers_db.execute("SELECT count(*) FROM numbers").fetchone()[0] == 200000


def test_a_write_outside_a_transaction_that_is_interrupted_leaves_nothing(numbers_db):
    """A single statement SQLite stops is undone whole: no half-written rows."""
    limit_time(numbers_db, 0)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        numbers_db.execute(BIG_INSERT)
    limit_time(numbers_db, None)
    assert numbers_db.execute("SELECT count(*) FROM numbers").fetchone()[0] == 0


def test_after_a_change_the_rest_of_the_request_has_no_limit(numbers_db):
    limit_time(numbers_db, 0)
    with transaction(numbers_db):
        numbers_db.execute("INSERT INTO numbers (n) VALUES (1)")
    total = numbers_db.execute(
        "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000)"
        " SELECT count(*) FROM c"
    ).fetchone()[0]
    assert total == 100000


def test_a_read_through_sqlite_utils_query_is_interrupted_too(numbers_db):
    """sqlite-utils runs query() inside a savepoint, which is a transaction to SQLite: the limit
    still stops it, since it is not one of our own transactions."""
    limit_time(numbers_db, 0)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        list(numbers_db.query(SLOW_QUERY))


def test_a_read_snapshot_runs_to_its_end_past_the_limit(numbers_db):
    numbers_db.execute(BIG_INSERT)
    limit_time(numbers_db, 0)
    with database.read_snapshot(numbers_db):
        rows = list(numbers_db.query("SELECT count(*) AS n FROM numbers"))
    assert rows == [{"n": 200000}]


def slow_query_view():
    return jsonify(list(get_db().query(SLOW_QUERY)))


def test_a_page_whose_query_goes_through_sqlite_utils_answers_503(slow_app, people):
    slow_app.add_url_rule("/slow-query", "slow_query", slow_query_view)
    client = slow_app.test_client()
    client.post(
        "/sign-in",
        data={"username": "rita", "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(client)},
    )
    response = client.get("/slow-query")
    assert response.status_code == 503
    assert MESSAGE in parse(response).text_content()
