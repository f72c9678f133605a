"""The inbox: returned verdicts, assignments, mentions, drafts and reviews waiting, read per person
without touching the audit trail."""

import pytest
from helpers import PASSWORD, RATIONALE, audit_count, form_post, fragment, hx_post, parse, words
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.mentions import mentioned
from factcheck.store import (
    claim_reads,
    comments,
    evidence,
    inbox,
    queue_reads,
    triage,
    users,
    verdicts,
)
from factcheck.store.actors import SYSTEM


def _in_review(db, people, claim_id, author="rita"):
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/r", stance="supports", actor=people[author]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people[author])
    verdicts.submit_for_review(db, claim_id, actor=people[author])


def _kinds(db, actor):
    return [(item["kind"], item["claim_id"], item["read"]) for item in inbox.inbox(db, actor)]


def test_a_returned_verdict_reaches_its_author_with_the_editors_comment(claim_world):
    db, people, claim_id = claim_world
    _in_review(db, people, claim_id)
    assert ("review", claim_id, False) in _kinds(db, people["ed"])
    assert _kinds(db, people["rita"]) == []
    verdicts.return_for_changes(
        db, claim_id, actor=people["ed"], comment="Cite the bulletin's own page, please @rita."
    )
    items = inbox.inbox(db, people["rita"])  # one item, though the comment mentions her too
    assert [(i["kind"], i["who"], i["who_name"], i["comment"]) for i in items] == [
        ("returned", "ed", "Ed", "Cite the bulletin's own page, please @rita.")
    ]
    assert inbox.unread_count(db, people["rita"]) == 1
    assert _kinds(db, people["ed"]) == []  # nothing waits for review any more

    # Submitted again, it leaves her inbox; returned a second time, it is new again.
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    assert inbox.unread_count(db, people["rita"]) == 0
    before = audit_count(db)
    item = inbox.find_item(db, people["ed"], "review", items[0]["record_id"])
    inbox.mark_read(db, people["ed"], item["item"])
    assert audit_count(db) == before, "reading is not an audited event"
    assert inbox.unread_count(db, people["ed"]) == 0
    verdicts.return_for_changes(db, claim_id, actor=people["ed"], comment="And the date, too.")
    assert [(i["kind"], i["read"]) for i in inbox.inbox(db, people["rita"])] == [
        ("returned", False)
    ]


def test_assignments_mentions_and_drafts_reach_the_right_person(claim_world):
    db, people, claim_id = claim_world
    triage.assign(db, claim_id, assignee="rita", actor=people["ed"])
    assert _kinds(db, people["rita"]) == [("assigned", claim_id, False)]
    triage.assign(db, claim_id, assignee="eve", actor=people["eve"])  # taken by herself
    assert _kinds(db, people["rita"]) == [("taken", claim_id, False)]
    assert _kinds(db, people["eve"]) == []
    inbox.mark_all_read(db, people["rita"])

    comments.add_comment(
        db,
        claim_id,
        body="@Rita and @eve: see the council's note. Mail ed@example.org",
        actor=people["ed"],
    )
    assert _kinds(db, people["rita"]) == [("mention", claim_id, False), ("taken", claim_id, True)]
    assert _kinds(db, people["eve"]) == [("mention", claim_id, False)]
    assert _kinds(db, people["ed"]) == []  # an e-mail address mentions no one

    verdicts.set_verdict(db, claim_id, rating="Mixed", rationale=RATIONALE, actor=people["rita"])
    # Her own draft is listed as a reminder, never as news.
    assert sorted(_kinds(db, people["rita"])) == [
        ("draft", claim_id, True),
        ("mention", claim_id, False),
        ("taken", claim_id, True),
    ]
    assert inbox.unread_count(db, people["rita"]) == 1
    assert inbox.mark_all_read(db, people["rita"]) == 1
    assert inbox.unread_count(db, people["rita"]) == 0
    assert all(read for _, _, read in _kinds(db, people["rita"]))


def _taken(db, actor) -> list[tuple]:
    return [
        (item["kind"], item["who"], item["whom"], item["at"])
        for item in inbox.inbox(db, actor)
        if item["kind"] in ("taken", "replaced")
    ]


def _quotation_halves(db, article_id: int = 1) -> tuple[int, int]:
    """The sample article's quotation, cut by the splitter into two units: their ids."""
    return tuple(
        db.execute(
            "SELECT id FROM claims WHERE article_id = ? AND text LIKE ?", [article_id, start + "%"]
        ).fetchone()[0]
        for start in ('"The river rose', "We have never seen")
    )


