"""Backup and restore of the whole site: the database (with its own tools) and the
uploaded files, with a manifest of checksums and versions."""

from portal.backup.manifest import BackupError, Manifest
from portal.backup.services import (
    RestoreResult,
    backup_create,
    backup_restore,
    backup_verify,
    database_holds_data,
)

__all__ = [
    "BackupError",
    "Manifest",
    "RestoreResult",
    "backup_create",
    "backup_restore",
    "backup_verify",
    "database_holds_data",
]
