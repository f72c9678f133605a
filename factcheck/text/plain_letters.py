"""Letters as people type them without a keyboard for them: accents taken off, and the letters
whose mark is part of the letter ("ł", "ø", "đ") read as the ASCII letters written for them."""

import unicodedata

# Taking accents off leaves these as they are: read as the letters people type for them ("Łódź"
# is "lodz", "Ørsted" is "orsted", "Đoković" is "djokovic", as English writes it).
LETTERS_WITHOUT_MARKS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "dj",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def unaccented(text: str | None) -> str:
    """Text in lower case without its accents ("Kraków" is "krakow", "Łódź" is "lodz"); other
    marks and signs as they are ("²" stays "²")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(LETTERS_WITHOUT_MARKS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
