"""A NUL character in what a form or an address sends is refused in words, with nothing written:
kept, it would sit inside a comment or a quote (one that can never be found on its page) and
reach the exports, which other systems refuse. The article import answers it in its own words."""

import pytest
from helpers import HX, audit_count, fragment, hx_post, words

from factcheck.views.form_text import NUL_WORDS


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("comments", {"comment": "Please check \x00the ministry\x00 figure."}),
        (
            "evidence",
            {
                "url": "https://stats.example/report",
                "stance": "supports",
                "quote": "twenty\x00three people",
            },
        ),
    ],
)
def test_a_nul_in_a_panel_form_is_refused_and_nothing_is_written(client, claim, app_db, path, form):
    before = audit_count(app_db)
    response = hx_post(client, f"/claims/{claim['id']}/{path}", form)
    assert response.status_code == 400
    assert words(fragment(response)) == f"400 {NUL_WORDS}"
    assert audit_count(app_db) == before
    # The same text without it is kept.
    clean = {name: value.replace("\x00", "") for name, value in form.items()}
    assert hx_post(client, f"/claims/{claim['id']}/{path}", clean).status_code == 200
    assert audit_count(app_db) > before


def test_a_nul_in_an_address_is_refused_in_words(client, claim):
    response = client.get("/queue", query_string={"q": "budget\x00"}, headers=HX)
    assert response.status_code == 400
    assert NUL_WORDS in response.get_data(as_text=True)
