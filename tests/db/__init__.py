"""Test databases made from a migrated template instead of migrating each one.

Migrating an empty database takes 25 s on these machines (Wagtail's and our
migrations, with their data steps), and every pytest process paid it: two workers,
times the browser and the other run, times SQLite and PostgreSQL, is eight times per
CI run. Django makes a test database per process and knows no template between runs
(PostgreSQL's `TEST["TEMPLATE"]` names one but does not make it; pytest-django's
`--reuse-db` keeps one database per worker name and does nothing for in-memory SQLite).
So the first process to need a test database migrates it as Django does and keeps a
copy, the template; every process after it, in this run or a later one, starts from
that copy. The template's name holds a digest of everything that decides what the
migrations make (every migration file, the lock file, the settings), so a changed
migration makes a new one.

Where the templates live: SQLite files under `var/test-db/`; PostgreSQL databases
named `lsb_test_template_<digest>` on the test server. `TEST_DB_TEMPLATES=0` turns
this off (each process migrates, as Django does).
"""

import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DIGEST_SOURCES = ("cms", "portal", "search", "theme")


def enabled() -> bool:
    return os.environ.get("TEST_DB_TEMPLATES", "1") != "0"


def digest(vendor: str) -> str:
    """What the migrations make depends on these files only."""
    sha = hashlib.sha256(vendor.encode())
    files = [ROOT / "uv.lock", *sorted((ROOT / "portal" / "settings").glob("*.py"))]
    for source in DIGEST_SOURCES:
        files.extend(sorted((ROOT / source).glob("**/migrations/*.py")))
    for path in files:
        sha.update(str(path.relative_to(ROOT)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """One process at a time (the xdist workers of this checkout)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class TemplatedCreation:
    """Mixed into a backend's DatabaseCreation: `create_test_db` from the template
    when there is one, otherwise Django's own, after which the template is kept."""

    def create_test_db(
        self, verbosity=1, autoclobber=False, serialize=True, keepdb=False
    ):
        if not enabled() or keepdb:
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        key = digest(self.connection.vendor)
        with self.template_lock(key):
            if not self.template_exists(key):
                name = super().create_test_db(verbosity, autoclobber, serialize, keepdb)
                self.keep_template(key)
                return name
            name = self.create_from_template(key, verbosity, autoclobber)
        # What Django's create_test_db does after migrating; the cache table is in
        # the template already.
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        self.connection.ensure_connection()
        return name

    def switch_to(self, name: str) -> None:
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name


class SQLiteTemplatedCreation(TemplatedCreation):
    """Templates as files; the in-memory test database is filled with SQLite's
    backup API."""

    def template_path(self, key: str) -> Path:
        return Path(settings.VAR_DIR) / "test-db" / f"template-{key}.sqlite3"

    def template_lock(self, key: str):
        return file_lock(self.template_path(key).with_suffix(".lock"))

    def template_exists(self, key: str) -> bool:
        return self.template_path(key).exists()

    def keep_template(self, key: str) -> None:
        path = self.template_path(key)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        self.connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            self.connection.connection.backup(target)
        finally:
            target.close()
        partial.replace(path)  # never a half-written template under the real name

    def create_from_template(self, key: str, verbosity: int, autoclobber: bool) -> str:
        name = self._get_test_db_name()
        self._create_test_db(verbosity, autoclobber, keepdb=False)
        self.switch_to(name)
        self.connection.ensure_connection()
        source = sqlite3.connect(self.template_path(key))
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()
        return name


class PostgreSQLTemplatedCreation(TemplatedCreation):
    """Templates as databases; `CREATE DATABASE ... TEMPLATE` copies one in a second.
    An advisory lock keeps two checkouts sharing the server from building the same
    template at once."""

    def template_name(self, key: str) -> str:
        return f"lsb_test_template_{key}"

    @contextmanager
    def template_lock(self, key: str):
        lock_id = int(key[:15], 16)
        with self._nodb_cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [lock_id])
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])

    def template_exists(self, key: str) -> bool:
        with self._nodb_cursor() as cursor:
            return self._database_exists(cursor, self.template_name(key))

    def keep_template(self, key: str) -> None:
        source = self.connection.settings_dict["NAME"]
        self.connection.close()
        with self._nodb_cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE {self._quote_name(self.template_name(key))} "
                f"WITH TEMPLATE {self._quote_name(source)}"
            )

    def create_from_template(self, key: str, verbosity: int, autoclobber: bool) -> str:
        name = self._get_test_db_name()
        test_settings = self.connection.settings_dict["TEST"]
        previous = test_settings.get("TEMPLATE")
        test_settings["TEMPLATE"] = self.template_name(key)
        try:
            self._create_test_db(verbosity, autoclobber=True, keepdb=False)
        finally:
            test_settings["TEMPLATE"] = previous
        self.switch_to(name)
        return name
