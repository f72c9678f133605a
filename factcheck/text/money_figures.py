"""A figure typed with its currency ("€14", "$5", "£3.2bn", "14 €"): a search holds the claim to
that figure in that currency, however the claim writes the currency at it.

A currency is at a figure when its sign or its code is written just before it ("€14", "€ 14",
"US$5", "EUR 14", "Rs 40 crore") or just after it, or after its scale ("14 €" as French and
German write it, "14€", "14 Mrd. €", "14 billion euros", "14 milliards d'euros", "14 millones de
dólares"). The words are those no other measure uses: "pounds" weighs as often as it pays, so
"£5" is not "5 pounds" (but "5 pounds sterling" and "£5" are alike). "¥" stands for the yen and
the yuan, as it does in print.

Signs that are not money are left as typed: a share ("14%") is held as a figure already
(typed_phrases), and a minus is as often a hyphen ("2-3", "Covid-19"), while a fall is mostly
written in words ("fell 3%")."""

import re
from functools import lru_cache

# Each currency by the sign a search holds it with: the signs written for it, its codes and
# prefixes (before the figure; codes after it too), and its words (after the figure or its scale;
# folded, and as typed with accents). Lower case: text is compared without case.
_CURRENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # Not the football championship: "14 Euro 2024 goals".
    "€": (("€",), ("eur",), (r"euros?(?!\s\d{4}(?!\d))", "евро", "ευρω")),
    # A dollar after a figure is one of them only joined to it ("a 14-dollar ticket"): "14
    # dollar stores" are shops.
    "$": (
        ("$",),
        ("usd",),
        (
            r"(?:us\s)?dollars|(?<=-)dollar",
            "d[oó]lar(?:es)?",
            "dollari",
            "доллар[а-я]*",
            "δολαρι[α-ω]*",
        ),
    ),
    "£": (("£",), ("gbp",), (r"(?:pounds?\s)?sterling",)),
    "¥": (("¥",), ("jpy", "cny", "rmb"), ("yen", "yuan", "renminbi")),
    "₹": (("₹",), ("inr", r"rs\.?"), ("rupees?", "rupias?")),
}
# What a claim holding the currency holds somewhere, looked for before the pattern: most claims
# holding a figure's digits hold no currency. (Folding made "＄" "$" and "₨" "Rs".)
_NEEDLES = {
    "€": ("€", "eur", "евро", "ευρω"),
    "$": ("$", "usd", "dollar", "dolar", "доллар", "δολαρι"),
    "£": ("£", "gbp", "sterling"),
    "¥": ("¥", "jpy", "cny", "rmb", "yen", "yuan", "renminbi"),
    "₹": ("₹", "inr", "rs", "Rs", "rupee", "rupia"),
}
# What may stand between a figure and its currency after it: its scale, in the languages of the
# desk ("14 billion euros", "14 Mrd. €", "14 milliards d'euros", "40 crore rupees").
_SCALE = (
    r"(?:thousand|(?:m|b|tr)illions?|bn|bln|mn|mln|mld|m|k|tn|mrd|mio|tsd|milliard(?:s|en?)?"
    r"|millionen|(?:mil\s|miles\sde\s)?millones|mil(?:\smilhoes|hoes|hares)?|miliardi|milioni"
    r"|crores?|lakhs?)\.?"
)
_OF = r"(?:(?:de|d'|di)\s?)?"
# A figure: digits, with a decimal part; it ends where its number does ("€14" is not "€14.5" nor
# "€140"), though a unit may be written onto it ("€14bn").
_FIGURE = r"\d+(?:[.,]\d+)*"
_ENDS = r"(?!\d|[.,]\d)"
_WORD_ENDS = r"(?![^\W_]|-[^\W_])"  # "14 euros", not "14 euro-area countries"


def _before(currency: str) -> str:
    signs, codes, _ = _CURRENCIES[currency]
    return rf"(?:{'|'.join(map(re.escape, signs))}|(?<![^\W_])(?P<code>{'|'.join(codes)}))\s?"


def _after(currency: str) -> str:
    signs, codes, words = _CURRENCIES[currency]
    written = "|".join((*codes, *words))
    return (
        rf"(?:[\s-]?{_SCALE})?[\s-]?{_OF}"
        rf"(?:{'|'.join(map(re.escape, signs))}|(?P<word>{written}){_WORD_ENDS})"
    )


def _pattern(currency: str, figure: str) -> re.Pattern:
    """The figure (a pattern) with this currency before or after it."""
    return re.compile(
        rf"{_before(currency)}(?P<figure>{figure}){_ENDS}"
        rf"|(?<![\w.,])(?P<after>{figure}){_ENDS}{_after(currency)}",
        re.IGNORECASE,
    )


_TYPED = {currency: _pattern(currency, _FIGURE) for currency in _CURRENCIES}
# Marks a phrase as a figure with its currency: "<mark><sign><figure>".
MARK = "\ue001"


def money_phrases(folded: str) -> list[str]:
    """The figures typed with a currency, as phrases for contains_phrase (`folded` is the search
    folded as claims are: thousands separators gone, "＄" written "$")."""
    phrases = []
    for currency, pattern in _TYPED.items():
        for found in pattern.finditer(folded):
            phrases.append(f"{MARK}{currency}{found.group('figure') or found.group('after')}")
    return phrases


# How a unit written onto a figure may start ("€14bn", "€14m", "₽14млн", "¥14亿"): the index
# takes the figure and its unit for one word.
UNIT_STARTS = (*"abcdefghijklmnopqrstuvwxyz", *"мткб", *"万亿億千百兆円元")
# Codes written onto a figure ("EUR14", "Rs40"): one word of the index with it.
CODES_WRITTEN_ON = ("eur", "usd", "gbp", "jpy", "cny", "rmb", "inr", "rs")


def whole_figures(folded: str) -> set[str]:
    """The whole numbers typed with a currency ("14" in "€14"): a claim holds each as a word of
    the index on its own or with a unit written onto it, never as the start of a longer number
    ("140"), so the index need not read every word the digits begin."""
    return {phrase[2:] for phrase in money_phrases(folded) if phrase[2:].isdigit()}


def without_currency_words(text: str) -> str:
    """What was typed without the codes and words of a currency written at a figure ("EUR 14",
    "14 euros"; money_phrases holds the figure to them): the index has no word for a sign, so a
    claim writing "€14" holds none of them."""
    spans = [
        found.span(group)
        for pattern in _TYPED.values()
        for found in pattern.finditer(text)
        for group in ("code", "word")
        if found.group(group)
    ]
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return text


@lru_cache(maxsize=64)
def _held(currency: str, figure: str) -> re.Pattern:
    return _pattern(currency, re.escape(figure))


def holds_money(folded: str, phrase: str) -> bool:
    """Whether the folded claim holds the figure of this phrase (from money_phrases) with its
    currency at it."""
    currency, figure = phrase[1], phrase[2:]
    if figure not in folded or not any(needle in folded for needle in _NEEDLES[currency]):
        return False  # most matches of the figure's digits are turned away here
    return _held(currency, figure).search(folded) is not None
