"""The life of a claim in the store: evidence, verdict, second review, corrections, conflicts."""

import pytest
from helpers import RATIONALE, refused_with

from factcheck.audit_changes import changed_fields
from factcheck.scales import ScaleError, load_scale, parse_scale
from factcheck.store import audit, claim_reads, comments, evidence, triage, users, verdicts
from factcheck.store.errors import Conflict, Forbidden, Invalid, NotFound


def _add_source(db, people, claim_id, url="https://county.example/bulletin"):
    return evidence.add_evidence(
        db,
        claim_id,
        url=url,
        stance="supports",
        quote="14 schools closed; 3,200 homes without power",
        actor=people["rita"],
    )


def _submit(db, people, claim_id):
    _add_source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"])
    return verdicts.submit_for_review(db, claim_id, actor=people["rita"])


def test_full_loop_publishes_with_both_names(claim_world):
    db, people, claim_id = claim_world
    assert _submit(db, people, claim_id)["status"] == "in_review"
    published = verdicts.approve(db, claim_id, actor=people["ed"], comment="Checked the bulletin.")
    assert published["status"] == "published" and published["verdict"] == "accurate"
    view = claim_reads.claims_with_reviews(db, [claim_reads.get_claim(db, claim_id)])[0]
    [shown] = view["verdicts"]
    assert shown["rating_label"] == "Accurate" and shown["rationale"] == RATIONALE
    assert shown["author"] == "rita" and shown["approved_by"] == "ed"
    assert [e["url"] for e in view["evidence"]] == ["https://county.example/bulletin"]
    actors = {
        (entry["actor"], entry["action"]) for entry in claim_reads.claim_history(db, claim_id)
    }
    assert {("rita", "verdict.set"), ("rita", "review.submit"), ("ed", "review.approve")} <= actors


def test_rating_by_label_or_key_ignores_case(claim_world):
    db, people, claim_id = claim_world
    verdicts.set_verdict(
        db, claim_id, rating="  MOSTLY accurate ", rationale=RATIONALE, actor=people["rita"]
    )
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["rating"] == "mostly-accurate"
    with refused_with(Invalid, "not on the rating scale"):
        verdicts.set_verdict(
            db, claim_id, rating="Pants on fire", rationale=RATIONALE, actor=people["rita"]
        )


def test_thin_rationale_is_refused(claim_world):
    db, people, claim_id = claim_world
    with refused_with(Invalid, "rationale"):
        verdicts.set_verdict(db, claim_id, rating="False", rationale="wrong", actor=people["rita"])
    assert claim_reads.get_claim(db, claim_id)["status"] == "unreviewed"


@pytest.mark.parametrize(
    ("rationale", "code"),
    [
        # Thirty "words" a reader sees as nothing: zero-width spaces, a direction mark.
        ("\u200b " * 30, "rationale.missing"),
        ("\u200e\u200b\u2060 " * 20, "rationale.missing"),
        # Letters and signs that print as blank space: Hangul fillers, the braille blank.
        (("\u3164" * 7 + " ") * 6, "rationale.missing"),
        ("\u115f\u1160\uffa0\u2800 " * 20, "rationale.missing"),
        # Marks with no letter to sit on: a variation selector, a grapheme joiner.
        ("\ufe0f\u034f\ufe0f " * 20, "rationale.missing"),
        # Five visible words and a sixth of hidden characters to pass the count.
        (
            "Unsupported, extraordinarily questionable assertion, entirely \u200b\u200b",
            "rationale.too_short",
        ),
    ],
)
def test_a_rationale_is_counted_as_a_reader_sees_it(claim_world, rationale, code):
    db, people, claim_id = claim_world
    with pytest.raises(Invalid) as refused:
        verdicts.set_verdict(
            db, claim_id, rating="Unverifiable", rationale=rationale, actor=people["rita"]
        )
    assert refused.value.code == code
    assert claim_reads.get_claim(db, claim_id)["status"] == "unreviewed"


def test_a_rationale_in_chinese_or_japanese_is_counted_by_its_characters(claim_world):
    db, people, claim_id = claim_world
    # A full Japanese sentence has no spaces, and is no one-word rationale.
    rationale = "報告書によると倉庫は二〇二三年九月に検査され、防火設備の不備が指摘されていた。"
    saved = verdicts.set_verdict(
        db, claim_id, rating="Unverifiable", rationale=rationale, actor=people["rita"]
    )
    assert saved["status"] == "in_progress"
    with pytest.raises(Invalid) as refused:
        verdicts.set_verdict(db, claim_id, rating="False", rationale="不对。", actor=people["rita"])
    assert refused.value.code == "rationale.too_short"


