"""In a real browser: a returned verdict reaches its author's inbox and header, @-completion in a
comment box, and approving from the keyboard with an undo banner before anything is published."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from axe_check import axe_source, blocking, violations
from page_checks import assert_no_problems, sign_in
from playwright.sync_api import expect

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads, comments, evidence, inbox, verdicts
from factcheck.store.users import actor_for

VIEWPORT = {"width": 1366, "height": 768}
RATIONALE = (
    "The county emergency office bulletin lists fourteen closed schools on Tuesday,"
    " exactly as the headline says."
)
RETURN_NOTE = "Cite the county bulletin itself, not the radio report, @rita."


def _in_review_by_rita(path, claim_id) -> None:
    db = database.connect(path)
    try:
        rita = actor_for(db, "rita")
        evidence.add_evidence(
            db, claim_id, url="https://county.example/bulletin", stance="supports", actor=rita
        )
        verdicts.set_verdict(db, claim_id, rating="accurate", rationale=RATIONALE, actor=rita)
        verdicts.submit_for_review(db, claim_id, actor=rita)
        inbox.mark_all_read(db, rita)  # what earlier tests left her is read
    finally:
        db.close()


def hold_the_clock(page) -> None:
    """Stop the page's clock (installed before it loaded): the undo countdown then moves only
    when the test runs the clock on, however slow the machine is between two steps. An installed
    clock that is not paused goes on in real time."""
    # pause_at only goes forward: a minute ahead of the page's now is ahead of it by the time the
    # call arrives, on any machine.
    page.clock.pause_at(page.evaluate("Date.now()") + 60_000)


def _status(path, claim_id) -> str:
    db = database.connect(path)
    try:
        return claim_reads.get_claim(db, claim_id)["status"]
    finally:
        db.close()


def test_a_returned_verdict_reaches_the_authors_inbox_and_opening_it_marks_it_read(
    watched_page, signed_in_as, article
):
    claim = article["claims"][0]
    _in_review_by_rita(article["path"], claim["id"])
    page = watched_page
    page.goto("/")
    expect(page.locator("[data-inbox-count]")).to_have_count(0)

    # The editor returns it from the panel, mentioning her.
    editor = signed_in_as("ed")
    editor.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = editor.locator("#claim-panel")
    panel.get_by_label(re.compile("return it to the author")).fill(RETURN_NOTE)
    panel.get_by_role("button", name="Return for changes").click()
    expect(panel.locator(".status-line .badge.status-in_progress")).to_have_text("In progress")

    page.reload()
    count = page.locator(".inbox-link [data-inbox-count]")
    # Returned to her; the mention in the same comment is not a second item.
    expect(count).to_have_text("(1 unread)")
    returned = page.locator('#inbox .inbox-item.is-unread[data-inbox-kind="returned"]')
    expect(returned).to_contain_text("Ed returned your verdict")
    expect(returned.locator(".inbox-comment")).to_have_text(RETURN_NOTE)
    expect(returned.locator(".person")).to_have_attribute("title", "ed")

    returned.locator("a.work-claim").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/articles/{article['id']}\?claim={claim['id']}$"))
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(claim["id"]))
    # The claim opened has the focus, as one opened from the queue: the keyboard goes on from it.
    expect(page.locator(f"#claim-{claim['id']}")).to_be_focused()
    expect(page.locator("[data-inbox-count]")).to_have_count(0)

    # The editor gives her another claim; "Mark all read" clears it without opening it.
    editor.goto(f"/articles/{article['id']}?claim={article['claims'][1]['id']}")
    editor.locator("#claim-panel").get_by_label("Assigned").select_option("rita")
    editor.locator("#claim-panel").get_by_role("button", name="Assign").click()
    expect(editor.locator("#claim-panel .timeline-item").first).to_contain_text("Ed assigned")
    page.goto("/")
    expect(count).to_have_text("(1 unread)")
    expect(page.locator('#inbox .inbox-item[data-inbox-kind="returned"]')).not_to_have_class(
        re.compile("is-unread")
    )
    expect(
        page.locator('#inbox .inbox-item.is-unread[data-inbox-kind="assigned"]')
    ).to_contain_text("Ed assigned this to you")
    page.get_by_role("button", name="Mark all read").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#inbox .inbox-item.is-unread")).to_have_count(0)
    # The button went with the swap: the focus goes to the section's heading, which reads out
    # the new count, not back to the page's start.
    expect(page.get_by_role("heading", name="Inbox 0 unread")).to_be_focused()
    # The swap is the dashboard's section (a few items and the way to the rest), and the
    # header's count goes with it.
    expect(page.locator("#inbox .work-more a")).to_have_attribute("href", "/inbox")
    expect(count).to_have_count(0)
    page.reload()
    expect(page.locator("[data-inbox-count]")).to_have_count(0)
    assert_no_problems(page)


def test_a_mention_opened_from_the_inbox_lands_on_its_comment(watched_page, article):
    """The comment sits below the verdict and evidence forms: opened from the inbox, the page
    showed the claim and left the comment out of sight."""
    claim = article["claims"][2]
    db = database.connect(article["path"])
    try:
        ed = actor_for(db, "ed")
        for number in range(3):
            comments.add_comment(db, claim["id"], body=f"Earlier note {number}.", actor=ed)
        note = comments.add_comment(
            db, claim["id"], body="@rita the county bulletin has the figure.", actor=ed
        )
    finally:
        db.close()
    page = watched_page
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto("/inbox")
    mention = page.locator('.inbox-item[data-inbox-kind="mention"]').first
    mention.locator("a.work-claim").click()
    page.wait_for_url(re.compile(rf"#comment-{note['id']}$"))
    linked = page.locator(f"#comment-{note['id']}")
    expect(linked).to_be_focused()
    expect(linked).to_be_in_viewport()
    expect(linked).to_have_class(re.compile("is-linked"))
    assert_no_problems(page)


def test_typing_an_at_sign_offers_people_to_mention_from_the_keyboard(watched_page, article):
    claim = article["claims"][0]
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    box = page.locator("#claim-panel").get_by_label("Add a comment")
    box.click()
    page.keyboard.type("Over to @e")
    options = page.locator(".mention-list [role=option]")
    expect(options).to_have_count(2)  # ed and eve
    expect(options.first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    page.keyboard.press("Enter")
    expect(box).to_have_value("Over to @eve ")
    expect(page.locator(".mention-list")).to_be_hidden()
    page.keyboard.type("please. @zz")
    expect(page.locator(".mention-list")).to_contain_text("No one by that name")
    page.keyboard.press("Escape")
    expect(page.locator(".mention-list")).to_be_hidden()
    expect(box).to_be_focused()
    assert_no_problems(page)


def test_a_comment_ending_in_a_mention_is_sent_by_a_click_on_its_button(watched_page, article):
    """With the suggestions open, pressing Comment closed them on the press, the button moved up
    under the pointer, and the click missed it: nothing was sent, the text stayed."""
    claim = article["claims"][1]
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    box = panel.get_by_label("Add a comment")
    box.click()
    page.keyboard.type("Can you confirm the closures, @e")
    expect(page.locator(".mention-list [role=option]")).to_have_count(2)
    panel.get_by_role("button", name="Comment", exact=True).click()
    expect(panel.locator(".comment").last).to_contain_text("Can you confirm the closures, @e")
    expect(panel.get_by_label("Add a comment")).to_have_value("")
    assert_no_problems(page)


# An article of its own: the verdict this test publishes must not turn up as a previous check on
# the sample article's copies that other tests use.
FERRY_ARTICLE = (
    "Island ferry fares rise by 18 percent in April\n\n"
    "The island ferry company said on Monday that fares would rise by 18 percent in April,"
    " the largest increase since 2009. A return ticket will cost 47 euros."
)


def _ferry_claim(path, body: str = FERRY_ARTICLE) -> tuple[int, dict]:
    db = database.connect(path)
    try:
        article_id = ingest_text(db, body).article_id
        claims = claim_reads.claims_for_article(db, article_id)
    finally:
        db.close()
    return article_id, max(
        (c for c in claims if c["kind"] == "claim"), key=lambda c: c["checkworthiness"]
    )


def _as_numbered(page) -> str:
    """The open claim as its panel numbers it: "claim 3" for "Claim 3 of 7" (its id names
    another sentence)."""
    heading = page.locator("#claim-panel .panel-position").inner_text()
    return "claim " + re.search(r"Claim ([\d,]+) of", heading).group(1)


def test_approving_with_a_publishes_only_after_the_undo_banner_has_gone(signed_in_as, article):
    article_id, claim = _ferry_claim(article["path"])
    _in_review_by_rita(article["path"], claim["id"])
    editor = signed_in_as("ed")
    editor.clock.install()
    editor.goto(f"/articles/{article_id}?claim={claim['id']}")
    panel = editor.locator("#claim-panel")
    expect(panel.locator(".verdict-card.is-in-review")).to_be_visible()
    banner = editor.locator("#approve-undo")
    hold_the_clock(editor)
    numbered = _as_numbered(editor)
    assert numbered != f"claim {claim['id']}"

    editor.keyboard.press("a")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    editor.keyboard.press("u")
    expect(banner).to_contain_text(f"Not published: the verdict on {numbered}")
    # The Undo button is gone with the countdown: the focus goes back to the Approve button.
    expect(panel.get_by_role("button", name="Approve")).to_be_focused()
    editor.clock.run_for(10_000)
    assert _status(article["path"], claim["id"]) == "in_review"
    expect(panel.locator(".status-line .badge:not(.verdict-badge)")).to_have_text("In review")

    editor.locator("body").press("a")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    expect(banner.get_by_role("button", name="Undo")).to_be_focused()
    editor.clock.run_for(2_000)
    assert _status(article["path"], claim["id"]) == "in_review"
    expect(banner).to_contain_text("in 3 s.")
    editor.clock.run_for(3_000)
    expect(panel.locator(".status-line .badge:not(.verdict-badge)")).to_have_text("Published")
    assert _status(article["path"], claim["id"]) == "published"


# Every text a live region of the page is given, once for each change (emptying left out).
RECORD_SAID = """() => {
    window.said = [];
    new MutationObserver((changes) => {
        const regions = new Set(changes.map((change) => {
            const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
            return node && node.closest("[role=status], [role=alert], [aria-live]");
        }));
        regions.forEach((region) => {
            const words = region && region.textContent.trim();
            if (words) { window.said.push(words); }
        });
    }).observe(document.body, {childList: true, characterData: true, subtree: true});
}"""


def _editor_on_a_ferry_claim_in_review(signed_in_as, article, place: str):
    """A ferry article of its own (set on `place`) whose claim rita sent for review, open for ed
    with the page's clock held: (article id, claim, ed's page)."""
    ferry = FERRY_ARTICLE.replace("Island", place).replace("island", place.lower())
    article_id, claim = _ferry_claim(article["path"], ferry)
    _in_review_by_rita(article["path"], claim["id"])
    editor = signed_in_as("ed")
    editor.clock.install()
    editor.goto(f"/articles/{article_id}?claim={claim['id']}")
    expect(editor.locator("#claim-panel .verdict-card.is-in-review")).to_be_visible()
    hold_the_clock(editor)
    return article_id, claim, editor


def test_the_undo_banner_is_said_once_and_not_at_every_second(signed_in_as, article):
    _, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Moor")
    numbered = _as_numbered(editor)
    editor.evaluate(RECORD_SAID)

    editor.locator("body").press("a")
    banner = editor.locator("#approve-undo")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    editor.clock.run_for(3_000)
    # The countdown goes on where it is seen, without being said again every second.
    expect(banner).to_contain_text("in 2 s.")
    editor.keyboard.press("u")
    expect(banner).to_contain_text("Not published")
    editor.clock.run_for(100)
    said = [words for words in editor.evaluate("window.said") if "verdict on" in words]
    assert said == [
        f"Publishing the verdict on {numbered} in 5 s.",
        f"Not published: the verdict on {numbered} is still waiting for review.",
    ]
    assert _status(article["path"], claim["id"]) == "in_review"
    assert_no_problems(editor)


def test_a_verdict_approved_after_moving_on_is_shown_published_in_the_text(signed_in_as, article):
    article_id, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Lake")
    unit = editor.locator(f"#claim-{claim['id']}")
    expect(unit).to_have_attribute("data-label", "in review")

    numbered = _as_numbered(editor)
    editor.keyboard.press("a")
    banner = editor.locator("#approve-undo")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    # On to the next claim before the approval is sent, on a slow line: the next claim's panel
    # arrives only after the time is up, so the approved claim's form is still on the page then.
    held = []
    editor.route("**/claims/*/panel*", lambda route: held.append(route))
    editor.locator("body").press("j")
    expect(unit).not_to_have_attribute("aria-current", "true")
    opened = editor.locator('#article-text .unit[aria-current="true"]')
    next_id = opened.get_attribute("data-claim-id")
    editor.clock.run_for(6_000)
    expect(banner).to_contain_text(f"Published the verdict on {numbered}.")
    for route in held:
        route.continue_()
    editor.unroute("**/claims/*/panel*")
    expect(editor.locator("#claim-panel")).to_contain_text("Unreviewed")
    expect(unit).to_have_attribute("data-label", re.compile(r"^published: "))
    expect(editor.locator(".progress-text")).to_contain_text("1 of")
    # The claim open is still the one moved on to, in the text and the ranked list.
    expect(opened).to_have_attribute("data-claim-id", next_id)
    expect(editor.locator('.ranked-claim[aria-current="true"]')).to_have_count(1)
    expect(editor.locator('.ranked-claim[aria-current="true"]')).to_have_attribute(
        "data-select-claim", next_id
    )
    assert _status(article["path"], claim["id"]) == "published"
    assert_no_problems(editor)


def test_signing_out_while_an_approval_waits_sends_it_before_signing_out(signed_in_as, article):
    article_id, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "River")

    numbered = _as_numbered(editor)
    editor.keyboard.press("a")
    banner = editor.locator("#approve-undo")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    # The approval's answer is held back: the sign-out waits for it, the session still open.
    held = []
    editor.route(f"**/claims/{claim['id']}/approve", lambda route: held.append(route))
    editor.get_by_role("button", name="Sign out").click()
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} before signing out")
    for _ in range(100):  # the held request reaches its handler in a moment
        if held:
            break
        editor.wait_for_timeout(50)
    assert len(held) == 1
    assert "/sign-in" not in editor.url
    assert _status(article["path"], claim["id"]) == "in_review"
    for route in held:
        route.continue_()
    editor.wait_for_url(re.compile("/sign-in"))
    assert _status(article["path"], claim["id"]) == "published"
    assert_no_problems(editor)


def test_an_approval_refused_after_leaving_the_page_is_said_on_the_next_one(signed_in_as, article):
    """Leaving the page sends a waiting approval as it closes; when a change landed during the
    countdown the approval is refused, and nobody was told: the editor believed it published."""
    from factcheck.store import triage

    _, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Fjord")
    numbered = _as_numbered(editor)
    editor.keyboard.press("a")
    banner = editor.locator("#approve-undo")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    db = database.connect(article["path"])
    try:
        triage.assign(db, claim["id"], assignee="rita", actor=actor_for(db, "ed"))
    finally:
        db.close()
    editor.get_by_role("link", name="Queue").first.click()
    editor.wait_for_url(re.compile("/queue"))
    for _ in range(6):  # the page asks, waits and asks again: each answer takes a real moment
        editor.clock.run_for(2_000)
        editor.wait_for_timeout(200)
    expect(banner).to_contain_text(f"Not published: the approval of the verdict on {numbered}")
    expect(banner.get_by_role("link", name=f"Open {numbered}")).to_have_attribute(
        "href", f"/claims/{claim['id']}"
    )
    assert _status(article["path"], claim["id"]) == "in_review"


def test_ages_are_never_cut_and_scores_read_the_same_on_the_queue_and_the_article(
    watched_page, article
):
    page = watched_page
    claim = max(article["claims"], key=lambda c: c["checkworthiness"])
    db = database.connect(article["path"])
    try:  # the longest age there is in words: "58 minutes ago"
        an_hour_ago = datetime.now(UTC) - timedelta(minutes=58, seconds=30)
        db.execute(
            "UPDATE articles SET imported_at = ? WHERE id = ?",
            [an_hour_ago.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), article["id"]],
        )
        db.conn.commit()
    finally:
        db.close()
    page.goto(f"/queue?article={article['id']}")
    # Cells are found by their column's heading, so the test holds however the rows are built.
    headings = [h.strip() for h in page.locator(".queue-table thead th").all_inner_texts()]
    age, score = headings.index("Age") + 1, headings.index("Score") + 1
    ages = page.locator(f".queue-table tbody td:nth-child({age})")
    expect(ages.first).to_have_text("58 minutes ago")
    cut = page.evaluate(
        """(column) => [...document.querySelectorAll(
             `.queue-table tbody td:nth-child(${column})`)]
           .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
           .map(cell => cell.textContent.trim())""",
        age,
    )
    assert cut == []
    row = page.locator(f'.queue-table tbody tr:has(a[href*="claim={claim["id"]}"])').first
    on_queue = row.locator(f"td:nth-child({score})").inner_text().strip()
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    on_panel = page.locator("#claim-panel .score-line .num").inner_text()
    assert on_queue == on_panel == str(round(claim["checkworthiness"] * 100))
    assert_no_problems(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_inbox_mention_list_and_undo_banner_pass_axe(browser, base_url, article, scheme):
    source = axe_source()
    claim, other = article["claims"][0], article["claims"][1]
    _in_review_by_rita(article["path"], claim["id"])
    db = database.connect(article["path"])
    try:
        ed = actor_for(db, "ed")
        comments.add_comment(db, other["id"], body="@rita can you look at this one?", actor=ed)
    finally:
        db.close()
    found = {}
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, color_scheme=scheme)
    try:
        page = context.new_page()
        sign_in(page, base_url, "ed")
        page.goto(f"/articles/{article['id']}?claim={claim['id']}")
        # On a busy machine axe can take longer than the countdown (the page's clock cannot be
        # held: axe needs its timers): an approval sent when it runs out is held here, unanswered,
        # so nothing is published and the panel is not redrawn under the comment typed next.
        page.route(f"**/claims/{claim['id']}/approve", lambda route: None)
        page.keyboard.press("a")
        expect(page.locator("#approve-undo")).to_be_visible()
        found["undo banner"] = blocking(violations(page, source))
        page.keyboard.press("u")
        page.locator("#claim-panel").get_by_label("Add a comment").click()
        page.keyboard.type("Look @r")
        expect(page.locator(".mention-list [role=option]").first).to_be_visible()
        found["mention list"] = blocking(violations(page, source))
        context.close()
        context = browser.new_context(base_url=base_url, viewport=VIEWPORT, color_scheme=scheme)
        page = context.new_page()
        sign_in(page, base_url, "rita")
        for path in ("/", "/inbox"):
            page.goto(path)
            expect(page.locator("#inbox .inbox-item.is-unread").first).to_be_visible()
            found[path] = blocking(violations(page, source))
    finally:
        context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}


def _other_claim(path, article_id, claim_id) -> dict:
    db = database.connect(path)
    try:
        claims = claim_reads.claims_for_article(db, article_id)
    finally:
        db.close()
    return next(c for c in claims if c["kind"] == "claim" and c["id"] != claim_id)


def test_a_second_approval_while_one_waits_is_not_taken_and_the_banner_says_so(
    signed_in_as, article
):
    article_id, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Bay")
    other = _other_claim(article["path"], article_id, claim["id"])
    _in_review_by_rita(article["path"], other["id"])
    banner = editor.locator("#approve-undo")
    numbered = _as_numbered(editor)
    editor.keyboard.press("a")
    expect(banner).to_contain_text(f"Publishing the verdict on {numbered} in 5 s.")
    editor.locator(f"#claim-{other['id']}").click()
    panel = editor.locator("#claim-panel")
    expect(panel.locator(".verdict-card.is-in-review")).to_be_visible()
    expect(panel.locator(f'.panel[data-claim-id="{other["id"]}"]')).to_have_count(1)
    editor.locator("body").press("a")
    expect(banner).to_contain_text(f"{_as_numbered(editor).capitalize()} was not approved")
    editor.clock.run_for(6_000)
    expect(banner).to_contain_text(f"Published the verdict on {numbered}.")
    assert _status(article["path"], claim["id"]) == "published"
    assert _status(article["path"], other["id"]) == "in_review"


def test_on_a_narrow_screen_the_undo_banner_shows_above_the_panel(signed_in_as, article):
    article_id, claim, editor = _editor_on_a_ferry_claim_in_review(signed_in_as, article, "Cove")
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.keyboard.press("a")
    undo = editor.locator("#approve-undo").get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    box = undo.bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    on_top = editor.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#approve-undo') !== null", middle
    )
    assert on_top, "the Undo button is under the claim panel"
    editor.keyboard.press("Enter")
    expect(editor.locator("#approve-undo")).to_contain_text("Not published")
    assert _status(article["path"], claim["id"]) == "in_review"
