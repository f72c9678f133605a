"""The library in the workbench: browsing and searching it, one item with the claims it matches,
and an editor importing a file of fact-checks or removing one, audited like every other write."""

import io
import json

import pytest
from helpers import HX, audit_count, fragment, page_token, parse, words

from factcheck import library_formats, previous_checks
from factcheck.store import claim_matches, claim_reads
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.views import library_pages

pytestmark = pytest.mark.usefixtures("immediate_jobs", "matcher")

CSV = (
    "id,claim,title,rating,url,date,publisher\n"
    "vc-1,Fourteen schools closed on Tuesday because of the storm,Schools shut?,True,"
    "https://checks.example/schools,2025-01-20,Valley Checkers\n"
    "vc-2,The bridge toll doubled last year,Did the toll double?,False,"
    "https://checks.example/toll,2025-02-02,Valley Checkers\n"
    "vc-3,,No claim here,False,https://checks.example/empty,2025-02-03,Valley Checkers\n"
)


def _import(db, records):
    parsed = [
        library_formats.Parsed(f"line {n + 2}", record={"external_id": f"x-{n}", **record})
        for n, record in enumerate(records)
    ]
    return library_store.import_records(
        db, parsed, actor=SYSTEM, source="seed.csv", file_format="csv"
    )


def _upload(client, name: str, data: bytes, **form):
    return client.post(
        "/library/import",
        data={
            "file": (io.BytesIO(data), name),
            "csrf_token": page_token(client, "/library"),
            **form,
        },
        content_type="multipart/form-data",
    )


def _listed(response) -> list[str]:
    return [words(link) for link in parse(response).cssselect(".library-list .library-claim")]


def test_the_library_lists_the_newest_first_and_finds_items_by_their_words(client, app_db):
    _import(
        app_db,
        [
            {"claim": "The harbour handled 4.2 million tonnes of cargo", "title": "Cargo"},
            {"claim": "Unemployment fell to 3 percent in March", "title": "Jobs figures"},
            {"claim": "Vaccinated people were hospitalised less often", "title": "Vaccines"},
        ],
    )
    page = client.get("/library")
    assert page.status_code == 200
    assert _listed(page) == [
        "Vaccinated people were hospitalised less often",
        "Unemployment fell to 3 percent in March",
        "The harbour handled 4.2 million tonnes of cargo",
    ]
    assert "1–3 of 3 most recently added first" in words(parse(page).cssselect(".queue-count")[0])

    # Words are stemmed as the index is: "vaccines" finds "vaccinated"; a title word counts too.
    assert _listed(client.get("/library?q=vaccines")) == [
        "Vaccinated people were hospitalised less often"
    ]
    assert _listed(client.get("/library?q=jobs+march")) == [
        "Unemployment fell to 3 percent in March"
    ]
    # The search runs as words are typed: a word's beginning finds it.
    assert _listed(client.get("/library?q=unemplo+marc")) == [
        "Unemployment fell to 3 percent in March"
    ]
    # Only the desk's own verdicts: none are published yet.
    own = client.get("/library?origin=own")
    assert _listed(own) == []
    assert "No fact-check in the library matches." in words(parse(own))
    assert len(_listed(client.get("/library?origin=imported&q=cargo"))) == 1
    none = client.get("/library?q=lighthouse")
    assert _listed(none) == []
    assert "No fact-check in the library matches “lighthouse”" in words(parse(none))