@pytest.mark.parametrize(
    "rationale",
    [
        # The ministry's report says the warehouse stood empty from March, as satellite images
        # show: whole sentences with one space, or a few, between their phrases.
        "รายงานของกระทรวงระบุว่าคลังสินค้าว่างเปล่าตั้งแต่เดือนมีนาคม ตามภาพถ่ายดาวเทียมที่เราตรวจสอบ",
        "ລາຍງານຂອງກະຊວງລະບຸວ່າສາງຫວ່າງເປົ່າຕັ້ງແຕ່ເດືອນມີນາ ອີງຕາມພາບຖ່າຍດາວທຽມ",
        "ក្រសួងបានបញ្ជាក់ថាឃ្លាំងនេះទទេចាប់តាំងពីខែមីនា យោងតាមរូបភាពផ្កាយរណប",
        "ဝန်ကြီးဌာန၏ အစီရင်ခံစာအရ ဂိုဒေါင်သည် မတ်လကတည်းက ဗလာဖြစ်နေသည်",
    ],
)
def test_a_rationale_in_thai_lao_khmer_or_myanmar_is_counted_by_its_letters(claim_world, rationale):
    db, people, claim_id = claim_world
    saved = verdicts.set_verdict(
        db, claim_id, rating="Unverifiable", rationale=rationale, actor=people["rita"]
    )
    assert saved["status"] == "in_progress"


@pytest.mark.parametrize(
    "rationale",
    [
        "ไม่จริงเลยครับ",  # "Not true at all."
        "ไม่จริง ไม่จริง ไม่จริง ไม่จริง ไม่จริง",  # spaces do not make it a reason
        "รายงานระบุว่าไม่จริง",  # "The report says it is not true."
        # A few letters typed over and over: keys mashed, "test", "ha ha", "fake news".
        "ฟหกด" * 10,
        "ทดสอบ" * 8,
        "ฮ่า" * 14,
        "ข่าวปลอม" * 6,
        # Korean letters on their own are letters, not syllables ("lol" seven times).
        "ㅋㅋㅋ " * 7,
    ],
)
def test_a_thai_rationale_of_a_few_words_is_still_too_short(claim_world, rationale):
    db, people, claim_id = claim_world
    with pytest.raises(Invalid) as refused:
        verdicts.set_verdict(
            db, claim_id, rating="False", rationale=rationale, actor=people["rita"]
        )
    assert refused.value.code == "rationale.too_short"


def test_verdict_needing_evidence_cannot_be_submitted_without_it(claim_world):
    db, people, claim_id = claim_world
    verdicts.set_verdict(db, claim_id, rating="False", rationale=RATIONALE, actor=people["rita"])
    with refused_with(Invalid, "must rest on evidence"):
        verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.set_verdict(
        db, claim_id, rating="Unverifiable", rationale=RATIONALE, actor=people["rita"]
    )
    assert verdicts.submit_for_review(db, claim_id, actor=people["rita"])["status"] == "in_review"


def test_reviewer_cannot_approve(claim_world):
    db, people, claim_id = claim_world
    _submit(db, people, claim_id)
    users.add_user(
        db,
        "rob",
        role="reviewer",
        password="another long password",
        display_name=None,
        actor=people["ada"],
    )
    with refused_with(Forbidden, "only an editor"):
        verdicts.approve(db, claim_id, actor=users.actor_for(db, "rob"))


def test_nobody_approves_their_own_verdict(claim_world):
    db, people, claim_id = claim_world
    _add_source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["ed"])
    verdicts.submit_for_review(db, claim_id, actor=people["ed"])
    with refused_with(Forbidden, "you wrote or submitted this verdict"):
        verdicts.approve(db, claim_id, actor=people["ed"])
    assert verdicts.approve(db, claim_id, actor=people["eve"])["status"] == "published"


def test_editor_who_revised_the_draft_cannot_approve_it(claim_world):
    db, people, claim_id = claim_world
    _add_source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="Mixed", rationale=RATIONALE, actor=people["ed"])
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    with pytest.raises(Forbidden):
        verdicts.approve(db, claim_id, actor=people["ed"])


