"""Making a backup and restoring one: the database dump, the media archive and the
manifest that ties them together (see README, "Backup and restore")."""

import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from portal.backup.database import database_dump, database_restore, dump_file_name
from portal.backup.manifest import (
    MANIFEST,
    BackupError,
    Manifest,
    applied_migrations,
    versions,
)
from portal.backup.media import media_archive, media_extract

MEDIA_FILE = "media.tar.gz"
# Models whose rows mean the database is in use; Wagtail's own migrations create a
# root page and a welcome page, so up to two pages still count as empty.
DATA_MODELS = (
    settings.AUTH_USER_MODEL,
    "portal.Organisation",
    "signals.Signal",
    settings.WAGTAILDOCS_DOCUMENT_MODEL,
    settings.WAGTAILIMAGES_IMAGE_MODEL,
)
EMPTY_SITE_PAGES = 2


@dataclass
class RestoreResult:
    manifest: Manifest
    pending_migrations: list[str] = field(default_factory=list)


def backup_create(*, output: Path) -> Manifest:
    """Write a backup into the folder `output` (which must not hold files yet) or,
    when `output` ends in `.tar`, into that one tar file. Nothing is left at
    `output` when it fails."""
    output = Path(output)
    as_tar = output.suffix.lower() == ".tar"
    if output.exists() and (as_tar or not output.is_dir() or any(output.iterdir())):
        raise BackupError(f"{output} already exists; choose a new name.")
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=output.parent))
    try:
        vendor = connection.vendor
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            database_vendor=vendor,
            database_file=dump_file_name(vendor),
            database_method="",
            media_file=MEDIA_FILE,
            versions=versions(),
            migrations=applied_migrations(),
        )
        manifest.database_method = database_dump(work / manifest.database_file)
        manifest.media = media_archive(Path(settings.MEDIA_ROOT), work / MEDIA_FILE)
        manifest.add_file(work / manifest.database_file)
        manifest.add_file(work / MEDIA_FILE)
        manifest.write(work)
        if as_tar:
            partial = output.with_name(output.name + ".partial")
            with tarfile.open(partial, "w") as archive:
                for name in (MANIFEST, manifest.database_file, MEDIA_FILE):
                    archive.add(work / name, arcname=name)
            partial.rename(output)
        else:
            if output.exists():
                output.rmdir()
            work.rename(output)
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def database_holds_data() -> bool:
    """Whether the database has accounts, organisations, signals, files or pages of
    its own (a fresh or migrated-only database has none)."""
    tables = set(connection.introspection.table_names())
    for label in DATA_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.exists():
            return True
    page = apps.get_model("wagtailcore.Page")
    return (
        page._meta.db_table in tables
        and page._default_manager.count() > EMPTY_SITE_PAGES
    )


def _migrations_check(manifest: Manifest, *, force: bool) -> list[str]:
    """Refuse a backup from a newer version of the code; return the migrations this
    code has beyond the backup's (to apply with `migrate` after the restore)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    held = {(app, name) for app, names in manifest.migrations.items() for name in names}
    unknown = sorted(held - known)
    if unknown and not force:
        raise BackupError(
            "The backup comes from a newer version of the portal: this code does not "
            "know its migrations "
            + ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            + ". Install that version first (or pass --force)."
        )
    return [f"{app}.{name}" for app, name in sorted(known - held)]


def _open(source: Path, scratch: Path) -> Path:
    """The folder with the backup's files: `source` itself, or the tar unpacked."""
    if source.is_dir():
        return source
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    try:
        with tarfile.open(source, "r:") as archive:
            archive.extractall(scratch, filter="data")
    except tarfile.TarError as error:
        raise BackupError(f"{source} is not a readable tar file: {error}.") from None
    return scratch


def backup_verify(*, source: Path) -> Manifest:
    """Read a backup and check every file against its checksum; changes nothing."""
    with tempfile.TemporaryDirectory(prefix="restore-") as scratch:
        folder = _open(Path(source), Path(scratch))
        manifest = Manifest.read(folder)
        manifest.verify(folder)
        return manifest


def backup_restore(*, source: Path, force: bool = False) -> RestoreResult:
    """Restore a backup into this site's database and MEDIA_ROOT.

    Every check comes first: the checksums of the files, the database kind, the
    migrations, and an empty database (unless `force`: then its content is
    replaced). Only then is the database replaced and the media unpacked.
    """
    with tempfile.TemporaryDirectory(prefix="restore-") as scratch:
        folder = _open(Path(source), Path(scratch))
        manifest = Manifest.read(folder)
        manifest.verify(folder)
        if manifest.database_vendor != connection.vendor:
            raise BackupError(
                f"The backup holds a {manifest.database_vendor} database; this site "
                f"runs on {connection.vendor}."
            )
        pending = _migrations_check(manifest, force=force)
        if not force and database_holds_data():
            raise BackupError(
                "The database is not empty (it has accounts, signals, files or "
                "pages). Restore into an empty database, or pass --force to replace "
                "its content."
            )
        database_restore(folder / manifest.database_file, manifest.database_vendor)
        media_extract(
            folder / manifest.media_file, Path(settings.MEDIA_ROOT), manifest.media
        )
        return RestoreResult(manifest=manifest, pending_migrations=pending)
