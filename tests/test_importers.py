"""Importers: plain text, HTML pages and URLs become a tidy ImportedArticle, or a clear refusal."""

import codecs
import datetime
import functools
import io
import re
import threading
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import refusal_text, refused_saying
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import importers
from factcheck.importers import (
    ImportedArticle,
    ImportRefused,
    from_html,
    from_text,
    from_url,
    load,
    tidy_text,
)
from factcheck.network.fetch import FetchedPage, FetchError, FetchPolicy, ResponseTooLarge
from factcheck.text.splitting import split_article

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE_PARAGRAPHS = [
    "The town council voted seven to two on Wednesday night to keep the island ferry running all "
    "year, approving a budget of 2.4 million pounds after a debate that lasted almost four hours.",
    "Councillors who opposed the plan said the cost per passenger had doubled since 2019 and that "
    "a summer-only timetable would save close to 600,000 pounds a year.",
    "Supporters answered that about 300 islanders depend on the winter crossings to reach the "
    "clinic, the secondary school and their jobs on the mainland.",
    "The harbour master told the meeting that the boat, built in 1998, would need a new engine "
    "within three years, and that the repair had not been included in the figures.",
    "The council will publish the full timetable for next winter before the end of April, and "
    "residents can comment on it for six weeks.",
]
LONG_PARAGRAPH = "The bridge will close for repairs on Monday, the county said in a statement. " * 4


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def html_page(paragraph: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article><p>{paragraph}</p></article></body></html>"


# --- tidy_text --------------------------------------------------------------------------------

messy_text = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(["\r\n", "\r", "\n", " ", "\t", "\u2028", "\u2029", "e\u0301", "\x00"])
).map("".join)


@given(messy_text)
def test_tidy_text_output_follows_the_body_rules(text):
    tidy = tidy_text(text)
    assert "\r" not in tidy
    assert "\n\n\n" not in tidy
    assert tidy == tidy.strip()
    assert all(line == line.rstrip() for line in tidy.split("\n"))
    assert unicodedata.is_normalized("NFC", tidy)
    assert not any(unicodedata.category(char) == "Cc" for char in tidy if char not in "\t\n")


@given(messy_text)
def test_tidy_text_is_idempotent(text):
    assert tidy_text(tidy_text(text)) == tidy_text(text)


words = st.text(alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=12)
gaps = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n\n\n", " \n ", "\u2028"])


@given(st.lists(st.tuples(words, gaps), min_size=1))
def test_tidy_text_keeps_every_word_in_order(pieces):
    text = "".join(word + gap for word, gap in pieces)
    assert tidy_text(text).split() == unicodedata.normalize("NFC", text).split()


def test_tidy_text_drops_invisible_line_break_hints_and_keeps_joiners():
    # Soft hyphens (&shy; in CMS pages), zero-width spaces, word joiners and a stray BOM cut a
    # word in two for search and library matching, though nobody sees them; joiners shape emoji
    # and scripts (ZWJ, ZWNJ), and direction marks order right-to-left text, so they stay.
    text = "Unem\u00adploy\u00adment in the north\u200bern re\u2060gion\ufeff rose. 👨\u200d👩 می\u200cخواهم \u200f"
    assert (
        tidy_text(text)
        == "Unemployment in the northern region rose. 👨\u200d👩 می\u200cخواهم \u200f"
    )


def test_html_soft_hyphens_do_not_split_words():
    page = html_page("Die Arbeits&shy;losen&shy;quote stieg auf 7 Prozent. " + LONG_PARAGRAPH)
    assert "Die Arbeitslosenquote stieg auf 7 Prozent." in from_html(page.encode()).body


# --- plain text -------------------------------------------------------------------------------


def test_text_import_normalises_line_endings_spaces_and_blank_lines():
    data = b"  Ferry budget passes  \r\n\r\n\r\n\r\nThe council voted.   \rIt was late.\r\n\n\n\n"
    article = from_text(data)
    assert article.body == "Ferry budget passes\n\nThe council voted.\nIt was late."
    assert article.title == "Ferry budget passes"
    assert (article.import_format, article.first_line_is_headline) == ("text", True)
    assert (article.source_url, article.publisher, article.author, article.published_date) == (
        None,
        None,
        None,
        None,
    )


def test_text_import_composes_to_nfc():
    article = from_text("Cafe\u0301 owner says rent doubled".encode())
    assert article.body == "Caf\u00e9 owner says rent doubled"


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "Zürich vote\n\nTurnout was 46%.".encode(),
        "Zürich vote\n\nTurnout was 46%.".encode("utf-16"),
        codecs.BOM_UTF16_BE + "Zürich vote\n\nTurnout was 46%.".encode("utf-16-be"),
        codecs.BOM_UTF16_LE + "Zürich vote\n\nTurnout was 46%.".encode("utf-16-le"),
    ],
)
def test_text_import_accepts_utf8_and_utf16_with_a_bom(encoded):
    assert from_text(encoded).body == "Zürich vote\n\nTurnout was 46%."


def test_text_import_refuses_bytes_that_are_not_utf8():
    with refused_saying(ImportRefused, "not valid UTF-8 .*on line 1.*save it as UTF-8"):
        from_text("Café".encode("latin-1") + b" menu")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "some text".encode("utf-16-le"),
        bytes(range(1, 32)) * 3 + b"abc",
        b"{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 The council said 40 schools would close.\\par}",
        codecs.BOM_UTF8 + b"\n {\\rtf1\\ansi The council said 40 schools would close.\\par}",
    ],
)
def test_text_import_refuses_binary_data(data):
    with refused_saying(ImportRefused, "binary|PNG image|RTF document .*as plain text"):
        from_text(data)


@pytest.mark.parametrize("data", [b"....", b"-- 2024 --", "\u2026 \u00b7".encode()])
def test_text_import_refuses_text_without_a_word(data):
    with refused_saying(ImportRefused, "no words, only marks or figures"):
        from_text(data)


@given(
    st.text(),
    st.sampled_from([chr(code) for code in [*range(32), 127]]),
    st.text(),
    st.sampled_from(["utf-8", "utf-16"]),
)
def test_html_is_decoded_without_the_control_characters_html_has_no_use_for(
    before, control, after, charset
):
    page = f"<p>{before}{control}{after}"
    kept = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", page)
    assert importers.decode_html(page.encode(charset), charset) == kept


def test_marks_that_reorder_text_are_not_kept_on_import():
    """With them the workbench would show other words than are stored, quoted and exported."""
    article = from_text(
        "Port figures \u202edisputed\u202c\n\nThe council said \u202eevil\u202c 3 million euros"
        " were spent \u2067here\u2069.".encode()
    )
    assert article.title == "Port figures disputed"
    assert article.body.endswith("The council said evil 3 million euros were spent here.")


def test_text_import_tolerates_a_few_control_characters():
    article = from_text(b"Headline\n\nA page break\x0cthen more text and a stray escape \x1b here.")
    assert article.body == "Headline\n\nA page break\nthen more text and a stray escape  here."


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n", "\u200b\ufeff\u00ad\n\u200b".encode()],
)
def test_text_import_refuses_empty_text(data):
    with refused_saying(ImportRefused, "empty"):
        from_text(data)


def test_text_import_refuses_more_than_max_bytes_and_says_how_to_raise_it():
    with pytest.raises(ImportRefused) as refused:
        from_text(b"x" * 101, max_bytes=100)
    message = refusal_text(refused.value)
    assert "100 bytes" in message and "--max-bytes" in message
    assert "FACTCHECK_MAX_IMPORT_BYTES" in message and "\n" not in message
    assert from_text(b"x" * 100, max_bytes=100).body == "x" * 100


class _AskedFor(io.BytesIO):
    """A stream that notes how many bytes each read asked for."""

    asked: list[int]

    def read(self, size=-1, /):
        self.asked.append(size)
        return super().read(size)