def test_the_trail_shows_the_draft_a_revision_replaced(claim_world):
    db, people, claim_id = claim_world
    _add_source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.set_verdict(db, claim_id, rating="Misleading", rationale=RATIONALE, actor=people["ed"])
    revision = claim_reads.claim_history(db, claim_id)[-1]
    assert (revision["actor"], revision["action"]) == ("ed", "verdict.set")
    fields = changed_fields(revision["before"], revision["after"])
    changed = {field: (old, new) for field, old, new in fields}
    assert changed["verdict_draft.rating"] == ("accurate", "misleading")
    assert "verdict_draft.rationale" not in changed  # the same words: no change to show
    first = claim_reads.claim_history(db, claim_id)[-2]
    assert first["before"]["verdict_draft"] is None  # nothing was there to replace


def test_a_comment_or_reason_with_nothing_visible_in_it_counts_as_none(claim_world):
    db, people, claim_id = claim_world
    invisible = "\x00\x01\u200b\u202e\u3164\ufe0f" * 5
    with pytest.raises(Invalid) as refused:
        comments.add_comment(db, claim_id, body=invisible, actor=people["rita"])
    assert refused.value.code == "comment.missing"
    _submit(db, people, claim_id)
    with pytest.raises(Invalid) as refused:
        verdicts.return_for_changes(db, claim_id, comment=invisible, actor=people["ed"])
    assert refused.value.code == "reason.missing"
    verdicts.approve(db, claim_id, comment=invisible, actor=people["ed"])
    assert comments.comments_for_claim(db, claim_id) == []
    assert audit.history(db, "claim", claim_id)[-1]["reason"] is None


@pytest.mark.parametrize(
    "reason",
    [
        "\u200b" * 20 + "x",  # one letter padded with zero-width spaces to ten characters
        "\u00ad" * 20 + "x",
        "ok" + "\u2060" * 12,
        "\u3164" * 10,
    ],
)
def test_a_reason_is_counted_as_a_reader_sees_it(claim_world, reason):
    db, people, claim_id = claim_world
    _submit(db, people, claim_id)
    with pytest.raises(Invalid) as refused:
        verdicts.return_for_changes(db, claim_id, comment=reason, actor=people["ed"])
    assert refused.value.code in ("reason.too_short", "reason.missing")
    assert claim_reads.get_claim(db, claim_id)["status"] == "in_review"
    returned = verdicts.return_for_changes(
        db, claim_id, comment="\u200bCite the bulletin.", actor=people["ed"]
    )
    assert returned["status"] == "in_progress"


def test_return_sends_back_with_comment(claim_world):
    db, people, claim_id = claim_world
    _submit(db, people, claim_id)
    with refused_with(Invalid, "reason"):
        verdicts.return_for_changes(db, claim_id, comment="", actor=people["ed"])
    returned = verdicts.return_for_changes(
        db, claim_id, comment="Quote the bulletin's own words.", actor=people["ed"]
    )
    assert returned["status"] == "in_progress"
    assert (
        comments.comments_for_claim(db, claim_id)[-1]["body"] == "Quote the bulletin's own words."
    )
    verdicts.set_verdict(
        db, claim_id, rating="Accurate", rationale=RATIONALE + " Revised.", actor=people["rita"]
    )
    assert verdicts.submit_for_review(db, claim_id, actor=people["rita"])["status"] == "in_review"


