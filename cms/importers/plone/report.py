"""What an import from Plone did, told so that nothing goes unexplained: counts per
Plone type, every skipped or failed item with its reason, the roles and permissions
that have no counterpart, links that point nowhere, and notes."""

import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TextIO


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    MERGED = "merged"  # a default page, now its folder's page
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class ImportReport:
    layout: str = ""
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    unmapped_roles: list[str] = field(default_factory=list)
    mapped_roles: list[str] = field(default_factory=list)
    broken_links: list[tuple[str, str]] = field(default_factory=list)  # (path, href)
    notes: list[str] = field(default_factory=list)
    users: Counter = field(default_factory=Counter)
    redirects: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    tasks_queued: int = 0  # indexing tasks, one per index per committed batch

    def count(self, portal_type: str, outcome: str) -> None:
        self.counts[portal_type][outcome] += 1

    def total(self, outcome: str | None = None) -> int:
        return sum(
            sum(counter.values()) if outcome is None else counter[outcome]
            for counter in self.counts.values()
        )

    def note(self, line: str) -> None:
        if line not in self.notes:
            self.notes.append(line)

    def unmapped(self, line: str) -> None:
        if line not in self.unmapped_roles:
            self.unmapped_roles.append(line)

    def mapped(self, line: str) -> None:
        if line not in self.mapped_roles:
            self.mapped_roles.append(line)

    def render(self) -> str:
        lines = [
            f"Plone import ({self.layout})"
            + (" - DRY RUN, nothing saved" if self.dry_run else ""),
            f"{self.total()} items in {self.seconds:.1f} s",
            "",
            "Items per Plone type:",
        ]
        outcomes = [
            Outcome.CREATED,
            Outcome.UPDATED,
            Outcome.UNCHANGED,
            Outcome.MERGED,
            Outcome.SKIPPED,
            Outcome.FAILED,
        ]
        for portal_type in sorted(self.counts):
            counter = self.counts[portal_type]
            parts = ", ".join(
                f"{counter[outcome]} {outcome}"
                for outcome in outcomes
                if counter[outcome]
            )
            lines.append(f"  {portal_type}: {parts}")
        if self.users:
            lines.append(
                "Accounts: "
                + ", ".join(
                    f"{count} {kind}" for kind, count in sorted(self.users.items())
                )
            )
        if self.redirects:
            lines.append(
                "Redirects: "
                + ", ".join(
                    f"{count} {kind}"
                    for kind, count in sorted(self.redirects.items())
                    if count
                )
            )
        sections = [
            ("Failed items", [f"{path}: {reason}" for path, reason in self.failed]),
            ("Skipped items", [f"{path}: {reason}" for path, reason in self.skipped]),
            ("Roles and permissions mapped", self.mapped_roles),
            ("Roles and permissions not mapped", self.unmapped_roles),
            (
                "Broken links",
                [f"{path}: {href}" for path, href in self.broken_links],
            ),
            ("Notes", self.notes),
        ]
        for title, entries in sections:
            if entries:
                lines += ["", f"{title} ({len(entries)}):"]
                lines += [f"  - {entry}" for entry in entries]
        return "\n".join(lines)


class Progress:
    """A plain-text progress bar: redrawn in place on a terminal, a line every
    tenth otherwise (logs, CI)."""

    def __init__(self, total: int, *, stream: TextIO | None = None, width: int = 30):
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.last_tenth = -1
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def advance(self, step: int = 1) -> None:
        self.done += step
        tenth = self.done * 10 // self.total
        if not self.tty and tenth == self.last_tenth and self.done < self.total:
            return
        self.last_tenth = tenth
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        line = (
            f"[{bar}] {self.done}/{self.total} "
            f"{100 * self.done // self.total}% {elapsed:.0f}s"
        )
        if self.tty:
            self.stream.write("\r" + line)
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
