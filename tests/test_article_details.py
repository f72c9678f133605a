"""Correcting an article's details after import: a byline its page's metadata got wrong, a missing
date. Editors and admins, with a reason; the audit trail keeps each detail before and after and
`audit verify` replays it, so a detail changed in the table alone is still caught."""

import json

import pytest
from click.testing import CliRunner
from helpers import form_post, parse, words

from factcheck.cli import main
from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store import articles, audit
from factcheck.store.errors import Forbidden, Invalid
from factcheck.text import checkworthiness

WRONG = "The Russian; Syrian defense ministries"


@pytest.fixture
def desk(claim_world):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    db.execute("UPDATE articles SET author = ? WHERE id = ?", [WRONG, article_id])
    db.conn.commit()
    return db, people, article_id


def test_an_editor_corrects_a_byline_and_the_trail_keeps_both(claim_world):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    before = articles.get_article(db, article_id)
    after = articles.edit_details(
        db,
        article_id,
        {"author": "  Mara   Lindqvist ", "published_date": "2026-03-04", "publisher": ""},
        reason="The page's metadata named the claimant",
        actor=people["ed"],
    )
    assert after["author"] == "Mara Lindqvist" and after["published_date"] == "2026-03-04"
    row = db.execute(
        "SELECT actor, before, after, reason FROM audit WHERE action = 'article.edit'"
    ).fetchone()
    changed = json.loads(row[2])
    assert row[0] == "ed" and row[3] == "The page's metadata named the claimant"
    assert set(changed) == {"author", "published_date"} | (
        {"publisher"} if before["publisher"] else set()
    )
    assert json.loads(row[1])["author"] == before["author"]
    report = audit.verify(db)
    assert report.ok, report.problems


def test_a_detail_changed_in_the_table_alone_is_caught(claim_world):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    articles.edit_details(
        db, article_id, {"author": "Mara Lindqvist"}, reason="Byline fixed", actor=people["ed"]
    )
    db.execute("UPDATE articles SET author = 'Someone Else' WHERE id = ?", [article_id])
    db.conn.commit()
    report = audit.verify(db)
    assert not report.ok
    assert any(f"article {article_id}" in str(problem) for problem in report.problems)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"title": "   "}, "article.title_blank", "title"),
        ({"published_date": "2026-13-01"}, "date.no_such_day", "published_date"),
        ({"published_date": "March 4"}, "date.invalid", "published_date"),
        ({"published_date": "2026-02-29"}, "date.no_such_day", "published_date"),
        ({"published_date": "2099-01-01"}, "article.date_out_of_range", "published_date"),
        ({"published_date": "0001-01-01"}, "article.date_out_of_range", "published_date"),
        ({"source_url": "ftp://files.example/a"}, "article.bad_url", "source_url"),
        ({"author": "x" * 501}, "text.too_long", "author"),
        ({"language": " "}, "article.language_blank", "language"),
        ({"language": "German"}, "article.bad_language", "language"),
        ({"language": "xx"}, "article.bad_language", "language"),
    ],
)
def test_bad_details_are_refused_naming_the_field_with_nothing_written(
    claim_world, changes, code, field
):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    before = articles.get_article(db, article_id)
    with pytest.raises(Invalid) as refused:
        articles.edit_details(
            db, article_id, changes, reason="Fixing the details", actor=people["ed"]
        )
    assert (refused.value.code, refused.value.field) == (code, field)
    assert articles.get_article(db, article_id) == before


def test_reviewers_cannot_and_nothing_unchanged_or_unexplained_is_written(claim_world):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    title = articles.get_article(db, article_id)["title"]
    with pytest.raises(Forbidden):
        articles.edit_details(
            db, article_id, {"author": "A"}, reason="Byline fixed", actor=people["rita"]
        )
    with pytest.raises(Invalid) as unchanged:
        articles.edit_details(
            db, article_id, {"title": f" {title} "}, reason="Same title", actor=people["ed"]
        )
    assert unchanged.value.code == "article.unchanged"
    with pytest.raises(Invalid) as unexplained:
        articles.edit_details(
            db, article_id, {"author": "A. Writer"}, reason="", actor=people["ed"]
        )
    assert unexplained.value.field == "reason"
    assert db.execute("SELECT count(*) FROM audit WHERE action = 'article.edit'").fetchone()[0] == 0


