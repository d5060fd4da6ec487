"""Uploaded files (MEDIA_ROOT) as one gzipped tar, with a sha256 per file.

The media live on the file system (Django's FileSystemStorage, see settings); a
remote storage would keep its own backups and is not read here.
"""

import tarfile
from pathlib import Path

from portal.backup.manifest import BackupError, sha256_of


def media_archive(media_root: Path, target: Path) -> dict[str, str]:
    """Write every file under `media_root` into the tar.gz `target`; returns the
    sha256 of each, by path relative to `media_root`. A missing folder is empty."""
    checksums: dict[str, str] = {}
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    name = path.relative_to(media_root).as_posix()
                    checksums[name] = sha256_of(path)
                    archive.add(path, arcname=name, recursive=False)
    return checksums


def media_extract(archive_path: Path, media_root: Path, checksums: dict[str, str]):
    """Unpack the archive into `media_root` (files of the same name are replaced)
    and check every file against its checksum from the manifest."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        names = {member.name for member in archive.getmembers() if member.isfile()}
        if names != set(checksums):
            raise BackupError(
                "The media archive does not hold the files its manifest lists."
            )
        # The "data" filter refuses absolute paths, links out of the folder and
        # device files, whatever the archive holds.
        archive.extractall(media_root, filter="data")
    wrong = sorted(
        name
        for name, checksum in checksums.items()
        if sha256_of(media_root / name) != checksum
    )
    if wrong:
        raise BackupError(
            f"{len(wrong)} restored media file(s) do not match their checksum: "
            + ", ".join(wrong[:10])
        )
