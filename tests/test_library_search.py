"""Matching texts against the library: order on a small hand-made library, batches, empty and
garbage queries, and the full-text index kept in step with the library's rows."""

import pytest
from helpers import first_checkable_claim, import_sample, new_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import db as database
from factcheck import library_embedding
from factcheck.matching.features import MODEL_FEATURE_NAMES
from factcheck.store.library_search import (
    FIGURES_DIFFER_AT_MOST,
    MATCH_THRESHOLD,
    SUBJECTS_DIFFER_AT_MOST,
    find_matches,
    find_matches_many,
    match_features,
    search_candidates,
)

LIBRARY = [
    (
        "snopes-1",
        "Drinking bleach cures the coronavirus.",
        "Does Drinking Bleach Cure COVID-19?",
        "False",
    ),
    (
        "snopes-2",
        "Bill Gates plans to put microchips in people through coronavirus vaccines.",
        "Is Bill Gates Planning to Microchip Everyone Through a Vaccine?",
        "False",
    ),
    (
        "snopes-3",
        "The Eiffel Tower was sold for scrap twice by a con man.",
        "Was the Eiffel Tower Sold for Scrap?",
        "Mixture",
    ),
    (
        "snopes-4",
        "A video shows a shark swimming on a flooded highway in Houston after Hurricane Harvey.",
        "Shark Swimming on a Houston Freeway?",
        "False",
    ),
    (
        "snopes-5",
        "Unemployment fell to 3.5 percent in September 2019, the lowest in fifty years.",
        "Did Unemployment Hit a 50-Year Low?",
        "True",
    ),
]
KEYS = {
    "library_id",
    "external_id",
    "claim",
    "title",
    "rating",
    "url",
    "review_date",
    "publisher",
    "score",
    "own",
}


def add_item(db, external_id, claim, title=None, rating=None, **extra) -> int:
    """A library row written directly: the library's own store functions live elsewhere."""
    now = database.utc_now()
    row = {
        "origin": "imported",
        "external_id": external_id,
        "claim": claim,
        "title": title,
        "rating": rating,
        "url": f"https://example.org/{external_id}",
        "publisher": "Example Checks",
        "created_at": now,
        "updated_at": now,
        **extra,
    }
    return db["library_items"].insert(row).last_pk


@pytest.fixture
def library(tmp_path):
    db = new_database(tmp_path / "library.db")
    for row in LIBRARY:
        add_item(db, *row)
    library_embedding.embed_missing(db)
    return db


def external_ids(matches):
    return [m["external_id"] for m in matches]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "BREAKING: Bill Gates wants to microchip us all with the #CoronavirusVaccine!!",
            "snopes-2",
        ),
        ("my uncle says drinking bleach will cure covid 19 https://t.co/abc123", "snopes-1"),
        ("Unbelievable, a SHARK swimming on the freeway in Houston #HurricaneHarvey", "snopes-4"),
        (
            "Unemployment at 3.5%, lowest in 50 years! — Someone (@someone) October 4, 2019",
            "snopes-5",
        ),
        ("A con man sold the Eiffel Tower for scrap metal. Twice!", "snopes-3"),
    ],
)
def test_the_item_checking_the_same_claim_comes_first(library, query, expected):
    matches = find_matches(library, query)
    assert matches[0]["external_id"] == expected
    assert all(matches[0]["score"] > m["score"] for m in matches[1:])
    assert all(set(m) == KEYS for m in matches)


def test_every_publishers_check_of_one_claim_is_offered_whatever_the_other_rated(library):
    """Two checks of one claim worded alike, with other ratings: the re-ranker reads each
    candidate against the best of the others, so the nearer pushed the other far below the
    threshold, and a reviewer never learnt that another publisher rated the claim otherwise."""
    add_item(
        library,
        "wire-5",
        "Unemployment fell to 3.5% in September 2019, the lowest in 50 years.",
        "Jobless rate at a 50-year low?",
        "Misleading",
        publisher="Wire Checks",
    )
    library_embedding.embed_missing(library)
    text = "jobless rate hits 3.5 percent, lowest since the sixties #jobs"
    matches = find_matches(library, text, min_score=MATCH_THRESHOLD)
    assert sorted(external_ids(matches)) == ["snopes-5", "wire-5"]
    # The nearer first, the other less sure than it, as the scores are kept (four places).
    assert round(matches[0]["score"], 4) > round(matches[1]["score"], 4)
    nearer = matches[0]["library_id"]
    [alone] = find_matches_many(library, [text], min_score=MATCH_THRESHOLD, leave_out=[nearer])
    assert [m["library_id"] for m in alone] == [matches[1]["library_id"]]


