"""A reviewer's first minutes in a real browser: dashboard, article, keyboard, panel, escaping."""

import re

from page_checks import assert_no_problems
from playwright.sync_api import expect
from screens import PHONE


def test_reading_an_article_and_moving_through_its_claims(watched_page, demo_articles):
    page = watched_page
    page.goto("/")
    link = page.get_by_role("link", name=re.compile("Warehouse fire at Northgate"))
    link.click()
    expect(page).to_have_url(re.compile(rf"/articles/{demo_articles['story']}$"))

    claims = page.locator("#article-text .unit.is-claim")
    # Waits for the new page's text: the URL changes before its body has arrived.
    expect(claims.nth(5)).to_be_attached()
    muted = page.locator("#article-text .unit.is-not-claim").first
    expect(muted).to_have_attribute("data-label", re.compile(r"\w"))
    muted_colour = muted.evaluate("unit => getComputedStyle(unit).color")
    claim_colour = claims.first.evaluate("unit => getComputedStyle(unit).color")
    assert muted_colour != claim_colour

    # A marker on the window survives only if the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")
    panel = page.locator("#claim-panel")

    page.keyboard.press("j")
    expect(claims.nth(0)).to_have_attribute("aria-current", "true")
    expect(panel.locator(".panel-position")).to_have_text(re.compile(r"^Claim 1 of \d+$"))
    expect(panel.locator(".panel-quote")).to_have_text(claims.nth(0).inner_text())

    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(claims.nth(2)).to_have_attribute("aria-current", "true")
    expect(claims.nth(0)).not_to_have_attribute("aria-current", "true")
    expect(panel.locator(".panel-position")).to_have_text(re.compile(r"^Claim 3 of "))
    expect(panel.locator(".panel-quote")).to_have_text(claims.nth(2).inner_text())

    page.keyboard.press("k")
    expect(claims.nth(1)).to_have_attribute("aria-current", "true")
    expect(panel.locator(".panel-quote")).to_have_text(claims.nth(1).inner_text())
    selected_id = claims.nth(1).get_attribute("data-claim-id")
    expect(page).to_have_url(re.compile(rf"\?claim={selected_id}$"))
    expect(page.locator('#article-text [aria-current="true"]')).to_have_count(1)

    top = page.locator(".ranked-claim").first
    top.click()
    top_id = top.get_attribute("data-select-claim")
    expect(page.locator(f"#claim-{top_id}")).to_have_attribute("aria-current", "true")
    expect(top).to_have_attribute("aria-current", "true")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", top_id)

    assert page.evaluate("window.stillTheSamePage") is True
    assert_no_problems(page)


def test_the_help_overlay_opens_with_a_question_mark(watched_page, demo_articles):
    page = watched_page
    page.goto(f"/articles/{demo_articles['story']}")
    help_dialog = page.locator("#keyboard-help")
    expect(help_dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(help_dialog).to_be_visible()
    expect(help_dialog).to_contain_text("Next claim")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    assert_no_problems(page)


def test_markup_in_an_article_is_shown_as_text_and_never_runs(watched_page, demo_articles):
    page = watched_page
    page.goto(f"/articles/{demo_articles['script']}")
    markup = demo_articles["script_text"]
    body = page.locator("#article-text .article-body")
    expect(body).to_contain_text(markup)
    assert page.locator("#article-text script").count() == 0
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator("#claim-panel .panel-quote")).to_contain_text(markup)
    assert_no_problems(page)


