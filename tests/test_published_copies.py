"""A verdict rests on the archived copies its author submitted it on, which its editor is shown
and approves: a later copy of the same address (another claim's archive, a reviewer's upload)
changes neither what the workbench shows for it nor what the exports and bundles say it rests
on."""

import hashlib
import io
import json

import pytest
from click.testing import CliRunner
from helpers import (
    HX,
    RATIONALE,
    first_checkable_claim,
    fragment,
    import_sample,
    keep_copy,
    page_token,
    words,
)

from factcheck.archive_words import copy_line
from factcheck.cli import main
from factcheck.cli.error_words import error_words
from factcheck.store import evidence, export_reads, snapshots, verdicts
from factcheck.store.errors import Invalid

REPORT = "https://county.example/report"
QUOTE = "3,200 homes were cut off"
SAYS_IT = b"<p>On Monday 3,200 homes were cut off by the flood.</p>"
CHANGED = b"<p>The county has revised this page.</p>"
OTHER_ARTICLE = "Roads shut after the storm\n\nThe mayor said on Tuesday that 12 roads were closed."


def _keep(db, body: bytes, text: str) -> int:
    return keep_copy(db, REPORT, body, text=text)["id"]


def _submit(db, people, claim_id) -> int:
    """Rita's verdict citing the county's report, sent for second review: the item's id."""
    item = evidence.add_evidence(
        db, claim_id, url=REPORT, stance="supports", quote=QUOTE, actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    return item["id"]


def _publish(db, people, claim_id) -> int:
    evidence_id = _submit(db, people, claim_id)
    verdicts.approve(db, claim_id, actor=people["ed"])
    return evidence_id


PICTURE = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _give_a_screenshot(keep, db, people, evidence_id) -> dict:
    """Rita's own copy of the page, a picture, kept the way `keep` keeps one."""
    return keep(
        db,
        evidence_id,
        actor=people["rita"],
        data=PICTURE,
        content_type="image/png",
        content_sha256=hashlib.sha256(PICTURE).hexdigest(),
    )


def _start_correction(db, people, claim_id) -> None:
    verdicts.correct_verdict(
        db,
        claim_id,
        rating="unverifiable",
        rationale=RATIONALE,
        reason="The county took the figure down",
        actor=people["rita"],
    )


def _shown(db, claim_id, evidence_id) -> dict:
    return next(e for e in evidence.evidence_for_claim(db, claim_id) if e["id"] == evidence_id)


def _exported(db_path, claim_id) -> dict:
    out = db_path.parent / "export.json"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    [claim] = [c for c in json.loads(out.read_text())["claims"] if c["id"] == claim_id]
    [item] = claim["evidence"]
    return item


def _cite_from_another_article(db, people) -> tuple[int, int]:
    """A claim of another article citing the same page, as a second desk would: (claim, item)."""
    other = first_checkable_claim(db, import_sample(db, OTHER_ARTICLE))
    item = evidence.add_evidence(
        db, other["id"], url=REPORT, stance="context", quote="the county", actor=people["rita"]
    )
    return other["id"], item["id"]


def test_a_later_copy_of_the_address_leaves_the_published_record_as_it_was(claim_world, db_path):
    db, people, claim_id = claim_world
    kept = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(db, people, claim_id)
    other_claim, other_item = _cite_from_another_article(db, people)
    newer = _keep(db, CHANGED, "The county has revised this page.")  # the other claim's archive

    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["quote_status"]) == (kept, "found")
    assert shown["copy_fixed"]
    exported = _exported(db_path, claim_id)
    assert exported["snapshot"]["id"] == kept
    assert exported["quote_check"]["status"] == "found"
    files = {f["sha256"] for f in export_reads.verdict_copies(db, article_id=None)}
    assert hashlib.sha256(SAYS_IT).hexdigest() in files
    assert hashlib.sha256(CHANGED).hexdigest() not in files
    # The card says the page was kept again and reads otherwise now.
    assert shown["newer_copy_at"] is not None
    assert _shown(db, claim_id, evidence_id)["copy_failure"] is None
    # The other claim, which no published verdict rests on, shows the newest copy.
    other = _shown(db, other_claim, other_item)
    assert (other["snapshot_id"], other["quote_status"]) == (newer, "found")
    assert not other["copy_fixed"]


