"""The claim panel's history: its latest changes, with every change a link away; the command
line's `factcheck history` lists them all."""

import json

import pytest
from click.testing import CliRunner
from helpers import HX, RATIONALE, fragment, parse, words

from factcheck.cli import main
from factcheck.cli.base import command_line_channel
from factcheck.store import comments, verdicts
from factcheck.store.bulk_load import bulk_load
from factcheck.store.users import actor_for
from factcheck.views.claim_panel import PANEL_HISTORY

NOTES = PANEL_HISTORY + 10


@pytest.fixture
def long_story(app_db, claim) -> dict:
    """The claim published with a command-line approval, then many comments: its import, three
    review steps and NOTES comments, the approval long before the latest changes."""
    rita = actor_for(app_db, "rita")
    verdicts.set_verdict(
        app_db, claim["id"], rating="unverifiable", rationale=RATIONALE, actor=rita
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=rita)
    ed_on_the_command_line = actor_for(app_db, "ed").via(command_line_channel())
    verdicts.approve(app_db, claim["id"], actor=ed_on_the_command_line)
    with bulk_load(app_db):
        for n in range(1, NOTES + 1):
            comments.add_comment(app_db, claim["id"], body=f"Note {n}", actor=rita)
    return {**claim, "changes": 1 + 3 + NOTES}


def _lines(element) -> list[str]:
    return [words(item) for item in element.cssselect(".timeline-item")]


def test_the_panel_lists_the_latest_changes_and_links_to_all(client, long_story):
    page = parse(client.get(f"/articles/{long_story['article_id']}?claim={long_story['id']}"))
    [section] = page.cssselect("#claim-panel .history-section")
    lines = _lines(section)
    assert len(lines) == PANEL_HISTORY
    assert f"Note {NOTES}" in lines[0] and f"Note {NOTES - PANEL_HISTORY + 1}" in lines[-1]
    assert words(section.cssselect(".count")[0]) == str(long_story["changes"])
    [more] = section.cssselect(".history-more a")
    assert words(more) == f"Show all {long_story['changes']} changes"
    assert more.get("href") == f"/claims/{long_story['id']}/history"
    assert more.get("hx-get").startswith(f"/claims/{long_story['id']}/history?after=")
    assert more.get("hx-target") == f"#{section.get('id')}"
    # The approval is older than the changes listed, and still told apart.
    assert "approved by Ed via command line" in words(page.cssselect(".verdict-meta")[0])


def test_show_all_draws_every_change_and_focuses_the_first_one_not_listed(client, long_story):
    answer = fragment(client.get(f"/claims/{long_story['id']}/history", headers=HX))
    [section] = answer.cssselect(".history-section")
    lines = _lines(section)
    assert len(lines) == long_story["changes"]
    assert f"Note {NOTES}" in lines[0] and "imported" in lines[-1]
    assert any(line.startswith("Ed via command line") and "approved" in line for line in lines)
    focused = section.cssselect("[autofocus]")
    assert [words(item) for item in focused] == [lines[PANEL_HISTORY]]
    assert focused[0].get("tabindex") == "-1"
    assert not section.cssselect(".history-more")


def test_show_all_after_more_changes_focuses_the_first_one_the_panel_did_not_list(
    app_db, client, long_story
):
    """Changes made since the panel was drawn come first in the whole history: the focus goes to
    the change after the oldest the panel listed, not to the fiftieth row."""
    page = parse(client.get(f"/articles/{long_story['article_id']}?claim={long_story['id']}"))
    [more] = page.cssselect("#claim-panel .history-more a")
    oldest_listed = _lines(page.cssselect("#claim-panel .history-section")[0])[-1]
    rita = actor_for(app_db, "rita")
    for n in range(3):
        comments.add_comment(app_db, long_story["id"], body=f"Later note {n}", actor=rita)
    section = fragment(client.get(more.get("hx-get"), headers=HX)).cssselect(".history-section")[0]
    lines = _lines(section)
    [focused] = section.cssselect("[autofocus]")
    assert lines[lines.index(oldest_listed) + 1] == words(focused)
    assert lines.index(words(focused)) == PANEL_HISTORY + 3


def test_without_htmx_every_change_is_a_page_of_its_own(client, long_story):
    page = parse(client.get(f"/claims/{long_story['id']}/history"))
    assert words(page.cssselect("h1")[0]) == f"History of claim {long_story['id']}"
    assert len(_lines(page)) == long_story["changes"]
    assert not page.cssselect("[autofocus]")


def test_a_short_history_is_listed_whole_without_a_link(client, claim):
    page = parse(client.get(f"/articles/{claim['article_id']}?claim={claim['id']}"))
    [section] = page.cssselect("#claim-panel .history-section")
    assert len(_lines(section)) == 1 and not section.cssselect(".history-more")


def test_the_command_line_history_lists_every_change(db_path, long_story):
    result = CliRunner().invoke(main, ["--db", str(db_path), "history", str(long_story["id"])])
    assert result.exit_code == 0, result.output
    assert "Note 1" in result.output and f"Note {NOTES}" in result.output
    listed = CliRunner().invoke(
        main, ["--db", str(db_path), "history", str(long_story["id"]), "--json"]
    )
    assert len(json.loads(listed.output)) == long_story["changes"]
