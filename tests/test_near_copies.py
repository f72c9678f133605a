"""Near-copies: an article whose text is nearly the same as one already imported (a wire story
published again with a line changed) is held back with the earlier one named, before anything is
stored, on the import form and in background imports of one article (a URL, a big paste), until
the reviewer chooses "Import anyway" or "Cancel"; bulk imports and the command line import it and
say so in their summaries."""

import hashlib
import io
import json
import re
import unicodedata

import pytest
from click.testing import CliRunner
from helpers import (
    DAM_ARTICLE_PAGE,
    HX,
    SAMPLE_ARTICLE,
    add_people,
    new_database,
    page_token,
    parse,
    signed_in_client,
    words,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from local_server import page

from factcheck import db as database
from factcheck import import_jobs, job_progress, jobs
from factcheck.app import create_app
from factcheck.bulk_import import import_items
from factcheck.cli import main
from factcheck.importers import from_text
from factcheck.ingest import ingest_text
from factcheck.network.fetch import FetchPolicy
from factcheck.refusal_lines import refusal_line
from factcheck.store import articles as article_store
from factcheck.store import audit
from factcheck.store.near_copies import near_copies
from factcheck.text.resemblance import NEAR, SIZE, resemblance, signature
from factcheck.views.imports import DIRECT_IMPORT_MAX_BYTES

# The sample with one line rewritten, as a wire story published again.
REPUBLISHED = SAMPLE_ARTICLE.replace(
    "The mood in the town was calm.",
    "Residents queued for sandbags outside the town hall until late on Tuesday evening.",
)
UNRELATED = (
    "Harbour dredging will cost 12 million euros\n\n"
    "The port authority said on Tuesday that dredging the channel would cost 12 million euros and"
    " take 18 months. Shipping traffic fell by 9 percent last year, officials said. The harbour"
    " master said two berths would close while the work went on.\n"
)

WORD = st.sampled_from("river school flood power homes county office said rose metres".split())


# The signature and its estimate


@settings(deadline=None)
@given(st.lists(WORD, min_size=1, max_size=300))
def test_a_text_is_wholly_like_itself_and_its_signature_is_small(text_words):
    text = " ".join(text_words)
    sketch = signature(text)
    assert 1 <= len(sketch) <= SIZE and sketch == sorted(set(sketch))
    assert all(0 <= value < 2**63 for value in sketch)
    assert resemblance(sketch, sketch) == 1.0
    assert signature(text.upper().replace(" ", "\n  ")) == sketch  # case and spacing aside


@settings(deadline=None)
@given(st.lists(WORD, max_size=120), st.lists(WORD, max_size=120))
def test_resemblance_is_a_symmetric_share(first, second):
    a, b = signature(" ".join(first)), signature(" ".join(second))
    assert 0.0 <= resemblance(a, b) == resemblance(b, a) <= 1.0


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_one_changed_word_in_a_long_text_stays_near(seed):
    text = [f"w{(seed * 7919 + i * 104729) % 100003}" for i in range(400)]
    changed = list(text)
    changed[seed % 400] = "different"
    assert resemblance(signature(" ".join(text)), signature(" ".join(changed))) >= NEAR


def plain_signature(body: str) -> list[int]:
    """The signature as resemblance.py defines it, computed the plain way: every shingle's
    blake2b, its top 63 bits, the SIZE smallest."""
    found = re.findall(r"\w+", unicodedata.normalize("NFKC", body).casefold())
    if not found:
        return []
    width = min(5, len(found))
    shingles = {" ".join(found[i : i + width]) for i in range(len(found) - width + 1)}
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") >> 1
        for s in shingles
    }
    return sorted(hashes)[:SIZE]


ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127), max_size=400)
SOME_WORDS = st.lists(
    st.one_of(WORD, st.text(max_size=12), st.sampled_from(["ﬁne", "İstanbul", "Straße", "½"])),
    max_size=200,
).map(" ".join)


@settings(deadline=None, max_examples=300)
@given(st.one_of(ASCII_TEXT, SOME_WORDS, st.lists(WORD, max_size=300).map("_".join)))
def test_the_signature_is_the_plain_computation_in_any_script(body):
    assert signature(body) == plain_signature(body)


