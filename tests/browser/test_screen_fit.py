"""Every page fits a phone (390x844) and a laptop (1440x900): nothing scrolls sideways, the queue
shows its claims' text, the navigation folds into a menu on the phone, and every button in the
claim panel can be reached and clicked, not hidden behind another part of the page."""

import pytest
from page_checks import sign_in
from playwright.sync_api import expect
from screens import SIZES, claim_url, reviewed_article, signed_in_pages

# What covers the point at an element's centre after it is scrolled into view: null when the
# element itself (or something inside it) is there, else a description of what hides it.
HIDDEN_BY = """(element) => {
  element.scrollIntoView({block: "center", inline: "center"});
  const box = element.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return "it has no size";
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return "it stays outside the window";
  const found = document.elementFromPoint(x, y);
  if (found === element || element.contains(found)) return null;
  if (found && found.closest("label") && found.closest("label") === element.closest("label")) return null;
  return found ? found.outerHTML.slice(0, 160) : "nothing";
}"""

PANEL_CONTROLS = "#claim-panel :is(button, summary, a, input[type=radio], select):visible"


@pytest.fixture(scope="module")
def work(demo_articles):
    from factcheck import db as database
    from factcheck.store import users
    from factcheck.store.actors import SYSTEM

    # Someone whose name has no space to break at: the Users page must still fit.
    db = database.connect(demo_articles["path"])
    try:
        if all(person["username"] != "longname" for person in users.list_users(db)):
            users.add_user(
                db,
                "longname",
                role="reviewer",
                password="a-long-enough-password-1",
                display_name="Dr." + "Verylongname" * 6,
                actor=SYSTEM,
            )
    finally:
        db.close()
    work = reviewed_article(demo_articles["path"])
    _source_whose_quote_is_gone(demo_articles["path"], work)
    return work


def _source_whose_quote_is_gone(path, work: dict) -> None:
    """A source whose re-checked page no longer says its quote, cited by a claim the other tests
    leave alone: the dashboard's flagged list shows it with its longest words."""
    from factcheck import db as database
    from factcheck.store import claim_reads, evidence, link_checks, users
    from factcheck.store.actors import SYSTEM

    url = "https://county.example/a-rather-long-address/of-a-bulletin/that-changed-since"
    quote = "the bridge on the ring road stays closed until March"
    db = database.connect(path)
    try:
        taken = {work["published"], work["in_review"], work["untouched"]}
        claim_id = next(
            c["id"]
            for c in claim_reads.claims_for_article(db, work["article"])
            if c["kind"] == "claim" and c["id"] not in taken
        )
        item = evidence.add_evidence(
            db, claim_id, url=url, stance="supports", quote=quote,
            actor=users.actor_for(db, "rita"),
        )  # fmt: skip
        copy = evidence.record_snapshot(
            db, url, actor=SYSTEM, status="archived", http_status=200,
            content_type="text/html", content_sha256="1" * 64, title="Roads",
            text=f"The council said {quote}, and the tram runs as usual.",
        )  # fmt: skip
        link_checks.record_link_checks(
            db, url, actor=SYSTEM,
            checks=[{"outcome": "changed", "text_change": 0.4,
                     "quotes": {item["id"]: "not_found"}, "snapshot_id": copy["id"]}],
        )  # fmt: skip
    finally:
        db.close()


def _page_at(browser, base_url, size: str, username: str):
    context = browser.new_context(base_url=base_url, viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, base_url, username)
    return context, page


def _sideways_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_no_page_scrolls_sideways(browser, base_url, work, size):
    context = browser.new_context(base_url=base_url, viewport=SIZES[size])
    try:
        page = context.new_page()
        page.goto("/sign-in")
        wide = {"sign-in": _sideways_overflow(page)}
        sign_in(page, base_url, "ed")
        for name, path in signed_in_pages(work).items():
            page.goto(path)
            wide[name] = _sideways_overflow(page)
        context.close()
        context, page = _page_at(browser, base_url, size, "ada")
        assert page.goto("/admin/users").status == 200
        wide["admin"] = _sideways_overflow(page)
    finally:
        context.close()
    assert {name: px for name, px in wide.items() if px > 0} == {}


