"""An article cut into like blocks comes in whole: the blocks the extractor left out are put back
in page order; teasers, comments and a stray tip line are not."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import copies, importers
from factcheck.quote_check import check_quote
from factcheck.text.article_chunks import with_left_out_chunks

_WORDS = (
    "harbour port council rent bridge clinic grid rail airport housing ferry water wages farm "
    "school river nurses tax power budget mayor board survey figures record spending audit "
    "office court ruling inquiry union strike drivers teachers doctors patients tenants prices "
    "fares tolls roads trains buses pupils beds wards shifts loans grants fees levies"
).split()


def _paragraphs(count: int, seed: int = 3) -> list[str]:
    """Distinct paragraphs of prose, each long enough to say where the story sits."""
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(_WORDS) for _ in range(8)).capitalize()
        + f" rose by {number * 3 + 2} percent in {1990 + number}, "
        + " ".join(rng.choice(_WORDS) for _ in range(8))
        + "."
        for number in range(count)
    ]


def _chunked_page(
    chunks: list[list[str]], teasers: list[str] = (), between: str = '<aside class="ad">Ad</aside>'
) -> bytes:
    """A story in several blocks of one class, each followed by `between` (an advertisement), as
    some publishers lay theirs out, with teasers to other stories after it."""
    blocks = "".join(
        '<div class="grid"><div class="article__body">'
        + "".join(f"<p>{text}</p>" for text in chunk)
        + f"</div>{between}</div>"
        for chunk in chunks
    )
    more = "".join(f'<li class="teaser"><a href="/s"><p>{text}</p></a></li>' for text in teasers)
    return (
        "<html><head><title>District spending</title></head><body><nav>Home</nav><main>"
        f"<article><h1>District spending</h1><div class='chunks'>{blocks}</div></article>"
        f"<ul class='more'>{more}</ul></main><footer>About us</footer></body></html>"
    ).encode()


def test_every_block_of_a_story_cut_into_blocks_is_imported_in_order():
    story = _paragraphs(9)
    body = importers.from_html(_chunked_page([story[0:3], story[3:6], story[6:9]])).body
    assert body.split("\n\n") == story


def test_teasers_to_other_stories_are_not_let_in_with_the_blocks():
    story, teasers = _paragraphs(9), _paragraphs(4, seed=11)
    page = _chunked_page([story[0:3], story[3:6], story[6:9]], teasers=teasers)
    body = importers.from_html(page).body
    assert body.split("\n\n") == story


@pytest.mark.parametrize(
    "between",
    [
        # A card for another story, an <article> of its own, inside the story's.
        '<article class="related-card"><a href="/x"><h3>Related</h3><p>Other news</p></a></article>',
        # A newsletter box with a heading of the largest size.
        '<div class="promo"><h1>Get the morning briefing</h1><p>Sign up today.</p></div>',
    ],
)
def test_what_sits_between_the_blocks_does_not_cut_the_story(between):
    story = _paragraphs(9)
    page = _chunked_page([story[0:3], story[3:6], story[6:9]], between=between)
    body = importers.from_html(page).body
    assert all(paragraph in body for paragraph in story)


def test_the_next_story_of_an_endless_page_stays_out():
    """Drawn in the same markup as the story imported, but in an <article> of its own (or under a
    headline of its own): another story, whose claims are not this article's."""
    story, other = _paragraphs(5), _paragraphs(4, seed=21)

    def told(paragraphs, headline, wrap):
        text = "".join(f"<p>{p}</p>" for p in paragraphs)
        inner = f'<h1>{headline}</h1><div class="story__body"><div class="story__text">{text}'
        return f"<{wrap} class='story'>{inner}</div></div></{wrap}>"

    for wrap in ("article", "section"):
        page = (
            "<html><head><title>Harbour budget</title></head><body><main><div class='stream'>"
            f"{told(story, 'Harbour budget', wrap)}<div class='next'>Next story</div>"
            f"{told(other, 'Hospital trust fined', wrap)}</div></main></body></html>"
        ).encode()
        body = importers.from_html(page).body
        assert not any(paragraph in body for paragraph in other), wrap
        assert all(paragraph in body for paragraph in story), wrap


def _signature(block: str) -> tuple:
    return (("div", block), ("div", "grid"), ("article", ""), ("main", ""))


def test_a_phrase_said_twice_does_not_move_a_kept_paragraph_before_its_place():
    # The fourth paragraph repeats a phrase of the first; the fifth, left out, still comes back
    # after the fourth, not before it.
    story = [
        "The council said the clinic budget rose by 4 percent in 2023, the largest rise in a"
        " decade for the valley's three towns.",
        "Nurses at the hospital said staffing had not kept pace, with 31 posts unfilled since the"
        " spring and agency costs at a record.",
        "The health board said it would recruit abroad, aiming to fill 20 of the posts by March"
        " and the rest before the end of next year.",
        "Opposition members said the clinic budget rose by less than inflation once the new"
        " building's running costs were counted.",
        "A vote on the plan is due on Thursday, when the board will also publish its figures for"
        " waiting times across the region.",
    ]
    page = [(_signature("article__body"), text) for text in story]
    assert with_left_out_chunks([story[0], story[1], story[3]], page) == story


