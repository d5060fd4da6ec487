"""manage.py socialmap_export PATH [--format json|csv]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.socialmap.interchange import Format, format_for, socialmap_export, write


class Command(BaseCommand):
    help = (
        "Write the published social map as Open Referral HSDS 3.0 (organisations "
        "with their services and locations), in the shape socialmap_import reads. "
        "PATH ending in .json, or '-' for standard output, is JSON; a directory or "
        "a .zip file gets the HSDS CSV tables with a datapackage.json. --format "
        "overrides the choice."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--format", choices=[item.value for item in Format])

    def handle(self, *args, path, format=None, **options):
        try:
            chosen = format_for(path, format)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if path == "-" and chosen == Format.CSV:
            raise CommandError("CSV gaat naar een map of een .zip-bestand, niet '-'.")
        data = socialmap_export()
        try:
            write(data, path, chosen, stdout=self.stdout)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        if path == "-":
            return
        services = sum(len(item["services"]) for item in data["organizations"])
        self.stderr.write(
            f"{len(data['organizations'])} organisaties en {services} diensten "
            f"geschreven naar {path} ({chosen.value.upper()})."
        )
