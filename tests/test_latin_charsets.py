"""The Latin legacy charset a page without a declared charset is read in."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.latin_charsets import best_latin_charset

WESTERN_LETTERS = {
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß»«„“",
    "Spanish": "áéíñóúü¿¡ºª",
    "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóùú",
    "Danish": "æøåé",
    "Icelandic": "áðéíóúýþæö",
}


@given(
    st.sampled_from(sorted(WESTERN_LETTERS)).flatmap(
        lambda language: st.text(
            alphabet=WESTERN_LETTERS[language] + "abcdefghijklmnoprstuvz ,.€–“”’0123456789",
            max_size=200,
        )
    )
)
def test_a_western_text_reads_as_it_was_written(text):
    """Text in one Western language's letters, with euro signs, dashes and curly quotes, is never
    read as Central European or Turkish letters."""
    data = text.encode("cp1252")
    assert data.decode(best_latin_charset(data)) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Sejm przyjął ustawę 230 głosami, a Senat ją poprawił.", "cp1250"),
        ("Vláda schválila rozpočet. Šéf úřadu to potvrdil.", "cp1250"),
        ("Vláda schválila rozpočet. Šéf úřadu to potvrdil.", "iso8859_2"),
        ("Az infláció 4,5 százalékra gyorsult, közölte a hivatal; a bérek nőttek.", "cp1250"),
        ("Ministar je rekao da vlada još nije donijela odluku; građani čekaju.", "cp1250"),
        ("Enflasyon yüzde 47'ye geriledi, dedi Merkez Bankası başkanı.", "cp1254"),
    ],
)
def test_central_european_and_turkish_texts_read_in_their_charset(text, codec):
    data = text.encode(codec)
    assert data.decode(best_latin_charset(data)) == text


@pytest.mark.parametrize(
    "text",
    [
        "The council spent £50m on roads last year and £3bn on schools; tickets cost £5.",
        "Polls show ±3 points; ¼ of voters and ¾ of donors agree.",
        "Microsoft® Windows® ©2024, 5µg doses, ¥500bn, 20 m³ of water.",
        "El equipo quedó 1º y el rival 2ª en la liga; la ley nº 9.504 no cambió.",
        "A lei nº 9.504 não foi alterada, disse o ministro.",
        # Signs against a word: as letters of another charset they would end it.
        "IBM® and SAP® said NASA® and the NFL® use it; the NHS© says the FDA® approved.",
        "The plant pumped 40 million m³ of water; customers pay £4.99 per m³, the board said.",
        "Growth was 4.2 percent¹, the ministry said³. Der Bericht¹ sagt, die Zahlen sind³ neu.",
    ],
)
def test_western_signs_are_not_taken_for_central_european_letters(text):
    """Pounds, plus-minus, fractions, ® and ordinals are letters in windows-1250 or ISO-8859-2
    ("Ł50m", "ą3", "MicrosoftŽ", "nş"): a page of them without accented words was misread."""
    data = text.encode("cp1252")
    assert data.decode(best_latin_charset(data)) == text


def test_a_text_that_reads_alike_either_way_stays_western():
    assert best_latin_charset("Café Zürich, 3 €".encode("cp1252")) == "cp1252"
    assert best_latin_charset(b"plain ASCII") == "cp1252"
