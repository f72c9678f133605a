"""Who a claim's speaker is, as its article names them: a person or an organisation, a surname
given in full ("Noem said" is Kristi Noem), a role and an employer apart from the name."""

import re
from dataclasses import dataclass
from typing import Final

from factcheck.matching.stopwords import STOPWORDS
from factcheck.shared_words import capitalised
from factcheck.text.attribution import LOWER, UPPER, has_speech_verb
from factcheck.text.role_words import PROFESSIONS, ROLES

# Words for a post or a profession: "mayor", "fire chief", "historian".
_POSTS: Final = ROLES | PROFESSIONS

PERSON: Final = "Person"
ORGANIZATION: Final = "Organization"


@dataclass(frozen=True)
class NamedSpeaker:
    kind: str  # PERSON or ORGANIZATION
    name: str
    job_title: str | None = None  # "fire chief" in "fire chief Oskar Hale"
    affiliation: str | None = None  # "the Treasury" in "Jane Smith of the Treasury"


# Honorifics, which say a person is meant but are no part of their job.
_HONORIFICS: Final = frozenset("mr mrs ms mx dr prof sir dame lord lady rev".split())
# Words for someone unnamed ("the patient", "the victim's mother"): a person, if no one named.
_PERSON_NOUNS: Final = frozenset(
    """
    man woman boy girl child patient victim mother father wife husband son daughter brother
    sister parent cousin uncle aunt friend neighbour neighbor resident witness teacher nurse
    driver student agent designer expert academic
    """.split()
)
# Words for what a person does, which a name follows in small letters ("CNN host Don Lemon",
# "singer Lauryn Hill", "his wife Michelle Obama", "FBI agent Peter Strzok"). Some say what a
# company or a country is as well ("G20 host South Africa", "chip designer Arm Holdings"): they
# make a person only of a name of two words or more that looks like a person's
# (_looks_like_a_persons_name). "Parent" and "educator" say more often what a company is
# ("Facebook parent Meta Platforms", "Nonprofit educator Khan Academy"). (role_words.PROFESSIONS
# are posts wherever they stand.)
_WHAT_PEOPLE_DO: Final = (_PERSON_NOUNS - {"parent"}) | frozenset(
    """
    host anchor contributor influencer singer rapper musician actor actress comedian artist
    painter athlete footballer cricketer golfer boxer umpire referee scholar chef businessman
    businesswoman billionaire philanthropist nominee retiree diarist criminal personality
    survivor veteran player activist
    """.split()
)
# What a person is set off by, as a job title: a post, a profession, or what they do.
_A_PERSONS_WORDS: Final = _POSTS | _WHAT_PEOPLE_DO
# Titles that one person holds, of a church, a peerage, a throne or a house ("the Archbishop of
# Canterbury", "the Duke of Sussex", "the Emir of Qatar", "the Speaker of the House", "the Dalai
# Lama"): a person, where "the Diocese of London" is a body.
_TITLES_OF_ONE: Final = frozenset(
    """
    archbishop bishop cardinal patriarch rabbi imam ayatollah mufti lama pastor vicar priest
    chaplain rector provost duke duchess earl countess marquess marchioness viscount baron
    baroness emir sultan sheikh shah maharaja speaker
    """.split()
)
# Words that end the names of organisations, not people ("Kotak Institutional Equities").
_ORGANISATION_WORDS: Final = frozenset(
    """
    agency association authority bank board bureau center centre chronicle club college
    commission committee company co corp corporation council court daily department equities
    foundation fund group herald hospital inc institute journal league ltd llc ministry news
    office organization organisation party police post press school service society times
    trust union university
    """.split()
)
# More last words of organisations' names that are no one's surname ("Human Rights Watch",
# "Federal Reserve", "Amnesty International", "Climate Action Network"). Kept apart from
# _ORGANISATION_WORDS, which also stops a surname's first name being looked for before a word
# ("the Ardern government" still names Jacinda Ardern).
_BODIES_LAST_WORDS: Final = frozenset(
    """
    watch network alliance international foundations reserve coalition federation forum
    institution endowment campaign initiative partnership roundtable observatory parliament
    government assembly army rights aid relief advice rebellion parenthood palace motors
    industries electronics airlines airways holdings statistics security exchange support
    ambulance corps water oil city management technologies platforms brands allah
    """.split()
)
# Words that open organisations' and places' names and no one's: a field of public life, an
# adjective of a nation or the world, a point of the compass ("Health Canada", "Statistics
# Norway", "Global Witness", "National Farmers Union", "New Delhi", "South Korea"), and the
# common nouns that open bodies' names in other languages, before a particle that people's names
# have too ("Banco de España", "Médecins du Monde", "Presidenza del Consiglio", "Hayat Tahrir
# al-Sham"). "Christian", "Santa", "Royal" and "Saint" open people's names too ("Christian
# Lindner", "Santa Ono").
_BODIES_FIRST_WORDS: Final = frozenset(
    """
    health statistics sport transport elections police tourism geoscience fisheries revenue
    customs immigration parks housing historic natural public mental national federal
    international global world european african asian arab islamic human climate
    north south east west northern southern eastern western central new upper lower great
    greater united los las
    banco banque banca caixa caja cassa ministerio ministério ministère ministero universidad
    universidade université università instituto institut istituto médecins medecins reporteros
    comisión comissão commissione consejo conselho conseil consiglio tribunal corte cour agencia
    agência agence agenzia fundación fundação fondation fondazione museo museu musée palacio
    palácio palais palazzo partido parti partito casa junta generalitat xunta comunidad
    ayuntamiento prefeitura mairie comune città ciudad estado gobierno governo
    gouvernement presidencia presidência présidence presidenza secretaría secretaria fiscalía
    procuraduría policía polícia polizia guardia cámara câmara camera senado sénat
    senato congreso congresso asociación associação federación confederación sindicato
    syndicat servicio serviço hospital hôpital ospedale office oficina corriere diario diário
    jornal folha gazzetta
    jabhat ahrar jaish jaysh asaib harakat liwa kataib jamaat hizb tanzim jund
    électricité electricite petróleos petroleos aéroports aeroports cirque crédit credit
    compagnie olympique atlético atletico estudiantes stade hôtel ordem centro fédération
    federation ministerie procura tribunale majlis grupo
    """.split()
)
# Words that open bodies' names before a particle ("Ville de Paris", "Hayat Tahrir al-Sham") and
# people's names without one ("Ville Niinistö", "Hayat Alvi", "Ansar Burney").
_BODIES_FIRST_WORDS_BEFORE_PARTICLES: Final = frozenset("ville hayat hay'at ansar saraya".split())
# Words of bodies' names that are surnames too ("Emily Post", "Margaret Court", "Gabrielle
# Union", "Bill Press", "Melissa Bank"), and common first names that make such a name a
# person's. Names of places, companies and courts are left out ("Charlotte Post", "Houston
# Press", "Morgan Bank", "the Warren Court", "Victoria Court").
_SURNAMES_OF_BODIES_WORDS: Final = frozenset("bank court post press union".split())
_FIRST_NAMES: Final = frozenset(
    """
    aaron adam alan albert alex alexander alice alison amanda amy andrew angela ann anna anne
    anthony barbara ben benjamin bill bob brian carl carol catherine chris christine
    christopher claire daniel david deborah diana diane donald donna dorothy edward elizabeth
    ellen emily emma eric frank gabrielle gary george gordon graham grace hannah harold helen
    henry ian jack james jane janet jason jean jeff jennifer jeremy jessica jim joan joe john
    jonathan joseph joshua judith julia julie karen kate katherine kathleen kelly kenneth kevin
    kim laura lauren linda lisa louise lucy margaret maria marie mark martha martin mary matthew
    megan melissa michael michelle nancy nicholas nicole patricia patrick paul peter philip
    rachel rebecca richard robert ruth ryan samuel sandra sarah scott sharon simon sophie
    stephen steven susan thomas timothy tom tony william
    ahmed ali anders ana carlos chen fatima giovanni hans ivan jan jens juan li luis marco
    mohammed muhammad olga pablo pierre priya raj rosa sergei sven wei yuki
    """.split()
)
# Countries and capitals whose names are two capitalised words, as a person's are: named for
# their governments ("Saudi Arabia said", "Sri Lanka said", "Kuala Lumpur said"); and the
# streets and places that news names for the bodies in them ("Downing Street said", "Wall
# Street", "Capitol Hill", "Scotland Yard"). Those opening with a point of the compass or "New"
# are told by their first word (_BODIES_FIRST_WORDS).
_PLACES_OF_TWO_WORDS: Final = frozenset(
    """
    downing-street wall-street capitol-hill scotland-yard foggy-bottom silicon-valley
    fleet-street madison-avenue threadneedle-street pennsylvania-avenue dalal-street
    saudi-arabia hong-kong sri-lanka costa-rica el-salvador burkina-faso sierra-leone
    puerto-rico ivory-coast cape-verde czech-republic dominican-republic equatorial-guinea
    san-marino vatican-city papua-new-guinea solomon-islands marshall-islands cayman-islands
    abu-dhabi tel-aviv kuala-lumpur buenos-aires addis-ababa phnom-penh mexico-city
    kuwait-city panama-city guatemala-city dar-es-salaam rio-de-janeiro são-paulo sao-paulo
    """.split()
)
# Colours open the names of buildings and bodies ("the White House", "Red Cross", "Red
# Crescent", "the Blue House"), and no one's before such a word ("Red Adair" is a person).
_COLOURS: Final = frozenset("red white black green blue grey gray".split())
_BUILDINGS_WORDS: Final = frozenset("house cross crescent hall palace tower building".split())
# Prepositions, which join the words of bodies' names ("Doctors Without Borders", "Mothers
# Against Drunk Driving", "Médecins Sans Frontières") and of no person's; a person's particles
# ("van", "de", "bin") are no prepositions here.
_PREPOSITIONS_IN_NAMES: Final = frozenset(
    "for without against sans beyond across within among towards toward versus für ohne gegen"
    " pour contre contra".split()
)
_DETERMINERS: Final = frozenset(("the", "a", "an"))
# Words that start the names of places, never a person's first name ("South China", "West Texas").
_PLACE_STARTS: Final = frozenset(
    "north south east west northern southern eastern western central new upper lower great"
    " greater saint st san santa los las united royal".split()
)
# Words after a name that make it a place's or a body's ("South China Sea", "George Washington
# Bridge", "Thomson Reuters Foundation"), not a person's.
_PLACE_NOUNS: Final = frozenset(
    "sea ocean river bridge street road avenue square park island islands bay lake mountain"
    " mountains valley county city state province region airport station stadium hotel museum"
    " church cathedral tower hall building centre center foundation institute".split()
)
# The last words of newspapers' names in other languages than English ("Le Monde", "Der
# Spiegel", "De Telegraaf").
_OTHER_LANGUAGES_OUTLET_WORDS: Final = frozenset(
    """
    monde figaro parisien croix soir temps devoir presse país pais mundo tiempo nación nacion
    clarín clarin vanguardia razón razon spiegel zeit welt zeitung tageszeitung kurier
    repubblica stampa giornale messaggero nazione standaard telegraaf parool volkskrant
    """.split()
)
# The last words of newspapers' names ("The Denver Post", "Le Monde", "Der Spiegel"). Some are
# surnames too ("Emily Post", "Lena Sun"), so a name ending with one is an outlet's only when
# something else says so: "the" before it, an article of another language, or an outlet's opening
# word (_OUTLET_OPENERS).
_OUTLET_WORDS: Final = _OTHER_LANGUAGES_OUTLET_WORDS | frozenset(
    """
    times post herald tribune gazette telegraph chronicle journal inquirer enquirer courier
    dispatch bulletin sentinel register mirror express globe star sun mail magazine weekly
    spectator courant standard observer guardian independent leader economist
    """.split()
)
# Of those, the words that are a post's too ("the Labour Leader", "the Chief Economist", "the
# Permanent Observer"): an outlet's after an outlet's opening word ("The Argus Leader") or alone
# after "the" ("The Economist", "The Observer"; not "the Leader", as often the Leader of the
# House).
_OUTLET_POSTS: Final = frozenset("leader economist observer guardian independent".split())
_OUTLET_ALONE: Final = frozenset("economist observer guardian independent".split())
# Words that open newspapers' names and no one's name ("Daily Mail", "Herald Sun", "Argus
# Leader", "Sunday Times").
_OUTLET_OPENERS: Final = frozenset("daily sunday evening morning weekly argus herald".split())
# Outlets' last words that are no one's surname, an outlet's however the name opens ("Chicago
# Tribune", "Frankfurter Allgemeine Zeitung"), and those that are no word of a post either.
_OUTLET_ONLY: Final = frozenset(
    "tribune gazette telegraph inquirer enquirer zeitung tageszeitung".split()
)
# Articles of other languages, which open newspapers' names ("Le Monde", "El País", "Die Zeit")
# and some surnames ("Le Pen", "De Croo", "La Russa"); "lo" and "o" open given names as often.
_ARTICLES: Final = frozenset("le la les el der die das il het de".split())
# The outlet words a name opening with one of those articles may end with: the other languages'
# own ("Le Monde", "De Telegraaf") and the English that is no surname ("Le Sun" may be a person).
_OUTLET_WORDS_AFTER_ARTICLES: Final = (
    _OUTLET_ONLY | _OTHER_LANGUAGES_OUTLET_WORDS | frozenset({"standard"})
)
# What joins the names of a list ("Jane Doe; Chicago Tribune", "Jane Doe and the Daily Post").
_A_LIST_OF_NAMES: Final = re.compile(r"[;,|&/]|\s(?:and|und|et|y|e)\s")
# "Jane Smith of the Department of Transportation" is Jane Smith: the words before these.
_OF_WHOM: Final = re.compile(r"\s(?:of|at|for|from|with)\s")
# A word of a person's name: capitalised, with a small letter in it ("McNeil", "O'Hara",
# "Smith-Jones"), or an initial ("J.").
_NAME_WORD: Final = rf"(?:(?:{UPPER}\.)+|{UPPER}[\w'’-]*{LOWER}[\w'’-]*)"
_POSSESSIVE: Final = ("'s", "’s")


