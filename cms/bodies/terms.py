"""The terms of advice, as the quality frameworks fix them (Lokeren's, for one):

- the body answers a request within 30 calendar days of the day it was asked,
  14 when the town marks it urgent; an extension agreed with the town replaces
  that due date;
- the town answers within 30 calendar days of the day the advice was submitted
  (the date of the `submitted` step on the timeline, in Brussels).

Calendar days: a due date on a weekend or a Belgian public holiday stays as
computed (the frameworks do not move it); `closed_day` only says it falls on one,
so a screen or a reminder can warn in time.
"""

import datetime
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext as _

from cms.bodies.models import Advice, AdviceKind, AdviceState

BRUSSELS = ZoneInfo("Europe/Brussels")
BODY_TERM_DAYS = 30
URGENT_BODY_TERM_DAYS = 14
TOWN_TERM_DAYS = 30


def body_term_days(*, urgent: bool) -> int:
    return URGENT_BODY_TERM_DAYS if urgent else BODY_TERM_DAYS


def body_due_date(advice: Advice) -> datetime.date | None:
    """When the body owes its advice: only asked advice has a term."""
    if advice.kind != AdviceKind.REQUEST or advice.asked_on is None:
        return None
    if advice.extended_until:
        return advice.extended_until
    return advice.asked_on + datetime.timedelta(
        days=body_term_days(urgent=advice.urgent)
    )


def submitted_on(advice: Advice) -> datetime.date | None:
    """The day (in Brussels) the advice was submitted to the town."""
    event = (
        advice.events.filter(to_state=AdviceState.SUBMITTED)
        .order_by("created_at")
        .last()
    )
    return event.created_at.astimezone(BRUSSELS).date() if event else None


def town_due_date(advice: Advice) -> datetime.date | None:
    """When the town owes its answer: 30 days after submission."""
    day = submitted_on(advice)
    return day + datetime.timedelta(days=TOWN_TERM_DAYS) if day else None


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in Brussels, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BRUSSELS)


def closed_day(day: datetime.date) -> str | None:
    """Why `day` is no working day in Belgium (the holiday's Dutch name, or
    'zaterdag'/'zondag'), or None on a working day."""
    holiday = holidays.Belgium(years=day.year, language="nl").get(day)
    if holiday:
        return holiday
    if day.weekday() == 5:
        return _("zaterdag")
    if day.weekday() == 6:
        return _("zondag")
    return None


def falls_on_closed_day(day: datetime.date | None) -> bool:
    return day is not None and closed_day(day) is not None
