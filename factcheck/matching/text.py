"""Text cleaning for claim matching: words as the search index sees them, social-media noise
(links, handles, hashtags, sign-off lines) taken out of a query, stopwords, numbers and names."""

import re
import unicodedata

from factcheck.matching.porter import stem
from factcheck.matching.stopwords import STOPWORDS

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*|\b[\w-]+\.(?:com|org|net|co|ly)/\S*")
# A tweet as quoted on the web ends with "— Name (@handle) Month Day, Year".
_SIGN_OFF_DATE = re.compile(
    r"\(@\w+\)\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{1,2},\s+\d{4}\s*$"
)
_HANDLE = re.compile(r"(?<![\w@])@(\w+)")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
# Where a run of letters changes case or script class: "DefundTheCBC" -> "Defund The CBC".
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z]{2,})"
)
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def fold(text: str) -> str:
    """Lower case without diacritics, as the index's unicode61 tokenizer folds them."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    """The words of `text`, folded, split on everything but letters and digits."""
    return _WORD.findall(fold(text))


def split_joined(word: str) -> str:
    """A hashtag or handle as the words it joins: "AustralianFires" -> "Australian Fires"."""
    return _CAMEL.sub(" ", word.replace("_", " "))


def clean_query(text: str) -> str:
    """`text` without links, the date of a quoted tweet's sign-off or handles' @ signs, with
    hashtags and handles split into words and thousands separators dropped from numbers."""
    text = without_sign_off(_URL.sub(" ", text))
    text = _HANDLE.sub(lambda m: " " + split_joined(m.group(1)) + " ", text)
    text = _HASHTAG.sub(lambda m: " " + split_joined(m.group(1)) + " ", text)
    text = _THOUSANDS.sub("", text)
    return " ".join(text.split())


def without_sign_off(text: str) -> str:
    """`text` without the handle and date a quoted tweet signs off with, which say who posted it
    and when, not what it claims."""
    return _SIGN_OFF_DATE.sub(" ", text)


def content_words(text: str) -> list[str]:
    """The folded words of `text` that are not stopwords, in order."""
    return [word for word in words(text) if word not in STOPWORDS]


def stems(text: str) -> list[str]:
    """The Porter stems of the content words of `text`, in order."""
    return [stem(word) for word in content_words(text)]


def numbers(text: str) -> set[str]:
    """The numbers in `text` as written, thousands separators dropped ("1,500" -> "1500")."""
    return set(_NUMBER.findall(_THOUSANDS.sub("", text)))


def names(text: str) -> set[str]:
    """Stems of the capitalised words and acronyms that do not start a sentence: the names and
    proper nouns a claim is about. A text mostly in capitals has none that can be told apart."""
    tokens = text.split()
    shouted = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if shouted and sum(t.isupper() for t in shouted) * 2 > len(shouted):
        return set()
    found: set[str] = set()
    sentence_start = True
    for raw in tokens:
        core = raw.strip("\"'“”‘’()[]«»")
        if core[:1].isupper() and not sentence_start:
            found.update(stem(word) for word in words(core) if word not in STOPWORDS)
        sentence_start = raw.endswith((".", "!", "?", ":")) or raw in ("—", "-")
    return found