def test_the_workbench_form_corrects_the_details_for_editors_only(client_as, app_db, make_article):
    article_id = make_article()
    editor, reviewer = client_as("ed"), client_as("rita")
    assert "Correct the details" in words(parse(editor.get(f"/articles/{article_id}")))
    assert "Correct the details" not in words(parse(reviewer.get(f"/articles/{article_id}")))
    assert reviewer.get(f"/articles/{article_id}/details").status_code == 403
    form = parse(editor.get(f"/articles/{article_id}/details"))
    title = form.get_element_by_id("detail-title").get("value")
    typed = {
        "title": title,
        "author": "Mara Lindqvist",
        "publisher": "",
        "published_date": "04/03/2026",
        "source_url": "",
    }
    refused = form_post(
        editor, f"/articles/{article_id}/details", {**typed, "reason": "Byline from the page"}
    )
    assert refused.status_code == 422
    page = parse(refused)
    assert "must be a date written YYYY-MM-DD" in words(page)
    assert page.get_element_by_id("detail-author").get("value") == "Mara Lindqvist"
    assert page.get_element_by_id("detail-reason").text_content() == "Byline from the page"
    saved = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**typed, "published_date": "2026-03-04", "reason": "Byline from the page"},
    )
    assert saved.status_code == 303
    article = articles.get_article(app_db, article_id)
    assert (article["author"], article["published_date"]) == ("Mara Lindqvist", "2026-03-04")
    assert "Saved the article's details" in words(parse(editor.get(saved.headers["Location"])))


def test_the_command_line_corrects_the_details(desk, db_path):
    db, _, article_id = desk
    runner = CliRunner()
    base = ["--db", str(db_path), "article", "edit", str(article_id)]
    dated = articles.get_article(db, article_id)["published_date"]
    done = runner.invoke(
        main,
        [
            *base,
            "--author",
            "",
            "--date",
            "2026-03-04",
            "--reason",
            "Byline was the claimant",
            "--as",
            "ed",
        ],
    )
    assert done.exit_code == 0, done.output
    was = "(none)" if dated is None else f"“{dated}”"
    assert done.output.splitlines() == [
        f"author: “{WRONG}” -> (none)",
        f"published_date: {was} -> “2026-03-04”",
        f"Corrected the details of article {article_id}.",
    ]
    assert articles.get_article(db, article_id)["author"] is None
    refused = runner.invoke(
        main, [*base, "--author", "X", "--reason", "Byline fixed", "--as", "rita"]
    )
    assert (
        refused.exit_code == 2
        and "only an editor can correct an article's details" in refused.output
    )
    nothing = runner.invoke(main, [*base, "--reason", "Byline fixed", "--as", "ed"])
    assert nothing.exit_code == 2 and "give at least one of --title" in nothing.output


def test_a_form_opened_before_a_colleagues_correction_does_not_undo_it(
    client_as, app_db, people, make_article
):
    article_id = make_article()
    editor = client_as("ed")
    form = parse(editor.get(f"/articles/{article_id}/details"))
    fields = {
        element.get("name"): element.get("value") or ""
        for element in form.cssselect("form.details-form input")
        if element.get("name") != "csrf_token"
    }
    articles.edit_details(
        app_db,
        article_id,
        {"author": "Mara Lindqvist"},
        reason="Byline from print",
        actor=people["ada"],
    )
    # The date alone changed here: the colleague's byline stays.
    saved = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**fields, "published_date": "2026-03-04", "reason": "Date from print"},
    )
    assert saved.status_code == 303
    article = articles.get_article(app_db, article_id)
    assert (article["author"], article["published_date"]) == ("Mara Lindqvist", "2026-03-04")
    # The byline changed here too, from the form drawn before: refused, showing it as it is now.
    clash = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**fields, "author": "Someone Else", "reason": "Byline from the web"},
    )
    assert clash.status_code == 409
    assert "it is now “Mara Lindqvist”" in words(parse(clash))
    assert articles.get_article(app_db, article_id)["author"] == "Mara Lindqvist"


def test_control_characters_and_direction_overrides_are_not_kept_in_details(claim_world):
    db, people, claim_id = claim_world
    article_id = db.execute("SELECT article_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    after = articles.edit_details(
        db,
        article_id,
        {"author": "Mara\u202e Lindqvist\x00\x1b[31m", "publisher": "\u202eThe\x07 Courier"},
        reason="Byline pasted from the page",
        actor=people["ed"],
    )
    assert (after["author"], after["publisher"]) == ("Mara Lindqvist[31m", "The Courier")
    # A line break or a tab between two words is a space, not nothing.
    after = articles.edit_details(
        db,
        article_id,
        {"author": "Anna\nMüller\tand Jo Kim"},
        reason="Byline pasted from two lines",
        actor=people["ed"],
    )
    assert after["author"] == "Anna Müller and Jo Kim"