def test_a_published_verdict_archived_late_rests_on_its_first_copy(claim_world, db_path):
    db, people, claim_id = claim_world
    evidence_id = _publish(db, people, claim_id)  # approved while the archive was under way
    first = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    _keep(db, CHANGED, "The county has revised this page.")
    assert _shown(db, claim_id, evidence_id)["snapshot_id"] == first
    assert _exported(db_path, claim_id)["quote_check"]["status"] == "found"


def test_a_copy_given_after_publication_when_none_could_be_kept_before_says_so(
    claim_world, db_path
):
    """The source's archive failed before publication: a reviewer's own copy may still keep
    it from link rot, but the card, the report and a later refusal say it came after."""
    db, people, claim_id = claim_world
    snapshots.record_snapshot(db, REPORT, actor=people["rita"], status="failed", error="gone")
    evidence_id = _publish(db, people, claim_id)
    _give_a_screenshot(snapshots.attach_copy, db, people, evidence_id)
    shown = _shown(db, claim_id, evidence_id)
    assert shown["copy_fixed"] and shown["copy_after_publication"]
    exported = _exported(db_path, claim_id)
    line = copy_line(exported)
    assert line.startswith("The archived copy has no text to check the quote against")
    assert line.endswith(", after publication") and "kept on " in line
    with pytest.raises(Invalid) as refused:
        _give_a_screenshot(snapshots.attach_copy, db, people, evidence_id)
    assert "the first kept after publication, when none could be kept before" in error_words(
        refused.value
    )
    assert "readers were given" not in error_words(refused.value)


def test_no_new_copy_is_taken_for_evidence_a_published_verdict_rests_on(claim_world):
    db, people, claim_id = claim_world
    kept = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(db, people, claim_id)
    for keep in (snapshots.attach_copy, snapshots.receive_copy):
        with pytest.raises(Invalid) as refused:
            _give_a_screenshot(keep, db, people, evidence_id)
        assert error_words(refused.value).startswith(
            f"the published verdict rests on the copy of evidence {evidence_id} kept on "
        )
        assert "a newer copy can be kept once a correction is under way" in error_words(
            refused.value
        )
    assert _shown(db, claim_id, evidence_id)["snapshot_id"] == kept


def test_no_own_copy_is_taken_for_evidence_a_verdict_in_review_rests_on(claim_world):
    """The editor approves what they looked at: a copy put in after they opened the verdict would
    be approved unseen. Once the verdict is returned, a copy can be given again."""
    db, people, claim_id = claim_world
    item = evidence.add_evidence(
        db, claim_id, url=REPORT, stance="supports", quote=QUOTE, actor=people["rita"]
    )
    verdicts.set_verdict(db, claim_id, rating="Accurate", rationale=RATIONALE, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    for keep in (snapshots.attach_copy, snapshots.receive_copy):
        with pytest.raises(Invalid) as refused:
            _give_a_screenshot(keep, db, people, item["id"])
        assert error_words(refused.value) == (
            f"evidence {item['id']} backs the verdict waiting for review on claim {claim_id},"
            " which the editor approves as it stands; an editor returns the verdict (`factcheck"
            " review return`) before its copy changes"
        )
    verdicts.return_for_changes(db, claim_id, comment="Add the county's copy", actor=people["ed"])
    assert _give_a_screenshot(snapshots.attach_copy, db, people, item["id"])["kind"] == "upload"


def test_a_verdict_in_review_is_shown_and_published_on_the_copies_of_its_submission(
    claim_world, db_path
):
    """Another claim's archive of the same page while the verdict waits does not change what the
    editor approves: the card shows the copy the author saw, says a newer one differs, and the
    published record rests on the copy the editor was shown."""
    db, people, claim_id = claim_world
    kept = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _submit(db, people, claim_id)
    other_claim, other_item = _cite_from_another_article(db, people)
    newer = _keep(db, CHANGED, "The county has revised this page.")  # the other claim's archive

    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["quote_status"]) == (kept, "found")
    assert shown["copy_in_review"] and not shown["copy_fixed"]
    assert shown["newer_copy_at"] is not None and not shown["copy_after_submission"]
    assert _shown(db, other_claim, other_item)["snapshot_id"] == newer
    assert _exported(db_path, claim_id)["snapshot"]["id"] == kept  # exported while in review
    verdicts.approve(db, claim_id, actor=people["ed"])
    assert _shown(db, claim_id, evidence_id)["snapshot_id"] == kept
    exported = _exported(db_path, claim_id)
    assert (exported["snapshot"]["id"], exported["quote_check"]["status"]) == (kept, "found")
    assert exported["snapshot"]["kept_after_publication"] is False