def named_speaker(who: str, article_text: str = "", sentence: str = "") -> NamedSpeaker | None:
    """The speaker `who` (as attribution.speaker gives it) named as a reader would name them, the
    whole article `article_text` telling a surname's first name and the claim's `sentence` what
    the words set off after the name say of them ("Smith, a spokesperson for Acme, said"); None
    when `who` is no name at all ("soon after", "and", "As I": words an attribution phrase caught
    by mistake)."""
    named = _named(who, article_text)
    words = apposition(who, sentence)
    if named is None or words is None:
        return named
    opening, *rest = who.split()
    if opening.lower() in _DETERMINERS and named.kind == PERSON and _is_a_name(words):
        # "the mayor, Jane Smith, said" is Jane Smith, mayor.
        return NamedSpeaker(PERSON, words, job_title=" ".join(rest) or None)
    # A person's words for what they do are a job title ("Will Tjernlund, a consultant for ...");
    # a company's may say what it is ("SoftBank, an investor in Uber").
    said_of = _role_in(words, _A_PERSONS_WORDS if named.kind == PERSON else _POSTS)
    if said_of is None:
        return named
    job_title, affiliation = said_of
    if named.kind == ORGANIZATION:
        if not _is_a_name(who):
            return named
        # "Smith, a spokesperson for Acme" and "Smith, 45" are people, however short the name.
        name = (full_name(who, article_text) if " " not in who else None) or who
        return NamedSpeaker(PERSON, name, job_title, affiliation)
    return NamedSpeaker(
        PERSON,
        named.name,
        named.job_title or job_title,
        named.affiliation or affiliation,
    )