def test_a_check_of_the_opposite_claim_borrows_no_score_from_its_near_copy(library, monkeypatch):
    """ "lowers the risk" and "raises the risk" are worded alike but are two claims: read as
    siblings, the check of the opposite was offered as surely as the check of the claim."""
    from factcheck.store import library_search

    for external_id, claim, rating in (
        ("c-1", "Drinking coffee every day raises the risk of heart disease.", "False"),
        ("c-2", "Drinking coffee every day lowers the risk of heart disease.", "Mostly true"),
    ):
        add_item(library, external_id, claim, "Coffee and the heart", rating)
    library_embedding.embed_missing(library)
    text = "Drinking coffee every day lowers the risk of heart disease."
    with_siblings = {m["external_id"]: m["score"] for m in find_matches(library, text)}
    monkeypatch.setattr(library_search, "SIBLING_COSINE", 2.0)
    alone = {m["external_id"]: m["score"] for m in find_matches(library, text)}
    assert with_siblings["c-1"] == alone["c-1"] < with_siblings["c-2"]


def test_results_are_best_first_scored_in_the_unit_interval_and_capped(library):
    matches = find_matches(library, "coronavirus vaccine bleach Houston Eiffel unemployment", top=3)
    assert len(matches) == 3
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert find_matches(library, "coronavirus vaccine bleach", top=0) == []


def test_min_score_drops_weak_matches(library):
    everything = find_matches(library, "Bill Gates microchips coronavirus vaccines", top=5)
    assert len(everything) >= 2
    cut = (everything[0]["score"] + everything[1]["score"]) / 2
    strong = find_matches(library, "Bill Gates microchips coronavirus vaccines", min_score=cut)
    assert external_ids(strong) == ["snopes-2"]


# Words shared, meaning not: neither the words nor the sentence embedding make these a match. (A
# text near in meaning, such as "the video shows a flooded road" beside the shark on a flooded
# highway, may be offered: the embedding puts them close.)
@pytest.mark.parametrize(
    "query",
    [
        "Hurricane season starts in June this year",
        "People say the video shows a new bridge opening",
    ],
)
def test_a_text_sharing_only_common_words_is_not_offered_as_the_same_claim(library, query):
    assert find_matches(library, query, min_score=MATCH_THRESHOLD) == []
    assert find_matches(library, query)


def test_a_text_sharing_no_word_with_the_library_matches_nothing(library):
    assert find_matches(library, "Penguins enjoy cold weather in Antarctica") == []


@pytest.mark.parametrize(
    "garbage", ["", "   ", "!!!???", "the and of a", '"', "AND OR NOT", "NEAR(", "* ^ :", "\x00"]
)
def test_empty_or_garbage_queries_return_nothing_rather_than_fail(library, garbage):
    assert find_matches(library, garbage) == []


@given(text=st.text(max_size=200))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_is_a_safe_query(library, text):
    matches = find_matches(library, text)
    assert all(0.0 <= m["score"] <= 1.0 for m in matches)


def test_a_batch_gives_what_each_query_gives_alone(library):
    texts = [
        "drinking bleach cures covid",
        "",
        "shark on the highway in houston",
        "the Eiffel Tower was sold",
        "drinking bleach cures covid",
        "nothing about anything",
    ]
    assert find_matches_many(library, texts) == [find_matches(library, t) for t in texts]
    assert find_matches_many(library, texts, top=1, min_score=0.3) == [
        find_matches(library, t, top=1, min_score=0.3) for t in texts
    ]
    assert find_matches_many(library, []) == []


