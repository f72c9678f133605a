"""A figure searched with its currency ("€14", "$5", "14 €") finds the claims holding that figure
in that currency, however they write it; the same figure without a sign finds it in any, as
before. The queue, its count, its JSON twin, exports and the library agree."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from helpers import new_database, parse

from factcheck import library_formats
from factcheck.cli import main
from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM
from factcheck.store.library_browse import browse
from factcheck.store.queue_reads import QueueFilters, queue_count, queue_page, queue_results
from factcheck.text.money_figures import MARK
from factcheck.text.typed_phrases import contains_phrase, typed_phrases

ARTICLE = """Money and dates in the budget

The fund will cost €14 billion over five years, the minister said.
Schools will get 14 € per pupil each month, the council said.
Hospitals will get 14 milliards d'euros by 2030, the ministry said.
The talks resumed on March 14 in Brussels, officials said.
Some 14 people were hurt in the crash, police said.
The port charges $14 per container, the authority said.
Repairs will cost €14.5bn, the auditor said.
Tickets rose to €140 this spring, the club said.
A coffee costs $5 in the capital, the survey found.
A loaf costs 5 dollars in the north, the survey found.
Flour costs £3.2bn a year to import, the board said.
The bakery used 5 pounds of flour a day, the baker said.
Turnout reached 14% in the east, the commission said.
Fees reached EUR14 a head, the agency said.
The court set a fine of €1,200 on Monday, the clerk said.
"""

EUROS = [
    "Fees reached EUR14 a head, the agency said.",
    "Hospitals will get 14 milliards d'euros by 2030, the ministry said.",
    "Schools will get 14 € per pupil each month, the council said.",
    "The fund will cost €14 billion over five years, the minister said.",
]
FOURTEEN_ALONE = [
    "Some 14 people were hurt in the crash, police said.",
    "The talks resumed on March 14 in Brussels, officials said.",
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    db = new_database(tmp_path_factory.mktemp("money") / "m.db")
    ingest_imported(db, from_text(ARTICLE.encode()), actor=SYSTEM)
    return db


def _found(db, typed: str) -> list[str]:
    filters = QueueFilters(search=typed)
    rows, _ = queue_page(db, filters, limit=50)
    results = queue_results(db, filters)
    texts = sorted(row["text"] for row in rows)
    # Every place that counts a search counts what its page lists.
    assert queue_count(db, filters) == len(rows) == results.count
    assert sorted(row["text"] for row in results.rows) == texts
    return texts


@pytest.mark.parametrize("typed", ["€14", "€ 14", "14 €", "14€", "EUR 14", "14 euros", "eur14"])
def test_a_figure_typed_with_its_currency_finds_it_in_that_currency(desk, typed):
    assert _found(desk, typed) == EUROS


def test_the_sign_holds_the_figure_to_its_currency_and_to_its_whole_number(desk):
    euros = _found(desk, "€14")
    assert not set(FOURTEEN_ALONE) & set(euros)
    assert "The port charges $14 per container, the authority said." not in euros
    assert "Repairs will cost €14.5bn, the auditor said." not in euros
    assert "Tickets rose to €140 this spring, the club said." not in euros
    assert _found(desk, "$14") == ["The port charges $14 per container, the authority said."]
    assert _found(desk, "€14 billion") == [
        "The fund will cost €14 billion over five years, the minister said."
    ]
    assert _found(desk, "£3.2bn") == ["Flour costs £3.2bn a year to import, the board said."]
    fine = ["The court set a fine of €1,200 on Monday, the clerk said."]
    assert _found(desk, "€1200") == _found(desk, "€1,200") == _found(desk, "1 200 €") == fine


def test_a_dollar_is_written_as_a_word_and_a_pound_is_not_taken_for_weight(desk):
    assert _found(desk, "$5") == [
        "A coffee costs $5 in the capital, the survey found.",
        "A loaf costs 5 dollars in the north, the survey found.",
    ]
    assert _found(desk, "£5") == []


def test_a_figure_without_a_sign_finds_it_in_any_currency_as_before(desk):
    found = _found(desk, "14")
    # (The index takes "EUR14" for one word, which "14" does not begin: "€14" looks for it.)
    assert set(EUROS[1:] + FOURTEEN_ALONE) <= set(found)
    assert "The port charges $14 per container, the authority said." in found
    assert "Turnout reached 14% in the east, the commission said." in found
    assert _found(desk, "14%") == ["Turnout reached 14% in the east, the commission said."]
    # A currency's word with no figure at it is a word like any other.
    assert _found(desk, "euros") == [EUROS[1]]


@pytest.mark.parametrize(
    ("text", "typed", "held"),
    [
        ("Le plan coûte 14 € par mois", "€14", True),
        ("Der Plan kostet 14 Mrd. € im Jahr", "€14", True),
        ("Der Plan kostet 14 Milliarden Euro", "€14", True),
        ("El plan cuesta 5 millones de dólares", "$5", True),
        ("It pledged US$5 billion", "$5", True),
        ("Le projet coûte 14 $ au Québec", "$14", True),
        ("The scheme cost Rs 40 crore", "₹40", True),
        ("The scheme cost 40 crore rupees", "₹40", True),
        ("Exports reached ¥300 billion", "¥300", True),
        ("The fine was 1 200 € in Lyon", "€1,200", True),
        ("The fine was €1,200,000", "€1,200", False),
        ("Turnout in 14 euro-area countries rose", "€14", False),
        ("The 14 European members agreed", "€14", False),
        ("Europe 14, the campaign, began", "€14", False),
        ("Sales rose €3 for 14 days", "€14", False),
        ("It weighed 5 pounds", "£5", False),
        ("Spain scored 14 Euro 2024 goals", "€14", False),
        ("The chain opened 14 dollar stores", "$14", False),
        ("It sold a 14-dollar ticket", "$14", True),
        ("Tickets cost 14 euro 50 at the door", "€14", True),
        ("Payments of 5 pounds sterling", "£5", True),
        ("On 2014 € figures", "€14", False),
    ],
)
def test_a_currency_is_at_its_figure_before_or_after_it_in_any_language(text, typed, held):
    money = [phrase for phrase in typed_phrases(typed) if phrase.startswith(MARK)]
    assert len(money) == 1
    assert contains_phrase(text, money[0]) is held


@pytest.mark.parametrize(
    ("claim", "typed"),
    [
        ("It pledged €14bn in aid.", "€14"),
        ("It pledged €14m in aid.", "€14"),
        ("It pledged EUR14 in aid.", "€14"),
        ("援助は¥14億だった。", "¥14"),
    ],
)
def test_a_unit_or_code_written_onto_the_figure_is_still_found(tmp_path, claim, typed):
    # The index takes "14bn" for one word: a search reads the words a figure begins with a unit
    # or a code, not every word its digits begin ("140").
    db = new_database(tmp_path / "u.db")
    body = f"Aid\n\n{claim}\n\nOn 140 days it rained."
    ingest_imported(db, from_text(body.encode()), actor=SYSTEM)
    rows, _ = queue_page(db, QueueFilters(search=typed), limit=50)
    assert [row["text"] for row in rows] == [claim]


def test_a_figure_without_a_currency_holds_no_currency():
    assert not [phrase for phrase in typed_phrases("14 people 3.5% 2024") if MARK in phrase]


# The web: the queue page, its JSON twin, the export of the same search, and the library.


@pytest.fixture
def web_desk(make_article):
    make_article(ARTICLE)


def test_the_queue_its_json_twin_and_an_export_find_the_same_claims(client, web_desk, db_path):
    page = parse(client.get("/queue?q=%E2%82%AC14"))
    boxes = page.cssselect('#queue-table tbody input[name="claim"]')
    assert page.cssselect(".queue-count strong")[0].text_content() == "4 claims"
    data = client.get("/queue.json?q=%E2%82%AC14").get_json()
    assert sorted(row["text"] for row in data["claims"]) == EUROS
    assert [int(box.get("value")) for box in boxes] == [row["id"] for row in data["claims"]]
    assert (data["count"], data["count_capped"]) == (4, False)
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", "--format", "csv", "--search", "€14"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert sorted(row["text"] for row in rows) == EUROS
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "export", "--format", "json", "--search", "14 €"]
    )
    assert sorted(claim["text"] for claim in json.loads(result.stdout)["claims"]) == EUROS


def test_the_library_holds_a_searched_figure_to_its_currency(app_db):
    records = [
        "The fund costs €14 billion",
        "The talks resumed on March 14",
        "The port charges $14 a container",
    ]
    parsed = [
        library_formats.Parsed(f"line {n + 2}", record={"external_id": f"x-{n}", "claim": claim})
        for n, claim in enumerate(records)
    ]
    library_store.import_records(app_db, parsed, actor=SYSTEM, source="s.csv", file_format="csv")
    found = browse(app_db, words="€14")
    assert [item["claim"] for item in found["items"]] == ["The fund costs €14 billion"]
    assert found["total"] == 1
    assert browse(app_db, words="14")["total"] == 3
