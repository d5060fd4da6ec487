"""`manage.py page_bench`: time every page type against a running server (started by
`make bench-pages`, see docs/benchmarks.md) and write the table into the docs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from portal.bench import pages


class Command(BaseCommand):
    help = "Times every page type of the three doors over HTTP (docs/benchmarks.md)."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True, help="The running server.")
        parser.add_argument("--rounds", type=int, default=100)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument(
            "--docs",
            default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md"),
            help="The file whose section between this database's markers is replaced.",
        )
        parser.add_argument("--no-docs", action="store_true")

    def handle(self, *args, **options):
        load_before = pages.load_average()
        found = pages.measure(
            options["url"].rstrip("/"),
            rounds=options["rounds"],
            warmup=options["warmup"],
        )
        text = pages.report(found, rounds=options["rounds"], load_before=load_before)
        self.stdout.write(text)
        if not options["no_docs"]:
            pages.write_section(Path(options["docs"]), connection.vendor, text)