def test_a_figure_or_quoted_words_are_found_in_the_library_exactly(client, app_db):
    """As in the queue: "3.5%" is not any claim with a 3 and a 5 in it."""
    _import(
        app_db,
        [
            {"claim": "Inflation reached 3.5% in May"},
            {"claim": "About 53.3 million pounds were spent on 5 bridges"},
            {"claim": "The road took 7 months to build"},
            {"claim": "It took the council 7 years and 2 months"},
        ],
    )
    assert _listed(client.get("/library", query_string={"q": "3.5%"})) == [
        "Inflation reached 3.5% in May"
    ]
    assert _listed(client.get("/library", query_string={"q": '"took 7 months"'})) == [
        "The road took 7 months to build"
    ]
    # The index stems its words ("build" for "building"); a word quoted alone is held as typed.
    _import(app_db, [{"claim": "The building of the road was paid by the state"}])
    assert len(_listed(client.get("/library", query_string={"q": "build"}))) == 2
    assert _listed(client.get("/library", query_string={"q": '"build"'})) == [
        "The road took 7 months to build"
    ]


def test_search_words_with_fts_syntax_are_only_words(client, app_db):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}])
    for typed in ('"', "taxes AND", "NEAR(", "tax* OR -", "*", "^taxes"):
        response = client.get("/library", query_string={"q": typed})
        assert response.status_code == 200, typed
    # Marks without a word are no search for everything.
    assert _listed(client.get("/library", query_string={"q": "?!"})) == []


def test_pages_of_the_library_follow_on_and_say_when_a_page_is_past_the_end(client, app_db):
    _import(app_db, [{"claim": f"Claim number {n} about the port"} for n in range(1, 56)])
    first = parse(client.get("/library?q=port"))
    assert "1–50 of 55" in words(first.cssselect(".queue-count")[0])
    following = first.cssselect('.pager a[rel="next"]')[0].get("href")
    second = client.get(following)
    assert "51–55 of 55" in words(parse(second).cssselect(".queue-count")[0])
    assert len(_listed(second)) == 5
    beyond = client.get("/library?q=port&page=9")
    assert "There is no page 9" in words(parse(beyond))


def test_the_search_answers_htmx_with_the_results_alone(client, app_db):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}])
    part = fragment(client.get("/library?q=taxes", headers=HX))
    assert part.cssselect(".library-list") and not part.cssselect("h1")


def test_an_item_page_shows_its_fields_and_the_claims_it_matches(
    client, app_db, claim, monkeypatch, make_article
):
    _import(app_db, [{"claim": claim["text"], "rating": "Mostly true", "publisher": "Checkers"}])
    previous_checks.match_claims(app_db, [claim["id"]], cause="test", actor=SYSTEM)
    item_id = library_store.list_items(app_db)[0]["id"]
    page = parse(client.get(f"/library/{item_id}"))
    assert words(page.cssselect("h1")[0]) == "Checkers: Mostly true"
    matched = page.cssselect(".library-matched li a")
    assert [link.get("href") for link in matched] == [
        f"/articles/{claim['article_id']}?claim={claim['id']}"
    ]
    # A sentence repeated across a big desk matches thousands: the closest are listed.
    again = make_article(
        f"Harbour budget questions\n\n{claim['text']}\n\nThe ferry timetable changes in May."
    )
    repeated = [c["id"] for c in claim_reads.claims_for_article(app_db, again)]
    previous_checks.match_claims(app_db, repeated, cause="test", actor=SYSTEM)
    monkeypatch.setattr(library_pages, "MATCHED_SHOWN", 1)
    few = parse(client.get(f"/library/{item_id}"))
    assert len(few.cssselect(".library-matched li")) == 1
    assert words(few.cssselect("#library-matched-heading .count")[0]) == "2"
    assert "The 1 closest of 2 are listed" in words(few.cssselect(".library-matched")[0])
    assert len(client.get(f"/library/{item_id}.json").get_json()["matched_claims"]) == 2
    # The claim's panel leads back to the item.
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    assert panel.cssselect(f'.previous-checks a[href="/library/{item_id}"]')
    # Imported without an address, it has no page a reader could follow: not evidence.
    added = client.post(
        f"/claims/{claim['id']}/previous-checks/{item_id}/evidence",
        data={"stance": "supports", "version": claim["version"]},
        headers={**HX, "X-CSRFToken": page_token(client, "/")},
    )
    assert added.status_code == 422
    assert app_db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    as_json = client.get(f"/library/{item_id}.json").get_json()
    assert [c["id"] for c in as_json["matched_claims"]][0] == claim["id"]
    assert client.get("/library/999").status_code == 404


