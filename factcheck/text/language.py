"""An article's language (an ISO 639-1 code): guessed from its script and commonest words, checked
as typed, and the direction it is written in."""

import re
from collections import Counter

# Scripts that name their language on their own (or nearly: Han without kana is read as Chinese).
_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
)
_LETTER = re.compile(r"[^\W\d_]")
# Punctuation and digits become spaces, so that splitting on spaces leaves the words (a C-speed
# pass: a regular expression over every word of a long article costs ten times as much).
_NOT_WORDS = str.maketrans(dict.fromkeys('!"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”«»„‘…–—0123456789', " "))

# Short, frequent function words of each language; a word in two lists counts for both.
FUNCTION_WORDS = {
    "en": "the and of to in is that for was on with as are by it from at his have has be were"
    " this which an their they not but he she had been said would",
    "de": "der die das und ist nicht ein eine einer den dem des zu von mit sich auf für im auch"
    " wird wurde sind es bei nach aus wie noch über sagte hat",
    "fr": "le la les et des est une un du dans que qui pour pas sur au aux par avec ce cette se"
    " sont ont été il elle plus selon leur",
    "es": "el la los las y de que en es una un del por con para se su al más como pero fue ha"
    " han está según sus este esta",
    "it": "il lo la gli le e di che è un una del della per con non si sono nel alla dei anche"
    " ha più come questo stato",
    "pt": "o a os as e de que do da em um uma para com não por se são mais como foi ao dos das"
    " pelo pela seu sua está",
    "nl": "de het een en van is dat op te in voor niet met zijn aan ook als bij door er maar"
    " werd wordt heeft hij zij",
    "sv": "och att det som en ett är på för med av till den inte har var om de jag men ska"
    " från hade också",
    "da": "og at det som en et er på for med af til den ikke har var om de jeg men skal fra"
    " havde også efter",
    "nb": "og at det som en et er på for med av til den ikke har var om de jeg men skal fra"
    " hadde også etter",
    "pl": "i w na z że się nie do to jest jak po od przez dla jego oraz ale czy przy który"
    " także został była",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh sebagai"
    " karena bahwa mereka telah",
    "tr": "ve bir bu da de için ile olarak çok daha ama gibi olan en kadar sonra ancak her"
    " değil göre oldu",
    "ru": "и в не на что с по как это из он она к у за от о же но для был была были его"
    " также который",
    "uk": "і в не на що з по як це із він вона до у за від про але для був була були його"
    " також який",
}
_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _code, _words in FUNCTION_WORDS.items():
    for _word in _words.split():
        _WORD_LANGUAGES[_word] = (*_WORD_LANGUAGES.get(_word, ()), _code)

