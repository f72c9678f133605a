"""Check-worthiness: a 0..1 score with readable reasons; figures rank above colour."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.checkworthiness import REASONS, WEIGHTS, WEIGHTS_FILE, score

COUNTS_AND_FIGURES = [
    "At least 23 people were killed when the bridge collapsed on Monday.",
    "The floods displaced 4,000 families across three provinces, officials said.",
    "Unemployment fell to 3.9 percent in March, the lowest rate since 2000.",
    "The government spent $2.5 billion on flood defences last year.",
    "Police arrested 112 protesters in the capital, according to the interior ministry.",
    "Twelve soldiers were wounded in the attack, the army said.",
]
COLOUR_AND_CONTEXT = [
    "The sky was grey and the streets were quiet as families waited for news.",
    "Children played in the mud near the school gates.",
    "Some residents wept.",
    "It was a cold morning in the village.",
    "Is the province ready for the next storm?",
    "I think we should all stay hopeful.",
    "Thank you all for coming tonight.",
]


def test_counts_and_casualty_figures_rank_above_colour_and_context():
    lowest_figure = min(score(text)[0] for text in COUNTS_AND_FIGURES)
    highest_colour = max(score(text)[0] for text in COLOUR_AND_CONTEXT)
    assert lowest_figure > highest_colour


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("At least 23 people were killed on Monday.", "casualty or count figure"),
        ("The bridge collapse killed 23.", "casualty or count figure"),
        ("Prices rose 30% in a year.", "percentage"),
        ("Prices rose 30 per cent in a year.", "percentage"),
        ("The loan was worth $200 million.", "money amount"),
        ("The loan was worth 200 million euros.", "money amount"),
        ("The oxygen bar charges Rs 299 for fifteen minutes.", "money amount"),
        ("A month's pass costs Rs. 1,200 now.", "money amount"),
        ("The dam holds 40 million cubic metres of water.", "number or quantity"),
        ("The dam was built in 1968.", "date or time"),
        ("It was the deadliest flood on record.", "superlative"),
        ("The river is longer than the Danube.", "comparison or change"),
        ("Exports fell sharply after the ban.", "comparison or change"),
        ("Energy costs had climbed sharply since the winter.", "comparison or change"),
        ("Waiting lists are rising again in the north.", "comparison or change"),
        ("The crash was caused by a faulty signal.", "causal claim"),
        ("The delays were due to a faulty signal.", "causal claim"),
        ("The senator voted against the bill.", "reported action (voted, signed, paid...)"),
        ("Inflation is hurting households.", "statistics or policy term"),
        ("The toll is rising, according to the ministry.", "named source or attribution"),
        ("Rescuers reached Hatay before dawn.", "named person, place or organisation"),
        ("Is the toll rising in the north?", "question (lowers)"),
        ("The toll is probably rising in the north.", "opinion or hedge (lowers)"),
        ("I think the toll is rising in the north.", "first-person view (lowers)"),
        ("The toll will rise in the coming days.", "prediction or promise (lowers)"),
        ("Thank you very much for having me tonight.", "courtesy or greeting (lowers)"),
        ("Some residents wept.", "too short to check (lowers)"),
    ],
)
def test_reasons_name_what_was_found(text, reason):
    assert reason in score(text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers reached the village on foot.",
        "The weather was cold.",
        "It was a long night for everyone in the shelter.",
    ],
)
def test_colour_has_no_figure_reasons(text):
    reasons = score(text)[1]
    for reason in ("casualty or count figure", "percentage", "money amount", "number or quantity"):
        assert reason not in reasons


def test_small_number_words_alone_are_not_a_figure():
    assert "number or quantity" not in score("There are two more debates before the vote.")[1]
    assert "casualty or count figure" in score("Two people died in the fire overnight.")[1]


@pytest.mark.parametrize(
    "text",
    [
        "The survey found that 61 percent of residents would cycle more.",
        "About 40% of homes lost power on Tuesday.",
        "Turnout fell to 54 per cent of voters.",
    ],
)
def test_a_share_is_a_percentage_not_a_count(text):
    reasons = score(text)[1]
    assert "percentage" in reasons and "casualty or count figure" not in reasons


def test_at_least_is_not_a_superlative():
    assert "superlative" not in score("Rescuers found at least 40 residents alive.")[1]


def test_attribution_and_headline_raise_the_score():
    plain, _ = score("The dam was inspected last year.")
    attributed, reasons = score("The dam was inspected last year.", attribution="officials said")
    headline, _ = score("The dam was inspected last year.", section="headline")
    assert attributed > plain and "named source or attribution" in reasons
    assert headline > plain


def test_lowering_reasons_lower_the_score():
    statement, _ = score("Twenty-three people died in the flood on Monday.")
    question, _ = score("Did twenty-three people die in the flood on Monday?")
    assert question < statement
    assert all(weight < 0 for reason, weight in WEIGHTS.items() if reason.endswith("(lowers)"))
    assert all(weight > 0 for reason, weight in WEIGHTS.items() if not reason.endswith("(lowers)"))


@settings(max_examples=500, deadline=None)
@given(
    st.text(),
    st.none() | st.text(min_size=1),
    st.sampled_from(["headline", "standfirst", "body"]),
)
def test_scores_are_between_zero_and_one_with_known_reasons_in_order(text, attribution, section):
    value, reasons = score(text, attribution=attribution, section=section)
    assert 0.0 <= value <= 1.0
    order = list(WEIGHTS)
    assert [order.index(reason) for reason in reasons] == sorted(order.index(r) for r in reasons)
    assert len(set(reasons)) == len(reasons)
    assert score(text, attribution=attribution, section=section) == (value, reasons)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=80))
def test_adding_a_casualty_figure_never_lowers_the_score(text):
    base, _ = score(f"{text} happened.")
    with_figure, _ = score(f"{text} happened and 23 people were killed.")
    assert with_figure >= base


def test_a_ministers_claim_ranks_at_least_as_high_as_the_statistic_that_checks_it():
    claim, reasons = score("Crime has halved, the interior minister said.", attribution="said")
    statistic, _ = score("Police recorded 41,200 offences in 2023, against 83,900 in 2010.")
    assert claim >= statistic
    assert "number or quantity" in reasons and "comparison or change" in reasons


@pytest.mark.parametrize(
    "text",
    [
        "The mayor urged residents to lock their doors at night.",
        "The union called on members to stay calm during the talks.",
        "It was a tense evening at the town hall, where tempers frayed.",
    ],
)
def test_specific_figures_outrank_commentary_and_reported_calls(text):
    figure, _ = score("The council spent 4.2 million euros on road repairs in 2023.")
    assert figure > score(text)[0]


@pytest.mark.parametrize("section", ["standfirst", "body"])
def test_a_short_line_without_a_verb_or_figure_is_context(section):
    value, reasons = score("Figures disputed by opposition", section=section)
    assert "context line without a verb or figure (lowers)" in reasons
    assert value < score("The figures are disputed by the opposition.", section=section)[0]
    for statement in ("Council approves 4% rise in fares", "The figures were disputed."):
        reasons = score(statement, section=section)[1]
        assert "context line without a verb or figure (lowers)" not in reasons
    assert (
        "context line without a verb or figure (lowers)"
        not in score("Figures disputed by opposition", section="headline")[1]
    )


def test_the_weights_file_names_its_training_and_every_reason():
    stored = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert stored["command"] == "python benchmarks/train_checkworthiness.py"
    assert list(stored["weights"]) == list(REASONS) == list(WEIGHTS)
    for reason in REASONS:
        effect = stored["effects_on_training_units"][reason]
        assert effect["fires"] >= 0 and (effect["mean_change"] < 0) == reason.endswith("(lowers)")


@pytest.mark.parametrize("language", ["en", "ja", "zh"])
def test_a_chinese_or_japanese_sentence_is_not_too_short_for_having_no_spaces(language):
    japanese = "東京では2023年に市営バスが500台導入され、運賃は据え置かれた。"
    chinese = "北京市政府表示，今年将新建两百所学校，预计投入资金三十亿元。"
    for sentence in (japanese, chinese):
        _, reasons = score(sentence, language=language)
        assert "too short to check (lowers)" not in reasons, sentence
    _, reasons = score("はい、そうです。", language=language)
    assert "too short to check (lowers)" in reasons


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("东京的失业率为５．１％，比２０１９年低了不少，政府在周二表示。", "zh"),
        ("東京の失業率は2019年に5.1%で、前年より下がったと政府が発表した。", "ja"),
    ],
)
def test_figures_and_years_in_chinese_and_japanese_count_however_they_are_written(
    sentence, language
):
    """Full-width figures ("５．１％") are read as figures, and a year may run into the words
    around it ("2019年")."""
    _, reasons = score(sentence, language=language)
    for reason in ("percentage", "number or quantity", "date or time"):
        assert reason in reasons, (sentence, reasons)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("工厂今年裁员2000人，政府在周二表示，这是十年来最多的一次。", "zh"),
        ("新しいモデルは1980円で販売され、前のモデルより安くなったと会社は発表した。", "ja"),
        ("Die neue Strecke ist 2000km lang und kostet viel Geld, sagte der Minister.", "de"),
    ],
)
def test_a_count_or_a_price_is_no_date_in_other_languages(sentence, language):
    _, reasons = score(sentence, language=language)
    assert "date or time" not in reasons and "number or quantity" in reasons


def test_a_full_width_currency_sign_is_money():
    _, reasons = score("新产品的价格为￥１００，比去年便宜，公司在周一宣布。", language="zh")
    assert "money amount" in reasons
    _, reasons = score(
        "정부는 2023년에 예산을 ￦5000억 늘렸다고 기획재정부가 발표했다.", language="ko"
    )
    assert "money amount" in reasons and "date or time" in reasons
