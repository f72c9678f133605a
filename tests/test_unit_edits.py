"""Mending the splitter's cuts: merging a unit with the next one and splitting one in two, in the
store, from the claim panel and on the command line. Offsets stay exact (the body never changes),
each edit is one audited transaction, and a unit with a verdict is refused."""

import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import (
    HX,
    RATIONALE,
    SAMPLE_ARTICLE,
    add_people,
    audit_count,
    form_post,
    fragment,
    hx_post,
    import_sample,
    new_database,
    parse,
    refused_with,
    words,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.exports import ExportConfig, ExportFilters, write_export
from factcheck.store import audit, bulk, claim_reads, comments, evidence, unit_edits, verdicts
from factcheck.store.errors import Conflict, Invalid, NotFound
from factcheck.text.unit_cuts import BadCut, cut, cut_choices, sentence_cuts

QUOTE_START = '"The river rose 2.4 metres in six hours.'


def _units(db, article_id: int) -> list[dict]:
    return claim_reads.claims_for_article(db, article_id)


def _body(db, article_id: int) -> str:
    return db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def _assert_exact(db, article_id: int) -> None:
    body, units = _body(db, article_id), _units(db, article_id)
    assert [unit["seq"] for unit in units] == list(range(len(units)))
    for unit in units:
        assert body[unit["start"] : unit["end"]] == unit["text"]
        assert unit["text"] == unit["text"].strip() and unit["text"]
    for before, after in zip(units, units[1:], strict=False):
        assert before["end"] <= after["start"]
    assert audit.verify(db).ok, audit.verify(db)


def _unit(db, article_id: int, starting: str) -> dict:
    return next(u for u in _units(db, article_id) if u["text"].startswith(starting))


# Pure cuts


@settings(deadline=None)
@given(st.text(alphabet="ab .,\n", min_size=1, max_size=40), st.data())
def test_a_cut_gives_two_exact_trimmed_parts_or_is_refused(text, data):
    body = f"x {text} y"
    start, end = 0, len(body)
    at = data.draw(st.integers(min_value=-2, max_value=len(body) + 2))
    try:
        (s1, e1), (s2, e2) = cut(body, start, end, at)
    except BadCut:
        return
    assert s1 == start and e2 == end and s1 < e1 <= at <= s2 < e2
    assert body[s1:e1] == body[s1:e1].strip() and body[s2:e2] == body[s2:e2].strip()
    assert body[e1:s2].strip() == ""


@given(st.text(alphabet='ab .!?,"”', max_size=60))
def test_offered_cuts_follow_a_sentence_or_clause_end_and_can_be_made(text):
    for offset in cut_choices(text):
        assert text[offset - 1] in ".!?;:…\"'”’)],—–-"
        assert text[offset].isspace() and text[offset:].strip()
        (first, _), (second, _) = cut(text, 0, len(text.rstrip()) or 1, offset)
        assert first == 0 and second > offset
    assert set(sentence_cuts(text)) <= set(cut_choices(text)) or not sentence_cuts(text)


@given(st.text(alphabet="政府目标。！？」 a.", max_size=40))
def test_chinese_and_japanese_sentences_are_cut_after_their_end_with_no_space(text):
    body = f"政{text}政"
    for offset in cut_choices(body):
        (first, first_end), (second, end) = cut(body, 0, len(body), offset)
        assert (first, end) == (0, len(body)) and first_end <= offset <= second
        assert (
            body[:first_end] == body[:first_end].strip() and body[second:].strip() == body[second:]
        )
        assert body[first_end:second].strip() == ""
    # Not inside a word that runs on without a sentence's end, nor before a quotation's close.
    with pytest.raises(BadCut):
        cut("政府表示今年将实现增长目标", 0, 13, 6)
    quoted = "地铁客流增长了30%。”反对派表示这一数字被夸大了。"
    with pytest.raises(BadCut):
        cut(quoted, 0, len(quoted), quoted.index("”"))
    assert cut(quoted, 0, len(quoted), quoted.index("”") + 1)[0][1] == quoted.index("”") + 1


def test_a_merged_chinese_paragraph_is_split_again_where_the_import_cut_it(claim_world):
    db, people, _ = claim_world
    article_id = import_sample(
        db,
        "增长目标\n\n政府表示今年将实现百分之五的增长目标。反对派认为这个数字在当前形势下太乐观了。"
        "\n\n专家说，今年的出口增长了百分之十二，但明年的前景仍不明朗。",
    )
    first, second = [u for u in _units(db, article_id) if u["section"] == "body"][:2]
    assert first["text"].endswith("。") and first["end"] == second["start"]
    merged = unit_edits.merge_with_next(
        db, first["id"], reason="One claim, cut at its stop", actor=people["rita"]
    )
    [offset] = cut_choices(merged["text"])
    parts = unit_edits.split_unit(
        db, merged["id"], at=merged["start"] + offset, reason="Two claims", actor=people["rita"]
    )
    assert [p["text"] for p in parts] == [first["text"], second["text"]]
    _assert_exact(db, article_id)


# The store


def test_merging_keeps_offsets_moves_the_work_and_writes_one_audit_row(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    first = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    count_before = len(_units(db, article_id))
    added = evidence.add_evidence(
        db, second["id"], url="https://county.example/b", stance="supports", actor=people["rita"]
    )
    comments.add_comment(db, second["id"], body="Same quotation as before.", actor=people["rita"])
    rows = audit_count(db)

    merged = unit_edits.merge_with_next(
        db, first["id"], reason="One quotation cut at its full stop", actor=people["rita"]
    )
    assert merged["id"] == first["id"] and merged["version"] == first["version"] + 1
    assert merged["text"].startswith(QUOTE_START) and merged["text"].endswith("flood officer.")
    assert merged["end"] == second["end"]
    assert len(_units(db, article_id)) == count_before - 1
    assert [e["id"] for e in evidence.evidence_for_claim(db, first["id"])] == [added["id"]]
    assert [c["body"] for c in comments.comments_for_claim(db, first["id"])] == [
        "Same quotation as before."
    ]
    assert audit_count(db) == rows + 1
    entry = next(iter(db.query("SELECT * FROM audit ORDER BY id DESC LIMIT 1")))
    assert entry["action"] == "unit.merge" and entry["reason"].startswith("One quotation")
    before, after = json.loads(entry["before"]), json.loads(entry["after"])
    assert [u["id"] for u in before["units"]] == [first["id"], second["id"]]
    assert after["units"][0]["text"] == merged["text"] and after["removed"] == [second["id"]]
    assert after["moved"]["evidence"] == [added["id"]]
    history = [e["action"] for e in claim_reads.claim_history(db, first["id"])]
    assert history[-1] == "unit.merge"
    _assert_exact(db, article_id)


def test_merging_a_unit_whose_previous_check_was_dismissed(claim_world):
    from factcheck.library_formats import Parsed
    from factcheck.store import claim_matches, library
    from factcheck.store.actors import SYSTEM

    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    first = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    record = {"claim": "The river rose 24 metres", "url": "https://checks.example/river"}
    [item] = library.import_records(
        db, [Parsed("line 2", record=record)], actor=SYSTEM, source="t.csv", file_format="csv"
    )["changed_ids"]
    claim_matches.store_matches(db, {second["id"]: [(item, 0.8)]}, actor=SYSTEM, cause="test")
    claim_matches.dismiss_previous_check(db, second["id"], item, actor=people["rita"])
    # The dismissal goes with the words into the merged unit, and the trail agrees.
    unit_edits.merge_with_next(db, first["id"], reason="One quotation", actor=people["rita"])
    assert db.execute("SELECT claim_id, library_id FROM dismissed_matches").fetchall() == [
        (first["id"], item)
    ]
    _assert_exact(db, article_id)
    # Split again, both parts hold it: it was said of the words they now share.
    merged = claim_reads.get_claim(db, first["id"])
    at = merged["start"] + merged["text"].index("We have never seen")
    one, two = unit_edits.split_unit(
        db, first["id"], at=at, reason="Two after all", actor=people["rita"]
    )
    assert db.execute(
        "SELECT claim_id, library_id FROM dismissed_matches ORDER BY claim_id"
    ).fetchall() == [(one["id"], item), (two["id"], item)]
    _assert_exact(db, article_id)


def test_splitting_at_a_sentence_end_makes_a_new_unit_after_it(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    first = _unit(db, article_id, QUOTE_START)
    unit_edits.merge_with_next(
        db, first["id"], reason="One quotation, one claim", actor=people["rita"]
    )
    merged = claim_reads.get_claim(db, first["id"])
    added = evidence.add_evidence(
        db, merged["id"], url="https://county.example/c", stance="supports", actor=people["rita"]
    )
    [offset] = sentence_cuts(merged["text"])
    one, two = unit_edits.split_unit(
        db,
        merged["id"],
        at=merged["start"] + offset,
        reason="Two sentences, two claims",
        actor=people["rita"],
    )
    assert one["id"] == merged["id"] and one["text"] == QUOTE_START
    assert two["text"].startswith("We have never seen") and two["seq"] == one["seq"] + 1
    assert two["status"] == "unreviewed" and two["version"] == 1
    assert [e["id"] for e in evidence.evidence_for_claim(db, one["id"])] == [added["id"]]
    assert evidence.evidence_for_claim(db, two["id"]) == []
    assert claim_reads.claim_history(db, two["id"])[-1]["action"] == "unit.split"
    _assert_exact(db, article_id)


def test_a_unit_merged_away_never_lends_its_id_or_its_history_to_a_new_one(claim_world):
    db, people, _ = claim_world
    rita = people["rita"]
    article_id = _units(db, 1)[0]["article_id"]

    def split_last():
        last = _units(db, article_id)[-1]
        at = last["start"] + last["text"].index(" ", 3)
        return unit_edits.split_unit(db, last["id"], at=at, reason="Two claims here", actor=rita)

    kept, removed = split_last()
    comments.add_comment(db, removed["id"], body="Said of the removed part.", actor=rita)
    unit_edits.merge_with_next(db, kept["id"], reason="One claim after all", actor=rita)
    # SQLite gives a new row the largest id in the table plus one: the removed unit's id, unless
    # the store chooses the id itself.
    _, again = split_last()
    assert again["id"] > removed["id"]
    new_article = import_sample(db, SAMPLE_ARTICLE.replace("14 schools", "15 schools"))
    assert min(unit["id"] for unit in _units(db, new_article)) > again["id"]
    assert claim_reads.get_claim(db, kept["id"])["article_id"] == article_id
    actions = [entry["action"] for entry in claim_reads.claim_history(db, again["id"])]
    assert "comment.add" not in actions and actions[-1] == "unit.split"
    _assert_exact(db, article_id)


def test_the_history_of_a_merged_unit_keeps_the_work_done_on_the_unit_it_took_in(tmp_path):
    db = new_database(tmp_path / "merged.db")
    people = add_people(db)
    article_id = import_sample(db)
    first = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    comments.add_comment(db, second["id"], body="Said of the second part.", actor=people["rita"])
    evidence.add_evidence(
        db, second["id"], url="https://county.example/d", stance="context", actor=people["rita"]
    )
    unit_edits.merge_with_next(
        db, first["id"], reason="One quotation after all", actor=people["rita"]
    )
    history = claim_reads.claim_history(db, first["id"])
    # The comment and the source now belong to the merged unit: so does their record.
    assert [entry["action"] for entry in history][-3:] == [
        "comment.add",
        "evidence.add",
        "unit.merge",
    ]
    # The JSON export tells the same story.
    out = io.BytesIO()
    write_export(
        db,
        "json",
        out,
        filters=ExportFilters(),
        actor=people["ed"],
        config=ExportConfig.from_env(org_name="Desk", public_url="https://desk.example"),
    )
    [record] = [c for c in json.loads(out.getvalue())["claims"] if c["id"] == first["id"]]
    assert [entry["id"] for entry in record["history"]] == [
        entry["id"] for entry in history if entry["record_type"] != "article"
    ]
    db.close()
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "merged.db"), "history", str(first["id"])]
    )
    assert result.exit_code == 0
    commented = next(line for line in result.output.splitlines() if "commented" in line)
    assert f"on claim {second['id']} before it was merged into this one" in commented
    # The removed unit's own id leads there instead of to "there is no claim".
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "merged.db"), "history", str(second["id"])]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"claim {second['id']} was merged into claim {first['id']}" in result.output
    assert f"factcheck history {first['id']}" in result.output


