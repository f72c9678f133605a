"""Pure text work of the claim matcher: query cleaning, words, stems, numbers and names, the
search expression, the features and the re-ranker's trainer."""

import json
import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.matching import features as feature_module
from factcheck.matching import ranker, reference
from factcheck.matching.features import (
    FEATURE_NAMES,
    MODEL_FEATURE_NAMES,
    Candidate,
    Text,
    cosine,
    features,
    jaccard,
)
from factcheck.matching.number_words import ABOUT, in_digits
from factcheck.matching.porter import stem
from factcheck.matching.query import match_expression, prepare, rarest_words
from factcheck.matching.stopwords import STOPWORDS
from factcheck.matching.text import (
    clean_query,
    content_words,
    fold,
    names,
    numbers,
    split_joined,
    stems,
    words,
)

lower_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
handles = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,14}", fullmatch=True)


def sqlite_porter(tokens: list[str]) -> list[str]:
    """What SQLite's own porter tokenizer makes of each token."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.execute("INSERT INTO t (x) VALUES (?)", [" ".join(tokens)])
    return [term for (term,) in conn.execute("SELECT term FROM v ORDER BY offset")]


@given(
    st.lists(
        st.one_of(lower_words, st.from_regex(r"[a-z0-9]{3,10}", fullmatch=True)),
        min_size=1,
        max_size=30,
    )
)
@settings(max_examples=200, deadline=None)
def test_our_stems_are_the_ones_sqlite_indexes(tokens):
    assert [stem(t) for t in tokens] == sqlite_porter(tokens)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vaccines", "vaccin"),
        ("vaccinated", "vaccin"),
        ("caresses", "caress"),
        ("relational", "relat"),
        ("hopping", "hop"),
        ("generalization", "gener"),
        ("apology", "apolog"),
        ("1990s", "1990"),
        ("x", "x"),
        ("über", "über"),
        # SQLite's tokenizer reads these short words its own way; the stems must agree.
        ("sses", "sse"),
        ("ies", "ie"),
        ("eed", "e"),
        ("agreed", "agre"),
    ],
)
def test_known_stems(word, expected):
    assert stem(word) == expected


@settings(deadline=None)
@given(st.text())
def test_words_are_folded_letters_and_digits(text):
    for word in words(text):
        assert word and all(ch.isalnum() for ch in word)
        assert fold(word) == word


@settings(deadline=None)
@given(st.text())
def test_cleaning_is_idempotent(text):
    once = clean_query(text)
    assert clean_query(once) == once


@settings(deadline=None)
@given(
    st.text(alphabet="abc XYZ 123,!?"),
    st.sampled_from(["https://t.co/AbC123", "pic.twitter.com/xYz", "www.example.com/a?b=1"]),
)
def test_cleaning_drops_links(text, link):
    cleaned = clean_query(f"{text} {link} {text}")
    assert not any(part in cleaned for part in ("t.co", "twitter", "example", "http", "www"))


@settings(deadline=None)
@given(handles)
def test_handles_and_hashtags_become_their_words(name):
    for marked in (f"@{name}", f"#{name}"):
        cleaned = clean_query(f"see {marked} now")
        assert "@" not in cleaned and "#" not in cleaned
        assert cleaned.replace(" ", "") == f"see{name.replace('_', '')}now"


@settings(deadline=None)
@given(st.from_regex(r"[A-Za-z0-9]{1,30}", fullmatch=True))
def test_splitting_a_joined_word_only_adds_spaces(word):
    assert split_joined(word).replace(" ", "") == word


def test_splitting_examples():
    assert split_joined("AustralianFires") == "Australian Fires"
    assert split_joined("DefundTheCBC") == "Defund The CBC"
    assert split_joined("COVID19") == "COVID 19"
    assert split_joined("make_america_great") == "make america great"


def test_a_tweets_sign_off_keeps_the_name_and_drops_the_date():
    tweet = "Wow — Jane Doe (@janedoe) January 14, 2020"
    assert clean_query(tweet) == "Wow — Jane Doe"


@settings(deadline=None)
@given(st.integers(min_value=1000, max_value=10**9))
def test_numbers_lose_their_thousands_separators(n):
    assert numbers(f"about {n:,} people") == {str(n)}
    assert str(n) in clean_query(f"about {n:,} people")


@settings(deadline=None)
@given(st.text())
def test_content_words_leave_out_stopwords_and_keep_order(text):
    kept = content_words(text)
    assert not any(word in STOPWORDS for word in kept)
    assert kept == [w for w in words(text) if w not in STOPWORDS]


@settings(deadline=None)
@given(st.text())
def test_names_are_stems_of_the_texts_own_words(text):
    assert names(text) <= {stem(w) for w in words(text)}


def test_names_are_the_capitalised_words_inside_sentences():
    assert names("The governor of Texas met Elon Musk and NASA.") == {
        "texa",
        "elon",
        "musk",
        "nasa",
    }
    assert names("THIS IS ALL SHOUTED") == set()


@settings(deadline=None)
@given(st.text())
def test_any_text_gives_a_safe_expression_or_none(text):
    prepared = prepare(text)
    expression = match_expression(prepared.search_words)
    if not prepared.search_words:
        assert expression is None
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    conn.execute("INSERT INTO t (x) VALUES ('anything at all')")
    conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()


@settings(deadline=None)
@given(st.text())
def test_search_words_have_distinct_stems(text):
    stems = prepare(text).stems
    assert len(stems) == len(set(stems))


@settings(deadline=None)
@given(st.dictionaries(lower_words, st.integers(min_value=0, max_value=1000)), st.integers(0, 3000))
def test_rarest_words_stay_within_the_budget(holding, budget):
    prepared = prepare(" ".join(holding))
    counts = {
        s: holding.get(w, 0) for w, s in zip(prepared.search_words, prepared.stems, strict=True)
    }
    chosen = rarest_words(prepared, counts, budget)
    reached = [counts[stem(w)] for w in chosen]
    assert all(reached)
    if len(chosen) > 1:
        assert sum(reached) <= budget
    held = [c for c in counts.values() if c]
    if held:
        assert chosen and min(reached) == min(held)
    assert list(chosen) == [w for w in prepared.search_words if w in chosen]


texts = st.text(alphabet=st.sampled_from("abcde fghij 0123 ABC .,#@"), max_size=80)


@settings(deadline=None)
@given(
    texts,
    st.lists(
        st.tuples(texts, texts, st.floats(0, 30), st.floats(0, 30), st.floats(0, 30)),
        min_size=1,
        max_size=6,
    ),
)
def test_one_feature_row_per_candidate_in_the_declared_order(query, items):
    query_text = Text(query)
    candidates = [Candidate(Text(c), Text(t), b, bc, bt) for c, t, b, bc, bt in items]
    weights = {s: 1.0 for s in query_text.stem_set}
    rows = features(query_text, weights, candidates)
    assert len(rows) == len(candidates)
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    for row in rows:
        named = dict(zip(FEATURE_NAMES, row, strict=True))
        for bounded in (
            "query_coverage",
            "claim_coverage",
            "jaccard_claim",
            "chars_claim",
            "reciprocal_rank",
        ):
            assert 0.0 <= named[bounded] <= 1.0 + 1e-9


# Words the stemmer changes ("sees" -> "see", "easy" -> "easi") beside numbers.
stemmed_texts = st.text(alphabet=st.sampled_from("aeisy bcdg 012 AB .,"), max_size=80)


@settings(deadline=None)
@given(stemmed_texts, stemmed_texts, stemmed_texts)
@example("They agreed on 3 points", "He agrees: 3 points", "")  # grams are of words, not stems
def test_overlap_features_count_what_the_texts_share(query, claim, title):
    """Shared trigrams, numbers and character grams as their definitions say, from the text
    functions themselves (the feature code takes shortcuts: it skips an item's numbers and
    trigrams when the query has none)."""
    [row] = features(Text(query), {}, [Candidate(Text(claim), Text(title), 1.0, 1.0, 0.0)])
    named = dict(zip(FEATURE_NAMES, row, strict=True))

    def trigrams(text):
        s = stems(text)
        return set(zip(s, s[1:], s[2:], strict=False))

    def grams(text):
        return feature_module.char_grams(" ".join(content_words(text)))

    assert named["trigrams_shared"] == len(trigrams(query) & (trigrams(claim) | trigrams(title)))
    query_numbers, item_numbers = numbers(query), numbers(claim) | numbers(title)
    assert named["numbers_shared"] == len(query_numbers & item_numbers)
    missing = bool(query_numbers and item_numbers and not query_numbers & item_numbers)
    assert named["numbers_missing"] == float(missing)
    assert named["chars_claim"] == cosine(grams(query), grams(claim))
    assert named["chars_title"] == cosine(grams(query), grams(title))


def test_an_identical_claim_covers_the_whole_query():
    text = "Drinking bleach cures the coronavirus"
    [row] = features(
        Text(text),
        {s: 2.0 for s in Text(text).stem_set},
        [Candidate(Text(text), Text(""), 5.0, 5.0, 0.0)],
    )
    named = dict(zip(FEATURE_NAMES, row, strict=True))
    assert named["query_coverage"] == named["claim_coverage"] == named["jaccard_claim"] == 1.0
    assert named["chars_claim"] == pytest.approx(1.0)


@settings(deadline=None)
@given(st.frozensets(st.integers(0, 20)), st.frozensets(st.integers(0, 20)))
def test_set_similarities_are_symmetric_and_bounded(a, b):
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= 1.0
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    assert 0.0 <= cosine(a, b) <= 1.0 + 1e-12


def test_training_finds_the_feature_that_tells_matches_apart():
    rows, labels = [], []
    for i in range(200):
        match = i % 10 == 0
        signal = 0.8 + (i % 7) / 50 if match else (i % 13) / 20
        noise = (i * 37 % 11) / 11
        row = [0.0] * len(MODEL_FEATURE_NAMES)
        row[0], row[1] = signal, noise
        rows.append(row)
        labels.append(int(match))
    model = ranker.train(rows, labels, l2=0.1)
    assert model.weights[0] > 1.0
    assert abs(model.weights[1]) < model.weights[0] / 4
    scored = sorted(range(len(rows)), key=lambda i: -model.score(rows[i]))
    assert {i for i in scored[:20]} == {i for i in range(200) if labels[i]}
    assert all(0.0 <= model.score(row) <= 1.0 for row in rows)


def test_the_model_survives_its_json():
    model = ranker.default_model()
    again = ranker.Model.from_json(json.loads(json.dumps(model.to_json())))
    row = [0.5] * len(MODEL_FEATURE_NAMES)
    assert again.score(row) == pytest.approx(model.score(row), abs=1e-5)


def test_weights_for_other_features_are_refused_with_the_command_that_fixes_it():
    data = ranker.default_model().to_json()
    data["features"] = data["features"][:-1] + ["something_else"]
    with pytest.raises(ValueError, match="train_matcher.py"):
        ranker.Model.from_json(data)


def test_analysed_texts_are_remembered():
    assert feature_module.analysed("A claim about ferrets") is feature_module.analysed(
        "A claim about ferrets"
    )


@settings(deadline=None)
@given(st.lists(st.text(alphabet="abc def ghi jkl", max_size=30), max_size=20))
def test_reference_counts_say_how_many_texts_hold_each_stem(texts):
    counted = reference.counts(texts)
    assert counted["documents"] == len(texts)
    for stem_, held in counted["terms"].items():
        assert held >= 2
        assert held == sum(stem_ in Text(t).stem_set for t in texts)


def test_the_shipped_reference_counts_common_words_as_common():
    documents, terms = reference.reference()
    assert documents > 10_000
    assert terms["trump"] > terms.get("wombat", 0)


def spelled(number: int) -> str:
    """`number` in English words, as a newspaper writes it ("one hundred and twenty-five")."""
    small = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen"
    ).split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_thousand(n: int) -> list[str]:
        words_ = [small[n // 100], "hundred"] if n >= 100 else []
        rest = n % 100
        if rest and words_:
            words_.append("and")
        if rest >= 20:
            words_.append(tens[rest // 10] + (f"-{small[rest % 10]}" if rest % 10 else ""))
        elif rest:
            words_.append(small[rest])
        return words_

    if number == 0:
        return "zero"
    words_: list[str] = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        group, number = divmod(number, scale)
        if group:
            words_ += below_thousand(group) + ([name] if name else [])
    return " ".join(words_)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
@example(201_000)
@example(173_592_001)
@example(102_005)
@example(2_201_000)
@example(205_000)
def test_a_number_written_in_words_is_read_as_its_digits(number):
    assert (
        in_digits(f"about {spelled(number)} nurses were hired")
        == f"about {number} nurses were hired"
    )
    assert in_digits(spelled(number).title()) == str(number)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Four hundred nurses were hired.", "400 nurses were hired."),
        ("a million people", "1000000 people"),
        ("twelve hundred homes", "1200 homes"),
        ("two and three", "2 and 3"),
        ("one thousand million", "1000 million"),
        ("Formula One", "Formula 1"),
        # Only whole words, and no plural: "hundreds of people" is no figure.
        ("someone often has none of it", "someone often has none of it"),
        ("hundreds of people", "hundreds of people"),
        ("an apple", "an apple"),
        # A share of a million is not a million.
        ("half a million people", "500000 people"),
        ("a quarter of a million homes", "250000 homes"),
        ("Three-quarters of a billion", "750000000"),
        ("three quarters of a million", "750000"),
        ("a quarter of a billion", "250000000"),
        # As American English says them.
        ("a quarter million homes", "250000 homes"),
        ("a half-million homes", "500000 homes"),
        # Thirds are written nearly, as a figure rounds them.
        ("a third of a million jobs", f"{ABOUT}333333 jobs"),
        ("Two-thirds of a billion", f"{ABOUT}666666667"),
        # An ordinal is no share.
        ("the third million visitor", "the third million visitor"),
        ("a third of the million jobs", "a third of the million jobs"),
        # A count before "-year-olds" is no year.
        ("twenty fifteen-year-olds", "20 15-year-olds"),
        # A whole and a share of a scale.
        ("two and a half million people", "2500000 people"),
        ("One and a half billion dollars", "1500000000 dollars"),
        ("twenty-two and a quarter million", "22250000"),
        ("a million and a half people", "1500000 people"),
        ("3 and three-quarters billion", "3750000000"),
        ("one hundred and twenty-five and a half million", "125500000"),
        ("one thousand two hundred and fifty and a half million", "1250500000"),
        ("a hundred and thirty-five and a half million", "135500000"),
        # "And" between two numbers is no part of either.
        ("between one and two and a half million", "between 1 and 2500000"),
        ("one and a half million and two and a half million", "1500000 and 2500000"),
        # A range's lower end takes the scale of its upper.
        ("between two and a half and three and a half million", "between 2500000 and 3500000"),
        ("from two and a half to three and a half million", "from 2500000 to 3500000"),
        # A share with no scale after it is left as words.
        ("two and a half years", "two and a half years"),
        # A year said as two numbers.
        ("in twenty twenty-four", "in 2024"),
        ("Nineteen ninety-nine", "1999"),
        ("by twenty thirty", "by 2030"),
        ("twenty ten and twenty twenty five", "2010 and 2025"),
        ("two thousand and twenty", "2020"),
        ("in two thousand and five", "in 2005"),
        ("two thousand and twenty-four", "2024"),
        # "And" before a number that a scale or a hundred closes joins two numbers.
        ("between one thousand and two thousand people", "between 1000 and 2000 people"),
        ("between one hundred and two hundred", "between 100 and 200"),
        ("one million and two million", "1000000 and 2000000"),
        ("a thousand and fifty and two hundred", "1050 and 200"),
        # Not when the scale goes on the number after the "and".
        ("one hundred and twenty thousand", "120000"),
        ("two thousand and five hundred", "2500"),
        ("a thousand and one nights", "1001 nights"),
        ("three million and twenty thousand", "3020000"),
        ("two million three hundred and one thousand", "2301000"),
        ("one million and two hundred thousand", "1200000"),
        # What an "and" adds is below the hundred or scale before it: as large or larger, it
        # is a second number.
        (
            "between one hundred thousand and two hundred thousand",
            "between 100000 and 200000",
        ),
        ("between a thousand and fifteen hundred", "between 1000 and 1500"),
        ("one thousand and two hundred thousand", "1000 and 200000"),
        (
            "between one hundred thousand and one hundred and fifty thousand",
            "between 100000 and 150000",
        ),
        # After "hundred and", a scale goes on the whole unless the words after the "and" with it
        # are within ten times what came before: two ends of a range.
        ("between five hundred and one thousand", "between 500 and 1000"),
        # Not without "between": "two hundred and one thousand votes" is 201,000 of them.
        ("two hundred and one thousand votes", "201000 votes"),
        ("five hundred and one thousand", "501000"),
        ("between two hundred and two thousand people", "between 200 and 2000 people"),
        ("three hundred and fifty million", "350000000"),
        ("one hundred and five thousand", "105000"),
        (
            "between one hundred and fifty thousand and two hundred thousand",
            "between 150000 and 200000",
        ),
    ],
)
def test_number_words_become_digits_and_other_words_stay(text, read):
    assert in_digits(text) == read


@pytest.mark.parametrize(
    "unit",
    [
        "one thousand and two thousand and ",
        "one hundred and twenty-five ",
        "one thousand and twenty thousand and ",
        "one hundred thousand and two hundred thousand and ",
        "five hundred and one thousand and ",
        "one hundred thousand and one hundred and fifty thousand and ",
        "a thousand and fifteen hundred and ",
        "between one and two and a half million and ",
        "between 1 and 2 million and from 3 to 4 percent ",
        "from $1.5 to 2 billion ",
    ],
)
def test_a_long_run_of_number_words_reads_as_its_pieces_do(unit):
    """40,000 characters of number words read as each repeated piece reads alone: going back
    over the words after an "and" starts nothing anew at the run's start, and the run ends.
    (How long it takes is benchmarks' business, not a test's.)"""
    from factcheck.matching.figures import counted, counts_differ

    times = 40_000 // len(unit)
    text = unit * times
    assert in_digits(text) == in_digits(unit) * times
    counts_differ(counted(text), text)


def test_a_mark_goes_before_each_figure_read_from_words_but_a_year_said_as_one():
    assert (
        in_digits("In twenty twenty-four, two and a half million, half a million, 3 or four", "#")
        == "In 2024, #2500000, #500000, 3 or #4"
    )
