"""Fails when two templates (or two places in one) share a run of identical lines.

Written here because ruff and import-linter read Python only, and the copy-paste
detectors that read templates (PMD's CPD, jscpd) would bring Java or Node into CI
for these few lines. Lines are compared with their indentation stripped; blank
lines and lines of a lone tag (`{% endif %}`, `</div>`) do not count, so a run is
real markup or text written twice: move it into an include.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

MIN_LINES = 6
ROOTS = ["theme/templates", "portal", "cms", "search"]
TRIVIAL = re.compile(r"^(\{%\s*(end\w*|else|empty|load [\w ]+)\s*%\}|</?\w+>)$")


def meaningful_lines(path: Path) -> list[tuple[int, str]]:
    lines = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        text = line.strip()
        if text and not TRIVIAL.match(text):
            lines.append((number, text))
    return lines


def main() -> int:
    files = sorted(
        {
            path
            for root in ROOTS
            for path in Path(root).rglob("*.html")
            if "node_modules" not in path.parts
        }
    )
    windows: dict[tuple[str, ...], list[tuple[Path, int]]] = defaultdict(list)
    for path in files:
        lines = meaningful_lines(path)
        for start in range(len(lines) - MIN_LINES + 1):
            window = tuple(text for _number, text in lines[start : start + MIN_LINES])
            windows[window].append((path, lines[start][0]))
    reported: set[tuple[Path, Path]] = set()
    for places in windows.values():
        if len(places) < 2:
            continue
        (first, line_a), (second, line_b) = places[0], places[1]
        if (first, second) in reported:
            continue
        reported.add((first, second))
        print(f"{first}:{line_a} and {second}:{line_b} share {MIN_LINES}+ lines")
    if reported:
        print("Templates written twice: share them through an include.")
        return 1
    print(f"Templates: no run of {MIN_LINES} lines written twice ({len(files)} files).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