def test_a_unit_with_a_verdict_is_neither_merged_nor_split(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    first = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    verdicts.set_verdict(
        db, second["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    rows = audit_count(db)
    with refused_with(Invalid, "has a verdict"):
        unit_edits.merge_with_next(db, first["id"], reason="One quotation", actor=people["rita"])
    with refused_with(Invalid, "has a verdict"):
        unit_edits.split_unit(
            db, second["id"], at=second["end"] - 5, reason="Two claims here", actor=people["rita"]
        )
    assert audit_count(db) == rows
    assert claim_reads.get_claim(db, first["id"])["end"] == first["end"]
    _assert_exact(db, article_id)


def test_bad_merges_and_cuts_are_refused_with_nothing_written(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    units = _units(db, article_id)
    rows = audit_count(db)
    with refused_with(Invalid, "last unit"):
        unit_edits.merge_with_next(
            db, units[-1]["id"], reason="Nothing after", actor=people["rita"]
        )
    with refused_with(Invalid, "different paragraphs"):
        unit_edits.merge_with_next(
            db, units[0]["id"], reason="Headline and standfirst", actor=people["rita"]
        )
    quote = _unit(db, article_id, QUOTE_START)
    with refused_with(Invalid, "between two words"):
        unit_edits.split_unit(
            db, quote["id"], at=quote["start"] + 3, reason="Mid-word cut", actor=people["rita"]
        )
    with refused_with(Invalid, "reason"):
        unit_edits.merge_with_next(db, quote["id"], reason="", actor=people["rita"])
    assert audit_count(db) == rows
    _assert_exact(db, article_id)


def _split_second_part(db, unit: dict, actor) -> None:
    """Someone else splits `unit` at its only offered cut."""
    [offset] = cut_choices(unit["text"])
    unit_edits.split_unit(
        db, unit["id"], at=unit["start"] + offset, reason="Two clauses here", actor=actor
    )


def test_a_merge_naming_a_next_unit_that_changed_since_is_refused(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    first = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    shown = (second["id"], second["version"])
    _split_second_part(db, second, people["ed"])
    rows, units = audit_count(db), _units(db, article_id)
    with refused_with(Conflict, f"no longer claim {second['id']} at version 1"):
        unit_edits.merge_with_next(
            db, first["id"], reason="One quotation", actor=people["rita"], expected_next=shown
        )
    with refused_with(Conflict, f"after claim {first['id']} is no longer claim 424242"):
        unit_edits.merge_with_next(
            db,
            first["id"],
            reason="One quotation",
            actor=people["rita"],
            expected_next=(424242, 1),
        )
    assert audit_count(db) == rows and _units(db, article_id) == units
    now = claim_reads.get_claim(db, second["id"])
    merged = unit_edits.merge_with_next(
        db,
        first["id"],
        reason="One quotation",
        actor=people["rita"],
        expected_next=(now["id"], now["version"]),
    )
    assert merged["end"] == now["end"] and audit_count(db) == rows + 1
    _assert_exact(db, article_id)


def test_audit_verify_still_notices_offsets_changed_behind_its_back(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    quote = _unit(db, article_id, QUOTE_START)
    unit_edits.merge_with_next(
        db, quote["id"], reason="One quotation, one claim", actor=people["rita"]
    )
    assert audit.verify(db).ok
    db.execute(
        'UPDATE claims SET "end" = "end" - 1, text = substr(text, 1, length(text) - 1)'
        " WHERE id = ?",
        [quote["id"]],
    )
    assert not audit.verify(db).ok


def test_undoing_a_bulk_action_skips_a_unit_merged_away_since(claim_world):
    db, people, _ = claim_world
    article_id = _units(db, 1)[0]["article_id"]
    quote = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    done = bulk.bulk_update(db, [second["id"]], action="assign", value="rita", actor=people["ed"])
    unit_edits.merge_with_next(
        db, quote["id"], reason="One quotation, one claim", actor=people["ed"]
    )
    undone = bulk.undo_bulk(db, done["audit_id"], actor=people["ed"])
    assert undone["skipped"] == [{"claim_id": second["id"], "code": "claim.merged_away"}]


@settings(deadline=None, max_examples=12)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 30), st.integers(0, 5)), max_size=6))
def test_any_run_of_merges_and_splits_keeps_every_offset_exact(steps):
    with tempfile.TemporaryDirectory() as folder:
        db = new_database(Path(folder) / "f.db")
        people = add_people(db)
        article_id = import_sample(db)
        for merging, pick, which in steps:
            units = _units(db, article_id)
            unit = units[pick % len(units)]
            try:
                if merging:
                    unit_edits.merge_with_next(
                        db, unit["id"], reason="Mended by the test", actor=people["rita"]
                    )
                else:
                    cuts = cut_choices(unit["text"])
                    if cuts:
                        at = unit["start"] + cuts[which % len(cuts)]
                        unit_edits.split_unit(
                            db, unit["id"], at=at, reason="Mended by the test", actor=people["rita"]
                        )
            except Invalid:
                pass
            _assert_exact(db, article_id)
        db.close()


# The claim panel


def test_the_panel_offers_merge_and_split_and_a_split_reloads_the_article(
    client, app_db, make_article
):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    panel = fragment(client.get(f"/claims/{quote['id']}/panel", headers=HX))
    merge_form = panel.cssselect("form.merge-form")[0]
    assert merge_form.get("action") == f"/claims/{quote['id']}/merge"
    assert "We have never seen it rise" in words(merge_form.cssselect(".unit-edit-quote")[0])
    assert panel.cssselect("details.unit-edit summary")

    refused = hx_post(
        client, f"/claims/{quote['id']}/merge", {"expected_version": quote["version"], "reason": ""}
    )
    assert refused.status_code == 422
    assert fragment(refused).cssselect("form.merge-form .field-error")

    merged = hx_post(
        client,
        f"/claims/{quote['id']}/merge",
        {"expected_version": quote["version"], "reason": "One quotation cut at its full stop"},
    )
    assert merged.headers["HX-Redirect"] == f"/articles/{article_id}?claim={quote['id']}"
    now = claim_reads.get_claim(app_db, quote["id"])
    page = parse(client.get(f"/articles/{article_id}?claim={quote['id']}"))
    assert page.get_element_by_id(f"claim-{quote['id']}").text_content() == now["text"]
    split_form = page.cssselect("form.split-form")[0]
    [choice] = split_form.cssselect("input[name=at]")
    shown = words(choice.getparent())  # the words either side of the cut
    assert shown.startswith(QUOTE_START) and "We have never seen" in shown
    response = form_post(
        client,
        f"/claims/{quote['id']}/split",
        {
            "expected_version": now["version"],
            "at": choice.get("value"),
            "reason": "Two sentences, two claims",
        },
    )
    assert response.status_code == 303
    assert claim_reads.get_claim(app_db, quote["id"])["text"] == QUOTE_START
    _assert_exact(app_db, article_id)


def _merge_form_data(panel) -> dict:
    form = panel.cssselect("form.merge-form")[0]
    return {field.get("name"): field.get("value") for field in form.cssselect("input")}


def test_a_merge_form_whose_next_unit_changed_since_answers_with_the_conflict_panel(
    client, app_db, people, make_article
):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    second = _unit(app_db, article_id, "We have never seen")
    data = _merge_form_data(fragment(client.get(f"/claims/{quote['id']}/panel", headers=HX)))
    assert (data["next_id"], data["next_version"]) == (str(second["id"]), str(second["version"]))
    _split_second_part(app_db, second, people["ed"])
    rows, units = audit_count(app_db), _units(app_db, article_id)

    response = hx_post(
        client, f"/claims/{quote['id']}/merge", {**data, "reason": "One quotation, one claim"}
    )
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == "#claim-panel"
    assert audit_count(app_db) == rows and _units(app_db, article_id) == units
    conflict = fragment(response).cssselect("[data-conflict]")[0]
    assert "Someone changed the next sentence" in words(conflict.cssselect(".conflict-lead")[0])
    yours = words(conflict.cssselect(".conflict-side.is-yours")[0])
    assert 'We have never seen it rise that fast," said Dana Whitfield,' in yours
    assert "the county's flood officer" not in yours  # the part split off is no longer next
    theirs = words(conflict.cssselect(".conflict-side.is-theirs")[0])
    assert 'Next sentenceWe have never seen it rise that fast," said Dana Whitfield,' in theirs

    # "Apply mine on top" names the next unit as it is now, so it merges with what was shown.
    reapply = conflict.cssselect("form.reapply-form")[0]
    again = {field.get("name"): field.get("value") for field in reapply.cssselect("input")}
    now = claim_reads.get_claim(app_db, second["id"])
    assert (again["next_id"], again["next_version"]) == (str(now["id"]), str(now["version"]))
    merged = client.post(reapply.get("action"), data=again, headers=HX)
    assert merged.status_code == 200, merged.get_data(as_text=True)[:2000]
    assert merged.headers["HX-Redirect"] == f"/articles/{article_id}?claim={quote['id']}"
    assert claim_reads.get_claim(app_db, quote["id"])["end"] == now["end"]
    assert audit_count(app_db) == rows + 1
    _assert_exact(app_db, article_id)


def test_a_merge_form_from_before_it_named_the_next_unit_still_merges(client, app_db, make_article):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    second = _unit(app_db, article_id, "We have never seen")
    response = hx_post(
        client,
        f"/claims/{quote['id']}/merge",
        {"expected_version": quote["version"], "reason": "One quotation, one claim"},
    )
    assert response.headers["HX-Redirect"] == f"/articles/{article_id}?claim={quote['id']}"
    assert claim_reads.get_claim(app_db, quote["id"])["end"] == second["end"]


def test_a_split_form_without_a_place_says_so_beside_it(client, app_db, make_article):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    refused = hx_post(
        client,
        f"/claims/{quote['id']}/split",
        {"expected_version": quote["version"], "at": "", "reason": "Two claims in one"},
    )
    assert refused.status_code == 422
    assert "Choose where to split" in words(fragment(refused))


def test_a_merge_into_a_next_unit_with_a_verdict_is_not_offered_and_names_that_unit(
    client, app_db, people, make_article
):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    second = _unit(app_db, article_id, "We have never seen")
    data = _merge_form_data(fragment(client.get(f"/claims/{quote['id']}/panel", headers=HX)))
    verdicts.set_verdict(
        app_db, second["id"], rating="Accurate", rationale=RATIONALE, actor=people["ed"]
    )
    panel = fragment(client.get(f"/claims/{quote['id']}/panel", headers=HX))
    assert not panel.cssselect("form.merge-form"), "no merge is offered"
    # A form drawn before the draft verdict was saved is refused naming the next sentence.
    stale = {**data, "reason": "One quotation"}
    data["next_version"] = str(claim_reads.get_claim(app_db, second["id"])["version"])
    refused = hx_post(client, f"/claims/{quote['id']}/merge", {**data, "reason": "One quotation"})
    assert refused.status_code == 422
    assert f"The next sentence (claim {second['id']}) has a verdict" in words(fragment(refused))
    # Sent with the version it had before, it is a conflict whose panel shows the next sentence
    # in review by its status, and offers nothing to apply on top.
    conflict = fragment(hx_post(client, f"/claims/{quote['id']}/merge", stale))
    theirs = words(conflict.cssselect(".conflict-side.is-theirs")[0])
    assert "Its statusIn progress" in theirs
    assert conflict.cssselect("form.reapply-form button[disabled]")


def test_a_unit_with_a_verdict_offers_no_merge_or_split(client, app_db, people, make_article):
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    verdicts.set_verdict(
        app_db, quote["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    panel = fragment(client.get(f"/claims/{quote['id']}/panel", headers=HX))
    assert panel.cssselect("details.unit-edit") == []


# The command line


@pytest.fixture
def cli_run(tmp_path):
    """run(*args) on a database holding the sample article and the usual people."""
    database = tmp_path / "cli.db"
    story = tmp_path / "story.txt"
    story.write_text(SAMPLE_ARTICLE, encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(main, ["--db", str(database), *args])

    add_people(new_database(database))
    assert run("import", str(story)).exit_code == 0
    return run


def test_the_cli_merges_and_splits_and_refuses_in_one_line(cli_run):
    run = cli_run
    claims = json.loads(run("claims", "1", "--json").output)["claims"]
    quote = next(c for c in claims if c["text"].startswith(QUOTE_START))
    as_user = ["--as", "rita"]
    result = run(
        "claim", "merge", str(quote["id"]), "--reason", "One quotation, one claim", *as_user
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Merged with the next unit:")
    result = run(
        "claim",
        "split",
        str(quote["id"]),
        "--after",
        "in six hours.",
        "--reason",
        "Two sentences, two claims",
        *as_user,
        "--json",
    )
    assert result.exit_code == 0, result.output
    parts = json.loads(result.output)["units"]
    assert [p["text"] for p in parts][0] == QUOTE_START
    # Shaped as `claims --json` shapes a claim: reasons a list, people by name, no raw ids.
    listed = {c["id"]: c for c in json.loads(run("claims", "1", "--json").output)["claims"]}
    assert parts[0].keys() == listed[parts[0]["id"]].keys()
    assert isinstance(parts[0]["reasons"], list) and "assignee_id" not in parts[0]
    bad = run(
        "claim",
        "split",
        str(quote["id"]),
        "--after",
        "not in the text",
        "--reason",
        "Two sentences here",
        *as_user,
    )
    assert bad.exit_code != 0 and len(bad.output.strip().splitlines()) == 1
    empty = run(
        "claim", "split", str(quote["id"]), "--after", "", "--reason", "Two sentences", *as_user
    )
    assert empty.exit_code == 2 and len(empty.output.strip().splitlines()) == 1
    assert "--after needs the words just before the cut" in empty.output
    # Words there more than once leave the cut a guess: refused, with what to give instead.
    merged = run("claim", "merge", str(quote["id"]), "--reason", "One quotation again", *as_user)
    assert merged.exit_code == 0, merged.output
    twice = run(
        "claim", "split", str(quote["id"]), "--after", "e", "--reason", "Two sentences", *as_user
    )
    assert twice.exit_code == 2 and len(twice.output.strip().splitlines()) == 1
    assert "times; give more of the words before the cut, or the cut's place with --at" in (
        twice.output
    )


def test_the_cli_merge_refuses_when_the_next_unit_is_not_the_one_named(cli_run):
    run = cli_run
    claims = json.loads(run("claims", "1", "--json").output)["claims"]
    quote = next(c for c in claims if c["text"].startswith(QUOTE_START))
    second = next(c for c in claims if c["text"].startswith("We have never seen"))
    merge = ["claim", "merge", str(quote["id"]), "--reason", "One quotation", "--as", "rita"]
    stale = run(*merge, "--expect-next", str(second["id"]), "--expect-next-version", "7")
    assert stale.exit_code == 2 and len(stale.output.strip().splitlines()) == 1
    assert f"no longer claim {second['id']} at version 7" in stale.output
    other = run(*merge, "--expect-next", str(quote["id"]))
    assert other.exit_code == 2 and f"no longer claim {quote['id']}" in other.output
    assert json.loads(run("claims", "1", "--json").output)["claims"] == claims
    done = run(*merge, "--expect-next", str(second["id"]), "--expect-next-version", "1")
    assert done.exit_code == 0, done.output


# A link to a unit merged away (a bookmark, an old review note) leads to the claim it is part of.


def test_a_unit_merged_away_is_refused_naming_the_claim_it_is_part_of_now(claim_world):
    db, people, _ = claim_world
    rita = people["rita"]
    article_id = _units(db, 1)[0]["article_id"]
    quote = _unit(db, article_id, QUOTE_START)
    second = _unit(db, article_id, "We have never seen")
    at = quote["start"] + quote["text"].index(" ", 3)
    head, tail = unit_edits.split_unit(db, quote["id"], at=at, reason="Two claims here", actor=rita)
    unit_edits.merge_with_next(db, tail["id"], reason="One quotation, one claim", actor=rita)
    merge_row = db.execute("SELECT max(id) FROM audit").fetchone()[0]
    with refused_with(NotFound, f"claim {second['id']} was merged into claim {tail['id']}") as no:
        claim_reads.get_claim(db, second["id"])
    assert no.value.code == "claim.merged"
    assert no.value.facts == {"id": second["id"], "claim_id": tail["id"], "audit_id": merge_row}
    with refused_with(NotFound, f"merged into claim {tail['id']}"):
        comments.add_comment(db, second["id"], body="Still the same quotation.", actor=rita)
    # The unit it went into was merged away in turn: the refusal leads on to where that went.
    unit_edits.merge_with_next(db, head["id"], reason="One quotation after all", actor=rita)
    with refused_with(NotFound, f"claim {second['id']} was merged into claim {head['id']} "):
        claim_reads.get_claim(db, second["id"])
    with refused_with(NotFound, f"claim {tail['id']} was merged into claim {head['id']} "):
        claim_reads.get_claim(db, tail["id"])
    with refused_with(NotFound, f"there is no claim {10**6}"):
        claim_reads.get_claim(db, 10**6)


def _merged_on_the_page(client, app_db, make_article):
    """An article whose quotation, cut in two at its full stop, is merged again from the page:
    its id, the quotation's first unit (which stays) and its second (merged away)."""
    article_id = make_article()
    quote = _unit(app_db, article_id, QUOTE_START)
    second = _unit(app_db, article_id, "We have never seen")
    merged = hx_post(
        client,
        f"/claims/{quote['id']}/merge",
        {"expected_version": quote["version"], "reason": "One quotation cut at its full stop"},
    )
    assert merged.status_code == 200, merged.get_data(as_text=True)[:300]
    return article_id, quote, second


def test_the_page_of_a_unit_merged_away_says_where_it_went_with_a_link(
    client, app_db, make_article
):
    article_id, quote, second = _merged_on_the_page(client, app_db, make_article)
    response = client.get(f"/claims/{second['id']}")
    assert response.status_code == 404
    page = parse(response)
    message = words(page.cssselect("[data-error-message]")[0])
    assert f"This claim (id {second['id']}) was merged into the one before it" in message
    assert "There is no claim" not in message
    [link] = page.cssselect("[data-error-message] a")
    assert link.get("href") == f"/claims/{quote['id']}"
    assert client.get(link.get("href")).location == f"/articles/{article_id}?claim={quote['id']}"
    panel = client.get(f"/claims/{second['id']}/panel", headers=HX)
    assert panel.status_code == 404
    assert fragment(panel).cssselect(f"a[href='/claims/{quote['id']}']")
    as_json = client.get(f"/claims/{second['id']}.json")
    assert as_json.status_code == 404
    assert (
        f"merged into the one before it in the article (id {quote['id']})"
        in (as_json.get_json()["error"])
    )
    nowhere = client.get("/claims/999999")
    assert nowhere.status_code == 404 and not parse(nowhere).cssselect("[data-error-message] a")


def _merged_by_command(run):
    """The quotation cut in two at its full stop merged again from the command line, by rita:
    its first unit (which stays), its second (merged away) and the options naming rita."""
    claims = json.loads(run("claims", "1", "--json").output)["claims"]
    quote = next(c for c in claims if c["text"].startswith(QUOTE_START))
    second = next(c for c in claims if c["seq"] == quote["seq"] + 1)
    as_user = ["--as", "rita"]
    merged = run("claim", "merge", str(quote["id"]), "--reason", "One quotation", *as_user)
    assert merged.exit_code == 0, merged.output
    return quote, second, as_user


def test_a_command_given_a_unit_merged_away_names_the_claim_it_is_part_of_now(cli_run):
    run = cli_run
    quote, second, as_user = _merged_by_command(run)
    result = run("claim", "comment", str(second["id"]), "Same quotation", *as_user)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().startswith(
        f"Error: claim {second['id']} was merged into claim {quote['id']} (audit row"
    )
    assert result.output.strip().endswith(f"; use claim {quote['id']} instead")


FIRE_NIGHT = (
    "Fire at the depot\n\nThe fire broke out at the bus depot at 10pm on Friday. We had 86"
    " firefighters on the scene by midnight. Twelve buses were destroyed in the blaze. The"
    " repairs will cost 3 million euros, the council said.\n\nNo one was hurt."
)


def _merged_facts(db, claim_id: int) -> dict:
    with pytest.raises(NotFound) as refused:
        claim_reads.get_claim(db, claim_id)
    assert refused.value.code == "claim.merged"
    return refused.value.facts


def test_a_unit_merged_away_leads_to_the_claims_its_words_are_in_after_later_splits(claim_world):
    db, people, _ = claim_world
    rita = people["rita"]
    article_id = import_sample(db, FIRE_NIGHT)
    fire, firefighters, buses, repairs = [
        u for u in _units(db, article_id) if u["seq"] in (1, 2, 3, 4)
    ]
    assert buses["text"].startswith("Twelve buses") and repairs["text"].startswith("The repairs")
    unit_edits.merge_with_next(db, firefighters["id"], reason="One night, one claim", actor=rita)
    unit_edits.merge_with_next(db, firefighters["id"], reason="One night, one claim", actor=rita)
    merged_at = db.execute("SELECT max(id) FROM audit").fetchone()[0]
    assert _merged_facts(db, repairs["id"]) == {
        "id": repairs["id"],
        "claim_id": firefighters["id"],
        "audit_id": merged_at,
    }
    # Split again after the first sentence: the words of the two units merged in are in the new
    # part, while their evidence, comments and history stay with the claim they went to.
    at = firefighters["end"]
    kept, split_off = unit_edits.split_unit(
        db, firefighters["id"], at=at, reason="Two figures, two claims", actor=rita
    )
    assert split_off["text"].startswith("Twelve buses")
    for unit in (buses, repairs):
        facts = _merged_facts(db, unit["id"])
        assert facts["claim_id"] == split_off["id"] and facts["merged_into"] == kept["id"]
        assert "claim_ids" not in facts
    with refused_with(
        NotFound,
        re.escape(
            f"claim {repairs['id']} was merged into claim {kept['id']} (audit row {merged_at}), split"
            f" since: its words are in claim {split_off['id']} now; use claim {split_off['id']}"
            f" instead (its evidence, comments and history went to claim {kept['id']})"
        ),
    ):
        comments.add_comment(db, repairs["id"], body="The council's figure?", actor=rita)
    # Split between the two: each unit's words are in a claim of their own again.
    at = split_off["start"] + split_off["text"].index(" The repairs")
    first, second = unit_edits.split_unit(
        db, split_off["id"], at=at, reason="Two figures, two claims", actor=rita
    )
    assert _merged_facts(db, buses["id"])["claim_id"] == first["id"]
    assert _merged_facts(db, repairs["id"])["claim_id"] == second["id"]
    # Split inside a unit's words: both parts hold them, the first holds their start.
    at = second["start"] + second["text"].index(" the council said")
    head, tail = unit_edits.split_unit(
        db, second["id"], at=at, reason="Two parts, two claims", actor=rita
    )
    facts = _merged_facts(db, repairs["id"])
    assert facts["claim_id"] == head["id"] and facts["claim_ids"] == [head["id"], tail["id"]]
    with refused_with(NotFound, f"its words are in claims {head['id']}, {tail['id']} now"):
        claim_reads.get_claim(db, repairs["id"])
    # Merged again: the claim they went into holds them all once more.
    for _ in range(3):
        unit_edits.merge_with_next(db, kept["id"], reason="One night after all", actor=rita)
    assert _merged_facts(db, repairs["id"]) == {
        "id": repairs["id"],
        "claim_id": kept["id"],
        "audit_id": merged_at,
    }
    assert _merged_facts(db, tail["id"])["claim_id"] == kept["id"]
    # Merged into the unit before: the words lead there, by the merges and by the offsets alike.
    merged = unit_edits.merge_with_next(db, fire["id"], reason="One story, one claim", actor=rita)
    assert _merged_facts(db, buses["id"])["claim_id"] == merged["id"]
    assert "merged_into" not in _merged_facts(db, buses["id"])
    _assert_exact(db, article_id)


def test_a_command_given_a_unit_merged_away_then_split_off_names_where_its_words_are(cli_run):
    run = cli_run
    quote, second, as_user = _merged_by_command(run)
    split = run(
        "claim",
        "split",
        str(quote["id"]),
        "--after",
        "six hours.",
        "--reason",
        "Two sentences",
        *as_user,
    )
    assert split.exit_code == 0, split.output
    claims = json.loads(run("claims", "1", "--json").output)["claims"]
    new = next(c for c in claims if c["seq"] == quote["seq"] + 1)
    assert new["text"].startswith("We have never seen") and new["id"] != second["id"]
    result = run("claim", "comment", str(second["id"]), "Same quotation", *as_user)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert f"its words are in claim {new['id']} now; use claim {new['id']} instead" in (
        result.output
    )
    story = run("history", str(second["id"]))
    assert story.exit_code == 2
    assert f"its story is part of `factcheck history {quote['id']}`" in story.output


def test_a_unit_merged_away_into_a_claim_set_aside_since_says_so(cli_run):
    """The claim a merged unit leads to was marked as not a claim since: the refusal says so and
    how to make it a claim again, not only "use claim N", which would be refused in turn."""
    run = cli_run
    quote, second, as_user = _merged_by_command(run)
    set_aside = run(
        "claim",
        "classify",
        str(quote["id"]),
        "not_a_claim",
        "--reason",
        "A quotation, not a claim",
        *as_user,
    )
    assert set_aside.exit_code == 0, set_aside.output
    result = run("claim", "comment", str(second["id"]), "Same quotation", *as_user)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert (
        f"claim {quote['id']} is marked as not a claim since: `factcheck claim classify"
        f' {quote["id"]} claim --reason "..." --as USERNAME` makes it one again'
    ) in result.output


def test_the_page_of_a_unit_merged_away_then_split_off_links_to_where_its_words_are(
    client, app_db, make_article
):
    article_id, quote, second = _merged_on_the_page(client, app_db, make_article)
    at = quote["end"]
    split = hx_post(
        client,
        f"/claims/{quote['id']}/split",
        {"expected_version": quote["version"] + 1, "at": at, "reason": "Two sentences after all"},
    )
    assert split.status_code == 200, split.get_data(as_text=True)[:300]
    new = _unit(app_db, article_id, "We have never seen")
    response = client.get(f"/claims/{second['id']}")
    assert response.status_code == 404
    page = parse(response)
    message = words(page.cssselect("[data-error-message]")[0])
    assert f"merged into the one before it in the article (id {quote['id']})" in message
    assert f"That claim was split since: this claim's words are in id {new['id']} now." in message
    [link] = page.cssselect("[data-error-message] a")
    assert link.get("href") == f"/claims/{new['id']}"
    assert words(link) == "Open the claim its words are in now"
    as_json = client.get(f"/claims/{second['id']}.json")
    assert f"words are in id {new['id']} now" in as_json.get_json()["error"]


def test_a_part_split_off_keeps_the_speaker_only_when_its_words_are_theirs(claim_world):
    db, people, _ = claim_world
    rita = people["rita"]
    article_id = import_sample(
        db,
        "Plan costs\n\nThe mayor said the plan would cost 4.5 million pounds… critics disagreed"
        " with 3 of its 7 points.\n\n“We will rebuild, and it takes 2 years,” Ramos told reporters.",
    )
    mayor, ramos = [u for u in _units(db, article_id) if u["section"] == "body"]
    assert mayor["attribution"] == "The mayor said" and "Ramos" in ramos["attribution"]
    at = mayor["start"] + mayor["text"].index(" critics")
    first, second = unit_edits.split_unit(db, mayor["id"], at=at, reason="Two claims", actor=rita)
    assert first["attribution"] == "The mayor said" and second["attribution"] is None
    at = ramos["start"] + ramos["text"].index(" and it takes")
    first, second = unit_edits.split_unit(db, ramos["id"], at=at, reason="Two claims", actor=rita)
    # A quotation's speaker, named after it, says both parts.
    assert first["attribution"] == second["attribution"] == ramos["attribution"]
    _assert_exact(db, article_id)
    report = audit.verify(db)
    assert report.ok, report.problems


def test_a_quotation_merged_and_split_again_keeps_its_speaker_for_both_sentences(claim_world):
    db, people, _ = claim_world
    rita = people["rita"]
    article_id = import_sample(
        db,
        "Harbour fund\n\nThe mayor says “This is money well spent. Every pound returned three.”"
        "\n\nCouncillors will vote on the second phase of the harbour plan in 2027.",
    )
    spent, pound = [u for u in _units(db, article_id) if u["section"] == "body"][:2]
    assert spent["attribution"] and pound["attribution"] == spent["attribution"]
    merged = unit_edits.merge_with_next(db, spent["id"], reason="One quotation", actor=rita)
    at = merged["start"] + merged["text"].index(" Every pound")
    first, second = unit_edits.split_unit(
        db, merged["id"], at=at, reason="Two sentences", actor=rita
    )
    # As the import gave them: both sentences are the mayor's.
    assert first["attribution"] == second["attribution"] == spent["attribution"]
    _assert_exact(db, article_id)
    report = audit.verify(db)
    assert report.ok, report.problems
