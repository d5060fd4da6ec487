"""manage.py socialmap_export PATH"""

import json

from django.core.management.base import BaseCommand, CommandError

from cms.socialmap.services import socialmap_export


class Command(BaseCommand):
    help = (
        "Write the published social map as Open Referral HSDS 3.0 JSON "
        "(organisations with their services and locations), in the shape "
        "socialmap_import reads. PATH '-' writes to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, path, **options):
        data = socialmap_export()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        services = sum(len(item["services"]) for item in data["organizations"])
        self.stderr.write(
            f"{len(data['organizations'])} organisaties en {services} diensten "
            f"geschreven naar {path}."
        )
