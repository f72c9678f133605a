"""Articles in German, Spanish and French: language detected and stored on import, split with
that language's sentence rules, and ranked by figures and sources before colour; the direction
each language is written in."""

import json

import pytest
from click.testing import CliRunner
from helpers import parse
from hypothesis import given
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.text.language import checked_code, detect, direction
from factcheck.text.splitting import split_article

GERMAN = """Hochwasser an der Elbe: Stadt rechnet mit Schäden von 40 Millionen Euro

Die Pegel sinken, doch die Aufräumarbeiten dauern an

Nach dem Hochwasser vom 3. Mai rechnet die Stadt Pirna mit Schäden von rund 40 Millionen Euro, sagte Bürgermeisterin Anja Roth am Dienstag. Mehr als 1.200 Haushalte waren ohne Strom.

Laut dem Landesamt für Umwelt stieg der Pegel um 18 Prozent über den bisherigen Höchststand. Die Feuerwehr war mit 300 Kräften im Einsatz.

Am Abend war es in der Altstadt still. Viele Anwohner standen vor ihren Häusern und schauten auf den Fluss.
"""

SPANISH = """El paro baja al 11,2% en la Comunidad Valenciana

Los sindicatos piden prudencia ante los datos

El número de desempleados bajó en 14.300 personas en el segundo trimestre, según el Instituto Nacional de Estadística. La tasa de paro cayó hasta el 11,2%, la más baja desde 2008.

La consejera de Economía, Marta Gil, dijo que el turismo explica buena parte de la mejora. El sector contrató a 9.800 trabajadores más que el año pasado.

La tarde era calurosa en el puerto. Algunos vecinos paseaban junto al mar.
"""

FRENCH = """Le prix du ticket de bus passe à 2,10 euros à Lyon

Les usagers dénoncent une hausse brutale

Le ticket à l'unité passera de 1,90 à 2,10 euros le 1er juillet, soit une hausse de 10,5 %, a annoncé la métropole lundi. Selon la régie des transports, 420 000 voyageurs empruntent le réseau chaque jour.

Le président de l'association des usagers, M. Bernard, a déclaré que les tarifs avaient augmenté de 25 % depuis 2019.

Il faisait beau sur les quais du Rhône. Quelques cyclistes passaient sans se presser.
"""


@pytest.mark.parametrize(
    ("body", "code"), [(GERMAN, "de"), (SPANISH, "es"), (FRENCH, "fr")], ids=["de", "es", "fr"]
)
def test_the_language_is_detected_and_stored_on_import(tmp_path, body, code):
    story = tmp_path / "story.txt"
    story.write_text(body, encoding="utf-8")
    database = str(tmp_path / "f.db")
    result = CliRunner().invoke(main, ["--db", database, "import", str(story), "--json"])
    assert result.exit_code == 0, result.output
    article_id = json.loads(result.output)["article_id"]
    shown = CliRunner().invoke(main, ["--db", database, "claims", str(article_id), "--json"])
    assert json.loads(shown.output)["article"]["language"] == code


def test_language_can_be_given_on_the_command_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(GERMAN, encoding="utf-8")
    database = str(tmp_path / "f.db")
    run = CliRunner().invoke
    result = run(main, ["--db", database, "import", str(story), "--language", "DE ", "--json"])
    assert result.exit_code == 0, result.output
    article_id = json.loads(result.output)["article_id"]
    shown = json.loads(run(main, ["--db", database, "claims", str(article_id), "--json"]).output)
    assert shown["article"]["language"] == "de"
    refused = run(main, ["--db", database, "import", str(story), "--language", "German"])
    assert refused.exit_code != 0
    assert "--language" in refused.output and "two or three letters" in refused.output
    mistyped = run(main, ["--db", database, "import", str(story), "--language", "xx"])
    assert mistyped.exit_code != 0 and "not an ISO 639-1 language code" in mistyped.output


def _units(body: str, language: str):
    return split_article(body, language=language)


def _top(body: str, language: str, count: int) -> list[str]:
    claims = [unit for unit in _units(body, language) if unit.kind == "claim"]
    claims.sort(key=lambda unit: (-unit.checkworthiness, unit.seq))
    return [unit.text for unit in claims[:count]]


def test_german_dates_and_ordinals_do_not_end_a_sentence():
    texts = [unit.text for unit in _units(GERMAN, "de")]
    assert any(text.startswith("Nach dem Hochwasser vom 3. Mai rechnet") for text in texts)
    assert "Mehr als 1.200 Haushalte waren ohne Strom." in texts