@pytest.mark.parametrize("max_bytes", [100, 1024**3])
def test_a_high_limit_is_not_asked_for_in_memory_all_at_once(max_bytes):
    # read(max_bytes + 1) allocates that much up front: with --max-bytes 1073741824 a small
    # article failed with MemoryError wherever memory was capped (a container, ulimit -v).
    stdin = _AskedFor(b"Storm closes 3 bridges\n\nThe storm closed 3 bridges on Friday.\n")
    stdin.asked = []
    imported = importers.load("-", stdin=stdin, max_bytes=max_bytes)
    assert imported.title == "Storm closes 3 bridges"
    assert stdin.asked and max(stdin.asked) <= 1024**2
    with pytest.raises(ImportRefused):
        importers.load("-", stdin=io.BytesIO(b"x" * 101), max_bytes=100)


@given(
    st.lists(st.text(alphabet=st.characters(categories=("L", "N", "Zs")), min_size=1), min_size=1)
)
def test_text_title_is_the_first_non_empty_line(lines):
    data = "\n".join(lines).encode()
    if not any(character.isalpha() for character in tidy_text("\n".join(lines))):
        return  # refused: no words
    article = from_text(data)
    first_line = unicodedata.normalize("NFC", next(line.strip() for line in lines if line.strip()))
    if len(first_line) <= importers.TITLE_MAX_CHARS:
        assert article.title == first_line
        assert article.body.startswith(article.title)
    else:
        assert article.title.endswith("…") and len(article.title) <= importers.TITLE_MAX_CHARS
        assert first_line.startswith(article.title.removesuffix("…"))


def test_an_article_pasted_as_one_long_line_is_not_titled_by_all_of_it():
    # The first line names a text import; an article with no line break at all (copied from a
    # PDF or an app that drops them) would otherwise be titled by its whole text, as an HTML page
    # without a <title> never is.
    line = "The council approved a budget of 40 million euros on Tuesday. " * 800
    article = from_text(line.encode())
    assert len(article.title) <= importers.TITLE_MAX_CHARS and article.title.endswith("…")
    assert article.body == line.strip()


# --- HTML -------------------------------------------------------------------------------------


PROMO_LINES = [
    "ALSO READ: Pier repairs to start in May, contractor says",
    "Read more: Fifty years of the island ferry in pictures",
]


def test_html_import_keeps_the_article_and_drops_the_page_chrome():
    article = from_html(fixture("article.html"))
    paragraphs = article.body.split("\n\n")
    assert [p for p in paragraphs if p not in PROMO_LINES] == ARTICLE_PARAGRAPHS
    for chrome in ("Photo: Gazette staff", "All rights reserved",
                   "Market hall reopens", "Opinion", "approves ferry budget"):  # fmt: skip
        assert chrome not in article.body


def test_a_promo_label_before_a_link_to_another_story_is_dropped_as_navigation():
    article = from_html(fixture("article.html"))
    for line in PROMO_LINES:
        assert line not in article.body
        assert line.split(": ", 1)[1] not in article.body


def _page(*paragraphs: str) -> bytes:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<html><head><title>Ferry</title></head><body><article>{story}</article></body></html>".encode()


FERRY = [
    "The town council voted seven to two on Wednesday night to keep the island ferry running"
    " all year, approving a budget of 2.4 million pounds after a long debate.",
    "Councillors who opposed the plan said the cost per passenger had doubled since 2019 and"
    " that a summer-only timetable would save close to 600,000 pounds a year.",
    "Supporters answered that about 300 islanders depend on the winter crossings to reach the"
    " clinic, the secondary school and their jobs on the mainland.",
]


def test_promo_lines_without_links_are_kept_and_marked_not_a_claim():
    promo = "ALSO READ | Pier repairs to start in May? Ferry fares to rise"
    article = from_html(_page(FERRY[0], promo, FERRY[1], FERRY[2]))
    assert promo in article.body
    units = split_article(article.body, first_line_is_headline=article.first_line_is_headline)
    promo_units = [unit for unit in units if unit.start >= article.body.index(promo)][:2]
    assert [unit.text for unit in promo_units] == [
        "ALSO READ | Pier repairs to start in May?",
        "Ferry fares to rise",
    ]
    assert all(unit.kind == "not_a_claim" for unit in promo_units)


def test_calls_to_subscribe_that_end_the_page_are_left_out():
    article = from_html(
        _page(
            *FERRY,
            "Have a tip? Jo Hale may be reached at jhale@example.com. Follow her on Twitter.",
            "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        )
    )
    assert article.body.split("\n\n") == FERRY


def test_text_hidden_from_readers_is_left_out():
    hover = '<span class="rollover-people-block">Profile card: more stories about her</span>'
    article = from_html(
        _page(
            f"{FERRY[0]} Mayor Jo Hale{hover} voted for it.",
            FERRY[1],
            f'<span style="display: none">Hidden teaser text</span>{FERRY[2]}',
        )
    )
    assert "Profile card" not in article.body and "Hidden teaser" not in article.body
    assert "Mayor Jo Hale voted for it." in article.body


def test_words_a_reader_hovers_over_are_kept_and_only_their_pop_up_left_out():
    card = '<span class="rollover-people-block"><span>Profile card of Jo Hale</span></span>'
    article = from_html(
        _page(
            f'{FERRY[0]} Waiting lists at the <abbr class="has-tooltip">NHS</abbr> grew to'
            " 7.6 million.",
            f'Mayor <span class="rollover-people"><a class="rollover-people-link" href="/p">Jo'
            f" Hale</a>{card}</span> and the"
            ' <span class="glossary-tooltip-trigger">consumer price index</span> agreed.',
            'The <span class="tooltip">£2.5 billion<span class="tooltiptext">Pounds sterling'
            '</span></span> fund and the <span class="popover-link">ferry levy</span> pay.',
        )
    )
    body = article.body
    popped = from_html(
        _page(
            FERRY[0],
            'Waiting lists at the <a class="term" href="/nhs">NHS<span class="tooltip">National'
            ' Health Service</span></a> grew, and the <abbr class="tooltip" title="Office for'
            ' National Statistics">ONS</abbr> counted them.',
            'They reached 7.6 million<sup><a href="#fn1">1</a><span class="footnote-popover">'
            "Source: monthly statistics.</span></sup> last year, the ministry said.",
        )
    ).body
    assert "Waiting lists at the NHS grew, and the ONS counted them." in popped
    # Words named for the tip they show on hover, in a sentence's run of words, are the words.
    hovered = from_html(
        _page(
            FERRY[0],
            'The council said <span class="tooltipstered">the NHS trust</span> and <a'
            ' class="user-hovercard" href="/p/jo">Jo Hale</a> would lose 300 jobs, and <span'
            ' class="tooltip"><a href="/ons">the ONS</a></span> agreed.',
        )
    ).body
    assert (
        "The council said the NHS trust and Jo Hale would lose 300 jobs, and the ONS agreed."
        in (hovered)
    )
    # In a link's, a bold run's or a quote's words, and in a wrapper with its tip.
    inside = from_html(
        _page(
            FERRY[0],
            'The <a href="/nhs">local <span class="tooltip" title="National Health Service">NHS'
            '</span> trust</a> and <span class="src">health secretary <a class="js-hovercard"'
            ' href="/p/ws">Wes Streeting</a></span> and <strong>the <span class="tooltipstered">'
            'ONS</span></strong> and <cite>the <span class="rollover">BBC</span></cite> and'
            ' <span class="tooltip-container">the IFS<span class="tooltip-text">Institute for'
            " Fiscal Studies</span></span> agreed.",
        )
    ).body
    assert (
        "The local NHS trust and health secretary Wes Streeting and the ONS and the BBC and the"
        " IFS agreed."
    ) in inside
    assert "They reached 7.6 million¹ last year, the ministry said." in popped
    assert "National Health Service" not in popped and "Source:" not in popped
    assert "Waiting lists at the NHS grew to 7.6 million." in body
    assert "Mayor Jo Hale and the consumer price index agreed." in body
    assert "The £2.5 billion fund and the ferry levy pay." in body
    assert "Profile card" not in body and "Pounds sterling" not in body


def test_words_given_the_tooltip_role_are_kept_and_only_a_tip_that_pops_up_left_out():
    article = from_html(
        _page(
            FERRY[0],
            'The council said the <span role="tooltip">NHS</span> trust would lose 300 jobs.',
            'Waiting lists at the <abbr aria-describedby="tip-nhs">NHS</abbr><span'
            ' role="tooltip" id="tip-nhs">National Health Service</span> grew, and the <a'
            ' href="/ons">ONS<span role="tooltip">Office for National Statistics</span></a>'
            " counted them.",
            'The <span aria-describedby="tooltip7">IFS</span> agreed.</p><div class="tooltip"'
            ' role="tooltip" id="tooltip7"><div class="tooltip-arrow"></div><div>Institute for'
            " Fiscal Studies</div></div><p>" + FERRY[1],
        )
    )
    body = article.body
    assert "The council said the NHS trust would lose 300 jobs." in body
    assert "Waiting lists at the NHS grew, and the ONS counted them." in body
    assert "The IFS agreed." in body
    assert "National Health Service" not in body and "Office for National" not in body
    assert "Institute for Fiscal Studies" not in body


def test_a_sentences_words_given_the_tooltip_role_at_the_end_of_an_emphasis_are_kept():
    article = from_html(
        _page(
            FERRY[0],
            "The report found the trust had <em>misled patients about <span"
            ' role="tooltip">waiting times in A&amp;E</span></em>.',
            FERRY[1],
        )
    )
    assert "The report found the trust had misled patients about waiting times in A&E." in (
        article.body
    )


def test_a_box_given_the_tooltip_role_is_left_out_though_nothing_names_it():
    article = from_html(
        _page(
            FERRY[0],
            'The <span class="glossary-term">CPI</span> rose 3% in March.</p><div'
            ' role="tooltip" class="glossary-pop">CPI: Consumer prices index, the measure of'
            " inflation the Bank of England targets at 2%.</div><p>" + FERRY[1],
        )
    )
    assert "The CPI rose 3% in March." in article.body
    assert "Consumer prices index" not in article.body


TWEET = "The ferry runs all winter, whatever the council says. Book early!"


def test_an_embedded_tweet_is_kept_as_a_quotation_of_who_posted_it():
    """A tweet is often the statement a desk checks; extractors drop it with its widget. Its
    words are the poster's, not the reporter's: the reports and ClaimReview name the speaker."""
    from factcheck.text.splitting import split_article

    embed = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet" data-lang="en">'
        f'<p lang="en" dir="ltr">{TWEET} <a href="https://t.co/abc">pic.twitter.com/abc</a></p>'
        "&mdash; Island Ferries (@islandferries) "
        '<a href="https://twitter.com/islandferries/status/1">March 4, 2026</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script></div>'
    )
    article = from_html(_page(FERRY[0], f"</p>{embed}<p>{FERRY[1]}", FERRY[2]))
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0] == FERRY[0] and paragraphs[-1] == FERRY[2]
    quoted = f"“{TWEET} pic.twitter.com/abc”, Island Ferries wrote on X."
    assert quoted in paragraphs
    assert "@islandferries" not in article.body and article.published_date is None
    units = [u for u in split_article(quoted, first_line_is_headline=False)]
    assert len(units) > 1
    assert {u.attribution for u in units} == {"Island Ferries wrote on X"}


