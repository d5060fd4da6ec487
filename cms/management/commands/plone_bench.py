"""manage.py plone_bench: time the Plone import on a generated export (run it on a
database of its own: `make bench-plone`)."""

import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand

from cms.importers.plone.bench import run
from cms.site import ensure_home_page


class Command(BaseCommand):
    help = "Generate a Plone export of N items, import it twice and time both runs."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=5000)
        parser.add_argument("--folder", default="var/bench-plone/export")
        parser.add_argument("--json-file", default="")

    def handle(self, *args, items, folder, json_file, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        ensure_home_page()
        figures = run(items, Path(folder), out=self.stdout)
        if json_file:
            Path(json_file).write_text(json.dumps(figures, indent=2))