def _last_audit_at(db) -> str:
    return db.execute("SELECT at FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]


def test_a_claim_given_to_someone_else_tells_the_one_it_was_taken_from(claim_world):
    """Who took it, who has it now (if anyone) and when, as the audit row of the change has
    them; nothing when they gave it away themselves."""
    db, people, claim_id = claim_world
    triage.assign(db, claim_id, assignee="rita", actor=people["ed"])
    triage.assign(db, claim_id, assignee="eve", actor=people["ed"])
    assert _taken(db, people["rita"]) == [("taken", "ed", "eve", _last_audit_at(db))]
    assert inbox.unread_count(db, people["rita"]) == 1
    assert _taken(db, people["ed"]) == [] and _taken(db, people["eve"]) == []

    triage.assign(db, claim_id, assignee="rita", actor=people["eve"])  # she gave it back herself
    assert _taken(db, people["eve"]) == []
    triage.assign(db, claim_id, assignee=None, actor=people["ed"])
    assert _taken(db, people["rita"])[0] == ("taken", "ed", None, _last_audit_at(db))
    assert len(_taken(db, people["rita"])) == 2


def test_claims_given_to_someone_else_in_bulk_or_by_an_undo_tell_who_had_them(
    claim_world, make_article
):
    from factcheck.store import bulk

    db, people, claim_id = claim_world
    triage.assign(db, claim_id, assignee="rita", actor=people["ed"])
    summary = bulk.bulk_update(db, [claim_id], action="assign", value="eve", actor=people["ed"])
    assert _taken(db, people["rita"]) == [("taken", "ed", "eve", _last_audit_at(db))]
    bulk.undo_bulk(db, summary["audit_id"], actor=people["ed"])
    assert _taken(db, people["eve"]) == [("taken", "ed", "rita", _last_audit_at(db))]
    # Rita has it back: that comes first in her inbox, newer than its taking away.
    assert [item["kind"] for item in inbox.inbox(db, people["rita"])] == ["assigned", "taken"]


def test_a_claim_taken_then_merged_into_the_unit_before_it_is_still_told_of(claim_world):
    from factcheck.store import unit_edits

    db, people, _ = claim_world
    first, second = _quotation_halves(db)
    triage.assign(db, second, assignee="rita", actor=people["ed"])
    triage.assign(db, second, assignee="eve", actor=people["ed"])
    unit_edits.merge_with_next(db, first, reason="One quotation cut in two", actor=people["ed"])
    assert _kinds(db, people["rita"]) == [("taken", first, False)]


def test_a_claim_merged_into_another_persons_claim_is_taken_from_its_assignee(claim_world):
    from factcheck.store import unit_edits

    db, people, _ = claim_world
    first, second = _quotation_halves(db)
    triage.assign(db, first, assignee="eve", actor=people["ed"])
    triage.assign(db, second, assignee="rita", actor=people["ed"])
    unit_edits.merge_with_next(db, first, reason="One quotation cut in two", actor=people["ed"])
    assert _taken(db, people["rita"]) == [("taken", "ed", "eve", _last_audit_at(db))]
    assert inbox.inbox(db, people["rita"])[0]["how"] == "unit.merge"
    assert _taken(db, people["eve"]) == []


def test_a_read_item_stays_read_when_its_claim_is_merged(claim_world):
    from factcheck.store import unit_edits

    db, people, _ = claim_world
    first, second = _quotation_halves(db)
    triage.assign(db, second, assignee="rita", actor=people["ed"])
    triage.assign(db, second, assignee="eve", actor=people["ed"])
    inbox.mark_all_read(db, people["rita"])
    unit_edits.merge_with_next(db, first, reason="One quotation cut in two", actor=people["ed"])
    assert _kinds(db, people["rita"]) == [("taken", first, True)]
    assert inbox.unread_count(db, people["rita"]) == 0


def test_a_read_assignment_stays_read_when_its_unit_is_merged_into_the_one_before(claim_world):
    from factcheck.store import unit_edits

    db, people, _ = claim_world
    first, second = _quotation_halves(db)
    triage.assign(db, second, assignee="rita", actor=people["ed"])
    inbox.mark_all_read(db, people["rita"])
    unit_edits.merge_with_next(db, first, reason="One quotation cut in two", actor=people["ed"])
    assert _kinds(db, people["rita"]) == [("assigned", first, True)]
    assert inbox.unread_count(db, people["rita"]) == 0


def test_a_draft_saved_over_by_another_reviewer_tells_its_author(claim_world):
    db, people, claim_id = claim_world
    verdicts.set_verdict(db, claim_id, rating="Mixed", rationale=RATIONALE, actor=people["rita"])
    verdicts.set_verdict(
        db, claim_id, rating="Mixed", rationale=RATIONALE + " Revised.", actor=people["rita"]
    )
    assert _taken(db, people["rita"]) == []  # her own revision
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["ed"])
    # The draft is Ed's now: hers is gone from her drafts, and her inbox says who saved over it.
    assert _kinds(db, people["rita"]) == [("replaced", claim_id, False)]
    assert _taken(db, people["rita"]) == [("replaced", "ed", None, _last_audit_at(db))]
    assert _taken(db, people["ed"]) == []