def test_signatures_keep_the_values_stored_by_earlier_versions():
    # Stored signatures are compared with new ones: these were computed before the signature
    # was made faster, and must not change.
    assert signature("The river rose two metres overnight, officials said.") == [
        894647541455719267,
        2726559066317468154,
        3467817647825630957,
        5002570521449667123,
    ]
    assert signature("Ministre: «Le fleuve a monté de deux mètres»") == [
        3752260565625687319,
        4012690836722547271,
        4925917724152993316,
        6381237314864429635,
    ]


def test_distinct_stories_are_far_apart():
    assert resemblance(signature(SAMPLE_ARTICLE), signature(UNRELATED)) < 0.1
    assert resemblance(signature(SAMPLE_ARTICLE), signature(REPUBLISHED)) >= NEAR


# The store


def test_a_republished_story_names_the_earlier_one_and_an_exact_copy_does_not(app_db):
    first = ingest_text(app_db, SAMPLE_ARTICLE)
    assert first.near_copies == []
    other = ingest_text(app_db, UNRELATED)
    assert other.near_copies == []
    again = ingest_text(app_db, REPUBLISHED)
    [earlier] = again.near_copies
    assert earlier["id"] == first.article_id and earlier["resemblance"] >= NEAR
    assert earlier["title"] == "Flooding closes 14 schools in the river valley"
    exact = ingest_text(app_db, SAMPLE_ARTICLE)
    assert exact.duplicate and exact.near_copies == []
    assert audit.verify(app_db).ok


def test_near_copies_are_found_through_the_hash_index(app_db):
    ingest_text(app_db, SAMPLE_ARTICLE)
    plan = [
        row[3]
        for row in app_db.execute(
            "EXPLAIN QUERY PLAN SELECT article_id FROM article_signatures WHERE hash = ? LIMIT ?",
            [signature(REPUBLISHED)[0], 101],
        )
    ]
    assert plan == ["SEARCH article_signatures USING PRIMARY KEY (hash=?)"], plan


def test_a_hash_held_by_many_articles_is_passed_over(app_db, monkeypatch):
    from factcheck.store import near_copies as near_copies_module

    first = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    second = ingest_text(app_db, REPUBLISHED).article_id
    third = SAMPLE_ARTICLE.replace("The mood in the town was calm.", "The mood was grim.")
    assert sorted(found["id"] for found in near_copies(app_db, signature(third))) == [
        first,
        second,
    ]
    # With every hash the two stories share counted as boilerplate, only a hash held by one of
    # them alone still finds it.
    monkeypatch.setattr(near_copies_module, "COMMON", 1)
    assert [found["id"] for found in near_copies(app_db, signature(third))] == [first]
    monkeypatch.setattr(near_copies_module, "COMMON", 0)
    assert near_copies(app_db, signature(third)) == []


def test_articles_stored_before_the_signatures_are_signed_by_the_migration(app_db):
    article_id = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    app_db.execute("DELETE FROM article_signatures")
    assert near_copies(app_db, signature(REPUBLISHED)) == []
    with database.transaction(app_db):
        database._sign_stored_articles(app_db)
    assert [found["id"] for found in near_copies(app_db, signature(REPUBLISHED))] == [article_id]


def test_a_batch_names_near_copies_within_itself(app_db):
    items = [
        ("flood.txt", lambda: from_text(SAMPLE_ARTICLE.encode())),
        ("harbour.txt", lambda: from_text(UNRELATED.encode())),
        ("flood-again.txt", lambda: from_text(REPUBLISHED.encode())),
    ]
    summary = import_items(app_db, items)
    [alike] = summary.near_copies
    assert alike.source == "flood-again.txt"
    first = summary.results[0].article_id
    assert alike.near_copies[0]["id"] == first
    assert (
        f"1 near copy of earlier articles imported: flood-again.txt became article"
        f" {alike.article_id} although its text is"
    ) in summary.text(refusal_line)
    assert (
        f"the same as article {first} “Flooding closes 14 schools in the river valley”"
    ) in summary.text(refusal_line)
    assert summary.as_json(refusal_line)["near_copies"] == 1


# The import form


@pytest.fixture
def paste(client):
    token = page_token(client, "/")

    def post(text: str, **extra):
        data = {"csrf_token": token, "source": "paste", "text": text, **extra}
        return client.post("/imports", data=data, headers=HX)

    return post


