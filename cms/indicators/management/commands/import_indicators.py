"""manage.py import_indicators FILE.csv [--targets] [--partial]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.indicators.importer import ImportFileError, import_indicator_file


class Command(BaseCommand):
    help = (
        "Import indicator values (columns indicator, period, value, measured_on, "
        "note) or, with --targets, targets (indicator, year, value, note) from a CSV "
        "file. A file with a rejected row saves nothing, unless --partial."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.csv")
        parser.add_argument(
            "--targets",
            action="store_true",
            help="The file holds targets per year instead of values per period.",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Save the good rows even when others are rejected.",
        )

    def handle(self, *args, path, targets, partial, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"File not found: {file}")
        try:
            report = import_indicator_file(file, targets=targets, partial=partial)
        except (ImportFileError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        head, *rest = report.lines()
        for line in rest:
            self.stdout.write(line)
        if report.saved:
            self.stdout.write(self.style.SUCCESS(head))
        else:
            raise CommandError(head)
