"""Compare the search index with the database; --repair brings it up to date."""

from django.core.management.base import BaseCommand, CommandError

from search.services import index_check


class Command(BaseCommand):
    help = "Compare the search index with the database and report the differences."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Index what is missing or outdated and remove what is stale.",
        )
        parser.add_argument(
            "--show", type=int, default=10, help="How many keys to list per kind."
        )

    def handle(self, *args, repair=False, show=10, **options):
        report = index_check(repair=repair)
        for label, keys in (
            ("missing", report.missing),
            ("outdated", report.outdated),
            ("stale", report.stale),
        ):
            self.stdout.write(f"{label}: {len(keys)}")
            for key in keys[:show]:
                self.stdout.write(f"  {key}")
            if len(keys) > show:
                self.stdout.write(f"  … and {len(keys) - show} more")
        if report.is_clean:
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
        elif repair:
            self.stdout.write(self.style.SUCCESS("Repaired."))
        else:
            raise CommandError("The index differs from the database; use --repair.")
