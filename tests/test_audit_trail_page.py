"""Reading the audit trail across records, on the web and the command line: who made a person
an admin, when and why, everything one person did, each field before and after; and the filters
that narrow it, refused in words when mistyped."""

import json
import re

import pytest
from click.testing import CliRunner
from helpers import HX, form_post, fragment, parse, words

from factcheck.audit_changes import changed_fields
from factcheck.cli import main
from factcheck.store import users
from factcheck.store.audit_browse import PAGE_ROWS, TrailFilter, trail


def test_changed_fields_lists_what_differs_one_level_down():
    before = {"status": "unreviewed", "version": 1, "draft": {"rating": "false"}, "gone": 1}
    after = {"status": "in_progress", "version": 2, "draft": {"rating": "false", "why": "x"}}
    # What the row did not record before reads so, never as if it had been empty; what it
    # recorded only before is no removal.
    assert changed_fields(before, after) == [
        ("status", "unreviewed", "in_progress"),
        ("version", "1", "2"),
        ("draft.why", "(not recorded)", "x"),
    ]
    assert changed_fields(None, {"made": 1}) == [("made", "—", "1")]
    # A name read beside an id the row kept before: none where the id was none.
    assigned = changed_fields({"assignee_id": None}, {"assignee": "rita", "assignee_id": 3})
    assert assigned == [("assignee", "—", "rita"), ("assignee_id", "—", "3")]
    moved = changed_fields({"assignee_id": 2}, {"assignee": "rita", "assignee_id": 3})
    assert moved[0] == ("assignee", "(not recorded)", "rita")
    # A record the row says was not there (null) had none of its fields: a first draft.
    first = changed_fields({"status": "unreviewed", "draft": None}, {"draft": {"rating": "false"}})
    assert first == [("draft.rating", "—", "false")]
    assert changed_fields({"removed": 1}, None) == [("removed", "1", "—")]
    # Long enough that two rationales are never told apart by their ends alone.
    assert len(changed_fields(None, "a" * 1500)[0][2]) == 1500


def test_an_editor_finds_who_changed_a_persons_role_and_every_change_by_one_person(
    client_as, app_db, people, claim
):
    from factcheck.store import triage

    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    users.set_role(app_db, "rita", "editor", actor=people["ada"])
    editor = client_as("ed")
    page = parse(editor.get("/audit?kind=user"))
    [line] = [words(p) for p in page.cssselect(".audit-line") if "user.role" in words(p)]
    assert "ada" in line and "changed a person's role" in line and "(rita)" in line
    fields = page.cssselect(".audit-changes tbody tr")
    assert ["role", "reviewer", "editor"] in [[words(cell) for cell in row] for row in fields]
    # A claim's rows link to it, an article's to the article.
    claim_rows = parse(editor.get("/audit?record=claim"))
    links = [a.get("href") for a in claim_rows.cssselect(".audit-line a")]
    assert links and all(link.startswith("/claims/") for link in links)
    # A record as the page itself writes it, "claim 16", is understood; a claim's rows are its
    # whole story, as its history tells it: its article's import, and a bulk action that
    # changed it, which is filed under the claims it changed.
    from factcheck.store import bulk

    bulk.bulk_update(app_db, [claim["id"]], action="assign", value="eve", actor=people["ed"])
    one = parse(editor.get(f"/audit?record=claim+{claim['id']}")).cssselect(".audit-line")
    hrefs = {a.get("href") for line in one for a in line.cssselect("a")}
    assert hrefs == {f"/claims/{claim['id']}", f"/articles/{claim['article_id']}"}
    assert [line for line in one if "bulk.assign" in words(line)]
    assert not [line for line in one if "user.role" in words(line)]
    # The JSON link follows the filters (it is drawn with the results).
    json_link = parse(editor.get("/audit?person=ada")).cssselect(".audit-json a")[0]
    assert json_link.get("href") == "/audit.json?person=ada"
    # One person's changes only.
    mine = parse(editor.get("/audit?person=ada"))
    assert mine.cssselect(".audit-line")
    assert all(" ada " in f" {words(p)} " for p in mine.cssselect(".audit-line"))
    # The filter form answers htmx with the results alone.
    results = fragment(editor.get("/audit?record=claim:999999", headers=HX))
    assert words(results) == "No change in the trail matches these filters."