# The words set off by commas right after a name, up to the next comma or the sentence's end.
_APPOSITION_AFTER: Final = r"(?![\w'’-]),\s+(?P<words>[^,;:()\"“”]{1,80}?)(?:\s*[,;]|\.?\s*$)"
# Words that open a clause about the speaker, not a word for who they are.
_CLAUSE_OPENINGS: Final = frozenset("who whose whom which that where when while".split())


def apposition(who: str, sentence: str) -> str | None:
    """The words set off by commas after the speaker in a claim's sentence: "a spokesperson for
    Acme" in "Smith, a spokesperson for Acme, said ..." and in "..., said Jane Smith, a
    spokesperson for Acme."; None when no such words follow the name."""
    if not who.strip() or not sentence:
        return None
    match = re.search(r"(?<![\w'’-])" + re.escape(who) + _APPOSITION_AFTER, sentence)
    if match is None:
        return None
    words = match.group("words").strip()
    # "Smith, a spokesperson for Acme Corp. said the plant would close." has none.
    return None if not words or has_speech_verb(words) else words


def _role_in(words: str, posts: frozenset[str]) -> tuple[str | None, str | None] | None:
    """(job title, employer) that an apposition gives a person: ("spokesperson", "Acme") from
    "a spokesperson for Acme", ("chief economist", "Lloyds Bank") from "chief economist at
    Lloyds Bank"; (None, None) for an age ("45"); None when it says nothing of a person's post
    ("which makes widgets", "a maker of widgets", "speaking on Tuesday"). `posts` are the words
    for a post it may hold."""
    if re.fullmatch(r"\d{1,3}", words):
        return None, None
    kept = words.split()
    if kept[0].lower() in _DETERMINERS:
        kept = kept[1:]
    if not kept:
        return None
    opening = kept[0].lower()
    if opening in _CLAUSE_OPENINGS or (opening.endswith("ing") and opening not in posts):
        return None  # "who chairs the council", "citing a senior official"
    # A clause about the speaker or the employer ends the words of the post: "a spokesperson
    # for Acme who joined in May" works for Acme.
    clause = next((index for index, word in enumerate(kept) if word in _CLAUSE_OPENINGS), None)
    text = " ".join(kept[:clause])
    whom = _OF_WHOM.search(text)
    role = (text[: whom.start()] if whom else text).split()
    if not role:
        return None
    employer = text[whom.end() :].strip() if whom else None
    affiliation = None
    if len(role) > 1 and role[0].endswith(_POSSESSIVE) and _is_acronym(role[0][:-2]):
        # "NASA's associate administrator"; "Carlineo's attorney" keeps whose they are.
        affiliation, role = role[0][:-2], role[1:]
    bare = [word.lower().rstrip(".") for word in role]
    if bare[-1] not in _PERSON_NOUNS and not (len(role) <= 4 and set(bare) & posts):
        return None  # a post is a role's word, or ends with a word for a person
    job_title = " ".join(role)
    if employer and any(word[:1].isupper() for word in employer.split()):
        affiliation = affiliation or employer
    elif employer:
        job_title = text  # "spokesperson for the council": no name to give as an employer
    return job_title, affiliation


