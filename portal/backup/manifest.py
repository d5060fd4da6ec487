"""The manifest of a backup: what it holds, with a sha256 per file, the versions it
was made with and the migrations its database had, so a restore can check all of it
before it touches anything."""

import hashlib
import json
import platform
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, for the operator."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def versions() -> dict[str, str]:
    return {
        "portal": _version("lokaal-sociaal-beleid"),
        "python": platform.python_version(),
        "django": _version("django"),
        "wagtail": _version("wagtail"),
    }


def applied_migrations() -> dict[str, list[str]]:
    """The migrations the database has, per app, sorted."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@dataclass
class Manifest:
    created_at: str
    database_vendor: str
    database_file: str
    database_method: str
    media_file: str
    files: dict[str, dict] = field(default_factory=dict)  # name -> sha256, size
    media: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    versions: dict[str, str] = field(default_factory=dict)
    migrations: dict[str, list[str]] = field(default_factory=dict)
    format: int = FORMAT

    def add_file(self, path: Path) -> None:
        self.files[path.name] = {
            "sha256": sha256_of(path),
            "size": path.stat().st_size,
        }

    def write(self, folder: Path) -> Path:
        path = folder / MANIFEST
        path.write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n")
        return path

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            raise BackupError(f"{folder} holds no {MANIFEST}: not a backup.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BackupError(f"{path} is not readable JSON: {error}.") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(
                f"{path}: unknown backup format {data.get('format')!r} "
                f"(this version reads format {FORMAT})."
            )
        try:
            return cls(**data)
        except TypeError as error:
            raise BackupError(f"{path} is not a complete manifest: {error}.") from None

    def verify(self, folder: Path) -> None:
        """Refuse a backup whose files are missing, extra or changed."""
        problems = []
        for name in (self.database_file, self.media_file):
            if name not in self.files:
                problems.append(f"{name} is not listed in the manifest")
        for name, expected in sorted(self.files.items()):
            path = folder / name
            if Path(name).name != name or not path.is_file():
                problems.append(f"{name} is missing")
            elif sha256_of(path) != expected.get("sha256"):
                problems.append(f"{name} does not match its sha256 checksum")
        if problems:
            raise BackupError(
                "The backup is damaged; nothing was restored: " + "; ".join(problems)
            )