@pytest.mark.parametrize(
    "words",
    [
        "Our anti-smoking campaign cut smoking by 12% in 2025.",
        "Smoking fell 12% in 2025 — the biggest fall yet - thanks to all.",
        "Great meeting today with the World Health Organization (@WHO) on smoking.",
    ],
)
def test_a_tweet_with_dashes_in_its_words_is_quoted_once_with_its_poster(words):
    for dash in ("&mdash;", "-"):  # a hyphen after the post's paragraph, as some pages write it
        embed = (
            f'<blockquote class="twitter-tweet"><p>{words}</p>{dash} Health Ministry (@HealthMin)'
            ' <a href="https://twitter.com/HealthMin/status/1">March 4, 2026</a></blockquote>'
        )
        article = from_html(_page(FERRY[0], f"</p>{embed}<p>{FERRY[1]}"))
        assert f"“{words}”, Health Ministry wrote on X." in article.body.split("\n\n")


def test_a_tweet_without_its_author_line_is_quoted_with_no_speaker():
    embed = f'<blockquote class="twitter-tweet"><p>{TWEET}</p></blockquote>'
    article = from_html(_page(FERRY[0], f"</p>{embed}<p>{FERRY[1]}"))
    assert f"“{TWEET}”" in article.body.split("\n\n")


def test_a_page_without_an_author_in_its_metadata_is_by_its_bylines_people():
    assert from_html(_page("By Sam Reyes", *FERRY)).author == "Sam Reyes"
    assert from_html(_page("By JANE DOE", *FERRY)).author == "Jane Doe"
    assert from_html(_page("By Jane Doe · 5 min read", *FERRY)).author == "Jane Doe"
    assert from_html(_page("By Staff Reports", *FERRY)).author is None
    assert from_html(_page(*FERRY)).author is None
    assert from_html(_page("By J. K. Rowling", *FERRY)).author == "J. K. Rowling"
    assert from_html(_page("By Sam Press", *FERRY)).author == "Sam Press"
    assert from_html(_page("By Jane Doe March 3, 2024", *FERRY)).author == "Jane Doe"


@pytest.mark.parametrize(
    ("listed", "author"),
    [
        ("Doe, Jane", "Jane Doe"),
        ("Jane Doe, John Roe", "Jane Doe; John Roe"),
        ("Doe, Jane; Roe, John", "Jane Doe; John Roe"),
        # A place the article names, or a credit, is no given name.
        ("Jones, Washington", None),
        ("Doe, Mark", "Mark Doe"),
        ("Jones, Agencies", "Jones"),
        ("Agencies", None),
        ("Newsdesk", None),
    ],
)
def test_an_author_listed_surname_first_is_one_person(listed, author):
    story = [
        *FERRY,
        "The ministry in Washington has not commented on the vote.",
        "The letter from Mark Carney was read out.",
    ]
    page = _page(*story).replace(
        b"<head>", f'<head><meta name="author" content="{listed}">'.encode()
    )
    assert from_html(page).author == author


def test_a_surname_listed_before_the_place_the_article_names_with_its_initials_is_no_author():
    story = [*FERRY, "The ministry in Washington DC has not commented on the vote."]
    page = _page(*story).replace(
        b"<head>", b'<head><meta name="author" content="Jones, Washington">'
    )
    assert from_html(page).author is None


def test_html_import_reads_the_metadata():
    article = from_html(fixture("article.html"))
    assert article == ImportedArticle(
        title="Harbour town council approves ferry budget after long debate",
        source_url="https://gazette.example/news/ferry-budget-approved",
        publisher="The Harbour Gazette",
        author="Mira Okonjo",
        published_date="2024-03-14",
        body=article.body,
        import_format="html",
        first_line_is_headline=False,
        language="en",
    )


def _dated_page(published: str) -> bytes:
    head = f'<meta property="article:published_time" content="{published}">'
    return html_page(LONG_PARAGRAPH, head).encode()