def test_the_trail_says_a_person_signed_out_and_whose_session_it_was(client_as):
    signed_out = client_as("eve")
    assert form_post(signed_out, "/sign-out", {}).status_code == 303
    page = parse(client_as("ed").get("/audit?kind=session"))
    ends = [words(p) for p in page.cssselect(".audit-line") if "session.end" in words(p)]
    assert len(ends) == 1 and "eve signed out · session 1 (eve)" in ends[0], ends


def test_reviewers_do_not_read_the_whole_trail(client_as):
    assert client_as("rita").get("/audit").status_code == 403
    assert client_as("rita").get("/audit.json").status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=05/12/2026", "From must be a date written YYYY-MM-DD"),
        ("record=claim:x", "Record must be a kind of record, with its number after a colon"),
        ("kind=verdicts", "Kind of change must be one of import, article, claim, unit, verdict"),
        ("person=nobody", "There is no one called &#39;nobody&#39;"),
        ("since=2026-12-06&until=2026-12-01", "From 2026-12-06 is after to 2026-12-01"),
        ("before=abc", "must be a row number, not &#39;abc&#39;"),
    ],
)
def test_a_mistyped_filter_is_refused_in_words(client_as, query, message):
    response = client_as("ed").get(f"/audit?{query}")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_record_type_the_trail_does_not_have_is_named_beside_the_ones_it_has(client_as):
    page = client_as("ed").get("/audit?record=clam:12", headers=HX)
    assert page.status_code == 200
    assert "No change in the trail matches these filters. The trail's records are of these" in (
        words(fragment(page))
    )


def test_pages_go_on_from_the_last_row_and_days_include_their_whole_day(app_db, people):
    for number in range(PAGE_ROWS + 5):
        users.add_user(
            app_db, f"temp{number}", role="reviewer", password="harbour lights at dusk",
            display_name=None, actor=people["ada"],
        )  # fmt: skip
    first, older = trail(app_db, TrailFilter(action="user.add"))
    assert len(first) == PAGE_ROWS and first[0]["id"] > first[-1]["id"]
    assert older == first[-1]["id"]
    rest, _ = trail(app_db, TrailFilter(action="user.add", before_id=older))
    assert rest and max(row["id"] for row in rest) < first[-1]["id"]
    today = first[0]["at"][:10]
    assert trail(app_db, TrailFilter(since=today, until=today, action="user"))[0]
    assert trail(app_db, TrailFilter(until="2000-01-01")) == ([], None)


def test_an_older_page_leads_back_to_the_newest_and_each_change_names_its_row(
    client_as, app_db, people
):
    for number in range(PAGE_ROWS + 5):
        users.add_user(
            app_db, f"temp{number}", role="reviewer", password="harbour lights at dusk",
            display_name=None, actor=people["ada"],
        )  # fmt: skip
    editor = client_as("ed")
    first = parse(editor.get("/audit?kind=user.add"))
    assert [words(a) for a in first.cssselect(".audit-more a")] == ["Older changes"]
    older = first.cssselect(".audit-more a")[0].get("href")
    page = parse(editor.get(older))
    links = {words(a): a.get("href") for a in page.cssselect(".audit-more a")}
    assert links == {"Newest changes": "/audit?kind=user.add&before="}
    newest = parse(editor.get(links["Newest changes"]))
    assert words(newest.cssselect(".audit-line")[0]) == words(first.cssselect(".audit-line")[0])
    # A page gone on from past the oldest match leads back too.
    past = parse(editor.get("/audit?kind=user.add&before=1"))
    assert [words(a) for a in past.cssselect(".audit-more a")] == ["Newest changes"]
    summary = page.cssselect(".audit-changes summary")[0]
    row = page.cssselect(".audit-entry")[0].get("id").removeprefix("audit-row-")
    assert words(summary).endswith(f"fields changed by row {row}")


