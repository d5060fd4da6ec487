"""The database as one file, with the database's own tools: `pg_dump` in custom
format for PostgreSQL (read back by `pg_restore`), SQLite's online backup API for
SQLite. Both take a consistent snapshot while the site keeps running, and both keep
everything the database holds (the cache table, the search tables, sequences),
which `dumpdata`/`loaddata` would not: those skip tables without models, rewrite
every row through the ORM and are slow on a large site, so they are not used.

A dump restores into the same kind of database only; moving between SQLite and
PostgreSQL is a migration of its own.
"""

import os
import sqlite3
import subprocess
import time
from pathlib import Path

from django.db import connection, connections

from portal.backup.manifest import BackupError

SQLITE_FILE = "database.sqlite3"
POSTGRESQL_FILE = "database.pgdump"
LOCK_TIMEOUT = 120  # seconds


def dump_file_name(vendor: str) -> str:
    if vendor == "sqlite":
        return SQLITE_FILE
    if vendor == "postgresql":
        return POSTGRESQL_FILE
    raise BackupError(
        f"Backups support SQLite and PostgreSQL; this database is {vendor}."
    )


def database_dump(target: Path) -> str:
    """Write the default database into `target`; returns the method used."""
    vendor = connection.vendor
    dump_file_name(vendor)
    if vendor == "sqlite":
        _sqlite_dump(target)
        return "sqlite3 online backup API"
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
          f"--file={target}"])  # fmt: skip
    return "pg_dump --format=custom"


def database_restore(source: Path, vendor: str) -> None:
    """Replace the default database's content with the dump `source` (made from a
    database of the same `vendor`)."""
    connections.close_all()
    if vendor == "sqlite":
        _sqlite_restore(source)
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )


def _sqlite_file() -> Path:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db() or not name:
        raise BackupError("An in-memory SQLite database cannot be restored into.")
    return Path(name)


def _sqlite_check(path: Path) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as check:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"The SQLite dump fails its integrity check: {result}.")


def _give_up_after(seconds: float):
    """A progress callback for sqlite3's backup, which otherwise retries a locked
    database forever."""
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise BackupError(
                f"The SQLite database stayed locked for {seconds:.0f} s; "
                "try again when it is less busy."
            )

    return progress


def _sqlite_dump(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # All pages in one step: one read transaction, so one consistent snapshot.
        connection.connection.backup(
            destination, pages=-1, progress=_give_up_after(LOCK_TIMEOUT)
        )
        # One self-contained file, whatever journal mode the live database uses.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    _sqlite_check(target)


def _sqlite_restore(source: Path) -> None:
    _sqlite_check(source)
    target = _sqlite_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(target, timeout=20)
    try:
        origin.backup(destination, pages=-1, progress=_give_up_after(LOCK_TIMEOUT))
    finally:
        destination.close()
        origin.close()


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the default database, so no password is on a
    command line."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", (settings.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_environment(), capture_output=True, text=True
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found: install the PostgreSQL client tools "
            "(the server's major version or newer)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