def test_pasting_a_near_copy_warns_and_links_before_storing_anything(paste, app_db):
    first = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    held = paste(REPUBLISHED)
    assert held.status_code == 200 and "HX-Redirect" not in held.headers
    warning = parse(held).cssselect("[data-near-copies]")[0]
    assert "nearly the same as an article already imported" in words(warning)
    link = warning.cssselect("a")[0]
    assert link.get("href") == f"/articles/{first}"
    assert words(link) == "Flooding closes 14 schools in the river valley"
    # Articles of one title are told apart by their number.
    assert f"(article {first}, " in words(warning) and "% the same text" in words(warning)
    assert parse(held).cssselect("#import-text")[0].text_content().strip() == REPUBLISHED.strip()
    button = warning.cssselect("button[name=near_copy]")[0]
    assert button.get("value") == "import" and words(button) == "Import anyway"
    assert len(article_store.list_articles(app_db)) == 1

    anyway = paste(REPUBLISHED, near_copy="import")
    assert anyway.headers["HX-Redirect"].startswith("/articles/")
    assert len(article_store.list_articles(app_db)) == 2


def test_an_unrelated_paste_is_imported_at_once(paste, app_db):
    ingest_text(app_db, SAMPLE_ARTICLE)
    assert paste(UNRELATED).headers["HX-Redirect"].startswith("/articles/")


def test_a_near_copy_among_uploaded_files_is_named_in_the_summary(client, app_db, immediate_jobs):
    first = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    data = {
        "csrf_token": page_token(client, "/"),
        "source": "file",
        "file": [
            (io.BytesIO(REPUBLISHED.encode()), "flood-again.txt"),
            (io.BytesIO(UNRELATED.encode()), "harbour.txt"),
        ],
    }
    response = client.post("/imports", data=data, content_type="multipart/form-data")
    page = parse(client.get(response.headers["Location"]))
    note = words(page.cssselect(".import-summary .import-note")[0])
    assert note.endswith(
        "1 of them is a near copy of an earlier article, imported all the same: see below."
    )
    [alike] = page.cssselect("[data-near-copy]")
    assert words(alike).startswith("imported as a near copy of Flooding closes 14 schools")
    assert alike.cssselect("a")[0].get("href") == f"/articles/{first}"
    assert len(article_store.list_articles(app_db)) == 3  # a bulk upload does not stop to ask


# The command line


def test_the_cli_names_the_earlier_article(tmp_path):
    database_path = tmp_path / "cli.db"
    story, again = tmp_path / "story.txt", tmp_path / "again.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    again.write_text(REPUBLISHED, encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(main, ["--db", str(database_path), *args])

    assert run("import", str(story)).exit_code == 0
    result = run("import", str(again))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Imported article 2 with")
    assert lines[1].startswith("This is a near copy: its text is ")
    assert "the same as article 1 “Flooding closes 14 schools in the river valley”" in lines[1]
    as_json = json.loads(run("import", str(again), "--json").output)
    assert as_json["duplicate"] is True


# Background imports of one article: held back, then "Import anyway" or "Cancel"

REPUBLISHED_PAGE = DAM_ARTICLE_PAGE.replace(
    b"to start in the spring", b"to start in the spring of next year"
)


@pytest.fixture
def url_import(client, app, site):
    """url_import(page_bytes) serves a page and imports it by its URL through the form (htmx);
    returns the response and the job id."""
    app.config["FETCH_POLICY"] = FetchPolicy.local_test(site.port)
    token = page_token(client, "/")
    served = iter(range(1000))

    def post(body: bytes):
        path = f"/story-{next(served)}"
        site.routes[path] = page(body)
        data = {"csrf_token": token, "source": "url", "url": site.url(path)}
        return client.post("/imports", data=data, headers=HX)

    return post


def _job_id(response) -> str:
    """The job a progress fragment is about, from its JSON link."""
    link = parse(response).cssselect("a.json-link")[0].get("href")
    return link.removeprefix("/imports/").removesuffix(".json")


def _held_url_import(url_import, app_db):
    first = url_import(DAM_ARTICLE_PAGE)
    first_id = int(first.headers["HX-Redirect"].rsplit("/", 1)[1])
    held = url_import(REPUBLISHED_PAGE)
    assert held.status_code == 202 and "HX-Redirect" not in held.headers
    return first_id, held