def test_the_command_line_reads_the_trail_with_the_same_filters(tmp_path):
    database = str(tmp_path / "trail.db")
    runner = CliRunner()

    def run(*args, **kwargs):
        return runner.invoke(main, ["--db", database, *args], **kwargs)

    assert run("init").exit_code == 0
    for name, role in (("ada", "admin"), ("rita", "reviewer")):
        added = run(
            "user",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            input="harbour lights at dusk\n",
        )
        assert added.exit_code == 0, added.output
    promoted = run("user", "role", "rita", "editor", "--as", "ada", "--why", "Night editor now")
    assert promoted.exit_code == 0, promoted.output
    shown = run("audit", "log", "--kind", "user.role")
    assert shown.exit_code == 0, shown.output
    # Made on the command line, and said so, as the Audit page says it.
    assert re.search(r"ada via command line \(\S+\)  user\.role user 2", shown.output)
    assert "role: reviewer -> editor" in shown.output
    # An administrator's change to a person can say why; the trail keeps it.
    assert "why: Night editor now" in shown.output
    rows = json.loads(run("audit", "log", "--by", "ada", "--json").output)
    assert [row["action"] for row in rows] == ["user.role"]
    # A name typed as it signs in, in any case, finds that person's changes.
    assert json.loads(run("audit", "log", "--by", "ADA", "--json").output) == rows
    assert run("audit", "log", "--by", "System").exit_code == 0
    backwards = run("audit", "log", "--since", "2026-12-06", "--until", "2026-12-01")
    assert backwards.exit_code == 2
    assert "--since 2026-12-06 is after --until 2026-12-01" in backwards.output
    refused = run("audit", "log", "--until", "yesterday")
    assert refused.exit_code == 2
    assert "--until must be a date written YYYY-MM-DD" in refused.output
    nobody = run("audit", "log", "--by", "nobdy")
    assert nobody.exit_code == 2 and "no one is called 'nobdy'" in nobody.output
    # A plural kind is refused, not answered "no change", as if no verdict had ever changed.
    plural = run("audit", "log", "--kind", "verdicts")
    assert plural.exit_code == 2, plural.output
    assert "--kind must be one of import, article, claim" in plural.output
    typo = run("audit", "log", "--record", "usr")
    assert typo.exit_code == 0 and "No change in the trail matches" in typo.output
    assert "The trail's records are of these types: user." in typo.output
    assert "types" not in run("audit", "log", "--record", "user:99").output
    # A mistyped action of a kind the trail has: its actions are named.
    typo = run("audit", "log", "--kind", "user.rol")
    assert typo.exit_code == 0
    assert "The trail's changes of the kind user: user.add, user.role." in typo.output
    # Pages go on from the last row shown.
    first = run("audit", "log", "--limit", "1")
    assert "Older rows match too: add --before" in first.output
    older = first.output.split("--before ")[1].split()[0]
    rest = json.loads(run("audit", "log", "--before", older, "--json").output)
    assert rest and all(row["id"] < int(older) for row in rest)


def test_a_first_drafts_history_says_it_had_no_rating_before(claim_world):
    from helpers import RATIONALE

    from factcheck.store import audit, verdicts

    db, people, claim_id = claim_world
    verdicts.set_verdict(db, claim_id, rating="False", rationale=RATIONALE, actor=people["rita"])
    row = db.execute(
        "SELECT before, after FROM audit WHERE record_id = ? ORDER BY id DESC LIMIT 1", [claim_id]
    ).fetchone()
    fields = dict(
        (name, was) for name, was, _ in changed_fields(json.loads(row[0]), json.loads(row[1]))
    )
    assert fields["verdict_draft.rating"] == "—" and fields["verdict_draft.rationale"] == "—"
    assert audit.verify(db).ok


@pytest.fixture
def no_trail_check_yet():
    from factcheck import audit_jobs

    for key in (audit_jobs.LAST_CHECK, audit_jobs.RUNNING):
        audit_jobs.huey.delete(key)
    yield audit_jobs
    for key in (audit_jobs.LAST_CHECK, audit_jobs.RUNNING):
        audit_jobs.huey.delete(key)


