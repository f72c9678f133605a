"""Telling a claim about another subject (another company, place or person) from a paraphrase of
the same claim: matching.subjects."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.matching.subjects import subjects_differ

TENCENT = (
    "Tencent shares closed in Hong Kong on Tuesday at $185.25, up 0.35%, exchange data showed."
)
ALIBABA = "Alibaba shares closed in New York on Tuesday at $185.25, up 0.35%."


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (TENCENT, ALIBABA),
        (
            "Joe Biden said inflation fell to 3 percent last year.",
            "Donald Trump said inflation fell to 3 percent last year.",
        ),
        (
            "President Biden said inflation fell to 3 percent last year.",
            "Donald Trump said inflation fell to 3 percent last year.",
        ),
        (
            "The Federal Reserve raised interest rates by half a point in March.",
            "The Bank of England raised interest rates by half a point in March.",
        ),
        (
            "Sanctions on Iran cut oil exports by half, officials said.",
            "Sanctions on Iraq cut oil exports by half, officials said.",
        ),
        (
            "La Banque de France prévoit une croissance de 0,8 % en 2025.",
            "La Banque d'Italie prévoit une croissance de 0,8 % en 2025.",
        ),
        (
            "Акции Alibaba закрылись во вторник в Нью-Йорке на отметке 185,25 доллара.",
            "Акции Tencent закрылись во вторник в Гонконге на отметке 185,25 доллара.",
        ),
        (
            "A 12-year-old girl named Autumn Pasquale is missing from her New Jersey home.",
            "A 10-year-old girl named Hailey Owens is missing from her Springfield, Missouri, home.",
        ),
    ],
)
def test_the_same_words_of_another_subject_differ(text, claim):
    assert subjects_differ(text, claim)
    assert subjects_differ(claim, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # The same name written otherwise, in part, shortened, as an acronym or another name.
        (
            ALIBABA,
            "Alibaba shares closed in New York on Tuesday at $185.25, up 0.35%, data showed.",
        ),
        (
            "Joe Biden said inflation fell to 3 percent last year.",
            "President Biden said inflation fell to 3 percent last year.",
        ),
        (
            "Joe Biden said inflation fell to 3 percent last year.",
            "The president said inflation fell to 3 percent last year.",
        ),
        (
            "The United States spent 4 billion dollars on the new hospitals.",
            "The U.S. spent 4 billion dollars on the new hospitals.",
        ),
        (
            "The United States spent 4 billion dollars on the new hospitals.",
            "America spent 4 billion dollars on the new hospitals.",
        ),
        (
            "Washington imposed tariffs of 25% on steel from Europe.",
            "The United States imposed tariffs of 25% on steel from Europe.",
        ),
        (
            "The Federal Reserve raised interest rates by half a point in March.",
            "The Fed raised interest rates by half a point in March.",
        ),
        (
            "The WHO declared a pandemic on 11 March 2020.",
            "The World Health Organization declared a pandemic on 11 March 2020.",
        ),
        (
            "The NHS spends 2 billion pounds a year on agency staff.",
            "The National Health Service spends 2 billion pounds a year on agency staff.",
        ),
        (
            "In March, Chinese exports fell 5% from a year earlier.",
            "In March, China's exports fell 5% from a year earlier.",
        ),
        (
            "Gaddafi said the oil fields would stay closed until June.",
            "Qaddafi said the oil fields would stay closed until June.",
        ),
        (
            "Zelensky said Ukraine lost 31,000 soldiers in two years of war.",
            "Zelenskyy said Ukraine lost 31,000 soldiers in two years of war.",
        ),
        # A shorter wording without the name.
        (TENCENT, "Tencent shares closed on Tuesday at $185.25, up 0.35%."),
        # A translation: a German or Russian wording of the English check.
        (
            "Die Alibaba-Aktie schloss am Dienstag in New York bei 185,25 Dollar, ein Plus von"
            " 0,35 Prozent.",
            ALIBABA,
        ),
        (
            "Акции Alibaba закрылись во вторник в Нью-Йорке на отметке 185,25 доллара.",
            ALIBABA,
        ),
        (
            "Владимир Путин заявил, что инфляция в России снизилась до 3%.",
            "Путин заявил, что инфляция в России снизилась до 3%.",
        ),
        # German capitalises every noun: "Firma" for "Unternehmen" is no other company.
        (
            "Das Unternehmen hat im Jahr 2023 Verluste von 4 Milliarden Euro gemacht.",
            "Die Firma hat im Jahr 2023 Verluste von 4 Milliarden Euro gemacht.",
        ),
        (
            "Die Regierung hat 4 Milliarden Euro für neue Krankenhäuser ausgegeben.",
            "Die Bundesregierung hat 4 Milliarden Euro für neue Krankenhäuser ausgegeben.",
        ),
        # Title Case: every word capitalised, so none can be told for a name.
        ("Prices Rose 5% In Germany Last Year", "Costs Rose 5% In Germany Last Year"),
        (
            "Tencent Shares Closed In Hong Kong On Tuesday At $185.25",
            "Tencent shares closed in Hong Kong on Tuesday at $185.25.",
        ),
        # A sentence's first word is capitalised whatever it is.
        ("Prices rose 5% in Germany last year.", "Rents rose 5% in Germany last year."),
        # Another day, or a shouted word, is no other subject.
        (
            "Tencent shares closed in Hong Kong on Tuesday at $185.25.",
            "Tencent shares closed in Hong Kong on Monday at $185.25.",
        ),
        (
            "WATCH: President Trump was booed at the World Series on Sunday night.",
            "U.S. President Donald Trump was booed at the World Series in October 2019.",
        ),
        # A tweet's names run on into its sign-off: "raised in Canada — Jacob Wohl" is no name
        # put for "the United States".
        (
            "Neither parent was a legal resident, and Kamala was raised in Canada — Jacob Wohl"
            " (@JacobAWohl) January 22, 2019",
            "Kamala Harris is not eligible because neither parent was a legal resident and she"
            " was not raised in the United States.",
        ),
    ],
)
def test_the_same_subject_in_other_words_does_not_differ(text, claim):
    assert not subjects_differ(text, claim)
    assert not subjects_differ(claim, text)


@given(st.text(max_size=200))
def test_a_text_never_differs_in_subject_from_itself(text):
    assert not subjects_differ(text, text)