def _decide(client, held, action: str):
    form = parse(held).cssselect(f"form[action$='/{action}']")[0]
    token = form.cssselect("input[name=csrf_token]")[0].get("value")
    return client.post(form.get("action"), data={"csrf_token": token}, headers=HX)


def test_a_url_import_of_a_near_copy_is_held_with_links_and_stores_nothing(
    url_import, client, app_db, immediate_jobs
):
    first_id, held = _held_url_import(url_import, app_db)
    fragment = parse(held)
    assert fragment.get("data-job-stage") == "held" and fragment.get("hx-get") is None
    assert words(fragment.cssselect("h2")[0]) == "Nearly the same as an earlier article"
    warning = fragment.cssselect("[data-near-copies]")[0]
    assert "nearly the same as an article already imported" in words(warning)
    link = warning.cssselect("a")[0]
    assert link.get("href") == f"/articles/{first_id}"
    assert words(link) == "Dam inspection finds 7 cracks"
    assert "% the same text" in words(warning)
    buttons = [words(button) for button in warning.cssselect("button")]
    assert buttons == ["Import anyway", "Cancel"]
    assert not fragment.cssselect(".field-hint")  # nothing carries on while it waits
    assert len(article_store.list_articles(app_db)) == 1
    job_id = _job_id(held)
    state = client.get(f"/imports/{job_id}.json").get_json()
    assert state["stage"] == "held" and [c["id"] for c in state["near_copies"]] == [first_id]
    # The extracted article is kept for the decision, as the task that would store it.
    assert job_progress.kept_input(job_id)["task"] == "import_article"
    # Without script the progress page shows the same warning and stops refreshing.
    page_now = parse(client.get(f"/imports/{job_id}"))
    assert page_now.cssselect("[data-near-copies] a")[0].get("href") == f"/articles/{first_id}"
    assert not page_now.cssselect("noscript meta[http-equiv=refresh]")


def test_import_anyway_stores_the_held_article_once_and_opens_it(
    url_import, client, app_db, immediate_jobs, site
):
    first_id, held = _held_url_import(url_import, app_db)
    seen = len(site.seen)
    anyway = _decide(client, held, "import-anyway")
    [second] = [a for a in article_store.list_articles(app_db) if a["id"] != first_id]
    assert anyway.headers["HX-Redirect"] == f"/articles/{second['id']}"
    assert "spring of next year" in article_store.get_article(app_db, second["id"])["body"]
    assert second["import_format"] == "url" and second["imported_by"] == "rita"
    assert len(site.seen) == seen  # stored from what was fetched, not fetched again
    assert job_progress.kept_input(_job_id(held)) is None
    # Pressing it again (a second tab, a double click) stores nothing more.
    again = _decide(client, held, "import-anyway")
    assert "Imported anyway" in words(parse(again).cssselect("h2")[0])
    assert len(article_store.list_articles(app_db)) == 2
    [row] = [
        row for row in audit.history(app_db, "article", second["id"]) if row["action"] == "import"
    ]
    assert row["actor"] == "rita"
    assert audit.verify(app_db).ok


def test_cancel_forgets_the_held_article_and_stores_nothing(
    url_import, client, app_db, immediate_jobs
):
    _first_id, held = _held_url_import(url_import, app_db)
    job_id = _job_id(held)
    cancelled = parse(_decide(client, held, "cancel"))
    assert words(cancelled.cssselect("h2")[0]) == "Import cancelled"
    assert "nothing was added" in words(cancelled.cssselect(".import-note")[0])
    assert not cancelled.cssselect("button")
    assert job_progress.kept_input(job_id) is None
    assert client.get(f"/imports/{job_id}.json").get_json()["stage"] == "cancelled"
    assert _decide(client, held, "import-anyway").status_code == 202  # too late: shows the state
    assert len(article_store.list_articles(app_db)) == 1


def test_an_exact_copy_by_url_is_still_reported_as_already_imported(
    url_import, app_db, immediate_jobs
):
    url_import(DAM_ARTICLE_PAGE)
    again = url_import(DAM_ARTICLE_PAGE)
    assert words(parse(again).cssselect(".import-note")[0]).startswith("Already imported")
    assert len(article_store.list_articles(app_db)) == 1


