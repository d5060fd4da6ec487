"""axe-core in the browser: the accessibility check the browser tests share."""

from pathlib import Path

import pytest

AXE_PATH = (
    Path(__file__).resolve().parents[2] / "theme" / "node_modules" / "axe-core"
) / "axe.min.js"
AXE_MISSING = (
    f"axe-core not found at {AXE_PATH}: run `npm ci --prefix theme` "
    "(make test-browser-deps)"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def assert_no_serious_axe_violations(page) -> None:
    """Run axe-core (WCAG 2.1 A/AA and best practices) on the page as it is now and
    fail on every serious or critical violation, naming the elements."""
    if not AXE_PATH.is_file():
        pytest.skip(AXE_MISSING)
    # Evaluated through the DevTools protocol rather than added as a <script>: the
    # page's Content-Security-Policy refuses inline scripts it did not sign.
    page.evaluate(AXE_PATH.read_text() + "\n;undefined")
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    serious = [
        violation
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    if serious:
        lines = [f"axe: {len(serious)} serious or critical violation(s) on {page.url}"]
        for violation in serious:
            targets = ", ".join(
                " ".join(map(str, node["target"])) for node in violation["nodes"]
            )
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" [{targets}]"
            )
        pytest.fail("\n".join(lines))
