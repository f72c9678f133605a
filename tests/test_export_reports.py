"""Markdown and HTML reports: what they show, escaping, a self-contained printable file, the chart."""

import re
from html.parser import HTMLParser

import pytest
from helpers import RATIONALE, add_people, import_sample, new_database
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_export_world import (
    FORMULA_QUOTE,
    SCRIPT_RATIONALE,
    World,
    build_world,
    checkable,
    export_bytes,
    publish,
)

from factcheck.exports import ExportFilters
from factcheck.exports.markdown_report import escape_markdown, link
from factcheck.exports.records import Bar
from factcheck.exports.svg_chart import layout, render
from factcheck.ingest import ingest_text
from factcheck.scales import default_scale
from factcheck.store import audit, triage, verdicts

SOURCE = "https://county.example/bulletin"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("reports") / "reports.db")


@pytest.fixture(scope="module")
def html(world):
    return export_bytes(world, "html", ExportFilters(article_id=world.sample_article)).decode()


@pytest.fixture(scope="module")
def markdown(world):
    return export_bytes(world, "markdown", ExportFilters(article_id=world.sample_article)).decode()


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside <style>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)


def _parsed(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _plain(html: str) -> str:
    return " ".join("".join(_parsed(html).text).split())


def test_html_shows_each_checked_claim_with_its_verdict(world, html):
    text = _plain(html)
    for claim in checkable(world.db, world.sample_article):
        assert " ".join(claim["text"].split()) in text
    assert "Accurate" in text and "Mixed" in text and "Unverifiable" in text
    assert "Checked by Rita · approved by Eve" in text
    assert "Checked by Rita · approved by Ed" in text
    assert "14 schools closed; 3,200 homes cut off" in text
    assert "https://county.example/bulletin" in text
    assert "Supports the claim" in text and "Gives context" not in text
    assert "The district clarified why four schools closed" in text


def test_html_leaves_out_removed_evidence(html):
    assert "rumour.example" not in html


def test_html_escapes_stored_text(html):
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#39;rationale&#39;)&lt;/script&gt;" in html
    assert _plain(html).count("<script>alert('rationale')</script>") == 1
    assert SCRIPT_RATIONALE.split("<script>")[0].strip() in _plain(html)


def test_html_is_one_self_contained_file(html):
    parsed = _parsed(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), tag
        if tag == "a":
            assert attrs["href"].startswith(("#", "https://", "http://")), attrs["href"]
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "@import" not in style and "url(" not in style
    assert "default-src 'none'" in html


def test_html_has_a_print_stylesheet_for_a4_and_letter(html):
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert re.search(r"@page\s*\{[^}]*size:\s*auto", style)
    print_rules = style[style.index("@media print") :]
    assert re.search(r"\.claim-card[^{]*\{[^}]*break-inside:\s*avoid", print_rules)


def test_html_chart_uses_the_scale_colours_and_text_labels(html):
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    for rating in default_scale().ratings:
        assert f'fill="{rating.colour}"' in svg
        assert f">{rating.label}</text>" in svg
    assert 'role="img"' in svg and "<title" in svg
    assert ">Not yet published</text>" in svg


def test_html_highlights_claims_and_links_them(world, html):
    assert f'href="#claim-{world.published}"' in html
    assert f'id="claim-{world.published}"' in html
    accurate = default_scale().find("Accurate").colour
    assert re.search(
        rf'<mark class="claim" style="--rating: {accurate}" dir="auto">Heavy rain', html
    )


def test_html_footer_records_provenance(world):
    head = audit.head(world.db)
    page = export_bytes(world, "html", actor=world.people["rita"]).decode()
    text = _plain(page)
    assert f"row {head[0]}, hash {head[1]}" in text
    assert "by rita" in text and "all claims" in text
    assert "2 articles" in text


def test_markdown_shows_each_checked_claim(world, markdown):
    assert "#### " in markdown and "Mixed" in markdown and "Accurate" in markdown
    assert "Checked by Rita · approved by Eve" in markdown
    assert "[School closures list]" not in markdown  # untitled evidence shows its address
    assert "(<https://county.example/bulletin>)" in markdown
    assert "<svg" in markdown and "| Accurate | 1 |" in markdown
    assert f"(#claim-{world.published})" in markdown


def test_markdown_renders_stored_text_as_text(markdown):
    rendered = MarkdownIt("commonmark", {"html": True}).render(markdown)
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert('rationale')&lt;/script&gt;" in rendered
    quote = FORMULA_QUOTE.replace("&", "&amp;").replace("'", "&#x27;")
    assert quote.replace("&#x27;", "'") in rendered.replace("&#x27;", "'")


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1)