def test_the_inbox_page_says_what_was_taken_and_opens_its_claim(client, claim, app_db, people):
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    verdicts.set_verdict(
        app_db, claim["id"], rating="Mixed", rationale=RATIONALE, actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=people["eve"]
    )
    triage.assign(app_db, claim["id"], assignee="eve", actor=people["ed"])
    given_at = _last_audit_at(app_db)
    page = parse(client.get("/inbox"))
    assert words(page.cssselect("[data-inbox-count]")[0]) == "(2 unread)"
    taken = page.cssselect('#inbox .inbox-item[data-inbox-kind="taken"]')[0]
    assert "Taken from you: Ed gave it to Eve" in words(taken)
    assert [person.get("title") for person in taken.cssselect(".person")] == ["ed", "eve"]
    assert taken.cssselect("time")[0].get("datetime") == given_at
    replaced = page.cssselect('#inbox .inbox-item[data-inbox-kind="replaced"]')[0]
    assert "Eve saved their own verdict over your draft" in words(replaced)

    opened = client.get(taken.cssselect("a.work-claim")[0].get("href"))
    assert opened.headers["Location"].endswith(
        f"/articles/{claim['article_id']}?claim={claim['id']}"
    )
    assert words(parse(client.get("/inbox")).cssselect("[data-inbox-count]")[0]) == "(1 unread)"
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    triage.assign(app_db, claim["id"], assignee=None, actor=people["ed"])
    page = parse(client.get("/inbox"))
    unassigned = page.cssselect('#inbox .inbox-item[data-inbox-kind="taken"]')[0]
    assert "Taken from you: Ed unassigned it" in words(unassigned)


def test_reviewers_are_not_shown_verdicts_to_review(claim_world):
    db, people, claim_id = claim_world
    _in_review(db, people, claim_id, author="ed")
    assert ("review", claim_id, False) in _kinds(db, people["eve"])
    assert _kinds(db, people["ed"]) == []
    assert _kinds(db, people["rita"]) == []


def test_opening_an_item_marks_it_read_and_goes_to_the_claim(
    client, client_as, claim, app_db, people
):
    _in_review(app_db, people, claim["id"])
    verdicts.return_for_changes(
        app_db, claim["id"], actor=people["ed"], comment="Cite the bulletin's own page, please."
    )
    page = parse(client.get("/"))
    assert words(page.cssselect("[data-inbox-count]")[0]) == "(1 unread)"
    item = page.cssselect("#inbox .inbox-item.is-unread")[0]
    assert "Ed returned your verdict" in words(item)
    assert item.cssselect(".person")[0].get("title") == "ed"
    assert "Cite the bulletin's own page, please." in words(item)
    link = item.cssselect("a.work-claim")[0].get("href")

    opened = client.get(link)
    assert opened.status_code == 303
    assert opened.headers["Location"].endswith(
        f"/articles/{claim['article_id']}?claim={claim['id']}"
    )
    page = parse(client.get("/inbox"))
    assert page.cssselect("[data-inbox-count]") == []
    assert page.cssselect("#inbox .inbox-item.is-unread") == []
    assert len(page.cssselect("#inbox .inbox-item")) == 1
    # Another person opening the same link reads nothing of Rita's.
    assert client_as("eve").get(link).headers["Location"].endswith("/inbox")