def test_a_verdict_submitted_before_the_upgrade_keeps_the_copy_it_was_published_on(
    claim_world, db_path
):
    """Before migration 021 the editor was shown the newest copy, and approved that: a record
    published then must not change with the upgrade."""
    db, people, claim_id = claim_world
    _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _submit(db, people, claim_id)
    newer = _keep(db, CHANGED, "The county has revised this page.")
    verdicts.approve(db, claim_id, actor=people["ed"])
    # As if the rule came after this verdict's submission: the desk upgraded since.
    db.execute("UPDATE copy_rule SET submitted_copies_since = '9999-12-31T00:00:00.000Z'")
    db.conn.commit()
    assert _shown(db, claim_id, evidence_id)["snapshot_id"] == newer
    exported = _exported(db_path, claim_id)
    assert (exported["snapshot"]["id"], exported["quote_check"]["status"]) == (newer, "not_found")


def test_a_verdict_submitted_while_its_archive_was_under_way_rests_on_the_first_copy(
    claim_world, db_path
):
    db, people, claim_id = claim_world
    evidence_id = _submit(db, people, claim_id)
    first = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    _keep(db, CHANGED, "The county has revised this page.")
    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["copy_after_submission"]) == (first, True)
    verdicts.approve(db, claim_id, actor=people["ed"])
    shown = _shown(db, claim_id, evidence_id)
    # Kept before publication, so not said to have come after it.
    assert (shown["snapshot_id"], shown["copy_after_publication"]) == (first, False)
    assert _exported(db_path, claim_id)["snapshot"]["kept_after_publication"] is False


def test_a_returned_verdict_shows_the_newest_copy_again(claim_world):
    db, people, claim_id = claim_world
    _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _submit(db, people, claim_id)
    newer = _keep(db, CHANGED, "The county has revised this page.")
    verdicts.return_for_changes(db, claim_id, comment="The page changed", actor=people["ed"])
    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["quote_status"]) == (newer, "not_found")
    assert not shown["copy_in_review"] and shown["newer_copy_at"] is None


def test_the_editor_sees_the_submitted_copy_and_that_a_newer_one_differs(
    client_as, app_db, people, claim
):
    kept = _keep(app_db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _submit(app_db, people, claim["id"])
    _keep(app_db, CHANGED, "The county has revised this page.")
    panel = fragment(client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX))
    [badge] = panel.cssselect(f"#archive-badge-{evidence_id}")
    assert "Quote found" in words(badge)
    assert f"/snapshots/{kept}" in badge.cssselect("a.archive-status")[0].get("href")
    assert "differs from the one the verdict waiting for review rests on" in words(badge)
    assert (
        words(panel.cssselect(".quote-summary")[0]) == "1 of 1 quote found in the archived sources"
    )


