"""Browser tests: Debian's Chromium driven by Playwright's sync API against
pytest-django's live server, with axe-core for the accessibility checks.

Every test in this folder is marked `browser` and runs with transactional database
access and serialized rollback: the live server reads what the test writes, and the
rows that migrations put in (Wagtail's root page, groups and workflow, our statuses and
life domains) are restored before each test. Without Chromium the tests skip, saying
why; without axe-core only the accessibility checks skip (see `axe.py`).
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
# test bodies to build content, would otherwise refuse to run next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
CHROMIUM_MISSING = (
    "Chromium not found: install Debian's chromium package (make test does so as root)"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Only the live server is reachable: nothing leaves the machine, and a page that
    # would fetch from the internet (Wagtail's upgrade check) fails at once.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
DEFAULT_TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip(CHROMIUM_MISSING)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # With Playwright's event loop running in this thread, Django's connection
        # handler (an asgiref Local) keeps connections per async context and would
        # hand out new ones, without pytest-django's serialized data: give it back
        # this thread's connections, which the live server shares too.
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """Make a fresh browser context (its own cookies: one per signed-in person)."""
    contexts = []

    def make(**kwargs):
        options = {
            "locale": "nl-BE",
            "base_url": live_server.url,
            "viewport": {"width": 1280, "height": 900},
            "reduced_motion": "reduce",
        }
        options.update(kwargs)
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a new anonymous context, Dutch (Belgium) locale."""
    return new_context().new_page()


def load_demo_committed() -> None:
    """The demo town, committed so that the live server's thread sees it; the
    transactional test's flush removes it afterwards. (`tests.conftest.demo_loaded`
    keeps the demo inside a transaction that is rolled back, which another thread on
    PostgreSQL would not see.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        patch.delenv("IMPORT_DIR", raising=False)
        call_command("load_demo", stdout=io.StringIO())
