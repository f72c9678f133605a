"""axe-core, the accessibility checker, run inside a Playwright page.

axe-core comes from npm, pinned in package.json and package-lock.json; `make test` installs it
into node_modules/ with `npm ci`. Without it the accessibility tests are skipped, except in CI,
where they fail."""

import os
from pathlib import Path

import pytest

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

# Runs in the page: every rule, and for each violation the rule, its impact, help text and the
# elements that break it, with axe's own summary of what is wrong with each.
_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
  }));
}"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def axe_source() -> str:
    if not AXE_SOURCE.exists():
        message = f"{AXE_SOURCE} is missing: run `npm ci` (make test does)"
        if _in_ci():
            pytest.fail(f"the accessibility tests cannot run in CI: {message}")
        pytest.skip(message)
    return AXE_SOURCE.read_text(encoding="utf-8")


def violations(page, source: str) -> list[dict]:
    """axe's violations on the page as it is now. The script is evaluated through the DevTools
    protocol, so the page's Content-Security-Policy stays on while it is checked."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source + "\n;undefined")
    return page.evaluate(_RUN)


def blocking(found: list[dict]) -> list[str]:
    """The serious and critical violations, one readable line for each element."""
    return [
        f"{v['impact']} {v['rule']} ({v['help']}): {node}"
        for v in found
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]