def _is_a_name(words: str) -> bool:
    """Whether the words are a name's alone: one to four capitalised words or initials."""
    parts = words.split()
    return 0 < len(parts) <= 4 and all(re.fullmatch(_NAME_WORD, part) for part in parts)


# Words for a public body that English writes without "the" and in small letters: "according to
# police", "state police said", "federal prosecutors said", "according to health authorities".
# Said first in a sentence, with its capital ("Police said"), each was a body already.
_BODIES_IN_SMALL_LETTERS: Final = frozenset(
    "police authorities government military army navy prosecutors".split()
)


# The words before one of those that say which body it is ("state police", "federal
# prosecutors", "health authorities"). Any other word may say who the people are rather than
# which body ("two former prosecutors", "retired police", "every government"): those name no one.
_WHICH_BODY: Final = frozenset(
    """
    state federal local city county national regional provincial municipal metropolitan
    health riot traffic border transit transport tax customs immigration election military
    defence defense security
    """.split()
)


def _a_body_in_small_letters(words: list[str]) -> bool:
    """ "police", "state police", "federal prosecutors": a word for a public body, in small
    letters, after at most two words saying which (_WHICH_BODY)."""
    return (
        len(words) <= 3
        and words[-1] in _BODIES_IN_SMALL_LETTERS
        and all(word in _WHICH_BODY for word in words[:-1])
    )


