"""manage.py advice_reminders [--dry-run]"""

from django.core.management.base import BaseCommand

from cms.bodies.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the reminders of advice terms due today: 7 and 2 days before a due "
        "date and on the due date itself (cms.bodies.reminders). Run daily from "
        "cron; each reminder goes out once, a missed day catches up. --dry-run only "
        "lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders due; send and record nothing.",
        )

    def handle(self, *args, dry_run, **options):
        sent = reminders_send(dry_run=dry_run)
        verb = "would be sent" if dry_run else "sent"
        for reminder, recipients in sent:
            self.stdout.write(
                f"advice {reminder.advice.pk}, {reminder.term} term due "
                f"{reminder.due_date:%d/%m/%Y} (-{reminder.days_before} days): "
                f"{verb} to {len(recipients)}"
            )
        self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
