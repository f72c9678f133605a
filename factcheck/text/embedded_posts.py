"""Posts a page embeds from a social network, kept as quotations of the article: a tweet is often
the very statement a desk checks, and extractors drop it with the widget around it."""

import re

from lxml import etree
from lxml import html as lxml_html

# The markup Twitter's (X's) embed code writes: a blockquote the widget script dresses up, the
# post's words in its paragraphs, then "— Name (@handle) date".
_TWEETS = etree.XPath(
    '//blockquote[contains(concat(" ", normalize-space(@class), " "), " twitter-tweet ")]'
)
# The poster's handle, and the dash before their name: a dash, or a hyphen with a space after it
# and a space or the post's last mark before it (the post's paragraph runs into it). The dash
# nearest the handle is taken: "anti-smoking" or a dash in the post's words is no start of it.
_HANDLE = re.compile(r"\(\s*@(?P<handle>\w{1,15})\s*\)")
_DASH = re.compile(r"[—–]|(?<![^\s.!?…”\"])-(?=\s)")
# Class names of the boxes a page wraps an embed in ("social-media-embed", "article-tweet").
_WRAPPER = re.compile(r"tweet|twitter|social|embed", re.IGNORECASE)
# How far up to look for such boxes: an embed's own wrappers, never the article around it.
_WRAPPER_LEVELS = 4


def keep_embedded_posts(tree) -> None:
    """Replace each embedded tweet and the boxes around it with a quotation of its words that
    names who posted them ('“…”, Jane Doe wrote on X.'), where an extractor keeps it and the
    splitter takes its author for the speaker, not the article's byline; changes `tree` (an lxml
    HTML tree) in place. The post's date line goes: it is not the article's date."""
    for post in _TWEETS(tree):
        quotation = _quotation(post)
        outermost = post
        parent = post.getparent()
        for _ in range(_WRAPPER_LEVELS):
            if parent is None or parent.tag in ("article", "main", "body"):
                break
            if _WRAPPER.search(parent.get("class") or ""):
                outermost = parent
            parent = parent.getparent()
        if quotation is None:
            outermost.drop_tree()
            continue
        replacement = lxml_html.fragment_fromstring("<blockquote><p></p></blockquote>")
        replacement[0].text = quotation
        outermost.addprevious(replacement)
        outermost.drop_tree()


def _quotation(post) -> str | None:
    """The post's words in quotation marks with who wrote them, or None when it has no words."""
    words = " ".join(" ".join(p.text_content().split()) for p in post.iter("p")).strip()
    if not words:
        return None
    who = _poster(" ".join(post.text_content().split()))
    if who is None:
        return f"“{words}”"
    return f"“{words}”, {who} wrote on X."


def _poster(text: str) -> str | None:
    """Who posted, from the embed's "— Name (@handle) date": the name, else the handle."""
    # The signature's handle is the last: the post's words may name others ("(@WHO)").
    handles = list(_HANDLE.finditer(text))
    if not handles:
        return None
    handle = handles[-1]
    dashes = list(_DASH.finditer(text, 0, handle.start()))
    if not dashes:
        return None
    name = text[dashes[-1].end() : handle.start()].strip()
    return name or f"@{handle.group('handle')}"