@pytest.mark.parametrize(
    ("published", "kept"),
    [
        # Sydney's 8 am and Tokyo's 1:30 am on the 7th: already past at 20:54 UTC on the 6th.
        ("2026-12-07T08:00:00+11:00", "2026-12-07"),
        ("2026-12-07T01:30:00+09:00", "2026-12-07"),
        ("2026-12-07T23:30:00+14:00", "2026-12-07"),
        ("2026-12-07", "2026-12-07"),  # the date in most of Asia and the Pacific
        ("2026-12-06T22:00:00-05:00", "2026-12-06"),
        ("2026-12-06T20:00:00Z", "2026-12-06"),
        ("2026-11-20T10:00:00+09:00", "2026-11-20"),
        # Later than anywhere's today: the page's error, and no date rather than the 1st of its
        # month, a day the page never gave.
        ("2026-12-08", None),
        ("2026-12-09", None),
        ("2026-12-31", None),
        ("2027-01-05", None),
    ],
)
def test_a_page_dated_tomorrow_in_its_own_time_zone_keeps_its_date(monkeypatch, published, kept):
    now = datetime.datetime(2026, 12, 6, 20, 54, tzinfo=datetime.UTC)
    monkeypatch.setattr(importers, "_utc_now", lambda: now)
    assert from_html(_dated_page(published)).published_date == kept


@pytest.mark.parametrize(
    ("head", "address"),
    [
        # A later date in the address, or an event's date before the byline's, is passed over
        # for the page's own, as before the date was read whole.
        (
            '<meta property="article:published_time" content="2026-11-20T09:00:00Z">',
            "https://news.example/events/2027-03-15-town-hall",
        ),
        (
            '<meta property="article:published_time" content="2026-12-05T09:00:00Z">',
            "https://news.example/sport/2026/12/08/match-preview",
        ),
    ],
)
def test_a_later_date_of_an_event_leaves_the_page_its_own(monkeypatch, head, address):
    now = datetime.datetime(2026, 12, 6, 21, 35, tzinfo=datetime.UTC)
    monkeypatch.setattr(importers, "_utc_now", lambda: now)
    page = html_page(LONG_PARAGRAPH, head).encode()
    published = head.split('content="')[1][:10]
    assert from_html(page, url=address).published_date == published


def test_the_latest_date_a_page_can_carry_follows_the_clock_in_utc():
    berlin = datetime.timezone(datetime.timedelta(hours=1))
    assert importers.latest_page_date(
        datetime.datetime(2026, 12, 6, 0, 30, tzinfo=datetime.UTC)
    ) == datetime.date(2026, 12, 6)
    assert importers.latest_page_date(
        datetime.datetime(2026, 12, 7, 0, 30, tzinfo=berlin)
    ) == datetime.date(2026, 12, 7)
    assert importers.latest_page_date(
        datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC)
    ) == datetime.date(2026, 12, 7)


def test_a_given_url_wins_over_the_canonical_link():
    article = from_html(fixture("article.html"), url="https://mirror.example/ferry")
    assert article.source_url == "https://mirror.example/ferry"


def test_html_lists_headings_quotes_and_line_breaks_stay_readable():
    paragraphs = from_html(fixture("explainer.html")).body.split("\n\n")
    assert "What changes" in paragraphs
    assert "Glass goes in the new green box, not the blue bin." in paragraphs
    assert "Food waste is collected on the same day as recycling." in paragraphs
    assert any(p.startswith("We have asked for weekly collections") for p in paragraphs)
    assert (
        "Questions can be sent to the waste team at:\nValley District Council\n1 Station Road"
        in (paragraphs)
    )
    assert "Recycling | Blue | Weekly" in "\n".join(paragraphs)
    assert "What the new recycling rules mean for your street" not in paragraphs


def test_a_page_without_an_article_is_refused():
    with refused_saying(ImportRefused, "article text is only 96 characters.*--format text"):
        from_html(fixture("no-article.html"))
    with refused_saying(ImportRefused, "no article text found on this page.*--format text"):
        from_html(b"<html><body><div></div><p> </p></body></html>")


@pytest.mark.parametrize("data", [b"", b"   \n  "])
def test_an_empty_html_page_is_refused(data):
    with refused_saying(ImportRefused, "empty"):
        from_html(data)


def test_html_over_the_limit_is_refused():
    with refused_saying(ImportRefused, "import limit of 1,000 bytes"):
        from_html(fixture("article.html"), max_bytes=1000)


def test_html_charset_comes_from_the_meta_tag():
    page = html_page("Le café du port a fermé. " + LONG_PARAGRAPH, '<meta charset="windows-1252">')
    assert "Le café du port a fermé." in from_html(page.encode("cp1252")).body


def test_html_charset_from_the_http_header_wins_over_utf8_fallback():
    page = html_page("Der Bürgermeister trat zurück. " + LONG_PARAGRAPH)
    assert "Bürgermeister" in from_html(page.encode("iso-8859-1"), encoding="ISO-8859-1").body
    assert "Bürgermeister" in from_html(page.encode("utf-8")).body


def test_a_block_quotation_or_preformatted_table_between_loose_lines_stays_a_block():
    """A <blockquote> or <pre> on lines of its own between a <div>'s loose text was taken for a
    quotation inside a sentence and wrapped in quotation marks the page does not have."""
    page = (
        "<!DOCTYPE html><html><body><article><div>Before the vote on Monday, the mayor said:\n"
        "<blockquote>\n<p>Our city will build 1,150 homes by 2028.</p>\n</blockquote>\n"
        "The council then voted on the plan, officials said at the meeting.</div>"
        "<div>Rates over the years were published by the office in its report:<br>"
        "<pre>Year Rate\n2022 4.1\n2023 3.5</pre><br>The office said the figures were final."
        f"</div><p>{LONG_PARAGRAPH}</p></article></body></html>"
    )
    body = from_html(page.encode()).body
    assert "\n\nOur city will build 1,150 homes by 2028.\n\n" in body
    assert "\n\nYear Rate\n2022 4.1\n2023 3.5\n\n" in body
    assert "“" not in body and "”" not in body
    # Laid out on one line after a finished sentence: a block all the same.
    minified = page.replace("said:\n<blockquote>\n", "said it today.<blockquote>").replace(
        "</blockquote>\n", "</blockquote>"
    )
    assert "\n\nOur city will build 1,150 homes by 2028.\n\n" in from_html(minified.encode()).body


def test_a_quotation_inside_a_sentence_stays_in_it_however_its_markup_is_wrapped():
    page = (
        "<!DOCTYPE html><html><body><article><p>The finance chief said the new parking rule\n"
        "<q>will cost the taxpayer nothing at all</q>\nand that the money was there.</p>"
        f"<p>{LONG_PARAGRAPH}</p></article></body></html>"
    )
    assert from_html(page.encode()).body.startswith(
        "The finance chief said the new parking rule “will cost the taxpayer nothing at all” and"
        " that the money was there.\n\n"
    )


def test_a_quotation_or_code_inside_a_sentence_stays_in_it():
    """<q> and inline <code> come out of the extractor as <quote> and <code>, like a block
    quotation: each cut its sentence into paragraphs of a few words, none of them the claim."""
    page = (
        "<!DOCTYPE html><html><body><article>"
        "<p>The minister said the levy <q>will cost households nothing</q> and that the file"
        " <code>budget-2025.xlsx</code> shows 4% growth, a figure the opposition disputed.</p>"
        "<ul><li>Officials said it <q>was never approved</q> by the board.</li></ul>"
        f"<blockquote>{LONG_PARAGRAPH}</blockquote></article></body></html>"
    )
    body = from_html(page.encode()).body
    assert body.split("\n\n")[:3] == [
        "The minister said the levy “will cost households nothing” and that the file"
        " budget-2025.xlsx shows 4% growth, a figure the opposition disputed.",
        "Officials said it “was never approved” by the board.",
        LONG_PARAGRAPH.strip(),
    ]


@pytest.mark.parametrize(
    ("head", "header"),
    [
        ('<meta charset="iso-8859-1">', None),
        ("", "ISO-8859-1"),
        ('<meta charset="windows-1252">', None),
    ],
)
def test_utf8_bytes_declared_as_a_legacy_charset_are_read_as_utf8(head, header):
    # A server or template that still says Latin-1 while the CMS writes UTF-8: valid UTF-8
    # with accents is next to never what Latin-1 text looks like, so it is not read as "CafÃ©".
    page = html_page("Le café du port a fermé. " + LONG_PARAGRAPH, head)
    assert "Le café du port a fermé." in from_html(page.encode("utf-8"), encoding=header).body