SAMPLE_CHARS = 5_000
MIN_HITS = 5
SCRIPT_SHARE = 0.3
# The best language needs this many times the runner-up's hits (Danish and Norwegian share
# most of their small words and are told apart by the few they do not).
MARGIN = 1.1
CODE = re.compile(r"[a-z]{2,3}")
#: The two-letter codes of ISO 639-1, so that a mistyped --language is caught.
TWO_LETTER_CODES = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu
    """.split()
)
#: ISO 639-2 codes (bibliographic and terminological) of languages that have a two-letter code:
#: "eng" is "en", so that the word lists and the text's direction know it.
_THREE_TO_TWO = dict(
    pair.split(":")
    for pair in """
    eng:en deu:de ger:de fra:fr fre:fr spa:es ita:it por:pt nld:nl dut:nl swe:sv dan:da nor:no
    nob:nb nno:nn fin:fi isl:is ice:is pol:pl ces:cs cze:cs slk:sk slo:sk slv:sl hrv:hr srp:sr
    bos:bs bul:bg mkd:mk mac:mk ron:ro rum:ro hun:hu ell:el gre:el tur:tr rus:ru ukr:uk bel:be
    lit:lt lav:lv est:et kat:ka geo:ka hye:hy arm:hy aze:az kaz:kk uzb:uz ara:ar heb:he fas:fa
    per:fa urd:ur pus:ps hin:hi ben:bn pan:pa guj:gu mar:mr tam:ta tel:te kan:kn mal:ml sin:si
    nep:ne zho:zh chi:zh jpn:ja kor:ko vie:vi tha:th ind:id msa:ms may:ms tgl:tl swa:sw amh:am
    som:so hau:ha yor:yo ibo:ig zul:zu xho:xh afr:af cat:ca eus:eu baq:eu glg:gl cym:cy wel:cy
    gle:ga lat:la sqi:sq alb:sq mlt:mt lao:lo khm:km mya:my bur:my mon:mn bod:bo tib:bo yid:yi
    kur:ku tat:tt kir:ky tgk:tg tuk:tk kin:rw tir:ti orm:om uig:ug ltz:lb fao:fo que:qu oci:oc
    bre:br roh:rm nya:ny sna:sn sot:st tsn:tn mlg:mg lug:lg wol:wo bam:bm ful:ff cmn:zh arb:ar
    pes:fa prs:fa zsm:ms swh:sw ekk:et lvs:lv
    """.split()
)
#: The codes ISO 639 keeps for no language in particular: undetermined, several, none, other.
NO_LANGUAGE = frozenset("und mul zxx mis".split())
#: The old codes of Hebrew, Indonesian and Yiddish, which pages still declare.
_OLD_CODES = {"iw": "he", "in": "id", "ji": "yi"}
#: Languages written right to left; iw and ji are the old codes of Hebrew and Yiddish.
RIGHT_TO_LEFT = frozenset("ar arc ckb dv fa he iw ji ks nqo ps sd syr ug ur yi".split())
#: Scripts written right to left, for a tag that names its script, such as az-Arab or pa-Arab.
RIGHT_TO_LEFT_SCRIPTS = frozenset("adlm arab hebr nkoo rohg syrc thaa".split())


# Letters that only one of two languages sharing a script writes: Russian never writes і, ї, є
# or ґ, Ukrainian never ы, э, ъ or ё. Their function words overlap ("до", "у", "за"), so these
# settle which of the two a text is.
_OWN_LETTERS = {"ru": "ыэъё", "uk": "іїєґ"}


def _by_own_letters(sample: str) -> str | None:
    lower = sample.lower()
    found = {code: sum(map(lower.count, letters)) for code, letters in _OWN_LETTERS.items()}
    ranked = sorted(found.items(), key=lambda item: -item[1])
    (best, count), (_, other) = ranked[0], ranked[1]
    return best if count and (other == 0 or count >= 3 * other) else None


def detect(text: str) -> str | None:
    """The language of text as a two-letter code, or None when there is too little to tell."""
    sample = text[:SAMPLE_CHARS]
    if not sample.isascii():
        letters = None
        for code, script in _SCRIPTS:
            if script.search(sample):
                letters = letters or len(_LETTER.findall(sample))
                if len(script.findall(sample)) >= SCRIPT_SHARE * letters:
                    return code
    counts = Counter(sample.lower().translate(_NOT_WORDS).split())
    hits: dict[str, int] = {}
    for word in counts.keys() & _WORD_LANGUAGES.keys():
        for code in _WORD_LANGUAGES[word]:
            hits[code] = hits.get(code, 0) + counts[word]
    if not hits:
        return None
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    best, count = ranked[0]
    if best in _OWN_LETTERS and sum(hits.get(code, 0) for code in _OWN_LETTERS) >= MIN_HITS:
        by_letters = _by_own_letters(sample)
        if by_letters is not None:
            return by_letters
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < MIN_HITS or count < MARGIN * runner_up:
        return None
    return best


def checked_code(value: str) -> str:
    """A language code as given to --language, as its two-letter ISO 639-1 code where it has one:
    "pt-BR" is "pt", "eng" is "en", the old "iw" is "he"; another three-letter code (Filipino's
    "fil", Cantonese's "yue") is kept. ValueError for anything else, and for the codes of no
    language in particular ("und")."""
    code = value.strip().lower().replace("_", "-").partition("-")[0]
    if not CODE.fullmatch(code):
        raise ValueError(
            f"{value!r} is not a language code; give two or three letters such as en, de, fr or es"
        )
    code = _OLD_CODES.get(code) or _THREE_TO_TWO.get(code) or code
    if len(code) == 2 and code not in TWO_LETTER_CODES:
        raise ValueError(
            f"{value!r} is not an ISO 639-1 language code; give one such as en, de, fr or es"
        )
    if code in NO_LANGUAGE:
        raise ValueError(f"{value!r} names no language; give one such as en, de, fr or es")
    return code


def direction(language: str | None) -> str:
    """The direction a language is written in, as HTML's dir attribute takes it: "rtl" for
    Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish and the like, else "ltr" (an unknown language
    too). A tag's region is ignored; a script it names decides (ur-Latn runs left to right)."""
    subtags = (language or "").strip().lower().replace("_", "-").split("-")
    script = next((tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RIGHT_TO_LEFT else "ltr"