def test_an_editor_checks_the_whole_trail_from_the_audit_page(
    client_as, app, people, claim, no_trail_check_yet
):
    import sqlite3

    from helpers import page_token

    editor = client_as("ed")
    box = parse(editor.get("/audit")).cssselect("#trail-check")[0]
    assert "Not checked from the workbench yet" in words(box)
    token = page_token(editor, "/audit")
    checked = fragment(editor.post("/audit/check", data={"csrf_token": token}, headers=HX))
    said = words(checked.cssselect(".trail-check-outcome")[0])
    assert said.startswith("Intact.") and "asked by ed" in said
    # Someone holding the file makes rita an admin: the next check names it.
    with sqlite3.connect(app.config["DATABASE"]) as raw:
        raw.execute("UPDATE users SET role = 'admin' WHERE username = 'rita'")
    broken = editor.post("/audit/check", data={"csrf_token": token}, headers=HX)
    said = words(fragment(broken).cssselect(".trail-check-outcome")[0])
    assert "Tampering found: a table was changed outside the audit trail" in said
    assert "user 'rita'" in said and "its role is 'admin'" in said
    # The page itself shows the last check to whoever opens it next.
    assert "Tampering found" in words(parse(client_as("eve").get("/audit")))
    # Without JavaScript the form posts and comes back to the page.
    plain = editor.post("/audit/check", data={"csrf_token": token})
    assert plain.status_code == 303 and plain.headers["Location"].endswith("/audit")


def test_a_check_under_way_is_polled_and_not_started_twice(
    client_as, people, claim, no_trail_check_yet, monkeypatch
):
    audit_jobs = no_trail_check_yet
    monkeypatch.setattr(audit_jobs.huey, "immediate", True)
    audit_jobs.huey.put(
        audit_jobs.RUNNING, {"asked_by": "eve", "queued": __import__("time").time(),
                             "queued_at": "2026-01-01T00:00:00Z"}
    )  # fmt: skip
    started = []
    monkeypatch.setattr(audit_jobs, "check_trail", lambda *args: started.append(args))
    monkeypatch.setattr(audit_jobs.job_presence, "any_alive", lambda: True)
    editor = client_as("ed")
    box = fragment(editor.get("/audit/check", headers=HX)).cssselect("#trail-check")[0]
    assert box.get("hx-trigger") == "every 2s" and not box.cssselect("form")
    assert "asked by eve" in words(box) and "Checking every row" in words(box)
    # With no worker taking jobs (serve --production alone), the box says what it waits for.
    monkeypatch.setattr(audit_jobs.job_presence, "any_alive", lambda: False)
    box = fragment(editor.get("/audit/check", headers=HX)).cssselect("#trail-check")[0]
    assert "no worker is taking jobs" in words(box) and "factcheck worker" in words(box)
    from helpers import page_token

    editor.post("/audit/check", data={"csrf_token": page_token(editor, "/audit")}, headers=HX)
    assert started == []


def test_a_reviewer_cannot_start_a_check_of_the_trail(client, claim, no_trail_check_yet):
    from helpers import page_token

    token = page_token(client, "/account")
    assert client.post("/audit/check", data={"csrf_token": token}, headers=HX).status_code == 403
    assert no_trail_check_yet.check_state()["last"] is None


def test_a_check_that_cannot_be_made_is_no_tampering_and_names_no_file(
    client_as, app, people, claim, no_trail_check_yet
):
    """The key file gone: the check could not be made; the browser is never shown its path."""
    from pathlib import Path

    from helpers import page_token

    key = Path(app.config["DATABASE"] + ".audit_key")
    editor = client_as("ed")
    token = page_token(editor, "/audit")
    key.rename(key.with_name("elsewhere"))
    try:
        answer = editor.post("/audit/check", data={"csrf_token": token}, headers=HX)
    finally:
        key.with_name("elsewhere").rename(key)
    said = words(fragment(answer).cssselect(".trail-check-outcome")[0])
    assert said.startswith("The check could not be finished: the audit key cannot be used")
    assert "Tampering" not in said and str(key) not in said and "audit verify" in said