def test_a_correction_under_way_takes_a_newer_copy_that_readers_see_once_it_is_published(
    claim_world, db_path
):
    db, people, claim_id = claim_world
    kept = _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(db, people, claim_id)
    _start_correction(db, people, claim_id)
    upload = _give_a_screenshot(snapshots.attach_copy, db, people, evidence_id)
    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["copy_fixed"]) == (upload["id"], False)
    assert shown["snapshot_given_by"] == people["rita"].display_name  # whose copy it is
    assert _exported(db_path, claim_id)["snapshot"]["id"] == kept  # still the published record
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    assert _exported(db_path, claim_id)["snapshot"]["id"] == upload["id"]
    assert _shown(db, claim_id, evidence_id)["copy_fixed"]


def test_a_published_correction_rests_on_the_copies_of_its_day(claim_world, db_path):
    db, people, claim_id = claim_world
    _keep(db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(db, people, claim_id)
    newer = _keep(db, CHANGED, "The county has revised this page.")
    _start_correction(db, people, claim_id)
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people["ed"])
    shown = _shown(db, claim_id, evidence_id)
    assert (shown["snapshot_id"], shown["quote_status"]) == (newer, "not_found")


def test_the_card_of_a_published_source_says_a_newer_copy_differs_and_offers_no_other(
    client_as, app_db, people, claim
):
    _keep(app_db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(app_db, people, claim["id"])
    panel = fragment(client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX))
    badge = panel.cssselect(f"#archive-badge-{evidence_id}")[0]
    assert not badge.cssselect("[data-newer-copy]")
    _keep(app_db, CHANGED, "The county has revised this page.")
    # The quote is no longer found in the page's newest copy, yet no own copy is offered: the
    # published verdict's copy is fixed.
    panel = fragment(client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX))
    badge = panel.cssselect(f"#archive-badge-{evidence_id}")[0]
    assert "differs from the one this published verdict rests on" in words(badge)
    assert "Quote found" in words(badge)
    assert not badge.cssselect(".own-copy")


def test_a_published_source_whose_quote_is_not_found_says_why_no_copy_is_offered(
    client_as, app_db, people, claim
):
    _keep(app_db, CHANGED, "The county has revised this page.")
    evidence_id = _publish(app_db, people, claim["id"])
    panel = fragment(client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX))
    [badge] = panel.cssselect(f"#archive-badge-{evidence_id}")
    assert "Quote not found" in words(badge) and not badge.cssselect(".own-copy")
    assert " from " not in words(badge)  # a copy the workbench fetched names no one
    assert words(badge.cssselect("[data-copy-fixed]")[0]) == (
        "The published verdict rests on this copy; a correction can keep a newer one."
    )


def test_a_source_a_verdict_in_review_rests_on_offers_no_own_copy_and_says_why(
    client_as, app_db, people, claim
):
    _keep(app_db, CHANGED, "The county has revised this page.")
    item = evidence.add_evidence(
        app_db, claim["id"], url=REPORT, stance="supports", quote=QUOTE, actor=people["rita"]
    )
    verdicts.set_verdict(
        app_db, claim["id"], rating="Accurate", rationale=RATIONALE, actor=people["rita"]
    )
    badge_of = f"#archive-badge-{item['id']}"
    panel = fragment(client_as("rita").get(f"/claims/{claim['id']}/panel", headers=HX))
    assert panel.cssselect(f"{badge_of} .own-copy")  # a draft: the reviewer may still give one
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    panel = fragment(client_as("rita").get(f"/claims/{claim['id']}/panel", headers=HX))
    [badge] = panel.cssselect(badge_of)
    assert "Quote not found" in words(badge) and not badge.cssselect(".own-copy")
    assert words(badge.cssselect("[data-copy-in-review]")[0]) == (
        "The verdict waiting for review rests on this copy, as it was when submitted; your own"
        " copy can be given once an editor returns it."
    )