def _named(who: str, article_text: str) -> NamedSpeaker | None:
    words = who.split()
    if words and _a_body_in_small_letters(words):
        # The body that "Police said" names, however the sentence is worded.
        return NamedSpeaker(ORGANIZATION, capitalised(who))
    if not words or not _names_anyone(words):
        return None
    post = _post_in_a_body(words)
    if post is not None:
        return post
    base, affiliation = _split_affiliation(who)
    base_words = base.split()
    if base_words[0].endswith(_POSSESSIVE) and len(base_words) > 1:
        # "NASA's Steve Clarke" is Steve Clarke, of NASA.
        affiliation, base_words = base_words[0][:-2], base_words[1:]
    lead, name_words = _split_role(base_words)
    if not name_words:
        return _unnamed(who, lead, article_text)
    job_title = _job_title(lead)
    has_title = bool(lead)
    if len(name_words) == 1:
        full = full_name(name_words[0], article_text) or _first_name_full(
            name_words[0], article_text
        )
        if full is not None:
            return NamedSpeaker(PERSON, full, job_title, affiliation)
        if affiliation and name_words[0].lower() in _TITLES_OF_ONE:
            return NamedSpeaker(PERSON, capitalised(who))  # "Duke of Sussex"
        if not has_title or name_words[0].lower() in _BODIES_LAST_WORDS:
            # "Toyota said", "Reuters said": one word the article never gives a first name to;
            # "General Motors" is no general.
            return NamedSpeaker(ORGANIZATION, capitalised(who))
        return NamedSpeaker(PERSON, " ".join([*lead, *name_words]), job_title, affiliation)
    if has_title or _looks_like_a_persons_name(name_words, article_text):
        return NamedSpeaker(PERSON, " ".join(name_words), job_title, affiliation)
    return NamedSpeaker(ORGANIZATION, capitalised(who))