def test_a_returned_draft_shows_what_the_editor_asked_beside_it(client, claim, app_db, people):
    _in_review(app_db, people, claim["id"])
    verdicts.return_for_changes(
        app_db, claim["id"], actor=people["ed"], comment="Cite the bulletin's own page, please."
    )
    opened = f"/articles/{claim['article_id']}?claim={claim['id']}"
    page = parse(client.get(opened))
    [note] = page.cssselect(".verdict-section .returned-note")
    assert "by Ed: “Cite the bulletin's own page, please.” In the comments" in words(note)
    [comment_id] = app_db.execute("SELECT return_comment_id FROM verdicts").fetchone()
    assert note.cssselect("a")[-1].get("href") == f"#comment-{comment_id}"
    assert page.cssselect(f"#comment-{comment_id}")
    # A long word back is cut short above the form; the comment it links to is whole.
    long_word = "Please fix these:\n1. " + "https://stats.example/" + "x" * 600
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    verdicts.return_for_changes(app_db, claim["id"], actor=people["ed"], comment=long_word)
    [note] = parse(client.get(opened)).cssselect(".returned-note")
    assert "Please fix these: 1. https://stats.example/" in note.text_content()
    assert len(note.text_content()) < 600 and "x…” In the comments" in note.text_content()
    # Sent for review again, the note goes: the editor has the new version to read.
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    assert not parse(client.get(opened)).cssselect(".returned-note")


def test_the_submitter_takes_a_verdict_back_from_the_panel_and_the_command_line(
    client, client_as, claim, app_db, people, db_path
):
    from click.testing import CliRunner

    from factcheck.cli import main

    _in_review(app_db, people, claim["id"])
    opened = f"/articles/{claim['article_id']}?claim={claim['id']}"
    # An editor who did not send it returns it with a word on what to change instead.
    assert not parse(client_as("ed").get(opened)).cssselect(".recall-form")
    [form] = parse(client.get(opened)).cssselect(".verdict-section .recall-form")
    assert "Take back to draft" in words(form)
    version = form.cssselect("input[name=expected_version]")[0].get("value")
    answer = hx_post(client, form.get("hx-post"), {"expected_version": version})
    assert answer.status_code == 200
    assert "Verdict taken back from review: it is a draft again." in words(fragment(answer))
    assert claim_reads.get_claim(app_db, claim["id"])["status"] == "in_progress"
    # Sent again, it is taken back at the command line the same way; not twice.
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    run = ["--db", str(db_path), "review", "recall", str(claim["id"])]
    taken = CliRunner().invoke(main, [*run, "--as", "rita"])
    assert taken.exit_code == 0, taken.output
    assert "Taken back from review: the verdict is a draft again." in taken.output
    again = CliRunner().invoke(main, [*run, "--as", "rita"])
    assert again.exit_code == 2
    assert "is not waiting for review; nothing to take back" in again.output


def test_mark_all_read_from_the_dashboard(client, claim, app_db, people):
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    comments.add_comment(app_db, claim["id"], body="@rita over to you", actor=people["ed"])
    assert client.get("/inbox.json").get_json()["unread"] == 2
    response = form_post(client, "/inbox/read", {})
    assert response.status_code == 303
    data = client.get("/inbox.json").get_json()
    assert data["unread"] == 0 and [item["read"] for item in data["items"]] == [True, True]


def test_mark_all_read_leaves_unread_what_arrived_after_the_page_was_shown(
    client, claim, app_db, people
):
    comments.add_comment(app_db, claim["id"], body="@rita first look", actor=people["ed"])
    form = parse(client.get("/inbox")).cssselect("#inbox form.inbox-read-all")[0]
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    # Eve mentions her again while Rita still has the page open.
    comments.add_comment(app_db, claim["id"], body="@rita please look again", actor=people["eve"])
    assert client.post("/inbox/read", data=fields).status_code == 303
    items = client.get("/inbox.json").get_json()["items"]
    assert [(item["comment"], item["read"]) for item in items] == [
        ("@rita please look again", False),
        ("@rita first look", True),
    ]


def test_mention_suggestions_list_people_by_name_or_username(client, people):
    page = parse(client.get("/people/mentions?q=e"))
    assert [li.get("data-username") for li in page.cssselect("li[role=option]")] == ["ed", "eve"]
    assert parse(client.get("/people/mentions?q=zz")).cssselect("li[role=option]") == []


def test_names_as_typed_come_before_names_found_without_their_accents(client, people, app_db):
    # Eight Ángels first in username order would have left no room for Ana.
    for number in range(8):
        users.add_user(
            app_db, f"r{number}", role="reviewer", password=PASSWORD,
            display_name=f"Ángel {number}", actor=people["ada"],
        )  # fmt: skip
    users.add_user(
        app_db, "z.ana", role="reviewer", password=PASSWORD, display_name="Ana Torres",
        actor=people["ada"],
    )  # fmt: skip
    page = parse(client.get("/people/mentions", query_string={"q": "an"}))
    listed = [li.get("data-username") for li in page.cssselect("li[role=option]")]
    assert listed[0] == "z.ana" and len(listed) == 8