USER_COLUMNS = ["Role", "Status", "Added", "Password"]


@pytest.mark.parametrize("size", SIZES)
def test_each_part_of_a_persons_row_on_the_users_page_says_what_it_is(
    browser, base_url, work, size
):
    """A laptop shows the table's column headings; a phone, which lays each person out as a
    card without them, labels each part beside it ("Password  Reset", "Added  2 days ago")."""
    context, page = _page_at(browser, base_url, size, "ada")
    try:
        page.goto("/admin/users")
        headings = page.locator(".users-table thead th")
        rita = page.locator('tr[data-username="rita"]')
        labels = rita.locator(".cell-label")
        if size == "laptop":
            expect(headings).to_have_text(["Person", *USER_COLUMNS])
            assert headings.first.bounding_box()["height"] > 10
            for label in labels.all():
                expect(label).to_be_hidden()
            return
        expect(labels).to_have_text(USER_COLUMNS)
        what_each_names = {
            "Role": ".col-role summary",
            "Status": ".col-status .badge",
            "Added": ".col-date time",
            "Password": ".col-password summary",
        }
        for words, selector in what_each_names.items():
            label = labels.filter(has_text=words)
            expect(label).to_be_visible()
            label_box = label.bounding_box()
            cell_box = label.locator("xpath=..").bounding_box()
            assert label_box["y"] - cell_box["y"] < 8, f"{words} is not on its part's first line"
            part_box = rita.locator(selector).bounding_box()
            assert label_box["x"] + label_box["width"] <= part_box["x"], f"{words} overlaps"
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_queue_shows_each_claims_text(browser, base_url, work, size):
    context, page = _page_at(browser, base_url, size, "ed")
    try:
        page.goto("/queue")
        claims = page.locator("#queue-table a.queue-claim")
        expect(claims.first).to_be_visible()
        for index in range(min(claims.count(), 5)):
            link = claims.nth(index)
            box = link.bounding_box()
            assert box["width"] >= 240, "the claim's text is squeezed"
            assert box["height"] >= 14
            assert link.inner_text().strip()
            assert page.evaluate(HIDDEN_BY, link.element_handle()) is None
    finally:
        context.close()


def test_on_a_phone_the_menu_button_opens_the_navigation(browser, base_url):
    context, page = _page_at(browser, base_url, "phone", "ed")
    try:
        page.goto("/")
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="Queue", exact=True)).to_be_hidden()
        expect(page.get_by_role("button", name="Sign out")).to_be_hidden()

        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        for name in ("Articles", "Queue", "Import", "Account"):
            expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        page.keyboard.press("Escape")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_focused()
        expect(page.get_by_role("link", name="Queue", exact=True)).to_be_hidden()

        menu.click()
        page.get_by_role("link", name="Queue", exact=True).click()
        expect(page).to_have_url(f"{base_url}/queue")
        # Measured once the new page's script has folded the links behind Menu again: before
        # that (stylesheets or script still loading) every link shows, as without script.
        page.wait_for_load_state("load")
        expect(page.get_by_role("button", name="Menu")).to_be_visible()
        assert _sideways_overflow(page) <= 0
    finally:
        context.close()


def test_without_script_a_phone_still_shows_every_link(browser, base_url):
    context = browser.new_context(
        base_url=base_url, viewport=SIZES["phone"], java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, base_url, "ed")
        page.goto("/queue")
        for name in ("Articles", "Queue", "Import", "Account"):
            expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        expect(page.get_by_role("button", name="Menu")).to_have_count(0)
        assert _sideways_overflow(page) <= 0
    finally:
        context.close()


