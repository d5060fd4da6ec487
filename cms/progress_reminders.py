"""E-mail reminders that a goal's progress must be reported (`cms.staleness`), sent
by the daily `manage.py goal_reminders` (cron, see README "Running in production").

Two reminders per due date: BEFORE, from `BEFORE_DAYS` days before the due date
("meld de voortgang tegen ..."), and DUE, from the due date itself on ("vandaag" or
"moest gemeld zijn op ..."). They go to the goal's contact persons or, without any,
to the active members of its owners (`portal.access.goals.goal_reminder_recipients`).

Once: every reminder sent is a `GoalReminder` row, unique per goal, kind and due
date; a second run the same day sends nothing. A missed run catches up: the most
recent kind due is sent once (a run that missed the whole BEFORE window sends only
DUE), and DUE still goes out up to `CATCH_UP_DAYS` after the due date; later, the
goal shows on the dashboards, not in the mailbox. A new report gives a new due
date, whose reminders start afresh. A reminder without recipients is not recorded,
so it goes out once someone is there to receive it.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.models import Goal, GoalReminder
from cms.staleness import goals_with_due_dates
from portal.access import goal_reminder_recipients

logger = logging.getLogger(__name__)

#: Days before the due date from which the BEFORE reminder goes out.
BEFORE_DAYS = 14
#: How many days after the due date a missed run still sends the DUE reminder.
CATCH_UP_DAYS = 7


def kind_due(due_date: datetime.date, today: datetime.date) -> str | None:
    """The reminder whose day has come by `today` for `due_date`, or None: too
    early, or more than `CATCH_UP_DAYS` past the due date."""
    if today > due_date + datetime.timedelta(days=CATCH_UP_DAYS):
        return None
    if today >= due_date:
        return GoalReminder.Kind.DUE
    if today >= due_date - datetime.timedelta(days=BEFORE_DAYS):
        return GoalReminder.Kind.BEFORE
    return None


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: which goal, which kind, for which due date."""

    goal: Goal
    kind: str
    due_date: datetime.date


def reminders_due(today: datetime.date) -> list[Reminder]:
    """The reminders to send on `today` that were not sent yet."""
    candidates = []
    for goal in goals_with_due_dates(Goal.objects.all(), today):
        kind = kind_due(goal.due_date, today)
        if kind is not None:
            candidates.append(Reminder(goal, kind, goal.due_date))
    sent = set(
        GoalReminder.objects.filter(
            goal__in=[reminder.goal.pk for reminder in candidates]
        ).values_list("goal_id", "kind", "due_date")
    )
    return [
        reminder
        for reminder in candidates
        if (reminder.goal.pk, reminder.kind, reminder.due_date) not in sent
    ]


def reminder_recipients(reminder: Reminder) -> list[str]:
    """The addresses the reminder goes to (see the module's docstring)."""
    addresses = set(
        goal_reminder_recipients(reminder.goal).values_list("email", flat=True)
    )
    addresses.discard("")
    return sorted(addresses)


def report_url(goal: Goal) -> str:
    """The absolute address of the goal's report form in the partner portal."""
    path = reverse("partners:goal_report", args=[goal.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(reminder: Reminder, recipients: list[str], today: datetime.date) -> None:
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "goal": reminder.goal,
        "due_date": reminder.due_date,
        "days_left": (reminder.due_date - today).days,
        "last_report_date": reminder.goal.last_report_date,
        "url": report_url(reminder.goal),
    }
    subject = render_to_string("emails/goals/reminder_subject.txt", context)
    body = render_to_string("emails/goals/reminder_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def reminders_send(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[tuple[Reminder, list[str]]]:
    """Send the reminders due `today` (in Brussels by default), each once; returns
    what went out, with the recipients. A reminder is recorded in the same
    transaction as its mail is handed over: a mail server that refuses leaves it to
    the next run."""
    today = today or timezone.localdate()
    sent = []
    for reminder in reminders_due(today):
        recipients = reminder_recipients(reminder)
        if not recipients:
            logger.warning(
                "No one to remind of goal %s (due %s).",
                reminder.goal.pk,
                reminder.due_date,
            )
            continue
        if not dry_run:
            try:
                with transaction.atomic():
                    GoalReminder.objects.create(
                        goal=reminder.goal,
                        kind=reminder.kind,
                        due_date=reminder.due_date,
                    )
                    _send(reminder, recipients, today)
            except IntegrityError:
                continue  # a run at the same time sent it
            except OSError:
                logger.exception("Reminder of goal %s not sent.", reminder.goal.pk)
                continue
        sent.append((reminder, recipients))
    return sent
