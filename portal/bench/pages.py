"""The page benchmark (`make bench-pages`): every page type of the three doors,
requested over HTTP from a running server, timed against a trivial view in the same
run so that the figures say what a page costs beyond answering at all.

Each page type is measured on its largest instance in the database (the longest plan,
the goal with most children, the signal with the longest timeline), as the reader it
is meant for. Requests are interleaved round by round, the trivial view among them,
so a busy moment of the machine falls on every page alike.
"""

from __future__ import annotations

import os
import statistics
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from cms.demo.accounts import CIVIL_SERVANT_EMAIL, PARTNER_EMAIL
from cms.models import FrameworkTextPage, Goal, PolicyPlanPage
from cms.signals.models import Signal, SignalBundlePage
from cms.socialmap.models import Service
from portal.access import signals_visible_to
from search.models import IndexedDocument

CITIZEN_EMAIL = "burger@demo.lokaal"
BASELINE = "trivial view (/health/live)"
START = "<!-- bench-pages:{name}:start -->"
END = "<!-- bench-pages:{name}:end -->"


@dataclass
class Target:
    label: str
    path: str
    reader: str | None = None  # an account's e-mail; None is anonymous
    timings: list[float] = field(default_factory=list)
    size: int = 0

    @property
    def reader_label(self) -> str:
        return self.reader.split("@")[0] if self.reader else "anoniem"


def _largest(queryset, *annotate: str):
    return queryset.annotate(weight=Count(*annotate)).order_by("-weight", "pk").first()


def _longest_page(model) -> Page | None:
    """The live page of `model` with the longest body."""
    pages = list(model.objects.live())
    return max(
        pages, key=lambda page: len(str(page.body.get_prep_value())), default=None
    )


def targets() -> list[Target]:
    """The pages to time, found in the database: one per page type of each door."""
    User = get_user_model()
    partner = User.objects.get(email=PARTNER_EMAIL)
    found = [
        Target(BASELINE, "/health/live"),
        Target("home", "/"),
        Target("search", "/zoeken/?q=armoede"),
        Target("social map list", "/sociale-kaart/"),
        Target("social map search", "/sociale-kaart/?q=wonen"),
        Target("citizen page", "/mijn-pagina/", CITIZEN_EMAIL),
        Target("partner dashboard", "/partners/", PARTNER_EMAIL),
        Target("partner signals", "/partners/signalen/", PARTNER_EMAIL),
        Target("partner search", "/partners/zoeken/?q=armoede", PARTNER_EMAIL),
        Target("intranet dashboard", "/intranet/", CIVIL_SERVANT_EMAIL),
        Target("intranet signal queue", "/intranet/signalen/", CIVIL_SERVANT_EMAIL),
        Target("intranet progress", "/intranet/voortgang/", CIVIL_SERVANT_EMAIL),
        Target("intranet search", "/intranet/zoeken/?q=armoede", CIVIL_SERVANT_EMAIL),
    ]
    text = _longest_page(FrameworkTextPage)
    if text:
        found.append(Target("framework text", text.url))
    plan = _largest(PolicyPlanPage.objects.live(), "goals")
    if plan:
        found.append(Target("plan page", plan.url))
        found.append(Target("plan page (staff)", plan.url, CIVIL_SERVANT_EMAIL))
    goal = _largest(Goal.objects.filter(plan__live=True), "children")
    if goal:
        found.append(Target("goal page", goal.get_absolute_url()))
    bundle = _largest(SignalBundlePage.objects.live(), "bundle_signals")
    if bundle:
        found.append(Target("signal bundle", bundle.url))
    service = Service.objects.filter(live=True).order_by("name").first()
    if service:
        found.append(Target("service page", f"/sociale-kaart/diensten/{service.pk}/"))
    signal = _largest(signals_visible_to(partner), "events")
    if signal:
        found.append(
            Target("partner signal", f"/partners/signalen/{signal.pk}/", PARTNER_EMAIL)
        )
    return found


def session_cookies(emails: set[str]) -> dict[str, str]:
    """A signed-in session per account, made in the session store directly (the
    password and second-factor steps are not what is measured)."""
    cookies = {}
    for email in emails:
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        cookies[email] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def _get(base_url: str, target: Target, cookie: str | None) -> tuple[float, int, int]:
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    request = urllib.request.Request(base_url + target.path, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return (time.perf_counter() - started) * 1000, status, len(body)


def measure(base_url: str, *, rounds: int, warmup: int) -> list[Target]:
    """Every target `warmup` times untimed, then `rounds` timed rounds over all."""
    found = targets()
    cookies = session_cookies({t.reader for t in found if t.reader})
    for round_number in range(warmup + rounds):
        for target in found:
            elapsed, status, size = _get(base_url, target, cookies.get(target.reader))
            if status != 200:
                raise RuntimeError(f"{target.label} ({target.path}) answered {status}")
            target.size = size
            if round_number >= warmup:
                target.timings.append(elapsed)
    return found


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def sizes() -> dict[str, int]:
    return {
        "live pages": Page.objects.live().count(),
        "goals": Goal.objects.count(),
        "services": Service.objects.filter(live=True).count(),
        "signals": Signal.objects.count(),
        "indexed documents": IndexedDocument.objects.count(),
        "users": get_user_model().objects.count(),
    }


def report(found: list[Target], *, rounds: int, load_before: str) -> str:
    """The markdown table and its context (database, sizes, load average)."""
    base = next(t for t in found if t.label == BASELINE)
    base_p50 = statistics.median(base.timings)
    base_p95 = _percentile(base.timings, 0.95)
    lines = [
        f"Measured {timezone.localdate():%d %B %Y} on {connection.vendor} with "
        f"the {cache_backend()} ({rounds} timed requests per page after a warm-up; "
        f"load average "
        f"{load_before} before, {load_average()} after). Content: "
        + ", ".join(f"{count} {name}" for name, count in sizes().items())
        + ".",
        "",
        "| page | reader | KB | p50 ms | p95 ms | max ms | p50/base | p95/base |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for target in found:
        p50 = statistics.median(target.timings)
        p95 = _percentile(target.timings, 0.95)
        lines.append(
            f"| {target.label} | {target.reader_label} | {target.size / 1024:.0f} "
            f"| {p50:.0f} | {p95:.0f} | {max(target.timings):.0f} "
            f"| {p50 / base_p50:.1f}× | {p95 / base_p95:.1f}× |"
        )
    slowest = max(found, key=lambda t: _percentile(t.timings, 0.95))
    lines += [
        "",
        f"Slowest p95: {slowest.label}, {_percentile(slowest.timings, 0.95):.0f} ms.",
    ]
    return "\n".join(lines)


def cache_backend() -> str:
    """Which shared cache the server used: Redis, or the database table."""
    backend = settings.CACHES["default"]["BACKEND"]
    return "Redis cache" if "redis" in backend.lower() else "database cache"


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def write_section(document: Path, name: str, text: str) -> None:
    """Replace what stands between this database's markers in `document`."""
    start, end = START.format(name=name), END.format(name=name)
    content = document.read_text()
    if start not in content:
        raise RuntimeError(f"{document} has no {start} marker")
    head, rest = content.split(start, 1)
    _old, tail = rest.split(end, 1)
    document.write_text(f"{head}{start}\n{text}\n{end}{tail}")
