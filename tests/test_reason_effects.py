"""How each reason acts on the claims: the `reasons` command and the queue's "Why this order"."""

import json

from click.testing import CliRunner
from helpers import parse

from factcheck.cli import main
from factcheck.reason_effects import reason_effects
from factcheck.text.checkworthiness import REASONS, score

ARTICLE = (
    "Bridge repairs to cost 48 million\n\n"
    "The city said on Monday that repairs to the old bridge would cost 48 million dollars.\n\n"
    "Unemployment fell to 4.1 percent in March, the statistics office said.\n\n"
    "Is the bridge safe?\n\n"
    "It was a quiet evening by the river."
)


def test_effects_count_each_reason_and_its_average_move():
    percentage = score("Unemployment fell to 4.1 percent in March.")[1]
    question = score("Is the bridge safe?")[1]
    effects = {e.reason: e for e in reason_effects([(percentage, 3), (question, 1), ((), 2)])}
    assert list(effects) == list(REASONS)
    assert effects["percentage"].fires == 3 and effects["percentage"].share == 0.5
    assert effects["percentage"].mean_change > 0
    assert effects["question (lowers)"].fires == 1 and effects["question (lowers)"].mean_change < 0
    assert effects["causal claim"].fires == 0 and effects["causal claim"].mean_change == 0.0


def test_the_reasons_command_reports_this_databases_claims(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    database = str(tmp_path / "f.db")
    run = CliRunner().invoke
    assert run(main, ["--db", database, "import", str(story)]).exit_code == 0
    shown = run(main, ["--db", database, "reasons", "--json"])
    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.output)
    effects = {row["reason"]: row for row in report["reasons"]}
    assert report["claims"] == 5
    assert effects["percentage"]["fires"] == 1
    assert effects["question (lowers)"]["mean_change"] < 0
    table = run(main, ["--db", database, "reasons"]).output
    assert "5 claims" in table and "percentage" in table


def test_the_queue_links_to_why_this_order(client, make_article):
    make_article(ARTICLE)
    queue = parse(client.get("/queue"))
    link = queue.cssselect('a[href="/queue/reasons"]')
    assert link and link[0].text_content() == "Why this order?"
    page = parse(client.get("/queue/reasons"))
    rows = {
        row.cssselect("th")[0].text_content(): [td.text_content() for td in row.cssselect("td")]
        for row in page.cssselect("#reason-effects tbody tr")
    }
    assert rows["percentage"][1] == "1"
    assert rows["causal claim"][3] == "not seen"
    data = client.get("/queue/reasons.json").get_json()
    assert data["claims"] == 5 and len(data["reasons"]) == len(REASONS)


def test_on_a_large_desk_the_page_counts_the_newest_units_and_says_so(
    client, make_article, monkeypatch
):
    """The page must answer within the time limit on a million claims; the command line still
    counts them all."""
    from factcheck.views import review_queue

    make_article(ARTICLE)
    monkeypatch.setattr(review_queue, "REASONS_SAMPLE_UNITS", 3)
    data = client.get("/queue/reasons.json").get_json()
    assert data["sampled_units"] == 3 and data["claims"] <= 3
    page = parse(client.get("/queue/reasons"))
    assert "Counted over the claims among the newest 3 sentences" in page.text_content()
    monkeypatch.setattr(review_queue, "REASONS_SAMPLE_UNITS", 200_000)
    assert client.get("/queue/reasons.json").get_json()["sampled_units"] is None