GERMAN = (
    "Arbeitslosigkeit in Bayern gestiegen\n\n"
    "Die Arbeitslosigkeit stieg im Jahr um vierzig Prozent, sagte die Ministerin am Montag.\n\n"
    "Der Haushalt wuchs nach Angaben des Amtes auf zwölf Milliarden Euro."
)


def _imported_as_english(db, body=GERMAN):
    imported = from_text(body.encode())
    imported.language = "en"
    return ingest_imported(db, imported).article_id


def _scores(db, article_id):
    return db.execute(
        "SELECT text, checkworthiness, reasons, version, attribution, section FROM claims"
        " WHERE article_id = ? AND kind = 'claim' ORDER BY seq",
        [article_id],
    ).fetchall()


def test_a_language_told_wrong_is_corrected_and_the_claims_scored_in_it(claim_world):
    db, people, _ = claim_world
    article_id = _imported_as_english(db)
    before = _scores(db, article_id)
    after = articles.edit_details(
        db, article_id, {"language": " DE "}, reason="German, not English", actor=people["ed"]
    )
    assert after["language"] == "de"
    rescored = _scores(db, article_id)
    assert rescored != before
    for text, score, reasons, version, attribution, section in rescored:
        assert (score, tuple(json.loads(reasons))) == checkworthiness.score(
            text, attribution=attribution, section=section, language="de"
        )
        # A score is no reviewer's work: a form open on the claim stays valid.
        assert version == 1
    # An export of what changed since before the correction takes these claims again.
    stamps = db.execute(
        "SELECT DISTINCT updated_at FROM claims WHERE article_id = ? AND kind = 'claim'",
        [article_id],
    ).fetchall()
    assert len(stamps) == 1 and stamps[0][0] is not None
    percent = next(row for row in rescored if "Prozent" in row[0])
    assert "percentage" in json.loads(percent[2])
    row = db.execute("SELECT before, after FROM audit WHERE action = 'article.edit'").fetchone()
    assert (json.loads(row[0]), json.loads(row[1])) == ({"language": "en"}, {"language": "de"})
    report = audit.verify(db)
    assert report.ok, report.problems


def test_the_language_is_corrected_from_the_command_line_and_the_form(
    db_path, client_as, app_db, people
):
    article_id = _imported_as_english(app_db)
    runner = CliRunner()
    base = ["--db", str(db_path), "article", "edit", str(article_id), "--as", "ed"]
    refused = runner.invoke(main, [*base, "--language", "German", "--reason", "German text"])
    assert refused.exit_code == 2
    assert "--language 'German' is not an ISO 639 language code" in refused.output
    done = runner.invoke(main, [*base, "--language", "de", "--reason", "German text"])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        "language: “en” -> “de”",
        f"Corrected the details of article {article_id}.",
        "Its claims were scored again in de.",
    ]
    editor = client_as("ed")
    form = parse(editor.get(f"/articles/{article_id}/details"))
    assert form.get_element_by_id("detail-language").get("value") == "de"
    fields = {
        element.get("name"): element.get("value") or ""
        for element in form.cssselect("form.details-form input")
        if element.get("name") != "csrf_token"
    }
    wrong = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**fields, "language": "Deutsch", "reason": "Swiss German page"},
    )
    assert wrong.status_code == 422
    assert "“Deutsch” is not a language code" in words(parse(wrong))
    saved = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**fields, "language": "en", "reason": "Back to English"},
    )
    assert saved.status_code == 303
    assert articles.get_article(app_db, article_id)["language"] == "en"
    assert "scored again in that language" in words(parse(editor.get(saved.headers["Location"])))
    # A form drawn without the language field (before it had one) leaves the language alone.
    older = {name: value for name, value in fields.items() if "language" not in name}
    kept = form_post(
        editor,
        f"/articles/{article_id}/details",
        {**older, "author": "Anna Müller", "reason": "Byline from print"},
    )
    assert kept.status_code == 303
    assert articles.get_article(app_db, article_id)["language"] == "en"
