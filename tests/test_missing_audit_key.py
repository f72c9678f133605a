"""An audit key file taken away from a signed trail while the server runs: every change is refused
with a page in words (a background import says so on its progress page) and nothing of it is
written; reading still works, and changes work again once the key is back. A bulk import at the
command line stops in one line."""

import io

import pytest
from click.testing import CliRunner
from helpers import (
    HX,
    PASSWORD,
    SAMPLE_ARTICLE,
    audit_count,
    csrf_token_for,
    fragment,
    parse,
    words,
)

from factcheck.cli import main
from factcheck.store import articles as article_store
from factcheck.store import audit_seal, comments
from factcheck.views import imports


@pytest.fixture
def key_away(app_db, people, tmp_path):
    """Move the audit key away (the trail is keyed: adding people signed it), and back after."""
    key = audit_seal.files_for(app_db).key
    assert key is not None and audit_seal.trail_is_keyed(app_db)
    aside = tmp_path / "key-aside"
    key.rename(aside)
    yield
    aside.rename(key)


def _comment(browser, claim_id: int, **headers):
    return browser.post(
        f"/claims/{claim_id}/comments",
        data={"comment": "Checking the county bulletin"},
        headers={"X-CSRFToken": csrf_token_for(browser), **headers},
    )


MESSAGE = "Nothing was saved: the key that signs this database's audit trail is missing"


def test_a_change_is_refused_in_words_as_a_page_and_a_fragment(client, app_db, claim, request):
    before = audit_count(app_db)
    request.getfixturevalue("key_away")  # after the claim and its article are stored
    page = _comment(client, claim["id"])
    assert page.status_code == 503
    assert words(parse(page).cssselect("h1")[0]) == "Changes cannot be saved"
    assert MESSAGE in page.get_data(as_text=True).replace("&#39;", "'")
    assert "Traceback" not in page.get_data(as_text=True)
    swap = _comment(client, claim["id"], **HX)
    assert swap.status_code == 503 and MESSAGE in words(fragment(swap))
    # The server's folder is not shown to the browser.
    assert str(audit_seal.files_for(app_db).key.parent) not in page.get_data(as_text=True)
    assert comments.comments_for_claim(app_db, claim["id"]) == []
    assert audit_count(app_db) == before
    assert client.get(f"/claims/{claim['id']}", follow_redirects=True).status_code == 200


def test_signing_in_is_refused_the_same_way_and_starts_no_session(
    anonymous_client, app_db, key_away
):
    sessions = app_db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    response = anonymous_client.post(
        "/sign-in",
        data={"username": "rita", "password": PASSWORD},
        headers={"X-CSRFToken": csrf_token_for(anonymous_client)},
    )
    assert response.status_code == 503
    assert MESSAGE in response.get_data(as_text=True).replace("&#39;", "'")
    assert app_db.execute("SELECT count(*) FROM sessions").fetchone()[0] == sessions


def test_changes_work_again_once_the_key_is_back(client, app_db, claim, key_away, tmp_path):
    assert _comment(client, claim["id"]).status_code == 503
    key = audit_seal.files_for(app_db).key
    (tmp_path / "key-aside").rename(key)
    try:
        assert _comment(client, claim["id"]).status_code in (200, 303)
        assert len(comments.comments_for_claim(app_db, claim["id"])) == 1
    finally:
        key.rename(tmp_path / "key-aside")


def _import(browser, data: dict, files=None):
    form = {"csrf_token": csrf_token_for(browser), **data}
    if files:
        form["file"] = [(io.BytesIO(content), name) for name, content in files]
    return browser.post(
        "/imports", data=form, content_type="multipart/form-data", follow_redirects=True
    )


def test_a_big_paste_run_as_a_job_fails_in_words_and_can_be_tried_again(
    client, app_db, key_away, immediate_jobs, tmp_path
):
    story = (
        SAMPLE_ARTICLE + "\n" + "The river rose 2.4 metres in six hours, officials said. " * 2000
    )
    assert len(story.encode()) > imports.DIRECT_IMPORT_MAX_BYTES
    page = _import(client, {"source": "paste", "text": story})
    shown = words(parse(page))
    assert MESSAGE in shown and "unexpected error" not in shown
    assert article_store.list_articles(app_db) == []
    retry = parse(page).cssselect("form[action$='/retry']")
    assert retry, "the text is kept so that the import can be tried again"
    key = audit_seal.files_for(app_db).key
    (tmp_path / "key-aside").rename(key)
    try:
        again = client.post(
            retry[0].get("action"),
            data={"csrf_token": csrf_token_for(client)},
            follow_redirects=True,
        )
        assert again.status_code == 200
        assert len(article_store.list_articles(app_db)) == 1
    finally:
        key.rename(tmp_path / "key-aside")


def test_several_files_fail_in_words_and_store_nothing(client, app_db, key_away, immediate_jobs):
    files = [("a.txt", SAMPLE_ARTICLE.encode()), ("b.txt", (SAMPLE_ARTICLE + "More.\n").encode())]
    page = _import(client, {"source": "file"}, files)
    shown = words(parse(page))
    assert MESSAGE in shown and "could not be saved" not in shown
    assert article_store.list_articles(app_db) == []


def test_a_bulk_import_at_the_command_line_stops_in_one_line(tmp_path):
    database = tmp_path / "cli.db"
    run = CliRunner()
    assert run.invoke(main, ["--db", str(database), "init"]).exit_code == 0
    first = tmp_path / "first.txt"
    first.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    assert run.invoke(main, ["--db", str(database), "import", str(first)]).exit_code == 0
    key = database.with_name(database.name + audit_seal.KEY_SUFFIX)
    key.rename(tmp_path / "key-aside")
    stories = []
    for number in (1, 2):
        story = tmp_path / f"story-{number}.txt"
        story.write_text(f"Story {number}\n\nThe council spent {number} million on roads.\n")
        stories.append(str(story))
    result = run.invoke(main, ["--db", str(database), "import", *stories])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: the audit key {key} is missing")
    assert len(result.output.strip().splitlines()) == 1
    assert "could not be stored" not in result.output