def test_an_editor_imports_a_file_and_sees_what_was_refused_and_why(client_as, app_db):
    editor = client_as("ed")
    before = audit_count(app_db)
    response = _upload(editor, "checks.csv", CSV.encode())
    # Redirected to the library, so reloading its page does not send the file again.
    assert response.status_code == 303 and response.headers["Location"] == "/library"
    page = editor.get("/library")
    said = words(parse(page).cssselect(".flash")[0])
    assert "Imported checks.csv: 2 added, 0 updated, 0 unchanged, 1 refused." in said
    assert "line 4:" in said and "claim" in said
    assert audit_count(app_db) == before + 1
    assert [item["external_id"] for item in library_store.list_items(app_db)] == ["vc-2", "vc-1"]
    assert not parse(editor.get("/library")).cssselect(".flash"), "said once"
    again = _upload(editor, "checks.csv", CSV.encode())
    assert "0 added, 0 updated, 2 unchanged, 1 refused" in words(
        parse(editor.get(again.headers["Location"])).cssselect(".flash")[0]
    )


def test_the_refusals_kept_for_the_page_after_an_import_fit_in_the_session_cookie():
    refusals = [{"where": f"line {n}", "problem": "a very long reason " * 40} for n in range(20)]
    result = {
        "name": "checks.csv",
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "refused": 20,
        "records": 21,
        "rematching": True,
        "shown_refusals": refusals,
    }
    kept = library_pages._kept_for_redirect(result)
    assert len(json.dumps(kept)) <= library_pages.KEPT_RESULT_BYTES
    assert 1 <= len(kept["shown_refusals"]) < 20 and kept["refused"] == 20


def test_an_import_with_many_refusals_shows_some_and_counts_the_rest(client_as, app_db):
    editor = client_as("ed")
    long_rows = "".join(f"{n},\n" for n in range(200))
    _upload(editor, "checks.csv", f"id,claim\n{long_rows}vc-9,Taxes rose 6 percent\n".encode())
    said = parse(editor.get("/library")).cssselect(".flash")[0]
    shown = said.cssselect(".import-refusals li")
    assert "200 refused" in words(said)
    assert 1 < len(shown) <= 21
    assert words(shown[-1]).startswith("… and ")
    assert "more refused" in words(shown[-1])


def test_an_import_that_refuses_every_row_or_cannot_be_read_is_a_422_that_says_why(
    client_as, app_db
):
    editor = client_as("ed")
    nothing = _upload(editor, "checks.csv", b"id,claim\n1,\n")
    assert nothing.status_code == 422
    assert "1 refused" in words(parse(nothing).cssselect(".flash")[0])
    unknown = _upload(editor, "checks.xlsx", b"PK\x03\x04")
    assert unknown.status_code == 422
    assert "Choose its format" in words(parse(unknown).cssselect(".flash")[0])
    missing = editor.post(
        "/library/import",
        data={"csrf_token": page_token(editor, "/library")},
        content_type="multipart/form-data",
    )
    assert missing.status_code == 422
    assert "Choose the file" in words(parse(missing).cssselect(".flash")[0])
    assert library_store.list_items(app_db) == []


def test_a_reviewer_browses_the_library_but_cannot_change_it(client, app_db):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}])
    item_id = library_store.list_items(app_db)[0]["id"]
    assert not parse(client.get("/library")).cssselect(".library-import-form")
    assert not parse(client.get(f"/library/{item_id}")).cssselect(".library-remove")
    assert _upload(client, "checks.csv", CSV.encode()).status_code == 403
    token = page_token(client, "/library")
    refused = client.post(f"/library/{item_id}/remove", data={"csrf_token": token})
    assert refused.status_code == 403
    assert len(library_store.list_items(app_db)) == 1


