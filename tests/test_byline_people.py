"""The people a page's byline names, without the titles, desks and agencies metadata adds."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.byline_people import byline_people


@pytest.mark.parametrize(
    ("author", "publisher", "people"),
    [
        ("Mara Lindqvist", "The Harbour Gazette", "Mara Lindqvist"),
        # A job title after the name, or after it as a part of its own.
        ("Tom Gillespie News reporter", "Sky News", "Tom Gillespie"),
        ("Tom Krisher; Ap Auto Writer", "Connecticut Post", "Tom Krisher"),
        ("STEVE PEOPLES; AP National Political Writer", None, "Steve Peoples"),
        # Agencies, desks and the publisher itself are no one's name.
        ("Meg Kinnard; Errin Haines; Associated Press", None, "Meg Kinnard; Errin Haines"),
        ("LISA MASCARO; ERIC TUCKER Associated Press", None, "Lisa Mascaro; Eric Tucker"),
        ("Amy Kuperinsky; NJ Advance Media", None, "Amy Kuperinsky"),
        ("Sandee LaMotte; CNN", "MSN", "Sandee LaMotte"),
        ("Tanza Loudenback; Business Insider", "Business Insider Deutschland", "Tanza Loudenback"),
        ("JERUSALEM POST STAFF NOVEMBER", "jpost.com", None),
        ("Staff Reports", "The Republic", None),
        ("Editorial", "The Guardian", None),
        ("The Russian; Syrian defense ministries", None, None),
        # A label before the names; names with small words in them.
        ("Текст Лида Буслаева", None, "Лида Буслаева"),
        ("Abigail van Buren", None, "Abigail van Buren"),
        ("Jo Ames and Li Wei", None, "Jo Ames and Li Wei"),
        (None, "The Hill", None),
        # Words before the names, an agency after a bar, a date after them.
        ("Staff writer Jane Doe", None, "Jane Doe"),
        ("Opinion by Jane Doe", None, "Jane Doe"),
        ("By Jane Doe | Reuters", None, "Jane Doe"),
        ("Jane Doe Updated March 3, 2024", None, "Jane Doe"),
        ("Jane Doe; March 3, 2024", None, "Jane Doe"),
        ("Jane Doe Updated 5:30 PM EST", None, "Jane Doe"),
        ("Jane Doe Updated 10:02 a.m.", None, "Jane Doe"),
        # Other languages' words saying when, as a byline block gives them (trafilatura leaves
        # out the figures: "Par Jean Dupont Publié le").
        ("Par Jean Dupont Publié le 03 mars 2024 à 14h05", None, "Jean Dupont"),
        ("Par Jean Dupont Publié le", None, "Jean Dupont"),
        ("Jean Dupont Modifié le", None, "Jean Dupont"),
        ("Par Jean Dupont le 3 mars 2024 à 14h05", None, "Jean Dupont"),
        ("Von Anna Schmidt Aktualisiert am 3. März 2024", None, "Anna Schmidt"),
        ("Por Juan Pérez Actualizado el 3 de marzo de 2024", None, "Juan Pérez"),
        ("Par Jean Dupont Mis à jour le 03/03/2024 à 14h05", None, "Jean Dupont"),
        ("Par Jean Dupont Mis à jour le", None, "Jean Dupont"),
        ("Por Ana Souza Atualizado em 03/03/2024 14h05", None, "Ana Souza"),
        ("Anna Schmidt Zuletzt aktualisiert am", None, "Anna Schmidt"),
        ("Bruno Mars", None, "Bruno Mars"),
        # A month with no figure beside it is a name's; one month to a date.
        ("Theresa May Updated", None, "Theresa May"),
        ("Anna Mai Aktualisiert am", None, "Anna Mai"),
        ("Theresa May 12 March 2024", None, "Theresa May"),
        ("Jane Doe 3 March", None, "Jane Doe"),
        # A weekday before the date.
        ("Jane Doe Tuesday 3 March 2024", None, "Jane Doe"),
        ("Jane Doe Tuesday", None, "Jane Doe"),
        # A weekday's short form, or one after a single name, is a surname.
        ("Lena H. Sun March 3, 2024", None, "Lena H. Sun"),
        ("Larry Sabato March 3, 2024", None, "Larry Sabato"),
        ("Joe Friday March 3, 2024", None, "Joe Friday"),
        ("José Domingo martes 3 de marzo de 2024", None, "José Domingo"),
        ("Jane Doe Last updated 3 hours ago", None, "Jane Doe"),
        ("Von Thomas Müller", None, "Thomas Müller"),
        ("李明 記者", None, "李明"),
        # Names that look like those words are kept whole.
        ("Jane May", None, "Jane May"),
        ("Di Maria", None, "Di Maria"),
        ("Ahmed al-Masri", None, "Ahmed al-Masri"),
        ("RONALD MCDONALD; PAT O'BRIEN", None, "Ronald McDonald; Pat O'Brien"),
        # A surname and a given name, one word each, are one person; whole names are two.
        ("Doe; Jane", None, "Jane Doe"),
        ("Doe, Jane", None, "Jane Doe"),
        ("O'Brien; Pat", None, "Pat O'Brien"),
        ("Jane Doe; John Roe", None, "Jane Doe; John Roe"),
        ("Doe; Reuters", None, "Doe"),
        ("Doe; Agencies", None, "Doe"),
        ("Agencies", None, None),
        ("Newsdesk", None, None),
        ("Xinhua", None, None),
        ("Doe; Gazette", "The Harbour Gazette", "Doe"),
        # A surname that is a month's name.
        ("May, Theresa", None, "Theresa May"),
        ("May; Theresa", None, "Theresa May"),
        ("March; Jane", None, "Jane March"),
        ("Doe; March", None, "Doe"),
        ("DOE; JANE; ROE; JOHN", None, None),
        # Two reporters of one name each and their agency are no one person surname first.
        ("Sutrisno; Wibowo; Antara", None, "Sutrisno"),
        ("Budi; Santoso; Antara", None, "Budi"),
        # Several people listed surname first are each one person.
        ("Doe; Jane; Roe; John", None, "Jane Doe; John Roe"),
        ("Doe, Jane; Roe, John", None, "Jane Doe; John Roe"),
        # Initials are no name in capitals before the surname.
        ("J. K. Rowling", None, "J. K. Rowling"),
        ("J.K. Rowling", None, "J.K. Rowling"),
        ("ERIC J. TUCKER Associated Press", None, "Eric J. Tucker"),
        # A body's word that is a surname after a given name, and media companies.
        ("Sam Press", None, "Sam Press"),
        ("Robert Service", None, "Robert Service"),
        ("Canadian Press", None, None),
        ("News Service", None, None),
        ("Harbour Press", "Harbour Press Online", None),
        ("Condé Nast", "Vogue", None),
        ("Jane Doe; Condé Nast", "Vogue", "Jane Doe"),
    ],
)
def test_the_people_a_byline_names(author, publisher, people):
    assert byline_people(author, publisher) == people


@given(st.text(), st.none() | st.text())
def test_the_people_are_words_of_the_author_or_none(author, publisher):
    people = byline_people(author, publisher)
    assert people is None or (people.strip() and people == people.strip())
    if people is not None:
        for name in people.split("; "):
            given, _, surname = name.lower().rpartition(" ")
            assert name.lower() in " ".join(author.split()).lower() or re.search(
                rf"(?:^|[,;])\s*{re.escape(surname)}\s*[,;]\s*{re.escape(given)}\s*(?:$|[,;])",
                author.lower(),
            )
            assert any(character.isalpha() for character in name)


@pytest.mark.parametrize(
    "article_text",
    [
        "Talks in Washington ended on Friday.",
        "WASHINGTON (AP) — Talks ended on Friday.",
        "Talks in Washington DC ended on Friday.",
        "Talks in Washington D.C. ended on Friday.",
    ],
)
def test_a_given_name_the_article_writes_as_a_place_names_no_one(article_text):
    assert byline_people("Jones; Washington", None, article_text) is None
    assert byline_people("Doe; Jane", None, article_text) == "Jane Doe"


@pytest.mark.parametrize(
    "article_text",
    [
        "The letter from Mark Carney was read out.",
        "Talks in Mark Twain's house ended.",
        "Officials from Mark Carney's office declined.",
        "The letter from Mark J. Carney was read out.",
    ],
)
def test_a_given_name_before_a_surname_in_the_article_is_no_place(article_text):
    assert byline_people("Doe; Mark", None, article_text) == "Mark Doe"


@pytest.mark.parametrize(
    ("given", "article_text"),
    [
        ("Jordan", "Talks in Jordan, the ministry said, ended."),
        ("Florence", "She studied in Florence."),
    ],
)
def test_a_given_name_before_a_mark_or_a_small_word_is_a_place(given, article_text):
    assert byline_people(f"Doe; {given}", None, article_text) is None