@pytest.mark.parametrize("size", [1, 2, 5])
def test_the_very_same_claim_is_offered_whatever_the_librarys_size(tmp_path, size):
    db = new_database(tmp_path / "small.db")
    for external_id, claim, title, rating in LIBRARY[:size]:
        add_item(db, external_id, claim, title, rating)
    for external_id, claim, _, _ in LIBRARY[:size]:
        [best] = find_matches(db, claim, top=1)
        assert best["external_id"] == external_id
        assert best["score"] >= MATCH_THRESHOLD


def test_an_empty_library_matches_nothing(tmp_path):
    db = new_database(tmp_path / "empty.db")
    assert find_matches(db, "drinking bleach cures covid") == []


def test_the_index_follows_inserts_updates_and_deletes(library):
    item = add_item(library, "new-1", "Kangaroos can be registered to vote in Queensland.")
    assert external_ids(find_matches(library, "kangaroo voters Queensland")) == ["new-1"]

    library.execute(
        "UPDATE library_items SET claim = ?, title = ? WHERE id = ?",
        ["Wombats produce cube-shaped droppings.", "Cubic wombat poo", item],
    )
    assert find_matches(library, "kangaroo voters Queensland") == []
    assert external_ids(find_matches(library, "wombat cube droppings")) == ["new-1"]

    library.execute("UPDATE library_items SET rating = 'True' WHERE id = ?", [item])
    assert find_matches(library, "wombat cube droppings")[0]["rating"] == "True"

    library.execute("DELETE FROM library_items WHERE id = ?", [item])
    assert find_matches(library, "wombat cube droppings") == []
    assert search_candidates(library, "wombat") == []
    library.execute(
        "INSERT INTO library_search (library_search, rank) VALUES ('integrity-check', 1)"
    )


def test_the_desks_own_verdicts_are_marked_own(library):
    claim = first_checkable_claim(library, import_sample(library))
    item = add_item(
        library,
        None,
        "Ferrets were elected to the city council of Lyon.",
        origin="own",
        claim_id=claim["id"],
    )
    matches = find_matches(library, "ferrets on Lyon's city council")
    assert matches[0]["library_id"] == item
    assert matches[0]["own"] is True
    assert not any(m["own"] for m in find_matches(library, "drinking bleach cures covid"))


def test_an_own_verdict_is_read_by_its_claim_not_its_article_headline(library):
    claim = first_checkable_claim(library, import_sample(library))
    headline = "Harbour warehouse fire closes two berths as investigators search for a cause"
    item = add_item(
        library,
        None,
        "The warehouse held 4,000 tonnes of grain when the fire started, the port said.",
        title=headline,
        origin="own",
        claim_id=claim["id"],
    )
    library_embedding.embed_missing(library)
    # The headline is read as the story's, not the check's: the item's claim stands in for it.
    [rows] = match_features(library, [headline])
    features = dict(zip(MODEL_FEATURE_NAMES, dict(rows)[item], strict=True))
    for field in ("bm25_", "jaccard_", "chars_", "cosine_"):
        assert features[field + "title"] == features[field + "claim"], field
    assert features["title_coverage"] == features["claim_coverage"]
    assert features["bm25"] == 2 * features["bm25_claim"]
    repeat = "The port said 4,000 tonnes of grain were in the warehouse when the fire started."
    assert find_matches(library, repeat)[0]["library_id"] == item


def test_candidates_carry_bm25_per_field(library):
    candidates = search_candidates(library, "Houston shark")
    assert candidates[0]["bm25"] > 0
    assert candidates[0]["bm25_claim"] > 0 and candidates[0]["bm25_title"] > 0


def test_training_features_can_leave_an_item_out(library):
    [with_all] = match_features(library, ["Bill Gates microchips in vaccines"])
    best = with_all[0][0]
    [without] = match_features(library, ["Bill Gates microchips in vaccines"], leave_out=[best])
    assert best not in [item_id for item_id, _ in without]
    assert [item_id for item_id, _ in without] == [i for i, _ in with_all if i != best]
    assert all(len(row) == len(MODEL_FEATURE_NAMES) for _, row in with_all)