def test_the_submitter_takes_a_verdict_back_from_review_and_the_trail_holds(claim_world):
    from factcheck.store import inbox

    db, people, claim_id = claim_world
    _submit(db, people, claim_id)
    verdicts.return_for_changes(db, claim_id, comment="Name the bulletin.", actor=people["ed"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    with refused_with(Forbidden, "only the person who submitted claim"):
        verdicts.recall_from_review(db, claim_id, actor=people["ed"])
    recalled = verdicts.recall_from_review(db, claim_id, actor=people["rita"])
    assert recalled["status"] == "in_progress"
    [draft] = verdicts.verdicts_for_claim(db, claim_id)
    assert (draft["state"], draft["submitted_at"], draft["returned_at"]) == ("draft", None, None)
    # The return was answered by the draft sent since: it is no longer news in her inbox.
    assert [i["kind"] for i in inbox.inbox(db, people["rita"])] == ["draft"]
    assert audit.history(db, "claim", claim_id)[-1]["action"] == "review.recall"
    assert audit.verify(db).ok
    assert verdicts.submit_for_review(db, claim_id, actor=people["rita"])["status"] == "in_review"
    with refused_with(Invalid, "nothing to take back"):
        verdicts.approve(db, claim_id, actor=people["ed"])
        verdicts.recall_from_review(db, claim_id, actor=people["rita"])


def test_correction_keeps_the_earlier_verdict_and_marks_the_date(claim_world):
    db, people, claim_id = claim_world
    _submit(db, people, claim_id)
    verdicts.approve(db, claim_id, actor=people["ed"])
    with refused_with(Invalid, "correct it with a reason"):
        verdicts.set_verdict(
            db, claim_id, rating="False", rationale=RATIONALE, actor=people["rita"]
        )
    with refused_with(Invalid, "reason"):
        verdicts.correct_verdict(
            db, claim_id, rating="Mixed", rationale=RATIONALE, reason="", actor=people["rita"]
        )
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mixed",
        rationale=RATIONALE + " The office later revised the count to 12.",
        reason="County revised its figures on Wednesday",
        actor=people["rita"],
    )
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    corrected = verdicts.approve(db, claim_id, actor=people["eve"])
    assert corrected["verdict"] == "mixed" and corrected["corrected_at"]
    states = [(v["rating"], v["state"]) for v in verdicts.verdicts_for_claim(db, claim_id)]
    assert states == [("accurate", "superseded"), ("mixed", "published")]
    view = claim_reads.claims_with_reviews(db, [claim_reads.get_claim(db, claim_id)])[0]
    assert [(v["rating_label"], v["state"]) for v in view["verdicts"]] == [
        ("Accurate", "superseded"),
        ("Mixed", "published"),
    ]


def test_stale_version_is_refused_with_current_state(claim_world):
    db, people, claim_id = claim_world
    version = claim_reads.get_claim(db, claim_id)["version"]
    triage.assign(db, claim_id, assignee="rita", actor=people["ed"], expected_version=version)
    with pytest.raises(Conflict) as conflict:
        verdicts.set_verdict(
            db,
            claim_id,
            rating="False",
            rationale=RATIONALE,
            actor=people["rita"],
            expected_version=version,
        )
    assert conflict.value.current["version"] == version + 1
    assert conflict.value.current["assignee_id"] == people["rita"].id
    assert claim_reads.get_claim(db, claim_id)["status"] == "unreviewed"


def test_duplicate_evidence_refused_and_removal_needs_reason(claim_world):
    db, people, claim_id = claim_world
    first = _add_source(db, people, claim_id)
    with refused_with(Invalid, "already evidence"):
        _add_source(db, people, claim_id, url="HTTPS://COUNTY.example/bulletin")
    with refused_with(Invalid, "reason"):
        evidence.remove_evidence(db, first["id"], reason=" ", actor=people["rita"])
    evidence.remove_evidence(
        db, first["id"], reason="Superseded by the final report", actor=people["rita"]
    )
    assert evidence.evidence_for_claim(db, claim_id) == []
    assert _add_source(db, people, claim_id)["id"] != first["id"]


@pytest.mark.parametrize(
    "url",
    ["ftp://files.example/x", "javascript:alert(1)", "https://user:pw@x.example/", "not a url", ""],
)
def test_evidence_url_must_be_http(claim_world, url):
    db, people, claim_id = claim_world
    with pytest.raises(Invalid):
        _add_source(db, people, claim_id, url=url)


def test_several_claims_can_cite_one_source(claim_world):
    db, people, claim_id = claim_world
    other = [
        c
        for c in claim_reads.claims_for_article(
            db, claim_reads.get_claim(db, claim_id)["article_id"]
        )
        if c["id"] != claim_id
    ][0]
    first = _add_source(db, people, claim_id)
    second = _add_source(db, people, other["id"])
    assert first["id"] != second["id"] and first["url"] == second["url"]
    for cited_by in (claim_id, other["id"]):
        [source] = evidence.evidence_for_claim(db, cited_by)
        assert source["url"] == "https://county.example/bulletin"


def test_classify_needs_reason_and_round_trips(claim_world):
    db, people, claim_id = claim_world
    muted = triage.classify(
        db, claim_id, kind="not_a_claim", reason="Scene-setting, no fact", actor=people["rita"]
    )
    assert muted["kind"] == "not_a_claim" and muted["reason"] == "Scene-setting, no fact"
    with refused_with(Invalid, "classify it as a claim first"):
        verdicts.set_verdict(
            db, claim_id, rating="False", rationale=RATIONALE, actor=people["rita"]
        )
    back = triage.classify(
        db, claim_id, kind="claim", reason="It carries a count after all", actor=people["rita"]
    )
    assert back["kind"] == "claim" and back["reason"] is None


def test_unknown_or_disabled_people_are_refused(claim_world):
    db, people, _ = claim_world
    with pytest.raises(NotFound):
        users.actor_for(db, "nobody")
    users.set_disabled(db, "rita", True, actor=people["ada"])
    with refused_with(Forbidden, "disabled"):
        users.actor_for(db, "rita")
    assert users.authenticate(db, "rita", "correct horse battery") is None


def test_only_admins_manage_users(claim_world):
    db, people, _ = claim_world
    with pytest.raises(Forbidden):
        users.add_user(
            db,
            "sneak",
            role="admin",
            password="long enough password",
            display_name=None,
            actor=people["ed"],
        )
    stored = db.execute("SELECT password_hash FROM users WHERE username = 'ed'").fetchone()[0]
    assert stored.startswith("$argon2id$")


def test_organisation_scale_from_a_file(tmp_path, monkeypatch):
    scale_file = tmp_path / "scale.json"
    scale_file.write_text(
        '{"name": "Three", "ratings": ['
        '{"key": "true", "label": "True", "value": 3, "colour": "#00aa00"},'
        '{"key": "half", "label": "Half true", "value": 2, "colour": "#aaaa00"},'
        '{"key": "untrue", "label": "Untrue", "value": 1, "colour": "#aa0000"}]}'
    )
    monkeypatch.setenv("FACTCHECK_SCALE", str(scale_file))
    scale = load_scale()
    assert scale.find("half TRUE").key == "half" and scale.best_rating == 3
    with pytest.raises(ScaleError):
        parse_scale({"ratings": [{"key": "a", "label": "A", "value": 1, "colour": "red"}]})


@pytest.mark.parametrize("levels", [150, 100_000])
def test_a_scale_file_nested_too_deeply_is_refused_in_words(tmp_path, monkeypatch, levels):
    scale_file = tmp_path / "scale.json"
    scale_file.write_text('{"ratings": ' + "[" * levels + "]" * levels + "}")
    monkeypatch.setenv("FACTCHECK_SCALE", str(scale_file))
    with pytest.raises(ScaleError, match=r"scale\.json is nested too deeply \(lists or objects"):
        load_scale()


def test_a_rating_off_the_numeric_scale_leaves_its_ends_to_the_others():
    rating = {"key": "t", "label": "True", "value": 3, "colour": "#00aa00"}
    unknown = {"key": "u", "label": "Unknown", "value": 0, "colour": "#57606a", "numeric": False}
    scale = parse_scale(
        {"ratings": [rating, {**rating, "key": "f", "label": "F", "value": 1}, unknown]}
    )
    assert (scale.best_rating, scale.worst_rating) == (3, 1)
    assert [r.numeric for r in scale.ratings] == [True, True, False]
    with pytest.raises(ScaleError, match="at least one rating"):
        parse_scale({"ratings": [unknown]})
    with pytest.raises(ScaleError, match="between worst_rating and best_rating"):
        parse_scale({"worst_rating": 2, "ratings": [rating, {**unknown, "numeric": True}]})


def test_an_over_long_rationale_is_refused_and_nothing_is_saved(claim_world):
    db, people, claim_id = claim_world
    huge = RATIONALE + " More." * (verdicts.MAX_RATIONALE_CHARS // 6)
    with refused_with(Invalid, r"the rationale can be at most 10,000 characters"):
        verdicts.set_verdict(db, claim_id, rating="False", rationale=huge, actor=people["rita"])
    assert verdicts.verdicts_for_claim(db, claim_id) == []
    assert claim_reads.get_claim(db, claim_id)["status"] == "unreviewed"


def test_an_over_long_reason_is_refused(claim_world):
    db, people, claim_id = claim_world
    with refused_with(Invalid, r"the reason can be at most 1,000 characters"):
        triage.classify(
            db, claim_id, kind="not_a_claim", reason="Scene-setting " * 100, actor=people["rita"]
        )
    assert claim_reads.get_claim(db, claim_id)["kind"] == "claim"


def test_evidence_named_twice_is_cited_once_and_the_trail_still_verifies(claim_world):
    from factcheck.store import audit

    db, people, claim_id = claim_world
    source = _add_source(db, people, claim_id)["id"]
    verdicts.set_verdict(
        db,
        claim_id,
        rating="accurate",
        rationale=RATIONALE,
        evidence_ids=[source, source],
        actor=people["rita"],
    )
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"] == [source]
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="Mixed",
        rationale=RATIONALE + " The office later revised the count to 12.",
        reason="County revised its figures on Wednesday",
        evidence_ids=[source, source, source],
        actor=people["rita"],
    )
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["evidence_ids"] == [source]
    assert audit.verify(db).ok, audit.verify(db).problem


def test_whoever_submits_a_verdict_is_its_author_and_may_not_approve_it(claim_world):
    db, people, claim_id = claim_world
    _add_source(db, people, claim_id)
    verdicts.set_verdict(db, claim_id, rating="Mixed", rationale=RATIONALE, actor=people["rita"])
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["eve"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["author_id"] == people["rita"].id

    # An editor who sends someone's draft to review vouches for it: not a second pair of eyes.
    verdicts.return_for_changes(db, claim_id, comment="Name the bulletin.", actor=people["ed"])
    verdicts.submit_for_review(db, claim_id, actor=people["ed"])
    assert verdicts.verdicts_for_claim(db, claim_id)[-1]["author_id"] == people["ed"].id
    with refused_with(Forbidden, "you wrote or submitted this verdict"):
        verdicts.approve(db, claim_id, actor=people["ed"])
    with refused_with(Forbidden, "you wrote or submitted this verdict"):
        verdicts.approve(db, claim_id, actor=people["eve"])
    assert verdicts.approve(db, claim_id, actor=people["ada"])["status"] == "published"
    assert audit.verify(db).ok


def test_a_scale_file_broken_while_the_server_runs_leaves_the_last_good_scale(
    tmp_path, monkeypatch, client, caplog
):
    """A half-saved edit must not turn every page into an error for the whole newsroom."""
    scale_file = tmp_path / "scale.json"
    scale_file.write_text(
        '{"name": "Two", "ratings": ['
        '{"key": "true", "label": "Holds up", "value": 2, "colour": "#00aa00"},'
        '{"key": "untrue", "label": "Falls down", "value": 1, "colour": "#aa0000"}]}'
    )
    monkeypatch.setenv("FACTCHECK_SCALE", str(scale_file))
    assert "Falls down" in client.get("/queue").get_data(as_text=True)
    scale_file.write_text("{ broken")
    page = client.get("/queue")
    assert page.status_code == 200 and "Falls down" in page.get_data(as_text=True)
    assert "is not valid JSON" in caplog.text and "stays in use" in caplog.text


def test_a_scale_without_ratings_says_so_in_words():
    for data in ({}, {"ratings": []}):
        with pytest.raises(ScaleError, match='a scale needs a non-empty list of "ratings"'):
            parse_scale(data)


def test_a_revision_naming_no_sources_keeps_the_ones_its_draft_rests_on(claim_world):
    """A draft whose author left a source out, revised by someone naming none (`verdict set`
    without --evidence): the source left out was put back, unsaid; the same for a correction."""
    db, people, claim_id = claim_world
    kept = _add_source(db, people, claim_id)
    left_out = _add_source(db, people, claim_id, url="https://blog.example/rumour")
    verdicts.set_verdict(
        db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["rita"],
        evidence_ids=[kept["id"]],
    )  # fmt: skip

    def rests_on():
        record = claim_reads.review_records(db, [claim_id])[claim_id]
        return sorted(record["verdict"]["evidence_ids"])

    verdicts.set_verdict(db, claim_id, rating="mixed", rationale=RATIONALE, actor=people["ed"])
    assert rests_on() == [kept["id"]]
    added = _add_source(db, people, claim_id, url="https://stats.example/table")
    verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=people["ed"])
    assert rests_on() == [kept["id"], added["id"]]
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    # Added while in review, so not what the published verdict rests on.
    later = _add_source(db, people, claim_id, url="https://later.example/note")
    verdicts.approve(db, claim_id, actor=people["eve"])
    verdicts.correct_verdict(
        db, claim_id, rating="mixed", rationale=RATIONALE + " Revised.", reason="New table.",
        actor=people["rita"],
    )  # fmt: skip
    # A correction starts from what the published verdict rests on, as the panel's form ticks.
    assert rests_on() == [kept["id"], added["id"]]
    assert left_out["id"] not in rests_on() and later["id"] not in rests_on()
