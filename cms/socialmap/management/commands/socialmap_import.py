"""manage.py socialmap_import PATH [--format json|csv]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.socialmap.interchange import Format, format_for, read, socialmap_import


class Command(BaseCommand):
    help = (
        "Read Open Referral HSDS 3.0 and create or update each organisation, "
        "location and service by its id. PATH ending in .json (or '-' for standard "
        "input) is JSON: an export of socialmap_export, or a list of full services; "
        "a directory or a .zip file holds the HSDS CSV tables. --format overrides "
        "the choice. An invalid row stops the import and nothing is kept; running "
        "it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--format", choices=[item.value for item in Format])

    def handle(self, *args, path, format=None, **options):
        try:
            data = read(path, format_for(path, format))
            report = socialmap_import(data=data)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except ValidationError as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        except KeyError as error:
            raise CommandError(f"{path}: {error} ontbreekt.") from error
        for line in report.lines():
            self.stdout.write(line)