def _post_in_a_body(words: list[str]) -> NamedSpeaker | None:
    """ "Bank of England governor Andrew Bailey", "White House press secretary Karine
    Jean-Pierre": a body's name of two words or more (or an acronym), a post in small letters
    with a role's word in it, then a person's name; None for any other shape ("Democratic
    senator Chuck Schumer" names a party's adjective, not a body). Role words in small letters
    before the body belong to the post ("former Bank of England governor Mark Carney" was
    governor)."""
    before_body = 0
    while before_body < len(words) and words[before_body] in _POSTS:
        before_body += 1
    end = len(words)
    while end > 0 and re.fullmatch(_NAME_WORD, words[end - 1]):
        end -= 1
    name = [word for word in words[end:] if word.lower().rstrip(".") not in _HONORIFICS]
    start = end
    while start > 0 and words[start - 1].islower():
        start -= 1  # the post: the words in small letters before the name
    body, post = words[before_body:start], words[start:end]
    if not post or not set(post) & _POSTS or not name or len(name) > 4 or not body:
        return None
    if body[-1].endswith(_POSSESSIVE):  # "Bank of England's governor"
        body = [*body[:-1], body[-1][:-2]]
    if not body[0][:1].isupper() or not (len(body) > 1 or _is_acronym(body[0])):
        return None
    job_title = " ".join([*words[:before_body], *post])
    return NamedSpeaker(PERSON, " ".join(name), job_title, " ".join(body))


def _unnamed(who: str, words: list[str], article_text: str) -> NamedSpeaker:
    """A speaker with no name of their own: "the mayor" and "the patient" are people, "the
    health ministry" an organisation; "the 14th-ranked Schwartzman" is the Diego Schwartzman
    the article names; "The Argus Leader" is a newspaper."""
    if names_an_outlet(" ".join(words)):
        return NamedSpeaker(ORGANIZATION, capitalised(who))
    if words[0].lower() in _DETERMINERS and re.fullmatch(_NAME_WORD, words[-1]):
        full = full_name(words[-1], article_text)
        if full is not None and all(not word[:1].isupper() for word in words[1:-1]):
            return NamedSpeaker(PERSON, full)
    before_whom = _OF_WHOM.split(" ".join(words), maxsplit=1)[0].split()
    bare = {word.lower().strip(".,") for word in before_whom}
    head = before_whom[-1].lower()
    # "the Bank of England governor" ends with the post, after the body's "of".
    last = words[-1].lower().strip(".,")
    person = (
        bool(bare & (ROLES | _HONORIFICS))
        or last in _POSTS  # a profession's word names a person last: not "the expert panel"
        or head in _PERSON_NOUNS
        or (head in _TITLES_OF_ONE and _of_one_alone(words))
        or head.endswith("-year-old")
    )
    return NamedSpeaker(PERSON if person else ORGANIZATION, capitalised(who))


# Small words inside the name of a title's place ("the Speaker of the House of Representatives",
# "the Bishop of Bath and Wells", "the Patriarch of Moscow and All Russia").
_IN_PLACE_NAMES: Final = _DETERMINERS | frozenset(("of", "and"))


def _of_one_alone(words: list[str]) -> bool:
    """Whether a title of one ("the Emir of Qatar") is all the words say: not "the Emir of
    Qatar's government", "the Duke of Edinburgh's Award" nor "the Earl of Sandwich chain"."""
    place = " ".join(words).split(" of ", 1)[-1].split()
    return all(
        (word[:1].isupper() or word.lower() in _IN_PLACE_NAMES) and not word.endswith(_POSSESSIVE)
        for word in place
    )


def _names_anyone(words: list[str]) -> bool:
    """Whether the words can name a speaker: "the ..." or a capitalised word somewhere, and not
    function words alone."""
    if all(word.lower().strip(",.") in STOPWORDS and not _is_acronym(word) for word in words):
        return False  # "As I"; not "WHO"
    return words[0].lower() in _DETERMINERS or any(word[:1].isupper() for word in words)


def _split_affiliation(who: str) -> tuple[str, str | None]:
    """("Jane Smith", "the Treasury") from "Jane Smith of the Treasury" when the words before
    "of" hold a capitalised name; the whole otherwise ("the Centers for Disease Control")."""
    parts = _OF_WHOM.split(who, maxsplit=1)
    if len(parts) == 1:
        return who, None
    base = parts[0].split()
    _, name_words = _split_role(base)
    if not name_words or base[0].lower() in _DETERMINERS:
        return who, None
    return parts[0], parts[1].strip() or None