def test_a_late_panel_for_a_claim_passed_over_is_not_drawn(watched_page, demo_articles):
    page = watched_page
    page.goto(f"/articles/{demo_articles['story']}")
    claims = page.locator("#article-text .unit.is-claim")
    panel = page.locator("#claim-panel")
    first_id = claims.nth(0).get_attribute("data-claim-id")
    second_id = claims.nth(1).get_attribute("data-claim-id")
    page.evaluate(
        """() => {
            window.panelsDrawn = [];
            const holder = document.getElementById("claim-panel");
            new MutationObserver(() => {
                const drawn = holder.querySelector(".panel");
                window.panelsDrawn.push(drawn ? drawn.dataset.claimId : null);
            }).observe(holder, { childList: true });
        }"""
    )
    # The server is slow with the second claim's panel: the reviewer moves on before it answers.
    held = []
    page.route(f"**/claims/{second_id}/panel*", lambda route: held.append(route))

    page.keyboard.press("j")
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", first_id)
    with page.expect_request(lambda request: f"/claims/{second_id}/panel" in request.url):
        page.keyboard.press("j")
    page.keyboard.press("k")
    expect(claims.nth(0)).to_have_attribute("aria-current", "true")
    with page.expect_response(lambda answer: f"/claims/{first_id}/panel" in answer.url):
        held[0].continue_()
    expect(panel.locator(".panel")).to_have_attribute("data-claim-id", first_id)
    assert second_id not in page.evaluate("window.panelsDrawn")
    assert_no_problems(page)


def test_escape_from_a_panel_field_puts_the_focus_on_the_claim(watched_page, article, claim):
    # QA: Esc from the rationale left the focus on the page's body.
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    in_text = page.locator(f"#claim-{claim['id']}")
    page.locator("body").press("1")
    rationale = panel.get_by_label("Rationale")
    expect(rationale).to_be_focused()
    page.keyboard.type("Half a thought")
    page.keyboard.press("Escape")
    expect(in_text).to_be_focused()
    expect(rationale).to_have_value("Half a thought")

    # Any field of the panel, and j goes on from the claim at once.
    page.keyboard.press("e")
    expect(panel.get_by_label("Source URL")).to_be_focused()
    page.keyboard.press("Escape")
    expect(in_text).to_be_focused()
    page.keyboard.press("j")
    following = page.locator('#article-text .unit.is-claim[aria-current="true"]')
    expect(following).not_to_have_attribute("data-claim-id", str(claim["id"]))
    expect(following).to_be_focused()
    assert_no_problems(page)