@pytest.mark.parametrize(
    ("head", "header"),
    [('<meta charset="utf-8">', None), ("", "utf-8"), ('<meta charset="UTF-8">', "UTF-8")],
)
def test_legacy_bytes_under_a_utf8_label_keep_their_letters(head, header):
    """A template or server that says UTF-8 over a page written in windows-1252: its names and
    figures keep their letters ("€150", "José Álvarez"), not replacement marks."""
    page = html_page("Bills rise by more than €150, said José Álvarez. " + LONG_PARAGRAPH, head)
    body = from_html(page.encode("cp1252"), encoding=header).body
    assert "more than €150, said José Álvarez." in body and "\ufffd" not in body


def test_a_utf8_page_with_a_stray_byte_stays_utf8():
    page = html_page("Le café du port a fermé. " + LONG_PARAGRAPH, '<meta charset="utf-8">')
    data = page.encode("utf-8").replace(b"port", b"port\x96", 1)
    # The stray byte is read as windows-1252 (an en dash), the rest as UTF-8.
    assert "Le café du port– a fermé." in from_html(data).body


def test_a_utf8_page_with_a_footer_in_windows_1252_keeps_both():
    """A few bytes of another charset (a footer saved by an older template) leave the article's
    UTF-8 as it is: it was read whole as windows-1252 ("councilâ€™s")."""
    article = "The council’s finance chief said debt would rise to €84 million. " + LONG_PARAGRAPH
    page = html_page(article, '<meta charset="utf-8">').encode("utf-8")
    page = page.replace(b"</body>", "<footer>© 2024 Town Crier – Don’t miss</footer></body>"
                        .encode("cp1252"))  # fmt: skip
    body = from_html(page).body
    assert "The council’s finance chief said debt would rise to €84 million." in body


def test_undeclared_legacy_bytes_do_not_break_the_import():
    page = html_page("Smart “quotes” from an old CMS. " + LONG_PARAGRAPH)
    assert "“quotes”" in from_html(page.encode("cp1252")).body


@pytest.mark.parametrize(
    ("sentence", "codec"),
    [
        ("北京市自来水公司周二表示，从四月起水费将上涨百分之三点五，以弥补能源成本的上升。", "gbk"),
        ("東京都水道局は火曜日、四月から水道料金を引き上げると発表した。燃料費が上がったためだ。", "shift_jis"),
        ("Городской водоканал во вторник сообщил, что тарифы на воду вырастут с апреля.", "koi8_r"),
        ("Городской водоканал во вторник сообщил, что тарифы на воду вырастут с апреля.", "cp1251"),
        ("Οι τιμές του νερού θα αυξηθούν από τον Απρίλιο, ανακοίνωσε η εταιρεία ύδρευσης.", "cp1253"),
    ],
)  # fmt: skip
def test_an_undeclared_legacy_charset_of_another_script_is_read_in_it(sentence, codec):
    """A page saved in GBK, Shift_JIS or a Cyrillic or Greek charset without saying so is read
    in it, not stored as replacement marks or as Latin letters."""
    page = f"<!DOCTYPE html><html><body><article><p>{sentence * 6}</p></article></body></html>"
    body = from_html(page.encode(codec)).body
    assert sentence in body and "\ufffd" not in body


@pytest.mark.parametrize(
    ("sentence", "codec"),
    [
        ("Według urzędu bezrobocie w Łodzi spadło do 4,2 procent, powiedział minister.", "cp1250"),
        ("Według urzędu bezrobocie w Łodzi spadło do 4,2 procent, powiedział minister.", "iso8859_2"),
        ("Počet nezaměstnaných v Brně se zvýšil na 3,8 procenta, řekl mluvčí úřadu.", "cp1250"),
        ("Podľa úradu sa nezamestnanosť v Košiciach znížila na 6,1 percenta, uviedol štatistik.", "iso8859_2"),
        ("A munkanélküliség Győrben 3,4 százalékra csökkent, közölte a hivatal szóvivője.", "cp1250"),
        ("İstatistik kurumuna göre İzmir'de işsizlik yüzde 9,4'e düştü, dedi bakan.", "cp1254"),
    ],
)  # fmt: skip
def test_an_undeclared_central_european_or_turkish_page_is_read_in_its_charset(sentence, codec):
    """A Polish, Czech, Hungarian or Turkish page saved without its charset keeps its letters:
    it was read as windows-1252 ("W³odzi", "poèet", "Ýzmir") without a word said."""
    page = f"<!DOCTYPE html><html><body><article><p>{sentence * 4}</p></article></body></html>"
    body = from_html(page.encode(codec)).body
    assert sentence in body and "\ufffd" not in body


def test_an_undeclared_western_page_keeps_its_euro_sign_whatever_the_guess():
    page = html_page("Tickets now cost €150, said the café owner. " + LONG_PARAGRAPH)
    assert "Tickets now cost €150, said the café owner." in from_html(page.encode("cp1252")).body


@settings(deadline=None)  # the first extraction warms trafilatura up
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_html_import_either_refuses_or_returns_a_tidy_body(noise):
    try:
        article = from_html(html_page(noise + " " + LONG_PARAGRAPH).encode())
    except ImportRefused:
        return
    assert article.body == tidy_text(article.body)


# --- URL --------------------------------------------------------------------------------------


@pytest.fixture
def fixture_server():
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_url_import_fetches_and_extracts_the_article(fixture_server):
    url = f"http://127.0.0.1:{fixture_server}/article.html"
    article = from_url(url, policy=FetchPolicy.local_test(fixture_server))
    assert article.body == from_html(fixture("article.html")).body
    assert (article.source_url, article.import_format) == (url, "url")
    assert article.first_line_is_headline is False
    assert article.publisher == "The Harbour Gazette"


def test_url_import_refuses_what_the_fetch_policy_refuses(fixture_server):
    with refused_saying(ImportRefused, "refused: port"):
        from_url(f"http://127.0.0.1:{fixture_server}/article.html")
    with refused_saying(ImportRefused, "refused: 127.0.0.1 is a loopback address"):
        from_url("http://127.0.0.1/article.html")


def test_url_import_records_the_url_after_redirects(monkeypatch):
    def fake_fetch(url, **kwargs):
        return FetchedPage(
            "https://news.example/final", 200, "text/html", fixture("article.html"), "utf-8"
        )

    monkeypatch.setattr(importers, "fetch", fake_fetch)
    assert from_url("https://news.example/short").source_url == "https://news.example/final"


def _fetched(final_url: str, head: str):
    def fake_fetch(url, **kwargs):
        page = html_page(LONG_PARAGRAPH, head).encode()
        return FetchedPage(final_url, 200, "text/html", page, "utf-8")

    return fake_fetch


def test_url_import_keeps_the_pages_canonical_address_not_the_redirects_tracking_one(
    monkeypatch,
):
    # An AMP page's canonical address is its article's.
    final = "https://www.news.example.com/basel-trams/amp?utm_source=twitter&utm_medium=social"
    canonical = '<link rel="canonical" href="https://news.example.com/basel-trams">'
    monkeypatch.setattr(importers, "fetch", _fetched(final, canonical))
    assert from_url("https://nws.ex/abc").source_url == "https://news.example.com/basel-trams"
    og_url = '<meta property="og:url" content="https://www.news.example.com/basel-trams">'
    monkeypatch.setattr(importers, "fetch", _fetched(final, og_url))
    assert from_url("https://nws.ex/abc").source_url == "https://www.news.example.com/basel-trams"
    # Another site's canonical address (a syndicated story) is not this page's: the fetched
    # address is kept, without its tracking.
    elsewhere = '<link rel="canonical" href="https://agency.example.org/basel-trams">'
    monkeypatch.setattr(importers, "fetch", _fetched(final, elsewhere))
    assert (
        from_url("https://nws.ex/abc").source_url == "https://www.news.example.com/basel-trams/amp"
    )
    # The page's version in another language is not the page.
    other_language = (
        '<link rel="alternate" hreflang="x-default" href="https://www.news.example.com/en/trams">'
    )
    monkeypatch.setattr(importers, "fetch", _fetched(final, other_language))
    assert (
        from_url("https://nws.ex/abc").source_url == "https://www.news.example.com/basel-trams/amp"
    )


