import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key

from cms.site import ensure_home_page

SEEDS_DIR = Path(settings.SHARED_DIR) / "seeds" / "structured"


@pytest.fixture(autouse=True, scope="session")
def temporary_media_root(tmp_path_factory):
    """Uploaded and generated files (demo files, renditions) go to a temporary folder
    per test run, not to var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed the database, put back what the
    migrations made (content types with their ids, the root page, groups), so the
    tests that follow on the same worker find it. Django reloads serialized contents
    only at the start of the next test that asks for `serialized_rollback`; the
    others would meet an empty database and a content-type cache of stale ids."""
    result = yield
    if nextitem is None:
        # The session is over: the test database is gone and the connection points
        # at the real one again; nothing follows that would need the contents.
        return result
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
            cache.clear()  # the tests' cache lives in the database the flush emptied
        ContentType.objects.clear_cache()
    return result


@pytest.fixture
def home(db):
    return ensure_home_page()


@pytest.fixture
def seeds_dir() -> Path:
    """The seed import files, read from ../shared at run time (never copied here)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed import files not found at {SEEDS_DIR}")
    return SEEDS_DIR


#: A copy of the in-memory SQLite test database with the demo loaded, kept per test
#: process (see `demo_loaded`).
_demo_copy: sqlite3.Connection | None = None


@contextmanager
def demo_loaded(django_db_blocker) -> Iterator[None]:
    """The demo town, loaded once for a wider-scoped fixture (it takes seconds) and
    rolled back afterwards; each test inside still runs in its own transaction.
    Not for tests with a live server: its thread needs the demo committed (see
    `tests.browser.conftest.load_demo_committed`)."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        patch.delenv("IMPORT_DIR", raising=False)
        connection = connections["default"]
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            with _sqlite_demo_image(connection):
                yield
        elif (
            connection.vendor == "postgresql"
            and not connection.in_atomic_block
            and _postgresql_demo_ready(connection)
        ):
            with _postgresql_demo_database(connection):
                yield
        else:
            with transaction.atomic():
                call_command("load_demo", stdout=io.StringIO())
                yield
                transaction.set_rollback(True)
        cache.clear()  # Wagtail caches the site's root paths


@contextmanager
def _sqlite_demo_image(connection) -> Iterator[None]:
    """On the in-memory SQLite database, the demo is loaded once per test process:
    a copy of the database with the demo is kept (SQLite's backup API) and copied
    back for every later fixture that asks for the demo; afterwards the database
    as it was before comes back. A dozen test modules use the demo; loading it for
    each took most of their time. (A copy in place, not `deserialize`: the test
    database is shared by the connections of other threads, which a deserialized
    database would leave behind.)"""
    global _demo_copy
    connection.ensure_connection()
    database = connection.connection
    before = sqlite3.connect(":memory:")
    database.backup(before)
    try:
        if _demo_copy is None:
            call_command("load_demo", stdout=io.StringIO())
            _demo_copy = sqlite3.connect(":memory:")
            database.backup(_demo_copy)
        else:
            _demo_copy.backup(database)
        ContentType.objects.clear_cache()
        yield
    finally:
        before.backup(database)
        before.close()
        ContentType.objects.clear_cache()


#: On PostgreSQL, the name of this test process's database with the demo loaded
#: (see `_postgresql_demo_database`); "" when it could not be made.
_demo_database: str | None = None


def _postgresql_demo_ready(connection) -> bool:
    """Make this process's demo database the first time it is asked for: a copy of
    the test database (`CREATE DATABASE ... TEMPLATE`), with the demo loaded and
    committed. False when PostgreSQL refuses the copy (another session is connected
    to the test database); the caller then loads the demo the slow way."""
    global _demo_database
    if _demo_database is None:
        _demo_database = ""
        test_name = connection.settings_dict["NAME"]
        name = f"{test_name}_demo"
        connection.close()
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{test_name}"')
        except Exception:
            return False
        connection.settings_dict["NAME"] = name
        try:
            call_command("load_demo", stdout=io.StringIO())
        finally:
            connection.close()
            connection.settings_dict["NAME"] = test_name
        _demo_database = name
    return bool(_demo_database)


@contextmanager
def _postgresql_demo_database(connection) -> Iterator[None]:
    """On PostgreSQL, the demo is loaded once per test process into a database of
    its own; each fixture that asks for the demo is pointed at that database inside
    a transaction that is rolled back, and back at the test database afterwards.
    Loading the demo took ~15 s on PostgreSQL for each of a dozen test modules."""
    test_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = _demo_database
    ContentType.objects.clear_cache()
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = test_name
        ContentType.objects.clear_cache()


def pytest_sessionfinish(session):
    if _demo_database:
        unblock = session.config.stash[blocking_manager_key].unblock
        with unblock(), connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{_demo_database}"')