def test_a_source_whose_archive_failed_before_submission_is_not_said_to_back_it_with_a_copy(
    client_as, app_db, people, claim
):
    # The page could not be fetched and nothing else was kept: the verdict sent for review will
    # rest on the first copy kept after, for its author and its editor alike.
    snapshots.record_snapshot(app_db, REPORT, actor=people["rita"], status="failed", error="gone")
    evidence_id = _submit(app_db, people, claim["id"])
    for who in ("rita", "ed"):
        panel = fragment(client_as(who).get(f"/claims/{claim['id']}/panel", headers=HX))
        [badge] = panel.cssselect(f"#archive-badge-{evidence_id}")
        assert not badge.cssselect(".own-copy")
        assert "rests on this copy" not in words(badge)
        assert words(badge.cssselect("[data-copy-in-review]")[0]) == (
            "No copy of this page was kept before the verdict was submitted: the verdict waiting"
            " for review will rest on the first copy kept after. Your own copy can be given once"
            " an editor returns it."
        )
    # Once a copy is kept, it is the one, and it says it came after the submission.
    _keep(app_db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    panel = fragment(client_as("ed").get(f"/claims/{claim['id']}/panel", headers=HX))
    [badge] = panel.cssselect(f"#archive-badge-{evidence_id}")
    assert "kept after the verdict was submitted" in words(badge)
    assert not badge.cssselect("[data-copy-in-review]")


def test_a_copy_kept_after_submission_without_the_quote_is_said_to_come_after_it(
    client_as, app_db, people, claim
):
    # Nothing kept by the submission, then a copy that does not have the quote: the verdict rests
    # on that copy, which came after the submission, not on one "as it was when submitted".
    snapshots.record_snapshot(app_db, REPORT, actor=people["rita"], status="failed", error="gone")
    evidence_id = _submit(app_db, people, claim["id"])
    _keep(app_db, CHANGED, "The county has revised this page.")
    for who in ("rita", "ed"):
        panel = fragment(client_as(who).get(f"/claims/{claim['id']}/panel", headers=HX))
        [badge] = panel.cssselect(f"#archive-badge-{evidence_id}")
        assert "kept after the verdict was submitted" in words(badge)
        assert "Quote not found" in words(badge)
        assert words(badge.cssselect("[data-copy-in-review]")[0]) == (
            "The verdict waiting for review rests on this copy, the first kept after it was"
            " submitted; your own copy can be given once an editor returns it."
        )


def test_a_copy_refused_after_publication_is_said_beside_the_badge_that_stays(
    app, client_as, app_db, people, claim
):
    _keep(app_db, SAYS_IT, "On Monday 3,200 homes were cut off by the flood.")
    evidence_id = _publish(app_db, people, claim["id"])
    client = client_as("rita")
    token = page_token(client, "/")
    sent = [
        ("copy", {"file": (io.BytesIO(PICTURE), "shot.png")}),
        (
            "web-archive",
            {"archive_url": "https://web.archive.org/web/2026/https://county.example/report"},
        ),
    ]
    for path, data in sent:
        response = client.post(
            f"/claims/{claim['id']}/evidence/{evidence_id}/{path}",
            data=data,
            headers={**HX, "X-CSRFToken": token},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422
        [badge] = fragment(response).cssselect(f"#archive-badge-{evidence_id}")
        assert "Archived copy" in words(badge)
        assert "The published verdict rests on the copy" in words(badge)
        assert not words(badge).startswith("422")
    refused = CliRunner().invoke(main, [
        "--db", app.config["DATABASE"], "evidence", "copy", str(evidence_id), "--web-archive",
        "https://web.archive.org/web/2026/https://county.example/report", "--as", "rita",
    ])  # fmt: skip
    assert refused.exit_code == 2
    assert "the published verdict rests on the copy" in refused.output