def test_someone_else_cannot_decide_a_held_import(url_import, client_as, app_db, immediate_jobs):
    _first_id, held = _held_url_import(url_import, app_db)
    other = client_as("ed")
    token = page_token(other, "/")
    job_id = _job_id(held)
    response = other.post(f"/imports/{job_id}/import-anyway", data={"csrf_token": token})
    assert response.status_code == 404
    assert len(article_store.list_articles(app_db)) == 1
    assert job_progress.kept_input(job_id) is not None


def test_a_hold_left_longer_than_a_day_is_dropped(url_import, client, app_db, immediate_jobs):
    _first_id, held = _held_url_import(url_import, app_db)
    job_id = _job_id(held)
    state = job_progress.progress(job_id)
    job_progress.set_progress(
        job_id, "held", state["message"], near_copies=state["near_copies"],
        held_at=state["held_at"] - job_progress.HOLD_SECONDS - 1,
    )  # fmt: skip
    assert job_progress.forget_expired_holds() == [job_id]
    assert job_progress.kept_input(job_id) is None
    shown = parse(client.get(f"/imports/{job_id}", headers=HX))
    assert "more than a day" in words(shown.cssselect(".import-note")[0])
    assert len(article_store.list_articles(app_db)) == 1


def test_a_big_paste_of_a_near_copy_is_held_too(client, app_db, immediate_jobs, monkeypatch):
    from factcheck.views import imports

    first = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    monkeypatch.setattr(imports, "DIRECT_IMPORT_MAX_BYTES", 10)  # every paste runs as a job
    data = {"csrf_token": page_token(client, "/"), "source": "paste", "text": REPUBLISHED}
    response = client.post("/imports", data=data)
    assert response.headers["Location"].startswith("/imports/")  # not straight to the article
    held = client.get(response.headers["Location"])
    warning = parse(held).cssselect("[data-near-copies]")[0]
    assert warning.cssselect("a")[0].get("href") == f"/articles/{first}"
    assert len(article_store.list_articles(app_db)) == 1
    anyway = _decide(client, held, "import-anyway")
    assert anyway.headers["HX-Redirect"].startswith("/articles/")
    assert len(article_store.list_articles(app_db)) == 2


def test_the_url_job_holds_a_near_copy_without_the_web(tmp_path, immediate_jobs, site):
    path = tmp_path / "j.db"
    db = new_database(path)
    site.routes["/a"] = page(DAM_ARTICLE_PAGE)
    site.routes["/b"] = page(REPUBLISHED_PAGE)
    policy = FetchPolicy.local_test(site.port)
    first = import_jobs.import_url(str(path), site.url("/a"), None, policy).get()
    held = import_jobs.import_url(str(path), site.url("/b"), None, policy)
    outcome = held.get()
    assert outcome["held"] is True and outcome["near_copies"][0]["id"] == first["article_id"]
    assert job_progress.progress(held.id)["stage"] == "held"
    assert len(article_store.list_articles(db)) == 1
    db.close()


def test_a_restart_leaves_a_held_import_waiting(url_import, app_db, immediate_jobs):
    from factcheck import job_recovery

    _first_id, held = _held_url_import(url_import, app_db)
    job_id = _job_id(held)
    jobs.huey.get(job_id)  # the task's own result is read and gone: only its progress is left
    assert job_id not in job_recovery.recover_interrupted()["imports"]
    assert job_progress.progress(job_id)["stage"] == "held"
    assert job_progress.held_input(job_id)["task"] == "import_article"


def test_the_same_text_stored_meanwhile_is_no_near_copy_of_itself(tmp_path, monkeypatch):
    """Two people paste one press release at once: the other's article, committed between the
    two looks this one takes, is the same text (already imported), not a copy "100% the same"."""
    from factcheck import ingest

    db = new_database(tmp_path / "race.db")
    ingest_text(db, REPUBLISHED)
    looked_up = ingest.near_copies

    def the_other_paste_lands_first(*args, **kwargs):
        found = looked_up(*args, **kwargs)
        ingest_text(db, SAMPLE_ARTICLE)
        return found + looked_up(*args, **kwargs)

    monkeypatch.setattr(ingest, "near_copies", the_other_paste_lands_first)
    assert ingest.near_copies_stored(db, from_text(SAMPLE_ARTICLE.encode())) == []