def test_mention_suggestions_find_names_in_any_script_and_case(client, people, app_db):
    # QA: "@Фат" listed no one: SQLite's lower() and LIKE fold ASCII letters only.
    for username, name in (
        ("layla", "ليلى حداد"),
        ("fatima", "Фатима Орлова"),
        ("eleni", "Ελένη Παπαδοπούλου"),
        ("jose", "José Álvarez"),
        ("fabrice", "Fabrice Orly"),
    ):
        users.add_user(
            app_db,
            username,
            role="reviewer",
            password=PASSWORD,
            display_name=name,
            actor=people["ada"],
        )

    def listed(typed: str) -> list[str]:
        page = parse(client.get("/people/mentions", query_string={"q": typed}))
        return [li.get("data-username") for li in page.cssselect("li[role=option]")]

    assert listed("ليل") == listed("حدا") == ["layla"]
    assert listed("Фат") == listed("фат") == listed("ОРЛ") == ["fatima"]
    assert listed("ελένη") == listed("ΕΛΈΝΗ") == ["eleni"]
    assert listed("Álv") == listed("álv") == listed("jo") == ["jose"]
    assert listed("alv") == listed("ALV") == ["jose"]  # typed without its accent, as often
    users.add_user(
        app_db, "adjoa", role="reviewer", password=PASSWORD, display_name="Djénéba Traoré",
        actor=people["ada"],
    )  # fmt: skip
    assert listed("djen") == listed("den") == ["adjoa"]
    assert listed("ελεν") == ["eleni"]  # Greek typed without its tonos
    assert listed("or") == ["fabrice"]  # a word's start, not Орлова (another script)
    assert listed("fa") == ["fabrice", "fatima"]
    assert listed("ima") == listed("лова") == []  # inside a word: no
    for username, name in (("isik", "Işık Aydın"), ("ilker", "İlker Öz")):
        users.add_user(
            app_db, username, role="reviewer", password=PASSWORD, display_name=name,
            actor=people["ada"],
        )  # fmt: skip
    # Typed on a Turkish keyboard: "ı" is the lower case of the "I" in "Işık".
    assert listed("ışı") == listed("IŞI") == listed("ayd") == listed("aydı") == ["isik"]
    assert listed("ilk") == listed("İlk") == ["ilker"]