def test_escape_from_a_panel_over_the_text_puts_the_focus_on_its_heading(
    watched_page, article, claim
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    page.locator("body").press("1")
    expect(panel.get_by_label("Rationale")).to_be_focused()
    page.keyboard.press("Escape")
    # The text lies under the panel, out of sight: the panel's heading, the panel still open.
    expect(panel.get_by_role("heading", name=re.compile(r"^Claim \d+ of \d+"))).to_be_focused()
    expect(panel.locator(f'.panel[data-claim-id="{claim["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_moving_past_the_first_or_last_claim_is_said(watched_page, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    claims = page.locator("#article-text .unit.is-claim")
    said = page.locator("#panel-said")
    page.keyboard.press("j")
    expect(claims.nth(0)).to_have_attribute("aria-current", "true")
    page.keyboard.press("k")
    # Nothing moves, and a screen reader is told why.
    expect(claims.nth(0)).to_have_attribute("aria-current", "true")
    expect(said).to_have_text("This is the article's first claim.")
    last = claims.count() - 1
    for _ in range(last):
        page.keyboard.press("j")
    expect(claims.nth(last)).to_have_attribute("aria-current", "true")
    page.keyboard.press("j")
    expect(said).to_have_text("This is the article's last claim.")
    assert_no_problems(page)


def test_a_panel_key_pressed_before_a_claim_is_chosen_says_how_to_choose_one(watched_page, article):
    page = watched_page
    page.goto(f"/articles/{article['id']}")
    for key in ("e", "a", "3"):
        page.locator("body").press(key)
        expect(page.locator("#panel-said")).to_have_text(
            "Choose a claim first: j and k move between claims."
        )
    page.keyboard.press("j")
    expect(page.locator("#claim-panel .panel-quote")).to_be_visible()
    page.locator("body").press("9")
    expect(page.locator("#panel-said")).to_have_text(
        re.compile(r"^The rating scale has no rating 9\.$")
    )
    assert_no_problems(page)


def test_from_a_unit_set_aside_after_the_last_claim_j_goes_nowhere(watched_page, article):
    from factcheck import db as database
    from factcheck.ingest import ingest_text

    db = database.connect(article["path"])
    try:
        body = (
            "Ferry fares rise\n\nFares on the island ferry rose 12% on Monday, the operator said."
        )
        article_id = ingest_text(db, body + "\n\nALSO READ | How the ferry was built").article_id
    finally:
        db.close()
    page = watched_page
    page.goto(f"/articles/{article_id}")
    after_last = page.locator("#article-text .unit").last
    expect(after_last).not_to_have_class(re.compile("is-claim"))
    after_last.click()
    expect(after_last).to_have_attribute("aria-current", "true")
    page.locator("body").press("j")
    # Not back to the claim before it: the reader is told there is none after.
    expect(page.locator("#panel-said")).to_have_text("No claim comes after this in the article.")
    expect(after_last).to_have_attribute("aria-current", "true")
    assert_no_problems(page)


def _merge_by_another_editor(path, first_id: int) -> None:
    """Someone else (ed) merges the claim after `first_id` into it while the page is open."""
    from factcheck import db as database
    from factcheck.store import unit_edits
    from factcheck.store.users import actor_for

    db = database.connect(path)
    try:
        unit_edits.merge_with_next(
            db, first_id, reason="One claim across two sentences", actor=actor_for(db, "ed")
        )
    finally:
        db.close()


def test_a_claim_merged_away_while_open_says_where_it_went_with_a_link(watched_page, article):
    """Someone else merges the claim open here into the one before it: saving says so, with a
    link to that claim, and the rationale and rating typed stay in the panel and come back,
    marked as kept, in the panel of the claim it was merged into."""
    from factcheck import db as database
    from factcheck.store import unit_edits

    db = database.connect(article["path"])
    try:
        pairs = ((c, unit_edits.merge_partner(db, c)) for c in article["claims"])
        first, second = next((c, partner) for c, partner in pairs if partner is not None)
    finally:
        db.close()
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={second['id']}")
    panel = page.locator("#claim-panel")
    rationale = panel.get_by_label("Rationale")
    rationale.fill("The council's own minutes give a different count for the closures.")
    _merge_by_another_editor(article["path"], first["id"])
    panel.get_by_role("radio", name="False", exact=True).check()
    panel.get_by_role("button", name="Save draft").click()
    notice = page.locator("#notice")
    expect(notice).to_contain_text("was merged into the one before it in the article")
    link = notice.get_by_role("link", name="Open the claim it was merged into")
    expect(link).to_have_attribute("href", f"/claims/{first['id']}")
    expect(notice).to_contain_text("What you typed in this claim's panel is kept")
    expect(rationale).to_have_value(re.compile("different count"))
    assert_no_problems(page, expected_status=404)
    link.click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute("data-claim-id", str(first["id"]))
    merged_rationale = page.locator("#claim-panel").get_by_label("Rationale")
    expect(merged_rationale).to_have_value(re.compile("different count"))
    expect(merged_rationale).to_have_class(re.compile("has-kept-draft"))
    expect(
        page.locator("#claim-panel").get_by_role("radio", name="False", exact=True)
    ).to_be_checked()


def test_text_moved_from_a_merged_claim_joins_what_was_typed_for_the_claim_it_went_to(
    watched_page, article
):
    """Text typed, unsaved, in the panels of two claims, then the second merged into the first:
    moving the second's text for the first replaced the first's."""
    from factcheck import db as database
    from factcheck.store import unit_edits

    db = database.connect(article["path"])
    try:
        pairs = [(c, unit_edits.merge_partner(db, c)) for c in article["claims"]]
        first, second = [(c, p) for c, p in pairs if p is not None][-1]
    finally:
        db.close()
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={first['id']}")
    page.locator("#claim-panel").get_by_label("Rationale").fill("First claim's note, unsaved.")
    page.locator(f"#claim-{second['id']}").click()
    expect(page.locator("#claim-panel .panel")).to_have_attribute(
        "data-claim-id", str(second["id"])
    )
    page.locator("#claim-panel").get_by_label("Rationale").fill("Second claim's note, unsaved.")
    _merge_by_another_editor(article["path"], first["id"])
    page.locator("#claim-panel").get_by_role("button", name="Save draft").click()
    notice = page.locator("#notice")
    expect(notice).to_contain_text("What you typed in this claim's panel is kept")
    notice.get_by_role("link", name="Open the claim it was merged into").click()
    rationale = page.locator("#claim-panel").get_by_label("Rationale")
    expect(rationale).to_have_value("First claim's note, unsaved.\n\nSecond claim's note, unsaved.")
    assert_no_problems(page, expected_status=404)


def _split_by_another_editor(path, claim) -> dict:
    """Split `claim` in two at a space near its middle, as the editor ed; the new second part."""
    from factcheck import db as database
    from factcheck.store import unit_edits
    from factcheck.store.users import actor_for

    db = database.connect(path)
    try:
        space = claim["start"] + claim["text"].index(" ", len(claim["text"]) // 2)
        _, new_part = unit_edits.split_unit(
            db, claim["id"], at=space, reason="Two claims in one", actor=actor_for(db, "ed")
        )
    finally:
        db.close()
    return new_part


def _open_with_its_panel(page, article, claim):
    """The article page with `claim`'s panel drawn; the panel."""
    page.goto(f"/articles/{article['id']}?claim={claim['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{claim["id"]}"]')).to_be_visible()
    return panel


def test_j_and_k_step_onto_a_split_of_the_open_claim_made_while_its_panel_is_open(
    watched_page, article
):
    """The open claim's panel was drawn before someone split that claim: its Next is the claim
    after both parts. j still goes to the second part, the page drawn again to show it."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first, second = claims[0], claims[1]
    page = watched_page
    panel = _open_with_its_panel(page, article, first)
    new_part = _split_by_another_editor(article["path"], first)

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{new_part["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{new_part['id']}")).to_have_attribute("aria-current", "true")
    expect(page.locator(f"#claim-{new_part['id']}")).to_be_focused()
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{second["id"]}"]')).to_be_visible()
    page.locator("body").press("k")
    expect(panel.locator(f'.panel[data-claim-id="{new_part["id"]}"]')).to_be_visible()
    page.locator("body").press("k")
    expect(panel.locator(f'.panel[data-claim-id="{first["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_j_steps_onto_the_first_of_three_parts_split_while_the_panel_is_open(watched_page, article):
    """The open claim was split in three after its panel was drawn: j goes to the part right
    after it, not to the last part, which is the one the claim after them names."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first = claims[0]
    page = watched_page
    panel = _open_with_its_panel(page, article, first)
    middle = _split_by_another_editor(article["path"], first)
    last = _split_by_another_editor(article["path"], middle)

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{middle["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{middle['id']}")).to_have_attribute("aria-current", "true")
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{last["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_k_steps_onto_a_split_of_the_previous_claim_made_while_the_panel_is_open(
    watched_page, article
):
    """The previous claim was split after this claim's panel was drawn: k goes to the part just
    before this claim, not past it to the first part."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first, second = claims[0], claims[1]
    page = watched_page
    panel = _open_with_its_panel(page, article, second)
    new_part = _split_by_another_editor(article["path"], first)

    page.locator("body").press("k")
    expect(panel.locator(f'.panel[data-claim-id="{new_part["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{new_part['id']}")).to_have_attribute("aria-current", "true")
    assert_no_problems(page)


def test_j_goes_on_when_the_open_claim_was_merged_away_and_split_anew(watched_page, article):
    """Someone merges the claim before the open one into it and splits them again where they
    were: the open claim's sentence has a new id. j goes on to the claim after it, not back up
    the article looking for the one it left."""
    from factcheck import db as database
    from factcheck.store import unit_edits
    from factcheck.store.users import actor_for

    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    # The quotation's two sentences, one paragraph, and the claim after them.
    first, second, third = claims[3], claims[4], claims[5]
    page = watched_page
    panel = _open_with_its_panel(page, article, second)
    _merge_by_another_editor(article["path"], first["id"])
    db = database.connect(article["path"])
    try:
        unit_edits.split_unit(
            db,
            first["id"],
            at=first["end"],
            reason="Two claims after all",
            actor=actor_for(db, "ed"),
        )
    finally:
        db.close()

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{third["id"]}"]')).to_be_visible()
    page.wait_for_timeout(500)  # the panels asked for after it, had it gone looking
    expect(panel.locator(f'.panel[data-claim-id="{third["id"]}"]')).to_be_visible()
    assert page.url.endswith(f"claim={third['id']}")
    assert_no_problems(page)


def _classify_by_another_editor(path, units, kind) -> None:
    """Mark `units` as claims or as not claims, as the editor ed."""
    from factcheck import db as database
    from factcheck.store import triage
    from factcheck.store.users import actor_for

    db = database.connect(path)
    try:
        for unit in units:
            triage.classify(
                db, unit["id"], kind=kind, reason="Checked again", actor=actor_for(db, "ed")
            )
    finally:
        db.close()


def test_j_steps_onto_a_sentence_made_a_claim_again_and_split_while_the_panel_is_open(
    watched_page, article
):
    """The sentence after the open claim was set aside when the page was drawn; someone makes it
    a claim again and splits it: j goes to it, the one the page drew, not past it."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    before, set_aside, after = claims[2], claims[3], claims[4]
    _classify_by_another_editor(article["path"], [set_aside], "not_a_claim")
    page = watched_page
    panel = _open_with_its_panel(page, article, before)
    _classify_by_another_editor(article["path"], [set_aside], "claim")
    _split_by_another_editor(article["path"], set_aside)

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{set_aside["id"]}"]')).to_be_visible()
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    assert after["id"] != set_aside["id"]
    assert_no_problems(page)


def test_j_steps_onto_the_first_of_two_sentences_made_claims_again_while_the_panel_is_open(
    watched_page, article
):
    """Two sentences after the open claim were set aside when the page was drawn; someone makes
    both claims again and splits the second: j goes to the first of them, next to the open one."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    before, first_aside, second_aside = claims[2], claims[3], claims[4]
    _classify_by_another_editor(article["path"], [first_aside, second_aside], "not_a_claim")
    page = watched_page
    panel = _open_with_its_panel(page, article, before)
    _classify_by_another_editor(article["path"], [first_aside, second_aside], "claim")
    _split_by_another_editor(article["path"], second_aside)

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{first_aside["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_j_goes_on_past_the_next_claim_merged_into_the_open_one_while_its_panel_is_open(
    watched_page, article
):
    """Someone merges the next claim into the open one: its panel is gone, so j goes on to the
    claim after it, the page drawn again, rather than leave the old panel under a new address."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first, merged, after = claims[3], claims[4], claims[5]
    page = watched_page
    panel = _open_with_its_panel(page, article, first)
    _merge_by_another_editor(article["path"], first["id"])

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{after["id"]}"]')).to_be_visible()
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    assert page.url.endswith(f"claim={after['id']}")
    assert merged["id"] != after["id"]
    assert_no_problems(page, expected_status=404)


def test_j_follows_the_article_as_it_is_now_after_someone_else_split_a_claim(watched_page, article):
    """Someone else splits the next claim in two while the page is open: j goes to its first
    part, then to the second (a claim the page never drew), as the panel's Next says."""
    from factcheck import db as database
    from factcheck.store import unit_edits
    from factcheck.store.users import actor_for

    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first, second = claims[0], claims[1]
    page = watched_page
    page.goto(f"/articles/{article['id']}?claim={first['id']}")
    panel = page.locator("#claim-panel")
    expect(panel.locator(f'.panel[data-claim-id="{first["id"]}"]')).to_be_visible()
    db = database.connect(article["path"])
    try:
        space = second["start"] + second["text"].index(" ", len(second["text"]) // 2)
        _, new_part = unit_edits.split_unit(
            db, second["id"], at=space, reason="Two claims in one", actor=actor_for(db, "ed")
        )
    finally:
        db.close()
    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{second["id"]}"]')).to_be_visible()
    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{new_part["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{new_part['id']}")).to_have_attribute("aria-current", "true")
    assert_no_problems(page)


def test_j_steps_past_the_next_claim_set_aside_while_the_panel_is_open(watched_page, article):
    """Someone sets the next claim aside as not a claim: j goes on to the claim after it, the page
    drawn again to show it set aside, rather than open its panel as if it were a claim."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    first, set_aside, after = claims[0], claims[1], claims[2]
    page = watched_page
    panel = _open_with_its_panel(page, article, first)
    _classify_by_another_editor(article["path"], [set_aside], "not_a_claim")

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{after["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{after['id']}")).to_have_attribute("aria-current", "true")
    expect(page.locator(f"#claim-{set_aside['id']}")).not_to_have_class(re.compile("is-claim"))
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    page.locator("body").press("k")
    expect(panel.locator(f'.panel[data-claim-id="{first["id"]}"]')).to_be_visible()
    assert_no_problems(page)


def test_k_steps_past_the_previous_claim_set_aside_while_the_panel_is_open(watched_page, article):
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    before, set_aside, last = claims[-3], claims[-2], claims[-1]
    page = watched_page
    panel = _open_with_its_panel(page, article, last)
    _classify_by_another_editor(article["path"], [set_aside], "not_a_claim")

    page.locator("body").press("k")
    expect(panel.locator(f'.panel[data-claim-id="{before["id"]}"]')).to_be_visible()
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    assert_no_problems(page)


def test_j_onto_the_last_claim_set_aside_while_the_panel_is_open_stays_on_the_claim_before(
    watched_page, article
):
    """No claim comes after the one set aside: the page is drawn again at the claim before it."""
    claims = [c for c in article["claims"] if c["kind"] == "claim"]
    before, set_aside = claims[-2], claims[-1]
    page = watched_page
    panel = _open_with_its_panel(page, article, before)
    _classify_by_another_editor(article["path"], [set_aside], "not_a_claim")

    page.locator("body").press("j")
    expect(page.locator(f"#claim-{set_aside['id']}")).not_to_have_class(re.compile("is-claim"))
    expect(panel.locator(f'.panel[data-claim-id="{before["id"]}"]')).to_be_visible()
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    page.locator("body").press("j")
    expect(page.locator("#panel-said")).to_have_text("This is the article's last claim.")
    assert_no_problems(page)


def test_j_steps_onto_a_split_of_the_last_claim_made_while_its_panel_is_open(watched_page, article):
    """The last claim's panel has no Next: someone splits that claim, and j reaches the new last
    part without a reload, the page drawn again to show it."""
    last = [c for c in article["claims"] if c["kind"] == "claim"][-1]
    page = watched_page
    panel = _open_with_its_panel(page, article, last)
    new_part = _split_by_another_editor(article["path"], last)

    page.locator("body").press("j")
    expect(panel.locator(f'.panel[data-claim-id="{new_part["id"]}"]')).to_be_visible()
    expect(page.locator(f"#claim-{new_part['id']}")).to_have_attribute("aria-current", "true")
    expect(page.locator("#panel-said")).to_contain_text("This article changed")
    page.locator("body").press("j")
    expect(page.locator("#panel-said")).to_have_text("This is the article's last claim.")
    assert_no_problems(page)