@pytest.mark.parametrize(
    ("body", "language", "units"),
    [
        (
            "Die Zahl stieg im 2. Halbjahr um 5 Prozent. Das war zum 10. Mal so.",
            "de",
            ["Die Zahl stieg im 2. Halbjahr um 5 Prozent.", "Das war zum 10. Mal so."],
        ),
        # A sentence may still end on a figure, after an article too.
        ("Die Zahl stieg auf 5. Das ist viel.", "de", ["Die Zahl stieg auf 5.", "Das ist viel."]),
        (
            "Dortmund landete auf dem 2. Die Trainer waren zufrieden.",
            "de",
            ["Dortmund landete auf dem 2.", "Die Trainer waren zufrieden."],
        ),
        (
            "Freiburg beendete die Saison auf dem 5. Viele Fans feierten trotzdem.",
            "de",
            ["Freiburg beendete die Saison auf dem 5.", "Viele Fans feierten trotzdem."],
        ),
        (
            "Mainz landete auf dem 3. Seine Fans jubelten. Er spielte 2013 im 5. Die-Hard-Film.",
            "de",
            [
                "Mainz landete auf dem 3.",
                "Seine Fans jubelten.",
                "Er spielte 2013 im 5. Die-Hard-Film.",
            ],
        ),
        (
            "消費者物価は前年比３．２％上昇した。失業率は２．５％だった。",
            "ja",
            ["消費者物価は前年比３．２％上昇した。", "失業率は２．５％だった。"],
        ),
        (
            "失业率为５．０％。经济增长３．１％。",
            "zh",
            ["失业率为５．０％。", "经济增长３．１％。"],
        ),
    ],
)
def test_ordinals_and_full_width_decimals_do_not_end_a_sentence(body, language, units):
    split = split_article(body, first_line_is_headline=False, language=language)
    assert [unit.text for unit in split] == units


def test_german_figures_and_sources_rank_above_colour():
    top = _top(GERMAN, "de", 3)
    assert all("Altstadt" not in text and "Anwohner" not in text for text in top)
    units = {unit.text: unit for unit in _units(GERMAN, "de")}
    percent = next(unit for text, unit in units.items() if "18 Prozent" in text)
    assert "percentage" in percent.reasons and percent.attribution.startswith("Laut")


def test_spanish_figures_and_sources_rank_above_colour():
    top = _top(SPANISH, "es", 3)
    assert all("tarde" not in text and "vecinos" not in text for text in top)
    units = {unit.text: unit for unit in _units(SPANISH, "es")}
    jobless = next(unit for text, unit in units.items() if "14.300" in text)
    assert jobless.attribution.startswith("según")
    assert "named source or attribution" in jobless.reasons


def test_french_figures_and_sources_rank_above_colour():
    top = _top(FRENCH, "fr", 3)
    assert all("quais" not in text and "cyclistes" not in text for text in top)
    texts = [unit.text for unit in _units(FRENCH, "fr")]
    assert any(
        text.startswith("Le président de l'association des usagers, M. Bernard") for text in texts
    )
    fare = next(unit for unit in _units(FRENCH, "fr") if "2,10 euros le 1er juillet" in unit.text)
    assert {"percentage", "money amount", "number or quantity"} <= set(fare.reasons)


def test_english_word_lists_do_not_fire_in_another_language():
    reasons = [unit.reasons for unit in _units(GERMAN, "de")]
    assert not any("first-person view (lowers)" in r or "causal claim" in r for r in reasons)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said the bridge would reopen in March, and that the cost had risen.", "en"),
        (
            "Der Rat sagte, die Brücke werde im März wieder geöffnet, und die Kosten seien gestiegen.",
            "de",
        ),
        (
            "El consejo dijo que el puente se abrirá en marzo y que el coste ha subido por la obra.",
            "es",
        ),
        (
            "Le conseil a dit que le pont sera rouvert en mars et que le coût a augmenté pour la ville.",
            "fr",
        ),
        ("정부는 다리를 3월에 다시 열 것이라고 밝혔다.", "ko"),
        (
            "Совет заявил, что мост откроют в марте, и что стоимость работ была выше, чем он ожидал.",
            "ru",
        ),
    ],
)
def test_detect_names_the_language(text, code):
    assert detect(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "до", "у" and "за" are Ukrainian function words too; ы and э are Russian letters only.
        (
            "В Новосибирске из-за аварии на теплотрассе до вечера без отопления остались жители"
            " 40 домов, сообщили в мэрии. Температура воздуха опустится до 15 градусов.",
            "ru",
        ),
        (
            "У Києві через аварію на тепломережі до вечора без опалення залишилися мешканці 40"
            " будинків, повідомили у міській раді. Температура знизиться до 15 градусів.",
            "uk",
        ),
    ],
)
def test_russian_and_ukrainian_are_told_apart_by_their_own_letters(text, code):
    assert detect(text) == code


def test_too_little_text_is_not_guessed():
    assert detect("") is None
    assert detect("2024 — 17:30") is None
    assert detect("Brexit") is None


