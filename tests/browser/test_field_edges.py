"""What axe-core does not measure: a field's edge stands out from the page at 3:1 and its
placeholder is readable at 4.5:1, in the light theme and the dark one; the current claim is
marked otherwise than the focus ring, so the two are told apart."""

import pytest
from page_checks import assert_no_problems, sign_in

# For every field shown: the contrast of its edge against what lies behind it and against its
# own background (the lower), and of its placeholder against its background.
_MEASURE = """() => {
  const channels = (color) => {
    const found = /^rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)(?:, ([\\d.]+))?\\)$/.exec(color);
    if (!found) { throw new Error("cannot read the colour " + color); }
    return {rgb: found.slice(1, 4).map(Number), alpha: found[4] === undefined ? 1 : Number(found[4])};
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const found = channels(getComputedStyle(node).backgroundColor);
      if (found.alpha > 0) { return found.rgb; }
    }
    return [255, 255, 255];
  };
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])" +
    ":not([type=submit]):not([type=button]), select, textarea");
  return Array.from(fields).filter((field) => field.getClientRects().length).map((field) => {
    const style = getComputedStyle(field);
    const own = background(field);
    const behind = background(field.parentElement);
    const edge = channels(style.borderTopColor).rgb;
    const placeholder = field.placeholder
      ? contrast(channels(getComputedStyle(field, "::placeholder").color).rgb, own)
      : null;
    return {
      field: field.id || field.name,
      edge: Math.min(contrast(edge, own), contrast(edge, behind)),
      placeholder: placeholder,
    };
  });
}"""

PAGES = ("/queue", "/library", "/audit", "/import", "/account")


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_every_fields_edge_and_placeholder_can_be_seen(browser, base_url, claim, scheme):
    context = browser.new_context(base_url=base_url, color_scheme=scheme)
    try:
        page = context.new_page()
        sign_in(page, base_url, "ed")
        faint = {}
        for path in (*PAGES, f"/articles/{claim['article_id']}?claim={claim['id']}"):
            page.goto(path)
            for found in page.evaluate(_MEASURE):
                if found["edge"] < 3 or (found["placeholder"] or 5) < 4.5:
                    faint[f"{path} {found['field']}"] = found
        assert faint == {}
    finally:
        context.close()


def test_the_current_claim_is_marked_otherwise_than_the_focus(watched_page, claim):
    page = watched_page
    page.goto(f"/articles/{claim['article_id']}?claim={claim['id']}")
    unit = page.locator(f"#claim-{claim['id']}")
    assert unit.get_attribute("aria-current") == "true"
    look = "(unit) => { const s = getComputedStyle(unit); return [s.outlineStyle, s.boxShadow]; }"
    page.locator("#claim-panel .panel-position").focus()
    outline, bar = unit.evaluate(look)
    # Current without the focus: no ring, but a bar.
    assert outline == "none" and bar != "none"
    unit.focus()
    outline, bar = unit.evaluate(look)
    assert outline == "solid" and bar != "none"
    assert_no_problems(page)
