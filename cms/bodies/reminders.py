"""E-mail reminders of the terms of advice (`cms.bodies.terms`), sent by the daily
`manage.py advice_reminders` (cron, see README "Running in production").

"7 and 2 days before a due date and on the day it passes": three steps per due
date, on the due date minus 7 days, minus 2 days, and on the due date itself (the
last day of the term: "vandaag verloopt de termijn"; the next day the advice is
overdue and shows on the dashboards, not in the mailbox).

- The body's term (a request in `BODY_TERM_STATES`): to the chairs and
  secretaries with a running seat (`portal.access.bodies.body_officers`) and the
  body's contact civil servant.
- The town's term (an advice in `TOWN_TERM_STATES`): to the body's contact civil
  servant or, without one, the "Civil servants" group
  (`portal.access.bodies.town_contacts`).

Once: every reminder sent is an `AdviceReminder` row, unique per advice, term, due
date and step; a second run the same day sends nothing. A missed run catches up:
the most recent step due is sent once (not the ones it skipped), and the due
date's own reminder still goes out up to `CATCH_UP_DAYS` after it. An extension
gives a new due date, whose steps start afresh. Advice without a running term
(own initiative before submission, answered, closed, withdrawn) gets nothing.
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

from cms.bodies.lifecycle import BODY_TERM_STATES, TOWN_TERM_STATES
from cms.bodies.models import Advice, AdviceKind, AdviceReminder, ReminderTerm
from cms.bodies.terms import body_due_date, closed_day, submitted_on, town_due_date
from portal.access.bodies import body_officers, town_contacts

logger = logging.getLogger(__name__)

#: Days before the due date on which a reminder goes out; 0 is the due date.
STEPS = (7, 2, 0)
#: How many days after the due date a missed run still sends its reminder.
CATCH_UP_DAYS = 3


def advice_url(advice: Advice) -> str:
    """The absolute address of the advice in the body's workspace, where its
    officers and the town's civil servants (everyone a reminder goes to) act."""
    path = reverse("partners:body_advice", args=[advice.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def step_due(due_date: datetime.date, today: datetime.date) -> int | None:
    """The most recent step (7, 2 or 0 days before `due_date`) whose day has come
    by `today`, or None: too early, or more than `CATCH_UP_DAYS` past the due
    date."""
    if (today - due_date).days > CATCH_UP_DAYS:
        return None
    for days_before in sorted(STEPS):
        if due_date - datetime.timedelta(days=days_before) <= today:
            return days_before
    return None


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: which term of which advice, and at which step."""

    advice: Advice
    term: ReminderTerm
    due_date: datetime.date
    days_before: int


def _running_terms():
    """(advice, term, due date) of every term that runs."""
    requests = Advice.objects.filter(
        kind=AdviceKind.REQUEST, state__in=BODY_TERM_STATES
    ).select_related("body")
    for advice in requests:
        yield advice, ReminderTerm.BODY, body_due_date(advice)
    for advice in Advice.objects.filter(state__in=TOWN_TERM_STATES).select_related(
        "body"
    ):
        yield advice, ReminderTerm.TOWN, town_due_date(advice)


def reminders_due(today: datetime.date) -> list[Reminder]:
    """The reminders to send on `today` that were not sent yet."""
    reminders = []
    for advice, term, due_date in _running_terms():
        if due_date is None:
            continue
        days_before = step_due(due_date, today)
        if days_before is None:
            continue
        already = AdviceReminder.objects.filter(
            advice=advice, term=term, due_date=due_date, days_before=days_before
        ).exists()
        if not already:
            reminders.append(Reminder(advice, term, due_date, days_before))
    return reminders


def reminder_recipients(reminder: Reminder, today: datetime.date) -> list[str]:
    """The addresses the reminder goes to (see the module's docstring)."""
    body = reminder.advice.body
    contacts = town_contacts(body.contact_civil_servant_id)
    if reminder.term == ReminderTerm.BODY:
        # The contact civil servant follows the body's term too; the group that
        # stands in for a missing one does not.
        officers = body_officers(body.pk, on=today)
        contact = contacts.filter(pk=body.contact_civil_servant_id)
        addresses = {
            *officers.values_list("email", flat=True),
            *contact.values_list("email", flat=True),
        }
    else:
        addresses = set(contacts.values_list("email", flat=True))
    addresses.discard("")
    return sorted(addresses)


def _context(reminder: Reminder, today: datetime.date) -> dict:
    advice = reminder.advice
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "advice": advice,
        "body": advice.body,
        "town_term": reminder.term == ReminderTerm.TOWN,
        "due_date": reminder.due_date,
        "days_left": (reminder.due_date - today).days,
        "closed_day": closed_day(reminder.due_date),
        "asked_on": advice.asked_on,
        "submitted_on": (
            submitted_on(advice) if reminder.term == ReminderTerm.TOWN else None
        ),
        "url": advice_url(advice),
    }


def _send(reminder: Reminder, recipients: list[str], today: datetime.date) -> None:
    context = _context(reminder, today)
    subject = render_to_string("emails/bodies/advice_reminder_subject.txt", context)
    body = render_to_string("emails/bodies/advice_reminder_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)


def reminders_send(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[tuple[Reminder, list[str]]]:
    """Send the reminders due `today` (in Brussels by default), each once; returns
    what went out, with the recipients. A reminder without recipients is not
    recorded, so it goes out once someone holds the seat. A reminder is recorded in
    the same transaction as its mail is handed over: a mail server that refuses
    leaves it to the next run."""
    today = today or timezone.localdate()
    sent = []
    for reminder in reminders_due(today):
        recipients = reminder_recipients(reminder, today)
        if not recipients:
            logger.warning(
                "No one to remind of the %s term of advice %s (due %s).",
                reminder.term,
                reminder.advice.pk,
                reminder.due_date,
            )
            continue
        if not dry_run:
            try:
                with transaction.atomic():
                    AdviceReminder.objects.create(
                        advice=reminder.advice,
                        term=reminder.term,
                        due_date=reminder.due_date,
                        days_before=reminder.days_before,
                        sent_on=today,
                        recipient_count=len(recipients),
                    )
                    _send(reminder, recipients, today)
            except IntegrityError:
                continue  # a run at the same time sent it
            except OSError:
                # The mail server refused (SMTPException is an OSError): nothing
                # is recorded, the next run tries again; the others still go.
                logger.exception("Reminder of advice %s not sent.", reminder.advice.pk)
                continue
        sent.append((reminder, recipients))
    return sent
