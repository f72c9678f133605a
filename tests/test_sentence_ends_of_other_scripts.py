"""Sentence ends of other scripts (。！？ in Chinese and Japanese, । in Hindi, ؟ and ۔ in Arabic and
Urdu, ። in Amharic, ။ in Burmese): a paragraph that ends with one is prose, not a standfirst,
and the units keep exact offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.splitting import HEADLINE_MAX_CHARS, split_article

ARTICLES = [
    (
        "ja",
        "東京の人口が増加\n\n東京都は2023年に人口が3.5%増加したと発表した。\n"
        "政府は住宅に50億円を投入する。",
    ),
    ("zh", "人口增加\n\n政府说人口增加了3.5%。\n住房投入50亿元！"),
    ("hi", "जनसंख्या बढ़ी\n\nसरकार ने कहा कि जनसंख्या 3% बढ़ी।\nआवास पर 50 करोड़ खर्च होंगे।"),
    ("ar", "السكان\n\nقالت الحكومة إن عدد السكان ارتفع بنسبة 3.5%\nهل ارتفع عدد السكان؟"),
    ("ur", "آبادی\n\nحکومت نے کہا کہ آبادی 3 فیصد بڑھ گئی۔"),
    ("am", "የሕዝብ ቁጥር\n\nመንግስት የሕዝቡ ቁጥር በ3 በመቶ ጨምሯል አለ።"),
    ("my", "လူဦးရေ\n\nအစိုးရက လူဦးရေ ၃ ရာခိုင်နှုန်း တိုးလာသည်ဟု ပြောသည်။"),
]


@pytest.mark.parametrize(("language", "body"), ARTICLES, ids=[a[0] for a in ARTICLES])
def test_a_paragraph_ending_with_its_scripts_full_stop_is_body(language, body):
    units = split_article(body, language=language)
    assert [unit.section for unit in units][:1] == ["headline"]
    assert {unit.section for unit in units[1:]} == {"body"}
    for unit in units:
        assert body[unit.start : unit.end] == unit.text


def test_the_two_sentences_of_a_japanese_paragraph_are_body():
    units = split_article(ARTICLES[0][1], language="ja")
    assert [(unit.section, unit.text) for unit in units] == [
        ("headline", "東京の人口が増加"),
        ("body", "東京都は2023年に人口が3.5%増加したと発表した。"),
        ("body", "政府は住宅に50億円を投入する。"),
    ]


# The full stops, question and exclamation marks of other scripts, and what may close after one.
MARKS = list("。｡！？．؟۔।॥።፧။‼⁇⁈⁉")
CLOSERS = ["", "」", "』", "）", "”", "》", '"']
WORDS = ["東京都は人口が増加した", "政府说人口增加了", "सरकार ने कहा", "قالت الحكومة", "Tokyo grew"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(CLOSERS))
def test_any_full_stop_ends_a_paragraph_of_prose(words, mark, closer):
    body = f"Headline\n\n{words}{mark}{closer}\n\nMore text."
    sections = [unit.section for unit in split_article(body)]
    assert sections[0] == "headline" and "standfirst" not in sections


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(["ja", "zh", "hi", "ar", "en"]))
def test_a_short_paragraph_without_a_full_stop_stays_the_standfirst(words, language):
    body = f"Headline\n\n{words}\n\nMore text{MARKS[0]}"
    sections = [unit.section for unit in split_article(body, language=language)]
    assert sections[:2] == ["headline", "standfirst"]


def test_a_long_first_line_ending_with_an_ideographic_full_stop_is_no_headline():
    line = "東京都は人口が増加したと発表し、" * 8 + "政府は住宅に50億円を投入する。"
    assert len(line) > HEADLINE_MAX_CHARS
    units = split_article(line + "\n\n次の段落。", language="ja")
    assert {unit.section for unit in units} == {"body"}


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "zh",
            "他说：“人口增加了。住房投入50亿元。”政府表示。",
            ["他说：“人口增加了。", "住房投入50亿元。”", "政府表示。"],
        ),
        (
            "hi",
            'मंत्री ने कहा, "जनसंख्या 3% बढ़ी। आवास पर 50 करोड़ खर्च होंगे।"',
            ['मंत्री ने कहा, "जनसंख्या 3% बढ़ी।', 'आवास पर 50 करोड़ खर्च होंगे।"'],
        ),
    ],
    ids=["zh", "hi"],
)
def test_a_quotation_of_two_sentences_in_another_script_is_split(language, body, expected):
    units = split_article(body, first_line_is_headline=False, language=language)
    assert [unit.text for unit in units] == expected


FRAGMENTS = [
    *MARKS,
    *CLOSERS,
    "東京都は2023年に人口が3.5%増加したと発表した",
    "政府说：“人口增加了。",
    "जनसंख्या 3% बढ़ी",
    "هل ارتفع عدد السكان",
    "حکومت نے کہا",
    "መንግስት አለ",
    "အစိုးရက ပြောသည်",
    "1. ",
    "Photo: Reuters",
    "\n",
    "\n\n",
    " ",
    "\u3000",
]
bodies = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(bodies, st.booleans(), st.sampled_from(["ja", "zh", "hi", "ar", "ur", "en"]))
def test_units_of_other_scripts_cover_every_visible_character_once(body, headline, language):
    units = split_article(body, first_line_is_headline=headline, language=language)
    covered = [0] * len(body)
    previous_end = 0
    for index, unit in enumerate(units):
        assert unit.seq == index
        assert body[unit.start : unit.end] == unit.text
        assert unit.text == unit.text.strip() and unit.start >= previous_end
        previous_end = unit.end
        for position in range(unit.start, unit.end):
            covered[position] += 1
    assert all(covered[i] == 1 for i, char in enumerate(body) if not char.isspace())
