"""Invisible characters (bidi overrides, zero-width and other format characters) in people's text
show as visible markers and cannot reorder what is read around them: on pages, in reports and in
the CLI. Data exports keep the stored text exact."""

import csv
import io
import unicodedata
from html.parser import HTMLParser

import lxml.html
import pytest
from click.testing import CliRunner
from helpers import (
    HX,
    PASSWORD,
    add_people,
    first_checkable_claim,
    fragment,
    import_sample,
    page_token,
    parse,
)
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck import db as database
from factcheck.cli import main
from factcheck.ingest import ingest_text
from factcheck.reveal import is_hidden, is_marked, marker, reveal, reveal_html
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store import users, verdicts
from factcheck.store.actors import SYSTEM

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "abc" RLO "fdp.exe" reads as "abcexe.pdf"
ZWSP = "\u200b"
SPOOFED_NAME = f"Rita {RLO}nosaJ"
HIDDEN = [RLO, ZWSP, "\u202a", "\u2066", "\u2069", "\u200f", "\ufeff", "\u061c", "\u00ad", "\x00"]

_hidden_chars = st.sampled_from(HIDDEN) | st.characters(categories=["Cf", "Cc", "Cs"])
_mixed_text = st.lists(st.text(max_size=8) | _hidden_chars, max_size=12).map("".join)


@given(_mixed_text)
@example("")
@example("abc" + RLO + "fdp.exe")
def test_reveal_leaves_no_hidden_character_and_changes_nothing_else(text):
    shown = reveal(text)
    assert not any(is_marked(shown, at) for at in range(len(shown)))
    # Each hidden character becomes exactly its marker, in place (but a joiner that spells the
    # word around it); the rest is untouched.
    expected = "".join(marker(ch) if is_marked(text, at) else ch for at, ch in enumerate(text))
    assert shown == expected
    assert reveal(shown) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Paramedic \U0001f469\u200d\u2695\ufe0f on duty",  # a woman health worker
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family
        "\U0001f44d\U0001f3fd\u200d\u2642\ufe0f",  # with a skin tone
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: I want
        "\u092a\u0924\u094d\u200d\u0928\u0940",  # Hindi, a conjunct
    ],
)
def test_a_joiner_that_spells_an_emoji_or_a_word_is_no_hidden_text(text):
    """ZWJ inside an emoji and ZWNJ inside a Persian word are how they are written: shown as
    "⟨U+200D⟩", a comment with "👩‍⚕️" or "می‌خواهم" read as tampered with."""
    assert reveal(text) == text
    assert "hidden-char" not in str(reveal_html(text))


@pytest.mark.parametrize(
    "text",
    [
        "pay\u200dpal",
        "\u200dstart",
        "e\u0301\u200de",
        "a \u200c b",
        # Scripts whose spelling has no joiners: inside their words a joiner hides text.
        "\u041f\u0443\u200c\u0442\u0438\u043d",
        "\u4e60\u200c\u8fd1\u5e73",
        "\u05e9\u05dc\u05d5\u200d\u05dd",
    ],
)
def test_a_joiner_between_latin_letters_or_alone_is_still_shown(text):
    assert "\u27e8U+200" in reveal(text)


@given(st.text().filter(lambda t: not any(unicodedata.category(c) in "CfCcCs" for c in t)))
def test_text_without_hidden_characters_is_unchanged(text):
    text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    assert reveal(text) == text


def test_every_format_character_is_hidden():
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cf":
            assert is_hidden(ch), hex(code)
    assert not any(is_hidden(ch) for ch in "\t\n\r a1é€ب")


