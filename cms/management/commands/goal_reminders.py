"""manage.py goal_reminders [--dry-run]"""

from django.core.management.base import BaseCommand

from cms.progress_reminders import BEFORE_DAYS, reminders_send


class Command(BaseCommand):
    help = (
        f"E-mail the reminders that a goal's progress must be reported: {BEFORE_DAYS} "
        "days before its due date and from the due date on (cms.progress_reminders). "
        "Run daily from cron; each reminder goes out once, a missed day catches up. "
        "--dry-run only lists them."
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
                f"goal {reminder.goal.pk} ({reminder.goal.code}), {reminder.kind} "
                f"due {reminder.due_date:%d/%m/%Y}: {verb} to {len(recipients)}"
            )
        self.stdout.write(f"{len(sent)} reminder(s) {verb}.")
