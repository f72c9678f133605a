"""Posts a page embeds from a social network, kept as quotations of the article: a tweet is often
the very statement a desk checks, and extractors drop it with the widget around it."""

import re

from lxml import etree

# The markup Twitter's (X's) embed code writes: a blockquote the widget script dresses up.
_TWEETS = etree.XPath(
    '//blockquote[contains(concat(" ", normalize-space(@class), " "), " twitter-tweet ")]'
)
# Class names of the boxes a page wraps an embed in ("social-media-embed", "article-tweet").
_WRAPPER = re.compile(r"tweet|twitter|social|embed", re.IGNORECASE)
# How far up to look for such boxes: an embed's own wrappers, never the article around it.
_WRAPPER_LEVELS = 4


def keep_embedded_posts(tree) -> None:
    """Replace each embedded tweet and the boxes around it with a plain blockquote of its words,
    where an extractor takes it for a quotation; changes `tree` (an lxml HTML tree) in place."""
    for post in _TWEETS(tree):
        post.attrib.pop("class", None)
        outermost = post
        parent = post.getparent()
        for _ in range(_WRAPPER_LEVELS):
            if parent is None or parent.tag in ("article", "main", "body"):
                break
            if _WRAPPER.search(parent.get("class") or ""):
                outermost = parent
            parent = parent.getparent()
        if outermost is not post:
            outermost.addprevious(post)
            outermost.drop_tree()