class _Reader(HTMLParser):
    """What a reader sees (the text) and which elements carry it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs), self.depth))
        self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1

    def handle_data(self, data):
        self.text.append(data)


@given(_mixed_text | st.text())
@example("<script>alert(1)</script>" + RLO)
@example('" onmouseover="x')
def test_reveal_html_shows_the_same_text_isolated_and_escaped(text):
    html = str(reveal_html(text))
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert "".join(reader.text) == reveal(text)
    if not text:
        assert html == ""
        return
    (outer, attrs, depth) = reader.tags[0]
    assert (outer, depth) == ("bdi", 0) and html.endswith("</bdi>")
    markers = reader.tags[1:]
    assert len(markers) == sum(1 for at in range(len(text)) if is_marked(text, at))
    for tag, attrs, depth in markers:
        assert (tag, depth, attrs["class"], attrs["role"]) == ("span", 1, "hidden-char", "img")
        assert attrs["aria-label"].startswith("invisible character U+")
    assert not any(is_marked(html, at) for at in range(len(html)))


def test_a_comment_and_a_quote_show_their_hidden_characters(client, claim, app_db, people):
    comment_store.add_comment(
        app_db, claim["id"], body=f"see invoice{RLO}fdp.exe today", actor=people["rita"]
    )
    evidence_store.add_evidence(
        app_db,
        claim["id"],
        url=f"https://example.org/re{ZWSP}port",
        stance="supports",
        quote=f"14 schools{ZWSP} closed",
        actor=people["rita"],
    )
    panel = fragment(client.get(f"/claims/{claim['id']}/panel", headers=HX))
    body = panel.cssselect(".comment-body")[0]
    assert body.text_content() == "see invoice⟨U+202E⟩fdp.exe today"
    assert (
        body.cssselect("bdi .hidden-char")[0]
        .get("title")
        .startswith("invisible character U+202E right-to-left override")
    )
    assert panel.cssselect(".evidence-quote")[0].text_content() == "14 schools⟨U+200B⟩ closed"
    # An address is kept with the character written as a browser sends it, visible as such.
    assert "re%E2%80%8Bport" in panel.cssselect(".evidence-url")[0].text_content()
    assert RLO not in panel.text_content() and ZWSP not in panel.text_content()
    # What the person typed goes back into a form unchanged.
    history = panel.cssselect(".timeline")[0].text_content()
    assert RLO not in history


def test_a_spoofed_display_name_is_shown_with_its_marker(client_as, app_db, people):
    users.add_user(
        app_db, "jason", role="reviewer", password=PASSWORD, display_name=SPOOFED_NAME, actor=SYSTEM
    )
    page = parse(client_as("jason").get("/account"))
    assert page.cssselect(".whoami bdi")[0].text_content() == "Rita ⟨U+202E⟩nosaJ"
    assert RLO not in page.text_content()


def test_reports_show_markers_and_data_exports_keep_the_text(client, claim, app_db, people):
    rationale = f"The bulletin{RLO} lists fourteen closed schools and 3,200 homes without power."
    verdicts.set_verdict(
        app_db, claim["id"], rating="Unverifiable", rationale=rationale, actor=people["rita"]
    )
    verdicts.submit_for_review(app_db, claim["id"], actor=people["rita"])
    verdicts.approve(app_db, claim["id"], actor=people["ed"])

    def export(fmt):
        response = client.post(
            "/exports",
            data={"format": fmt, "article": str(claim["article_id"])},
            headers={"X-CSRFToken": page_token(client, "/")},
        )
        assert response.status_code == 200
        return response.get_data(as_text=True)

    markdown = export("markdown")
    assert "bulletin⟨U+202E⟩ lists" in markdown and RLO not in markdown
    html = export("html")
    shown = lxml.html.fromstring(html).cssselect(".rationale")[0].text_content()
    assert shown.startswith("The bulletin⟨U+202E⟩ lists") and RLO not in html
    rows = list(csv.DictReader(io.StringIO(export("csv"))))
    assert any(rationale in row.values() for row in rows)


def test_the_cli_shows_markers_in_plain_output(tmp_path):
    path = tmp_path / "cli.db"
    runner = CliRunner()

    def run(*args, input=None):
        result = runner.invoke(main, ["--db", str(path), *args], input=input)
        assert result.exit_code == 0, result.output
        return result.output

    run("init")
    db = database.connect(path)
    article_id = ingest_text(
        db,
        "Flood closes 14 schools\n\nHeavy rain closed 14 schools on Tuesday, officials said.",
        title=f"Flood{RLO} report",
    ).article_id
    users.add_user(
        db, "jason", role="reviewer", password=PASSWORD, display_name=SPOOFED_NAME, actor=SYSTEM
    )
    db.close()
    listed = run("claims", str(article_id))
    assert "Flood⟨U+202E⟩ report" in listed and RLO not in listed
    assert "Flood⟨U+202E⟩ report" in run("articles")
    people = run("user", "list")
    assert "Rita ⟨U+202E⟩nosaJ" in people and RLO not in people
    # JSON is data: it keeps the title exactly as stored.
    assert f"Flood{RLO} report" in run("claims", str(article_id), "--json")


def test_the_cli_history_shows_markers_in_reasons(tmp_path):

    path = tmp_path / "history.db"
    db = database.connect(path)
    database.migrate(db)
    people = add_people(db)
    claim = first_checkable_claim(db, import_sample(db))
    evidence = evidence_store.add_evidence(
        db, claim["id"], url="https://example.org/a", stance="supports", actor=people["rita"]
    )
    evidence_store.remove_evidence(
        db, evidence["id"], reason=f"wrong page{RLO}, see the other one", actor=people["rita"]
    )
    db.close()
    result = CliRunner().invoke(main, ["--db", str(path), "history", str(claim["id"])])
    assert result.exit_code == 0, result.output
    assert "wrong page⟨U+202E⟩, see the other one" in result.output
    assert RLO not in result.output