def test_an_editor_who_revised_a_verdict_is_not_asked_to_review_it(claim_world):
    db, people, claim_id = claim_world
    evidence.add_evidence(
        db, claim_id, url="https://stats.example/r", stance="supports", actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.set_verdict(db, claim_id, rating="Misleading", rationale=RATIONALE, actor=people["ed"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    # ed may not approve what he revised: nothing waits for him, and it waits for eve.
    assert _kinds(db, people["ed"]) == []
    assert inbox.unread_count(db, people["ed"]) == 0
    assert queue_reads.waiting_for_review(db, people["ed"].id) == []
    assert [row["id"] for row in queue_reads.waiting_for_review(db, people["eve"].id)] == [claim_id]
    assert ("review", claim_id, False) in _kinds(db, people["eve"])


def test_the_inbox_reads_records_through_indexes(claim_world):
    db, people, _ = claim_world
    from factcheck.store.inbox import _UNREAD, KINDS

    for name, kind in KINDS.items():
        unread = _UNREAD.format(key=kind.key)
        sql = f"SELECT count(*) FROM {kind.tables} WHERE {kind.where} AND {unread}"
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", {"me": 1})]
        if name == "review":  # every verdict in review, and only those, through their index
            assert plan[0] == "SCAN v USING INDEX verdicts_in_review", plan
        else:  # one person's rows, found by index
            assert plan[0].startswith("SEARCH") and "USING" in plan[0], f"{name}: {plan}"
        assert not [step for step in plan[1:] if step.startswith("SCAN")], f"{name}: {plan}"


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(st.text(alphabet="ab@ .,-_xyz", max_size=40))
def test_mentions_are_lower_case_usernames_each_once(text):
    found = mentioned(text)
    assert len(found) == len(set(found))
    for name in found:
        assert name == name.lower() and len(name) >= 2
        assert f"@{name}" in text.lower()
        assert not name.endswith(".")


def test_mentions_ignore_addresses_and_trailing_full_stops():
    assert mentioned("Ask @Erin. Or mail erin@example.org, cc @omar-x and @omar-x") == [
        "erin",
        "omar-x",
    ]


def test_an_older_username_ending_in_a_dot_or_dash_is_mentioned_whole_when_no_shorter_exists():
    text = "@kim. and @lee- please check the hospital count; thanks @eve."
    assert mentioned(text) == ["kim", "lee", "eve"]
    assert mentioned(text, {"kim.", "lee-"}) == ["kim.", "lee-", "eve"]
    # "@kim." ending a sentence means kim wherever a kim exists, as it always did.
    assert mentioned(text, {"kim", "kim.", "lee-"}) == ["kim", "lee-", "eve"]
    assert mentioned("Over to @lee-, with the figures", {"lee-"}) == ["lee-"]
    assert mentioned("Ask @kim.. Then file", {"kim."}) == ["kim."]
    assert mentioned("Ask @kim-- or @ed.", {"kim"}) == ["kim", "ed"]


def _older_account(db, username: str, name: str) -> None:
    """An account made before usernames had to end in a letter or digit."""
    users.add_user(db, "older", role="reviewer", password=PASSWORD, display_name=name, actor=SYSTEM)
    db.execute("UPDATE users SET username = ? WHERE username = 'older'", [username])


def test_a_comment_reaches_an_older_account_ending_in_a_dot_and_not_its_namesake(claim_world):
    """'@kim.' told Kim Plain about a comment meant for Kim Dot, and lee- could never be told."""
    db, people, claim_id = claim_world
    _older_account(db, "kim.", "Kim Dot")
    _older_account(db, "lee-", "Lee Dash")
    comments.add_comment(
        db, claim_id, body="@kim. and @lee- please check the hospital count", actor=people["ed"]
    )
    told = db.execute(
        "SELECT u.username FROM comment_mentions m JOIN users u ON u.id = m.user_id"
        " ORDER BY u.username"
    ).fetchall()
    assert [row[0] for row in told] == ["kim.", "lee-"]
    assert [row["username"] for row in users.mention_candidates(db, "kim")] == ["kim."]


def test_mentioning_a_disabled_older_account_ending_in_a_dot_says_it_was_not_told(claim_world):
    db, people, claim_id = claim_world
    _older_account(db, "jo.m.", "Jo M")
    db.execute("UPDATE users SET disabled = 1 WHERE username = 'jo.m.'")
    added = comments.add_comment(
        db, claim_id, body="@jo.m. please check the casualty figure", actor=people["ed"]
    )
    assert added["not_told"] == ["jo.m."]


def test_beside_a_namesake_an_older_dotted_account_is_not_offered_for_mentions(claim_world):
    db, people, claim_id = claim_world
    users.add_user(
        db, "kim", role="reviewer", password=PASSWORD, display_name="Kim Plain", actor=people["ada"]
    )
    _older_account(db, "kim.", "Kim Dot")
    # Picking Kim Dot would write "@kim.", which is read as kim: she is not offered.
    assert [row["username"] for row in users.mention_candidates(db, "kim")] == ["kim"]
    comments.add_comment(db, claim_id, body="Please look, @kim.", actor=people["ed"])
    told = db.execute("SELECT u.username FROM comment_mentions m JOIN users u ON u.id = m.user_id")
    assert [row[0] for row in told] == ["kim"]


@pytest.mark.parametrize(
    "text",
    [
        "Source video: https://www.tiktok.com/@omar/video/7312345678 shows the plume",
        "Her post at medium.com/@omar/the-port-fire has the photo",
        "Channel youtube.com/@omar, posted at 09:10",
        "See www.example.org/@omar for the thread",
    ],
)
def test_a_handle_inside_a_web_address_mentions_nobody(text):
    """Fact-checkers paste links to posts all day: "tiktok.com/@omar" sent omar a mention."""
    assert mentioned(text) == []
    assert mentioned(f"{text}; @erin please look") == ["erin"]
    # A mention right before an address stays a mention.
    assert mentioned("Thanks @erin\u2014https://x.example/a, cc @omar,https://x.example/b") == [
        "erin",
        "omar",
    ]
    assert mentioned("ask @omar-https://x.example/c and @erin.https://x.example/d") == [
        "omar",
        "erin",
    ]


def test_a_database_error_page_does_not_fail_again_on_the_header_count(client, app_db):
    app_db.execute("DROP TABLE inbox_reads")
    response = client.get("/")
    assert response.status_code == 503
    assert "The database has not been set up" in response.get_data(as_text=True)


def test_an_editors_dashboard_lists_each_verdict_waiting_for_review_once(
    client_as, claim, app_db, people
):
    _in_review(app_db, people, claim["id"])
    comments.add_comment(app_db, claim["id"], body="@ed a look, please", actor=people["rita"])
    editor = client_as("ed")
    page = parse(editor.get("/"))
    assert [li.get("data-inbox-kind") for li in page.cssselect("#inbox .inbox-item")] == ["mention"]
    assert words(page.cssselect("#inbox [data-inbox-unread]")[0]) == "1 unread"
    reviews = page.cssselect("[aria-labelledby=reviews-heading] .work-list li")
    assert len(reviews) == 1 and claim["text"][:40] in words(reviews[0])
    # The header counts both, and the section says where the other one is; /inbox lists both.
    assert words(page.cssselect("[data-inbox-count]")[0]) == "(2 unread)"
    assert words(page.cssselect("#inbox .work-note")[0]) == (
        "And 1 unread verdict waiting for your review, under “Waiting for your review”."
    )
    assert editor.get("/dashboard.json").get_json()["inbox"]["unread_reviews"] == 1
    inbox_page = parse(editor.get("/inbox"))
    assert sorted(li.get("data-inbox-kind") for li in inbox_page.cssselect(".inbox-item")) == [
        "mention",
        "review",
    ]


def test_mark_all_read_on_the_dashboard_leaves_the_reviews_listed_elsewhere_unread(
    client_as, claim, app_db, people
):
    """The button sits under the inbox's own count ("1 unread"): the verdicts waiting for the
    editor's review, listed in their own section, stay unread until opened or marked on /inbox."""
    _in_review(app_db, people, claim["id"])
    comments.add_comment(app_db, claim["id"], body="@ed a look, please", actor=people["rita"])
    editor = client_as("ed")
    page = parse(editor.get("/"))
    form = page.cssselect("#inbox form.inbox-read-all")[0]
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    hx_post(editor, "/inbox/read", fields)
    assert inbox.unread_count(app_db, people["ed"]) == 1
    assert sorted((k, read) for k, _, read in _kinds(app_db, people["ed"])) == [
        ("mention", True),
        ("review", False),
    ]
    hx_post(editor, "/inbox/read", {})  # from /inbox, which lists both
    assert inbox.unread_count(app_db, people["ed"]) == 0


def test_mark_all_read_swaps_in_the_section_it_was_sent_from(client, claim, app_db, people):
    for number in range(7):
        comments.add_comment(app_db, claim["id"], body=f"@rita note {number}", actor=people["ed"])
    page = parse(client.get("/"))
    form = page.cssselect("#inbox form.inbox-read-all")[0]
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    assert fields.get("place") == "dashboard"
    assert len(page.cssselect("#inbox .inbox-item")) == 5

    swapped = fragment(hx_post(client, "/inbox/read", {"place": "dashboard"}))
    section = swapped.cssselect("section#inbox")[0]
    assert len(section.cssselect(".inbox-item")) == 5
    assert section.cssselect(".inbox-item.is-unread") == []
    assert [a.get("href") for a in section.cssselect(".work-more a")] == ["/inbox"]
    assert section.cssselect("form.inbox-read-all") == []
    header = swapped.cssselect("#inbox-link")[0]
    assert header.get("hx-swap-oob") == "outerHTML" and words(header) == "Inbox"

    # From /inbox the same action answers with the whole list.
    comments.add_comment(app_db, claim["id"], body="@rita one more", actor=people["ed"])
    whole = fragment(hx_post(client, "/inbox/read", {}))
    assert len(whole.cssselect("section#inbox .inbox-item")) == 8
    assert whole.cssselect("#inbox-link")[0].get("aria-current") == "page"


def test_approving_from_the_panel_updates_the_headers_inbox_count(client_as, claim, app_db, people):
    _in_review(app_db, people, claim["id"])
    editor = client_as("ed")
    assert words(parse(editor.get("/")).cssselect("[data-inbox-count]")[0]) == "(1 unread)"
    version = claim_reads.get_claim(app_db, claim["id"])["version"]
    approved = fragment(
        hx_post(editor, f"/claims/{claim['id']}/approve", {"expected_version": version})
    )
    [link] = approved.cssselect("#inbox-link")
    assert link.get("hx-swap-oob") == "outerHTML" and not link.cssselect("[data-inbox-count]")


def test_moving_to_another_claim_brings_the_headers_inbox_count_up_to_date(
    client, claim, app_db, people
):
    """Someone triaging with j and k loads panel after panel, never a whole page: each panel
    brings the count along."""
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers={"HX-Request": "true"}))
    link = panel.get_element_by_id("inbox-link")
    assert link.get("hx-swap-oob") == "outerHTML" and not link.cssselect("[data-inbox-count]")
    triage.assign(app_db, claim["id"], assignee="rita", actor=people["ed"])
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers={"HX-Request": "true"}))
    count = panel.get_element_by_id("inbox-link").cssselect("[data-inbox-count]")
    assert words(count[0]) == "(1 unread)"