@pytest.mark.parametrize("title", [None, "", "   "])
def test_an_item_without_a_title_is_offered_for_its_own_words(tmp_path, title):
    """Most ClaimReview has no title: its claim stands in for it, as for the desk's own
    verdicts. Beside the demo's titled fact-checks of the same town, untitled ones scored as
    though half of them were missing, below the threshold even for their own words."""
    import csv

    from factcheck.resources import demo_dir

    db = new_database(tmp_path / "untitled.db")
    with open(demo_dir() / "library.csv", encoding="utf-8") as demo:
        for number, row in enumerate(csv.DictReader(demo)):
            add_item(db, f"demo-{number}", row["claim"], row["title"], row["rating"])
    untitled = {
        "u1": "Riverside's budget is the largest in its history",
        "u2": "The mayor of Riverside cycles to work every day",
        "u3": "Property taxes rose 3.1 percent",
    }
    for external_id, claim in untitled.items():
        add_item(db, external_id, claim, title)
    library_embedding.embed_missing(db)
    for external_id, claim in untitled.items():
        [best] = find_matches(db, claim, top=1)
        assert best["external_id"] == external_id and best["score"] >= MATCH_THRESHOLD, claim


def test_a_check_of_another_figure_is_offered_but_never_as_sure(library):
    # "35 percent" is not the "3.5 percent" the library checked: still a lead, not the same claim.
    same = find_matches(library, "Unemployment fell to 3.5 percent in September 2019.")[0]
    other = find_matches(library, "Unemployment fell to 35 percent in September 2019.")[0]
    assert same["external_id"] == other["external_id"] == "snopes-5"
    assert same["score"] > FIGURES_DIFFER_AT_MOST >= other["score"]


def _best_for_each(tmp_path, checked: str, text: str) -> tuple[dict, dict]:
    """The best match for the checked claim's own words and for the text, in a library holding
    only that check."""
    db = new_database(tmp_path / "library.db")
    add_item(db, "checked", checked, None, "False")
    library_embedding.embed_missing(db)
    [same] = find_matches(db, checked, top=1)
    [other] = find_matches(db, text, top=1)
    return same, other


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        (
            "Engineers found corrosion in 4 percent of the bridge's steel cables.",
            "Engineers found corrosion in 40 percent of the bridge's steel cables.",
        ),
        (
            "The repairs to the Eastbrook bridge will cost 19 million euros.",
            "The repairs to the Eastbrook bridge will cost 18.5 million euros.",
        ),
        (
            "About 32,000 vehicles cross the Eastbrook bridge every day.",
            "About 50,000 vehicles cross the Eastbrook bridge every day.",
        ),
        # Another year, another scale, a number written in words.
        (
            "Unemployment rose to 5 percent in March 2024.",
            "Unemployment rose to 5 percent in March 2023.",
        ),
        (
            "The government spent 4 billion dollars on the new hospitals.",
            "The government spent 4 million dollars on the new hospitals.",
        ),
        (
            "The government spent $4bn on the new hospitals.",
            "The government spent $4m on the new hospitals.",
        ),
        ("Four hundred nurses were hired this year.", "300 nurses were hired this year."),
        (
            "Two and a half million people voted for the new mayor.",
            "3.5 million people voted for the new mayor.",
        ),
        (
            "The city's new 4m-high flood wall will cost 3 million.",
            "The city's new 4m-high flood wall will cost 4 million.",
        ),
        ("Prices rose 4% in twenty twenty-four.", "Prices rose 4% in 2023."),
    ],
)
def test_a_check_counting_the_same_thing_with_another_figure_is_never_as_sure(
    tmp_path, text, checked
):
    same, other = _best_for_each(tmp_path, checked, text)
    assert same["score"] > FIGURES_DIFFER_AT_MOST
    assert MATCH_THRESHOLD < other["score"] <= FIGURES_DIFFER_AT_MOST


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        (
            "Tencent shares closed in Hong Kong on Tuesday at $185.25, up 0.35%, exchange data"
            " showed.",
            "Alibaba shares closed in New York on Tuesday at $185.25, up 0.35%.",
        ),
        (
            "Joe Biden said inflation fell to 3 percent last year.",
            "Donald Trump said inflation fell to 3 percent last year.",
        ),
        (
            "The Bank of England raised interest rates by half a point in March.",
            "The Federal Reserve raised interest rates by half a point in March.",
        ),
    ],
)
def test_a_check_of_the_same_words_about_another_subject_is_never_as_sure(tmp_path, text, checked):
    """Another company and another market: the re-ranker scored the Alibaba check 0.98 for the
    Tencent claim, and a reviewer on deadline could cite its verdict."""
    same, other = _best_for_each(tmp_path, checked, text)
    assert same["score"] > SUBJECTS_DIFFER_AT_MOST
    assert MATCH_THRESHOLD < other["score"] <= SUBJECTS_DIFFER_AT_MOST


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        (
            "The U.S. spent 4 billion dollars on the new hospitals.",
            "The United States spent 4 billion dollars on the new hospitals.",
        ),
        (
            "America spent 4 billion dollars on the new hospitals.",
            "The United States spent 4 billion dollars on the new hospitals.",
        ),
        (
            "President Biden said inflation fell to 3 percent last year.",
            "Joe Biden said inflation fell to 3 percent last year.",
        ),
        (
            "The Fed raised interest rates by half a point in March.",
            "The Federal Reserve raised interest rates by half a point in March.",
        ),
        (
            "Die Alibaba-Aktie schloss am Dienstag in New York bei 185,25 Dollar, ein Plus von"
            " 0,35 Prozent.",
            "Alibaba shares closed in New York on Tuesday at $185.25, up 0.35%.",
        ),
    ],
)
def test_a_check_of_the_same_subject_in_other_words_is_as_sure(tmp_path, text, checked):
    _, match = _best_for_each(tmp_path, checked, text)
    assert match["score"] > SUBJECTS_DIFFER_AT_MOST


