"""Naming a claim's speaker as its article does: whole names, people apart from organisations."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.speaker_names import (
    ORGANIZATION,
    PERSON,
    NamedSpeaker,
    apposition,
    full_name,
    named_speaker,
)


@pytest.mark.parametrize(
    ("who", "article", "named"),
    [
        # A body's name, a post in small letters, a name: the person, of that body.
        (
            "Bank of England governor Andrew Bailey",
            "",
            NamedSpeaker(PERSON, "Andrew Bailey", "governor", "Bank of England"),
        ),
        (
            "Department of Health spokesman Tom Jones",
            "",
            NamedSpeaker(PERSON, "Tom Jones", "spokesman", "Department of Health"),
        ),
        # The whole post in small letters, a possessive body without its "'s".
        (
            "White House press secretary Karine Jean-Pierre",
            "",
            NamedSpeaker(PERSON, "Karine Jean-Pierre", "press secretary", "White House"),
        ),
        (
            "Kraft Heinz chief financial officer Paulo Basilio",
            "",
            NamedSpeaker(PERSON, "Paulo Basilio", "chief financial officer", "Kraft Heinz"),
        ),
        (
            "Bank of England's governor Andrew Bailey",
            "",
            NamedSpeaker(PERSON, "Andrew Bailey", "governor", "Bank of England"),
        ),
        # A word of the post before the body is the post's.
        (
            "former Bank of England governor Mark Carney",
            "",
            NamedSpeaker(PERSON, "Mark Carney", "former governor", "Bank of England"),
        ),
        # A post after a body's name, with no name: a person.
        ("the Bank of England governor", "", NamedSpeaker(PERSON, "The Bank of England governor")),
        ("the Department of Health", "", NamedSpeaker(ORGANIZATION, "The Department of Health")),
        # One capitalised word before a post may be a party's adjective: no body is named.
        (
            "Democratic senator Chuck Schumer",
            "",
            NamedSpeaker(PERSON, "Chuck Schumer", "Democratic senator"),
        ),
        # A surname is the person the article introduced, without their title.
        (
            "Esper",
            "Defense Secretary Mark Esper arrived in Hanoi. Esper said the talks went well.",
            NamedSpeaker(PERSON, "Mark Esper"),
        ),
        # A place written before the name is no first name.
        (
            "Volker",
            "Talks in Ukraine stalled. The former envoy to Ukraine Kurt Volker testified.",
            NamedSpeaker(PERSON, "Kurt Volker"),
        ),
        # A possessive after the name still tells it.
        (
            "Hege",
            "Michelle Hege’s answer was concern. Hege runs the agency.",
            NamedSpeaker(PERSON, "Michelle Hege"),
        ),
        # A first name that follows a word for a person.
        (
            "Martha",
            "The writer's sister, Martha Fry, agreed to talk.",
            NamedSpeaker(PERSON, "Martha Fry"),
        ),
        (
            "the 14th-ranked Schwartzman",
            "Diego Schwartzman won in three sets.",
            NamedSpeaker(PERSON, "Diego Schwartzman"),
        ),
        # One word with no first name anywhere is an organisation; a sentence's end is no
        # first name.
        (
            "Toyota",
            "Toyota showed the car at the Los Angeles Auto Show. Toyota said it sells well.",
            NamedSpeaker(ORGANIZATION, "Toyota"),
        ),
        ("Reuters", "Reuters reported the deal first.", NamedSpeaker(ORGANIZATION, "Reuters")),
        ("WHO", "The WHO counted 3,248 cases.", NamedSpeaker(ORGANIZATION, "WHO")),
        (
            "The Chronicle",
            "The San Francisco Chronicle reported it first.",
            NamedSpeaker(ORGANIZATION, "The Chronicle"),
        ),
        # A place or a body that ends with the speaker's word gives it no first name.
        (
            "China",
            "Ships patrolled the South China Sea. China said patrols rose.",
            NamedSpeaker(ORGANIZATION, "China"),
        ),
        ("Texas", "Fires spread across West Texas.", NamedSpeaker(ORGANIZATION, "Texas")),
        (
            "Washington",
            "Traffic on the George Washington Bridge stalled.",
            NamedSpeaker(ORGANIZATION, "Washington"),
        ),
        (
            "Reuters",
            "The Thomson Reuters Foundation reported it.",
            NamedSpeaker(ORGANIZATION, "Reuters"),
        ),
        # Roles and employers apart from the name.
        (
            "NASA Administrator Jim Bridenstine",
            "",
            NamedSpeaker(PERSON, "Jim Bridenstine", job_title="NASA Administrator"),
        ),
        ("NASA's Steve Clarke", "", NamedSpeaker(PERSON, "Steve Clarke", affiliation="NASA")),
        (
            "Alex Horton of the Washington Post",
            "",
            NamedSpeaker(PERSON, "Alex Horton", affiliation="the Washington Post"),
        ),
        ("Lt. Matt Harris", "", NamedSpeaker(PERSON, "Matt Harris", job_title="Lt.")),
        # Unnamed people and bodies.
        ("the patient", "", NamedSpeaker(PERSON, "The patient")),
        ("The 56-year-old", "", NamedSpeaker(PERSON, "The 56-year-old")),
        ("the Pentagon", "", NamedSpeaker(ORGANIZATION, "The Pentagon")),
        (
            "Kotak Institutional Equities",
            "",
            NamedSpeaker(ORGANIZATION, "Kotak Institutional Equities"),
        ),
        ("People’s Daily", "", NamedSpeaker(ORGANIZATION, "People’s Daily")),
        (
            "South Dakota",
            "Meth use is rising in South Dakota.",
            NamedSpeaker(ORGANIZATION, "South Dakota"),
        ),
        ("George R.R. Martin", "", NamedSpeaker(PERSON, "George R.R. Martin")),
        # Accented capitals, and a post before the name.
        (
            "councillor José Álvarez",
            "",
            NamedSpeaker(PERSON, "José Álvarez", job_title="councillor"),
        ),
        ("Łukasz Nowak", "", NamedSpeaker(PERSON, "Łukasz Nowak")),
        # A profession before the name is the person's title, as a post is; alone, a person.
        (
            "historian Jane Doe",
            "",
            NamedSpeaker(PERSON, "Jane Doe", job_title="historian"),
        ),
        (
            "local historian Jane Doe",
            "",
            NamedSpeaker(PERSON, "Jane Doe", job_title="local historian"),
        ),
        ("the columnist", "", NamedSpeaker(PERSON, "The columnist")),
        # A surname that is also a word of the church is a surname still ("bishop" is no
        # profession's word).
        (
            "Bishop",
            "Former foreign minister Julie Bishop spoke. Bishop said it rose.",
            NamedSpeaker(PERSON, "Julie Bishop"),
        ),
        (
            "Álvarez",
            "Councillor José Álvarez spoke first. Álvarez said it rose.",
            NamedSpeaker(PERSON, "José Álvarez"),
        ),
        # A word for a public body in small letters, after at most two saying which: the body
        # its capital names at a sentence's start.
        ("police", "", NamedSpeaker(ORGANIZATION, "Police")),
        ("Police", "", NamedSpeaker(ORGANIZATION, "Police")),
        ("riot police", "", NamedSpeaker(ORGANIZATION, "Riot police")),
        ("federal prosecutors", "", NamedSpeaker(ORGANIZATION, "Federal prosecutors")),
        ("the police", "", NamedSpeaker(ORGANIZATION, "The police")),
        ("police records", "", None),
        ("police and firefighters", "", None),
        ("before police", "", None),
        ("soon after police", "", None),
        # Words saying who the people are, not which body: no one named.
        ("two former prosecutors", "", None),
        ("retired police", "", None),
        ("every government", "", None),
        ("salvation army", "", None),
        ("student government", "", None),
        ("undercover police", "", None),
        ("doctors", "", None),
        # Words an attribution phrase caught by mistake name no one.
        ("soon after", "", None),
        ("As I", "", None),
    ],
)
def test_a_speaker_is_named_as_the_article_names_them(who, article, named):
    assert named_speaker(who, article) == named


@pytest.mark.parametrize(
    "who",
    [
        # "the" before a newspaper's last word, a post's word only after an outlet's opening word
        # or alone ("The Economist").
        "The Argus Leader",
        "the Sioux Falls Argus Leader",
        "The Economist",
        "The Observer",
        "the Sun",
        "the Toronto Star",
        # Another language's article before its newspaper's word.
        "Le Monde",
        "Le Figaro",
        "El País",
        "El Mundo",
        "La Repubblica",
        "La Nación",
        "Der Spiegel",
        "Die Zeit",
        "Die Welt",
        "Der Standard",
        "De Telegraaf",
        "Il Giornale",
        # An outlet's opening word, or a last word that is no one's surname.
        "Daily Mail",
        "Herald Sun",
        "Evening Standard",
        "Morning Star",
        "Argus Leader",
        "Chicago Tribune",
        "Montreal Gazette",
    ],
)
def test_a_newspaper_is_an_organisation(who):
    assert named_speaker(who) == NamedSpeaker(ORGANIZATION, who[0].upper() + who[1:])


@pytest.mark.parametrize(
    ("who", "article", "named"),
    [
        # Surnames opening with an article, names opening with one.
        ("Les Moonves", "", "Les Moonves"),
        ("La Toya Jackson", "", "La Toya Jackson"),
        ("Le Minh Khai", "", "Le Minh Khai"),
        ("Le Pen", "", "Le Pen"),
        ("Le Maire", "", "Le Maire"),
        ("La Russa", "", "La Russa"),
        ("De Croo", "", "De Croo"),
        ("El Chapo", "", "El Chapo"),
        # People named as newspapers end, or open ("Argus Hamilton").
        ("Mark Leader", "", "Mark Leader"),
        ("Heath Ledger", "", "Heath Ledger"),
        ("Jim Courier", "", "Jim Courier"),
        ("Lena Sun", "", "Lena Sun"),
        ("Evan Spiegel", "", "Evan Spiegel"),
        ("Argus Hamilton", "", "Argus Hamilton"),
        ("Sun", "Lena H. Sun reported from Atlanta.", "Lena H. Sun"),
        ("Spiegel", "Snap's Evan Spiegel spoke.", "Evan Spiegel"),
        # Posts whose last word a newspaper's name ends with, and a newspaper's post.
        ("the Chief Medical Examiner", "", "The Chief Medical Examiner"),
        ("the Labour Leader", "", "The Labour Leader"),
        ("the Supreme Leader", "", "The Supreme Leader"),
        ("the Chief Economist", "", "The Chief Economist"),
        ("the Chief Observer", "", "The Chief Observer"),
        ("the Chief Herald", "", "The Chief Herald"),
        ("the Sunday Times Political Editor", "", "The Sunday Times Political Editor"),
    ],
)
def test_people_and_posts_named_like_newspapers_are_people(who, article, named):
    assert named_speaker(who, article) == NamedSpeaker(PERSON, named)


def test_a_platform_someone_owns_is_no_newspaper_and_no_person():
    assert named_speaker("the Elon Musk-owned platform") == NamedSpeaker(
        ORGANIZATION, "The Elon Musk-owned platform"
    )


_name_word = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
_text = st.text(alphabet=st.sampled_from(list("abc ABC.,’'-\n")), max_size=80)


@given(surname=_name_word, before=_text, after=_text)
def test_a_full_name_ends_with_the_surname_and_is_written_in_the_article(surname, before, after):
    article = before + after
    full = full_name(surname, article)
    if full is not None:
        assert full.endswith(" " + surname)
        assert full in article


@given(who=st.text(max_size=40), article=_text, after=_text)
def test_naming_any_speaker_gives_a_person_or_an_organisation_or_no_one(who, article, after):
    named = named_speaker(who, article, f"{who}, {after}")
    if named is not None:
        assert named.kind in (PERSON, ORGANIZATION)
        assert named.name.strip()


@pytest.mark.parametrize(
    ("who", "sentence", "named"),
    [
        # A role and an employer set off after the name make a one-word speaker a person.
        (
            "Smith",
            "Smith, a spokesperson for Acme, said 300 jobs would go.",
            NamedSpeaker(PERSON, "Smith", job_title="spokesperson", affiliation="Acme"),
        ),
        (
            "Tom Ray",
            "According to Tom Ray, chief economist at Lloyds Bank, rates will rise.",
            NamedSpeaker(PERSON, "Tom Ray", job_title="chief economist", affiliation="Lloyds Bank"),
        ),
        (
            "Jane Smith",
            "The plant will close in 2027, said Jane Smith, a spokesperson for Acme.",
            NamedSpeaker(PERSON, "Jane Smith", job_title="spokesperson", affiliation="Acme"),
        ),
        (
            "Thomas Zurbuchen",
            "Thomas Zurbuchen, NASA's associate administrator, said the launch slipped.",
            NamedSpeaker(
                PERSON, "Thomas Zurbuchen", job_title="associate administrator", affiliation="NASA"
            ),
        ),
        # A clause after the employer says something of them or of it, no part of either.
        (
            "Will Tjernlund",
            "Sales fell, said Will Tjernlund, an analyst for Amazon sellers who has a store.",
            NamedSpeaker(
                PERSON, "Will Tjernlund", job_title="analyst", affiliation="Amazon sellers"
            ),
        ),
        (
            "Jane Smith",
            "Jane Smith, an analyst at Lloyds Bank that advises the firm, said prices rose.",
            NamedSpeaker(PERSON, "Jane Smith", job_title="analyst", affiliation="Lloyds Bank"),
        ),
        # An employer with no name of its own stays in the title; a person's possessive too.
        (
            "Smith",
            "Smith, a spokesperson for the council, said 300 jobs would go.",
            NamedSpeaker(PERSON, "Smith", job_title="spokesperson for the council"),
        ),
        (
            "Sonya Zoghlin",
            "Sonya Zoghlin, Carlineo’s attorney, told The Hill her client meant no harm.",
            NamedSpeaker(PERSON, "Sonya Zoghlin", job_title="Carlineo’s attorney"),
        ),
        # An age says a person is meant.
        ("Smith", "Smith, 45, said the rent rose.", NamedSpeaker(PERSON, "Smith")),
        # A name set off after an unnamed role is the speaker's.
        (
            "the mayor",
            "Taxes rose 4%, said the mayor, Jane Smith.",
            NamedSpeaker(PERSON, "Jane Smith", job_title="mayor"),
        ),
        # Words about a body, a clause or a speech verb say nothing of a person's post.
        (
            "Reuters",
            "Reuters, the news agency, said it rose.",
            NamedSpeaker(ORGANIZATION, "Reuters"),
        ),
        (
            "Reuters",
            "Reuters, citing a senior official, said it rose.",
            NamedSpeaker(ORGANIZATION, "Reuters"),
        ),
        (
            "Smith",
            "Smith, who is the mayor, said it rose.",
            NamedSpeaker(ORGANIZATION, "Smith"),
        ),
        (
            "Acme",
            "Acme, the company's spokesperson said, will cut 300 jobs.",
            NamedSpeaker(ORGANIZATION, "Acme"),
        ),
        # The name must stand whole before the comma: "Smithfield" is not "Smith".
        (
            "Smith",
            "Smithfield, a pork producer's spokesperson, said it rose.",
            NamedSpeaker(ORGANIZATION, "Smith"),
        ),
    ],
)
def test_words_set_off_after_the_name_say_who_the_speaker_is(who, sentence, named):
    assert named_speaker(who, sentence, sentence) == named


@given(who=_name_word, before=_text, after=_text)
def test_an_apposition_is_words_of_the_sentence_after_the_name(who, before, after):
    sentence = f"{before}{who}, {after}"
    words = apposition(who, sentence)
    if words is not None:
        assert words.strip() == words and words
        assert re.search(re.escape(who) + r",\s+" + re.escape(words), sentence)
        assert not {",", ";"} & set(words)


@pytest.mark.parametrize(
    "who",
    [
        # A last word of bodies' names that is no one's surname.
        "Human Rights Watch",
        "Federal Reserve",
        "Amnesty International",
        "Climate Action Network",
        "Taxpayers Alliance",
        "Open Society Foundations",
        "Citizens Advice",
        "Buckingham Palace",
        "Scottish Water",
        "General Motors",
        # The same word after "for", which a person's affiliation follows ("Jane Smith for Acme").
        "Syrian Observatory for Human Rights",
        "Carnegie Endowment for International Peace",
        # A first word of bodies' and places' names that opens no one's name.
        "Health Canada",
        "Statistics Canada",
        "Police Scotland",
        "Global Witness",
        "New Delhi",
        "South Korea",
        "Banco de España",
        "Médecins du Monde",
        # A preposition, which joins no person's names.
        "Doctors Without Borders",
        "Reporters Without Borders",
        "Médecins Sans Frontières",
        "Mothers Against Drunk Driving",
    ],
)
def test_an_organisations_name_is_told_by_its_words(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(ORGANIZATION, who)


@pytest.mark.parametrize(
    "who",
    [
        # Surnames that are words of bodies and places, first names that open bodies' names in
        # other places ("Christian Aid"), and names with a country's name in them.
        "Mary Cross",
        "Stephen House",
        "Andy Street",
        "Christian Lindner",
        "Santa Ono",
        "Patricia Scotland",
        "Geoffrey Canada",
        "Jimmy Wales",
        "Steve Israel",
        "India Knight",
        "Julie Bishop",
        "Winston Peters",
    ],
)
def test_people_whose_names_are_words_of_bodies_are_people(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(PERSON, who)


def test_a_government_named_for_its_leader_still_gives_the_leaders_first_name():
    article = "The Jacinda Ardern government fell. Ardern said it had done its best."
    assert named_speaker("Ardern", article) == NamedSpeaker(PERSON, "Jacinda Ardern")


@pytest.mark.parametrize(
    ("who", "named"),
    [
        # A title that one person holds, of a church, a peerage, a throne or a house.
        ("The Archbishop of Canterbury", NamedSpeaker(PERSON, "The Archbishop of Canterbury")),
        ("the Duke of Sussex", NamedSpeaker(PERSON, "The Duke of Sussex")),
        ("Duke of Sussex", NamedSpeaker(PERSON, "Duke of Sussex")),
        ("the Emir of Qatar", NamedSpeaker(PERSON, "The Emir of Qatar")),
        ("the Speaker of the House", NamedSpeaker(PERSON, "The Speaker of the House")),
        ("the Dalai Lama", NamedSpeaker(PERSON, "The Dalai Lama")),
        # Their see, their office and their family's seat are bodies.
        ("the Diocese of London", NamedSpeaker(ORGANIZATION, "The Diocese of London")),
        ("the Emir of Qatar's office", NamedSpeaker(ORGANIZATION, "The Emir of Qatar's office")),
        ("the Speaker's office", NamedSpeaker(ORGANIZATION, "The Speaker's office")),
    ],
)
def test_a_title_one_person_holds_is_a_person(who, named):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == named


@pytest.mark.parametrize(
    "who",
    [
        # Particles between a person's names, or joined to one; a suffix after them.
        "Ursula von der Leyen",
        "Luiz Inácio Lula da Silva",
        "Marcelo Rebelo de Sousa",
        "Ana de la Cruz",
        "Dave van den Berg",
        "Mark Van der Berg",
        "Mohammed bin Salman",
        "Bashar al-Assad",
        "Abdel Fattah el-Sisi",
        "Robert F. Kennedy Jr.",
        "Hank Williams Sr.",
        "Felipe VI",
    ],
)
def test_particles_and_suffixes_are_words_of_a_persons_name(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(PERSON, who)


@pytest.mark.parametrize(
    "who",
    [
        # The same small words in bodies' names, after a noun that opens no one's name.
        "Banco de España",
        "Banco do Brasil",
        "Ministério da Saúde",
        "Presidenza del Consiglio",
        "Junta de Andalucía",
        "Corriere della Sera",
        "Hayat Tahrir al-Sham",
        "Jaish al-Adl",
        # A particle that ends the words names no one.
        "Ursula von der",
    ],
)
def test_bodies_named_with_a_persons_particles_are_organisations(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(ORGANIZATION, who)


@pytest.mark.parametrize(
    "who",
    [
        # Countries and capitals of two words, named for their governments.
        "Saudi Arabia",
        "Sri Lanka",
        "Hong Kong",
        "Kuala Lumpur",
        "Rio de Janeiro",
        "Mexico City",
        "Manchester City",
        # Streets and places named for the bodies in them.
        "Downing Street",
        "Wall Street",
        "Capitol Hill",
        "Scotland Yard",
        # A colour before a building's word.
        "White House",
        "Red Cross",
        "Red Crescent",
        "Blue House",
    ],
)
def test_places_and_buildings_named_like_people_are_organisations(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(ORGANIZATION, who)


@pytest.mark.parametrize("who", ["Red Adair", "Jack White", "Tom Green", "Stephen House"])
def test_a_colour_is_a_persons_name_before_any_other_word(who):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(PERSON, who)


@pytest.mark.parametrize(
    ("who", "kind"),
    [
        # A common first name before a body's word that is a surname too: a person.
        ("Emily Post", PERSON),
        ("Margaret Court", PERSON),
        ("Gabrielle Union", PERSON),
        ("Bill Press", PERSON),
        ("Melissa Bank", PERSON),
        # A place, a company's or a judge's name before it: a body.
        ("Charlotte Post", ORGANIZATION),
        ("Houston Press", ORGANIZATION),
        ("Washington Post", ORGANIZATION),
        ("Morgan Bank", ORGANIZATION),
        ("Supreme Court", ORGANIZATION),
        ("the Warren Court", ORGANIZATION),
        ("European Union", ORGANIZATION),
    ],
)
def test_a_first_name_makes_a_bodys_word_a_surname(who, kind):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(kind, who[0].upper() + who[1:])


@pytest.mark.parametrize(
    ("who", "named"),
    [
        # A word for what a person does, in small letters, before a name of two words or more.
        ("CNN host Don Lemon", NamedSpeaker(PERSON, "Don Lemon", job_title="CNN host")),
        ("singer Lauryn Hill", NamedSpeaker(PERSON, "Lauryn Hill", job_title="singer")),
        (
            "U.S. Supreme Court nominee Brett Kavanaugh",
            NamedSpeaker(PERSON, "Brett Kavanaugh", job_title="U.S. Supreme Court nominee"),
        ),
        (
            "Constitutional scholar Linda R. Monk",
            NamedSpeaker(PERSON, "Linda R. Monk", job_title="Constitutional scholar"),
        ),
        # Before one word it may say what a company or a place is.
        ("investor SoftBank", NamedSpeaker(ORGANIZATION, "Investor SoftBank")),
        ("consultant Accenture", NamedSpeaker(ORGANIZATION, "Consultant Accenture")),
        # A post's word before one word is still a person's, whatever the word.
        ("Detective Post", NamedSpeaker(PERSON, "Detective Post", job_title="Detective")),
    ],
)
def test_a_word_for_what_someone_does_before_a_name_says_a_person_is_meant(who, named):
    assert named_speaker(who) == named


@pytest.mark.parametrize(
    "sentence",
    [
        "SoftBank, an investor in Uber, said it rose.",
        "Accenture, a consultant to the ministry, said it rose.",
        "Samsung, the biggest player in the market, said it rose.",
    ],
)
def test_words_for_what_a_company_is_set_off_after_its_name_leave_it_a_company(sentence):
    who = sentence.split(",")[0]
    assert named_speaker(who, sentence, sentence) == NamedSpeaker(ORGANIZATION, who)


@pytest.mark.parametrize(
    "who",
    [
        "Public broadcaster NHK",
        "pollster Ipsos",
        "broadcaster Al Jazeera",
        "forecaster AccuWeather",
        "Activist investor Elliott Management",
        "Boots the Chemist",
        "Entrepreneur magazine",
        "investor SoftBank Group",
        "consultancy Capital Economics",
    ],
)
def test_words_that_say_what_a_company_does_leave_it_a_company(who):
    assert named_speaker(who).kind == ORGANIZATION


@pytest.mark.parametrize(
    ("who", "kind"),
    [
        # A word for what people do before words no person's name has, or one that says more
        # often what a company is; and before people's names.
        ("Facebook parent Meta Platforms", ORGANIZATION),
        ("Hedge fund activist Elliott Management", ORGANIZATION),
        ("His wife Michelle Obama", PERSON),
        ("FBI agent Peter Strzok", PERSON),
        ("Tennis player Rafael Nadal", PERSON),
        ("Climate activist Greta Thunberg", PERSON),
        # One that says what a person is, before words no person's name has.
        ("G20 host South Africa", ORGANIZATION),
        ("Chip designer Arm Holdings", ORGANIZATION),
        ("CNN host Don Lemon", PERSON),
        # Bodies of other languages with a particle, and first names that open bodies' names
        # only before one.
        ("Électricité de France", ORGANIZATION),
        ("Cirque du Soleil", ORGANIZATION),
        ("Tribunale di Milano", ORGANIZATION),
        ("Ville de Paris", ORGANIZATION),
        ("Hayat Tahrir al-Sham", ORGANIZATION),
        ("Ville Niinistö", PERSON),
        ("Hayat Alvi", PERSON),
        ("Ursula von der Leyen", PERSON),
        # A profession's word names a person only where it ends the words.
        ("The expert panel", ORGANIZATION),
        ("The physician group", ORGANIZATION),
        ("Academic publisher Elsevier", ORGANIZATION),
        # A title of one, and what belongs to its holder.
        ("The Emir of Qatar's government", ORGANIZATION),
        ("The Duke of Edinburgh's Award", ORGANIZATION),
        ("The Earl of Sandwich chain", ORGANIZATION),
        ("the Speaker of the House", PERSON),
        ("the Speaker of the House of Representatives", PERSON),
        ("the Bishop of Bath and Wells", PERSON),
        ("Raad Alkadiri", PERSON),
        ("the expert", PERSON),
    ],
)
def test_a_company_a_body_or_a_person_as_a_recheck_found_them(who, kind):
    sentence = f"{who} said 40 people were affected."
    assert named_speaker(who, sentence, sentence).kind == kind