@given(st.text())
def test_detect_gives_a_code_or_none(text):
    found = detect(text)
    assert found is None or checked_code(found) == found


def test_a_german_quotation_keeps_its_speaker_across_its_sentences():
    body = (
        "Brücke wird neu gebaut\n\n"
        "„Wir bauen die Brücke neu. Das kostet Zeit“, sagte Bürgermeisterin Roth."
        " Die Kosten liegen bei 12 Millionen Euro."
    )
    units = split_article(body, language="de")
    assert [unit.attribution for unit in units[1:]] == [
        "sagte Bürgermeisterin Roth",
        "sagte Bürgermeisterin Roth",
        None,
    ]
    assert units[1].text == "„Wir bauen die Brücke neu."


@pytest.mark.parametrize(
    ("body", "language", "speaker"),
    [
        (
            "Der Minister sagte: „Die Steuern steigen nicht. Die Renten steigen.“",
            "de",
            "Der Minister sagte",
        ),
        (
            "Le ministre a déclaré : « Les impôts n’augmenteront pas. Les retraites augmenteront. »",
            "fr",
            "Le ministre a déclaré",
        ),
        (
            "Le ministre de l’Économie Bruno Le Maire a déclaré\u202f: « Non. Jamais. »",
            "fr",
            "Le ministre de l’Économie Bruno Le Maire a déclaré",
        ),
        (
            "El ministro dijo: «Los impuestos no subirán. Las pensiones sí.»",
            "es",
            "El ministro dijo",
        ),
    ],
)
def test_a_speaker_and_a_colon_before_a_quotation_attribute_each_of_its_sentences(
    body, language, speaker
):
    units = split_article(body, first_line_is_headline=False, language=language)
    assert len(units) == 2
    assert [unit.attribution for unit in units] == [speaker, speaker]


@pytest.mark.parametrize(
    ("body", "language"),
    [
        (
            "Der Finanzminister sagte: „Die Steuern steigen nicht.“ Die Opposition widersprach:"
            " „Das ist falsch. Die Steuern steigen 2025 um fünf Prozent.“",
            "de",
        ),
        (
            "Le ministre a déclaré : « Les impôts n’augmenteront pas. » L’opposition a répliqué :"
            " « C’est faux. Les impôts augmenteront de cinq pour cent en 2025. »",
            "fr",
        ),
        (
            "El ministro dijo: «Los impuestos no subirán». La oposición replicó: «Es falso. Los"
            " impuestos subirán un cinco por ciento en 2025».",
            "es",
        ),
        (
            'The minister said: "Taxes will not rise." The opposition hit back: "That is false.'
            ' Taxes will rise by five per cent in 2025."',
            "en",
        ),
    ],
)
def test_a_second_quotation_with_a_lead_in_of_its_own_is_not_the_first_speakers(body, language):
    units = split_article(body, first_line_is_headline=False, language=language)
    assert len(units) == 3
    assert units[0].attribution is not None
    assert [unit.attribution for unit in units[1:]] == [None, None]