@pytest.mark.parametrize(
    ("fetched", "canonical", "kept"),
    [
        (
            "https://www.bbc.co.uk/news/uk-1?utm_campaign=x",
            "https://www.bbc.co.uk/news/uk-1",
            "https://www.bbc.co.uk/news/uk-1",
        ),
        (
            "https://m.news.co.uk/a/budget.amp.html",
            "https://www.news.co.uk/a/budget",
            "https://www.news.co.uk/a/budget",
        ),
        # AMP and shared addresses of the same article: a query beside a slug of words does
        # not choose it.
        (
            "https://www.washingtonpost.com/politics/2026/12/05/budget-vote/?outputType=amp",
            "https://www.washingtonpost.com/politics/2026/12/05/budget-vote/",
            "https://www.washingtonpost.com/politics/2026/12/05/budget-vote/",
        ),
        (
            "https://www.theguardian.com/uk/2026/dec/05/budget-vote?CMP=share_btn_tw",
            "https://www.theguardian.com/uk/2026/dec/05/budget-vote",
            "https://www.theguardian.com/uk/2026/dec/05/budget-vote",
        ),
        (
            "https://www.ndtv.com/india-news/budget-vote-passes-7123456/amp/1",
            "https://www.ndtv.com/india-news/budget-vote-passes-7123456",
            "https://www.ndtv.com/india-news/budget-vote-passes-7123456",
        ),
        # A canonical address that names no article, or another, is not the page's.
        ("https://site.example.com/news/library-budget", "/index.html", None),
        ("https://site.example.com/news/library-budget", "/undefined", None),
        ("https://site.example.com/news/library-budget", "/news/{{slug}}", None),
        ("https://site.example.com/news/library-budget", "/tag/council", None),
        ("https://site.example.com/news/library-budget", "/news/", None),
        ("https://site.example.com/article.php?id=4521", "/article.php", None),
        ("https://site.example.com/news/x", "http://site.example.com/news/x", None),
        ("https://site.example.com/news/x", "https://u:p@site.example.com/news/x", None),
        (
            "https://site.example.com/news/x?utm_source=a",
            "https://site.example.com/news/x?utm_source=rss#top",
            "https://site.example.com/news/x",
        ),
        # The same name under another suffix, or another user's pages on a shared host, is
        # another site.
        ("https://www.bbc.co.uk/news/uk-1", "https://www.bbc.com/news/uk-1", None),
        ("https://anna.github.io/post?fbclid=IwAR0", "https://bob.github.io/post", None),
        # The home page named as every page's canonical address is not the article's.
        ("https://site.example.com/2026/12/budget?gclid=x", "https://site.example.com/", None),
        (
            "https://site.example.com/a?id=5&utm_source=x",
            "/a?id=5",
            "https://site.example.com/a?id=5",
        ),
        ("https://site.example.com/a?id=5", "javascript:alert(1)", None),
        ("https://site.example.com/a?id=5", "ftp://site.example.com/a", None),
        ("https://site.example.com/a?id=5", None, None),
    ],
)
def test_the_canonical_address_is_kept_only_for_the_same_site(fetched, canonical, kept):
    assert importers.article_address(fetched, canonical) == (
        kept or importers.without_tracking(fetched)
    )


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        ("https://n.example/a?utm_source=t&utm_medium=s", "https://n.example/a"),
        (
            "https://n.example/a?q=caf%C3%A9+bar&UTM_Campaign=x#top",
            "https://n.example/a?q=caf%C3%A9+bar#top",
        ),
        ("https://n.example/a?fbclid=1&id=7&gclid=2&mc_cid=3&mc_eid=4", "https://n.example/a?id=7"),
        # Parameters that choose the page stay: an article id, a page number, a reference.
        ("https://n.example/story.php?id=42&page=2", "https://n.example/story.php?id=42&page=2"),
        ("https://n.example/a?ref=home&source=rss", "https://n.example/a?ref=home&source=rss"),
        ("https://n.example/a", "https://n.example/a"),
    ],
)
def test_tracking_parameters_are_taken_off_an_address(url, cleaned):
    assert importers.without_tracking(url) == cleaned


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ResponseTooLarge("too_large", {"url": "https://news.example/story", "limit": 10}),
            "import limit of 10 bytes.*--max-bytes",
        ),
        (
            FetchError("http_status", {"url": "https://news.example/story", "status": 404}),
            "answered 404",
        ),
    ],
)
def test_url_fetch_failures_become_import_refusals(monkeypatch, error, expected):
    def failing_fetch(url, **kwargs):
        assert kwargs["max_bytes"] == 10
        raise error

    monkeypatch.setattr(importers, "fetch", failing_fetch)
    with refused_saying(ImportRefused, expected):
        from_url("https://news.example/story", max_bytes=10)


# --- load -------------------------------------------------------------------------------------


def test_load_detects_html_by_file_name():
    assert load(str(FIXTURES / "article.html")).import_format == "html"


def test_load_detects_html_by_content(tmp_path):
    saved = tmp_path / "page.txt"
    saved.write_bytes(b"\n  <!DOCTYPE HTML>" + fixture("article.html").split(b">", 1)[1])
    assert load(str(saved)).import_format == "html"


def test_load_reads_other_files_as_text(tmp_path):
    saved = tmp_path / "story.txt"
    saved.write_text("Headline here\n\nThe <b>markup</b> stays as typed.")
    article = load(str(saved))
    assert (article.import_format, article.body) == (
        "text",
        "Headline here\n\nThe <b>markup</b> stays as typed.",
    )


def test_format_overrides_detection(tmp_path):
    assert load(str(FIXTURES / "article.html"), format="text").import_format == "text"
    saved = tmp_path / "page.txt"
    saved.write_bytes(fixture("article.html"))
    assert load(str(saved), format="html").import_format == "html"


def test_load_reads_stdin_for_a_dash():
    article = load("-", stdin=io.BytesIO(b"From standard input\n\nA body line."))
    assert article.body == "From standard input\n\nA body line."
    assert load("-", stdin=io.BytesIO(fixture("article.html"))).import_format == "html"


def test_load_stops_reading_at_the_limit(tmp_path):
    saved = tmp_path / "huge.txt"
    saved.write_bytes(b"word " * 1000)
    with refused_saying(ImportRefused, "import limit of 100 bytes"):
        load(str(saved), max_bytes=100)
    with refused_saying(ImportRefused, "import limit of 100 bytes"):
        load("-", stdin=io.BytesIO(b"word " * 1000), max_bytes=100)


def test_load_refuses_missing_files_and_folders(tmp_path):
    with refused_saying(ImportRefused, "no such file: .*missing.txt; check the path$"):
        load(str(tmp_path / "missing.txt"))
    with refused_saying(
        ImportRefused, r"give its address with https:// \(https://www.x.example/a\)"
    ):
        load("www.x.example/a")
    with refused_saying(ImportRefused, "is a folder"):
        load(str(tmp_path))


@pytest.mark.parametrize(
    ("source", "options", "expected"),
    [
        ("story.txt", {"format": "pdf"}, "unknown format 'pdf'; use text or html"),
        ("ftp://example.com/story.html", {}, "only http and https"),
        ("file:///etc/passwd", {}, "only http and https"),
        ("https://example.com/story", {"format": "text"}, "leave out --format text"),
        ("http://169.254.169.254/latest/meta-data/", {}, "cloud metadata address"),
    ],
)
def test_load_refusals(source, options, expected):
    with refused_saying(ImportRefused, expected):
        load(source, **options)


