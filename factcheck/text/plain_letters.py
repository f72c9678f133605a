"""Letters as people type them without a keyboard for them: accents taken off, and the letters
whose mark is part of the letter ("ł", "ø", "đ") read as the ASCII letters written for them."""

import unicodedata

# Taking accents off leaves these as they are: read as the letters people type for them ("Łódź"
# is "lodz", "Ørsted" is "orsted").
LETTERS_WITHOUT_MARKS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
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
    return one_d("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def one_d(folded: str) -> str:
    """Folded text with "dj" read as "d": "Đoković" is written "Djokovic" as often as "Dokovic",
    and both are to find it (whatever else "dj" becomes, it becomes on both sides alike)."""
    return folded.replace("dj", "d") if "dj" in folded else folded