@pytest.mark.parametrize(
    ("body", "language", "speaker"),
    [
        # The words before the verb stop where a clause joins on.
        (
            "La question est simple et le rapport explique : « Le chômage a augmenté de 2 %. »",
            "fr",
            "le rapport explique",
        ),
        (
            "Die Opposition im Bundestag hatte noch gewarnt und sagte: „Das ist falsch.“",
            "de",
            None,
        ),
        # A name after the joining word is the speaker, not the clause before it.
        (
            "La situación es grave y Pedro Sánchez dijo: «Los impuestos bajarán un 5 % en 2025».",
            "es",
            "Pedro Sánchez dijo",
        ),
        (
            "Die Lage ist ernst und Minister Lindner sagte: „Die Steuern steigen um 5 Prozent.“",
            "de",
            "Minister Lindner sagte",
        ),
        ("Er kam, sah und Scholz sagte: „Die Renten steigen um 4 Prozent.“", "de", "Scholz sagte"),
        (
            "Die Kosten stiegen, und Die Linke kritisierte: „Das sind 300 Euro mehr.“",
            "de",
            "Die Linke kritisierte",
        ),
        (
            "Il est venu et Bruno Le Maire a déclaré : « La dette atteint 3 000 milliards. »",
            "fr",
            "Bruno Le Maire a déclaré",
        ),
        # A word joining two names is no clause's start.
        (
            "Das Bundesministerium für Wirtschaft und Klimaschutz erklärte: „Die Preise sinken"
            " 2025 um 3 Prozent.“",
            "de",
            "Das Bundesministerium für Wirtschaft und Klimaschutz erklärte",
        ),
        (
            "Die Industrie- und Handelskammer warnte: „Die Preise steigen 2025 um 3 Prozent.“",
            "de",
            "Die Industrie- und Handelskammer warnte",
        ),
        (
            "Le ministre de l'Économie et des Finances a déclaré : « Le chômage a augmenté de"
            " 2 %. »",
            "fr",
            "Le ministre de l'Économie et des Finances a déclaré",
        ),
        (
            "Le ministère du Travail et de l'Emploi a précisé : « Le chômage est de 7,3 %. »",
            "fr",
            "Le ministère du Travail et de l'Emploi a précisé",
        ),
        (
            "El Ministerio de Trabajo y Economía Social señaló: «El paro bajó un 2 % en 2024».",
            "es",
            "El Ministerio de Trabajo y Economía Social señaló",
        ),
        (
            "Le chômage recule et des experts ont déclaré : « Le chômage a augmenté de 2 %. »",
            "fr",
            "des experts ont déclaré",
        ),
        # A name set off by commas is part of the speaker, as in English.
        (
            "Robert Habeck, der Bundesminister für Wirtschaft und Klimaschutz, sagte: „Die"
            " Preise sinken 2025 um 3 Prozent.“",
            "de",
            "Robert Habeck, der Bundesminister für Wirtschaft und Klimaschutz, sagte",
        ),
        (
            "Emmanuel Macron, le président de la République, a déclaré : « Le chômage a augmenté"
            " de 2 %. »",
            "fr",
            "Emmanuel Macron, le président de la République, a déclaré",
        ),
        (
            "La ministra de Hacienda, María Jesús Montero, declaró: «El déficit bajará al 3 % en"
            " 2025».",
            "es",
            "La ministra de Hacienda, María Jesús Montero, declaró",
        ),
        (
            "Die Chefin der Wirtschaftsweisen, Monika Schnitzer, erklärte: „Die Inflation sinkt"
            " 2025 auf zwei Prozent.“",
            "de",
            "Die Chefin der Wirtschaftsweisen, Monika Schnitzer, erklärte",
        ),
    ],
)
def test_the_speaker_before_a_verb_and_a_colon_is_the_clause_that_says_it(body, language, speaker):
    units = split_article(body, first_line_is_headline=False, language=language)
    assert [unit.attribution for unit in units] == [speaker]


def test_a_colon_after_no_speech_verb_names_no_speaker():
    units = split_article(
        "Die Bilanz der Nacht: 12 Verletzte.", first_line_is_headline=False, language="de"
    )
    assert [unit.attribution for unit in units] == [None]


def test_the_article_page_names_the_language_for_readers_and_screen_readers(client, make_article):
    article_id = make_article(SPANISH)
    page = parse(client.get(f"/articles/{article_id}"))
    assert page.cssselect(".article-body")[0].get("lang") == "es"
    assert page.cssselect("#article-heading")[0].get("lang") == "es"
    assert "Language: es" in page.cssselect(".article-head .meta")[0].text_content()


def test_every_language_the_detector_names_is_a_code_import_accepts():
    from factcheck.text import language

    named = {code for codes in language._WORD_LANGUAGES.values() for code in codes}
    assert named and all(language.checked_code(code) == code for code in named)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("ps", "rtl"),
        ("yi", "rtl"),
        ("AR-eg", "rtl"),
        ("az-Arab", "rtl"),
        ("ur-Latn", "ltr"),
        ("en", "ltr"),
        ("de", "ltr"),
        ("zh-Hant-TW", "ltr"),
        ("", "ltr"),
        (None, "ltr"),
    ],
)
def test_direction_names_the_way_a_language_is_written(language, expected):
    assert direction(language) == expected


@given(
    st.sampled_from(["ar", "he", "en", "fa", "ru"]),
    st.from_regex(r"[A-Za-z]{2}|\d{3}", fullmatch=True),
)
def test_a_region_does_not_change_the_direction(language, region):
    assert direction(f"{language}-{region}") == direction(language)


@given(st.text())
def test_direction_is_always_a_value_of_dir(text):
    assert direction(text) in ("ltr", "rtl")


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("eng", "en"),
        ("ARA", "ar"),
        ("ger", "de"),
        ("pt-BR", "pt"),
        ("de_AT", "de"),
        ("iw", "he"),
        ("kin", "rw"),
        ("cmn", "zh"),
        # A three-letter code of a language without a two-letter one is kept as given.
        ("fil", "fil"),
        ("yue", "yue"),
    ],
)
def test_a_language_code_is_kept_as_its_two_letter_form_where_it_has_one(given, code):
    # "eng" stored as such would miss the English word lists, "ara" the right-to-left direction.
    assert checked_code(given) == code


@pytest.mark.parametrize("given", ["und", "mul", "zxx", "xx", "English"])
def test_a_code_of_no_language_is_refused(given):
    with pytest.raises(ValueError):
        checked_code(given)