@given(st.integers(1, 12), st.integers(0, 12), st.data())
def test_left_out_paragraphs_come_back_after_the_kept_one_before_them(kept, left_out, data):
    story = _paragraphs(kept + left_out, seed=data.draw(st.integers(0, 99)))
    kept_places = sorted(data.draw(st.permutations(range(kept + left_out)))[:kept])
    page = [(_signature("article__body"), text) for text in story]
    body = [story[place] for place in kept_places]
    missing = sum(len(text) for place, text in enumerate(story) if place not in kept_places)
    expected = story if missing >= 0.2 * sum(map(len, story)) else body
    assert with_left_out_chunks(body, page) == expected


def test_a_stray_line_where_the_story_sits_is_not_let_in():
    story = _paragraphs(10)
    tip = "Have a tip for our reporters about district spending? Write to the newsroom at any hour."
    page = [(_signature("article__body"), text) for text in [*story, tip]]
    assert with_left_out_chunks(story, page) == story


@given(st.lists(st.sampled_from(["article__body", "comment", "teaser"]), min_size=1))
def test_paragraphs_placed_elsewhere_on_the_page_are_never_let_in(blocks):
    story = _paragraphs(len(blocks) + 2)
    page = [(_signature("article__body"), text) for text in story[:2]]
    page += [
        (_signature(block + "-other"), text) for block, text in zip(blocks, story[2:], strict=True)
    ]
    assert with_left_out_chunks(story[:2], page) == story[:2]


def test_a_quote_from_a_later_block_is_found_in_the_archived_copy():
    story = _paragraphs(9)
    page = _chunked_page([story[0:3], story[3:6], story[6:9]])
    _, text = copies.title_and_text(page, "text/html", None, "https://news.example/story")
    assert check_quote(story[7], text).status == "found"


SHORT_PAGE = (
    b"<html><head><title>Agency and union: 700 jobs to go</title></head><body>"
    b"<nav><a href='/'>Home</a></nav><article><h1>Agency and union: 700 jobs to go</h1>"
    b"<p class='byline'>By Jane Reporter</p>"
    b"<p>The agency said 300 jobs would go by March, a union spokesperson said.</p>"
    b"<p>The cuts follow a 12% fall in funding, the minister told parliament on Tuesday.</p>"
    b"</article><footer>About us</footer></body></html>"
)


def test_a_short_page_run_together_by_the_extractor_keeps_its_paragraphs():
    """For a page this short, the extractor gives its whole text as one paragraph: the headline
    and the byline would be glued to the first claim."""
    body = importers.from_html(SHORT_PAGE).body
    assert body.split("\n\n") == [
        "By Jane Reporter",
        "The agency said 300 jobs would go by March, a union spokesperson said.",
        "The cuts follow a 12% fall in funding, the minister told parliament on Tuesday.",
    ]


@pytest.mark.parametrize(
    ("outside", "said"),
    [
        ("<div>Rents rose 9% in May.</div>", "Rents rose 9% in May."),
        ("<ul><li>Tax up 5%</li></ul>", "Tax up 5%"),
        ("<h2>9 sites to shut</h2>", "9 sites to shut"),
        # Every word of it is in the headline, but it says something else.
        ("<div>Union: 700 jobs to go</div>", "Union: 700 jobs to go"),
    ],
)
def test_a_short_page_with_text_outside_its_paragraphs_keeps_it(outside, said):
    page = SHORT_PAGE.replace(b"</p><p>The cuts", f"</p>{outside}<p>The cuts".encode())
    assert said in importers.from_html(page).body


def test_a_body_with_more_than_the_pages_paragraphs_is_left_as_it_is():
    from factcheck.text.article_chunks import apart_again

    page = [((), "First paragraph of the story."), ((), "Second paragraph of the story.")]
    run_together = "First paragraph of the story. " + " ".join(["list item words"] * 5)
    run_together += " Second paragraph of the story."
    assert apart_again([run_together], page, "Headline") == [run_together]
    together = "Headline First paragraph of the story. Second paragraph of the story."
    assert apart_again([together], page, "Headline") == [text for _, text in page]


def test_each_paragraph_is_placed_by_its_own_block_and_the_headlines_before_it():
    """Paragraphs of one block share a place; a headline between two of them, or a block of
    another class, or another <article>, gives the next its own."""
    from trafilatura.utils import load_html

    from factcheck.text.article_chunks import page_paragraphs

    tree = load_html(
        '<html><body><div class="story"><p>One</p><h1>Next</h1><p>Two <b>bold</b><br>line'
        '<script>hidden()</script> end</p></div><div class="teasers"><p>Three</p></div>'
        "<article><div><p>Four</p></div></article><article><div><p>Five</p></div></article>"
        "</body></html>"
    )
    page = [("body", ""), ("html", "")]
    story = [("div", "story"), *page]
    assert page_paragraphs(tree) == [
        ((*story, 0), "One"),
        ((*story, 1), "Two bold line end"),
        ((("div", "teasers"), *page, 1), "Three"),
        ((("div", ""), ("article", ""), *page, "/html/body/article[1]"), "Four"),
        ((("div", ""), ("article", ""), *page, "/html/body/article[2]"), "Five"),
    ]
