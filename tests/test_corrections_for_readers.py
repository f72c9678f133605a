"""What readers are told of corrections: every one of them, the first publication date kept, and
no correction that changes nothing."""

import json
import re

import pytest
from click.testing import CliRunner
from test_export_world import LATER, build_world, correct_later, export_bytes

from factcheck.cli import main
from factcheck.exports import ExportFilters
from factcheck.store import verdicts
from factcheck.store.errors import Invalid

EVEN_LATER = "2032-01-02T03:04:05.000000Z"
SECOND_RATIONALE = "The county's final report puts the figure far below what the claim says."


@pytest.fixture
def world(tmp_path):
    return build_world(tmp_path / "corrections.db")


def _correct_again(world, monkeypatch, rating="False", reason="Final report published"):
    rita = world.people["rita"]
    verdicts.correct_verdict(
        world.db,
        world.published,
        rating=rating,
        rationale=SECOND_RATIONALE,
        reason=reason,
        actor=rita,
    )
    verdicts.submit_for_review(world.db, world.published, actor=rita)
    with monkeypatch.context() as later:
        later.setattr(verdicts, "utc_now", lambda: EVEN_LATER)
        verdicts.approve(world.db, world.published, actor=world.people["eve"])


def _first_published(world) -> str:
    return verdicts.verdicts_for_claim(world.db, world.published)[0]["published_at"]


def test_a_correction_reason_ending_in_a_question_or_exclamation_takes_no_full_stop(
    world, monkeypatch
):
    correct_later(world, monkeypatch)
    _correct_again(world, monkeypatch, reason="Did the office revise its figure? Yes!")
    reviews = json.loads(export_bytes(world, "claimreview"))
    [review] = [r for r in reviews if r["url"].endswith(f"/claims/{world.published}")]
    assert "Did the office revise its figure? Yes! It was previously rated" in review["correction"]


def test_every_correction_stays_in_what_readers_are_given(world, monkeypatch):
    first = verdicts.verdicts_for_claim(world.db, world.published)[0]
    correct_later(world, monkeypatch)
    _correct_again(world, monkeypatch)
    notes = (
        f"Corrected on {LATER[:10]}: New figures from the county. It was previously rated"
        f" {first['rating_label']}. Corrected on {EVEN_LATER[:10]}: Final report published. It"
        " was previously rated Misleading."
    )
    reviews = json.loads(export_bytes(world, "claimreview"))
    [review] = [r for r in reviews if r["url"].endswith(f"/claims/{world.published}")]
    assert review["correction"] == notes
    assert review["reviewRating"]["alternateName"] == "False"
    only = ExportFilters(article_id=world.sample_article)
    for fmt in ("html", "markdown"):
        report = export_bytes(world, fmt, only).decode()
        assert notes.replace("'", "&#39;") in report or notes in report, fmt


def test_a_report_gives_the_first_publication_date_and_the_corrections_own(world, monkeypatch):
    first = _first_published(world)[:10]
    correct_later(world, monkeypatch)
    only = ExportFilters(article_id=world.sample_article)
    for fmt in ("html", "markdown"):
        report = export_bytes(world, fmt, only).decode()
        assert f"published {first} · corrected {LATER[:10]}" in report, fmt
        assert f"published {LATER[:10]}" not in report, fmt
        assert f"Corrected on {LATER[:10]}" in report, fmt


def test_a_correction_that_keeps_the_rating_says_so(world, monkeypatch):
    correct_later(world, monkeypatch)
    _correct_again(world, monkeypatch, rating="Misleading", reason="Rationale cites the new report")
    reviews = json.loads(export_bytes(world, "claimreview"))
    [review] = [r for r in reviews if r["url"].endswith(f"/claims/{world.published}")]
    assert review["correction"].endswith(
        f"Corrected on {EVEN_LATER[:10]}: Rationale cites the new report. The rating,"
        " Misleading, is unchanged."
    )


def _published(world) -> dict:
    return verdicts.verdicts_for_claim(world.db, world.published)[-1]


def _opened_then_refused(world, *, rating: str, rationale: str, revise=None) -> None:
    """Open a correction with this rating and rationale (revised to `revise`'s, when given) and
    check that sending it for review is refused as changing nothing."""
    rita = world.people["rita"]
    verdicts.correct_verdict(
        world.db,
        world.published,
        rating=rating,
        rationale=rationale,
        reason="The county revised it",
        actor=rita,
    )
    if revise is not None:
        verdicts.set_verdict(world.db, world.published, actor=rita, **revise)
    with pytest.raises(Invalid) as refused:
        verdicts.submit_for_review(world.db, world.published, actor=rita)
    assert refused.value.code == "verdict.correction_unchanged"