def test_every_item_is_reached_page_by_page_once_in_order(
    client, claim, app_db, people, monkeypatch
):
    """Items of one moment (claims assigned together) must be neither skipped nor repeated."""
    from factcheck.store import bulk, claim_state

    monkeypatch.setattr(inbox, "SHOWN", 4)
    monkeypatch.setattr(claim_state, "utc_now", lambda: "2026-12-05T10:00:00.000000Z")
    ids = [
        row["id"]
        for row in claim_reads.claims_for_article(app_db, claim["article_id"])
        if row["kind"] == "claim"
    ]
    bulk.bulk_update(app_db, ids, action="assign", value="rita", actor=people["ed"])
    for n in range(3):
        comments.add_comment(
            app_db, claim["id"], body=f"Look at this one @rita ({n})", actor=people["ed"]
        )
    expected = [(i["kind"], i["record_id"]) for i in inbox.inbox(app_db, people["rita"], 1000)]
    assert len(expected) == len(ids) + 3 > 8

    seen, link, pages = [], "/inbox", 0
    while link:
        page = parse(client.get(link))
        pages += 1
        seen += [
            (li.get("data-inbox-kind"), int(li.cssselect("a")[0].get("href").rsplit("/", 1)[1]))
            for li in page.cssselect(".inbox-list li")
        ]
        more = {a.text_content(): a.get("href") for a in page.cssselect(".work-more a")}
        assert ("Newest items" in more) == (pages > 1)
        link = more.get("Older items")
    assert seen == expected and pages == -(-len(expected) // 4)

    listed, older = [], None
    while True:
        answer = client.get("/inbox.json", query_string={"before": older} if older else {})
        listed += [(i["kind"], i["record_id"]) for i in answer.get_json()["items"]]
        older = answer.get_json()["older"]
        if older is None:
            break
    assert listed == expected


def test_a_damaged_inbox_page_link_says_so(client, claim):
    for key in ("yesterday", "2026-01-01T00:00:00.000000Z|nonsense:1", "|assigned:1"):
        answer = client.get("/inbox", query_string={"before": key})
        assert answer.status_code == 422
        assert "This inbox link is damaged or out of date" in words(parse(answer))


def test_the_inbox_page_says_a_claim_was_taken_by_a_merge(client, claim, app_db, people):
    from factcheck.store import unit_edits

    first, second = _quotation_halves(app_db, claim["article_id"])
    triage.assign(app_db, first, assignee="eve", actor=people["ed"])
    triage.assign(app_db, second, assignee="rita", actor=people["ed"])
    unit_edits.merge_with_next(app_db, first, reason="One quotation cut in two", actor=people["ed"])
    taken = parse(client.get("/inbox")).cssselect('#inbox .inbox-item[data-inbox-kind="taken"]')[0]
    assert "Taken from you: Ed merged it into Eve’s claim" in words(taken)


def test_a_comment_mentioning_a_disabled_colleague_tells_the_writer(client, claim, app_db, people):
    """The comment is saved with the mention in it, but no inbox holds it: the writer is told,
    in the panel and, without script, on the article page."""
    users.set_disabled(app_db, "eve", True, actor=people["ada"])
    path = f"/claims/{claim['id']}/comments"
    panel = fragment(
        hx_post(client, path, {"comment": "@eve @ed can you check the bridge figure?"})
    )
    said = words(panel.cssselect("#panel-said")[0])
    assert said == "Comment added. eve is disabled and was not told."
    assert comments.comments_for_claim(app_db, claim["id"])[-1]["body"].startswith("@eve @ed")
    plain = fragment(hx_post(client, path, {"comment": "@ed and @nobody, a second look?"}))
    assert words(plain.cssselect("#panel-said")[0]) == "Comment added."
    sent = form_post(client, path, {"comment": "@EVE and @ed, the bridge again"})
    assert sent.status_code == 303
    page = parse(client.get(sent.headers["Location"]))
    assert "eve is disabled and was not told." in words(page.cssselect(".flash")[0])
    users.set_disabled(app_db, "eve", False, actor=people["ada"])
    assert _kinds(app_db, people["eve"]) == []
