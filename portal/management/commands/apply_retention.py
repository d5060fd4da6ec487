"""manage.py apply_retention [--dry-run]"""

from django.core.management.base import BaseCommand

from portal.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Remove or anonymise personal data past its term (settings.RETENTION): "
        "attachments and free text of ended signals, unused accounts (warned, "
        "deactivated, removed), ended invitations. Run daily from cron; every run "
        "is recorded. --dry-run only reports the counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be done; change nothing.",
        )

    def handle(self, *args, dry_run, **options):
        outcomes = retention_apply(dry_run=dry_run)
        prefix = "would be " if dry_run else ""
        for outcome in outcomes:
            self.stdout.write(
                f"{outcome.rule}: {outcome.count} {prefix}handled "
                f"(term {outcome.term_days} days; {outcome.description})"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed or recorded.")