def _rendered_text(markdown: str) -> str:
    html = MarkdownIt("commonmark").render(markdown)
    return " ".join("".join(_parsed(html).text).split())


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(_text)
@example("&amp; &#65; &copy;")
@example("1. first\n2) second\n# heading\n- item\n+ item\n> quote")
@example("*em* _em_ **strong** `code` ~~gone~~ [link](https://x.example) ![img](x.png)")
@example("<b>bold</b> <!-- c --> <https://autolink.example>")
@example("    indented code\ntext\n===\nmore\n---")
@example("back\\slash \\*not em\\*")
def test_escaped_text_renders_as_itself(text):
    expected = " ".join(text.split())
    rendered = MarkdownIt("commonmark").render(escape_markdown(text))
    assert " ".join("".join(_parsed(rendered).text).split()) == expected
    assert not re.search(r"<(h\d|ul|ol|li|blockquote|pre|code|em|strong|a|img|hr)\b", rendered)


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(_text)
def test_links_only_point_at_web_addresses(text):
    refused = MarkdownIt("commonmark").render(link(text, "javascript:alert(1)"))
    assert "<a " not in refused
    rendered = MarkdownIt("commonmark").render(link(text, "https://x.example/a b?q=<1>"))
    assert 'href="https://x.example/a%20b?q=%3C1%3E"' in rendered


_bars = st.lists(
    st.builds(Bar, label=_text, colour=st.just("#1a7f37"), count=st.integers(0, 10_000)),
    max_size=12,
)


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(_bars)
def test_chart_bars_are_proportional_and_fit(bars):
    chart = layout(bars)
    most = max((bar.count for bar in bars), default=0)
    for bar, shape in zip(bars, chart.bars, strict=True):
        assert 0 <= shape.width <= chart.bar_area
        if bar.count == 0:
            assert shape.width == 0
        elif bar.count == most:
            assert shape.width == pytest.approx(chart.bar_area, abs=0.1)
        else:
            assert shape.width == pytest.approx(max(chart.bar_area * bar.count / most, 2), abs=0.1)
    assert chart.label_width + chart.bar_area < chart.width
    assert chart.total == sum(bar.count for bar in bars)


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(_bars)
def test_chart_labels_are_escaped_text(bars):
    svg = str(render(bars))
    parsed = _parsed(svg)
    labels = [data for data in parsed.text if data.strip()]
    for bar in bars:
        assert bar.label in "".join(labels) or not bar.label.strip()
    assert all(
        tag in {"svg", "title", "desc", "line", "g", "text", "rect"} for tag, _ in parsed.tags
    )


def test_reports_count_and_chart_only_published_verdicts(world, html, markdown):
    claims = len(checkable(world.db, world.sample_article))
    # Published: the first claim and the corrected headline; in review and draft do not count.
    assert f"2 of {claims} claims checked" in _plain(html)
    assert f"2 of {claims} claims checked" in markdown
    # The draft (False) and the verdict in review (Unverifiable) are not in the chart.
    assert "| False | 0 |" in markdown and "| Unverifiable | 0 |" in markdown
    assert f"| Not yet published | {claims - 2} |" in markdown
    for text in (html, markdown):
        assert "Draft, not yet published" not in text and "draft, not yet published" not in text
    checks = html[html.index("What we checked") : html.index("Not yet published</h3>")]
    pending = html[html.index("Not yet published</h3>") :]
    for claim_id in (world.in_review, world.draft):
        assert f'id="claim-{claim_id}"' not in checks
        assert f'id="claim-{claim_id}"' in pending
    assert "In second review" in _plain(pending) and "Being checked" in _plain(pending)


def test_reports_name_every_filter_they_were_made_with(world):
    filters = ExportFilters(
        section="body", search="schools", assignee="none", verdict="mostly-accurate"
    )
    page = _plain(export_bytes(world, "html", filters).decode())
    markdown = export_bytes(world, "markdown", filters).decode()
    # The rating in its words, not its key ("rated mostly-accurate").
    words = "rated Mostly accurate, assigned to nobody, body only, containing “schools”"
    assert f"Covers{words}" in page
    assert f"- Covers: {words}" in markdown
    assert "all claims" not in page + markdown


def test_a_report_of_selected_claims_says_so_at_its_head(world, html, markdown):
    """ "2 of 2 claims checked" read alone would pass for the whole article."""
    filters = ExportFilters(article_id=world.sample_article, verdict="accurate")
    page = _plain(export_bytes(world, "html", filters).decode())
    selected = export_bytes(world, "markdown", filters).decode()
    head = page[: page.index("Verdicts at a glance")]
    assert "Selected claims only: rated Accurate." in head
    assert "; selected claims only: rated Accurate ·" in selected.splitlines()[2]
    # The whole article's report has no such line: its article alone is no selection.
    assert "Selected claims only" not in _plain(html) and "selected claims only" not in markdown


def test_an_empty_report_says_nothing_matched(world):
    filters = ExportFilters(search="zeppelin")
    page = _plain(export_bytes(world, "html", filters).decode())
    markdown = export_bytes(world, "markdown", filters).decode()
    assert "No claims match this export (containing “zeppelin”)." in page
    assert "0 of 0" not in page
    assert "no claims match this export (containing “zeppelin”)" in markdown
    assert "0 of 0" not in markdown