def test_load_passes_the_policy_to_url_imports(fixture_server):
    article = load(
        f"http://127.0.0.1:{fixture_server}/explainer.html",
        policy=FetchPolicy.local_test(fixture_server),
    )
    assert article.import_format == "url"
    assert article.publisher == "Valley Courier"


def test_an_article_kept_hidden_until_a_script_shows_it_is_still_imported():
    story = "".join(f"<p>{paragraph}</p>" for paragraph in FERRY)
    page = (
        "<html><head><title>Ferry</title></head><body>"
        f'<article class="story hidden">{story}</article></body></html>'
    )
    assert from_html(page.encode()).body.split("\n\n") == FERRY


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Fire at the docks\nBy Mara Lindqvist\n\nCrews fought it for 9 hours.", "Mara Lindqvist"),
        (
            "Fire at the docks\n\nBy Jo Ames and Li Wei, Harbour Reporters\n\nCrews came.",
            "Jo Ames and Li Wei",
        ),
        ("Fire at the docks\n\nBy 2030 the port will double in size.", None),
        ("Fire at the docks\n\nby the council's own count, 9 crews came.", None),
        ("Brand im Hafen\n\nVon Anna Schmidt\n\nDie Feuerwehr kam mit 9 Wagen.", "Anna Schmidt"),
        (
            "Incendio\n\nPor María García y Juan Pérez, Ciudad de México\n\nLlegaron 9.",
            "María García y Juan Pérez",
        ),
        ("Brand im Hafen\n\nVon Montag an gelten neue Regeln für 9 Häfen.", None),
    ],
)
def test_a_pasted_articles_byline_names_its_author(text, author):
    assert from_text(text.encode()).author == author


SWAHILI = "Bei ya mchele imepanda hadi shilingi 3,000 kwa kilo katika soko kuu mwezi Machi. " * 4
ENGLISH = "The price of rice rose to 3,000 shillings a kilo at the central market in March. " * 4


@pytest.mark.parametrize(
    ("declared", "body", "language"),
    [
        # Words the language detection has no lists for: the page's own declaration decides.
        ("sw-KE", SWAHILI, "sw"),
        ("sw_KE", SWAHILI, "sw"),
        ("english", SWAHILI, None),
        ("", SWAHILI, None),
        # The text's words outweigh a declaration left at a template's default.
        ("de", ENGLISH, "en"),
    ],
)
def test_a_page_declaring_its_language_is_read_in_it_when_its_words_cannot_tell(
    declared, body, language
):
    page = (
        f'<html lang="{declared}"><head><title>Rice</title></head><body><article>'
        f"<h1>Rice</h1><p>{body}</p></article></body></html>"
    )
    assert importers.from_html(page.encode()).language == language


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_text_file_in_another_encoding_is_refused_naming_its_line(end):
    text = end.join(["Bus fares", "", "Fares rose 4% on Monday.", "The café owner said so.", ""])
    with refused_saying(ImportRefused, "not valid UTF-8 .its first bad byte is on line 4"):
        from_text(text.encode("cp1252"))


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("Wildfire update\n\nBy Sunday, the fire had burned 4,000 hectares.\n\nMore.", None),
        ("Prices\n\nBy March, prices had risen 12%, the office said.\n", None),
        ("Wildfire update\n\nBy Friday, March 13\n\nMore.", None),
        ("Vote\n\nBy Election Day, Nov. 5, 2024\n\nMore.", None),
        ("Vote\n\nBy Noon Friday, March 13, 2020\n\nMore.", None),
        ("Bread prices climb\n\nBy Łukasz Żak\n\nBread rose 9% in May.", "Łukasz Żak"),
        ("Budget\n\nBy Elizabeth Day\n\nText.", "Elizabeth Day"),
        ("Budget\n\nBy Jane Doe and Matthew Day in Warsaw\n\nText.", "Jane Doe and Matthew Day"),
        ("Budget\n\nBy Joe Friday\n\nText.", "Joe Friday"),
        ("Budget\n\nBy Jo Ames and Li Wei, Harbour Reporters\n\nText.", "Jo Ames and Li Wei"),
        # What follows the names is no part of them.
        ("Budget\n\nBy Jane Doe in Washington\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe – Health Editor\n\nText.", "Jane Doe"),
        ("Budget\n\nBY KEVIN MCCARTHY JR.\n\nText.", "Kevin McCarthy Jr."),
        ("Budget\n\nBy Jane Doe, March 3, 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe · 5 min read\n\nText.", "Jane Doe"),
        ("Budget\n\nWritten by Jane Doe, March 3, 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nWords by Jane Doe\n\nText.", "Jane Doe"),
        ("Budget\n\nWritten by hand, the letter ran to 3 pages.\n\nText.", None),
        # After a comma a byline names a place or a desk, never a given name: "By Name, Place"
        # is the common form of wire and South Asian copy.
        ("Budget\n\nBy Agencies, Dhaka\n\nText.", None),
        ("Budget\n\nBy Newsdesk, London\n\nText.", None),
        ("Budget\n\nBy Sputnik, Moscow\n\nText.", None),
        ("Budget\n\nBy Our Correspondent, Dhaka\n\nText.", None),
        ("Budget\n\nBy Jane Doe, Dhaka\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Doe, Jane\n\nText.", "Doe"),
        ("Budget\n\nBy Jane Doe, Reuters\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe Updated March 3, 2024 at 10:00 a.m.\n\nText.", "Jane Doe"),
        # A time, with its zone, is no part of the names either.
        ("Budget\n\nBy Jane Doe Updated 5:30 PM EST, March 3, 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe Published 9:00 AM ET\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe Updated 10:02 a.m.\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe Last updated 3 hours ago\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Jane Doe / March 3, 2024\n\nText.", "Jane Doe"),
        (
            "Budget\n\nBy Jane Doe and John Roe Updated 5:30 PM EST, March 3, 2024\n\nText.",
            "Jane Doe and John Roe",
        ),
        ("Budget\n\nBy Staff Reports\n\nText.", None),
        # A date straight after the names; in other languages, after a comma.
        ("Budget\n\nBy Jane Doe March 3, 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Theresa May 12 March 2024\n\nText.", "Theresa May"),
        ("Budget\n\nBy Jane Doe Tuesday 3 March 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nVon Anna Schmidt Dienstag, 3. März 2024\n\nText.", "Anna Schmidt"),
        ("Budget\n\nPor Juan Pérez Martes 3 de marzo de 2024\n\nText.", "Juan Pérez"),
        ("Budget\n\nBy Lena H. Sun March 3, 2024\n\nText.", "Lena H. Sun"),
        ("Budget\n\nBy Lena H. Sun, March 3, 2024\n\nText.", "Lena H. Sun"),
        # A surname that is a weekday's short form stays, whatever the date after it.
        ("Budget\n\nBy Dan Keating and Lena Sun, May 3, 2024\n\nText.", "Dan Keating and Lena Sun"),
        ("Budget\n\nBy Kim Hyun Sun May 3, 2024\n\nText.", "Kim Hyun Sun"),
        ("Budget\n\nBy Nguyen Minh Tue May 3, 2024\n\nText.", "Nguyen Minh Tue"),
        ("Budget\n\nBy Jane Doe Tue, March 3, 2024\n\nText.", "Jane Doe"),
        ("Budget\n\nBy Larry Sabato Tue, Mar 3, 2024\n\nText.", "Larry Sabato"),
        ("Budget\n\nPor Plácido Domingo 3 de marzo de 2024\n\nText.", "Plácido Domingo"),
        ("Budget\n\nBy Easter 40 satellites.\n\nText.", None),
        ("Budget\n\nBy Easter Sunday 31 March 2024\n\nText.", None),
        ("Budget\n\nBy March 3, 2024 the fund had run dry\n\nText.", None),
        ("Budget\n\nPor Juan Pérez, 3 de marzo de 2024\n\nText.", "Juan Pérez"),
        ("Budget\n\nVon Anna Schmidt, 3. März 2024\n\nText.", "Anna Schmidt"),
        ("Budget\n\nVon Anna Schmidt 3. März 2024\n\nText.", "Anna Schmidt"),
        ("Budget\n\nPar Jean Dupont, le 3 mars 2024\n\nText.", "Jean Dupont"),
        # The word saying when in another language, then a date in words or figures.
        ("Budget\n\nPor Ana Souza Atualizado em 03/03/2024 14h05\n\nText.", "Ana Souza"),
        ("Budget\n\nDi Marco Rossi Pubblicato il 3 marzo 2024\n\nText.", "Marco Rossi"),
        ("Budget\n\nPar Jean Dupont Modifié le 3 mars 2024\n\nText.", "Jean Dupont"),
        (
            "Budget\n\nPar Jean Dupont Publié le 3 mars 2024 à 14h05, modifié le 4 mars 2024 à"
            " 09h00\n\nText.",
            "Jean Dupont",
        ),
        ("Budget\n\nDoor Jan de Vries Gepubliceerd op 3 maart 2024\n\nText.", "Jan de Vries"),
        ("Budget\n\nPar Jean Dupont Mis à jour le 03/03/2024 à 14h05\n\nText.", "Jean Dupont"),
        ("Budget\n\nVon Anna Schmidt Aktualisiert am 03.03.2024\n\nText.", "Anna Schmidt"),
        (
            "Budget\n\nVon Anna Schmidt Zuletzt aktualisiert am 03.03.2024\n\nText.",
            "Anna Schmidt",
        ),
        ("Budget\n\nDi Maria segna 2 gol\n\nText.", None),
        # Initials, and a surname that is a body's word.
        ("Budget\n\nBy J. K. Rowling\n\nText.", "J. K. Rowling"),
        ("Budget\n\nBy J.K. Rowling\n\nText.", "J.K. Rowling"),
        ("Budget\n\nBy Sam Press\n\nText.", "Sam Press"),
        ("Budget\n\nBy Associated Press\n\nText.", None),
    ],
)
def test_a_byline_names_the_author_and_a_sentence_opening_with_by_does_not(body, author):
    assert importers.byline_author(body) == author


