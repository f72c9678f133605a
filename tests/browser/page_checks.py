"""Checks every browser test makes of a page it drove: no CSP violations, errors or dialogs."""


def assert_no_problems(page):
    csp = [text for text in page.problems["console"] if "Content Security Policy" in text]
    assert csp == [], "the page broke its own Content-Security-Policy"
    assert page.problems["console"] == []
    assert page.problems["errors"] == []
    assert page.problems["dialogs"] == []