def _open_every_fold(page):
    page.evaluate("document.querySelectorAll('#claim-panel details').forEach(d => d.open = true)")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("which", "username"),
    [("published", "ed"), ("in_review", "ed"), ("untouched", "rita")],
)
def test_every_panel_control_can_be_clicked(browser, base_url, work, size, which, username):
    context, page = _page_at(browser, base_url, size, username)
    try:
        page.goto(claim_url(work, which))
        expect(page.locator("#claim-panel .panel[data-claim-id]")).to_be_visible()
        _open_every_fold(page)
        controls = page.locator(PANEL_CONTROLS)
        assert controls.count() >= 5
        hidden = {}
        for index in range(controls.count()):
            control = controls.nth(index)
            covered = page.evaluate(HIDDEN_BY, control.element_handle())
            if covered:
                hidden[control.evaluate("e => e.outerHTML.slice(0, 120)")] = covered
        assert hidden == {}
        if size == "phone":
            # The panel lies over the article, the full width of the window.
            box = page.locator("#claim-panel").bounding_box()
            assert box["x"] == 0 and box["width"] == SIZES["phone"]["width"]
    finally:
        context.close()


def test_on_a_phone_choosing_a_claim_opens_the_panel_over_the_text(browser, base_url, work):
    context, page = _page_at(browser, base_url, "phone", "rita")
    try:
        page.goto(f"/articles/{work['article']}")
        expect(page.locator("#claim-panel .panel[data-claim-id]")).to_have_count(0)
        page.locator(f"#claim-{work['untouched']}").click()
        panel = page.locator("#claim-panel")
        expect(panel.locator(f'.panel[data-claim-id="{work["untouched"]}"]')).to_be_visible()
        box = panel.bounding_box()
        assert box["x"] == 0 and box["width"] == SIZES["phone"]["width"]
        expect(panel.get_by_role("heading", name="Claim 3 of 7")).to_be_focused()
        page.keyboard.press("Escape")
        # "Back to the text" loads the article page again; wait for it (and its scripts) to load
        # before choosing a claim on it.
        page.wait_for_url(f"**/articles/{work['article']}#claim-{work['untouched']}")
        expect(page.locator("#claim-panel .panel[data-claim-id]")).to_have_count(0)

        page.locator(f"#claim-{work['untouched']}").click()
        expect(panel.locator(f'.panel[data-claim-id="{work["untouched"]}"]')).to_be_visible()
        page.get_by_role("link", name="Back to the text").click()
        expect(page.locator("#claim-panel .panel[data-claim-id]")).to_have_count(0)
        expect(page.locator(f"#claim-{work['untouched']}")).to_be_in_viewport()
        assert _sideways_overflow(page) <= 0
    finally:
        context.close()


def test_on_a_laptop_the_ranked_list_folds_away_for_the_panel(browser, base_url, work):
    """At 1440x900 the ranked list folds away so the panel has the height it needs, and opens
    again with its heading's button."""
    context, page = _page_at(browser, base_url, "laptop", "rita")
    try:
        page.goto(claim_url(work, "untouched"))
        toggle = page.get_by_role("button", name="Claims by check-worthiness")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        ranked = page.locator("#ranked-claims .ranked-list")
        expect(ranked).to_be_visible()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(ranked).to_be_hidden()
        add = page.locator("#claim-panel").get_by_role("button", name="Add evidence")
        assert page.evaluate(HIDDEN_BY, add.element_handle()) is None
        # The choice is kept when the panel and list are refreshed, and on the next page.
        page.locator(f"#claim-{work['published']}").click()
        expect(
            page.locator(f'#claim-panel .panel[data-claim-id="{work["published"]}"]')
        ).to_be_visible()
        expect(ranked).to_be_hidden()
        # A write in the panel refreshes the ranked section; it comes back folded, as chosen.
        panel = page.locator("#claim-panel")
        panel.get_by_label("Assigned").select_option("rita")
        panel.get_by_role("button", name="Assign").click()
        expect(panel.get_by_label("Assigned")).to_have_value("rita")
        expect(page.locator("#ranked-claims .ranked-toggle")).to_have_attribute(
            "aria-expanded", "false"
        )
        expect(ranked).to_be_hidden()
        page.reload()
        expect(page.get_by_role("button", name="Claims by check-worthiness")).to_have_attribute(
            "aria-expanded", "false"
        )
        page.get_by_role("button", name="Claims by check-worthiness").click()
        expect(ranked).to_be_visible()
    finally:
        context.close()
