"""What every browser test does with a page: sign in through the form, and check afterwards that
nothing went wrong (no CSP violations, console errors, uncaught exceptions or dialogs)."""

from helpers import PASSWORD


def sign_in(page, base_url: str, username: str) -> None:
    """Sign in through the form, as a person would, and wait to leave the sign-in page."""
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url)


def assert_no_problems(page, expected_status: int | None = None):
    """The watched page had no problems. A test that provokes an error status on purpose names it:
    Chromium's own console note about that status, and htmx's about an answer it does not draw,
    are then allowed, and nothing else."""
    console = page.problems["console"]
    csp = [text for text in console if "Content Security Policy" in text]
    assert csp == [], "the page broke its own Content-Security-Policy"
    if expected_status is not None:
        notes = (
            f"Failed to load resource: the server responded with a status of {expected_status} ",
            f"Response Status Error Code {expected_status} from ",
        )
        console = [text for text in console if not text.startswith(notes)]
    assert console == [], console
    assert page.problems["errors"] == []
    assert page.problems["dialogs"] == []