@pytest.mark.parametrize(
    ("text", "checked"),
    [
        ("Four hundred nurses were hired this year.", "400 nurses were hired this year."),
        (
            "The government spent 4 billion dollars on the new hospitals.",
            "The government spent 4,000,000,000 dollars on the new hospitals.",
        ),
        (
            "The government spent $4bn on the new hospitals.",
            "The government spent $4 billion on the new hospitals.",
        ),
        (
            "Two and a half million people voted for the new mayor.",
            "2,500,000 people voted for the new mayor.",
        ),
        (
            "A third of a million homes in the county still lack broadband.",
            "333,000 homes in the county still lack broadband.",
        ),
        (
            "Between one thousand and two thousand people marched in the capital.",
            "Between 1,000 and 2,000 people marched in the capital.",
        ),
    ],
)
def test_a_check_of_the_same_figure_written_otherwise_is_as_sure(tmp_path, text, checked):
    _, match = _best_for_each(tmp_path, checked, text)
    assert match["score"] > FIGURES_DIFFER_AT_MOST


@pytest.mark.parametrize(
    ("text", "claim", "differ"),
    [
        ("Corrosion in 4 percent of cables.", "Corrosion in 40 percent of cables.", True),
        ("It will cost 19 million euros.", "It will cost 18.5 million euros.", True),
        ("32,000 vehicles cross it daily.", "50,000 vehicles cross it every day.", True),
        # A figure of a name, or the other figure written elsewhere in the text: reworded.
        (
            "COVID-19 deaths in the state reached 1,000 last week.",
            "1,000 deaths from COVID-19 were recorded in the state last week.",
            False,
        ),
        (
            "Title 42 expulsions rose to 200,000 in May.",
            "200,000 expulsions under Title 42 took place in May.",
            False,
        ),
        ("The bill passed 52 to 48 votes.", "The bill passed with 52 votes to 48.", False),
        ("About 50,000 vehicles cross it.", "About 50 000 vehicles cross it.", False),
        # Another figure counting something else in both is no rewording.
        ("Prices rose 12 percent in 12 months.", "Prices rose 10 percent in 12 months.", True),
        ("It spent $2 billion on 2 hospitals.", "It spent $5 billion on 2 hospitals.", True),
        ("Crime fell 2 percent over 20 years.", "Crime fell 20 percent over 2 years.", True),
        ("Unemployment rose .4 percent.", "Unemployment rose 0.4 percent.", False),
        ("Prices rose 4 percent in 2024.", "Prices rose 4% in 2024.", False),
        # Another year.
        ("Prices rose 4 percent in 2024.", "Prices rose 4% in 2025.", True),
        ("In March 2024 unemployment rose.", "Unemployment rose in March 2023.", True),
        ("Prices rose in 2023 and 2024.", "Prices rose in 2024, after 2023.", False),
        ("Prices rose 4% in 1 year.", "Prices rose 4% in 2024.", False),
        # A quoted tweet's sign-off says when it was posted, not what it claims.
        (
            "Prices rose 4% — Jane Doe (@janedoe) March 13, 2018",
            "Prices rose 4% in 2012.",
            False,
        ),
        # Another scale, with or without what it counts.
        ("It spent 4 billion dollars.", "It spent 4 million dollars.", True),
        ("It spent $4bn on it.", "It spent $4m on it.", True),
        ("It spent 4 thousand on it.", "It spent 4 trillion on it.", True),
        # A scaled figure after a name is no name's number ("Iran 150 billion").
        (
            "They gave Iran 150 billion dollars, not 5 billion for a wall.",
            "They gave Iran $150 billion.",
            False,
        ),
        ("It spent 4 billion dollars.", "It spent 4,000,000,000 dollars.", False),
        ("It spent $2.5bn on it.", "It spent $2,500 million on it.", False),
        # A number written in words.
        ("Four hundred nurses were hired.", "300 nurses were hired.", True),
        ("Four hundred nurses were hired.", "400 nurses were hired.", False),
        ("Two and a half million people voted.", "2.5 million people voted.", False),
        ("Half a million people marched.", "500,000 people marched.", False),
        ("Half a million people marched.", "250,000 people marched.", True),
        # Four digits counting something are a count, whatever comes before them.
        ("Prices rose by 1200 percent.", "Prices rose by 500 percent.", True),
        ("Pipes were found in 1200 schools.", "Pipes were found in 1,900 schools.", True),
        # A year opening the claim, before what it speaks of, is still its year.
        ("In 2023 inflation hit 10%.", "Inflation hit 10% in 2022.", True),
        ("By 2030 emissions will halve.", "Emissions will halve by 2035.", True),
        ("Since 2010 wages fell 3%.", "Wages fell 3% since 2010.", False),
        # A scale in words or an amount written out counts as the scaled amount it is.
        ("It spent four billion dollars on it.", "It spent $4 million on it.", True),
        ("It spent 4,000,000,000 dollars on it.", "It spent $4 million on it.", True),
        ("It spent 4,000,000 dollars on it.", "It spent $4 million on it.", False),
        ("It spent a billion dollars on it.", "It spent $1m on it.", True),
        # A whole and a share of a scale, or a share of one, in words.
        ("Two and a half million people voted.", "2,500,000 people voted.", False),
        ("Two and a half million people voted.", "3.5 million people voted.", True),
        ("It spent one and a half billion dollars.", "It spent $1.5 billion.", False),
        ("It spent one and a half billion dollars.", "It spent 2.5 billion dollars.", True),
        ("A million and a half people voted.", "1.5 million people voted.", False),
        ("A million and a half people voted.", "1 million people voted.", True),
        (
            "Twenty-five and a half million dollars was spent on the bridge.",
            "One hundred and twenty-five and a half million dollars was spent on the bridge.",
            True,
        ),
        (
            "Between two and a half and three and a half million voters stayed home.",
            "Between 2.5 million and 3.5 million voters stayed home.",
            False,
        ),
        (
            "Between one and three and a half million households lost power.",
            "Between 1 million and 2.5 million households lost power.",
            True,
        ),
        (
            "The fund grew to a hundred and thirty-five and a half million dollars.",
            "The fund grew to 125.5 million dollars.",
            True,
        ),
        (
            "125.5 million dollars was spent on the bridge.",
            "One hundred and twenty-five and a half million dollars was spent on the bridge.",
            False,
        ),
        # Thirds are read nearly: a figure rounds them.
        ("A third of a million homes lack broadband.", "333,000 homes lack broadband.", False),
        ("A third of a million homes lack broadband.", "330,000 homes lack broadband.", False),
        (
            "A third of a million people have fled Gaza.",
            "Some 330,000 of the 2 million people in Gaza have fled.",
            False,
        ),
        (
            "Some 330,000 of the 2 million people in Gaza have fled.",
            "A third of a million people have fled Gaza.",
            False,
        ),
        # A "≈" a reporter typed is no figure written only nearly.
        ("≈5 million people have fled.", "5.05 million people have fled.", True),
        ("Two-thirds of a million homes lack broadband.", "666,000 homes lack broadband.", False),
        ("333,000 homes lack broadband.", "A third of a million homes lack broadband.", False),
        ("A third of a million homes lack broadband.", "300,000 homes lack broadband.", True),
        ("300,000 homes lack broadband.", "A third of a million homes lack broadband.", True),
        ("Two-thirds of a million homes lack broadband.", "333,000 homes lack broadband.", True),
        ("It cost a third of a billion dollars.", "It cost $333 million.", False),
        ("It cost a third of a billion dollars.", "It cost $3.3 billion.", True),
        ("A quarter million people marched.", "250,000 people marched.", False),
        ("A quarter million people marched.", "350,000 people marched.", True),
        ("Three quarters of a million people marched.", "750,000 people marched.", False),
        ("Three quarters of a million people marched.", "250,000 people marched.", True),
        ("It cost a quarter of a billion dollars.", "It cost 250 million dollars.", False),
        ("It cost a quarter of a billion dollars.", "It cost 2.5 billion dollars.", True),
        # "m" after a length is metres, not millions; after money or before people, millions.
        (
            "The 100m final was watched by 20 million.",
            "The 100m final was watched by 100 million.",
            True,
        ),
        ("A 4m-high wall will cost 4 million.", "A 4m-high wall will cost 3 million.", True),
        # Before any other word "m" is read as millions, as money is the likelier.
        ("The company reported a 4m loss.", "The company reported a $5m loss.", True),
        ("The club agreed a 40m deal.", "The club agreed a €50m deal.", True),
        ("The club agreed a 40m deal.", "The club agreed a 40 million deal.", False),
        ("A 4m-long crocodile was caught.", "A crocodile 4 metres long was caught.", False),
        ("A 4m-long crocodile was caught.", "A 5m-long crocodile was caught.", True),
        ("4m people voted.", "4 million people voted.", False),
        ("4m people voted.", "5 million people voted.", True),
        ("It spent £4m on it.", "It spent £4 million on it.", False),
        # A year in words.
        ("Prices rose 4% in twenty twenty-four.", "Prices rose 4% in 2024.", False),
        ("Prices rose 4% in twenty twenty-four.", "Prices rose 4% in 2023.", True),
        ("It was founded in nineteen ninety-nine.", "It was founded in 1998.", True),
        # A range in words: what an "and" adds is below the scale before it.
        (
            "Between one hundred thousand and two hundred thousand people fled.",
            "Between 100,000 and 200,000 people fled.",
            False,
        ),
        (
            "Between five hundred and one thousand people fled.",
            "As many as 1,000 people fled.",
            False,
        ),
        (
            "Between a thousand and fifteen hundred people fled.",
            "Up to 1,500 people fled.",
            False,
        ),
        (
            "One hundred and twenty thousand people fled.",
            "As many as 20,000 people fled.",
            True,
        ),
        # A number in words is no year.
        (
            "Between one thousand and two thousand people were evacuated.",
            "As many as 2,000 people were evacuated in 2022.",
            False,
        ),
        ("In 2019 five hundred people died.", "In 2019, 500 people died.", False),
        # Unless it is said as a year.
        (
            "In two thousand and twenty, five hundred people died.",
            "In 2021, 500 people died.",
            True,
        ),
        (
            "Back in two thousand, unemployment was four percent.",
            "In 2001, it was 4 percent.",
            True,
        ),
        (
            "Since nineteen hundred, sea levels have risen by twenty centimetres.",
            "Since 1950, sea levels have risen by 20 centimetres.",
            True,
        ),
        (
            "Columbus sailed in fourteen hundred and ninety-two with ninety men.",
            "Columbus sailed in 1493 with 90 men.",
            True,
        ),
        ("Twelve hundred homes were flooded.", "1,200 homes were flooded in 2021.", False),
        # A hedge after "between" still reads two ends of a range.
        (
            "Between about five hundred and one thousand migrants crossed.",
            "Between 500 and 1,000 migrants crossed.",
            False,
        ),
        ("In 2019 five hundred people died.", "In 2018, 500 people died.", True),
        # Two numbers in words before "-year-olds" or "-pound" count things: no year.
        (
            "Police arrested twenty fifteen-year-olds after the riot.",
            "Police arrested 20 15-year-olds after the riot in 2023.",
            False,
        ),
        (
            "Nineteen eleven-year-olds sat the exam.",
            "Nineteen 11-year-olds sat the exam in 2022.",
            False,
        ),
    ],
)
def test_a_count_of_the_same_thing_with_other_figures_is_told_from_a_rewording(text, claim, differ):
    from factcheck.matching.figures import counted, counts_differ

    assert counts_differ(counted(text), claim) is differ


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # A name's number in words is a name's, as in digits.
        ("Migrants were expelled under Title forty-two.", ({}, set())),
        ("Migrants were expelled under Title 42.", ({}, set())),
        # A year said as one is a year; a number in words, not.
        ("It was founded in twenty twenty-one.", ({"calendar year": {"2021"}}, set())),
        ("It was founded in 2021.", ({"calendar year": {"2021"}}, set())),
        ("The toll rose to two thousand.", ({}, {"2000"})),
        ("The toll rose to 2000.", ({"calendar year": {"2000"}}, set())),
    ],
)
def test_what_a_number_in_words_counts(text, counts):
    from factcheck.matching.figures import counted

    assert counted(text) == counts