def test_an_editor_removes_an_imported_item_and_its_matches_go_with_it(client_as, app_db, claim):
    _import(app_db, [{"claim": claim["text"], "rating": "Mostly true"}])
    previous_checks.match_claims(app_db, [claim["id"]], cause="test", actor=SYSTEM)
    item_id = library_store.list_items(app_db)[0]["id"]
    assert claim_matches.previous_checks(app_db, claim["id"])
    editor = client_as("ed")
    token = page_token(editor, f"/library/{item_id}")
    form = parse(editor.get(f"/library/{item_id}")).cssselect(".library-remove")[0]
    assert form.tag == "details"  # two steps: open, then remove, with a reason
    assert words(form.cssselect("label[for=library-remove-why]")[0]) == (
        "Reason, for the audit trail"
    )
    response = editor.post(
        f"/library/{item_id}/remove",
        data={"csrf_token": token, "why": "  A duplicate of   the council item "},
    )
    assert response.status_code == 303
    shown = words(parse(editor.get(response.headers["Location"])).cssselect(".flash")[0])
    assert shown == f"Removed library item {item_id}. The claim it matched is being matched again."
    assert library_store.list_items(app_db) == []
    assert claim_matches.previous_checks(app_db, claim["id"]) == []
    last = app_db.execute("SELECT action, reason FROM audit ORDER BY id DESC LIMIT 1")
    assert tuple(last.fetchone()) == ("library.remove", "A duplicate of the council item")


def test_an_item_removed_by_another_editor_meanwhile_says_who_removed_it_and_when(
    client_as, app_db, people
):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}, {"claim": "Rents rose by 9 percent"}])
    gone, kept = sorted(item["id"] for item in library_store.list_items(app_db))
    editor = client_as("ed")
    token = page_token(editor, f"/library/{gone}")
    library_store.remove_item(app_db, gone, actor=people["eve"], why="A duplicate")
    before = audit_count(app_db)
    response = editor.post(f"/library/{gone}/remove", data={"csrf_token": token})
    assert response.status_code == 422
    page = parse(response)
    eve = people["eve"].display_name or "eve"
    assert words(page.cssselect(".flash.is-error")[0]) == (
        f"Library item {gone} was already removed by {eve} just now."
    )
    assert _listed(response) == ["Rents rose by 9 percent"]
    assert audit_count(app_db) == before


@pytest.mark.parametrize("page", ["abc", "-1", "0"])
def test_a_library_page_that_cannot_be_one_is_refused_in_words(client, app_db, page):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}])
    for address in (f"/library?page={page}", f"/library.json?page={page}"):
        response = client.get(address)
        assert response.status_code == 422
        assert "The page number must be a whole number from 1" in response.get_data(as_text=True)


def test_the_json_of_the_library_pages_through_it(client, app_db):
    _import(app_db, [{"claim": "Taxes rose by 6 percent"}, {"claim": "Rents rose by 9 percent"}])
    answer = json.loads(client.get("/library.json?q=rose").get_data())
    assert answer["total"] == 2 and len(answer["items"]) == 2


def test_the_import_file_picker_offers_every_format_the_import_reads(client_as):
    page = parse(client_as("ed").get("/library"))
    picker = page.cssselect("#library-file")[0].get("accept").split(",")
    assert {".jsonld", ".html", ".csv", ".tsv", ".jsonl", ".json"} <= set(picker)


def test_a_file_too_large_for_the_library_import_leads_back_to_its_form(client_as, app):
    editor = client_as("ed")
    too_big = b"claim\n" + b"x" * (app.config["MAX_IMPORT_BYTES"] + 2**20)
    answer = editor.post(
        "/library/import",
        data={"csrf_token": page_token(editor, "/library"), "file": (io.BytesIO(too_big), "a.csv")},
        headers={"Referer": "http://localhost/library"},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 413
    [back] = parse(answer).cssselect(".error-message a")
    assert back.get("href") == "/library" and words(back) == "Back to the form"
