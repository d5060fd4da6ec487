"""manage.py backup and restore: a round trip into an empty database finds every
account, signal, page and file again (SQLite here, PostgreSQL when DATABASE_URL
points at it), and a damaged backup or a database in use is refused before anything
is touched."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from cms.signals.models import SignalAttachment, SignalEvent
from tests.factories import (
    ContentPageFactory,
    PortalDocumentFactory,
    PortalImageFactory,
    SignalFactory,
    StaffFactory,
    UserFactory,
)
from tests.portal.backup_inventory import inventory

pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql"
    and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="PostgreSQL backups need pg_dump and pg_restore (postgresql-client)",
)

BASE_DIR = Path(settings.BASE_DIR)
INVENTORY = (
    "import django, json; django.setup(); "
    "from tests.portal.backup_inventory import inventory; "
    "print(json.dumps(inventory()))"
)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_site(home) -> None:
    UserFactory(email="burger@example.test")
    StaffFactory(email="ambtenaar@example.test")
    signal = SignalFactory(state="registered", title="Wachtlijsten kinderopvang")
    SignalEvent.objects.create(signal=signal, kind=SignalEvent.Kind.CREATED)
    SignalAttachment.objects.create(
        signal=signal,
        file=SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\nverslag\n%%EOF\n"),
        filename="verslag.pdf",
        size=24,
    )
    SignalFactory(state="draft")
    ContentPageFactory(parent=home, title="Over dit portaal")
    PortalDocumentFactory(title="Folder sociaal huis")
    PortalImageFactory(title="Sociaal huis")


def _target_database(tmp_path) -> tuple[str, object]:
    """An empty database of the same kind as the test database: a new SQLite file
    (not even migrated), or a new PostgreSQL database beside the test one."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    admin = psycopg.connect(
        dbname="postgres",
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"] or 5432,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    user = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    url = f"postgres://{user}@{params['HOST']}:{params['PORT'] or 5432}/{name}"

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url, drop


def manage(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),  # the test settings keep media in $VAR_DIR/test-media
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("output", ["backup", "backup.tar"])
def test_a_round_trip_into_an_empty_database_finds_everything(
    home, media_root, tmp_path, output
):
    make_site(home)
    before = inventory()
    assert all(before["media"].values())  # every file is on disk
    assert len(before["media"]) == 3

    call_command("backup", output=str(tmp_path / output), stdout=io.StringIO())

    database_url, drop = _target_database(tmp_path)
    try:
        restored = manage(
            "manage.py",
            "restore",
            str(tmp_path / output),
            database_url=database_url,
            var_dir=tmp_path / "site",
        )
        assert restored.returncode == 0, restored.stderr
        assert "every checksum verified" in restored.stdout
        after = manage(
            "-c", INVENTORY, database_url=database_url, var_dir=tmp_path / "site"
        )
        assert after.returncode == 0, after.stderr
        assert json.loads(after.stdout) == json.loads(json.dumps(before))
    finally:
        if drop:
            drop()


@pytest.fixture(scope="module")
def made_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """One backup of the migrated test database and a media folder with one file,
    made outside any test's transaction (a backup sees committed data only)."""
    root = tmp_path_factory.mktemp("backup")
    media = root / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "folder.pdf").write_bytes(b"%PDF-1.4\nfolder\n%%EOF\n")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        call_command("backup", output=str(root / "b"), stdout=io.StringIO())
    return root / "b"


@pytest.fixture
def backup_copy(made_backup, tmp_path) -> Path:
    """A copy of the backup a test may damage."""
    return Path(shutil.copytree(made_backup, tmp_path / "b"))


def test_the_manifest_lists_checksums_versions_and_migrations(made_backup):
    manifest = json.loads((made_backup / "manifest.json").read_text())
    assert manifest["database_vendor"] == connection.vendor
    assert set(manifest["files"]) == {manifest["database_file"], "media.tar.gz"}
    assert all(len(item["sha256"]) == 64 for item in manifest["files"].values())
    assert manifest["media"] == {
        "documents/folder.pdf": hashlib.sha256(b"%PDF-1.4\nfolder\n%%EOF\n").hexdigest()
    }
    assert manifest["versions"]["django"].startswith("5.2")
    assert manifest["versions"]["wagtail"].startswith("8.")
    assert "0001_initial" in manifest["migrations"]["signals"]
    assert manifest["created_at"]


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_is_touched(backup_copy):
    with (backup_copy / "media.tar.gz").open("ab") as archive:
        archive.write(b"tampered")
    UserFactory(email="blijft@example.test")
    with pytest.raises(CommandError, match=r"media\.tar\.gz does not match its sha256"):
        call_command("restore", str(backup_copy), force=True)
    with pytest.raises(CommandError, match="does not match"):
        call_command("restore", str(backup_copy), verify_only=True)
    assert UserFactory._meta.model.objects.filter(email="blijft@example.test").exists()


@pytest.mark.django_db
def test_a_missing_file_is_refused(backup_copy):
    manifest = json.loads((backup_copy / "manifest.json").read_text())
    (backup_copy / manifest["database_file"]).unlink()
    with pytest.raises(CommandError, match=f"{manifest['database_file']} is missing"):
        call_command("restore", str(backup_copy), verify_only=True)


@pytest.mark.django_db
def test_an_intact_backup_verifies(made_backup):
    out = io.StringIO()
    call_command("restore", str(made_backup), verify_only=True, stdout=out)
    assert "every checksum matches" in out.getvalue()


@pytest.mark.django_db
def test_a_database_in_use_is_refused_without_force(made_backup):
    UserFactory()
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(made_backup))


@pytest.mark.django_db
def test_a_backup_from_a_newer_version_is_refused(backup_copy):
    path = backup_copy / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["migrations"]["signals"].append("9999_from_the_future")
    path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"newer version.*signals\.9999"):
        call_command("restore", str(backup_copy))


def test_an_existing_output_is_not_overwritten(tmp_path):
    (tmp_path / "b.tar").write_bytes(b"earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(tmp_path / "b.tar"), stdout=io.StringIO())
    assert (tmp_path / "b.tar").read_bytes() == b"earlier backup"


def test_a_tar_with_paths_outside_is_refused(tmp_path):
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as archive:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(CommandError, match="not a readable tar file"):
        call_command("restore", str(evil), verify_only=True)
    assert not (tmp_path.parent / "escaped.txt").exists()
