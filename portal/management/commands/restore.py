"""manage.py restore FOLDER|FILE.tar [--force] [--verify-only]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into this site's database and "
        "media folder. Every checksum is verified first; a database that already "
        "holds data is refused unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FOLDER|FILE.tar")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only check the backup's files against their checksums.",
        )

    def handle(self, *args, source, force, verify_only, **options):
        try:
            if verify_only:
                manifest = backup_verify(source=Path(source))
                self.stdout.write(
                    f"{source}: every checksum matches (made {manifest.created_at})."
                )
                return
            result = backup_restore(source=Path(source), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup of {manifest.created_at}: the "
            f"{manifest.database_vendor} database and {len(manifest.media)} media "
            "files, every checksum verified."
        )
        if result.pending_migrations:
            self.stdout.write(
                f"This code has {len(result.pending_migrations)} migrations the backup "
                "has not: run `manage.py migrate`."
            )
        self.stdout.write(
            "With Elasticsearch as the search backend, run `manage.py search_rebuild`."
        )
