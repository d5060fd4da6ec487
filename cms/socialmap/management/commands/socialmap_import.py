"""manage.py socialmap_import PATH"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.socialmap.services import socialmap_import


class Command(BaseCommand):
    help = (
        "Read Open Referral HSDS 3.0 JSON (an export of socialmap_export, or a list "
        "of full services) and create or update each organisation, location and "
        "service by its id. Running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as stream:
                data = json.load(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}.") from error
        if isinstance(data, list):
            data = {"services": data}
        try:
            report = socialmap_import(data=data)
        except (ValidationError, KeyError) as error:
            raise CommandError(f"{path}: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