def _split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """The words before a name (honorifics, roles and what qualifies them: "fire chief",
    "Defense Secretary", "Gov.") and the name's words; no name words when there is no
    capitalised word after the role ("the mayor")."""
    last_role = -1
    by_noun = False  # the last is a word for a person in small letters ("CNN host Don Lemon")
    for index, word in enumerate(words):
        bare = word.lower().rstrip(".,")
        if bare in _POSTS or bare in _HONORIFICS:
            last_role, by_noun = index, False
        elif word.islower() and bare in _WHAT_PEOPLE_DO:
            last_role, by_noun = index, True
    if words[0].lower() in _DETERMINERS:
        return words, []  # "the fire chief", "the Treasury secretary", "the Pentagon"
    lead, rest = words[: last_role + 1], words[last_role + 1 :]
    # After such a word, one capitalised word may be a place or a body, and so may more that a
    # person's name would not be ("G20 host South Africa", "chip designer Arm Holdings").
    if _is_a_persons_name_in_words(rest) and not (
        by_noun and (len(rest) < 2 or not _looks_like_a_persons_name(rest, ""))
    ):
        return lead, rest
    return words, []  # "Health bosses", "Fort Worth Police Department responded and"


# Small words inside people's names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva",
# "Mohammed bin Salman", "Bashar al-Assad"), and those that follow one of them ("van der",
# "de la").
_PARTICLES: Final = frozenset(
    "van von de da das do dos del della di du bin ibn bint al el le la zu af abu ben".split()
)
_AFTER_PARTICLES: Final = frozenset("der den la las los".split())
# What ends a person's name after it ("Robert F. Kennedy Jr.", "Felipe VI", "Abdullah II").
_SUFFIX: Final = re.compile(r"[JS]r\.?|(?=[IVX]{2})X{0,2}(?:IX|IV|V?I{0,3})")
_PARTICLE_JOINED: Final = re.compile(rf"(?:{'|'.join(sorted(_PARTICLES))})-{_NAME_WORD}")


def _is_a_persons_name_in_words(words: list[str]) -> bool:
    """Whether the words can be a person's name: capitalised words or initials, with particles
    between them ("von der", "da", "bin") or joined to one ("al-Assad"), and a suffix after them
    ("Jr.", "III")."""
    if len(words) > 1 and _SUFFIX.fullmatch(words[-1]):
        words = words[:-1]
    if not words or not re.fullmatch(_NAME_WORD, words[0]) or not _a_name_word(words[-1]):
        return False
    for previous, word in zip(words[:-2], words[1:-1], strict=True):
        if word in _PARTICLES or (word in _AFTER_PARTICLES and previous.lower() in _PARTICLES):
            continue
        if not _a_name_word(word):
            return False
    return True


def _a_name_word(word: str) -> bool:
    return bool(re.fullmatch(_NAME_WORD, word) or _PARTICLE_JOINED.fullmatch(word))


def _job_title(lead: list[str]) -> str | None:
    """ "fire chief" from the words before a name; None when they are honorifics alone."""
    kept = [word for word in lead if word.lower().rstrip(".") not in _HONORIFICS]
    return " ".join(kept) or None


def full_name(surname: str, article_text: str) -> str | None:
    """The fullest name the article gives a speaker it calls by one word: "Kristi Noem" for
    "Noem" after "Gov. Kristi Noem", the first time it is written so; None when the article
    never puts a first name before it. Roles, honorifics, function words and a place ahead of
    the name ("envoy to Ukraine Kurt Volker") are left out."""
    if not re.fullmatch(_NAME_WORD, surname) or surname.isupper():
        return None
    if surname.lower() in _ORGANISATION_WORDS:  # "the Chronicle" is no one's surname
        return None
    pattern = re.compile(rf"((?:{_NAME_WORD} ){{1,3}}){re.escape(surname)}(?:['’]s)?(?![\w'’-])")
    for match in pattern.finditer(article_text):
        following = re.match(r"\s+([\w'’-]+)", article_text[match.end() :])
        if following and following.group(1).lower() in _PLACE_NOUNS | _ORGANISATION_WORDS:
            continue  # "South China Sea": a place that ends with the speaker's word
        given = _given_names(match.group(1).split(), article_text)
        if given:
            return " ".join([*given, surname])
    return None


def _given_names(words: list[str], article_text: str) -> list[str]:
    """The first names among the capitalised words before a surname, read back from it: up to a
    role, an honorific, a function word or a possessive; a word the article also writes on its
    own (a place such as "Ukraine", not "Kurt") is not one."""
    kept: list[str] = []
    for word in reversed(words):
        bare = word.lower().rstrip(".")
        if bare in STOPWORDS or bare in _POSTS or bare in _HONORIFICS or _elided(word):
            break
        if bare in _PLACE_STARTS:
            return []  # "South China", "West Texas": a place, whatever follows
        kept.insert(0, word)
    while len(kept) > 1 and _stands_alone(kept[0], article_text):
        kept.pop(0)
    return kept