def test_a_correction_that_changes_nothing_cannot_be_sent_for_review(world):
    """Opening it unchanged is allowed: that is how a new source joins a published verdict."""
    published = _published(world)
    _opened_then_refused(world, rating=published["rating"], rationale=published["rationale"])


def test_a_correction_that_only_respaces_the_rationale_cannot_be_sent(world):
    published = _published(world)
    respaced = published["rationale"].replace(" ", "  ", 1) + " "
    _opened_then_refused(world, rating=published["rating"], rationale=respaced)


def test_a_correction_revised_back_to_the_published_verdict_cannot_be_sent(world):
    published = _published(world)
    back = {"rating": published["rating"], "rationale": published["rationale"]}
    _opened_then_refused(world, rating="Misleading", rationale=SECOND_RATIONALE, revise=back)


def test_the_command_line_says_why_an_unchanged_correction_is_not_sent(world, tmp_path):
    published = verdicts.verdicts_for_claim(world.db, world.published)[-1]
    db = str(tmp_path / "corrections.db")
    runner = CliRunner()
    opened = runner.invoke(
        main,
        [
            "--db",
            db,
            "verdict",
            "correct",
            str(world.published),
            "--rating",
            published["rating"],
            "--rationale",
            published["rationale"],
            "--reason",
            "The county revised it",
            "--as",
            "rita",
        ],
    )
    assert opened.exit_code == 0, opened.output
    sent = runner.invoke(
        main, ["--db", db, "review", "submit", str(world.published), "--as", "rita"]
    )
    assert sent.exit_code == 2
    assert "same rating, rationale and sources" in sent.output


def _open_by_mistake(world) -> None:
    verdicts.correct_verdict(
        world.db,
        world.published,
        rating="False",
        rationale=SECOND_RATIONALE,
        reason="Opened on the wrong claim",
        actor=world.people["rita"],
    )


def _without_audit_head(report: str) -> str:
    return re.sub(r"row \d+, hash <code>[0-9a-f]+</code>", "", report)


def test_a_correction_started_by_mistake_is_withdrawn_and_readers_see_the_verdict_as_it_was(world):
    from factcheck.store import audit

    only = ExportFilters(article_id=world.sample_article)
    before = export_bytes(world, "html", only).decode()
    rita = world.people["rita"]
    _open_by_mistake(world)
    # Readers are not told of a correction in draft: this one never comes.
    assert "A correction to this verdict" not in export_bytes(world, "html", only).decode()
    with pytest.raises(Invalid) as refused:
        verdicts.withdraw_correction(world.db, world.published, reason="", actor=rita)
    assert refused.value.field == "reason"
    updated = verdicts.withdraw_correction(
        world.db, world.published, reason="Opened on the wrong claim", actor=rita
    )
    assert updated["status"] == "published"
    assert [v["state"] for v in verdicts.verdicts_for_claim(world.db, world.published)] == [
        "published"
    ]
    # The same report as before the correction, but for the audit trail's head it names.
    assert _without_audit_head(export_bytes(world, "html", only).decode()) == _without_audit_head(
        before
    )
    row = world.db.execute(
        "SELECT reason, before FROM audit WHERE action = 'verdict.withdraw'"
    ).fetchone()
    assert row[0] == "Opened on the wrong claim"
    assert json.loads(row[1])["verdict_draft"]["rationale"] == SECOND_RATIONALE
    assert audit.verify(world.db).ok
    # Nothing is left to withdraw.
    with pytest.raises(Invalid) as again:
        verdicts.withdraw_correction(world.db, world.published, reason="Twice over", actor=rita)
    assert again.value.code == "verdict.no_correction_draft"


def test_the_command_line_withdraws_a_correction(world, tmp_path):
    db = str(tmp_path / "corrections.db")
    runner = CliRunner()
    nothing = runner.invoke(
        main,
        ["--db", db, "verdict", "withdraw", str(world.published), "--reason", "By mistake",
         "--as", "rita"],
    )  # fmt: skip
    assert nothing.exit_code == 2
    assert "has no correction in draft to withdraw" in nothing.output
    _open_by_mistake(world)
    withdrawn = runner.invoke(
        main,
        ["--db", db, "verdict", "withdraw", str(world.published), "--reason", "By mistake",
         "--as", "rita"],
    )  # fmt: skip
    assert withdrawn.exit_code == 0, withdrawn.output
    assert (
        withdrawn.output == f"Withdrew the correction. Claim {world.published} is now published.\n"
    )