def test_the_html_report_marks_the_language_of_each_articles_text(tmp_path):
    db = new_database(tmp_path / "languages.db")
    world = World(db, add_people(db), import_sample(db), *([0] * 7))
    german = ingest_text(
        db,
        "Hochwasser schließt 14 Schulen im Flusstal\n\nDer Fluss stieg am Dienstag um 2,4 Meter,"
        " sagte die Kreisverwaltung. Die Stadt bleibt ruhig, und die Schulen öffnen am Montag.\n",
    ).article_id
    page = export_bytes(world, "html", ExportFilters(article_id=german)).decode()
    assert '<div class="story-text" lang="de">' in page
    assert 'lang="de">Hochwasser schließt 14 Schulen' in page
    english = export_bytes(world, "html", ExportFilters(article_id=world.sample_article)).decode()
    assert '<div class="story-text" lang="en">' in english


def _fresh_world(tmp_path) -> World:
    db = new_database(tmp_path / "fresh.db")
    return World(db, add_people(db), import_sample(db), *([0] * 7))


def test_reports_name_the_approver_without_the_door_or_the_server_account(tmp_path):
    world = _fresh_world(tmp_path)
    rita, ed = world.people["rita"], world.people["ed"].via("cli:deploy-account")
    claim_id = checkable(world.db, world.sample_article)[0]["id"]
    verdicts.set_verdict(world.db, claim_id, rating="Unverifiable", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(world.db, claim_id, actor=rita)
    verdicts.approve(world.db, claim_id, actor=ed)
    page = _plain(export_bytes(world, "html").decode())
    markdown = export_bytes(world, "markdown").decode()
    for text in (page, markdown):
        assert "Checked by Rita · approved by Ed · published" in text
        assert "command line" not in text and "deploy-account" not in text


def test_reports_announce_a_correction_once_it_is_under_review_not_while_a_draft(tmp_path):
    world = _fresh_world(tmp_path)
    rita = world.people["rita"]
    claim_id = checkable(world.db, world.sample_article)[0]["id"]
    publish(world.db, world.people, claim_id, "Accurate", RATIONALE, [(SOURCE, "supports", None)])
    verdicts.correct_verdict(
        world.db, claim_id, rating="Mixed", rationale=RATIONALE, reason="New figures", actor=rita
    )
    for fmt in ("html", "markdown"):
        text = _plain(export_bytes(world, fmt).decode())
        assert "A correction to this verdict" not in text  # a draft may yet be withdrawn
    verdicts.submit_for_review(world.db, claim_id, actor=rita)
    for fmt in ("html", "markdown"):
        text = _plain(export_bytes(world, fmt).decode())
        assert "A correction to this verdict is under review." in text


def test_a_report_of_an_article_without_claims_names_it(tmp_path):
    world = _fresh_world(tmp_path)
    gallery = ingest_text(
        world.db,
        "Photo gallery: the harbour at dawn\n\nPhoto: Sam Porter / The Harbour Courier\n\n"
        "All rights reserved. Subscribe to our newsletter.\n",
    ).article_id
    for unit in checkable(world.db, gallery):
        triage.classify(
            world.db,
            unit["id"],
            kind="not_a_claim",
            reason="A picture gallery",
            actor=world.people["rita"],
        )
    filters = ExportFilters(article_id=gallery)
    page = _plain(export_bytes(world, "html", filters).decode())
    markdown = export_bytes(world, "markdown", filters).decode()
    assert "Fact-check: Photo gallery: the harbour at dawn" in page
    assert "Nothing in this article was checked: none of its sentences is a claim." in page
    assert "# Fact-check: Photo gallery: the harbour at dawn" in markdown
    assert "nothing in this article was checked: none of its sentences is a claim" in markdown
    for text in (page, markdown):
        assert "0 articles" not in text and "0 of 0" not in text
        assert "Photo: Sam Porter / The Harbour Courier" in text
    # Other filters leaving none of its claims: still its report, saying nothing matched.
    searched = ExportFilters(article_id=world.sample_article, search="zeppelin")
    page = _plain(export_bytes(world, "html", searched).decode())
    assert "Fact-check: Flooding closes 14 schools in the river valley" in page
    assert "No claims match this export (article 1, containing “zeppelin”)." in page


def test_a_rationale_keeps_its_lines_in_both_reports(tmp_path):
    world = _fresh_world(tmp_path)
    claim_id = checkable(world.db, world.sample_article)[0]["id"]
    rationale = f"{RATIONALE}\n\nThe county's later bulletin gives the same figure."
    publish(world.db, world.people, claim_id, "Accurate", rationale, [(SOURCE, "supports", None)])
    html = export_bytes(world, "html").decode()
    assert re.search(r"\.rationale \{[^}]*white-space: pre-line", html)
    assert "same figure." in html and f"{RATIONALE[-20:]}\n\nThe county" in html
    rendered = MarkdownIt("commonmark").render(export_bytes(world, "markdown").decode())
    assert re.search(re.escape(RATIONALE[-20:]) + r"<br />\s*The county's later bulletin", rendered)