def _first_name_full(first_name: str, article_text: str) -> str | None:
    """A speaker called by a first name the article gives a person's word to ("her brother Dale
    Ford", "Ford's sister, Martha Fry"): the full name, or the first name alone."""
    nouns = "|".join(sorted(_PERSON_NOUNS | _POSTS))
    match = re.search(
        rf"\b(?:{nouns})s?,? {re.escape(first_name)}(?: (?P<surname>{_NAME_WORD}))?(?![\w'’-])",
        article_text,
    )
    if match is None:
        return None
    surname = match.group("surname")
    return f"{first_name} {surname}" if surname else first_name


def _elided(word: str) -> bool:
    """A possessive or a contraction ("Ford's", "Can't"), not "O'Hara"."""
    return any(mark in word[2:] for mark in "'’")


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word.endswith(".")


def _stands_alone(word: str, article_text: str) -> bool:
    """Whether the article writes `word` with no capitalised word either side of it ("in
    Ukraine, ..."), as it would not a first name."""
    if _is_initial(word):
        return False
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", article_text):
        before = article_text[max(0, match.start() - 40) : match.start()]
        after = article_text[match.end() : match.end() + 40]
        if re.search(rf"(?<![\w'’.-]){_NAME_WORD} $", before) is None and (
            re.match(rf" {_NAME_WORD}(?![\w'’-])", after) is None
        ):
            return True
    return False


def _looks_like_a_persons_name(words: list[str], article_text: str) -> bool:
    """ "Oskar Hale", not "People's Daily" (a possessive), "Kotak Institutional Equities" or
    "Human Rights Watch" (an organisation's last word), "Health Canada" (a body's first word),
    "Doctors Without Borders" (a preposition) nor "South Dakota" (which the article writes after
    "in")."""
    if any(word.endswith(_POSSESSIVE) for word in words):
        return False
    bare = [word.lower().rstrip(".") for word in words]
    given = len(bare) == 2 and bare[0] in _FIRST_NAMES and bare[1] in _SURNAMES_OF_BODIES_WORDS
    if (bare[-1] in _ORGANISATION_WORDS and not given) or bare[-1] in _BODIES_LAST_WORDS:
        return False
    if bare[0] in _BODIES_FIRST_WORDS or not _PREPOSITIONS_IN_NAMES.isdisjoint(bare[1:]):
        return False
    if bare[0] in _BODIES_FIRST_WORDS_BEFORE_PARTICLES and any(
        word in _PARTICLES or _PARTICLE_JOINED.fullmatch(word) for word in words[1:]
    ):
        return False
    if "-".join(bare) in _PLACES_OF_TWO_WORDS:
        return False
    if len(bare) == 2 and bare[0] in _COLOURS and bare[1] in _BUILDINGS_WORDS:
        return False
    name = " ".join(words)
    if names_an_outlet(name):
        return False
    return re.search(rf"\bin {re.escape(name)}(?![\w'’-])", article_text) is None


def names_an_outlet(name: str) -> bool:
    """Whether a name in capitalised words is a newspaper's, by its last word (_OUTLET_WORDS)
    and what opens it: "the" ("The Denver Post", "the Sun"), an article of another language
    ("Le Monde", "El País", "Der Spiegel"; not "Le Pen" nor "Les Moonves"), or an outlet's own
    opening word ("Daily Mail", "Herald Sun"); a last word no one bears as a surname needs
    nothing before it ("Chicago Tribune"). A word of a post is an outlet's only after an outlet's
    opening word or alone ("The Argus Leader", "The Economist"; not "the Labour Leader"), and no
    name with a post's word before its last is ("the Chief Observer"). "Emily Post", "Mark
    Leader" and "Lena Sun" name no outlet, and nor does a list of names ("Jane Doe; Chicago
    Tribune", a reporter and the paper she writes for)."""
    if _A_LIST_OF_NAMES.search(name):
        return False
    words = name.split()
    the = bool(words) and words[0].lower() == "the"
    rest = words[1:] if the else words
    if not rest or not all(word[:1].isupper() for word in rest):
        return False
    last, first = rest[-1].lower().rstrip("."), rest[0].lower()
    if last not in _OUTLET_WORDS or any(
        word.lower().rstrip(".") in _POSTS | _HONORIFICS for word in rest[:-1]
    ):
        return False
    if last in _OUTLET_POSTS:
        opener = len(rest) > 1 and rest[-2].lower() in _OUTLET_OPENERS
        return opener or (the and len(rest) == 1 and last in _OUTLET_ALONE)
    if the or last in _OUTLET_ONLY or (len(rest) > 1 and first in _OUTLET_OPENERS):
        return True
    return len(rest) == 2 and first in _ARTICLES and last in _OUTLET_WORDS_AFTER_ARTICLES