@pytest.mark.parametrize(
    ("claim", "text", "moved"),
    [
        ("Inflation was 3,1 Prozent in January.", "Inflation was 31 Prozent in January.", True),
        ("Inflation was 3,1 Prozent in January.", "Inflation was 0,31 Prozent in January.", True),
        ("Petrol costs $3.50 a gallon.", "Petrol costs $35 a gallon.", True),
        ("Petrol costs $3.50 a gallon.", "Petrol costs $350 a gallon.", True),
        ("Growth was 3.0% last year.", "Growth was 30% last year.", True),
        ("Petrol costs $3.50 a gallon.", "Petrol costs $3.5 a gallon.", False),
        ("Inflation was 3,1 % in January.", "Inflation was 3.1 percent in January.", False),
        ("The plant employs 1,500 people.", "The plant employs 1500 people.", False),
        ("He died at 74 in 2016.", "He died on November 8, 2016.", False),
    ],
)
def test_a_figure_with_its_point_moved_is_told_apart_from_the_same_figure(claim, text, moved):
    from factcheck.matching.figures import figures_by_digits, point_moved

    assert point_moved(figures_by_digits(text), figures_by_digits(claim)) is moved


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        # The same digits written both ways in both texts are no point moved.
        (
            "Deaths from COVID-19 in the province rose 1.9% in March.",
            "A 1.9% rise in COVID-19 deaths in the province was recorded in March.",
        ),
        # Nor a figure written in thousands one way and abbreviated the other.
        ("A poll of 25,000 people was held.", "He polled 25K people, 250 of them students."),
    ],
)
def test_digits_written_alike_somewhere_in_both_texts_are_no_point_moved(claim, text):
    from factcheck.matching.figures import figures_by_digits, point_moved

    assert not point_moved(figures_by_digits(text), figures_by_digits(claim))


@given(
    st.lists(
        st.one_of(
            st.from_regex(r"\$?\d{1,4}(?:[.,]\d{1,3}){0,3}", fullmatch=True),
            st.sampled_from(["million", "bn", "m", "percent", "in", "March", "four", "a", "half"]),
        ),
        max_size=8,
    )
)
def test_any_run_of_figures_and_scale_words_is_read_without_failing(words):
    """Versions and dates ("1.2.3 million", "12.03.2024") are figures too."""
    from factcheck.matching.figures import counted, counts_differ

    text = " ".join(words)
    counts_differ(counted(text), text + " 7 million")