def test_paragraphs_inside_a_list_item_or_a_table_cell_stay_apart():
    page = (
        "<!doctype html><html><body><article><h1>Budget</h1>"
        "<p>The chancellor set out the budget on Wednesday with changes to tax and duty.</p>"
        "<ul><li><p>Income tax thresholds will be frozen until 2028.</p><p>That will bring 1.2"
        " million more people into the higher rate, the OBR said.</p></li></ul>"
        "<table><tr><td><p>Port strike enters third week</p><p>Dock workers at Westhaven walked"
        " out again on Monday, the union said.</p></td></tr></table>"
        "<p>The measures take effect in April, the Treasury said in its summary of the plan.</p>"
        "</article></body></html>"
    )
    body = from_html(page.encode()).body
    assert "until 2028.\nThat will bring" in body
    assert "Port strike enters third week\nDock workers" in body


def test_a_short_article_in_chinese_or_japanese_is_read_by_how_much_it_says():
    """150 characters is about 25 English words; Japanese says as much in half the characters."""
    sentences = (
        "政府は今年の経済成長率が五パーセントになると発表した。"
        "野党はこの数字は楽観的すぎると批判している。"
        "専門家によると、輸出は前年より十二パーセント増えた。"
        "来年の見通しはまだ不透明だという。"
    )
    page = (
        "<html><head><title>経済成長</title></head><body><article><h1>経済成長の見通し</h1>"
        f"<p>{sentences}</p></article></body></html>"
    ).encode()
    assert len(sentences) < importers.MIN_ARTICLE_CHARS
    assert from_html(page).body.endswith("来年の見通しはまだ不透明だという。")
    english = page.replace(sentences.encode(), b"The government said growth would be 5%.")
    with refused_saying(ImportRefused, "only 39 characters, fewer than the 150"):
        from_html(english)


def test_a_short_article_in_korean_is_read_by_how_much_it_says_as_japanese_is():
    """A Hangul syllable holds two or three letters: four news sentences in 146 characters are
    a brief, not an error page."""
    sentences = (
        "<p>서울시는 2025년에 새 전차에 450억 원을 지출했다고 교통국이 월요일에 밝혔다.</p>"
        "<p>당국에 따르면 3월부터 6월까지 23대가 인도되었다.</p>"
        "<p>상반기 승객 수는 12% 증가했다고 보고서는 밝혔다.</p>"
        "<p>비평가들은 2022년 계획 승인 이후 예산이 30% 증가했다고 말했다.</p>"
    )
    page = (
        '<html lang="ko"><head><meta charset="euc-kr"><title>예산</title></head><body>'
        f"<article><h1>예산</h1>{sentences}</article></body></html>"
    )
    body = from_html(page.encode("euc-kr")).body
    assert len(body) < importers.MIN_ARTICLE_CHARS
    assert body.endswith("비평가들은 2022년 계획 승인 이후 예산이 30% 증가했다고 말했다.")
    # A Korean sign-in or not-found page is still too short to be an article.
    for notice in (
        "로그인이 필요합니다. 이 기사를 읽으려면 로그인하세요.",
        "페이지를 찾을 수 없습니다.",
    ):
        short = page.replace(sentences, f"<p>{notice}</p>").encode("euc-kr")
        with refused_saying(ImportRefused, "fewer than the 150"):
            from_html(short)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("서울시는 새 전차를 샀다.", 24),
        ("ㄱㄴ", 2),  # compatibility jamo: letters, counted once
        ("東京都は", 8),
        # Thai and Khmer spell words letter by letter: each character counts once.
        ("กรุงเทพฯ ใช้เงิน", 16),
        ("ក្រសួង", 6),
        ("Seoul bought trams.", 19),
    ],
)
def test_reading_length_counts_hangul_as_chinese_and_japanese(text, length):
    from factcheck.text.scripts import reading_length

    assert reading_length(text) == length


def test_a_sentences_words_given_the_tooltip_role_after_a_capital_or_a_digit_are_kept():
    article = from_html(
        _page(
            FERRY[0],
            '<em>Ministers <span role="tooltip">misled patients about waiting times in'
            " A&amp;E</span></em>, the report found.",
            '<strong>Boris Johnson <span role="tooltip">deliberately misled Parliament about'
            " the parties</span></strong>, the committee said.",
            '<b>2023 <span role="tooltip">was the hottest year since records began</span></b>,'
            " the agency said.",
            FERRY[1],
        )
    )
    body = article.body
    assert "Ministers misled patients about waiting times in A&E, the report found." in body
    assert (
        "Boris Johnson deliberately misled Parliament about the parties, the committee said."
        in body
    )
    assert "2023 was the hottest year since records began, the agency said." in body


def test_a_tip_given_the_tooltip_role_written_against_its_term_is_left_out():
    """No sentence's words run on with no space between: the term's tip, inside its link."""
    article = from_html(
        _page(
            FERRY[0],
            '<a href="/p/powell">Jerome Powell<span role="tooltip">Chair of the Federal Reserve'
            " since 2018</span></a> said rates would rise by 0.25 points.",
            'The bank began <span>quantitative easing<span role="tooltip">Buying bonds to push'
            " down rates</span></span> in 2009.",
            FERRY[1],
        )
    )
    assert "Jerome Powell said rates would rise by 0.25 points." in article.body
    assert "The bank began quantitative easing in 2009." in article.body
    assert "Chair of the Federal Reserve" not in article.body
