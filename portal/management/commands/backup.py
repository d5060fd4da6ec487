"""manage.py backup [--output FOLDER | FILE.tar]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump or SQLite's backup API) and the uploaded "
        "files, with a manifest of sha256 checksums, versions and migrations, into "
        "a folder or one .tar file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FOLDER|FILE.tar",
            help="A new folder, or a file ending in .tar "
            "(default: $VAR_DIR/backups/portal-<date and time>.tar).",
        )

    def handle(self, *args, output, **options):
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"portal-{stamp}.tar"
        try:
            manifest = backup_create(output=Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(item["size"] for item in manifest.files.values())
        self.stdout.write(
            f"Backup written to {output}: the {manifest.database_vendor} database "
            f"({manifest.database_method}) and {len(manifest.media)} media files, "
            f"{size / 1024 / 1024:.1f} MB."
        )