def test_import_anyway_without_the_file_or_its_kept_copy_says_to_choose_it_and_import(
    client, app_db
):
    # A form sent without the file the warning kept (a page from before, or the field lost):
    # the words name the button that is on the page, whose answer keeps the file this time.
    ingest_text(app_db, SAMPLE_ARTICLE)
    data = {"csrf_token": page_token(client, "/"), "source": "file", "near_copy": "import"}
    response = client.post("/imports", data=data, headers=HX, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the file again, then press Import: the browser" in words(parse(response))
    assert parse(response).cssselect("button.import-submit")
    assert len(article_store.list_articles(app_db)) == 1


@pytest.fixture
def upload(client):
    token = page_token(client, "/")

    def post(files=(), **extra):
        data = {"csrf_token": token, "source": "file", **extra}
        if files:
            data["file"] = [(io.BytesIO(body), name) for name, body in files]
        return client.post("/imports", data=data, headers=HX, content_type="multipart/form-data")

    return post


def _resent(form) -> dict:
    """The hidden fields a near-copy warning keeps, as the browser sends them back."""
    return {field.get("name"): field.get("value") for field in form.cssselect("input[type=hidden]")}


def test_an_uploaded_near_copy_is_imported_anyway_without_choosing_the_file_again(upload, app_db):
    first = ingest_text(app_db, SAMPLE_ARTICLE).article_id
    page = REPUBLISHED.encode("utf-8")
    held = upload([("flood-again.txt", page)])
    assert held.status_code == 200 and "HX-Redirect" not in held.headers
    [warning] = parse(held).cssselect("[data-near-copies]")
    assert warning.cssselect(f"a[href='/articles/{first}']")
    assert "the file you chose, flood-again.txt, is kept in this form" in words(warning)
    assert "choose the file again" not in words(warning)
    kept = _resent(parse(held))
    assert kept["held_file_name"] == "flood-again.txt"
    assert len(article_store.list_articles(app_db)) == 1
    # The file input is empty now: "Import" looks at the kept file again, "Import anyway" stores it.
    again = upload(**kept)
    assert parse(again).cssselect("[data-near-copies]") and _resent(parse(again)) == kept
    assert len(article_store.list_articles(app_db)) == 1
    anyway = upload(near_copy="import", **kept)
    assert anyway.headers["HX-Redirect"].startswith("/articles/")
    [_, new] = sorted(a["id"] for a in article_store.list_articles(app_db))
    assert (
        article_store.get_article(app_db, new)["title"]
        == "Flooding closes 14 schools in the river valley"
    )
    assert anyway.headers["HX-Redirect"] == f"/articles/{new}"


def test_an_uploaded_page_imported_anyway_is_read_from_the_very_bytes_sent(upload, app_db):
    # A page saved in an older encoding comes back byte for byte, and is read as HTML by its name.
    upload([("dam.html", DAM_ARTICLE_PAGE)])
    page = REPUBLISHED_PAGE.replace(b"<head>", b'<head><meta charset="windows-1252">').replace(
        b"Engineers", b"Caf\xe9 Engineers"
    )
    held = upload([("dam-again.html", page)])
    assert parse(held).cssselect("[data-near-copies]")
    kept = _resent(parse(held))
    assert kept["held_file_name"] == "dam-again.html"
    anyway = upload(near_copy="import", **kept)
    new = int(anyway.headers["HX-Redirect"].rsplit("/", 1)[1])
    article = article_store.get_article(app_db, new)
    assert article["title"] == "Dam inspection finds 7 cracks"
    assert "Café Engineers found seven cracks" in article["body"]
    assert "Contact us" not in article["body"]


def test_an_uploaded_near_copy_is_imported_anyway_without_script(client, app_db):
    ingest_text(app_db, SAMPLE_ARTICLE)
    token = page_token(client, "/")
    sent = {"csrf_token": token, "source": "file"}
    file = (io.BytesIO(REPUBLISHED.encode()), "flood-again.txt")
    held = client.post("/imports", data={**sent, "file": file}, content_type="multipart/form-data")
    assert held.status_code == 200 and b"<html" in held.data
    form = parse(held).cssselect("form.import-form")[0]
    kept = {k: v for k, v in _resent(form).items() if k.startswith("held_file")}
    anyway = client.post(
        "/imports", data={**sent, "near_copy": "import", **kept}, content_type="multipart/form-data"
    )
    assert anyway.status_code == 303 and "/articles/" in anyway.headers["Location"]
    assert len(article_store.list_articles(app_db)) == 2


def test_a_file_of_the_import_limit_can_be_chosen_beside_a_held_near_copy(db_path):
    # The warning keeps the file in the form (base64, a third larger than the file), and a
    # reviewer who then chooses another file as large as imports allow sends both: the request
    # is not refused as too large.
    limit = 300_000
    app = create_app({"DATABASE": str(db_path), "TESTING": True, "MAX_IMPORT_BYTES": limit})
    db = database.connect(db_path)
    add_people(db)
    lines = [f"Gauge {n} on the river read {n * 7 % 113} centimetres at dawn." for n in range(1900)]
    body = "Flood gauges along the valley\n\n" + "\n".join(lines) + "\n"
    assert 90_000 < len(body) <= DIRECT_IMPORT_MAX_BYTES
    ingest_text(db, body)
    client = signed_in_client(app, "rita")
    sent = {"csrf_token": page_token(client, "/"), "source": "file"}

    def post(**data):
        return client.post("/imports", data={**sent, **data}, content_type="multipart/form-data")

    again = body.replace("Gauge 7 on", "Gauge seven on").encode()
    held = post(file=(io.BytesIO(again), "gauges-again.txt"))
    assert parse(held).cssselect("[data-near-copies]")
    kept = {k: v for k, v in _resent(parse(held)).items() if k.startswith("held_file")}
    other = ("Another story about the dam.\n" * (limit // 29))[: limit - 10].encode()
    chosen = post(file=(io.BytesIO(other), "dam.txt"), near_copy="import", **kept)
    assert chosen.status_code == 303, chosen.status_code
    [_, new] = sorted(article["id"] for article in article_store.list_articles(db))
    assert chosen.headers["Location"].endswith(f"/articles/{new}")
    db.close()


def test_a_kept_file_that_is_not_text_is_refused_as_an_upload_would_be(upload, app_db):
    ingest_text(app_db, SAMPLE_ARTICLE)
    kept = {"held_file": "AAEC//79", "held_file_name": "story.txt"}  # bytes 00 01 02 ff fe fd
    refused = upload(near_copy="import", **kept)
    assert refused.status_code == 422
    assert len(article_store.list_articles(app_db)) == 1
    mangled = upload(near_copy="import", held_file="not base64!", held_file_name="a.txt")
    assert mangled.status_code == 422
    assert "Choose the file again, then press Import." in words(parse(mangled))


def test_import_anyway_counts_only_for_the_file_the_warning_held(upload, app_db):
    # Another file chosen before "Import anyway" is looked at afresh: it may be a near copy of
    # something else, which the reviewer has not seen.
    ingest_text(app_db, SAMPLE_ARTICLE)
    kept = _resent(parse(upload([("flood-again.txt", REPUBLISHED.encode())])))
    other = (REPUBLISHED + "\nA third version of the story.\n").encode()
    again = upload([("third.txt", other)], near_copy="import", **kept)
    assert again.status_code == 200 and parse(again).cssselect("[data-near-copies]")
    assert _resent(parse(again))["held_file_name"] == "third.txt"
    assert len(article_store.list_articles(app_db)) == 1
    # The same file chosen again counts as the one held.
    same = upload([("flood-again.txt", REPUBLISHED.encode())], near_copy="import", **kept)
    assert same.headers["HX-Redirect"].startswith("/articles/")


def test_cancel_on_a_near_copy_warning_forgets_it_and_stores_nothing(paste, upload, app_db):
    ingest_text(app_db, SAMPLE_ARTICLE)
    for held in (paste(REPUBLISHED), upload([("flood-again.txt", REPUBLISHED.encode())])):
        [warning] = parse(held).cssselect("[data-near-copies]")
        [cancel] = warning.cssselect("button[name=near_copy][value=cancel]")
        assert words(cancel) == "Cancel"
    cancelled = paste(REPUBLISHED, near_copy="cancel")
    form = parse(cancelled)
    assert cancelled.status_code == 200 and not form.cssselect("[data-near-copies]")
    assert words(form.cssselect("[data-near-copy-cancelled]")[0]) == (
        "Not imported: nothing was added."
    )
    assert form.cssselect("#import-text")[0].text_content().strip() == ""
    kept = _resent(parse(upload([("flood-again.txt", REPUBLISHED.encode())])))
    cancelled = upload(near_copy="cancel", **kept)
    assert not _resent(parse(cancelled)).get("held_file")
    assert len(article_store.list_articles(app_db)) == 1
