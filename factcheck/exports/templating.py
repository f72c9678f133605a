"""The Jinja environment for report templates, outside any Flask app, escaping on by default."""

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from factcheck.archive_words import copy_line
from factcheck.exports.report_model import DATES_NOTE
from factcheck.reveal import reveal, reveal_html


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("factcheck", "templates/report"),
        autoescape=select_autoescape(["html", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["copy_line"] = copy_line
    env.globals["DATES_NOTE"] = DATES_NOTE
    env.filters["reveal"] = reveal_html
    env.filters["reveal_text"] = reveal
    return env
